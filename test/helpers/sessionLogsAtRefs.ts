import { execa } from 'execa';

/** One `session_log.md` at a branch tip, as {@link sessionLogsAtRefs} reads it. */
export type SessionLogAtRef = { id: string; ref: string; blob: string; text: string };

/**
 * A test oracle, in plain git and nothing of roo's: every `.ruru/sessions/<ID>/session_log.md` (a regular file) at
 * the tip of every local and remote-tracking branch, in ref order, leaving out `…/HEAD` refs (a remote's default
 * branch, another name for a branch listed anyway); a log with the same content on several refs is listed once,
 * at the first. Slow (processes per ref and per log) and obviously right, to compare roo's batched readers with.
 */
export async function sessionLogsAtRefs(
  cwd: string,
  env: Record<string, string>,
): Promise<SessionLogAtRef[]> {
  const git = async (args: string[]) =>
    (await execa('git', args, { cwd, env, extendEnv: false, stripFinalNewline: false })).stdout;
  const refs = (await git(['for-each-ref', '--format=%(refname)', 'refs/heads', 'refs/remotes']))
    .split('\n')
    .filter((ref) => ref !== '' && !ref.endsWith('/HEAD'));
  const seen = new Set<string>();
  const logs: SessionLogAtRef[] = [];
  for (const ref of refs) {
    // `<mode> <type> <sha>\t<path>` records, NUL-terminated.
    const listing = await git(['ls-tree', '-r', '-z', ref, '--', '.ruru/sessions/']);
    for (const record of listing.split('\0')) {
      const match = /^(100644|100755) blob ([0-9a-f]+)\t\.ruru\/sessions\/([^/]+)\/session_log\.md$/.exec(
        record,
      );
      if (match === null) continue;
      const [, , blob = '', id = ''] = match;
      if (seen.has(`${id}\0${blob}`)) continue;
      seen.add(`${id}\0${blob}`);
      logs.push({ id, ref, blob, text: await git(['cat-file', 'blob', blob]) });
    }
  }
  return logs;
}
