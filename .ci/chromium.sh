#!/usr/bin/env bash
# Installs Debian's chromium and chromium-driver for ser4j-server's browser tests (WebPageTest): Selenium drives
# /usr/bin/chromium through /usr/bin/chromedriver, both from the same Debian build, so their versions always match
# and Selenium Manager never downloads anything (STACK.md section 6). Idempotent; runs as root on Debian 12.
# Run it (bash .ci/chromium.sh) or source it; it ends by printing both versions.
set -euo pipefail

if ! command -v /usr/bin/chromium >/dev/null || ! command -v /usr/bin/chromedriver >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# Fails (set -e) if either is broken, so CI stops here rather than in the middle of the tests.
/usr/bin/chromium --version
/usr/bin/chromedriver --version
