//! The scorecard as CSV (RFC 4180), written by the [`csv`] crate (which replaced a hand-written
//! writer: the sample ward's CSV, 11,233 bytes, is byte for byte the same): a header line, then one line
//! per criterion, in the order of the scorecard; lines end in CRLF; a field containing a
//! comma, a double quote, CR or LF is quoted, its double quotes doubled. Decimals use a dot
//! (`4.29`), text is UTF-8.
//!
//! `records_to_convert` / `records_to_add` are empty where they do not apply (not a rate rule,
//! or no counts reported), a whole number where they do, and `impossible` when no number of
//! records reaches full points (`null` in JSON).
//!
//! **Formula injection.** Excel and LibreOffice run a cell that begins with `=`, `+`, `-`,
//! `@`, a tab or a CR as a formula, so an evidence text such as `=HYPERLINK(…)` would become a
//! live link in the official's spreadsheet. By default ([`Format::Csv`](super::Format::Csv))
//! such a *text* cell is guarded with a leading `'` (the OWASP advice), which spreadsheets show
//! as text; numeric columns are never guarded (a negative number stays a number).
//!
//! **Control characters.** CSV is a data format, but the guarded form is the one people open
//! or print: in it, C0 and C1 control characters (ESC, NUL, DEL, …) but tab, CR and LF, the
//! bidi marks, overrides and isolates, and the noncharacters become U+FFFD (the same set the
//! terminal table and Markdown neutralise, [`super::clean`]), so that an evidence text cannot
//! send an escape sequence to a terminal that shows the file; tab, CR and LF stay (inside
//! quotes, as RFC 4180 allows). [`Format::CsvRaw`](super::Format::CsvRaw) writes every cell as
//! it is, for programs: it is not for a terminal.

use crate::error::{Error, Result};
use crate::rule::Records;
use crate::score::Scorecard;

/// The header line's column names.
const HEADER: [&str; 15] = [
    "id",
    "field",
    "parent",
    "label_vi",
    "label_en",
    "max_points",
    "points",
    "appraised_points",
    "status",
    "rate_percent",
    "records_to_convert",
    "records_to_add",
    "explanation_vi",
    "evidence",
    "appraisal_reason",
];

/// Whether a column holds numbers (never guarded) rather than text.
const NUMERIC: [bool; 15] = [
    false, false, false, false, false, true, true, true, false, true, true, true, false, false,
    false,
];

fn records(records: Option<Records>) -> String {
    match records {
        None => String::new(),
        Some(Records::Needed(k)) => k.to_string(),
        Some(Records::Impossible) => "impossible".to_owned(),
    }
}

/// Whether a spreadsheet would run `text` as a formula.
pub(super) fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A text cell as a spreadsheet or a terminal must show it: control, bidi and noncharacters
/// (but tab, CR and LF) as U+FFFD, and a leading `'` when it would run.
fn guard(text: &str) -> std::borrow::Cow<'_, str> {
    let hostile = |c: char| !matches!(c, '\t' | '\r' | '\n') && super::clean::is_hostile(c);
    let text: std::borrow::Cow<'_, str> = if text.chars().any(hostile) {
        text.chars()
            .map(|c| {
                if hostile(c) {
                    super::clean::REPLACEMENT
                } else {
                    c
                }
            })
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    if looks_like_formula(&text) {
        format!("'{text}").into()
    } else {
        text
    }
}

/// The CSV of `card`; text cells guarded against formula injection when `guarded`.
///
/// # Errors
/// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails (it writes to memory).
pub(super) fn write(card: &Scorecard, guarded: bool) -> Result<String> {
    let fail = |e: &dyn std::fmt::Display| Error::write("CSV", &e.to_string());
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(HEADER).map_err(|e| fail(&e))?;
    for c in &card.criteria {
        let record = [
            c.id.to_string(),
            c.field.to_string(),
            c.parent
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            c.label.vi().to_owned(),
            c.label.en().to_owned(),
            c.max_points.to_string(),
            c.points.to_string(),
            c.appraised_points.to_string(),
            c.status.as_str().to_owned(),
            c.rate_percent.map(|r| r.to_string()).unwrap_or_default(),
            records(c.records_to_convert),
            records(c.records_to_add),
            c.explanation.vi().to_owned(),
            c.evidence.clone().unwrap_or_default(),
            c.appraisal_reason.clone().unwrap_or_default(),
        ];
        let fields = record.iter().zip(NUMERIC).map(|(text, numeric)| {
            if guarded && !numeric {
                guard(text)
            } else {
                text.into()
            }
        });
        out.write_record(fields.map(|f| f.into_owned()))
            .map_err(|e| fail(&e))?;
    }
    let bytes = out.into_inner().map_err(|e| fail(&e.error()))?;
    String::from_utf8(bytes).map_err(|e| fail(&e))
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;
    use crate::report::{Format, render, tiny};
    use crate::text::Lang;

    /// The one line of a card whose II.4 evidence is `evidence`, as CSV.
    fn ii4_line(evidence: &str, format: Format) -> String {
        let mut card = tiny(false);
        card.criteria[0].evidence = Some(evidence.to_owned());
        let csv = render(&card, format, Lang::Vi).unwrap();
        csv.split("\r\n").nth(1).unwrap().to_owned()
    }

    #[test]
    fn quoting_follows_rfc_4180() {
        // The evidence is the 14th field; the explanation before it is quoted (a comma).
        let last = |line: String| line;
        assert!(last(ii4_line("plain", Format::Csv)).ends_with(",plain,"));
        assert!(last(ii4_line("a,b", Format::Csv)).ends_with(",\"a,b\","));
        assert!(last(ii4_line("say \"hi\"", Format::Csv)).ends_with(",\"say \"\"hi\"\"\","));
        assert!(last(ii4_line("two\nlines", Format::Csv)).ends_with(",\"two\nlines\","));
        // A pipe or a semicolon needs no quotes.
        assert!(last(ii4_line("a|b;c", Format::Csv)).ends_with(",a|b;c,"));
    }

    #[test]
    fn formulas_are_guarded_by_default_and_raw_on_request() {
        for (text, guarded) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1", "'+1"),
            ("-1", "'-1"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("\rcmd", "\"'\rcmd\""),
            ("a=b", "a=b"),
        ] {
            assert!(
                ii4_line(text, Format::Csv).ends_with(&format!(",{guarded},")),
                "{text}"
            );
        }
        assert!(ii4_line("=1+1", Format::CsvRaw).ends_with(",=1+1,"));
        // Numbers are not text: a negative number would stay as it is (the numeric columns
        // are never guarded), and ids and labels are guarded like any text.
        assert!(!NUMERIC[0] && NUMERIC[6] && NUMERIC[9]);
        let mut card = tiny(false);
        card.criteria[0].points = rust_decimal::Decimal::new(-15, 1);
        let csv = render(&card, Format::Csv, Lang::Vi).unwrap();
        assert!(csv.contains(",5,-1.5,4.29,"), "{csv}");
        assert!(looks_like_formula("-0.5") && !looks_like_formula("0.5"));
    }

    #[test]
    fn controls_are_neutralised_in_csv_and_kept_in_csv_raw() {
        // An OSC sequence (ESC ] … BEL), a bidi mark and U+FFFF become U+FFFD; a tab and a
        // line break stay, inside quotes.
        let evidence = "a\u{1b}]0;x\u{7}b\u{200f}c\u{ffff}d\te\nf";
        assert!(
            ii4_line(evidence, Format::Csv)
                .ends_with(",\"a\u{fffd}]0;x\u{fffd}b\u{fffd}c\u{fffd}d\te\nf\","),
            "{}",
            ii4_line(evidence, Format::Csv)
        );
        assert!(ii4_line(evidence, Format::CsvRaw).ends_with(&format!(",\"{evidence}\",")));
        // An escape before a formula: neutralised, then guarded.
        assert!(ii4_line("=\u{1b}x", Format::Csv).ends_with(",'=\u{fffd}x,"));
    }

    #[test]
    fn tiny_csv_exactly() {
        let csv = render(&tiny(true), Format::Csv, Lang::Vi).unwrap();
        let expected = "\
id,field,parent,label_vi,label_en,max_points,points,appraised_points,status,rate_percent,records_to_convert,records_to_add,explanation_vi,evidence,appraisal_reason\r
II.4,II,,Tỷ lệ số hóa kết quả giải quyết TTHC còn hiệu lực (35%),Results digitised (35%),5,4.29,4.29,partial,30.00,15,24,\"90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29\",\"Báo cáo số 12/BC-UBND, \"\"số hóa\"\"\",\r
II.9,II,,Bộ phận một cửa,One-stop desk,2,1.50,1.00,partial,,,,\"Điểm do người chấm đánh giá: 1,50/2\",,Thiếu biên bản\r
II.12,II,,\"Phản ánh, kiến nghị được xử lý\",Petitions settled,3,0.00,0.00,missing,,,,Không có số liệu tự đánh giá: 0 điểm,,\r
";
        assert_eq!(csv, expected);
    }

    #[test]
    fn impossible_shortfall_is_written_as_such() {
        assert_eq!(records(None), "");
        assert_eq!(records(Some(Records::Needed(0))), "0");
        assert_eq!(records(Some(Records::Impossible)), "impossible");
    }
}
