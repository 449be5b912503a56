import { describe, expect, it } from 'vitest';
import { isAtomicWriteLeftover } from './leftovers.js';

describe('isAtomicWriteLeftover', () => {
  it("takes write-file-atomic's temp names for leftovers", () => {
    expect(isAtomicWriteLeftover('session_log.md.3021589934')).toBe(true);
    expect(isAtomicWriteLeftover('session_log.md.7')).toBe(true);
    expect(isAtomicWriteLeftover('NOTE-plan-2611260912.md.4294967295')).toBe(true);
    expect(isAtomicWriteLeftover('README.md.12')).toBe(true);
  });

  it('leaves ordinary names alone', () => {
    expect(isAtomicWriteLeftover('session_log.md')).toBe(false);
    expect(isAtomicWriteLeftover('v1.2.3')).toBe(false);
    expect(isAtomicWriteLeftover('notes.2024')).toBe(false);
    expect(isAtomicWriteLeftover('NOTE-plan-2611260912.md')).toBe(false);
    // Past 32 bits: not a name write-file-atomic makes.
    expect(isAtomicWriteLeftover('session_log.md.4294967296')).toBe(false);
    expect(isAtomicWriteLeftover('session_log.md.12345678901')).toBe(false);
  });
});
