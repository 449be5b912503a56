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
  # prepare-commit-msg only adds the trailer: capture.sh is not even read unless HEAD is on a branch mapped to a
  # session (<common>/roo/branches/<branch>) and <common>/roo/no-trailer is absent (`roo doctor`'s probe goes on).
  roo_go=$roo_gd
  if [ @HOOK@ = prepare-commit-msg ] && [ -n "$roo_go" ] && [ -z "${ROO_PROBE-}" ]; then
    roo_go=
    roo_head=
    { read -r roo_head <"$roo_gd/HEAD"; } 2>/dev/null || :
    case $roo_head in
    'ref: refs/heads/'*)
      if [ -f "$roo_common/roo/branches/${roo_head#ref: refs/heads/}" ] && [ ! -e "$roo_common/roo/no-trailer" ]; then
        roo_go=1
      fi
      ;;
    esac
  fi
  if [ -n "$roo_go" ] && [ -f "$roo_common/roo/capture.sh" ]; then
    command . "$roo_common/roo/capture.sh" 2>/dev/null && roo_capture @HOOK@ "$@" 2>/dev/null || :
    if [ -n "${ROO_PROBE-}" ]; then exit 0; fi
  fi
fi
