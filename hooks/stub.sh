#!/bin/sh
# roo-session hook stub for @HOOK@ (`roo hooks install` wrote it, `roo hooks uninstall` removes it).
# It appends this git event to the session journal in <git-common-dir>/roo/ with shell builtins only, prints
# nothing and never fails; then it runs the hook that was here before roo, if any, with the same arguments,
# stdin and exit code. ROO_HOOKS=0 skips the capture; without roo's capture.sh (a clone where roo was never
# installed) only the chained hook runs.
roo_chained=${0%/*}/@HOOK@.roo-chained
roo_refeed=
if [ -x "$roo_chained" ]; then roo_refeed=1; fi
@LOCATE@
if [ -x "$roo_chained" ]; then exec "$roo_chained" "$@"; fi
exit 0
