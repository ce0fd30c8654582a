#!/usr/bin/env bash
# Installs Debian's promtool (package prometheus) for ser4j-server's metrics test, which runs
# `promtool check metrics` on the /metrics page. Only the binary is used; the package's service is never started.
# Idempotent; runs as root on Debian 12.
set -euo pipefail

if ! command -v promtool >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
promtool --version | sed -n 1p
