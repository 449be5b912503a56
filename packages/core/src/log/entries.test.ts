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
