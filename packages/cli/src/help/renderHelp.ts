import { formatMarkdownish } from 'clipanion';
import { type CommandSpec, formatArgument, formatOption } from './commandTree.js';

/** Terminal styling: plain text, or bold headers and cyan code spans on a colour terminal. */
type Style = {
  header(s: string): string;
  bold(s: string): string;
  error(s: string): string;
  code(s: string): string;
};
const plain: Style = { header: (s) => s, bold: (s) => s, error: (s) => s, code: (s) => s };
const rich: Style = {
  header: (s) => `\x1b[1m${s}\x1b[22m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  error: (s) => `\x1b[31m${s}\x1b[39m`,
  code: (s) => `\x1b[36m${s}\x1b[39m`,
};
const styleOf = (colored: boolean): Style => (colored ? rich : plain);

/** `--help` of one command: description, usage with real placeholders, options, details, examples, exit codes. */
export function renderCommandHelp(spec: CommandSpec, colored = false): string {
  const st = styleOf(colored);
  const md = (text: string, paragraphs: boolean) => formatMarkdownish(text, { format: st, paragraphs });
  let out = `${md(spec.description, false).replace(/^./, (c) => c.toUpperCase())}\n`;
  out += `${st.header('Usage')}\n\n  ${st.bold(`$ ${spec.usage}`)}\n`;
  for (const alias of spec.aliases) out += `  ${st.bold(`$ roo ${alias.join(' ')} …`)}  (same command)\n`;
  if (spec.arguments.length > 0 || spec.options.length > 0) {
    const rows = [
      ...spec.arguments.map(
        (a) =>
          [
            formatArgument(a),
            `${a.required ? 'required' : 'optional'}${a.variadic ? ', one or more words' : ''}`,
          ] as const,
      ),
      ...spec.options.map(
        (o) => [formatOption(o), `${o.description}${o.required ? ' (required)' : ''}`] as const,
      ),
    ];
    const width = Math.max(...rows.map(([d]) => d.length));
    out += `\n${st.header('Arguments and options')}\n\n`;
    for (const [definition, description] of rows) {
      out += `  ${st.bold(definition.padEnd(width))}    ${md(description, false)}`;
    }
  }
  if (spec.details !== '') out += `\n${st.header('Details')}\n\n${md(spec.details, true)}`;
  if (spec.examples.length > 0) {
    out += `\n${st.header('Examples')}\n`;
    for (const e of spec.examples) out += `\n${md(e.label, false)}  ${st.bold('$')} ${e.command}\n`;
  }
  out += `\n${st.header('Exit codes')}\n\n`;
  for (const c of spec.exitCodes) out += `  ${c.code}  ${c.meaning}\n`;
  return out;
}

/** The one-line listing of `specs`: `  roo session start    start a session on a new branch`. */
function listCommands(specs: readonly CommandSpec[], st: Style): string {
  const width = Math.max(...specs.map((s) => s.path.join(' ').length)) + 4;
  return specs
    .map((s) => `  ${st.bold(`roo ${s.path.join(' ')}`.padEnd(width))}  ${s.description}\n`)
    .join('');
}

/** `roo <group> --help` (`roo session --help`, `roo session task`): the group's commands, one line each. */
export function renderGroupHelp(
  group: readonly string[],
  specs: readonly CommandSpec[],
  colored = false,
): string {
  const st = styleOf(colored);
  const inGroup = specs.filter((s) => group.every((w, i) => s.path[i] === w) && s.path.length > group.length);
  const name = ['roo', ...group].join(' ');
  return (
    `${st.header(`Commands of ${name}`)}\n\n  ${st.bold(`$ ${name} <command>`)}\n\n${listCommands(inGroup, st)}\n` +
    `Run \`${name} <command> --help\` for a command's options and examples, \`roo help --agent\` for every command.\n`
  );
}

/** `roo --help`: every command by category. */
export function renderRootHelp(specs: readonly CommandSpec[], version: string, colored = false): string {
  const st = styleOf(colored);
  const categories = [...new Set(specs.map((s) => s.category))];
  let out = `${st.header(`roo-session ${version}`)}\n\n  ${st.bold('$ roo <command>')}\n`;
  for (const category of categories) {
    out += `\n${st.header(category)}\n\n${listCommands(
      specs.filter((s) => s.category === category),
      st,
    )}`;
  }
  out +=
    '\nRun `roo <command> --help` for its options and examples (`roo session --help` for a group), ' +
    '`roo help --agent` for the whole tree as Markdown, `roo help --agent --json` as JSON.\n';
  return out;
}

/** The schema tag of `roo help --json` (docs/json-schema.md). */
export const HELP_SCHEMA = 'roo-session/help@1';

/** The whole command tree as one JSON-ready object (`roo help --agent --json`). */
export function helpJson(specs: readonly CommandSpec[], version: string) {
  return {
    schema: HELP_SCHEMA,
    binary: 'roo',
    version,
    json: {
      flag: '--json',
      contract:
        'every command takes --json and prints exactly one JSON object on stdout; a failure prints ' +
        '{"error": {"code", "exitCode", "message", "what", "seen", "next"}} on stdout with the same exit code ' +
        '(docs/json-schema.md)',
    },
    commands: specs.map((s) => ({
      path: s.path.join(' '),
      aliases: s.aliases.map((a) => a.join(' ')),
      category: s.category,
      description: s.description,
      usage: s.usage,
      arguments: s.arguments,
      options: s.options.map((o) => ({
        name: o.names.at(-1) ?? '',
        names: o.names,
        value: o.placeholder,
        required: o.required,
        repeatable: o.repeatable,
        description: o.description,
      })),
      details: s.details,
      examples: s.examples,
      exitCodes: s.exitCodes,
    })),
  };
}

/** The whole command tree as Markdown, for an agent's context (`roo help --agent`). */
export function renderAgentMarkdown(specs: readonly CommandSpec[], version: string): string {
  const lines: string[] = [
    `# roo ${version}: command reference`,
    '',
    'Generated from the command definitions (`roo help --agent`; `--json` for the same as JSON).',
    '',
    'Every command takes `--json` and then prints exactly one JSON object on stdout. A failure with `--json` prints',
    '`{"error": {"code", "exitCode", "message", "what", "seen", "next"}}` on stdout, with the same exit code: `what` is',
    'what is wrong (one line), `seen` what roo saw (or null), `next` the command to run next (or null). Without',
    '`--json`, errors go to stderr as `roo: <what is wrong>`, then `seen: …`, then the next command in backticks.',
    '',
    '## Exit codes',
    '',
  ];
  const codes = new Map<number, string>();
  for (const s of specs) for (const c of s.exitCodes) codes.set(c.code, c.meaning);
  for (const [code, meaning] of [...codes].sort((a, b) => a[0] - b[0]))
    lines.push(`- \`${code}\`: ${meaning}`);
  lines.push('', '## Commands', '');
  for (const s of specs) lines.push(`- \`roo ${s.path.join(' ')}\`: ${s.description}`);
  for (const s of specs) {
    lines.push(
      '',
      `## roo ${s.path.join(' ')}`,
      '',
      `${s.description.replace(/^./, (c) => c.toUpperCase())}.`,
    );
    lines.push('', '```sh', s.usage, '```');
    if (s.aliases.length > 0) {
      lines.push('', `Also: ${s.aliases.map((a) => `\`roo ${a.join(' ')}\``).join(', ')}.`);
    }
    if (s.arguments.length > 0) {
      lines.push('', 'Arguments:', '');
      for (const a of s.arguments) {
        lines.push(
          `- \`${formatArgument(a)}\`${a.required ? ' (required)' : ''}${a.variadic ? ': one or more words' : ''}`,
        );
      }
    }
    if (s.options.length > 0) {
      lines.push('', 'Options:', '');
      for (const o of s.options) {
        lines.push(`- \`${formatOption(o)}\`${o.required ? ' (required)' : ''}: ${o.description}`);
      }
    }
    if (s.details !== '') lines.push('', s.details);
    if (s.examples.length > 0) {
      lines.push('', 'Examples:', '');
      for (const e of s.examples) lines.push(`- ${e.label}: ${inlineCode(e.command)}`);
    }
    lines.push('', `Exit codes: ${s.exitCodes.map((c) => `\`${c.code}\``).join(', ')}.`);
  }
  return `${lines.join('\n')}\n`;
}

/** A Markdown code span that survives backticks inside. */
function inlineCode(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
