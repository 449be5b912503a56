import { describe, expect, it } from 'vitest';
import {
  escapeInline,
  fencedBlock,
  inlineCode,
  linkTarget,
  splitCodeSpans,
  tableCell,
  tableCode,
} from './markdown.js';

describe('escapeInline', () => {
  it('keeps inline Markdown an agent wrote', () => {
    expect(escapeInline('**Mode Maintainer:** created `kb/README.md`')).toBe(
      '**Mode Maintainer:** created `kb/README.md`',
    );
  });

  it('turns raw HTML into text, but not inside code spans', () => {
    expect(escapeInline('closing </details> early <b>x</b>')).toBe(
      'closing &lt;/details&gt; early &lt;b&gt;x&lt;/b&gt;',
    );
    expect(escapeInline('type `<T>` here')).toBe('type `<T>` here');
    expect(escapeInline('an entity &amp; stays visible')).toBe('an entity &amp;amp; stays visible');
    expect(escapeInline('R&D')).toBe('R&D');
  });

  it('makes one line of anything', () => {
    expect(escapeInline('a\nb\r\nc\rd')).toBe('a b c d');
  });

  it('escapes what would start a block inside a list item', () => {
    expect(escapeInline('# not a heading')).toBe('\\# not a heading');
    expect(escapeInline('- not a list')).toBe('\\- not a list');
    expect(escapeInline('---')).toBe('\\---');
    expect(escapeInline('1. not ordered')).toBe('1\\. not ordered');
    expect(escapeInline('2025 was fine')).toBe('2025 was fine');
  });

  it('escapes pipes for a table cell, in code spans too', () => {
    expect(tableCell('a | b `c|d`')).toBe('a \\| b `c\\|d`');
    expect(tableCell('  ')).toBe('-');
  });

  it('reads code spans as CommonMark does: a backslash-escaped backtick opens none, and is kept escaped', () => {
    expect(splitCodeSpans('\\`<img>`')).toEqual([{ code: false, text: '\\`<img>`' }]);
    expect(escapeInline('\\`</details><img src=x>`')).toBe('\\`&lt;/details&gt;&lt;img src=x&gt;\\`');
    expect(escapeInline('one ` left')).toBe('one \\` left');
  });

  it('breaks images and mentions, escapes task boxes, quotes and fences at the start', () => {
    expect(escapeInline('![x](https://e/p.png)')).toBe('!\\[x](https://e/p.png)');
    expect(escapeInline('cc @octocat and `@code`')).toBe('cc @\u200Boctocat and `@code`');
    expect(escapeInline('[ ] box')).toBe('\\[ ] box');
    expect(escapeInline('```js')).toBe('\\`\\`\\`js');
    expect(escapeInline('\u001b[31mred')).toBe('\\[31mred');
  });

  it('escapes pipes in a code cell and after a backslash', () => {
    expect(tableCode('a|b')).toBe('`a\\|b`');
    expect(tableCell('a\\|b')).toBe('a\\\\\\|b');
  });

  it('leaves an unmatched backtick as text', () => {
    expect(splitCodeSpans('a ` b `` c ``')).toEqual([
      { code: false, text: 'a ` b ' },
      { code: true, text: '`` c ``' },
    ]);
  });
});

describe('inlineCode', () => {
  it('picks a fence longer than any backtick run inside', () => {
    expect(inlineCode('plain')).toBe('`plain`');
    expect(inlineCode('a`b')).toBe('`` a`b ``');
    expect(inlineCode('x``y')).toBe('``` x``y ```');
  });
});

describe('linkTarget', () => {
  it('percent-encodes each segment, parentheses, # and spaces included', () => {
    expect(linkTarget('.ruru/sessions/S/artifacts/notes/NOTE-a (b)#1-2611260912.md')).toBe(
      '.ruru/sessions/S/artifacts/notes/NOTE-a%20%28b%29%231-2611260912.md',
    );
  });

  it('joins a base URL with exactly one slash', () => {
    expect(linkTarget('a/b.md', 'https://x/blob/abc')).toBe('https://x/blob/abc/a/b.md');
    expect(linkTarget('a/b.md', 'https://x/blob/abc/')).toBe('https://x/blob/abc/a/b.md');
  });
});

describe('fencedBlock', () => {
  it('uses a fence no line of the text can close', () => {
    expect(fencedBlock('a\n```\nb', 'markdown')).toBe('````markdown\na\n```\nb\n````');
    expect(fencedBlock('x\n\n')).toBe('```\nx\n```');
  });
});
