import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers/tempRepo.js';

// The docs are the contract a maintainer has: every file they name must exist, so that they cannot drift from the
// code unnoticed. A name in backticks that looks like a source or doc file (`atomicCommit.ts`,
// `packages/git/src/spliceTree.ts`, `log/entryModel.ts`, `hooks/capture.sh`) is looked up from the repository's
// root, from each package and each package's `src/`, and, for a bare file name, anywhere in the sources.

const DOCS = [
  'README.md',
  'hooks/README.md',
  ...readdirSync(join(projectRoot, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const PACKAGES = readdirSync(join(projectRoot, 'packages'));
const FILE_NAME = /^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*\.(?:ts|mjs|cjs|js|sh|md|json|yml|yaml)$/;

function sourceFiles(dir: string, out: Set<string>): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else out.add(entry.name);
  }
  return out;
}
const BARE_NAMES = sourceFiles(projectRoot, new Set());

/** Paths a doc may mean by `name`, first match wins. */
function resolves(doc: string, name: string): boolean {
  const candidates = [
    name,
    join(doc, '..', name),
    join('packages', name),
    ...PACKAGES.flatMap((p) => [join('packages', p, name), join('packages', p, 'src', name)]),
  ];
  if (candidates.some((c) => existsSync(join(projectRoot, c)))) return true;
  return !name.includes('/') && BARE_NAMES.has(name);
}

/** Names of files the repository writes elsewhere (in a user's repository or under `.git/`), not in this one. */
const ELSEWHERE =
  /^(?:\.ruru\/|\.git\/|\.husky\/|\.claude\/|\.codex\/|\.gemini\/|\.cursor\/|\.github\/hooks\/|\.pre-commit|\.simple-git-hooks|lefthook|session_log\.md|config\.toml|AGENTS\.md|package\.json|pr-body\.md|results\.json|NOTE-|capture\.sh|hook\.sh|bench\/\.out)/;

describe('docs', () => {
  it('name only files that exist', () => {
    const missing: string[] = [];
    for (const doc of DOCS) {
      const text = readFileSync(join(projectRoot, doc), 'utf8');
      for (const match of text.matchAll(/`([^`\s]+)`/g)) {
        const name = match[1]!.replace(/^\.\//, '').replace(/:\d+$/, '');
        if (!FILE_NAME.test(name) || ELSEWHERE.test(name) || name.includes('<')) continue;
        if (!resolves(doc, name)) missing.push(`${doc}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('link only to pages that exist', () => {
    const missing: string[] = [];
    for (const doc of DOCS) {
      const text = readFileSync(join(projectRoot, doc), 'utf8');
      for (const match of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        const target = match[1]!;
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(join(projectRoot, doc, '..', target))) missing.push(`${doc}: ${target}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
