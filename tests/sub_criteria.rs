//! Criteria with sub-criteria: a parent's points are its children's sum, and its status comes
//! from theirs, each judged on exact points.

use cchc::{CriteriaSet, ErrorKind, Id, Observations, Scorecard, Status};
use rust_decimal_macros::dec;

const SET: &str = r#"
name = "parents"

[[bands]]
label_vi = "Đạt"
label_en = "Pass"
from = "50"
to = "100"

[[bands]]
label_vi = "Không đạt"
label_en = "Fail"
from = "0"
to = "50"

[[fields]]
id = "A"
label_vi = "A"
label_en = "A"

[[fields.criteria]]
id = "P"
label_vi = "cha"
label_en = "parent"
max_points = "6"

[[fields.criteria.children]]
id = "P.a"
label_vi = "con a"
label_en = "child a"
max_points = "3"
rule = { kind = "prop", percent = "50" }

[[fields.criteria.children]]
id = "P.b"
label_vi = "con b"
label_en = "child b"
max_points = "3"
rule = { kind = "prop", percent = "50" }

[[fields.criteria]]
id = "Q"
label_vi = "khác"
label_en = "other"
max_points = "2"
not_applicable = "leave_out"
rule = { kind = "done" }
"#;

fn set() -> CriteriaSet {
    CriteriaSet::from_toml(SET).unwrap()
}

fn score(body: &str) -> Scorecard {
    let set = set();
    let text = format!("ward = \"W\"\nyear = 2023\n{body}");
    Scorecard::score(&set, &Observations::from_toml(&text, &set).unwrap()).unwrap()
}

fn status(card: &Scorecard, id: &str) -> (rust_decimal::Decimal, Status) {
    let line = card.criterion(id).unwrap();
    (line.points, line.status)
}

#[test]
fn parent_rows_come_before_their_children() {
    let card = score("");
    let ids: Vec<_> = card
        .criteria
        .iter()
        .map(|c| (c.id.as_str(), c.parent.as_ref().map(Id::as_str)))
        .collect();
    assert_eq!(
        ids,
        vec![
            ("P", None),
            ("P.a", Some("P")),
            ("P.b", Some("P")),
            ("Q", None)
        ]
    );
}

#[test]
fn parent_status_is_judged_on_the_childrens_exact_points() {
    // 699/1400 = 49.93% of a 50% target: 3 × 699/700 = 2.9957… → 3.00 each, yet partial.
    let card = score(
        "[observations.\"P.a\"]\nnumerator = 699\ndenominator = 1400\n[observations.\"P.b\"]\nnumerator = 699\ndenominator = 1400",
    );
    assert_eq!(status(&card, "P.a"), (dec!(3.00), Status::Partial));
    assert_eq!(status(&card, "P"), (dec!(6.00), Status::Partial));
    let card = score(
        "[observations.\"P.a\"]\nnumerator = 700\ndenominator = 1400\n[observations.\"P.b\"]\nnot_applicable = true",
    );
    assert_eq!(status(&card, "P"), (dec!(6.00), Status::Met));
    let card = score(
        "[observations.\"P.a\"]\nnot_applicable = true\n[observations.\"P.b\"]\nnot_applicable = true",
    );
    assert_eq!(status(&card, "P"), (dec!(6.00), Status::NotApplicable));
    let card = score("");
    assert_eq!(status(&card, "P"), (dec!(0), Status::Missing));
    let card = score("[observations.\"P.a\"]\nnumerator = 0\ndenominator = 10");
    assert_eq!(status(&card, "P"), (dec!(0.00), Status::NotMet));
}

#[test]
fn an_appraisal_cannot_exceed_the_counted_maximum() {
    let set = set();
    // Q left out as không phát sinh counts 0 of 0: no appraised points may be added to it.
    let text = "ward = \"W\"\nyear = 2023\n[observations.Q]\nnot_applicable = true\n[appraisals.Q]\npoints = \"2\"\nreason = \"x\"";
    let obs = Observations::from_toml(text, &set).unwrap();
    let err = Scorecard::score(&set, &obs).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.item(), Some("Q"));
    assert_eq!(
        err.to_string(),
        "Q: appraised points of 2 points is above the maximum of 0"
    );
    let err = Scorecard::index_for(dec!(200), dec!(100), set.rounding()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.value().as_deref(), Some("200"));
    assert_eq!(
        err.to_string(),
        "total of 200 points is above the maximum of 100"
    );
}
