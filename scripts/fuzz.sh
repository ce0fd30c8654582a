#!/usr/bin/env bash
# Fuzzes each *FuzzTest target for SECONDS (default 600, the documented longer run; CI gives each 60 s) in a JVM of
# its own, then prints per target: executions, executions per second, coverage (libFuzzer's cov: edges and ft:
# features, over ser4j's instrumented classes), corpus size and the JUnit result. Findings are written into the
# target's src/test/resources/.../<Class>Inputs/<method>/ folder, where they become regression inputs once committed.
# Usage: scripts/fuzz.sh [SECONDS] [MAVEN ARGS...]   (e.g. scripts/fuzz.sh 600 -o); the full log: target/fuzz.log
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
shift || true
mkdir -p target
log=target/fuzz.log
mvn -B "$@" -Pfuzz -Dfuzz.seconds="$seconds" -pl ser4j-audio,ser4j-server -am test-compile surefire:test@fuzz >"$log" 2>&1
status=$?
awk '
  /Running org\.ser4j\./ { target = $NF; sub(/^org\.ser4j\./, "", target) }
  /\tDONE / && target != "" {
    for (i = 1; i <= NF; i++) { if ($i == "cov:") cov = $(i + 1); if ($i == "ft:") ft = $(i + 1); if ($i == "corp:") corp = $(i + 1); if ($i == "exec/s:") eps = $(i + 1) }
    execs = substr($1, 2)
  }
  /Tests run:.* in org\.ser4j\./ && target != "" {
    result = ($0 ~ /FAILURE/) ? "FAILED" : "passed"
    printf "%-30s %10s execs %7s exec/s  cov %5s  ft %6s  corpus %-10s %s\n", target, execs, eps, cov, ft, corp, result
    target = ""; execs = eps = cov = ft = corp = "-"
  }
  /Test unit written to/ { print "  finding: " $NF }
' "$log"
[ $status -eq 0 ] || echo "fuzz: FAILED (exit $status), see $log" >&2
exit $status
