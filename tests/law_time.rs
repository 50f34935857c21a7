//! Laws of time: aggregation is a ratio of sums whatever the partition, cumulative and
//! per-month series agree, the projection at 31 December of a full year is the actual, and
//! the need per remaining month is minimal.
//!
//! The need law, exactly as the rounding `⌈total ÷ R⌉` guarantees it (R remaining months):
//! - Convert, on the counts to date: converting `min(need × R, room)` records meets the
//!   target (room = records a conversion can still reach: N − G for "at least", G for "at
//!   most"); when need > 0, `(need − 1) × R` records do not.
//! - Add, on the projection: adding `need × R` records meets the target; when need > 0,
//!   `(need − 1) × R` do not.

use cchc::rule::{Comparison, Lever, RateTarget, Records};
use cchc::time::{MonthlySeries, Period, Progress, SeriesKind};
use cchc::{Counts, Percent, Rounding};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

fn month_counts() -> impl Strategy<Value = Counts> {
    (0u64..=500, 0u64..=500).prop_map(|(a, b)| Counts::new(a.min(b), a.max(b)).unwrap())
}

fn year() -> impl Strategy<Value = i32> {
    prop::sample::select(vec![2023, 2024])
}

fn full_series() -> impl Strategy<Value = MonthlySeries> {
    (year(), prop::array::uniform12(month_counts())).prop_map(|(year, months)| {
        MonthlySeries::new(year, SeriesKind::PerMonth, months.map(Some)).unwrap()
    })
}

/// A rate target; "at least 0%" is refused (every report meets it), so it is not one.
fn target() -> impl Strategy<Value = RateTarget> {
    (0i64..=10_000, any::<bool>()).prop_filter_map(
        "at least 0% and at most 100% are refused",
        |(basis_points, at_least)| {
            let p = Percent::new(Decimal::new(basis_points, 2)).unwrap();
            if at_least {
                RateTarget::at_least(p).ok()
            } else {
                RateTarget::at_most(p).ok()
            }
        },
    )
}

/// The last day of `month` of `year`.
fn month_end(year: i32, month: u32) -> NaiveDate {
    Period::month(year, month).unwrap().end()
}

fn room(counts: Counts, comparison: Comparison) -> u64 {
    match comparison {
        Comparison::AtLeast => counts.remaining(),
        Comparison::AtMost => counts.numerator(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_time.txt"))),
        ..ProptestConfig::default()
    })]
    /// Splitting the year at any months and adding the parts' counts gives the year's counts:
    /// the numerator and denominator are the sums of the months', and so is the rate.
    #[test]
    fn ratio_of_sums_over_any_partition(
        series in full_series(),
        cuts in prop::collection::btree_set(1u32..12, 0..11),
    ) {
        let year = series.year();
        let mut bounds: Vec<u32> = cuts.into_iter().collect();
        bounds.push(12);
        let mut from = 1;
        let mut sum = Counts::ZERO;
        for to in bounds {
            let part = series.total(&Period::months_of(year, from, to).unwrap()).unwrap();
            sum = sum.checked_add(part).unwrap();
            from = to + 1;
        }
        let total = series.year_total().unwrap();
        prop_assert_eq!(sum, total);
        let numerators: u64 = series.reported().map(|(_, c)| c.numerator()).sum();
        let denominators: u64 = series.reported().map(|(_, c)| c.denominator()).sum();
        prop_assert_eq!(total, Counts::new(numerators, denominators).unwrap());
        prop_assert_eq!(sum.rate(), total.rate());
    }

    /// A per-month series and its cumulative form aggregate to the same counts over the year
    /// and over any run of whole months, and convert back to each other.
    #[test]
    fn cumulative_and_per_month_agree(series in full_series(), a in 1u32..=12, b in 1u32..=12) {
        let cumulative = series.to_cumulative().unwrap();
        prop_assert_eq!(cumulative.year_total().unwrap(), series.year_total().unwrap());
        let period = Period::months_of(series.year(), a.min(b), a.max(b)).unwrap();
        prop_assert_eq!(cumulative.total(&period).unwrap(), series.total(&period).unwrap());
        prop_assert_eq!(cumulative.to_per_month().unwrap(), series.clone());
        // And through the written form.
        let json = serde_json::to_string(&cumulative).unwrap();
        prop_assert_eq!(serde_json::from_str::<MonthlySeries>(&json).unwrap(), cumulative.clone());
        let text = toml::to_string(&cumulative).unwrap();
        prop_assert_eq!(toml::from_str::<MonthlySeries>(&text).unwrap(), cumulative);
    }

    /// On 31 December, with every month reported, the projection is the actual year.
    #[test]
    fn projection_at_year_end_is_the_actual(series in full_series(), target in target()) {
        let year = series.year();
        let progress =
            Progress::year_to_date(&series, &target, month_end(year, 12), &Rounding::default())
                .unwrap();
        let actual = series.year_total().unwrap();
        prop_assert_eq!(progress.to_date, actual);
        let projection = progress.projection.unwrap();
        prop_assert!(!projection.estimate);
        prop_assert_eq!(projection.counts, actual);
        prop_assert_eq!(projection.meets_target, target.is_met(&actual));
    }

    /// The need per remaining month is enough, and one fewer a month is not (see the module
    /// docs for the exact statement).
    #[test]
    fn need_per_month_is_minimal(
        series in full_series(),
        target in target(),
        through in 1u32..=11,
        mid_month in any::<bool>(),
    ) {
        let year = series.year();
        // As of the end of month `through`, or the 10th of the month after (reported, so
        // covered in part).
        let as_of = if mid_month {
            NaiveDate::from_ymd_opt(year, through + 1, 10).unwrap()
        } else {
            month_end(year, through)
        };
        let progress = Progress::year_to_date(&series, &target, as_of, &Rounding::default())
            .unwrap();
        let Some(need) = progress.need else {
            // Nothing arose to date: no need is computed.
            prop_assert!(progress.to_date.is_not_applicable());
            return Ok(());
        };
        let months = u64::from(need.remaining_months);
        prop_assert_eq!(months, u64::from(12 - through));
        let comparison = target.comparison();

        let base = progress.to_date;
        match need.per_month.convert {
            Records::Needed(k) => {
                let records = (k * months).min(room(base, comparison));
                let after = Lever::Convert.apply(base, comparison, records).unwrap();
                prop_assert_eq!(target.is_met(&after), Some(true));
                if k > 0 {
                    let fewer = Lever::Convert.apply(base, comparison, (k - 1) * months).unwrap();
                    prop_assert_eq!(target.is_met(&fewer), Some(false));
                }
            }
            Records::Impossible => {
                prop_assert_eq!(need.total.convert, Records::Impossible);
                prop_assert_eq!(
                    target.records_needed(&base, Lever::Convert),
                    Some(Records::Impossible)
                );
            }
        }

        let projected = progress.projection.unwrap().counts;
        match need.per_month.add {
            Records::Needed(k) => {
                let after = Lever::Add.apply(projected, comparison, k * months).unwrap();
                prop_assert_eq!(target.is_met(&after), Some(true));
                if k > 0 {
                    let fewer = Lever::Add.apply(projected, comparison, (k - 1) * months).unwrap();
                    prop_assert_eq!(target.is_met(&fewer), Some(false));
                }
            }
            Records::Impossible => {
                prop_assert_eq!(
                    target.records_needed(&projected, Lever::Add),
                    Some(Records::Impossible)
                );
            }
        }
    }

    /// The elapsed share of a period is days elapsed ÷ days, from 0 before it to 1 at its end,
    /// and never decreases.
    #[test]
    fn elapsed_share_is_monotone(year in year(), day in 0u32..366, later in 0u32..366) {
        let period = Period::year(year).unwrap();
        let start = period.start();
        let at = |n: u32| start + chrono::Days::new(u64::from(n));
        let (a, b) = (day.min(later), day.max(later));
        prop_assert!(period.elapsed_share(at(a)) <= period.elapsed_share(at(b)));
        prop_assert_eq!(period.days_elapsed(at(a)), u64::from(a + 1).min(period.days()));
    }
}
