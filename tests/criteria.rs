//! Criteria sets as data: the reference set's shape, loading, and validation that reports every
//! problem with its id.

use cchc::rule::ScoringRule;
use cchc::{CriteriaSet, ErrorKind, Id, Percent, Plan};
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
        .map(|leaf| leaf.criterion.id().as_str())
        .collect();
    assert_eq!(ids, SECTION_3_IDS);
    for leaf in set.leaves() {
        assert_eq!(
            leaf.criterion.plan_item().map(Id::as_str),
            Some(leaf.criterion.id().as_str())
        );
    }
}

#[test]
fn reference_field_maxima_and_total() {
    let set = CriteriaSet::reference();
    let maxima: Vec<_> = set
        .fields()
        .iter()
        .map(|f| (f.id().as_str(), f.max_points()))
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
    let rule = |id: &str| set.criterion(id).unwrap().rule().cloned().unwrap();
    let pct = |value| Percent::new(value).unwrap();
    assert_eq!(
        rule("II.4"),
        ScoringRule::ProportionalToTarget(pct(dec!(35)))
    );
    assert!(
        matches!(rule("II.5a"), ScoringRule::AllOrNothing(target) if target.percent() == pct(dec!(20)) && target.min_count() == Some(10))
    );
    assert_eq!(
        rule("V.17"),
        ScoringRule::ProportionalToTarget(pct(dec!(95)))
    );
    assert!(matches!(
        rule("VII.29"),
        ScoringRule::Frequency(frequency) if frequency.every_months() == 6
    ));
    assert!(matches!(rule("II.9"), ScoringRule::Assessor));
    assert!(matches!(rule("VI.23"), ScoringRule::RateSteps(ref steps) if steps.steps().len() == 3));
}

#[test]
fn reference_bands() {
    let set = CriteriaSet::reference();
    let band = |i| set.band_for(i).map(|b| b.label().vi().to_owned());
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
    let from_toml = CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap();
    from_toml.check_plan_items(&plan).unwrap();
    assert_eq!(from_toml, set);
    let from_json = CriteriaSet::from_json(&set.to_json().unwrap()).unwrap();
    from_json.check_plan_items(&plan).unwrap();
    assert_eq!(from_json, set);
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

/// I.1 of `BROKEN` on its own, with a valid rule: a set whose only problem is its plan item.
const UNKNOWN_PLAN_ITEM: &str = r#"
name = "plan item"

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
rule = { kind = "prop", percent = "20" }
"#;

#[test]
fn validation_reports_every_problem_with_its_id() {
    // Plan items are no longer checked when a set is read (see the CHANGELOG: `from_toml(text)`,
    // no plan argument): I.1's unknown plan item is reported by `check_plan_items`, on a set
    // that is otherwise valid, with its id as before.
    let plan = Plan::song_cau_2023();
    let set = CriteriaSet::from_toml(UNKNOWN_PLAN_ITEM).unwrap();
    let err = set.check_plan_items(&plan).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSet, "{err}");
    let messages: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(messages, ["I.1: unknown plan item id \"I.99\""]);
    assert_eq!(err.problems()[0].item(), Some("I.1"));

    let err = CriteriaSet::from_toml(BROKEN).unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidSet,
        "expected InvalidSet, got {err}"
    );
    let problems = err.problems();
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let expected = [
        "I.1: percentage 120 is outside 0 to 100",
        "I.1: duplicate criterion id",
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
    let syntax = |result: cchc::Result<CriteriaSet>, format: &str| {
        let err = result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Syntax, "{err}");
        assert!(
            err.to_string()
                .starts_with(&format!("cannot read {format}")),
            "{err}"
        );
    };
    syntax(CriteriaSet::from_toml("name = "), "TOML");
    syntax(CriteriaSet::from_json("{"), "JSON");
    let unknown_rule =
        CriteriaSet::reference_toml().replace("kind = \"assessor\"", "kind = \"vibes\"");
    // Inside a criterion, the criterion and the key are named before where the reader stopped.
    let err = CriteriaSet::from_toml(&unknown_rule).unwrap_err();
    assert_eq!(
        (err.kind(), err.item(), err.key()),
        (ErrorKind::Syntax, Some("II.9"), Some("kind"))
    );
    assert!(
        err.to_string()
            .starts_with("II.9: cannot read TOML at line "),
        "{err}"
    );
    let unknown_key = CriteriaSet::reference_toml()
        .replace("max_points = \"5\"", "max_points = \"5\"\ncolour = \"red\"");
    let err = CriteriaSet::from_toml(&unknown_key).unwrap_err();
    assert!(err.to_string().contains("colour"), "{err}");
    assert_eq!(
        (err.kind(), err.item(), err.key()),
        (ErrorKind::UnknownKey, Some("II.4"), Some("colour"))
    );
}

#[test]
fn rules_that_could_never_give_full_points_or_hold_nonsense_are_refused() {
    let refuse = |from: &str, to: &str, message: &str| {
        let text = CriteriaSet::reference_toml().replacen(from, to, 1);
        assert_ne!(text, CriteriaSet::reference_toml(), "{from} not found");
        let err = CriteriaSet::from_toml(&text).unwrap_err();
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

#[test]
fn written_values_are_checked_with_their_criterion_and_key() {
    // Each mistake in a value is a problem of the set, named by the criterion and the key.
    let problem = |from: &str, to: &str| {
        let text = CriteriaSet::reference_toml().replacen(from, to, 1);
        assert_ne!(text, CriteriaSet::reference_toml(), "{from} not found");
        let err = CriteriaSet::from_toml(&text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSet, "{err}");
        let first = err.problems()[0].clone();
        (
            first.item().map(str::to_owned),
            first.key().map(str::to_owned),
            first.to_string(),
        )
    };
    // A date that does not exist, written as a string (as a TOML date literal it is not TOML
    // at all: a syntax error with its line and column).
    let (item, key, message) = problem(
        "date = 2023-01-30, wording = \"before\"",
        "date = \"2023-02-30\", wording = \"before\"",
    );
    assert_eq!(
        (item.as_deref(), key.as_deref()),
        (Some("I.2a"), Some("date"))
    );
    assert!(message.contains("\"2023-02-30\""), "{message}");
    let literal =
        CriteriaSet::reference_toml().replacen("date = 2023-01-30", "date = 2023-02-30", 1);
    let err = CriteriaSet::from_toml(&literal).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    assert!(err.line().is_some(), "{err}");
    // A date outside 1900–2199.
    let (item, key, _) = problem("late_until = 2023-12-31 }", "late_until = 2250-12-31 }");
    assert_eq!(
        (item.as_deref(), key.as_deref()),
        (Some("I.1a"), Some("late_until"))
    );
    // A float where a decimal is written as a string.
    let (item, key, message) = problem("percent = \"35\"", "percent = 35.5");
    assert_eq!(
        (item.as_deref(), key.as_deref()),
        (Some("II.4"), Some("percent"))
    );
    assert!(message.contains("written as a string"), "{message}");
    // A top step at 0%: every report reaches it.
    let (item, _, message) = problem(
        "steps = [{ at_least = \"100\", points = \"3\" }, { at_least = \"90\", points = \"1.5\" }]",
        "steps = [{ at_least = \"0\", points = \"3\" }]",
    );
    assert_eq!(item.as_deref(), Some("II.12"));
    assert!(message.contains("always met"), "{message}");
    // A year outside 1900–2199.
    let (item, key, _) = problem("year = 2023", "year = -5");
    assert_eq!(
        (item.as_deref(), key.as_deref()),
        (Some("year"), Some("year"))
    );
}

#[test]
fn points_finer_than_the_rounding_are_refused() {
    // A maximum of 0.5 kept to 0 decimals would score 1 (0.5 rounds half away from zero to
    // 1), above its maximum; a count step of 2.5, a rate step of 0.5 and a bonus cap of 1.5
    // would be rounded too. Each
    // is named by its criterion (or `bonus`) and key; whole maxima (X.2: 10) pass.
    let set = r#"
name = "Coarse"
rounding = { decimals = 0 }
bonus = { label_vi = "Thưởng", label_en = "Bonus", max_points = "1.5" }
[[fields]]
id = "X"
label_vi = "Thử"
label_en = "Test"
[[fields.criteria]]
id = "X.1"
label_vi = "Nửa điểm"
label_en = "Half"
max_points = "0.5"
rule = { kind = "rate" }
[[fields.criteria]]
id = "X.2"
label_vi = "Mức"
label_en = "Steps"
max_points = "10"
rule = { kind = "count_steps", steps = [{ at_least = 4, points = "10" }, { at_least = 2, points = "2.5" }] }
[[fields.criteria]]
id = "X.3"
label_vi = "Mức tỷ lệ"
label_en = "Rate steps"
max_points = "4"
rule = { kind = "rate_steps", steps = [{ at_least = "90", points = "4" }, { at_least = "50", points = "0.5" }] }
"#;
    let err = CriteriaSet::from_toml(set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSet);
    type Found<'a> = (String, Option<&'a str>, Option<&'a str>, Option<String>);
    let found: Vec<Found<'_>> = err
        .problems()
        .iter()
        .map(|p| (p.to_string(), p.item(), p.key(), p.value()))
        .collect();
    assert_eq!(
        found,
        [
            (
                "X.1: maximum points 0.5 has more decimals than the 0 the set's rounding keeps: give the rounding more decimals".to_owned(),
                Some("X.1"),
                Some("max_points"),
                Some("0.5".to_owned())
            ),
            (
                "X.2: step points 2.5 has more decimals than the 0 the set's rounding keeps: give the rounding more decimals".to_owned(),
                Some("X.2"),
                Some("steps"),
                Some("2.5".to_owned())
            ),
            (
                "X.3: step points 0.5 has more decimals than the 0 the set's rounding keeps: give the rounding more decimals".to_owned(),
                Some("X.3"),
                Some("steps"),
                Some("0.5".to_owned())
            ),
            (
                "bonus: cap 1.5 has more decimals than the 0 the set's rounding keeps: give the rounding more decimals".to_owned(),
                Some("bonus"),
                Some("max_points"),
                Some("1.5".to_owned())
            ),
        ]
    );
    // One decimal keeps them all.
    assert!(CriteriaSet::from_toml(&set.replace("decimals = 0", "decimals = 1")).is_ok());
}

#[test]
fn a_rounding_finer_than_six_decimals_names_its_key_and_value() {
    // Rounding::MAX_DECIMALS is 6: 7 decimals are refused, naming `decimals` and 7 in code,
    // and the `rounding` table with its place in a criteria file; 6 are kept.
    use cchc::rate::{Rounding, RoundingMode};
    let err = Rounding::new(7, RoundingMode::HalfEven).unwrap_err();
    assert_eq!(
        (err.kind(), err.key(), err.value().as_deref()),
        (ErrorKind::InvalidValue, Some("decimals"), Some("7"))
    );
    assert_eq!(
        Rounding::new(6, RoundingMode::HalfEven).unwrap().decimals(),
        6
    );
    let file = "name = \"Fine\"\nrounding = { decimals = 7 }\n[[fields]]\nid = \"X\"\n\
                label_vi = \"X\"\nlabel_en = \"X\"\n[[fields.criteria]]\nid = \"X.1\"\n\
                label_vi = \"X\"\nlabel_en = \"X\"\nmax_points = \"1\"\nrule = { kind = \"done\" }\n";
    let err = CriteriaSet::from_toml(file).unwrap_err();
    assert_eq!(err.key(), Some("rounding"), "{err}");
    assert_eq!(
        err.to_string(),
        "cannot read TOML at line 2, column 12: rounding to 7 decimals is above the limit of 6"
    );
}

#[test]
fn sets_are_equal_by_what_they_hold() {
    // The reference set read again from its text equals the built-in one (not the same
    // allocation); the QĐ 766 set does not, nor the reference set renamed.
    let reference = CriteriaSet::reference();
    let read = CriteriaSet::from_toml(CriteriaSet::reference_toml()).unwrap();
    assert_eq!(read, reference);
    assert_ne!(CriteriaSet::preset("qd766").unwrap(), reference);
    let renamed = CriteriaSet::from_toml(&CriteriaSet::reference_toml().replacen(
        "name = \"Bộ tiêu chí tham chiếu Chỉ số CCHC cấp xã 2023 (cchc)\"",
        "name = \"Bộ khác\"",
        1,
    ))
    .unwrap();
    assert_ne!(renamed, reference);
    // Debug shows what the set says, starting with its name.
    let shown = format!("{reference:?}");
    assert!(
        shown.starts_with(
            "CriteriaSet { name: \"Bộ tiêu chí tham chiếu Chỉ số CCHC cấp xã 2023 (cchc)\""
        ),
        "{shown}"
    );
    assert!(shown.contains("VII.30"), "{shown}");
}

#[test]
fn a_band_holds_its_start_not_its_end_unless_the_end_is_100() {
    use cchc::Text;
    use cchc::criteria::Band;
    // Khá: 50 to 80 (80 excluded: it is Tốt's); Tốt: 80 to 100, 100 included.
    let kha = Band::new(Text::new("Khá", "Fair"), dec!(50), dec!(80));
    let tot = Band::new(Text::new("Tốt", "Good"), dec!(80), dec!(100));
    assert!(kha.contains(dec!(50)));
    assert!(kha.contains(dec!(79.99)));
    assert!(!kha.contains(dec!(80)));
    assert!(!kha.contains(dec!(49.99)));
    assert!(tot.contains(dec!(80)));
    assert!(tot.contains(dec!(100)));
    assert!(!tot.contains(dec!(100.01)));
}
