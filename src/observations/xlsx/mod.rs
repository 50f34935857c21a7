//! An observations template to fill in Excel, and reading it back (feature `xlsx`).
//!
//! [`template`] writes a workbook for any [`CriteriaSet`]: a sheet "Số liệu" ("Data" in
//! English) with cells for the ward (B2), the year or period (B3: `2023`, `2023-07`,
//! `2023-Q3`, a text cell so that Excel keeps `2023-07` as typed), whether the sociological survey was held (B4, for a set with a survey part),
//! the set's name (B5, as written), a header on row 6, and one row per leaf criterion from
//! row 7 on. Each row opens only the cells its rule takes ([`Reads`]); everything else is
//! locked (the sheet is protected, without a password):
//!
//! | column | key | for |
//! |---|---|---|
//! | A, B, C | — | id, criterion, maximum (locked; a note on B says how the rule scores) |
//! | D, E | `numerator`, `denominator` | rates: whole numbers ≥ 0 |
//! | F | `count` | count steps: a whole number ≥ 0 |
//! | G | `completed_on` | deadlines: a date |
//! | H | `done` | done / not done: có/không (yes/no); for a deadline or dates held, "không" with no date is *observed, not done* ("không" with a date is refused) |
//! | I | `points` | assessor points: 0 to the maximum |
//! | J | `category` | categories: one of the set's keys (a list) |
//! | K | `not_applicable` | có: không phát sinh |
//! | L | `evidence` | any row: the documents |
//! | M, N | appraisal `points`, `reason` | any row: the appraiser's points and why |
//! | O … Z | `held_on` | windows and frequencies: up to 12 dates |
//!
//! Input cells carry data validation (whole numbers ≥ 0, dates from 1900 to 2199, có/không
//! lists, the categories list, points within 0 and the maximum). A set with bonus or penalty
//! points gets a second sheet, "Thưởng, trừ" ("Bonus, penalty"): up to 20 rows of kind
//! (thưởng / trừ, bonus / penalty), points and reason.
//!
//! [`Observations::from_xlsx`] reads a filled template back into the same [`Observations`]
//! as the TOML file with the same data: each row is read into the keys of the TOML file and
//! checked by the same code. A row left empty is *missing*, as a criterion absent from the
//! file; a row with figures but no id is refused, and text beside the table without figures
//! (a signature) is left alone. Every problem is an error that names the cell
//! ([`Error::cell`], quoted as a formula names it), the criterion ([`Error::item`]), the key
//! and the value: `'Số liệu'!D7: II.4: numerator 310 exceeds denominator 300`; text from the
//! workbook is quoted and escaped in messages (`"Z\u{1b}[2J"`), and an id is checked for its
//! form before it is named. Counts must be whole numbers (a float such as 2.5, a negative
//! number or text in a number cell is refused), dates real dates (a date cell is a whole
//! serial number of the 1900 date system, converted exactly; a fraction — a time of day — is
//! refused; `YYYY-MM-DD` text is read too). Points are read from the number's shortest digits
//! (1.5 typed is 1.5) or from text. Where Excel made a date of the period cell anyway (a
//! template from before it was a text cell, or a cell reformatted), the first day of a month
//! is read as that month (`2023-07-01` → `2023-07`), any other date is refused with the reason.
//!
//! **Limits.** A workbook of at most [`MAX_BYTES`] (10 MiB) is read, cell by cell: only
//! cells that hold something are kept, and a value beyond the template's cells — columns A
//! to Z and rows 1 to [`MAX_ROWS`] of the data sheet, columns A to C and rows 1 to 21 of the
//! bonus and penalty sheet — is refused at its cell, so a small file naming a far cell
//! (XFD1048576) costs nothing. Before it is opened, its parts are unzipped and counted: at
//! most [`MAX_UNZIPPED_BYTES`](crate::limits::MAX_UNZIPPED_BYTES) (64 MiB) in all, and the
//! shared strings may declare no more strings than their part could hold (one per 5 bytes);
//! a sheet is read up to [`MAX_CELLS`] cells, blank ones included. [`template`] refuses a set
//! with more criteria than these rows hold.
//!
//! ```
//! use cchc::{CriteriaSet, Observations};
//! let set = CriteriaSet::reference();
//! let blank = cchc::observations::xlsx::template(&set, cchc::Lang::Vi)?;
//! // Nothing filled in: no ward.
//! let err = Observations::from_xlsx(&blank, &set).unwrap_err();
//! assert_eq!(err.cell(), Some("'Số liệu'!B2"));
//! assert_eq!(err.key(), Some("ward"));
//! # Ok::<(), cchc::Error>(())
//! ```
//!
//! [`Error::cell`]: crate::Error::cell
//! [`Error::item`]: crate::Error::item

mod archive;
mod cells;
mod read;

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Note, Workbook, Worksheet, XlsxError,
};

use crate::criteria::{CriteriaSet, Leaf};
use crate::error::{Error, Result};
use crate::rule::{Reads, ScoringRule};
use crate::spreadsheet::{number, sheet_cell};
use crate::text::{Lang, pick};

pub use cells::{MAX_BYTES, MAX_CELLS};

use super::Observations;

/// The template's data sheet, in each language.
pub(crate) const SHEET: [&str; 2] = ["Số liệu", "Data"];
/// The bonus and penalty sheet, in each language.
pub(crate) const AWARDS: [&str; 2] = ["Thưởng, trừ", "Bonus, penalty"];
/// Rows (0-based) of the ward, the period, the survey and the set's name, in column B.
pub(crate) const WARD_ROW: u32 = 1;
pub(crate) const PERIOD_ROW: u32 = 2;
pub(crate) const SURVEY_ROW: u32 = 3;
pub(crate) const SET_ROW: u32 = 4;
/// The header row; criteria from the next row on.
pub(crate) const HEADER_ROW: u32 = 5;
/// The columns of a criterion's row (0-based).
pub(crate) mod col {
    pub(crate) const ID: u16 = 0;
    pub(crate) const LABEL: u16 = 1;
    pub(crate) const MAX: u16 = 2;
    pub(crate) const NUMERATOR: u16 = 3;
    pub(crate) const DENOMINATOR: u16 = 4;
    pub(crate) const COUNT: u16 = 5;
    pub(crate) const COMPLETED: u16 = 6;
    pub(crate) const DONE: u16 = 7;
    pub(crate) const POINTS: u16 = 8;
    pub(crate) const CATEGORY: u16 = 9;
    pub(crate) const NOT_APPLICABLE: u16 = 10;
    pub(crate) const EVIDENCE: u16 = 11;
    pub(crate) const APPRAISED: u16 = 12;
    pub(crate) const REASON: u16 = 13;
    pub(crate) const FIRST_DATE: u16 = 14;
}
/// How many dates held a row takes.
pub(crate) const DATES: u16 = 12;
/// The rows of the data sheet the reader takes (rows 1 to 10,000: the header, then up to
/// 9,994 criteria and any notes beside them).
pub const MAX_ROWS: u32 = 10_000;
/// How many bonus and penalty rows the second sheet has.
pub(crate) const AWARD_ROWS: u32 = 20;

/// The headings of a criterion's row, Vietnamese and English.
pub(crate) const HEADINGS: [(&str, &str); 14] = [
    ("Mã", "Id"),
    ("Tiêu chí", "Criterion"),
    ("Điểm tối đa", "Max points"),
    ("Tử số", "Numerator"),
    ("Mẫu số", "Denominator"),
    ("Số lượng", "Count"),
    ("Ngày hoàn thành", "Completed on"),
    ("Đã thực hiện (có/không)", "Done (yes/no)"),
    ("Điểm (người chấm)", "Points (assessor)"),
    ("Phân loại", "Category"),
    ("Không phát sinh (có)", "Not applicable (yes)"),
    ("Tài liệu kiểm chứng", "Evidence"),
    ("Điểm thẩm định", "Appraised points"),
    ("Lý do thẩm định", "Appraisal reason"),
];

/// Yes and no, as the lists offer them.
pub(crate) const fn yes_no(lang: Lang) -> [&'static str; 2] {
    match lang {
        Lang::Vi => ["có", "không"],
        Lang::En => ["yes", "no"],
    }
}

/// The input columns of a rule (besides not-applicable, evidence and the appraisal).
pub(crate) fn inputs(reads: Reads) -> &'static [u16] {
    use col::{CATEGORY, COMPLETED, COUNT, DENOMINATOR, DONE, NUMERATOR, POINTS};
    const DATES_HELD: [u16; 13] = [
        col::DONE,
        col::FIRST_DATE,
        col::FIRST_DATE + 1,
        col::FIRST_DATE + 2,
        col::FIRST_DATE + 3,
        col::FIRST_DATE + 4,
        col::FIRST_DATE + 5,
        col::FIRST_DATE + 6,
        col::FIRST_DATE + 7,
        col::FIRST_DATE + 8,
        col::FIRST_DATE + 9,
        col::FIRST_DATE + 10,
        col::FIRST_DATE + 11,
    ];
    match reads {
        Reads::Counts => &[NUMERATOR, DENOMINATOR],
        Reads::Count => &[COUNT],
        Reads::Completion => &[COMPLETED, DONE],
        Reads::Dates => &DATES_HELD,
        Reads::Done => &[DONE],
        Reads::Points => &[POINTS],
        Reads::Category => &[CATEGORY],
    }
}

/// The leaves a template has a row for: those that apply at the set's level.
pub(crate) fn rows(set: &CriteriaSet) -> impl Iterator<Item = Leaf<'_>> {
    set.leaves().filter(|l| set.in_scope(l.criterion))
}

impl Observations {
    /// Reads a filled observations template ([`xlsx::template`](template)) against `set`:
    /// the same observations as the TOML file with the same data (see the
    /// [module docs](self)).
    ///
    /// # Errors
    /// As [`Observations::from_toml`], each error naming its cell ([`Error::cell`]);
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for a file that is not a workbook or
    /// not a template of `set`; [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a file
    /// above [`MAX_BYTES`] or a value beyond the template's cells (columns A to Z, rows 1 to
    /// [`MAX_ROWS`]; on the bonus and penalty sheet, A to C and rows 1 to 21), named by its
    /// cell.
    pub fn from_xlsx(bytes: &[u8], set: &CriteriaSet) -> Result<Self> {
        read::read(bytes, set)
    }
}

/// The writer's error, as the crate's.
fn xlsx_error(err: &XlsxError) -> Error {
    Error::write("XLSX", err)
}

/// A blank observations template for `set`, headings and notes in `lang` (see the
/// [module docs](self)).
///
/// # Errors
/// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails;
/// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a maximum a spreadsheet number cannot
/// hold exactly.
pub fn template(set: &CriteriaSet, lang: Lang) -> Result<Vec<u8>> {
    // Never a template the reader would refuse: its rows must fit the rows it reads.
    let limit = (MAX_ROWS - HEADER_ROW - 1) as usize;
    let count = rows(set).count();
    if count > limit {
        return Err(Error::from(crate::error::Reason::TooMany {
            what: "criteria for one template",
            count,
            limit,
        }));
    }
    let mut book = Workbook::new();
    book.set_properties(
        &rust_xlsxwriter::DocProperties::new()
            .set_title(pick(
                lang,
                "Mẫu số liệu tự đánh giá",
                "Self-assessment data",
            ))
            .set_category(set.name()),
    );
    data_sheet(book.add_worksheet(), set, lang)?;
    if set.bonus().is_some() || set.penalty().is_some() {
        awards_sheet(book.add_worksheet(), lang).map_err(|e| xlsx_error(&e))?;
    }
    book.save_to_buffer().map_err(|e| xlsx_error(&e))
}

fn date_format(lang: Lang) -> &'static str {
    pick(lang, "dd/mm/yyyy", "yyyy-mm-dd")
}

fn data_sheet(ws: &mut Worksheet, set: &CriteriaSet, lang: Lang) -> Result<()> {
    let e = |e: XlsxError| xlsx_error(&e);
    let i = usize::from(lang == Lang::En);
    ws.set_name(SHEET[i]).map_err(e)?;
    let locked = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
        .set_background_color(Color::RGB(0x00F2_F2F2));
    let open = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Top)
        .set_unlocked();
    let open_text = open.clone().set_text_wrap();
    let open_date = open.clone().set_num_format(date_format(lang));
    let header = locked.clone().set_bold().set_align(FormatAlign::Center);
    ws.write_string_with_format(
        0,
        0,
        pick(
            lang,
            "MẪU SỐ LIỆU TỰ ĐÁNH GIÁ CHỈ SỐ CẢI CÁCH HÀNH CHÍNH",
            "SELF-ASSESSMENT DATA OF THE ADMINISTRATIVE REFORM (CCHC) INDEX",
        ),
        &Format::new().set_bold(),
    )
    .map_err(e)?;
    let survey = !set.survey_points().is_zero();
    let heads = [
        (
            WARD_ROW,
            pick(lang, "Đơn vị (phường, xã)", "Unit (ward, commune)"),
        ),
        (
            PERIOD_ROW,
            pick(
                lang,
                "Năm hoặc kỳ (2023, 2023-07, 2023-Q3)",
                "Year or period (2023, 2023-07, 2023-Q3)",
            ),
        ),
        (
            SURVEY_ROW,
            pick(
                lang,
                "Có điều tra xã hội học (có/không)",
                "Survey held (yes/no)",
            ),
        ),
        (SET_ROW, pick(lang, "Bộ tiêu chí", "Criteria set")),
    ];
    for (row, text) in heads {
        ws.write_string_with_format(row, 0, text, &locked)
            .map_err(e)?;
    }
    ws.write_blank(WARD_ROW, 1, &open_text).map_err(e)?;
    // Text, so that Excel keeps a typed 2023-07 as it is instead of making it a date.
    ws.write_blank(PERIOD_ROW, 1, &open_text.clone().set_num_format("@"))
        .map_err(e)?;
    if survey {
        ws.write_blank(SURVEY_ROW, 1, &open).map_err(e)?;
        list(ws, SURVEY_ROW, 1, &yes_no(lang))?;
    } else {
        ws.write_string_with_format(SURVEY_ROW, 1, "—", &locked)
            .map_err(e)?;
    }
    ws.write_string_with_format(SET_ROW, 1, set.name(), &locked)
        .map_err(e)?;
    let mut headings: Vec<String> = HEADINGS
        .iter()
        .map(|(vi, en)| pick(lang, vi, en).to_owned())
        .collect();
    headings.extend((1..=DATES).map(|n| format!("{} {n}", pick(lang, "Ngày tổ chức", "Held on"))));
    for (c, text) in (0u16..).zip(&headings) {
        ws.write_string_with_format(HEADER_ROW, c, text, &header)
            .map_err(e)?;
        let width = match c {
            col::ID => 9.0,
            col::LABEL => 44.0,
            col::EVIDENCE | col::REASON => 30.0,
            _ => 13.0,
        };
        ws.set_column_width(c, width).map_err(e)?;
    }
    ws.set_column_width(0, 34.0).map_err(e)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW).map_err(e)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 2).map_err(e)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);

    let last = col::FIRST_DATE + DATES - 1;
    for (row, leaf) in (HEADER_ROW + 1..).zip(rows(set)) {
        let criterion = leaf.criterion;
        let max = criterion.max_points();
        ws.write_string_with_format(row, col::ID, criterion.id().as_str(), &locked)
            .map_err(e)?;
        ws.write_string_with_format(row, col::LABEL, criterion.label().get(lang), &locked)
            .map_err(e)?;
        let named = |err: Error| {
            err.with_key("max_points")
                .at(criterion.id().as_str())
                .in_cell(|| sheet_cell(SHEET[i], row, col::MAX))
        };
        let max_number = number("maximum points", max).map_err(named)?;
        ws.write_number_with_format(row, col::MAX, max_number, &locked)
            .map_err(e)?;
        let note = format!(
            "{}: {}\n{}: {}",
            pick(lang, "Cách tính", "Method"),
            leaf.rule.method().get(lang),
            pick(lang, "Nhập", "Enter"),
            what_to_enter(leaf.rule, lang)
        );
        ws.insert_note(
            row,
            col::LABEL,
            &Note::new(note).set_width(420).set_height(120),
        )
        .map_err(e)?;
        let inputs = inputs(leaf.rule.reads());
        for c in col::NUMERATOR..=last {
            let always = matches!(
                c,
                col::NOT_APPLICABLE | col::EVIDENCE | col::APPRAISED | col::REASON
            );
            if !(always || inputs.contains(&c)) {
                ws.write_blank(row, c, &locked).map_err(e)?;
                continue;
            }
            let format = match c {
                col::COMPLETED => &open_date,
                c if c >= col::FIRST_DATE => &open_date,
                col::EVIDENCE | col::REASON => &open_text,
                _ => &open,
            };
            ws.write_blank(row, c, format).map_err(e)?;
            validate(ws, row, c, leaf.rule, max_number, lang)?;
        }
    }
    ws.protect();
    Ok(())
}

/// What a row of `rule` takes, in words, for its note.
fn what_to_enter(rule: &ScoringRule, lang: Lang) -> String {
    match (rule.reads(), lang) {
        (Reads::Counts, Lang::Vi) => "tử số (D) và mẫu số (E), số nguyên ≥ 0".to_owned(),
        (Reads::Counts, Lang::En) => {
            "numerator (D) and denominator (E), whole numbers ≥ 0".to_owned()
        }
        (Reads::Count, Lang::Vi) => "số lượng (F), số nguyên ≥ 0".to_owned(),
        (Reads::Count, Lang::En) => "the count (F), a whole number ≥ 0".to_owned(),
        (Reads::Completion, Lang::Vi) => "ngày hoàn thành (G); chưa làm: \"không\" ở H".to_owned(),
        (Reads::Completion, Lang::En) => "the date completed (G); not done: \"no\" in H".to_owned(),
        (Reads::Dates, Lang::Vi) => {
            "các ngày tổ chức (O–Z); chưa tổ chức: \"không\" ở H".to_owned()
        }
        (Reads::Dates, Lang::En) => "the dates held (O–Z); none: \"no\" in H".to_owned(),
        (Reads::Done, Lang::Vi) => "có/không (H)".to_owned(),
        (Reads::Done, Lang::En) => "yes/no (H)".to_owned(),
        (Reads::Points, Lang::Vi) => "điểm của người chấm (I)".to_owned(),
        (Reads::Points, Lang::En) => "the assessor's points (I)".to_owned(),
        (_, _) => match rule {
            ScoringRule::Categories(options) => {
                let list: Vec<String> = options
                    .options()
                    .iter()
                    .map(|o| format!("{} = {}", o.key(), o.label().get(lang)))
                    .collect();
                format!(
                    "{} (J): {}",
                    pick(lang, "phân loại", "the category"),
                    list.join("; ")
                )
            }
            _ => String::new(),
        },
    }
}

/// Data validation on an input cell.
fn validate(
    ws: &mut Worksheet,
    row: u32,
    c: u16,
    rule: &ScoringRule,
    max: f64,
    lang: Lang,
) -> Result<()> {
    let validation = match c {
        col::NUMERATOR | col::DENOMINATOR | col::COUNT => {
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        }
        col::POINTS | col::APPRAISED => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, max))
        }
        col::DONE | col::NOT_APPLICABLE => return list(ws, row, c, &yes_no(lang)),
        col::CATEGORY => {
            let ScoringRule::Categories(options) = rule else {
                return Ok(());
            };
            let keys: Vec<&str> = options.options().iter().map(|o| o.key().as_str()).collect();
            return list(ws, row, c, &keys);
        }
        c if c == col::COMPLETED || c >= col::FIRST_DATE => {
            let day = |y, m, d| ExcelDateTime::from_ymd(y, m, d).map_err(|e| xlsx_error(&e));
            DataValidation::new().allow_date(DataValidationRule::Between(
                day(1900, 1, 1)?,
                day(2199, 12, 31)?,
            ))
        }
        _ => return Ok(()),
    };
    ws.add_data_validation(row, c, row, c, &validation)
        .map_err(|e| xlsx_error(&e))?;
    Ok(())
}

/// A list validation; a list too long for Excel's 255 characters is left without one (the
/// reader checks the value all the same).
fn list(ws: &mut Worksheet, row: u32, c: u16, items: &[&str]) -> Result<()> {
    if let Ok(validation) = DataValidation::new().allow_list_strings(items) {
        ws.add_data_validation(row, c, row, c, &validation)
            .map_err(|e| xlsx_error(&e))?;
    }
    Ok(())
}

fn awards_sheet(ws: &mut Worksheet, lang: Lang) -> std::result::Result<(), XlsxError> {
    let i = usize::from(lang == Lang::En);
    ws.set_name(AWARDS[i])?;
    let header = Format::new().set_bold().set_border(FormatBorder::Thin);
    let open = Format::new().set_border(FormatBorder::Thin).set_unlocked();
    let kinds = match lang {
        Lang::Vi => ["thưởng", "trừ"],
        Lang::En => ["bonus", "penalty"],
    };
    for (c, text) in (0u16..).zip([
        pick(lang, "Loại (thưởng/trừ)", "Kind (bonus/penalty)"),
        pick(lang, "Điểm", "Points"),
        pick(lang, "Lý do", "Reason"),
    ]) {
        ws.write_string_with_format(0, c, text, &header)?;
    }
    ws.set_column_width(0, 20.0)?;
    ws.set_column_width(1, 10.0)?;
    ws.set_column_width(2, 60.0)?;
    for row in 1..=AWARD_ROWS {
        for c in 0..3 {
            ws.write_blank(row, c, &open)?;
        }
    }
    if let Ok(v) = DataValidation::new().allow_list_strings(&kinds) {
        ws.add_data_validation(1, 0, AWARD_ROWS, 0, &v)?;
    }
    let points =
        DataValidation::new().allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0));
    ws.add_data_validation(1, 1, AWARD_ROWS, 1, &points)?;
    ws.protect();
    Ok(())
}
