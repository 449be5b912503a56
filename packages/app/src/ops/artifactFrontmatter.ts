import { type Dirent, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeUtf8, SessionLogParseError, UnsafeFileError } from '@roo-session/core';
import { readRegularFile } from '../store/safeFiles.js';

/** An artifact whose frontmatter cannot be read; `line` is the file line (1-based). */
export type ArtifactProblem = { path: string; line: number; message: string };

/**
 * Every regular file under `<sessionDir>/artifacts`, relative to the session folder, `/`-separated, sorted. Links
 * are never followed (an `artifacts` folder that is a link is not walked at all); `roo session check` reports them.
 */
export function listArtifactFiles(sessionDir: string): string[] {
  const out: string[] = [];
  if (!lstatSync(join(sessionDir, 'artifacts'), { throwIfNoEntry: false })?.isDirectory()) return out;
  const walk = (rel: string) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(join(sessionDir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const child = `${rel}/${e.name}`;
      if (e.isDirectory()) walk(child);
      else if (e.isFile()) out.push(child);
    }
  };
  walk('artifacts');
  return out.sort();
}

/**
 * Parses the `+++` TOML frontmatter of each Markdown artifact with gray-matter: explicit options always
 * (gray-matter caches option-less calls by content), the TOML engine is smol-toml, the same parser as
 * the session log codec. Returns the artifacts whose frontmatter does not parse, with the file line of the error.
 * Artifacts without frontmatter (plain notes, READMEs) are fine.
 */
export async function findArtifactFrontmatterProblems(
  sessionDir: string,
  files: readonly string[],
): Promise<ArtifactProblem[]> {
  const markdown = files.filter((f) => f.toLowerCase().endsWith('.md'));
  if (markdown.length === 0) return [];
  const [{ default: matter }, smolToml] = await Promise.all([import('gray-matter'), import('smol-toml')]);
  const options = {
    language: 'toml',
    delimiters: '+++',
    engines: { toml: { parse: (s: string) => smolToml.parse(s) as object } },
  };
  const problems: ArtifactProblem[] = [];
  for (const path of markdown) {
    let text: string;
    try {
      text = decodeUtf8(readRegularFile(join(sessionDir, path), { root: sessionDir, display: path }), path);
    } catch (error) {
      if (error instanceof SessionLogParseError)
        problems.push({ path, line: error.line, message: error.detail });
      else if (error instanceof UnsafeFileError) problems.push({ path, line: 1, message: error.detail });
      continue;
    }
    const body = text.replace(/^\uFEFF/, '');
    if (!/^\+\+\+[ \t]*\r?\n/.test(body)) continue;
    // gray-matter takes an unclosed block as frontmatter to the end of the file; say what is really wrong.
    if (!/\r?\n\+\+\+[ \t]*(\r?\n|$)/.test(body.slice(3))) {
      problems.push({
        path,
        line: 1,
        message: 'the frontmatter opened by `+++` on line 1 is never closed by a `+++` line',
      });
      continue;
    }
    try {
      matter(body, options);
    } catch (error) {
      if (error instanceof smolToml.TomlError) {
        // gray-matter hands the engine the text right after the opening `+++` (the rest of line 1 included),
        // so the engine's line numbers are file lines.
        const detail = error.message
          .replace(/^Invalid TOML document: /, '')
          .split('\n')[0]!
          .trim();
        problems.push({ path, line: error.line, message: `invalid TOML frontmatter: ${detail}` });
      } else {
        problems.push({ path, line: 1, message: `unreadable frontmatter: ${String(error)}` });
      }
    }
  }
  return problems;
}
