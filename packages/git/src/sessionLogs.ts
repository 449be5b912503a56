import { MAX_SESSION_FILE_BYTES } from '@roo-session/core';
import { CatFileBatch, type GitObject, parseTree } from './catFileBatch.js';
import type { GitRepo } from './GitRepo.js';

/** One `session_log.md` read from a ref's tip without checking it out. */
export type SessionLogAtRef = {
  /** The first of the requested refs (in the order given) that holds this exact log. */
  ref: string;
  /** Every requested ref holding this session folder with this exact log, in the order given. */
  refs: string[];
  /** The session folder's name (the session ID). */
  id: string;
  blobSha: string;
  text: string;
};

/** Where session folders live in a tree (docs/formats.md). */
export const SESSIONS_PATH = '.ruru/sessions';
const LOG_FILE = 'session_log.md';
// Regular files only: a symlink (120000) or a submodule (160000) named session_log.md is not a log.
const FILE_MODES = new Set(['100644', '100755']);

/**
 * See {@link GitRepo.readSessionLogsFromRefs}. One `git cat-file --batch` process; each answer immediately
 * issues the requests it makes possible (the sessions tree → every session folder tree → every log blob), so
 * requests for all refs are in flight together and nothing waits for a round trip per session. Trees and blobs
 * shared by several refs are read once.
 */
export async function readSessionLogsFromRefs(
  repo: GitRepo,
  refs: readonly string[],
  sessionsPath: string = SESSIONS_PATH,
): Promise<SessionLogAtRef[]> {
  if (refs.length === 0) return [];
  const batch = new CatFileBatch(repo.topLevel, repo.env);
  const objects = new Map<string, Promise<GitObject | null>>();
  const texts = new Map<string, string>();
  // One request per object id (a blob and a tree never share one); blobs bounded like every log read.
  const read = (sha: string, maxSize?: number) => {
    let pending = objects.get(sha);
    if (pending === undefined) {
      pending = batch.get(sha, maxSize === undefined ? {} : { maxSize });
      objects.set(sha, pending);
    }
    return pending;
  };

  const readRef = async (ref: string) => {
    const sessions = await batch.get(`${ref}:${sessionsPath}`);
    if (sessions === null || sessions.type !== 'tree') return [];
    const hashBytes = sessions.sha.length / 2;
    const folders = parseTree(sessions.data, hashBytes).filter((entry) => entry.isTree);
    const found = await Promise.all(
      folders.map(async (folder) => {
        const tree = await read(folder.sha);
        if (tree === null || tree.type !== 'tree') return undefined;
        const log = parseTree(tree.data, hashBytes).find(
          (entry) => entry.name === LOG_FILE && FILE_MODES.has(entry.mode),
        );
        if (log === undefined) return undefined;
        const blob = await read(log.sha, MAX_SESSION_FILE_BYTES);
        if (blob === null || blob.type !== 'blob' || blob.tooLarge) return undefined;
        let text = texts.get(log.sha);
        if (text === undefined) {
          text = blob.data.toString('utf8');
          texts.set(log.sha, text);
        }
        return { id: folder.name, blobSha: log.sha, text };
      }),
    );
    return found.filter((entry) => entry !== undefined);
  };

  let perRef: { id: string; blobSha: string; text: string }[][];
  try {
    perRef = await Promise.all(refs.map(readRef));
  } finally {
    await batch.close();
  }

  const result: SessionLogAtRef[] = [];
  const seen = new Map<string, SessionLogAtRef>();
  perRef.forEach((logs, i) => {
    const ref = refs[i] ?? '';
    for (const log of logs) {
      const key = `${log.id}\0${log.blobSha}`;
      const known = seen.get(key);
      if (known) {
        if (!known.refs.includes(ref)) known.refs.push(ref);
        continue;
      }
      const entry: SessionLogAtRef = { ref, refs: [ref], ...log };
      seen.set(key, entry);
      result.push(entry);
    }
  });
  return result;
}
