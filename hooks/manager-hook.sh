# roo-session entry for hook managers (lefthook, simple-git-hooks, pre-commit): `roo hooks install` copies it,
# without its comment lines, to <git-common-dir>/roo/hook.sh. The command roo adds to the manager's own
# configuration (packages/git/src/hooks/managers.ts) sets roo_hook=<hook> and the hook's arguments as "$@", finds
# the common dir with `read` alone and sources this file; a clone without roo has no hook.sh and the command does
# nothing. Same rules as the stubs: builtins only, print nothing, never fail.
@LOCATE@
