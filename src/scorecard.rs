//! The scorecard: a ward's observations scored against a criteria set (PLAN.md §5, §7).
//!
//! Each criterion's points are rounded by the set's policy, then summed: field subtotals, the
//! total, the maximum (less any criterion left out as *không phát sinh*), the index = total ÷
//! maximum × 100 (rounded) and its rating band. Self-assessed points (điểm tự chấm) and
//! appraised points (điểm thẩm định) stand side by side: an appraiser may override any
//! criterion's points with a reason.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};

use crate::attainment::Records;
use crate::criteria::{CriteriaField, CriteriaSet, Criterion, ScoringRule};
use crate::error::{Error, Result};
use crate::explain::{Lang, explain, method};
use crate::fraction::Fraction;
use crate::observations::Observations;
use crate::points::{CriterionScore, ScoreStatus, Working};
use crate::rounding::Rounding;

fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Records>, D::Error> {
    Records::deserialize(deserializer).map(Some)
}

/// One criterion's line of the scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionResult {
    /// The criterion's id.
    pub id: String,
    /// The id of its field.
    pub field: String,
    /// The id of its parent criterion, for sub-criteria.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// The scoring method (cách tính), in Vietnamese.
    pub method_vi: String,
    /// The scoring method, in English.
    pub method_en: String,
    /// Self-assessed points (điểm tự chấm), rounded.
    pub points: Decimal,
    /// The maximum counted (0 when left out as không phát sinh).
    pub max_points: Decimal,
    /// Judged on the exact points.
    pub status: ScoreStatus,
    /// The rate in percent, rounded, for rate rules with reported counts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_percent: Option<Decimal>,
    /// Existing records to convert to reach full points (`null` = impossible); rate rules only.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub records_to_convert: Option<Records>,
    /// New records to add to reach full points (`null` = impossible); rate rules only.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    pub records_to_add: Option<Records>,
    /// The explanation (giải trình), in Vietnamese.
    pub explanation_vi: String,
    /// The explanation, in English.
    pub explanation_en: String,
    /// Evidence documents (tài liệu kiểm chứng), as reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
    /// Appraised points (điểm thẩm định): the self-assessed points unless overridden.
    pub appraised_points: Decimal,
    /// Why the appraiser overrode the points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appraisal_reason: Option<String>,
    /// For a scorecard taken at a date: the last day on which this criterion can still earn
    /// more points (its status is then [`ScoreStatus::Pending`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub open_until: Option<NaiveDate>,
    /// The structured working behind the points (absent on parent criteria).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working: Option<Working>,
}

/// A field's subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldResult {
    /// The field's id (`II`).
    pub id: String,
    /// Vietnamese heading.
    pub label_vi: String,
    /// English heading.
    pub label_en: String,
    /// Self-assessed points.
    pub points: Decimal,
    /// The maximum counted.
    pub max_points: Decimal,
    /// Appraised points.
    pub appraised_points: Decimal,
}

/// A ward's scorecard against a criteria set.
///
/// ```
/// use cchc::{Counts, CriteriaSet, Evidence, Observations, Observed, Scorecard};
/// use rust_decimal_macros::dec;
/// let set = CriteriaSet::reference();
/// let obs = Observations::new("Phường Sông Cầu", 2023)
///     .with("II.4", Observed::Reported(Evidence::Counts(Counts::new(90, 300)?)));
/// let card = Scorecard::score(&set, &obs)?;
/// let line = card.criterion("II.4").unwrap();
/// assert_eq!(line.points, dec!(4.29));
/// assert_eq!(line.explanation_vi, "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29");
/// assert_eq!(card.summary.total_points, dec!(4.29)); // every other criterion is missing
/// assert_eq!(card.missing.len(), 40);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    /// The headline figures: ward, year, totals, maximum, index and band, self-assessed and
    /// appraised (flattened into the top level of the JSON, PLAN.md §7).
    #[serde(flatten)]
    pub summary: Summary,
    /// The criteria set's name.
    pub criteria_set: String,
    /// The date the scorecard was taken at ([`Scorecard::score_at`]); `None` at the year's end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<NaiveDate>,
    /// The rounding policy used.
    pub rounding: Rounding,
    /// Field subtotals, in order.
    pub fields: Vec<FieldResult>,
    /// Every criterion, depth first, in order (parents before their sub-criteria).
    pub criteria: Vec<CriterionResult>,
    /// Ids of criteria with no observation.
    pub missing: Vec<String>,
}

/// What every criterion is scored with.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    set: &'a CriteriaSet,
    observations: &'a Observations,
    /// Score at this date (deadlines still open are pending), or at the year's end.
    as_of: Option<NaiveDate>,
}

/// Points summed over criteria, with their statuses counted, for parents and fields.
#[derive(Default)]
struct Sums {
    points: Decimal,
    max: Decimal,
    appraised: Decimal,
    count: usize,
    met: usize,
    not_applicable: usize,
    missing: usize,
    pending: usize,
    open_until: Option<NaiveDate>,
}

impl Sums {
    fn leaf(line: &CriterionResult) -> Self {
        Self {
            points: line.points,
            max: line.max_points,
            appraised: line.appraised_points,
            count: 1,
            met: usize::from(line.status == ScoreStatus::Met),
            not_applicable: usize::from(line.status == ScoreStatus::NotApplicable),
            missing: usize::from(line.status == ScoreStatus::Missing),
            pending: usize::from(line.status == ScoreStatus::Pending),
            open_until: line.open_until,
        }
    }

    fn add(&mut self, other: &Self) {
        self.points += other.points;
        self.max += other.max;
        self.appraised += other.appraised;
        self.count += other.count;
        self.met += other.met;
        self.not_applicable += other.not_applicable;
        self.missing += other.missing;
        self.pending += other.pending;
        self.open_until = self.open_until.max(other.open_until);
    }

    /// A parent's status from its sub-criteria's, each judged on exact points: not applicable
    /// or missing when all are, pending when any is, met when every one is met (or không phát
    /// sinh), not met when none scored, partial otherwise.
    fn status(&self) -> ScoreStatus {
        if self.count > 0 && self.not_applicable == self.count {
            ScoreStatus::NotApplicable
        } else if self.count > 0 && self.missing == self.count {
            ScoreStatus::Missing
        } else if self.pending > 0 {
            ScoreStatus::Pending
        } else if self.met + self.not_applicable == self.count {
            ScoreStatus::Met
        } else if self.points.is_zero() {
            ScoreStatus::NotMet
        } else {
            ScoreStatus::Partial
        }
    }
}

impl Scorecard {
    /// Scores `observations` against `set`.
    ///
    /// # Errors
    /// The first problem found, wrapped with the criterion's id: an observation or appraisal
    /// for an unknown criterion, a value that does not fit the criterion's rule, points out of
    /// range.
    pub fn score(set: &CriteriaSet, observations: &Observations) -> Result<Self> {
        Self::build(Ctx {
            set,
            observations,
            as_of: None,
        })
    }

    /// Scores `observations` against `set` at the date `as_of`, within the year: deadlines,
    /// windows and frequency periods still open are [`ScoreStatus::Pending`], not "not met"
    /// (see [`ScoringRule::score_at`]); each line says until when
    /// ([`CriterionResult::open_until`]). Counts are scored as reported to date.
    ///
    /// ```
    /// use cchc::{CriteriaSet, Evidence, Observations, Observed, ScoreStatus, Scorecard};
    /// use chrono::NaiveDate;
    /// let set = CriteriaSet::reference();
    /// // II.8e: the dialogue on procedures is due in Quý IV; at 30 September it is not late.
    /// let obs = Observations::new("Phường Sông Cầu", 2023).with("II.8e", Observed::Reported(Evidence::Held(vec![])));
    /// let at = NaiveDate::from_ymd_opt(2023, 9, 30).unwrap();
    /// let card = Scorecard::score_at(&set, &obs, at)?;
    /// let line = card.criterion("II.8e").unwrap();
    /// assert_eq!(line.status, ScoreStatus::Pending);
    /// assert_eq!(line.open_until, NaiveDate::from_ymd_opt(2023, 12, 31));
    /// assert_eq!(line.explanation_en, "Not held (due within 2023-10-01–2023-12-31): 0 points; still open until 2023-12-31");
    /// assert_eq!(Scorecard::score(&set, &obs)?.criterion("II.8e").unwrap().status, ScoreStatus::NotMet);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Scorecard::score`].
    pub fn score_at(
        set: &CriteriaSet,
        observations: &Observations,
        as_of: NaiveDate,
    ) -> Result<Self> {
        Self::build(Ctx {
            set,
            observations,
            as_of: Some(as_of),
        })
    }

    fn build(ctx: Ctx<'_>) -> Result<Self> {
        let Ctx {
            set, observations, ..
        } = ctx;
        observations.check(set)?;
        let rounding = *set.rounding();
        let mut criteria = Vec::with_capacity(64);
        let mut missing = Vec::new();
        let mut fields = Vec::with_capacity(set.fields().len());
        for field in set.fields() {
            let mut sums = Sums::default();
            for criterion in &field.criteria {
                sums.add(&score_criterion(
                    ctx,
                    field,
                    criterion,
                    None,
                    &mut criteria,
                    &mut missing,
                )?);
            }
            fields.push(FieldResult {
                id: field.id.clone(),
                label_vi: field.label_vi.clone(),
                label_en: field.label_en.clone(),
                points: sums.points,
                max_points: sums.max,
                appraised_points: sums.appraised,
            });
        }
        let total: Decimal = fields.iter().map(|f| f.points).sum();
        let appraised: Decimal = fields.iter().map(|f| f.appraised_points).sum();
        let max: Decimal = fields.iter().map(|f| f.max_points).sum();
        Ok(Self {
            summary: Summary::from_totals(set, observations, total, appraised, max, missing.len())?,
            criteria_set: set.name().to_owned(),
            as_of: ctx.as_of,
            rounding,
            fields,
            criteria,
            missing,
        })
    }

    /// The index of `total` points out of `max`: total ÷ max × 100, rounded exactly by
    /// `rounding`, as [`Scorecard::score`] computes it; `None` when `max` is 0.
    ///
    /// ```
    /// use cchc::{Rounding, Scorecard};
    /// use rust_decimal_macros::dec;
    /// let index = Scorecard::index_for(dec!(87.5), dec!(100), &Rounding::default())?;
    /// assert_eq!(index, Some(dec!(87.50)));
    /// // 2 of 3 points: 66.666…% → 66.67.
    /// assert_eq!(Scorecard::index_for(dec!(2), dec!(3), &Rounding::default())?, Some(dec!(66.67)));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::AboveMax`] when `total` exceeds `max`; [`Error::Negative`] for a negative total
    /// or maximum; [`Error::Overflow`] beyond the exact range.
    pub fn index_for(total: Decimal, max: Decimal, rounding: &Rounding) -> Result<Option<Decimal>> {
        index_of(total, max, rounding)
    }

    /// The line of criterion `id`.
    #[must_use]
    pub fn criterion(&self, id: &str) -> Option<&CriterionResult> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The subtotal of field `id`.
    #[must_use]
    pub fn field(&self, id: &str) -> Option<&FieldResult> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The scorecard as pretty JSON (PLAN.md §7; decimals as strings).
    ///
    /// # Errors
    /// [`Error::Write`] if the writer fails.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string_pretty(self).map_err(|e| Error::Write {
            format: "JSON",
            message: e.to_string(),
        })
    }

    /// Reads a scorecard written by [`Scorecard::to_json`].
    ///
    /// # Errors
    /// [`Error::Parse`] for malformed JSON.
    pub fn from_json(text: &str) -> Result<Self> {
        serde_json::from_str(text).map_err(|e| Error::Parse {
            format: "JSON",
            message: e.to_string(),
        })
    }
}

/// The headline figures of a scorecard — totals, index, band, for the self-assessment and the
/// appraisal — without the per-criterion lines and their text.
///
/// [`Summary::score`] computes them without writing a single explanation, for roll-ups of many
/// wards; it always equals the [`Scorecard::summary`] of the full scorecard.
///
/// ```
/// use cchc::{Counts, CriteriaSet, Evidence, Observations, Observed, Scorecard, Summary};
/// let set = CriteriaSet::reference();
/// let obs = Observations::new("Phường Sông Cầu", 2023)
///     .with("II.4", Observed::Reported(Evidence::Counts(Counts::new(90, 300)?)));
/// assert_eq!(Summary::score(&set, &obs)?, Scorecard::score(&set, &obs)?.summary);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The ward.
    pub ward: String,
    /// The year.
    pub year: i32,
    /// Self-assessed total.
    pub total_points: Decimal,
    /// The maximum (after any "leave out" policy).
    pub max_points: Decimal,
    /// total ÷ max × 100, rounded; `None` when the maximum is 0.
    pub index: Option<Decimal>,
    /// The rating band of the index, in Vietnamese.
    pub band: Option<String>,
    /// The rating band, in English.
    pub band_en: Option<String>,
    /// Appraised total.
    pub appraised_total_points: Decimal,
    /// Appraised index.
    pub appraised_index: Option<Decimal>,
    /// Appraised rating band, in Vietnamese.
    pub appraised_band: Option<String>,
    /// Appraised rating band, in English.
    pub appraised_band_en: Option<String>,
    /// How many criteria had no observation.
    pub missing_criteria: usize,
}

impl Summary {
    /// The headline figures of `observations` scored against `set`, without explanations.
    ///
    /// # Errors
    /// As [`Scorecard::score`].
    pub fn score(set: &CriteriaSet, observations: &Observations) -> Result<Self> {
        observations.check(set)?;
        let ctx = Ctx {
            set,
            observations,
            as_of: None,
        };
        let (mut total, mut appraised, mut max) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        let mut missing = 0;
        for leaf in set.leaves() {
            let (score, appraised_points) = score_leaf(ctx, leaf.criterion, leaf.rule)?;
            missing += usize::from(score.status == ScoreStatus::Missing);
            total += score.points;
            max += score.max_points;
            appraised += appraised_points;
        }
        Self::from_totals(set, observations, total, appraised, max, missing)
    }

    /// Index and bands from the totals: the one place both are computed.
    fn from_totals(
        set: &CriteriaSet,
        observations: &Observations,
        total: Decimal,
        appraised: Decimal,
        max: Decimal,
        missing: usize,
    ) -> Result<Self> {
        let rounding = set.rounding();
        let index = index_of(total, max, rounding)?;
        let appraised_index = index_of(appraised, max, rounding)?;
        let band = |index: Option<Decimal>| index.and_then(|i| set.band_for(i));
        Ok(Self {
            ward: observations.ward.clone(),
            year: observations.year,
            total_points: total,
            max_points: max,
            index,
            band: band(index).map(|b| b.label_vi.clone()),
            band_en: band(index).map(|b| b.label_en.clone()),
            appraised_total_points: appraised,
            appraised_index,
            appraised_band: band(appraised_index).map(|b| b.label_vi.clone()),
            appraised_band_en: band(appraised_index).map(|b| b.label_en.clone()),
            missing_criteria: missing,
        })
    }
}

impl CriteriaSet {
    /// Scores `observations` against this set: shorthand for [`Scorecard::score`].
    ///
    /// # Errors
    /// As [`Scorecard::score`].
    pub fn score(&self, observations: &Observations) -> Result<Scorecard> {
        Scorecard::score(self, observations)
    }
}

/// One leaf's score (by its policy for không phát sinh) and its appraised points: shared by
/// [`Scorecard::score`] and [`Summary::score`].
fn score_leaf(
    ctx: Ctx<'_>,
    criterion: &Criterion,
    rule: &ScoringRule,
) -> Result<(CriterionScore, Decimal)> {
    let Ctx {
        set,
        observations,
        as_of,
    } = ctx;
    let id = criterion.id.as_str();
    let policy = criterion.not_applicable.unwrap_or(set.not_applicable());
    let observed = observations.value(id);
    let max = criterion.max_points;
    let score = match as_of {
        Some(day) => rule.score_at(max, observed, policy, set.rounding(), day),
        None => rule.score(max, observed, policy, set.rounding()),
    }
    .map_err(|e| e.at(id))?;
    let appraised = match observations.appraisal(id) {
        None => score.points,
        // A criterion left out of the maximum (không phát sinh) counts 0 of 0: an appraiser
        // may not give it points the maximum does not hold.
        Some(a) if a.points > score.max_points => {
            return Err(Error::AboveMax {
                what: "appraised points",
                points: a.points,
                max: score.max_points,
            }
            .at(id));
        }
        Some(a) => set.rounding().round(a.points),
    };
    Ok((score, appraised))
}

fn index_of(total: Decimal, max: Decimal, rounding: &Rounding) -> Result<Option<Decimal>> {
    if max.is_zero() && total.is_zero() {
        return Ok(None);
    }
    if total > max {
        return Err(Error::AboveMax {
            what: "total",
            points: total,
            max,
        });
    }
    let hundred = Fraction::from_decimal(Decimal::ONE_HUNDRED)?;
    let ratio = Fraction::from_decimal(total)?.div(Fraction::from_decimal(max)?)?;
    Ok(Some(ratio.mul(hundred)?.round(rounding)?))
}

fn score_criterion(
    ctx: Ctx<'_>,
    field: &CriteriaField,
    criterion: &Criterion,
    parent: Option<&str>,
    out: &mut Vec<CriterionResult>,
    missing: &mut Vec<String>,
) -> Result<Sums> {
    let Ctx { observations, .. } = ctx;
    let id = criterion.id.as_str();
    let Some(rule) = &criterion.rule else {
        let at = out.len();
        let mut sums = Sums::default();
        for child in &criterion.children {
            sums.add(&score_criterion(ctx, field, child, Some(id), out, missing)?);
        }
        let line = CriterionResult {
            id: criterion.id.clone(),
            field: field.id.clone(),
            parent: parent.map(str::to_owned),
            label_vi: criterion.label_vi.clone(),
            label_en: criterion.label_en.clone(),
            method_vi: "Tổng điểm các tiêu chí thành phần".to_owned(),
            method_en: "sum of the sub-criteria".to_owned(),
            points: sums.points,
            max_points: sums.max,
            status: sums.status(),
            rate_percent: None,
            records_to_convert: None,
            records_to_add: None,
            explanation_vi: format!(
                "Tổng các tiêu chí thành phần: {}",
                crate::explain::format_decimal(sums.points, Lang::Vi)
            ),
            explanation_en: format!(
                "Sum of the sub-criteria: {}",
                crate::explain::format_decimal(sums.points, Lang::En)
            ),
            evidence: None,
            appraised_points: sums.appraised,
            appraisal_reason: None,
            open_until: sums.open_until,
            working: None,
        };
        out.insert(at, line);
        return Ok(sums);
    };
    let (score, appraised) = score_leaf(ctx, criterion, rule)?;
    if score.status == ScoreStatus::Missing {
        missing.push(criterion.id.clone());
    }
    let appraisal = observations.appraisal(id);
    let line = CriterionResult {
        id: criterion.id.clone(),
        field: field.id.clone(),
        parent: parent.map(str::to_owned),
        label_vi: criterion.label_vi.clone(),
        label_en: criterion.label_en.clone(),
        method_vi: method(rule, Lang::Vi),
        method_en: method(rule, Lang::En),
        explanation_vi: explain(
            &score,
            criterion.max_points,
            criterion.measure_vi.as_deref(),
            Lang::Vi,
        ),
        explanation_en: explain(
            &score,
            criterion.max_points,
            criterion.measure_en.as_deref(),
            Lang::En,
        ),
        points: score.points,
        max_points: score.max_points,
        status: score.status,
        rate_percent: score.rate_percent,
        records_to_convert: score.shortfall.map(|s| s.convert),
        records_to_add: score.shortfall.map(|s| s.add),
        evidence: observations.get(id).and_then(|o| o.evidence.clone()),
        appraised_points: appraised,
        appraisal_reason: appraisal.map(|a| a.reason.clone()),
        open_until: score.open_until,
        working: Some(score.working),
    };
    let sums = Sums::leaf(&line);
    out.push(line);
    Ok(sums)
}
