import { type CallToolResult, McpServer, ResourceTemplate } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { LOG_ENTRY_TYPES } from '@roo-session/core';
import { z } from 'zod';
import type { RooContext } from '../context.js';
import { VERSION } from '../version.js';
import { describeError, RooTools } from './rooTools.js';

const sessionArg = z
  .string()
  .min(1)
  .optional()
  .describe(
    'Act on this session (ID, unique prefix or unique part of ID or title) instead of the active one',
  );

/** A tool's result: compact JSON as text, and the same object as structured content. */
function ok(value: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value) }], structuredContent: value };
}

/**
 * A failure as a tool error (not a protocol error), carrying the CLI's message — what is wrong, what was seen —
 * and the command to run next. Anything that is not a RooError is a bug: its stack goes to stderr.
 */
function failed(error: unknown, stderr: RooContext['stderr']): CallToolResult {
  const e = describeError(error);
  if (!e.known) {
    const err = error instanceof Error ? error : new Error(String(error));
    stderr.write(
      `roo mcp: internal error, please report it with the output below\n${err.stack ?? err.message}\n`,
    );
  }
  const { known: _, ...body } = e;
  return {
    isError: true,
    content: [
      {
        type: 'text',
        text: `${e.known ? '' : 'internal error: '}${e.message}${e.next === null ? '' : `\nnext: ${e.next}`}`,
      },
    ],
    structuredContent: { error: body },
  };
}

/**
 * The MCP server of `roo mcp` (docs/mcp.md): seven tools and two resources over one repository, each running what
 * the matching `roo` command runs. Built per connection by {@link serveRooMcp}.
 */
export function createRooMcpServer(tools: RooTools, ctx: RooContext): McpServer {
  const server = new McpServer(
    { name: 'roo-session', version: VERSION },
    {
      instructions:
        'Sessions of this git repository (a V7 session log under .ruru/sessions/<ID>/, mapped to a branch). ' +
        'Call `status` first; `log` an entry at every step (type decision, prompt, delegation, result, error…); ' +
        '`checkpoint` commits the log, `end` completes the session.',
    },
  );
  const run =
    <A>(fn: (args: A) => Promise<Record<string, unknown>>) =>
    async (args: A): Promise<CallToolResult> => {
      try {
        return ok(await fn(args));
      } catch (error) {
        return failed(error, ctx.stderr);
      }
    };

  server.registerTool(
    'status',
    {
      title: 'Session status',
      description:
        'The active session (or a named one): ID, title, status, branch, absolute folder and log paths, entries ' +
        'not committed yet, and the latest entries.',
      inputSchema: z.object({ session: sessionArg }),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
    },
    run((args) => tools.status(args)),
  );

  server.registerTool(
    'start',
    {
      title: 'Start a session',
      description:
        'Start a session with this goal: its folder committed on a new branch `session/<ID>` (switched to), or on ' +
        'the current branch with `here`. Returns the ID, branch and absolute paths.',
      inputSchema: z.object({
        goal: z.string().min(1).describe('What the session is for (its title)'),
        description: z.string().optional().describe('More text for the Goal section'),
        tags: z.array(z.string().min(1)).optional().describe('Extra tags'),
        here: z.boolean().optional().describe('Map the session to the current branch instead of a new one'),
        branch: z.string().min(1).optional().describe('Name of the new branch (default session/<ID>)'),
        coordinator: z.string().min(1).optional().describe('Who runs the session (default from config)'),
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    run((args) => tools.start(args)),
  );

  server.registerTool(
    'log',
    {
      title: 'Log an entry',
      description:
        'Add an entry to the session log (one journal append; the next checkpoint commits it). Several lines stay ' +
        'one entry: the first after the timestamp, the others indented under it.',
      inputSchema: z.object({
        message: z.string().min(1).describe('The entry; may span several lines'),
        type: z.enum(LOG_ENTRY_TYPES).optional().describe('What the entry is (default note)'),
        session: sessionArg,
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    run((args) => tools.log(args)),
  );

  server.registerTool(
    'artifact',
    {
      title: 'Create an artifact',
      description:
        'Create a file under the session folder (artifacts/<folder>/<PREFIX>-<description>-<time>.<ext>), from ' +
        "`content` or the type's template, list it in related_artifacts and log it. Returns its absolute path. " +
        'Types: note, learning, environment, doc, research, blocker, question, snippet, feedback, feature, ' +
        'context, deferred.',
      inputSchema: z.object({
        type: z.string().min(1).describe('Artifact type (note, research, snippet, …)'),
        description: z.string().min(1).describe('A few words: they name the file'),
        content: z.string().optional().describe("The file's content (default: the type's template)"),
        ext: z.string().min(1).optional().describe('File extension (default md)'),
        session: sessionArg,
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    run((args) => tools.artifact(args)),
  );

  server.registerTool(
    'task',
    {
      title: 'Record a task',
      description:
        'Link an MDTM task (`link`), log its delegation to a mode (`delegate`, with `to` and the objective in ' +
        '`text`) or the result a mode returned (`result`, with `from` and the summary in `text`). Task IDs look ' +
        'like TASK-…',
      inputSchema: z.object({
        action: z.enum(['link', 'delegate', 'result']),
        taskId: z.string().min(1).describe('TASK-…'),
        to: z.string().optional().describe('delegate: the mode the task goes to'),
        from: z.string().optional().describe('result: the mode that returned the result'),
        text: z.string().optional().describe('delegate: the objective; result: the summary'),
        session: sessionArg,
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: false,
      },
    },
    run((args) => tools.task(args)),
  );

  server.registerTool(
    'checkpoint',
    {
      title: 'Checkpoint the session',
      description:
        "Fold the pending entries into session_log.md and commit the session folder alone on the session's " +
        'branch (a checkpoint right after the previous one replaces it). Returns the commit, or null if nothing ' +
        'was new.',
      inputSchema: z.object({
        session: sessionArg,
        allowSecrets: z.boolean().optional().describe('Commit even if the secret scan finds credentials'),
      }),
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: true,
        openWorldHint: false,
      },
    },
    run((args) => tools.checkpoint(args)),
  );

  server.registerTool(
    'end',
    {
      title: 'End the session',
      description:
        'Complete the session (or end it as failed with `error`) and commit it; it then takes no more entries. ' +
        'Ending an ended session changes nothing.',
      inputSchema: z.object({
        session: sessionArg,
        error: z.string().min(1).optional().describe('End with status Error and log this message'),
        allowSecrets: z.boolean().optional().describe('Commit even if the secret scan finds credentials'),
      }),
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    run((args) => tools.end(args)),
  );

  server.registerResource(
    'current-session-log',
    'roo://session/current/log',
    {
      title: 'Active session log',
      description:
        'The active session_log.md with pending entries folded in (as `roo session show` prints it)',
      mimeType: 'text/markdown',
    },
    async (uri) => {
      const { text } = await tools.logText(undefined);
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );

  server.registerResource(
    'session-log',
    new ResourceTemplate('roo://session/{id}/log', {
      list: async () => ({
        resources: (await tools.sessionIds()).map((id) => ({
          uri: `roo://session/${encodeURIComponent(id)}/log`,
          name: id,
          mimeType: 'text/markdown',
        })),
      }),
    }),
    {
      title: 'Session log by ID',
      description: "A session's log by ID (this worktree or any branch), pending entries folded in",
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const raw = variables.id;
      const { text } = await tools.logText(decodeId(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '')));
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
    },
  );

  return server;
}

/** A session ID from a URI: percent-decoded when it decodes, else as given (the lookup then says it is unknown). */
function decodeId(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Serves MCP on the process's stdin/stdout until the client closes stdin. `ctx` must already route stdout away
 * from the protocol channel (mcpContext): the transport alone writes to the real stdout. Throws (NotARepositoryError,
 * …) before serving when `ctx.cwd` is in no repository.
 */
export async function serveRooMcp(
  ctx: RooContext,
  streams: { stdin: NodeJS.ReadableStream; stdout: NodeJS.WritableStream },
): Promise<void> {
  const tools = new RooTools(ctx);
  // The repository is found before serving (every later call reuses its paths): outside one, the command fails
  // like any other, before anything is written on stdout.
  await tools.repoPaths();
  const transport = new StdioServerTransport(
    streams.stdin as import('node:stream').Readable,
    streams.stdout as import('node:stream').Writable,
  );
  await new Promise<void>((resolve) => {
    // The client closing stdin ends the connection (the transport closes itself) and this promise.
    streams.stdin.once('end', () => resolve());
    streams.stdin.once('close', () => resolve());
    serveStdio(() => createRooMcpServer(tools, ctx), {
      transport,
      onerror: (error) => ctx.stderr.write(`roo mcp: ${error.message}\n`),
    });
  });
}
