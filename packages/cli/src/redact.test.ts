import { describe, expect, it } from 'vitest';
import { CREDENTIALS, PEM } from '../../../test/helpers/credentials.js';
import { isSensitiveArg, maskArg, redactArgs, redactQuoted } from './redact.js';

describe('redactArgs', () => {
  it('masks a PEM, raw or JSON-escaped, and every planted credential; keeps ordinary arguments', () => {
    const argv = ['session', 'log', PEM];
    const text = `Invalid option name ("${PEM}").\nWhile running session log ${JSON.stringify(PEM)}`;
    const out = redactArgs(text, argv);
    for (const line of PEM.split('\n')) expect(out).not.toContain(line.slice(5));
    expect(out).toContain('Invalid option name ("----…<');
    expect(out).toContain('While running session log "----…<');
    for (const c of CREDENTIALS) {
      const arg = c.text.split('\n')[0]!;
      expect(isSensitiveArg(arg), c.kind).toBe(true);
      if (c.secret.length >= 20) expect(isSensitiveArg(c.secret), c.kind).toBe(true);
      // A bare short password cannot be told from a word; one long enough to be a token can.
      const argv = c.secret.length >= 20 ? [arg, c.secret] : [arg];
      const text = argv.map((a) => `got "${a}"`).join(', ');
      expect(redactArgs(text, argv), c.kind).not.toContain(c.secret);
    }
    expect(redactArgs('Invalid option name ("--fix")', ['--fix'])).toBe('Invalid option name ("--fix")');
    expect(isSensitiveArg('SESSION-Fix_login-2611260905')).toBe(false);
    expect(redactArgs('While running session lgo "Fix the login"', ['session', 'lgo', 'Fix the login'])).toBe(
      'While running session lgo "Fix the login"',
    );
  });

  it('hides the value of an unknown --name=value option, once', () => {
    expect(maskArg('--password=hunter2')).toBe('--password=<7 characters hidden>');
    expect(redactArgs('Invalid option name ("--password=hunter2")', ['--password=hunter2'])).toBe(
      'Invalid option name ("--password=<7 characters hidden>")',
    );
  });

  it('redactQuoted masks sensitive quoted values where the command line is not at hand', () => {
    expect(redactQuoted('expected one of "note" (got "sk-abcdef")')).toBe(
      'expected one of "note" (got "sk-a…<5 characters hidden>")',
    );
  });
});
