//! The plan itself: a ward's CCHC plan for a year, row by row, each row with its target. The
//! public documentation lives on [`Plan`] and [`PlanItem`].

mod raw;

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use crate::attainment::{Attainment, Evidence};
use crate::counts::Observed;
use crate::error::{Error, Result};
use crate::field::Field;
use crate::rounding::Rounding;
use crate::target::Target;

use raw::{RawItem, RawPlan};

/// The built-in plan's source text.
const SONG_CAU_2023_TOML: &str = include_str!("song_cau_2023.toml");

/// The built-in plan, parsed once.
static SONG_CAU_2023: LazyLock<Plan> = LazyLock::new(|| {
    // Invariant: the compiled-in file is valid (the unit test `built_in_plan_parses` reads it
    // on every `cargo test`), so this cannot fail at run time.
    Plan::from_toml(SONG_CAU_2023_TOML).expect("the built-in plan song_cau_2023.toml is valid")
});

/// One goal or activity of the plan's appendix, with its target.
///
/// Texts are quoted or condensed from the plan; `None` where the appendix leaves the cell
/// empty. Serialises as the item tables of a plan file (`field` as its numeral, `target` as a
/// [`TargetSpec`](crate::TargetSpec)); reading one checks the id against the field and row
/// number and the target against its kind, naming the item in any error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawItem")]
pub struct PlanItem {
    /// `II.4`, `II.8b`, `VII.29`: field numeral, row number, optional letter.
    pub id: String,
    /// The appendix's row number (TT).
    pub tt: u32,
    /// The field the row belongs to.
    pub field: Field,
    /// The goal or activity in the plan's words (mục tiêu / nhiệm vụ / hoạt động).
    pub label_vi: String,
    /// The goal or activity in English.
    pub label_en: String,
    /// The lead body (cơ quan chủ trì).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// The coordinating body (cơ quan phối hợp).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinating: Option<String>,
    /// When, in the plan's own wording (thời gian thực hiện): "Ban hành kế hoạch trước
    /// 30/01/2023", "Quý IV/2023", "Thường xuyên".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<String>,
    /// The expected output (kết quả / sản phẩm).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// What is measured, in Vietnamese: numerator ÷ denominator for a rate.
    pub measure_vi: String,
    /// What is measured, in English: numerator ÷ denominator for a rate.
    pub measure_en: String,
    /// What the item must reach.
    pub target: Target,
}

impl PlanItem {
    /// Where `observed` stands against this item's target.
    ///
    /// # Errors
    /// As [`Target::attain`], wrapped with this item's id.
    pub fn attain(&self, observed: &Observed<Evidence>, rounding: &Rounding) -> Result<Attainment> {
        self.target
            .attain(observed, rounding)
            .map_err(|err| err.at(&self.id))
    }

    /// Checks the id's form and that it names this item's field and row number.
    fn check_id(&self) -> Result<()> {
        check_id(&self.id, self.field, self.tt).map_err(|err| err.at(&self.id))
    }
}

/// Checks that `id` is of the form `FIELD.TT[letter]` and agrees with `field` and `tt`.
fn check_id(id: &str, field: Field, tt: u32) -> Result<()> {
    let (id_field, id_tt) = parse_id(id)?;
    if id_field != field {
        return Err(Error::IdMismatch {
            id: id.to_owned(),
            what: "field",
            expected: field.numeral().to_owned(),
        });
    }
    if id_tt != tt {
        return Err(Error::IdMismatch {
            id: id.to_owned(),
            what: "row number",
            expected: tt.to_string(),
        });
    }
    Ok(())
}

/// The field and row number of an id `FIELD.TT[letter]`: a numeral I–VII, a dot, a row
/// number without leading zeros (1–9999), at most one lowercase ASCII letter.
fn parse_id(id: &str) -> Result<(Field, u32)> {
    let malformed = || Error::MalformedId { id: id.to_owned() };
    let (numeral, rest) = id.split_once('.').ok_or_else(malformed)?;
    let field = Field::from_numeral(numeral).map_err(|_| malformed())?;
    let digits = rest
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(rest);
    if digits.is_empty()
        || digits.len() > 4
        || digits.starts_with('0')
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(malformed());
    }
    let tt = digits.parse().map_err(|_| malformed())?;
    Ok((field, tt))
}

/// A ward's CCHC plan for a year, row by row, each row with its target.
///
/// A [`Plan`] is the appendix ("Phụ lục") of a ward's plan as data: every goal or activity is a
/// [`PlanItem`] with its field, its labels in Vietnamese and English, the lead body (cơ quan
/// chủ trì), the coordinating body (cơ quan phối hợp), the plan's own timeline wording (thời
/// gian thực hiện), the expected output (kết quả/sản phẩm), what is measured, and a
/// [`Target`].
///
/// ## Item ids
///
/// An id is the field's numeral, a dot, the appendix's row number (TT) and, where a row holds
/// several goals or activities, a lowercase letter: `II.4`, `II.8b`, `VII.29`. The numeral must
/// be the item's field and the number its row; ids are unique within a plan.
///
/// ## The built-in plan
///
/// [`Plan::song_cau_2023`] is the 2023 plan of phường Sông Cầu (thành phố Bắc Kạn), compiled in
/// from `src/plan/song_cau_2023.toml`. It holds every row of the appendix (TT 1–9 and 12–30;
/// the appendix has no rows 10 and 11, and row 27 is the unnumbered block under VII) under the
/// ids of the reference criteria set, plus two items the reference set does not score:
/// `II.5c` (issue the review plan, within 15 days of the province's — a deadline relative to a
/// date the plan does not give, so a `done` target) and `VII.26d` (direction in meetings,
/// "Thường xuyên").
///
/// ## Files
///
/// [`Plan::from_toml`] and [`Plan::from_json`] read the same shape; [`Plan::to_toml`] and
/// [`Plan::to_json`] write it back, and reading what was written gives the same plan. Unknown
/// keys are refused, never ignored, and every error about an item names it ([`Error::item`]).
/// `lead`, `coordinating`, `timeline` and `output` may be left out; the target is a
/// [`TargetSpec`](crate::TargetSpec). Dates are TOML local dates or `"YYYY-MM-DD"` strings.
///
/// ```toml
/// ward = "Phường Sông Cầu"
/// year = 2023
/// title = "Kế hoạch thực hiện công tác cải cách hành chính năm 2023"
///
/// [[items]]
/// id = "I.2a"
/// tt = 2
/// field = "I"
/// label_vi = "Ban hành Kế hoạch Theo dõi tình hình thi hành pháp luật trên địa bàn phường năm 2023"
/// label_en = "Issue the 2023 plan to monitor law enforcement in the ward"
/// lead = "Công chức Tư pháp – Hộ tịch"
/// coordinating = "Các CBCC"
/// timeline = "Ban hành kế hoạch trước 30/01/2023"
/// output = "Kế hoạch UBND"
/// measure_vi = "Ngày ban hành Kế hoạch theo dõi tình hình thi hành pháp luật"
/// measure_en = "Date the monitoring plan is issued"
/// target = { kind = "deadline", date = 2023-01-30, wording = "before" }
/// ```
///
/// ```
/// use cchc::{Counts, Evidence, Field, Observed, Plan, Rounding, Status};
///
/// let plan = Plan::song_cau_2023();
/// let item = plan.item("II.4").expect("row 4 is in the plan");
/// assert_eq!(item.field, Field::Procedures);
/// assert_eq!(item.target.to_string(), "≥ 35%");
///
/// let seen = Observed::Reported(Evidence::Counts(Counts::new(105, 300)?));
/// let result = plan.attain("II.4", &seen, &Rounding::default())?;
/// assert_eq!(result.status, Status::Met);
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// ## Invariant
///
/// Every item's id is well formed, agrees with its field and row number, and is unique; the
/// constructors refuse anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawPlan<RawItem>")]
pub struct Plan {
    ward: String,
    year: i32,
    title: String,
    items: Vec<PlanItem>,
}

impl Plan {
    /// A plan of `items`, checking every id.
    ///
    /// ```
    /// use cchc::{Field, Plan, PlanItem, Target};
    /// let item = PlanItem {
    ///     id: "V.18".into(),
    ///     tt: 18,
    ///     field: Field::PublicFinance,
    ///     label_vi: "Sử dụng kinh phí ngân sách nhà nước đúng quy định".into(),
    ///     label_en: "Use budget funds lawfully".into(),
    ///     lead: None,
    ///     coordinating: None,
    ///     timeline: None,
    ///     output: None,
    ///     measure_vi: "Kiểm tra, chấn chỉnh".into(),
    ///     measure_en: "Checks and corrections".into(),
    ///     target: Target::Done,
    /// };
    /// let plan = Plan::new("Phường Sông Cầu", 2023, "Kế hoạch CCHC năm 2023", vec![item.clone()])?;
    /// assert_eq!(plan.items().len(), 1);
    ///
    /// let wrong = PlanItem { field: Field::Direction, ..item };
    /// let err = Plan::new("Phường Sông Cầu", 2023, "Kế hoạch", vec![wrong]).unwrap_err();
    /// assert_eq!(err.to_string(), "V.18: id \"V.18\" does not match the item's field VII");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// Wrapped with the item's id ([`Error::At`]): [`Error::MalformedId`],
    /// [`Error::IdMismatch`] (numeral ≠ field, number ≠ row), [`Error::DuplicateId`].
    pub fn new(
        ward: impl Into<String>,
        year: i32,
        title: impl Into<String>,
        items: Vec<PlanItem>,
    ) -> Result<Self> {
        let mut seen = HashSet::with_capacity(items.len());
        for item in &items {
            item.check_id()?;
            check_unique(&mut seen, &item.id)?;
        }
        Ok(Self {
            ward: ward.into(),
            year,
            title: title.into(),
            items,
        })
    }

    /// The 2023 CCHC plan of phường Sông Cầu, thành phố Bắc Kạn (see
    /// [the built-in plan](Plan#the-built-in-plan)).
    ///
    /// The plan is compiled in from `src/plan/song_cau_2023.toml` and parsed on first use.
    /// That file is valid by construction — a unit test parses it on every `cargo test` — so
    /// this function does not fail.
    ///
    /// ```
    /// let plan = cchc::Plan::song_cau_2023();
    /// assert_eq!(plan.ward(), "Phường Sông Cầu");
    /// assert_eq!(plan.year(), 2023);
    /// assert!(plan.item("VII.29").is_some());
    /// ```
    #[must_use]
    pub fn song_cau_2023() -> Self {
        SONG_CAU_2023.clone()
    }

    /// The ward (or commune) whose plan this is: "Phường Sông Cầu".
    #[must_use]
    pub fn ward(&self) -> &str {
        &self.ward
    }

    /// The year the plan covers.
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// The plan's title.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Every item, in the appendix's order.
    #[must_use]
    pub fn items(&self) -> &[PlanItem] {
        &self.items
    }

    /// The item with id `id` (exactly: `II.8b`), if any.
    #[must_use]
    pub fn item(&self, id: &str) -> Option<&PlanItem> {
        self.items.iter().find(|item| item.id == id)
    }

    /// The items of one field, in order.
    ///
    /// ```
    /// use cchc::{Field, Plan};
    /// let plan = Plan::song_cau_2023();
    /// let ids: Vec<_> = plan.by_field(Field::Institutions).map(|i| i.id.as_str()).collect();
    /// assert_eq!(ids, ["I.1a", "I.1b", "I.2a", "I.2b"]);
    /// ```
    pub fn by_field(&self, field: Field) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(move |item| item.field == field)
    }

    /// Where `observed` stands against the target of the item `id`.
    ///
    /// # Errors
    /// [`Error::UnknownId`] when the plan has no item `id`; otherwise as [`Target::attain`],
    /// wrapped with the item's id.
    pub fn attain(
        &self,
        id: &str,
        observed: &Observed<Evidence>,
        rounding: &Rounding,
    ) -> Result<Attainment> {
        self.item(id)
            .ok_or_else(|| Error::UnknownId {
                what: "plan item",
                id: id.to_owned(),
            })?
            .attain(observed, rounding)
    }

    /// Reads a plan from TOML.
    ///
    /// # Errors
    /// [`Error::Parse`] for text that is not TOML or not a plan (unknown or missing keys, wrong
    /// types), named by the item when the fault is in one; for each item, the errors of
    /// [`Plan::new`] and those of its target ([`Error::PercentOutOfRange`],
    /// [`Error::WindowEndsBeforeStart`], [`Error::MinCountOnNonCount`], …), named by the item.
    pub fn from_toml(text: &str) -> Result<Self> {
        raw::from_toml(text)
    }

    /// Reads a plan from JSON (the same shape as TOML; dates as `"YYYY-MM-DD"` strings).
    ///
    /// # Errors
    /// As [`Plan::from_toml`].
    pub fn from_json(text: &str) -> Result<Self> {
        raw::from_json(text)
    }

    /// Writes the plan as TOML; [`Plan::from_toml`] reads it back unchanged.
    ///
    /// # Errors
    /// [`Error::Write`] if the TOML writer refuses (not expected for a valid plan).
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|err| Error::Write {
            format: "TOML",
            message: err.to_string(),
        })
    }

    /// Writes the plan as pretty-printed JSON; [`Plan::from_json`] reads it back unchanged.
    ///
    /// # Errors
    /// [`Error::Write`] if the JSON writer refuses (not expected for a valid plan).
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|err| Error::Write {
            format: "JSON",
            message: err.to_string(),
        })
    }
}

/// Records `id` as seen, refusing it if it was seen before.
fn check_unique(seen: &mut HashSet<String>, id: &str) -> Result<()> {
    if seen.insert(id.to_owned()) {
        Ok(())
    } else {
        Err(Error::DuplicateId {
            what: "plan item",
            id: id.to_owned(),
        }
        .at(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_plan_parses() {
        // The invariant behind `Plan::song_cau_2023`: the compiled-in file is valid.
        let plan = Plan::from_toml(SONG_CAU_2023_TOML).unwrap();
        assert_eq!(plan, Plan::song_cau_2023());
        assert_eq!(plan.ward(), "Phường Sông Cầu");
        assert_eq!(plan.year(), 2023);
        assert_eq!(plan.items().len(), 43);
    }

    #[test]
    fn built_in_plan_covers_every_row_and_field() {
        let plan = Plan::song_cau_2023();
        let rows: std::collections::BTreeSet<u32> = plan.items().iter().map(|i| i.tt).collect();
        let expected: std::collections::BTreeSet<u32> = (1..=9).chain(12..=30).collect();
        assert_eq!(rows, expected);
        for field in Field::ALL {
            assert!(plan.by_field(field).next().is_some(), "{field}");
        }
    }

    #[test]
    fn ids_parse() {
        assert_eq!(parse_id("II.4").unwrap(), (Field::Procedures, 4));
        assert_eq!(parse_id("II.8b").unwrap(), (Field::Procedures, 8));
        assert_eq!(parse_id("VII.29").unwrap(), (Field::Direction, 29));
        for bad in [
            "", "II", "II.", "II.b", "II.04", "II.0", "II.4B", "II.4bc", "ii.4", "VIII.1", "II.4 ",
            " II.4", "II-4", "II.12345", "II.+4", "II.4.1", "II..4",
        ] {
            assert!(
                matches!(parse_id(bad), Err(Error::MalformedId { .. })),
                "{bad:?} should be malformed"
            );
        }
    }

    #[test]
    fn id_must_agree_with_field_and_row() {
        assert!(check_id("II.4", Field::Procedures, 4).is_ok());
        let err = check_id("II.4", Field::Procedures, 5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "id \"II.4\" does not match the item's row number 5"
        );
        assert!(matches!(
            check_id("II.4", Field::DigitalGovernment, 4),
            Err(Error::IdMismatch { what: "field", .. })
        ));
    }

    #[test]
    fn unknown_id_is_named() {
        let plan = Plan::song_cau_2023();
        let err = plan
            .attain("II.10", &Observed::Missing, &Rounding::default())
            .unwrap_err();
        assert_eq!(err.to_string(), "unknown plan item id \"II.10\"");
    }

    #[test]
    fn evaluation_errors_name_the_item() {
        let plan = Plan::song_cau_2023();
        let err = plan
            .attain(
                "II.4",
                &Observed::Reported(Evidence::Done(true)),
                &Rounding::default(),
            )
            .unwrap_err();
        assert_eq!(err.item(), Some("II.4"));
        assert!(matches!(err.kind(), Error::EvidenceMismatch { .. }));
    }

    #[test]
    fn new_refuses_duplicates() {
        let plan = Plan::song_cau_2023();
        let mut items = plan.items().to_vec();
        items.push(items[0].clone());
        let err = Plan::new("x", 2023, "y", items).unwrap_err();
        assert_eq!(err.to_string(), "I.1a: duplicate plan item id \"I.1a\"");
    }
}
