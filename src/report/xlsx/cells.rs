//! Writing one cell: numbers in a format that shows every decimal they have, errors that name
//! the criterion, the key and the cell, and formulas within Excel's limits — beyond them, the
//! value with a note saying why it is not a formula.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Note, Worksheet, XlsxError};

use crate::error::Error;
use crate::spreadsheet::{number, sheet_cell};
use crate::text::{Lang, pick};

/// The longest formula Excel takes, in characters.
pub(super) const FORMULA_CHARS: usize = 8192;
/// The longest text inside a formula Excel takes, in characters.
pub(super) const TEXT_CHARS: usize = 255;

/// An error of the crate or of the writer.
pub(super) type Step<T = ()> = std::result::Result<T, std::result::Result<Error, XlsxError>>;

/// The writer's error, for `?`.
pub(super) const fn writer_err(e: XlsxError) -> std::result::Result<Error, XlsxError> {
    Err(e)
}

/// Whether Excel takes `formula`: at most [`FORMULA_CHARS`] characters, and at most
/// [`TEXT_CHARS`] in each text between double quotes (`""` inside is one quote).
pub(super) fn within_limits(formula: &str) -> bool {
    if formula.chars().count() > FORMULA_CHARS {
        return false;
    }
    let mut chars = formula.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut len = 0;
        loop {
            match chars.next() {
                None => return true,
                Some('"') if chars.peek() == Some(&'"') => {
                    chars.next();
                    len += 1;
                }
                Some('"') => break,
                Some(_) => len += 1,
            }
        }
        if len > TEXT_CHARS {
            return false;
        }
    }
    true
}

/// The number format of `value`: at least `decimals` decimals, and every decimal `value`
/// has (a maximum of 0.5 under a 0-decimal rounding shows 0.5, a target of 97.125% all of it).
pub(super) fn digits(value: Decimal, decimals: u32) -> String {
    match decimals.max(value.normalize().scale()) {
        0 => "0".to_owned(),
        d => format!("0.{}", "0".repeat(d as usize)),
    }
}

/// What a number is, for an error: its words, its key, its criterion.
#[derive(Clone, Copy)]
pub(super) struct Named<'a> {
    pub(super) what: &'static str,
    pub(super) key: &'static str,
    pub(super) item: Option<&'a str>,
}

/// A cached value of a formula.
pub(super) enum Cached<'a> {
    Number(Decimal),
    Text(&'a str),
}

/// One sheet being written: its name (for errors), its language and the set's decimals.
pub(super) struct Out<'w> {
    pub(super) ws: &'w mut Worksheet,
    pub(super) name: &'static str,
    pub(super) lang: Lang,
    pub(super) decimals: u32,
}

/// The bordered, top-aligned, wrapped format of a table cell.
pub(super) fn cell_format(bold: bool) -> Format {
    let cell = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap();
    if bold { cell.set_bold() } else { cell }
}

impl<'w> Out<'w> {
    /// The sheet `names[0]` (Vietnamese) or `names[1]` (English), named, for a card rounded
    /// to `decimals`.
    pub(super) fn new(
        ws: &'w mut Worksheet,
        names: [&'static str; 2],
        lang: Lang,
        decimals: u32,
    ) -> Step<Self> {
        let name = names[usize::from(lang == Lang::En)];
        ws.set_name(name).map_err(writer_err)?;
        Ok(Self {
            ws,
            name,
            lang,
            decimals,
        })
    }

    /// The header on `row`: headings with their column widths, repeated on every printed
    /// page and frozen; A4 landscape, one page wide.
    pub(super) fn header(&mut self, row: u32, columns: &[(&str, f64)]) -> Step {
        let heading = cell_format(true)
            .set_align(FormatAlign::Center)
            .set_background_color(0x00DD_EBF7);
        for (c, (text, width)) in (0u16..).zip(columns) {
            self.ws
                .write_string_with_format(row, c, *text, &heading)
                .map_err(writer_err)?;
            self.ws.set_column_width(c, *width).map_err(writer_err)?;
        }
        self.ws.set_repeat_rows(row, row).map_err(writer_err)?;
        self.ws.set_freeze_panes(row + 1, 0).map_err(writer_err)?;
        self.ws
            .set_landscape()
            .set_paper_size(9) // A4
            .set_print_fit_to_pages(1, 0);
        Ok(())
    }

    /// The error of a number that cannot be written, with its criterion, key and cell.
    fn not_exact(&self, err: Error, row: u32, col: u16, named: Named<'_>) -> Error {
        let err = err.with_key(named.key);
        let err = match named.item {
            Some(item) => err.at(item),
            None => err,
        };
        err.in_cell(|| sheet_cell(self.name, row, col))
    }

    /// A text cell.
    pub(super) fn text(&mut self, row: u32, col: u16, text: &str, bold: bool) -> Step {
        self.ws
            .write_string_with_format(row, col, text, &cell_format(bold))
            .map_err(writer_err)?;
        Ok(())
    }

    /// A number cell, shown with every decimal it has.
    pub(super) fn number(
        &mut self,
        row: u32,
        col: u16,
        value: Decimal,
        named: Named<'_>,
        bold: bool,
    ) -> Step {
        let v = number(named.what, value).map_err(|e| Ok(self.not_exact(e, row, col, named)))?;
        let format = cell_format(bold).set_num_format(digits(value, self.decimals));
        self.ws
            .write_number_with_format(row, col, v, &format)
            .map_err(writer_err)?;
        Ok(())
    }

    /// A whole number (a count), shown without decimals.
    pub(super) fn whole(&mut self, row: u32, col: u16, n: u64, named: Named<'_>) -> Step {
        let value = Decimal::from(n);
        let v = number(named.what, value).map_err(|e| Ok(self.not_exact(e, row, col, named)))?;
        let format = cell_format(false).set_num_format("0");
        self.ws
            .write_number_with_format(row, col, v, &format)
            .map_err(writer_err)?;
        Ok(())
    }

    /// A live formula with its cached value; beyond Excel's limits, the value with a note.
    pub(super) fn formula(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        cached: &Cached<'_>,
        named: Named<'_>,
        bold: bool,
    ) -> Step {
        if !within_limits(formula) {
            let why = pick(
                self.lang,
                "Giá trị, không phải công thức: công thức vượt giới hạn của Excel (8.192 ký tự; 255 ký tự cho một chuỗi)",
                "A value, not a formula: the formula would pass Excel's limits (8,192 characters; 255 in a text)",
            );
            return self.value_with_note(row, col, cached, named, bold, why);
        }
        let (result, format) = match cached {
            Cached::Number(v) => (
                v.to_string(),
                cell_format(bold).set_num_format(digits(*v, self.decimals)),
            ),
            Cached::Text(t) => ((*t).to_owned(), cell_format(bold)),
        };
        let formula = Formula::new(formula).set_result(result);
        self.ws
            .write_formula_with_format(row, col, formula, &format)
            .map_err(writer_err)?;
        Ok(())
    }

    /// The value of what would have been a formula, with a note saying why it is not one.
    pub(super) fn value_with_note(
        &mut self,
        row: u32,
        col: u16,
        cached: &Cached<'_>,
        named: Named<'_>,
        bold: bool,
        why: &str,
    ) -> Step {
        match cached {
            Cached::Number(v) => self.number(row, col, *v, named, bold)?,
            Cached::Text(t) => self.text(row, col, t, bold)?,
        }
        self.ws
            .insert_note(row, col, &Note::new(why))
            .map_err(writer_err)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn formats_show_every_decimal() {
        assert_eq!(digits(dec!(0.5), 0), "0.0");
        assert_eq!(digits(dec!(97.125), 2), "0.000");
        assert_eq!(digits(dec!(10), 2), "0.00");
        assert_eq!(digits(dec!(3.00), 0), "0");
    }

    #[test]
    fn excel_limits() {
        let text = |n: usize| format!("=IF(A1>0,\"{}\",\"\")", "x".repeat(n));
        assert!(within_limits(&text(255)));
        assert!(!within_limits(&text(256)));
        // `""` inside a text is one character: 254 x and one quote.
        let quoted = format!("=\"{}\"\"\"", "x".repeat(254));
        assert!(within_limits(&quoted));
        assert!(!within_limits(&format!("=\"{}\"\"\"", "x".repeat(255))));
        let long = format!("=SUM({})", vec!["A1"; 3000].join(","));
        assert!(long.chars().count() > FORMULA_CHARS && !within_limits(&long));
    }
}
