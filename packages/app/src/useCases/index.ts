/**
 * roo's use cases: every session operation as a function over an {@link AppContext} and plain inputs, returning
 * data. The CLI's commands and the MCP server's tools are thin front ends over these (docs/architecture.md).
 */
export type { AppContext } from '../context.js';
export {
  agentId,
  agentSessionContext,
  agentsInstall,
  agentsStatus,
  agentsUninstall,
  agentTurnCheckpoint,
} from './agents.js';
export { doctor, sessionCheck } from './health.js';
export {
  type SecretsChoice,
  type SessionQuery,
  type StartInput,
  sessionCheckpoint,
  sessionContinue,
  sessionEnd,
  sessionPause,
  sessionStart,
} from './lifecycle.js';
export {
  type ReadSession,
  sessionBrief,
  sessionCurrent,
  sessionIds,
  sessionList,
  sessionPullRequest,
  sessionRead,
  sessionSync,
} from './read.js';
export {
  type ArtifactInput,
  type LogInput,
  sessionArtifactList,
  sessionArtifactNew,
  sessionLog,
  sessionTask,
  type TaskInput,
} from './record.js';
export { hooksInstall, hooksStatus, hooksUninstall, repoInit } from './setup.js';
