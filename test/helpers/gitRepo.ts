import { discoverRepo } from '../../packages/git/src/discover.js';
import type { RepoContext } from '../../packages/git/src/repoContext.js';
import { makeTempRepo, type TempRepo } from './tempRepo.js';

/**
 * A temp repository (removed when the test ends, see makeTempRepo) and the git package's context for it, for the
 * git package's own tests. A bare repository has no context (discovery refuses it).
 */
export async function repoWithContext(
  options: { empty?: boolean; bare?: boolean } = {},
): Promise<{ repo: TempRepo; git: RepoContext }> {
  const repo = await makeTempRepo(options);
  return { repo, git: options.bare ? (undefined as never) : await discoverRepo(repo.dir, repo.env) };
}

/** git's stdout for `args` in the repository (or `cwd`). */
export async function gitOut(repo: TempRepo, args: string[], cwd?: string): Promise<string> {
  return (await repo.git(args, cwd === undefined ? {} : { cwd })).stdout;
}

/** Two branches that conflict on f.txt; HEAD on `topic`. */
export async function conflictingBranches(repo: TempRepo): Promise<void> {
  await repo.git(['switch', '-q', '-c', 'topic']);
  await repo.commitFile('f.txt', 'topic\n', 'topic change');
  await repo.git(['switch', '-q', 'main']);
  await repo.commitFile('f.txt', 'main\n', 'main change');
  await repo.git(['switch', '-q', 'topic']);
}
