#!/usr/bin/env bash
# Runs the data-set benchmarks (backend/bench) and writes docs/benchmarks.md
# with the machine, the date, the raw output and the peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
/usr/bin/time -v go test -run '^$' -bench . -benchtime "${BENCHTIME:-3000x}" -count 1 ./backend/bench >"$out" 2>"$out.time"
peak_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out.time")
{
  cat <<'HEAD'
# Benchmarks

`make bench` runs `backend/bench` on the generated data set (`backend/sample`,
seed 1): 100,000 contacts, 20,000 companies, 30,000 deals and 10,000 tickets,
in an on-disk store with the app's Badger options. Latencies are per
operation over 3,000 runs; p99 is what counts.

| Measure | Benchmark | Target (a tuned SQLite measures) |
| --- | --- | --- |
| Index page: first 100 contacts by last name, p99 | IndexPage | ≤ 1 ms (1.2 ms) |
| Typeahead prefix search, 10 hits, p99 | Search | ≤ 0.2 ms (0.24 ms) |
| Record load, p99 | RecordLoad | ≤ 0.1 ms |
| Record create, sequential, one transaction each | RecordCreate | ≥ 20,000/s |
| Load of the generated data set | Load | ≥ 150,000 rows/s (133,000) |
| Peak memory of the benchmark process | (max RSS) | ≤ 400 MB |

HEAD
  echo "## Latest run"
  echo
  echo "- Date: $(date -u +%Y-%m-%d)"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3-4)"
  echo "- Peak memory (max RSS of the benchmark process): $((peak_kb / 1024)) MB"
  echo
  echo '```'
  grep -E '^(Benchmark|goos|goarch|cpu|ok|PASS)' "$out"
  echo '```'
} > docs/benchmarks.md
cat docs/benchmarks.md
rm -f "$out" "$out.time"
