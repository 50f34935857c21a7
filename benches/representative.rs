//! The scorer on representative files: 1,000 observation files for the reference set,
//! generated from a seeded random source (see `common/mod.rs`: counts up to 10¹², every rule
//! kind the reference set uses, dates across the year, missing and *không phát sinh*
//! criteria), read, scored (also as built in code, not yet checked) and planned; 1,000 months
//! of the QĐ 766 service index (its plain proportional rules); and a plain `f64` twin of the
//! rate rules beside their exact scoring, to show what exactness costs.
//!
//! `cargo bench --bench representative`. Each bench goes through all 1,000 files (20 for the
//! least-effort plan) per iteration: divide the median by the file count for a file's cost
//! (divan prints the throughput per file as well).

mod common;

use cchc::criteria::NotApplicablePolicy;
use cchc::rule::{Comparison, Evidence, ScoringRule};
use cchc::whatif::{Costs, Goal, LeastEffortPlan};
use cchc::{CriteriaSet, Observations, Observed, Rounding, Scorecard, Summary};
use divan::counter::ItemsCount;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal_macros::dec;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

fn corpus() -> (CriteriaSet, Vec<Observations>) {
    let set = CriteriaSet::reference();
    let files = common::observations(&set, common::FILES);
    (set, files)
}

#[divan::bench]
fn read_toml(bencher: divan::Bencher) {
    let (set, files) = corpus();
    let texts = common::toml_texts(&files);
    bencher.counter(ItemsCount::new(texts.len())).bench(|| {
        for text in &texts {
            divan::black_box(Observations::from_toml(divan::black_box(text), &set).unwrap());
        }
    });
}

#[divan::bench]
fn scorecard(bencher: divan::Bencher) {
    let (set, files) = corpus();
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in &files {
            divan::black_box(Scorecard::score(&set, divan::black_box(obs)).unwrap());
        }
    });
}

#[divan::bench]
fn summary(bencher: divan::Bencher) {
    let (set, files) = corpus();
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in &files {
            divan::black_box(Summary::score(&set, divan::black_box(obs)).unwrap());
        }
    });
}

/// The same files built in code and not yet checked (observations made with
/// `Observations::new` and `set`, as a roll-up from a database or a what-if change makes
/// them): scoring checks each against the set first.
#[divan::bench]
fn scorecard_unchecked(bencher: divan::Bencher) {
    let set = CriteriaSet::reference();
    let files = common::generated(&set, common::FILES);
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in &files {
            divan::black_box(Scorecard::score(&set, divan::black_box(obs)).unwrap());
        }
    });
}

/// `Summary::score` on files not yet checked (see `scorecard_unchecked`).
#[divan::bench]
fn summary_unchecked(bencher: divan::Bencher) {
    let set = CriteriaSet::reference();
    let files = common::generated(&set, common::FILES);
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in &files {
            divan::black_box(Summary::score(&set, divan::black_box(obs)).unwrap());
        }
    });
}

/// A commune's month of the QĐ 766 service index (plain proportional rules, rates against a
/// target, zero-denominator policies), 1,000 generated months read from TOML.
#[divan::bench]
fn qd766_scorecard(bencher: divan::Bencher) {
    let set = CriteriaSet::preset("qd766").unwrap();
    let files = common::observations(&set, common::FILES);
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in &files {
            divan::black_box(Scorecard::score(&set, divan::black_box(obs)).unwrap());
        }
    });
}

/// `Summary::score` on the QĐ 766 months of `qd766_scorecard`.
#[divan::bench]
fn qd766_summary(bencher: divan::Bencher) {
    let set = CriteriaSet::preset("qd766").unwrap();
    let files = common::observations(&set, common::FILES);
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in &files {
            divan::black_box(Summary::score(&set, divan::black_box(obs)).unwrap());
        }
    });
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn least_effort_to_90(bencher: divan::Bencher) {
    let (set, files) = corpus();
    let files = &files[..20];
    let goal = Goal::Index(dec!(90));
    let costs = Costs::new();
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        for obs in files {
            divan::black_box(
                LeastEffortPlan::find(&set, divan::black_box(obs), &goal, &costs).unwrap(),
            );
        }
    });
}

// ---- The cost of exactness. ----
//
// `summary_f64_twin` is `Summary::score` with its rate rules (all-or-nothing, proportional,
// proportional to a target) computed in `f64` — the same files, the same look-ups by id, the
// other rules (deadlines, meetings, tasks: no rates) scored by the crate as the summary does.
// `rate_rules_f64` and `rate_rules_exact` compare the rate rules alone, arithmetic only.

/// One leaf of the set, for the twin: its id, and for a rate rule its plain parameters.
struct TwinLeaf<'a> {
    id: &'a str,
    rule: &'a ScoringRule,
    max: Decimal,
    policy: NotApplicablePolicy,
    /// `Some((max, target, all))` for a rate rule the twin computes in f64.
    rate: Option<(f64, f64, bool)>,
}

fn twin_leaves(set: &CriteriaSet) -> Vec<TwinLeaf<'_>> {
    set.leaves()
        .map(|leaf| {
            let max = leaf.criterion.max_points();
            let rate = match leaf.rule {
                ScoringRule::AllOrNothing(t)
                    if t.comparison() == Comparison::AtLeast && t.min_count().is_none() =>
                {
                    Some((t.percent().value(), true))
                }
                ScoringRule::ProportionalToTarget(p) => Some((p.value(), false)),
                ScoringRule::Proportional => Some((Decimal::ZERO, false)),
                _ => None,
            }
            .map(|(target, all)| {
                (
                    max.to_f64().unwrap(),
                    (target / dec!(100)).to_f64().unwrap(),
                    all,
                )
            });
            TwinLeaf {
                id: leaf.criterion.id().as_str(),
                rule: leaf.rule,
                max,
                policy: set.policy_of(leaf.criterion),
                rate,
            }
        })
        .collect()
}

/// The index of `obs` with the rate rules in f64 (not applicable: full points, the reference
/// set's policy), rounded to 2 decimals per criterion like the crate.
fn summary_f64(leaves: &[TwinLeaf<'_>], obs: &Observations, rounding: &Rounding) -> f64 {
    let (mut total, mut max) = (0.0, 0.0);
    for leaf in leaves {
        let observed = obs.value(leaf.id);
        match (leaf.rate, observed) {
            (Some((full, target, all)), Observed::Reported(Evidence::Counts(c)))
                if c.denominator() > 0 =>
            {
                let rate = c.numerator() as f64 / c.denominator() as f64;
                let points = if all {
                    if rate >= target { full } else { 0.0 }
                } else if target == 0.0 {
                    full * rate
                } else {
                    full * (rate / target).min(1.0)
                };
                total += (points * 100.0).round() / 100.0;
                max += full;
            }
            (Some((full, ..)), Observed::Reported(_) | Observed::NotApplicable) => {
                total += full;
                max += full;
            }
            (Some((full, ..)), Observed::Missing) => max += full,
            (None, observed) => {
                let score = leaf
                    .rule
                    .score(leaf.max, observed, leaf.policy, rounding)
                    .unwrap();
                total += score.points.to_f64().unwrap();
                max += score.max_points.to_f64().unwrap();
            }
        }
    }
    ((total / max * 100.0) * 100.0).round() / 100.0
}

#[divan::bench]
fn summary_f64_twin(bencher: divan::Bencher) {
    let (set, files) = corpus();
    let leaves = twin_leaves(&set);
    let rounding = *set.rounding();
    // The twin is a twin: it agrees with the exact index to within rounding on most files.
    let close = files
        .iter()
        .filter(|obs| {
            let exact = Summary::score(&set, obs)
                .unwrap()
                .index
                .unwrap()
                .to_f64()
                .unwrap();
            (summary_f64(&leaves, obs, &rounding) - exact).abs() <= 0.02
        })
        .count();
    assert!(
        close * 10 >= files.len() * 9,
        "{close} of {} files agree",
        files.len()
    );
    bencher.counter(ItemsCount::new(files.len())).bench(|| {
        files
            .iter()
            .map(|obs| summary_f64(&leaves, divan::black_box(obs), &rounding))
            .sum::<f64>()
    });
}

// ---- The rate rules alone, exact and in f64, over the same inputs. ----

/// One rate criterion of one file, for the f64 twin: plain numbers.
#[derive(Clone, Copy)]
struct Plain {
    max: f64,
    /// The target as a fraction (0.35), or 0 for "rate" (points = max × rate).
    target: f64,
    /// All or nothing (else proportional, capped at the target).
    all: bool,
    /// `Some((numerator, denominator))`, or `None` for không phát sinh; missing files are
    /// skipped by both sides alike.
    counts: Option<(u64, u64)>,
}

/// The same criterion for the exact side: the crate's own rule and value.
struct Exact<'a> {
    rule: &'a ScoringRule,
    max: Decimal,
    policy: NotApplicablePolicy,
    observed: &'a Observed<Evidence>,
}

fn rate_inputs<'a>(
    set: &'a CriteriaSet,
    files: &'a [Observations],
) -> (Vec<Vec<Plain>>, Vec<Vec<Exact<'a>>>) {
    let mut plain = Vec::new();
    let mut exact = Vec::new();
    for obs in files {
        let (mut p, mut e) = (Vec::new(), Vec::new());
        for leaf in set.leaves() {
            let (target, all) = match leaf.rule {
                ScoringRule::AllOrNothing(t)
                    if t.comparison() == Comparison::AtLeast && t.min_count().is_none() =>
                {
                    (t.percent().value(), true)
                }
                ScoringRule::ProportionalToTarget(p) => (p.value(), false),
                ScoringRule::Proportional => (Decimal::ZERO, false),
                _ => continue,
            };
            let observed = obs.value(leaf.criterion.id().as_str());
            let counts = match observed {
                Observed::Reported(Evidence::Counts(c)) => Some((c.numerator(), c.denominator())),
                Observed::NotApplicable => None,
                _ => continue,
            };
            let max = leaf.criterion.max_points();
            p.push(Plain {
                max: max.to_f64().unwrap(),
                target: (target / dec!(100)).to_f64().unwrap(),
                all,
                counts,
            });
            e.push(Exact {
                rule: leaf.rule,
                max,
                policy: set.policy_of(leaf.criterion),
                observed,
            });
        }
        plain.push(p);
        exact.push(e);
    }
    (plain, exact)
}

/// The f64 twin: the same rules with floating point, rounded to 2 decimals; không phát sinh
/// earns full points (the reference set's policy).
fn plain_points(inputs: &[Plain]) -> f64 {
    inputs
        .iter()
        .map(|c| {
            let points = match c.counts {
                None => c.max,
                Some((_, 0)) => c.max,
                Some((n, d)) => {
                    let rate = n as f64 / d as f64;
                    if c.all {
                        if rate >= c.target { c.max } else { 0.0 }
                    } else if c.target == 0.0 {
                        c.max * rate
                    } else {
                        c.max * (rate / c.target).min(1.0)
                    }
                }
            };
            (points * 100.0).round() / 100.0
        })
        .sum()
}

#[divan::bench]
fn rate_rules_f64(bencher: divan::Bencher) {
    let (set, files) = corpus();
    let (plain, _) = rate_inputs(&set, &files);
    bencher.counter(ItemsCount::new(plain.len())).bench(|| {
        plain
            .iter()
            .map(|file| plain_points(divan::black_box(file)))
            .sum::<f64>()
    });
}

#[divan::bench]
fn rate_rules_exact(bencher: divan::Bencher) {
    let (set, files) = corpus();
    let (_, exact) = rate_inputs(&set, &files);
    let rounding = Rounding::default();
    bencher.counter(ItemsCount::new(exact.len())).bench(|| {
        exact
            .iter()
            .map(|file| {
                divan::black_box(file)
                    .iter()
                    .map(|c| {
                        c.rule
                            .score(c.max, c.observed, c.policy, &rounding)
                            .unwrap()
                            .points
                    })
                    .sum::<Decimal>()
            })
            .sum::<Decimal>()
    });
}
