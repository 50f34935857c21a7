//! Criteria sets (bộ tiêu chí) as data: fields → criteria (→ sub-criteria), each with a
//! maximum, a [`ScoringRule`] and the plan item it measures, plus the rating bands of the index.
//!
//! A province issues its own set; `cchc` ships a reference set derived from the 2023 plan of
//! phường Sông Cầu ([`CriteriaSet::reference`]) and reads any other from TOML or JSON. Every set
//! is checked when it is made, and *every* problem found is reported, each named by its id
//! ([`Error::problems`](crate::Error::problems)).
//!
//! [`guide`] writes a province's set step by step; [`presets`] are the sets shipped with the
//! crate (the reference set, the QĐ 766 service index).
//!
//! ## The file
//!
//! ```toml
//! name = "Bộ tiêu chí …"
//! year = 2023                        # optional: observations must be of this year
//! level = "commune"                  # optional: criteria for other levels only are không phát sinh
//! source = "QĐ …/QĐ-UBND"            # optional: where the set comes from
//! assumption_vi = "…"                 # optional, with assumption_en: what the set assumes as
//! assumption_en = "…"                 #   a whole, noted on every scorecard
//! not_applicable = "full_points"     # or "leave_out", "zero": what không phát sinh scores
//!
//! [rounding]
//! decimals = 2
//! mode = "half_away_from_zero"       # or "half_even", "toward_zero", "away_from_zero"
//!
//! [[bands]]                          # optional: a set may have no bands
//! label_vi = "Tốt"
//! label_en = "Good"
//! from = "80"                        # included
//! to = "90"                          # excluded, unless it is 100
//!
//! [bonus]                            # optional: bonus points (điểm thưởng) and their cap
//! label_vi = "Điểm thưởng"
//! label_en = "Bonus points"
//! max_points = "2"
//! # [penalty] likewise: penalty points (điểm trừ)
//!
//! [[fields]]
//! id = "II"
//! label_vi = "Cải cách thủ tục hành chính"
//! label_en = "Administrative procedures"
//! # survey = true                    # the field's points come from a sociological survey
//!
//! [[fields.criteria]]
//! id = "II.4"
//! label_vi = "Tỷ lệ số hóa kết quả giải quyết TTHC còn hiệu lực"
//! label_en = "Still-valid procedure results digitised"
//! max_points = "5"
//! plan_item = "II.4"                 # optional
//! measure_vi = "kết quả được số hóa" # optional: what the numerator counts
//! measure_en = "results digitised"
//! denominator_vi = "kết quả còn hiệu lực"   # optional: what the denominator counts
//! denominator_en = "still-valid results"
//! levels = ["commune"]               # optional: where it applies (every level when absent):
//!                                    #   ministry, province, district, commune
//! source = "Kế hoạch CCHC 2023"      # optional: where its figures come from
//! verified = true                    # optional: whether a source confirms them
//! assumption_vi = "…"                # optional: an assumption, shown with the method
//! assumption_en = "…"
//! aggregate = "sum"                  # optional: how months add up — "sum" (records, the
//!                                    #   default), "latest" (stocks), "period" (given for the
//!                                    #   period: counts of distinct things)
//! rule = { kind = "prop", percent = "35" }
//! ```
//!
//! Texts come in both languages or not at all (`measure_vi` with `measure_en`, …).
//!
//! Decimals are written as strings (`"1.5"`) or whole numbers, never as floats, whose digits
//! may not be the ones written. A criterion has either a `rule` or `children` (sub-criteria
//! whose maxima add up to its own). The rule kinds:
//!
//! | kind | keys | points |
//! |---|---|---|
//! | `all` | `percent`, `comparison`?, `min_count`? | max when the exact rate meets the target (and the count), else 0 |
//! | `rate` | — | max × rate |
//! | `prop` | `percent` | max × min(1, rate ÷ target) |
//! | `rate_steps` | `steps = [{ at_least, points }]`, highest first | the highest step reached |
//! | `count_steps` | `steps = [{ at_least, points }]`, highest first | the highest step reached |
//! | `categories` | `options = [{ key, label_vi, label_en, share }]` | share × max of the option observed |
//! | `deadline` | `date`, `wording` (`before`/`by`), `late_share`, `late_until` | on time: max; late up to `late_until`: share × max; else 0 |
//! | `window` | `start`, `end`, `outside_share`, `outside_start`, `outside_end` | inside: max; elsewhere in the outer period: share × max; else 0 |
//! | `frequency` | `every_months`, `start`, `end` | max × periods covered ÷ periods |
//! | `done` | — | max or 0 |
//! | `assessor` | — | the points given, 0 to max |

mod bounds;
mod builder;
mod derived;
#[cfg(feature = "toml")]
pub mod guide;
mod model;
#[cfg(feature = "toml")]
pub mod presets;
mod spec;
mod validate;

use std::sync::Arc;

use rust_decimal::Decimal;

pub use builder::CriteriaSetBuilder;
use derived::Stamp;
pub(crate) use derived::{Derived, SetStamp};
pub use model::{Adjustment, Aggregation, Band, CriteriaField, Criterion, NotApplicablePolicy};
pub(crate) use spec::SetSpec;

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::Rounding;
use crate::rule::ScoringRule;
use crate::text::Text;

/// A checked criteria set. Cloning one is cheap; finding a criterion by id takes constant
/// time.
///
/// ```
/// use cchc::CriteriaSet;
/// use rust_decimal_macros::dec;
/// let set = CriteriaSet::reference();
/// assert_eq!(set.max_points(), dec!(100));
/// assert_eq!(set.criterion("II.4").map(|c| c.max_points()), Some(dec!(5)));
/// assert_eq!(set.band_for(dec!(87.5)).map(|b| b.label().vi()), Some("Tốt"));
/// ```
#[derive(Clone)]
pub struct CriteriaSet {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for CriteriaSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.inner.fmt(f)
    }
}

#[derive(Default, Clone, PartialEq, Eq)]
struct Inner {
    name: String,
    year: Option<i32>,
    level: Option<Id>,
    source: Option<String>,
    assumption: Option<Text>,
    bonus: Option<Adjustment>,
    penalty: Option<Adjustment>,
    rounding: Rounding,
    not_applicable: NotApplicablePolicy,
    bands: Vec<Band>,
    fields: Vec<CriteriaField>,
    /// Every criterion's place: its field, then its index at each depth.
    index: crate::id::IdMap<Vec<usize>>,
    /// Which set this is, for observations checked against it.
    stamp: Stamp,
    /// The scored criteria (those with a rule), depth first, in order.
    leaves: Vec<Vec<usize>>,
    /// Texts derived from the set once, by the scorer: each criterion's scoring method.
    methods: Derived<crate::id::IdMap<Text>>,
}

/// What the set says, the same on every run: not its index (in the order of a hash) nor what
/// the crate derives from it.
impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CriteriaSet")
            .field("name", &self.name)
            .field("year", &self.year)
            .field("level", &self.level)
            .field("source", &self.source)
            .field("assumption", &self.assumption)
            .field("bonus", &self.bonus)
            .field("penalty", &self.penalty)
            .field("rounding", &self.rounding)
            .field("not_applicable", &self.not_applicable)
            .field("bands", &self.bands)
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}

impl PartialEq for CriteriaSet {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner) || self.inner == other.inner
    }
}

impl Eq for CriteriaSet {}

/// The parts a set is made of, before it is checked.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    pub(crate) name: String,
    pub(crate) year: Option<i32>,
    pub(crate) level: Option<Id>,
    pub(crate) source: Option<String>,
    pub(crate) assumption: Option<Text>,
    pub(crate) bonus: Option<Adjustment>,
    pub(crate) penalty: Option<Adjustment>,
    pub(crate) rounding: Rounding,
    pub(crate) not_applicable: NotApplicablePolicy,
    pub(crate) bands: Vec<Band>,
    pub(crate) fields: Vec<CriteriaField>,
}

/// A leaf criterion (one with a rule) with the field it belongs to.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Leaf<'a> {
    /// The field.
    pub field: &'a CriteriaField,
    /// The criterion.
    pub criterion: &'a Criterion,
    /// The criterion's rule.
    pub rule: &'a ScoringRule,
    /// Its parent criterion, for a sub-criterion.
    pub parent: Option<&'a Criterion>,
}

/// The path of every criterion under `criteria`, by id, and of every leaf, in order.
fn walk(
    criteria: &[Criterion],
    path: &mut Vec<usize>,
    index: &mut crate::id::IdMap<Vec<usize>>,
    leaves: &mut Vec<Vec<usize>>,
) {
    for (i, criterion) in criteria.iter().enumerate() {
        path.push(i);
        index.insert(criterion.id().clone(), path.clone());
        if criterion.rule().is_some() {
            leaves.push(path.clone());
        }
        walk(criterion.children(), path, index, leaves);
        path.pop();
    }
}

impl CriteriaSet {
    /// Starts a set named `name`, to build in code.
    pub fn builder(name: impl Into<String>) -> CriteriaSetBuilder {
        CriteriaSetBuilder {
            parts: Parts {
                name: name.into(),
                year: None,
                level: None,
                source: None,
                assumption: None,
                bonus: None,
                penalty: None,
                rounding: Rounding::default(),
                not_applicable: NotApplicablePolicy::default(),
                bands: Vec::new(),
                fields: Vec::new(),
            },
        }
    }

    pub(crate) fn from_parts(parts: Parts) -> Result<Self> {
        let problems = validate::problems(&parts);
        if !problems.is_empty() {
            return Err(Error::invalid_set(problems));
        }
        let mut index = crate::id::IdMap::default();
        let mut leaves = Vec::new();
        for (f, field) in parts.fields.iter().enumerate() {
            walk(field.criteria(), &mut vec![f], &mut index, &mut leaves);
        }
        Ok(Self {
            inner: Arc::new(Inner {
                name: parts.name,
                year: parts.year,
                level: parts.level,
                source: parts.source,
                assumption: parts.assumption,
                bonus: parts.bonus,
                penalty: parts.penalty,
                rounding: parts.rounding,
                not_applicable: parts.not_applicable,
                bands: parts.bands,
                fields: parts.fields,
                index,
                leaves,
                stamp: Stamp::default(),
                methods: Derived::default(),
            }),
        })
    }

    /// Reads and checks a set written in TOML.
    ///
    /// ```
    /// use cchc::{CriteriaSet, ErrorKind};
    /// let set = CriteriaSet::from_toml(CriteriaSet::reference_toml())?;
    /// assert_eq!(set, CriteriaSet::reference());
    /// let broken = CriteriaSet::reference_toml().replace("percent = \"35\"", "percent = \"135\"");
    /// let err = CriteriaSet::from_toml(&broken).unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidSet);
    /// assert_eq!(err.problems()[0].to_string(), "II.4: percentage 135 is outside 0 to 100");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed TOML,
    /// [`ErrorKind::UnknownKey`](crate::ErrorKind::UnknownKey) or
    /// [`ErrorKind::MissingKey`](crate::ErrorKind::MissingKey) for a key, with its line and
    /// column; [`ErrorKind::InvalidSet`](crate::ErrorKind::InvalidSet) with every problem found
    /// in the values, each named by its id and key.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Self> {
        let text = crate::limits::input(text)?;
        let spec: SetSpec = toml::from_str(text).map_err(|e| Error::toml(&e, text))?;
        spec.build()
    }

    /// Reads and checks a set written in JSON (the same shape; dates as `"YYYY-MM-DD"`).
    ///
    /// # Errors
    /// As [`CriteriaSet::from_toml`], for JSON.
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<Self> {
        let spec: SetSpec = Error::read_json(crate::limits::input(text)?)?;
        spec.build()
    }

    /// The set as TOML, which [`CriteriaSet::from_toml`] reads back unchanged.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a text beyond
    /// [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), which no reader takes;
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails.
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(&SetSpec::from(self))
            .map_err(|e| Error::write("TOML", &e))
            .and_then(crate::limits::output)
    }

    /// The set as pretty JSON, which [`CriteriaSet::from_json`] reads back unchanged.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a text beyond
    /// [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), which no reader takes;
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String> {
        crate::json::pretty(&SetSpec::from(self)).and_then(crate::limits::output)
    }

    /// Checks every `plan_item` of the set against `plan`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidSet`](crate::ErrorKind::InvalidSet), with each criterion whose plan
    /// item `plan` does not have.
    pub fn check_plan_items(&self, plan: &crate::plan::Plan) -> Result<()> {
        let mut problems = Vec::new();
        for path in self.inner.index.values() {
            if let Some(criterion) = self.at(path)
                && let Some(item) = criterion.plan_item()
                && plan.item(item.as_str()).is_none()
            {
                problems.push(
                    Error::from(Reason::UnknownId {
                        what: "plan item",
                        id: item.to_string(),
                    })
                    .with_key("plan_item")
                    .at(criterion.id().as_str()),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            problems.sort_by_key(ToString::to_string);
            Err(Error::invalid_set(problems))
        }
    }

    /// The reference set shipped with the crate (see [`presets::reference`]).
    #[cfg(feature = "toml")]
    #[must_use]
    pub fn reference() -> Self {
        presets::reference()
    }

    /// The reference set's source text (TOML), to start a province's own set from.
    #[cfg(feature = "toml")]
    #[must_use]
    pub const fn reference_toml() -> &'static str {
        presets::REFERENCE_TOML
    }

    /// A preset by name: `reference`, `qd766` (the QĐ 766 service index of a commune) or
    /// `qd766-province` (see [`presets`]).
    ///
    /// ```
    /// use cchc::CriteriaSet;
    /// let qd766 = CriteriaSet::preset("qd766")?;
    /// assert_eq!(qd766.fields().len(), 6);
    /// assert!(CriteriaSet::preset("qd767").is_err());
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) for another name, listing the
    /// presets.
    #[cfg(feature = "toml")]
    pub fn preset(name: &str) -> Result<Self> {
        presets::by_name(name)
    }

    /// The same set for another level (`province`, `commune`): criteria that apply at other
    /// levels only are *không phát sinh* there.
    #[must_use]
    pub fn at_level(&self, level: Id) -> Self {
        let mut inner = (*self.inner).clone();
        inner.level = Some(level);
        inner.stamp = Stamp::default();
        Self {
            inner: Arc::new(inner),
        }
    }

    /// The same set under another name and with another set-wide assumption (a preset's
    /// variant for another level).
    pub(crate) fn renamed(&self, name: &str, assumption: Option<Text>) -> Self {
        let mut inner = (*self.inner).clone();
        inner.name = name.to_owned();
        inner.stamp = Stamp::default();
        inner.assumption = assumption;
        Self {
            inner: Arc::new(inner),
        }
    }

    /// Which set this is (clones share it), for observations checked against it.
    pub(crate) fn stamp(&self) -> SetStamp {
        self.inner.stamp.0
    }

    /// Each criterion's scoring method, by id, made once by `make` (the scorer's).
    pub(crate) fn methods(
        &self,
        make: impl FnOnce(&Self) -> crate::id::IdMap<Text>,
    ) -> &crate::id::IdMap<Text> {
        self.inner.methods.get_or_init(|| make(self))
    }

    /// The set's name.
    #[must_use]
    pub fn name(&self) -> &str {
        &self.inner.name
    }

    /// The year the set is for, if it names one.
    #[must_use]
    pub fn year(&self) -> Option<i32> {
        self.inner.year
    }

    /// The level the set scores (`commune`, `province`), if it names one.
    #[must_use]
    pub fn level(&self) -> Option<&Id> {
        self.inner.level.as_ref()
    }

    /// Where the set comes from, if it says.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.inner.source.as_deref()
    }

    /// What the set assumes as a whole, if it says.
    #[must_use]
    pub fn assumption(&self) -> Option<&Text> {
        self.inner.assumption.as_ref()
    }

    /// The bonus points the set allows, if any.
    #[must_use]
    pub fn bonus(&self) -> Option<&Adjustment> {
        self.inner.bonus.as_ref()
    }

    /// The penalty points the set allows, if any.
    #[must_use]
    pub fn penalty(&self) -> Option<&Adjustment> {
        self.inner.penalty.as_ref()
    }

    /// Whether `criterion` applies at the set's level.
    #[must_use]
    pub fn in_scope(&self, criterion: &Criterion) -> bool {
        criterion.applies_at(self.inner.level.as_ref())
    }

    /// The points of the set's survey fields (0 when it has none).
    #[must_use]
    pub fn survey_points(&self) -> Decimal {
        self.inner
            .fields
            .iter()
            .filter(|f| f.is_survey())
            .map(CriteriaField::max_points)
            .sum()
    }

    /// The rounding policy.
    #[must_use]
    pub fn rounding(&self) -> &Rounding {
        &self.inner.rounding
    }

    /// The default policy for *không phát sinh*.
    #[must_use]
    pub fn not_applicable(&self) -> NotApplicablePolicy {
        self.inner.not_applicable
    }

    /// The policy for *không phát sinh* of `criterion`: its own, or the set's default.
    #[must_use]
    pub fn policy_of(&self, criterion: &Criterion) -> NotApplicablePolicy {
        criterion
            .not_applicable()
            .unwrap_or(self.inner.not_applicable)
    }

    /// The fields, in order.
    #[must_use]
    pub fn fields(&self) -> &[CriteriaField] {
        &self.inner.fields
    }

    /// The rating bands (possibly none).
    #[must_use]
    pub fn bands(&self) -> &[Band] {
        &self.inner.bands
    }

    /// The band `index` falls in.
    #[must_use]
    pub fn band_for(&self, index: Decimal) -> Option<&Band> {
        self.inner.bands.iter().find(|band| band.contains(index))
    }

    /// The set's maximum (before any "leave out" policy).
    #[must_use]
    pub fn max_points(&self) -> Decimal {
        self.inner
            .fields
            .iter()
            .map(CriteriaField::max_points)
            .sum()
    }

    fn at(&self, path: &[usize]) -> Option<&Criterion> {
        let (field, rest) = path.split_first()?;
        let (first, rest) = rest.split_first()?;
        let mut criterion = self.inner.fields.get(*field)?.criteria().get(*first)?;
        for i in rest {
            criterion = criterion.children().get(*i)?;
        }
        Some(criterion)
    }

    /// The criterion (at any depth) with this id.
    #[must_use]
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.inner.index.get(id).and_then(|path| self.at(path))
    }

    /// The leaf criterion with this id: its field, rule and parent.
    #[must_use]
    pub fn leaf(&self, id: &str) -> Option<Leaf<'_>> {
        self.inner.index.get(id).and_then(|path| self.leaf_at(path))
    }

    fn leaf_at(&self, path: &[usize]) -> Option<Leaf<'_>> {
        let criterion = self.at(path)?;
        let rule = criterion.rule()?;
        let field = self.inner.fields.get(*path.first()?)?;
        let parent = match path.len() {
            0..=2 => None,
            n => self.at(&path[..n - 1]),
        };
        Some(Leaf {
            field,
            criterion,
            rule,
            parent,
        })
    }

    /// The scored criteria (those with a rule), depth first, in order.
    pub fn leaves(&self) -> impl Iterator<Item = Leaf<'_>> {
        self.inner
            .leaves
            .iter()
            .filter_map(|path| self.leaf_at(path))
    }
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests;
