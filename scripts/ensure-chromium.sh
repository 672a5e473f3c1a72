#!/usr/bin/env bash
# Finds a Chromium for the browser tests: $CHROME_PATH, else Debian's /usr/bin/chromium. When neither exists and
# this runs as root on Debian, installs Debian's chromium package (the only browser build this network can reach:
# Playwright's own download cannot work here). Anywhere else it stops and says what to install.
set -euo pipefail
if [ -n "${CHROME_PATH:-}" ]; then
  if [ -x "$CHROME_PATH" ]; then echo "Chromium: $CHROME_PATH"; exit 0; fi
  echo "CHROME_PATH is set to '$CHROME_PATH', which is not an executable file." >&2
  exit 1
fi
if [ -x /usr/bin/chromium ]; then echo "Chromium: /usr/bin/chromium"; exit 0; fi
if [ "$(id -u)" = "0" ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  if [ -x /usr/bin/chromium ]; then echo "Chromium: /usr/bin/chromium"; exit 0; fi
fi
cat >&2 <<'MSG'
The browser tests need Chromium and none was found.
  - Debian/Ubuntu: sudo apt-get install chromium   (then re-run npm test)
  - elsewhere: install Chromium or Chrome and set CHROME_PATH to its executable.
MSG
exit 1
