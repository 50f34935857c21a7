//! Many wards: 12 months of counts per rate criterion aggregated to the year (ratio of sums),
//! every ward scored against the reference set, ranked, and the city figures rolled up.
//!
//! And a province's year of the QĐ 766 service index: 1,000 or 10,000 communes, each with
//! twelve monthly files, added up to the year (`cchc::time::aggregate`), scored, ranked and
//! rolled up.
//!
//! `cargo bench --bench rollup`: time and allocations for 1,000 and 10,000 wards, on one core.

use cchc::rollup::Rollup;
use cchc::rule::Reads;
use cchc::time::{MonthlySeries, SeriesKind};
use cchc::{Counts, CriteriaSet, Evidence, Id, Observations, Observed};
use chrono::NaiveDate;
use rust_decimal_macros::dec;

#[global_allocator]
static ALLOC: divan::AllocProfiler = divan::AllocProfiler::system();

fn main() {
    divan::main();
}

/// One ward's year: a monthly series for each rate criterion, a value for every other one.
struct WardYear {
    name: String,
    series: Vec<(Id, MonthlySeries)>,
    other: Observations,
}

fn ward_years(set: &CriteriaSet, wards: usize) -> Vec<WardYear> {
    let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day);
    (0..wards)
        .map(|w| {
            let w = w as u64;
            let name = format!("Phường {w}");
            let mut series = Vec::new();
            let mut other = Observations::new(name.clone(), 2023);
            for (i, leaf) in set.leaves().enumerate() {
                let i = i as u64;
                let id = leaf.criterion.id().clone();
                let value = match leaf.rule.reads() {
                    Reads::Counts => {
                        let months = (1..=12u32).map(|m| {
                            let n = 20 + (w * 7 + i * 3 + u64::from(m)) % 40;
                            let g = (n * (40 + (w + i) % 60)) / 100;
                            (m, Counts::new(g, n).unwrap())
                        });
                        let s =
                            MonthlySeries::from_months(2023, SeriesKind::PerMonth, months).unwrap();
                        series.push((id, s));
                        continue;
                    }
                    Reads::Count => Evidence::Count(w % 3),
                    Reads::Completion => Evidence::Completed(d(1 + (w % 12) as u32, 15)),
                    Reads::Dates => Evidence::Held(vec![d(3, 1).unwrap(), d(9, 1).unwrap()]),
                    Reads::Done => Evidence::Done(!w.is_multiple_of(4)),
                    Reads::Points => Evidence::Points(dec!(1.5)),
                    _ => Evidence::Done(false),
                };
                other.set(id, Observed::Reported(value));
            }
            WardYear {
                name,
                series,
                other,
            }
        })
        .collect()
}

/// Aggregate every ward's months to the year, then score, rank and roll up.
fn roll_up(set: &CriteriaSet, years: &[WardYear]) -> Rollup {
    let wards: Vec<Observations> = years
        .iter()
        .map(|year| {
            let mut obs = year.other.clone();
            for (id, series) in &year.series {
                let total = series.year_total().unwrap();
                obs.set(id.clone(), Observed::Reported(Evidence::Counts(total)));
            }
            debug_assert_eq!(obs.ward(), year.name);
            obs
        })
        .collect();
    Rollup::new(set, &wards).unwrap()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 10)]
fn wards_by_12_months(bencher: divan::Bencher, wards: usize) {
    let set = CriteriaSet::reference();
    let years = ward_years(&set, wards);
    bencher.bench(|| roll_up(divan::black_box(&set), divan::black_box(&years)));
}

// ---- A province's year of QĐ 766 months: 1,000 or 10,000 communes × 12 monthly files. ----

/// One commune's twelve months of QĐ 766 counts (every component the commune level scores).
fn commune_months(set: &CriteriaSet, unit: u64) -> Vec<Observations> {
    (1..=12u32)
        .map(|m| {
            let mut obs = Observations::for_period(
                format!("Xã {unit}"),
                cchc::observations::Period::month(2025, m).unwrap(),
            )
            .unwrap();
            for (i, leaf) in set.leaves().enumerate() {
                if !set.in_scope(leaf.criterion) {
                    continue;
                }
                let i = i as u64;
                let n = 20 + (unit * 7 + i * 3 + u64::from(m)) % 200;
                let g = (n * (40 + (unit + i) % 60)) / 100;
                obs.set(
                    leaf.criterion.id().clone(),
                    Observed::Reported(Evidence::Counts(Counts::new(g, n).unwrap())),
                );
            }
            obs
        })
        .collect()
}

/// Each commune's months added up to the year (counts of distinct things given for the year,
/// as the portal gives them), then every commune scored, ranked and rolled up.
fn province_year(set: &CriteriaSet, months: &[Vec<Observations>]) -> Rollup {
    let year = cchc::observations::Period::year(2025).unwrap();
    let communes: Vec<Observations> = months
        .iter()
        .map(|parts| {
            let mut obs = cchc::time::aggregate(set, year, parts).unwrap();
            for leaf in set.leaves() {
                if leaf.criterion.aggregation() == cchc::criteria::Aggregation::Period
                    && set.in_scope(leaf.criterion)
                {
                    obs.set(
                        leaf.criterion.id().clone(),
                        Observed::Reported(Evidence::Counts(Counts::new(30, 40).unwrap())),
                    );
                }
            }
            obs
        })
        .collect();
    Rollup::new(set, &communes).unwrap()
}

#[divan::bench(args = [1_000, 10_000], sample_count = 5)]
fn qd766_communes_by_12_months(bencher: divan::Bencher, communes: usize) {
    let set = CriteriaSet::preset("qd766").unwrap();
    let months: Vec<Vec<Observations>> = (0..communes as u64)
        .map(|unit| commune_months(&set, unit))
        .collect();
    bencher.bench(|| province_year(divan::black_box(&set), divan::black_box(&months)));
}
