/**
 * Masking of command-line arguments that error messages echo. A PEM block or token passed where an option or
 * command was expected (`roo session log -----BEGIN…` without `--`) must not come back on stderr, where CI logs
 * and terminals keep it. Kept free of clipanion and secretlint so the error path stays cheap.
 */

/** Longer arguments are never echoed whole. */
const MAX_ECHO = 40;

// Shapes of well-known tokens, to mask them even when short (an AWS access key ID is 20 characters).
const TOKEN_SHAPES = [
  /\b(?:A3T[A-Z0-9]|AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{12,}/,
  /\b(?:gh[pousr]_|github_pat_|glpat-|gl[a-z]{2,5}-|xox[abposr]-|xapp-|npm_|sk_live_|sk_test_|rk_live_|whsec_|sk-|AIza|SG\.)/,
  /\beyJ[A-Za-z0-9_-]{8,}\./,
  /:\/\/[^\s/@]*:[^\s/@]+@/,
  /PRIVATE KEY|-----BEGIN/,
];

/** Whether `arg` may not be echoed as it is. */
export function isSensitiveArg(arg: string): boolean {
  return (
    arg.length > MAX_ECHO ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a line break or control character is never echoed
    /[\u0000-\u001f\u007f]/.test(arg) ||
    /^--?[A-Za-z][A-Za-z0-9-]*=./.test(arg) ||
    /(?:pass|secret|token|key|auth)[A-Za-z0-9_-]*["']?\s*[=:]\s*\S/i.test(arg) ||
    TOKEN_SHAPES.some((shape) => shape.test(arg)) ||
    // A long run of letters and digits, both, like most generated secrets; not a session ID.
    (/(?=[A-Za-z0-9+/=_-]{0,80}[0-9])(?=[A-Za-z0-9+/=_-]{0,80}[A-Za-z])[A-Za-z0-9+/=_-]{20,}/.test(arg) &&
      !/^SESSION-[A-Za-z0-9_]+-[0-9]{10,12}$/.test(arg))
  );
}

/** What is echoed instead: an option's name with its value hidden, or the first characters and a count. */
export function maskArg(arg: string): string {
  const option = /^(--?[A-Za-z][A-Za-z0-9-]{0,40})=/.exec(arg);
  if (option) return `${option[1]}=<${arg.length - option[0].length} characters hidden>`;
  const shown = arg.slice(0, 4).replace(/[^\x20-\x7e]/g, '?');
  return `${shown}…<${arg.length - 4} characters hidden>`;
}

/**
 * `text` with every sensitive argument of `argv` masked, wherever it appears: as typed, quoted the way clipanion
 * echoes a command line (JSON string escapes), or quoted twice (such a message inside `--json` output).
 */
export function redactArgs(text: string, argv: readonly string[]): string {
  let out = text;
  const sensitive = [...new Set(argv.filter(isSensitiveArg))].sort((a, b) => b.length - a.length);
  const quoted = (s: string) => JSON.stringify(s).slice(1, -1);
  for (const arg of sensitive) {
    const mask = maskArg(arg);
    for (const form of [arg, quoted(arg), quoted(quoted(arg))]) out = out.replaceAll(form, mask);
  }
  return out;
}

/**
 * `text` with every double-quoted part that is sensitive masked: clipanion quotes the values it complains about
 * (`Invalid option name ("…")`), which is all that can be done where the command line is not at hand.
 */
export function redactQuoted(text: string): string {
  return text.replace(/"((?:[^"\\]|\\.)*)"/g, (whole, inner: string) => {
    let value = inner;
    try {
      value = JSON.parse(whole) as string;
    } catch {
      // Not JSON-quoted: judge the raw text.
    }
    if (/ characters hidden>$/.test(value)) return whole;
    return isSensitiveArg(value) || isSensitiveArg(inner) ? `"${maskArg(value)}"` : whole;
  });
}

type Output = { write(chunk: string): unknown };

/**
 * `stdout` and `stderr` of `ctx` passing everything written through {@link redactArgs}: for reporting a command
 * line that did not parse, whose message (and the command it suggests) may quote any argument.
 */
export function redactingOutput<T extends { stdout: Output; stderr: Output }>(
  ctx: T,
  argv: readonly string[],
): Pick<T, 'stdout' | 'stderr'> {
  // The streams themselves stay as they are: a stand-in that inherits from each and only filters `write`.
  const wrap = <W extends Output>(out: W): W =>
    Object.assign(Object.create(out) as W, { write: (chunk: string) => out.write(redactArgs(chunk, argv)) });
  return { stdout: wrap(ctx.stdout), stderr: wrap(ctx.stderr) };
}
