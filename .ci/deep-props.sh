#!/usr/bin/env bash
# Deeper property runs: every proptest law (tests/law_*.rs, the other test files with
# `proptest!` blocks, and the unit tests of src/) with PROPTEST_CASES=10000, in release mode.
# CI keeps the quick default (proptest's 256 cases, or a test's own smaller number).
#
#   bash .ci/deep-props.sh            # 10,000 cases per property
#   PROPTEST_CASES=2000 bash .ci/deep-props.sh
set -euo pipefail
cd "$(dirname "$0")/.."

export PROPTEST_CASES="${PROPTEST_CASES:-10000}"
export CARGO_TERM_COLOR=never

tests=(law_bounds law_exactness law_least_effort law_round_trip law_scoring law_shortfall
    law_time agreement rollup scenario)
args=(--lib)
for t in "${tests[@]}"; do
    args+=(--test "$t")
done

echo "deep-props: PROPTEST_CASES=$PROPTEST_CASES, release, ${#tests[@]} test files and the unit tests"
start=$(date +%s)
cargo test --release --quiet --no-run "${args[@]}"
built=$(date +%s)
cargo test --release --quiet "${args[@]}"
end=$(date +%s)
echo "deep-props: passed; build $((built - start)) s, properties $((end - built)) s"
