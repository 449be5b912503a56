import { PreconditionError } from './errors.js';
import { SessionStatus } from './status.js';

/** What the rule needs to know of one session folder in the worktree. */
export type BranchSessionCandidate = {
  id: string;
  status: SessionStatus | undefined;
  branch: string;
  /** ISO `start_time` ('' when unknown). */
  startTime: string;
};

/**
 * Which session a command means when no ID is given (docs/git-design.md, "Which session"): on the branch checked
 * out, the Active session mapped to it (the branch map's answer when it is one), else — for commands that also
 * read or close finished sessions (`show`, `status`, `check`, `end`, `pause`) — the branch's latest session
 * whatever its status (latest `start_time`, then the greater ID). Undefined when the branch has none.
 */
export function pickBranchSession(
  candidates: readonly BranchSessionCandidate[],
  branch: string,
  options: { anyStatus: boolean; mapped?: string },
): string | undefined {
  const onBranch = candidates.filter((c) => c.branch === branch);
  const active = onBranch.filter((c) => c.status === SessionStatus.Active);
  const mapped = onBranch.find(
    (c) => c.id === options.mapped && isMappedSessionCurrent(c.status, c.branch, branch),
  );
  if (mapped) return mapped.id;
  const pool = active.length > 0 || !options.anyStatus ? active : onBranch;
  let best: BranchSessionCandidate | undefined;
  for (const c of pool) {
    if (best === undefined || compareStart(c, best) > 0) best = c;
  }
  return best?.id;
}

function compareStart(a: BranchSessionCandidate, b: BranchSessionCandidate): number {
  const ta = Date.parse(a.startTime);
  const tb = Date.parse(b.startTime);
  const na = Number.isNaN(ta) ? -Infinity : ta;
  const nb = Number.isNaN(tb) ? -Infinity : tb;
  if (na !== nb) return na > nb ? 1 : -1;
  return a.id === b.id ? 0 : a.id > b.id ? 1 : -1;
}

/**
 * The rule's first answer on its own: the session the branch map names is the one meant when its log says it is
 * Active on the branch checked out. The start-up fast paths stop here; anything else goes to the whole rule.
 */
export function isMappedSessionCurrent(
  status: SessionStatus | undefined,
  sessionBranch: string | undefined,
  checkedOut: string,
): boolean {
  return status === SessionStatus.Active && sessionBranch === checkedOut;
}

/** Finished stays finished: a Completed or Error session takes no more entries (exit 3, what to run instead). */
export function assertTakesEntries(id: string, status: SessionStatus | undefined): void {
  if (status === SessionStatus.Completed || status === SessionStatus.Error) {
    throw new PreconditionError({
      what: `session ${id} is ${status}, and a finished session takes no more entries; nothing was recorded`,
      next: `roo session continue ${id} --reopen`,
      hint: 'to work on it again, or `roo session start <goal>` for new work',
    });
  }
}
