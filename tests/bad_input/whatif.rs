//! Scenarios (JSON and code), monthly series, costs and goals of the least-effort planner.

use cchc::limits::{MAX_CHANGES, MAX_DATES};
use cchc::rule::Lever;
use cchc::time::{MonthlySeries, Period, SeriesKind};
use cchc::whatif::{Change, Costs, Goal, LeastEffortPlan, Scenario};
use cchc::{Counts, CriteriaSet, ErrorKind, Id, Observations};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Want, refused};

fn set() -> CriteriaSet {
    CriteriaSet::reference()
}

fn base() -> Observations {
    Observations::builder("X", 2023)
        .counts("II.4", 90, 300)
        .not_done("I.1a")
        .build(&set())
        .unwrap()
}

fn id(text: &str) -> Id {
    Id::new(text).unwrap()
}

fn convert(records: u64) -> Change {
    Change::AddRecords {
        criterion: id("II.4"),
        lever: Lever::Convert,
        records,
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// 33. A scenario's JSON: a float where a whole number of records goes, and TOML's internal
//     date form, are refused, the change's criterion named.
#[test]
fn scenario_json_says_where() {
    let json = Scenario::new(base()).with(convert(1)).to_json().unwrap();
    let err = Scenario::from_json(&json.replace("\"records\": 1", "\"records\": 1.5"), &set())
        .unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("II.4"),
            says: "the number 1.5 is not a whole number",
            ..Want::default()
        },
    );
    let dated = r#"{"change": "complete_on", "criterion": "I.1a", "date": {"$__toml_private_datetime": "2023-01-01"}}"#;
    let err = Scenario::from_json(
        &json.replace("\"changes\": [", &format!("\"changes\": [{dated},")),
        &set(),
    )
    .unwrap_err();
    refused(
        &err,
        ErrorKind::UnknownKey,
        Want {
            says: "I.1a: cannot read JSON at line 14, column 4: unknown field `$__toml_private_datetime`, expected a date written as a string such as \"2023-05-10\"",
            item: Some("I.1a"),
            key: Some("$__toml_private_datetime"),
            ..Want::default()
        },
    );
    // Where the reader sees only a float's binary value (2), its hint gives a fixed example,
    // not a string of that value ("2", which is not what was written).
    let points = r#"{"change": "set_points", "criterion": "II.9", "points": 1.9999999999999999}"#;
    let err = Scenario::from_json(
        &json.replace("\"changes\": [", &format!("\"changes\": [{points},")),
        &set(),
    )
    .unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("II.9"),
            says: "write the decimal as a string, such as \"1.5\"",
            ..Want::default()
        },
    );
    assert!(!err.to_string().contains("\"2\""), "{err}");
    assert_eq!(
        Scenario::from_json(&format!("\u{feff}{json}"), &set())
            .unwrap()
            .changes()
            .len(),
        1
    );
}

// 55. Duplicate keys in a scenario's base are refused, as in an observations file (the base
//     was read as a `serde_json::Value`, the last of them winning), and the base's errors are
//     placed in the scenario's text and named `base`.
#[test]
fn scenario_bases_are_read_as_written() {
    let json = Scenario::new(base()).to_json().unwrap();
    // {"base": {"ward": "X", "ward": "Y", …
    let twice = json.replacen("\"ward\": \"X\"", "\"ward\": \"X\", \"ward\": \"Y\"", 1);
    let err = Scenario::from_json(&twice, &set()).unwrap_err();
    let line = json.lines().position(|l| l.contains("\"ward\"")).unwrap() + 1;
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("base"),
            key: Some("ward"),
            says: &format!("base: cannot read JSON at line {line}, column "),
            ..Want::default()
        },
    );
    assert!(
        err.to_string().ends_with(": key `ward` is given twice"),
        "{err}"
    );
    assert_eq!(err.line(), Some(line));
    // On the base's first line: the column is the scenario's.
    let inline = r#"{"base": {"ward": "X", "year": 2023, "year": 2024}}"#;
    let err = Scenario::from_json(inline, &set()).unwrap_err();
    // The base begins at character 10 (after `{"base": `); serde_json stops at the closing
    // quote of the second `"year"`, character 34 of the base: 10 + 34 - 1 = 43.
    assert_eq!((err.line(), err.column()), (Some(1), Some(43)), "{err}");
    assert_eq!(err.key(), Some("year"));
}

// 34. A change refused leaves the observations as they were; a scenario whose change is
//     refused is refused whole.
#[test]
fn refused_changes_leave_nothing_half_applied() {
    let mut obs = base();
    let before = obs.clone();
    let err = convert(211).apply(&set(), &mut obs).unwrap_err();
    let says = "II.4: cannot apply `convert 211 existing records`: cannot convert 211 records: only 210 remain";
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            value: Some("211"),
            says,
            ..Want::default()
        },
    );
    assert_eq!(obs, before);
    let dates = Change::HoldOnDates {
        criterion: id("VII.29"),
        dates: vec![day(2023, 6, 30); MAX_DATES + 1],
    };
    let err = dates.apply(&set(), &mut obs).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("VII.29"),
            key: Some("held_on"),
            says: "more than 1000 dates held",
            ..Want::default()
        },
    );
    assert_eq!(obs, before);
    let scenario = Scenario::new(base()).with(convert(10)).with(convert(201));
    refused(
        &scenario.observations(&set()).unwrap_err(),
        ErrorKind::InvalidValue,
        Want {
            says: "II.4: cannot apply `convert 201 existing records`: cannot convert 201 records: only 200 remain",
            item: Some("II.4"),
            value: Some("201"),
            ..Want::default()
        },
    );
}

// 35. Dates of changes outside the range, through the API: refused when applied, and never
//     written where no reader would take them.
#[test]
fn changes_out_of_range_are_neither_applied_nor_written() {
    let change = Change::CompleteOn {
        criterion: id("I.1a"),
        date: NaiveDate::MIN,
    };
    let scenario = Scenario::new(base()).with(change);
    let says = "date -262143-01-01 is outside 1900-01-01 to 2199-12-31";
    refused(
        &scenario.observations(&set()).unwrap_err(),
        ErrorKind::InvalidValue,
        Want {
            item: Some("I.1a"),
            value: Some("-262143-01-01"),
            says,
            ..Want::default()
        },
    );
    refused(
        &scenario.to_json().unwrap_err(),
        ErrorKind::InvalidValue,
        Want {
            item: Some("I.1a"),
            key: Some("date"),
            says,
            ..Want::default()
        },
    );
}

// 36. More changes than a scenario may have.
#[test]
fn too_many_changes_are_refused() {
    let scenario = Scenario::new(base()).with(convert(1));
    let many = (0..MAX_CHANGES).fold(scenario, |s, _| {
        s.with(Change::MarkDone {
            criterion: id("V.18"),
        })
    });
    refused(
        &many.observations(&set()).unwrap_err(),
        ErrorKind::Limit,
        Want {
            key: Some("changes"),
            says: "more than 10000 changes",
            ..Want::default()
        },
    );
}

fn series(months: &[(u32, u64, u64)]) -> cchc::Result<MonthlySeries> {
    let months: Vec<(u32, Counts)> = months
        .iter()
        .map(|&(m, n, d)| (m, Counts::new(n, d).unwrap()))
        .collect();
    MonthlySeries::from_months(2023, SeriesKind::PerMonth, months)
}

// 37. Monthly series: a month that does not exist, a month twice, a year out of range, a
//     cumulative series that falls.
#[test]
fn series_refuse_impossible_months() {
    refused(
        &series(&[(13, 1, 2)]).unwrap_err(),
        ErrorKind::InvalidValue,
        Want {
            value: Some("13"),
            says: "month 13 does not exist (allowed: 1 to 12)",
            ..Want::default()
        },
    );
    refused(
        &series(&[(2, 1, 2), (2, 1, 3)]).unwrap_err(),
        ErrorKind::DuplicateId,
        Want {
            key: Some("month"),
            value: Some("2"),
            says: "month 2 is given twice",
            ..Want::default()
        },
    );
    let err = MonthlySeries::from_months(i32::MIN, SeriesKind::PerMonth, []).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            value: Some("-2147483648"),
            says: "(allowed: 1900 to 2199)",
            ..Want::default()
        },
    );
    let falls = [
        (1, Counts::new(5, 10).unwrap()),
        (2, Counts::new(4, 12).unwrap()),
    ];
    let err = MonthlySeries::from_months(2023, SeriesKind::Cumulative, falls).unwrap_err();
    let says = "cumulative numerator falls from 5 in month 1 to 4 in month 2";
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            key: Some("numerator"),
            value: Some("4"),
            says,
            ..Want::default()
        },
    );
}

// 38. A sum of months beyond u64: the month that took it there is named.
#[test]
fn series_overflow_names_the_month() {
    let s = series(&[(1, u64::MAX, u64::MAX), (2, 1, 1)]).unwrap();
    let says = "2023-02: arithmetic overflow while computing a sum of counts";
    refused(
        &s.total(&Period::quarter(2023, 1).unwrap()).unwrap_err(),
        ErrorKind::Limit,
        Want {
            item: Some("2023-02"),
            says,
            ..Want::default()
        },
    );
    refused(
        &s.to_cumulative().unwrap_err(),
        ErrorKind::Limit,
        Want {
            item: Some("2023-02"),
            says,
            ..Want::default()
        },
    );
}

// 39. Series written and read back at the extremes: counts above i64 are written as strings
//     of digits in TOML and JSON.
#[test]
fn series_at_the_extremes_read_back() {
    let s = series(&[(1, u64::MAX, u64::MAX), (12, 0, 0)]).unwrap();
    let toml = toml::to_string(&s).unwrap();
    assert!(toml.contains("\"18446744073709551615\""), "{toml}");
    assert_eq!(toml::from_str::<MonthlySeries>(&toml).unwrap(), s);
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(serde_json::from_str::<MonthlySeries>(&json).unwrap(), s);
    let float = json.replace("\"numerator\":0", "\"numerator\":0.5");
    assert!(
        serde_json::from_str::<MonthlySeries>(&float)
            .unwrap_err()
            .to_string()
            .contains("not a whole number")
    );
}

// 40. Costs and goals: a negative cost, a goal beyond 100, a band the set does not have, a
//     cost beyond the decimal range (the criterion named), and floats in their JSON.
#[test]
fn costs_and_goals_say_what_is_wrong() {
    let plan = |goal: &Goal, costs: &Costs| LeastEffortPlan::find(&set(), &base(), goal, costs);
    let ninety = Goal::Index(Decimal::from(10));
    let err = plan(
        &ninety,
        &Costs::new().per_record(id("II.4"), Decimal::NEGATIVE_ONE),
    )
    .unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            value: Some("-1"),
            says: "cost per record -1 is negative",
            ..Want::default()
        },
    );
    let err = plan(&Goal::Index(Decimal::from(150)), &Costs::new()).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            says: "percentage 150 is outside 0 to 100",
            value: Some("150"),
            ..Want::default()
        },
    );
    let err = plan(&Goal::Band("Nope".into()), &Costs::new()).unwrap_err();
    refused(
        &err,
        ErrorKind::UnknownId,
        Want {
            value: Some("Nope"),
            says: "no rating band is labelled \"Nope\"",
            ..Want::default()
        },
    );
    let err = plan(&ninety, &Costs::new().per_record(id("II.4"), Decimal::MAX)).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("II.4"),
            says: "II.4: arithmetic overflow while computing the cost of the plan",
            ..Want::default()
        },
    );
    let err = serde_json::from_str::<Costs>(r#"{"per_record": {"II.4": 1.5}}"#).unwrap_err();
    assert!(
        err.to_string()
            .contains("write the decimal as a string, such as \"1.5\""),
        "{err}"
    );
    let err = serde_json::from_str::<Goal>(r#"{"index": 90.5}"#).unwrap_err();
    assert!(
        err.to_string().contains("write the decimal as a string"),
        "{err}"
    );
}
