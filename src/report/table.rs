//! The self-assessment table for a terminal: ASCII rules, cells word-wrapped to fixed widths
//! counted in letters (Vietnamese letters are several bytes each, and in decomposed form
//! several characters: combining marks take no column).

use super::sheet::{Column, RowKind, Sheet};

/// The most lines a cell may take; longer text ends in `…`.
const MAX_LINES: usize = 10;

/// Column widths (characters inside the cell), for a table of about 155 characters.
const fn width(column: Column, appraised: bool) -> usize {
    match column {
        Column::Number | Column::Max | Column::Points | Column::Appraised => 7,
        Column::Criterion => 28,
        Column::Method => 24,
        Column::Explanation if appraised => 35,
        Column::Explanation => 42,
        Column::Evidence => 17,
    }
}

pub(super) fn write(sheet: &Sheet) -> String {
    let appraised = sheet.columns.contains(&Column::Appraised);
    let widths: Vec<usize> = sheet.columns.iter().map(|c| width(*c, appraised)).collect();
    let mut out = String::new();
    for line in &sheet.title {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&rule(&widths, '-'));
    let headings: Vec<String> = sheet
        .columns
        .iter()
        .map(|c| c.heading(sheet.lang).to_owned())
        .collect();
    out.push_str(&cells(&headings, &sheet.columns, &widths));
    let mut previous: Option<RowKind> = None;
    for row in &sheet.rows {
        let heavy = previous.is_none()
            || row.kind == RowKind::Field
            || (row.kind == RowKind::Summary && previous != Some(RowKind::Summary));
        out.push_str(&rule(&widths, if heavy { '=' } else { '-' }));
        out.push_str(&cells(&row.cells, &sheet.columns, &widths));
        previous = Some(row.kind);
    }
    out.push_str(&rule(&widths, '-'));
    out.push('\n');
    for line in &sheet.footer {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn rule(widths: &[usize], fill: char) -> String {
    let mut line = String::from("+");
    for w in widths {
        line.extend(std::iter::repeat_n(fill, w + 2));
        line.push('+');
    }
    line.push('\n');
    line
}

/// One row of cells, each wrapped to its width; the row is as tall as its tallest cell.
fn cells(texts: &[String], columns: &[Column], widths: &[usize]) -> String {
    let wrapped: Vec<Vec<String>> = texts
        .iter()
        .zip(widths)
        .map(|(text, w)| wrap(text, *w))
        .collect();
    let height = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut out = String::new();
    for i in 0..height {
        out.push('|');
        for ((lines, w), column) in wrapped.iter().zip(widths).zip(columns) {
            let text = lines.get(i).map_or("", String::as_str);
            let pad = w.saturating_sub(text_width(text));
            out.push(' ');
            if column.numeric() {
                out.extend(std::iter::repeat_n(' ', pad));
                out.push_str(text);
            } else {
                out.push_str(text);
                out.extend(std::iter::repeat_n(' ', pad));
            }
            out.push_str(" |");
        }
        out.push('\n');
    }
    out
}

/// Whether `c` is a combining mark (it joins the letter before it): decomposed (NFD)
/// Vietnamese writes "ệ" as e + U+0302 + U+0323.
fn is_combining(c: char) -> bool {
    matches!(
        u32::from(c),
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
    )
}

/// The letters of `text`, each with its combining marks, so that neither counting nor
/// splitting separates a mark from its letter.
fn clusters(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > 0 && !is_combining(c) {
            out.push(&text[start..i]);
            start = i;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Columns `text` takes on a terminal: its letters, combining marks not counted.
fn text_width(text: &str) -> usize {
    text.chars().filter(|c| !is_combining(*c)).count()
}

/// Word-wraps `text` to lines of at most `width` characters. Line breaks in the text are kept,
/// other control characters become spaces, words longer than a line are split, and a cell
/// longer than [`MAX_LINES`] ends in `…`.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let clean: String = text
        .replace("\r\n", "\n")
        .chars()
        .map(|c| match c {
            '\n' | '\r' => '\n',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    for paragraph in clean.split('\n') {
        let mut line = String::new();
        let mut len = 0;
        for word in paragraph.split_whitespace() {
            let word_len = text_width(word);
            if len > 0 && len + 1 + word_len <= width {
                line.push(' ');
                line.push_str(word);
                len += 1 + word_len;
                continue;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
            }
            let letters = clusters(word);
            let mut pieces = letters.chunks(width).peekable();
            while let Some(piece) = pieces.next() {
                if pieces.peek().is_some() {
                    lines.push(piece.concat());
                } else {
                    line = piece.concat();
                    len = piece.len();
                }
            }
        }
        lines.push(line);
    }
    // Trailing blank lines (from a trailing line break) add nothing.
    while lines.len() > 1 && lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    if lines.len() > MAX_LINES {
        lines.truncate(MAX_LINES);
        if let Some(last) = lines.last_mut() {
            let mut kept = clusters(last);
            kept.truncate(width.saturating_sub(1));
            *last = kept.concat() + "…";
        }
    }
    lines
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;
    use crate::report::{Format, render, tiny};
    use crate::text::Lang;

    #[test]
    fn decomposed_vietnamese_keeps_its_marks_and_its_width() {
        // "Nghiệp vụ" in NFD: ệ = e + U+0302 + U+0323, ụ = u + U+0323.
        let nfd = "Nghie\u{302}\u{323}p vu\u{323}";
        assert_eq!(text_width(nfd), 9);
        assert_eq!(text_width("Nghiệp vụ"), 9);
        assert_eq!(wrap(nfd, 4), ["Nghi", "e\u{302}\u{323}p", "vu\u{323}"]);
        assert_eq!(clusters("e\u{302}\u{323}a"), ["e\u{302}\u{323}", "a"]);
    }

    #[test]
    fn wrap_counts_characters_not_bytes() {
        // "Cải cách thủ tục" is 16 characters but 22 bytes.
        assert_eq!(
            wrap("Cải cách thủ tục hành chính", 16),
            ["Cải cách thủ tục", "hành chính"]
        );
        assert_eq!(wrap("", 5), [""]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\tb\r\nc\n", 10), ["a b", "c"]);
        let long = "x ".repeat(40);
        let lines = wrap(&long, 3);
        assert_eq!(lines.len(), MAX_LINES);
        assert_eq!(lines[MAX_LINES - 1], "x …");
    }

    #[test]
    fn tiny_table_exactly() {
        // II.4: 5 × 30/35 = 4.2857… → 4,29; II.9: 1,50; II.12 missing: 0,00; 5,79 of 10 → 57,90%.
        let table = render(&tiny(false), Format::Table, Lang::Vi).unwrap();
        let expected = r#"BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2023
Đơn vị: Phường A | B
Bộ tiêu chí: Tiny set

+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+
| STT     | Tiêu chí                     |    Điểm | Cách tính                | Điểm tự | Giải trình                                 | Tài liệu kiểm     |
|         |                              |  tối đa |                          |    chấm |                                            | chứng             |
+=========+==============================+=========+==========================+=========+============================================+===================+
| II      | CẢI CÁCH THỦ TỤC HÀNH CHÍNH  |      10 |                          |    5,79 |                                            |                   |
+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+
| II.4    | Tỷ lệ số hóa kết quả giải    |       5 | Điểm = tối đa × min(1,   |    4,29 | 90/300 kết quả được số hóa = 30,00% < 35%; | Báo cáo số        |
|         | quyết TTHC còn hiệu lực      |         | tỷ lệ ÷ 35%)             |         | điểm = 5 × 30,00/35 = 4,29                 | 12/BC-UBND, "số   |
|         | (35%)                        |         |                          |         |                                            | hóa"              |
+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+
| II.9    | Bộ phận một cửa              |       2 | Người chấm cho điểm từ 0 |    1,50 | Điểm do người chấm đánh giá: 1,50/2        |                   |
|         |                              |         | đến tối đa               |         |                                            |                   |
+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+
| II.12   | Phản ánh, kiến nghị được xử  |       3 | Tỷ lệ ≥ 100%: tối đa;    |    0,00 | Không có số liệu tự đánh giá: 0 điểm       |                   |
|         | lý                           |         | không đạt: 0             |         |                                            |                   |
+=========+==============================+=========+==========================+=========+============================================+===================+
|         | TỔNG CỘNG                    |      10 |                          |    5,79 |                                            |                   |
+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+
|         | Chỉ số CCHC (%)              |         |                          |   57,90 |                                            |                   |
+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+
|         | Xếp loại                     |         |                          |         | Đạt                                        |                   |
+---------+------------------------------+---------+--------------------------+---------+--------------------------------------------+-------------------+

Tổng điểm tự chấm: 5,79/10; Chỉ số CCHC: 57,90%; xếp loại: Đạt
Tổng điểm thẩm định: 5,79/10; Chỉ số CCHC: 57,90%; xếp loại: Đạt
Tiêu chí chưa có số liệu (0 điểm): II.12
"#;
        assert_eq!(table, expected);
    }

    #[test]
    fn appraisal_adds_a_column_and_the_reason() {
        let table = render(&tiny(true), Format::Table, Lang::Vi).unwrap();
        let lines: Vec<&str> = table.lines().collect();
        // "Điểm thẩm định" wraps over three lines of its 7-character column, beside "Điểm tự chấm".
        assert_eq!(
            lines[5],
            "| STT     | Tiêu chí                     |    Điểm | Cách tính                | Điểm tự |    Điểm | Giải trình                          | Tài liệu kiểm     |"
        );
        assert_eq!(
            lines[6],
            "|         |                              |  tối đa |                          |    chấm |    thẩm |                                     | chứng             |"
        );
        assert_eq!(
            lines[7],
            "|         |                              |         |                          |         |    định |                                     |                   |"
        );
        let ii9 = lines.iter().position(|l| l.starts_with("| II.9 ")).unwrap();
        assert_eq!(
            lines[ii9],
            "| II.9    | Bộ phận một cửa              |       2 | Người chấm cho điểm từ 0 |    1,50 |    1,00 | Điểm do người chấm đánh giá: 1,50/2 |                   |"
        );
        assert_eq!(
            lines[ii9 + 1],
            "|         |                              |         | đến tối đa               |         |         | Thẩm định: 1,00 điểm — Thiếu biên   |                   |"
        );
        assert_eq!(
            lines[ii9 + 2],
            "|         |                              |         |                          |         |         | bản                                 |                   |"
        );
        assert!(lines.contains(&"|         | TỔNG CỘNG                    |      10 |                          |    5,79 |    5,29 |                                     |                   |"));
        assert!(lines.contains(&"|         | Chỉ số CCHC (%)              |         |                          |   57,90 |   52,90 |                                     |                   |"));
        assert!(lines.contains(&"|         | Xếp loại                     |         |                          |         |         | Tự chấm: Đạt; thẩm định: Đạt        |                   |"));
        assert!(table.ends_with(
            "Tổng điểm thẩm định: 5,29/10; Chỉ số CCHC: 52,90%; xếp loại: Đạt\nTiêu chí chưa có số liệu (0 điểm): II.12\n"
        ));
        // Every line of the table proper is equally wide, in characters: 8 columns of
        // 7+28+7+24+7+7+35+17 = 132 characters, plus 3 per column and the closing border.
        for line in lines
            .iter()
            .filter(|l| l.starts_with('+') || l.starts_with('|'))
        {
            assert_eq!(line.chars().count(), 132 + 3 * 8 + 1, "{line}");
        }
    }

    #[test]
    fn english_headings() {
        let table = render(&tiny(false), Format::Table, Lang::En).unwrap();
        assert!(
            table.starts_with("SELF-ASSESSMENT OF THE ADMINISTRATIVE REFORM (CCHC) INDEX, 2023\n")
        );
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(
            lines[5],
            "| No.     | Criterion                    |     Max | Method                   |    Self | Explanation                                | Evidence          |"
        );
        assert!(lines.contains(
            &"| II.4    | Results digitised (35%)      |       5 | points = max × min(1,    |    4.29 | 90/300 results digitised = 30.00% < 35%;   | Báo cáo số        |"
        ));
        assert!(
            table.contains("Self-assessed total: 5.79 of 10; CCHC index: 57.90%; rating: Pass")
        );
    }
}
