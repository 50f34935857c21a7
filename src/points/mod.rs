//! Points: one criterion's score from what was observed, by its [`ScoringRule`].
//!
//! Points are computed as an exact fraction, judged (met / partial / not met) on that exact
//! value, and only then rounded by the set's [`Rounding`] policy (PLAN.md §5). The result
//! carries its [`Working`]: the rule's inputs and intermediate values, from which
//! [`explain`](crate::explain()) writes the giải trình.

use chrono::NaiveDate;
use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::attainment::{DeadlineOutcome, Evidence, FrequencyOutcome, Shortfall, WindowOutcome};
use crate::counts::{Counts, Observed};
use crate::criteria::{NotApplicablePolicy, ScoringRule};
use crate::error::{Error, Result};
use crate::fraction::Fraction;
use crate::rounding::Rounding;
mod outcome;
pub use outcome::{CriterionScore, ScoreStatus, Working};

use crate::target::{Deadline, Frequency, Percent, RateTarget, Target, Window};

impl ScoringRule {
    /// The rate target whose attainment earns full points, for rules that read counts.
    ///
    /// # Errors
    /// [`Error::PercentOutOfRange`] (and the like) for thresholds a validated set never has.
    pub fn full_target(&self) -> Result<Option<RateTarget>> {
        Ok(match self {
            Self::AllOrNothing {
                comparison,
                percent,
                min_count,
            } => {
                let target = RateTarget::at_least(Percent::new(*percent)?);
                let target = match comparison {
                    crate::target::Comparison::AtLeast => target,
                    crate::target::Comparison::AtMost => RateTarget::at_most(target.percent()),
                };
                Some(match min_count {
                    Some(c) => target.with_min_count(*c)?,
                    None => target,
                })
            }
            Self::Proportional => Some(RateTarget::at_least(Percent::HUNDRED)),
            Self::ProportionalToTarget { percent } => {
                Some(RateTarget::at_least(Percent::new(*percent)?))
            }
            Self::RateSteps { steps } => match steps.iter().map(|s| s.at_least).max() {
                Some(top) => Some(RateTarget::at_least(Percent::new(top)?)),
                None => None,
            },
            _ => None,
        })
    }

    /// Scores `observed` as [`ScoringRule::score`] does, but at the date `as_of`: a deadline
    /// not yet done, a window not yet held within it, or a frequency with a period still
    /// uncovered is [`ScoreStatus::Pending`] — not "not met" — while its time is not over,
    /// with the points earned so far and [`CriterionScore::open_until`], the last day that can
    /// still earn more (a deadline's last on-time day, then its late period; a window's end,
    /// then the outer period's; a frequency's last period's end). Other rules score as at the
    /// year's end.
    ///
    /// ```
    /// use cchc::{DeadlineWording, Evidence, NotApplicablePolicy, Observed, Rounding, ScoreStatus, ScoringRule};
    /// use chrono::NaiveDate;
    /// use rust_decimal_macros::dec;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let rule = ScoringRule::Deadline {
    ///     date: d(3, 31), wording: DeadlineWording::Before, late_share: dec!(0.5), late_until: d(12, 31),
    /// };
    /// let not_yet = Observed::Reported(Evidence::Completed(None));
    /// let policy = NotApplicablePolicy::FullPoints;
    /// let march = rule.score_at(dec!(1), &not_yet, policy, &Rounding::default(), d(3, 15))?;
    /// assert_eq!((march.status, march.open_until), (ScoreStatus::Pending, Some(d(3, 30))));
    /// let june = rule.score_at(dec!(1), &not_yet, policy, &Rounding::default(), d(6, 1))?;
    /// assert_eq!((june.status, june.open_until), (ScoreStatus::Pending, Some(d(12, 31))));
    /// let next_year = rule.score_at(dec!(1), &not_yet, policy, &Rounding::default(), d(12, 31) + chrono::Days::new(1))?;
    /// assert_eq!(next_year.status, ScoreStatus::NotMet);
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
        let mut score = self.score(max, observed, policy, rounding)?;
        if !matches!(score.status, ScoreStatus::NotMet | ScoreStatus::Partial) {
            return Ok(score);
        }
        let Observed::Reported(evidence) = observed else {
            return Ok(score);
        };
        let still = |day: NaiveDate| (as_of <= day).then_some(day);
        let open_until = match (self, evidence) {
            (
                Self::Deadline {
                    date,
                    wording,
                    late_until,
                    ..
                },
                Evidence::Completed(None),
            ) => Deadline::new(*date, *wording)
                .last_on_time_day()
                .and_then(still)
                .or_else(|| still(*late_until)),
            (
                Self::Window {
                    end, outside_end, ..
                },
                Evidence::Held(_),
            ) => {
                // Full points while the window lasts; after it, half points while the outer
                // period lasts, unless a date held there already earned them.
                let outside_earned = matches!(
                    score.working,
                    Working::Window {
                        outside_in_time: true,
                        ..
                    }
                );
                still(*end).or_else(|| {
                    if outside_earned {
                        None
                    } else {
                        still(*outside_end)
                    }
                })
            }
            (Self::Frequency { end, .. }, Evidence::Held(_)) => still(*end),
            _ => None,
        };
        if let Some(day) = open_until {
            score.status = ScoreStatus::Pending;
            score.open_until = Some(day);
        }
        Ok(score)
    }

    /// Scores `observed` against this rule for a criterion worth `max` points.
    ///
    /// ```
    /// use cchc::{Counts, Evidence, NotApplicablePolicy, Observed, Rounding, ScoreStatus, ScoringRule};
    /// use rust_decimal_macros::dec;
    /// let rule = ScoringRule::ProportionalToTarget { percent: dec!(35) };
    /// let seen = Observed::Reported(Evidence::Counts(Counts::new(90, 300)?));
    /// let score = rule.score(dec!(5), &seen, NotApplicablePolicy::FullPoints, &Rounding::default())?;
    /// assert_eq!(score.points, dec!(4.29)); // 5 × 30/35 = 4.2857…
    /// assert_eq!(score.status, ScoreStatus::Partial);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::EvidenceMismatch`] when the observation is not what the rule reads;
    /// [`Error::AboveMax`] for assessor points above `max`; [`Error::UnknownId`] for a category
    /// the rule does not list; [`Error::Negative`] for negative points.
    pub fn score(
        &self,
        max: Decimal,
        observed: &Observed<Evidence>,
        policy: NotApplicablePolicy,
        rounding: &Rounding,
    ) -> Result<CriterionScore> {
        let full = Fraction::from_decimal(max)?;
        let evidence = match observed {
            Observed::Missing => {
                return Ok(fixed(
                    Decimal::ZERO,
                    max,
                    ScoreStatus::Missing,
                    Working::Missing,
                    rounding,
                ));
            }
            Observed::NotApplicable => return Ok(not_applicable(max, policy, rounding)),
            Observed::Reported(evidence) => evidence,
        };
        let mismatch = || Error::EvidenceMismatch {
            expected: self.reads().describe(),
            found: evidence.describe(),
        };
        match (self, evidence) {
            (_, Evidence::Counts(counts)) if self.full_target()?.is_some() => {
                if counts.is_not_applicable() {
                    return Ok(not_applicable(max, policy, rounding));
                }
                self.score_counts(full, max, *counts, rounding)
            }
            (Self::CountSteps { steps }, Evidence::Count(count)) => {
                let reached = steps
                    .iter()
                    .filter(|s| *count >= s.at_least)
                    .max_by_key(|s| s.at_least)
                    .cloned();
                let points = reached
                    .as_ref()
                    .map_or(Ok(Fraction::ZERO), |s| Fraction::from_decimal(s.points))?;
                finish(
                    points,
                    full,
                    max,
                    None,
                    None,
                    Working::CountSteps {
                        count: *count,
                        reached,
                    },
                    rounding,
                )
            }
            (Self::Categories { options }, Evidence::Category(key)) => {
                let option =
                    options
                        .iter()
                        .find(|o| &o.key == key)
                        .ok_or_else(|| Error::UnknownId {
                            what: "category",
                            id: key.clone(),
                        })?;
                let points = full.mul(Fraction::from_decimal(option.share)?)?;
                finish(
                    points,
                    full,
                    max,
                    None,
                    None,
                    Working::Category {
                        option: option.clone(),
                    },
                    rounding,
                )
            }
            (
                Self::Deadline {
                    date,
                    wording,
                    late_share,
                    late_until,
                },
                Evidence::Completed(done_on),
            ) => {
                let deadline = Deadline::new(*date, *wording);
                let attained = Target::Deadline(deadline).attain(observed, rounding)?;
                let outcome = match attained.detail {
                    crate::attainment::Detail::Deadline(outcome) => outcome,
                    _ => DeadlineOutcome::NotDone,
                };
                let late_in_time = done_on.is_some_and(|d| d <= *late_until);
                let points = match outcome {
                    DeadlineOutcome::OnTime { .. } => full,
                    DeadlineOutcome::Late { .. } if late_in_time => {
                        full.mul(Fraction::from_decimal(*late_share)?)?
                    }
                    _ => Fraction::ZERO,
                };
                let working = Working::Deadline {
                    deadline,
                    outcome,
                    late_share: *late_share,
                    late_in_time,
                };
                finish(points, full, max, None, None, working, rounding)
            }
            (
                Self::Window {
                    start,
                    end,
                    outside_share,
                    outside_start,
                    outside_end,
                },
                Evidence::Held(dates),
            ) => {
                let window = Window::new(*start, *end)?;
                let outer = Window::new(*outside_start, *outside_end)?;
                let outcome = match dates.iter().find(|d| window.contains(**d)) {
                    Some(d) => WindowOutcome::Inside { held_on: *d },
                    None => match dates.iter().find(|d| outer.contains(**d)).or(dates.first()) {
                        Some(d) => WindowOutcome::Outside { held_on: *d },
                        None => WindowOutcome::NotHeld,
                    },
                };
                let outside_in_time = dates.iter().any(|d| outer.contains(*d));
                let points = match outcome {
                    WindowOutcome::Inside { .. } => full,
                    WindowOutcome::Outside { .. } if outside_in_time => {
                        full.mul(Fraction::from_decimal(*outside_share)?)?
                    }
                    _ => Fraction::ZERO,
                };
                let working = Working::Window {
                    window,
                    outcome,
                    outside_share: *outside_share,
                    outside_in_time,
                };
                finish(points, full, max, None, None, working, rounding)
            }
            (
                Self::Frequency {
                    every_months,
                    start,
                    end,
                },
                Evidence::Held(dates),
            ) => {
                let frequency = Frequency::new(*every_months, Window::new(*start, *end)?)?;
                let outcome = FrequencyOutcome {
                    covered: frequency.covered(dates),
                    required: frequency.required(),
                };
                let points = full.mul(Fraction::new(
                    u128::from(outcome.covered),
                    u128::from(outcome.required.max(1)),
                )?)?;
                finish(
                    points,
                    full,
                    max,
                    None,
                    None,
                    Working::Frequency {
                        outcome,
                        every_months: *every_months,
                    },
                    rounding,
                )
            }
            (Self::Done, Evidence::Done(done)) => {
                let points = if *done { full } else { Fraction::ZERO };
                finish(
                    points,
                    full,
                    max,
                    None,
                    None,
                    Working::Done { done: *done },
                    rounding,
                )
            }
            (Self::Assessor, Evidence::Points(points)) => {
                if *points > max {
                    return Err(Error::AboveMax {
                        what: "assessor points",
                        points: *points,
                        max,
                    });
                }
                let exact = Fraction::from_decimal(*points)?;
                finish(
                    exact,
                    full,
                    max,
                    None,
                    None,
                    Working::Assessor { points: *points },
                    rounding,
                )
            }
            _ => Err(mismatch()),
        }
    }

    fn score_counts(
        &self,
        full: Fraction,
        max: Decimal,
        counts: Counts,
        rounding: &Rounding,
    ) -> Result<CriterionScore> {
        let target = self.full_target()?.ok_or(Error::EvidenceMismatch {
            expected: "a rule on a rate",
            found: "counts",
        })?;
        let rate_percent = counts.rate().map(|r| r.percent(rounding)).transpose()?;
        let rate_percent_value = rate_percent.unwrap_or(Decimal::ZERO);
        let shortfall = target.shortfall(&counts);
        let met = target.is_met(&counts).unwrap_or(false);
        let (g, n) = (
            u128::from(counts.numerator()),
            u128::from(counts.denominator()),
        );
        let (points, working) = match self {
            Self::AllOrNothing { .. } => (
                if met { full } else { Fraction::ZERO },
                Working::AllOrNothing {
                    counts,
                    rate_percent: rate_percent_value,
                    target,
                    met,
                },
            ),
            Self::Proportional => (
                full.mul(Fraction::new(g, n)?)?,
                Working::Proportional {
                    counts,
                    rate_percent: rate_percent_value,
                    target: None,
                    capped: false,
                },
            ),
            Self::ProportionalToTarget { .. } => {
                let percent = target.percent();
                let points = if met {
                    full
                } else {
                    let (p, q) = (
                        percent.value().mantissa(),
                        100 * 10i128.pow(percent.value().scale()),
                    );
                    let (p, q) = (
                        u128::try_from(p).unwrap_or(0),
                        u128::try_from(q).unwrap_or(1),
                    );
                    // max × (g/n) ÷ (p/q) = max × g·q / (n·p); p > 0 here since 0% is always met.
                    full.mul(Fraction::new(g * q, n * p)?)?
                };
                (
                    points,
                    Working::Proportional {
                        counts,
                        rate_percent: rate_percent_value,
                        target: Some(percent),
                        capped: met,
                    },
                )
            }
            Self::RateSteps { steps } => {
                let reached = steps
                    .iter()
                    .filter(|s| {
                        Percent::new(s.at_least)
                            .is_ok_and(|p| RateTarget::at_least(p).is_met(&counts) == Some(true))
                    })
                    .max_by(|a, b| a.at_least.cmp(&b.at_least))
                    .cloned();
                let points = reached
                    .as_ref()
                    .map_or(Ok(Fraction::ZERO), |s| Fraction::from_decimal(s.points))?;
                (
                    points,
                    Working::RateSteps {
                        counts,
                        rate_percent: rate_percent_value,
                        reached,
                    },
                )
            }
            _ => (Fraction::ZERO, Working::Missing),
        };
        finish(
            points,
            full,
            max,
            rate_percent,
            shortfall,
            working,
            rounding,
        )
    }
}

fn fixed(
    points: Decimal,
    max: Decimal,
    status: ScoreStatus,
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
    let mut score = fixed(
        points,
        counted,
        ScoreStatus::NotApplicable,
        Working::NotApplicable { policy },
        rounding,
    );
    score.max_points = counted;
    score
}

fn finish(
    points: Fraction,
    full: Fraction,
    max: Decimal,
    rate_percent: Option<Decimal>,
    shortfall: Option<Shortfall>,
    working: Working,
    rounding: &Rounding,
) -> Result<CriterionScore> {
    let status = if points.is_zero() {
        ScoreStatus::NotMet
    } else if points.cmp_checked(full)? == Ordering::Less {
        ScoreStatus::Partial
    } else {
        ScoreStatus::Met
    };
    Ok(CriterionScore {
        points: points.round(rounding)?,
        max_points: max,
        status,
        rate_percent,
        shortfall,
        working,
        open_until: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use rust_decimal_macros::dec;

    fn counts(g: u64, n: u64) -> Observed<Evidence> {
        Observed::Reported(Evidence::Counts(Counts::new(g, n).unwrap()))
    }

    fn score(rule: &ScoringRule, max: Decimal, seen: &Observed<Evidence>) -> CriterionScore {
        rule.score(
            max,
            seen,
            NotApplicablePolicy::FullPoints,
            &Rounding::default(),
        )
        .unwrap()
    }

    #[test]
    fn plan_md_section_7_note() {
        // 49.93% of a 50% target: 3 × 0.9986 = 2.9958 → 3.00 rounded, yet partial.
        let rule = ScoringRule::ProportionalToTarget { percent: dec!(50) };
        let s = score(&rule, dec!(3), &counts(4993, 10000));
        assert_eq!(s.points, dec!(3.00));
        assert_eq!(s.status, ScoreStatus::Partial);
        assert_eq!(s.rate_percent, Some(dec!(49.93)));
    }

    #[test]
    fn deadline_late_share() {
        let rule = ScoringRule::Deadline {
            date: NaiveDate::from_ymd_opt(2023, 1, 30).unwrap(),
            wording: crate::target::DeadlineWording::Before,
            late_share: dec!(0.5),
            late_until: NaiveDate::from_ymd_opt(2023, 12, 31).unwrap(),
        };
        let on =
            |m, d| Observed::Reported(Evidence::Completed(NaiveDate::from_ymd_opt(2023, m, d)));
        assert_eq!(score(&rule, dec!(2), &on(1, 29)).points, dec!(2.00));
        let late = score(&rule, dec!(2), &on(1, 30));
        assert_eq!(
            (late.points, late.status),
            (dec!(1.00), ScoreStatus::Partial)
        );
        let never = score(
            &rule,
            dec!(2),
            &Observed::Reported(Evidence::Completed(None)),
        );
        assert_eq!(
            (never.points, never.status),
            (dec!(0.00), ScoreStatus::NotMet)
        );
    }

    #[test]
    fn not_applicable_policies() {
        let rule = ScoringRule::Proportional;
        let p = |policy| {
            rule.score(dec!(4), &counts(0, 0), policy, &Rounding::default())
                .unwrap()
        };
        assert_eq!(
            (
                p(NotApplicablePolicy::FullPoints).points,
                p(NotApplicablePolicy::FullPoints).max_points
            ),
            (dec!(4.00), dec!(4))
        );
        assert_eq!(
            (
                p(NotApplicablePolicy::LeaveOut).points,
                p(NotApplicablePolicy::LeaveOut).max_points
            ),
            (dec!(0.00), dec!(0))
        );
        assert_eq!(
            (
                p(NotApplicablePolicy::Zero).points,
                p(NotApplicablePolicy::Zero).max_points
            ),
            (dec!(0.00), dec!(4))
        );
        assert_eq!(
            p(NotApplicablePolicy::Zero).status,
            ScoreStatus::NotApplicable
        );
    }

    #[test]
    fn assessor_above_max_is_refused() {
        let err = ScoringRule::Assessor
            .score(
                dec!(2),
                &Observed::Reported(Evidence::Points(dec!(2.5))),
                NotApplicablePolicy::FullPoints,
                &Rounding::default(),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "assessor points of 2.5 points is above the maximum of 2"
        );
    }
}
