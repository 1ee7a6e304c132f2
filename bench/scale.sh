#!/usr/bin/env bash
# The dashboard at scale: the demo database grown to 1,000,000 observations (generated
# here, under a temporary directory; nothing is committed), then
#   - the import of those rows by `pledge import` (one file, all or nothing),
#   - a cold GET /api/scoreboard (the first after the server starts) and warm ones,
#   - 64 connections against /api/scoreboard for a while (wrk: requests/s and p99),
#   - one write, then 10 concurrent requests (single flight: they share one rebuild),
#   - the largest target's page and API answer (paged: 200 observations).
# Needs wrk and curl (Debian). `ROWS=N` changes the count, `DURATION=15s` the wrk run.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
rows=${ROWS:-1000000}
duration=${DURATION:-15s}
port=${PORT:-18182}
token=bench-token-0123456789
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cargo build --release -q -p pledge-cli
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/pledge
(cd "$work" && "$bin" demo --no-serve >/dev/null 2>&1)
db=$work/pledge-demo.db
"$bin" --db "$db" export --what observations --format csv --out "$work/seed.csv" >/dev/null

# Rows on the series the demo reports (whole-year levels), every year from 1950 and one
# monitoring point (the note) after another, so that every row is its own figure.
python3 - "$work/seed.csv" "$work/big.csv" "$rows" <<'PY'
import csv, sys
seed, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
series = {}
for r in csv.DictReader(open(seed, encoding="utf-8-sig")):
    if r["measure"] == "level" and not r["period"] and not r["note"]:
        series.setdefault((r["region"], r["indicator"], r["unit"]), float(r["value"] or 0))
series = sorted(series.items())
years = list(range(1950, 2026))
with open(out, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["region", "indicator", "year", "value", "unit", "source_url", "quote", "measure", "baseline_year", "period", "note"])
    for k in range(n):
        (region, indicator, unit), value = series[k % len(series)]
        step = k // len(series)
        year = years[step % len(years)]
        point = step // len(years)
        v = round(value * (0.9 + (k % 17) / 80), 3)
        if unit == "%":
            v = min(v, 100.0)
        w.writerow([region, indicator, year, v, unit, f"https://example.invalid/bench/{k % 1000}",
                    f"{year}年{region}{indicator}{v}{unit}", "level", "", "", f"监测点{point}"])
print(f"{n} rows over {len(series)} series", file=sys.stderr)
PY
start=$(date +%s%N)
"$bin" --db "$db" import "$work/big.csv" >/dev/null
import_s=$(awk -v a="$start" -v b="$(date +%s%N)" 'BEGIN {printf "%.1f", (b - a) / 1e9}')
count=$(sqlite3 "$db" "SELECT COUNT(*) FROM observations WHERE is_current = 1")
echo "observations: $count (import of $rows rows: ${import_s}s)"

PLEDGE_API_TOKEN=$token "$bin" --db "$db" serve --bind "127.0.0.1:$port" 2>/dev/null &
pid=$!
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/api/openapi.json" -o /dev/null && break; sleep 0.2; done
url=http://127.0.0.1:$port
timed() { curl -fs -o /dev/null -w '%{time_total}' "$@"; }
echo "cold /api/scoreboard: $(timed "$url/api/scoreboard")s ($(curl -fs "$url/api/scoreboard" | wc -c) bytes)"
warm=$(for _ in 1 2 3 4 5; do timed "$url/api/scoreboard"; echo; done | sort -n | sed -n 3p)
echo "warm /api/scoreboard (median of 5): ${warm}s"
wrk -t2 -c64 -d"$duration" --latency "$url/api/scoreboard" > "$work/wrk"
echo "64 connections, $duration: $(awk '/Requests\/sec/ {print $2}' "$work/wrk") req/s, p99 $(awk '$1 == "99%" {print $2}' "$work/wrk")"

# One write, then 10 requests at once: they wait for one rebuild and share it.
region=$(python3 -c "import csv,sys; r=next(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig'))); print(r['region']+'\t'+r['indicator']+'\t'+r['unit'])" "$work/big.csv")
IFS=$'\t' read -r r_name i_name u_name <<<"$region"
body=$(python3 -c "import json,sys; print(json.dumps({'region': sys.argv[1], 'indicator': sys.argv[2], 'year': 2025, 'value': 1.5, 'unit': sys.argv[3], 'note': 'bench write', 'source_url': 'https://example.invalid/w', 'quote': 'w'}))" "$r_name" "$i_name" "$u_name")
curl -fs -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body" "$url/api/observations"
waits=()
for k in $(seq 10); do timed "$url/api/scoreboard" > "$work/after.$k" & waits+=($!); done
wait "${waits[@]}"
echo "after a write, 10 concurrent /api/scoreboard: slowest $(for f in "$work"/after.*; do cat "$f"; echo; done | sort -n | tail -1)s"

# The target with the most observations: its page and API answer, paged.
target=$(sqlite3 "$db" "SELECT t.id FROM targets t JOIN observations o ON o.region_id = t.region_id AND o.indicator_id = t.indicator_id AND o.is_current = 1 GROUP BY t.id ORDER BY COUNT(*) DESC LIMIT 1")
for path in "/targets/$target" "/api/targets/$target"; do
  echo "$path: $(timed "$url$path")s, $(curl -fs "$url$path" | wc -c) bytes"
done
