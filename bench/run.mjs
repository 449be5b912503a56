#!/usr/bin/env node
// `npm run bench`: the performance targets of docs/performance.md, measured side by side in one run.
//
//   node bench/run.mjs [--quick] [--only=1,3] [--keep] [--runs=<factor>]
//
//   1. ms per `git commit` with roo's hooks vs exit-0 hooks vs none, in a small repo and with 10,000 sessions
//      committed and 10,000 branch-map entries; and each roo hook script run directly (no git);
//   2. a 200-commit `rebase --merge` and a 200-commit `cherry-pick`: roo hooks vs exit-0 hooks vs none;
//   3. `roo session current` and `roo session status` vs `node -e ''`;
//   4. `roo session sync` of a 100,000-event journal from cursor 0, vs a sync with nothing new;
//   5. `roo session list` with 10,000 sessions in the worktree, and `--all` with 22 refs holding them;
//   6. `roo session end` in a small repo vs one with 20,000 tracked files;
//   7. `roo session log` on a 20,000-entry log vs an empty one vs `node -e ''`; 100 writers at once; checkpoint
//      of a 20,000-entry log;
//   8. a `log` tool call to `roo mcp` (the SDK's Client over stdio, and the same server in process) vs a
//      `roo session log` process.
//   9. an agent's prompt hook as `roo agents install claude` wrote it (`roo` on PATH, payload on stdin) vs
//      `node -e ''` (docs/agents.md).
//
// Every repository is built in one temp folder with its own HOME and git config (the developer's are never read);
// the folder is removed at the end unless --keep. Within a figure the variants are interleaved round by round (the
// order rotating each round) after warm-up rounds, so that machine noise hits them alike. The table gives median
// and p90 wall-clock ms (process spawn to exit), the median CPU ms of the whole process tree for runs long enough
// to read it (/proc, 10 ms ticks: less sensitive than wall clock to other load on the machine), the ratios or
// differences the targets are about (ratio of medians; "paired" = median of the per-round ratios), and PASS/FAIL
// on the wall-clock figure. Every sample goes to bench/.out/results.json.
import { spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { FastImportStream, runFastImport } from './lib/fastImport.mjs';
import { commitLine, makeJournal } from './lib/makeJournal.mjs';
import { makeManySessions, sessionFixture } from './lib/makeManySessions.mjs';
import { interleave, median, pairedMedianDiff, pairedMedianRatio, summarize } from './lib/measure.mjs';
import { formatTable, ms, writeJson } from './lib/report.mjs';
import { makeRepo, makeSandbox, projectRoot, rooBin } from './lib/sandbox.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const keep = argv.includes('--keep');
const onlyArg = argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice('--only='.length).split(',').map(Number)) : undefined;
const factorArg = argv.find((a) => a.startsWith('--runs='));
const factor = factorArg ? Number(factorArg.slice('--runs='.length)) : 1;
if (argv.some((a) => !/^--(quick|keep|only=[\d,]+|runs=[\d.]+)$/.test(a))) {
  console.error('usage: node bench/run.mjs [--quick] [--only=1,2,…] [--keep] [--runs=<factor>]');
  process.exit(2);
}

// Rounds per figure (timed rounds, warm-up rounds). Sized for ~4 minutes on 2 cores (--quick: ~1 minute).
const N = {
  commit: quick ? [30, 3] : [120, 10],
  hook: quick ? [100, 10] : [400, 20],
  rewrite: quick ? [2, 1] : [8, 1],
  startup: quick ? [12, 2] : [40, 4],
  sync: quick ? [4, 1] : [12, 2],
  list: quick ? [3, 1] : [8, 1],
  end: quick ? [4, 1] : [12, 2],
  log: quick ? [12, 2] : [40, 4],
  checkpoint: quick ? [4, 1] : [10, 2],
  mcp: quick ? [12, 2] : [40, 4],
  agentHook: quick ? [12, 2] : [40, 4],
};
const rounds = (key) => ({ n: Math.max(1, Math.round(N[key][0] * factor)), warmup: N[key][1] });

const SESSIONS = 10_000;
const REWRITE_COMMITS = 200;
const JOURNAL_EVENTS = 100_000;
const SESSION_COMMITS = 300;
const BIG_FILES = 20_000;
const BIG_LOG_ENTRIES = 20_000;
const WRITERS = 100;
/** `log` tool calls per round of figure 8 (each one a sample). */
const MCP_CALLS_PER_ROUND = 5;

const sb = makeSandbox({ keep });
const node = process.execPath;
const rows = [];
const figures = {};
const log = (text) => process.stderr.write(`${text}\n`);

const rooTime = (dir, args) => sb.time(node, [rooBin, ...args], dir);
const nodeBare = (dir) => sb.time(node, ['-e', ''], dir);
/** Per variant: wall-clock summary, plus the median CPU ms of the process tree when measured. */
const statsOf = (samples) =>
  Object.fromEntries(
    Object.entries(samples).map(([name, wall]) => {
      const cpu = samples.cpu?.[name] ?? [];
      return [name, { ...summarize(wall), ...(cpu.length > 0 ? { cpuMedian: median(cpu) } : {}) }];
    }),
  );
const pass = (ok) => (ok ? 'PASS' : 'FAIL');
const sign = (v) => `${v >= 0 ? '+' : ''}${ms(v)}`;
const x = (r) => `${r.toFixed(2)}×`;

/** An empty hooks folder (core.hooksPath there = no hooks at all) and one of `exit 0` hooks of roo's names. */
const HOOK_NAMES = ['post-checkout', 'post-commit', 'post-merge', 'post-rewrite', 'prepare-commit-msg'];
const noHooksDir = sb.dir('hooks-none');
const emptyHooksDir = sb.dir('hooks-exit0');
for (const name of HOOK_NAMES) {
  writeFileSync(join(emptyHooksDir, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(emptyHooksDir, name), 0o755);
}

/** A repo with roo initialised (hooks in .git/hooks, config committed) and an Active session; returns facts. */
function rooRepo(name, { setup } = {}) {
  const dir = makeRepo(sb, name);
  setup?.(dir);
  sb.roo(dir, ['init']);
  sb.git(dir, ['add', '.ruru/config.toml']);
  sb.git(dir, ['commit', '-q', '-m', 'roo init']);
  const id = sb.roo(dir, ['session', 'start', `${name} bench`]);
  const branch = sb.git(dir, ['symbolic-ref', '--short', 'HEAD']);
  const common = join(dir, '.git');
  return { dir, id, branch, common, hooks: join(common, 'hooks') };
}

/** `git -c core.hooksPath=<hooks> <args>`: the same repository with roo's, empty or no hooks. */
const gitWith = (hooks, args) => ['-c', `core.hooksPath=${hooks}`, ...args];

// ---------------------------------------------------------------------------------------------------------------
// 1. git commit: roo's hooks vs none, small repo and 10,000 sessions + 10,000 branch-map entries.

function figureCommit() {
  log('1. git commit with roo hooks vs none (small repo, and 10,000 sessions)');
  const small = rooRepo('commit-small');
  const big = rooRepo('commit-big', {
    setup(dir) {
      const { commit } = makeManySessions(sb, dir, {
        count: SESSIONS,
        from: sb.git(dir, ['rev-parse', 'HEAD']),
      });
      sb.git(dir, ['reset', '-q', '--hard', commit]);
    },
  });
  // The branch map holding one entry per session (as if all were Active on their own branches).
  for (let i = 0; i < SESSIONS; i++) {
    const f = sessionFixture(i);
    const file = join(big.common, 'roo', 'branches', f.branch);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${f.id}\n`);
  }
  const tracked = Number(sb.git(big.dir, ['ls-files']).split('\n').length);
  const variant = (name, repo, hooks) => ({
    name,
    prepare(round) {
      writeFileSync(join(repo.dir, 'bench.txt'), `${name} round ${round}\n`);
      sb.git(repo.dir, ['add', 'bench.txt']);
    },
    run: (round) =>
      sb.time('git', gitWith(hooks, ['commit', '-q', '-m', `bench: change ${round}`]), repo.dir),
  });
  const s = interleave(
    [
      variant('small/none', small, noHooksDir),
      variant('small/exit0', small, emptyHooksDir),
      variant('small/roo', small, small.hooks),
      variant('big/none', big, noHooksDir),
      variant('big/exit0', big, emptyHooksDir),
      variant('big/roo', big, big.hooks),
    ],
    { ...rounds('commit'), label: 'commit', cpu: sb.lastCpuMs },
  );
  // The hooks really ran: each roo commit is in the journal.
  const journalLines = readFileSync(join(small.common, 'roo', 'journal'), 'utf8').split('\n').length - 1;
  const addedSmall = pairedMedianDiff(s['small/roo'], s['small/none']);
  const floor = pairedMedianDiff(s['small/exit0'], s['small/none']);
  const own = pairedMedianDiff(s['small/roo'], s['small/exit0']);
  const addedBig = pairedMedianDiff(s['big/roo'], s['big/none']);
  const floorBig = pairedMedianDiff(s['big/exit0'], s['big/none']);
  const ownBig = pairedMedianDiff(s['big/roo'], s['big/exit0']);
  const st = statsOf(s);
  rows.push(
    { figure: 1, label: 'git commit, no hooks', stats: st['small/none'] },
    {
      figure: 1,
      label: 'git commit, exit-0 hooks (spawn floor)',
      stats: st['small/exit0'],
      compare: `+${ms(floor)} ms`,
    },
    {
      figure: 1,
      label: 'git commit, roo hooks',
      stats: st['small/roo'],
      compare: `+${ms(addedSmall)} ms (floor +${ms(floor)}, roo's own +${ms(own)})`,
      target: '≤ +5 ms',
      status: pass(addedSmall <= 5),
    },
    { figure: 1, label: `git commit, ${SESSIONS} sessions, no hooks`, stats: st['big/none'] },
    {
      figure: 1,
      label: `git commit, ${SESSIONS} sessions, exit-0 hooks`,
      stats: st['big/exit0'],
      compare: `+${ms(floorBig)} ms`,
    },
    {
      figure: 1,
      label: `git commit, ${SESSIONS} sessions, roo hooks`,
      stats: st['big/roo'],
      compare: `+${ms(addedBig)} ms (floor +${ms(floorBig)}, roo's own +${ms(ownBig)})`,
      target: '≤ +5 ms',
      status: pass(addedBig <= 5),
    },
    {
      // What must not grow with the number of sessions is roo's part (roo − exit-0 hooks): git's own cost of
      // starting a hook (the exit-0 floor) grows a little with the repository, whatever the hook does.
      figure: 1,
      label: `roo's hook cost change with ${SESSIONS} sessions`,
      compare: `roo's own ${sign(ownBig - own)} ms (added vs none ${sign(addedBig - addedSmall)}, floor ${sign(floorBig - floor)})`,
      target: 'no change (≤ +1 ms)',
      status: pass(ownBig - own <= 1),
    },
  );
  figures.commit = {
    samples: s,
    cpuSamples: s.cpu,
    stats: st,
    addedMs: {
      small: { vsNone: addedSmall, exit0Floor: floor, rooOverExit0: own },
      big: { vsNone: addedBig, exit0Floor: floorBig, rooOverExit0: ownBig },
    },
    bigRepo: { sessions: SESSIONS, trackedFiles: tracked, branchMapEntries: SESSIONS },
    journalLinesSmall: journalLines,
  };

  // The hook scripts alone, run directly (no git): what roo's own shell work costs per hook, free of git's noise.
  // The small repo is on its session branch, so prepare-commit-msg takes the trailer path.
  const msgFile = join(sb.root, 'hook-msg');
  const message = 'feature: a small change\n\nWhy it was made, in a sentence.\n';
  const direct = (name, hook, args = [], prepare) => ({
    name,
    prepare,
    run: () => sb.time(hook, args, small.dir),
  });
  const h = interleave(
    [
      direct('exit0', join(emptyHooksDir, 'post-commit')),
      direct('post-commit', join(small.hooks, 'post-commit')),
      direct('prepare-commit-msg', join(small.hooks, 'prepare-commit-msg'), [msgFile, 'message'], () =>
        writeFileSync(msgFile, message),
      ),
    ],
    { ...rounds('hook'), label: 'hooks alone', cpu: sb.lastCpuMs },
  );
  if (!readFileSync(msgFile, 'utf8').includes(`Roo-Session: ${small.id}`)) {
    throw new Error('prepare-commit-msg did not add the trailer on the session branch');
  }
  const hs = statsOf(h);
  const cpuMean = (name) => h.cpu[name].reduce((a, b) => a + b, 0) / h.cpu[name].length;
  const hookRow = (name, label) => ({
    figure: 1,
    label,
    stats: hs[name],
    compare: `${sign(pairedMedianDiff(h[name], h.exit0))} ms vs exit-0`,
  });
  rows.push(
    { figure: 1, label: 'one hook run directly: exit-0 script', stats: hs.exit0 },
    hookRow('post-commit', 'one hook run directly: roo post-commit'),
    hookRow('prepare-commit-msg', 'one hook run directly: roo prepare-commit-msg'),
  );
  figures.hooksAlone = {
    samples: h,
    cpuSamples: h.cpu,
    stats: hs,
    cpuMeanMs: Object.fromEntries(Object.keys(hs).map((k) => [k, cpuMean(k)])),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. 200-commit rebase and cherry-pick: roo hooks vs `exit 0` hooks vs none, in one repository.

function figureRewrite() {
  log(`2. ${REWRITE_COMMITS}-commit rebase and cherry-pick: roo hooks vs exit-0 hooks vs none`);
  const repo = rooRepo('rewrite');
  const { dir, branch, id } = repo;
  // The session branch gets the session's start commit + 199 more: 200 commits to replay.
  const start = sb.git(dir, ['rev-parse', 'HEAD']);
  const fi = new FastImportStream();
  for (let k = 1; k < REWRITE_COMMITS; k++) {
    fi.commit({
      ref: `refs/heads/${branch}`,
      mark: k,
      from: k === 1 ? start : `:${k - 1}`,
      message: `feature: step ${k}\n\nA small change so that each pick is a real commit.\n`,
      time: 1_767_000_000 + k,
    });
    fi.file(`src/step-${String(k).padStart(3, '0')}.txt`, `step ${k}\n`.repeat(20));
  }
  // main moves on, so a rebase onto it replays every commit.
  fi.commit({
    ref: 'refs/heads/main',
    mark: 10_000,
    from: 'refs/heads/main^0',
    message: 'upstream: unrelated change\n',
    time: 1_767_100_000,
  });
  fi.file('UPSTREAM.md', 'upstream\n');
  runFastImport(sb, dir, fi);
  sb.git(dir, ['reset', '-q', '--hard']);
  const orig = sb.git(dir, ['rev-parse', 'HEAD']);
  const count = Number(sb.git(dir, ['rev-list', '--count', `main..${orig}`]));
  if (count !== REWRITE_COMMITS)
    throw new Error(`expected ${REWRITE_COMMITS} commits to replay, got ${count}`);
  // Cherry-picks land on `pick`, mapped to the Active session: the trailer path of prepare-commit-msg runs too
  // (the worst case: picking onto your session branch). `rooPlain` picks onto an unmapped branch instead, which
  // tells the trailer's cost from the capture's.
  sb.git(dir, ['branch', 'pick', 'main']);
  sb.git(dir, ['branch', 'pick-plain', 'main']);
  writeFileSync(join(repo.common, 'roo', 'branches', 'pick'), `${id}\n`);

  const hooksOf = { roo: repo.hooks, rooPlain: repo.hooks, exit0: emptyHooksDir, none: noHooksDir };
  const quiet = gitWith(noHooksDir, []);
  const rebaseVariant = (name) => ({
    name,
    prepare() {
      sb.git(dir, [...quiet, 'checkout', '-q', '-f', branch]);
      sb.git(dir, [...quiet, 'reset', '-q', '--hard', orig]);
    },
    run: () => sb.time('git', gitWith(hooksOf[name], ['rebase', '-q', '--merge', 'main']), dir),
  });
  const pickVariant = (name) => ({
    name,
    prepare() {
      sb.git(dir, [...quiet, 'checkout', '-q', '-f', name === 'rooPlain' ? 'pick-plain' : 'pick']);
      sb.git(dir, [...quiet, 'reset', '-q', '--hard', 'main']);
    },
    run: () => sb.time('git', gitWith(hooksOf[name], ['cherry-pick', `main..${orig}`]), dir),
  });
  const journal = join(repo.common, 'roo', 'journal');
  const lines = () => readFileSync(journal, 'utf8').split('\n').length - 1;
  const before = lines();
  const rebase = interleave(['roo', 'exit0', 'none'].map(rebaseVariant), {
    ...rounds('rewrite'),
    label: 'rebase',
    cpu: sb.lastCpuMs,
  });
  const afterRebase = lines();
  const pick = interleave(['roo', 'rooPlain', 'exit0', 'none'].map(pickVariant), {
    ...rounds('rewrite'),
    label: 'cherry-pick',
    cpu: sb.lastCpuMs,
  });
  const afterPick = lines();
  // The roo variant really took the trailer path: one more (untimed) pick, and look at its message.
  const check = pickVariant('roo');
  check.prepare();
  check.run();
  const trailer = sb.git(dir, ['log', '-1', '--format=%(trailers:key=Roo-Session,valueonly)']);
  if (trailer !== id)
    throw new Error(`cherry-picks onto the session branch got trailer "${trailer}", not ${id}`);
  const runsPerVariant = rounds('rewrite').n + rounds('rewrite').warmup;
  // Each roo rebase logs 200 commit + 200 rewrite lines, each cherry-pick 200 commit lines: proof the hooks ran.
  const evidence = {
    rebaseJournalLinesPerRun: (afterRebase - before) / runsPerVariant,
    pickJournalLinesPerRun: (afterPick - afterRebase) / runsPerVariant / 2,
  };
  // The verdict uses CPU time (the whole process tree: git and every hook): a 200-commit run lasts seconds, and
  // other jobs on a small shared machine stretch one variant's wall clock at random (p90 up to twice the median),
  // while the work done stays put. Wall-clock ratios, plain and paired per round, are shown beside it.
  const ratios = (s, st, name) => {
    const cpu = st[name].cpuMedian !== undefined ? st[name].cpuMedian / st.exit0.cpuMedian : undefined;
    const wall = st[name].median / st.exit0.median;
    return { cpu, wall, paired: pairedMedianRatio(s[name], s.exit0), verdict: cpu ?? wall };
  };
  const describe = (r) =>
    `${r.cpu === undefined ? '' : `cpu ${x(r.cpu)}, `}wall ${x(r.wall)} (paired ${x(r.paired)}) exit-0`;
  for (const [what, s] of [
    ['rebase', rebase],
    ['cherry-pick', pick],
  ]) {
    const st = statsOf(s);
    const roo = ratios(s, st, 'roo');
    const vsNone = st.roo.median / st.none.median;
    const target = `≤ 1.15× exit-0${roo.cpu === undefined ? '' : ' (cpu)'}`;
    const label =
      what === 'rebase' ? `rebase --merge of ${REWRITE_COMMITS}` : `cherry-pick of ${REWRITE_COMMITS}`;
    rows.push(
      { figure: 2, label: `${label}, no hooks`, stats: st.none },
      {
        figure: 2,
        label: `${label}, exit-0 hooks`,
        stats: st.exit0,
        compare: `wall ${x(st.exit0.median / st.none.median)} no hooks`,
      },
      {
        figure: 2,
        label: `${label}, roo hooks`,
        stats: st.roo,
        compare: `${describe(roo)}; wall ${x(vsNone)} none`,
        target,
        status: pass(roo.verdict <= 1.15),
      },
    );
    const plain = st.rooPlain ? ratios(s, st, 'rooPlain') : undefined;
    if (plain) {
      rows.push({
        figure: 2,
        label: `${label}, roo hooks, no trailer`,
        stats: st.rooPlain,
        compare: `${describe(plain)}; onto a branch without a session`,
        target,
        status: pass(plain.verdict <= 1.15),
      });
    }
    figures[what] = {
      samples: s,
      cpuSamples: s.cpu,
      stats: st,
      ratioVsExit0: roo,
      ...(plain ? { ratioNoTrailerVsExit0: plain } : {}),
      wallRatioVsNone: vsNone,
    };
  }
  figures.rewriteEvidence = evidence;
}

// ---------------------------------------------------------------------------------------------------------------
// 3. Start-up: roo session current / status vs node -e ''.

function figureStartup() {
  log("3. roo session current / status vs node -e ''");
  const repo = rooRepo('startup');
  // A few commits through the hooks, not yet synced: status folds them, as it would in real use.
  for (let k = 0; k < 5; k++) {
    writeFileSync(join(repo.dir, `work-${k}.txt`), `work ${k}\n`);
    sb.git(repo.dir, ['add', '.']);
    sb.git(repo.dir, ['commit', '-q', '-m', `work ${k}`]);
  }
  const s = interleave(
    [
      { name: 'node', run: () => nodeBare(repo.dir) },
      { name: 'current', run: () => rooTime(repo.dir, ['session', 'current']) },
      { name: 'status', run: () => rooTime(repo.dir, ['session', 'status']) },
    ],
    { ...rounds('startup'), label: 'start-up', cpu: sb.lastCpuMs },
  );
  const st = statsOf(s);
  const cur = st.current.median / st.node.median;
  const status = st.status.median / st.node.median;
  rows.push(
    { figure: 3, label: "node -e ''", stats: st.node },
    {
      figure: 3,
      label: 'roo session current',
      stats: st.current,
      compare: `${x(cur)} node (paired ${x(pairedMedianRatio(s.current, s.node))})`,
      target: '≤ 1.5× node',
      status: pass(cur <= 1.5),
    },
    {
      figure: 3,
      label: 'roo session status',
      stats: st.status,
      compare: `${x(status)} node (paired ${x(pairedMedianRatio(s.status, s.node))})`,
      target: '≤ 1.5× node (docs/performance.md)',
      status: pass(status <= 1.5),
    },
  );
  figures.startup = { samples: s, cpuSamples: s.cpu, stats: st, ratioCurrent: cur, ratioStatus: status };
}

// ---------------------------------------------------------------------------------------------------------------
// 4. roo session sync of 100,000 journal events (cursor at 0) vs a sync with nothing new.

function figureSync() {
  log(`4. roo session sync of ${JOURNAL_EVENTS} journal events`);
  const repo = rooRepo('sync');
  const { dir, branch, id, common } = repo;
  const start = sb.git(dir, ['rev-parse', 'HEAD']);
  const fi = new FastImportStream();
  // The session's own commits (real, on its branch) and 2,000 commits of another branch whose SHAs the other
  // branches' events use, so every object the fold might look up exists.
  for (let k = 1; k <= SESSION_COMMITS; k++) {
    fi.commit({
      ref: `refs/heads/${branch}`,
      mark: k,
      from: k === 1 ? start : `:${k - 1}`,
      message: `session work ${k}\n`,
      time: 1_767_000_000 + k * 60,
    });
    fi.file(`src/session-${k % 50}.txt`, `edit ${k}\n`);
  }
  const OTHER = 2_000;
  for (let k = 1; k <= OTHER; k++) {
    fi.commit({
      ref: 'refs/heads/feature/area-1-refactor',
      mark: 1000 + k,
      from: k === 1 ? start : `:${999 + k}`,
      message: `other work ${k}\n`,
      time: 1_767_000_000 + k * 30,
    });
    fi.file(`lib/other-${k % 100}.txt`, `other ${k}\n`);
  }
  const marks = runFastImport(sb, dir, fi);
  sb.git(dir, ['reset', '-q', '--hard']);
  const sessionShas = Array.from({ length: SESSION_COMMITS }, (_, i) => marks.get(i + 1));
  const otherShas = Array.from({ length: OTHER }, (_, i) => marks.get(1001 + i));
  const journalText = makeJournal({
    total: JOURNAL_EVENTS,
    sessionEvents: sessionShas.map((sha) => commitLine(branch, sha)),
    otherShas,
  });
  const journal = join(common, 'roo', 'journal');
  writeFileSync(journal, journalText);
  const journalBytes = statSync(journal).size;
  const cursor = join(common, 'roo', 'cursors', id);
  const logPath = join(dir, '.ruru', 'sessions', id, 'session_log.md');
  const original = readFileSync(logPath, 'utf8');
  // One full fold, to check it works and to get the folded log for the "nothing new" variant (sync folds in
  // memory and writes nothing: `show` prints what it folds).
  writeFileSync(cursor, '0\n');
  const synced = `${sb.roo(dir, ['session', 'show'])}\n`;
  const added = synced.split('\n').filter((l) => l.includes('<!-- roo:c:')).length;
  if (added < SESSION_COMMITS) throw new Error(`sync folded ${added} commits, expected ${SESSION_COMMITS}`);
  const s = interleave(
    [
      {
        name: 'full',
        prepare() {
          writeFileSync(logPath, original);
          writeFileSync(cursor, '0\n');
        },
        run: () => rooTime(dir, ['session', 'sync']),
      },
      {
        name: 'idle',
        prepare() {
          writeFileSync(logPath, synced);
          writeFileSync(cursor, `${journalBytes}\n`);
        },
        run: () => rooTime(dir, ['session', 'sync']),
      },
    ],
    { ...rounds('sync'), label: 'sync', cpu: sb.lastCpuMs },
  );
  const st = statsOf(s);
  rows.push(
    {
      figure: 4,
      label: `sync, journal up to date (${SESSION_COMMITS} commits in log)`,
      stats: st.idle,
    },
    {
      figure: 4,
      label: `sync of ${JOURNAL_EVENTS} events from cursor 0`,
      stats: st.full,
      compare: `${x(st.full.median / st.idle.median)} up to date; ${(journalBytes / 1e6).toFixed(1)} MB, +${added} lines`,
      target: '≤ 1000 ms',
      status: pass(st.full.median <= 1000),
    },
  );
  figures.sync = {
    samples: s,
    cpuSamples: s.cpu,
    stats: st,
    journalBytes,
    events: JOURNAL_EVENTS,
    sessionCommits: SESSION_COMMITS,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 5. roo session list with 10,000 sessions in the worktree, and --all with them on branches.

function figureList() {
  log(`5. roo session list with ${SESSIONS} sessions, and --all`);
  const dir = makeRepo(sb, 'list');
  const { commit } = makeManySessions(sb, dir, { count: SESSIONS, from: sb.git(dir, ['rev-parse', 'HEAD']) });
  sb.git(dir, ['reset', '-q', '--hard', commit]);
  // A team's view: origin/main has the same sessions; 10 session branches each add one session to main, pushed
  // (origin/session/…) too. --all reads 22 refs of ~10,000 sessions each, mostly the same objects.
  const BRANCHES = 10;
  const fi = new FastImportStream();
  fi.reset('refs/remotes/origin/main', commit);
  for (let b = 0; b < BRANCHES; b++) {
    const f = sessionFixture(SESSIONS + b, { prefix: 'Team' });
    fi.commit({
      ref: `refs/heads/${f.branch}`,
      mark: b + 1,
      from: commit,
      message: 'session start\n',
      time: 1_767_200_000 + b,
    });
    fi.file(`.ruru/sessions/${f.id}/session_log.md`, f.text);
    fi.reset(`refs/remotes/origin/${f.branch}`, `:${b + 1}`);
  }
  runFastImport(sb, dir, fi);
  const refs = sb.git(dir, ['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']).split('\n');
  const listed = sb.roo(dir, ['session', 'list']).split('\n').length;
  const listedAll = sb.roo(dir, ['session', 'list', '--all']).split('\n').length;
  if (listed !== SESSIONS || listedAll !== SESSIONS + BRANCHES) {
    throw new Error(
      `list printed ${listed} rows, --all ${listedAll}; expected ${SESSIONS} and ${SESSIONS + BRANCHES}`,
    );
  }
  // roo may keep a cache of parsed frontmatter under <common>/roo/cache: "cold" runs remove it first (a first
  // run, or after an upgrade), "warm" runs find it as the previous run left it.
  const cacheDir = join(dir, '.git', 'roo', 'cache');
  const cold = () => rmSync(cacheDir, { recursive: true, force: true });
  const s = interleave(
    [
      { name: 'node', run: () => nodeBare(dir) },
      { name: 'list', run: () => rooTime(dir, ['session', 'list']) },
      { name: 'listCold', prepare: cold, run: () => rooTime(dir, ['session', 'list']) },
      { name: 'all', run: () => rooTime(dir, ['session', 'list', '--all']) },
      { name: 'allCold', prepare: cold, run: () => rooTime(dir, ['session', 'list', '--all']) },
    ],
    { ...rounds('list'), label: 'list', cpu: sb.lastCpuMs },
  );
  const st = statsOf(s);
  const cacheUsed = existsSync(cacheDir);
  rows.push(
    { figure: 5, label: "node -e ''", stats: st.node },
    {
      figure: 5,
      label: `list, ${SESSIONS} sessions in the worktree${cacheUsed ? ', warm' : ''}`,
      stats: st.list,
      compare: `${x(st.list.median / st.node.median)} node`,
      target: '≤ 1000 ms',
      status: pass(st.list.median <= 1000),
    },
    {
      figure: 5,
      label: `list, ${SESSIONS} sessions, ${cacheUsed ? 'cold (no cache)' : 'again'}`,
      stats: st.listCold,
      compare: `${x(st.listCold.median / st.node.median)} node`,
      target: '≤ 1000 ms',
      status: pass(st.listCold.median <= 1000),
    },
    {
      figure: 5,
      label: `list --all, + ${refs.length} refs × ~${SESSIONS}${cacheUsed ? ', warm' : ''}`,
      stats: st.all,
      compare: `${x(st.all.median / st.list.median)} list`,
      target: '< 1000 ms',
      status: pass(st.all.median < 1000),
    },
    {
      figure: 5,
      label: `list --all, ${cacheUsed ? 'cold (no cache)' : 'again'}`,
      stats: st.allCold,
      compare: `${x(st.allCold.median / st.list.median)} list`,
      target: '< 1000 ms',
      status: pass(st.allCold.median < 1000),
    },
  );
  figures.list = {
    samples: s,
    cpuSamples: s.cpu,
    stats: st,
    sessions: SESSIONS,
    refs: refs.length,
    cacheUsed,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 6. roo session end: small repository vs 20,000 tracked files.

function figureEnd() {
  log(`6. roo session end: small repo vs ${BIG_FILES} tracked files`);
  const small = rooRepo('end-small');
  const big = rooRepo('end-big', {
    setup(dir) {
      const fi = new FastImportStream();
      fi.commit({
        ref: 'refs/heads/main',
        mark: 1,
        from: 'refs/heads/main^0',
        message: 'big tree\n',
        time: 1_767_000_000,
      });
      for (let k = 0; k < BIG_FILES; k++) {
        const d = String(Math.floor(k / 200)).padStart(3, '0');
        fi.file(
          `src/mod-${d}/file-${k}.ts`,
          `export const value${k} = ${k};\n// padding line to look like code\n`,
        );
      }
      fi.raw('\n');
      runFastImport(sb, dir, fi);
      sb.git(dir, ['reset', '-q', '--hard', 'main']);
    },
  });
  const variant = (name, repo) => {
    const tip = sb.git(repo.dir, ['rev-parse', 'HEAD']);
    const mapFile = join(repo.common, 'roo', 'branches', repo.branch);
    const mapText = readFileSync(mapFile, 'utf8');
    const cursorFile = join(repo.common, 'roo', 'cursors', repo.id);
    const cursorText = readFileSync(cursorFile, 'utf8');
    return {
      name,
      prepare() {
        sb.git(repo.dir, ['reset', '-q', '--hard', tip]);
        writeFileSync(mapFile, mapText);
        writeFileSync(cursorFile, cursorText);
      },
      run: () => rooTime(repo.dir, ['session', 'end']),
    };
  };
  const tracked = sb.git(big.dir, ['ls-files']).split('\n').length;
  const s = interleave([variant('small', small), variant('big', big)], {
    ...rounds('end'),
    label: 'end',
    cpu: sb.lastCpuMs,
  });
  const st = statsOf(s);
  const ratio = st.big.median / st.small.median;
  rows.push(
    { figure: 6, label: 'session end, small repo', stats: st.small },
    {
      figure: 6,
      label: `session end, ${tracked} tracked files`,
      stats: st.big,
      compare: `${x(ratio)} small (paired ${x(pairedMedianRatio(s.big, s.small))})`,
      target: 'independent (≤ 1.2×)',
      status: pass(ratio <= 1.2),
    },
  );
  figures.end = { samples: s, cpuSamples: s.cpu, stats: st, ratio, trackedFiles: tracked };
}

// ---------------------------------------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------
// 7. roo session log: a 20,000-entry log vs an empty one vs node; 100 writers at once; checkpoint of a big log.

async function figureLog() {
  log(`7. roo session log on a ${BIG_LOG_ENTRIES}-entry log vs an empty one; ${WRITERS} writers; checkpoint`);
  const small = rooRepo('log-small');
  const big = rooRepo('log-big');
  const bigLog = join(big.dir, '.ruru', 'sessions', big.id, 'session_log.md');
  const lines = [];
  for (let k = 0; k < BIG_LOG_ENTRIES; k++) {
    const t = new Date(Date.UTC(2026, 10, 26, 9, 0, 0) + k * 1000)
      .toISOString()
      .replace('T', ' ')
      .slice(0, 19);
    lines.push(`- [${t}] entry ${k} of a long session: a decision, a prompt or a result an agent logged`);
  }
  writeFileSync(bigLog, `${readFileSync(bigLog, 'utf8')}${lines.join('\n')}\n`);
  sb.roo(big.dir, ['session', 'checkpoint']);
  let k = 0;
  const s = interleave(
    [
      { name: 'node', run: () => nodeBare(small.dir) },
      { name: 'small', run: () => rooTime(small.dir, ['session', 'log', `note ${k++}`]) },
      { name: 'big', run: () => rooTime(big.dir, ['session', 'log', `note ${k++}`]) },
    ],
    { ...rounds('log'), label: 'session log', cpu: sb.lastCpuMs },
  );
  const st = statsOf(s);
  const vsSmall = st.big.median / st.small.median;
  const vsNode = st.small.median / st.node.median;

  // WRITERS processes at once; every entry must be there afterwards.
  const writers = rooRepo('log-writers');
  const t0 = performance.now();
  const runs = Array.from(
    { length: WRITERS },
    (_, w) =>
      new Promise((resolve, reject) => {
        const child = spawn(node, [rooBin, 'session', 'log', `writer ${w}`], {
          cwd: writers.dir,
          env: sb.env,
          stdio: 'ignore',
        });
        child.on('error', reject);
        child.on('exit', (code) =>
          code === 0 ? resolve() : reject(new Error(`writer ${w} exited ${code}`)),
        );
      }),
  );
  await Promise.all(runs);
  const parallelMs = performance.now() - t0;
  const shown = sb.roo(writers.dir, ['session', 'show']);
  const kept = Array.from({ length: WRITERS }, (_, w) => shown.includes(`] writer ${w} <!--`)).filter(
    Boolean,
  ).length;

  // Checkpoint of the big log with one new record each time (each replaces the previous checkpoint).
  let c = 0;
  const cp = interleave(
    [
      {
        name: 'checkpoint',
        prepare: () => sb.roo(big.dir, ['session', 'log', `before checkpoint ${c++}`]),
        run: () => rooTime(big.dir, ['session', 'checkpoint']),
      },
    ],
    { ...rounds('checkpoint'), label: 'checkpoint', cpu: sb.lastCpuMs },
  );
  const cst = statsOf(cp);
  rows.push(
    { figure: 7, label: "node -e ''", stats: st.node },
    {
      figure: 7,
      label: 'roo session log, empty log',
      stats: st.small,
      compare: `${x(vsNode)} node (paired ${x(pairedMedianRatio(s.small, s.node))})`,
      target: '≤ 1.5× node',
      status: pass(vsNode <= 1.5),
    },
    {
      figure: 7,
      label: `roo session log, ${BIG_LOG_ENTRIES}-entry log`,
      stats: st.big,
      compare: `${x(vsSmall)} empty log (paired ${x(pairedMedianRatio(s.big, s.small))})`,
      target: '≤ 1.1× empty log',
      status: pass(vsSmall <= 1.1),
    },
    {
      figure: 7,
      label: `${WRITERS} roo session log at once (total)`,
      stats: summarize([parallelMs]),
      compare: `${kept}/${WRITERS} entries kept`,
      target: 'none lost',
      status: pass(kept === WRITERS),
    },
    {
      figure: 7,
      label: `checkpoint of a ${BIG_LOG_ENTRIES}-entry log`,
      stats: cst.checkpoint,
      target: '≤ 1000 ms',
      status: pass(cst.checkpoint.median <= 1000),
    },
  );
  figures.log = {
    samples: s,
    cpuSamples: s.cpu,
    stats: st,
    vsSmall,
    vsNode,
    parallelMs,
    kept,
    checkpoint: cst,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 8. The MCP server's `log` tool (one long-lived `roo mcp`, the SDK's Client over stdio) vs a `roo session log`
//    process: what an agent pays per entry either way.

async function figureMcp() {
  log('8. MCP log tool call (stdio, and in process) vs roo session log process');
  const { Client } = await import('@modelcontextprotocol/client');
  const { StdioClientTransport } = await import('@modelcontextprotocol/client/stdio');
  const { InMemoryTransport } = await import('@modelcontextprotocol/server');
  const cliDist = join(projectRoot, 'packages', 'cli', 'dist');
  const { createRooMcpServer } = await import(join(cliDist, 'mcp', 'server.js'));
  const { RooTools, mcpContext } = await import(join(cliDist, 'mcp', 'rooTools.js'));
  const { processContext } = await import(join(cliDist, 'context.js'));
  const repo = rooRepo('mcp');

  // The server as an MCP client starts it: `roo mcp`, the SDK's Client over its stdio.
  const stdio = new Client({ name: 'roo-bench', version: '1.0.0' });
  await stdio.connect(
    new StdioClientTransport({
      command: node,
      args: [rooBin, 'mcp'],
      cwd: repo.dir,
      env: sb.env,
      stderr: 'inherit',
    }),
  );
  // The same server in this process (InMemoryTransport): the call's own cost, without two processes' scheduling.
  const ctx = mcpContext({ ...processContext(), env: sb.env }, repo.dir);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createRooMcpServer(new RooTools(ctx), ctx).connect(serverSide);
  const inProcess = new Client({ name: 'roo-bench', version: '1.0.0' });
  await inProcess.connect(clientSide);

  let k = 0;
  const callLog = async (client) => {
    const t0 = performance.now();
    const r = await client.callTool({ name: 'log', arguments: { message: `mcp note ${k++}` } });
    const elapsed = performance.now() - t0;
    if (r.isError) throw new Error(`log tool failed: ${JSON.stringify(r.content)}`);
    return elapsed;
  };
  // Interleaved round by round like the other figures (the order rotating), but the calls are async.
  const { n, warmup } = rounds('mcp');
  const s = { process: [], stdio: [], inProcess: [] };
  for (let round = 0; round < warmup + n; round++) {
    const got = { process: [], stdio: [], inProcess: [] };
    const variants = [
      async () => {
        got.process.push(rooTime(repo.dir, ['session', 'log', `process note ${k++}`]));
      },
      async () => {
        for (let c = 0; c < MCP_CALLS_PER_ROUND; c++) got.stdio.push(await callLog(stdio));
      },
      async () => {
        for (let c = 0; c < MCP_CALLS_PER_ROUND; c++) got.inProcess.push(await callLog(inProcess));
      },
    ];
    for (let v = 0; v < variants.length; v++) await variants[(round + v) % variants.length]();
    if (round >= warmup) for (const name of Object.keys(s)) s[name].push(...got[name]);
  }
  await stdio.close();
  await inProcess.close();
  const shown = sb.roo(repo.dir, ['session', 'show']);
  const kept = Array.from({ length: k }, (_, i) => shown.includes(` note ${i} <!--`)).filter(Boolean).length;
  const st = statsOf(s);
  const ratio = st.process.median / st.stdio.median;
  rows.push(
    { figure: 8, label: 'roo session log (process)', stats: st.process },
    {
      figure: 8,
      label: 'MCP log tool call, stdio client',
      stats: st.stdio,
      compare: `${x(ratio)} faster than the process; ${kept}/${k} entries kept`,
      target: '≥ 20× faster, none lost',
      status: pass(ratio >= 20 && kept === k),
    },
    {
      figure: 8,
      label: 'MCP log tool call, in process',
      stats: st.inProcess,
      compare: `${x(st.process.median / st.inProcess.median)} faster than the process`,
      target: '≤ 5 ms',
      status: pass(st.inProcess.median <= 5),
    },
  );
  figures.mcp = { samples: s, stats: st, ratio, kept, calls: k };
}

// ---------------------------------------------------------------------------------------------------------------
// 9. An agent's prompt hook: the command line `roo agents install claude` wrote, run as Claude Code runs it (no
//    shell, `roo` found on PATH, the documented UserPromptSubmit payload on stdin) vs node -e ''.

function figureAgentHook() {
  log("9. agent hook cost per prompt (installed prompt hook, payload on stdin) vs node -e ''");
  const repo = rooRepo('agent-hook');
  // `roo` on PATH, as after `npm install -g @roo-session/cli`: a link to the built entry point.
  const bin = sb.dir('agent-bin');
  symlinkSync(rooBin, join(bin, 'roo'));
  const env = { PATH: `${bin}${delimiter}${sb.env.PATH ?? ''}` };
  sb.roo(repo.dir, ['agents', 'install', 'claude'], { env });
  const settings = JSON.parse(readFileSync(join(repo.dir, '.claude', 'settings.json'), 'utf8'));
  const command = settings.hooks.UserPromptSubmit[0].hooks[0].command;
  const [file, ...args] = command.split(' ');
  let k = 0;
  const payload = (n) =>
    JSON.stringify({
      session_id: 'bench',
      transcript_path: join(repo.dir, 'transcript.jsonl'),
      cwd: repo.dir,
      permission_mode: 'default',
      hook_event_name: 'UserPromptSubmit',
      prompt: `Prompt ${n}: fix the login bug and add a test for the expired-token case`,
    });
  const s = interleave(
    [
      { name: 'node', run: () => sb.time(node, ['-e', ''], repo.dir, { input: payload(-1) }) },
      { name: 'prompt', run: () => sb.time(file, args, repo.dir, { env, input: payload(k++) }) },
    ],
    { ...rounds('agentHook'), label: 'agent hook', cpu: sb.lastCpuMs },
  );
  const st = statsOf(s);
  const shown = sb.roo(repo.dir, ['session', 'show']);
  const recorded = (shown.match(/\*\*Prompt:\*\* Prompt \d+:/g) ?? []).length;
  const vsNode = st.prompt.median / st.node.median;
  rows.push(
    { figure: 9, label: "node -e '' (payload on stdin)", stats: st.node },
    {
      figure: 9,
      label: `agent hook per prompt: ${command}`,
      stats: st.prompt,
      compare: `${x(vsNode)} node (paired ${x(pairedMedianRatio(s.prompt, s.node))}); ${recorded}/${k} prompts recorded`,
      // The budget (docs/agents.md) is ~150 ms on a quiet machine (node -e '' ~40 ms there); on a shared one only the ratio
      // to node means anything, as for figure 3.
      target: '≤ 1.5× node (~150 ms), all kept',
      status: pass(vsNode <= 1.5 && recorded === k),
    },
  );
  figures.agentHook = { samples: s, cpuSamples: s.cpu, stats: st, vsNode, command, recorded };
}

const all = [
  [1, figureCommit],
  [2, figureRewrite],
  [3, figureStartup],
  [4, figureSync],
  [5, figureList],
  [6, figureEnd],
  [7, figureLog],
  [8, figureMcp],
  [9, figureAgentHook],
];
const started = Date.now();
const loadBefore = loadavg()[0];
const gitVersion = sb.git(sb.root, ['--version']);
for (const [n, fn] of all) {
  if (only && !only.has(n)) continue;
  const t0 = Date.now();
  await fn();
  log(`   (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
const meta = {
  date: new Date().toISOString(),
  quick,
  node: process.version,
  git: gitVersion,
  os: `${process.platform} ${release()}`,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? '?'}`,
  seconds: Math.round((Date.now() - started) / 1000),
  // The 1-minute load average before and after: other work on the machine inflates wall-clock times (the
  // interleaving spreads it over the variants, so ratios hold up better than absolute figures).
  loadavg: { before: loadBefore, after: loadavg()[0] },
  rounds: Object.fromEntries(Object.keys(N).map((k) => [k, rounds(k)])),
};
console.log(
  `roo-session bench: ${meta.node}, ${meta.git}, ${meta.cpus}${quick ? ', --quick' : ''}; ` +
    `wall-clock ms per run, variants interleaved round by round; ${meta.seconds} s; ` +
    `load average ${meta.loadavg.before.toFixed(1)} → ${meta.loadavg.after.toFixed(1)}`,
);
if (Math.max(meta.loadavg.before, meta.loadavg.after) > cpus().length * 0.75) {
  console.log('note: the machine was busy with other work during the run; absolute times are inflated');
}
console.log('');
console.log(formatTable(rows));
const failed = rows.filter((r) => r.status === 'FAIL');
console.log('');
console.log(failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed`);
const out = join(projectRoot, 'bench', '.out', 'results.json');
writeJson(out, { meta, rows, figures });
console.log(`results: ${out}`);
