import { describe, expect, it } from 'vitest';
import { STANDARD_ARTIFACT_DIRS } from './artifacts.js';
import { DEFAULT_CONFIG, parseConfig, renderDefaultConfig } from './config.js';
import { InvalidConfigError } from './errors.js';

const FILE = '.ruru/config.toml';

describe('parseConfig', () => {
  it('gives the defaults for an empty file', () => {
    expect(parseConfig('', FILE)).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
    expect(DEFAULT_CONFIG).toEqual({
      branchPrefix: 'session/',
      trailer: true,
      artifactDirs: [...STANDARD_ARTIFACT_DIRS],
      coordinator: 'roo-cli',
      secretScan: true,
      agentPrompts: true,
    });
  });

  it('reads every key', () => {
    const text = [
      'branchPrefix = "work/"',
      'trailer = false',
      'artifactDirs = ["notes", "code", "notes"]',
      'coordinator = "claude-code"',
      'secretScan = false',
      'agentPrompts = false',
    ].join('\n');
    expect(parseConfig(text, FILE).config).toEqual({
      branchPrefix: 'work/',
      trailer: false,
      artifactDirs: ['notes', 'code'],
      coordinator: 'claude-code',
      secretScan: false,
      agentPrompts: false,
    });
  });

  it('accepts an empty branch prefix and a BOM', () => {
    expect(parseConfig('\uFEFFbranchPrefix = ""', FILE).config.branchPrefix).toBe('');
  });

  it('warns about unknown keys, suggesting the right spelling', () => {
    const { warnings, config } = parseConfig('branch_prefix = "x/"\ncolour = true\n', FILE);
    expect(config).toEqual(DEFAULT_CONFIG);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(
      /\.ruru\/config\.toml: unknown key `branch_prefix`.*did you mean `branchPrefix`/,
    );
    expect(warnings[1]).toMatch(/unknown key `colour`.*known keys: branchPrefix/);
  });

  it.each([
    ['trailer = "yes"', /`trailer` must be true or false, e\.g\. `trailer = true`\nseen: "yes"\n/],
    ['secretScan = 1', /`secretScan` must be true or false.*\nseen: 1\n/],
    ['branchPrefix = 3', /`branchPrefix` must be a string/],
    ['branchPrefix = "bad..prefix/"', /valid git branch name prefix.*\nseen: "bad\.\.prefix\/"/],
    ['branchPrefix = "-x/"', /valid git branch name prefix/],
    ['branchPrefix = "a b/"', /valid git branch name prefix/],
    ['coordinator = ""', /`coordinator` must be a non-empty one-line string/],
    ['coordinator = "a\\nb"', /`coordinator` must be a non-empty one-line string/],
    ['artifactDirs = "notes"', /`artifactDirs` must be an array of folder names/],
    ['artifactDirs = ["notes", 3]', /`artifactDirs` must be an array/],
    ['artifactDirs = ["../x"]', /entry is not a plain folder name.*\nseen: "\.\.\/x"/],
    ['artifactDirs = ["a/b"]', /not a plain folder name/],
  ])('refuses %j with exit 2', (text, message) => {
    expect(() => parseConfig(text, FILE)).toThrow(InvalidConfigError);
    expect(() => parseConfig(text, FILE)).toThrow(message);
    expect(() => parseConfig(text, FILE)).toThrow(/\.ruru\/config\.toml/);
  });

  it('reports invalid TOML with its line', () => {
    expect(() => parseConfig('trailer = true\nbranchPrefix = "x\n', FILE)).toThrow(
      /\.ruru\/config\.toml:2: invalid TOML/,
    );
  });
});

describe('renderDefaultConfig', () => {
  it('renders commented TOML that reads back as the defaults', () => {
    const text = renderDefaultConfig();
    expect(text).toMatch(/^# /);
    expect(text).toContain('branchPrefix = "session/"');
    expect(parseConfig(text, FILE)).toEqual({ config: DEFAULT_CONFIG, warnings: [] });
  });
});
