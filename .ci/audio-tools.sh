#!/usr/bin/env bash
# Installs Debian's sox and ffmpeg for ser4j-models' invariance suite (InvarianceSuiteTest), which renders pool
# clips into other containers with them (sample rates, bit depths, stereo, gain, DC, MP3, Opus, AAC). With CI set,
# that suite fails instead of skipping when either tool is missing. Idempotent; runs as root on Debian 12.
# Run it (bash .ci/audio-tools.sh) or source it; it ends by printing both versions.
set -euo pipefail

if ! command -v sox >/dev/null || ! command -v ffmpeg >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # sox depends on libsox-fmt-base (WAV, FLAC); Debian's ffmpeg brings libmp3lame and libopus.
  apt-get install -y -qq --no-install-recommends sox ffmpeg >/dev/null
fi

# Fails (set -e) if either is broken, so CI stops here rather than in the middle of the tests.
sox --version
ffmpeg -hide_banner -version | sed -n 1p
