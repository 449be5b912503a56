import { sessionPullRequest, sessionRead } from '@roo-session/app/useCases/index';
import {
  PR_COMMENT_LIMIT,
  renderPrSummaryMarkdown,
  renderSummaryMarkdown,
  summarizeSession,
  UsageError,
} from '@roo-session/core';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { appContext } from '../../context.js';
import { BaseCommand, sessionOption, withPlaceholder } from '../BaseCommand.js';

export class SessionShowCommand extends BaseCommand {
  static override paths = [['session', 'show']];

  static override usage = Command.Usage({
    category: 'Sessions',
    description: 'show a session log, or a summary for a pull request',
    details: `
      Prints the session log with every pending journal event already folded in, so a commit shows here the moment
      it exists. Works for the active session, an ID in this worktree, or a session read from another branch.

      \`--format markdown\` prints a reviewer summary for a PR description or comment: a header table (ID, goal,
      status, branch, times, duration, coordinator, counts), the commits, artifacts as links, tasks, decisions
      and errors from the log, and the whole log folded in a \`<details>\` block. \`--format json\` prints the same
      as versioned JSON (schema \`roo-session/summary@1\`, see docs/summary-schema.md).

      \`--pr\` summarises every session the current branch touches since \`--base\` (default: the remote default
      branch, \`origin/HEAD\`, else \`main\`): the session folders changed in \`git diff <base>...HEAD\` and the
      sessions named by \`Roo-Session:\` trailers in \`git log <base>..HEAD\`, one summary after another — what a PR
      bot posts. With no such session it says so and exits 0.

      Links to artifacts are relative to the repository root; in a PR comment give \`--link-base\` (a blob URL
      such as \`https://github.com/<owner>/<repo>/blob/<sha>/\`) so they open.
    `,
    examples: [
      ['Show the active session', '$0 session show'],
      ['A PR summary of a named session', '$0 session show --format markdown Fix_login'],
      ['As JSON', '$0 session show --format json'],
      ['Every session of this PR, for a comment', '$0 session show --pr --base origin/main > roo-summary.md'],
      [
        'In GitHub Actions, with working links',
        '$0 session show --pr --base origin/main --link-base "https://github.com/acme/app/blob/$GITHUB_SHA/"',
      ],
    ],
  });

  format = withPlaceholder(
    'format',
    Option.String('--format', {
      description: 'text (the log), markdown (PR summary) or json; default text, markdown with --pr',
      validator: t.isEnum(['text', 'markdown', 'json'] as const),
    }),
  );
  override asJson = Option.Boolean('--json', false, {
    description: 'Same as --format json (errors as JSON too, docs/json-schema.md)',
  });
  pr = Option.Boolean('--pr', false, {
    description:
      'Summarise every session touched by <base>..HEAD (folders in the diff, Roo-Session trailers)',
  });
  base = withPlaceholder(
    'ref',
    Option.String('--base', {
      description: 'With --pr: the branch the PR merges into (default origin/HEAD, else main)',
    }),
  );
  linkBase = withPlaceholder(
    'url',
    Option.String('--link-base', {
      description: 'Prefix for artifact links, e.g. https://github.com/<owner>/<repo>/blob/<sha>/',
    }),
  );
  session = sessionOption();
  id = Option.String({ required: false, name: 'id' });

  /** `--format json` asks for JSON as much as `--json` does: failures are JSON too. */
  protected override get isJson(): boolean {
    return this.asJson || this.format === 'json';
  }

  async run(): Promise<number> {
    const format = this.asJson ? 'json' : (this.format ?? (this.pr ? 'markdown' : 'text'));
    if (this.pr) return this.showPullRequest(format);
    if (this.base !== undefined) {
      throw new UsageError({
        what: '--base only applies to --pr',
        seen: `--base ${this.base}`,
        next: `roo session show --pr --base ${this.base}`,
      });
    }
    const { session: s } = await sessionRead(appContext(this.context), { session: this.id ?? this.session });
    if (format === 'text') {
      this.context.stdout.write(s.doc.text);
      return 0;
    }
    const summary = summarizeSession(s.doc, {
      where: s.where,
      now: this.context.now(),
      pendingEntries: s.pending,
    });
    if (format === 'json') this.json(summary);
    else this.out(renderSummaryMarkdown(summary, this.renderOptions()));
    return 0;
  }

  private async showPullRequest(format: 'text' | 'markdown' | 'json'): Promise<number> {
    if (this.id !== undefined || this.session !== undefined) {
      throw new UsageError({
        what: '--pr summarises every session of the branch, so it takes no session ID',
        seen: this.id ?? this.session,
        next: 'roo session show --pr',
        hint: `, or \`roo session show --format markdown ${this.id ?? this.session}\``,
      });
    }
    if (format === 'text') {
      throw new UsageError({
        what: '--pr prints markdown or json',
        seen: '--format text',
        next: 'roo session show --pr --format markdown',
      });
    }
    const pr = await sessionPullRequest(appContext(this.context), { base: this.base });
    if (format === 'json') this.json(pr);
    else this.out(renderPrSummaryMarkdown(pr, { ...this.renderOptions(), maxChars: PR_COMMENT_LIMIT }));
    if (pr.sessions.length === 0 && pr.missing.length === 0) {
      this.context.stderr.write(`roo: no session is touched by ${pr.base}...HEAD\n`);
    }
    return 0;
  }

  private renderOptions(): { linkBase?: string } {
    return this.linkBase === undefined ? {} : { linkBase: this.linkBase };
  }
}
