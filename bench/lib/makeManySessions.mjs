// Thousands of realistic V7 session folders in one commit, written by `git fast-import` (10,000 sessions take
// about a second), for the `list`, `list --all` and "hooks do not care how many sessions there are" figures.
import { FastImportStream, fakeSha, runFastImport } from './fastImport.mjs';

const STATUSES = ['🏁 Completed', '🏁 Completed', '🏁 Completed', '⏸️ Paused', '🔴 Error', '🟢 Active'];
const BASE_TIME = Date.UTC(2025, 0, 6, 8, 0, 0);

const pad = (n, w = 2) => String(n).padStart(w, '0');

function stamp(date) {
  return `${pad(date.getUTCFullYear() % 100)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}

const iso = (d) => `${d.toISOString().slice(0, 19)}+00:00`;
const logTime = (d) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}`;

/** The session ID and log text of session number `i` (deterministic). */
export function sessionFixture(i, { prefix = 'Bench' } = {}) {
  // One session every 37 minutes from 2025-01-06: distinct minute stamps, spread over ~8 months for 10,000.
  const start = new Date(BASE_TIME + i * 37 * 60_000);
  const goal = `${prefix} task ${i} improve the widget pipeline`;
  const id = `SESSION-${goal.replace(/[^A-Za-z0-9]+/g, '_')}-${stamp(start)}`;
  const status = STATUSES[i % STATUSES.length];
  const end = new Date(start.getTime() + 95 * 60_000);
  const branch = `session/${id}`;
  const entries = [`- [${logTime(start)}] Session initiated by \`roo-cli\` with goal: "${goal}"`];
  for (let k = 0; k < 8; k++) {
    const t = new Date(start.getTime() + (k + 1) * 9 * 60_000);
    const sha = fakeSha(`${i}-${k}`);
    entries.push(
      k % 3 === 2
        ? `- [${logTime(t)}] Decision: keep the cache per worker, measured ${k * 7} ms saved per request`
        : `- [${logTime(t)}] Commit \`${sha.slice(0, 7)}\` on \`${branch}\`: step ${k} of the widget pipeline <!-- roo:c:${sha} -->`,
    );
  }
  if (status !== '🟢 Active') entries.push(`- [${logTime(end)}] Session status changed to: \`${status}\``);
  const text = `+++
# --- Session Metadata (Session Management V7, written by roo) ---
id = "${id}" # (String, Required) The session ID, "SESSION-<SanitizedGoal>-<YYMMDDHHMM>"; also the folder name.
title = "${goal}" # (String, Required) The goal exactly as it was typed.
status = "${status}" # (String, Required) One of "🟢 Active", "⏸️ Paused", "🏁 Completed", "🔴 Error".
start_time = "${iso(start)}" # (String, Required) ISO 8601 with offset, when the session started.
end_time = "${status === '🟢 Active' ? '' : iso(end)}" # (String, Optional) Set on pause, completion and error; empty while Active.
coordinator = "roo-cli" # (String, Required) Who started the session (a mode, an agent, or "roo-cli").
related_tasks = [] # (Array of Strings) MDTM task IDs ("TASK-...") linked to this session.
related_artifacts = [] # (Array of Strings) Artifact paths relative to this folder.
tags = ["session", "log", "bench"] # (Array of Strings) Keywords for the session.
# --- Git (roo extension) ---
branch = "${branch}" # (String) The git branch this session is mapped to.
base_commit = "${fakeSha(`base-${i}`)}" # (String) Full SHA the session branch started from.
+++

# Session Log

## Goal

${goal}

## Log Entries

${entries.join('\n')}
`;
  return { id, text, branch, status };
}

/**
 * Adds `count` session folders (`.ruru/sessions/<ID>/session_log.md`) in ONE new commit on `ref`, whose parent is `from` (a sha or `<ref>^0`; omitted: a
 * root commit holding only the sessions). Sessions are numbered from `first`. Returns `{ commit, ids }`.
 * The working tree is not touched: check the commit out (or `reset --hard`) to see the folders.
 */
export function makeManySessions(
  sb,
  dir,
  { count, ref = 'refs/heads/main', from, first = 0, prefix, time } = {},
) {
  const s = new FastImportStream();
  s.commit({
    ref,
    mark: 1,
    from,
    message: `Add ${count} sessions\n`,
    time: time ?? Math.floor(BASE_TIME / 1000) + 86_400 * 400,
  });
  const ids = [];
  for (let i = first; i < first + count; i++) {
    const f = sessionFixture(i, prefix === undefined ? {} : { prefix });
    ids.push(f.id);
    s.file(`.ruru/sessions/${f.id}/session_log.md`, f.text);
  }
  s.raw('\n');
  const marks = runFastImport(sb, dir, s);
  return { commit: marks.get(1), ids };
}
