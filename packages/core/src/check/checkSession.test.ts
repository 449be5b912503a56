import { describe, expect, it } from 'vitest';
import { SessionLogParseError } from '../errors.js';
import { parseSessionLog } from '../log/parseSessionLog.js';
import { checkSession, type Finding, type SessionFolderFacts } from './checkSession.js';

const FOLDER = 'SESSION-Fix_login-2611260905';
const PATH = `.ruru/sessions/${FOLDER}`;

const GOOD = `+++
id = "${FOLDER}"
title = "Fix login"
status = "🟢 Active"
start_time = "2026-11-26T09:05:12+00:00"
end_time = ""
coordinator = "roo-cli"
related_tasks = []
related_artifacts = [
  "artifacts/notes/NOTE-initial_plan-2611260912.md",
]
tags = ["session", "log"]
+++

# Session Log

## Log Entries

- [2026-11-26 09:05:12] Session initiated
- [2026-11-26 09:12:40] Created artifact
`;

function facts(text: string, extra: Partial<SessionFolderFacts> = {}): SessionFolderFacts {
  return {
    folder: FOLDER,
    folderPath: PATH,
    doc: parseSessionLog(text, `${PATH}/session_log.md`),
    exists: () => true,
    ...extra,
  };
}
const rules = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.rule} ${f.line}`);

describe('checkSession', () => {
  it('finds nothing in a good log', () => {
    expect(checkSession(facts(GOOD))).toEqual([]);
  });

  it('reports a TOML error with the file and line the parser gave', () => {
    const error = new SessionLogParseError({
      file: `${PATH}/session_log.md`,
      line: 16,
      detail: 'invalid TOML: expected comma',
    });
    expect(checkSession({ folder: FOLDER, folderPath: PATH, error, exists: () => true })).toEqual([
      {
        severity: 'error',
        file: `${PATH}/session_log.md`,
        line: 16,
        rule: 'frontmatter',
        message: 'invalid TOML: expected comma',
      },
    ]);
  });

  it('reports a missing log', () => {
    expect(rules(checkSession({ folder: FOLDER, folderPath: PATH, exists: () => false }))).toEqual([
      'error unreadable 1',
    ]);
  });

  it('legacy status and key spellings are warnings; unknown status, bad times and a wrong id are errors', () => {
    const text = GOOD.replace(`id = "${FOLDER}"`, 'session_id = "SESSION-Other-2611260905"')
      .replace('status = "🟢 Active"', 'status = "🟡 paused"')
      .replace('coordinator = "roo-cli"', 'coordinator_mode = "prime"')
      .replace('end_time = ""', 'end_time = "yesterday"');
    expect(rules(checkSession(facts(text)))).toEqual([
      'error id-mismatch 2',
      'warning legacy-key 2',
      'warning legacy-status 4',
      'error time 6',
      'warning legacy-key 7',
    ]);
    const unknown = GOOD.replace('status = "🟢 Active"', 'status = "🟣 Pondering"');
    expect(rules(checkSession(facts(unknown)))).toEqual(['error status 4']);
  });

  it('requires id, title, status and start_time, and warns about a missing coordinator or a wrong type', () => {
    const text = GOOD.replace(/^title = .*\n/m, '')
      .replace(/^coordinator = .*\n/m, '')
      .replace('tags = ["session", "log"]', 'tags = "session"');
    expect(rules(checkSession(facts(text)))).toEqual([
      'error required-key 1',
      'warning required-key 1',
      'warning key-type 10',
    ]);
  });

  it('related_artifacts must stay inside the folder and exist', () => {
    const text = GOOD.replace(
      '  "artifacts/notes/NOTE-initial_plan-2611260912.md",',
      '  "artifacts/notes/NOTE-initial_plan-2611260912.md",\n  "../../../etc/passwd",\n  "/abs.md",',
    );
    const findings = checkSession(facts(text, { exists: (rel) => !rel.includes('initial_plan') }));
    expect(rules(findings)).toEqual([
      'error artifact-missing 10',
      'error artifact-path 11',
      'error artifact-path 12',
    ]);
  });

  it('warns about artifact names and reports artifact frontmatter errors on the artifact file', () => {
    const findings = checkSession(
      facts(GOOD, {
        artifactFiles: ['artifacts/notes/README.md', 'artifacts/notes/plan.md'],
        artifactErrors: [
          { path: 'artifacts/notes/plan.md', line: 3, message: 'invalid TOML frontmatter: x' },
        ],
      }),
    );
    expect(findings.map((f) => [f.file, f.severity, f.rule, f.line])).toEqual(
      [
        [`${PATH}/artifacts/notes/plan.md`, 'warning', 'artifact-name', 1],
        [`${PATH}/artifacts/notes/plan.md`, 'error', 'artifact-frontmatter', 3],
      ].sort((a, b) => Number(a[3]) - Number(b[3])),
    );
  });

  it('warns about entries without a valid timestamp, out of order, and placeholders', () => {
    const text = `${GOOD}- [2026-11-26 09:00:00] earlier than the one above
- no timestamp here
  - an indented sub-item is not an entry
- [2025-13-45 99:99] impossible date
- [YYYY-MM-DD HH:MM:SS] Created artifact: \`[path]\`
# - [YYYY-MM-DD HH:MM:SS] commented template line

\`\`\`
- pasted, inside a fence
\`\`\`
`;
    expect(rules(checkSession(facts(text)))).toEqual([
      'warning entry-order 21',
      'warning entry-timestamp 22',
      'warning entry-timestamp 24',
      'warning placeholder 25',
    ]);
  });
});
