//! Many wards: 12 months of counts per rate criterion aggregated to the year (ratio of sums),
//! every ward scored against the reference set, ranked, and the city figures rolled up.
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
