// What the layers above use. Every function takes the RepoContext discovery makes; none runs a git command the
// caller chooses, so "only packages/git runs git" holds by construction (runGit.ts).
export {
  type CommitFolderOptions,
  type CommitFolderResult,
  commitFolder,
  formatSessionCommitMessage,
  repairInterruptedCommit,
  type StagedFile,
} from './atomicCommit.js';
export {
  CheckoutBlockedError,
  createBranchAndSwitch,
  type SwitchOutcome,
  switchBranch,
  trackRemoteBranch,
  undoBranchCreation,
} from './branchSwitch.js';
export { CatFileBatch, type GitObject } from './catFileBatch.js';
export { crashPoint } from './crashPoint.js';
export {
  type DiscoveredRepo,
  discoverRepo,
  discoverRepoAndGitPaths,
  guessRepo,
  hasInterruptedCommit,
  isSameRepo,
  readHeadBranch,
} from './discover.js';
export {
  type CommitInfo,
  commitInfo,
  commitsInRange,
  commitsLeftBehind,
  findRenamedBranch,
  formerBranchNames,
  type HistoryCommit,
  isOwnRooCommit,
  type RangeCommit,
  type ResolvedSessionHistory,
  readBranchReflog,
  readHeadReflog,
  resolveSessionHistory,
  type SessionHistory,
  sessionFoldersChangedSince,
  sessionHistory,
} from './history.js';
export { type CaptureProof, hooksStatus, proveCapture } from './hooks/hooksStatus.js';
export type { HooksStatus } from './hooks/inspectHooks.js';
export {
  type HookChange,
  type HooksInstallResult,
  installCaptureScript,
  installHooks,
  uninstallHooks,
} from './hooks/installHooks.js';
export { type GitOperation, operationInProgress } from './operations.js';
export type { DirtyPath, ReflogEntry, WorktreeInfo } from './porcelain.js';
export {
  assertBranchName,
  type BaseRef,
  currentBranch,
  defaultBaseRef,
  type HeadInfo,
  listLocalBranches,
  type RefTip,
  readHead,
  refExists,
  resolveCommitish,
} from './refs.js';
export type { RepoContext } from './repoContext.js';
export { GitCommandError } from './runGit.js';
export {
  type ReadSessionCopiesOptions,
  readSessionCopies,
  type SessionCopies,
  type SessionFolderAtRef,
} from './sessionCopies.js';
export { shellQuote } from './shellQuote.js';
export {
  dirtyPaths,
  isTracked,
  pathsChangedBetween,
  sessionFoldersChangedInWorktree,
  stashPush,
  worktreeForBranch,
} from './worktree.js';
