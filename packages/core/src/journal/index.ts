export {
  commitEntry,
  mergeEntry,
  mergeSource,
  rewriteEntry,
  shortSha,
  switchIntoEntry,
  switchOutEntry,
  worktreeAddEntry,
} from './gitEntries.js';
export {
  type BadJournalLine,
  type CheckoutEvent,
  type CommitEvent,
  groupRewrites,
  JOURNAL_VERSION,
  type JournalEvent,
  journalCommitShas,
  journalWorktreeGitDir,
  journalWorktrees,
  type MergeEvent,
  type ParsedJournal,
  parseJournal,
  type RewriteEvent,
  type RewriteGroup,
} from './parseJournal.js';
export {
  type FoldCommitInfo,
  type FoldHistoryCommit,
  type FoldInput,
  type FoldReflogEntry,
  planFold,
} from './planFold.js';
export {
  formatJournalRecord,
  isEmptyLogEdit,
  type JournalRecord,
  mergeLogEdits,
  planRecords,
  type RecordPayload,
  recordKey,
} from './records.js';
