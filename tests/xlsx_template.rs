//! The observations template: written for any set, read back with calamine, filled by this
//! test (a workbook written with rust_xlsxwriter in the template's layout), read by the crate
//! into the same observations and the same scorecard as the TOML file; every error names its
//! cell.
#![cfg(all(feature = "xlsx", feature = "toml"))]

mod common;

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use cchc::observations::xlsx::template;
use cchc::rule::Evidence;
use cchc::{CriteriaSet, ErrorKind, Lang, Observations, Observed, Scorecard};
use common::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

/// The template filled with what `obs` holds, as an official would type it.
fn filled(set: &CriteriaSet, obs: &Observations, when: &str) -> Vec<u8> {
    filled_book(set, obs, when).save_to_buffer().unwrap()
}

fn filled_book(set: &CriteriaSet, obs: &Observations, when: &str) -> Workbook {
    book(set, obs.ward(), when, |ws, row, id| {
        if let Some(o) = obs.get(id) {
            match &o.value {
                Observed::NotApplicable => {
                    ws.write_string(row, NOT_APPLICABLE, "có").unwrap();
                }
                Observed::Reported(Evidence::Counts(c)) => {
                    ws.write_number(row, NUMERATOR, c.numerator() as f64)
                        .unwrap();
                    ws.write_number(row, DENOMINATOR, c.denominator() as f64)
                        .unwrap();
                }
                Observed::Reported(Evidence::Count(n)) => {
                    ws.write_number(row, COUNT, *n as f64).unwrap();
                }
                Observed::Reported(Evidence::Completed(Some(day))) => {
                    date(ws, row, COMPLETED, *day)
                }
                Observed::Reported(Evidence::Completed(None)) => {
                    ws.write_string(row, DONE, "không").unwrap();
                }
                Observed::Reported(Evidence::Held(days)) if days.is_empty() => {
                    ws.write_string(row, DONE, "không").unwrap();
                }
                Observed::Reported(Evidence::Held(days)) => {
                    for (c, day) in (FIRST_DATE..).zip(days) {
                        date(ws, row, c, *day);
                    }
                }
                Observed::Reported(Evidence::Done(done)) => {
                    ws.write_string(row, DONE, if *done { "có" } else { "không" })
                        .unwrap();
                }
                Observed::Reported(Evidence::Points(p)) => {
                    ws.write_number(row, POINTS, p.to_string().parse::<f64>().unwrap())
                        .unwrap();
                }
                Observed::Reported(Evidence::Category(key)) => {
                    ws.write_string(row, CATEGORY, key.as_str()).unwrap();
                }
                other => panic!("{id}: {other:?} not in the sample files"),
            }
            if let Some(text) = &o.evidence {
                ws.write_string(row, EVIDENCE, text).unwrap();
            }
        }
        if let Some(a) = obs.appraisal(id) {
            ws.write_number(row, APPRAISED, a.points.to_string().parse::<f64>().unwrap())
                .unwrap();
            ws.write_string(row, REASON, &a.reason).unwrap();
        }
    })
}

fn same_as_toml(set: &CriteriaSet, path: &str, when: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    let from_toml = Observations::from_toml(&text, set).unwrap();
    let from_xlsx = Observations::from_xlsx(&filled(set, &from_toml, when), set).unwrap();
    assert_eq!(from_xlsx, from_toml, "{path}");
    assert_eq!(
        Scorecard::score(set, &from_xlsx).unwrap(),
        Scorecard::score(set, &from_toml).unwrap()
    );
}

#[test]
fn the_sample_ward_scores_the_same_from_excel() {
    // Deadlines (one observed, not done), rates, counts, dates held, done, assessor points,
    // không phát sinh, evidence and an appraisal: every kind of row the reference set has.
    same_as_toml(
        &CriteriaSet::reference(),
        "examples/data/sample_observations_2023.toml",
        "2023",
    );
}

#[test]
fn a_qd766_month_scores_the_same_from_excel() {
    same_as_toml(
        &CriteriaSet::preset("qd766").unwrap(),
        "examples/data/qd766_2025-07.toml",
        "2025-07",
    );
}

#[test]
fn the_template_has_a_row_per_leaf_and_its_layout() {
    let set = CriteriaSet::reference();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(template(&set, Lang::Vi).unwrap())).unwrap();
    assert_eq!(book.sheet_names(), ["Số liệu"]);
    let r = book.worksheet_range("Số liệu").unwrap();
    let get = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(get(4, 1), Data::String(set.name().to_owned()));
    for (c, h) in (0u32..).zip(HEADINGS) {
        assert_eq!(get(5, c), Data::String(h.to_owned()));
    }
    assert_eq!(get(5, 14), Data::String("Ngày tổ chức 1".into()));
    let ids: Vec<Data> = (6..47).map(|row| get(row, 0)).collect();
    let leaves: Vec<Data> = set
        .leaves()
        .map(|l| Data::String(l.criterion.id().to_string()))
        .collect();
    assert_eq!(ids, leaves);
    // The maximum beside each criterion: I.1a is worth 2 points.
    assert_eq!(get(6, 2), Data::Float(2.0));
    // English headings for an English template.
    let province = CriteriaSet::from_toml(include_str!("../src/criteria/qd766.toml")).unwrap();
    let mut en: Xlsx<_> = Xlsx::new(Cursor::new(template(&province, Lang::En).unwrap())).unwrap();
    assert_eq!(en.sheet_names(), ["Data"]);
    let r = en.worksheet_range("Data").unwrap();
    assert_eq!(r.get_value((5, 3)), Some(&Data::String("Numerator".into())));
}

/// The error of a reference-set workbook whose II.4 row (row 12: I.1a … II.3 fill rows
/// 7–11) holds `numerator` and `denominator` as written.
fn ii4(numerator: impl Fn(&mut Worksheet, u32), denominator: f64) -> cchc::Error {
    let set = CriteriaSet::reference();
    let bytes = workbook(&set, "Phường X", "2023", |ws, row, id| {
        if id == "II.4" {
            assert_eq!(row, 11);
            numerator(ws, row);
            ws.write_number(row, DENOMINATOR, denominator).unwrap();
        }
    });
    Observations::from_xlsx(&bytes, &set).unwrap_err()
}

#[test]
fn every_error_names_its_cell() {
    let err = ii4(
        |ws, row| drop(ws.write_number(row, NUMERATOR, 310.0)),
        300.0,
    );
    assert_eq!(
        err.to_string(),
        "'Số liệu'!D12: II.4: numerator 310 exceeds denominator 300"
    );
    assert_eq!(
        (err.cell(), err.item(), err.key()),
        (Some("'Số liệu'!D12"), Some("II.4"), Some("numerator"))
    );
    assert_eq!(err.value().as_deref(), Some("310"));
    assert_eq!(err.kind(), ErrorKind::InvalidValue);

    for (written, shown) in [(2.5, "2.5"), (-1.0, "-1.0")] {
        let err = ii4(
            |ws, row| drop(ws.write_number(row, NUMERATOR, written)),
            300.0,
        );
        assert_eq!(
            err.to_string(),
            format!(
                "'Số liệu'!D12: II.4: key `numerator` has value {shown}, expected a whole number, 0 or more"
            )
        );
    }
    let err = ii4(
        |ws, row| drop(ws.write_string(row, NUMERATOR, "chín mươi")),
        300.0,
    );
    assert_eq!(err.cell(), Some("'Số liệu'!D12"));
    assert_eq!(err.value().as_deref(), Some("\"chín mươi\""));
    let err = ii4(|ws, row| drop(ws.write_number(row, NUMERATOR, 90.0)), 0.5);
    assert_eq!(
        (err.cell(), err.key()),
        (Some("'Số liệu'!E12"), Some("denominator"))
    );
    // A count in a date cell's column of another rule: refused, named.
    let err = ii4(|ws, row| drop(ws.write_number(row, COUNT, 3.0)), 300.0);
    assert_eq!(err.cell(), Some("'Số liệu'!F12"));
    assert_eq!(err.kind(), ErrorKind::UnknownKey);
}

#[test]
fn dates_are_whole_serial_numbers() {
    let set = CriteriaSet::reference();
    // I.1a (row 7) is a deadline: completed on a date with a time of day is refused, a
    // date typed as ISO text is read, a date that does not exist is refused.
    let read = |fill: &dyn Fn(&mut Worksheet)| {
        Observations::from_xlsx(
            &workbook(&set, "X", "2023", |ws, row, id| {
                if id == "I.1a" {
                    assert_eq!(row, 6);
                    fill(ws)
                }
            }),
            &set,
        )
    };
    let with_time = |ws: &mut Worksheet| {
        let at = ExcelDateTime::parse_from_str("2022-12-20 12:00:00").unwrap();
        ws.write_datetime_with_format(
            6,
            COMPLETED,
            at,
            &Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        )
        .unwrap();
    };
    let err = read(&with_time).unwrap_err();
    assert_eq!(
        (err.cell(), err.item(), err.key()),
        (Some("'Số liệu'!G7"), Some("I.1a"), Some("completed_on"))
    );
    // Noon of 26 April 1912 is the serial number 4500.5: refused for its time of day, never
    // read as the day 45005 (20 March 2023) its digits would make.
    let noon_1912 = |ws: &mut Worksheet| {
        let at = ExcelDateTime::parse_from_str("1912-04-26 12:00:00").unwrap();
        ws.write_datetime_with_format(
            6,
            COMPLETED,
            at,
            &Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        )
        .unwrap();
    };
    let err = read(&noon_1912).unwrap_err();
    assert_eq!(
        (err.cell(), err.key()),
        (Some("'Số liệu'!G7"), Some("completed_on"))
    );
    let ok = read(&|ws: &mut Worksheet| drop(ws.write_string(6, COMPLETED, "2022-12-20"))).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2022, 12, 20).unwrap();
    assert_eq!(
        ok.value("I.1a"),
        &Observed::Reported(Evidence::Completed(Some(day)))
    );
    let err =
        read(&|ws: &mut Worksheet| drop(ws.write_string(6, COMPLETED, "2023-02-30"))).unwrap_err();
    assert_eq!(err.cell(), Some("'Số liệu'!G7"));
    // "có" without a date: the date is missing, named at its cell.
    let err = read(&|ws: &mut Worksheet| drop(ws.write_string(6, DONE, "có"))).unwrap_err();
    assert_eq!(
        (err.cell(), err.kind()),
        (Some("'Số liệu'!G7"), ErrorKind::MissingKey)
    );
}

#[test]
fn an_empty_row_is_missing_and_the_ward_and_period_are_read() {
    let set = CriteriaSet::reference();
    let obs =
        Observations::from_xlsx(&workbook(&set, "Phường Y", "2023", |_, _, _| {}), &set).unwrap();
    assert_eq!((obs.ward(), obs.year(), obs.len()), ("Phường Y", 2023, 0));
    let err = Observations::from_xlsx(&workbook(&set, "Phường Y", "2024", |_, _, _| {}), &set)
        .unwrap_err();
    assert_eq!(err.cell(), Some("'Số liệu'!B3"));
    let err = Observations::from_xlsx(b"PK\x03\x04 not a zip", &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    let qd = CriteriaSet::preset("qd766").unwrap();
    let err = Observations::from_xlsx(&workbook(&set, "Y", "2023", |_, _, _| {}), &qd).unwrap_err();
    assert_eq!(
        (err.cell(), err.kind()),
        (Some("'Số liệu'!B5"), ErrorKind::Syntax)
    );
}

#[test]
fn survey_bonus_and_penalty_come_back_too() {
    let set = CriteriaSet::from_toml(include_str!("data/excel_set.toml")).unwrap();
    // The template of a set with a survey part and bonus points: the survey cell is open,
    // and a second sheet takes the bonus and penalty points.
    let mut blank: Xlsx<_> = Xlsx::new(Cursor::new(template(&set, Lang::Vi).unwrap())).unwrap();
    assert_eq!(blank.sheet_names(), ["Số liệu", "Thưởng, trừ"]);
    // A set with bonus points only, or penalty points only, has the sheet too.
    let excel = include_str!("data/excel_set.toml");
    let (head, rest) = excel.split_once("[bonus]").unwrap();
    let (bonus, rest) = rest.split_once("[penalty]").unwrap();
    let (penalty, fields) = rest.split_once("[[fields]]").unwrap();
    for only in [
        format!("{head}[bonus]{bonus}[[fields]]{fields}"),
        format!("{head}[penalty]{penalty}[[fields]]{fields}"),
    ] {
        let one = CriteriaSet::from_toml(&only).unwrap();
        assert!(one.bonus().is_some() != one.penalty().is_some());
        let book: Xlsx<_> = Xlsx::new(Cursor::new(template(&one, Lang::Vi).unwrap())).unwrap();
        assert_eq!(book.sheet_names(), ["Số liệu", "Thưởng, trừ"]);
    }
    let awards = blank.worksheet_range("Thưởng, trừ").unwrap();
    assert_eq!(
        awards.get_value((0, 2)),
        Some(&Data::String("Lý do".into()))
    );
    // Its five leaves: A.1, A.2a, A.2b, A.3, B.1, rows 7 to 11.
    let text = include_str!("data/excel_obs.toml")
        .replace("year = 2024\n", "year = 2024\nsurvey = true\n");
    let from_toml = Observations::from_toml(&text, &set).unwrap();
    let mut book = filled_book(&set, &from_toml, "2024");
    book.worksheet_from_name("Số liệu")
        .unwrap()
        .write_string(3, 1, "có")
        .unwrap();
    let aw = book.add_worksheet();
    aw.set_name("Thưởng, trừ").unwrap();
    for (row, (kind, points, reason)) in
        (1u32..).zip([("thưởng", 1.0, "Sáng kiến"), ("trừ", 0.5, "Chậm báo cáo")])
    {
        aw.write_string(row, 0, kind).unwrap();
        aw.write_number(row, 1, points).unwrap();
        aw.write_string(row, 2, reason).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let from_xlsx = Observations::from_xlsx(&bytes, &set).unwrap();
    assert_eq!(from_xlsx, from_toml);
    // 12.01 of 40 points, as the TOML file scores.
    assert_eq!(
        Scorecard::score(&set, &from_xlsx)
            .unwrap()
            .summary
            .total_points
            .to_string(),
        "12.01"
    );
    // The sheet's last row of awards is row 21 (rows 2 to 21): a bonus there is read; one on
    // row 22 is outside the template.
    let with_bonus_on = |row: u32| {
        let mut book = filled_book(&set, &from_toml, "2024");
        let aw = book.add_worksheet();
        aw.set_name("Thưởng, trừ").unwrap();
        aw.write_string(row, 0, "thưởng").unwrap();
        aw.write_number(row, 1, 1.0).unwrap();
        aw.write_string(row, 2, "Hàng cuối").unwrap();
        Observations::from_xlsx(&book.save_to_buffer().unwrap(), &set)
    };
    let last = with_bonus_on(20).unwrap();
    let bonus: Vec<&str> = last.bonus().iter().map(|a| a.reason.as_str()).collect();
    assert_eq!(bonus, ["Hàng cuối"]);
    let err = with_bonus_on(21).unwrap_err();
    assert_eq!(err.cell(), Some("'Thưởng, trừ'!A22"));
}

#[test]
fn every_date_column_is_read() {
    // The template has twelve columns of dates held (O to Z); a meeting criterion with a date
    // in each, one a month on the 15th, reads back as those twelve dates.
    let set = CriteriaSet::reference();
    let days: Vec<chrono::NaiveDate> = (1..=12)
        .map(|m| chrono::NaiveDate::from_ymd_opt(2023, m, 15).unwrap())
        .collect();
    let obs = Observations::builder("Phường Y", 2023)
        .held("VII.29", days.clone())
        .build(&set)
        .unwrap();
    let back = Observations::from_xlsx(&filled(&set, &obs, "2023"), &set).unwrap();
    assert_eq!(
        back.value("VII.29"),
        &Observed::Reported(Evidence::Held(days))
    );
    assert_eq!(back, obs);
}

#[test]
fn a_template_holds_up_to_its_rows() {
    use cchc::criteria::{CriteriaField, Criterion};
    use cchc::rule::ScoringRule;
    use cchc::{Id, Text};
    use rust_decimal::Decimal;
    // The data sheet is read to row 10,000 (MAX_ROWS) and its criteria start below the
    // header on row 6: 10,000 − 5 − 1 = 9,994 rows of criteria at most.
    let set_of = |n: usize| {
        let leaves = (0..n)
            .map(|i| {
                Criterion::new(
                    Id::new(&format!("A.{i}")).unwrap(),
                    Text::new("c", "c"),
                    Decimal::ONE,
                    ScoringRule::Done,
                )
                .unwrap()
            })
            .collect();
        CriteriaSet::builder("S")
            .field(CriteriaField::new(
                Id::new("A").unwrap(),
                Text::new("a", "a"),
                leaves,
            ))
            .build()
            .unwrap()
    };
    // 2,000 rows: written, and read back as a blank file.
    let set = set_of(2_000);
    let blank = template(&set, Lang::Vi).unwrap();
    let err = Observations::from_xlsx(&blank, &set).unwrap_err();
    // A blank template has no ward yet: the first thing it asks for.
    assert_eq!(err.kind(), ErrorKind::MissingKey, "{err}");
    // One row more than the sheet holds: refused before anything is written.
    let err = template(&set_of(9_995), Lang::Vi).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert!(err.to_string().contains("9994"), "{err}");
}

#[test]
fn a_category_is_read_from_its_cell() {
    // A criterion scored by who chaired (chairman: full points, deputy: half): the category
    // typed in its column (J) reads back as the key, with the spaces around it trimmed.
    let set = CriteriaSet::from_toml(include_str!("data/chaired_set.toml")).unwrap();
    let obs = Observations::from_xlsx(
        &workbook(&set, "X", "2023", |ws, row, _| {
            ws.write_string(row, CATEGORY, " deputy ").unwrap();
        }),
        &set,
    )
    .unwrap();
    assert_eq!(
        obs.value("A.1"),
        &Observed::Reported(Evidence::Category(cchc::Id::new("deputy").unwrap()))
    );
    // 2 × 0.5 = 1 point.
    let card = Scorecard::score(&set, &obs).unwrap();
    assert_eq!(card.summary.total_points, rust_decimal::Decimal::ONE);
}

#[test]
fn points_typed_as_text_are_read_from_their_digits() {
    // A.2b of the Excel test set is scored by an assessor (at most 2 points). Points typed as
    // text (" 1.25 ", as a spreadsheet set to text keeps them) read as 1.25 exactly, the spaces
    // trimmed; typed as a number, 1.5 reads as 1.5.
    let set = CriteriaSet::from_toml(include_str!("data/excel_set.toml")).unwrap();
    let read = |fill: &dyn Fn(&mut Worksheet, u32)| {
        Observations::from_xlsx(
            &workbook(&set, "X", "2024", |ws, row, id| {
                if id == "A.2b" {
                    fill(ws, row);
                }
            }),
            &set,
        )
        .unwrap()
        .value("A.2b")
        .clone()
    };
    let points = |text: &str| Observed::Reported(Evidence::Points(text.parse().unwrap()));
    assert_eq!(
        read(&|ws, row| {
            ws.write_string(row, POINTS, " 1.25 ").unwrap();
        }),
        points("1.25")
    );
    assert_eq!(
        read(&|ws, row| {
            ws.write_number(row, POINTS, 1.5).unwrap();
        }),
        points("1.5")
    );
}

#[test]
fn no_in_the_done_column_is_none_held_or_not_completed() {
    // "không" / "no" in column H: for VII.29 (dates held) no meeting was held, for I.1a (a
    // deadline) the task is not done — each as its TOML form would say.
    let set = CriteriaSet::reference();
    let obs = Observations::from_xlsx(
        &workbook(&set, "X", "2023", |ws, row, id| match id {
            "VII.29" => {
                ws.write_string(row, DONE, "không").unwrap();
            }
            "I.1a" => {
                ws.write_string(row, DONE, "no").unwrap();
            }
            _ => {}
        }),
        &set,
    )
    .unwrap();
    assert_eq!(
        obs.value("VII.29"),
        &Observed::Reported(Evidence::Held(Vec::new()))
    );
    assert_eq!(
        obs.value("I.1a"),
        &Observed::Reported(Evidence::Completed(None))
    );
    // "có" beside a completion date says nothing the date does not: completed on that date.
    let obs = Observations::from_xlsx(
        &workbook(&set, "X", "2023", |ws, row, id| {
            if id == "I.1a" {
                ws.write_string(row, DONE, "có").unwrap();
                ws.write_string(row, COMPLETED, "2022-12-20").unwrap();
            }
        }),
        &set,
    )
    .unwrap();
    assert_eq!(
        obs.value("I.1a"),
        &Observed::Reported(Evidence::Completed(chrono::NaiveDate::from_ymd_opt(
            2022, 12, 20
        )))
    );
}
