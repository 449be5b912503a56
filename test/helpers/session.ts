import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { parse as parseToml } from 'smol-toml';
import { expect } from 'vitest';
import type { RunResult, TempRepo } from './tempRepo.js';

// Shared by the session end-to-end tests: a fixed clock, commits with fixed dates, reading a session log back,
// and a snapshot of everything a refused command must leave alone.

/** `ROO_NOW` for minute `m` of 26 Nov 2026 09:xx UTC (the helper's TZ is UTC): IDs end in `26112609xx`. */
export function at(minute: number, second = 0): string {
  return `2026-11-26T09:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}Z`;
}

/** What {@link roo} takes: `process` runs the built binary as its own process (`TempRepo.rooProcess`). */
export type RooOptions = { cwd?: string; env?: Record<string, string>; now?: string; process?: boolean };

/**
 * Runs `roo` (in process, or the built binary with `process`) with the clock at `now` (default 09:05:12, so IDs
 * end in `2611260905`).
 */
export function roo(t: TempRepo, args: string[], opts: RooOptions = {}): Promise<RunResult> {
  return (opts.process ? t.rooProcess : t.roo)(args, {
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    env: { ROO_NOW: opts.now ?? at(5, 12), ...opts.env },
  });
}

/** Runs `roo` and asserts exit 0 with nothing on stderr but warnings; returns trimmed stdout. */
export async function rooOk(t: TempRepo, args: string[], opts: RooOptions = {}): Promise<string> {
  const r = await roo(t, args, opts);
  expect(r.exitCode, `roo ${args.join(' ')}\n${r.stderr}`).toBe(0);
  expect(r.stderr.replace(/^roo: (warning|checkpointed|checked) .*\n/gm, '')).toBe('');
  return r.stdout.trim();
}

/** Writes, stages and commits one file in `cwd`, dated `date` (so log entries sort against the fixed clock). */
export async function commitAt(
  t: TempRepo,
  rel: string,
  content: string,
  message: string,
  date: string,
  cwd = t.dir,
): Promise<string> {
  const env = { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  mkdirSync(dirname(join(cwd, rel)), { recursive: true });
  writeFileSync(join(cwd, rel), content);
  await t.git(['add', '--', rel], { cwd, env });
  await t.git(['commit', '-q', '-m', message], { cwd, env });
  return rev(t, 'HEAD', cwd);
}

export async function rev(t: TempRepo, what: string, cwd = t.dir): Promise<string> {
  return (await t.git(['rev-parse', '--verify', what], { cwd })).stdout.trim();
}

export async function git(t: TempRepo, args: string[], cwd = t.dir): Promise<string> {
  return (await t.git(args, { cwd })).stdout;
}

export function logPath(id: string): string {
  return `.ruru/sessions/${id}/session_log.md`;
}

/** The TOML frontmatter of a `+++` Markdown file, parsed with smol-toml (independently of roo's codec). */
export function frontmatter(text: string): Record<string, unknown> {
  const m = /^\+\+\+\r?\n([\s\S]*?)\r?\n\+\+\+\r?\n/.exec(text);
  expect(m, 'file starts with +++ frontmatter').not.toBeNull();
  return parseToml(m![1]!) as Record<string, unknown>;
}

/** The `status = "…"` line's quoted value, as the bytes in the file. */
export function statusBytes(text: string): Buffer {
  const m = /^status = "([^"]*)"/m.exec(text);
  expect(m, 'a status line').not.toBeNull();
  return Buffer.from(m![1]!, 'utf8');
}

export const STATUS_BYTES = {
  active: Buffer.from('🟢 Active', 'utf8'),
  paused: Buffer.from([0xe2, 0x8f, 0xb8, 0xef, 0xb8, 0x8f, 0x20, ...Buffer.from('Paused')]),
  completed: Buffer.from('🏁 Completed', 'utf8'),
  error: Buffer.from('🔴 Error', 'utf8'),
} as const;

/** Every file and folder under `dir` (skipping `.git` entries): path, mode, and a hash of the bytes. */
function treeFingerprint(dir: string, skip: readonly string[] = ['.git']): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string) => {
    for (const name of readdirSync(abs).sort()) {
      if (skip.includes(rel ? `${rel}/${name}` : name)) continue;
      const p = join(abs, name);
      const r = rel ? `${rel}/${name}` : name;
      const st = lstatSync(p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isDirectory()) {
        out.push(`${r}/ ${mode}`);
        walk(p, r);
      } else if (st.isSymbolicLink()) {
        // The link itself, never its target (a hostile link may point at /dev/zero).
        out.push(`${r} -> ${readlinkSync(p)}`);
      } else if (!st.isFile()) {
        out.push(`${r} (special)`);
      } else {
        out.push(`${r} ${mode} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`);
      }
    }
  };
  walk(dir, '');
  return out;
}

/**
 * Everything a refused command must leave byte-identical: refs (incl. the stash), HEAD, the index entries,
 * `git status`, staged and unstaged diffs, the merge/rebase markers, every file of the worktree (bytes and modes),
 * and roo's own state under `<common>/roo/` (branch map, cursors, journal).
 */
export async function snapshot(t: TempRepo, dir = t.dir, opts: { rooState?: boolean } = {}): Promise<string> {
  // One shell runs every git query (a process per query would double the cost of each refusal test).
  const queries = [
    'for-each-ref --format="%(refname) %(objectname)"',
    'rev-parse --verify -q HEAD',
    'symbolic-ref -q HEAD',
    'ls-files -s -z',
    'status --porcelain=v1 -z --untracked-files=all',
    'diff --cached --binary',
    'diff --binary',
    'stash list',
    'worktree list --porcelain',
    'rev-parse --path-format=absolute --git-common-dir --absolute-git-dir',
  ];
  const script = queries
    .map((q) => `echo '$ git ${q.replaceAll("'", '')}'; git ${q}; echo "-> $?"`)
    .join('\n');
  const { stdout } = await execa('sh', ['-c', script], {
    cwd: dir,
    env: t.env,
    extendEnv: false,
    reject: false,
    stripFinalNewline: false,
  });
  const parts = [stdout];
  // Outside a repository there is no git state to compare, only the files.
  const where = /\$ git rev-parse --path-format[^\n]*\n([^\n]*)\n([^\n]*)\n-> 0\n?$/.exec(stdout);
  const [common = '', gitDir = ''] = where ? [where[1], where[2]] : [];
  const markers = ['MERGE_HEAD', 'rebase-merge', 'rebase-apply', 'CHERRY_PICK_HEAD'].map(
    (m) => `${m}: ${gitDir !== '' && existsSync(join(gitDir, m))}`,
  );
  const rooState =
    opts.rooState !== false && common !== '' && existsSync(join(common, 'roo'))
      ? // cache/: what read commands remember to go faster is not state a refusal could corrupt.
        treeFingerprint(join(common, 'roo'), ['cache'])
      : [];
  return [...parts, ...markers, '--- roo state', ...rooState, '--- worktree', ...treeFingerprint(dir)].join(
    '\n',
  );
}

/** A backticked next command on stderr: `roo …`, `git …`, `chmod …` or `cd …`. */
export const NEXT_COMMAND = /`(roo|git|chmod|cd) [^`]+`/;

/**
 * Runs `roo` expecting a refusal: the exit code, an error on stderr that matches `problem` and names the next
 * command in backticks, nothing on stdout, and the repository byte-identical before and after.
 */
export async function expectRefused(
  t: TempRepo,
  args: string[],
  code: number,
  problem: RegExp,
  opts: {
    cwd?: string;
    env?: Record<string, string>;
    now?: string;
    snapshotDir?: string;
    /** What names the next step, if not a backticked command. */
    next?: RegExp;
  } = {},
): Promise<RunResult> {
  const snapDir = opts.snapshotDir ?? opts.cwd ?? t.dir;
  const before = await snapshot(t, snapDir);
  const r = await roo(t, args, opts);
  expect(r.exitCode, `roo ${args.join(' ')}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`).toBe(code);
  expect(r.stderr).toMatch(/^roo: |^Usage Error|^Unknown Syntax Error/);
  expect(r.stderr).toMatch(problem);
  expect(r.stderr).toMatch(opts.next ?? NEXT_COMMAND);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  expect(r.stdout).toBe('');
  expect(await snapshot(t, snapDir)).toBe(before);
  return r;
}
