//! The self-assessment table in GitHub-flavoured Markdown: field headings and totals in bold,
//! numbers right-aligned, `|` escaped and line breaks written as `<br>` inside cells; control
//! and bidi characters are neutralised everywhere ([`super::clean`]), and user text is shown
//! as written — HTML tags, entities, emphasis, code spans and links escaped — in the title and
//! footer lines as in the cells (a ward named `<b>x</b>` or `[x](y)` is not bold, not a link).

use super::clean;
use super::sheet::{RowKind, Sheet};

pub(super) fn write(sheet: &Sheet<'_>) -> String {
    let mut out = String::new();
    let mut title = sheet.title.iter();
    if let Some(first) = title.next() {
        out.push_str("## ");
        out.push_str(&escape(first, false));
        out.push_str("\n\n");
    }
    for line in title {
        out.push_str(&escape(line, false));
        out.push_str("  \n");
    }
    out.push('\n');
    let headings: Vec<String> = sheet
        .columns
        .iter()
        .map(|c| cell(c.heading(sheet.lang)))
        .collect();
    out.push_str(&table_line(&headings));
    let rules: Vec<&str> = sheet
        .columns
        .iter()
        .map(|c| if c.numeric() { "--:" } else { "---" })
        .collect();
    out.push_str(&format!("|{}|\n", rules.join("|")));
    for row in &sheet.rows {
        let bold = row.kind != RowKind::Criterion;
        let cells: Vec<String> = row
            .cells
            .iter()
            .map(|text| match cell(text) {
                t if bold && !t.is_empty() => format!("**{t}**"),
                t => t,
            })
            .collect();
        out.push_str(&table_line(&cells));
    }
    out.push('\n');
    for line in &sheet.footer {
        out.push_str("- ");
        out.push_str(&escape(line, false));
        out.push('\n');
    }
    out
}

/// One table line: `| a | b |`, an empty cell as `| |`.
fn table_line(cells: &[String]) -> String {
    let mut out = String::new();
    for text in cells {
        out.push('|');
        out.push(' ');
        if !text.is_empty() {
            out.push_str(text);
            out.push(' ');
        }
    }
    out.push_str("|\n");
    out
}

/// A cell's text: `|` escaped, line breaks as `<br>`, tabs as spaces, other control and
/// bidi characters as U+FFFD, Markdown and HTML shown as written.
fn cell(text: &str) -> String {
    escape(text.trim(), true)
}

/// `text` shown as written: HTML tags and entities, emphasis, code spans, links and escapes
/// escaped, control and bidi characters as U+FFFD; in a table cell (`cell`), `|` escaped and
/// line breaks as `<br>`.
fn escape(text: &str, cell: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = clean::chars(text, cell).peekable();
    while let Some(c) = chars.next() {
        match c {
            '|' if cell => out.push_str("\\|"),
            // HTML tags and code spans in user text are shown, not interpreted; a lone "<" (as
            // in "30,00% < 35%") stays readable.
            '<' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || "/!?".contains(*n)) =>
            {
                out.push_str("&lt;");
            }
            // An entity (`&lt;`, `&#60;`) would be decoded: shown as written instead.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;");
            }
            // Emphasis, links and escapes in user text are shown as written.
            '`' | '*' | '_' | '[' | ']' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;
    use crate::report::{Format, render, tiny};
    use crate::text::Lang;

    #[test]
    fn cells_escape_pipes_and_line_breaks() {
        assert_eq!(cell("a | b"), "a \\| b");
        assert_eq!(
            cell("one\r\ntwo\nthree\rfour"),
            "one<br>two<br>three<br>four"
        );
        assert_eq!(cell(" tab\there "), "tab here");
        assert_eq!(cell("<br> & `x` < 35%"), "&lt;br> & \\`x\\` < 35%");
        assert_eq!(cell("*a* _b_ [c](d) \\"), "\\*a\\* \\_b\\_ \\[c\\](d) \\\\");
        assert_eq!(cell("a\u{1b}[31m\u{202e}b"), "a\u{fffd}\\[31m\u{fffd}b");
        assert_eq!(cell("&lt; &#60; & x"), "&amp;lt; &amp;#60; & x");
    }

    #[test]
    fn titles_and_footers_are_escaped_like_cells() {
        // A ward named with HTML and a link, a band label with emphasis: shown as written in
        // the title line and the footer, never as bold text or a link.
        let mut card = tiny(false);
        card.summary.ward = "<b>x</b> [y](http://z) *w*".to_owned();
        card.summary.band = Some(crate::Text::new("_Đạt_", "_Pass_"));
        let md = render(&card, Format::Markdown, Lang::Vi).unwrap();
        assert!(
            md.contains("Đơn vị: &lt;b>x&lt;/b> \\[y\\](http://z) \\*w\\*  \n"),
            "{md}"
        );
        assert!(md.contains("; xếp loại: \\_Đạt\\_\n"), "{md}");
        // A pipe in a title is no table: left as it is.
        assert!(
            render(&tiny(false), Format::Markdown, Lang::Vi)
                .unwrap()
                .contains("Đơn vị: Phường A | B  \n")
        );
    }

    #[test]
    fn titles_and_footers_are_cleaned_too() {
        // A ward name with an escape sequence and a bidi override, a band label with a CR.
        let mut card = tiny(false);
        card.summary.ward = "Phường \u{1b}]0;pwned\u{7}A\u{202e}B".to_owned();
        card.summary.band = Some(crate::Text::new("Đạt\rXuất sắc", "Pass\rExcellent"));
        // Markdown escapes the `]` as well (it could close a link).
        for (format, ward) in [
            (
                Format::Markdown,
                "Phường \u{fffd}\\]0;pwned\u{fffd}A\u{fffd}B",
            ),
            (Format::Table, "Phường \u{fffd}]0;pwned\u{fffd}A\u{fffd}B"),
        ] {
            let out = render(&card, format, Lang::Vi).unwrap();
            assert!(out.contains(ward), "{format}");
            assert!(out.contains("xếp loại: Đạt Xuất sắc"), "{format}");
            assert!(
                !out.chars()
                    .any(|c| c != '\n' && super::clean::is_hostile(c)),
                "{format}"
            );
        }
    }

    #[test]
    fn tiny_markdown_exactly() {
        let md = render(&tiny(true), Format::Markdown, Lang::Vi).unwrap();
        let expected = "\
## BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023

Đơn vị: Phường A | B  
Bộ tiêu chí: Tiny set  

| STT | Tiêu chí | Điểm tối đa | Cách tính | Điểm tự chấm | Điểm thẩm định | Giải trình | Tài liệu kiểm chứng |
|---|---|--:|---|--:|--:|---|---|
| **II** | **CẢI CÁCH THỦ TỤC HÀNH CHÍNH** | **10** | | **5,79** | **5,29** | | |
| II.4 | Tỷ lệ số hóa kết quả giải quyết TTHC còn hiệu lực (35%) | 5 | Điểm = tối đa × min(1, tỷ lệ ÷ 35%) | 4,29 | 4,29 | 90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29 | Báo cáo số 12/BC-UBND, \"số hóa\" |
| II.9 | Bộ phận một cửa | 2 | Người chấm cho điểm từ 0 đến tối đa | 1,50 | 1,00 | Điểm do người chấm đánh giá: 1,50/2<br>Thẩm định: 1,00 điểm — Thiếu biên bản | |
| II.12 | Phản ánh, kiến nghị được xử lý | 3 | Tỷ lệ ≥ 100%: tối đa; không đạt: 0 | 0,00 | 0,00 | Không có số liệu tự đánh giá: 0 điểm | |
| | **TỔNG CỘNG** | **10** | | **5,79** | **5,29** | | |
| | **Chỉ số CCHC (%)** | | | **57,90** | **52,90** | | |
| | **Xếp loại** | | | | | **Tự chấm: Đạt; thẩm định: Đạt** | |

- Tổng điểm tự chấm: 5,79/10; Chỉ số CCHC: 57,90%; xếp loại: Đạt
- Tổng điểm thẩm định: 5,29/10; Chỉ số CCHC: 52,90%; xếp loại: Đạt
- Tiêu chí chưa có số liệu (0 điểm): II.12
";
        assert_eq!(md, expected);
    }

    #[test]
    fn a_pipe_in_a_cell_does_not_add_a_column() {
        let mut card = tiny(false);
        card.criteria[0].evidence = Some("Báo cáo 1 | Báo cáo 2".to_owned());
        let md = render(&card, Format::Markdown, Lang::Vi).unwrap();
        let row = md.lines().find(|l| l.starts_with("| II.4 |")).unwrap();
        assert!(row.ends_with("| Báo cáo 1 \\| Báo cáo 2 |"));
        // 7 columns → 8 unescaped pipes.
        assert_eq!(row.replace("\\|", "").matches('|').count(), 8);
    }
}
