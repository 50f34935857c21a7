//! Scenarios: a base and changes. No change reproduces the base exactly; each change kind
//! moves exactly its criterion; refusals name the criterion and the change.

use cchc::rule::Lever;
use cchc::whatif::{Change, Scenario};
use cchc::{
    Counts, CriteriaSet, Error, ErrorKind, Evidence, Id, Observations, Observed, Scorecard,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn base() -> (CriteriaSet, Observations) {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(include_str!("data/ward_2023.toml"), &set).unwrap();
    (set, obs)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn id(id: &str) -> Id {
    Id::new(id).unwrap()
}

/// A scenario scored, the one way: its observations through `Scorecard::score`.
fn score(set: &CriteriaSet, scenario: &Scenario) -> Scorecard {
    Scorecard::score(set, &scenario.observations(set).unwrap()).unwrap()
}

fn points_after(change: Change) -> Decimal {
    let (set, obs) = base();
    let id = change.criterion().clone();
    let card = score(&set, &Scenario::new(obs).with(change));
    card.criterion(id.as_str()).unwrap().points
}

#[test]
fn no_change_reproduces_the_base() {
    let (set, obs) = base();
    let scenario = Scenario::new(obs.clone());
    assert_eq!(scenario.observations(&set).unwrap(), obs);
    assert_eq!(
        score(&set, &scenario),
        Scorecard::score(&set, &obs).unwrap()
    );
    // 69.94 worked out criterion by criterion in tests/least_effort.rs.
    assert_eq!(score(&set, &scenario).summary.total_points, dec!(69.94));
}

#[test]
fn each_change_kind_moves_its_criterion() {
    // II.4 90/300 of 35%: 15 converted → 105/300 = 35% → 5.00; 24 added → 114/324 ≥ 35%.
    let convert = Change::AddRecords {
        criterion: id("II.4"),
        lever: Lever::Convert,
        records: 15,
    };
    assert_eq!(points_after(convert), dec!(5.00));
    let add = Change::AddRecords {
        criterion: id("II.4"),
        lever: Lever::Add,
        records: 23,
    };
    // 113/323 = 34.98% → 5 × 0.34984/0.35 = 4.9977 → 5.00 rounded (partial).
    assert_eq!(points_after(add), dec!(5.00));
    // II.6 set to 10/200 = 5% of 20% → 3 × 0.25 = 0.75.
    let counts = Change::SetCounts {
        criterion: id("II.6"),
        numerator: 10,
        denominator: 200,
    };
    assert_eq!(points_after(counts), dec!(0.75));
    assert_eq!(
        points_after(Change::MarkDone {
            criterion: id("V.19")
        }),
        dec!(1.00)
    );
    // VII.26c: by 31/01/2023; 20/01 is on time → 1 (it was late: 0.50).
    let on_time = Change::CompleteOn {
        criterion: id("VII.26c"),
        date: date(2023, 1, 20),
    };
    assert_eq!(points_after(on_time), dec!(1.00));
    // II.8e: Quý IV window; held 15/08 (half) and now 02/11 too → full 1.
    let held = Change::HoldOn {
        criterion: id("II.8e"),
        date: date(2023, 11, 2),
    };
    assert_eq!(points_after(held), dec!(1.00));
    // VII.29: a meeting in the second half as well → 3 × 2/2 = 3.
    let second = Change::HoldOn {
        criterion: id("VII.29"),
        date: date(2023, 9, 1),
    };
    assert_eq!(points_after(second), dec!(3.00));
    let points = Change::SetPoints {
        criterion: id("II.9"),
        points: dec!(2),
    };
    assert_eq!(points_after(points), dec!(2.00));
    assert_eq!(
        points_after(Change::SetCount {
            criterion: id("VII.27a"),
            count: 0
        }),
        dec!(0.00)
    );
    // VI.20 was 0 (11/12 of 100%); không phát sinh scores full points.
    assert_eq!(
        points_after(Change::MarkNotApplicable {
            criterion: id("VI.20")
        }),
        dec!(3.00)
    );
}

#[test]
fn changes_apply_in_order_and_keep_the_rest() {
    let (set, obs) = base();
    let scenario = Scenario::new(obs.clone())
        .with(Change::SetCounts {
            criterion: id("II.4"),
            numerator: 0,
            denominator: 10,
        })
        .with(Change::AddRecords {
            criterion: id("II.4"),
            lever: Lever::Convert,
            records: 3,
        });
    let after = scenario.observations(&set).unwrap();
    assert_eq!(
        after.value("II.4"),
        &Observed::Reported(Evidence::Counts(Counts::new(3, 10).unwrap()))
    );
    for (id, o) in obs.iter().filter(|(id, _)| *id != "II.4") {
        assert_eq!(after.get(id.as_str()), Some(o), "{id}");
    }
    // Records added to không phát sinh start from 0/0.
    let na = Scenario::new(obs)
        .with(Change::MarkNotApplicable {
            criterion: id("II.6"),
        })
        .with(Change::AddRecords {
            criterion: id("II.6"),
            lever: Lever::Add,
            records: 4,
        });
    assert_eq!(
        na.observations(&set).unwrap().value("II.6"),
        &Observed::Reported(Evidence::Counts(Counts::new(4, 4).unwrap()))
    );
}

fn refusal(change: Change) -> Error {
    let (set, obs) = base();
    Scenario::new(obs)
        .with(change)
        .observations(&set)
        .unwrap_err()
}

#[test]
fn refusals_name_the_criterion_and_the_change() {
    let cases = [
        (
            Change::MarkDone {
                criterion: id("II.99"),
            },
            "II.99: cannot apply `mark done`: unknown criterion id",
        ),
        (
            Change::MarkDone {
                criterion: id("II.4"),
            },
            "II.4: cannot apply `mark done`: done / not done does not fit a target measured by counts",
        ),
        (
            Change::AddRecords {
                criterion: id("V.19"),
                lever: Lever::Add,
                records: 1,
            },
            "V.19: cannot apply `add 1 new records`: counts does not fit a target measured by done / not done",
        ),
        (
            // 90/300: 210 remain.
            Change::AddRecords {
                criterion: id("II.4"),
                lever: Lever::Convert,
                records: 211,
            },
            "II.4: cannot apply `convert 211 existing records`: cannot convert 211 records: only 210 remain",
        ),
        (
            Change::SetCounts {
                criterion: id("II.4"),
                numerator: 301,
                denominator: 300,
            },
            "II.4: cannot apply `set counts to 301/300`: numerator 301 exceeds denominator 300",
        ),
        (
            Change::SetPoints {
                criterion: id("II.9"),
                points: dec!(2.5),
            },
            "II.9: cannot apply `set assessor points to 2.5`: assessor points of 2.5 points is above the maximum of 2",
        ),
        (
            Change::SetPoints {
                criterion: id("II.9"),
                points: dec!(-1),
            },
            "II.9: cannot apply `set assessor points to -1`: assessor points -1 is negative",
        ),
        (
            Change::CompleteOn {
                criterion: id("VII.29"),
                date: date(2023, 1, 1),
            },
            "VII.29: cannot apply `complete on 2023-01-01`: a completion date does not fit a target measured by dates held",
        ),
        (
            Change::SetCategory {
                criterion: id("II.9"),
                category: id("chairman"),
            },
            "II.9: cannot apply `set the category to \"chairman\"`: a category does not fit a target measured by assessor points",
        ),
    ];
    for (change, message) in cases {
        let err = refusal(change.clone());
        assert_eq!(err.to_string(), message, "{change}");
        assert_eq!(err.item(), Some(change.criterion().as_str()));
    }
}

#[test]
fn records_on_missing_counts_or_past_u64_are_refused() {
    let set = CriteriaSet::reference();
    let empty = Observations::new("X", 2023);
    let err = Scenario::new(empty)
        .with(Change::AddRecords {
            criterion: id("II.4"),
            lever: Lever::Add,
            records: 1,
        })
        .observations(&set)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "II.4: cannot apply `add 1 new records`: no counts are reported for this prop rule to add records to: set counts first"
    );
    let full = Observations::builder("X", 2023)
        .counts("II.4", u64::MAX - 1, u64::MAX)
        .build(&set)
        .unwrap();
    let err = Scenario::new(full)
        .with(Change::AddRecords {
            criterion: id("II.4"),
            lever: Lever::Add,
            records: 2,
        })
        .observations(&set)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert_eq!(
        err.to_string(),
        "II.4: cannot apply `add 2 new records`: arithmetic overflow while computing counts"
    );
}

#[test]
fn a_refused_change_leaves_the_observations_alone() {
    let (set, mut obs) = base();
    let before = obs.clone();
    let change = Change::AddRecords {
        criterion: id("II.4"),
        lever: Lever::Convert,
        records: 500,
    };
    assert!(change.apply(&set, &mut obs).is_err());
    assert_eq!(obs, before);
}

#[test]
fn scenarios_round_trip_through_json() {
    let (set, obs) = base();
    let scenario = Scenario::new(obs)
        .with(Change::AddRecords {
            criterion: id("II.4"),
            lever: Lever::Convert,
            records: 15,
        })
        .with(Change::CompleteOn {
            criterion: id("VII.26c"),
            date: date(2023, 1, 20),
        })
        .with(Change::SetPoints {
            criterion: id("II.9"),
            points: dec!(1.75),
        })
        .with(Change::HoldOnDates {
            criterion: id("VII.29"),
            dates: vec![date(2023, 3, 15), date(2023, 9, 15)],
        });
    let json = scenario.to_json().unwrap();
    assert!(json.contains(r#""dates": ["#) && json.contains(r#""2023-09-15""#));
    assert!(json.contains(r#""change": "add_records""#));
    assert!(json.contains(r#""points": "1.75""#));
    assert_eq!(Scenario::from_json(&json, &set).unwrap(), scenario);
    let bad = json.replace("\"records\": 15", "\"records\": 999");
    assert_eq!(
        Scenario::from_json(&bad, &set).unwrap_err().item(),
        Some("II.4")
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct("proptest-regressions/scenario.txt"))),
        ..ProptestConfig::default()
    })]
    /// Law: a scenario with no changes scores exactly as its base, whatever the base.
    #[test]
    fn no_change_is_the_identity(
        counts in prop::collection::vec((0u64..=50, 0u64..=50), 5),
        done in any::<bool>(),
        points in 0i64..=200,
    ) {
        let set = CriteriaSet::reference();
        let ids = ["II.3", "II.4", "II.12", "VI.23", "V.17"];
        let mut obs = Observations::builder("X", 2023);
        for (id, (a, b)) in ids.iter().zip(counts) {
            obs = obs.counts(id, a.min(b), a.max(b));
        }
        let obs = obs
            .done("V.18", done)
            .points("II.9", Decimal::new(points, 2))
            .build(&set)
            .unwrap();
        let scenario = Scenario::new(obs.clone());
        prop_assert_eq!(score(&set, &scenario), Scorecard::score(&set, &obs).unwrap());
    }
}

#[test]
fn the_base_is_written_as_an_observations_file() {
    let set = CriteriaSet::reference();
    // A scenario written by hand: the base in the observations-file shape, TOML-style dates as strings.
    let text = r#"{
        "base": {"ward": "W", "year": 2023,
                 "observations": {"II.4": {"numerator": 90, "denominator": 300},
                                  "I.1a": {"completed_on": "2023-01-15"}}},
        "changes": [{"change": "complete_on", "criterion": "I.2a", "date": "2023-01-20"}]
    }"#;
    let scenario = Scenario::from_json(text, &set).unwrap();
    assert_eq!(scenario.base().len(), 2);
    let card = score(&set, &scenario);
    assert_eq!(card.criterion("I.2a").unwrap().points, dec!(2.00));
    let json: serde_json::Value = serde_json::from_str(&scenario.to_json().unwrap()).unwrap();
    assert_eq!(
        json["base"]["observations"]["I.1a"]["completed_on"],
        "2023-01-15"
    );
    // Unknown keys and loose dates are refused, not dropped.
    let typo = text.replace("\"changes\"", "\"chnages\"");
    let err = Scenario::from_json(&typo, &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownKey, "{err}");
    assert_eq!(err.key(), Some("chnages"), "{err}");
    let loose = text.replace("2023-01-20", "2023-1-20");
    let err = Scenario::from_json(&loose, &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax, "{err}");
    let costs = serde_json::from_str::<cchc::whatif::Costs>(r#"{"per_recrod": {"II.4": "2"}}"#);
    assert!(costs.unwrap_err().to_string().contains("per_recrod"));
}

#[test]
fn meetings_on_dates_are_described_five_at_most() {
    let day = |m: u32| NaiveDate::from_ymd_opt(2023, m, 10).unwrap();
    let change = |n: u32| Change::HoldOnDates {
        criterion: Id::new("VII.29").unwrap(),
        dates: (1..=n).map(day).collect(),
    };
    // Two dates: both named.
    let two = change(2);
    assert_eq!(
        two.describe().vi(),
        "tổ chức các ngày 10/01/2023, 10/02/2023"
    );
    assert_eq!(two.describe().en(), "hold on 2023-01-10, 2023-02-10");
    assert_eq!(two.to_string(), "VII.29: hold on 2023-01-10, 2023-02-10");
    // Seven dates: the first five, and how many more.
    let seven = change(7);
    assert_eq!(
        seven.describe().en(),
        "hold on 2023-01-10, 2023-02-10, 2023-03-10, 2023-04-10, 2023-05-10 and 2 more days"
    );
    assert!(seven.describe().vi().ends_with("10/05/2023 và 2 ngày khác"));
}
