import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addAgentsMdBlock, removeAgentsMdBlock } from './agentsMd.js';
import { addRooHooks, installedEvents, removeRooHooks } from './hookConfig.js';
import { promptEntryText, redactSecrets } from './payload.js';
import { AGENT_IDS, AGENTS, HOOK_EVENTS } from './specs.js';

describe('addRooHooks / removeRooHooks', () => {
  it.each(AGENT_IDS)('%s: adds after the user hooks, is idempotent, and removes to the same JSON', (id) => {
    const spec = AGENTS[id];
    const user =
      spec.shape === 'matchers'
        ? { other: true, hooks: { [spec.events.stop]: [{ hooks: [{ type: 'command', command: 'mine' }] }] } }
        : { version: 1, hooks: { [spec.events.stop]: [{ type: 'command', command: 'mine', bash: 'mine' }] } };
    const text = `${JSON.stringify(user, null, 4)}\n`;
    const once = addRooHooks(text, spec, HOOK_EVENTS);
    expect(addRooHooks(once, spec, HOOK_EVENTS)).toBe(once);
    expect(installedEvents(once, spec)).toEqual({ events: ['prompt', 'stop', 'start'], foreign: 1 });
    expect(once).toMatch(/\n {4}"hooks"/);
    const parsed = JSON.parse(once) as { hooks: Record<string, unknown[]> };
    expect(parsed.hooks[spec.events.stop]?.[0]).toEqual(user.hooks[spec.events.stop]?.[0]);
    expect(removeRooHooks(once, spec)).toBe(text);
    // Nothing of roo's: the text comes back as it is, layout and all.
    expect(removeRooHooks('{"a":1}', spec)).toBe('{"a":1}');
  });

  it('writes a new file in the agent format', () => {
    expect(JSON.parse(addRooHooks(undefined, AGENTS.cursor, ['stop']))).toEqual({
      version: 1,
      hooks: { stop: [{ command: 'roo agents hook cursor stop' }] },
    });
    expect(JSON.parse(addRooHooks(undefined, AGENTS.copilot, ['prompt']))).toEqual({
      version: 1,
      hooks: {
        userPromptSubmitted: [
          {
            type: 'command',
            bash: 'roo agents hook copilot prompt',
            powershell: 'roo agents hook copilot prompt',
            timeoutSec: 10,
          },
        ],
      },
    });
    expect(JSON.parse(addRooHooks(undefined, AGENTS.gemini, ['start']))).toEqual({
      hooks: {
        SessionStart: [
          { hooks: [{ type: 'command', command: 'roo agents hook gemini start', timeout: 10000 }] },
        ],
      },
    });
  });

  it('refuses what is not a JSON object, with the file and the next step', () => {
    expect(() => addRooHooks('[1]', AGENTS.claude, ['stop'])).toThrow(
      /\.claude\/settings\.json: expected a JSON object.*\nseen: an array\n/,
    );
    expect(() => addRooHooks('{"hooks": 3}', AGENTS.claude, ['stop'])).toThrow(/`hooks` is not an object/);
  });
});

describe('AGENTS.md block', () => {
  it('round-trips any file (fixed seed): added, refreshed, removed byte for byte', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (body) => {
        fc.pre(!body.includes('roo:agents'));
        const text = body.replace(/\r/g, '');
        const added = addAgentsMdBlock(text);
        expect(addAgentsMdBlock(added)).toBe(added);
        if (text !== '')
          expect(removeAgentsMdBlock(added)).toBe(text.endsWith('\n') || text === '' ? text : `${text}\n`);
      }),
      { seed: 13, numRuns: 200 },
    );
  });
});

describe('prompt text', () => {
  it('is one line, cut, with known credential shapes redacted', () => {
    expect(promptEntryText('a\n\n  b\tc')).toBe('a b c');
    expect(promptEntryText('x'.repeat(5000))).toHaveLength(4000);
    expect(redactSecrets('key AKIAIOSFODNN7EXAMPLE and password=hunter2 ok')).toBe(
      'key [redacted] and password=[redacted] ok',
    );
    expect(redactSecrets('-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY----- tail')).toBe(
      '[redacted] tail',
    );
    expect(redactSecrets('https://user:pa55@host/x')).toBe('[redacted]host/x');
  });
});
