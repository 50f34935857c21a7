//! A criteria set built in code: [`CriteriaSetBuilder`], checked whole as reading a file is.

use super::model::{Adjustment, Band, CriteriaField, NotApplicablePolicy};
use super::{CriteriaSet, Parts};
use crate::error::Result;
use crate::id::Id;
use crate::rate::Rounding;
use crate::text::Text;

/// Builds a [`CriteriaSet`] in code; [`CriteriaSetBuilder::build`] checks it whole.
///
/// ```
/// use cchc::{CriteriaSet, Id, Percent, Text};
/// use cchc::criteria::{Band, CriteriaField, Criterion};
/// use cchc::rule::ScoringRule;
/// use rust_decimal_macros::dec;
/// let online = Criterion::new(
///     Id::new("1.1")?,
///     Text::new("Hồ sơ nộp trực tuyến", "Records filed online"),
///     dec!(6),
///     ScoringRule::ProportionalToTarget(Percent::new(dec!(50))?),
/// )?;
/// let set = CriteriaSet::builder("Bộ tiêu chí thử")
///     .field(CriteriaField::new(Id::new("1")?, Text::new("Trực tuyến", "Online"), vec![online]))
///     .band(Band::new(Text::new("Đạt", "Pass"), dec!(50), dec!(100)))
///     .band(Band::new(Text::new("Chưa đạt", "Fail"), dec!(0), dec!(50)))
///     .build()?;
/// assert_eq!(set.max_points(), dec!(6));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CriteriaSetBuilder {
    pub(super) parts: Parts,
}

impl CriteriaSetBuilder {
    /// The year the set is for: observations of another year are refused.
    pub const fn year(mut self, year: i32) -> Self {
        self.parts.year = Some(year);
        self
    }

    /// The level the set scores (`commune`, `province`): criteria that apply at other levels
    /// only are *không phát sinh* by themselves.
    pub fn level(mut self, level: Id) -> Self {
        self.parts.level = Some(level);
        self
    }

    /// Where the set comes from (a decision, a plan).
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.parts.source = Some(source.into());
        self
    }

    /// What the set assumes as a whole (a policy no source confirms), noted on every
    /// scorecard.
    pub fn assumption(mut self, assumption: Text) -> Self {
        self.parts.assumption = Some(assumption);
        self
    }

    /// Bonus points (điểm thưởng), with their cap.
    pub fn bonus(mut self, bonus: Adjustment) -> Self {
        self.parts.bonus = Some(bonus);
        self
    }

    /// Penalty points (điểm trừ), with their cap.
    pub fn penalty(mut self, penalty: Adjustment) -> Self {
        self.parts.penalty = Some(penalty);
        self
    }

    /// The rounding policy (default: 2 decimals, half away from zero). It must keep at least
    /// the decimals of every maximum, step and cap, so that rounded points never pass them.
    pub const fn rounding(mut self, rounding: Rounding) -> Self {
        self.parts.rounding = rounding;
        self
    }

    /// The default policy for *không phát sinh* (default: full points).
    pub const fn not_applicable(mut self, policy: NotApplicablePolicy) -> Self {
        self.parts.not_applicable = policy;
        self
    }

    /// Adds a rating band.
    pub fn band(mut self, band: Band) -> Self {
        self.parts.bands.push(band);
        self
    }

    /// Adds a field, after those already added.
    pub fn field(mut self, field: CriteriaField) -> Self {
        self.parts.fields.push(field);
        self
    }

    /// The set.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidSet`](crate::ErrorKind::InvalidSet), with every problem in
    /// [`Error::problems`](crate::Error::problems): ids given twice, a set or field without
    /// criteria, a criterion's own problems, a maximum, a step's points or a bonus or penalty
    /// cap with more decimals than the rounding keeps (key `max_points` or `steps`), bands
    /// that overlap or leave a gap.
    pub fn build(self) -> Result<CriteriaSet> {
        CriteriaSet::from_parts(self.parts)
    }
}
