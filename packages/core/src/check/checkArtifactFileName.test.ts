import { describe, expect, it } from 'vitest';
import { checkArtifactFileName } from './checkArtifactFileName.js';

describe('checkArtifactFileName', () => {
  it('accepts the convention, READMEs and custom folders', () => {
    expect(checkArtifactFileName('artifacts/notes/NOTE-initial_plan-2611260912.md')).toBeUndefined();
    expect(checkArtifactFileName('artifacts/feedback/FDBK-ux_review-2611260912.txt')).toBeUndefined();
    expect(checkArtifactFileName('artifacts/code/CODE-snippet-2611260912.tar.gz')).toBeUndefined();
    expect(checkArtifactFileName('artifacts/notes/README.md')).toBeUndefined();
    expect(checkArtifactFileName('artifacts/notes/.gitkeep')).toBeUndefined();
  });

  it('says what is off', () => {
    expect(checkArtifactFileName('artifacts/notes/plan.md')).toMatch(
      /does not follow NOTE-<description>-<YYMMDDHHMM>/,
    );
    expect(checkArtifactFileName('artifacts/notes/LEARNING-x-2611260912.md')).toMatch(
      /should start with `NOTE-`/,
    );
    expect(checkArtifactFileName('artifacts/notes/NOTE-Initial-Plan-2611260912.md')).toMatch(
      /lower snake_case/,
    );
    expect(checkArtifactFileName('artifacts/notes/NOTE-plan-2613260912.md')).toMatch(/not a YYMMDDHHMM/);
    expect(checkArtifactFileName('artifacts/CONFIRM-x-20250505231732.md')).toMatch(
      /not in an artifact folder/,
    );
  });
});
