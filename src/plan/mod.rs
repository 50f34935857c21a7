//! The plan itself: a ward's CCHC plan for a year, row by row, each row with its target.
//!
//! A [`Plan`] is the appendix ("Phụ lục") of a ward's plan as data: every goal or activity is a
//! [`PlanItem`] with its [`Field`], its label in Vietnamese and English, the lead body (cơ quan
//! chủ trì), the coordinating body (cơ quan phối hợp), the plan's own timeline wording (thời
//! gian thực hiện), the expected output (kết quả/sản phẩm), what is measured, and a
//! [`Target`](crate::rule::Target).
//!
//! ## Item ids
//!
//! An id is the field's numeral, a dot, the appendix's row number (TT) and, where a row holds
//! several goals or activities, a lowercase letter: `II.4`, `II.8b`, `VII.29`. The numeral must
//! be the item's field and the number its row; ids are unique within a plan.
//!
//! ## The built-in plan
//!
//! [`Plan::song_cau_2023`] is the 2023 plan of phường Sông Cầu (thành phố Bắc Kạn), compiled in
//! from `src/plan/song_cau_2023.toml`. It holds every row of the appendix (TT 1–9 and 12–30;
//! the appendix has no rows 10 and 11, and row 27 is the unnumbered block under VII) under the
//! ids of the reference criteria set, plus two items the reference set does not score:
//! `II.5c` (issue the review plan, within 15 days of the province's — a deadline relative to a
//! date the plan does not give, so a `done` target) and `VII.26d` (direction in meetings,
//! "Thường xuyên").
//!
//! ## Files
//!
//! [`Plan::from_toml`] and [`Plan::from_json`] read the same shape; [`Plan::to_toml`] and
//! [`Plan::to_json`] write it back, and reading what was written gives the same plan. Unknown
//! keys are refused, never ignored, and every error about an item names it
//! ([`Error::item`](crate::Error::item)). `lead`, `coordinating`, `timeline` and `output` may be
//! left out; the target is written as the [`Target`](crate::rule::Target) docs show. Dates are
//! TOML local dates or `"YYYY-MM-DD"` strings.
//!
//! ```toml
//! ward = "Phường Sông Cầu"
//! year = 2023
//! title = "Kế hoạch thực hiện công tác cải cách hành chính năm 2023"
//!
//! [[items]]
//! id = "I.2a"
//! tt = 2
//! field = "I"
//! label_vi = "Ban hành Kế hoạch Theo dõi tình hình thi hành pháp luật trên địa bàn phường năm 2023"
//! label_en = "Issue the 2023 plan to monitor law enforcement in the ward"
//! lead = "Công chức Tư pháp – Hộ tịch"
//! coordinating = "Các CBCC"
//! timeline = "Ban hành kế hoạch trước 30/01/2023"
//! output = "Kế hoạch UBND"
//! measure_vi = "Ngày ban hành Kế hoạch theo dõi tình hình thi hành pháp luật"
//! measure_en = "Date the monitoring plan is issued"
//! target = { kind = "deadline", date = 2023-01-30, wording = "before" }
//! ```

mod field;
mod item;
mod raw;

use std::collections::HashMap;
use std::sync::Arc;

use chrono::NaiveDate;

pub use field::Field;
pub use item::PlanItem;
#[cfg(test)]
pub(crate) use raw::{RawItem, RawPlan};

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::{Observed, Rounding};
use crate::rule::{Attainment, Evidence};

/// A ward's CCHC plan for a year, row by row, each row with its target (see the
/// [module docs](self)).
///
/// ```
/// use cchc::{Counts, Evidence, Observed, Plan, Rounding, Status};
/// use cchc::plan::Field;
///
/// let plan = Plan::song_cau_2023();
/// let item = plan.item("II.4").expect("row 4 is in the plan");
/// assert_eq!(item.field(), Field::Procedures);
/// assert_eq!(item.target().to_string(), "≥ 35%");
///
/// let seen = Observed::Reported(Evidence::Counts(Counts::new(105, 300)?));
/// let result = plan.attain("II.4", &seen, &Rounding::default())?;
/// assert_eq!(result.status, Status::Met);
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// Every item's id is well formed, agrees with its field and row number, and is unique; the
/// constructors refuse anything else. Cloning a plan is cheap; finding an item by id takes
/// constant time.
#[derive(Debug, Clone)]
pub struct Plan {
    inner: Arc<Inner>,
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Inner {
    ward: String,
    year: i32,
    title: String,
    items: Vec<PlanItem>,
    index: HashMap<Id, usize>,
}

impl PartialEq for Plan {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner == other.inner
    }
}

impl Eq for Plan {}

impl Plan {
    /// A plan of `items`, checking that their ids are unique.
    ///
    /// # Errors
    /// [`ErrorKind::DuplicateId`](crate::ErrorKind::DuplicateId), named by the id, for an id
    /// given twice; [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a year
    /// outside 1900–2199; [`ErrorKind::Limit`](crate::ErrorKind::Limit) for more than
    /// [`MAX_PLAN_ITEMS`](crate::limits::MAX_PLAN_ITEMS) items or a text above
    /// [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES), named by its item and key.
    pub fn new(
        ward: impl Into<String>,
        year: i32,
        title: impl Into<String>,
        items: Vec<PlanItem>,
    ) -> Result<Self> {
        let (ward, title) = (ward.into(), title.into());
        if !(1900..=2199).contains(&year) {
            return Err(Error::from(Reason::NoSuchPeriod {
                what: "year",
                value: i64::from(year),
                allowed: "1900 to 2199",
            })
            .with_key("year"));
        }
        crate::limits::text("ward", &ward)?;
        crate::limits::text("title", &title)?;
        crate::limits::count("plan items", items.len(), crate::limits::MAX_PLAN_ITEMS)
            .map_err(|e| e.with_key("items"))?;
        let mut index = HashMap::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            item.check_texts().map_err(|e| e.at(item.id.as_str()))?;
            if index.insert(item.id.clone(), i).is_some() {
                return Err(Error::from(Reason::DuplicateId {
                    what: "plan item",
                    id: item.id.to_string(),
                })
                .at(item.id.as_str()));
            }
        }
        Ok(Self {
            inner: Arc::new(Inner {
                ward,
                year,
                title,
                items,
                index,
            }),
        })
    }

    /// The 2023 CCHC plan of phường Sông Cầu, thành phố Bắc Kạn (see
    /// [the built-in plan](self#the-built-in-plan)), read once from the compiled-in file.
    ///
    /// ```
    /// let plan = cchc::Plan::song_cau_2023();
    /// assert_eq!(plan.ward(), "Phường Sông Cầu");
    /// assert_eq!(plan.year(), 2023);
    /// assert!(plan.item("VII.29").is_some());
    /// ```
    #[cfg(feature = "toml")]
    #[must_use]
    pub fn song_cau_2023() -> Self {
        raw::song_cau_2023()
    }

    /// The ward (or commune) whose plan this is: "Phường Sông Cầu".
    #[must_use]
    pub fn ward(&self) -> &str {
        &self.inner.ward
    }

    /// The year the plan covers.
    #[must_use]
    pub fn year(&self) -> i32 {
        self.inner.year
    }

    /// The plan's title.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.inner.title
    }

    /// Every item, in the appendix's order.
    #[must_use]
    pub fn items(&self) -> &[PlanItem] {
        &self.inner.items
    }

    /// The item with id `id` (exactly: `II.8b`), if any.
    #[must_use]
    pub fn item(&self, id: &str) -> Option<&PlanItem> {
        self.inner
            .index
            .get(id)
            .and_then(|i| self.inner.items.get(*i))
    }

    /// The items of one field, in order.
    ///
    /// ```
    /// use cchc::Plan;
    /// use cchc::plan::Field;
    /// let plan = Plan::song_cau_2023();
    /// let ids: Vec<_> = plan.by_field(Field::Institutions).map(|i| i.id().as_str()).collect();
    /// assert_eq!(ids, ["I.1a", "I.1b", "I.2a", "I.2b"]);
    /// ```
    pub fn by_field(&self, field: Field) -> impl Iterator<Item = &PlanItem> {
        self.inner
            .items
            .iter()
            .filter(move |item| item.field == field)
    }

    fn find(&self, id: &str) -> Result<&PlanItem> {
        self.item(id).ok_or_else(|| {
            Error::from(Reason::UnknownId {
                what: "plan item",
                id: id.to_owned(),
            })
        })
    }

    /// Where `observed` stands against the target of the item `id`.
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) when the plan has no item `id`;
    /// otherwise as [`PlanItem::attain`].
    pub fn attain(
        &self,
        id: &str,
        observed: &Observed<Evidence>,
        rounding: &Rounding,
    ) -> Result<Attainment> {
        self.find(id)?.attain(observed, rounding)
    }

    /// Where `observed` stands against the target of the item `id` at the end of `as_of`.
    ///
    /// # Errors
    /// As [`Plan::attain`].
    pub fn attain_at(
        &self,
        id: &str,
        observed: &Observed<Evidence>,
        as_of: NaiveDate,
        rounding: &Rounding,
    ) -> Result<Attainment> {
        self.find(id)?.attain_at(observed, as_of, rounding)
    }

    /// Reads a plan from TOML.
    ///
    /// # Errors
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for text that is not TOML or not a plan
    /// (a wrong type), [`ErrorKind::UnknownKey`](crate::ErrorKind::UnknownKey) and
    /// [`ErrorKind::MissingKey`](crate::ErrorKind::MissingKey) for a key, named by the item when
    /// the fault is in one; for
    /// each item, the errors of [`PlanItem::new`] and those of its target, named by the item;
    /// as [`Plan::new`].
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Self> {
        raw::from_toml(crate::limits::input(text)?)
    }

    /// Reads a plan from JSON (the same shape as TOML; dates as `"YYYY-MM-DD"` strings).
    ///
    /// # Errors
    /// As [`Plan::from_toml`].
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<Self> {
        raw::from_json(crate::limits::input(text)?)
    }

    /// Writes the plan as TOML; [`Plan::from_toml`] reads it back unchanged.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a text beyond
    /// [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), which no reader takes;
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the TOML writer refuses (not expected
    /// for a valid plan).
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(&raw::RawPlan::from(self))
            .map_err(|err| Error::write("TOML", &err))
            .and_then(crate::limits::output)
    }

    /// Writes the plan as pretty-printed JSON; [`Plan::from_json`] reads it back unchanged.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a text beyond
    /// [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), which no reader takes;
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the JSON writer refuses (not expected
    /// for a valid plan).
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String> {
        crate::json::pretty(&raw::RawPlan::from(self)).and_then(crate::limits::output)
    }
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn built_in_plan_covers_every_row_and_field() {
        let plan = Plan::song_cau_2023();
        assert_eq!(plan.items().len(), 43);
        let rows: std::collections::BTreeSet<u32> = plan.items().iter().map(PlanItem::tt).collect();
        let expected: std::collections::BTreeSet<u32> = (1..=9).chain(12..=30).collect();
        assert_eq!(rows, expected);
        for field in Field::ALL {
            assert!(plan.by_field(field).next().is_some(), "{field}");
        }
    }

    #[test]
    fn unknown_id_is_named() {
        let plan = Plan::song_cau_2023();
        let err = plan
            .attain("II.10", &Observed::Missing, &Rounding::default())
            .unwrap_err();
        assert_eq!(err.to_string(), "unknown plan item id \"II.10\"");
        assert_eq!(err.kind(), ErrorKind::UnknownId);
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
        assert_eq!(err.kind(), ErrorKind::Mismatch);
    }

    #[test]
    fn new_refuses_duplicates() {
        let plan = Plan::song_cau_2023();
        let mut items = plan.items().to_vec();
        items.push(items[0].clone());
        let err = Plan::new("x", 2023, "y", items).unwrap_err();
        assert_eq!(err.to_string(), "I.1a: duplicate plan item id");
    }
}
