import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SecretsFoundError } from '@roo-session/core';

/** One credential secretlint found; the value is already masked by secretlint. */
export type SecretFinding = { file: string; line: number; column: number; ruleId: string; message: string };

const MAX_BYTES = 1024 * 1024;

/**
 * Scans every text file under `dir` with secretlint's recommended preset (AWS, GCP, GitHub, Slack, npm, private
 * keys, basic auth, …). Binary and very large files are skipped: a session folder is notes, not data.
 * The secretlint modules load lazily, so read-only commands never pay for them.
 */
export async function scanFolderForSecrets(dir: string, root: string): Promise<SecretFinding[]> {
  const [{ lintSource }, { creator }] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
  ]);
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: creator }] };
  const findings: SecretFinding[] = [];
  for (const file of walk(dir)) {
    const bytes = readFileSync(file);
    if (bytes.includes(0)) continue;
    const content = bytes.toString('utf8');
    const result = await lintSource({
      source: { filePath: file, content, contentType: 'text' },
      options: { maskSecrets: true, config },
    });
    for (const m of result.messages) {
      findings.push({
        file: relative(root, file).split('\\').join('/'),
        line: m.loc.start.line,
        column: m.loc.start.column + 1,
        ruleId: m.ruleId,
        message: m.message,
      });
    }
  }
  return findings;
}

function* walk(dir: string): Generator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && statSync(p).size <= MAX_BYTES) yield p;
  }
}

/** The error that blocks a commit of a folder holding credentials (exit 3), naming file, line and rule. */
export function secretsFoundError(findings: SecretFinding[], command: string): SecretsFoundError {
  const lines = findings
    .map((f) => `  ${f.file}:${f.line}:${f.column}  ${f.ruleId}  ${f.message}`)
    .join('\n');
  return new SecretsFoundError(
    `the session folder holds ${findings.length === 1 ? 'a credential' : `${findings.length} credentials`}, ` +
      `so roo will not commit it:\n${lines}\n` +
      `remove them and run \`${command}\` again, or run \`${command} --allow-secrets\` if they are not real`,
  );
}
