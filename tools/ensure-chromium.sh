#!/usr/bin/env bash
# Browser tests drive Debian's chromium with Playwright (never `playwright install`).
# Installs it when missing and we may (root); otherwise explains how.
set -u
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/tmp/aide-chromium-install.log 2>&1 \
    || { echo "apt-get install chromium failed; see /tmp/aide-chromium-install.log"; exit 1; }
  exit 0
fi
echo "note: /usr/bin/chromium is missing; run 'sudo apt-get install -y chromium' to run the browser tests."
