#!/usr/bin/env bash
# libFuzzer targets for the readers that take input from strangers (see Fuzz/ and docs/testing.md).
#   scripts/fuzz.sh build              instrument the package (-sanitize=fuzzer,address) and link every harness
#   scripts/fuzz.sh run TARGET [SECS]  fuzz one target (link, receipt, template, batchlist, imageheader, payload, content) from its corpus
#   scripts/fuzz.sh smoke              every target for a few seconds: what CI runs
# SwiftPM cannot link a libFuzzer executable itself (it renames the entry point), so the package's modules are
# built instrumented into .build-fuzz and each harness is linked against their objects with swiftc.
set -euo pipefail
# libFuzzer reports a crash itself; Swift's backtracer would symbolicate the sanitized binary for minutes first.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."
scratch=.build-fuzz
triple=$(swiftc -print-target-info | python3 -c 'import json,sys; print(json.load(sys.stdin)["target"]["unversionedTriple"])')
debug=$scratch/$triple/debug
targets=(link receipt template batchlist imageheader payload content)
harness() {
  case $1 in
    link) echo LinkFuzz ;; receipt) echo ReceiptFuzz ;; template) echo TemplateFuzz ;; batchlist) echo BatchListFuzz ;; imageheader) echo ImageHeaderFuzz ;; payload) echo PayloadFuzz ;; content) echo ContentFuzz ;;
    *) echo "fuzz.sh: unknown target $1 (${targets[*]})" >&2; exit 2 ;;
  esac
}

build() {
  swift build --scratch-path "$scratch" --target QRDesk -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >/dev/null
  local objects=()
  for module in QRDeskCore Yams CYaml QRDesk QRDeskNative CSV Crypto CCryptoBoringSSL CCryptoBoringSSLShims CryptoBoringWrapper ZIPFoundation SwiftASN1; do
    [ -d "$debug/$module.build" ] || continue
    for object in $(find "$debug/$module.build" -name '*.o'); do
      # An object left from a source file since removed from the package would link stale code: skip it.
      local source; source=$(basename "$object" .o)
      if [ -d "Sources/$module" ] && [[ "$source" == *.swift ]] && [ -z "$(find "Sources/$module" -name "$source" -print -quit)" ]; then continue; fi
      objects+=("$object")
    done
  done
  local libraries maps=()
  libraries=$(pkg-config --libs libqrencode cairo pangocairo zbar zlib poppler-glib librsvg-2.0 lcms2 libqpdf)
  # The C modules the Swift modules were built against: the package's system libraries and the checkouts'.
  for map in Sources/C*/module.modulemap $(find "$scratch/checkouts" -path '*/Tests' -prune -o -name module.modulemap -print); do
    maps+=(-Xcc "-fmodule-map-file=$map")
  done
  mkdir -p "$scratch/bin"
  for target in "${targets[@]}"; do
    swiftc -sanitize=fuzzer,address -parse-as-library -I "$debug/Modules" "${maps[@]}" $(pkg-config --cflags-only-I pangocairo poppler-glib librsvg-2.0 | sed 's/-I/-Xcc -I/g') "Fuzz/$(harness "$target").swift" "${objects[@]}" \
      $libraries -lstdc++ -o "$scratch/bin/fuzz-$target" 2>&1 | { grep -v "Cannot export local symbol" || true; }
  done
  echo "fuzz.sh: built ${targets[*]} in $scratch/bin"
}

run() {
  local target=$1 seconds=${2:-60}
  harness "$target" >/dev/null
  [ -x "$scratch/bin/fuzz-$target" ] || build
  local work; work=$(mktemp -d)
  mkdir -p "Fuzz/corpus/$target"
  # New inputs go to a scratch folder; only those that add coverage are merged into the committed corpus.
  # A crash leaves its input in Fuzz/crashes/ and fails the run.
  mkdir -p Fuzz/crashes
  local status=0
  "$scratch/bin/fuzz-$target" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=10 \
    -artifact_prefix="Fuzz/crashes/$target-" -print_final_stats=1 "$work" "Fuzz/corpus/$target" 2>&1 | tail -n 12 || status=$?
  [ "${FUZZ_MERGE:-1}" = 1 ] && "$scratch/bin/fuzz-$target" -merge=1 -max_len=65536 "Fuzz/corpus/$target" "$work" >/dev/null 2>&1 || true
  rm -rf "$work"
  rmdir Fuzz/crashes 2>/dev/null || true
  return "$status"
}

case ${1:-} in
  build) build ;;
  run) run "${2:?target}" "${3:-60}" ;;
  smoke) for target in "${targets[@]}"; do run "$target" "${2:-5}"; done ;;
  *) echo "usage: scripts/fuzz.sh build | run TARGET [SECONDS] | smoke [SECONDS]" >&2; exit 2 ;;
esac
