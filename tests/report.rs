//! Reports of the golden sample (examples/data/sample_observations_2023.toml), through the
//! public API only: the sample scored against the reference set and rendered in every format.

use cchc::report::{Format, render};
use cchc::rule::Records;
use cchc::{CriteriaSet, ErrorKind, Lang, Observations, Scorecard, Status};
use rust_decimal_macros::dec;

const SAMPLE: &str = include_str!("../examples/data/sample_observations_2023.toml");
const BAD: &str = include_str!("../examples/data/bad_observations.toml");

fn card() -> Scorecard {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(SAMPLE, &set).unwrap();
    Scorecard::score(&set, &obs).unwrap()
}

/// The seven field headings of the reference set, as the table writes them.
const FIELDS: [(&str, &str); 7] = [
    ("I", "CẢI CÁCH THỂ CHẾ"),
    ("II", "CẢI CÁCH THỦ TỤC HÀNH CHÍNH"),
    ("III", "CẢI CÁCH TỔ CHỨC BỘ MÁY"),
    ("IV", "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ"),
    ("V", "CẢI CÁCH TÀI CHÍNH CÔNG"),
    (
        "VI",
        "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
    ),
    ("VII", "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
];

#[test]
fn the_sample_scores_as_worked_out_by_hand() {
    let card = card();
    // Field by field (points rounded per criterion, then summed):
    // I   2 + 2 + 1 (I.2a late: 0.5 × 2) + 2                                  =  7.00
    // II  3 + 4.29 + 2 + 1 + 3 + 3.00 + 3 + 1.88 + 1 + 0 (II.8d missing)
    //     + 1 + 1.5 + 1.5                                                     = 26.17
    // III 4                                                                   =  4.00
    // IV  4 (IV.14 không phát sinh) + 3.60 (4 × 9/10)                         =  7.60
    // V   3 + 2.88 (3 × 91.346…/95 = 2.8846…) + 1 + 1                         =  7.88
    // VI  3 + 3 + 4.76 + 2 + 0 + 4.56 + 0 + 2                                 = 19.32
    // VII 1 (VII.26a outside Q3) + 2 + 1 + 1 + 2 + 0 (VII.27c missing) + 2 + 3 + 2 = 14.00
    // Total 85.97 of 100 → 85.97% → Tốt; appraised II.9 1.5 → 1: 85.47 → Tốt.
    let fields: Vec<_> = card.fields.iter().map(|f| f.points).collect();
    assert_eq!(
        fields,
        [
            dec!(7.00),
            dec!(26.17),
            dec!(4.00),
            dec!(7.60),
            dec!(7.88),
            dec!(19.32),
            dec!(14.00)
        ]
    );
    assert_eq!(card.summary.total_points, dec!(85.97));
    assert_eq!(card.summary.max_points, dec!(100));
    assert_eq!(card.summary.index, Some(dec!(85.97)));
    assert_eq!(card.summary.band.as_ref().map(|b| b.vi()), Some("Tốt"));
    assert_eq!(card.summary.appraised_total_points, dec!(85.47));
    assert_eq!(card.summary.appraised_index, Some(dec!(85.47)));
    assert_eq!(card.missing, ["II.8d", "VII.27c"]);
    assert_eq!(card.criteria.len(), 41);

    let line = |id: &str| card.criterion(id).unwrap();
    // 90/300 → 5 × 30/35 = 4.2857… → 4.29; 15 to convert, 24 to add.
    assert_eq!(line("II.4").points, dec!(4.29));
    assert_eq!(line("II.4").status, Status::Partial);
    assert_eq!(line("II.4").records_to_convert, Some(Records::Needed(15)));
    assert_eq!(line("II.4").records_to_add, Some(Records::Needed(24)));
    // 699/1400 = 49.93% → 3 × 0.49928…/0.5 = 2.9957… → 3.00, yet partial; 700/1400 reaches 50%
    // (1 to convert); (699 + k)/(1400 + k) ≥ 1/2 ⇔ k ≥ 2 (2 to add).
    assert_eq!(line("II.7").points, dec!(3.00));
    assert_eq!(line("II.7").status, Status::Partial);
    assert_eq!(line("II.7").rate_percent, Some(dec!(49.93)));
    assert_eq!(line("II.7").records_to_convert, Some(Records::Needed(1)));
    assert_eq!(line("II.7").records_to_add, Some(Records::Needed(2)));
    // 118/120 all-or-nothing at 100%: 2 to convert; adding records never reaches 100%.
    assert_eq!(line("VI.24a").records_to_convert, Some(Records::Needed(2)));
    assert_eq!(line("VI.24a").records_to_add, Some(Records::Impossible));
    assert_eq!(line("IV.14").status, Status::NotApplicable);
    assert_eq!(line("IV.14").points, dec!(4));
    assert_eq!(line("VI.25a").status, Status::NotMet);
    assert_eq!(line("II.8d").status, Status::Missing);
    assert_eq!(line("VII.29").points, dec!(3));
    assert_eq!(line("II.9").appraised_points, dec!(1));
}

#[test]
fn table_has_field_headings_totals_and_index() {
    let table = render(&card(), Format::Table, Lang::Vi).unwrap();
    let lines: Vec<&str> = table.lines().collect();
    for (id, heading) in FIELDS {
        // The VI heading wraps; its first words start the row.
        let first_words: String = heading.chars().take(28).collect();
        let first_words = first_words.rsplit_once(' ').map_or(heading, |(w, _)| w);
        let start = format!("| {id:<7} | {first_words}");
        assert_eq!(
            lines.iter().filter(|l| l.starts_with(&start)).count(),
            1,
            "{start}"
        );
    }
    assert!(lines.contains(
        &"|         | TỔNG CỘNG                    |     100 |                          |   85,97 |   85,47 |                                     |                   |"
    ));
    assert!(lines.contains(
        &"|         | Chỉ số CCHC (%)              |         |                          |   85,97 |   85,47 |                                     |                   |"
    ));
    assert!(lines.contains(
        &"|         | Xếp loại                     |         |                          |         |         | Tự chấm: Tốt; thẩm định: Tốt        |                   |"
    ));
    assert!(table.contains("Tổng điểm tự chấm: 85,97/100; Chỉ số CCHC: 85,97%; xếp loại: Tốt\n"));
    assert!(table.contains("Tổng điểm thẩm định: 85,47/100; Chỉ số CCHC: 85,47%; xếp loại: Tốt\n"));
    assert!(table.contains("Tiêu chí chưa có số liệu (0 điểm): II.8d, VII.27c\n"));
    // Fits a 160-column terminal: every line of the table proper is 157 characters.
    for line in lines.iter().filter(|l| l.starts_with(['+', '|'])) {
        assert_eq!(line.chars().count(), 157, "{line}");
    }
    // Every criterion opens exactly one row.
    for c in &card().criteria {
        let start = format!("| {:<7} | ", c.id);
        assert_eq!(lines.iter().filter(|l| l.starts_with(&start)).count(), 1);
    }
}

#[test]
fn english_table_uses_english_headings_and_numbers() {
    let table = render(&card(), Format::Table, Lang::En).unwrap();
    assert!(table.contains("| I       | INSTITUTIONAL REFORM         |       8 |"));
    assert!(
        table.contains("Self-assessed total: 85.97 of 100; CCHC index: 85.97%; rating: Good\n")
    );
}

#[test]
fn markdown_has_one_row_per_criterion_and_field() {
    let card = card();
    let md = render(&card, Format::Markdown, Lang::Vi).unwrap();
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with('|')).collect();
    // Header + delimiter + 7 field headings + 41 criteria + total, index, band.
    assert_eq!(rows.len(), 2 + 7 + 41 + 3);
    assert_eq!(
        rows[0],
        "| STT | Tiêu chí | Điểm tối đa | Cách tính | Điểm tự chấm | Điểm thẩm định | Giải trình | Tài liệu kiểm chứng |"
    );
    assert_eq!(rows[1], "|---|---|--:|---|--:|--:|---|---|");
    for (id, heading) in FIELDS {
        let start = format!("| **{id}** | **{heading}** |");
        assert_eq!(rows.iter().filter(|r| r.starts_with(&start)).count(), 1);
    }
    for c in &card.criteria {
        let start = format!("| {} | ", c.id);
        assert_eq!(rows.iter().filter(|r| r.starts_with(&start)).count(), 1);
    }
    // 8 columns on every row: 9 unescaped pipes.
    for row in &rows {
        assert_eq!(row.replace("\\|", "").matches('|').count(), 9, "{row}");
    }
    assert!(rows.contains(&"| | **TỔNG CỘNG** | **100** | | **85,97** | **85,47** | | |"));
    assert!(rows.contains(&"| | **Chỉ số CCHC (%)** | | | **85,97** | **85,47** | | |"));
    // The appraisal reason sits under the explanation, on a <br> line.
    assert!(md.contains(
        "| Điểm do người chấm đánh giá: 1,50/2<br>Thẩm định: 1,00 điểm — Chưa niêm yết đầy đủ TTHC tại Bộ phận một cửa (mẫu) |"
    ));
}

/// A minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF record ends.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => {
                assert!(field.is_empty(), "a quote inside an unquoted field");
                quoted = true;
            }
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\n') => panic!("bare LF outside quotes"),
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quoted field");
    assert!(
        field.is_empty() && record.is_empty(),
        "last record without CRLF"
    );
    records
}

#[test]
fn csv_parses_back_to_one_record_per_criterion() {
    let card = card();
    let csv = render(&card, Format::Csv, Lang::Vi).unwrap();
    let records = read_csv(&csv);
    assert_eq!(records.len(), 1 + 41);
    assert!(records.iter().all(|r| r.len() == 15));
    let header = &records[0];
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |id: &str| records.iter().find(|r| r[0] == id).unwrap();

    let ii4 = row("II.4");
    assert_eq!(ii4[col("points")], "4.29");
    assert_eq!(ii4[col("max_points")], "5");
    assert_eq!(ii4[col("status")], "partial");
    assert_eq!(ii4[col("rate_percent")], "30.00");
    assert_eq!(ii4[col("records_to_convert")], "15");
    assert_eq!(ii4[col("records_to_add")], "24");
    assert_eq!(
        ii4[col("explanation_vi")],
        "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29"
    );
    // A cell with both a comma and double quotes survives the round trip.
    assert_eq!(
        row("II.7")[col("evidence")],
        "Sổ theo dõi hồ sơ đất đai, \"thanh toán trực tuyến\", năm 2023 (mẫu)"
    );
    assert!(csv.contains(
        ",\"Sổ theo dõi hồ sơ đất đai, \"\"thanh toán trực tuyến\"\", năm 2023 (mẫu)\","
    ));
    assert_eq!(row("VI.24a")[col("records_to_add")], "impossible");
    assert_eq!(row("I.1a")[col("records_to_convert")], "");
    assert_eq!(row("IV.14")[col("status")], "not_applicable");
    assert_eq!(row("VII.27c")[col("status")], "missing");
    assert_eq!(row("II.9")[col("appraised_points")], "1.00");
    assert_eq!(
        row("II.9")[col("appraisal_reason")],
        "Chưa niêm yết đầy đủ TTHC tại Bộ phận một cửa (mẫu)"
    );
}

#[test]
fn json_has_the_plan_keys() {
    let card = card();
    let json = render(&card, Format::Json, Lang::Vi).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["ward"], "Phường Sông Cầu (dữ liệu mẫu)");
    assert_eq!(value["year"], 2023);
    assert_eq!(value["total_points"], "85.97");
    assert_eq!(value["max_points"], "100");
    assert_eq!(value["index"], "85.97");
    assert_eq!(value["band"], "Tốt");
    let fields = value["fields"].as_array().unwrap();
    assert_eq!(fields.len(), 7);
    assert_eq!(fields[1]["id"], "II");
    assert_eq!(fields[1]["points"], "26.17");
    assert_eq!(fields[1]["max_points"], "30");
    let criteria = value["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 41);
    let entry = |id: &str| criteria.iter().find(|c| c["id"] == id).unwrap();
    assert_eq!(entry("II.4")["points"], "4.29");
    assert_eq!(entry("II.4")["status"], "partial");
    assert_eq!(entry("II.4")["rate_percent"], "30.00");
    assert_eq!(entry("II.4")["records_to_convert"], 15);
    assert_eq!(entry("II.4")["records_to_add"], 24);
    // Impossible: present and null. Not a rate rule: absent.
    assert_eq!(
        entry("VI.24a").get("records_to_add"),
        Some(&serde_json::Value::Null)
    );
    assert_eq!(entry("I.1a").get("records_to_convert"), None);
    assert_eq!(entry("IV.14")["status"], "not_applicable");
    assert_eq!(entry("II.8d")["status"], "missing");
    // The JSON reads back to the same scorecard.
    assert_eq!(Scorecard::from_json(&json).unwrap(), card);
}

#[test]
fn formats_parse_by_name_and_refuse_others() {
    let names: Vec<Format> = ["table", "markdown", "csv", "csv-raw", "json", "xlsx", "svg"]
        .iter()
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(names, Format::ALL);
    let err = "pdf".parse::<Format>().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownId);
    assert_eq!(err.value().as_deref(), Some("pdf"));
    assert_eq!(
        err.to_string(),
        "unknown report format \"pdf\" (allowed: table, markdown, csv, csv-raw, json, xlsx, svg)"
    );
    // Binary and set-bound formats say so; render refuses what needs the set.
    assert!(Format::Xlsx.is_binary() && !Format::Svg.is_binary() && !Format::Csv.is_binary());
    assert!(Format::Xlsx.needs_set() && Format::Svg.needs_set() && !Format::CsvRaw.needs_set());
}

#[test]
fn the_bad_sample_names_the_criterion_and_the_values() {
    let err = Observations::from_toml(BAD, &CriteriaSet::reference()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.item(), Some("II.7"));
    assert_eq!(err.key(), Some("numerator"));
    assert_eq!(err.value().as_deref(), Some("1500"));
    assert_eq!(
        err.to_string(),
        "II.7: numerator 1500 exceeds denominator 1400"
    );
}

#[test]
fn a_scorecard_of_the_year_so_far_says_so() {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(SAMPLE, &set).unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
    let card = Scorecard::score_at(&set, &obs, day).unwrap();
    let pending = card
        .criteria
        .iter()
        .filter(|c| c.working.is_some() && c.status == Status::Pending)
        .count();
    assert!(pending > 0);
    let vi = render(&card, Format::Table, Lang::Vi).unwrap();
    assert!(
        vi.contains(&format!(
            "Tính đến ngày 30/06/2023 (chưa hết thời hạn: {pending} tiêu chí chưa đến hạn)"
        )),
        "{vi}"
    );
    let en = render(&card, Format::Markdown, Lang::En).unwrap();
    assert!(
        en.contains(&format!(
            "As of 2023-06-30 (the year so far: {pending} criteria still open)"
        )),
        "{en}"
    );
    // A year-end scorecard has no such line.
    let year = render(
        &Scorecard::score(&set, &obs).unwrap(),
        Format::Table,
        Lang::Vi,
    )
    .unwrap();
    assert!(!year.contains("Tính đến ngày"));
}

#[test]
fn a_huge_evidence_text_costs_the_table_its_ten_lines() {
    // 5 MB of evidence on II.4: the table keeps 10 lines of 17 columns of it, so the whole
    // table stays about the size of the sample's (37 KB); the Markdown keeps it all.
    let set = CriteriaSet::reference();
    let obs = Observations::builder("Phường X", 2023)
        .counts("II.4", 90, 300)
        .build(&set)
        .unwrap();
    let mut card = Scorecard::score(&set, &obs).unwrap();
    let huge = "Báo cáo số 12/BC-UBND ".repeat(250_000);
    assert!(huge.len() > 5_000_000);
    let line = card.criteria.iter_mut().find(|c| c.id == "II.4").unwrap();
    line.evidence = Some(huge.clone());
    let table = render(&card, Format::Table, Lang::Vi).unwrap();
    assert!(table.len() < 60_000, "{} bytes", table.len());
    assert!(table.contains("| Báo cáo số        |"));
    let md = render(&card, Format::Markdown, Lang::Vi).unwrap();
    assert!(md.len() > huge.len());
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    let set = CriteriaSet::reference();
    let obs = Observations::builder("Phường \u{1b}[2J\u{202e}X\r", 2023)
        .counts("II.4", 90, 300)
        .evidence("II.4", "a\u{0}b\u{9b}c\u{2066}d")
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    for format in [Format::Table, Format::Markdown] {
        for lang in [Lang::Vi, Lang::En] {
            let out = render(&card, format, lang).unwrap();
            let bad: Vec<char> = out
                .chars()
                .filter(|c| {
                    (c.is_control() && *c != '\n')
                        || matches!(u32::from(*c), 0x202A..=0x202E | 0x2066..=0x2069)
                })
                .collect();
            assert!(bad.is_empty(), "{format} {lang:?}: {bad:?}");
            // Markdown escapes the `[` too (it could open a link).
            let ward = match format {
                Format::Markdown => "Phường \u{fffd}\\[2J\u{fffd}X",
                _ => "Phường \u{fffd}[2J\u{fffd}X",
            };
            assert!(out.contains(ward), "{format}");
            assert!(out.contains("a\u{fffd}b\u{fffd}c\u{fffd}d"), "{format}");
        }
    }
    // The workbook and the picture need the set: render says so.
    let err = render(&card, Format::Xlsx, Lang::Vi).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Mismatch);
}
