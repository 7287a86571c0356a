#!/usr/bin/env bash
# Set up letters in ./.venv (Python 3.11+). With --test: also the test tools, and, when run as
# root on Debian/Ubuntu, the system packages the tests use (LibreOffice to turn the Word letters
# into PDF as a reader would, poppler for pdftotext, tmux for the terminal smoke test, PostgreSQL
# for the shared-database and team-mode tests, Chromium for the browser test of `letters serve`,
# espeak-ng for the letter read aloud). Without --test it installs
# only espeak-ng (the letter read aloud), when run as root on Debian/Ubuntu and it is missing;
# otherwise it says how to install it. The pictures need nothing installed.
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1
if [ "$want_test" = 1 ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui fonts-liberation fonts-dejavu-core poppler-utils tmux postgresql espeak-ng \
    chromium \
    >/dev/null
elif ! command -v espeak-ng >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends espeak-ng >/dev/null
  else
    echo "note: the letter read aloud needs espeak-ng (Debian/Ubuntu: sudo apt-get install espeak-ng;" \
      "macOS: brew install espeak-ng; Windows: espeak-ng's installer). Everything else works without it." >&2
  fi
fi
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
if [ "$want_test" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test,dev]"
else
  .venv/bin/python -m pip install -q -e .
fi
