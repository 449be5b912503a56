import { describe, expect, it } from 'vitest';
import { InvalidTaskIdError } from './errors.js';
import { assertTaskId, isValidTaskId } from './tasks.js';

describe('task IDs', () => {
  it.each(['TASK-DEV-20261126-090512', 'TASK-ONBOARD-2506050958', 'TASK-fix_login.v2', 'TASK-1'])(
    'accepts %j',
    (id) => {
      expect(isValidTaskId(id)).toBe(true);
      expect(assertTaskId(id)).toBe(id);
    },
  );

  it.each(['', 'TASK-', 'TASK--x', 'task-x', 'TASK-a b', 'TASK-a/b', ' TASK-a', 'TASK-a\n'])(
    'refuses %j',
    (id) => {
      expect(isValidTaskId(id)).toBe(false);
      expect(() => assertTaskId(id)).toThrow(InvalidTaskIdError);
    },
  );

  it('says what a task ID looks like', () => {
    expect(() => assertTaskId('nope')).toThrow(/`nope`.*TASK-/);
  });
});
