import { describe, expect, it } from 'vitest';
import { CREDENTIALS, PEM } from './helpers/credentials.js';
import { at, expectRefused, git, logPath, rev, roo, rooOk } from './helpers/session.js';
import { makeTempRepo } from './helpers/tempRepo.js';

// Issue 5 "secret scan": checkpoint, pause and end refuse to commit a session folder holding credentials (exit 3,
// file, line and rule named, the value masked, nothing changed); --allow-secrets overrides for one command;
// `secretScan = false` turns the scan off; `check` reports the same findings.

const ID = 'SESSION-Wire_the_deploy_key-2611260905';
const NOTE = `.ruru/sessions/${ID}/artifacts/notes/NOTE-deploy_setup-2611260906.md`;

// Fixed fake values (test/helpers/credentials.ts): the same bytes every run.
const secretOf = (kind: string) => CREDENTIALS.find((c) => c.kind === kind)!.secret;

function credentials() {
  const awsId = secretOf('AWS access key ID');
  const awsSecret = secretOf('AWS secret access key');
  const github = secretOf('GitHub personal access token');
  const text = [
    '+++',
    'id = "NOTE-deploy_setup-2611260906"',
    `session_id = "${ID}"`,
    'type = "note"',
    '+++',
    '',
    '# Deploy setup',
    '',
    `aws_access_key_id = ${awsId}`,
    `aws_secret_access_key = ${awsSecret}`,
    '',
    `export GITHUB_TOKEN=${github}`,
    '',
    PEM,
    '',
  ].join('\n');
  // 1-based lines of each finding.
  const lines = { awsId: 9, awsSecret: 10, github: 12, privateKey: 14 };
  return { text, lines, values: [awsId, awsSecret, github, PEM.split('\n')[1]!] };
}

async function sessionWithCredentials() {
  const t = await makeTempRepo();
  await rooOk(t, ['init']);
  await t.git(['add', '.ruru/config.toml']);
  await t.git(['commit', '-q', '-m', 'roo init']);
  await rooOk(t, ['session', 'start', 'Wire the deploy key'], { now: at(5, 12) });
  const creds = credentials();
  t.write(NOTE, creds.text);
  return { t, creds };
}

describe('the secret scan', () => {
  it('blocks checkpoint, pause and end (exit 3), names file, line and rule, masks the value, changes nothing', async () => {
    const { t, creds } = await sessionWithCredentials();
    const tip = await rev(t, 'HEAD');
    for (const command of ['checkpoint', 'pause', 'end']) {
      const r = await expectRefused(
        t,
        ['session', command],
        3,
        /^roo: the session folder holds 4 credentials, so roo will not commit it:\n/,
        {
          now: at(20),
        },
      );
      expect(r.stderr).toContain(`${NOTE}:${creds.lines.awsId}:`);
      expect(r.stderr).toMatch(
        new RegExp(
          `${NOTE}:${creds.lines.awsId}:\\d+  @secretlint/secretlint-rule-aws  found AWS Access Key ID: \\*+`,
        ),
      );
      expect(r.stderr).toMatch(
        new RegExp(
          `${NOTE}:${creds.lines.awsSecret}:\\d+  @secretlint/secretlint-rule-aws  found AWS Secret Access Key`,
        ),
      );
      expect(r.stderr).toMatch(
        new RegExp(
          `${NOTE}:${creds.lines.github}:\\d+  @secretlint/secretlint-rule-github  found GitHub Token`,
        ),
      );
      expect(r.stderr).toMatch(
        new RegExp(
          `${NOTE}:${creds.lines.privateKey}:\\d+  @secretlint/secretlint-rule-privatekey  found private key`,
        ),
      );
      expect(r.stderr).toContain(`run \`roo session ${command} --allow-secrets\``);
      for (const value of creds.values) expect(r.stderr).not.toContain(value);
    }
    // Not committed, refs unchanged, the file still there for the user to fix.
    expect(await rev(t, 'HEAD')).toBe(tip);
    expect(await git(t, ['ls-tree', '-r', '--name-only', 'HEAD', '--', NOTE])).toBe('');
    expect(t.read(NOTE)).toBe(creds.text);

    // check reports the same findings (exit 5), masked too.
    const check = await roo(t, ['session', 'check']);
    expect(check.exitCode).toBe(5);
    const secrets = check.stdout.split('\n').filter((l) => l.includes(' error secret: '));
    expect(secrets.map((l) => l.split(': error')[0])).toEqual(
      [creds.lines.awsId, creds.lines.awsSecret, creds.lines.github, creds.lines.privateKey].map(
        (n) => `${NOTE}:${n}`,
      ),
    );
    for (const value of creds.values) expect(check.stdout).not.toContain(value);
    const annotations = await roo(t, ['session', 'check', '--format', 'github']);
    expect(annotations.stdout).toContain(
      `::error file=${NOTE},line=${creds.lines.github},title=roo session check%3A secret::@secretlint/secretlint-rule-github: found GitHub Token`,
    );

    // --allow-secrets overrides for that command only: the folder, credentials and all, is committed.
    await rooOk(t, ['session', 'end', '--allow-secrets'], { now: at(25) });
    expect(await git(t, ['log', '-1', '--format=%s'])).toBe(`session(${ID}): end\n`);
    expect(await git(t, ['show', `HEAD:${NOTE}`])).toBe(creds.text);
  });

  it('secretScan = false in .ruru/config.toml turns it off for the commands and for check', async () => {
    const { t, creds } = await sessionWithCredentials();
    t.write(
      '.ruru/config.toml',
      `${t.read('.ruru/config.toml').replace(/^secretScan = true.*$/m, '')}secretScan = false\n`,
    );
    expect(t.read('.ruru/config.toml')).toMatch(/^secretScan = false$/m);
    const check = await roo(t, ['session', 'check']);
    expect(check.stdout).not.toContain('secret');
    await rooOk(t, ['session', 'checkpoint'], { now: at(20) });
    expect(await git(t, ['show', `HEAD:${NOTE}`])).toBe(creds.text);
    expect(await git(t, ['show', `HEAD:${logPath(ID)}`])).toContain(`id = "${ID}"`);
  });
});
