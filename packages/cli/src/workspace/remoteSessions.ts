import { parseSessionLog, type SessionLogDoc } from '@roo-session/core';
import type { Workspace } from './Workspace.js';

/** A copy of a session log read from a branch tip (local or remote-tracking) without checking it out. */
export type RefSession = {
  id: string;
  title: string;
  /** The full ref it was read from (`refs/heads/session/…`, `refs/remotes/origin/…`). */
  ref: string;
  /** The ref's tip commit time, to tell which copy is newest. */
  tipDate: Date | undefined;
  doc?: SessionLogDoc;
  error?: Error;
};

/**
 * Every session log on every local and remote-tracking branch, read straight from git objects by one
 * `git cat-file --batch` process. One unreadable log is reported on its copy, never fatal (SPEC 1.4).
 */
export async function findSessionsOnRefs(ws: Workspace): Promise<RefSession[]> {
  const branches = await ws.repo.listBranches(['refs/heads', 'refs/remotes']);
  const refs = branches.filter((b) => !b.ref.endsWith('/HEAD'));
  const tips = new Map(refs.map((b) => [b.ref, b.committedAt]));
  const logs = await ws.repo.readSessionLogsFromRefs(refs.map((b) => b.ref));
  return logs.map((l) => {
    const file = `${l.ref}:.ruru/sessions/${l.id}/session_log.md`;
    try {
      const doc = parseSessionLog(l.text, file);
      return { id: l.id, title: doc.meta.title, ref: l.ref, tipDate: tips.get(l.ref), doc };
    } catch (error) {
      return { id: l.id, title: '', ref: l.ref, tipDate: tips.get(l.ref), error: error as Error };
    }
  });
}

/** The short name of a ref for people: `session/X` for a local branch, `origin/session/X` for a remote one. */
export function shortRef(ref: string): string {
  return ref.replace(/^refs\/heads\//, '').replace(/^refs\/remotes\//, '');
}
