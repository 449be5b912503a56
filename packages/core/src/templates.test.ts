import { describe, expect, it } from 'vitest';
// Vite's `?raw` imports the shipped templates as text, so the test checks the real files without node:fs.
import blocker from '../../../templates/artifact-blocker.md?raw';
import contextItem from '../../../templates/artifact-context_item.md?raw';
import deferred from '../../../templates/artifact-deferred.md?raw';
import docSnippet from '../../../templates/artifact-doc_snippet.md?raw';
import environment from '../../../templates/artifact-environment.md?raw';
import featureNote from '../../../templates/artifact-feature_note.md?raw';
import feedback from '../../../templates/artifact-feedback.md?raw';
import generic from '../../../templates/artifact-generic.md?raw';
import learning from '../../../templates/artifact-learning.md?raw';
import note from '../../../templates/artifact-note.md?raw';
import qna from '../../../templates/artifact-qna.md?raw';
import research from '../../../templates/artifact-research.md?raw';
import snippet from '../../../templates/artifact-snippet.md?raw';
import readme from '../../../templates/session_artifact_subdir_readme.md?raw';
import sessionLog from '../../../templates/session_log.md?raw';
import { ARTIFACT_TYPES, artifactTypeForFolder, resolveArtifactType } from './artifacts.js';
import { splitFrontmatter } from './log/frontmatter.js';
import {
  ARTIFACT_FOLDER_PURPOSES,
  artifactTemplateName,
  renderArtifact,
  renderSubfolderReadme,
  renderTemplate,
  SUBFOLDER_PLACEHOLDER,
  TEMPLATE_FILES,
} from './templates.js';
import { formatIsoWithOffset } from './time.js';
import { parseTomlText } from './toml.js';

const created = new Date(2026, 10, 26, 9, 12, 40);

const SHIPPED: Record<string, string> = {
  'session_log.md': sessionLog,
  'session_artifact_subdir_readme.md': readme,
  'artifact-note.md': note,
  'artifact-learning.md': learning,
  'artifact-environment.md': environment,
  'artifact-doc_snippet.md': docSnippet,
  'artifact-research.md': research,
  'artifact-blocker.md': blocker,
  'artifact-qna.md': qna,
  'artifact-snippet.md': snippet,
  'artifact-feedback.md': feedback,
  'artifact-feature_note.md': featureNote,
  'artifact-context_item.md': contextItem,
  'artifact-deferred.md': deferred,
  'artifact-generic.md': generic,
};

function frontmatterOf(text: string): Record<string, unknown> {
  return parseTomlText(splitFrontmatter(text, 'x').frontmatter);
}

describe('TEMPLATE_FILES', () => {
  it('lists exactly the shipped templates', () => {
    expect([...TEMPLATE_FILES].sort()).toEqual(Object.keys(SHIPPED).sort());
  });

  it('has one template per standard artifact type, and a generic one for custom folders', () => {
    for (const type of ARTIFACT_TYPES) expect(TEMPLATE_FILES).toContain(artifactTemplateName(type));
    expect(artifactTemplateName(artifactTypeForFolder('code'))).toBe('artifact-generic.md');
  });
});

describe('renderTemplate', () => {
  it('writes TOML literals in the frontmatter and plain text in the body', () => {
    const out = renderTemplate(
      '+++\ntitle = {{title}}\nq = "{{title}}"\ntags = {{tags}}\n+++\n# {{title}}\n',
      {
        title: 'He said "hi" \\ \n ok',
        tags: ['a', 'b'],
      },
    );
    expect(frontmatterOf(out)).toEqual({
      title: 'He said "hi" \\ \n ok',
      q: 'He said "hi" \\ \n ok',
      tags: ['a', 'b'],
    });
    expect(out.endsWith('# He said "hi" \\ \n ok\n')).toBe(true);
  });

  it('cannot be injected through a value', () => {
    const out = renderTemplate('+++\ntitle = {{title}}\nstatus = "x"\n+++\n', {
      title: '"\nstatus = "pwned',
    });
    expect(frontmatterOf(out)).toEqual({ title: '"\nstatus = "pwned', status: 'x' });
  });

  it('leaves unknown placeholders alone and keeps CRLF', () => {
    expect(renderTemplate('+++\r\na = {{a}}\r\n+++\r\n{{b}}\r\n', { a: 'x' })).toBe(
      '+++\r\na = "x"\r\n+++\r\n{{b}}\r\n',
    );
  });

  it('renders text without frontmatter as plain text', () => {
    expect(renderTemplate('Hello {{name}}, {{list}}', { name: 'world', list: ['a', 'b'] })).toBe(
      'Hello world, a, b',
    );
  });
});

describe('shipped templates', () => {
  it('the README template carries the V7 placeholder and renders per folder', () => {
    expect(readme).toContain(SUBFOLDER_PLACEHOLDER);
    const out = renderSubfolderReadme(readme, 'Learnings');
    expect(out).not.toContain(SUBFOLDER_PLACEHOLDER);
    expect(out).toMatch(/^# Session Artifacts: Learnings$/m);
  });

  it('each standard folder README says what belongs there, its naming convention and the roo command', () => {
    const seen = new Set<string>();
    for (const type of ARTIFACT_TYPES) {
      const out = renderSubfolderReadme(readme, type.title, type);
      expect(out.split('\n')[0]).toBe(`# Session Artifacts: ${type.title}`);
      expect(out).toContain(ARTIFACT_FOLDER_PURPOSES[type.folder]!);
      expect(out).toContain(`\`${type.prefix}-<description>-<YYMMDDHHMM>.md\``);
      expect(out).toContain(`roo session artifact new ${type.typeWord} "<description>"`);
      expect(out).toContain(`artifacts/${type.folder}/<file>`);
      expect(out).not.toMatch(/\{\{|\[This Subdirectory Type\]/);
      seen.add(out.split('\n')[2]!);
    }
    // Twelve different purposes, not one generic text.
    expect(seen.size).toBe(ARTIFACT_TYPES.length);
    expect(renderSubfolderReadme(readme, 'Blockers', ARTIFACT_TYPES[5])).toMatch(/what blocks progress/i);
    const custom = renderSubfolderReadme(readme, 'Design Docs', artifactTypeForFolder('design-docs'));
    expect(custom).toMatch(/^# Session Artifacts: Design Docs$/m);
    expect(custom).toContain('roo session artifact new design_docs');
  });

  it.each(Object.entries(SHIPPED).filter(([name]) => name.startsWith('artifact-')))(
    '%s renders into a valid artifact',
    (name, template) => {
      const type =
        name === 'artifact-generic.md'
          ? artifactTypeForFolder('code')
          : resolveArtifactType(name.replace(/^artifact-|\.md$/g, ''));
      const out = renderArtifact(template, {
        sessionId: 'SESSION-Fix-2611260905',
        type,
        description: 'Plan "A"\nand B',
        date: created,
        tags: ['extra'],
      });
      expect(out).not.toMatch(/\{\{/);
      expect(frontmatterOf(out)).toMatchObject({
        id: `${type.prefix}-plan_a_and_b-2611260912`,
        session_id: 'SESSION-Fix-2611260905',
        type: type.typeWord,
        created_time: formatIsoWithOffset(created),
        related_task_id: '',
        tags: [type.typeWord, 'extra'],
      });
      expect(out).toMatch(/^# Plan "A" and B$/m);
    },
  );

  it('gives the type-specific fields', () => {
    expect(frontmatterOf(renderArtifact(blocker, input('blocker')))).toMatchObject({
      severity: 'medium',
      resolved: false,
    });
    expect(frontmatterOf(renderArtifact(qna, input('qna')))).toMatchObject({ answered: false });
    expect(frontmatterOf(renderArtifact(deferred, input('deferred')))).toMatchObject({ reason: '' });
  });

  it('the session log template has every placeholder the renderer fills', () => {
    for (const name of [
      'id',
      'title',
      'status',
      'start_time',
      'end_time',
      'coordinator',
      'related_tasks',
      'related_artifacts',
      'tags',
      'branch',
      'base_commit',
      'goal',
      'initiated_entry',
    ]) {
      expect(sessionLog).toContain(`{{${name}}}`);
    }
  });
});

function input(word: string) {
  return {
    id: 'X-a-2611260912',
    sessionId: 'SESSION-Fix-2611260905',
    type: resolveArtifactType(word),
    description: 'A',
    date: created,
    relatedTaskId: 'TASK-1',
  };
}

describe('renderArtifact', () => {
  it('refuses a description that could escape, when it has to build the ID', () => {
    expect(() =>
      renderArtifact(note, {
        sessionId: 'S',
        type: resolveArtifactType('note'),
        description: '../x',
        date: created,
      }),
    ).toThrow(/looks like a path/);
  });
});
