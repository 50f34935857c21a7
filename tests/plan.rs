//! The plan through the public API: the built-in 2023 plan of phường Sông Cầu, its targets,
//! file round trips and every refusal.

use std::collections::BTreeSet;

use cchc::plan::Field;
use cchc::rule::{
    Comparison, CountTarget, Deadline, DeadlineWording, Detail, Frequency, RateTarget, Records,
    Target, Window,
};
use cchc::{Counts, Error, ErrorKind, Evidence, Observed, Percent, Plan, Rounding, Status};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn plan() -> Plan {
    Plan::song_cau_2023()
}

fn target(id: &str) -> Target {
    plan()
        .item(id)
        .unwrap_or_else(|| panic!("{id} is in the plan"))
        .target()
        .to_owned()
}

/// Every id of the reference criteria set.
const REFERENCE_IDS: [&str; 41] = [
    "I.1a", "I.1b", "I.2a", "I.2b", "II.3", "II.4", "II.5a", "II.5b", "II.6", "II.7", "II.8a",
    "II.8b", "II.8c", "II.8d", "II.8e", "II.9", "II.12", "III.13", "IV.14", "IV.15", "V.16",
    "V.17", "V.18", "V.19", "VI.20", "VI.21", "VI.22", "VI.23", "VI.24a", "VI.24b", "VI.25a",
    "VI.25b", "VII.26a", "VII.26b", "VII.26c", "VII.27a", "VII.27b", "VII.27c", "VII.28", "VII.29",
    "VII.30",
];

// ── the built-in plan ───────────────────────────────────────────────────────────────────

#[test]
fn has_every_row_of_the_appendix() {
    let rows: BTreeSet<u32> = plan().items().iter().map(|item| item.tt()).collect();
    let expected: BTreeSet<u32> = (1..=9).chain(12..=30).collect();
    assert_eq!(rows, expected);
}

#[test]
fn has_every_reference_id_in_its_field() {
    let plan = plan();
    for id in REFERENCE_IDS {
        let item = plan.item(id).unwrap_or_else(|| panic!("{id} missing"));
        let numeral = id.split('.').next().unwrap();
        assert_eq!(item.field().numeral(), numeral, "{id}");
        assert_eq!(item.id(), id);
    }
    // Two more items that the reference set does not score.
    let extra: Vec<_> = plan
        .items()
        .iter()
        .map(|item| item.id().as_str())
        .filter(|id| !REFERENCE_IDS.contains(id))
        .collect();
    assert_eq!(extra, ["II.5c", "VII.26d"]);
    assert_eq!(plan.items().len(), 43);
}

#[test]
fn header_and_fields() {
    let plan = plan();
    assert_eq!(plan.ward(), "Phường Sông Cầu");
    assert_eq!(plan.year(), 2023);
    assert_eq!(
        plan.title(),
        "Kế hoạch thực hiện công tác cải cách hành chính năm 2023"
    );
    let counts: Vec<usize> = Field::ALL
        .iter()
        .map(|field| plan.by_field(*field).count())
        .collect();
    assert_eq!(counts, [4, 14, 1, 2, 4, 8, 10]);
    // The seven headings of the plan's appendix, in both languages.
    let headings: Vec<(&str, &str, &str)> = Field::ALL
        .iter()
        .map(|f| (f.numeral(), f.label_vi(), f.label_en()))
        .collect();
    assert_eq!(
        headings[1],
        (
            "II",
            "Cải cách thủ tục hành chính",
            "Administrative procedure reform"
        )
    );
    assert_eq!(
        headings[6],
        (
            "VII",
            "Công tác chỉ đạo, điều hành",
            "Direction and management"
        )
    );
    assert!(
        headings
            .iter()
            .all(|(_, vi, en)| !vi.is_empty() && !en.is_empty())
    );
    let ids: Vec<_> = plan.by_field(Field::Organisation).map(|i| i.id()).collect();
    assert_eq!(ids, ["III.13"]);
}

#[test]
fn rate_targets_match_the_plan() {
    let expected: [(&str, Decimal, Option<u64>); 19] = [
        ("II.3", dec!(100), None),
        ("II.4", dec!(35), None),
        ("II.5a", dec!(20), Some(10)),
        ("II.6", dec!(20), None),
        ("II.7", dec!(50), None),
        ("II.8a", dec!(90), None),
        ("II.8b", dec!(80), None),
        ("II.8c", dec!(90), None),
        ("II.8d", dec!(85), None),
        ("II.12", dec!(100), None),
        ("IV.15", dec!(100), None),
        ("V.16", dec!(100), None),
        ("V.17", dec!(95), None),
        ("VI.20", dec!(100), None),
        ("VI.21", dec!(40), None),
        ("VI.22", dec!(85), None),
        ("VI.23", dec!(100), None),
        ("VI.24a", dec!(100), None),
        ("VI.24b", dec!(30), None),
    ];
    for (id, percent, min_count) in expected {
        let Target::Rate(rate) = target(id) else {
            panic!("{id} should have a rate target")
        };
        assert_eq!(rate.comparison(), Comparison::AtLeast, "{id}");
        assert_eq!(rate.percent().value(), percent, "{id}");
        assert_eq!(rate.min_count(), min_count, "{id}");
    }
    let ii5a = RateTarget::at_least(Percent::new(dec!(20)).unwrap())
        .unwrap()
        .with_min_count(10)
        .unwrap();
    assert_eq!(target("II.5a"), Target::Rate(ii5a));
    // A minimum count means records meeting the measure: an "at most" target has none.
    let err = RateTarget::at_most(Percent::new(dec!(10)).unwrap())
        .unwrap()
        .with_min_count(10)
        .unwrap_err();
    assert_eq!(
        (err.kind(), err.key(), err.value().as_deref()),
        (ErrorKind::InvalidValue, Some("min_count"), Some("10"))
    );
    let rates = plan()
        .items()
        .iter()
        .filter(|item| matches!(item.target(), Target::Rate(_)))
        .count();
    assert_eq!(rates, expected.len());
}

#[test]
fn deadlines_match_the_plan() {
    use DeadlineWording::{Before, By};
    let expected = [
        ("I.1a", d(2022, 12, 31), By),
        ("I.1b", d(2023, 12, 31), By),
        ("I.2a", d(2023, 1, 30), Before),
        ("I.2b", d(2023, 12, 5), Before),
        ("II.5b", d(2023, 3, 31), Before),
        ("III.13", d(2023, 12, 31), By),
        ("VII.26b", d(2023, 3, 31), By),
        ("VII.26c", d(2023, 1, 31), By),
        ("VII.27b", d(2023, 3, 31), By),
        ("VII.28", d(2023, 12, 31), By),
    ];
    for (id, date, wording) in expected {
        assert_eq!(
            target(id),
            Target::Deadline(Deadline::new(date, wording).unwrap()),
            "{id}"
        );
    }
    // "trước 30/01/2023" is strict.
    let Target::Deadline(i2a) = target("I.2a") else {
        unreachable!()
    };
    assert!(i2a.is_on_time(d(2023, 1, 29)));
    assert!(!i2a.is_on_time(d(2023, 1, 30)));
}

#[test]
fn windows_frequency_and_count_match_the_plan() {
    assert_eq!(
        target("II.8e"),
        Target::Window(Window::quarter(2023, 4).unwrap())
    );
    assert_eq!(
        target("VII.26a"),
        Target::Window(Window::quarter(2023, 3).unwrap())
    );
    assert_eq!(
        target("VII.30"),
        Target::Window(Window::new(d(2023, 4, 1), d(2023, 12, 31)).unwrap())
    );
    assert_eq!(
        target("VII.30"),
        Target::Window(Window::quarters(2023, 2, 4).unwrap())
    );
    let Target::Frequency(meetings) = target("VII.29") else {
        panic!("VII.29 should be a frequency")
    };
    assert_eq!(
        meetings,
        Frequency::new(6, Window::year(2023).unwrap()).unwrap()
    );
    assert_eq!(meetings.required(), 2);
    let Target::Count(initiatives) = target("VII.27a") else {
        panic!("VII.27a should be a count")
    };
    assert_eq!(initiatives.least(), 1);
}

// A count target of at least 3: 2 falls one short, 3 meets it; the detail and the text both
// carry the 3 (the plan's only count target asks for 1, which hides a wrong least count).
#[test]
fn a_count_target_reports_its_least_count() {
    let three = Target::Count(CountTarget::new(3).unwrap());
    assert_eq!(three.to_string(), "≥ 3");
    let policy = Rounding::default();
    let two = three
        .attain(&Observed::Reported(Evidence::Count(2)), &policy)
        .unwrap();
    assert_eq!(two.status, Status::NotMet);
    let Detail::Count {
        count, required, ..
    } = two.detail
    else {
        panic!("a count detail")
    };
    assert_eq!((count, required), (2, 3));
    let met = three
        .attain(&Observed::Reported(Evidence::Count(3)), &policy)
        .unwrap();
    assert_eq!(met.status, Status::Met);
}

#[test]
fn rows_without_a_quantity_are_done() {
    for id in [
        "II.5c", "II.9", "IV.14", "V.18", "V.19", "VI.25a", "VI.25b", "VII.26d", "VII.27c",
    ] {
        assert_eq!(target(id), Target::Done, "{id}");
    }
}

#[test]
fn every_item_says_what_it_measures() {
    for item in plan().items() {
        for text in [
            item.label().vi(),
            item.label().en(),
            item.measure().vi(),
            item.measure().en(),
        ] {
            assert!(!text.trim().is_empty(), "{}", item.id());
        }
        if let Target::Rate(_) = item.target() {
            assert!(item.measure().vi().contains('÷'), "{}", item.id());
            assert!(item.measure().en().contains('÷'), "{}", item.id());
        }
    }
    let i2a = plan().item("I.2a").cloned().unwrap();
    assert_eq!(i2a.timeline(), Some("Ban hành kế hoạch trước 30/01/2023"));
    assert_eq!(i2a.lead(), Some("Công chức Tư pháp – Hộ tịch"));
    assert_eq!(i2a.coordinating(), Some("Các CBCC"));
    assert_eq!(i2a.output(), Some("Kế hoạch UBND"));
    assert_eq!(
        plan().item("VII.29").unwrap().timeline(),
        Some("06 tháng/cuộc")
    );
}

// ── attainment through the plan ─────────────────────────────────────────────────────────

#[test]
fn attains_items_by_id() {
    let plan = plan();
    let policy = Rounding::default();
    let digitised = Observed::Reported(Evidence::Counts(Counts::new(90, 300).unwrap()));
    let result = plan.attain("II.4", &digitised, &policy).unwrap();
    assert_eq!(result.status, Status::NotMet);
    let Detail::Rate(rate) = result.detail else {
        panic!("a rate detail")
    };
    assert_eq!(rate.percent, dec!(30.00));
    assert_eq!(rate.shortfall.convert, Records::Needed(15));
    assert_eq!(rate.shortfall.add, Records::Needed(24));

    let held = Observed::Reported(Evidence::Held(vec![d(2023, 3, 1), d(2023, 9, 1)]));
    assert_eq!(
        plan.attain("VII.29", &held, &policy).unwrap().status,
        Status::Met
    );
    let late = Observed::Reported(Evidence::Completed(Some(d(2023, 1, 30))));
    assert_eq!(
        plan.attain("I.2a", &late, &policy).unwrap().status,
        Status::NotMet
    );
    assert_eq!(
        plan.attain("V.18", &Observed::Missing, &policy)
            .unwrap()
            .status,
        Status::Missing
    );
}

#[test]
fn attain_refuses_unknown_ids_and_wrong_evidence() {
    let plan = plan();
    let policy = Rounding::default();
    let err = plan
        .attain("II.10", &Observed::Missing, &policy)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownId);
    assert_eq!(err.value().as_deref(), Some("II.10"));
    assert_eq!(err.to_string(), "unknown plan item id \"II.10\"");

    let err = plan
        .attain("VII.29", &Observed::Reported(Evidence::Count(2)), &policy)
        .unwrap_err();
    assert_eq!(err.item(), Some("VII.29"));
    assert_eq!(err.kind(), ErrorKind::Mismatch);
    assert_eq!(
        err.to_string(),
        "VII.29: a count does not fit a target measured by dates held"
    );
}

// ── files ───────────────────────────────────────────────────────────────────────────────

#[test]
fn toml_round_trip() {
    let plan = plan();
    let text = plan.to_toml().unwrap();
    let back = Plan::from_toml(&text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(back.to_toml().unwrap(), text);
    // Plans are equal by what they hold: one item fewer is another plan.
    let first_item = text.find("[[items]]").unwrap();
    let second_item = first_item + 1 + text[first_item + 1..].find("[[items]]").unwrap();
    let shorter = format!("{}{}", &text[..first_item], &text[second_item..]);
    let shorter = Plan::from_toml(&shorter).unwrap();
    assert_eq!(shorter.items().len() + 1, plan.items().len());
    assert_ne!(shorter, plan);
}

#[test]
fn json_round_trip() {
    let plan = plan();
    let text = plan.to_json().unwrap();
    let back = Plan::from_json(&text).unwrap();
    assert_eq!(back, plan);
    assert_eq!(back.to_json().unwrap(), text);
    // And across formats.
    assert_eq!(Plan::from_toml(&back.to_toml().unwrap()).unwrap(), plan);
}

#[test]
fn json_uses_numerals_and_decimal_strings() {
    let json: serde_json::Value = serde_json::from_str(&plan().to_json().unwrap()).unwrap();
    let ii4 = &json["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == "II.4")
        .unwrap();
    assert_eq!(ii4["field"], "II");
    assert_eq!(ii4["target"]["kind"], "rate");
    assert_eq!(ii4["target"]["percent"], "35");
}

// ── refusals ────────────────────────────────────────────────────────────────────────────

const HEADER: &str = "ward = \"Phường Sông Cầu\"\nyear = 2023\ntitle = \"Kế hoạch\"\n";

/// A one-item TOML item table with `extra` lines and the given id, field, tt and target.
fn toml_item(id: &str, tt: u32, field: &str, target: &str, extra: &str) -> String {
    format!(
        "\n[[items]]\nid = \"{id}\"\ntt = {tt}\nfield = \"{field}\"\nlabel_vi = \"Số hóa\"\n\
         label_en = \"Digitise\"\nmeasure_vi = \"a ÷ b\"\nmeasure_en = \"a ÷ b\"\n{extra}\
         target = {target}\n"
    )
}

const RATE_35: &str = "{ kind = \"rate\", percent = 35 }";

fn refuse_toml(items: &str) -> Error {
    Plan::from_toml(&format!("{HEADER}{items}")).unwrap_err()
}

#[test]
fn a_valid_small_plan_reads() {
    let plan = Plan::from_toml(&format!(
        "{HEADER}{}",
        toml_item("II.4", 4, "II", RATE_35, "")
    ))
    .unwrap();
    assert_eq!(plan.items().len(), 1);
    assert_eq!(plan.item("II.4").unwrap().lead(), None);
}

#[test]
fn refuses_unknown_keys() {
    let err = refuse_toml(&toml_item("II.4", 4, "II", RATE_35, "colour = \"red\"\n"));
    assert_eq!(err.item(), Some("II.4"));
    assert_eq!(err.kind(), ErrorKind::UnknownKey);
    assert_eq!(err.key(), Some("colour"));
    assert!(
        err.to_string()
            .starts_with("II.4: cannot read TOML: unknown field `colour`"),
        "{err}"
    );

    let err = refuse_toml(&toml_item(
        "II.4",
        4,
        "II",
        "{ kind = \"rate\", percent = 35, colour = 1 }",
        "",
    ));
    assert_eq!(err.item(), Some("II.4"));
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");

    let err = Plan::from_toml(&format!("{HEADER}colour = 1\n")).unwrap_err();
    assert_eq!(err.item(), None);
    assert_eq!(err.kind(), ErrorKind::UnknownKey);
    assert!(err.line().is_some(), "{err}");
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");
}

#[test]
fn refuses_duplicate_ids() {
    let one = toml_item("II.4", 4, "II", RATE_35, "");
    let err = refuse_toml(&format!("{one}{one}"));
    assert_eq!(err.item(), Some("II.4"));
    assert_eq!(err.kind(), ErrorKind::DuplicateId);
    assert_eq!(err.value().as_deref(), Some("II.4"));
    assert_eq!(err.to_string(), "II.4: duplicate plan item id");
}

#[test]
fn refuses_malformed_ids() {
    for bad in ["II-4", "II.04", "II.4B", "ii.4", "II.", "VIII.4"] {
        let err = refuse_toml(&toml_item(bad, 4, "II", RATE_35, ""));
        assert_eq!(err.item(), Some(bad));
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{bad}: {err}");
        assert_eq!(err.value().as_deref(), Some(bad), "{bad}: {err}");
        assert_eq!(
            err.to_string(),
            format!(
                "{bad}: id \"{bad}\" is not of the form FIELD.TT with an optional letter, e.g. II.4 or II.8b"
            ),
            "{bad}"
        );
    }
    let err = refuse_toml(&toml_item("II-4", 4, "II", RATE_35, ""));
    assert_eq!(
        err.to_string(),
        "II-4: id \"II-4\" is not of the form FIELD.TT with an optional letter, e.g. II.4 or II.8b"
    );
}

#[test]
fn refuses_an_id_that_disagrees_with_its_field_or_row() {
    let err = refuse_toml(&toml_item("VI.4", 4, "II", RATE_35, ""));
    assert_eq!(err.item(), Some("VI.4"));
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.value().as_deref(), Some("VI.4"));
    assert_eq!(
        err.to_string(),
        "VI.4: id \"VI.4\" does not match the item's field II"
    );

    let err = refuse_toml(&toml_item("II.4", 5, "II", RATE_35, ""));
    assert_eq!(
        err.to_string(),
        "II.4: id \"II.4\" does not match the item's row number 5"
    );

    let err = refuse_toml(&toml_item("II.4", 4, "VIII", RATE_35, ""));
    assert_eq!(err.item(), Some("II.4"));
    assert_eq!(err.kind(), ErrorKind::UnknownId);
    assert_eq!(err.key(), Some("field"));
    assert_eq!(err.value().as_deref(), Some("VIII"));
    assert_eq!(err.to_string(), "II.4: unknown field id \"VIII\"");
}

#[test]
fn refuses_a_window_ending_before_it_starts() {
    let err = refuse_toml(&toml_item(
        "VII.30",
        30,
        "VII",
        "{ kind = \"window\", start = 2023-12-31, end = 2023-04-01 }",
        "",
    ));
    assert_eq!(err.item(), Some("VII.30"));
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.value().as_deref(), Some("2023-04-01"));
    assert_eq!(
        err.to_string(),
        "VII.30: window ends on 2023-04-01 before it starts on 2023-12-31"
    );
}

#[test]
fn refuses_a_percentage_of_120() {
    let err = refuse_toml(&toml_item(
        "II.4",
        4,
        "II",
        "{ kind = \"rate\", percent = 120 }",
        "",
    ));
    assert_eq!(err.item(), Some("II.4"));
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.key(), Some("percent"));
    assert_eq!(err.value().as_deref(), Some("120"));
    assert_eq!(err.to_string(), "II.4: percentage 120 is outside 0 to 100");
}

// A key another kind of target takes is an unknown key of this kind: the reader names the item
// and the key (a minimum count belongs to rate targets only).
#[test]
fn refuses_a_min_count_on_a_deadline() {
    let err = refuse_toml(&toml_item(
        "I.2a",
        2,
        "I",
        "{ kind = \"deadline\", date = 2023-01-30, wording = \"before\", min_count = 10 }",
        "",
    ));
    assert_eq!(err.item(), Some("I.2a"));
    assert_eq!(err.kind(), ErrorKind::UnknownKey, "{err}");
    assert_eq!(err.key(), Some("min_count"), "{err}");
    assert!(
        err.to_string()
            .starts_with("I.2a: cannot read TOML: unknown field `min_count`"),
        "{err}"
    );
}

#[test]
fn refuses_malformed_toml() {
    let err = Plan::from_toml("ward = \"Phường Sông Cầu\"\nyear = \n").unwrap_err();
    assert_eq!(err.item(), None);
    assert_eq!(err.kind(), ErrorKind::Syntax);
    // parse errors read `cannot read TOML at line L, column C: message`.
    assert!(
        err.to_string()
            .starts_with("cannot read TOML at line 2, column "),
        "{err}"
    );
    assert!(err.to_string().contains("line 2"), "{err}");
    assert_eq!(err.line(), Some(2));
}

#[test]
fn refuses_malformed_json() {
    let err = Plan::from_json("{\"ward\": \"Phường Sông Cầu\", \"year\": }").unwrap_err();
    assert_eq!(err.item(), None);
    assert_eq!(err.kind(), ErrorKind::Syntax);
    // parse errors read `cannot read JSON at line L, column C: message`.
    assert!(
        err.to_string()
            .starts_with("cannot read JSON at line 1, column "),
        "{err}"
    );
    assert!(err.to_string().contains("line 1, column"), "{err}");
    assert_eq!(err.line(), Some(1));
}

#[test]
fn json_refusals_name_the_item_too() {
    let text = plan().to_json().unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["items"][5]["colour"] = "red".into();
    let err = Plan::from_json(&json.to_string()).unwrap_err();
    assert_eq!(err.item(), Some("II.4"));
    assert_eq!(err.kind(), ErrorKind::UnknownKey);
    assert_eq!(err.key(), Some("colour"));
    assert!(
        err.to_string()
            .starts_with("II.4: cannot read JSON at line 1, column "),
        "{err}"
    );
    assert!(err.to_string().contains("unknown field `colour`"), "{err}");

    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["items"][5]["target"]["percent"] = "120".into();
    let err = Plan::from_json(&json.to_string()).unwrap_err();
    assert_eq!(err.to_string(), "II.4: percentage 120 is outside 0 to 100");
}

#[test]
fn an_item_without_an_id_is_named_by_its_position() {
    let first = toml_item("II.4", 4, "II", RATE_35, "");
    let second = toml_item("II.6", 6, "II", RATE_35, "").replace("id = \"II.6\"\n", "");
    let err = refuse_toml(&format!("{first}{second}"));
    assert_eq!(err.item(), Some("item 2"));
    assert!(err.to_string().contains("missing field `id`"), "{err}");
}
