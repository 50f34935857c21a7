//! What the fuzz targets share: the criteria sets they read against, the invariants every
//! scorecard must keep, the round trips every reader must survive, and the workbooks the Excel
//! target patches.
//!
//! Every check panics with what broke, so that libFuzzer records the input as a crash.

#![forbid(unsafe_code)]

use std::io::{Cursor, Read, Write};
use std::sync::LazyLock;

use cchc::report::{self, Format};
use cchc::rule::Evidence;
use cchc::{CriteriaSet, Lang, Observations, Observed, Scorecard, Status, Summary};
use rust_decimal::Decimal;

/// The largest input a text target reads: the crate's own files are below 30 KB, and larger
/// inputs only slow the fuzzer down.
pub const MAX_INPUT: usize = 64 * 1024;

/// The reference set (`CriteriaSet::reference()`).
pub static REFERENCE: LazyLock<CriteriaSet> = LazyLock::new(CriteriaSet::reference);

/// The QĐ 766 service index of a commune (`CriteriaSet::preset("qd766")`).
pub static QD766: LazyLock<CriteriaSet> =
    LazyLock::new(|| CriteriaSet::preset("qd766").expect("the qd766 preset reads"));

/// The test set with a survey part, bonus and penalty points, không phát sinh left out and
/// half-to-even rounding (`tests/data/excel_set.toml`).
pub static EXCEL_SET: LazyLock<CriteriaSet> = LazyLock::new(|| {
    CriteriaSet::from_toml(include_str!("../../tests/data/excel_set.toml"))
        .expect("tests/data/excel_set.toml reads")
});

/// Every set the observations targets read against.
pub fn sets() -> [&'static CriteriaSet; 3] {
    [&REFERENCE, &QD766, &EXCEL_SET]
}

/// The input as text, or `None`: non-UTF-8 input is refused before any reader sees it (the
/// readers take `&str`).
pub fn text(data: &[u8]) -> Option<&str> {
    if data.len() > MAX_INPUT {
        return None;
    }
    std::str::from_utf8(data).ok()
}

fn sum<'a>(values: impl IntoIterator<Item = &'a Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, |acc, v| {
        acc.checked_add(*v).expect("a sum of points overflows")
    })
}

/// The invariants of a scorecard scored against `set`:
///
/// - every line: 0 ≤ points ≤ max_points and 0 ≤ appraised points ≤ max_points, max_points no
///   more than the criterion's maximum;
/// - the scored lines (leaves) are the set's leaves, in order; every parent line is the sum of
///   its sub-criteria's lines (points, maximum, appraised points);
/// - every field is the sum of its leaves, and of its top-level lines;
/// - the summary: criteria points and maximum are the sums of the fields; bonus and penalty
///   within the set's caps; total = clamp(criteria + bonus − penalty, 0, max), the same for the
///   appraised total; the index is `Scorecard::index_for` of the total, within 0–100; the
///   band is the set's band of the index; the missing criteria are the leaves with status
///   missing.
pub fn check_card(set: &CriteriaSet, card: &Scorecard) {
    assert_eq!(card.criteria_set, set.name());
    for line in &card.criteria {
        let id = line.id.as_str();
        assert!(
            line.points >= Decimal::ZERO && line.points <= line.max_points,
            "{id}: points {} outside 0..={}",
            line.points,
            line.max_points
        );
        assert!(
            line.appraised_points >= Decimal::ZERO && line.appraised_points <= line.max_points,
            "{id}: appraised points {} outside 0..={}",
            line.appraised_points,
            line.max_points
        );
        let criterion = set
            .criterion(id)
            .unwrap_or_else(|| panic!("{id}: a line for no criterion of the set"));
        assert!(
            line.max_points <= criterion.max_points(),
            "{id}: max counted {} above the criterion's {}",
            line.max_points,
            criterion.max_points()
        );
        assert_eq!(line.working.is_some(), criterion.rule().is_some(), "{id}");
        if let Some(parent) = &line.parent {
            assert!(
                card.criteria.iter().any(|p| p.id == *parent),
                "{id}: parent {parent} has no line"
            );
        }
    }
    let leaves: Vec<_> = card
        .criteria
        .iter()
        .filter(|l| l.working.is_some())
        .collect();
    let set_leaves: Vec<_> = set.leaves().map(|l| l.criterion.id().clone()).collect();
    assert_eq!(
        leaves.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
        set_leaves,
        "the scored lines are not the set's leaves"
    );
    for parent in card.criteria.iter().filter(|l| l.working.is_none()) {
        let children: Vec<_> = card
            .criteria
            .iter()
            .filter(|c| c.parent.as_ref() == Some(&parent.id))
            .collect();
        assert!(
            !children.is_empty(),
            "{}: a parent without lines",
            parent.id
        );
        assert_eq!(
            sum(children.iter().map(|c| &c.points)),
            parent.points,
            "{}: points are not the sum of the sub-criteria",
            parent.id
        );
        assert_eq!(
            sum(children.iter().map(|c| &c.max_points)),
            parent.max_points,
            "{}: maximum is not the sum of the sub-criteria",
            parent.id
        );
        assert_eq!(
            sum(children.iter().map(|c| &c.appraised_points)),
            parent.appraised_points,
            "{}: appraised points are not the sum of the sub-criteria",
            parent.id
        );
    }
    assert_eq!(
        card.fields.iter().map(|f| f.id.clone()).collect::<Vec<_>>(),
        set.fields()
            .iter()
            .map(|f| f.id().clone())
            .collect::<Vec<_>>()
    );
    for field in &card.fields {
        let of_field = |top: bool| {
            card.criteria.iter().filter(move |l| {
                l.field == field.id
                    && if top {
                        l.parent.is_none()
                    } else {
                        l.working.is_some()
                    }
            })
        };
        for top in [true, false] {
            assert_eq!(
                sum(of_field(top).map(|l| &l.points)),
                field.points,
                "field {}: points are not the sum of its {} lines",
                field.id,
                if top { "top-level" } else { "leaf" }
            );
            assert_eq!(
                sum(of_field(top).map(|l| &l.max_points)),
                field.max_points,
                "field {}: maximum",
                field.id
            );
            assert_eq!(
                sum(of_field(top).map(|l| &l.appraised_points)),
                field.appraised_points,
                "field {}: appraised points",
                field.id
            );
        }
    }
    let s = &card.summary;
    let max = sum(card.fields.iter().map(|f| &f.max_points));
    assert_eq!(s.max_points, max, "summary maximum");
    assert_eq!(
        s.criteria_points,
        sum(card.fields.iter().map(|f| &f.points)),
        "summary criteria points"
    );
    let cap = |adjustment: Option<&cchc::criteria::Adjustment>| {
        adjustment.map_or(Decimal::ZERO, cchc::criteria::Adjustment::max_points)
    };
    assert!(
        s.bonus_points >= Decimal::ZERO && s.bonus_points <= cap(set.bonus()),
        "bonus {} outside its cap",
        s.bonus_points
    );
    assert!(
        s.penalty_points >= Decimal::ZERO && s.penalty_points <= cap(set.penalty()),
        "penalty {} outside its cap",
        s.penalty_points
    );
    let adjusted = |points: Decimal| {
        points
            .checked_add(s.bonus_points)
            .and_then(|p| p.checked_sub(s.penalty_points))
            .expect("adjusted total overflows")
            .clamp(Decimal::ZERO, max)
    };
    assert_eq!(s.total_points, adjusted(s.criteria_points), "total");
    let appraised = sum(card.fields.iter().map(|f| &f.appraised_points));
    assert_eq!(
        s.appraised_total_points,
        adjusted(appraised),
        "appraised total"
    );
    for (index, total, band) in [
        (s.index, s.total_points, &s.band),
        (
            s.appraised_index,
            s.appraised_total_points,
            &s.appraised_band,
        ),
    ] {
        let expected = Scorecard::index_for(total, max, set.rounding())
            .unwrap_or_else(|e| panic!("index of {total}/{max}: {e}"));
        assert_eq!(index, expected, "index of {total}/{max}");
        if let Some(index) = index {
            assert!(
                index >= Decimal::ZERO && index <= Decimal::ONE_HUNDRED,
                "index {index} outside 0–100"
            );
        }
        let expected_band = index.and_then(|i| set.band_for(i)).map(|b| b.label());
        assert_eq!(band.as_ref(), expected_band, "band of {index:?}");
    }
    let missing: Vec<_> = leaves
        .iter()
        .filter(|l| l.status == Status::Missing)
        .map(|l| l.id.clone())
        .collect();
    assert_eq!(card.missing, missing, "missing criteria");
    assert_eq!(s.missing_criteria, missing.len(), "missing count");
}

/// Scores `obs` against `set` (they were read against it, so scoring must succeed), checks
/// the scorecard's invariants ([`check_card`]), that [`Summary::score`] equals its summary,
/// that every text report renders, and that the scorecard JSON reads back equal.
pub fn check_scored(set: &CriteriaSet, obs: &Observations) -> Scorecard {
    let card = Scorecard::score(set, obs)
        .unwrap_or_else(|e| panic!("observations read against the set do not score: {e}"));
    check_card(set, &card);
    let summary =
        Summary::score(set, obs).unwrap_or_else(|e| panic!("Summary::score refuses: {e}"));
    assert_eq!(
        summary, card.summary,
        "Summary::score differs from the scorecard"
    );
    for lang in [Lang::Vi, Lang::En] {
        for format in [
            Format::Table,
            Format::Markdown,
            Format::Csv,
            Format::CsvRaw,
            Format::Json,
        ] {
            report::render(&card, format, lang)
                .unwrap_or_else(|e| panic!("{format:?} ({lang:?}) does not render: {e}"));
        }
    }
    let json = card
        .to_json()
        .unwrap_or_else(|e| panic!("scorecard JSON: {e}"));
    let back = Scorecard::from_json(&json)
        .unwrap_or_else(|e| panic!("the scorecard JSON does not read back: {e}\n{json}"));
    assert_eq!(back, card, "the scorecard JSON reads back different");
    card
}

/// Observations written as TOML and as JSON read back equal against `set`.
pub fn check_round_trip(set: &CriteriaSet, obs: &Observations) {
    let toml = obs
        .to_toml()
        .unwrap_or_else(|e| panic!("to_toml refuses: {e}"));
    let back = Observations::from_toml(&toml, set)
        .unwrap_or_else(|e| panic!("the TOML written is not read back: {e}\n{toml}"));
    assert_eq!(&back, obs, "TOML read back different:\n{toml}");
    let json = obs
        .to_json()
        .unwrap_or_else(|e| panic!("to_json refuses: {e}"));
    let back = Observations::from_json(&json, set)
        .unwrap_or_else(|e| panic!("the JSON written is not read back: {e}\n{json}"));
    assert_eq!(&back, obs, "JSON read back different:\n{json}");
}

/// Everything checked of observations read against `set`: the scorecard, the summary, the
/// reports and both round trips.
pub fn check_observations(set: &CriteriaSet, obs: &Observations) {
    check_scored(set, obs);
    check_round_trip(set, obs);
}

/// Observations valid against `set`, drawn by `cchc::testing::observations` from a generator
/// seeded with `seed`: the same seed, the same observations.
pub fn generated(set: &CriteriaSet, seed: &[u8]) -> Observations {
    use proptest::strategy::{Strategy, ValueTree};
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut key = [0u8; 32];
    for (i, b) in seed.iter().enumerate() {
        let slot = &mut key[i % 32];
        *slot = slot.rotate_left(3) ^ b;
    }
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &key);
    let mut runner = TestRunner::new_with_rng(Config::default(), rng);
    cchc::testing::observations(set)
        .new_tree(&mut runner)
        .expect("observations are generated")
        .current()
}

/// The entries of a workbook (zip), by name.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a workbook");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("an entry");
            let mut content = Vec::new();
            file.read_to_end(&mut content).expect("an entry's content");
            (file.name().expect("an entry's name").into_owned(), content)
        })
        .collect()
}

/// A workbook (zip) of `entries`, stored without compression.
pub fn rezip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, content) in entries {
        writer.start_file(name.as_str(), options).expect("an entry");
        writer.write_all(content).expect("an entry's content");
    }
    writer.finish().expect("a zip").into_inner()
}

/// The data sheet and the shared strings of a workbook: what the Excel target's patch mode
/// replaces.
pub const SHEET: &str = "xl/worksheets/sheet1.xml";
/// The shared strings of a workbook.
pub const STRINGS: &str = "xl/sharedStrings.xml";

/// The template of `set` filled with `obs` as an official would type it (the layout of
/// `tests/common/mod.rs`): numbers, dates, có/không, texts.
pub fn filled_template(set: &CriteriaSet, obs: &Observations, when: &str) -> Vec<u8> {
    use chrono::Datelike;
    use rust_xlsxwriter::{ExcelDateTime, Format as CellFormat, Workbook};
    const NUMERATOR: u16 = 3;
    const DENOMINATOR: u16 = 4;
    const COUNT: u16 = 5;
    const COMPLETED: u16 = 6;
    const DONE: u16 = 7;
    const POINTS: u16 = 8;
    const CATEGORY: u16 = 9;
    const NOT_APPLICABLE: u16 = 10;
    const EVIDENCE: u16 = 11;
    const APPRAISED: u16 = 12;
    const REASON: u16 = 13;
    const FIRST_DATE: u16 = 14;
    const HEADINGS: [&str; 14] = [
        "Mã",
        "Tiêu chí",
        "Điểm tối đa",
        "Tử số",
        "Mẫu số",
        "Số lượng",
        "Ngày hoàn thành",
        "Đã thực hiện (có/không)",
        "Điểm (người chấm)",
        "Phân loại",
        "Không phát sinh (có)",
        "Tài liệu kiểm chứng",
        "Điểm thẩm định",
        "Lý do thẩm định",
    ];
    let number = |d: Decimal| d.to_string().parse::<f64>().expect("a number");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Số liệu").expect("sheet name");
    let date_format = CellFormat::new().set_num_format("dd/mm/yyyy");
    let date = |ws: &mut rust_xlsxwriter::Worksheet, row: u32, c: u16, day: chrono::NaiveDate| {
        let at = ExcelDateTime::from_ymd(
            u16::try_from(day.year()).expect("a year"),
            u8::try_from(day.month()).expect("a month"),
            u8::try_from(day.day()).expect("a day"),
        )
        .expect("a date");
        ws.write_datetime_with_format(row, c, at, &date_format)
            .expect("a date cell");
    };
    ws.write_string(1, 1, obs.ward()).expect("ward");
    match when.parse::<u32>() {
        Ok(year) => ws.write_number(2, 1, f64::from(year)),
        Err(_) => ws.write_string(2, 1, when),
    }
    .expect("period");
    ws.write_string(4, 1, set.name()).expect("set");
    for (c, h) in (0u16..).zip(HEADINGS) {
        ws.write_string(5, c, h).expect("heading");
    }
    for (row, leaf) in (6u32..).zip(set.leaves().filter(|l| set.in_scope(l.criterion))) {
        let id = leaf.criterion.id().as_str();
        ws.write_string(row, 0, id).expect("id");
        if let Some(o) = obs.get(id) {
            match &o.value {
                Observed::NotApplicable => {
                    ws.write_string(row, NOT_APPLICABLE, "có").expect("cell");
                }
                Observed::Reported(Evidence::Counts(c)) => {
                    ws.write_number(row, NUMERATOR, c.numerator() as f64)
                        .expect("cell");
                    ws.write_number(row, DENOMINATOR, c.denominator() as f64)
                        .expect("cell");
                }
                Observed::Reported(Evidence::Count(n)) => {
                    ws.write_number(row, COUNT, *n as f64).expect("cell");
                }
                Observed::Reported(Evidence::Completed(Some(day))) => {
                    date(ws, row, COMPLETED, *day);
                }
                Observed::Reported(Evidence::Completed(None)) => {
                    ws.write_string(row, DONE, "không").expect("cell");
                }
                Observed::Reported(Evidence::Held(days)) if days.is_empty() => {
                    ws.write_string(row, DONE, "không").expect("cell");
                }
                Observed::Reported(Evidence::Held(days)) => {
                    for (c, day) in (FIRST_DATE..).zip(days) {
                        date(ws, row, c, *day);
                    }
                }
                Observed::Reported(Evidence::Done(done)) => {
                    ws.write_string(row, DONE, if *done { "có" } else { "không" })
                        .expect("cell");
                }
                Observed::Reported(Evidence::Points(p)) => {
                    ws.write_number(row, POINTS, number(*p)).expect("cell");
                }
                Observed::Reported(Evidence::Category(key)) => {
                    ws.write_string(row, CATEGORY, key.as_str()).expect("cell");
                }
                _ => {}
            }
            if let Some(text) = &o.evidence {
                ws.write_string(row, EVIDENCE, text).expect("cell");
            }
        }
        if let Some(a) = obs.appraisal(id) {
            ws.write_number(row, APPRAISED, number(a.points))
                .expect("cell");
            ws.write_string(row, REASON, &a.reason).expect("cell");
        }
    }
    book.save_to_buffer().expect("a workbook")
}

/// The sample ward (`examples/data/sample_observations_2023.toml`) read against the reference
/// set.
pub static SAMPLE: LazyLock<Observations> = LazyLock::new(|| {
    Observations::from_toml(
        include_str!("../../examples/data/sample_observations_2023.toml"),
        &REFERENCE,
    )
    .expect("the sample reads")
});

/// The realistic 2023 ward of the least-effort tests (`tests/data/ward_2023.toml`).
pub static WARD_2023: LazyLock<Observations> = LazyLock::new(|| {
    Observations::from_toml(include_str!("../../tests/data/ward_2023.toml"), &REFERENCE)
        .expect("tests/data/ward_2023.toml reads")
});

/// The sample ward's filled template, unzipped: the Excel target's patch mode replaces its
/// data sheet and shared strings.
pub static FILLED_ENTRIES: LazyLock<Vec<(String, Vec<u8>)>> =
    LazyLock::new(|| unzip(&filled_template(&REFERENCE, &SAMPLE, "2023")));

/// Everything checked of a valid criteria set: written and read back equal in TOML and JSON;
/// an empty observations file for its year and observations generated from `seed` read,
/// score within the invariants and round-trip.
pub fn check_set(set: &CriteriaSet, seed: &[u8]) {
    let toml = set
        .to_toml()
        .unwrap_or_else(|e| panic!("to_toml refuses: {e}"));
    let back = CriteriaSet::from_toml(&toml)
        .unwrap_or_else(|e| panic!("the TOML written is not read back: {e}\n{toml}"));
    assert_eq!(&back, set, "TOML read back different:\n{toml}");
    let json = set
        .to_json()
        .unwrap_or_else(|e| panic!("to_json refuses: {e}"));
    let back = CriteriaSet::from_json(&json)
        .unwrap_or_else(|e| panic!("the JSON written is not read back: {e}\n{json}"));
    assert_eq!(&back, set, "JSON read back different:\n{json}");
    let year = set.year().unwrap_or(2023);
    let file = format!("ward = \"Phường thử\"\nyear = {year}\n");
    let empty = Observations::from_toml(&file, set)
        .unwrap_or_else(|e| panic!("an empty observations file is refused: {e}\n{file}"));
    check_observations(set, &empty);
    let obs = generated(set, seed);
    if let Err(e) = obs.check(set) {
        panic!("cchc::testing::observations gives observations the set refuses: {e}\n{obs:?}");
    }
    check_observations(set, &obs);
}
