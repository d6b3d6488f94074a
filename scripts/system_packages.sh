#!/usr/bin/env bash
# Check the Debian packages the build and the tests need. As root (as in CI), install
# the missing ones; otherwise print the command that installs them.
set -euo pipefail

missing=()
if ! pkg-config --exists libmariadb 2>/dev/null && ! pkg-config --exists mysqlclient 2>/dev/null; then
  missing+=(libmariadb-dev pkg-config)
fi
if [ "${SKIP_BROWSER_TESTS:-0}" != "1" ] && ! command -v chromium >/dev/null 2>&1; then
  missing+=(chromium)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]} (apt-get, a minute or two)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing system packages: ${missing[*]}" >&2
echo "Install them with: sudo apt-get install ${missing[*]}" >&2
echo "(mysqlclient needs libmariadb-dev and pkg-config to build; the browser tests need chromium," >&2
echo " or set SKIP_BROWSER_TESTS=1 to run without them.)" >&2
exit 1
