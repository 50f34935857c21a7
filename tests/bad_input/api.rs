//! The API: constructors, builders, writers, and what reports make of hostile text.

use cchc::limits::{MAX_DATES, MAX_INPUT_BYTES, MAX_MONTHS, MAX_TEXT_BYTES};
use cchc::report::{Format, render};
use cchc::rule::{Deadline, DeadlineWording, Window};
use cchc::time::Period;
use cchc::whatif::Scenario;
use cchc::{CriteriaSet, ErrorKind, Id, Lang, Observations, Observed, Scorecard};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Want, hostile, refused, safe};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

// 41. Constructors refuse the calendar's extremes: a deadline, a window, a period.
#[test]
fn constructors_refuse_dates_out_of_range() {
    let says = "is outside 1900-01-01 to 2199-12-31, the dates the crate works with";
    let min = || Want {
        value: Some("-262143-01-01"),
        says,
        ..Want::default()
    };
    refused(
        &Deadline::new(NaiveDate::MIN, DeadlineWording::By).unwrap_err(),
        ErrorKind::InvalidValue,
        min(),
    );
    refused(
        &Window::new(NaiveDate::MIN, day(2023, 1, 1)).unwrap_err(),
        ErrorKind::InvalidValue,
        min(),
    );
    refused(
        &Period::custom(NaiveDate::MIN, NaiveDate::MAX).unwrap_err(),
        ErrorKind::InvalidValue,
        min(),
    );
    let err = Deadline::new(day(2200, 1, 1), DeadlineWording::Before).unwrap_err();
    refused(
        &err,
        ErrorKind::InvalidValue,
        Want {
            value: Some("2200-01-01"),
            says,
            ..Want::default()
        },
    );
}

// 42. Observations made for a year no reader takes: scoring and writing both refuse them.
#[test]
fn observations_of_impossible_years_are_neither_scored_nor_written() {
    let set = CriteriaSet::reference();
    let obs = Observations::new("X", i32::MIN);
    let want = || Want {
        key: Some("year"),
        value: Some("-2147483648"),
        says: "year -2147483648 does not exist (allowed: 1900 to 2199)",
        ..Want::default()
    };
    refused(
        &Scorecard::score(&set, &obs).unwrap_err(),
        ErrorKind::InvalidValue,
        want(),
    );
    refused(&obs.to_toml().unwrap_err(), ErrorKind::InvalidValue, want());
    refused(&obs.to_json().unwrap_err(), ErrorKind::InvalidValue, want());
    let dated = Observations::new("X", 2023).with(
        cchc::Id::new("I.1a").unwrap(),
        cchc::Observed::Reported(cchc::Evidence::Completed(Some(NaiveDate::MIN))),
    );
    refused(
        &dated.to_toml().unwrap_err(),
        ErrorKind::InvalidValue,
        Want {
            says: "I.1a: date -262143-01-01 is outside 1900-01-01 to 2199-12-31, the dates the crate works with",
            item: Some("I.1a"),
            key: Some("completed_on"),
            ..Want::default()
        },
    );
}

// 43. What the crate accepts at the extremes it writes, and reads back unchanged: the first
//     and last days, u64::MAX counts, the longest texts, the most dates.
#[test]
fn extremes_accepted_are_written_and_read_back() {
    let set = CriteriaSet::reference();
    let text = "đ".repeat(MAX_TEXT_BYTES / 2);
    let mut many = vec![day(1900, 1, 1), day(2199, 12, 31)];
    many.extend((0..MAX_DATES - 2).map(|i| day(2023, 1, 1) + chrono::Days::new(i as u64 % 365)));
    let obs = Observations::builder(text.clone(), 2023)
        .counts("II.4", u64::MAX, u64::MAX)
        .evidence("II.4", text.clone())
        .completed("I.1a", day(1900, 1, 1))
        .completed("I.1b", day(2199, 12, 31))
        .held("VII.29", many)
        .points("II.9", Decimal::new(15, 1))
        .appraise("II.9", Decimal::ONE, text.clone())
        .build(&set)
        .unwrap();
    assert_eq!(
        Observations::from_toml(&obs.to_toml().unwrap(), &set).unwrap(),
        obs
    );
    assert_eq!(
        Observations::from_json(&obs.to_json().unwrap(), &set).unwrap(),
        obs
    );
    Scorecard::score(&set, &obs).unwrap();
}

// 57. What a writer makes beyond 10 MiB, no reader takes: refused when written. Evidence of
//     4,096 control characters (each written `\u0001`, 6 bytes) is 24,576 bytes written.
#[test]
fn writers_refuse_what_no_reader_takes() {
    let with = |criteria: usize| {
        let mut obs = Observations::new("X", 2023);
        for i in 0..criteria {
            let id = Id::new(&format!("X.{i}")).unwrap();
            obs.set(id, Observed::NotApplicable);
            obs.set_evidence(&format!("X.{i}"), "\u{1}".repeat(MAX_TEXT_BYTES))
                .unwrap();
        }
        obs
    };
    // 427 × 24,576 = 10,493,952 bytes of evidence alone: above 10,485,760.
    let big = with(427);
    for err in [big.to_toml(), big.to_json()].map(Result::unwrap_err) {
        refused(
            &err,
            ErrorKind::Limit,
            Want {
                says: "the text written is 10",
                ..Want::default()
            },
        );
        assert!(
            err.to_string()
                .ends_with("bytes long, above the limit of 10485760")
        );
    }
    // 400 × 24,576 = 9,830,400 bytes and the keys: written, within the limit.
    let near = with(400);
    for text in [near.to_toml().unwrap(), near.to_json().unwrap()] {
        assert!(
            text.len() > 9_830_400 && text.len() <= MAX_INPUT_BYTES,
            "{}",
            text.len()
        );
    }
    // A scenario of it is refused as its base is.
    let err = Scenario::new(big).to_json().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
}

// 44. The months of any period are bounded by the range of dates.
#[test]
fn months_of_a_period_are_bounded() {
    let widest = Period::custom(day(1900, 1, 1), day(2199, 12, 31)).unwrap();
    assert_eq!(widest.months().len(), MAX_MONTHS);
    assert_eq!(
        widest.months().last().map(Period::code).as_deref(),
        Some("2199-12")
    );
}

// 45. Terminal control characters and bidi overrides in a ward's name, the set's name, the
//     label of the band the card is rated in, an evidence text: none reaches the table, the
//     Markdown or an error, and the label is shown cleaned.
#[test]
fn control_characters_never_reach_a_terminal() {
    // II.4 and V.18 alone score a few points of 100: the lowest band, "Yếu" (Weak).
    let toml = CriteriaSet::reference_toml()
        .replacen("name = \"", "name = \"\\u001b]0;owned\\u0007", 1)
        .replacen(
            "label_vi = \"Yếu\"",
            "label_vi = \"Y\\u001b[2J\\u202e\\u2066ếu\"",
            1,
        );
    let set = CriteriaSet::from_toml(&toml).unwrap();
    let obs = Observations::builder("Phường \u{1b}[31mX\r\u{0}", 2023)
        .counts("II.4", 90, 300)
        .evidence("II.4", "BC\u{1b}[1A\u{202e}12")
        .done("V.18", true)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    assert_eq!(
        card.summary.band.as_ref().map(cchc::Text::vi),
        Some("Y\u{1b}[2J\u{202e}\u{2066}ếu")
    );
    for format in [Format::Table, Format::Markdown, Format::Csv] {
        // CSV ends its records with CR LF, as RFC 4180 has it.
        let text = render(&card, format, Lang::Vi)
            .unwrap()
            .replace("\r\n", "\n");
        let bad = text.chars().find(|c| *c != '\n' && hostile(*c));
        assert_eq!(bad, None, "{format:?}");
        // The band is in the table's and the Markdown's footer (the CSV has a row per
        // criterion), each hostile character U+FFFD (and Markdown escapes the `[`).
        let cleaned = match format {
            Format::Table => "Y\u{fffd}[2J\u{fffd}\u{fffd}ếu",
            Format::Markdown => "Y\u{fffd}\\[2J\u{fffd}\u{fffd}ếu",
            _ => "BC\u{fffd}[1A\u{fffd}12",
        };
        assert!(text.contains(cleaned), "{format:?}: {text}");
        let text = render(&card, format, Lang::En).unwrap();
        assert_eq!(
            text.chars()
                .find(|c| !c.is_ascii_whitespace() && hostile(*c)),
            None
        );
    }
    let err = Observations::builder("Phường \u{1b}[31mX", 2024)
        .build(&set)
        .unwrap_err();
    safe(&err.to_string());
}

// 46. Text a spreadsheet would run: guarded in the CSV meant for people, raw in `csv-raw`.
#[test]
fn formulas_are_guarded_in_csv() {
    let set = CriteriaSet::reference();
    let obs = Observations::builder("=cmd|' /C calc'!A0", 2023)
        .counts("II.4", 90, 300)
        .evidence("II.4", "@SUM(1+1)")
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let guarded = render(&card, Format::Csv, Lang::Vi).unwrap();
    assert!(guarded.contains("'@SUM(1+1)"), "{guarded}");
    assert!(!guarded.contains(",@SUM") && !guarded.contains(",\"@SUM"));
    let raw = render(&card, Format::CsvRaw, Lang::Vi).unwrap();
    assert!(raw.contains("@SUM(1+1)") && !raw.contains("'@SUM"));
}

// 47. Builders check what files check: a ward's name above the limit, evidence for a
//     criterion not observed.
#[test]
fn builders_check_like_files() {
    let set = CriteriaSet::reference();
    let err = Observations::builder("x".repeat(MAX_TEXT_BYTES + 1), 2023)
        .build(&set)
        .unwrap_err();
    refused(
        &err,
        ErrorKind::Limit,
        Want {
            key: Some("ward"),
            value: Some("4097"),
            says: "ward is 4097 bytes long, above the limit of 4096",
            ..Want::default()
        },
    );
    let err = Observations::builder("X", 2023)
        .evidence("II.4", "BC 12")
        .build(&set)
        .unwrap_err();
    refused(
        &err,
        ErrorKind::Missing,
        Want {
            item: Some("II.4"),
            says: "II.4: no observation to attach evidence to",
            ..Want::default()
        },
    );
}
