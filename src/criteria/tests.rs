//! Unit tests of the criteria set.

use super::*;
use crate::ErrorKind;
use rust_decimal_macros::dec;

#[test]
fn reference_set_is_valid() {
    let set = CriteriaSet::from_toml(presets::REFERENCE_TOML).unwrap();
    assert_eq!(set, CriteriaSet::reference());
    assert_eq!(set.max_points(), dec!(100));
    assert_eq!(set.leaves().count(), 41);
    assert_eq!(set.year(), Some(2023));
    assert_eq!(
        CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap(),
        set
    );
    assert_eq!(
        CriteriaSet::from_json(&set.to_json().unwrap()).unwrap(),
        set
    );
    set.check_plan_items(&crate::Plan::song_cau_2023()).unwrap();
}

#[test]
fn every_problem_is_reported_with_its_id() {
    let broken = presets::REFERENCE_TOML
        .replace("percent = \"35\"", "percent = \"135\"")
        .replace("id = \"II.6\"", "id = \"II.4\"")
        .replace(
            "late_share = \"0.5\", late_until = 2023-12-31 }\n\n[[fields.criteria]]\nid = \"I.1b\"",
            "late_share = \"1.5\", late_until = 2023-12-31 }\n\n[[fields.criteria]]\nid = \"I.1b\"",
        );
    let err = CriteriaSet::from_toml(&broken).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSet);
    let problems: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert!(
        problems.contains(&"II.4: percentage 135 is outside 0 to 100".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.contains(&"I.1a: share 1.5 is outside 0 to 1".to_owned()),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p == "II.4: duplicate criterion id"),
        "{problems:?}"
    );
}

#[test]
fn unknown_plan_items_are_named() {
    let set = CriteriaSet::from_toml(
        &presets::REFERENCE_TOML.replace("plan_item = \"II.4\"", "plan_item = \"II.40\""),
    )
    .unwrap();
    let err = set
        .check_plan_items(&crate::Plan::song_cau_2023())
        .unwrap_err();
    assert_eq!(
        err.problems()[0].to_string(),
        "II.4: unknown plan item id \"II.40\""
    );
}

#[test]
fn lookups_by_id() {
    let set = CriteriaSet::reference();
    let leaf = set.leaf("II.8b").unwrap();
    assert_eq!(leaf.field.id(), "II");
    assert!(set.leaf("II").is_none());
    assert!(set.criterion("VII.30").is_some());
}
