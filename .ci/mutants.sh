#!/usr/bin/env bash
# Mutation testing: cargo-mutants over the crate, with the same tests as `cargo test` (unit
# and integration, not doc-tests), built so that a mutant costs seconds, not a minute:
# - a copy of the committed tree (HEAD) in target/mutants-tree, where every tests/*.rs is a
#   module of one integration-test binary (tests/all/main.rs), so a mutant links two test
#   binaries instead of thirty-four; the tests are the same, and nextest still runs each in
#   a process of its own;
# - only the library and the tests are built (no examples or benches; the command-line tests
#   build the two examples they run), the proptest laws run 32 cases (PROPTEST_CASES), and a
#   mutant's tests stop at the first failure, killing those still running;
# - dependencies optimised (the decompression tests run several times faster);
# - mold as the linker when it is installed.
#
# Usage: bash .ci/mutants.sh [cargo-mutants options…]
#   bash .ci/mutants.sh --shuffle                  every mutant, in random order
#   bash .ci/mutants.sh --shard 0/24 --sharding round-robin
#   bash .ci/mutants.sh -f src/rule/target.rs      one file
# MUTANTS_JOBS (default: the cores) and MUTANTS_TIMEOUT (seconds a mutant's tests may take,
# default 45: raise it on a slower machine, since a timeout counts as caught) tune the run.
# Results: target/mutants/mutants.out/{caught,missed,timeout,unviable}.txt
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# The tools, installed when missing or too old for the options below.
cargo mutants --help 2>/dev/null | grep -q -- '--copy-target' ||
  cargo install --locked cargo-mutants
cargo nextest run --help 2>/dev/null | grep -q -- 'N:immediate' ||
  cargo install --locked cargo-nextest
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no)" ]; then
  echo "mutants.sh: uncommitted changes are not tested (the run takes HEAD)" >&2
fi

tree="$root/target/mutants-tree"
rm -rf "$tree"
mkdir -p "$tree"
git -C "$root" archive HEAD | tar -x -C "$tree"
cd "$tree"

mkdir -p tests/all
{
  echo '//! Every integration test file as a module of one binary (mutation runs only).'
  echo '#![allow(dead_code, unused_imports, unused_macros)]'
  for f in tests/*.rs; do
    n=$(basename "$f" .rs)
    echo "#[path = \"../$n.rs\"]"
    echo "mod $n;"
  done
} >tests/all/main.rs
sed -i 's/^\[package\]$/[package]\nautotests = false/' Cargo.toml
grep -q '^autotests = false$' Cargo.toml || {
  echo "mutants.sh: could not turn off the separate test binaries in Cargo.toml" >&2
  exit 1
}
cat >>Cargo.toml <<'EOF'

[[test]]
name = "all"
path = "tests/all/main.rs"

[profile.dev.package."*"]
opt-level = 2
debug = 0
EOF

export PROPTEST_CASES="${PROPTEST_CASES:-32}" CARGO_PROFILE_DEV_DEBUG=0 CARGO_PROFILE_TEST_DEBUG=0
unset CARGO_TARGET_DIR
# mold links faster, when the C compiler knows it (GCC 12.1 or later, or clang).
if command -v mold >/dev/null &&
  echo 'int main(void) { return 0; }' | cc -x c - -fuse-ld=mold -o /dev/null 2>/dev/null; then
  export RUSTFLAGS="${RUSTFLAGS:-} -C link-arg=-fuse-ld=mold"
fi
jobs=$(nproc)
exec cargo mutants --dir "$tree" -j "${MUTANTS_JOBS:-$jobs}" --timeout "${MUTANTS_TIMEOUT:-45}" --test-tool nextest \
  --copy-target=false -C --lib -C --tests --cargo-test-arg=--max-fail=1:immediate \
  --output "$root/target/mutants" "$@"
