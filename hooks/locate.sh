if [ "${ROO_HOOKS-}" != 0 ]; then
  roo_gd=${GIT_DIR-}
  if [ -z "$roo_gd" ]; then
    if [ -d .git ]; then
      roo_gd=$PWD/.git
    elif { read -r roo_gd <.git; } 2>/dev/null; then
      roo_gd=${roo_gd#gitdir: }
      case $roo_gd in /* | [A-Za-z]:*) ;; *) roo_gd=$PWD/$roo_gd ;; esac
    fi
  fi
  roo_common=$roo_gd
  if [ -f "$roo_gd/commondir" ] && { read -r roo_common <"$roo_gd/commondir"; } 2>/dev/null; then
    case $roo_common in /* | [A-Za-z]:*) ;; *) roo_common=$roo_gd/$roo_common ;; esac
  fi
  if [ -n "$roo_gd" ] && [ -f "$roo_common/roo/capture.sh" ]; then
    command . "$roo_common/roo/capture.sh" 2>/dev/null && roo_capture @HOOK@ "$@" 2>/dev/null || :
    if [ -n "${ROO_PROBE-}" ]; then exit 0; fi
  fi
fi
