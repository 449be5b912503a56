import { artifactTypeForFolder } from '../artifacts.js';

// `<PREFIX>-<description>-<YYMMDDHHMM>.<ext>` (docs/formats.md).
const NAME = /^([A-Za-z][A-Za-z0-9]*)-(.+)-(\d+)\.([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)$/;
const SNAKE = /^[a-z0-9]+(?:_[a-z0-9]+)*$/;
// Files a folder may hold besides artifacts.
const IGNORED = /^(README\.md|\.gitkeep|\.keep|\.DS_Store)$/i;

/**
 * Whether an artifact file (relative to the session folder, `artifacts/<folder>/<name>`) follows the naming
 * convention of docs/formats.md; returns what is off, or undefined when it is fine (or not an artifact: a README).
 */
export function checkArtifactFileName(rel: string): string | undefined {
  const parts = rel.split('/');
  const name = parts[parts.length - 1] ?? '';
  if (parts[0] !== 'artifacts' || IGNORED.test(name)) return undefined;
  if (parts.length !== 3) {
    return `artifact \`${rel}\` is not in an artifact folder (expected artifacts/<folder>/<PREFIX>-<description>-<YYMMDDHHMM>.<ext>)`;
  }
  const type = artifactTypeForFolder(parts[1]!);
  const expected = `${type.prefix}-<description>-<YYMMDDHHMM>.<ext>`;
  const m = NAME.exec(name);
  if (m === null) return `artifact name \`${name}\` does not follow ${expected}`;
  const [, prefix, description, stamp] = m;
  if (prefix !== type.prefix)
    return `artifact \`${name}\` in ${parts[1]}/ should start with \`${type.prefix}-\``;
  if (!SNAKE.test(description!)) {
    return `artifact \`${name}\`: the description \`${description}\` should be lower snake_case`;
  }
  if (!isStamp(stamp!)) return `artifact \`${name}\`: \`${stamp}\` is not a YYMMDDHHMM time stamp`;
  return undefined;
}

function isStamp(stamp: string): boolean {
  if (!/^\d{10}$/.test(stamp)) return false;
  const [mo, d, h, mi] = [2, 4, 6, 8].map((i) => Number(stamp.slice(i, i + 2)));
  return mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= 31 && h! <= 23 && mi! <= 59;
}
