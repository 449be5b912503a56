import { createHash } from 'node:crypto';
import type { RepoContext } from './repoContext.js';
import { runGitIn } from './runGit.js';

/**
 * Replaces one folder inside a commit's tree without an index of the whole tree (docs/performance.md: `end` independent of
 * repository size). Only the trees on the folder's path are touched: for `.ruru/sessions/<ID>` that is the root
 * tree, `.ruru` and `.ruru/sessions`, read by one `git cat-file --batch` and written back by one
 * `git mktree --batch`. Every other file of the repository is never looked at, however many there are.
 *
 * Names are handled as raw bytes (latin1 strings, one character per byte) from git's output to git's input, so a
 * file name that is not UTF-8 survives. The new trees' ids are computed here as well and must equal what mktree
 * reports: a mismatch means the bytes were not understood, and nothing is committed.
 */

/** One entry of a raw tree object, bytes kept as latin1 strings. */
type RawEntry = { mode: string; name: string; id: string };

const TREE_MODE = '40000';

/** Parses a raw tree object (latin1 string) into its entries. */
function parseRawTree(data: string, hashBytes: number): RawEntry[] {
  const entries: RawEntry[] = [];
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(' ', i);
    const nul = data.indexOf('\0', space + 1);
    if (space < 0 || nul < 0 || nul + 1 + hashBytes > data.length) {
      throw new Error('cannot parse a tree object git returned');
    }
    entries.push({
      mode: data.slice(i, space),
      name: data.slice(space + 1, nul),
      id: data.slice(nul + 1, nul + 1 + hashBytes),
    });
    i = nul + 1 + hashBytes;
  }
  return entries;
}

/** git's order of tree entries: by name bytes, a tree's name compared as if it ended in `/`. */
function compareEntries(a: RawEntry, b: RawEntry): number {
  const ka = a.mode === TREE_MODE ? `${a.name}/` : a.name;
  const kb = b.mode === TREE_MODE ? `${b.name}/` : b.name;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** A tree to write: its entries in git's order, and the id git will give it (raw bytes as latin1). */
type NewTree = { entries: RawEntry[]; id: string };

function newTree(entries: RawEntry[], algorithm: 'sha1' | 'sha256'): NewTree {
  const sorted = [...entries].sort(compareEntries);
  const bytes = Buffer.from(sorted.map((e) => `${e.mode} ${e.name}\0${e.id}`).join(''), 'latin1');
  const id = createHash(algorithm).update(`tree ${bytes.length}\0`).update(bytes).digest().toString('latin1');
  return { entries: sorted, id };
}

/** The object type an entry's mode stands for, as mktree wants it named. */
function typeOfMode(mode: string): string {
  if (mode === TREE_MODE) return 'tree';
  return mode === '160000' ? 'commit' : 'blob';
}

const hex = (raw: string) => Buffer.from(raw, 'latin1').toString('hex');
const raw = (hexId: string) => Buffer.from(hexId, 'hex').toString('latin1');

/**
 * Reads the trees of `commit` along `dirs` (`''` = the root, then each parent folder) with one one-shot
 * `git cat-file --batch`. A folder missing from the commit is an empty tree; the root always exists.
 */
async function readTreesOnPath(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  commit: string,
  dirs: readonly string[],
): Promise<{ rootId: string; trees: RawEntry[][] }> {
  const names = dirs.map((dir) => (dir === '' ? `${commit}^{tree}` : `${commit}:${dir}`));
  const out = (
    await runGitIn(repo, ['cat-file', '--batch'], {
      input: `${names.join('\n')}\n`,
      stdoutEncoding: 'latin1',
    })
  ).stdout;
  const trees: RawEntry[][] = [];
  let rootId = '';
  let i = 0;
  for (const name of names) {
    const eol = out.indexOf('\n', i);
    if (eol < 0) throw new Error(`git cat-file gave no answer for ${name}`);
    const headerText = out.slice(i, eol);
    const header = headerText.split(' ');
    i = eol + 1;
    if (header.length === 2 && header[1] === 'missing') {
      trees.push([]);
      continue;
    }
    const [id = '', type, sizeText] = header;
    const size = Number(sizeText);
    if (header.length !== 3 || !Number.isInteger(size)) {
      throw new Error(`unexpected git cat-file answer for ${name}: ${headerText}`);
    }
    const data = out.slice(i, i + size);
    i += size + 1;
    if (rootId === '') rootId = id;
    // A file where a folder of the path should be: the folder does not exist in that commit (git add would
    // replace the file by the folder, and so does this).
    trees.push(type === 'tree' ? parseRawTree(data, id.length / 2) : []);
  }
  return { rootId, trees };
}

/** The new root tree id, and the commit's own (equal when nothing changed). */
export type SplicedTree = { tree: string; oldTree: string };

/** Puts a folder's new tree (hex id; null = the folder is gone) into the commit read by {@link startSplice}. */
export type Splice = (folderTree: string | null) => Promise<SplicedTree>;

/**
 * Reads the trees of `commit` on the path to `path` (relative, `/`-separated) and returns the function that
 * makes the commit's root tree with that folder replaced or removed. Parents left empty by a removal disappear,
 * as they would with `git add -A`. Reading first lets the caller build the folder's tree meanwhile.
 */
export async function startSplice(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  commit: string,
  path: string,
): Promise<Splice> {
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0) throw new TypeError('startSplice needs a folder below the top');
  const dirs = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'));
  const { rootId, trees } = await readTreesOnPath(repo, commit, ['', ...dirs]);
  return (folderTree) => splice(repo, parts, rootId, trees, folderTree);
}

async function splice(
  repo: Pick<RepoContext, 'topLevel' | 'env'>,
  parts: readonly string[],
  rootId: string,
  trees: readonly RawEntry[][],
  folderTree: string | null,
): Promise<SplicedTree> {
  const algorithm = rootId.length === 64 ? 'sha256' : 'sha1';

  // From the deepest parent up: put the child in, write the parent, hand its id to the next level.
  let child: string | null = folderTree === null ? null : raw(folderTree);
  const written: NewTree[] = [];
  for (let level = parts.length - 1; level >= 0; level--) {
    const name = Buffer.from(parts[level]!, 'utf8').toString('latin1');
    const entries = trees[level]!.filter((e) => e.name !== name);
    if (child !== null) entries.push({ mode: TREE_MODE, name, id: child });
    if (entries.length === 0 && level > 0) {
      child = null;
      continue;
    }
    const tree = newTree(entries, algorithm);
    written.push(tree);
    child = tree.id;
  }
  const tree = hex(child!);
  if (tree === rootId) return { tree, oldTree: rootId };

  // mktree writes the trees in order (children first, so each parent's entries exist) and prints their ids.
  // With -z every entry ends in a NUL and an empty record ends a tree.
  const input = written
    .map(
      (t) =>
        `${t.entries.map((e) => `${e.mode} ${typeOfMode(e.mode)} ${hex(e.id)}\t${e.name}\0`).join('')}\0`,
    )
    .join('');
  const made = await runGitIn(repo, ['mktree', '-z', '--batch'], { input: Buffer.from(input, 'latin1') });
  const ids = made.stdout.split('\n').filter((line) => line !== '');
  const expected = written.map((t) => hex(t.id));
  if (ids.length !== expected.length || ids.some((id, i) => id !== expected[i])) {
    throw new Error(
      `git mktree wrote ${ids.join(', ')} where ${expected.join(', ')} was computed; nothing was committed`,
    );
  }
  return { tree, oldTree: rootId };
}
