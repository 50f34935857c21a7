//! Plan files (TOML and JSON).

use cchc::limits::MAX_TEXT_BYTES;
use cchc::{ErrorKind, Plan};

use super::{Want, refused};

fn plan_toml() -> String {
    Plan::song_cau_2023().to_toml().unwrap()
}

// 32. Plans: a float percent, a year out of range, a byte-order mark before JSON, TOML's
//     internal date form in JSON, a text above the limit.
#[test]
fn plan_files_say_where() {
    let toml = plan_toml();
    let err =
        Plan::from_toml(&toml.replacen("percent = \"100\"", "percent = 99.5", 1)).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            item: Some("II.3"),
            key: Some("percent"),
            value: Some("99.5"),
            says: "a float's digits may not be the ones written",
        },
    );
    let err = Plan::from_toml(&toml.replacen("year = 2023", "year = 20230", 1)).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            key: Some("year"),
            value: Some("20230"),
            says: "year 20230 does not exist (allowed: 1900 to 2199)",
            ..Want::default()
        },
    );
    let json = Plan::song_cau_2023().to_json().unwrap();
    assert_eq!(
        Plan::from_json(&format!("\u{feff}{json}")).unwrap(),
        Plan::song_cau_2023()
    );
    let err = Plan::from_json(&json.replacen(
        "\"date\": \"2023-12-31\"",
        "\"date\": {\"$__toml_private_datetime\": \"2023-12-31\"}",
        1,
    ))
    .unwrap_err();
    refused(
        &err,
        ErrorKind::UnknownKey,
        Want {
            says: "I.1b: cannot read JSON at line 41, column 5: unknown field `$__toml_private_datetime`, expected a date written as a string such as \"2023-05-10\"",
            item: Some("I.1b"),
            key: Some("$__toml_private_datetime"),
            ..Want::default()
        },
    );
    let long = "x".repeat(MAX_TEXT_BYTES + 1);
    let err =
        Plan::from_toml(&toml.replacen("title = \"", &format!("title = \"{long}"), 1)).unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            key: Some("title"),
            says: "above the limit of 4096",
            ..Want::default()
        },
    );
    // An item's text likewise: I.1a's lead body, named with its item.
    let err = Plan::from_toml(&toml.replacen(
        "lead = \"Công chức Tư pháp – Hộ tịch\"",
        &format!("lead = \"{long}\""),
        1,
    ))
    .unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            item: Some("I.1a"),
            key: Some("lead"),
            says: "above the limit of 4096",
            ..Want::default()
        },
    );
}

// 58. A plan of more items than a plan may have is refused before any item is read (the
//     first is bad, and was named before); a key given twice in a JSON item is refused, the
//     item and key named (a `serde_json::Value` kept the last).
#[test]
fn plan_items_are_counted_first_and_read_as_written() {
    let bad = "{\"id\": 1}";
    let items = vec![bad; cchc::limits::MAX_PLAN_ITEMS + 1].join(",");
    let json =
        format!("{{\"ward\": \"X\", \"year\": 2023, \"title\": \"T\", \"items\": [{items}]}}");
    refused(
        &Plan::from_json(&json).unwrap_err(),
        ErrorKind::Limit,
        Want {
            key: Some("items"),
            value: Some("10001"),
            says: "more than 10000 plan items",
            ..Want::default()
        },
    );
    let json = Plan::song_cau_2023().to_json().unwrap();
    let twice = json.replacen("\"tt\": 1,", "\"tt\": 1, \"tt\": 2,", 1);
    assert_ne!(twice, json);
    let err = Plan::from_json(&twice).unwrap_err();
    refused(
        &err,
        ErrorKind::Syntax,
        Want {
            item: Some("I.1a"),
            key: Some("tt"),
            says: "duplicate field `tt`",
            ..Want::default()
        },
    );
}
