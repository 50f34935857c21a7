//! The scorecard: a ward's observations scored against a criteria set.
//!
//! Each criterion's points are rounded by the set's policy, then summed: field subtotals, the
//! total, the maximum (less any criterion left out as *không phát sinh*), the index = total ÷
//! maximum × 100 (rounded) and its rating band. Self-assessed points (điểm tự chấm) and
//! appraised points (điểm thẩm định) stand side by side: an appraiser may override any
//! criterion's points with a reason.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::outcome::{CriterionScore, Working};
use super::summary::Summary;
use crate::criteria::{CriteriaField, CriteriaSet, Criterion};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::observations::Observations;
use crate::rate::{Fraction, Rounding};
use crate::rule::{Records, ScoringRule, Status};
use crate::text::{Lang, Num, Text};

/// One criterion's line of the scorecard.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CriterionLine {
    /// The criterion's id.
    pub id: Id,
    /// The id of its field.
    pub field: Id,
    /// The id of its parent criterion, for sub-criteria.
    pub parent: Option<Id>,
    /// The criterion's label.
    pub label: Text,
    /// The scoring method (cách tính).
    pub method: Text,
    /// Self-assessed points (điểm tự chấm), rounded.
    pub points: Decimal,
    /// The maximum counted (0 when left out as không phát sinh).
    pub max_points: Decimal,
    /// Judged on the exact points.
    pub status: Status,
    /// The rate in percent, rounded, for rate rules with reported counts.
    pub rate_percent: Option<Decimal>,
    /// Existing records to convert to reach full points (rate rules only).
    pub records_to_convert: Option<Records>,
    /// New records to add to reach full points (rate rules only).
    pub records_to_add: Option<Records>,
    /// The explanation (giải trình).
    pub explanation: Text,
    /// Evidence documents (tài liệu kiểm chứng), as reported.
    pub evidence: Option<String>,
    /// Appraised points (điểm thẩm định): the self-assessed points unless overridden.
    pub appraised_points: Decimal,
    /// Why the appraiser overrode the points.
    pub appraisal_reason: Option<String>,
    /// For a scorecard taken at a date, while more points can still be earned: the last day
    /// full points can or, once they no longer can, the last day part of them can.
    pub open_until: Option<NaiveDate>,
    /// The structured working behind the points (absent on parent criteria).
    pub working: Option<Working>,
}

/// A field's subtotal.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldLine {
    /// The field's id (`II`).
    pub id: Id,
    /// The heading.
    pub label: Text,
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
/// use cchc::{CriteriaSet, Observations, Scorecard};
/// use rust_decimal_macros::dec;
/// let set = CriteriaSet::reference();
/// let obs = Observations::builder("Phường Sông Cầu", 2023).counts("II.4", 90, 300).build(&set)?;
/// let card = Scorecard::score(&set, &obs)?;
/// let line = card.criterion("II.4").unwrap();
/// assert_eq!(line.points, dec!(4.29));
/// assert_eq!(line.explanation.vi(), "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29");
/// assert_eq!(card.summary.total_points, dec!(4.29)); // every other criterion is missing
/// assert_eq!(card.missing.len(), 40);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Scorecard {
    /// The headline figures: ward, year, totals, maximum, index and band, self-assessed and
    /// appraised.
    pub summary: Summary,
    /// The criteria set's name.
    pub criteria_set: String,
    /// The date the scorecard was taken at ([`Scorecard::score_at`]); `None` at the end.
    pub as_of: Option<NaiveDate>,
    /// The rounding policy used.
    pub rounding: Rounding,
    /// Field subtotals, in order.
    pub fields: Vec<FieldLine>,
    /// Every criterion, depth first, in order (parents before their sub-criteria).
    pub criteria: Vec<CriterionLine>,
    /// Ids of criteria with no observation.
    pub missing: Vec<Id>,
    /// How the total and the index were made, where more than a sum: a survey not held, bonus
    /// and penalty points, a set without rating bands.
    pub notes: Vec<Text>,
}

/// What every criterion is scored with.
#[derive(Clone, Copy)]
pub(super) struct Ctx<'a> {
    pub(super) set: &'a CriteriaSet,
    pub(super) observations: &'a Observations,
    /// Score at this date, or at the end.
    pub(super) as_of: Option<NaiveDate>,
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
    fn leaf(line: &CriterionLine) -> Self {
        Self {
            points: line.points,
            max: line.max_points,
            appraised: line.appraised_points,
            count: 1,
            met: usize::from(line.status == Status::Met),
            not_applicable: usize::from(line.status == Status::NotApplicable),
            missing: usize::from(line.status == Status::Missing),
            pending: usize::from(line.status == Status::Pending),
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
    /// or missing when all are, pending when some are and every other one is met (or không
    /// phát sinh) — full points are still possible —, met when every one is met (or không phát
    /// sinh), not met when none scored, partial otherwise.
    fn status(&self) -> Status {
        if self.count > 0 && self.not_applicable == self.count {
            Status::NotApplicable
        } else if self.count > 0 && self.missing == self.count {
            Status::Missing
        } else if self.pending > 0 && self.met + self.not_applicable + self.pending == self.count {
            Status::Pending
        } else if self.met + self.not_applicable == self.count {
            Status::Met
        } else if self.points.is_zero() {
            Status::NotMet
        } else {
            Status::Partial
        }
    }
}

impl Scorecard {
    /// Scores `observations` against `set`, with everything reported known: the one way to a
    /// full scorecard.
    ///
    /// # Errors
    /// The first problem found, named by the criterion's id: an observation or appraisal for
    /// an unknown criterion, a value that does not fit the criterion's rule, points out of
    /// range, a year other than the set's.
    pub fn score(set: &CriteriaSet, observations: &Observations) -> Result<Self> {
        Self::build(Ctx {
            set,
            observations,
            as_of: None,
        })
    }

    /// Scores `observations` against `set` at the end of `as_of`: facts dated after it are
    /// not yet known; a deadline, window or frequency that can still earn full points is
    /// [`Status::Pending`], not "not met"; and each line says until when it can still earn
    /// more ([`CriterionLine::open_until`]). Counts are scored as reported to date. See the
    /// [rule model](crate::rule#at-a-date) for the exact semantics.
    ///
    /// ```
    /// use cchc::{CriteriaSet, Observations, Scorecard, Status};
    /// use chrono::NaiveDate;
    /// let set = CriteriaSet::reference();
    /// // II.8e: the dialogue on procedures is due in Quý IV; at 30 September it is not late.
    /// let obs = Observations::builder("Phường Sông Cầu", 2023).held("II.8e", []).build(&set)?;
    /// let at = NaiveDate::from_ymd_opt(2023, 9, 30).unwrap();
    /// let card = Scorecard::score_at(&set, &obs, at)?;
    /// let line = card.criterion("II.8e").unwrap();
    /// assert_eq!(line.status, Status::Pending);
    /// assert_eq!(line.open_until, NaiveDate::from_ymd_opt(2023, 12, 31));
    /// assert_eq!(line.explanation.en(), "Not held (due within 2023-10-01–2023-12-31): 0 points; still open until 2023-12-31");
    /// assert_eq!(Scorecard::score(&set, &obs)?.criterion("II.8e").unwrap().status, Status::NotMet);
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
            as_of: Some(crate::dates::check(as_of).map_err(|e| e.with_key("as_of"))?),
        })
    }

    fn build(ctx: Ctx<'_>) -> Result<Self> {
        let Ctx {
            set, observations, ..
        } = ctx;
        observations.check(set)?;
        let mut criteria = Vec::with_capacity(set.leaves().size_hint().0 + 8);
        let mut missing = Vec::new();
        let mut fields = Vec::with_capacity(set.fields().len());
        for field in set.fields() {
            let mut sums = Sums::default();
            for criterion in field.criteria() {
                sums.add(&score_criterion(
                    ctx,
                    field,
                    criterion,
                    None,
                    &mut criteria,
                    &mut missing,
                )?);
            }
            fields.push(FieldLine {
                id: field.id().clone(),
                label: field.label().clone(),
                points: sums.points,
                max_points: sums.max,
                appraised_points: sums.appraised,
            });
        }
        let total: Decimal = fields.iter().map(|f| f.points).sum();
        let appraised: Decimal = fields.iter().map(|f| f.appraised_points).sum();
        let max: Decimal = fields.iter().map(|f| f.max_points).sum();
        let summary =
            Summary::from_totals(set, observations, total, appraised, max, missing.len())?;
        Ok(Self {
            notes: super::notes::notes(set, observations, &summary, &fields),
            summary,
            criteria_set: set.name().to_owned(),
            as_of: ctx.as_of,
            rounding: *set.rounding(),
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
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `total` exceeds `max`
    /// or either is negative; [`ErrorKind::Limit`](crate::ErrorKind::Limit) beyond the exact
    /// range.
    pub fn index_for(total: Decimal, max: Decimal, rounding: &Rounding) -> Result<Option<Decimal>> {
        index_of(total, max, rounding)
    }

    /// The line of criterion `id`.
    #[must_use]
    pub fn criterion(&self, id: &str) -> Option<&CriterionLine> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The subtotal of field `id`.
    #[must_use]
    pub fn field(&self, id: &str) -> Option<&FieldLine> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// The scorecard as pretty JSON: the headline figures at the top level, then the criteria
    /// set, the fields and the criteria; decimals as strings.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a text beyond
    /// [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES), which no reader takes;
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String> {
        crate::json::pretty(self).and_then(crate::limits::output)
    }

    /// Reads a scorecard written by [`Scorecard::to_json`].
    ///
    /// # Errors
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed JSON.
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<Self> {
        Error::read_json(crate::limits::input(text)?)
    }
}

/// Every leaf's scoring method, by id: made once per set.
fn methods(set: &CriteriaSet) -> crate::id::IdMap<Text> {
    set.leaves()
        .map(|leaf| {
            (
                leaf.criterion.id().clone(),
                method_of(leaf.criterion, leaf.rule),
            )
        })
        .collect()
}

/// The method of a criterion scored by its sub-criteria.
static SUM_OF_PARTS: std::sync::LazyLock<Text> = std::sync::LazyLock::new(|| {
    Text::new(
        "Tổng điểm các tiêu chí thành phần",
        "sum of the sub-criteria",
    )
});

/// The scoring method, with the assumption its data makes, if any.
fn method_of(criterion: &Criterion, rule: &ScoringRule) -> Text {
    let method = rule.method();
    match criterion.assumption() {
        None => method,
        Some(assumption) => {
            let (vi, en) = method.into_parts();
            Text::new(
                format!("{vi} (giả định: {})", assumption.vi()),
                format!("{en} (assumption: {})", assumption.en()),
            )
        }
    }
}

/// One leaf's points, counted maximum, status and appraised points, without the working:
/// [`Summary::score`]'s fast path, the same figures as [`score_leaf`].
pub(super) fn leaf_points(
    ctx: Ctx<'_>,
    field: &CriteriaField,
    criterion: &Criterion,
    rule: &ScoringRule,
) -> Result<(Decimal, Decimal, Status, Decimal)> {
    let Ctx {
        set, observations, ..
    } = ctx;
    if ctx.as_of.is_some()
        || !set.in_scope(criterion)
        || (field.is_survey() && observations.survey() == Some(false))
    {
        let (score, appraised) = score_leaf(ctx, field, criterion, rule)?;
        return Ok((score.points, score.max_points, score.status, appraised));
    }
    let id = criterion.id().as_str();
    let (points, max, status) = rule
        .points_only(
            criterion.max_points(),
            observations.value(id),
            set.policy_of(criterion),
            set.rounding(),
        )
        .map_err(|e| e.at(id))?;
    let appraised = appraised_points(ctx, id, points, max)?;
    Ok((points, max, status, appraised))
}

/// The appraised points of criterion `id`: the appraiser's, rounded, or the self-assessed
/// `points` when there is no appraisal.
fn appraised_points(ctx: Ctx<'_>, id: &str, points: Decimal, max: Decimal) -> Result<Decimal> {
    match ctx.observations.appraisal(id) {
        None => Ok(points),
        // A criterion left out of the maximum (không phát sinh) counts 0 of 0: an appraiser
        // may not give it points the maximum does not hold.
        Some(a) if a.points > max => Err(Error::from(Reason::AboveMax {
            what: "appraised points",
            points: a.points,
            max,
        })
        .with_key("points")
        .at(id)),
        Some(a) => Ok(ctx.set.rounding().round(a.points)),
    }
}

/// One leaf's score (by its policy for không phát sinh) and its appraised points: shared by
/// [`Scorecard::score`] and [`Summary::score`].
fn score_leaf(
    ctx: Ctx<'_>,
    field: &CriteriaField,
    criterion: &Criterion,
    rule: &ScoringRule,
) -> Result<(CriterionScore, Decimal)> {
    let Ctx {
        set,
        observations,
        as_of,
    } = ctx;
    let id = criterion.id().as_str();
    let policy = set.policy_of(criterion);
    let observed = observations.value(id);
    let max = criterion.max_points();
    let score = if !set.in_scope(criterion) {
        CriterionScore::out_of_scope(max, policy, criterion.levels().to_vec(), set.rounding())
    } else if field.is_survey() && observations.survey() == Some(false) {
        CriterionScore::no_survey(set.rounding())
    } else {
        match as_of {
            Some(day) => rule.score_at(max, observed, policy, set.rounding(), day),
            None => rule.score(max, observed, policy, set.rounding()),
        }
        .map_err(|e| e.at(id))?
    };
    let appraised = appraised_points(ctx, id, score.points, score.max_points)?;
    Ok((score, appraised))
}

pub(super) fn index_of(
    total: Decimal,
    max: Decimal,
    rounding: &Rounding,
) -> Result<Option<Decimal>> {
    if max.is_zero() && total.is_zero() {
        return Ok(None);
    }
    if total > max {
        return Err(Error::from(Reason::AboveMax {
            what: "total",
            points: total,
            max,
        }));
    }
    let hundred = Fraction::from_decimal(Decimal::ONE_HUNDRED)?;
    let ratio = Fraction::from_decimal(total)?.div(Fraction::from_decimal(max)?)?;
    Ok(Some(ratio.mul(hundred)?.round(rounding)?))
}

fn score_criterion(
    ctx: Ctx<'_>,
    field: &CriteriaField,
    criterion: &Criterion,
    parent: Option<&Id>,
    out: &mut Vec<CriterionLine>,
    missing: &mut Vec<Id>,
) -> Result<Sums> {
    let Ctx { observations, .. } = ctx;
    let id = criterion.id();
    let Some(rule) = criterion.rule() else {
        let at = out.len();
        let mut sums = Sums::default();
        for child in criterion.children() {
            sums.add(&score_criterion(ctx, field, child, Some(id), out, missing)?);
        }
        let sum_in = |lang| Num(sums.points, lang);
        let line = CriterionLine {
            id: id.clone(),
            field: field.id().clone(),
            parent: parent.cloned(),
            label: criterion.label().clone(),
            method: SUM_OF_PARTS.clone(),
            points: sums.points,
            max_points: sums.max,
            status: sums.status(),
            rate_percent: None,
            records_to_convert: None,
            records_to_add: None,
            explanation: Text::new(
                format!("Tổng các tiêu chí thành phần: {}", sum_in(Lang::Vi)),
                format!("Sum of the sub-criteria: {}", sum_in(Lang::En)),
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
    let (score, appraised) = score_leaf(ctx, field, criterion, rule)?;
    if score.status == Status::Missing {
        missing.push(id.clone());
    }
    let appraisal = observations.appraisal(id.as_str());
    let line = CriterionLine {
        id: id.clone(),
        field: field.id().clone(),
        parent: parent.cloned(),
        label: criterion.label().clone(),
        method: ctx
            .set
            .methods(methods)
            .get(id.as_str())
            .cloned()
            .unwrap_or_else(|| method_of(criterion, rule)),
        explanation: score.explanation(criterion),
        points: score.points,
        max_points: score.max_points,
        status: score.status,
        rate_percent: score.rate_percent,
        records_to_convert: score.shortfall.map(|s| s.convert),
        records_to_add: score.shortfall.map(|s| s.add),
        evidence: observations
            .get(id.as_str())
            .and_then(|o| o.evidence.clone()),
        appraised_points: appraised,
        appraisal_reason: appraisal.map(|a| a.reason.clone()),
        open_until: score.open_until,
        working: Some(score.working),
    };
    let sums = Sums::leaf(&line);
    out.push(line);
    Ok(sums)
}
