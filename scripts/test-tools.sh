#!/bin/sh
# The Debian tools the test suite runs for real: pre-commit (a hook manager roo integrates with) and cmark-gfm
# (GitHub's Markdown renderer, to prove the PR summary can carry no HTML). Installed here, not by hand, so a fresh
# machine and CI get them the same way. Run by `npm test` (pretest) and .ci/run.
set -eu
missing=
for tool in pre-commit cmark-gfm; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "the tests need:$missing; install them (Debian: apt-get install$missing) and run again" >&2
  exit 1
fi
echo "installing$missing for the tests (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
