#!/usr/bin/env bash
# The scoreboard JSON under load: 64 connections against `GET /api/scoreboard` on the
# demo database, and against `GET /static/scoreboard.json` (the same bytes served as a
# static file by the same server) as the ceiling, in the same run. Needs wrk (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
duration=${DURATION:-15s}
port=${PORT:-18181}
work=$(mktemp -d); trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cargo build --release -q -p pledge-cli
bin=$PWD/target/release/pledge
(cd "$work" && "$bin" demo --no-serve >/dev/null 2>&1)
"$bin" --db "$work/pledge-demo.db" serve --bind "127.0.0.1:$port" 2>/dev/null &
pid=$!
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/api/scoreboard" -o "$work/board.json" && break; sleep 0.2; done
echo "scoreboard JSON: $(wc -c < "$work/board.json") bytes"
run() {
  wrk -t2 -c64 -d"$duration" --latency "http://127.0.0.1:$port$1" > "$work/out"
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/out")
  p99=$(awk '$1 == "99%" {print $2}' "$work/out")
  echo "$1: $rps req/s, p99 $p99"
  echo "$rps" > "$work/$2"
}
run /static/scoreboard.json static
run /api/scoreboard api
python3 -c "import sys; a, s = float(open('$work/api').read()), float(open('$work/static').read()); print(f'ratio api/static: {a/s:.3f}')"
