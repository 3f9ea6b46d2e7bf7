#!/usr/bin/env bash
# Release-build timings per artifact and format. Beside the C floor when ../shared/bench is present:
# both run on the same rows in the same sitting, since this machine is shared and noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000}
swift build -c release --product qrdesk-bench >/dev/null
floor=../shared/bench
if [ -x "$floor/floor" ] && [ -f "$floor/gen-rows.py" ]; then
  tmp=$(mktemp -d)
  python3 "$floor/gen-rows.py" "$rows" "$tmp/rows.csv" >/dev/null
  "$floor/floor" "$rows"
  .build/release/qrdesk-bench --rows "$tmp/rows.csv"
  rm -rf "$tmp"
else
  .build/release/qrdesk-bench "$rows"
fi
