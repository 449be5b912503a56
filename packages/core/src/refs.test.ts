import { describe, expect, it } from 'vitest';
import { isPlainBranchName, isPortableFileName, isValidBranchName, isValidRefComponent } from './refs.js';

describe('isValidBranchName', () => {
  it.each(['session/SESSION-Fix-2611260905', 'main', 'a/b/c', 'feature-1', 'x.y'])('accepts %j', (name) => {
    expect(isValidBranchName(name)).toBe(true);
  });
  it.each([
    '',
    '@',
    '-x',
    'a..b',
    'a b',
    'a~b',
    'a^b',
    'a:b',
    'a?b',
    'a*b',
    'a[b',
    'a\\b',
    'a@{b',
    '/a',
    'a/',
    'a//b',
    'a.',
    '.a',
    'a/.b',
    'a.lock',
    'a/b.lock/c',
    'a\u0001b',
    'a\u007fb',
  ])('refuses %j', (name) => {
    expect(isValidBranchName(name)).toBe(false);
  });
  it('refuses slashes in a component', () => {
    expect(isValidRefComponent('a/b')).toBe(false);
    expect(isValidRefComponent('SESSION-a-2611260905')).toBe(true);
  });
});

describe('isPortableFileName', () => {
  it.each(['SESSION-CON-2611260905', 'NOTE-x-2611260905.md', 'console.txt', 'CONX'])('accepts %j', (name) => {
    expect(isPortableFileName(name)).toBe(true);
  });
  it.each([
    '',
    '.',
    '..',
    'CON',
    'con.txt',
    'NUL',
    'COM1',
    'lpt9.md',
    'con.txt.bak',
    'a<b',
    'a|b',
    'a"b',
    'a/b',
    'a\\b',
    'a.',
    'a ',
  ])('refuses %j', (name) => {
    expect(isPortableFileName(name)).toBe(false);
  });
});

describe('isPlainBranchName', () => {
  it('refuses refs spelled out, HEAD, option-like and invalid names', () => {
    for (const bad of ['refs/heads/x', 'heads/x', 'remotes/origin/x', 'HEAD', '-x', 'a..b', 'x.lock', '']) {
      expect(isPlainBranchName(bad), bad).toBe(false);
    }
    for (const good of ['main', 'feature/login', 'session/SESSION-x-2611260905', 'my-refs/x']) {
      expect(isPlainBranchName(good), good).toBe(true);
    }
  });
});
