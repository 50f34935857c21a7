//! The self-assessment as an Excel workbook (feature `xlsx`, written by `rust_xlsxwriter`).
//!
//! **Sheet 1, the official table** ("Tự đánh giá" / "Self-assessment"): the title lines of
//! the table format, then STT | Tiêu chí | Điểm tối đa | Cách tính | Điểm tự chấm | (Điểm
//! thẩm định, when an appraiser changed anything) | Giải trình | Tài liệu kiểm chứng; a bold
//! row per field with its subtotal; at the foot the total, the index and the band, then the
//! notes and the criteria without an observation, each line across the table's width.
//!
//! Criterion points are values. Everything computed from them is a live formula whose cached
//! value is the crate's exact figure, so a spreadsheet that recalculates shows the same
//! numbers:
//!
//! - a parent criterion: `=SUM(…)` of its sub-criteria (never of the leaves below them, so
//!   nothing is counted twice); a field: `=SUM(…)` of its top-level criteria — which is the
//!   sum of its leaves' *rounded* points, as the crate sums them; the maximum likewise (a
//!   criterion left out as không phát sinh, or a survey not held, counts 0 of 0);
//! - the total: the criteria's points (the fields' sum) plus the bonus less the penalty (rows
//!   of their own, values, for a set with bonus or penalty points), always kept within 0 and
//!   the maximum as the crate keeps it: `=MIN(MAX(SUM(…),0),max)`, `=MIN(MAX(c+b-p,0),max)`;
//! - the index: total ÷ maximum × 100, rounded like the set's [`Rounding`](crate::Rounding): `ROUND` (half away
//!   from zero), `ROUNDDOWN` (toward zero), `ROUNDUP` (away from zero), and for half to even
//!   `IF(MOD(z,1)=0.5, even neighbour, ROUND(z,0))` on z = the index × 10^d. The quotient is
//!   first rounded to p = d + (digits of the maximum in its smallest unit) + 1 decimals: two
//!   different fractions t/M lie at least 1/(M·10^d) apart from any boundary of d decimals,
//!   so that inner rounding removes the float's error without ever crossing a boundary. Where
//!   p would exceed 12 (a float's precision), the index is written as a value with a note;
//! - the band: nested `IF`s over the index, in the set's order (`from ≤ index < to`, 100 in
//!   the band reaching it), `—` when none; a set without bands says so;
//! - the footer's two lines of totals (self-assessed and appraised): text joined to the
//!   total, maximum, index and band cells (`FIXED`, with the language's decimal sign), so they
//!   follow a recalculation too.
//!
//! Excel takes a formula of at most 8,192 characters with at most 255 in each text inside it
//! (a band label, say): a formula beyond either is written as its value, with a note saying
//! why.
//!
//! **Sheet 2, the raw counts** ("Số liệu thô" / "Raw counts"): per criterion scored on
//! counts, the numerator, the denominator, the rate, the target of full points, and the
//! records short under both levers (records to convert, records to add); per criterion scored
//! on a count (count steps), the count and the count of full points; a criterion without its
//! figures says it is missing or không phát sinh.
//!
//! For printing: the header row repeats on each page and is frozen; A4 landscape, fitted to
//! one page wide, with columns narrow enough (118 characters in all, 126 with the appraised
//! column) that the print scale stays near 80%; text wrapped; each number shows the set's decimals, or more when the
//! value has more (a target of 97.125%); the document properties name the ward, the period
//! and the set. Every text is written as a string, never as a formula. Numbers go out digit
//! for digit: a decimal a float cannot hold is refused, with its criterion, key and cell.

use std::collections::HashMap;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, Workbook, Worksheet, XlsxError};

mod cells;
mod formula;
mod raw;

use cells::{Cached, Named, Out, Step, cell_format, writer_err};
use formula::{band_formula, footer_formulas, index_formula, sum};
use raw::raw_counts;

use super::sheet::{self, Column};
use crate::criteria::CriteriaSet;
use crate::error::{Error, Result};
use crate::score::{CriterionLine, Scorecard};
use crate::spreadsheet::cell_name;
use crate::text::{Lang, pick};

/// The writer's error, as the crate's.
fn xlsx_error(err: &XlsxError) -> Error {
    Error::write("XLSX", err)
}

/// The table sheet's name, in each language.
const TABLE: [&str; 2] = ["Tự đánh giá", "Self-assessment"];

/// The workbook of `card`, scored against `set`, with headings and text in `lang`.
///
/// The layout is fixed (see the [module docs](self)); a workbook with other options would
/// be another function, so this one takes none.
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
/// number cannot hold exactly, naming the criterion, the key and the cell
/// ([`Error::cell`]); [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails (a
/// text above 32,767 characters, Excel's limit for a cell).
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
    let finish = |e: std::result::Result<Error, XlsxError>| e.unwrap_or_else(|x| xlsx_error(&x));
    let table = book.add_worksheet();
    Table::new(card, lang).write(table, set).map_err(finish)?;
    let raw = book.add_worksheet();
    raw_counts(raw, set, card, lang).map_err(finish)?;
    book.save_to_buffer().map_err(|e| xlsx_error(&e))
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

/// The width of a column, in characters: 118 in all (126 with the appraised column), which
/// LibreOffice prints on A4 landscape at about 80% (measured: 80% for the sample ward, with
/// the appraised column; 133 characters printed at 76%, the 189 before at 54%).
const fn width(column: Column) -> f64 {
    match column {
        Column::Number => 6.0,
        Column::Max | Column::Points | Column::Appraised => 8.0,
        Column::Criterion => 26.0,
        Column::Method => 21.0,
        Column::Explanation => 32.0,
        Column::Evidence => 17.0,
    }
}

/// Rows of 15 points for `text` wrapped at `width` characters (a line break starts a line).
fn lines_of(text: &str, width: f64) -> f64 {
    // Proportional fonts: about 1.1 characters of text a character of column width.
    let per_line = (width * 1.1).max(1.0);
    text.split('\n')
        .map(|line| (line.chars().count() as f64 / per_line).ceil().max(1.0))
        .sum()
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

    /// A line across the table's width, wrapped, its row as tall as its text.
    fn across(&self, out: &mut Out<'_>, row: u32, text: &str, format: &Format) -> Step {
        let last_col = u16::try_from(self.columns.len().saturating_sub(1)).unwrap_or(0);
        let width: f64 = self.columns.iter().map(|c| width(*c)).sum();
        out.ws
            .merge_range(row, 0, row, last_col, text, format)
            .map_err(writer_err)?;
        let lines = lines_of(text, width);
        if lines > 1.0 {
            out.ws
                .set_row_height(row, 15.0 * lines)
                .map_err(writer_err)?;
        }
        Ok(())
    }

    fn write(&self, ws: &mut Worksheet, set: &CriteriaSet) -> Step {
        let card = self.card;
        let lang = self.lang;
        let mut out = Out::new(ws, TABLE, lang, card.rounding.decimals())?;
        let line = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let mut row: u32 = 0;
        for (i, text) in self.title.iter().enumerate() {
            let format = if i == 0 {
                line.clone().set_bold().set_font_size(13)
            } else {
                line.clone()
            };
            self.across(&mut out, row, text, &format)?;
            row += 1;
        }
        row += 1;
        let header = row;
        let columns: Vec<(&str, f64)> = self
            .columns
            .iter()
            .map(|c| (c.heading(lang), width(*c)))
            .collect();
        out.header(header, &columns)?;

        let rows = self.rows(header + 1);
        // Criteria: values, parents as sums of their sub-criteria.
        for (line, &r) in card.criteria.iter().zip(&rows.criteria) {
            let kids = rows.children.get(&r).map(Vec::as_slice);
            self.criterion(&mut out, line, r, kids)?;
        }
        // Fields: bold, with their subtotals.
        for (r, id, top) in &rows.fields {
            let field = card.field(id);
            out.text(*r, 0, id, true)?;
            let label = field.map_or_else(String::new, |f| f.label.get(lang).to_uppercase());
            for (c, column) in (0u16..).zip(&self.columns) {
                let (cached, key) = match (column, field) {
                    (Column::Number, _) => continue,
                    (Column::Max, Some(fl)) => (fl.max_points, "max_points"),
                    (Column::Points, Some(fl)) => (fl.points, "points"),
                    (Column::Appraised, Some(fl)) => (fl.appraised_points, "appraised_points"),
                    (Column::Criterion, _) => {
                        out.text(*r, c, &label, true)?;
                        continue;
                    }
                    _ => {
                        out.ws
                            .write_blank(*r, c, &cell_format(true))
                            .map_err(writer_err)?;
                        continue;
                    }
                };
                let named = Named {
                    what: "points",
                    key,
                    item: Some(id),
                };
                out.formula(*r, c, &sum(c, top), &Cached::Number(cached), named, true)?;
            }
        }
        let foot = rows.criteria.last().copied().unwrap_or(header) + 1;
        let fields: Vec<u32> = rows.fields.iter().map(|(r, ..)| *r).collect();
        let summary = self.summary(&mut out, set, foot, &fields)?;
        let live = footer_formulas(card, lang, &summary);
        for (i, (r, text)) in (summary.band_row + 1..).zip(&self.footer).enumerate() {
            self.across(&mut out, r, text, &line)?;
            // The lines of totals follow the cells they name (their texts are short and
            // fixed: within Excel's limits).
            if let Some((formula, cached)) = live.get(i) {
                let formula = rust_xlsxwriter::Formula::new(formula).set_result(cached);
                out.ws
                    .write_formula_with_format(r, 0, formula, &line)
                    .map_err(writer_err)?;
            }
        }
        Ok(())
    }

    fn criterion(
        &self,
        out: &mut Out<'_>,
        line: &CriterionLine,
        r: u32,
        kids: Option<&[u32]>,
    ) -> Step {
        let lang = self.lang;
        for (c, column) in (0u16..).zip(&self.columns) {
            let (value, what, key) = match column {
                Column::Max => (line.max_points, "maximum points", "max_points"),
                Column::Points => (line.points, "points", "points"),
                Column::Appraised => (
                    line.appraised_points,
                    "appraised points",
                    "appraised_points",
                ),
                Column::Number => {
                    out.text(r, c, line.id.as_str(), false)?;
                    continue;
                }
                Column::Criterion | Column::Method | Column::Explanation | Column::Evidence => {
                    let text = match column {
                        Column::Criterion => line.label.get(lang).to_owned(),
                        Column::Method => line.method.get(lang).to_owned(),
                        Column::Evidence => line.evidence.clone().unwrap_or_default(),
                        _ => explanation(line, lang),
                    };
                    out.text(r, c, &text, false)?;
                    continue;
                }
            };
            let named = Named {
                what,
                key,
                item: Some(line.id.as_str()),
            };
            match kids {
                Some(kids) => {
                    out.formula(r, c, &sum(c, kids), &Cached::Number(value), named, false)
                }
                None => out.number(r, c, value, named, false),
            }?;
        }
        Ok(())
    }

    /// The rows under the criteria: adjustments, total, index, band.
    fn summary(
        &self,
        out: &mut Out<'_>,
        set: &CriteriaSet,
        first: u32,
        fields: &[u32],
    ) -> Step<Summary> {
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
        let adjusted = set.bonus().is_some()
            || set.penalty().is_some()
            || !(s.bonus_points.is_zero() && s.penalty_points.is_zero());
        let total_row = if adjusted { first + 3 } else { first };
        // The maximum: the fields' maxima.
        let max_cell = cell_name(total_row, max_col);
        let named = |what, key| Named {
            what,
            key,
            item: None,
        };
        if adjusted {
            out.text(
                row,
                label_col,
                pick(lang, "Điểm các tiêu chí", "Criteria points"),
                true,
            )?;
            for sc in &scored {
                let n = named("criteria points", "criteria_points");
                out.formula(
                    row,
                    sc.col,
                    &sum(sc.col, fields),
                    &Cached::Number(sc.criteria),
                    n,
                    true,
                )?;
            }
            for (offset, text, value, key) in [
                (
                    1,
                    pick(lang, "Điểm thưởng", "Bonus points"),
                    s.bonus_points,
                    "bonus_points",
                ),
                (
                    2,
                    pick(lang, "Điểm trừ", "Penalty points"),
                    s.penalty_points,
                    "penalty_points",
                ),
            ] {
                out.text(row + offset, label_col, text, true)?;
                for sc in &scored {
                    out.number(row + offset, sc.col, value, named("points", key), true)?;
                }
            }
            row += 3;
        }
        out.text(row, label_col, pick(lang, "TỔNG CỘNG", "TOTAL"), true)?;
        let n = named("maximum points", "max_points");
        out.formula(
            row,
            max_col,
            &sum(max_col, fields),
            &Cached::Number(s.max_points),
            n,
            true,
        )?;
        for sc in &scored {
            let cell = |r: u32| cell_name(r, sc.col);
            // The crate keeps the total within 0 and the maximum: so does the formula.
            let points = if adjusted {
                format!("{}+{}-{}", cell(first), cell(first + 1), cell(first + 2))
            } else {
                sum(sc.col, fields).trim_start_matches('=').to_owned()
            };
            let formula = format!("=MIN(MAX({points},0),{max_cell})");
            let n = named("total points", "total_points");
            out.formula(row, sc.col, &formula, &Cached::Number(sc.total), n, true)?;
        }
        let index_row = row + 1;
        out.text(
            index_row,
            label_col,
            pick(lang, "Chỉ số CCHC (%)", "CCHC index (%)"),
            true,
        )?;
        let band_row = row + 2;
        out.text(band_row, label_col, pick(lang, "Xếp loại", "Rating"), true)?;
        for sc in &scored {
            let c = sc.col;
            let total_cell = cell_name(row, c);
            let n = named("index", "index");
            match (
                sc.index,
                index_formula(&total_cell, &max_cell, &card.rounding, s.max_points),
            ) {
                (Some(index), Some(formula)) => {
                    out.formula(index_row, c, &formula, &Cached::Number(index), n, true)?;
                }
                (Some(index), None) => {
                    let why = pick(
                        lang,
                        "Giá trị, không phải công thức: phép chia với số chữ số này vượt độ chính xác của bảng tính",
                        "A value, not a formula: at these digits the division exceeds a spreadsheet's precision",
                    );
                    out.value_with_note(index_row, c, &Cached::Number(index), n, true, why)?;
                }
                (None, _) => out.text(index_row, c, "—", true)?,
            }
            let band_text = sc.band.map_or("—", |b| b.get(lang));
            let index_cell = cell_name(index_row, c);
            match band_formula(set, &index_cell, lang) {
                Some(formula) if sc.index.is_some() => {
                    let n = named("band", "band");
                    out.formula(band_row, c, &formula, &Cached::Text(band_text), n, true)?;
                }
                _ => out.text(band_row, c, band_text, true)?,
            }
        }
        let cells = |col: Option<u16>| {
            let col = col.or_else(|| self.col(Column::Points)).unwrap_or(4);
            [row, index_row, band_row].map(|r| cell_name(r, col))
        };
        Ok(Summary {
            max: max_cell,
            own: cells(self.col(Column::Points)),
            appraised: cells(self.col(Column::Appraised)),
            band_row,
        })
    }
}

/// Where the summary's figures are: the maximum, and the total, index and band of each
/// scored column (the appraised one is the self-assessed one when it is not shown).
pub(super) struct Summary {
    pub(super) max: String,
    pub(super) own: [String; 3],
    pub(super) appraised: [String; 3],
    pub(super) band_row: u32,
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

#[cfg(test)]
mod tests {
    use super::lines_of;

    #[test]
    fn lines_are_counted_at_1_1_characters_a_unit_of_width() {
        // Width 32: 35.2 characters a line. 70 characters: 2 lines; 71: 3 (70.4 fit in two);
        // a line break starts a line; an empty text still takes one.
        assert_eq!(lines_of(&"x".repeat(70), 32.0), 2.0);
        assert_eq!(lines_of(&"x".repeat(71), 32.0), 3.0);
        assert_eq!(lines_of("a\nb\nc", 32.0), 3.0);
        assert_eq!(lines_of("", 32.0), 1.0);
        // A width under one character still fits one a line.
        assert_eq!(lines_of("abc", 0.1), 3.0);
    }
}
