//! Criteria sets as data: the reference set's shape, loading, and validation that reports every
//! problem with its id.

use cchc::{CriteriaSet, Error, Plan, ScoringRule};
use rust_decimal_macros::dec;

const SECTION_3_IDS: &[&str] = &[
    "I.1a", "I.1b", "I.2a", "I.2b", "II.3", "II.4", "II.5a", "II.5b", "II.6", "II.7", "II.8a",
    "II.8b", "II.8c", "II.8d", "II.8e", "II.9", "II.12", "III.13", "IV.14", "IV.15", "V.16",
    "V.17", "V.18", "V.19", "VI.20", "VI.21", "VI.22", "VI.23", "VI.24a", "VI.24b", "VI.25a",
    "VI.25b", "VII.26a", "VII.26b", "VII.26c", "VII.27a", "VII.27b", "VII.27c", "VII.28", "VII.29",
    "VII.30",
];

#[test]
fn reference_set_has_every_section_3_criterion_in_order() {
    let set = CriteriaSet::reference();
    let ids: Vec<&str> = set
        .leaves()
        .map(|leaf| leaf.criterion.id.as_str())
        .collect();
    assert_eq!(ids, SECTION_3_IDS);
    for leaf in set.leaves() {
        assert_eq!(
            leaf.criterion.plan_item.as_deref(),
            Some(leaf.criterion.id.as_str())
        );
    }
}

#[test]
fn reference_field_maxima_and_total() {
    let set = CriteriaSet::reference();
    let maxima: Vec<_> = set
        .fields()
        .iter()
        .map(|f| (f.id.as_str(), f.max_points()))
        .collect();
    assert_eq!(
        maxima,
        vec![
            ("I", dec!(8)),
            ("II", dec!(30)),
            ("III", dec!(4)),
            ("IV", dec!(8)),
            ("V", dec!(8)),
            ("VI", dec!(26)),
            ("VII", dec!(16)),
        ]
    );
    assert_eq!(set.max_points(), dec!(100));
}

#[test]
fn reference_rules_match_section_3() {
    let set = CriteriaSet::reference();
    let rule = |id: &str| set.criterion(id).unwrap().rule.clone().unwrap();
    assert_eq!(
        rule("II.4"),
        ScoringRule::ProportionalToTarget { percent: dec!(35) }
    );
    assert!(
        matches!(rule("II.5a"), ScoringRule::AllOrNothing { percent, min_count: Some(10), .. } if percent == dec!(20))
    );
    assert_eq!(
        rule("V.17"),
        ScoringRule::ProportionalToTarget { percent: dec!(95) }
    );
    assert!(matches!(
        rule("VII.29"),
        ScoringRule::Frequency {
            every_months: 6,
            ..
        }
    ));
    assert!(matches!(rule("II.9"), ScoringRule::Assessor));
    assert!(matches!(rule("VI.23"), ScoringRule::RateSteps { ref steps } if steps.len() == 3));
}

#[test]
fn reference_bands() {
    let set = CriteriaSet::reference();
    let band = |i| set.band_for(i).map(|b| b.label_vi.clone());
    assert_eq!(band(dec!(100)).as_deref(), Some("Xuất sắc"));
    assert_eq!(band(dec!(90)).as_deref(), Some("Xuất sắc"));
    assert_eq!(band(dec!(89.99)).as_deref(), Some("Tốt"));
    assert_eq!(band(dec!(80)).as_deref(), Some("Tốt"));
    assert_eq!(band(dec!(70)).as_deref(), Some("Khá"));
    assert_eq!(band(dec!(50)).as_deref(), Some("Trung bình"));
    assert_eq!(band(dec!(49.99)).as_deref(), Some("Yếu"));
    assert_eq!(band(dec!(0)).as_deref(), Some("Yếu"));
}

#[test]
fn toml_and_json_round_trips() {
    let set = CriteriaSet::reference();
    let plan = Plan::song_cau_2023();
    assert_eq!(
        CriteriaSet::from_toml(&set.to_toml().unwrap(), &plan).unwrap(),
        set
    );
    assert_eq!(
        CriteriaSet::from_json(&set.to_json().unwrap(), &plan).unwrap(),
        set
    );
}

const BROKEN: &str = r#"
name = "broken"

[[bands]]
label_vi = "Tốt"
label_en = "Good"
from = "75"
to = "100"

[[bands]]
label_vi = "Khá"
label_en = "Fair"
from = "50"
to = "80"

[[bands]]
label_vi = "Yếu"
label_en = "Weak"
from = "10"
to = "45"

[[fields]]
id = "I"
label_vi = "Thể chế"
label_en = "Institutions"

[[fields.criteria]]
id = "I.1"
label_vi = "a"
label_en = "a"
max_points = "2"
plan_item = "I.99"
rule = { kind = "prop", percent = "120" }

[[fields.criteria]]
id = "I.1"
label_vi = "duplicate"
label_en = "duplicate"
max_points = "2"
rule = { kind = "done" }

[[fields.criteria]]
id = "I.2"
label_vi = "steps"
label_en = "steps"
max_points = "3"
rule = { kind = "rate_steps", steps = [{ at_least = "90", points = "1" }, { at_least = "100", points = "4" }] }

[[fields.criteria]]
id = "I.3"
label_vi = "parent"
label_en = "parent"
max_points = "5"

[[fields.criteria.children]]
id = "I.3a"
label_vi = "child"
label_en = "child"
max_points = "2"
rule = { kind = "done" }

[[fields.criteria.children]]
id = "I.3b"
label_vi = "child"
label_en = "child"
max_points = "2"
rule = { kind = "deadline", date = 2023-06-30, wording = "by", late_share = "1.5", late_until = 2023-12-31 }
"#;

#[test]
fn validation_reports_every_problem_with_its_id() {
    let plan = Plan::song_cau_2023();
    let err = CriteriaSet::from_toml(BROKEN, &plan).unwrap_err();
    let Error::InvalidCriteria { problems } = &err else {
        panic!("expected InvalidCriteria, got {err}");
    };
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expected = [
        "I.1: unknown plan item id \"I.99\"",
        "I.1: percentage 120 is outside 0 to 100",
        "I.1: duplicate criterion id \"I.1\"",
        "I.2: step of 4 points is above the maximum of 3",
        "I.2: steps are not ordered: step 2 (100% → 4 points) must have a lower threshold and no more points than the one before",
        "I.3: sub-criteria add up to 4 points, not the maximum of 5",
        "I.3b: share 1.5 is outside 0 to 1",
        "bands: rating bands leave a gap from 0 to 10",
        "bands: rating bands leave a gap from 45 to 50 between Yếu and Khá",
        "bands: rating bands Khá (50 to 80) and Tốt (75 to 100) overlap",
    ];
    for message in expected {
        assert!(
            messages.iter().any(|m| m == message),
            "missing {message:?} in {messages:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{messages:#?}");
    assert!(problems.iter().all(|p| p.item().is_some()));
}

#[test]
fn malformed_files_are_parse_errors() {
    let plan = Plan::song_cau_2023();
    assert!(matches!(
        CriteriaSet::from_toml("name = ", &plan),
        Err(Error::Parse { format: "TOML", .. })
    ));
    assert!(matches!(
        CriteriaSet::from_json("{", &plan),
        Err(Error::Parse { format: "JSON", .. })
    ));
    let unknown_rule =
        CriteriaSet::reference_toml().replace("kind = \"assessor\"", "kind = \"vibes\"");
    assert!(matches!(
        CriteriaSet::from_toml(&unknown_rule, &plan),
        Err(Error::Parse { .. })
    ));
    let unknown_key = CriteriaSet::reference_toml()
        .replace("max_points = \"5\"", "max_points = \"5\"\ncolour = \"red\"");
    let err = CriteriaSet::from_toml(&unknown_key, &plan).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
}

#[test]
fn rules_that_could_never_give_full_points_or_hold_nonsense_are_refused() {
    let plan = Plan::song_cau_2023();
    let refuse = |from: &str, to: &str, message: &str| {
        let text = CriteriaSet::reference_toml().replacen(from, to, 1);
        assert_ne!(text, CriteriaSet::reference_toml(), "{from} not found");
        let err = CriteriaSet::from_toml(&text, &plan).unwrap_err();
        assert!(err.to_string().contains(message), "{err}");
    };
    refuse(
        "steps = [{ at_least = \"100\", points = \"3\" }, { at_least = \"90\", points = \"1.5\" }]",
        "steps = [{ at_least = \"100\", points = \"2\" }, { at_least = \"90\", points = \"1.5\" }]",
        "II.12: the top step is worth 2 points, not the maximum of 3",
    );
    refuse(
        "max_points = \"5\"",
        "max_points = \"0\"",
        "II.4: maximum points 0 must be above 0",
    );
    refuse(
        "max_points = \"5\"",
        "max_points = \"-0\"",
        "II.4: maximum points 0 must be above 0",
    );
    refuse(
        "rule = { kind = \"frequency\", every_months = 6, start = 2023-01-01, end = 2023-12-31 }",
        "rule = { kind = \"frequency\", every_months = 1, start = 1900-01-01, end = 2023-12-31 }",
        "VII.29: a frequency of one every 1 months from 1900-01-01 to 2023-12-31 has 1488 periods, above the limit of 1200",
    );
    refuse(
        "mode = \"half_away_from_zero\"",
        "mdoe = \"half_even\"",
        "unknown field `mdoe`",
    );
}
