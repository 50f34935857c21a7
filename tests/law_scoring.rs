//! Laws of scoring, by proptest: bounds, totals, monotonicity, round trips, and refusal
//! without panics.

use cchc::rule::Lever;
use cchc::testing::observations;
use cchc::{CriteriaSet, Evidence, Observations, Observed, Plan, Scorecard, Summary};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

/// One observation per reference criterion (or none, or không phát sinh), of the kind its
/// rule reads, within range: `cchc::testing::observations`. It draws what the seeds drew here
/// before, and more: counts up to 10¹² with the edges (0 of 0, all, none) often; completion
/// and held dates from October before the year to March after it; counts 0 to 11 for the count
/// steps; assessor points in every hundredth from 0 to the maximum.
fn reference_observations() -> impl Strategy<Value = Observations> {
    observations(&CriteriaSet::reference())
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_scoring.txt"))),
        ..ProptestConfig::with_cases(
            // PROPTEST_CASES (the deeper runs of .ci/deep-props.sh) overrides the default.
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(128),
        )
    })]

    /// Bounds: 0 ≤ points ≤ max for every criterion, and 0 ≤ index ≤ 100.
    #[test]
    fn points_and_index_are_bounded(obs in reference_observations()) {
        let set = CriteriaSet::reference();
        let card = Scorecard::score(&set, &obs).unwrap();
        for line in &card.criteria {
            let max = set.criterion(line.id.as_str()).unwrap().max_points();
            prop_assert!(line.points >= Decimal::ZERO && line.points <= max, "{} {}", line.id, line.points);
            prop_assert!(line.max_points <= max);
        }
        let index = card.summary.index.unwrap();
        prop_assert!(index >= Decimal::ZERO && index <= Decimal::ONE_HUNDRED);
        prop_assert_eq!(card.summary.band.is_some(), true);
    }

    /// Totals: the total is the sum of the criteria's rounded points and of the fields'.
    #[test]
    fn total_is_the_sum_of_criteria(obs in reference_observations()) {
        let card = Scorecard::score(&CriteriaSet::reference(), &obs).unwrap();
        let criteria: Decimal = card.criteria.iter().map(|c| c.points).sum();
        let fields: Decimal = card.fields.iter().map(|f| f.points).sum();
        prop_assert_eq!(card.summary.total_points, criteria);
        prop_assert_eq!(card.summary.total_points, fields);
        prop_assert_eq!(card.summary.max_points, card.criteria.iter().map(|c| c.max_points).sum::<Decimal>());
    }

    /// Monotonicity: converting more records never lowers a monotone rule's points.
    #[test]
    fn more_records_never_lower_points(base in reference_observations(), k in 0u64..500) {
        let set = CriteriaSet::reference();
        let before = Scorecard::score(&set, &base).unwrap();
        let mut raised = base.clone();
        for leaf in set.leaves().filter(|l| l.rule.is_monotone()) {
            if let Observed::Reported(Evidence::Counts(c)) = base.value(leaf.criterion.id().as_str()) {
                let target = leaf.rule.full_target().unwrap();
                let k = k.min(c.remaining());
                let more = Lever::Convert.apply(*c, target.comparison(), k).unwrap();
                raised.set(leaf.criterion.id().clone(), Observed::Reported(Evidence::Counts(more)));
            }
        }
        let after = Scorecard::score(&set, &raised).unwrap();
        for (b, a) in before.criteria.iter().zip(&after.criteria) {
            prop_assert!(a.points >= b.points, "{}: {} → {}", a.id, b.points, a.points);
        }
        prop_assert!(after.summary.total_points >= before.summary.total_points);
    }

    /// Round trips: observations (TOML, JSON) and the scorecard (JSON).
    #[test]
    fn observations_and_scorecards_round_trip(obs in reference_observations()) {
        let set = CriteriaSet::reference();
        prop_assert_eq!(&Observations::from_toml(&obs.to_toml().unwrap(), &set).unwrap(), &obs);
        prop_assert_eq!(&Observations::from_json(&obs.to_json().unwrap(), &set).unwrap(), &obs);
        let card = Scorecard::score(&set, &obs).unwrap();
        prop_assert_eq!(Scorecard::from_json(&card.to_json().unwrap()).unwrap(), card);
    }

    /// Refusal: a damaged criteria file yields a set or an error, never a panic; and an
    /// accepted one still scores within bounds.
    #[test]
    fn damaged_criteria_files_never_panic(line in 0usize..600, junk in "[ -~]{0,12}", obs in reference_observations()) {
        let text = CriteriaSet::reference_toml();
        let lines: Vec<&str> = text.lines().collect();
        let at = line % lines.len();
        let mut damaged: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        if let Some((key, _)) = lines[at].split_once(" = ") {
            damaged[at] = format!("{key} = {junk}");
        } else {
            damaged[at] = junk.clone();
        }
        let plan = Plan::song_cau_2023();
        if let Ok(set) = CriteriaSet::from_toml(&damaged.join("\n")) {
            // Plan items are checked apart from reading now: an error or not, never a panic.
            let _ = set.check_plan_items(&plan);
            // Round trips: whatever set was accepted writes and reads back unchanged.
            prop_assert_eq!(&CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap(), &set);
            prop_assert_eq!(&CriteriaSet::from_json(&set.to_json().unwrap()).unwrap(), &set);
            if let Ok(card) = Scorecard::score(&set, &obs) {
                prop_assert!(card.summary.total_points <= card.summary.max_points);
            }
        }
    }

    /// The lean `Summary::score` is the scorecard's summary to the last written digit: the
    /// same values at the same scale (`5.00` is not `5`), which `Debug` shows and `==` does
    /// not, on the reference set and on QĐ 766.
    #[test]
    fn the_summary_is_the_scorecards_to_the_digit(
        reference in reference_observations(),
        qd766 in observations(&CriteriaSet::preset("qd766").unwrap()),
    ) {
        for (set, obs) in [(CriteriaSet::reference(), reference), (CriteriaSet::preset("qd766").unwrap(), qd766)] {
            let lean = Summary::score(&set, &obs).unwrap();
            let card = Scorecard::score(&set, &obs).unwrap();
            prop_assert_eq!(format!("{lean:?}"), format!("{:?}", card.summary));
        }
    }
}

#[test]
fn criteria_set_round_trips() {
    let set = CriteriaSet::reference();
    let plan = Plan::song_cau_2023();
    let back = CriteriaSet::from_json(&set.to_json().unwrap()).unwrap();
    back.check_plan_items(&plan).unwrap();
    assert_eq!(back, set);
}
