/**
 * Git's ref-name rules (`git check-ref-format --branch`), checked without running git so that config values and
 * generated IDs are validated before anything touches the repository.
 */

// Control characters, space, and the characters git reserves for revision syntax (~ ^ : ? * [ \).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what git forbids
const FORBIDDEN = /[\u0000-\u0020\u007f~^:?*[\\]/;

/** True when `name` is usable as a branch name (`refs/heads/<name>`). */
export function isValidBranchName(name: string): boolean {
  if (name === '' || name === '@' || name.startsWith('-')) return false;
  if (FORBIDDEN.test(name) || name.includes('..') || name.includes('@{')) return false;
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//') || name.endsWith('.')) return false;
  return name.split('/').every((part) => !part.startsWith('.') && !part.endsWith('.lock'));
}

/**
 * True when `name` is a branch name to check out or create, as a person means one: valid (see
 * {@link isValidBranchName}) and not a ref spelled out (`refs/…`, `heads/…`, `remotes/…`) or `HEAD`, which git
 * would take as a new branch of that literal name (`refs/heads/refs/heads/x`).
 */
export function isPlainBranchName(name: string): boolean {
  return isValidBranchName(name) && name !== 'HEAD' && !/^(refs|heads|remotes)\//.test(name);
}

/** True when `name` is a single valid ref path component (no `/`), e.g. a session ID. */
export function isValidRefComponent(name: string): boolean {
  return !name.includes('/') && isValidBranchName(name);
}

// Names Windows refuses as a file or folder name, with or without an extension.
const WINDOWS_RESERVED = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³])(\..*)?$/i;

/**
 * True when `name` is a portable file or folder name on Linux, macOS and Windows: no separators, no characters
 * Windows forbids, no control characters, no trailing dot or space, not a reserved device name, not `.`/`..`.
 */
export function isPortableFileName(name: string): boolean {
  if (name === '' || name === '.' || name === '..' || name.length > 255) return false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are invalid in Windows names
  if (/[\u0000-\u001f<>:"/\\|?*]/.test(name)) return false;
  if (name.endsWith('.') || name.endsWith(' ')) return false;
  return !WINDOWS_RESERVED.test(name);
}
