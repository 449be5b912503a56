import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TempRepo } from './tempRepo.js';

// Hundreds of session folders written straight into git objects by one `git fast-import` (300 sessions take a
// fraction of a second, where `roo session start` for each would take minutes). Mirrors bench/lib/makeManySessions.

/** One session log to write: `text` is the whole `session_log.md`. */
export type FastSession = { id: string; title: string; status: string; branch: string; text: string };

/** A commit of session folders on `ref`, its parent `from` (a sha or a ref; omitted: a root commit). */
export type SessionCommit = {
  ref: string;
  from?: string;
  message: string;
  sessions: readonly FastSession[];
  /** Raw files to add besides the logs (path → bytes), e.g. a broken log. */
  files?: Readonly<Record<string, string>>;
  /** Unix seconds (the committer date decides which copy of a session is newest). */
  time: number;
};

/** A V7 log as roo writes it, for session number `n` (minute stamps two minutes apart from 2026-11-01 08:00). */
export function fastSession(
  n: number,
  { goal = `Bulk task ${n} tidy the widget code`, status = '🏁 Completed' } = {},
): FastSession {
  const start = new Date(Date.UTC(2026, 10, 1, 8, 0, 0) + n * 2 * 60_000);
  const iso = start.toISOString();
  const stamp = iso.slice(2, 16).replace(/[-T:]/g, '');
  const id = `SESSION-${goal.replace(/[^A-Za-z0-9-]+/g, '_').replace(/^_+|_+$/g, '')}-${stamp}`;
  const branch = `session/${id}`;
  const when = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const text = `+++
id = "${id}"
title = "${goal}"
status = "${status}"
start_time = "${iso.slice(0, 19)}+00:00"
end_time = "${status === '🟢 Active' ? '' : `${iso.slice(0, 19)}+00:00`}"
coordinator = "roo-cli"
related_tasks = []
related_artifacts = []
tags = ["session", "log"]
branch = "${branch}"
base_commit = ""
+++

# Session Log

## Goal

${goal}

## Log Entries

- [${when}] Session initiated by \`roo-cli\` with goal: "${goal}"
`;
  return { id, title: goal, status, branch, text };
}

/** Writes the commits in order with one `git fast-import`; returns each commit's sha. */
export async function importSessionCommits(
  t: TempRepo,
  commits: readonly SessionCommit[],
): Promise<string[]> {
  const parts: Buffer[] = [];
  const raw = (text: string) => parts.push(Buffer.from(text, 'utf8'));
  // fast-import counts data in bytes, not characters.
  const data = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    parts.push(Buffer.from(`data ${bytes.length}\n`), bytes, Buffer.from('\n'));
  };
  commits.forEach((c, i) => {
    raw(`commit ${c.ref}\nmark :${i + 1}\n`);
    raw(`committer Roo Test <roo@example.test> ${c.time} +0000\n`);
    data(c.message);
    if (c.from !== undefined) raw(`from ${c.from}\n`);
    for (const s of c.sessions) {
      raw(`M 100644 inline .ruru/sessions/${s.id}/session_log.md\n`);
      data(s.text);
    }
    for (const [path, text] of Object.entries(c.files ?? {})) {
      raw(`M 100644 inline ${path}\n`);
      data(text);
    }
    raw('\n');
  });
  const marksFile = join(t.root, `fast-import-marks-${Date.now()}`);
  // execa writes a string input as UTF-8: the same bytes as `parts`.
  await t.git(['fast-import', '--quiet', `--export-marks=${marksFile}`], {
    input: Buffer.concat(parts).toString('utf8'),
  });
  const marks = new Map<number, string>();
  for (const line of readFileSync(marksFile, 'utf8').split('\n')) {
    const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
    if (m) marks.set(Number(m[1]), m[2]!);
  }
  rmSync(marksFile);
  return commits.map((_, i) => marks.get(i + 1)!);
}
