export {
  BLOCK_BEGIN,
  BLOCK_END,
  CHAINED_SUFFIX,
  findBlock,
  HOOK_NAMES,
  type HookName,
  type HookScripts,
  insertBlock,
  isRooStub,
  loadHookScripts,
  removeBlock,
  replaceBlock,
} from './hookScripts.js';
export {
  detectHookManagers,
  GlobalHooksPathError,
  type HookRepo,
  type HooksLayout,
  type HooksPathSetting,
  readHooksPathSetting,
  resolveHooksLayout,
} from './hooksLayout.js';
export {
  type CaptureProof,
  type HookFileStatus,
  type HookProof,
  type HookState,
  type HooksStatus,
  hooksStatus,
  proveCapture,
} from './hooksStatus.js';
export { captureScriptPath, managerHookPath } from './inspectHooks.js';
export {
  HookChainConflictError,
  type HookChange,
  type HooksInstallResult,
  installCaptureScript,
  installHooks,
  uninstallHooks,
} from './installHooks.js';
export {
  addManagerParts,
  detectManager,
  type HookManager,
  type ManagerName,
  managerCommand,
  stripManagerParts,
  type UnsupportedManager,
} from './managers.js';
