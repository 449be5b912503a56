import { describe, expect, it } from 'vitest';
import { CREDENTIALS, GCP_KEY_JSON, PEM } from '../../../../test/helpers/credentials.js';
import { decodeForScan, type ScanFile, scanForSecrets, secretsFoundError } from './secretScan.js';

const NOTE = '.ruru/sessions/S/artifacts/notes/NOTE-x.md';
const file = (path: string, data: string | Uint8Array): ScanFile => ({
  path,
  data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
});

/** The note with every credential, a filler line between, and the 1-based line of each. */
function note() {
  const lines = ['# Deploy notes', ''];
  const at: number[] = [];
  for (const c of CREDENTIALS) {
    at.push(lines.length + 1);
    lines.push(...c.text.split('\n'), 'some prose in between');
  }
  return { text: `${lines.join('\n')}\n`, at };
}

function rendered(findings: Awaited<ReturnType<typeof scanForSecrets>>) {
  return secretsFoundError(findings, 'roo session end').message;
}

describe('scanForSecrets', () => {
  it('finds each planted kind on its line with the expected rule, and prints none of the values', async () => {
    const { text, at } = note();
    const result = await scanForSecrets([file(NOTE, text)]);
    const message = rendered(result);
    CREDENTIALS.forEach((c, i) => {
      const hit = result.findings.find((f) => f.line === at[i]);
      expect(hit, `${c.kind} on line ${at[i]}`).toBeDefined();
      expect(`${hit!.ruleId}  ${hit!.message}`, c.kind).toMatch(c.rule);
      expect(message, c.kind).not.toContain(c.secret);
    });
    // One finding per credential: the generic patterns do not repeat what a specific rule found.
    expect(result.findings).toHaveLength(CREDENTIALS.length);
  });

  it('finds a GCP service-account key in a .json file', async () => {
    const result = await scanForSecrets([file('.ruru/sessions/S/artifacts/key.json', GCP_KEY_JSON)]);
    expect(result.findings.map((f) => f.ruleId)).toContain('@secretlint/secretlint-rule-gcp');
    expect(rendered(result)).not.toContain(PEM.split('\n')[1]);
  });

  it('ignores secretlint-disable comments in the scanned text', async () => {
    const pem = CREDENTIALS.find((c) => c.kind.startsWith('private key'))!;
    for (const directive of [
      '<!-- secretlint-disable -->',
      '# secretlint-disable',
      '// secretlint-disable-next-line',
      '<!-- secretlint-disable-line -->',
    ]) {
      const text = `${directive}\n${CREDENTIALS[0]!.text} ${directive}\n${pem.text}\n`;
      const result = await scanForSecrets([file(NOTE, text)]);
      expect(
        result.findings.map((f) => f.line),
        directive,
      ).toEqual([2, 3]);
    }
  });

  it('decodes UTF-16 (LE and BE, with BOM) and UTF-32, and reads NUL-laden files through their printable bytes', async () => {
    const c = CREDENTIALS.find((x) => x.kind === 'Stripe live secret key')!;
    const text = `line one\n${c.text}\n`;
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be[0] = 0xfe;
    be[1] = 0xff;
    for (let i = 2; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [le[i + 1]!, le[i]!];
    const utf32 = Buffer.alloc(4 + text.length * 4);
    utf32.writeUInt32LE(0xfeff, 0);
    for (const [i, ch] of [...text].entries()) utf32.writeUInt32LE(ch.codePointAt(0)!, 4 + i * 4);
    const bomless = Buffer.from(text, 'utf16le');
    const binary = Buffer.concat([
      Buffer.from([0, 1, 2, 0xff, 0x0a]),
      Buffer.from(c.text),
      Buffer.from([0, 0, 7]),
    ]);
    for (const [name, data] of Object.entries({ le, be, utf32, bomless, binary })) {
      const result = await scanForSecrets([file(`.ruru/sessions/S/${name}.txt`, data)]);
      expect(
        result.findings.map((f) => [f.line, f.message]),
        name,
      ).toEqual([[2, 'found matching Stripe API key: ********']]);
    }
  });

  it('scans text far past 1 MB in slices, with the right line numbers, a PEM across a slice border included', async () => {
    const line = '- 2026-12-03 10:00: committed `abc1234` and wrote a long line of notes about it\n';
    const head = line.repeat(12_000);
    const tail = line.repeat(20_000);
    const c = CREDENTIALS.find((x) => x.kind === '`password=` assignment')!;
    // The PEM starts 40 bytes before the first slice border (1 MiB), so the border cuts it.
    const pad = 'x\n'.repeat((1024 * 1024 - Buffer.byteLength(head) - 40) / 2);
    const text = `${head}${pad}${PEM}\n${tail}${c.text}\n`;
    expect(text.indexOf(PEM)).toBe(1024 * 1024 - 40);
    expect(text.length).toBeGreaterThan(2 * 1024 * 1024);
    const result = await scanForSecrets([file(NOTE, text)]);
    const pemLine = 12_000 + pad.length / 2 + 1;
    expect(result.findings.map((f) => [f.line, f.ruleId])).toEqual([
      [pemLine, '@secretlint/secretlint-rule-privatekey'],
      [pemLine + PEM.split('\n').length + 20_000, '@secretlint/secretlint-rule-pattern'],
    ]);
  });

  it('refuses archives and key stores by name, as files it cannot scan', async () => {
    const gz = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]);
    const result = await scanForSecrets([
      file('.ruru/sessions/S/artifacts/logs.tar.gz', gz),
      file('.ruru/sessions/S/artifacts/client.p12', Buffer.from([0x30, 0x82, 1, 2])),
    ]);
    expect(result.findings.map((f) => [f.file, f.ruleId, f.message])).toEqual([
      [
        '.ruru/sessions/S/artifacts/logs.tar.gz',
        'roo/unscannable',
        'a gzip archive: its content cannot be scanned for credentials',
      ],
      [
        '.ruru/sessions/S/artifacts/client.p12',
        'roo/unscannable',
        'a key store (.p12): its content cannot be scanned for credentials',
      ],
    ]);
    expect(rendered(result)).toMatch(/holds 2 files roo cannot scan, so roo will not commit it/);
  });

  it('scans path names and masks a credential in a path wherever the path is printed', async () => {
    const key = CREDENTIALS[0]!.secret;
    const folder = `.ruru/sessions/SESSION-${key}-2612031000`;
    const result = await scanForSecrets([
      file(`${folder}/session_log.md`, `title = "${key}"\n`),
      file(`${folder}/README.md`, 'nothing\n'),
    ]);
    const message = rendered(result);
    expect(message).not.toContain(key);
    expect(message).toContain('in the path name');
    expect(message).toContain('session_log.md:1:');
  });

  it('finds nothing in ordinary notes and placeholders', async () => {
    const text = [
      `password=$${'{'}DB_PASSWORD}`,
      'password = os.environ["DB_PASSWORD"]',
      'password: string',
      'secret=<your secret here>',
      'api_key=REDACTED',
      'token = getpass("token: ")',
      'postgres://user:password@localhost/db',
      'redis://cache.internal:6379/0',
      'https://github.com/org/repo/commit/4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      'Fixed the login flow; the password form now rejects empty input.',
      'commit `4b825dc642cb6eb9a060e54bf8d69288fbee4904` touched the key parser',
    ].join('\n');
    expect((await scanForSecrets([file(NOTE, text)])).findings).toEqual([]);
  });
});

describe('decodeForScan', () => {
  it('drops a UTF-8 BOM and keeps line ends of binary content', () => {
    expect(decodeForScan(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toEqual({ texts: ['a'] });
    expect(decodeForScan(Buffer.from([0x61, 0, 0, 0x0a, 0x62, 0xff]))).toEqual({ texts: ['a  \nb '] });
    // NULs on every other byte: BOM-less UTF-16, read both ways.
    expect(decodeForScan(Buffer.from('ab\n', 'utf16le'))).toEqual({ texts: ['a b \n ', 'ab\n'] });
  });
});
