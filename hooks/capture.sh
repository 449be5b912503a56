# roo-session capture script, journal format roo1 (docs/journal.md).
#
# `roo hooks install` copies this file, without its comment and blank lines (stripShellComments in
# packages/git/src/hooks/hookScripts.ts: every hook parses it), to <git-common-dir>/roo/capture.sh. The hook stubs
# (hooks/stub.sh) and the husky blocks (hooks/husky-block.sh) find the git dirs themselves, source this file and call
#     roo_capture <hook-name> "$@" || :
# with roo_gd (this worktree's git dir) and roo_common (the common dir) set, and roo_refeed=1 when something after
# them still wants the hook's stdin.
#
# Rules (docs/journal.md, 2.3, 2.6):
# - shell builtins only: every process a hook starts costs ~2 ms, so nothing here forks or execs (the one
#   exception is a here-document larger than a pipe buffer in dash, see roo_capture_rewrite);
# - one printf, hence one write(2) of one whole line, per journal event: appends from concurrent hooks in several
#   worktrees never interleave;
# - record only what cannot be recovered later; commit times, subjects and switch times come from git later;
# - print nothing, never fail the hook (the caller adds `|| :`, which also turns off `set -e` in here), never touch
#   the working tree; failures are appended to <common>/roo/hook-errors.log.
#
# Every name starts with roo_ because the husky blocks source this file into the user's own hook script.

roo_t='	'
roo_nl='
'

roo_capture() {
  [ "${ROO_HOOKS-}" = 0 ] && return 0
  roo_h=$1
  shift
  roo_wt=.
  if [ "$roo_common" != "$roo_gd" ]; then
    roo_wt=${roo_gd%/}
    roo_wt=${roo_wt##*/}
  fi
  if [ -n "${ROO_PROBE-}" ]; then
    # `roo doctor` runs the hook through `git hook run` with ROO_PROBE=<file> to prove that git reaches us here;
    # nothing else is done, and the caller stops before any chained or user hook runs.
    { printf '%s\n' "$roo_h$roo_t$roo_wt" >>"$ROO_PROBE"; } 2>/dev/null
    return 0
  fi
  roo_br=
  roo_sha=
  roo_ctx=
  roo_head=
  { read -r roo_head <"$roo_gd/HEAD"; } 2>/dev/null
  case $roo_head in
  'ref: refs/heads/'*) roo_br=${roo_head#ref: refs/heads/} ;;
  'ref: '*) ;;
  *) roo_sha=$roo_head ;;
  esac
  case $roo_h in
  post-commit)
    roo_capture_branch_sha
    roo_emit "commit$roo_t$roo_wt$roo_t$roo_br$roo_t$roo_sha$roo_t$roo_ctx"
    ;;
  post-checkout)
    # $3 = 1: a branch checkout (0: files only). The checkouts a rebase makes on its own are not switches.
    [ "${3-}" = 1 ] || return 0
    [ -d "$roo_gd/rebase-merge" ] && return 0
    [ -d "$roo_gd/rebase-apply" ] && return 0
    roo_emit "checkout$roo_t$roo_wt$roo_t$roo_br$roo_t${2-}$roo_t${1-}"
    ;;
  post-merge)
    roo_capture_branch_sha
    roo_emit "merge$roo_t$roo_wt$roo_t$roo_br$roo_t$roo_sha$roo_t${1-0}"
    ;;
  post-rewrite)
    [ -n "$roo_br" ] || roo_capture_rebase_branch
    roo_capture_rewrite "${1-}"
    ;;
  prepare-commit-msg)
    roo_capture_trailer "${1-}" "${2-}"
    ;;
  esac
  return 0
}

# The branch a detached HEAD belongs to during a rebase: rebase-merge/head-name (merge backend; it also marks a
# commit as a rebase pick, roo_ctx=rebase) or rebase-apply/head-name (apply backend, present only when it stopped:
# a --apply rebase that runs through leaves the branch empty and the CLI finds it from the new commits).
roo_capture_rebase_branch() {
  roo_hn=
  if { read -r roo_hn <"$roo_gd/rebase-merge/head-name"; } 2>/dev/null || [ -n "$roo_hn" ]; then
    roo_ctx=rebase
  else
    { read -r roo_hn <"$roo_gd/rebase-apply/head-name"; } 2>/dev/null
  fi
  case $roo_hn in refs/heads/*) roo_br=${roo_hn#refs/heads/} ;; esac
  return 0
}

# Sets roo_br (rebase-aware) and roo_sha. A loose ref is read with `read`; a packed or otherwise unreadable ref
# leaves roo_sha empty and the CLI finds the commit from history instead.
roo_capture_branch_sha() {
  if [ -n "$roo_br" ]; then
    { read -r roo_sha <"$roo_common/refs/heads/$roo_br"; } 2>/dev/null
  else
    roo_capture_rebase_branch
  fi
  case $roo_sha in '' | *[!0-9a-f]*) roo_sha= ;; esac
  return 0
}

# One line per journal event. printf of one argument is one write(2) on an O_APPEND descriptor. Only a regular
# file (or none yet) is opened: opening a FIFO for writing would block the hook, and git with it, until something
# reads it (`[` is a builtin: no process, no measurable cost).
roo_emit() {
  if [ -f "$roo_common/roo/journal" ] || [ ! -e "$roo_common/roo/journal" ]; then
    { printf '%s\n' "roo1$roo_t$1" >>"$roo_common/roo/journal"; } 2>/dev/null && return 0
    roo_fail "cannot append to $roo_common/roo/journal"
  else
    roo_fail "cannot append to $roo_common/roo/journal: not a regular file; run \`roo doctor --fix\`"
  fi
}

roo_fail() {
  [ -f "$roo_common/roo/hook-errors.log" ] || [ ! -e "$roo_common/roo/hook-errors.log" ] || return 0
  { printf '%s\n' "$roo_h hook in worktree $roo_wt: $1" >>"$roo_common/roo/hook-errors.log"; } 2>/dev/null
  return 0
}

# post-rewrite: stdin holds "<old> <new>[ <extra>]" lines. One journal line per pair, tagged with this shell's
# pid and a 1-based sequence number so the CLI can group one invocation's pairs into one entry (a pid can be
# reused later, but the sequence then restarts at 1).
roo_capture_rewrite() {
  roo_kind=$1
  roo_n=0
  roo_in=
  roo_l=
  while IFS= read -r roo_l || [ -n "$roo_l" ]; do
    roo_in=$roo_in$roo_l$roo_nl
    roo_old=${roo_l%% *}
    roo_r=${roo_l#* }
    roo_new=${roo_r%% *}
    roo_l=
    case $roo_old$roo_new in '' | *[!0-9a-f]*) continue ;; esac
    roo_n=$((roo_n + 1))
    roo_emit "rewrite$roo_t$roo_wt$roo_t$roo_br$roo_t$roo_new$roo_t$roo_kind$roo_t$$$roo_t$roo_n$roo_t$roo_old"
  done
  # The user's own lines after a husky block, or a chained hook, read the same stdin again: a shell cannot
  # un-read, so stdin is replaced by a here-document holding exactly the bytes read (a final newline is added if
  # git ever omitted it). `command` keeps a failed redirection from ending the shell.
  if [ "${roo_refeed-}" = 1 ] && [ -n "$roo_in" ]; then
    roo_in=${roo_in%"$roo_nl"}
    command exec 0<<ROO_STDIN_EOF
$roo_in
ROO_STDIN_EOF
  fi
  return 0
}

# prepare-commit-msg "$1"=message file "$2"=source. Adds "Roo-Session: <ID>" when this branch is mapped to an
# Active session (<common>/roo/branches/<branch>, kept by the CLI) unless <common>/roo/no-trailer exists or the
# message already has the trailer (amend, reword). It goes after the last line of text, joining a trailer block
# that ends the message or after a blank line, so above git's comments and any `commit -v` diff. A message with
# no text yet (a plain `git commit` about to open the editor, or a commit.template) is left alone: a trailer there
# would turn an aborted edit into a commit. The session's own commits carry the trailer anyway, so a
# squash-merged PR still names the session.
roo_capture_trailer() {
  [ -n "$roo_br" ] || return 0
  [ -n "$1" ] || return 0
  [ "$2" = template ] && return 0
  [ -e "$roo_common/roo/no-trailer" ] && return 0
  roo_id=
  # A FIFO in the branch map would block `read`: regular files only.
  [ -f "$roo_common/roo/branches/$roo_br" ] || return 0
  { read -r roo_id <"$roo_common/roo/branches/$roo_br"; } 2>/dev/null
  [ -n "$roo_id" ] || return 0
  # body: text up to its last non-comment line; pend: blank and comment lines after it (blank: whether one of
  # them is blank, i.e. a paragraph break: comment lines alone are not one, git strips them); tail: from git's
  # scissors line on (`commit -v`), kept as is. para: whether the last paragraph so far is all trailer lines;
  # eol: whether the file ends with a newline. dash's `read` costs a syscall per byte, so the file is read once.
  roo_body=
  roo_pend=
  roo_blank=
  roo_tail=
  roo_paras=0
  roo_para=
  roo_eol=1
  # git sets GIT_EDITOR=: for the hook when no editor will open; then nothing strips comments, and a line such
  # as "#42: fix" is text. (A core.commentChar other than # is not looked up: that would cost a git process.)
  roo_cc='#'
  [ "${GIT_EDITOR-}" = : ] && roo_cc=$roo_nl
  roo_l=
  {
    while IFS= read -r roo_l || { [ -n "$roo_l" ] && roo_eol=; }; do
      case $roo_l in
      '# ------------------------ >8 ------------------------')
        roo_tail=$roo_l$roo_nl
        break
        ;;
      "$roo_cc"*) roo_pend=$roo_pend$roo_l$roo_nl ;;
      *[![:space:]]*)
        case $roo_l in [Rr][Oo][Oo]-[Ss][Ee][Ss][Ss][Ii][Oo][Nn]:*) return 0 ;; esac
        if [ -z "$roo_body" ] || [ -n "$roo_blank" ]; then
          roo_paras=$((roo_paras + 1))
          roo_para=1
        fi
        # A trailer line as git sees it: "<Token>: value" (token of letters, digits and '-'), a continuation
        # line that starts with whitespace, or git's own "(cherry picked from commit …)".
        if [ -n "$roo_para" ]; then
          case $roo_l in
          '(cherry picked from commit '* | [[:space:]]*) ;;
          *:*)
            case ${roo_l%%:*} in '' | *[!A-Za-z0-9-]*) roo_para= ;; esac
            ;;
          *) roo_para= ;;
          esac
        fi
        roo_body=$roo_body$roo_pend$roo_l$roo_nl
        roo_pend=
        roo_blank=
        ;;
      *)
        roo_pend=$roo_pend$roo_l$roo_nl
        roo_blank=1
        ;;
      esac
    done
    if [ -n "$roo_tail" ]; then
      while IFS= read -r roo_l || { [ -n "$roo_l" ] && roo_eol=; }; do
        roo_tail=$roo_tail$roo_l$roo_nl
      done
    fi
  } <"$1"
  [ -n "$roo_body" ] || return 0
  if [ "$roo_paras" -ge 2 ] && [ -n "$roo_para" ]; then
    roo_l="Roo-Session: $roo_id$roo_nl"
  else
    roo_l="${roo_nl}Roo-Session: $roo_id$roo_nl"
  fi
  # The file ends with the last text line and its newline (a cherry-pick, `commit -m`): append, else rewrite.
  if [ -z "$roo_pend$roo_tail" ] && [ -n "$roo_eol" ]; then
    { printf '%s' "$roo_l" >>"$1"; } 2>/dev/null || roo_fail "cannot append the trailer to $1"
  else
    { printf '%s' "$roo_body$roo_l$roo_pend$roo_tail" >"$1"; } 2>/dev/null || roo_fail "cannot write the trailer to $1"
  fi
  return 0
}
