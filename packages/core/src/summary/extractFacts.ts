import type { LogEntry } from '../log/types.js';

/**
 * What a reviewer wants from a log's entries, whoever wrote them (docs/summary-schema.md): errors and failures,
 * decisions, delegations and results with the modes involved, the tasks and artifacts the text names, and the
 * actors. Works on the entry model, so an entry's continuation lines, fences and section body count too.
 */

/** What kind of event an entry records (an entry may be several: a failed delegation is both). */
export type EntryFacts = {
  error: string | undefined;
  decision: string | undefined;
  delegation: { to: string | null; taskId: string | null } | undefined;
  result: { from: string | null; taskId: string | null } | undefined;
  /** Who wrote it or acted: the entry's own actor, a `**Mode:**`/`` `mode`: ``/`mode-slug:` prefix. */
  actor: string | null;
};

// Labels agents put in front of a text that are not actors.
const LABELS = new Set(
  [
    'decision',
    'error',
    'errors',
    'result',
    'results',
    'note',
    'notes',
    'prompt',
    'delegation',
    'confirmation',
    'status',
    'summary',
    'outcome',
    'references',
    'event',
    'details',
    'warning',
    'info',
    'todo',
    'update',
    'fix',
    'next',
    'next steps',
    'plan',
    'goal',
    'task',
    'action',
    'completed',
    'done',
    'failed',
    'failure',
    'issue',
    'problem',
    'reason',
    'question',
    'answer',
    'objective',
  ].map((w) => w.toLowerCase()),
);

const ERROR_LABEL = /^[*_]{0,2}(?:error|failure|failed|fatal|exception)[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*/i;
const DECISION_LABEL = /^[*_]{0,2}decision[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*/i;
const RESULT_LABEL = /^[*_]{0,2}(?:result|completed|complete|done|outcome)[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]*/i;
const NO_ERRORS = /\b(?:no|0|zero|without)[ \t]+(?:errors?|failures?)\b/i;
const FAILURE = /\b(?:failed|failure|failing|fails|crashed|exception|traceback)\b|\bERROR\b|\bError:/;
const TRACEBACK_LAST = /^[ \t>]*((?:[A-Za-z_][\w.]*)?(?:Error|Exception|Fault)\b:?.*)$/;
const DECISION = /\b(?:decided|decision|agreed to|chose to|opted to|going with)\b/i;
const DELEGATION = /\bdelegat(?:ed|ing|ion|e)\b/i;
const RESULT = /\b(?:received result|result from|results? for|completed task|task complete[d]?)\b/i;
const CODE_NAME = '`?([A-Za-z0-9][A-Za-z0-9_.:/-]{0,60}[A-Za-z0-9])`?';
const TO_MODE = new RegExp(`\\bto[ \\t]+(?:the[ \\t]+)?(?:mode[ \\t]+)?${CODE_NAME}`, 'i');
const FROM_MODE = new RegExp(`\\bfrom[ \\t]+(?:the[ \\t]+)?(?:mode[ \\t]+)?${CODE_NAME}`, 'i');
const TASK_ID = /\bTASK-[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?/g;
const TASK_FILE = /(?:\.ruru\/)?tasks\/(?:[^\s`'"()[\]<>]*\/)?(TASK-[A-Za-z0-9][A-Za-z0-9_.-]*?)\.md\b/g;
const ARTIFACT_PATH =
  /(?:^|[^\w/.-])((?:\.ruru\/sessions\/[^\s/`'"]+\/)?artifacts\/[^\s`'"()[\]<>]+\.[A-Za-z0-9]+)/g;
const PLACEHOLDER_TASKS = new Set(['TASK-ID', 'TASK-XXX', 'TASK-X']);

/** The first line of `text` that names what went wrong, for an error whose detail is a traceback or a fence. */
function exceptionLine(detail: string): string | undefined {
  if (!/Traceback|Error|Exception|error:/.test(detail)) return undefined;
  const lines = detail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = TRACEBACK_LAST.exec(lines[i]!);
    if (m !== null && !/^[ \t]*File "/.test(lines[i]!)) return m[1]!.trim();
  }
  const err = lines.find((line) => /\berror\b/i.test(line) && !/^[ \t]*(?:```|~~~|#)/.test(line));
  return err?.trim();
}

/** A `**Name:**`, `` `name`: `` or `name-slug:` prefix naming who wrote the entry; undefined for a label. */
export function actorPrefix(text: string): string | undefined {
  const bold =
    /^[*_]{2}([^*_:\n]{2,40}?)[ \t]*:[*_]{2}/.exec(text) ??
    /^[*_]{2}([^*_:\n]{2,40}?)[*_]{2}[ \t]*:/.exec(text);
  const code = /^`([A-Za-z0-9][\w.-]{1,40})`[ \t]*:/.exec(text);
  const slug = /^([a-z][a-z0-9]*(?:-[a-z0-9]+)+):[ \t]/.exec(text);
  const name = (bold ?? code ?? slug)?.[1]?.trim();
  if (name === undefined || LABELS.has(name.toLowerCase())) return undefined;
  return name;
}

const clean = (name: string | undefined | null): string | null => {
  if (name === undefined || name === null) return null;
  const v = name.replace(/^[`*_]+|[`*_.,;:]+$/g, '').trim();
  return v === '' ? null : v;
};

/** Reads one entry (its first line's text and the lines that belong to it). */
export function factsOf(entry: Pick<LogEntry, 'text' | 'detail' | 'actor' | 'level'>): EntryFacts {
  const text = entry.text;
  const detail = entry.detail ?? '';
  const all = detail === '' ? text : `${text}\n${detail}`;
  const actor = clean(entry.actor) ?? clean(actorPrefix(text));
  // What follows an actor prefix is what the labels below are looked for in.
  const body =
    actorPrefix(text) === undefined
      ? text
      : text.replace(/^(?:[*_]{2}[^*_\n]+[*_]{2}|`[^`\n]+`|[a-z0-9-]+)[ \t]*:?[ \t]*/, '');
  const level = entry.level?.toUpperCase();

  let error: string | undefined;
  if (level !== undefined && /^(?:ERROR|FATAL|CRITICAL|FAIL|FAILED)$/.test(level)) error = body;
  else if (ERROR_LABEL.test(body)) error = body.replace(ERROR_LABEL, '');
  else if (/^[*_]{0,2}ERROR\b/.test(body))
    error = body.replace(/^[*_]{0,2}ERROR[*_]{0,2}[ \t]*:?[*_]{0,2}[ \t]*/, '');
  else if (FAILURE.test(text) && !NO_ERRORS.test(text)) error = body;
  else if (/Traceback \(most recent call last\)|^[ \t]*[A-Za-z_.]*(?:Error|Exception): /m.test(detail))
    error = body;
  else if (/(?:^|; )(?:level|type|status|event): (?:error|failed|failure)\b/i.test(text)) error = body;
  if (error !== undefined) {
    const why = exceptionLine(detail);
    if (why !== undefined && !error.includes(why)) error = `${error} ${why}`.trim();
  }

  let decision: string | undefined;
  if (DECISION_LABEL.test(body)) decision = body.replace(DECISION_LABEL, '');
  else if (DECISION.test(text)) decision = body;
  else {
    const line = detail.split('\n').find((l) => DECISION_LABEL.test(l.trim()));
    if (line !== undefined) decision = line.trim().replace(DECISION_LABEL, '');
  }

  const taskId = tasksIn(all)[0]?.id ?? null;
  let delegation: EntryFacts['delegation'];
  if (DELEGATION.test(text) && !/\b(?:denied|declined|rejected)\b/i.test(text)) {
    delegation = { to: clean(TO_MODE.exec(body)?.[1]), taskId };
  }
  let result: EntryFacts['result'];
  if (RESULT_LABEL.test(body) || RESULT.test(text)) {
    // `Received result from \`mode\``: the mode named; `Completed: …` is the writer's own result.
    const from = RESULT.test(text) ? clean(FROM_MODE.exec(body)?.[1]) : null;
    result = { from: from ?? actor, taskId };
  }
  return { error, decision, delegation, result, actor };
}

/** Task IDs named in a text, with the task file when the text links one (`.ruru/tasks/…/TASK-X.md`). */
export function tasksIn(text: string): { id: string; file: string | null }[] {
  const out = new Map<string, string | null>();
  for (const m of text.matchAll(TASK_FILE)) {
    const id = m[1]!;
    if (!out.has(id) || out.get(id) === null) out.set(id, m[0].startsWith('.ruru/') ? m[0] : `.ruru/${m[0]}`);
  }
  for (const m of text.matchAll(TASK_ID)) {
    // `TASK-X.md` named without its folder is the task, not a task called `TASK-X.md`.
    const id = m[0].replace(/\.md$/, '');
    if (!PLACEHOLDER_TASKS.has(id) && !out.has(id)) out.set(id, null);
  }
  return [...out].map(([id, file]) => ({ id, file }));
}

/** Artifact paths named in a text (`artifacts/<folder>/<file>`, relative to the session folder). */
export function artifactsIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(ARTIFACT_PATH)) {
    const path = m[1]!.replace(/^\.ruru\/sessions\/[^/]+\//, '').replace(/[.,;:]+$/, '');
    if (!path.includes('[') && !path.includes('..')) out.add(path);
  }
  return [...out];
}
