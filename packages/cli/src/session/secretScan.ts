import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SecretsFoundError } from '@roo-session/core';

/** One credential secretlint found; the value is masked (secretlint's `maskSecrets`). */
export type SecretFinding = { file: string; line: number; column: number; ruleId: string; message: string };

const MAX_BYTES = 1024 * 1024;

/**
 * Scans every text file under `dir` with secretlint's recommended preset (AWS keys and access key IDs, GCP,
 * GitHub, Slack, npm, OpenAI, Anthropic, private keys, basic auth, connection strings, …). Binary and very large files are skipped: a session folder is notes, not data.
 * The secretlint modules load lazily, so read-only commands never pay for them.
 */
export async function scanFolderForSecrets(dir: string, root: string): Promise<SecretFinding[]> {
  const [{ lintSource }, { creator }] = await Promise.all([
    import('@secretlint/core'),
    import('@secretlint/secretlint-rule-preset-recommend'),
  ]);
  const config = {
    rules: [
      {
        id: '@secretlint/secretlint-rule-preset-recommend',
        rule: creator,
        // An access key ID is what pairs with the secret: in a log meant for a PR it is a leak worth stopping.
        rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
      },
    ],
  };
  const findings: SecretFinding[] = [];
  for (const file of walk(dir)) {
    const bytes = readFileSync(file);
    if (bytes.includes(0)) continue;
    const content = bytes.toString('utf8');
    const result = await lintSource({
      // secretlint's profiler keys marks by the path and breaks on a line break in it (exit 1 with a stack): it
      // gets a name without control characters; findings keep the real path.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
      source: { filePath: file.replace(/[\u0000-\u001f\u007f]/g, '_'), content, contentType: 'text' },
      options: { maskSecrets: true, config },
    });
    for (const m of result.messages) {
      findings.push({
        file: relative(root, file).split('\\').join('/'),
        line: m.loc.start.line,
        column: m.loc.start.column + 1,
        ruleId: m.ruleId,
        // secretlint masks the whole value; a private key makes that a thousand asterisks.
        message: m.message.replace(/\*{9,}/g, '********'),
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
