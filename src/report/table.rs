//! The self-assessment table for a terminal: ASCII rules, cells word-wrapped to fixed widths
//! counted in terminal columns — by [`unicode_width`] over grapheme clusters from
//! [`unicode_segmentation`], so that a Vietnamese letter is one column whether it is written
//! precomposed (NFC) or as a letter and its combining marks (NFD), and a wide character two.
//!
//! Cells are cleaned of control and bidi characters ([`super::clean`]) and wrapped lazily: a
//! cell keeps at most [`MAX_LINES`] lines, and wrapping stops reading its text once it has
//! them, so a 50 MB evidence text costs no more memory than the ten lines it shows.
//!
//! Why not a table crate — measured with `comfy-table` 7.2 (ASCII_FULL preset, row
//! separators and header intersections set to `+`, fixed column widths, numbers
//! right-aligned):
//!
//! - **Layout.** It has one style for the rule under the header and one for every other
//!   rule, while this table draws a heavy (`=`) rule above each field's heading and above the
//!   summary. On the three-criterion table of the unit tests it reproduced 21 of the 22 lines
//!   (its wrapping matched ours line for line); on the sample ward's table it would get 7 of
//!   the 8 heavy rules wrong (53 rules in all), so the official layout would need a pass
//!   over its output that rewrites rules by row kind.
//! - **Cost.** It wraps a cell whole before cutting it to `Row::max_height`: one 5 MB cell
//!   cut to 10 lines took 190 ms and a peak of 69 MB (release build), where this writer
//!   renders the whole 41-criterion table with the same cell in 0.46 ms at a peak of 8.8 MB
//!   — the 5 MB input included — reading only the ten lines it keeps.
//!
//! So the layout stays here, about 150 lines; the width and grapheme counting, which is where
//! hand-written code went wrong before (NFD), is the ecosystem's.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use super::clean;
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

pub(super) fn write(sheet: &Sheet<'_>) -> String {
    let appraised = sheet.columns.contains(&Column::Appraised);
    let widths: Vec<usize> = sheet.columns.iter().map(|c| width(*c, appraised)).collect();
    let mut out = String::new();
    for line in &sheet.title {
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&rule(&widths, '-'));
    let headings: Vec<&str> = sheet
        .columns
        .iter()
        .map(|c| c.heading(sheet.lang))
        .collect();
    out.push_str(&cells(&headings, &sheet.columns, &widths));
    let mut previous: Option<RowKind> = None;
    for row in &sheet.rows {
        let heavy = previous.is_none()
            || row.kind == RowKind::Field
            || (row.kind == RowKind::Summary && previous != Some(RowKind::Summary));
        out.push_str(&rule(&widths, if heavy { '=' } else { '-' }));
        let texts: Vec<&str> = row.cells.iter().map(AsRef::as_ref).collect();
        out.push_str(&cells(&texts, &sheet.columns, &widths));
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
fn cells(texts: &[&str], columns: &[Column], widths: &[usize]) -> String {
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
            let pad = w.saturating_sub(text.width());
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

/// Lines being filled, up to one more than [`MAX_LINES`] (to know that the cell was cut).
struct Lines {
    width: usize,
    done: Vec<String>,
    line: String,
    len: usize,
}

impl Lines {
    fn full(&self) -> bool {
        self.done.len() > MAX_LINES
    }

    /// Ends the line being filled. Past the last kept line, a blank line is not kept: only
    /// a line with text after it tells that the cell is cut (so a run of line breaks costs
    /// nothing).
    fn end_line(&mut self) {
        let line = std::mem::take(&mut self.line);
        self.len = 0;
        if self.done.len() < MAX_LINES || !line.is_empty() {
            self.done.push(line);
        }
    }

    fn word(&mut self, word: &str) {
        let word_len = word.width();
        if self.len > 0 && self.len + 1 + word_len <= self.width {
            self.line.push(' ');
            self.line.push_str(word);
            self.len += 1 + word_len;
            return;
        }
        if self.len > 0 {
            self.end_line();
        }
        // A word longer than a line is split between letters (grapheme clusters), never
        // between a letter and its marks.
        for letter in word.graphemes(true) {
            let w = letter.width();
            if self.len > 0 && self.len + w > self.width {
                self.end_line();
                if self.full() {
                    return;
                }
            }
            self.line.push_str(letter);
            self.len += w;
        }
    }
}

/// Word-wraps `text` to lines of at most `width` columns. Line breaks in the text are kept,
/// tabs become spaces and other control or bidi characters U+FFFD, words longer than a line
/// are split, and a cell longer than [`MAX_LINES`] ends in `…`. Reads `text` only as far as
/// the lines it keeps (and the word it stops in, whole: a text is at most
/// [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES) long).
fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_chars(clean::chars(text, true), width)
}

/// [`wrap`] of characters already cleaned, taking from `chars` only as many as the kept
/// lines need.
fn wrap_chars(mut chars: impl Iterator<Item = char>, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Lines {
        width,
        done: Vec::new(),
        line: String::new(),
        len: 0,
    };
    let mut word = String::new();
    loop {
        let next = chars.next();
        match next {
            Some(c) if !c.is_whitespace() => {
                word.push(c);
                continue;
            }
            _ => {}
        }
        if !word.is_empty() {
            lines.word(&word);
            word.clear();
        }
        match next {
            None => break,
            Some('\n') => lines.end_line(),
            Some(_) => {}
        }
        if lines.full() {
            break;
        }
    }
    if !lines.full() {
        lines.end_line();
    }
    let mut out = lines.done;
    // Trailing blank lines (from a trailing line break) add nothing.
    while out.len() > 1 && out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    if out.len() > MAX_LINES {
        out.truncate(MAX_LINES);
        if let Some(last) = out.last_mut() {
            let mut kept = String::new();
            let mut len = 0;
            for letter in last.graphemes(true) {
                len += letter.width();
                if len + 1 > width {
                    break;
                }
                kept.push_str(letter);
            }
            *last = kept + "…";
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
    fn decomposed_vietnamese_keeps_its_marks_and_its_width() {
        // "Nghiệp vụ" in NFD: ệ = e + U+0302 + U+0323, ụ = u + U+0323.
        let nfd = "Nghie\u{302}\u{323}p vu\u{323}";
        assert_eq!(nfd.width(), 9);
        assert_eq!("Nghiệp vụ".width(), 9);
        assert_eq!(wrap(nfd, 4), ["Nghi", "e\u{302}\u{323}p", "vu\u{323}"]);
        // A wide character takes two columns: 4 of them fill 8.
        assert_eq!(wrap("漢字漢字漢", 8), ["漢字漢字", "漢"]);
    }

    #[test]
    fn hostile_characters_are_neutralised_in_cells() {
        // ESC would start a colour sequence, U+202E would reverse what follows.
        assert_eq!(
            wrap("a\u{1b}[2Jb \u{202e}cd", 20),
            ["a\u{fffd}[2Jb \u{fffd}cd"]
        );
    }

    #[test]
    fn a_huge_cell_costs_its_ten_lines() {
        // 5 MB of words: the cell keeps 10 lines of at most 17 columns, the last cut with "…".
        let huge = "tài liệu ".repeat(5 * 1024 * 1024 / 11);
        assert!(huge.len() > 5_000_000);
        let lines = wrap(&huge, 17);
        assert_eq!(lines.len(), MAX_LINES);
        assert_eq!(lines[0], "tài liệu tài liệu");
        assert!(lines[MAX_LINES - 1].ends_with('…'));
        // One unbroken 5 MB word: split into 10 lines, the rest never read.
        let word = "x".repeat(5_000_000);
        let lines = wrap(&word, 7);
        assert_eq!(lines.len(), MAX_LINES);
        assert_eq!(lines[MAX_LINES - 1], "xxxxxx…");
        // Ten lines and blank ones after them: not cut; text after the blank lines: cut.
        let ten = "l\n".repeat(10);
        assert_eq!(wrap(&format!("{ten}\n\n"), 5).len(), 10);
        assert_eq!(wrap(&format!("{ten}\n\n"), 5)[9], "l");
        assert_eq!(wrap(&format!("{ten}\n\nmore"), 5)[9], "l…");
        assert_eq!(wrap(&"\n".repeat(5_000_000), 5), [""]);
    }

    #[test]
    fn wrapping_stops_reading_past_the_kept_lines() {
        // 900,000 characters of "tài liệu " at 17 columns: ten lines of 17 are kept, and an
        // eleventh begun says the cell is cut — about 11 × 18 = 198 characters read, and
        // never more than a thousand.
        let pulled = std::cell::Cell::new(0usize);
        let text = "tài liệu ".repeat(100_000);
        let lines = wrap_chars(text.chars().inspect(|_| pulled.set(pulled.get() + 1)), 17);
        assert_eq!(lines.len(), MAX_LINES);
        assert!(pulled.get() < 1_000, "{} characters read", pulled.get());
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
