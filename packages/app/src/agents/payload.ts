import type { AgentId } from './specs.js';

/** The most of a hook's stdin roo reads: a payload larger than this is cut (its prompt, if any, is kept short). */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** The longest prompt text recorded; longer prompts end with `…`. */
export const MAX_PROMPT_CHARS = 4000;

/** The payload as an object, or an empty one when stdin was empty or not a JSON object (never throws). */
export function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/**
 * The folder the agent works in: the payload's `cwd` (Claude Code, Codex, Gemini CLI, Copilot) or first
 * `workspace_roots` entry (Cursor) when it is an absolute path, else undefined (the hook's own folder is used).
 */
export function payloadCwd(payload: Record<string, unknown>): string | undefined {
  const isAbs = (p: unknown): p is string =>
    typeof p === 'string' && (p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p));
  if (isAbs(payload.cwd)) return payload.cwd;
  const roots = payload.workspace_roots;
  if (Array.isArray(roots) && isAbs(roots[0])) return roots[0];
  return undefined;
}

/** The user's prompt in a prompt-event payload: every agent documents it as `prompt` (a string). */
export function payloadPrompt(_agent: AgentId, payload: Record<string, unknown>): string | undefined {
  const p = payload.prompt;
  return typeof p === 'string' && p.trim() !== '' ? p : undefined;
}

/**
 * The prompt as one log entry's text: whitespace runs (line breaks included) become one space, so the entry is
 * one list item, cut to {@link MAX_PROMPT_CHARS}, with credentials that have a recognisable shape replaced by
 * `[redacted]` ({@link redactSecrets}).
 */
export function promptEntryText(prompt: string): string {
  const flat = redactSecrets(prompt).replace(/\s+/g, ' ').trim();
  return flat.length > MAX_PROMPT_CHARS ? `${flat.slice(0, MAX_PROMPT_CHARS - 1)}…` : flat;
}

/**
 * Well-known credential shapes (cloud keys, tokens, private key blocks, `password=` assignments), replaced by
 * `[redacted]` before a prompt reaches the journal. A first, cheap line of defence: the commit points' full
 * secret scan (docs/git-design.md) still runs before anything is committed.
 */
const SECRET_PATTERNS: RegExp[] = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
  /\bgithub_pat_[A-Za-z0-9_]{40,}\b/g,
  /\bxox[abposr]-[A-Za-z0-9-]{10,}\b/g,
  /\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\bnpm_[A-Za-z0-9]{36}\b/g,
  /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@]+@/gi,
  /\b((?:password|passwd|secret|token|api[_-]?key)\s*[:=]\s*)\S+/gi,
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) {
    out = out.replace(re, (match, keep?: unknown) =>
      typeof keep === 'string' && match.startsWith(keep) ? `${keep}[redacted]` : '[redacted]',
    );
  }
  return out;
}
