import { describe, expect, it } from 'vitest';
import { SessionStatus } from '../status.js';
import {
  artifactEntry,
  codeSpan,
  delegatedEntry,
  errorEntry,
  freeEntry,
  initiatedEntry,
  LOG_ENTRY_TYPES,
  resultEntry,
  shapeEntryText,
  statusEntry,
  taskLinkedEntry,
} from './entries.js';

describe('canonical V7 wordings', () => {
  it('matches docs/formats.md', () => {
    expect(initiatedEntry('roo-cli', 'Fix login rate-limit!')).toBe(
      'Session initiated by `roo-cli` with goal: "Fix login rate-limit!"',
    );
    expect(artifactEntry('artifacts/notes/NOTE-initial_plan-2611260912.md', 'note')).toBe(
      'Created artifact: `artifacts/notes/NOTE-initial_plan-2611260912.md` (Type: note)',
    );
    expect(delegatedEntry('TASK-DEV-1', 'dev-react', 'build the form')).toBe(
      'Delegated task `TASK-DEV-1` to `dev-react`: build the form',
    );
    expect(resultEntry('dev-react', 'TASK-DEV-1', 'done')).toBe(
      'Received result from `dev-react` for task `TASK-DEV-1`: done',
    );
    expect(statusEntry(SessionStatus.Paused)).toBe('Session status changed to: `⏸️ Paused`');
    expect(taskLinkedEntry('TASK-1', true)).toBe('Linked task `TASK-1`');
    expect(taskLinkedEntry('TASK-1', false)).toBe('Linked task `TASK-1` (no task file found in .ruru/tasks)');
  });

  it('labels free entries by type', () => {
    expect(LOG_ENTRY_TYPES).toEqual([
      'note',
      'decision',
      'prompt',
      'delegation',
      'result',
      'confirmation',
      'error',
    ]);
    expect(freeEntry('note', 'plain')).toBe('plain');
    expect(freeEntry('decision', 'use Redis')).toBe('**Decision:** use Redis');
    expect(freeEntry('prompt', 'p')).toBe('**Prompt:** p');
    expect(freeEntry('delegation', 'd')).toBe('**Delegation:** d');
    expect(freeEntry('result', 'r')).toBe('**Result:** r');
    expect(freeEntry('confirmation', 'c')).toBe('**Confirmation:** c');
    expect(freeEntry('error', 'e')).toBe('**Error:** e');
    expect(errorEntry('disk full')).toBe('**Error:** disk full');
  });

  it('keeps code spans intact when the value has backticks', () => {
    expect(codeSpan('a`b')).toBe('`` a`b ``');
    expect(codeSpan('x``y')).toBe('``` x``y ```');
  });
});

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
