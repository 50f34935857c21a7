//! A representative corpus for the benches: observation files generated from a seeded random
//! source with the crate's own proptest strategies (`cchc::testing::observations`): for each
//! criterion of the set, a value its rule reads (counts with denominators up to 10¹², small
//! ones and the edges often; dates across the year and around it; every rule kind), or
//! *không phát sinh*, or nothing reported (each about one time in ten).

#![allow(dead_code, reason = "each bench uses a part")]

use cchc::{CriteriaSet, Observations};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// How many files the corpus holds.
pub const FILES: usize = 1_000;

/// The seed: the same files on every run and machine.
const SEED: [u8; 32] = *b"cchc representative corpus 2023!";

/// `n` observation files for `set`, read from their TOML as a ward's software would read
/// them (and so checked against `set` once), always the same for the same set and `n`.
pub fn observations(set: &CriteriaSet, n: usize) -> Vec<Observations> {
    toml_texts(&generated(set, n))
        .iter()
        .map(|text| Observations::from_toml(text, set).expect("generated files are read back"))
        .collect()
}

/// `n` observation files for `set`, as generated (built in code, not yet checked).
pub fn generated(set: &CriteriaSet, n: usize) -> Vec<Observations> {
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &SEED);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    let strategy = cchc::testing::observations(set);
    (0..n)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .expect("the strategy always generates")
                .current()
        })
        .collect()
}

/// The same files written as TOML.
pub fn toml_texts(files: &[Observations]) -> Vec<String> {
    files
        .iter()
        .map(|obs| obs.to_toml().expect("generated files are written"))
        .collect()
}
