//! The scorecard as CSV (RFC 4180): a header line, then one line per criterion, in the order of
//! the scorecard; lines end in CRLF; a field containing a comma, a double quote, CR or LF is
//! quoted, its double quotes doubled. Decimals use a dot (`4.29`), text is UTF-8.
//!
//! `records_to_convert` / `records_to_add` are empty where they do not apply (not a rate rule,
//! or no counts reported), a whole number where they do, and `impossible` when no number of
//! records reaches full points (`null` in JSON).

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

fn records(records: Option<Records>) -> String {
    match records {
        None => String::new(),
        Some(Records::Needed(k)) => k.to_string(),
        Some(Records::Impossible) => "impossible".to_owned(),
    }
}

pub(super) fn write(card: &Scorecard) -> String {
    let mut out = String::new();
    push_record(&mut out, HEADER.iter().map(|h| (*h).to_owned()));
    for c in &card.criteria {
        push_record(
            &mut out,
            [
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
            ],
        );
    }
    out
}

fn push_record(out: &mut String, fields: impl IntoIterator<Item = String>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&field));
    }
    out.push_str("\r\n");
}

/// A field, quoted when it must be.
fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;
    use crate::report::{Format, render, tiny};
    use crate::text::Lang;

    #[test]
    fn quoting_follows_rfc_4180() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote(""), "");
        assert_eq!(quote("a,b"), "\"a,b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
        assert_eq!(quote("cr\rhere"), "\"cr\rhere\"");
        assert_eq!(quote("Điểm = 5 × 30,00/35"), "\"Điểm = 5 × 30,00/35\"");
        // A pipe or a semicolon needs no quotes.
        assert_eq!(quote("a|b;c"), "a|b;c");
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
