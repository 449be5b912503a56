export type { ArtifactType } from './artifacts.js';
export {
  ARTIFACT_DIR_PATTERN,
  ARTIFACT_TYPES,
  artifactTypeForFolder,
  artifactTypesFor,
  folderTitle,
  isSafeRelativePath,
  MAX_DESCRIPTION_LENGTH,
  makeArtifactFileName,
  makeArtifactPath,
  normalizeExtension,
  resolveArtifactType,
  STANDARD_ARTIFACT_DIRS,
  sanitizeDescription,
} from './artifacts.js';
export { checkArtifactFileName } from './check/checkArtifactFileName.js';
export type { Finding, SessionFolderFacts } from './check/checkSession.js';
export { checkSession, frontmatterLine, sortFindings } from './check/checkSession.js';
export type { FindingFormat } from './check/formatFinding.js';
export { formatCheckSummary, formatFinding } from './check/formatFinding.js';
export type { GithubAnnotationPlan } from './check/githubAnnotations.js';
export {
  GITHUB_ANNOTATION_LIMIT,
  planGithubAnnotations,
  rankFindings,
  renderFindingsMarkdown,
} from './check/githubAnnotations.js';
export { isAtomicWriteLeftover } from './check/leftovers.js';
export type { RooConfig } from './config.js';
export { DEFAULT_CONFIG, parseConfig, renderDefaultConfig } from './config.js';
export type { GitOperationName, RooErrorFields } from './errors.js';
export {
  AmbiguousSessionIdError,
  BareRepositoryError,
  BranchInOtherWorktreeError,
  composeMessage,
  DamagedStateError,
  DetachedHeadError,
  DirtyTreeError,
  ExitCode,
  GitOperationError,
  IndexNotUpdatedError,
  InternalInvariantError,
  InvalidArgumentsError,
  InvalidConfigError,
  InvalidGoalError,
  InvalidStatusTransitionError,
  InvalidTaskIdError,
  MissingOptionError,
  NoActiveSessionError,
  NoCommitsError,
  NotARepositoryError,
  OperationInProgressError,
  PreconditionError,
  ReadOnlyError,
  RefMovedError,
  RooError,
  SecretsFoundError,
  SessionLogParseError,
  seenOf,
  UnknownArtifactTypeError,
  UnknownCommandError,
  UnknownSessionIdError,
  UnsafeFileError,
  UnsafePathError,
  UsageError,
  whatOf,
} from './errors.js';
export type { ParsedSessionId, SessionIdKind } from './ids.js';
export {
  cutAtUnderscore,
  isSessionIdLike,
  MAX_GOAL_LENGTH,
  makeSessionId,
  parseSessionId,
  sanitizeGoal,
  stripDiacritics,
} from './ids.js';
// The journal folder keeps its own list of public names (owned by the journal work), re-exported as a whole.
export * from './journal/index.js';
export { MAX_SESSION_FILE_BYTES } from './limits.js';
export { editSessionLog } from './log/editSessionLog.js';
export type { LogEntryType } from './log/entries.js';
export {
  artifactEntry,
  codeSpan,
  delegatedEntry,
  errorEntry,
  freeEntry,
  initiatedEntry,
  LOG_ENTRY_TYPES,
  resultEntry,
  shapeEntryText,
  statusEntry,
  taskLinkedEntry,
} from './log/entries.js';
export type { EntryHead } from './log/entryModel.js';
export { parseEntryTimestamp, readEntryHead } from './log/entryModel.js';
export type { ListFacts } from './log/listFacts.js';
export { scanListFacts } from './log/listFacts.js';
export type { SessionMetaRead } from './log/parseSessionLog.js';
export { LEGACY_KEY_ALIASES, parseSessionLog, readSessionMeta, splitLines } from './log/parseSessionLog.js';
export type { NewSessionLogInput } from './log/renderSessionLog.js';
export {
  DEFAULT_TAGS,
  formatEntry,
  formatEntryLines,
  isValidEntryKey,
  renderNewSessionLog,
  toEntryText,
} from './log/renderSessionLog.js';
export type {
  AppendableKey,
  EntryStyle,
  LogEdit,
  LogEntry,
  LogWarning,
  NewLogEntry,
  SessionLogDoc,
  SessionMeta,
  SettableKey,
} from './log/types.js';
export { isPlainBranchName, isPortableFileName, isValidBranchName, isValidRefComponent } from './refs.js';
export type { SessionCandidate } from './resolveSessionId.js';
export { resolveSessionId, titlesNeededToResolve } from './resolveSessionId.js';
export type { ParsedStatus, SessionStatusName, StatusTransition } from './status.js';
export { parseStatus, planTransition, SESSION_STATUSES, SessionStatus, statusName } from './status.js';
export {
  escapeInline,
  fencedBlock,
  inlineCode,
  linkTarget,
  splitCodeSpans,
  tableCell,
} from './summary/markdown.js';
export type {
  CopyLocation,
  LocatedCopy,
  SessionCopy,
  SessionCopyMeta,
  SessionListRow,
} from './summary/mergeSessionCopies.js';
export {
  compareCopies,
  copyMetaOf,
  mergeSessionCopies,
  unreadableCopyMeta,
} from './summary/mergeSessionCopies.js';
export type { TimelineEvent } from './summary/mermaidTimeline.js';
export { MERMAID_MAX_TEXT, renderMermaidTimeline } from './summary/mermaidTimeline.js';
export type { PrSummary, RenderSummaryOptions } from './summary/renderSummaryMarkdown.js';
export {
  PR_COMMENT_LIMIT,
  PR_SUMMARY_MARKER,
  PR_SUMMARY_SCHEMA,
  renderPrSummaryMarkdown,
  renderSummaryMarkdown,
} from './summary/renderSummaryMarkdown.js';
export type {
  SessionSummary,
  SummarizeOptions,
  SummaryActor,
  SummaryArtifact,
  SummaryCommit,
  SummaryDelegation,
  SummaryItem,
  SummaryResult,
  SummaryTask,
} from './summary/summarizeSession.js';
export { formatDuration, SUMMARY_SCHEMA, summarizeSession } from './summary/summarizeSession.js';
export { assertTaskId, isValidTaskId, TASK_ID_PATTERN } from './tasks.js';
export type { ArtifactTemplateInput, TemplateValue } from './templates.js';
export {
  ARTIFACT_FOLDER_PURPOSES,
  ARTIFACT_README_TEMPLATE,
  artifactTemplateName,
  GENERIC_ARTIFACT_TEMPLATE,
  renderArtifact,
  renderSubfolderReadme,
  renderTemplate,
  SESSION_LOG_TEMPLATE,
  SUBFOLDER_PLACEHOLDER,
  SUBFOLDER_README_TEMPLATE,
  TEMPLATE_FILES,
} from './templates.js';
export { decodeUtf8, escapeTerminalLine, escapeTerminalText, toSingleLine } from './text.js';
export {
  formatIdStamp,
  formatIsoWithOffset,
  formatLogTimestamp,
  formatUtcOffset,
  parseLooseTimestamp,
  wallClockOf,
} from './time.js';
export type { TomlPlain } from './toml.js';
export { normalizeTomlValue, tomlLiteral, tomlString, tomlStringArray } from './toml.js';
export {
  assertTakesEntries,
  type BranchSessionCandidate,
  isMappedSessionCurrent,
  pickBranchSession,
} from './whichSession.js';
