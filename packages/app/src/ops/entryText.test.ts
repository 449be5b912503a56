import { describe, expect, it } from 'vitest';
import { shapeEntryText } from './entryText.js';

describe('shapeEntryText', () => {
  it('indents every line after the first by two spaces', () => {
    expect(shapeEntryText('Plan:\n- one\n- two\n')).toBe('Plan:\n  - one\n  - two');
  });
  it('keeps single blank lines blank, drops runs of them and the ones around the text', () => {
    expect(shapeEntryText('\n\nfirst\r\n\r\n\r\nsecond  \n\n')).toBe('first\n\n  second');
  });
  it('leaves a one-line message as it is', () => {
    expect(shapeEntryText('just this')).toBe('just this');
  });
  it('keeps the relative indentation of code', () => {
    expect(shapeEntryText('Fix:\n```ts\nif (x) {\n  y();\n}\n```')).toBe(
      'Fix:\n  ```ts\n  if (x) {\n    y();\n  }\n  ```',
    );
  });
});
