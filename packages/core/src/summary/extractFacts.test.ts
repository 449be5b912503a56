import { describe, expect, it } from 'vitest';
import { CORPUS } from '../log/__fixtures__/corpus.js';
import { parseSessionLog } from '../log/parseSessionLog.js';
import { actorPrefix, artifactsIn, factsOf, tasksIn } from './extractFacts.js';
import { summarizeSession } from './summarizeSession.js';

const summary = (name: keyof typeof CORPUS) =>
  summarizeSession(parseSessionLog(CORPUS[name], `.ruru/sessions/X/session_log.md`), {
    where: 'worktree',
    now: new Date(2027, 0, 1),
  });

describe('factsOf', () => {
  const f = (text: string, detail = '', extra: { actor?: string; level?: string } = {}) =>
    factsOf({ text, detail, ...extra });

  it('finds errors: labels, ERROR, failed, tracebacks, levels; not "no errors"', () => {
    expect(f('**Error:** build broke').error).toBe('build broke');
    expect(f('ERROR: Delegation to `x` failed').error).toBe('Delegation to `x` failed');
    expect(f('HPO script failed').error).toBe('HPO script failed');
    expect(f('ran it', 'Traceback (most recent call last):\n  File "a.py"\nTypeError: bad').error).toBe(
      'ran it TypeError: bad',
    );
    expect(f('timeout', '', { level: 'ERROR' }).error).toBe('timeout');
    expect(f('all green, no errors').error).toBeUndefined();
    expect(f('Created artifact: `a.md`').error).toBeUndefined();
  });

  it('finds decisions, delegations and results with their modes and tasks', () => {
    expect(f('**Decision:** keep it').decision).toBe('keep it');
    expect(f('Decided to cast values').decision).toBe('Decided to cast values');
    expect(f('Delegated task `TASK-A-1` to `dev-react`: build it').delegation).toEqual({
      to: 'dev-react',
      taskId: 'TASK-A-1',
    });
    expect(f('Delegating the sweep to data-scientist').delegation).toEqual({
      to: 'data-scientist',
      taskId: null,
    });
    expect(f('User denied delegation to prime-txt').delegation).toBeUndefined();
    expect(f('Received result from `dev-react` for task `TASK-A-1`: done').result).toEqual({
      from: 'dev-react',
      taskId: 'TASK-A-1',
    });
    expect(f('Completed: tag pushed from `release/1.2`', '', { actor: 'dev-git' }).result).toEqual({
      from: 'dev-git',
      taskId: null,
    });
  });

  it('reads actors from prefixes but not labels', () => {
    expect(actorPrefix('**Mode Maintainer:** created it')).toBe('Mode Maintainer');
    expect(actorPrefix('`mode-maintainer`: created it')).toBe('mode-maintainer');
    expect(actorPrefix('agent-research: done')).toBe('agent-research');
    expect(actorPrefix('**Decision:** x')).toBeUndefined();
    expect(actorPrefix('Note: x')).toBeUndefined();
  });

  it('names tasks (IDs and MDTM file links) and artifacts', () => {
    expect(tasksIn('see `.ruru/tasks/ML/TASK-HPO-1.md` and TASK-B-2, not [TASK-ID]')).toEqual([
      { id: 'TASK-HPO-1', file: '.ruru/tasks/ML/TASK-HPO-1.md' },
      { id: 'TASK-B-2', file: null },
    ]);
    expect(artifactsIn('wrote `artifacts/notes/NOTE-a-2601010900.md`, then artifacts/CONFIRM-x.md.')).toEqual(
      ['artifacts/notes/NOTE-a-2601010900.md', 'artifacts/CONFIRM-x.md'],
    );
    expect(artifactsIn('`[relative_artifact_path]` artifacts/[x].md')).toEqual([]);
  });
});

describe('summarizeSession on the corpus', () => {
  it('lists the errors, decisions, delegations, results, tasks and actors a reviewer needs', () => {
    const b = summary('bullets');
    expect(b.errors.map((e) => e.text)).toEqual(['Delegation to `util-perf` failed: mode not installed']);
    expect(b.decisions.map((d) => d.text)).toEqual(['keep the hand-written lexer, no generator']);
    expect(b.delegations.map((d) => [d.to, d.taskId])).toEqual([
      ['dev-typescript', 'TASK-PARSE-20260110-0901'],
      ['util-perf', null],
    ]);
    expect(b.results.map((r) => r.from)).toEqual(['dev-typescript']);
    expect(b.actors.map((a) => a.name)).toEqual(
      expect.arrayContaining(['roo-commander', 'dev-typescript', 'Code Reviewer', 'util-perf']),
    );
    expect(b.artifactsNamed.map((a) => a.path)).toEqual(['artifacts/notes/NOTE-token_table-2601100906.md']);

    const p = summary('paragraphs');
    expect(p.errors).toHaveLength(1);
    expect(p.errors[0]!.text).toContain("TypeError: unsupported operand type(s) for +: 'int' and 'str'");
    expect(p.decisions.map((d) => d.line)).toEqual([33]);
    expect(p.tasksNamed).toEqual([
      { id: 'TASK-HPO-260203', file: '.ruru/tasks/ML/TASK-HPO-260203.md', inFrontmatter: false, line: 19 },
    ]);
    expect(p.span).toEqual({ first: '2026-02-03T14:00:00', last: '2026-02-03T15:30:00', entriesAfterEnd: 1 });

    const s = summary('sections');
    expect(s.errors.map((e) => e.text)).toEqual([
      'Push failed remote: error: GH006: Protected branch update failed',
    ]);
    expect(s.decisions.map((d) => d.text)).toEqual(['release from a release branch instead of main.']);
    expect(s.delegations.map((d) => [d.to, d.taskId])).toEqual([['dev-git', 'TASK-REL-12']]);

    const a = summary('agentlog');
    expect(a.errors.map((e) => e.actor)).toEqual(['agent-indexer']);
    expect(a.delegations.map((d) => d.to)).toEqual(['agent-indexer', 'agent-embed']);
    expect(a.tasksNamed.map((t) => t.id)).toEqual([
      'TASK-DOCS-IDX-01',
      'TASK-DOCS-IDX-02',
      'TASK-DOCS-LINKS',
    ]);
    expect(a.decisions).toHaveLength(1);
    expect(a.actors.map((x) => x.name)).toEqual(
      expect.arrayContaining(['roo-commander', 'agent-indexer', 'agent-embed', 'util-reviewer']),
    );
  });

  it('keeps related_tasks in `tasks` and adds every named task in `tasksNamed` (schema @1 compatible)', () => {
    const b = summary('bullets');
    expect(b.tasks).toEqual(['TASK-PARSE-20260110-0901']);
    expect(b.counts.tasks).toBe(1);
    expect(b.tasksNamed[0]).toMatchObject({ id: 'TASK-PARSE-20260110-0901', inFrontmatter: true, line: 21 });
  });

  it('counts the corpus (closing note)', () => {
    const totals = { entries: 0, errors: 0, decisions: 0, delegations: 0, results: 0, tasks: 0 };
    for (const name of Object.keys(CORPUS) as (keyof typeof CORPUS)[]) {
      const s = summary(name);
      totals.entries += s.counts.entries;
      totals.errors += s.errors.length;
      totals.decisions += s.decisions.length;
      totals.delegations += s.delegations.length;
      totals.results += s.results.length;
      totals.tasks += s.tasksNamed.length;
    }
    expect(totals).toEqual({ entries: 37, errors: 4, decisions: 4, delegations: 6, results: 4, tasks: 6 });
  });
});
