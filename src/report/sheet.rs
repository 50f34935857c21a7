//! The self-assessment table as rows of formatted cells, shared by the table and Markdown
//! writers: which columns, a heading row per field, one row per criterion, the summary rows,
//! and the title and footer lines.
//!
//! Cells borrow the scorecard's text where they can, so that a writer that keeps only the
//! start of a long text (the terminal table) never copies the rest. Titles and footers are
//! cleaned of control and bidi characters here ([`clean::line`]); cells are cleaned by each
//! writer as it lays them out.

use std::borrow::Cow;

use rust_decimal::Decimal;

use super::clean;

use crate::score::{CriterionLine, Scorecard};
use crate::text::{Lang, Text, format_decimal, pick};

/// A column of the self-assessment table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Number,
    Criterion,
    Max,
    Method,
    Points,
    Appraised,
    Explanation,
    Evidence,
}

impl Column {
    pub(super) const fn heading(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Self::Number, Lang::Vi) => "STT",
            (Self::Criterion, Lang::Vi) => "Tiêu chí",
            (Self::Max, Lang::Vi) => "Điểm tối đa",
            (Self::Method, Lang::Vi) => "Cách tính",
            (Self::Points, Lang::Vi) => "Điểm tự chấm",
            (Self::Appraised, Lang::Vi) => "Điểm thẩm định",
            (Self::Explanation, Lang::Vi) => "Giải trình",
            (Self::Evidence, Lang::Vi) => "Tài liệu kiểm chứng",
            (Self::Number, Lang::En) => "No.",
            (Self::Criterion, Lang::En) => "Criterion",
            (Self::Max, Lang::En) => "Max points",
            (Self::Method, Lang::En) => "Method",
            (Self::Points, Lang::En) => "Self score",
            (Self::Appraised, Lang::En) => "Appr. score",
            (Self::Explanation, Lang::En) => "Explanation",
            (Self::Evidence, Lang::En) => "Evidence",
        }
    }

    pub(super) const fn numeric(self) -> bool {
        matches!(self, Self::Max | Self::Points | Self::Appraised)
    }
}

/// What a row of the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowKind {
    /// A field's heading with its subtotal.
    Field,
    /// One criterion.
    Criterion,
    /// Total, index or band.
    Summary,
}

/// A row: one text per column of its sheet.
#[derive(Debug)]
pub(super) struct Row<'a> {
    pub(super) kind: RowKind,
    pub(super) cells: Vec<Cow<'a, str>>,
}

/// The self-assessment table, cells formatted, before layout.
#[derive(Debug)]
pub(super) struct Sheet<'a> {
    pub(super) lang: Lang,
    /// Title lines, cleaned.
    pub(super) title: Vec<String>,
    pub(super) columns: Vec<Column>,
    pub(super) rows: Vec<Row<'a>>,
    /// Footer lines, cleaned.
    pub(super) footer: Vec<String>,
}

fn num(value: Decimal, lang: Lang) -> String {
    format_decimal(value, lang)
}

/// Whether an appraiser changed anything: the appraised column is shown then.
pub(super) fn appraised(card: &Scorecard) -> bool {
    card.criteria
        .iter()
        .any(|c| c.appraisal_reason.is_some() || c.appraised_points != c.points)
}

/// The columns of the table: the appraised one only when an appraiser changed anything.
pub(super) fn columns(card: &Scorecard) -> Vec<Column> {
    let appraised = appraised(card);
    [
        Column::Number,
        Column::Criterion,
        Column::Max,
        Column::Method,
        Column::Points,
        Column::Appraised,
        Column::Explanation,
        Column::Evidence,
    ]
    .into_iter()
    .filter(|c| appraised || *c != Column::Appraised)
    .collect()
}

impl<'a> Sheet<'a> {
    pub(super) fn new(card: &'a Scorecard, lang: Lang) -> Self {
        let appraised = appraised(card);
        let columns = columns(card);
        let row = |kind: RowKind, cell: &dyn Fn(Column) -> Cow<'a, str>| Row {
            kind,
            cells: columns.iter().map(|c| cell(*c)).collect(),
        };

        let mut rows = Vec::with_capacity(card.criteria.len() + card.fields.len() + 3);
        let mut current: Option<&str> = None;
        // Walk the criteria in order, opening a field heading whenever the field changes, so no
        // criterion is ever dropped (even from a hand-edited scorecard).
        for line in &card.criteria {
            if current != Some(line.field.as_str()) {
                current = Some(line.field.as_str());
                let field = card.field(line.field.as_str());
                rows.push(row(RowKind::Field, &|c| match (c, field) {
                    (Column::Number, _) => line.field.as_str().into(),
                    (Column::Criterion, Some(f)) => f.label.get(lang).to_uppercase().into(),
                    (Column::Max, Some(f)) => num(f.max_points, lang).into(),
                    (Column::Points, Some(f)) => num(f.points, lang).into(),
                    (Column::Appraised, Some(f)) => num(f.appraised_points, lang).into(),
                    _ => Cow::Borrowed(""),
                }));
            }
            rows.push(row(RowKind::Criterion, &|c| criterion_cell(line, c, lang)));
        }

        let index = |i: Option<Decimal>| i.map_or_else(|| "—".to_owned(), |i| num(i, lang));
        let (self_band, appraised_band) = (
            band(card.summary.band.as_ref(), lang),
            band(card.summary.appraised_band.as_ref(), lang),
        );
        rows.push(row(RowKind::Summary, &|c| match c {
            Column::Criterion => pick(lang, "TỔNG CỘNG", "TOTAL").into(),
            Column::Max => num(card.summary.max_points, lang).into(),
            Column::Points => num(card.summary.total_points, lang).into(),
            Column::Appraised => num(card.summary.appraised_total_points, lang).into(),
            _ => Cow::Borrowed(""),
        }));
        rows.push(row(RowKind::Summary, &|c| match c {
            Column::Criterion => pick(lang, "Chỉ số CCHC (%)", "CCHC index (%)").into(),
            Column::Points => index(card.summary.index).into(),
            Column::Appraised => index(card.summary.appraised_index).into(),
            _ => Cow::Borrowed(""),
        }));
        rows.push(row(RowKind::Summary, &|c| match (c, appraised, lang) {
            (Column::Criterion, _, _) => pick(lang, "Xếp loại", "Rating").into(),
            (Column::Explanation, false, _) => self_band.clone().into(),
            (Column::Explanation, true, Lang::Vi) => {
                format!("Tự chấm: {self_band}; thẩm định: {appraised_band}").into()
            }
            (Column::Explanation, true, Lang::En) => {
                format!("Self-assessed: {self_band}; appraised: {appraised_band}").into()
            }
            _ => Cow::Borrowed(""),
        }));

        Self {
            lang,
            title: title(card, lang).iter().map(|l| clean::line(l)).collect(),
            columns,
            rows,
            footer: footer(card, lang).iter().map(|l| clean::line(l)).collect(),
        }
    }
}

/// A band's label in `lang`, or a dash when there is none.
fn band(band: Option<&Text>, lang: Lang) -> String {
    band.map_or_else(|| "—".to_owned(), |b| b.get(lang).to_owned())
}

fn criterion_cell(line: &CriterionLine, column: Column, lang: Lang) -> Cow<'_, str> {
    match column {
        Column::Number => line.id.as_str().into(),
        Column::Criterion => line.label.get(lang).into(),
        Column::Max => num(line.max_points, lang).into(),
        Column::Method => line.method.get(lang).into(),
        Column::Points => num(line.points, lang).into(),
        Column::Appraised => num(line.appraised_points, lang).into(),
        Column::Explanation => {
            let text = line.explanation.get(lang);
            match (&line.appraisal_reason, lang) {
                (Some(reason), Lang::Vi) => format!(
                    "{text}\nThẩm định: {} điểm — {reason}",
                    num(line.appraised_points, lang)
                )
                .into(),
                (Some(reason), Lang::En) => format!(
                    "{text}\nAppraised: {} points — {reason}",
                    num(line.appraised_points, lang)
                )
                .into(),
                (None, _) => text.into(),
            }
        }
        Column::Evidence => line.evidence.as_deref().unwrap_or_default().into(),
    }
}

pub(super) fn title(card: &Scorecard, lang: Lang) -> Vec<String> {
    let mut lines = title_lines(card, lang);
    if let Some(day) = card.as_of {
        let open = card
            .criteria
            .iter()
            .filter(|c| c.working.is_some() && c.status == crate::Status::Pending)
            .count();
        lines.push(match lang {
            Lang::Vi => format!(
                "Tính đến ngày {} (chưa hết thời hạn: {open} tiêu chí chưa đến hạn)",
                crate::text::Day(day, lang)
            ),
            Lang::En => format!(
                "As of {} (the year so far: {open} criteria still open)",
                crate::text::Day(day, lang)
            ),
        });
    }
    lines
}

/// The scored period: the year, or the part of it the observations named.
fn period_title(card: &Scorecard, lang: Lang) -> String {
    match (&card.summary.period, lang) {
        (Some(period), lang) => period.title(lang),
        (None, Lang::Vi) => format!("năm {}", card.summary.year),
        (None, Lang::En) => card.summary.year.to_string(),
    }
}

fn title_lines(card: &Scorecard, lang: Lang) -> Vec<String> {
    match lang {
        Lang::Vi => vec![
            format!(
                "BẢNG TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH {}",
                period_title(card, lang).to_uppercase()
            ),
            format!("Đơn vị: {}", card.summary.ward),
            format!("Bộ tiêu chí: {}", card.criteria_set),
        ],
        Lang::En => vec![
            format!(
                "SELF-ASSESSMENT OF THE ADMINISTRATIVE REFORM (CCHC) INDEX, {}",
                period_title(card, lang)
            ),
            format!("Unit: {}", card.summary.ward),
            format!("Criteria set: {}", card.criteria_set),
        ],
    }
}

pub(super) fn footer(card: &Scorecard, lang: Lang) -> Vec<String> {
    let max = num(card.summary.max_points, lang);
    let index = |i: Option<Decimal>| match i {
        Some(i) => format!("{}%", num(i, lang)),
        None => pick(
            lang,
            "không xác định (tổng điểm tối đa bằng 0)",
            "undefined (the maximum is 0)",
        )
        .to_owned(),
    };
    let band = |b: &Option<Text>| band(b.as_ref(), lang);
    let mut out = match lang {
        Lang::Vi => vec![
            format!(
                "Tổng điểm tự chấm: {}/{max}; Chỉ số CCHC: {}; xếp loại: {}",
                num(card.summary.total_points, lang),
                index(card.summary.index),
                band(&card.summary.band)
            ),
            format!(
                "Tổng điểm thẩm định: {}/{max}; Chỉ số CCHC: {}; xếp loại: {}",
                num(card.summary.appraised_total_points, lang),
                index(card.summary.appraised_index),
                band(&card.summary.appraised_band)
            ),
        ],
        Lang::En => vec![
            format!(
                "Self-assessed total: {} of {max}; CCHC index: {}; rating: {}",
                num(card.summary.total_points, lang),
                index(card.summary.index),
                band(&card.summary.band)
            ),
            format!(
                "Appraised total: {} of {max}; CCHC index: {}; rating: {}",
                num(card.summary.appraised_total_points, lang),
                index(card.summary.appraised_index),
                band(&card.summary.appraised_band)
            ),
        ],
    };
    out.extend(card.notes.iter().map(|note| note.get(lang).to_owned()));
    if !card.missing.is_empty() {
        out.push(format!(
            "{}: {}",
            pick(
                lang,
                "Tiêu chí chưa có số liệu (0 điểm)",
                "Criteria without an observation (0 points)"
            ),
            card.missing
                .iter()
                .map(crate::Id::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::report::tiny;

    #[test]
    fn sheet_has_a_heading_per_field_and_three_summary_rows() {
        let card = tiny(false);
        let sheet = Sheet::new(&card, Lang::Vi);
        let kinds: Vec<RowKind> = sheet.rows.iter().map(|r| r.kind).collect();
        assert_eq!(
            kinds,
            [
                RowKind::Field,
                RowKind::Criterion,
                RowKind::Criterion,
                RowKind::Criterion,
                RowKind::Summary,
                RowKind::Summary,
                RowKind::Summary
            ]
        );
        // No appraisal: no "Điểm thẩm định" column.
        assert_eq!(sheet.columns.len(), 7);
        assert_eq!(sheet.rows[0].cells[1], "CẢI CÁCH THỦ TỤC HÀNH CHÍNH");
        assert_eq!(sheet.rows[6].cells[5], "Đạt");
        assert_eq!(Sheet::new(&tiny(true), Lang::Vi).columns.len(), 8);
    }
}
