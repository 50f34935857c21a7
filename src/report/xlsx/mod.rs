//! The self-assessment as an Excel workbook (feature `xlsx`, written by `rust_xlsxwriter`).
//!
//! **Sheet 1, the official table** ("Tự đánh giá" / "Self-assessment"): the title lines of
//! the table format, then STT | Tiêu chí | Điểm tối đa | Cách tính | Điểm tự chấm | (Điểm
//! thẩm định, when an appraiser changed anything) | Giải trình | Tài liệu kiểm chứng; a bold
//! row per field with its subtotal; at the foot the total, the index and the band, then the
//! notes and the criteria without an observation.
//!
//! Criterion points are values. Everything computed from them is a live formula whose cached
//! value is the crate's exact figure, so a spreadsheet that recalculates shows the same
//! numbers:
//!
//! - a parent criterion: `=SUM(…)` of its sub-criteria (never of the leaves below them, so
//!   nothing is counted twice); a field: `=SUM(…)` of its top-level criteria — which is the
//!   sum of its leaves' *rounded* points, as the crate sums them; the maximum likewise (a
//!   criterion left out as không phát sinh, or a survey not held, counts 0 of 0);
//! - the total: `=SUM(…)` of the fields, or, for a set with bonus and penalty points, the
//!   criteria's points plus the bonus less the penalty (rows of their own, values) kept within
//!   0 and the maximum: `=MIN(MAX(c+b-p,0),max)`;
//! - the index: total ÷ maximum × 100, rounded like the set's [`Rounding`](crate::Rounding): `ROUND` (half away
//!   from zero), `ROUNDDOWN` (toward zero), `ROUNDUP` (away from zero), and for half to even
//!   `IF(MOD(z,1)=0.5, even neighbour, ROUND(z,0))` on z = the index × 10^d. The quotient is
//!   first rounded to p = d + (digits of the maximum in its smallest unit) + 1 decimals: two
//!   different fractions t/M lie at least 1/(M·10^d) apart from any boundary of d decimals,
//!   so that inner rounding removes the float's error without ever crossing a boundary. Where
//!   p would exceed 12 (a float's precision), the index is written as a value with a note;
//! - the band: nested `IF`s over the index, in the set's order (`from ≤ index < to`, 100 in
//!   the band reaching it), `—` when none; a set without bands says so.
//!
//! **Sheet 2, the raw counts** ("Số liệu thô" / "Raw counts"): per criterion scored on
//! counts, the numerator, the denominator, the rate, the target of full points, and the
//! records short under both levers (records to convert, records to add).
//!
//! For printing: the header row repeats on each page and is frozen; A4 landscape, fitted to
//! one page wide; text wrapped; numbers with the set's decimals; the document properties name
//! the ward, the period and the set. Every text is written as a string, never as a formula.
//! Numbers go out digit for digit (a decimal a float cannot hold is refused).

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

mod formula;
mod raw;

use formula::{band_formula, index_formula, sum};
use raw::raw_counts;

use super::sheet::{self, Column};
use crate::criteria::CriteriaSet;
use crate::error::{Error, Result};
use crate::score::{CriterionLine, Scorecard};
use crate::spreadsheet::{cell_name, number};
use crate::text::{Lang, pick};

/// The writer's error, as the crate's.
fn xlsx_error(err: &XlsxError) -> Error {
    Error::write("XLSX", err)
}

/// The workbook of `card`, scored against `set`, with headings and text in `lang`.
///
/// ```
/// use cchc::{CriteriaSet, Lang, Observations, Scorecard};
/// let set = CriteriaSet::reference();
/// let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
/// let card = Scorecard::score(&set, &obs)?;
/// let bytes = cchc::report::xlsx::scorecard(&set, &card, Lang::Vi)?;
/// assert!(bytes.starts_with(b"PK")); // a zip, as every .xlsx
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::NotComparable`](crate::ErrorKind::NotComparable) when `card` was not scored
/// against `set`; [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a decimal a spreadsheet
/// number cannot hold exactly; [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer
/// fails (a text above 32,767 characters, Excel's limit for a cell).
pub fn scorecard(set: &CriteriaSet, card: &Scorecard, lang: Lang) -> Result<Vec<u8>> {
    super::check_set(set, card)?;
    let mut book = Workbook::new();
    let period = card
        .summary
        .period
        .map_or_else(|| card.summary.year.to_string(), |p| p.code());
    book.set_properties(
        &DocProperties::new()
            .set_title(
                sheet::title(card, lang)
                    .first()
                    .cloned()
                    .unwrap_or_default(),
            )
            .set_subject(format!("{} — {period}", card.summary.ward))
            .set_company(card.summary.ward.clone())
            .set_keywords(format!("CCHC, {period}, {}", card.criteria_set))
            .set_category(card.criteria_set.clone())
            .set_comment(pick(
                lang,
                "Bảng tự đánh giá, chấm điểm chỉ số cải cách hành chính",
                "Self-assessment of the administrative reform (CCHC) index",
            )),
    );
    let table = book.add_worksheet();
    Table::new(card, lang)
        .write(table, set)
        .map_err(|e| e.unwrap_or_else(|x| xlsx_error(&x)))?;
    let raw = book.add_worksheet();
    raw_counts(raw, set, card, lang).map_err(|e| e.unwrap_or_else(|x| xlsx_error(&x)))?;
    book.save_to_buffer().map_err(|e| xlsx_error(&e))
}

/// An error of the crate or of the writer.
type Step<T = ()> = std::result::Result<T, std::result::Result<Error, XlsxError>>;

fn crate_err(e: Error) -> std::result::Result<Error, XlsxError> {
    Ok(e)
}

fn writer_err(e: XlsxError) -> std::result::Result<Error, XlsxError> {
    Err(e)
}

/// The formats of the table.
struct Formats {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    bold_text: Format,
    bold_number: Format,
}

impl Formats {
    fn new(decimals: u32) -> Self {
        let digits = if decimals == 0 {
            "0".to_owned()
        } else {
            format!("0.{}", "0".repeat(decimals as usize))
        };
        let cell = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        Self {
            title: Format::new().set_bold().set_font_size(13),
            header: cell
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(0x00DD_EBF7),
            text: cell.clone(),
            number: cell.clone().set_num_format(&digits),
            bold_text: cell.clone().set_bold(),
            bold_number: cell.set_bold().set_num_format(&digits),
        }
    }
}

/// The official table laid out on rows, before writing.
struct Table<'a> {
    card: &'a Scorecard,
    lang: Lang,
    columns: Vec<Column>,
    title: Vec<String>,
    footer: Vec<String>,
}

/// Where each row of the body is, to write the formulas that sum them.
struct Rows {
    /// Per field row: the field's id and the rows of its top-level criteria.
    fields: Vec<(u32, String, Vec<u32>)>,
    /// Per criterion line: its row.
    criteria: Vec<u32>,
    /// Parent criterion row → the rows of its sub-criteria.
    children: HashMap<u32, Vec<u32>>,
}

impl<'a> Table<'a> {
    fn new(card: &'a Scorecard, lang: Lang) -> Self {
        let columns = sheet::columns(card);
        Self {
            card,
            lang,
            columns,
            title: sheet::title(card, lang),
            footer: sheet::footer(card, lang),
        }
    }

    fn col(&self, column: Column) -> Option<u16> {
        let at = self.columns.iter().position(|c| *c == column)?;
        u16::try_from(at).ok()
    }

    /// Rows of the body, from `first`.
    fn rows(&self, first: u32) -> Rows {
        let mut rows = Rows {
            fields: Vec::new(),
            criteria: Vec::new(),
            children: HashMap::new(),
        };
        let mut by_id: HashMap<&str, u32> = HashMap::new();
        let mut row = first;
        for line in &self.card.criteria {
            if rows
                .fields
                .last()
                .is_none_or(|(_, id, _)| id != line.field.as_str())
            {
                rows.fields.push((row, line.field.to_string(), Vec::new()));
                row += 1;
            }
            match line.parent.as_ref().and_then(|p| by_id.get(p.as_str())) {
                Some(parent) => rows.children.entry(*parent).or_default().push(row),
                None => {
                    if let Some((_, _, top)) = rows.fields.last_mut() {
                        top.push(row);
                    }
                }
            }
            by_id.insert(line.id.as_str(), row);
            rows.criteria.push(row);
            row += 1;
        }
        rows
    }

    fn write(&self, ws: &mut Worksheet, set: &CriteriaSet) -> Step {
        let card = self.card;
        let lang = self.lang;
        let f = Formats::new(card.rounding.decimals());
        ws.set_name(pick(lang, "Tự đánh giá", "Self-assessment"))
            .map_err(writer_err)?;
        let last_col = u16::try_from(self.columns.len().saturating_sub(1)).unwrap_or(0);
        let mut row: u32 = 0;
        for (i, line) in self.title.iter().enumerate() {
            let format = if i == 0 { &f.title } else { &Format::new() };
            ws.merge_range(row, 0, row, last_col, line, format)
                .map_err(writer_err)?;
            row += 1;
        }
        row += 1;
        let header = row;
        for (c, column) in (0u16..).zip(&self.columns) {
            ws.write_string_with_format(header, c, column.heading(lang), &f.header)
                .map_err(writer_err)?;
            let width = match column {
                Column::Number => 8.0,
                Column::Max | Column::Points | Column::Appraised => 11.0,
                Column::Criterion | Column::Method => 34.0,
                Column::Explanation => 48.0,
                Column::Evidence => 26.0,
            };
            ws.set_column_width(c, width).map_err(writer_err)?;
        }
        ws.set_repeat_rows(header, header).map_err(writer_err)?;
        ws.set_freeze_panes(header + 1, 0).map_err(writer_err)?;
        ws.set_landscape()
            .set_paper_size(9) // A4
            .set_print_fit_to_pages(1, 0);

        let rows = self.rows(header + 1);
        // Criteria: values, parents as sums of their sub-criteria.
        for (line, &r) in card.criteria.iter().zip(&rows.criteria) {
            let kids = rows.children.get(&r).map(Vec::as_slice);
            self.criterion(ws, &f, line, r, kids)?;
        }
        // Fields: bold, with their subtotals.
        for (r, id, top) in &rows.fields {
            let field = card.field(id);
            ws.write_string_with_format(*r, 0, id, &f.bold_text)
                .map_err(writer_err)?;
            let label = field.map_or_else(String::new, |f| f.label.get(lang).to_uppercase());
            for (c, column) in (0u16..).zip(&self.columns) {
                let cached = match (column, field) {
                    (Column::Number, _) => continue,
                    (Column::Max, Some(fl)) => fl.max_points,
                    (Column::Points, Some(fl)) => fl.points,
                    (Column::Appraised, Some(fl)) => fl.appraised_points,
                    (Column::Criterion, _) => {
                        ws.write_string_with_format(*r, c, &label, &f.bold_text)
                            .map_err(writer_err)?;
                        continue;
                    }
                    _ => {
                        ws.write_blank(*r, c, &f.bold_text).map_err(writer_err)?;
                        continue;
                    }
                };
                let formula = Formula::new(sum(c, top)).set_result(cached.to_string());
                ws.write_formula_with_format(*r, c, formula, &f.bold_number)
                    .map_err(writer_err)?;
            }
        }
        let foot = rows.criteria.last().copied().unwrap_or(header) + 1;
        let fields: Vec<u32> = rows.fields.iter().map(|(r, ..)| *r).collect();
        let end = self.summary(ws, set, &f, foot, &fields)?;
        for (i, line) in (end + 1..).zip(&self.footer) {
            ws.write_string(i, 0, line).map_err(writer_err)?;
        }
        Ok(())
    }

    fn criterion(
        &self,
        ws: &mut Worksheet,
        f: &Formats,
        line: &CriterionLine,
        r: u32,
        kids: Option<&[u32]>,
    ) -> Step {
        let lang = self.lang;
        for (c, column) in (0u16..).zip(&self.columns) {
            let value = match column {
                Column::Max => line.max_points,
                Column::Points => line.points,
                Column::Appraised => line.appraised_points,
                Column::Number => {
                    ws.write_string_with_format(r, c, line.id.as_str(), &f.text)
                        .map_err(writer_err)?;
                    continue;
                }
                Column::Criterion | Column::Method | Column::Explanation | Column::Evidence => {
                    let text = match column {
                        Column::Criterion => line.label.get(lang).to_owned(),
                        Column::Method => line.method.get(lang).to_owned(),
                        Column::Evidence => line.evidence.clone().unwrap_or_default(),
                        _ => explanation(line, lang),
                    };
                    ws.write_string_with_format(r, c, text, &f.text)
                        .map_err(writer_err)?;
                    continue;
                }
            };
            match kids {
                Some(kids) => {
                    let formula = Formula::new(sum(c, kids)).set_result(value.to_string());
                    ws.write_formula_with_format(r, c, formula, &f.number)
                }
                None => {
                    ws.write_number_with_format(r, c, number(value).map_err(crate_err)?, &f.number)
                }
            }
            .map_err(writer_err)?;
        }
        Ok(())
    }

    /// The rows under the criteria: adjustments, total, index, band. Returns the last row.
    fn summary(
        &self,
        ws: &mut Worksheet,
        set: &CriteriaSet,
        f: &Formats,
        first: u32,
        fields: &[u32],
    ) -> Step<u32> {
        let (card, lang) = (self.card, self.lang);
        let s = &card.summary;
        let label_col = self.col(Column::Criterion).unwrap_or(1);
        let max_col = self.col(Column::Max).unwrap_or(2);
        let scored: Vec<Scored<'_>> = [
            self.col(Column::Points).map(|col| Scored {
                col,
                criteria: s.criteria_points,
                total: s.total_points,
                index: s.index,
                band: s.band.as_ref(),
            }),
            self.col(Column::Appraised).map(|col| Scored {
                col,
                criteria: card.fields.iter().map(|f| f.appraised_points).sum(),
                total: s.appraised_total_points,
                index: s.appraised_index,
                band: s.appraised_band.as_ref(),
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        let mut row = first;
        let label = |ws: &mut Worksheet, row: u32, text: &str| {
            ws.write_string_with_format(row, label_col, text, &f.bold_text)
                .map(|_| ())
        };
        let adjusted = set.bonus().is_some()
            || set.penalty().is_some()
            || !(s.bonus_points.is_zero() && s.penalty_points.is_zero());
        let total_row = if adjusted { first + 3 } else { first };
        // The maximum: the fields' maxima.
        let max_cell = cell_name(total_row, max_col);
        if adjusted {
            label(ws, row, pick(lang, "Điểm các tiêu chí", "Criteria points"))
                .map_err(writer_err)?;
            for &Scored {
                col: c, criteria, ..
            } in &scored
            {
                let formula = Formula::new(sum(c, fields)).set_result(criteria.to_string());
                ws.write_formula_with_format(row, c, formula, &f.bold_number)
                    .map_err(writer_err)?;
            }
            for (offset, text, value) in [
                (1, pick(lang, "Điểm thưởng", "Bonus points"), s.bonus_points),
                (
                    2,
                    pick(lang, "Điểm trừ", "Penalty points"),
                    s.penalty_points,
                ),
            ] {
                label(ws, row + offset, text).map_err(writer_err)?;
                for &Scored { col: c, .. } in &scored {
                    let v = number(value).map_err(crate_err)?;
                    ws.write_number_with_format(row + offset, c, v, &f.bold_number)
                        .map_err(writer_err)?;
                }
            }
            row += 3;
        }
        label(ws, row, pick(lang, "TỔNG CỘNG", "TOTAL")).map_err(writer_err)?;
        let max_formula = Formula::new(sum(max_col, fields)).set_result(s.max_points.to_string());
        ws.write_formula_with_format(row, max_col, max_formula, &f.bold_number)
            .map_err(writer_err)?;
        for &Scored { col: c, total, .. } in &scored {
            let formula = if adjusted {
                let cell = |r: u32| cell_name(r, c);
                format!(
                    "=MIN(MAX({}+{}-{},0),{max_cell})",
                    cell(first),
                    cell(first + 1),
                    cell(first + 2)
                )
            } else {
                sum(c, fields)
            };
            let formula = Formula::new(formula).set_result(total.to_string());
            ws.write_formula_with_format(row, c, formula, &f.bold_number)
                .map_err(writer_err)?;
        }
        let index_row = row + 1;
        label(
            ws,
            index_row,
            pick(lang, "Chỉ số CCHC (%)", "CCHC index (%)"),
        )
        .map_err(writer_err)?;
        let band_row = row + 2;
        label(ws, band_row, pick(lang, "Xếp loại", "Rating")).map_err(writer_err)?;
        for &Scored {
            col: c,
            index,
            band,
            ..
        } in &scored
        {
            let total_cell = cell_name(row, c);
            let index_formula = index_formula(&total_cell, &max_cell, &card.rounding, s.max_points);
            match (index, index_formula) {
                (Some(index), Some(formula)) => {
                    let formula = Formula::new(formula).set_result(index.to_string());
                    ws.write_formula_with_format(index_row, c, formula, &f.bold_number)
                }
                (Some(index), None) => {
                    let v = number(index).map_err(crate_err)?;
                    ws.write_number_with_format(index_row, c, v, &f.bold_number)
                        .map_err(writer_err)?;
                    let note = pick(
                        lang,
                        "Giá trị, không phải công thức: phép chia với số chữ số này vượt độ chính xác của bảng tính",
                        "A value, not a formula: at these digits the division exceeds a spreadsheet's precision",
                    );
                    ws.insert_note(index_row, c, &Note::new(note))
                }
                (None, _) => ws.write_string_with_format(index_row, c, "—", &f.bold_text),
            }
            .map_err(writer_err)?;
            let band_text = band.map_or("—", |b| b.get(lang));
            let index_cell = cell_name(index_row, c);
            match band_formula(set, &index_cell, lang) {
                Some(formula) if index.is_some() => {
                    let formula = Formula::new(formula).set_result(band_text);
                    ws.write_formula_with_format(band_row, c, formula, &f.bold_text)
                }
                _ => ws.write_string_with_format(band_row, c, band_text, &f.bold_text),
            }
            .map_err(writer_err)?;
        }
        Ok(band_row)
    }
}

/// The figures of one scored column (self-assessed or appraised).
struct Scored<'a> {
    col: u16,
    criteria: Decimal,
    total: Decimal,
    index: Option<Decimal>,
    band: Option<&'a crate::Text>,
}

/// The explanation, with the appraiser's reason, as the table shows it.
fn explanation(line: &CriterionLine, lang: Lang) -> String {
    let text = line.explanation.get(lang);
    match &line.appraisal_reason {
        Some(reason) => format!(
            "{text}\n{}: {} — {reason}",
            pick(lang, "Thẩm định", "Appraised"),
            crate::text::format_decimal(line.appraised_points, lang)
        ),
        None => text.to_owned(),
    }
}
