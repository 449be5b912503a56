import { resolve } from 'node:path';
import { Command, Option } from 'clipanion';
import { BaseCommand } from './BaseCommand.js';

export class McpCommand extends BaseCommand {
  static override paths = [['mcp']];

  static override usage = Command.Usage({
    category: 'Agents',
    description: 'serve the Model Context Protocol over stdio',
    details: `
      An MCP server for agents (docs/mcp.md): tools \`status\`, \`start\`, \`log\`, \`artifact\`, \`task\`,
      \`checkpoint\` and \`end\`, and the resources \`roo://session/current/log\` and \`roo://session/{id}/log\`. It
      serves the repository it starts in (or \`--cwd\`), follows the active session as it changes, and writes
      nothing but the protocol on stdout. An MCP client starts it; it stops when the client closes stdin. Outside a
      repository it does not start (exit 3; with \`--json\`, the error object on stdout).
    `,
    examples: [
      ['Add it to Claude Code', 'claude mcp add roo -- roo mcp'],
      ['Serve another repository', '$0 mcp --cwd ../app'],
    ],
  });

  cwd = Option.String('--cwd', { description: 'Serve the repository containing this folder' });

  async run(): Promise<number> {
    const { serveRooMcp } = await import('../mcp/server.js');
    const { mcpContext } = await import('../mcp/rooTools.js');
    const cwd = this.cwd === undefined ? this.context.cwd : resolve(this.context.cwd, this.cwd);
    await serveRooMcp(mcpContext(this.context, cwd), {
      stdin: this.context.stdin,
      stdout: this.context.stdout,
    });
    return 0;
  }
}
