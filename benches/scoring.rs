//! Scoring the full reference criteria set from parsed observations.
//!
//! `cargo bench --bench scoring`: time per scorecard and allocations (divan's `AllocProfiler`).

use cchc::rule::Reads;
use cchc::{Counts, CriteriaSet, Evidence, Observations, Observed, Scorecard, Summary};
use chrono::NaiveDate;
use rust_decimal_macros::dec;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// An observation for every criterion of the reference set: every rule kind, most rate
/// criteria below target.
fn observations(set: &CriteriaSet) -> Observations {
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day);
    let mut obs = Observations::new("Phường Sông Cầu", 2023);
    for (i, leaf) in set.leaves().enumerate() {
        let i = i as u64;
        let value = match leaf.rule.reads() {
            Reads::Counts => Evidence::Counts(Counts::new(60 + i * 7, 300 + i * 11).unwrap()),
            Reads::Count => Evidence::Count(1),
            Reads::Completion => Evidence::Completed(d(3, 20 + (i as u32 % 10))),
            Reads::Dates => Evidence::Held(vec![d(6, 30).unwrap(), d(11, 2).unwrap()]),
            Reads::Done => Evidence::Done(i.is_multiple_of(2)),
            Reads::Points => Evidence::Points(dec!(1.5)),
            _ => Evidence::Done(false),
        };
        obs.set(leaf.criterion.id().clone(), Observed::Reported(value));
    }
    obs
}

#[divan::bench]
fn score_reference_set(bencher: divan::Bencher) {
    let set = CriteriaSet::reference();
    let obs = observations(&set);
    bencher.bench(|| Scorecard::score(divan::black_box(&set), divan::black_box(&obs)));
}

#[divan::bench]
fn parse_observations_toml(bencher: divan::Bencher) {
    let set = CriteriaSet::reference();
    let text = observations(&set).to_toml().unwrap();
    bencher.bench(|| Observations::from_toml(divan::black_box(&text), &set));
}

#[divan::bench]
fn summary_reference_set(bencher: divan::Bencher) {
    let set = CriteriaSet::reference();
    let obs = observations(&set);
    bencher.bench(|| Summary::score(divan::black_box(&set), divan::black_box(&obs)));
}
