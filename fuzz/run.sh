#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another, one process each (the machine is shared):
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]      # default: 600 s each, every target
#
# Each target's working corpus (fuzz/corpus/<target>, not committed) is seeded from
# fuzz/seeds/<target> (committed; remade by `cargo run --manifest-path fuzz/Cargo.toml
# --example make_seeds`). Prints per target the executions, the corpus size and the crashes
# found (fuzz/artifacts/<target>/crash-*, oom-*, timeout-*, leak-*); exits non-zero if any.
#
# A crash is reproduced with its artifact:
#   cargo +nightly fuzz run --sanitizer none <target> fuzz/artifacts/<target>/crash-<hash>
# minimised with:
#   cargo +nightly fuzz tmin --sanitizer none <target> fuzz/artifacts/<target>/crash-<hash>
#
# FUZZ_SANITIZER=address builds with AddressSanitizer (slower; the crate forbids unsafe code).
set -euo pipefail
cd "$(dirname "$0")"

secs=${1:-600}
shift || true
all=(observations_toml observations_json criteria_toml criteria_json plan scenario least_effort xlsx_template)
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi
sanitizer=${FUZZ_SANITIZER:-none}

# Release with debug assertions and overflow checks (cargo-fuzz's default).
cargo +nightly fuzz build --sanitizer "$sanitizer"

failed=0
summary=()
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  cp -n "seeds/$t/"* "corpus/$t/" 2>/dev/null || true
  args=(-max_total_time="$secs" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1)
  case "$t" in
    least_effort) args+=(-max_len=67) ;;
    xlsx_template) args+=(-max_len=131072 -dict=dict/cchc.dict) ;;
    *) args+=(-max_len=65536 -dict=dict/cchc.dict) ;;
  esac
  log="artifacts/$t/last-run.log"
  printf '\n==> %s: %s s\n' "$t" "$secs"
  start=$(date +%s)
  set +e
  cargo +nightly fuzz run --sanitizer "$sanitizer" "$t" "corpus/$t" -- "${args[@]}" >"$log" 2>&1
  status=$?
  set -e
  took=$(( $(date +%s) - start ))
  execs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)
  corpus=$(find "corpus/$t" -type f | wc -l)
  crashes=$(find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) | wc -l)
  line="$t: executions ${execs:-?}, ${took} s, corpus $corpus, crashes $crashes"
  if [ "$status" -ne 0 ] || [ "$crashes" -gt 0 ]; then
    failed=1
    line="$line (exit $status; see $log)"
    grep -m1 -A3 -E 'panicked|ERROR: libFuzzer' "$log" || true
  fi
  echo "$line"
  summary+=("$line")
done

printf '\n==> summary\n'
printf '%s\n' "${summary[@]}"
exit "$failed"
