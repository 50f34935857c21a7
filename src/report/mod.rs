//! Reports: a [`Scorecard`] written out as the self-assessment table (bảng tự đánh giá, chấm
//! điểm) a ward files, in seven formats (JSON, the workbook and the picture with their
//! features).
//!
//! - [`Format::Table`]: the official table for a terminal — STT | Tiêu chí | Điểm tối đa |
//!   Cách tính | Điểm tự chấm | Giải trình | Tài liệu kiểm chứng — with a heading row per field
//!   and its subtotal, then the total, the maximum, the index (Chỉ số CCHC, %) and the band
//!   (xếp loại). Wide text is word-wrapped to terminal columns (the display width of each
//!   grapheme, so NFD Vietnamese and wide characters line up); the table is about 155
//!   columns wide.
//! - [`Format::Markdown`]: the same table in GitHub-flavoured Markdown.
//! - [`Format::Csv`]: one row per criterion, RFC 4180, decimals with a dot; text cells that a
//!   spreadsheet would run as a formula are guarded with a leading `'`, and control and bidi
//!   characters (but tab, CR and LF) become U+FFFD.
//! - [`Format::CsvRaw`]: the same CSV with every cell as it is, for programs (not for a
//!   terminal).
//! - [`Format::Json`]: the scorecard JSON of [`Scorecard::to_json`].
//! - [`Format::Xlsx`] (feature `xlsx`): the table as an Excel workbook with live formulas,
//!   and the raw counts ([`xlsx`]).
//! - [`Format::Svg`] (feature `svg`): one A4 page, each field's points against its maximum
//!   and a bullet graph per rate criterion ([`svg`]).
//!
//! [`render`] writes the formats that need only the scorecard; [`write()`] writes every
//! format, with the criteria set the workbook and the picture need (targets, steps, bands),
//! and checks for every format that the scorecard was scored against that set
//! ([`Format::needs_set`] says which formats cannot do without it).
//!
//! Text that reaches a terminal, a Markdown page or the picture — titles and footers included
//! — is cleaned of control characters, bidi marks and overrides and the characters XML does
//! not allow (U+FFFD stands in for them); Markdown also escapes HTML and Markdown in user text;
//! the terminal table reads a long cell only as far as the ten lines it shows.
//!
//! When an appraiser changed any criterion's points, the table and Markdown gain a column
//! "Điểm thẩm định" (appraised points) beside "Điểm tự chấm", and the reason is added to the
//! explanation. Totals of both are always printed under the table.
//!
//! ```
//! use cchc::{CriteriaSet, Lang, Observations, Scorecard};
//! use cchc::report::{Format, render};
//! let set = CriteriaSet::reference();
//! let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
//! let card = Scorecard::score(&set, &obs)?;
//! let table = render(&card, "table".parse::<Format>()?, Lang::Vi)?;
//! assert!(table.contains("| II.4    | Tỷ lệ số hóa kết quả giải"));
//! assert!(table.contains("Chỉ số CCHC: 4,29%"));
//! # Ok::<(), cchc::Error>(())
//! ```

mod clean;
mod csv;
mod markdown;
mod sheet;
#[cfg(feature = "svg")]
pub mod svg;
mod table;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::fmt;
use std::str::FromStr;

use crate::criteria::CriteriaSet;
use crate::error::{Error, Reason, Result};
use crate::score::Scorecard;
use crate::text::Lang;
use sheet::Sheet;

/// A report format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// The self-assessment table for a terminal.
    Table,
    /// The same table in GitHub-flavoured Markdown.
    Markdown,
    /// One row per criterion, RFC 4180; text cells that a spreadsheet would run as a formula
    /// (`=`, `+`, `-`, `@`, tab, CR first) begin with `'`; control and bidi characters (but
    /// tab, CR and LF) are U+FFFD.
    Csv,
    /// The same CSV with every cell as it is, for programs (`csv-raw`): not for a terminal.
    CsvRaw,
    /// The scorecard JSON ([`Scorecard::to_json`]).
    #[cfg(feature = "json")]
    Json,
    /// An Excel workbook ([`xlsx`]): binary, written by [`write()`] only.
    #[cfg(feature = "xlsx")]
    Xlsx,
    /// One SVG page ([`svg`]), written by [`write()`] only.
    #[cfg(feature = "svg")]
    Svg,
}

impl Format {
    /// Every format: table, markdown, csv, csv-raw and, with their features, json, xlsx and
    /// svg.
    pub const ALL: &'static [Self] = &[
        Self::Table,
        Self::Markdown,
        Self::Csv,
        Self::CsvRaw,
        #[cfg(feature = "json")]
        Self::Json,
        #[cfg(feature = "xlsx")]
        Self::Xlsx,
        #[cfg(feature = "svg")]
        Self::Svg,
    ];

    /// Whether the format is binary (a workbook): not for a terminal.
    #[must_use]
    pub const fn is_binary(self) -> bool {
        match self {
            #[cfg(feature = "xlsx")]
            Self::Xlsx => true,
            _ => false,
        }
    }

    /// Whether the format needs the criteria set (targets, steps, bands), so that only
    /// [`write()`] writes it, not [`render`]: the workbook and the picture.
    ///
    /// ```
    /// use cchc::report::Format;
    /// assert!(Format::Xlsx.needs_set() && Format::Svg.needs_set());
    /// assert!(!Format::Csv.needs_set() && !Format::Table.needs_set());
    /// ```
    #[must_use]
    pub const fn needs_set(self) -> bool {
        match self {
            #[cfg(feature = "xlsx")]
            Self::Xlsx => true,
            #[cfg(feature = "svg")]
            Self::Svg => true,
            _ => false,
        }
    }

    /// The usual file extension (`txt` for the terminal table).
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            Self::Table => "txt",
            Self::Markdown => "md",
            Self::Csv | Self::CsvRaw => "csv",
            // JSON, XLSX and SVG: the name; without their features, no format is left here.
            #[allow(unreachable_patterns)]
            other => other.name(),
        }
    }

    /// The format's name, as [`Format::from_str`] reads it.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Table => "table",
            Self::Markdown => "markdown",
            Self::Csv => "csv",
            Self::CsvRaw => "csv-raw",
            #[cfg(feature = "json")]
            Self::Json => "json",
            #[cfg(feature = "xlsx")]
            Self::Xlsx => "xlsx",
            #[cfg(feature = "svg")]
            Self::Svg => "svg",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    /// Reads a format's [name](Format::name) (`table`, `markdown` or `md`, `csv`, `csv-raw`,
    /// `json`, `xlsx`, `svg`), in any letter case.
    ///
    /// ```
    /// use cchc::report::Format;
    /// assert_eq!("CSV".parse::<Format>()?, Format::Csv);
    /// assert_eq!(
    ///     "xml".parse::<Format>().unwrap_err().to_string(),
    ///     "unknown report format \"xml\" (allowed: table, markdown, csv, csv-raw, json, xlsx, svg)"
    /// );
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) naming the value and the allowed values.
    fn from_str(value: &str) -> Result<Self> {
        let wanted = value.trim().to_ascii_lowercase();
        if wanted == "md" {
            return Ok(Self::Markdown);
        }
        Self::ALL
            .iter()
            .copied()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| {
                Error::from(Reason::UnknownFormat {
                    value: value.to_owned(),
                    allowed: Self::ALL
                        .iter()
                        .map(|f| f.name())
                        .collect::<Vec<_>>()
                        .join(", "),
                })
            })
    }
}

/// Renders `card` in `format`, with the headings, labels, explanations and number style of
/// `lang` (table and Markdown). CSV and JSON are machine-readable and the same in every
/// language: decimals with a dot, both labels, the Vietnamese explanation.
///
/// - Table ([`Format::Table`]): STT | Tiêu chí | Điểm tối đa | Cách tính | Điểm tự chấm | Giải trình |
///   Tài liệu kiểm chứng, about 155 terminal columns wide, text word-wrapped; a heading row per
///   field with its subtotal; then the total, the maximum, the index (Chỉ số CCHC, %) and the
///   band (xếp loại), and under the table the self-assessed and appraised totals and the
///   criteria with no observation.
/// - Markdown ([`Format::Markdown`]): the same, as a GitHub-flavoured Markdown table.
/// - CSV ([`Format::Csv`]): one row per criterion (RFC 4180, CRLF, decimals with a dot):
///   `id, field, parent, label_vi, label_en, max_points, points, appraised_points, status,
///   rate_percent, records_to_convert, records_to_add, explanation_vi, evidence,
///   appraisal_reason`; a shortfall is empty where it does not apply and `impossible` where
///   no number of records reaches full points.
/// - JSON ([`Format::Json`]): [`Scorecard::to_json`].
///
/// When an appraiser changed any criterion's points, the table and Markdown gain a column
/// "Điểm thẩm định" beside "Điểm tự chấm", and the reason follows the explanation.
///
/// ```
/// use cchc::{CriteriaSet, Lang, Observations, Scorecard};
/// use cchc::report::{Format, render};
/// let set = CriteriaSet::reference();
/// let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
/// let card = Scorecard::score(&set, &obs)?;
/// let md = render(&card, Format::Markdown, Lang::En)?;
/// assert!(md.contains("| II.4 | Still-valid procedure results digitised (commune level: 35%) | 5 |"));
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::Write`](crate::ErrorKind::Write) if a writer fails;
/// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for [`Format::Xlsx`] and
/// [`Format::Svg`], which need the criteria set ([`write()`]).
pub fn render(card: &Scorecard, format: Format, lang: Lang) -> Result<String> {
    match format {
        Format::Table => Ok(table::write(&Sheet::new(card, lang))),
        Format::Markdown => Ok(markdown::write(&Sheet::new(card, lang))),
        Format::Csv => csv::write(card, true),
        Format::CsvRaw => csv::write(card, false),
        #[cfg(feature = "json")]
        Format::Json => card.to_json(),
        #[cfg(feature = "xlsx")]
        Format::Xlsx => Err(Reason::NeedsSet { format: "xlsx" }.into()),
        #[cfg(feature = "svg")]
        Format::Svg => Err(Reason::NeedsSet { format: "svg" }.into()),
    }
}

/// Writes `card`, scored against `set`, in any `format`: the bytes of a file. Text formats
/// are UTF-8, as [`render`] writes them; [`Format::Xlsx`] is a workbook ([`xlsx::scorecard`]),
/// [`Format::Svg`] a picture ([`svg::scorecard`]).
///
/// ```
/// use cchc::{CriteriaSet, Lang, Observations, Scorecard};
/// use cchc::report::{Format, write};
/// let set = CriteriaSet::reference();
/// let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
/// let card = Scorecard::score(&set, &obs)?;
/// let csv = write(&set, &card, Format::Csv, Lang::Vi)?;
/// assert!(csv.starts_with(b"id,field,parent,"));
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// # Errors
/// [`ErrorKind::NotComparable`](crate::ErrorKind::NotComparable) when `card` was not scored
/// against `set` (checked for every format, so that a file never pairs a scorecard with
/// another set's name); [`ErrorKind::Write`](crate::ErrorKind::Write) if a writer fails.
pub fn write(set: &CriteriaSet, card: &Scorecard, format: Format, lang: Lang) -> Result<Vec<u8>> {
    check_set(set, card)?;
    match format {
        #[cfg(feature = "xlsx")]
        Format::Xlsx => xlsx::scorecard(set, card, lang),
        #[cfg(feature = "svg")]
        Format::Svg => svg::scorecard(set, card, lang).map(String::into_bytes),
        text => render(card, text, lang).map(String::into_bytes),
    }
}

/// Refuses a scorecard that was not scored against `set`: the workbook and the picture read
/// targets and rules from the set, and every format names the set.
fn check_set(set: &CriteriaSet, card: &Scorecard) -> Result<()> {
    let same = set.name() == card.criteria_set
        && set.leaves().count() == card.criteria.iter().filter(|c| c.working.is_some()).count()
        && set
            .leaves()
            .all(|l| card.criterion(l.criterion.id().as_str()).is_some());
    if same {
        Ok(())
    } else {
        Err(Reason::WrongSet {
            card: card.criteria_set.clone(),
            set: set.name().to_owned(),
        }
        .into())
    }
}

/// A tiny scorecard for the writers' tests: one field, three criteria of a two-band set.
#[cfg(all(test, feature = "toml"))]
fn tiny(appraise: bool) -> Scorecard {
    use crate::criteria::CriteriaSet;
    use crate::observations::Observations;
    use crate::rate::Observed;

    let set = CriteriaSet::from_toml(
        r#"
name = "Tiny set"
[[bands]]
label_vi = "Đạt"
label_en = "Pass"
from = "50"
to = "100"
[[bands]]
label_vi = "Chưa đạt"
label_en = "Fail"
from = "0"
to = "50"
[[fields]]
id = "II"
label_vi = "Cải cách thủ tục hành chính"
label_en = "Procedure reform"
[[fields.criteria]]
id = "II.4"
label_vi = "Tỷ lệ số hóa kết quả giải quyết TTHC còn hiệu lực (35%)"
label_en = "Results digitised (35%)"
max_points = "5"
measure_vi = "kết quả được số hóa"
measure_en = "results digitised"
rule = { kind = "prop", percent = "35" }
[[fields.criteria]]
id = "II.9"
label_vi = "Bộ phận một cửa"
label_en = "One-stop desk"
max_points = "2"
rule = { kind = "assessor" }
[[fields.criteria]]
id = "II.12"
label_vi = "Phản ánh, kiến nghị được xử lý"
label_en = "Petitions settled"
max_points = "3"
rule = { kind = "all", percent = "100" }
"#,
    )
    .unwrap();
    let mut text = String::from(
        r#"
ward = "Phường A | B"
year = 2023
[observations."II.4"]
numerator = 90
denominator = 300
evidence = "Báo cáo số 12/BC-UBND, \"số hóa\""
[observations."II.9"]
points = "1.5"
"#,
    );
    if appraise {
        text.push_str("[appraisals.\"II.9\"]\npoints = \"1\"\nreason = \"Thiếu biên bản\"\n");
    }
    let obs = Observations::from_toml(&text, &set).unwrap();
    assert_eq!(obs.value("II.12"), &Observed::Missing);
    Scorecard::score(&set, &obs).unwrap()
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn format_names_round_trip() {
        for &format in Format::ALL {
            assert_eq!(format.name().parse::<Format>().unwrap(), format);
            assert_eq!(format.to_string(), format.name());
        }
        assert_eq!(" Markdown ".parse::<Format>().unwrap(), Format::Markdown);
        assert_eq!("md".parse::<Format>().unwrap(), Format::Markdown);
        let err = "".parse::<Format>().unwrap_err();
        #[cfg(all(feature = "xlsx", feature = "svg"))]
        assert_eq!(
            err.to_string(),
            "unknown report format \"\" (allowed: table, markdown, csv, csv-raw, json, xlsx, svg)"
        );
        assert!(err.to_string().starts_with(
            "unknown report format \"\" (allowed: table, markdown, csv, csv-raw, json"
        ));
        assert_eq!("CSV-RAW".parse::<Format>().unwrap(), Format::CsvRaw);
        assert_eq!(err.kind(), crate::ErrorKind::UnknownId);
    }

    #[test]
    fn titles_name_the_period_scored() {
        // A year's card says "NĂM 2023"; a month's says the month, in both languages and in
        // every format that has a title.
        let mut card = tiny(false);
        let first = |card: &Scorecard, format, lang| {
            render(card, format, lang)
                .unwrap()
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap()
                .to_owned()
        };
        assert!(first(&card, Format::Table, Lang::Vi).ends_with("HÀNH CHÍNH NĂM 2023"));
        card.summary.period = Some(crate::observations::Period::month(2023, 7).unwrap());
        assert!(first(&card, Format::Table, Lang::Vi).ends_with("HÀNH CHÍNH THÁNG 07/2023"));
        assert!(first(&card, Format::Table, Lang::En).ends_with("INDEX, July 2023"));
        assert!(first(&card, Format::Markdown, Lang::Vi).ends_with("THÁNG 07/2023"));
        card.summary.period = Some(crate::observations::Period::quarter(2023, 4).unwrap());
        assert!(first(&card, Format::Table, Lang::Vi).ends_with("QUÝ IV/2023"));
    }

    #[test]
    fn tiny_scorecard_is_what_the_writers_expect() {
        // II.4: 5 × (90/300)/35% = 4.2857… → 4.29; II.9: 1.5; II.12 missing: 0.
        // Total 5.79 of 10 → index 57.90 → Đạt; appraised: 4.29 + 1 = 5.29 → 52.90.
        let card = tiny(true);
        assert_eq!(card.summary.total_points, dec!(5.79));
        assert_eq!(card.summary.index, Some(dec!(57.90)));
        assert_eq!(card.summary.appraised_total_points, dec!(5.29));
        assert_eq!(card.summary.appraised_index, Some(dec!(52.90)));
        assert_eq!(card.missing, vec![crate::Id::new("II.12").unwrap()]);
    }

    #[test]
    fn json_is_the_scorecard_json() {
        let card = tiny(false);
        assert_eq!(
            render(&card, Format::Json, Lang::Vi).unwrap(),
            card.to_json().unwrap()
        );
    }
}
