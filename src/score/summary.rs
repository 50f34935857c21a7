//! The headline figures of a scorecard, and their fast path.

use rust_decimal::Decimal;

use super::scorecard::{Ctx, index_of, leaf_points};
use super::sum::Sum;
use crate::criteria::CriteriaSet;
use crate::error::Result;
use crate::observations::Observations;
use crate::rule::Status;
use crate::text::Text;

/// The headline figures of a scorecard — totals, index, band, for the self-assessment and the
/// appraisal — without the per-criterion lines and their text.
///
/// [`Summary::score`] computes them without writing a single explanation, for roll-ups of many
/// wards; it always equals the [`Scorecard::summary`](super::Scorecard::summary) of the full scorecard.
///
/// ```
/// use cchc::{CriteriaSet, Observations, Scorecard, Summary};
/// let set = CriteriaSet::reference();
/// let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
/// assert_eq!(Summary::score(&set, &obs)?, Scorecard::score(&set, &obs)?.summary);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Summary {
    /// The ward.
    pub ward: String,
    /// The year.
    pub year: i32,
    /// The period observed, when part of a year (a month of a monthly index).
    pub period: Option<crate::observations::Period>,
    /// Self-assessed total: the criteria's points, plus bonus, less penalty points, within 0
    /// and the maximum.
    pub total_points: Decimal,
    /// The maximum (after any "leave out" policy, and without a survey part not held).
    pub max_points: Decimal,
    /// The criteria's points alone, before bonus and penalty points.
    pub criteria_points: Decimal,
    /// Bonus points counted (điểm thưởng), after the set's cap.
    pub bonus_points: Decimal,
    /// Penalty points counted (điểm trừ), after the set's cap.
    pub penalty_points: Decimal,
    /// total ÷ max × 100, rounded; `None` when the maximum is 0.
    pub index: Option<Decimal>,
    /// The rating band of the index; `None` when the set has no bands.
    pub band: Option<Text>,
    /// Appraised total: the appraised criteria's points, plus bonus, less penalty points,
    /// within 0 and the maximum.
    pub appraised_total_points: Decimal,
    /// Appraised index.
    pub appraised_index: Option<Decimal>,
    /// Appraised rating band.
    pub appraised_band: Option<Text>,
    /// How many criteria had no observation.
    pub missing_criteria: usize,
}

impl Summary {
    /// The headline figures of `observations` scored against `set`, without explanations:
    /// the fast path for roll-ups of many wards.
    ///
    /// # Errors
    /// As [`Scorecard::score`](super::Scorecard::score).
    pub fn score(set: &CriteriaSet, observations: &Observations) -> Result<Self> {
        observations.check(set)?;
        let ctx = Ctx {
            set,
            observations,
            as_of: None,
        };
        let (mut total, mut appraised, mut max) = (Sum::default(), Sum::default(), Sum::default());
        let mut missing = 0;
        for leaf in set.leaves() {
            let (points, counted, status, appraised_points) =
                leaf_points(ctx, leaf.field, leaf.criterion, leaf.rule)?;
            missing += usize::from(status == Status::Missing);
            total.add(points);
            max.add(counted);
            appraised.add(appraised_points);
        }
        Self::from_totals(
            set,
            observations,
            total.total(),
            appraised.total(),
            max.total(),
            missing,
        )
    }

    /// Adjusted totals, index and bands from the criteria's totals: the one place they are
    /// computed.
    pub(super) fn from_totals(
        set: &CriteriaSet,
        observations: &Observations,
        criteria: Decimal,
        appraised_criteria: Decimal,
        max: Decimal,
        missing: usize,
    ) -> Result<Self> {
        let rounding = set.rounding();
        let (bonus, penalty) = super::notes::adjustments(set, observations);
        let adjusted = |points: Decimal| (points + bonus - penalty).clamp(Decimal::ZERO, max);
        let (total, appraised) = (adjusted(criteria), adjusted(appraised_criteria));
        let index = index_of(total, max, rounding)?;
        let appraised_index = index_of(appraised, max, rounding)?;
        let band = |index: Option<Decimal>| {
            index
                .and_then(|i| set.band_for(i))
                .map(|b| b.label().clone())
        };
        Ok(Self {
            ward: observations.ward().to_owned(),
            year: observations.year(),
            period: observations.part_of_year(),
            total_points: total,
            max_points: max,
            criteria_points: criteria,
            bonus_points: bonus,
            penalty_points: penalty,
            index,
            band: band(index),
            appraised_total_points: appraised,
            appraised_index,
            appraised_band: band(appraised_index),
            missing_criteria: missing,
        })
    }
}
