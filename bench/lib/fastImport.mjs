// Building big histories fast: one `git fast-import` process writes thousands of files or commits into a pack in
// well under a second, where `git add` + `git commit` per item would take minutes.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const IDENTITY = 'Roo Bench <bench@example.test>';

/** Collects a fast-import stream; `data()` counts bytes (not characters) as fast-import requires. */
export class FastImportStream {
  constructor() {
    this.parts = [];
  }

  raw(text) {
    this.parts.push(Buffer.from(text, 'utf8'));
  }

  data(text) {
    const buf = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
    this.parts.push(Buffer.from(`data ${buf.length}\n`), buf, Buffer.from('\n'));
  }

  /**
   * Starts a commit on `ref` with parent `from` (a sha, a mark `:n` or a ref`^0`; omitted: a root commit).
   * Follow with `file()` calls.
   */
  commit({ ref, mark, from, message, time }) {
    this.raw(`commit ${ref}\n`);
    if (mark !== undefined) this.raw(`mark :${mark}\n`);
    this.raw(`author ${IDENTITY} ${time} +0000\ncommitter ${IDENTITY} ${time} +0000\n`);
    this.data(message);
    if (from !== undefined) this.raw(`from ${from}\n`);
  }

  file(path, content, mode = '100644') {
    this.raw(`M ${mode} inline ${path}\n`);
    this.data(content);
  }

  /** Points `ref` at a commit (sha or mark) without a new commit. */
  reset(ref, from) {
    this.raw(`reset ${ref}\nfrom ${from}\n\n`);
  }

  toBuffer() {
    return Buffer.concat(this.parts);
  }
}

let imports = 0;

/** Feeds the stream to `git fast-import` in `dir`; returns the marks as `Map<mark, sha>`. */
export function runFastImport(sb, dir, stream) {
  const marksFile = join(sb.root, `fast-import-marks-${++imports}`);
  sb.run('git', ['fast-import', '--quiet', `--export-marks=${marksFile}`], dir, { input: stream.toBuffer() });
  const text = readFileSync(marksFile, 'utf8');
  rmSync(marksFile);
  const marks = new Map();
  for (const line of text.split('\n')) {
    const m = /^:(\d+) ([0-9a-f]+)$/.exec(line);
    if (m) marks.set(Number(m[1]), m[2]);
  }
  return marks;
}

/** A stable fake-but-well-formed 40-hex object name (for fields that only need the shape of a SHA). */
export function fakeSha(seed) {
  return createHash('sha1').update(String(seed)).digest('hex');
}
