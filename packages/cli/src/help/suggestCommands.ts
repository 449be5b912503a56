import { UnknownCommandError } from '@roo-session/core';
import type { CommandSpec } from './commandTree.js';

/** Edit distance with adjacent transpositions (`sesion` → `session` is 1, `strat` → `start` is 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

/** Every path a command line can start with: each command's paths (aliases too) and each group above them. */
export function knownPaths(specs: readonly CommandSpec[]): { path: string[]; spec?: CommandSpec }[] {
  const out: { path: string[]; spec?: CommandSpec }[] = [];
  const groups = new Set<string>();
  for (const spec of specs) {
    for (const path of [spec.path, ...spec.aliases]) {
      out.push({ path, spec });
      for (let k = 1; k < path.length; k++) {
        const group = path.slice(0, k);
        if (!groups.has(group.join(' '))) {
          groups.add(group.join(' '));
          out.push({ path: group });
        }
      }
    }
  }
  return out;
}

/** Whether `words` is a group of commands (`['session']`, `['session', 'task']`), not a command itself. */
export function isGroup(words: readonly string[], specs: readonly CommandSpec[]): boolean {
  return (
    words.length > 0 &&
    knownPaths(specs).some((k) => k.spec === undefined && k.path.join(' ') === words.join(' '))
  );
}

/**
 * The nearest commands or groups to the words typed (`sesion start` → `session start`), each once: the paths
 * whose words are all within a small edit distance of the words typed, only the closest ones, longer paths winning
 * over shorter ones (`session start` over the group `session`). Empty when nothing is close.
 */
export function suggestCommands(words: readonly string[], specs: readonly CommandSpec[]): string[] {
  const scored: { path: string; distance: number; length: number }[] = [];
  for (const k of knownPaths(specs)) {
    if (k.path.length > words.length) continue;
    let distance = 0;
    let close = true;
    for (let i = 0; i < k.path.length; i++) {
      const typed = words[i]!;
      const want = k.path[i]!;
      const d = editDistance(typed, want);
      // A word is close when at most a third of it is wrong (at least one edit), or it starts the command word.
      if (d > Math.max(1, Math.floor(want.length / 3)) && !(typed.length >= 2 && want.startsWith(typed))) {
        close = false;
        break;
      }
      distance += Math.min(d, typed.length >= 2 && want.startsWith(typed) ? 1 : d);
    }
    if (close) scored.push({ path: k.path.join(' '), distance, length: k.path.length });
  }
  if (scored.length === 0) return [];
  const longest = Math.max(...scored.map((s) => s.length));
  const candidates = scored.filter((s) => s.length === longest);
  const best = Math.min(...candidates.map((s) => s.distance));
  return [...new Set(candidates.filter((s) => s.distance === best).map((s) => s.path))];
}

/** `roo sesion start`: names what was typed and the nearest commands, each once; for a group, its commands. */
export function unknownCommandError(
  words: readonly string[],
  specs: readonly CommandSpec[],
): UnknownCommandError {
  const near = suggestCommands(words, specs);
  // Only the words that stand for the command (`roo sesion start`, not its arguments).
  const typed = ['roo', ...words.slice(0, Math.max(1, near[0]?.split(' ').length ?? 1))].join(' ');
  const width = Math.max(...[...near, ...specs.map((s) => s.path.join(' '))].map((p) => p.length));
  const described = (path: string) => {
    const spec = specs.find((s) => [s.path, ...s.aliases].some((p) => p.join(' ') === path));
    return `roo ${path.padEnd(width)}  ${spec ? spec.description : '…'}`;
  };
  if (near.length === 1 && isGroup(near[0]!.split(' '), specs)) {
    const group = near[0]!;
    const members = specs.filter((s) => s.path.join(' ').startsWith(`${group} `));
    const seen = words.slice(0, group.split(' ').length + 1).join(' ');
    const inner = suggestCommands(words, members);
    const rest = inner.length > 0 && inner[0] !== group ? inner : [];
    if (rest.length > 0) return didYouMean(typed, rest, described);
    return new UnknownCommandError({
      what: `\`roo ${seen}\` is not a command; the commands of \`roo ${group}\` are:`,
      seen: members.map((s) => described(s.path.join(' '))),
      next: `roo ${group} --help`,
      hint: 'for the list',
    });
  }
  if (near.length > 0) return didYouMean(typed, near, described);
  return new UnknownCommandError({
    what: `\`${typed}\` is not a roo command`,
    next: 'roo --help',
    hint: 'for the list of commands',
  });
}

function didYouMean(
  typed: string,
  near: readonly string[],
  described: (path: string) => string,
): UnknownCommandError {
  if (near.length === 1) {
    return new UnknownCommandError({
      what: `\`${typed}\` is not a roo command; did you mean \`roo ${near[0]}\`?`,
      next: `roo ${near[0]} --help`,
      hint: 'for its usage, or `roo --help` for every command',
    });
  }
  return new UnknownCommandError({
    what: `\`${typed}\` is not a roo command; did you mean one of these?`,
    seen: near.map(described),
    next: `roo ${near[0]} --help`,
    hint: 'for its usage, or `roo --help` for every command',
  });
}
