//! Attainment at a date: what is still open is *pending*, not missed.
//!
//! Part-way through the year a deadline not yet reached, a window not yet over or a frequency
//! with periods still to come has not failed. [`Target::attain_at`] judges an observation as it
//! stood at an `as_of` date — facts dated after `as_of` are not yet known and are left out —
//! and reports such targets as [`Status::Pending`]. [`Deadline::outcome_at`] and
//! [`Frequency::progress_at`] give the figures behind it.
//!
//! A day counts as open until it is over: a deadline whose last on-time day is `as_of` itself,
//! a window or a frequency period that ends on `as_of`, are still pending that day.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::attainment::{
    Attainment, DeadlineOutcome, Detail, Evidence, FrequencyOutcome, Status, WindowOutcome,
};
use crate::counts::Observed;
use crate::error::Result;
use crate::rounding::Rounding;
use crate::target::{Deadline, Frequency, Target, Window};

/// Where work with a deadline stands at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "progress")]
#[non_exhaustive]
pub enum DeadlineProgress {
    /// Done by the date, on time.
    OnTime {
        /// The day it was done.
        done_on: NaiveDate,
    },
    /// Done by the date, late.
    Late {
        /// The day it was done.
        done_on: NaiveDate,
        /// Days past the last on-time day.
        days_late: i64,
    },
    /// Not done yet, and the last on-time day is today or later.
    Pending {
        /// Days from the date to the last on-time day (0 on that day).
        days_left: i64,
    },
    /// Not done, and the last on-time day has passed (it may still be done late).
    Overdue {
        /// Days from the last on-time day to the date.
        days_overdue: i64,
    },
}

impl Deadline {
    /// Where work done on `done_on` (or not done) stands at the end of `as_of`. Work dated
    /// after `as_of` is not yet done at `as_of`.
    ///
    /// ```
    /// use cchc::{Deadline, DeadlineProgress, DeadlineWording};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let report = Deadline::new(d(3, 31), DeadlineWording::Before); // trước 31/3/2023
    /// assert_eq!(report.outcome_at(None, d(3, 29)), DeadlineProgress::Pending { days_left: 1 });
    /// assert_eq!(report.outcome_at(None, d(3, 30)), DeadlineProgress::Pending { days_left: 0 });
    /// assert_eq!(report.outcome_at(None, d(3, 31)), DeadlineProgress::Overdue { days_overdue: 1 });
    /// assert_eq!(
    ///     report.outcome_at(Some(d(3, 20)), d(3, 25)),
    ///     DeadlineProgress::OnTime { done_on: d(3, 20) }
    /// );
    /// ```
    #[must_use]
    pub fn outcome_at(&self, done_on: Option<NaiveDate>, as_of: NaiveDate) -> DeadlineProgress {
        match done_on.filter(|d| *d <= as_of) {
            Some(done_on) if self.is_on_time(done_on) => DeadlineProgress::OnTime { done_on },
            Some(done_on) => DeadlineProgress::Late {
                done_on,
                days_late: self.days_late(done_on),
            },
            None => match self.last_on_time_day() {
                Some(last) if last >= as_of => DeadlineProgress::Pending {
                    days_left: (last - as_of).num_days(),
                },
                Some(last) => DeadlineProgress::Overdue {
                    days_overdue: (as_of - last).num_days(),
                },
                // "Before" the first representable day: nothing was ever on time.
                None => DeadlineProgress::Overdue {
                    days_overdue: (as_of - self.date()).num_days() + 1,
                },
            },
        }
    }
}

/// The periods of a [`Frequency`] at a date: covered, missed, or still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FrequencyProgress {
    /// Periods with an event on or before the date.
    pub covered: u32,
    /// Periods over by the date (ended before it) without an event.
    pub missed: u32,
    /// Periods not over by the date (ending on it or later) without an event yet.
    pub open: u32,
    /// Periods in all.
    pub required: u32,
}

impl Frequency {
    /// Which periods hold an event of `dates` known at the end of `as_of` (dates after it are
    /// left out), which are missed and which are still open.
    ///
    /// ```
    /// use cchc::{Frequency, FrequencyProgress, Window};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let twice_a_year = Frequency::new(6, Window::year(2023)?)?;
    /// let at = twice_a_year.progress_at(&[d(3, 1)], d(9, 30));
    /// assert_eq!(at, FrequencyProgress { covered: 1, missed: 0, open: 1, required: 2 });
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn progress_at(&self, dates: &[NaiveDate], as_of: NaiveDate) -> FrequencyProgress {
        let mut progress = FrequencyProgress {
            covered: 0,
            missed: 0,
            open: 0,
            required: 0,
        };
        for period in self.periods() {
            let held = dates.iter().any(|d| *d <= as_of && period.contains(*d));
            let tally = if held {
                &mut progress.covered
            } else if period.end() < as_of {
                &mut progress.missed
            } else {
                &mut progress.open
            };
            *tally = tally.saturating_add(1);
            progress.required = progress.required.saturating_add(1);
        }
        progress
    }
}

/// The dates of `dates` known by the end of `as_of`, in the order given.
fn known_by(dates: &[NaiveDate], as_of: NaiveDate) -> Vec<NaiveDate> {
    dates.iter().copied().filter(|d| *d <= as_of).collect()
}

fn pending(detail: Detail) -> Attainment {
    Attainment {
        status: Status::Pending,
        detail,
    }
}

fn window_outcome(window: &Window, dates: &[NaiveDate]) -> WindowOutcome {
    match dates.iter().find(|d| window.contains(**d)) {
        Some(d) => WindowOutcome::Inside { held_on: *d },
        None => dates
            .first()
            .map_or(WindowOutcome::NotHeld, |d| WindowOutcome::Outside {
                held_on: *d,
            }),
    }
}

impl Target {
    /// Where `observed` stands against this target at the end of `as_of`.
    ///
    /// As [`Target::attain`], on the facts known by `as_of` (completion and held dates after
    /// it are left out), except that a target not met yet but still open is
    /// [`Status::Pending`]:
    ///
    /// - a deadline not done whose last on-time day is `as_of` or later (detail: not done);
    /// - a window not held inside it whose last day is `as_of` or later (detail: the outcome
    ///   so far);
    /// - a frequency with no period missed and some still open (detail: periods covered so
    ///   far); a missed period makes it not met.
    ///
    /// Rates, counts and done / not done are judged as reported.
    ///
    /// ```
    /// use cchc::{Deadline, DeadlineWording, Evidence, Observed, Rounding, Status, Target};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let report = Target::Deadline(Deadline::new(d(12, 5), DeadlineWording::Before));
    /// let not_yet = Observed::Reported(Evidence::Completed(None));
    /// let policy = Rounding::default();
    /// assert_eq!(report.attain_at(&not_yet, d(12, 4), &policy)?.status, Status::Pending);
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
        let Observed::Reported(evidence) = observed else {
            return self.attain(observed, rounding);
        };
        match (self, evidence) {
            (Self::Deadline(deadline), Evidence::Completed(done_on)) => {
                match deadline.outcome_at(*done_on, as_of) {
                    DeadlineProgress::Pending { .. } => {
                        Ok(pending(Detail::Deadline(DeadlineOutcome::NotDone)))
                    }
                    _ => {
                        let known = Evidence::Completed(done_on.filter(|d| *d <= as_of));
                        self.attain(&Observed::Reported(known), rounding)
                    }
                }
            }
            (Self::Window(window), Evidence::Held(dates)) => {
                let known = known_by(dates, as_of);
                let outcome = window_outcome(window, &known);
                if !matches!(outcome, WindowOutcome::Inside { .. }) && window.end() >= as_of {
                    return Ok(pending(Detail::Window(outcome)));
                }
                self.attain(&Observed::Reported(Evidence::Held(known)), rounding)
            }
            (Self::Frequency(frequency), Evidence::Held(dates)) => {
                let progress = frequency.progress_at(dates, as_of);
                if progress.missed == 0 && progress.open > 0 {
                    return Ok(pending(Detail::Frequency(FrequencyOutcome {
                        covered: progress.covered,
                        required: progress.required,
                    })));
                }
                let known = Evidence::Held(known_by(dates, as_of));
                self.attain(&Observed::Reported(known), rounding)
            }
            _ => self.attain(observed, rounding),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, day).unwrap()
    }

    fn held(dates: &[NaiveDate]) -> Observed<Evidence> {
        Observed::Reported(Evidence::Held(dates.to_vec()))
    }

    #[test]
    fn later_completion_is_not_known_yet() {
        let by = Deadline::new(d(6, 30), crate::target::DeadlineWording::By);
        assert_eq!(
            by.outcome_at(Some(d(7, 10)), d(6, 1)),
            DeadlineProgress::Pending { days_left: 29 }
        );
        assert_eq!(
            by.outcome_at(Some(d(7, 10)), d(7, 5)),
            DeadlineProgress::Overdue { days_overdue: 5 }
        );
        assert_eq!(
            by.outcome_at(Some(d(7, 10)), d(7, 10)),
            DeadlineProgress::Late {
                done_on: d(7, 10),
                days_late: 10
            }
        );
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
        assert_eq!(
            q4.attain_at(
                &early,
                NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                &policy
            )
            .unwrap()
            .status,
            Status::NotMet
        );
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
        let first_half = held(&[d(3, 1)]);
        assert_eq!(
            f.attain_at(&first_half, d(9, 30), &policy).unwrap().status,
            Status::Pending
        );
        let none = held(&[]);
        // 30 June: the first half ends that day, so it is still open.
        assert_eq!(
            f.attain_at(&none, d(6, 30), &policy).unwrap().status,
            Status::Pending
        );
        // 1 July: the first half is over without a meeting.
        let missed = f.attain_at(&none, d(7, 1), &policy).unwrap();
        assert_eq!(missed.status, Status::NotMet);
        assert_eq!(
            missed.detail,
            Detail::Frequency(FrequencyOutcome {
                covered: 0,
                required: 2
            })
        );
        let both = held(&[d(3, 1), d(8, 1)]);
        assert_eq!(
            f.attain_at(&both, d(8, 1), &policy).unwrap().status,
            Status::Met
        );
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
