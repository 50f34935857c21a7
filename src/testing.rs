//! Proptest strategies for what-if calculations in your own tests (feature `testing`).
//!
//! - [`counts`] and [`counts_up_to`]: valid [`Counts`] (numerator ≤ denominator), zero
//!   denominators (*không phát sinh*) included;
//! - [`observed_for`]: a value one criterion's rule reads — counts, a count, a completion date,
//!   dates held, done, points within the maximum, a known category — or *không phát sinh*, or
//!   nothing;
//! - [`observations`]: a whole observations file valid against a criteria set: every value is
//!   of the kind its rule reads, within range, for the set's year.
//!
//! In a test (`proptest!` works the same way):
//!
//! ```
//! use cchc::{CriteriaSet, Scorecard};
//! use proptest::test_runner::TestRunner;
//! use rust_decimal::Decimal;
//!
//! let set = CriteriaSet::reference();
//! TestRunner::default()
//!     .run(&cchc::testing::observations(&set), |obs| {
//!         let index = Scorecard::score(&set, &obs).unwrap().summary.index.unwrap();
//!         assert!(index >= Decimal::ZERO && index <= Decimal::ONE_HUNDRED);
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;

use crate::criteria::CriteriaSet;
use crate::observations::Observations;
use crate::rate::{Counts, Observed};
use crate::rule::{Evidence, ScoringRule};

/// Counts with a denominator of at most `max`, numerator ≤ denominator; small values and the
/// edges (0 of 0, all, none) come often.
pub fn counts_up_to(max: u64) -> impl Strategy<Value = Counts> {
    let small = 0..=max.min(1_000);
    let any = 0..=max;
    prop_oneof![3 => small, 1 => any]
        .prop_flat_map(|denominator| {
            prop_oneof![
                1 => Just(0),
                1 => Just(denominator),
                4 => 0..=denominator,
            ]
            .prop_map(move |numerator| (numerator, denominator))
        })
        .prop_filter_map("numerator ≤ denominator", |(n, d)| Counts::new(n, d).ok())
}

/// Counts with a denominator up to 10¹² (a year of đồng, a province's dossiers).
pub fn counts() -> impl Strategy<Value = Counts> {
    counts_up_to(1_000_000_000_000)
}

/// A day of `year`, or of the months around it (from 1 October before to 31 March after),
/// within the dates the crate works with (1900-01-01 to 2199-12-31).
fn day_around(year: i32) -> impl Strategy<Value = NaiveDate> {
    let year = year.clamp(1900, 2199);
    let first = NaiveDate::from_ymd_opt(year - 1, 10, 1)
        .unwrap_or(crate::dates::FIRST)
        .max(crate::dates::FIRST);
    let last = NaiveDate::from_ymd_opt(year + 1, 3, 31)
        .unwrap_or(crate::dates::LAST)
        .min(crate::dates::LAST);
    let days = u64::try_from((last - first).num_days()).unwrap_or(0);
    (0..=days).prop_map(move |offset| first + Days::new(offset))
}

/// A value `rule` reads for a criterion worth `max` points, for the `year` observed — or
/// *không phát sinh*, or nothing reported.
pub fn observed_for(
    rule: &ScoringRule,
    max: Decimal,
    year: i32,
) -> BoxedStrategy<Observed<Evidence>> {
    let reported: BoxedStrategy<Evidence> = match rule {
        ScoringRule::CountSteps(_) => (0u64..12).prop_map(Evidence::Count).boxed(),
        ScoringRule::Categories(categories) => {
            let keys: Vec<_> = categories
                .options()
                .iter()
                .map(|o| o.key().clone())
                .collect();
            proptest::sample::select(keys)
                .prop_map(Evidence::Category)
                .boxed()
        }
        ScoringRule::Deadline(_) => proptest::option::weighted(0.8, day_around(year))
            .prop_map(Evidence::Completed)
            .boxed(),
        ScoringRule::Window(_) | ScoringRule::Frequency(_) => {
            proptest::collection::vec(day_around(year), 0..4)
                .prop_map(Evidence::Held)
                .boxed()
        }
        ScoringRule::Done => any::<bool>().prop_map(Evidence::Done).boxed(),
        ScoringRule::Assessor => {
            let hundredths = (max * Decimal::ONE_HUNDRED).trunc();
            let top = u64::try_from(hundredths.mantissa()).unwrap_or(0);
            (0..=top)
                .prop_map(|h| Evidence::Points(Decimal::new(i64::try_from(h).unwrap_or(0), 2)))
                .boxed()
        }
        _ => counts().prop_map(Evidence::Counts).boxed(),
    };
    prop_oneof![
        1 => Just(Observed::Missing),
        1 => Just(Observed::NotApplicable),
        8 => reported.prop_map(Observed::Reported),
    ]
    .boxed()
}

/// Observations of a ward valid against `set`: for each scored criterion in the set's scope
/// (a province-only criterion takes no value at commune level), a value its rule
/// reads ([`observed_for`]), *không phát sinh*, or nothing; for the set's year (2023 when the
/// set names none).
pub fn observations(set: &CriteriaSet) -> impl Strategy<Value = Observations> + use<> {
    let year = set.year().unwrap_or(2023);
    let leaves: Vec<_> = set
        .leaves()
        .filter(|leaf| set.in_scope(leaf.criterion))
        .map(|leaf| {
            (
                leaf.criterion.id().clone(),
                observed_for(leaf.rule, leaf.criterion.max_points(), year),
            )
        })
        .collect();
    let (ids, values): (Vec<_>, Vec<_>) = leaves.into_iter().unzip();
    values.prop_map(move |values| {
        let mut obs = Observations::new("Phường thử", year);
        for (id, value) in ids.iter().zip(values) {
            obs.set(id.clone(), value);
        }
        obs
    })
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::Scorecard;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(
            // PROPTEST_CASES (the deeper runs of .ci/deep-props.sh) overrides the default.
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(64),
        ))]

        #[test]
        fn generated_observations_are_valid(obs in observations(&CriteriaSet::reference())) {
            let set = CriteriaSet::reference();
            prop_assert!(obs.check(&set).is_ok(), "{:?}", obs.check(&set));
            prop_assert!(Scorecard::score(&set, &obs).is_ok());
        }

        #[test]
        fn generated_observations_are_valid_for_every_preset(
            qd766 in observations(&crate::criteria::presets::qd766()),
            province in observations(&crate::criteria::presets::qd766_province()),
        ) {
            for (obs, set) in [
                (qd766, crate::criteria::presets::qd766()),
                (province, crate::criteria::presets::qd766_province()),
            ] {
                prop_assert!(obs.check(&set).is_ok(), "{:?}", obs.check(&set));
                prop_assert!(Scorecard::score(&set, &obs).is_ok());
            }
        }

        #[test]
        fn counts_are_valid(c in counts()) {
            prop_assert!(c.numerator() <= c.denominator());
        }
    }

    #[test]
    fn days_around_a_year_run_from_october_before_to_march_after() {
        // 2023: from 2022-10-01 to 2024-03-31, 548 days. 3,000 draws reach both quarters
        // beyond the year (each about 1 in 6 of the days), never past either end. At the
        // calendar's ends the range is cut to 1900-01-01 … 2199-12-31.
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let mut runner = TestRunner::deterministic();
        let mut draw = |year| -> Vec<NaiveDate> {
            (0..3000)
                .map(|_| day_around(year).new_tree(&mut runner).unwrap().current())
                .collect()
        };
        let days = draw(2023);
        assert!(
            days.iter()
                .all(|x| (d(2022, 10, 1)..=d(2024, 3, 31)).contains(x))
        );
        assert!(days.iter().any(|x| *x < d(2023, 1, 1)));
        assert!(days.iter().any(|x| *x > d(2023, 12, 31)));
        let days = draw(1900);
        assert!(
            days.iter()
                .all(|x| (d(1900, 1, 1)..=d(1901, 3, 31)).contains(x))
        );
        assert!(days.iter().any(|x| *x > d(1900, 12, 31)));
        let days = draw(2199);
        assert!(
            days.iter()
                .all(|x| (d(2198, 10, 1)..=d(2199, 12, 31)).contains(x))
        );
        assert!(days.iter().any(|x| *x < d(2199, 1, 1)));
    }
}
