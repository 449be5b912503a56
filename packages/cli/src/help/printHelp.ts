import type { CommandClass } from 'clipanion';
import type { RooContext } from '../context.js';
import { type CommandSpec, describeCommand, isListed } from './commandTree.js';
import {
  helpJson,
  renderAgentMarkdown,
  renderCommandHelp,
  renderGroupHelp,
  renderRootHelp,
} from './renderHelp.js';
import { isGroup, unknownCommandError } from './suggestCommands.js';

/** The command `words` start with (its path or an alias), the longest match; undefined when none. */
export function commandAt(words: readonly string[], specs: readonly CommandSpec[]): CommandSpec | undefined {
  let best: { spec: CommandSpec; length: number } | undefined;
  for (const spec of specs) {
    for (const path of [spec.path, ...spec.aliases]) {
      if (path.length > 0 && path.every((w, i) => words[i] === w) && path.length > (best?.length ?? 0)) {
        best = { spec, length: path.length };
      }
    }
  }
  return best?.spec;
}

/**
 * Prints help for `words`: the whole tree (`--agent`, Markdown or JSON), every command (no words), one command,
 * or a group's commands. Throws UnknownCommandError (with the nearest commands) when the words name none.
 */
export async function printHelp(
  ctx: RooContext,
  tree: readonly CommandClass<RooContext>[],
  version: string,
  opts: { words: readonly string[]; agent: boolean; json: boolean },
): Promise<number> {
  // Commands only hooks run (`roo agents hook`) are not listed: they print nothing and always exit 0.
  const specs = tree.filter(isListed).map((c) => describeCommand(c));
  const colored = ctx.colorDepth > 1;
  const write = (text: string) => ctx.stdout.write(text);
  const writeJson = (subset: readonly CommandSpec[]) =>
    write(`${JSON.stringify(helpJson(subset, version), null, 2)}\n`);
  if (opts.agent) {
    if (opts.json) writeJson(specs);
    else write(renderAgentMarkdown(specs, version));
    return 0;
  }
  if (opts.words.length === 0) {
    if (opts.json) writeJson(specs);
    else write(renderRootHelp(specs, version, colored));
    return 0;
  }
  const spec = commandAt(opts.words, specs);
  if (spec !== undefined) {
    if (opts.json) writeJson([spec]);
    else write(renderCommandHelp(spec, colored));
    return 0;
  }
  if (isGroup(opts.words, specs)) {
    if (opts.json) writeJson(specs.filter((s) => opts.words.every((w, i) => s.path[i] === w)));
    else write(renderGroupHelp(opts.words, specs, colored));
    return 0;
  }
  throw unknownCommandError(opts.words, specs);
}
