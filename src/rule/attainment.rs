//! Attainment: where a plan item stands against its target, at the end of its time or at a
//! date, and the figures that say why.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::outcome::{DeadlineOutcome, FrequencyOutcome, WindowOutcome};
use super::shortfall::RateAttainment;
use super::target::Target;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::{Counts, Observed, Rounding};

/// Where a plan item or a criterion stands.
///
/// A plan item is met, not met, pending, not applicable or missing; a criterion's points add
/// [`Status::Partial`]. Criteria are judged on their exact points before rounding, so a
/// criterion can show full points after rounding and still be partial.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Status {
    /// The target is met (đạt): for a criterion, full points.
    Met,
    /// Some points, not all (criteria only).
    Partial,
    /// The target is not met (không đạt): for a criterion, no points.
    NotMet,
    /// Nothing arose in scope (không phát sinh).
    NotApplicable,
    /// Nothing was reported.
    Missing,
    /// Not met yet, but it can still be met in full: at a date before its time is over, a
    /// deadline whose last on-time day has not passed, a window not yet over, a frequency with
    /// periods still open and none missed.
    Pending,
}

impl Status {
    /// The status as written in JSON and CSV: `met`, `partial`, `not_met`, `not_applicable`,
    /// `missing`, `pending`.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Met => "met",
            Self::Partial => "partial",
            Self::NotMet => "not_met",
            Self::NotApplicable => "not_applicable",
            Self::Missing => "missing",
            Self::Pending => "pending",
        }
    }
}

/// What was observed of a plan item or a criterion (when something was reported).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Evidence {
    /// Counts, for a rate.
    Counts(Counts),
    /// A count, for a count target or count steps.
    Count(u64),
    /// The day the work was done, or `None` when not done, for a deadline.
    Completed(Option<NaiveDate>),
    /// The days something was held, for a window or a frequency.
    Held(Vec<NaiveDate>),
    /// Done or not.
    Done(bool),
    /// Points given by an assessor.
    Points(Decimal),
    /// A named category (for a category rule).
    Category(Id),
}

impl Evidence {
    /// What this evidence is, in words, for error messages.
    #[must_use]
    pub const fn describe(&self) -> &'static str {
        match self {
            Self::Counts(_) => "counts",
            Self::Count(_) => "a count",
            Self::Completed(_) => "a completion date",
            Self::Held(_) => "dates held",
            Self::Done(_) => "done / not done",
            Self::Points(_) => "assessor points",
            Self::Category(_) => "a category",
        }
    }
}

/// The figures behind an [`Attainment`], by kind of target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Detail {
    /// Nothing to show: not applicable or missing.
    None,
    /// A rate.
    Rate(RateAttainment),
    /// A count against the least count.
    #[non_exhaustive]
    Count {
        /// The count observed.
        count: u64,
        /// The least count that meets the target.
        required: u64,
    },
    /// A deadline.
    Deadline(DeadlineOutcome),
    /// A window.
    Window(WindowOutcome),
    /// A frequency.
    Frequency(FrequencyOutcome),
    /// Done or not.
    Done(bool),
}

/// Where a plan item stands: its status, and the figures that say why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attainment {
    /// Met, not met, pending, not applicable or missing (never partial).
    pub status: Status,
    /// The figures behind the status.
    pub detail: Detail,
}

impl Attainment {
    const fn of(status: Status, detail: Detail) -> Self {
        Self { status, detail }
    }
}

impl Target {
    /// Where `observed` stands against this target, with everything reported known.
    ///
    /// ```
    /// use cchc::{Counts, Evidence, Observed, Percent, Rounding, Status};
    /// use cchc::rule::{Detail, RateTarget, Records, Target};
    /// use rust_decimal_macros::dec;
    /// let target = Target::Rate(RateTarget::at_least(Percent::new(dec!(35))?)?);
    /// let seen = Observed::Reported(Evidence::Counts(Counts::new(90, 300)?));
    /// let result = target.attain(&seen, &Rounding::default())?;
    /// assert_eq!(result.status, Status::NotMet);
    /// let Detail::Rate(rate) = result.detail else { unreachable!() };
    /// assert_eq!(rate.percent, dec!(30.00));
    /// assert_eq!(rate.gap_points, dec!(-5.00));
    /// assert_eq!(rate.shortfall.convert, Records::Needed(15));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) when the evidence is not of the
    /// kind the target measures.
    pub fn attain(&self, observed: &Observed<Evidence>, rounding: &Rounding) -> Result<Attainment> {
        self.judge(observed, None, rounding)
    }

    /// Where `observed` stands against this target at the end of `as_of`.
    ///
    /// Facts dated after `as_of` (completion and held dates) are not yet known and are left
    /// out. A target not met yet that can still be met is [`Status::Pending`]: a deadline not
    /// done whose last on-time day is `as_of` or later, a window not held inside it whose last
    /// day is `as_of` or later, a frequency with no period missed and some still open. Rates,
    /// counts and done / not done are judged as reported.
    ///
    /// ```
    /// use cchc::{Evidence, Observed, Rounding, Status};
    /// use cchc::rule::{Deadline, DeadlineWording, Target};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let report = Target::Deadline(Deadline::new(d(12, 5), DeadlineWording::Before)?);
    /// let done = Observed::Reported(Evidence::Completed(Some(d(12, 1))));
    /// let policy = Rounding::default();
    /// assert_eq!(report.attain_at(&done, d(11, 30), &policy)?.status, Status::Pending);
    /// assert_eq!(report.attain_at(&done, d(12, 1), &policy)?.status, Status::Met);
    /// let not_yet = Observed::Reported(Evidence::Completed(None));
    /// assert_eq!(report.attain_at(&not_yet, d(12, 5), &policy)?.status, Status::NotMet);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Target::attain`].
    pub fn attain_at(
        &self,
        observed: &Observed<Evidence>,
        as_of: NaiveDate,
        rounding: &Rounding,
    ) -> Result<Attainment> {
        self.judge(observed, Some(as_of), rounding)
    }

    fn judge(
        &self,
        observed: &Observed<Evidence>,
        as_of: Option<NaiveDate>,
        rounding: &Rounding,
    ) -> Result<Attainment> {
        let evidence = match observed {
            Observed::Reported(evidence) => evidence,
            Observed::NotApplicable => {
                return Ok(Attainment::of(Status::NotApplicable, Detail::None));
            }
            Observed::Missing => return Ok(Attainment::of(Status::Missing, Detail::None)),
        };
        let status = |met: bool, open: bool| match (met, open) {
            (true, _) => Status::Met,
            (false, true) => Status::Pending,
            (false, false) => Status::NotMet,
        };
        Ok(match (self, evidence) {
            (Self::Rate(target), Evidence::Counts(counts)) => match target.is_met(counts) {
                None => Attainment::of(Status::NotApplicable, Detail::None),
                Some(met) => Attainment::of(
                    status(met, false),
                    Detail::Rate(RateAttainment::new(target, counts, rounding)?),
                ),
            },
            (Self::Count(target), Evidence::Count(count)) => Attainment::of(
                status(target.is_met(*count), false),
                Detail::Count {
                    count: *count,
                    required: target.least(),
                },
            ),
            (Self::Deadline(deadline), Evidence::Completed(done_on)) => {
                let outcome = deadline.judge(*done_on, as_of);
                Attainment::of(
                    status(outcome.is_on_time(), outcome.is_open()),
                    Detail::Deadline(outcome),
                )
            }
            (Self::Window(window), Evidence::Held(dates)) => {
                let outcome = window.judge(dates, as_of);
                let open = as_of.is_some_and(|day| window.is_open(&outcome, day));
                Attainment::of(status(outcome.is_inside(), open), Detail::Window(outcome))
            }
            (Self::Frequency(frequency), Evidence::Held(dates)) => {
                let outcome = frequency.judge(dates, as_of);
                Attainment::of(
                    status(outcome.is_met(), outcome.is_open()),
                    Detail::Frequency(outcome),
                )
            }
            (Self::Done, Evidence::Done(done)) => {
                Attainment::of(status(*done, false), Detail::Done(*done))
            }
            (target, evidence) => {
                return Err(Error::from(Reason::EvidenceMismatch {
                    expected: match target {
                        Self::Rate(_) => "counts",
                        Self::Count(_) => "a count",
                        Self::Deadline(_) => "a completion date",
                        Self::Window(_) | Self::Frequency(_) => "dates held",
                        Self::Done => "done / not done",
                    },
                    found: evidence.describe(),
                }));
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::{Frequency, Window};

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, day).unwrap()
    }

    fn held(dates: &[NaiveDate]) -> Observed<Evidence> {
        Observed::Reported(Evidence::Held(dates.to_vec()))
    }

    #[test]
    fn every_status_has_its_json_name() {
        for s in [
            Status::Met,
            Status::Partial,
            Status::NotMet,
            Status::NotApplicable,
            Status::Missing,
            Status::Pending,
        ] {
            assert_eq!(
                serde_json::to_value(s).unwrap(),
                serde_json::Value::String(s.as_str().to_owned())
            );
        }
    }

    #[test]
    fn mismatched_evidence_is_an_error() {
        let err = Target::Done
            .attain(
                &Observed::Reported(Evidence::Count(3)),
                &Rounding::default(),
            )
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "a count does not fit a target measured by done / not done"
        );
        assert_eq!(err.kind(), crate::ErrorKind::Mismatch);
    }

    #[test]
    fn window_pending_until_over() {
        let q4 = Target::Window(Window::quarter(2023, 4).unwrap());
        let policy = Rounding::default();
        let early = held(&[d(5, 1)]);
        let at = |date| q4.attain_at(&early, date, &policy).unwrap();
        assert_eq!(at(d(9, 1)).status, Status::Pending);
        assert_eq!(
            at(d(9, 1)).detail,
            Detail::Window(WindowOutcome::Outside { held_on: d(5, 1) })
        );
        assert_eq!(at(d(12, 31)).status, Status::Pending); // the window's last day
        let next_year = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        assert_eq!(at(next_year).status, Status::NotMet);
        let inside = held(&[d(10, 20)]);
        assert_eq!(
            q4.attain_at(&inside, d(10, 20), &policy).unwrap().status,
            Status::Met
        );
        // Held on 20 October, but asked on 19 October: not known yet.
        assert_eq!(
            q4.attain_at(&inside, d(10, 19), &policy).unwrap().status,
            Status::Pending
        );
    }

    #[test]
    fn frequency_open_periods_are_not_missed() {
        let f = Target::Frequency(Frequency::new(6, Window::year(2023).unwrap()).unwrap());
        let policy = Rounding::default();
        let status =
            |dates: &[NaiveDate], day| f.attain_at(&held(dates), day, &policy).unwrap().status;
        assert_eq!(status(&[d(3, 1)], d(9, 30)), Status::Pending);
        assert_eq!(status(&[], d(6, 30)), Status::Pending);
        assert_eq!(status(&[], d(7, 1)), Status::NotMet);
        assert_eq!(status(&[d(3, 1), d(8, 1)], d(8, 1)), Status::Met);
        assert_eq!(status(&[d(3, 1), d(8, 1)], d(7, 31)), Status::Pending);
    }

    #[test]
    fn other_targets_as_reported() {
        let policy = Rounding::default();
        let done = Observed::Reported(Evidence::Done(false));
        assert_eq!(
            Target::Done
                .attain_at(&done, d(1, 1), &policy)
                .unwrap()
                .status,
            Status::NotMet
        );
        assert_eq!(
            Target::Done
                .attain_at(&Observed::Missing, d(1, 1), &policy)
                .unwrap()
                .status,
            Status::Missing
        );
    }
}
