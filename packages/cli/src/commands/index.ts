import type { CommandClass } from 'clipanion';
import type { RooContext } from '../context.js';
import { AgentsCheckpointTurnCommand } from './agents/checkpointTurn.js';
import { AgentsHookCommand } from './agents/hook.js';
import { AgentsInstallCommand } from './agents/install.js';
import { AgentsStatusCommand } from './agents/status.js';
import { AgentsUninstallCommand } from './agents/uninstall.js';
import { DoctorCommand } from './doctor.js';
import { HelpCommand } from './help.js';
import { HooksInstallCommand } from './hooks/install.js';
import { HooksStatusCommand } from './hooks/status.js';
import { HooksUninstallCommand } from './hooks/uninstall.js';
import { InitCommand } from './init.js';
import { McpCommand } from './mcp.js';
import { SessionArtifactListCommand } from './session/artifact/list.js';
import { SessionArtifactNewCommand } from './session/artifact/new.js';
import { SessionCheckCommand } from './session/check.js';
import { SessionCheckpointCommand } from './session/checkpoint.js';
import { SessionContinueCommand } from './session/continue.js';
import { SessionCurrentCommand } from './session/current.js';
import { SessionEndCommand } from './session/end.js';
import { SessionListCommand } from './session/list.js';
import { SessionLogCommand } from './session/log.js';
import { SessionPauseCommand } from './session/pause.js';
import { SessionShowCommand } from './session/show.js';
import { SessionStartCommand } from './session/start.js';
import { SessionStatusCommand } from './session/status.js';
import { SessionSyncCommand } from './session/sync.js';
import { SessionTaskDelegateCommand } from './session/task/delegate.js';
import { SessionTaskLinkCommand } from './session/task/link.js';
import { SessionTaskResultCommand } from './session/task/result.js';

/** Every `roo` command, registered by `cli.ts`. */
export const commands: CommandClass<RooContext>[] = [
  InitCommand,
  HooksInstallCommand,
  HooksUninstallCommand,
  HooksStatusCommand,
  DoctorCommand,
  AgentsInstallCommand,
  AgentsUninstallCommand,
  AgentsStatusCommand,
  AgentsHookCommand,
  AgentsCheckpointTurnCommand,
  SessionStartCommand,
  SessionCurrentCommand,
  SessionStatusCommand,
  SessionListCommand,
  SessionShowCommand,
  SessionLogCommand,
  SessionArtifactNewCommand,
  SessionArtifactListCommand,
  SessionTaskLinkCommand,
  SessionTaskDelegateCommand,
  SessionTaskResultCommand,
  SessionSyncCommand,
  SessionCheckpointCommand,
  SessionPauseCommand,
  SessionContinueCommand,
  SessionEndCommand,
  SessionCheckCommand,
  HelpCommand,
  McpCommand,
];
