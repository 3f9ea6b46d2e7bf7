#!/usr/bin/env bash
# `make bench`: release-build figures for the card job, beside the C floor when ../shared/bench is present
# (both on the same rows in the same sitting: the machine is shared and noisy, so only figures taken
# together compare).
#   1. per-artifact render times by format (qrdesk-bench, one thread)
#   2. the batch command end to end on 1,000 rows (colour PDF + bw PDF + SVG, every file read back):
#      1 job and every core, rows/s, files/s, peak memory; then 10,000 rows for peak memory
#   3. instruction counts against the floor (../shared/bench/instr-ratio), unless INSTR=0
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000}
big=${BIG_ROWS:-10000}
swift build -c release --product qrdesk-bench >/dev/null 2>&1
swift build -c release --product qrdesk >/dev/null 2>&1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
floor=../shared/bench
if [ -x "$floor/floor" ] && [ -f "$floor/gen-rows.py" ]; then
  python3 "$floor/gen-rows.py" "$rows" "$tmp/rows.csv" >/dev/null
  python3 "$floor/gen-rows.py" "$big" "$tmp/big.csv" >/dev/null
  "$floor/floor" "$rows"
else
  .build/release/qrdesk-bench --write-rows "$rows" "$tmp/rows.csv"
  .build/release/qrdesk-bench --write-rows "$big" "$tmp/big.csv"
fi
.build/release/qrdesk-bench --rows "$tmp/rows.csv"

batch() { # label, rows file, extra args…
  local label=$1 list=$2; shift 2
  rm -rf "$tmp/out"
  local start end
  start=$(date +%s.%N)
  local summary
  summary=$(.build/release/qrdesk batch "$list" --out "$tmp/out" --quiet "$@")
  end=$(date +%s.%N)
  python3 - "$label" "$start" "$end" "$summary" <<'PY'
import re, sys
label, start, end, summary = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rows = int(re.search(r"(\d+) rendered", summary).group(1))
files = int(re.search(r"(\d+) files written", summary).group(1))
memory = re.search(r"peak memory ([0-9.]+) MB", summary).group(1)
wall = end - start
print(f"{label:<34} rows={rows:<6} files={files:<6} wall_s={wall:7.2f}  rows_per_s={rows / wall:7.1f}  files_per_s={files / wall:7.1f}  ms_per_file={1000 * wall / files:6.2f}  peak_mb={memory}")
PY
}
echo "# qrdesk batch, end to end (process start to exit), colour PDF + bw PDF + SVG, verification on"
batch "batch $rows rows, --jobs 1" "$tmp/rows.csv" --jobs 1
batch "batch $rows rows, --jobs $(nproc)" "$tmp/rows.csv"
batch "batch $big rows, --jobs $(nproc)" "$tmp/big.csv"
# Wall time moves ±40 % between sittings here; instruction counts do not. INSTR=0 skips them (valgrind takes minutes).
if [ -x "$floor/instr-ratio" ] && [ "${INSTR:-1}" != 0 ]; then
  echo "# instructions per artifact against the C floor (valgrind callgrind, marginal over 20 cards)"
  "$floor/instr-ratio"
fi
