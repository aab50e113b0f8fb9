#!/usr/bin/env bash
# Installs Debian's headless Chromium and its WebDriver for the browser test of the web page
# (tests/web/test_page.py), only when they are missing. Without root or apt the test skips.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "setup_browser: chromium/chromedriver missing and cannot apt-get install them; the browser test will skip" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null || true
apt-get install -y -qq chromium chromium-driver >/dev/null \
  || echo "setup_browser: apt-get install chromium chromium-driver failed; the browser test will skip" >&2
