import { InvalidTaskIdError } from './errors.js';

/** MDTM task IDs as real repositories write them (docs/formats.md): `TASK-` then a letter or digit, then a slug. */
export const TASK_ID_PATTERN = /^TASK-[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** True when `id` matches {@link TASK_ID_PATTERN}. */
export function isValidTaskId(id: string): boolean {
  return TASK_ID_PATTERN.test(id);
}

/**
 * Returns `id` when it is a valid task ID.
 *
 * @throws InvalidTaskIdError naming what was seen and the expected shape.
 */
export function assertTaskId(id: string): string {
  if (isValidTaskId(id)) return id;
  throw new InvalidTaskIdError({
    what: `invalid task ID \`${id}\`: a task ID starts with \`TASK-\` followed by letters, digits, \`_\`, \`.\` or \`-\``,
    next: 'roo session task link TASK-DEV-20261126-090512',
    hint: 'for example',
  });
}
