//! Laws of scoring, by proptest: bounds, totals, monotonicity, round trips, and refusal
//! without panics.

use cchc::{Counts, CriteriaSet, Evidence, Lever, Observations, Observed, Plan, Reads, Scorecard};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;

/// One observation per reference criterion, driven by three random numbers.
fn observations(seeds: &[(u8, u64, u64)]) -> Observations {
    let set = CriteriaSet::reference();
    let mut obs = Observations::new("Phường thử", 2023);
    for (leaf, (state, a, b)) in set.leaves().zip(seeds) {
        let id = leaf.criterion.id.clone();
        let value = match state % 8 {
            0 => Observed::Missing,
            1 => Observed::NotApplicable,
            _ => Observed::Reported(match leaf.rule.reads() {
                Reads::Counts => {
                    let n = b % 2_000;
                    Evidence::Counts(Counts::new(a % (n + 1), n).unwrap())
                }
                Reads::Count => Evidence::Count(a % 5),
                Reads::Completion => Evidence::Completed(
                    (a % 4 != 0).then(|| date(2022, 6, 1) + chrono::Days::new(b % 700)),
                ),
                Reads::Dates => Evidence::Held(
                    (0..a % 3)
                        .map(|i| date(2022, 10, 1) + chrono::Days::new((b >> (i * 9)) % 500))
                        .collect(),
                ),
                Reads::Done => Evidence::Done(a % 2 == 0),
                Reads::Points => {
                    let max = leaf.criterion.max_points;
                    Evidence::Points(
                        (Decimal::from(a % 1_000) * max / Decimal::from(999))
                            .round_dp(2)
                            .min(max),
                    )
                }
                _ => unreachable!("the reference set has no other kinds"),
            }),
        };
        obs.set(id, value);
    }
    obs
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn seeds() -> impl Strategy<Value = Vec<(u8, u64, u64)>> {
    prop::collection::vec(any::<(u8, u64, u64)>(), 41)
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/law_scoring.txt"))),
        ..ProptestConfig::with_cases(128)
    })]

    /// Bounds: 0 ≤ points ≤ max for every criterion, and 0 ≤ index ≤ 100.
    #[test]
    fn points_and_index_are_bounded(seeds in seeds()) {
        let set = CriteriaSet::reference();
        let card = Scorecard::score(&set, &observations(&seeds)).unwrap();
        for line in &card.criteria {
            let max = set.criterion(&line.id).unwrap().max_points;
            prop_assert!(line.points >= Decimal::ZERO && line.points <= max, "{} {}", line.id, line.points);
            prop_assert!(line.max_points <= max);
        }
        let index = card.summary.index.unwrap();
        prop_assert!(index >= Decimal::ZERO && index <= Decimal::ONE_HUNDRED);
        prop_assert_eq!(card.summary.band.is_some(), true);
    }

    /// Totals: the total is the sum of the criteria's rounded points and of the fields'.
    #[test]
    fn total_is_the_sum_of_criteria(seeds in seeds()) {
        let card = Scorecard::score(&CriteriaSet::reference(), &observations(&seeds)).unwrap();
        let criteria: Decimal = card.criteria.iter().map(|c| c.points).sum();
        let fields: Decimal = card.fields.iter().map(|f| f.points).sum();
        prop_assert_eq!(card.summary.total_points, criteria);
        prop_assert_eq!(card.summary.total_points, fields);
        prop_assert_eq!(card.summary.max_points, card.criteria.iter().map(|c| c.max_points).sum::<Decimal>());
    }

    /// Monotonicity: converting more records never lowers a monotone rule's points.
    #[test]
    fn more_records_never_lower_points(seeds in seeds(), k in 0u64..500) {
        let set = CriteriaSet::reference();
        let base = observations(&seeds);
        let before = Scorecard::score(&set, &base).unwrap();
        let mut raised = base.clone();
        for leaf in set.leaves().filter(|l| l.rule.is_monotone()) {
            if let Observed::Reported(Evidence::Counts(c)) = base.value(&leaf.criterion.id) {
                let target = leaf.rule.full_target().unwrap().unwrap();
                let k = k.min(c.remaining());
                let more = Lever::Convert.apply(*c, target.comparison(), k).unwrap();
                raised.set(leaf.criterion.id.clone(), Observed::Reported(Evidence::Counts(more)));
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
    fn observations_and_scorecards_round_trip(seeds in seeds()) {
        let set = CriteriaSet::reference();
        let obs = observations(&seeds);
        prop_assert_eq!(&Observations::from_toml(&obs.to_toml().unwrap(), &set).unwrap(), &obs);
        prop_assert_eq!(&Observations::from_json(&obs.to_json().unwrap(), &set).unwrap(), &obs);
        let card = Scorecard::score(&set, &obs).unwrap();
        prop_assert_eq!(Scorecard::from_json(&card.to_json().unwrap()).unwrap(), card);
    }

    /// Refusal: a damaged criteria file yields a set or an error, never a panic; and an
    /// accepted one still scores within bounds.
    #[test]
    fn damaged_criteria_files_never_panic(line in 0usize..600, junk in "[ -~]{0,12}", seeds in seeds()) {
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
        if let Ok(set) = CriteriaSet::from_toml(&damaged.join("\n"), &plan) {
            // Round trips: whatever set was accepted writes and reads back unchanged.
            prop_assert_eq!(&CriteriaSet::from_toml(&set.to_toml().unwrap(), &plan).unwrap(), &set);
            prop_assert_eq!(&CriteriaSet::from_json(&set.to_json().unwrap(), &plan).unwrap(), &set);
            if let Ok(card) = Scorecard::score(&set, &observations(&seeds)) {
                prop_assert!(card.summary.total_points <= card.summary.max_points);
            }
        }
    }
}

#[test]
fn criteria_set_round_trips() {
    let set = CriteriaSet::reference();
    let plan = Plan::song_cau_2023();
    assert_eq!(
        CriteriaSet::from_json(&set.to_json().unwrap(), &plan).unwrap(),
        set
    );
}
