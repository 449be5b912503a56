import { ARTIFACT_DIR_PATTERN, STANDARD_ARTIFACT_DIRS } from './artifacts.js';
import { InvalidConfigError } from './errors.js';
import { isValidBranchName } from './refs.js';
import { parseTomlText, TomlSyntaxError } from './toml.js';

/** `.ruru/config.toml` (docs/formats.md), with defaults filled in. */
export type RooConfig = {
  /** Prefix of session branch names; `session/` gives `session/SESSION-…`. */
  branchPrefix: string;
  /** Whether prepare-commit-msg adds `Roo-Session: <ID>`. */
  trailer: boolean;
  /** Artifact folders created in every new session. */
  artifactDirs: string[];
  /** Default `coordinator` of new sessions. */
  coordinator: string;
  /** Whether `end`/`checkpoint` refuse to commit credentials. */
  secretScan: boolean;
  /** Whether the agent hooks record the user's prompts as `prompt` entries (docs/agents.md). */
  agentPrompts: boolean;
};

/** The configuration when `.ruru/config.toml` is absent or silent. */
export const DEFAULT_CONFIG: Readonly<RooConfig> = Object.freeze({
  branchPrefix: 'session/',
  trailer: true,
  artifactDirs: [...STANDARD_ARTIFACT_DIRS],
  coordinator: 'roo-cli',
  secretScan: true,
  agentPrompts: true,
});

const KNOWN_KEYS = Object.keys(DEFAULT_CONFIG) as (keyof RooConfig)[];

const squash = (key: string): string => key.toLowerCase().replace(/[_-]/g, '');

/**
 * Reads `.ruru/config.toml`. Missing keys take their defaults; unknown keys are reported as warnings (with a
 * suggestion when one is a misspelling like `branch_prefix`), never fatal.
 *
 * @param file the path shown in messages.
 * @throws InvalidConfigError (exit 2) for invalid TOML or a bad value, naming file, key, what was seen and an
 *   example of a valid line.
 */
export function parseConfig(text: string, file: string): { config: RooConfig; warnings: string[] } {
  let data: Record<string, unknown>;
  try {
    data = parseTomlText(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (error instanceof TomlSyntaxError) {
      throw new InvalidConfigError({
        what: `cannot read ${file}:${error.line}: invalid TOML: ${error.detail}`,
        next: 'roo doctor',
        hint:
          `after fixing ${file} (a valid line looks like \`branchPrefix = "session/"\`), ` +
          'or delete the file to use the defaults',
        cause: error,
      });
    }
    throw error;
  }
  const warnings: string[] = [];
  const config: RooConfig = { ...DEFAULT_CONFIG, artifactDirs: [...DEFAULT_CONFIG.artifactDirs] };
  const bad = (key: string, want: string, example: string): never => {
    throw new InvalidConfigError({
      what: `invalid ${file}: \`${key}\` must be ${want}, e.g. \`${example}\``,
      seen: JSON.stringify(data[key]),
      next: 'roo doctor',
      hint: `after fixing it in ${file}`,
    });
  };
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case 'branchPrefix':
        if (typeof value !== 'string') bad(key, 'a string', 'branchPrefix = "session/"');
        // The prefix must form a valid branch name with any session ID after it.
        else if (value !== '' && !isValidBranchName(`${value}SESSION-Goal-2611260905`))
          bad(key, 'a valid git branch name prefix', 'branchPrefix = "session/"');
        else config.branchPrefix = value;
        break;
      case 'trailer':
      case 'secretScan':
      case 'agentPrompts':
        if (typeof value !== 'boolean') bad(key, 'true or false', `${key} = true`);
        else config[key] = value;
        break;
      case 'coordinator':
        if (typeof value !== 'string' || value.trim() === '' || /[\r\n]/.test(value))
          bad(key, 'a non-empty one-line string', 'coordinator = "roo-cli"');
        else config.coordinator = value;
        break;
      case 'artifactDirs': {
        const example = 'artifactDirs = ["notes", "learnings", "decisions"]';
        if (!Array.isArray(value) || !value.every((dir) => typeof dir === 'string'))
          bad(key, 'an array of folder names', example);
        const dirs = value as string[];
        const wrong = dirs.find((dir) => !ARTIFACT_DIR_PATTERN.test(dir));
        if (wrong !== undefined) {
          throw new InvalidConfigError({
            what:
              `invalid ${file}: an \`artifactDirs\` entry is not a plain folder name ` +
              `(letters, digits, \`_\` and \`-\`, starting with a letter or digit), e.g. \`${example}\``,
            seen: JSON.stringify(wrong),
            next: 'roo doctor',
            hint: `after fixing it in ${file}`,
          });
        }
        config.artifactDirs = [...new Set(dirs)];
        break;
      }
      default: {
        const hint = KNOWN_KEYS.find((known) => squash(known) === squash(key));
        warnings.push(
          `${file}: unknown key \`${key}\` ignored` +
            (hint === undefined ? ` (known keys: ${KNOWN_KEYS.join(', ')})` : `; did you mean \`${hint}\`?`),
        );
      }
    }
  }
  return { config, warnings };
}

/** The commented `.ruru/config.toml` that `roo init` writes: every key at its default. */
export function renderDefaultConfig(): string {
  const dirs = DEFAULT_CONFIG.artifactDirs.map((dir) => `  "${dir}",`).join('\n');
  return `# roo-session configuration. Every key is optional; unknown keys only warn.

# Session branches are named <branchPrefix><SESSION-ID>, e.g. session/SESSION-Fix_login-2611260905.
branchPrefix = "session/"

# Add a "Roo-Session: <ID>" trailer to commits made on a session branch, so squash merges keep the link.
trailer = true

# Artifact folders created in every new session (artifacts/<folder>/). Extra folders get their own type.
artifactDirs = [
${dirs}
]

# Recorded as \`coordinator\` in new session logs unless --coordinator is given.
coordinator = "roo-cli"

# Refuse to commit a session folder that contains credentials (override with --allow-secrets).
secretScan = true
`;
}
