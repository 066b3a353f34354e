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

## Where the time goes (bulk load)

Measured here: Badger alone ingests about 510,000 rows/s at one key per row
but about 23,000 rows/s at fifteen keys per row, which is why record indexes
live in memory (README, design notes). What remains per row is validation,
the change-log entry (the JSON of the values), the record encoding, and the
typeahead terms and the name and creation orders in the in-memory B-trees,
applied on a second goroutine while the next batch is written. Profiles
(`go test -cpuprofile`) put the typeahead B-tree inserts first.

HEAD
  echo "## Latest run"
  echo
  echo "- Date: $(date -u +%Y-%m-%d)"
  echo "- Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(go version | cut -d' ' -f3-4)"
  echo "- Peak memory (max RSS of the benchmark process): $((peak_kb / 1024)) MB"
  echo
  echo
  echo "| Measure | Result | Target | Met |"
  echo "| --- | --- | --- | --- |"
  metric() { # benchmark unit → value
    awk -v b="$1" -v u="$2" '$1 ~ "^Benchmark"b"-" { for (i = 2; i < NF; i++) if ($(i+1) == u) print $i }' "$out"
  }
  row() { # label value unit target better(lt|gt)
    met=$(awk -v v="$2" -v t="$4" -v d="$5" 'BEGIN { print ((d == "lt" && v <= t) || (d == "gt" && v >= t)) ? "yes" : "no" }')
    echo "| $1 | $2 $3 | $6 | $met |"
  }
  row "Index page p99" "$(metric IndexPage p99-ms)" ms 1 lt "≤ 1 ms"
  row "Typeahead p99" "$(metric Search p99-ms)" ms 0.2 lt "≤ 0.2 ms"
  row "Record load p99" "$(metric RecordLoad p99-ms)" ms 0.1 lt "≤ 0.1 ms"
  row "Record create" "$(metric RecordCreate creates/s)" /s 20000 gt "≥ 20,000/s"
  row "Data set load" "$(metric Load rows/s)" rows/s 150000 gt "≥ 150,000 rows/s"
  row "Peak memory" "$((peak_kb / 1024))" MB 400 lt "≤ 400 MB"
  echo
  echo '```'
  grep -E '^(Benchmark|goos|goarch|cpu|ok|PASS)' "$out"
  echo '```'
} > docs/benchmarks.md
cat docs/benchmarks.md
rm -f "$out" "$out.time"
