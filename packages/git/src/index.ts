export {
  appendTrailers,
  type CommitFolderOptions,
  type CommitFolderResult,
  formatSessionCommitMessage,
  type StagedFile,
  shellQuote,
} from './atomicCommit.js';
export {
  CatFileBatch,
  type GitObject,
  type ParsedCommit,
  parseCommit,
  parseTree,
  type TreeEntry,
} from './catFileBatch.js';
export { crashPoint } from './crashPoint.js';
export { discoverRepoPaths, type RepoPaths, readHeadBranch } from './discover.js';
export {
  type BranchInfo,
  CheckoutBlockedError,
  GitRepo,
  type GitRunOptions,
  type HeadInfo,
  type SwitchOutcome,
} from './GitRepo.js';
export type { CommitInfo, HistoryCommit, SessionHistory } from './history.js';
export * from './hooks/index.js';
export {
  detectOperation,
  type GitOperation,
  OPERATION_ADVICE,
  operationInProgressError,
} from './operations.js';
export { toRepoPath } from './paths.js';
export {
  type DirtyPath,
  parseReflog,
  parseStatusZ,
  parseWorktreeListZ,
  type ReflogEntry,
  type WorktreeInfo,
} from './porcelain.js';
export {
  type BaseRef,
  commitsInRange,
  defaultBaseRef,
  type RangeCommit,
  resolveCommitish,
  sessionFoldersChangedInWorktree,
  sessionFoldersChangedSince,
  sessionIdOfPath,
} from './reviewQueries.js';
export {
  cleanGitEnv,
  GitCommandError,
  type RunOptions,
  type RunResult,
  runGit,
  streamGit,
} from './runGit.js';
export {
  listRefTips,
  type ReadSessionCopiesOptions,
  type RefTip,
  readSessionCopies,
  type SessionCopies,
  type SessionFolderAtRef,
} from './sessionCopies.js';
export { SESSIONS_PATH, type SessionLogAtRef } from './sessionLogs.js';
