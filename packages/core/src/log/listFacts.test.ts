import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import template from '../../../../templates/session_log.md?raw';
import { SessionLogParseError } from '../errors.js';
import { SESSION_STATUSES } from '../status.js';
import { decodeUtf8 } from '../text.js';
import { tomlString } from '../toml.js';
import { type ListFacts, scanListFacts } from './listFacts.js';
import { readSessionMeta } from './parseSessionLog.js';
import { renderNewSessionLog } from './renderSessionLog.js';

const bytes = (text: string) => Buffer.from(text, 'utf8');

/** What the full parser makes of the same bytes, in the scanner's shape (or the error it throws). */
function slow(data: Uint8Array): ListFacts | SessionLogParseError {
  try {
    const { meta } = readSessionMeta(decodeUtf8(data, 'session_log.md'), 'session_log.md');
    return {
      id: meta.id,
      title: meta.title,
      statusRaw: meta.statusRaw,
      branch: meta.branch,
      startTime: meta.startTime,
      endTime: meta.endTime,
    };
  } catch (error) {
    if (error instanceof SessionLogParseError) return error;
    throw error;
  }
}

const log = (frontmatter: string, body = '\n# Session Log\n') => `+++\n${frontmatter}+++\n${body}`;

const ROO_LOG = renderNewSessionLog(template, {
  id: 'SESSION-Fix_login-2611260905',
  title: 'Fix login: "quotes", back\\slash, tab\there ✓',
  startTime: '2026-11-26T09:05:12+01:00',
  coordinator: 'roo-cli',
  branch: 'session/SESSION-Fix_login-2611260905',
  baseCommit: '3f2a9c1e0b7d4a5f6e8c9d0a1b2c3d4e5f6a7b8c',
  tags: ['auth', "it's"],
});

describe('scanListFacts', () => {
  it('reads the logs roo writes, with the same values as the full parser', () => {
    const facts = scanListFacts(bytes(ROO_LOG));
    expect(facts).toEqual({
      id: 'SESSION-Fix_login-2611260905',
      title: 'Fix login: "quotes", back\\slash, tab\there ✓',
      statusRaw: '🟢 Active',
      branch: 'session/SESSION-Fix_login-2611260905',
      startTime: '2026-11-26T09:05:12+01:00',
      endTime: '',
    });
    expect(facts).toEqual(slow(bytes(ROO_LOG)));
  });

  it('reads a BOM, literal strings, arrays, comments and the legacy session_id', () => {
    const text = `\uFEFF${log(
      '  # note\nsession_id = \'SESSION-Old-2501010000\' # legacy\ntitle="x"\ntags = [ \'a\' , "b", ]\n\nstatus = "Completed"\n',
    )}`;
    expect(scanListFacts(bytes(text))).toEqual({
      id: 'SESSION-Old-2501010000',
      title: 'x',
      statusRaw: 'Completed',
      branch: '',
      startTime: '',
      endTime: '',
    });
    expect(scanListFacts(bytes(text))).toEqual(slow(bytes(text)));
  });

  it.each([
    ['a table', 'id = "a"\n[extra]\nk = "v"\n'],
    ['a TOML date', 'start_time = 2025-01-01T10:00:00Z\n'],
    ['a number where a string is read', 'title = 42\n'],
    ['an array where a string is read', 'title = ["a"]\n'],
    ['a multi-line array', 'tags = [\n  "a",\n]\n'],
    ['a \\u escape', 'title = "caf\\u00e9"\n'],
    ['a duplicate key', 'id = "a"\nid = "b"\n'],
    ['a dotted key', 'a.b = "c"\n'],
    ['CRLF line endings', 'id = "a"\r\n'],
    ['a control character', 'title = "a\u0001b"\n'],
    ['a control character in a comment', '# a\u0001b\nid = "a"\n'],
    ['a carriage return inside a line', 'id = "a"\r# x\n'],
    ['a multi-line string', 'title = """a\nb"""\n'],
    ['a key named like an Object property', 'constructor = 1\n'],
  ])('leaves %s to the full parser', (_, frontmatter) => {
    expect(scanListFacts(bytes(log(frontmatter)))).toBeUndefined();
  });

  it.each([
    ['no frontmatter', '# Session Log\n'],
    ['an unclosed frontmatter', '+++\nid = "a"\n'],
    ['a closing line with trailing blanks', '+++\nid = "a"\n+++  \n'],
    ['a CRLF opening line', '+++\r\nid = "a"\r\n+++\r\n'],
    ['a closing line followed by text', '+++\nid = "a"\n+++x\n+++\n'],
  ])('leaves %s to the full parser', (_, text) => {
    expect(scanListFacts(bytes(text))).toBeUndefined();
  });

  it('leaves invalid UTF-8 anywhere in the file to the full parser', () => {
    const data = Buffer.concat([bytes(log('id = "a"\n')), Buffer.from([0xff, 0x0a])]);
    expect(scanListFacts(data)).toBeUndefined();
    expect(slow(data)).toBeInstanceOf(SessionLogParseError);
  });

  it('reads a closing line at the very end of the file, and an empty frontmatter', () => {
    expect(scanListFacts(bytes('+++\nid = "a"\n+++'))?.id).toBe('a');
    expect(scanListFacts(bytes('+++\n+++\n'))).toEqual({
      id: '',
      title: '',
      statusRaw: '',
      branch: '',
      startTime: '',
      endTime: '',
    });
  });

  it('agrees with the full parser on every fixture log it reads', () => {
    // The messy-log corpus of the end-to-end tests, and this folder's own fixtures.
    const corpus = {
      ...import.meta.glob('../../../../test/fixtures/messy-logs/*/session_log.md', {
        query: '?raw',
        import: 'default',
        eager: true,
      }),
      ...import.meta.glob('./__fixtures__/*.txt', { query: '?raw', import: 'default', eager: true }),
    } as Record<string, string>;
    let compared = 0;
    for (const [file, text] of Object.entries(corpus)) {
      const data = bytes(text);
      const facts = scanListFacts(data);
      if (facts !== undefined) {
        expect(facts, file).toEqual(slow(data));
        compared++;
      }
    }
    expect(Object.keys(corpus).length).toBeGreaterThan(5);
    // Some of the corpus is inside the subset (the rest goes to the full parser).
    expect(compared).toBeGreaterThan(0);
  });

  // Frontmatter lines from the subset and from just outside it, in any order and number.
  const text = fc.string({ unit: 'grapheme', maxLength: 12 });
  const key = fc.constantFrom(
    'id',
    'session_id',
    'title',
    'status',
    'branch',
    'start_time',
    'end_time',
    'tags',
    'other',
    'constructor',
  );
  const value = fc.oneof(
    text.map((t) => tomlString(t)),
    text.map((t) => `'${t.replace(/['\n\r]/g, '')}'`),
    fc.array(text, { maxLength: 3 }).map((ts) => `[${ts.map((t) => tomlString(t)).join(', ')}]`),
    fc.constantFrom(
      '42',
      'true',
      '2025-01-01T10:00:00Z',
      '"unterminated',
      '[',
      '"a" "b"',
      '"x\\u00e9"',
      `"${SESSION_STATUSES[0]}"`,
    ),
  );
  const line = fc.oneof(
    fc.tuple(key, value, fc.constantFrom('', ' # c', '\t#')).map(([k, v, c]) => `${k} = ${v}${c}`),
    fc.constantFrom('', '# comment', '  ', '[table]', 'a.b = "c"', '= "x"', '"q" = "v"', 'k = "v"\r'),
  );

  it('never disagrees with the full parser (property)', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 10 }), fc.boolean(), (lines, bom) => {
        const data = bytes(`${bom ? '\uFEFF' : ''}${log(lines.map((l) => `${l}\n`).join(''))}`);
        const facts = scanListFacts(data);
        if (facts !== undefined) expect(facts).toEqual(slow(data));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads every log made only of subset lines (property)', () => {
    const subsetLine = fc
      .tuple(
        fc.constantFrom('id', 'title', 'status', 'branch', 'start_time', 'end_time', 'note'),
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is left out
        text.filter((t) => !/[\u0000-\u001f\u007f]/.test(t)),
      )
      .map(([k, t]) => [k, `${k} = "${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`] as const);
    fc.assert(
      fc.property(fc.uniqueArray(subsetLine, { selector: ([k]) => k, maxLength: 7 }), (pairs) => {
        const data = bytes(log(pairs.map(([, l]) => `${l}\n`).join('')));
        const facts = scanListFacts(data);
        expect(facts).toBeDefined();
        expect(facts).toEqual(slow(data));
      }),
      { numRuns: 1000 },
    );
  });
});
