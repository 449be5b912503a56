import { type ArtifactType, makeArtifactFileName } from './artifacts.js';
import { toSingleLine } from './text.js';
import { formatIsoWithOffset } from './time.js';
import { tomlLiteral } from './toml.js';

/**
 * Templates of `templates/` (docs/formats.md). The CLI loads `templates/<name>` and lets `.ruru/templates/<name>`
 * override it; core only renders text.
 *
 * Placeholders are `{{name}}`. Inside the `+++` frontmatter a placeholder becomes a TOML literal (a string is
 * quoted and escaped by smol-toml, an array becomes `["a", "b"]`), also when the template author wrapped it in
 * quotes (`"{{title}}"`), so a value can never inject TOML. In the Markdown body it becomes the plain text.
 * Unknown placeholders stay as written.
 */

/** The session log template. */
export const SESSION_LOG_TEMPLATE = 'session_log.md';
/** The README template copied into every artifact folder. */
export const SUBFOLDER_README_TEMPLATE = 'session_artifact_subdir_readme.md';
/** Alias of {@link SUBFOLDER_README_TEMPLATE}. */
export const ARTIFACT_README_TEMPLATE = SUBFOLDER_README_TEMPLATE;
/** The template for artifacts of a custom folder (one that is not among the 12 standard types). */
export const GENERIC_ARTIFACT_TEMPLATE = 'artifact-generic.md';
/** The placeholder of the README template, replaced by the Title-Case folder name. */
export const SUBFOLDER_PLACEHOLDER = '[This Subdirectory Type]';

/** Template file name for an artifact type: `artifact-<type word>.md`, or the generic one for custom folders. */
export function artifactTemplateName(type: ArtifactType): string {
  return type.isStandard ? `artifact-${type.typeWord}.md` : GENERIC_ARTIFACT_TEMPLATE;
}

/** Every template file roo ships, by name (relative to `templates/` and `.ruru/templates/`). */
export const TEMPLATE_FILES: readonly string[] = [
  SESSION_LOG_TEMPLATE,
  SUBFOLDER_README_TEMPLATE,
  'artifact-note.md',
  'artifact-learning.md',
  'artifact-environment.md',
  'artifact-doc_snippet.md',
  'artifact-research.md',
  'artifact-blocker.md',
  'artifact-qna.md',
  'artifact-snippet.md',
  'artifact-feedback.md',
  'artifact-feature_note.md',
  'artifact-context_item.md',
  'artifact-deferred.md',
  GENERIC_ARTIFACT_TEMPLATE,
];

/** A value for a placeholder. */
export type TemplateValue = string | readonly string[] | boolean;

const PLACEHOLDER = /(["']?)\{\{([A-Za-z_][A-Za-z0-9_]*)\}\}(["']?)/g;
const DELIMITER = /^\+\+\+[ \t]*\r?$/;

function replaceIn(text: string, vars: Readonly<Record<string, TemplateValue>>, isToml: boolean): string {
  return text.replace(PLACEHOLDER, (match, open: string, name: string, close: string) => {
    if (!Object.hasOwn(vars, name)) return match;
    const value = vars[name]!;
    if (isToml) {
      // `"{{x}}"`: the quotes are the author's attempt to make a string; the literal brings its own.
      const isQuoted = open !== '' && open === close;
      return isQuoted ? tomlLiteral(value) : `${open}${tomlLiteral(value)}${close}`;
    }
    const plain =
      typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : value.join(', ');
    return `${open}${plain}${close}`;
  });
}

/**
 * Fills a template's `{{name}}` placeholders: TOML literals inside the leading `+++` frontmatter, plain text in
 * the body.
 */
export function renderTemplate(template: string, vars: Readonly<Record<string, TemplateValue>>): string {
  const lines = template.split('\n');
  const first = (lines[0] ?? '').replace(/^\uFEFF/, '');
  const close = DELIMITER.test(first) ? lines.findIndex((line, i) => i > 0 && DELIMITER.test(line)) : -1;
  if (close < 0) return replaceIn(template, vars, false);
  const head = lines.slice(0, close + 1).join('\n');
  const body = lines.slice(close + 1).join('\n');
  return `${replaceIn(head, vars, true)}\n${replaceIn(body, vars, false)}`;
}

/** What belongs in each standard artifact folder, for its README (V7 `# Session Artifacts: <Folder>`). */
export const ARTIFACT_FOLDER_PURPOSES: Readonly<Record<string, string>> = {
  notes:
    'General notes of the session: plans, observations, summaries of a discussion, anything worth keeping that has no more specific folder.',
  learnings:
    'Lessons learned: what worked, what did not, and the gotchas to remember the next time this kind of work comes up.',
  environment:
    'Facts about the environment the work ran in: tool and library versions, configuration, setup steps, services and machines.',
  docs: 'Excerpts of documentation the session relied on (API references, passages of a spec), each with its source.',
  research: 'Research findings: the options compared, the sources read, and the conclusion drawn from them.',
  blockers:
    'What blocks progress: the problem, what was tried, and what (or who) is needed to unblock it. One file per blocker.',
  questions:
    'Questions asked during the session (of the user, a reviewer, another mode) and their answers once known.',
  snippets: 'Reusable code and command snippets, each with a line on what it does and where it was used.',
  feedback: 'Feedback received (from the user, reviewers, tests or CI) and how it was addressed.',
  features: 'Notes on features: requirements, scope, acceptance criteria and ideas for later.',
  context:
    'Context needed to resume the work: the key files, the decisions made so far and the state things were left in.',
  deferred: 'Work deliberately put off: what it is, why it waits, and when to come back to it.',
};

/**
 * The README of one artifact folder (V7): every `[This Subdirectory Type]` becomes the folder's Title-Case name,
 * and with `type`, `{{purpose}}` says what belongs in the folder, `{{prefix}}`, `{{type}}`, `{{folder}}` and
 * `{{example}}` give its naming convention and the `roo session artifact new` command.
 */
export function renderSubfolderReadme(template: string, folderTitle: string, type?: ArtifactType): string {
  const titled = template.split(SUBFOLDER_PLACEHOLDER).join(folderTitle);
  if (type === undefined) return titled;
  const purpose =
    ARTIFACT_FOLDER_PURPOSES[type.folder] ??
    `Artifacts of type \`${type.typeWord}\` for this session (a folder this repository added in \`.ruru/config.toml\`).`;
  return renderTemplate(titled, {
    purpose,
    prefix: type.prefix,
    type: type.typeWord,
    folder: type.folder,
    example: `${type.prefix}-short_description-2611260912.md`,
  });
}

/** What a new artifact file needs. */
export type ArtifactTemplateInput = {
  sessionId: string;
  type: ArtifactType;
  /** The description as the user typed it: the title of the artifact (shown on one line). */
  description: string;
  /** Creation time: gives `created_time` and, with the description, the artifact ID. */
  date: Date;
  relatedTaskId?: string;
  /** Extra tags after the type word. */
  tags?: readonly string[];
  /** The artifact ID; default: the file name without extension, `<PREFIX>-<description>-<YYMMDDHHMM>`. */
  id?: string;
};

/**
 * Renders an artifact template with the standard frontmatter values (docs/formats.md): `id`, `session_id`, `type`,
 * `created_time`, `related_task_id`, `tags`; the description becomes the `# title`.
 *
 * @throws UnsafePathError when no ID is given and the description cannot name a file.
 */
export function renderArtifact(template: string, input: ArtifactTemplateInput): string {
  const id =
    input.id ?? makeArtifactFileName(input.type, input.description, input.date, 'md').replace(/\.md$/, '');
  return renderTemplate(template, {
    id,
    session_id: input.sessionId,
    type: input.type.typeWord,
    created_time: formatIsoWithOffset(input.date),
    related_task_id: input.relatedTaskId ?? '',
    tags: [...new Set([input.type.typeWord, ...(input.tags ?? [])])],
    title: toSingleLine(input.description).trim(),
    folder_title: input.type.title,
  });
}
