//! The outcome of each calendar shape — deadline, window, frequency — at the end of its time or
//! at a date. These are the only places the crate decides when work was done, whether it fell
//! in its window, which periods are covered and what is still open; plan targets and criteria
//! both read them.
//!
//! **At a date**, a fact dated after that date is not yet known: a report completed on 10 July
//! is "not done" on 30 June. A day counts as open until it is over: a deadline whose last
//! on-time day is the date itself, a window or a period ending that day, are still open.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::calendar::{Deadline, Frequency, Window, days_between};

/// When work with a deadline was done, or where it stands at a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum DeadlineOutcome {
    /// Done on or before the last on-time day.
    #[non_exhaustive]
    OnTime {
        /// The day it was done.
        done_on: NaiveDate,
    },
    /// Done after the last on-time day.
    #[non_exhaustive]
    Late {
        /// The day it was done.
        done_on: NaiveDate,
        /// Days past the last on-time day.
        days_late: u64,
    },
    /// Not done (at a date: not done yet, and the last on-time day has passed).
    NotDone,
    /// At a date: not done yet, and the last on-time day is that date or later.
    #[non_exhaustive]
    Pending {
        /// Days from the date to the last on-time day (0 on that day).
        days_left: u64,
    },
}

impl DeadlineOutcome {
    /// Whether the work was done on time.
    #[must_use]
    pub const fn is_on_time(&self) -> bool {
        matches!(self, Self::OnTime { .. })
    }

    /// Whether the deadline is still open (not done yet, on time still possible).
    #[must_use]
    pub const fn is_open(&self) -> bool {
        matches!(self, Self::Pending { .. })
    }

    /// The day the work was done, when it was.
    #[must_use]
    pub const fn done_on(&self) -> Option<NaiveDate> {
        match self {
            Self::OnTime { done_on } | Self::Late { done_on, .. } => Some(*done_on),
            Self::NotDone | Self::Pending { .. } => None,
        }
    }

    /// Days past the last on-time day, for late work.
    #[must_use]
    pub const fn days_late(&self) -> Option<u64> {
        match self {
            Self::Late { days_late, .. } => Some(*days_late),
            _ => None,
        }
    }

    /// Days left to the last on-time day, while pending.
    #[must_use]
    pub const fn days_left(&self) -> Option<u64> {
        match self {
            Self::Pending { days_left } => Some(*days_left),
            _ => None,
        }
    }
}

impl Deadline {
    /// When work done on `done_on` (or not done, `None`) was done against this deadline, with
    /// everything reported known.
    ///
    /// ```
    /// use cchc::rule::{Deadline, DeadlineOutcome, DeadlineWording};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let report = Deadline::new(d(3, 31), DeadlineWording::Before)?; // trước 31/3/2023
    /// let late = report.outcome(Some(d(3, 31)));
    /// assert_eq!((late.done_on(), late.days_late(), late.is_on_time()), (Some(d(3, 31)), Some(1), false));
    /// assert_eq!(report.outcome(None), DeadlineOutcome::NotDone);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn outcome(&self, done_on: Option<NaiveDate>) -> DeadlineOutcome {
        self.judge(done_on, None)
    }

    /// Where work done on `done_on` stands at the end of `as_of`: work dated after `as_of` is
    /// not done yet; not done while the last on-time day is `as_of` or later is
    /// [`DeadlineOutcome::Pending`].
    ///
    /// ```
    /// use cchc::rule::{Deadline, DeadlineOutcome, DeadlineWording};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let report = Deadline::new(d(3, 31), DeadlineWording::Before)?;
    /// assert_eq!(report.outcome_at(None, d(3, 29)).days_left(), Some(1));
    /// assert_eq!(report.outcome_at(None, d(3, 30)).days_left(), Some(0));
    /// assert_eq!(report.outcome_at(None, d(3, 31)), DeadlineOutcome::NotDone);
    /// // Done on 20 March, asked on 15 March: not known yet.
    /// assert_eq!(report.outcome_at(Some(d(3, 20)), d(3, 15)).days_left(), Some(15));
    /// let known = report.outcome_at(Some(d(3, 20)), d(3, 25));
    /// assert_eq!((known.is_on_time(), known.done_on()), (true, Some(d(3, 20))));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn outcome_at(&self, done_on: Option<NaiveDate>, as_of: NaiveDate) -> DeadlineOutcome {
        self.judge(done_on, Some(as_of))
    }

    pub(crate) fn judge(
        &self,
        done_on: Option<NaiveDate>,
        as_of: Option<NaiveDate>,
    ) -> DeadlineOutcome {
        match known(done_on, as_of) {
            Some(done_on) if self.is_on_time(done_on) => DeadlineOutcome::OnTime { done_on },
            Some(done_on) => DeadlineOutcome::Late {
                done_on,
                days_late: self.days_late(done_on),
            },
            None => match as_of {
                Some(day) if self.last_on_time_day() >= day => DeadlineOutcome::Pending {
                    days_left: days_between(day, self.last_on_time_day()),
                },
                _ => DeadlineOutcome::NotDone,
            },
        }
    }
}

/// When something with a window was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
#[non_exhaustive]
pub enum WindowOutcome {
    /// Held inside the window (the first such date).
    #[non_exhaustive]
    Inside {
        /// The first date held inside the window.
        held_on: NaiveDate,
    },
    /// Held, but only outside the window (the first date given).
    #[non_exhaustive]
    Outside {
        /// The first date held.
        held_on: NaiveDate,
    },
    /// Not held.
    NotHeld,
}

impl WindowOutcome {
    /// Whether it was held inside the window.
    #[must_use]
    pub const fn is_inside(&self) -> bool {
        matches!(self, Self::Inside { .. })
    }

    /// The date shown: the first held inside, or else the first held.
    #[must_use]
    pub const fn held_on(&self) -> Option<NaiveDate> {
        match self {
            Self::Inside { held_on } | Self::Outside { held_on } => Some(*held_on),
            Self::NotHeld => None,
        }
    }
}

impl Window {
    /// When something held on `dates` was held against this window, with everything reported
    /// known.
    ///
    /// ```
    /// use cchc::rule::{Window, WindowOutcome};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let q4 = Window::quarter(2023, 4)?;
    /// let inside = q4.outcome(&[d(5, 1), d(11, 2)]);
    /// assert_eq!((inside.is_inside(), inside.held_on()), (true, Some(d(11, 2))));
    /// let outside = q4.outcome(&[d(5, 1)]);
    /// assert_eq!((outside.is_inside(), outside.held_on()), (false, Some(d(5, 1))));
    /// assert_eq!(q4.outcome(&[]), WindowOutcome::NotHeld);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn outcome(&self, dates: &[NaiveDate]) -> WindowOutcome {
        self.judge(dates, None)
    }

    /// As [`Window::outcome`], on the dates known by the end of `as_of`.
    #[must_use]
    pub fn outcome_at(&self, dates: &[NaiveDate], as_of: NaiveDate) -> WindowOutcome {
        self.judge(dates, Some(as_of))
    }

    /// Whether, at the end of `as_of`, the window can still be met: not held inside yet, and
    /// its last day is `as_of` or later.
    #[must_use]
    pub fn is_open(&self, outcome: &WindowOutcome, as_of: NaiveDate) -> bool {
        !outcome.is_inside() && self.end() >= as_of
    }

    pub(crate) fn judge(&self, dates: &[NaiveDate], as_of: Option<NaiveDate>) -> WindowOutcome {
        let mut known = dates.iter().filter(|d| as_of.is_none_or(|day| **d <= day));
        let first = known.clone().next();
        match known.find(|d| self.contains(**d)) {
            Some(d) => WindowOutcome::Inside { held_on: *d },
            None => first.map_or(WindowOutcome::NotHeld, |d| WindowOutcome::Outside {
                held_on: *d,
            }),
        }
    }
}

/// The periods of a [`Frequency`]: covered, missed, and (at a date) still open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FrequencyOutcome {
    /// Periods with at least one event (known by the date).
    pub covered: u32,
    /// Periods over without an event.
    #[serde(default)]
    pub missed: u32,
    /// At a date: periods not over (ending on the date or later) without an event yet; 0 at
    /// the end.
    #[serde(default)]
    pub open: u32,
    /// Periods in all.
    pub required: u32,
}

impl FrequencyOutcome {
    /// Whether every period holds an event.
    #[must_use]
    pub const fn is_met(&self) -> bool {
        self.covered >= self.required
    }

    /// Whether the frequency can still be met: no period missed, and some still open.
    #[must_use]
    pub const fn is_open(&self) -> bool {
        self.missed == 0 && self.open > 0
    }
}

impl Frequency {
    /// Which periods hold an event of `dates`, with everything reported known.
    ///
    /// ```
    /// use cchc::rule::{Frequency, Window};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let twice_a_year = Frequency::new(6, Window::year(2023)?)?;
    /// let outcome = twice_a_year.outcome(&[d(3, 1)]);
    /// assert_eq!((outcome.covered, outcome.missed, outcome.required), (1, 1, 2));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn outcome(&self, dates: &[NaiveDate]) -> FrequencyOutcome {
        self.judge(dates, None)
    }

    /// Which periods hold an event of `dates` known by the end of `as_of`, which are missed
    /// (over without one) and which are still open.
    ///
    /// ```
    /// use cchc::rule::{Frequency, Window};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let twice_a_year = Frequency::new(6, Window::year(2023)?)?;
    /// let at = twice_a_year.outcome_at(&[d(3, 1)], d(9, 30));
    /// assert_eq!((at.covered, at.missed, at.open), (1, 0, 1));
    /// assert!(at.is_open());
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn outcome_at(&self, dates: &[NaiveDate], as_of: NaiveDate) -> FrequencyOutcome {
        self.judge(dates, Some(as_of))
    }

    pub(crate) fn judge(&self, dates: &[NaiveDate], as_of: Option<NaiveDate>) -> FrequencyOutcome {
        let mut outcome = FrequencyOutcome {
            covered: 0,
            missed: 0,
            open: 0,
            required: 0,
        };
        for period in self.periods() {
            let held = dates
                .iter()
                .any(|d| as_of.is_none_or(|day| *d <= day) && period.contains(*d));
            let tally = match as_of {
                _ if held => &mut outcome.covered,
                Some(day) if period.end() >= day => &mut outcome.open,
                _ => &mut outcome.missed,
            };
            *tally = tally.saturating_add(1);
            outcome.required = outcome.required.saturating_add(1);
        }
        outcome
    }
}

/// A date known by the end of `as_of` (every date, at the end).
fn known(date: Option<NaiveDate>, as_of: Option<NaiveDate>) -> Option<NaiveDate> {
    date.filter(|d| as_of.is_none_or(|day| *d <= day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::DeadlineWording;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, day).unwrap()
    }

    #[test]
    fn a_later_completion_is_not_known_yet() {
        let by = Deadline::new(d(6, 30), DeadlineWording::By).unwrap();
        assert_eq!(
            by.outcome_at(Some(d(7, 10)), d(6, 1)),
            DeadlineOutcome::Pending { days_left: 29 }
        );
        assert_eq!(
            by.outcome_at(Some(d(7, 10)), d(7, 5)),
            DeadlineOutcome::NotDone
        );
        assert_eq!(
            by.outcome_at(Some(d(7, 10)), d(7, 10)),
            DeadlineOutcome::Late {
                done_on: d(7, 10),
                days_late: 10
            }
        );
        assert_eq!(
            by.outcome(Some(d(7, 10))),
            DeadlineOutcome::Late {
                done_on: d(7, 10),
                days_late: 10
            }
        );
    }

    #[test]
    fn windows_at_a_date() {
        let q4 = Window::quarter(2023, 4).unwrap();
        let dates = [d(5, 1), d(10, 20)];
        assert_eq!(
            q4.outcome_at(&dates, d(10, 19)),
            WindowOutcome::Outside { held_on: d(5, 1) }
        );
        assert!(q4.is_open(&q4.outcome_at(&dates, d(10, 19)), d(10, 19)));
        assert_eq!(
            q4.outcome_at(&dates, d(10, 20)),
            WindowOutcome::Inside { held_on: d(10, 20) }
        );
        assert_eq!(q4.outcome_at(&[d(10, 20)], d(4, 1)), WindowOutcome::NotHeld);
        let late = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        assert!(!q4.is_open(&WindowOutcome::NotHeld, late));
        assert!(q4.is_open(&WindowOutcome::NotHeld, d(12, 31)));
    }

    #[test]
    fn frequency_periods_open_missed_covered() {
        let f = Frequency::new(6, Window::year(2023).unwrap()).unwrap();
        let none: [NaiveDate; 0] = [];
        let at = |dates: &[NaiveDate], day| f.outcome_at(dates, day);
        // 30 June: the first half ends that day, so it is still open.
        assert_eq!(
            (at(&none, d(6, 30)).open, at(&none, d(6, 30)).missed),
            (2, 0)
        );
        // 1 July: the first half is over without a meeting.
        assert_eq!((at(&none, d(7, 1)).open, at(&none, d(7, 1)).missed), (1, 1));
        assert!(!at(&none, d(7, 1)).is_open());
        let both = [d(3, 1), d(8, 1)];
        assert!(at(&both, d(8, 1)).is_met());
        assert!(!at(&both, d(7, 31)).is_met());
        let end = f.outcome(&[d(3, 1)]);
        assert_eq!(
            (end.covered, end.missed, end.open, end.required),
            (1, 1, 0, 2)
        );
    }
}
