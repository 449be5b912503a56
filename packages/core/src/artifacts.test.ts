import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_TYPES,
  artifactTypeForFolder,
  folderTitle,
  isSafeRelativePath,
  makeArtifactFileName,
  makeArtifactPath,
  normalizeExtension,
  resolveArtifactType,
  sanitizeDescription,
} from './artifacts.js';
import { UnknownArtifactTypeError, UnsafePathError } from './errors.js';

const date = new Date(2026, 10, 26, 9, 12, 40);

describe('ARTIFACT_TYPES', () => {
  it('has the 12 V7 types of docs/formats.md', () => {
    expect(ARTIFACT_TYPES.map((t) => [t.folder, t.prefix, t.typeWord, t.title])).toEqual([
      ['notes', 'NOTE', 'note', 'Notes'],
      ['learnings', 'LEARNING', 'learning', 'Learnings'],
      ['environment', 'ENV', 'environment', 'Environment'],
      ['docs', 'DOC', 'doc_snippet', 'Docs'],
      ['research', 'RESEARCH', 'research', 'Research'],
      ['blockers', 'BLOCKER', 'blocker', 'Blockers'],
      ['questions', 'QUESTION', 'qna', 'Questions'],
      ['snippets', 'SNIPPET', 'snippet', 'Snippets'],
      ['feedback', 'FDBK', 'feedback', 'Feedback'],
      ['features', 'FEATURE', 'feature_note', 'Features'],
      ['context', 'CONTEXT', 'context_item', 'Context'],
      ['deferred', 'DEFERRED', 'deferred', 'Deferred'],
    ]);
  });

  it('derives custom folder types', () => {
    expect(artifactTypeForFolder('design-docs')).toEqual({
      folder: 'design-docs',
      prefix: 'DESIGN-DOCS',
      typeWord: 'design_docs',
      title: 'Design Docs',
      isStandard: false,
    });
    expect(folderTitle('code')).toBe('Code');
  });
});

describe('resolveArtifactType', () => {
  it.each([
    ['notes', 'notes'],
    ['note', 'notes'],
    ['NOTE', 'notes'],
    ['Notes', 'notes'],
    ['doc_snippet', 'docs'],
    ['doc-snippet', 'docs'],
    ['doc', 'docs'],
    ['qna', 'questions'],
    ['question', 'questions'],
    ['QUESTION', 'questions'],
    ['feature_note', 'features'],
    ['feature', 'features'],
    ['context_item', 'context'],
    ['env', 'environment'],
    ['FDBK', 'feedback'],
    ['blocker', 'blockers'],
    ['deferred', 'deferred'],
  ])('%j → %s', (word, folder) => {
    expect(resolveArtifactType(word).folder).toBe(folder);
  });

  it('refuses an unknown type, listing the valid ones and an example', () => {
    expect(() => resolveArtifactType('memo')).toThrow(UnknownArtifactTypeError);
    expect(() => resolveArtifactType('memo')).toThrow(
      /valid types: note.*qna \(questions\).*\nrun `roo session artifact new note <description>`/,
    );
  });

  it('only knows the configured folders, custom ones included', () => {
    const dirs = ['notes', 'code'];
    expect(resolveArtifactType('code', dirs)).toMatchObject({ prefix: 'CODE', isStandard: false });
    expect(resolveArtifactType('CODE', dirs).folder).toBe('code');
    expect(() => resolveArtifactType('blocker', dirs)).toThrow(UnknownArtifactTypeError);
  });
});

describe('sanitizeDescription', () => {
  it.each([
    ['Initial plan', 'initial_plan'],
    ['API rate-limit: 429s!', 'api_rate_limit_429s'],
    ['Ünïcödé Notes', 'unicode_notes'],
    ['  spaced  out  ', 'spaced_out'],
    ['a..b', 'a_b'],
    ['...hidden', 'hidden'],
  ])('%j → %j', (text, expected) => {
    expect(sanitizeDescription(text)).toBe(expected);
  });

  it('keeps at most 60 characters, cut at a word', () => {
    const out = sanitizeDescription('word '.repeat(30));
    expect(out.length).toBeLessThanOrEqual(60);
    expect(out).toMatch(/^(word_)*word$/);
  });

  it.each(['../../x', '..', '.', 'a/b', 'a\\b', 'C:\\x', 'nul\u0000byte', '/etc/passwd', '!!!', '日本'])(
    'refuses %j with UnsafePathError (exit 2)',
    (text) => {
      expect(() => sanitizeDescription(text)).toThrow(UnsafePathError);
      try {
        sanitizeDescription(text);
      } catch (error) {
        expect((error as UnsafePathError).exitCode).toBe(2);
      }
    },
  );

  it('never yields anything but lower snake_case (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 100 }), (text) => {
        let out: string;
        try {
          out = sanitizeDescription(text);
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePathError);
          return;
        }
        expect(out).toMatch(/^[a-z0-9]+(?:_[a-z0-9]+)*$/);
        expect(out.length).toBeLessThanOrEqual(60);
      }),
    );
  });
});

describe('artifact names', () => {
  it('builds <PREFIX>-<description>-<YYMMDDHHMM>.<ext>', () => {
    const note = resolveArtifactType('note');
    expect(makeArtifactFileName(note, 'Initial plan', date)).toBe('NOTE-initial_plan-2611260912.md');
    expect(makeArtifactPath(note, 'Initial plan', date)).toBe(
      'artifacts/notes/NOTE-initial_plan-2611260912.md',
    );
    expect(makeArtifactFileName(resolveArtifactType('qna'), 'why', date, 'txt')).toBe(
      'QUESTION-why-2611260912.txt',
    );
  });

  it('validates the extension', () => {
    expect(normalizeExtension('.md')).toBe('md');
    expect(normalizeExtension('json')).toBe('json');
    for (const ext of ['', '.', 'md/x', '../md', 'a.b', 'x'.repeat(11), 'm d']) {
      expect(() => normalizeExtension(ext)).toThrow(UnsafePathError);
    }
  });

  it('never escapes artifacts/<folder>/ (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 12 }), (description, ext) => {
        let path: string;
        try {
          path = makeArtifactPath(resolveArtifactType('note'), description, date, ext);
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePathError);
          return;
        }
        expect(path).toMatch(/^artifacts\/notes\/NOTE-[a-z0-9_]+-2611260912\.[A-Za-z0-9]{1,10}$/);
        expect(isSafeRelativePath(path)).toBe(true);
      }),
    );
  });

  it('isSafeRelativePath', () => {
    expect(isSafeRelativePath('artifacts/notes/NOTE-a-2611260912.md')).toBe(true);
    for (const path of ['', '/abs', '../x', 'a/../b', 'a//b', 'a\\b', 'C:/x', './a', 'a/.']) {
      expect(isSafeRelativePath(path)).toBe(false);
    }
  });
});
