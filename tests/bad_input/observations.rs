//! Observation files: TOML, JSON and the Excel template.

use cchc::limits::{MAX_DATES, MAX_INPUT_BYTES, MAX_MESSAGE_CHARS, MAX_TEXT_BYTES};
use cchc::{CriteriaSet, ErrorKind, Observations};

use super::{Want, refused};

fn set() -> CriteriaSet {
    CriteriaSet::reference()
}

fn toml(body: &str) -> cchc::Result<Observations> {
    Observations::from_toml(&format!("ward = \"X\"\nyear = 2023\n{body}"), &set())
}

fn json(observations: &str) -> cchc::Result<Observations> {
    Observations::from_json(
        &format!(r#"{{"ward": "X", "year": 2023, "observations": {observations}}}"#),
        &set(),
    )
}

// 1. A float where a decimal is read: its binary value (2.0) is not what was written, so it
//    is refused with the hint to write a string, in TOML and JSON alike; TOML's message
//    repeats its digits as written (it said 2.0; the parser drops underscores).
#[test]
fn floats_for_decimals_are_refused() {
    // The hint says why a float will not do (not only what would).
    let hint = "expected a decimal written as a string, such as \"1.5\": a float's digits may not be the ones written";
    let err = toml("[observations.\"II.9\"]\npoints = 1.9999999999999999").unwrap_err();
    let want = |value| Want {
        item: Some("II.9"),
        key: Some("points"),
        value: Some(value),
        says: hint,
    };
    refused(&err, ErrorKind::InvalidValue, want("1.9999999999999999"));
    assert!(
        err.to_string().contains("value 1.9999999999999999,"),
        "{err}"
    );
    let err = toml("[observations.\"II.9\"]\npoints = 1_000.5").unwrap_err();
    refused(&err, ErrorKind::InvalidValue, want("1000.5"));
    let err = json(r#"{"II.9": {"points": 1.5}}"#).unwrap_err();
    refused(&err, ErrorKind::InvalidValue, want("1.5"));
    assert_eq!(
        toml("[observations.\"II.9\"]\npoints = \"1.5\"")
            .unwrap()
            .len(),
        1
    );
}

// 2. A file of another year than the set's: it would be scored against 2023's windows.
#[test]
fn a_year_other_than_the_sets_is_refused() {
    let err = Observations::from_toml("ward = \"X\"\nyear = 1999\n", &set()).unwrap_err();
    let says = "the observations are for 1999, but the criteria set is for 2023";
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            key: Some("year"),
            value: Some("1999"),
            says,
            ..Want::default()
        },
    );
}

// 3. A year no calendar of the crate holds, in a file and in a period.
#[test]
fn years_out_of_range_are_refused() {
    let err = Observations::from_toml("ward = \"X\"\nyear = -2147483648\n", &set()).unwrap_err();
    let says = "year -2147483648 does not exist (allowed: 1900 to 2199)";
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            key: Some("year"),
            value: Some("-2147483648"),
            says,
            ..Want::default()
        },
    );
    let err = Observations::from_toml("ward = \"X\"\nperiod = \"0000-07\"\n", &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            says: "year 0 does not exist (allowed: 1900 to 2199)",
            key: Some("period"),
            value: Some("0"),
            ..Want::default()
        },
    );
}

// 4. Dates outside 1900-01-01 to 2199-12-31: a completion in year 0 is not "on time".
#[test]
fn dates_out_of_range_are_refused() {
    let expected = "expected a date such as 2023-05-10, from 1900-01-01 to 2199-12-31";
    let err = toml("[observations.\"I.1a\"]\ncompleted_on = 0000-01-01").unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("I.1a"),
            key: Some("completed_on"),
            value: Some("0000-01-01"),
            says: expected,
        },
    );
    let err = json(r#"{"VII.29": {"held_on": ["2023-06-30", "1899-12-31"]}}"#).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("VII.29"),
            key: Some("held_on"),
            value: Some("\"1899-12-31\""),
            says: expected,
        },
    );
}

// 5. Whole numbers beyond i64 (TOML cannot hold them as integers) and beyond u64: refused
//    with the key and the hint; a string of digits up to u64::MAX is read.
#[test]
fn whole_numbers_beyond_the_range_say_how_to_write_them() {
    let hint = "a string of digits above 9223372036854775807";
    let err = toml("[observations.\"II.4\"]\nnumerator = 99999999999999999999\ndenominator = 5")
        .unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("numerator"),
            value: Some("99999999999999999999"),
            says: hint,
        },
    );
    let err =
        json(r#"{"II.4": {"numerator": 99999999999999999999, "denominator": 5}}"#).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("numerator"),
            value: Some("1e20"),
            says: hint,
        },
    );
    let max = "\"18446744073709551615\"";
    let read = toml(&format!(
        "[observations.\"II.4\"]\nnumerator = {max}\ndenominator = {max}"
    ))
    .unwrap();
    assert_eq!(read.to_toml().unwrap().matches(max).count(), 2);
}

// 6. JSON `null`, and 7. a JSON number out of any range (`1e400`): the criterion and the key
//    are named, the parser's line and column kept.
#[test]
fn json_null_and_huge_numbers_name_the_key() {
    let err = json(r#"{"II.4": {"numerator": null, "denominator": 5}}"#).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("numerator"),
            value: Some("null"),
            says: "has value null",
        },
    );
    let err = json(r#"{"II.4": {"numerator": 1e400, "denominator": 5}}"#).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("II.4"),
            key: Some("numerator"),
            says: "number out of range",
            ..Want::default()
        },
    );
    assert_eq!(err.line(), Some(1));
}

// 8. Bytes that are not UTF-8: the byte, its offset, line and column.
#[test]
fn non_utf8_bytes_are_placed() {
    let bytes = b"ward = \"X\"\nyear = 2023 # \xe9t\xe9\n";
    let err = cchc::text::from_utf8(bytes).unwrap_err();
    // "ward = \"X\"\n" is 11 bytes; "year = 2023 # " 14 more: offset 25, line 2, column 15.
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            value: Some("0xe9"),
            says: "not UTF-8 text at line 2, column 15: byte 0xe9 at offset 25",
            ..Want::default()
        },
    );
    assert_eq!((err.line(), err.column()), (Some(2), Some(15)));
}

// 9. A UTF-8 byte-order mark, which Windows editors write, before TOML and JSON alike.
#[test]
fn a_byte_order_mark_is_read_past() {
    let plain = "ward = \"X\"\nyear = 2023\n";
    assert_eq!(
        Observations::from_toml(&format!("\u{feff}{plain}"), &set()).unwrap(),
        Observations::from_toml(plain, &set()).unwrap()
    );
    let json = r#"{"ward": "X", "year": 2023}"#;
    assert_eq!(
        Observations::from_json(&format!("\u{feff}{json}"), &set()).unwrap(),
        Observations::from_json(json, &set()).unwrap()
    );
}

// 10. TOML's internal date form written into JSON: not a date.
#[test]
fn json_has_no_internal_date_form() {
    let not_a_date = || Want {
        item: Some("I.1a"),
        key: Some("completed_on"),
        says: "expected a date such as 2023-05-10",
        ..Want::default()
    };
    let err = json(r#"{"I.1a": {"completed_on": {"$__toml_private_datetime": "2023-01-01"}}}"#)
        .unwrap_err();
    refused(&err, ErrorKind::InvalidValue, not_a_date());
    // Nor does TOML take a table for a date, whatever its key holds.
    let err = toml("[observations.\"I.1a\"]\ncompleted_on = { when = 2023-01-01 }").unwrap_err();
    refused(&err, ErrorKind::InvalidValue, not_a_date());
}

// 11. Terminal control characters in an id read from a file: the message escapes and quotes
//     them; `value()` keeps the id as written.
#[test]
fn control_characters_in_ids_are_escaped() {
    let err = toml("[observations.\"\\u001b[2J\"]\ndone = true").unwrap_err();
    refused(
        &err,
        ErrorKind::UnknownId,
        Want {
            item: Some("\u{1b}[2J"),
            value: Some("\u{1b}[2J"),
            says: "\"\\u{1b}[2J\": unknown criterion id",
            ..Want::default()
        },
    );
}

// 12. Texts above 4,096 bytes (ward, evidence, reason): refused at their key, not cut.
#[test]
fn long_texts_are_refused() {
    let long = "x".repeat(MAX_TEXT_BYTES + 1);
    let says = "evidence is 4097 bytes long, above the limit of 4096";
    let err = toml(&format!(
        "[observations.\"V.18\"]\ndone = true\nevidence = \"{long}\""
    ))
    .unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("V.18"),
            key: Some("evidence"),
            value: Some("4097"),
            says,
        },
    );
    let err =
        Observations::from_toml(&format!("ward = \"{long}\"\nyear = 2023\n"), &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            key: Some("ward"),
            says: "ward is 4097 bytes long",
            ..Want::default()
        },
    );
    let exact = "x".repeat(MAX_TEXT_BYTES);
    assert!(
        toml(&format!(
            "[observations.\"V.18\"]\ndone = true\nevidence = \"{exact}\""
        ))
        .is_ok()
    );
}

// 13. A file above 10 MiB: refused before it is parsed.
#[test]
fn oversized_files_are_refused_before_parsing() {
    let huge = format!(
        "ward = \"X\"\nyear = 2023\n#{}",
        " ".repeat(MAX_INPUT_BYTES)
    );
    let says = "the text is 10485784 bytes long, above the limit of 10485760";
    for err in [
        Observations::from_toml(&huge, &set()),
        Observations::from_json(&huge, &set()),
    ]
    .map(Result::unwrap_err)
    {
        refused(
            &err,
            ErrorKind::Limit,
            Want {
                says,
                ..Want::default()
            },
        );
    }
}

// 14. More dates held than a criterion may list.
#[test]
fn too_many_dates_are_refused() {
    let dates = vec!["2023-06-30"; MAX_DATES + 1].join(", ");
    let err = toml(&format!("[observations.\"VII.29\"]\nheld_on = [{dates}]")).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("VII.29"),
            key: Some("held_on"),
            value: Some("1001"),
            says: "more than 1000 dates held",
        },
    );
}

// 15. A 200 KB key or line: the message repeats at most 60 characters of it; `key()` has it.
#[test]
fn long_keys_are_not_echoed_whole() {
    let key = "k".repeat(200_000);
    let err = toml(&format!("{key} = 1")).unwrap_err();
    refused(
        &err,
        ErrorKind::UnknownKey,
        Want {
            key: Some(key.as_str()),
            says: &format!(
                "key `{}…` does not fit the observations file",
                "k".repeat(60)
            ),
            ..Want::default()
        },
    );
    let err = toml(&format!("[observations.\"{key}\"]\ndone = true")).unwrap_err();
    assert!(err.to_string().len() < 300, "{}", err.to_string().len());
    assert_eq!(err.kind(), ErrorKind::UnknownId);
}

// 16. Deep nesting: the parsers' recursion limits answer, briefly.
#[test]
fn deep_nesting_is_refused_briefly() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let err = Observations::from_json(&deep, &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            says: "recursion limit exceeded",
            ..Want::default()
        },
    );
    let err = Observations::from_toml(&format!("ward = {deep}"), &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            key: Some("ward"),
            says: "recursion",
            ..Want::default()
        },
    );
    assert!(err.to_string().chars().count() < MAX_MESSAGE_CHARS);
}

// 17. A refused file is refused whole; and evidence refused through the API leaves the
//     observations as they were.
#[test]
fn nothing_is_half_applied() {
    let err = toml("[observations.\"V.18\"]\ndone = true\n[observations.\"II.4\"]\nnumerator = 310\ndenominator = 300").unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.4"),
            key: Some("numerator"),
            value: Some("310"),
            says: "numerator 310 exceeds denominator 300",
        },
    );
    let mut obs = toml("[observations.\"V.18\"]\ndone = true").unwrap();
    let before = obs.clone();
    let err = obs
        .set_evidence("V.18", "x".repeat(MAX_TEXT_BYTES + 1))
        .unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            says: "V.18: evidence is 4097 bytes long, above the limit of 4096",
            item: Some("V.18"),
            key: Some("evidence"),
            ..Want::default()
        },
    );
    assert_eq!(obs, before);
    assert_eq!(obs.get("V.18").and_then(|o| o.evidence.as_deref()), None);
}

// 18. The Excel template: a workbook that is not one, and one above 10 MiB, are refused.
#[test]
fn workbooks_that_are_not_templates_are_refused() {
    let err = Observations::from_xlsx(b"PK\x03\x04 not a zip", &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            says: "cannot read XLSX",
            ..Want::default()
        },
    );
    let huge = vec![0u8; MAX_INPUT_BYTES + 1];
    let err = Observations::from_xlsx(&huge, &set()).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            says: "above the limit of 10485760",
            ..Want::default()
        },
    );
}
