import { appendFileSync } from 'node:fs';
import { sessionCheck } from '@roo-session/app/useCases/index';
import {
  ExitCode,
  formatCheckSummary,
  formatFinding,
  planGithubAnnotations,
  renderFindingsMarkdown,
} from '@roo-session/core';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { appContext } from '../../context.js';
import { BaseCommand, withPlaceholder } from '../BaseCommand.js';

export class SessionCheckCommand extends BaseCommand {
  static override paths = [['session', 'check']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'validate session folders (for CI)',
    details: `
      Checks every session folder in this worktree, or the folders given (a session folder, a file in one, or
      \`.ruru/sessions\`). Errors: the frontmatter does not parse (file and line of the TOML error), a required key
      (\`id\`, \`title\`, \`status\`, \`start_time\`) is missing, the status is not one of the four, a time does
      not parse, a \`related_artifacts\` path is missing or leaves the folder, the folder name is not the \`id\`,
      an artifact's TOML frontmatter does not parse, a credential is in a file (secret scan; \`secretScan = false\`
      in .ruru/config.toml turns it off). Warnings: legacy status or key spellings, artifact names off
      \`<PREFIX>-<description>-<YYMMDDHHMM>.<ext>\`, entries without a valid timestamp or out of order, template
      placeholder lines.

      \`--changed-since <ref>\` checks only the sessions touched since that ref (\`git diff <ref>...HEAD\`) or changed
      in the working tree: what a pull request adds. \`--format github\` prints GitHub Actions annotations
      (\`::error file=…,line=…::\`). Exits 5 when there is an error; warnings alone exit 0.
    `,
    examples: [
      ['Check every session', '$0 session check'],
      [
        'Check one folder, annotations for GitHub',
        '$0 session check --format github .ruru/sessions/SESSION-Fix_login-2611260905',
      ],
      ['In CI: only what the PR touches', '$0 session check --format github --changed-since origin/main'],
    ],
  });
  static override exitCodes = [0, 1, 2, 3, 4, 5] as const;

  format = withPlaceholder(
    'format',
    Option.String('--format', 'text', {
      description: 'text or github (workflow annotations)',
      validator: t.isEnum(['text', 'github'] as const),
    }),
  );
  changedSince = withPlaceholder(
    'ref',
    Option.String('--changed-since', {
      description:
        'Only sessions touched since this ref (git diff <ref>...HEAD) or changed in the working tree',
    }),
  );
  targets = Option.Rest({ name: 'paths' });

  async run(): Promise<number> {
    const result = await sessionCheck(appContext(this.context), {
      targets: this.targets,
      changedSince: this.changedSince,
    });
    if (this.asJson) {
      this.result('check', result, '');
    } else {
      if (this.format === 'github') {
        // GitHub drops annotations past 10 of a kind per step: the ranked first ones, a notice, the full list.
        const summaryFile = this.context.env.GITHUB_STEP_SUMMARY;
        const hasSummary = summaryFile !== undefined && summaryFile !== '';
        const plan = planGithubAnnotations(result.findings, hasSummary);
        for (const line of plan.lines) this.out(line);
        // The job summary gets the full list when the annotations could not carry it all.
        if (hasSummary && plan.omitted.length > 0)
          appendFileSync(summaryFile, renderFindingsMarkdown(result.findings, result.sessions.length));
      } else for (const f of result.findings) this.out(formatFinding(f, this.format));
      this.context.stderr.write(`roo: ${formatCheckSummary(result.sessions.length, result.findings)}\n`);
    }
    return result.ok ? ExitCode.ok : ExitCode.findings;
  }
}
