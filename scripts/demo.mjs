#!/usr/bin/env node
// `npm run demo`: a whole session in a scratch repository, with the built `roo` and real git, then the result.
// Everything happens in a temp folder with its own HOME and git config: your own repos and settings are untouched.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const roo = join(root, 'packages', 'cli', 'bin', 'roo.js');
const scratch = mkdtempSync(join(tmpdir(), 'roo-demo-'));
const repo = join(scratch, 'shop');
const home = join(scratch, 'home');
mkdirSync(repo);
mkdirSync(home);
writeFileSync(
  join(home, '.gitconfig'),
  '[user]\n\tname = Demo Dev\n\temail = demo@example.test\n[init]\n\tdefaultBranch = main\n',
);
const env = {
  ...Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_') && !k.startsWith('ROO_')),
  ),
  HOME: home,
  GIT_CONFIG_GLOBAL: join(home, '.gitconfig'),
  GIT_CONFIG_NOSYSTEM: '1',
};
const keep = process.argv.includes('--keep');
const bold = (s) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[1m${s}\x1b[0m` : s);

function sh(cmd, args, { quiet = false } = {}) {
  const shown = cmd === process.execPath ? ['roo', ...args.slice(1)] : [cmd, ...args];
  if (!quiet) console.log(bold(`$ ${shown.map(quote).join(' ')}`));
  const out = execFileSync(cmd, args, {
    cwd: repo,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (!quiet && out.trim()) console.log(out.trimEnd());
  return out;
}
const git = (...args) => sh('git', args);
const rooRun = (...args) => sh(process.execPath, [roo, ...args]);
const quote = (a) => (/^[\w./:@=-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
const write = (rel, text) => {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
};

try {
  git('init', '-q', '-b', 'main');
  write('src/login.js', 'export function login(user) {\n  return true;\n}\n');
  git('add', '.');
  git('commit', '-q', '-m', 'initial commit');
  rooRun('init');
  const id = rooRun('session', 'start', 'Fix login rate limit', '--tag', 'auth').trim();
  write('src/rateLimit.js', 'export const bucket = { size: 10, refillPerSecond: 1 };\n');
  git('add', '.');
  git('commit', '-q', '-m', 'add token bucket');
  write(
    'src/login.js',
    "import { bucket } from './rateLimit.js';\nexport function login(user) {\n  return bucket.size > 0;\n}\n",
  );
  git('commit', '-q', '-am', 'limit login attempts');
  rooRun('session', 'log', '--type', 'decision', 'Token bucket per IP, 10 attempts, 1 per second refill');
  rooRun('session', 'artifact', 'new', 'note', 'initial plan');
  rooRun('session', 'task', 'link', 'TASK-AUTH-20261126-091500');
  rooRun('session', 'pause');
  git('switch', '-q', 'main');
  rooRun('session', 'continue', 'rate limit');
  write('test/login.test.js', "import { login } from '../src/login.js';\nconsole.assert(login('a'));\n");
  git('add', '.');
  git('commit', '-q', '-m', 'test the limiter');
  rooRun('session', 'end');

  console.log(`\n${bold(`── .ruru/sessions/${id}/session_log.md ──`)}`);
  console.log(readFileSync(join(repo, '.ruru', 'sessions', id, 'session_log.md'), 'utf8').trimEnd());
  console.log(`\n${bold('── git log --oneline --all --graph ──')}`);
  console.log(sh('git', ['log', '--oneline', '--all', '--graph'], { quiet: true }).trimEnd());
  console.log(`\n${bold(`── tree of .ruru/sessions/${id} ──`)}`);
  printTree(join(repo, '.ruru', 'sessions', id), '');
  console.log(`\n${bold('── roo session show --format markdown (first lines) ──')}`);
  console.log(
    sh(process.execPath, [roo, 'session', 'show', '--format', 'markdown', id], { quiet: true })
      .split('\n')
      .slice(0, 26)
      .join('\n'),
  );
  console.log(
    keep
      ? `\nscratch repo kept at ${repo}`
      : '\n(scratch repo removed; run `npm run demo -- --keep` to keep it)',
  );
} catch (error) {
  console.error(`demo failed: ${error.message}`);
  if (error.stderr) console.error(String(error.stderr));
  process.exitCode = 1;
} finally {
  if (!keep) rmSync(scratch, { recursive: true, force: true });
}

function printTree(dir, indent) {
  const entries = readdirSync(dir).sort();
  entries.forEach((name, i) => {
    const last = i === entries.length - 1;
    const p = join(dir, name);
    console.log(`${indent}${last ? '└── ' : '├── '}${name}`);
    if (statSync(p).isDirectory()) printTree(p, `${indent}${last ? '    ' : '│   '}`);
  });
}
