#!/usr/bin/env bash
# Load test of `ser4j serve` with Debian's wrk (apt-get install wrk), the C load generator, so that the client
# takes little of the CPU it measures: closed-loop connections post 3 s 16 kHz WAV clips (the two 16 kHz RAVDESS
# reference clips of ../shared/reference/audio, alternately) to POST /api/v1/predictions on loopback. A fresh
# server (SQLite in a temporary data directory) first gets a warm-up (JIT), then the measured run; the server's
# resident memory is printed every minute (a soak: SECONDS=600).
#
# Usage: scripts/load-test.sh [SECONDS=60] [CONNECTIONS=4] [MODEL=default]
#   env: WARMUP (seconds, 15), PORT (a free one by default), CLIPS (colon-separated WAV files), SER4J_SHARED
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DURATION="${1:-60}"
CONNECTIONS="${2:-4}"
MODEL="${3:-default}"
WARMUP="${WARMUP:-15}"
SHARED="${SER4J_SHARED:-$ROOT/../shared}"
CLIPS="${CLIPS:-$SHARED/reference/audio/ravdess_angry_16k.wav:$SHARED/reference/audio/ravdess_neutral_16k.wav}"
PORT="${PORT:-$(shuf -i 20000-60000 -n 1)}"

command -v wrk >/dev/null || { echo "load-test: needs wrk (Debian: apt-get install wrk)" >&2; exit 2; }
for clip in ${CLIPS//:/ }; do
  [ -f "$clip" ] || { echo "load-test: clip $clip not found (set SER4J_SHARED or CLIPS)" >&2; exit 2; }
done

work="$(mktemp -d)"
"$ROOT/bin/ser4j" serve --port "$PORT" --data-dir "$work/data" --model "$MODEL" >"$work/server.log" 2>&1 &
server=$!
monitor=""
cleanup() {
  [ -n "$monitor" ] && kill "$monitor" 2>/dev/null || true
  kill -TERM "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 600); do
  grep -q "ser4j serving" "$work/server.log" && break
  kill -0 "$server" 2>/dev/null || { cat "$work/server.log" >&2; echo "load-test: the server did not start" >&2; exit 3; }
  sleep 0.5
done
grep -q "ser4j serving" "$work/server.log" || { echo "load-test: the server did not start in 5 minutes" >&2; exit 3; }

cat >"$work/post.lua" <<'LUA'
-- Posts the clips named in SER4J_CLIPS in turn; counts answers other than 201 Created.
local bodies = {}
for path in string.gmatch(os.getenv("SER4J_CLIPS"), "[^:]+") do
  local f = assert(io.open(path, "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end
local i = 0
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/predictions", { ["Content-Type"] = "audio/wav" }, bodies[i])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("errors: %d non-2xx, %d connect, %d read, %d write, %d timeout\n",
    e.status, e.connect, e.read, e.write, e.timeout))
  io.write(string.format("summary: %.1f predictions/s, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1e3, latency:percentile(90) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3))
end
LUA
export SER4J_CLIPS="$CLIPS"
url="http://127.0.0.1:$PORT/api/v1/predictions"
echo "load-test: model $MODEL, $CONNECTIONS connections, warm-up ${WARMUP} s, run ${DURATION} s, $(nproc) cores"
wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$work/post.lua" "$url" >/dev/null
(
  start=$(date +%s)
  while sleep 60; do
    echo "t=$(( $(date +%s) - start )) s  server resident memory $(( $(ps -o rss= -p "$server") / 1024 )) MB"
  done
) &
monitor=$!
wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 30s --latency -s "$work/post.lua" "$url"
