import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACT_README_TEMPLATE,
  artifactTypeForFolder,
  DetachedHeadError,
  folderTitle,
  GitOperationError,
  InvalidGoalError,
  makeSessionId,
  PreconditionError,
  renderNewSessionLog,
  renderSubfolderReadme,
  SESSION_LOG_TEMPLATE,
  SessionStatus,
  seenOf,
  UsageError,
} from '@roo-session/core';
import {
  assertBranchName,
  createBranchAndSwitch,
  readHead,
  refExists,
  undoBranchCreation,
} from '@roo-session/git';
import { refuseSecrets } from '../scan/secretScan.js';
import { writeTextAtomic } from '../store/fsio.js';
import { assertNoOperation } from '../store/guards.js';
import { journalSize, markJournalCursor } from '../store/journalCursor.js';
import { assertStateFile } from '../store/safeFiles.js';
import { loadTemplate } from '../store/templates.js';
import type { Workspace } from '../store/Workspace.js';
import { commitSessionFolder } from './commitSession.js';
import { warnHookFailure } from './hookFailure.js';

export type StartOptions = {
  goal: string;
  description?: string;
  here: boolean;
  branch?: string;
  coordinator?: string;
  tags: string[];
  /** Commit even if the secret scan finds credentials (in the goal, the description, anything written). */
  allowSecrets?: boolean;
};

/**
 * `roo session start`: a new session folder committed on its own branch (or on the current one with `--here`).
 * Everything that can be refused is checked before anything is written; if a later step fails, what was done is
 * undone (folder removed, previous branch checked out, new branch deleted with compare-and-swap).
 */
export async function startSession(
  ws: Workspace,
  opts: StartOptions,
): Promise<{ id: string; branch: string }> {
  const { repo, config, store } = ws;
  if (opts.goal.includes('\uFFFD')) {
    throw new InvalidGoalError({
      what: 'the goal is not valid UTF-8 (it holds bytes that decode to U+FFFD)',
      next: 'roo session start <goal>',
      hint: 'with UTF-8 text',
    });
  }
  const head = await ws.requireCommits();
  await assertNoOperation(ws.repo, 'start a session');
  if (opts.here && head.branch === null) {
    throw new DetachedHeadError({
      what: 'HEAD is detached, and `--here` maps the session to the current branch',
      next: 'git switch <branch>',
      hint: 'first, or drop `--here` to start the session on a new branch',
    });
  }
  const now = ws.ctx.now();
  const branchExists = async (name: string) => refExists(repo, `refs/heads/${name}`);
  let id: string;
  {
    const taken = new Set<string>();
    // makeSessionId asks synchronously; collect the candidates' branch existence up front, a few at most.
    for (let n = 1; n <= 50; n++) {
      const probe = makeSessionId(opts.goal, now, (candidate) => taken.has(candidate));
      if (
        store.exists(probe) ||
        (!opts.here && !opts.branch && (await branchExists(config.branchPrefix + probe)))
      ) {
        taken.add(probe);
        continue;
      }
      break;
    }
    id = makeSessionId(opts.goal, now, (candidate) => taken.has(candidate));
  }
  let branch: string;
  if (opts.here) branch = head.branch!;
  else if (opts.branch !== undefined) {
    branch = opts.branch;
    await assertBranchName(repo, branch);
    if (await branchExists(branch)) {
      throw new UsageError({
        what: `branch \`${branch}\` already exists`,
        next: `git switch ${branch}`,
        hint: 'and then `roo session start --here <goal>`, or pick another `--branch`',
      });
    }
  } else branch = config.branchPrefix + id;
  if (opts.here) {
    for (const r of store.readAll()) {
      const s = r.doc?.meta;
      if (
        s &&
        s.branch === branch &&
        (s.status === SessionStatus.Active || s.status === SessionStatus.Paused)
      ) {
        throw new PreconditionError({
          what: `branch \`${branch}\` already has a session: ${r.id} (${s.status})`,
          next: `roo session end --session ${r.id}`,
          hint: 'first, or start the new one on its own branch (drop `--here`)',
        });
      }
    }
  }
  store.assertWritable();
  // roo's own state files this start will write after its commit: damaged ones are reported before anything.
  assertStateFile(join(repo.commonDir, 'roo', 'branches', branch), `the branch map entry of \`${branch}\``);
  journalSize(ws.repo);

  const coordinator = opts.coordinator ?? config.coordinator;
  const logText = renderNewSessionLog(loadTemplate(ws, SESSION_LOG_TEMPLATE), {
    id,
    title: opts.goal,
    description: opts.description ?? '',
    date: now,
    coordinator,
    tags: opts.tags,
    branch,
    baseCommit: head.sha,
  });
  const readme = loadTemplate(ws, ARTIFACT_README_TEMPLATE);
  // Everything is undone below if the commit is refused, so the command to run again is start itself.
  const command = `roo session start${opts.here ? ' --here' : ''} <goal>`;
  const scan = config.secretScan && !opts.allowSecrets;
  // The goal and description go into the log (and the goal into the ID): refuse a credential in them before a
  // branch or file is made. The commit scans again what it commits.
  if (scan) {
    await refuseSecrets(command)([
      { path: `${ws.sessionFolderRel(id)}/session_log.md`, data: Buffer.from(logText, 'utf8') },
    ]);
  }

  const dir = ws.sessionDir(id);
  const previous = head.branch;
  let createdBranch = false;
  // The folders this start creates (`.ruru/`, `.ruru/sessions/`), removed again on failure when left empty.
  const createdDirs = [ws.ruruDir, ws.sessionsDir].filter((d) => !existsSync(d));
  try {
    if (!opts.here) {
      const switched = await switchToNewBranch(ws, branch);
      createdBranch = true;
      if (switched.hookFailure) warnHookFailure(ws, branch, switched.hookFailure);
    }
    mkdirSync(dir, { recursive: true });
    writeTextAtomic(join(dir, 'session_log.md'), logText);
    for (const folder of config.artifactDirs) {
      writeTextAtomic(
        join(dir, 'artifacts', folder, 'README.md'),
        renderSubfolderReadme(readme, folderTitle(folder), artifactTypeForFolder(folder)),
      );
    }
    await commitSessionFolder(ws, { id, branch, event: 'start', scan, command });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    removeEmptyDirs(createdDirs);
    if (createdBranch) await undoBranchCreation(repo, branch, previous ?? head.sha);
    throw error;
  }
  markJournalCursor(ws.repo, id);
  store.mapBranch(branch, id);
  return { id, branch };
}

/**
 * `git switch -c <branch>`. git exits non-zero when the repository's own post-checkout hook fails (git-lfs missing
 * is the common case) although the switch is done: then the start goes on (the caller warns). When git did not
 * switch, nothing is left (createBranchAndSwitch deletes a branch it created) and the error says so.
 */
async function switchToNewBranch(ws: Workspace, branch: string) {
  try {
    return await createBranchAndSwitch(ws.repo, branch);
  } catch (error) {
    if (!(error instanceof GitOperationError)) throw error;
    const left = await readHead(ws.repo);
    const where = left.branch ?? left.sha?.slice(0, 12) ?? 'its commit';
    throw new GitOperationError({
      what:
        `git could not create and switch to branch \`${branch}\`; nothing was changed: no branch was left ` +
        `and HEAD is still on \`${where}\``,
      seen: seenOf(error),
      next: 'git status',
      hint: '(and `git switch -c <branch>` by hand) to see what git reports; fix it, then run `roo session start <goal>` again',
      cause: error,
    });
  }
}

function removeEmptyDirs(dirs: string[]): void {
  // Deepest first; a folder that holds anything else stays.
  for (const d of [...dirs].reverse()) {
    try {
      rmdirSync(d);
    } catch {}
  }
}
