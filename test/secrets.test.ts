import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CREDENTIALS, GCP_KEY_JSON, PEM } from './helpers/credentials.js';
import { at, expectRefused, git, logPath, rev, roo, rooOk } from './helpers/session.js';
import { makeTempRepo, type TempRepo } from './helpers/tempRepo.js';

// The secret scan covers everything roo commits (docs/architecture.md): every file of the session folder as
// staged, the log past 1 MB, UTF-16 and NUL-laden files, the goal and description of `start`; session text cannot
// switch it off; refusals name file, line and rule and never print the value; the branch stays byte-identical.

const repos: TempRepo[] = [];
afterEach(() => {
  for (const t of repos.splice(0)) t.cleanup();
});

async function session(goal = 'Wire the deploy key'): Promise<{ t: TempRepo; id: string; dir: string }> {
  const t = await makeTempRepo();
  repos.push(t);
  await rooOk(t, ['init']);
  await t.git(['add', '.ruru/config.toml']);
  await t.git(['commit', '-q', '-m', 'roo init']);
  const id = await rooOk(t, ['session', 'start', goal], { now: at(5, 12) });
  return { t, id, dir: `.ruru/sessions/${id}` };
}

/** Runs a commit command that must be refused: exit 3, nothing changed (refs, index, files), no value printed. */
async function refused(t: TempRepo, args: string[], secrets: readonly string[]) {
  const reflog = await git(t, ['reflog', '--format=%H %gs']);
  const r = await expectRefused(t, args, 3, /so roo will not commit it:\n/, { now: at(20) });
  for (const s of secrets) {
    expect(r.stderr).not.toContain(s);
    expect(r.stdout).not.toContain(s);
  }
  expect(await git(t, ['reflog', '--format=%H %gs'])).toBe(reflog);
  return r;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('the secret scan blocks every planted kind', () => {
  it('in an artifact: checkpoint, pause and end refuse, each finding named by file, line and rule', async () => {
    const { t, dir } = await session();
    const note = `${dir}/artifacts/notes/NOTE-creds-2611260906.md`;
    const lines = ['# Credentials found while debugging', ''];
    const at1: number[] = [];
    for (const c of CREDENTIALS) {
      at1.push(lines.length + 1);
      lines.push(...c.text.split('\n'), '');
    }
    t.write(note, lines.join('\n'));
    const key = `${dir}/artifacts/notes/service-account.json`;
    t.write(key, GCP_KEY_JSON);
    const secrets = [...CREDENTIALS.map((c) => c.secret), PEM.split('\n')[2]!];
    for (const command of ['checkpoint', 'pause', 'end']) {
      const r = await refused(t, ['session', command], secrets);
      CREDENTIALS.forEach((c, i) => {
        const found = r.stderr.split('\n').find((l) => l.startsWith(`  ${note}:${at1[i]}:`));
        expect(found, `${command}: ${c.kind}\n${r.stderr}`).toMatch(c.rule);
      });
      expect(r.stderr).toMatch(
        new RegExp(`  ${key}:1:1  @secretlint/secretlint-rule-gcp  found GCP Service Account's private key`),
      );
      expect(r.stderr).toContain(`run \`roo session ${command} --allow-secrets\``);
    }
    // --allow-secrets is the way past, for that command.
    await rooOk(t, ['session', 'checkpoint', '--allow-secrets'], { now: at(21) });
    expect(await git(t, ['show', `HEAD:${note}`])).toBe(t.read(note));
  });

  it('in the log, written by `roo session log`', async () => {
    const { t, id } = await session();
    const kinds = [
      'Stripe live secret key',
      'JSON Web Token',
      '`password=` assignment',
      'Slack incoming webhook',
    ];
    const planted = kinds.map((k) => CREDENTIALS.find((c) => c.kind === k)!);
    for (const c of planted)
      await rooOk(t, ['session', 'log', '--', `debugging: ${c.text}`], { now: at(10) });
    const r = await refused(
      t,
      ['session', 'checkpoint'],
      planted.map((c) => c.secret),
    );
    const lines = planted.map((c) => {
      const found = new RegExp(`  ${logPath(id)}:(\\d+):\\d+  ${c.rule.source}`).exec(r.stderr);
      expect(found, `${c.kind}\n${r.stderr}`).not.toBeNull();
      return Number(found![1]);
    });
    // The lines named are those of the log as it would have been committed: commit it anyway and look.
    await rooOk(t, ['session', 'checkpoint', '--allow-secrets'], { now: at(20) });
    const committed = (await git(t, ['show', `HEAD:${logPath(id)}`])).split('\n');
    for (const [i, c] of planted.entries()) expect(committed[lines[i]! - 1], c.kind).toContain(c.text);
  });

  it('in the log past 1 MB: no size limit skips it', async () => {
    const { t, id } = await session();
    const c = CREDENTIALS.find((x) => x.kind === 'GitHub personal access token')!;
    const filler = '- 2026-11-26 09:06: a long note line that an agent wrote while working on the thing\n';
    const text = `${t.read(logPath(id))}${filler.repeat(16_000)}${c.text}\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(1024 * 1024);
    t.write(logPath(id), text);
    const r = await refused(t, ['session', 'end'], [c.secret]);
    // `end` adds its own lines (end_time, the status entry) to what it commits: the line is at or just past it.
    const found = new RegExp(`  ${logPath(id)}:(\\d+):\\d+  @secretlint/secretlint-rule-github`).exec(
      r.stderr,
    );
    expect(Number(found?.[1])).toBeGreaterThanOrEqual(lineOf(text, c.text));
    expect(Number(found?.[1])).toBeLessThan(lineOf(text, c.text) + 5);
  });

  it('in UTF-16 (BOM) files, NUL-laden files, behind secretlint-disable comments, and archives', async () => {
    const { t, dir } = await session();
    const pick = (k: string) => CREDENTIALS.find((c) => c.kind === k)!;
    const [stripe, jwt, aws, pg, slack] = [
      pick('Stripe live secret key'),
      pick('JSON Web Token'),
      pick('AWS access key ID'),
      pick('PostgreSQL URL with password'),
      pick('Slack bot token'),
    ];
    const abs = (rel: string) => join(t.dir, rel);
    t.write(`${dir}/artifacts/notes/README.md`, t.read(`${dir}/artifacts/notes/README.md`));
    writeFileSync(
      abs(`${dir}/artifacts/notes/utf16le.txt`),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`notes\r\n${stripe.text}\r\n`, 'utf16le')]),
    );
    const be = Buffer.from(`notes\n${jwt.text}\n`, 'utf16le');
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    writeFileSync(abs(`${dir}/artifacts/notes/utf16be.txt`), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    writeFileSync(
      abs(`${dir}/artifacts/notes/dump.bin`),
      Buffer.concat([Buffer.from([0, 1, 2, 3, 0x0a]), Buffer.from(aws.text), Buffer.from([0, 0xff, 0])]),
    );
    t.write(
      `${dir}/artifacts/notes/disabled.md`,
      `<!-- secretlint-disable -->\n${pg.text}\n<!-- secretlint-enable -->\n# secretlint-disable-next-line\n${slack.text}\n`,
    );
    writeFileSync(
      abs(`${dir}/artifacts/notes/logs.tar.gz`),
      Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]),
    );
    const r = await refused(
      t,
      ['session', 'checkpoint'],
      [stripe, jwt, aws, pg, slack].map((c) => c.secret),
    );
    const notes = `${dir}/artifacts/notes`;
    expect(r.stderr).toMatch(/holds 5 credentials and a file roo cannot scan/);
    expect(r.stderr).toMatch(new RegExp(`  ${notes}/utf16le.txt:2:\\d+  ${stripe.rule.source}`));
    expect(r.stderr).toMatch(new RegExp(`  ${notes}/utf16be.txt:2:\\d+  ${jwt.rule.source}`));
    expect(r.stderr).toMatch(new RegExp(`  ${notes}/dump.bin:2:\\d+  ${aws.rule.source}`));
    expect(r.stderr).toMatch(new RegExp(`  ${notes}/disabled.md:2:\\d+  ${pg.rule.source}`));
    expect(r.stderr).toMatch(new RegExp(`  ${notes}/disabled.md:5:\\d+  ${slack.rule.source}`));
    expect(r.stderr).toContain(
      `  ${notes}/logs.tar.gz  roo/unscannable  a gzip archive: its content cannot be scanned for credentials`,
    );
  });
});

describe('start scans the goal and description before it makes anything', () => {
  it('refuses a credential in the goal or --description (exit 3, no branch, no folder), --allow-secrets passes', async () => {
    const t = await makeTempRepo();
    repos.push(t);
    await rooOk(t, ['init']);
    await t.git(['add', '.ruru/config.toml']);
    await t.git(['commit', '-q', '-m', 'roo init']);
    const stripe = CREDENTIALS.find((c) => c.kind === 'Stripe live secret key')!;
    const password = CREDENTIALS.find((c) => c.kind === '`password=` assignment')!;
    const goal = await refused(t, ['session', 'start', `Rotate ${stripe.secret}`], [stripe.secret]);
    // The ID is made from the goal, so the path holds the key too: masked wherever it is printed.
    expect(goal.stderr).toContain(
      '  .ruru/sessions/SESS********/session_log.md  @secretlint/secretlint-rule-pattern  in the path name\n',
    );
    expect(goal.stderr).toMatch(
      / {2}\.ruru\/sessions\/SESS\*{8}\/session_log\.md:3:\d+ {2}@secretlint\/secretlint-rule-pattern {2}found matching Stripe API key/,
    );
    expect(goal.stderr).toContain('run `roo session start <goal> --allow-secrets`');
    const desc = await refused(
      t,
      ['session', 'start', '--description', `use ${password.text}`, 'Fix the login'],
      [password.secret],
    );
    expect(desc.stderr).toMatch(
      / {2}\.ruru\/sessions\/SESSION-Fix_the_login-2611260920\/session_log\.md:\d+:\d+ {2}@secretlint\/secretlint-rule-pattern {2}found matching password or secret assignment/,
    );
    const id = await rooOk(
      t,
      ['session', 'start', '--allow-secrets', '--description', `use ${password.text}`, 'Fix the login'],
      { now: at(21) },
    );
    expect(await git(t, ['show', `HEAD:${logPath(id)}`])).toContain(password.text);
  });
});

describe('errors never echo a credential', () => {
  it('a PEM passed to `session log` without -- is refused (exit 2) with the key masked and the way to pass it', async () => {
    const { t } = await session();
    const tip = await rev(t, 'HEAD');
    const r = await roo(t, ['session', 'log', PEM]);
    expect(r.exitCode).toBe(2);
    for (const line of PEM.split('\n')) expect(r.stderr).not.toContain(line.slice(5));
    expect(r.stderr).toContain('Invalid option name ("----…<');
    expect(r.stderr).toContain('put `--` before it, e.g. `roo session log -- <text>`');
    expect(r.stdout).toBe('');
    // With --json the error object on stdout is masked the same way.
    const json = await roo(t, ['session', 'log', '--json', PEM]);
    expect(json.exitCode).toBe(2);
    for (const line of PEM.split('\n')) expect(json.stdout + json.stderr).not.toContain(line.slice(5));
    expect(JSON.parse(json.stdout).error.message).toContain('Invalid option name ("----…<');
    expect(await rev(t, 'HEAD')).toBe(tip);
    // With -- it is text: logged, then refused at the next commit point.
    await rooOk(t, ['session', 'log', '--', PEM], { now: at(10) });
    await refused(t, ['session', 'checkpoint'], [PEM.split('\n')[1]!]);
  });
});
