//! Points: one criterion's score from what was observed, by its [`ScoringRule`].
//!
//! Points are computed as an exact fraction, judged (met / partial / not met) on that exact
//! value, and only then rounded by the set's [`Rounding`] policy. The outcome of each shape
//! (deadline, window, frequency, rate) comes from the rule model, the same code that judges
//! plan targets, so a criterion and the plan item it measures always agree.

use std::cmp::Ordering;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::outcome::{CriterionScore, Working};
use crate::criteria::NotApplicablePolicy;
use crate::error::{Error, Reason, Result};
use crate::rate::{Counts, Fraction, Observed, Rounding};
use crate::rule::{
    DeadlineOutcome, Evidence, RateTarget, ScoringRule, Share, Status, WindowOutcome,
};

impl ScoringRule {
    /// Scores `observed` out of `max` points, with everything reported known.
    ///
    /// ```
    /// use cchc::{Counts, Evidence, Observed, Percent, Rounding, Status};
    /// use cchc::criteria::NotApplicablePolicy;
    /// use cchc::rule::ScoringRule;
    /// use rust_decimal_macros::dec;
    /// let rule = ScoringRule::ProportionalToTarget(Percent::new(dec!(50))?);
    /// let seen = Observed::Reported(Evidence::Counts(Counts::new(4993, 10000)?));
    /// let score = rule.score(dec!(3), &seen, NotApplicablePolicy::FullPoints, &Rounding::default())?;
    /// // 3 × 49.93/50 = 2.9958 rounds to 3.00, yet the exact points fall short: partial.
    /// assert_eq!((score.points, score.status), (dec!(3.00), Status::Partial));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for evidence the rule does not
    /// read; [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for assessor points
    /// above `max` or a category the rule does not have; an overflow beyond the exact range.
    pub fn score(
        &self,
        max: Decimal,
        observed: &Observed<Evidence>,
        policy: NotApplicablePolicy,
        rounding: &Rounding,
    ) -> Result<CriterionScore> {
        self.judge(max, observed, policy, rounding, None)
    }

    /// Scores `observed` as [`ScoringRule::score`] does, but at the end of `as_of`: facts
    /// dated after it are not yet known, and a criterion that can still earn full points is
    /// [`Status::Pending`] (a deadline whose last on-time day is `as_of` or later, a window
    /// not yet over, a frequency with no period missed and some still open — exactly when its
    /// [`target`](ScoringRule::target) is pending). [`CriterionScore::open_until`] gives the
    /// last day more points can still be earned, full or partial: a deadline's last on-time
    /// day, then its late period; a window's end, then its outer period's; a frequency's last
    /// day. Other rules score as reported.
    ///
    /// ```
    /// use cchc::{Evidence, Observed, Rounding, Status};
    /// use cchc::criteria::NotApplicablePolicy;
    /// use cchc::rule::{Deadline, DeadlineRule, DeadlineWording, ScoringRule, Share};
    /// use chrono::NaiveDate;
    /// use rust_decimal_macros::dec;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let due = Deadline::new(d(3, 31), DeadlineWording::Before)?;
    /// let rule = ScoringRule::Deadline(DeadlineRule::new(due, Share::HALF, d(12, 31))?);
    /// let not_yet = Observed::Reported(Evidence::Completed(None));
    /// let (policy, rounding) = (NotApplicablePolicy::FullPoints, Rounding::default());
    /// let march = rule.score_at(dec!(1), &not_yet, policy, &rounding, d(3, 15))?;
    /// assert_eq!((march.status, march.open_until), (Status::Pending, Some(d(3, 30))));
    /// // Overdue: full points are lost, half can still be earned until 31 December.
    /// let june = rule.score_at(dec!(1), &not_yet, policy, &rounding, d(6, 1))?;
    /// assert_eq!((june.status, june.open_until), (Status::NotMet, Some(d(12, 31))));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`ScoringRule::score`].
    pub fn score_at(
        &self,
        max: Decimal,
        observed: &Observed<Evidence>,
        policy: NotApplicablePolicy,
        rounding: &Rounding,
        as_of: NaiveDate,
    ) -> Result<CriterionScore> {
        self.judge(max, observed, policy, rounding, Some(as_of))
    }

    fn judge(
        &self,
        max: Decimal,
        observed: &Observed<Evidence>,
        policy: NotApplicablePolicy,
        rounding: &Rounding,
        as_of: Option<NaiveDate>,
    ) -> Result<CriterionScore> {
        let full = Fraction::from_decimal(max)?;
        let evidence = match observed {
            Observed::Missing => {
                return Ok(fixed(
                    Decimal::ZERO,
                    max,
                    Status::Missing,
                    Working::Missing,
                    rounding,
                ));
            }
            Observed::NotApplicable => return Ok(not_applicable(max, policy, rounding)),
            Observed::Reported(evidence) => evidence,
        };
        let mismatch = || {
            Error::from(Reason::EvidenceMismatch {
                expected: self.reads().describe(),
                found: evidence.describe(),
            })
        };
        let share = |share: Share| full.mul(Fraction::from_decimal(share.value())?);
        let plain = |points, working| Ok(Scored::new(points, working));
        let scored = match (self, evidence) {
            (_, Evidence::Counts(counts)) if self.full_target().is_some() => {
                if counts.is_not_applicable() {
                    return Ok(not_applicable(max, policy, rounding));
                }
                return self.score_counts(full, max, *counts, rounding);
            }
            (Self::CountSteps(steps), Evidence::Count(count)) => {
                let reached = steps
                    .steps()
                    .iter()
                    .find(|s| *count >= s.at_least())
                    .copied();
                let points =
                    reached.map_or(Ok(Fraction::ZERO), |s| Fraction::from_decimal(s.points()))?;
                plain(
                    points,
                    Working::CountSteps {
                        count: *count,
                        reached,
                    },
                )
            }
            (Self::Categories(categories), Evidence::Category(key)) => {
                let option = categories.get(key.as_str()).ok_or_else(|| {
                    Error::from(Reason::UnknownId {
                        what: "category",
                        id: key.to_string(),
                    })
                    .with_key("category")
                })?;
                plain(
                    share(option.share())?,
                    Working::Category {
                        option: option.clone(),
                    },
                )
            }
            (Self::Deadline(rule), Evidence::Completed(done_on)) => {
                let deadline = rule.deadline();
                let outcome = deadline.judge(*done_on, as_of);
                // Done (and known by the date) no later than the end of the late period.
                let late_in_time = done_on
                    .filter(|d| as_of.is_none_or(|day| *d <= day))
                    .is_some_and(|d| d <= rule.late_until());
                let points = match outcome {
                    DeadlineOutcome::OnTime { .. } => full,
                    DeadlineOutcome::Late { .. } if late_in_time => share(rule.late_share())?,
                    _ => Fraction::ZERO,
                };
                let late_pays = !rule.late_share().value().is_zero();
                let open_until = as_of.and_then(|day| match outcome {
                    DeadlineOutcome::Pending { .. } => Some(deadline.last_on_time_day()),
                    DeadlineOutcome::NotDone if late_pays => still(day, rule.late_until()),
                    _ => None,
                });
                Ok(Scored {
                    points,
                    working: Working::Deadline {
                        deadline,
                        outcome,
                        late_share: rule.late_share(),
                        late_in_time,
                    },
                    pending: false,
                    open_until,
                })
            }
            (Self::Window(rule), Evidence::Held(dates)) => {
                let (window, outer) = (rule.window(), rule.outside());
                let (outcome, outside_in_time) = rule.judge(dates, as_of);
                let points = match outcome {
                    WindowOutcome::Inside { .. } => full,
                    WindowOutcome::Outside { .. } if outside_in_time => {
                        share(rule.outside_share())?
                    }
                    _ => Fraction::ZERO,
                };
                let outside_pays = !rule.outside_share().value().is_zero();
                let open_until = as_of.and_then(|day| {
                    if outcome.is_inside() {
                        None
                    } else if outside_in_time || !outside_pays {
                        still(day, window.end())
                    } else {
                        still(day, window.end()).or_else(|| still(day, outer.end()))
                    }
                });
                Ok(Scored {
                    points,
                    working: Working::Window {
                        window,
                        outcome,
                        outside_share: rule.outside_share(),
                        outside_in_time,
                    },
                    pending: false,
                    open_until,
                })
            }
            (Self::Frequency(frequency), Evidence::Held(dates)) => {
                let outcome = frequency.judge(dates, as_of);
                let points = full.mul(Fraction::new(
                    u128::from(outcome.covered),
                    u128::from(outcome.required.max(1)),
                )?)?;
                Ok(Scored {
                    points,
                    working: Working::Frequency {
                        outcome,
                        every_months: frequency.every_months(),
                    },
                    pending: false,
                    open_until: (outcome.open > 0).then(|| frequency.within().end()),
                })
            }
            (Self::Done, Evidence::Done(done)) => plain(
                if *done { full } else { Fraction::ZERO },
                Working::Done { done: *done },
            ),
            (Self::Assessor, Evidence::Points(points)) => {
                if points.is_sign_negative() && !points.is_zero() {
                    return Err(Error::from(Reason::Negative {
                        what: "assessor points",
                        value: *points,
                    })
                    .with_key("points"));
                }
                if *points > max {
                    return Err(Error::from(Reason::AboveMax {
                        what: "assessor points",
                        points: *points,
                        max,
                    })
                    .with_key("points"));
                }
                plain(
                    Fraction::from_decimal(*points)?,
                    Working::Assessor { points: *points },
                )
            }
            _ => Err(mismatch()),
        }?;
        let mut scored = scored;
        // Pending exactly when the target full points are earned for is pending: the rule
        // model decides it, for plan items and criteria alike.
        if let Some(day) = as_of
            && let Some(target) = self.target()
        {
            scored.pending = target.attain_at(observed, day, rounding)?.status == Status::Pending;
        }
        scored.finish(full, max, rounding)
    }

    /// Points, counted maximum and status only — what a summary needs — without the working,
    /// the rate shown or the records short: the same figures as [`ScoringRule::score`], the
    /// rate rules computed by the same code, the others by [`ScoringRule::score`] itself.
    pub(crate) fn points_only(
        &self,
        max: Decimal,
        observed: &Observed<Evidence>,
        policy: NotApplicablePolicy,
        rounding: &Rounding,
    ) -> Result<(Decimal, Decimal, Status)> {
        if let Observed::Reported(Evidence::Counts(counts)) = observed
            && !counts.is_not_applicable()
            && let Some(target) = self.full_target()
        {
            let full = Fraction::from_decimal(max)?;
            let (points, _) = self.rate_points(full, &target, *counts)?;
            let status = judged(points, full, false)?;
            return Ok((points.round(rounding)?, max, status));
        }
        let score = self.score(max, observed, policy, rounding)?;
        Ok((score.points, score.max_points, score.status))
    }

    /// The exact points of a rate rule for `counts` (not 0 of 0), and whether the full target
    /// is met.
    fn rate_points(
        &self,
        full: Fraction,
        target: &RateTarget,
        counts: Counts,
    ) -> Result<(Fraction, bool)> {
        let met = target.is_met(&counts).unwrap_or(false);
        let (g, n) = (
            u128::from(counts.numerator()),
            u128::from(counts.denominator()),
        );
        let points = match self {
            Self::AllOrNothing(_) => {
                if met {
                    full
                } else {
                    Fraction::ZERO
                }
            }
            Self::Proportional => full.mul(Fraction::new(g, n)?)?,
            Self::ProportionalToTarget(percent) => {
                if met {
                    full
                } else {
                    // max × (g/n) ÷ (p/q) = max × g·q / (n·p); p > 0 since 0% is always met.
                    let (p, q) = percent.fraction();
                    full.mul(Fraction::new(g * q, n * p)?)?
                }
            }
            Self::RateSteps(steps) => steps
                .steps()
                .iter()
                .find(|s| {
                    crate::rule::RateTarget::at_least_any(s.at_least()).is_met(&counts)
                        == Some(true)
                })
                .map_or(Ok(Fraction::ZERO), |s| Fraction::from_decimal(s.points()))?,
            _ => Fraction::ZERO,
        };
        Ok((points, met))
    }

    fn score_counts(
        &self,
        full: Fraction,
        max: Decimal,
        counts: Counts,
        rounding: &Rounding,
    ) -> Result<CriterionScore> {
        let target = self.full_target().ok_or_else(|| {
            Error::from(Reason::EvidenceMismatch {
                expected: "a rule on a rate",
                found: "counts",
            })
        })?;
        let rate_percent = counts.rate().map(|r| r.percent(rounding)).transpose()?;
        let rate_percent_value = rate_percent.unwrap_or(Decimal::ZERO);
        let shortfall = target.shortfall(&counts);
        let (points, met) = self.rate_points(full, &target, counts)?;
        let working = match self {
            Self::AllOrNothing(_) => Working::AllOrNothing {
                counts,
                rate_percent: rate_percent_value,
                target,
                met,
            },
            Self::Proportional => Working::Proportional {
                counts,
                rate_percent: rate_percent_value,
                target: None,
                capped: false,
            },
            Self::ProportionalToTarget(percent) => Working::Proportional {
                counts,
                rate_percent: rate_percent_value,
                target: Some(*percent),
                capped: met,
            },
            Self::RateSteps(steps) => Working::RateSteps {
                counts,
                rate_percent: rate_percent_value,
                reached: steps
                    .steps()
                    .iter()
                    .find(|s| {
                        crate::rule::RateTarget::at_least_any(s.at_least()).is_met(&counts)
                            == Some(true)
                    })
                    .copied(),
            },
            _ => Working::Missing,
        };
        let mut score = Scored::new(points, working).finish(full, max, rounding)?;
        score.rate_percent = rate_percent;
        score.shortfall = shortfall;
        Ok(score)
    }
}

/// `day` when `as_of` is not past it.
fn still(as_of: NaiveDate, day: NaiveDate) -> Option<NaiveDate> {
    (as_of <= day).then_some(day)
}

/// Exact points and what is still open, before rounding and judging.
struct Scored {
    points: Fraction,
    working: Working,
    /// Whether full points can still be earned at the date.
    pending: bool,
    /// The last day more points can be earned, at a date.
    open_until: Option<NaiveDate>,
}

impl Scored {
    const fn new(points: Fraction, working: Working) -> Self {
        Self {
            points,
            working,
            pending: false,
            open_until: None,
        }
    }

    /// Judged on the exact points, then rounded.
    fn finish(self, full: Fraction, max: Decimal, rounding: &Rounding) -> Result<CriterionScore> {
        let status = judged(self.points, full, self.pending)?;
        Ok(CriterionScore {
            points: self.points.round(rounding)?,
            max_points: max,
            status,
            rate_percent: None,
            shortfall: None,
            working: self.working,
            open_until: if status == Status::Met {
                None
            } else {
                self.open_until
            },
        })
    }
}

/// The status of exact `points` out of `full`: met, partial or not met — or pending, while
/// full points can still be earned.
fn judged(points: Fraction, full: Fraction, pending: bool) -> Result<Status> {
    Ok(match (points.is_zero(), points.cmp_checked(full)?) {
        (false, Ordering::Equal | Ordering::Greater) => Status::Met,
        _ if pending => Status::Pending,
        (true, _) => Status::NotMet,
        (false, _) => Status::Partial,
    })
}

fn fixed(
    points: Decimal,
    max: Decimal,
    status: Status,
    working: Working,
    rounding: &Rounding,
) -> CriterionScore {
    CriterionScore {
        points: rounding.round(points),
        max_points: max,
        status,
        rate_percent: None,
        shortfall: None,
        working,
        open_until: None,
    }
}

impl CriterionScore {
    /// The score of a criterion that applies at other levels only: *không phát sinh* by the
    /// policy.
    pub(crate) fn out_of_scope(
        max: Decimal,
        policy: NotApplicablePolicy,
        levels: Vec<crate::Id>,
        rounding: &Rounding,
    ) -> Self {
        let mut score = not_applicable(max, policy, rounding);
        score.working = Working::OutOfScope { policy, levels };
        score
    }

    /// The score of a survey criterion in a year without a survey: left out.
    pub(crate) fn no_survey(rounding: &Rounding) -> Self {
        fixed(
            Decimal::ZERO,
            Decimal::ZERO,
            Status::NotApplicable,
            Working::NoSurvey,
            rounding,
        )
    }
}

fn not_applicable(
    max: Decimal,
    policy: NotApplicablePolicy,
    rounding: &Rounding,
) -> CriterionScore {
    let (points, counted) = match policy {
        NotApplicablePolicy::FullPoints => (max, max),
        NotApplicablePolicy::LeaveOut => (Decimal::ZERO, Decimal::ZERO),
        NotApplicablePolicy::Zero => (Decimal::ZERO, max),
    };
    fixed(
        points,
        counted,
        Status::NotApplicable,
        Working::NotApplicable { policy },
        rounding,
    )
}

#[cfg(test)]
mod tests;
