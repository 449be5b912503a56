/**
 * What a use case may know of the outside world: the folder it runs in, the environment (git's and roo's own
 * variables), the clock, and a sink for notes the user should see (a config warning, an index repaired). The front
 * end decides how to show a note: the CLI prints `roo: <note>` on stderr, the MCP server logs it. Use cases never
 * print, never read `process.*`, and return their results as data (docs/architecture.md).
 */
export type AppContext = {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  now: () => Date;
  /** A line for the user (`warning: …` for warnings), without the `roo: ` prefix or a newline. */
  note: (line: string) => void;
};
