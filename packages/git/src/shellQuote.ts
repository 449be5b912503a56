/** Quotes one argument for a POSIX shell, for the recovery commands roo prints. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:@=-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}
