//! Criteria files (TOML, JSON, the builder); plans are in `plans.rs`.

use cchc::criteria::{CriteriaField, Criterion};
use cchc::limits::{MAX_BANDS, MAX_CRITERIA, MAX_DEPTH, MAX_STEPS, MAX_TEXT_BYTES};
use cchc::rule::{RateTarget, ScoringRule, Step, Steps};
use cchc::{CriteriaSet, ErrorKind, Id, Percent, Text};
use rust_decimal::Decimal;

use super::{Want, only_problem, refused};

fn reference() -> &'static str {
    CriteriaSet::reference_toml()
}

/// The reference set's TOML with `from` replaced by `to` once.
fn changed(from: &str, to: &str) -> cchc::Result<CriteriaSet> {
    assert!(reference().contains(from), "{from}");
    CriteriaSet::from_toml(&reference().replacen(from, to, 1))
}

/// The reference set's JSON with `from` replaced by `to` once.
fn changed_json(from: &str, to: &str) -> cchc::Result<CriteriaSet> {
    let json = CriteriaSet::reference().to_json().unwrap();
    assert!(json.contains(from), "{from}");
    CriteriaSet::from_json(&json.replacen(from, to, 1))
}

/// A set of one field `A` whose criteria are `criteria` (TOML tables).
fn small(criteria: &str) -> String {
    format!("name = \"S\"\n[[fields]]\nid = \"A\"\nlabel_vi = \"a\"\nlabel_en = \"a\"\n{criteria}")
}

fn criterion(id: &str, max: &str, rule: &str) -> String {
    format!(
        "[[fields.criteria]]\nid = \"{id}\"\nlabel_vi = \"c\"\nlabel_en = \"c\"\nmax_points = \"{max}\"\nrule = {rule}\n"
    )
}

// 19. Floats in a criteria file: refused, the criterion and key named.
#[test]
fn floats_in_criteria_are_refused() {
    let err = changed("percent = \"35\"", "percent = 35.0").unwrap_err();
    let says = "II.4: key `percent` has value 35.0, expected a decimal written as a string";
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("percent"),
            value: Some("35.0"),
            says,
        },
    );
}

// 20. A percent with an exponent (`"1e-30"`): not digits as written.
#[test]
fn percents_with_exponents_are_refused() {
    let err = changed("percent = \"35\"", "percent = \"1e-30\"").unwrap_err();
    let says = "II.4: key `percent` has value \"1e-30\", expected a decimal written as a string";
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("percent"),
            value: Some("\"1e-30\""),
            says,
        },
    );
}

// 21. A target of 0%, always met: in TOML, JSON and the builder.
#[test]
fn zero_targets_are_refused() {
    let says = "a target of at least 0% is always met, whatever is reported: give a target above 0";
    let want = || Want {
        item: Some("II.4"),
        key: Some("percent"),
        value: Some("0"),
        says,
    };
    refused(
        only_problem(&changed("percent = \"35\"", "percent = \"0\"").unwrap_err()),
        ErrorKind::InvalidValue,
        want(),
    );
    let json = changed_json("\"percent\": \"35\"", "\"percent\": \"0\"").unwrap_err();
    refused(only_problem(&json), ErrorKind::InvalidValue, want());
    let err = RateTarget::at_least(Percent::ZERO).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            value: Some("0"),
            says,
            ..Want::default()
        },
    );
    let all = small(&criterion(
        "A.1",
        "1",
        "{ kind = \"all\", percent = \"0\" }",
    ));
    refused(
        only_problem(&CriteriaSet::from_toml(&all).unwrap_err()),
        ErrorKind::InvalidValue,
        Want {
            item: Some("A.1"),
            key: Some("percent"),
            says,
            ..Want::default()
        },
    );
}

// 59. A target of at most 100%, always met like at least 0%: in a criteria file, a plan and
//     the API.
#[test]
fn at_most_full_targets_are_refused() {
    let says =
        "a target of at most 100% is always met, whatever is reported: give a target below 100%";
    let all = small(&criterion(
        "A.1",
        "1",
        "{ kind = \"all\", comparison = \"at_most\", percent = \"100\" }",
    ));
    refused(
        only_problem(&CriteriaSet::from_toml(&all).unwrap_err()),
        ErrorKind::InvalidValue,
        Want {
            item: Some("A.1"),
            key: Some("percent"),
            value: Some("100"),
            says,
        },
    );
    let err = RateTarget::at_most(Percent::HUNDRED).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            key: Some("percent"),
            value: Some("100"),
            says,
            ..Want::default()
        },
    );
    let below = RateTarget::at_most(Percent::new(Decimal::new(9999, 2)).unwrap()).unwrap();
    assert_eq!(
        below.is_met(&cchc::Counts::new(100, 100).unwrap()),
        Some(false)
    );
}

// 22. An empty criterion id, and 23. a set with no field.
#[test]
fn empty_ids_and_empty_sets_are_refused() {
    let err = changed("id = \"II.4\"", "id = \"\"").unwrap_err();
    let says = "id \"\" is not valid: give 1 to 64 letters, digits, '.', '-' or '_'";
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            key: Some("id"),
            value: Some(""),
            says,
            ..Want::default()
        },
    );
    assert!(Id::new("").is_err());
    let err = CriteriaSet::from_toml("name = \"S\"\nfields = []\n").unwrap_err();
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            key: Some("fields"),
            says: "needs at least one field",
            ..Want::default()
        },
    );
    let err = CriteriaSet::builder("S").build().unwrap_err();
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            says: "a criteria set rule needs at least one field",
            key: Some("fields"),
            ..Want::default()
        },
    );
}

// 24. A deadline in year 0, in TOML and JSON.
#[test]
fn deadlines_out_of_range_are_refused() {
    let err = changed("date = 2023-12-31, wording", "date = 0000-12-31, wording").unwrap_err();
    let says = "I.1b: key `date` has value \"0000-12-31\", expected a date such as 2023-05-10, from 1900-01-01 to 2199-12-31";
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            item: Some("I.1b"),
            key: Some("date"),
            says,
            ..Want::default()
        },
    );
    let err = changed_json("\"date\": \"2022-12-31\"", "\"date\": \"2200-01-01\"").unwrap_err();
    refused(
        only_problem(&err),
        ErrorKind::InvalidValue,
        Want {
            says: "I.1a: key `date` has value \"2200-01-01\", expected a date such as 2023-05-10, from 1900-01-01 to 2199-12-31",
            item: Some("I.1a"),
            key: Some("date"),
            value: Some("\"2200-01-01\""),
        },
    );
}

// 25. Integers above i64 in a criteria file: read from their digits, then judged (a maximum
//     above 1,000); a count step above u64 says so.
#[test]
fn integers_above_i64_in_criteria_are_judged() {
    let err = changed("max_points = \"5\"", "max_points = 99999999999999999999").unwrap_err();
    refused(
        only_problem(&err),
        ErrorKind::Limit,
        Want {
            item: Some("II.4"),
            key: Some("max_points"),
            value: Some("99999999999999999999"),
            says: "maximum points 99999999999999999999 is above the limit of 1000",
        },
    );
    let steps = small(&criterion(
        "A.1",
        "1",
        "{ kind = \"count_steps\", steps = [{ at_least = 99999999999999999999, points = \"1\" }] }",
    ));
    let err = CriteriaSet::from_toml(&steps).unwrap_err();
    let says = "integer 99999999999999999999 is beyond the largest whole number TOML holds (9223372036854775807): write it as a string of digits, \"99999999999999999999\"";
    // An invalid value, as in an observations file (class 5), the value named.
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("A.1"),
            key: Some("at_least"),
            value: Some("99999999999999999999"),
            says,
        },
    );
    let quoted = steps.replace(
        "at_least = 99999999999999999999",
        "at_least = \"99999999999999999999\"",
    );
    let err = CriteriaSet::from_toml(&quoted).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("A.1"),
            says: "99999999999999999999 is above 18446744073709551615, the largest whole number the crate counts",
            ..Want::default()
        },
    );
    let fits = steps.replace(
        "at_least = 99999999999999999999",
        "at_least = \"18446744073709551615\"",
    );
    let set = CriteriaSet::from_toml(&fits).unwrap();
    assert_eq!(
        CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap(),
        set
    );
}

// 26. JSON criteria: a byte-order mark is read past; TOML's internal date form is an unknown
//     key; `null` and `1e400` name the criterion and key.
#[test]
fn json_criteria_say_where() {
    let json = CriteriaSet::reference().to_json().unwrap();
    assert_eq!(
        CriteriaSet::from_json(&format!("\u{feff}{json}")).unwrap(),
        CriteriaSet::reference()
    );
    let err = changed_json(
        "\"date\": \"2022-12-31\"",
        "\"date\": {\"$__toml_private_datetime\": \"2022-12-31\"}",
    )
    .unwrap_err();
    refused(
        &err,
        ErrorKind::UnknownKey,
        Want {
            item: Some("I.1a"),
            key: Some("$__toml_private_datetime"),
            says: "unknown field `$__toml_private_datetime`",
            ..Want::default()
        },
    );
    let err = changed_json("\"max_points\": \"5\"", "\"max_points\": null").unwrap_err();
    // An invalid value, as in an observations file (class 6).
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("max_points"),
            value: Some("null"),
            says: "invalid type: null",
        },
    );
    let err = changed_json("\"max_points\": \"5\"", "\"max_points\": 1e400").unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("II.4"),
            key: Some("max_points"),
            says: "number out of range",
            ..Want::default()
        },
    );
}

// 56. An unknown key of 300 characters with spaces in it: still an unknown key, named whole
//     (the parser's message was cut to 300 characters before the key was taken from it, and
//     its spaces rewritten).
#[test]
fn long_unknown_keys_are_unknown_keys() {
    let key = format!("a  b{}", "k".repeat(296));
    assert_eq!(key.chars().count(), 300);
    let toml_err = changed("name = ", &format!("\"{key}\" = 1\nname = ")).unwrap_err();
    let json_err = changed_json("{", &format!("{{\"{key}\": 1, ")).unwrap_err();
    for err in [toml_err, json_err] {
        refused(
            &err,
            ErrorKind::UnknownKey,
            Want {
                key: Some(key.as_str()),
                says: "unknown field `a b",
                ..Want::default()
            },
        );
    }
}

// 27. Maxima near the decimal range, whose sum would overflow: a problem, not a panic.
#[test]
fn maxima_beyond_the_decimal_range_do_not_panic() {
    let big = "79228162514264337593543950335";
    let child = |id| {
        criterion(id, big, "{ kind = \"done\" }")
            .replace("[[fields.criteria]]", "[[fields.criteria.children]]")
    };
    let toml = small(&format!(
        "[[fields.criteria]]\nid = \"A.1\"\nlabel_vi = \"c\"\nlabel_en = \"c\"\nmax_points = \"{big}\"\n{}{}",
        child("A.1a"),
        child("A.1b")
    ));
    let err = CriteriaSet::from_toml(&toml).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSet);
    let problem = err
        .problems()
        .iter()
        .find(|p| p.item() == Some("A.1a"))
        .unwrap();
    refused(
        problem,
        ErrorKind::Limit,
        Want {
            key: Some("max_points"),
            value: Some(big),
            says: "above the limit of 1000",
            ..Want::default()
        },
    );
}

// 28. More criteria than a set may have: refused before any is built, quickly.
#[test]
fn too_many_criteria_are_refused_quickly() {
    // The first id is not valid ("A 0"): the count is refused before any criterion is built,
    // so it is the only problem.
    let many: String = (0..=MAX_CRITERIA)
        .map(|i| match i {
            0 => criterion("A 0", "1", "{ kind = \"done\" }"),
            _ => criterion(&format!("A.{i}"), "1", "{ kind = \"done\" }"),
        })
        .collect();
    let started = std::time::Instant::now();
    let err = CriteriaSet::from_toml(&small(&many)).unwrap_err();
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    refused(
        only_problem(&err),
        ErrorKind::Limit,
        Want {
            key: Some("criteria"),
            says: "more than 10000 criteria",
            ..Want::default()
        },
    );
}

// 29. More bands, steps or options than a set may have.
#[test]
fn too_many_bands_and_steps_are_refused() {
    let band = |i: usize| {
        format!(
            "[[bands]]\nlabel_vi = \"b{i}\"\nlabel_en = \"b{i}\"\nfrom = \"{i}\"\nto = \"{}\"\n",
            i + 1
        )
    };
    let bands: String = (0..=MAX_BANDS).map(band).collect();
    let toml = format!(
        "name = \"S\"\n{bands}[[fields]]\nid = \"A\"\nlabel_vi = \"a\"\nlabel_en = \"a\"\n{}",
        criterion("A.1", "1", "{ kind = \"done\" }")
    );
    let err = CriteriaSet::from_toml(&toml).unwrap_err();
    refused(
        only_problem(&err),
        ErrorKind::Limit,
        Want {
            item: Some("bands"),
            key: Some("bands"),
            says: "more than 20 bands",
            ..Want::default()
        },
    );
    let steps: Vec<_> = (0..=MAX_STEPS as u64)
        .rev()
        .map(|n| Step::new(n + 1, Decimal::ONE))
        .collect::<cchc::Result<_>>()
        .unwrap();
    let err = Steps::new(steps).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            says: "more than 100 steps",
            ..Want::default()
        },
    );
}

// 30. Texts above 4,096 bytes in a set: its name, a label.
#[test]
fn long_texts_in_sets_are_refused() {
    let long = "x".repeat(MAX_TEXT_BYTES + 1);
    let err = changed(
        "label_vi = \"Tỷ lệ số hóa kết quả",
        &format!("label_vi = \"{long}"),
    )
    .unwrap_err();
    let problem = only_problem(&err);
    refused(
        problem,
        ErrorKind::Limit,
        Want {
            item: Some("II.4"),
            key: Some("label"),
            says: "label is 4152 bytes long, above the limit of 4096",
            ..Want::default()
        },
    );
    let label = Text::new("c", "c");
    let leaf = Criterion::new(
        Id::new("A.1").unwrap(),
        label.clone(),
        Decimal::ONE,
        ScoringRule::Done,
    )
    .unwrap();
    let err = CriteriaSet::builder(long)
        .field(CriteriaField::new(Id::new("A").unwrap(), label, vec![leaf]))
        .build()
        .unwrap_err();
    refused(
        only_problem(&err),
        ErrorKind::Limit,
        Want {
            says: "name is 4097 bytes long, above the limit of 4096",
            key: Some("name"),
            value: Some("4097"),
            ..Want::default()
        },
    );
}

// 31. Sub-criteria nested deeper than MAX_DEPTH levels, built in code.
#[test]
fn deep_sub_criteria_are_refused() {
    let label = Text::new("c", "c");
    let mut node = Criterion::new(
        Id::new("L").unwrap(),
        label.clone(),
        Decimal::ONE,
        ScoringRule::Done,
    )
    .unwrap();
    for depth in 1..=MAX_DEPTH {
        node = Criterion::with_sub_criteria(
            Id::new(&format!("L{depth}")).unwrap(),
            label.clone(),
            vec![node],
        )
        .unwrap();
    }
    let err = Criterion::with_sub_criteria(Id::new("TOP").unwrap(), label, vec![node]).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("TOP"),
            key: Some("children"),
            says: "more than 8 levels of sub-criteria",
            ..Want::default()
        },
    );
}
