import { UnknownArtifactTypeError, UnsafePathError } from './errors.js';
import { cutAtUnderscore, stripDiacritics } from './ids.js';
import { formatIdStamp } from './time.js';

/** One artifact type: its folder under `artifacts/`, file-name prefix, V7 type word and Title-Case folder name. */
export type ArtifactType = {
  folder: string;
  prefix: string;
  typeWord: string;
  title: string;
  /** False for a folder that only the repo's `artifactDirs` config knows. */
  isStandard: boolean;
};

const standard = (folder: string, prefix: string, typeWord: string): ArtifactType => ({
  folder,
  prefix,
  typeWord,
  title: folderTitle(folder),
  isStandard: true,
});

/** Title-Case name of a folder, as the subfolder README shows it: `notes` → `Notes`, `design-docs` → `Design Docs`. */
export function folderTitle(folder: string): string {
  return folder
    .split(/[-_\s]+/)
    .filter((word) => word !== '')
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** The 12 standard V7 artifact types (docs/formats.md), in the order of that page's folder list. */
export const ARTIFACT_TYPES: readonly ArtifactType[] = [
  standard('notes', 'NOTE', 'note'),
  standard('learnings', 'LEARNING', 'learning'),
  standard('environment', 'ENV', 'environment'),
  standard('docs', 'DOC', 'doc_snippet'),
  standard('research', 'RESEARCH', 'research'),
  standard('blockers', 'BLOCKER', 'blocker'),
  standard('questions', 'QUESTION', 'qna'),
  standard('snippets', 'SNIPPET', 'snippet'),
  standard('feedback', 'FDBK', 'feedback'),
  standard('features', 'FEATURE', 'feature_note'),
  standard('context', 'CONTEXT', 'context_item'),
  standard('deferred', 'DEFERRED', 'deferred'),
];

/** The standard folder names, the default of config `artifactDirs`. */
export const STANDARD_ARTIFACT_DIRS: readonly string[] = ARTIFACT_TYPES.map((t) => t.folder);

/** A folder name allowed in `artifactDirs`: one portable path component. */
export const ARTIFACT_DIR_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * The type of an artifact folder: the standard one, or for a custom folder from `artifactDirs` a type whose
 * prefix and type word derive from the folder name (`code` → prefix `CODE`, type `code`).
 */
export function artifactTypeForFolder(folder: string): ArtifactType {
  const known = ARTIFACT_TYPES.find((t) => t.folder === folder);
  if (known !== undefined) return known;
  return {
    folder,
    prefix: folder.toUpperCase(),
    typeWord: folder.toLowerCase().replace(/-/g, '_'),
    title: folderTitle(folder),
    isStandard: false,
  };
}

/** The artifact types a repo uses: one per folder of its `artifactDirs` (default the 12). */
export function artifactTypesFor(artifactDirs: readonly string[] = STANDARD_ARTIFACT_DIRS): ArtifactType[] {
  return artifactDirs.map(artifactTypeForFolder);
}

const normalizeWord = (word: string): string => word.trim().toLowerCase().replace(/-/g, '_');

function namesOf(type: ArtifactType): string[] {
  const names = [type.folder, type.prefix, type.typeWord, type.title].map(normalizeWord);
  // Singular forms: `notes` → `note`, `questions` → `question`.
  if (type.folder.endsWith('s')) names.push(normalizeWord(type.folder.slice(0, -1)));
  if (type.typeWord.includes('_')) names.push(normalizeWord(type.typeWord.split('_')[0]!));
  return names;
}

/**
 * Finds the artifact type a user means: folder (`notes`), singular (`note`), V7 type word (`doc_snippet`,
 * `qna`), or prefix (`NOTE`), any case, `-` and `_` alike. Only the repo's `artifactDirs` are candidates.
 * Exact folder, type word and prefix matches win over the looser names, so a custom folder cannot shadow them.
 *
 * @throws UnknownArtifactTypeError listing the valid types.
 */
export function resolveArtifactType(
  word: string,
  artifactDirs: readonly string[] = STANDARD_ARTIFACT_DIRS,
): ArtifactType {
  const types = artifactTypesFor(artifactDirs);
  const wanted = normalizeWord(word);
  const exact = types.find((t) => [t.folder, t.typeWord, t.prefix].map(normalizeWord).includes(wanted));
  const found = exact ?? types.find((t) => namesOf(t).includes(wanted));
  if (found !== undefined) return found;
  const valid = types
    .map((t) => (t.typeWord === t.folder ? t.folder : `${t.typeWord} (${t.folder})`))
    .join(', ');
  throw new UnknownArtifactTypeError({
    what: `unknown artifact type \`${word}\`; valid types: ${valid}`,
    next: 'roo session artifact new note <description>',
    hint: 'for example',
  });
}

/** Longest sanitised artifact description. */
export const MAX_DESCRIPTION_LENGTH = 60;

/**
 * An artifact description as lower snake_case (`Initial plan` → `initial_plan`), at most 60 characters.
 * Input that names a path is refused rather than sanitised, so `../../x` never silently becomes `x`.
 *
 * @throws UnsafePathError when the text contains `/`, `\`, NUL, is only dots (`.`, `..`), or nothing is left.
 */
export function sanitizeDescription(text: string): string {
  const trimmed = text.trim();
  if (/[/\\]/.test(text) || text.includes('\u0000') || /^\.+$/.test(trimmed)) {
    throw new UnsafePathError({
      what: `artifact description \`${text}\` looks like a path and could leave the session folder`,
      next: 'roo session artifact new note initial plan',
      hint: 'for example: describe it in words instead',
    });
  }
  const snake = stripDiacritics(trimmed)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  const cut = cutAtUnderscore(snake, MAX_DESCRIPTION_LENGTH);
  if (cut === '') {
    throw new UnsafePathError({
      what: `artifact description \`${text}\` has no letters or digits to name a file with`,
      next: 'roo session artifact new note initial plan',
      hint: 'for example',
    });
  }
  return cut;
}

/** A file extension for an artifact: 1–10 letters or digits; one leading dot is tolerated (`.md`). */
export function normalizeExtension(ext: string): string {
  const bare = ext.startsWith('.') ? ext.slice(1) : ext;
  if (!/^[A-Za-z0-9]{1,10}$/.test(bare)) {
    throw new UnsafePathError({
      what: `artifact extension \`${ext}\` is not allowed: use 1–10 letters or digits, e.g. \`--ext md\``,
      next: 'roo session artifact new <type> --ext md <description>',
    });
  }
  return bare;
}

/**
 * The file name of a new artifact, `<PREFIX>-<description>-<YYMMDDHHMM>.<ext>`
 * (`NOTE-initial_plan-2611260912.md`).
 *
 * @throws UnsafePathError for a description or extension that could escape or is empty.
 */
export function makeArtifactFileName(
  type: ArtifactType,
  description: string,
  date: Date,
  ext = 'md',
): string {
  return `${type.prefix}-${sanitizeDescription(description)}-${formatIdStamp(date)}.${normalizeExtension(ext)}`;
}

/** The path of a new artifact relative to the session folder: `artifacts/<folder>/<file name>`. */
export function makeArtifactPath(type: ArtifactType, description: string, date: Date, ext = 'md'): string {
  if (!ARTIFACT_DIR_PATTERN.test(type.folder)) {
    throw new UnsafePathError({
      what: `artifact folder \`${type.folder}\` is not a plain folder name`,
      next: 'roo doctor',
      hint: 'after fixing `artifactDirs` in .ruru/config.toml',
    });
  }
  return `artifacts/${type.folder}/${makeArtifactFileName(type, description, date, ext)}`;
}

/**
 * True when `path` (from `related_artifacts` or a user) stays inside the session folder: relative, `/`
 * separated, no `.`/`..` or empty segments, no backslash, NUL or drive letter.
 */
export function isSafeRelativePath(path: string): boolean {
  if (
    path === '' ||
    path.startsWith('/') ||
    /\\/.test(path) ||
    path.includes('\u0000') ||
    /^[A-Za-z]:/.test(path)
  )
    return false;
  return path.split('/').every((part) => part !== '' && part !== '.' && part !== '..');
}
