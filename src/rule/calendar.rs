//! Calendar shapes: deadlines ("trước D", "by D"), windows ("Quý IV/2023", "Quý II-IV/2023")
//! and frequencies ("06 tháng/cuộc"). Every date lies within 1900-01-01 to 2199-12-31.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};

/// How a deadline's date is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub enum DeadlineWording {
    /// "trước D": on time only when done strictly before D.
    Before,
    /// "by D" (chậm nhất, trong tháng …): on time when done on D or earlier.
    By,
}

/// A deadline: a date and how it is worded.
///
/// ```
/// use cchc::rule::{Deadline, DeadlineWording};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
/// let before = Deadline::new(d(1, 30), DeadlineWording::Before)?; // trước 30/01/2023
/// assert!(before.is_on_time(d(1, 29)));
/// assert!(!before.is_on_time(d(1, 30)));
/// assert_eq!(before.days_late(d(1, 30)), 1);
/// let by = Deadline::new(d(1, 30), DeadlineWording::By)?;
/// assert!(by.is_on_time(d(1, 30)));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawDeadline")]
pub struct Deadline {
    date: NaiveDate,
    wording: DeadlineWording,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadline {
    #[serde(deserialize_with = "crate::dates::date")]
    date: NaiveDate,
    wording: DeadlineWording,
}

impl TryFrom<RawDeadline> for Deadline {
    type Error = Error;
    fn try_from(raw: RawDeadline) -> Result<Self> {
        Self::new(raw.date, raw.wording)
    }
}

impl Deadline {
    /// A deadline on `date`, read by `wording`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a date outside
    /// 1900-01-01 to 2199-12-31.
    pub fn new(date: NaiveDate, wording: DeadlineWording) -> Result<Self> {
        Ok(Self {
            date: crate::dates::check(date)?,
            wording,
        })
    }

    /// The date named in the plan.
    #[must_use]
    pub const fn date(&self) -> NaiveDate {
        self.date
    }

    /// How the date is read.
    #[must_use]
    pub const fn wording(&self) -> DeadlineWording {
        self.wording
    }

    /// The last day that is on time: the day before the date for "trước", the date itself for
    /// "by".
    #[must_use]
    pub fn last_on_time_day(&self) -> NaiveDate {
        match self.wording {
            // Dates start in 1900, so the day before always exists.
            DeadlineWording::Before => self.date.pred_opt().unwrap_or(self.date),
            DeadlineWording::By => self.date,
        }
    }

    /// Whether work done on `done_on` is on time.
    #[must_use]
    pub fn is_on_time(&self, done_on: NaiveDate) -> bool {
        match self.wording {
            DeadlineWording::Before => done_on < self.date,
            DeadlineWording::By => done_on <= self.date,
        }
    }

    /// Days past the last on-time day (0 when on time).
    #[must_use]
    pub fn days_late(&self, done_on: NaiveDate) -> u64 {
        days_between(self.last_on_time_day(), done_on)
    }
}

impl std::fmt::Display for Deadline {
    /// `before 2023-01-30` / `by 2023-12-31`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.wording {
            DeadlineWording::Before => write!(f, "before {}", self.date),
            DeadlineWording::By => write!(f, "by {}", self.date),
        }
    }
}

/// Whole days from `from` to `to`; 0 when `to` is not after `from`.
pub(crate) fn days_between(from: NaiveDate, to: NaiveDate) -> u64 {
    u64::try_from((to - from).num_days()).unwrap_or(0)
}

/// An inclusive span of days: a quarter, some months, a year.
///
/// ```
/// use cchc::rule::Window;
/// use chrono::NaiveDate;
/// let q4 = Window::quarter(2023, 4)?; // Quý IV/2023
/// assert_eq!(q4.start(), NaiveDate::from_ymd_opt(2023, 10, 1).unwrap());
/// assert_eq!(q4.end(), NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
/// let q2_to_q4 = Window::quarters(2023, 2, 4)?; // Quý II-IV/2023
/// assert!(q2_to_q4.contains(NaiveDate::from_ymd_opt(2023, 4, 1).unwrap()));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawWindow")]
pub struct Window {
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    #[serde(deserialize_with = "crate::dates::date")]
    start: NaiveDate,
    #[serde(deserialize_with = "crate::dates::date")]
    end: NaiveDate,
}

impl TryFrom<RawWindow> for Window {
    type Error = Error;
    fn try_from(raw: RawWindow) -> Result<Self> {
        Self::new(raw.start, raw.end)
    }
}

fn first_of(year: i32, month: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
        .filter(|date| crate::dates::check(*date).is_ok())
        .ok_or_else(|| no_such_year(year))
}

fn no_such_year(year: i32) -> Error {
    Error::from(Reason::NoSuchPeriod {
        what: "year",
        value: i64::from(year),
        allowed: "1900 to 2199",
    })
}

fn check_range(what: &'static str, value: u32, max: u32, allowed: &'static str) -> Result<()> {
    if value == 0 || value > max {
        return Err(Error::from(Reason::NoSuchPeriod {
            what,
            value: i64::from(value),
            allowed,
        }));
    }
    Ok(())
}

impl Window {
    /// The days from `start` to `end`, both included.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `end < start` or a date
    /// lies outside 1900-01-01 to 2199-12-31.
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        crate::dates::check(start)?;
        crate::dates::check(end)?;
        if end < start {
            return Err(Error::from(Reason::WindowEndsBeforeStart { start, end }));
        }
        Ok(Self { start, end })
    }

    /// Months `from` to `to` (1–12) of `year`, whole.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a month outside 1–12, a
    /// year outside 1900–2199, or `to < from`.
    pub fn months(year: i32, from: u32, to: u32) -> Result<Self> {
        check_range("month", from, 12, "1 to 12")?;
        check_range("month", to, 12, "1 to 12")?;
        let start = first_of(year, from)?;
        let after_end = first_of(year, to)?
            .checked_add_months(Months::new(1))
            .ok_or_else(|| no_such_year(year))?;
        // `to < from` gives an end (the last day of `to`) before the start: refused by `new`.
        let end = after_end.pred_opt().unwrap_or(after_end);
        Self::new(start, end)
    }

    /// One month (1–12) of `year`.
    ///
    /// # Errors
    /// As [`Window::months`].
    pub fn month(year: i32, month: u32) -> Result<Self> {
        Self::months(year, month, month)
    }

    /// Quarters `from` to `to` (1–4) of `year`: "Quý II-IV/2023" is `quarters(2023, 2, 4)`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a quarter outside 1–4; as
    /// [`Window::months`] otherwise.
    pub fn quarters(year: i32, from: u32, to: u32) -> Result<Self> {
        check_range("quarter", from, 4, "1 to 4")?;
        check_range("quarter", to, 4, "1 to 4")?;
        Self::months(year, from * 3 - 2, to * 3)
    }

    /// One quarter (1–4) of `year`: "Quý IV/2023" is `quarter(2023, 4)`.
    ///
    /// # Errors
    /// As [`Window::quarters`].
    pub fn quarter(year: i32, quarter: u32) -> Result<Self> {
        Self::quarters(year, quarter, quarter)
    }

    /// One half (1–2) of `year`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a half outside 1–2.
    pub fn half(year: i32, half: u32) -> Result<Self> {
        check_range("half", half, 2, "1 to 2")?;
        Self::months(year, half * 6 - 5, half * 6)
    }

    /// The whole of `year`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a year outside 1900–2199.
    pub fn year(year: i32) -> Result<Self> {
        Self::months(year, 1, 12)
    }

    /// The first day.
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.start
    }

    /// The last day (included).
    #[must_use]
    pub const fn end(&self) -> NaiveDate {
        self.end
    }

    /// Whether `date` lies in the window.
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Days in the window.
    #[must_use]
    pub fn days(&self) -> u64 {
        days_between(self.start, self.end) + 1
    }
}

impl std::fmt::Display for Window {
    /// `2023-10-01 to 2023-12-31`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} to {}", self.start, self.end)
    }
}

/// At least one event in each consecutive period of `every_months` months within a window:
/// "06 tháng/cuộc" over 2023 is one meeting in each half-year.
///
/// ```
/// use cchc::rule::{Frequency, Window};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
/// let twice_a_year = Frequency::new(6, Window::year(2023)?)?;
/// assert_eq!(twice_a_year.required(), 2);
/// assert_eq!(twice_a_year.covered(&[d(6, 30), d(7, 1)]), 2);
/// assert_eq!(twice_a_year.covered(&[d(6, 30), d(1, 15)]), 1);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawFrequency")]
pub struct Frequency {
    every_months: u32,
    within: Window,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrequency {
    every_months: u32,
    within: Window,
}

impl TryFrom<RawFrequency> for Frequency {
    type Error = Error;
    fn try_from(raw: RawFrequency) -> Result<Self> {
        Self::new(raw.every_months, raw.within)
    }
}

impl Frequency {
    /// The most periods a frequency may have (a century of months).
    pub const MAX_PERIODS: u64 = 1200;

    /// One event every `every_months` months (1–12) within `within`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) outside 1–12 months.
    pub fn new(every_months: u32, within: Window) -> Result<Self> {
        if every_months == 0 || every_months > 12 {
            return Err(Error::from(Reason::FrequencyOutOfRange {
                months: every_months,
            }));
        }
        let months = (i64::from(within.end.year()) - i64::from(within.start.year())) * 12
            + i64::from(within.end.month())
            - i64::from(within.start.month())
            + 1;
        let periods = u64::try_from(months)
            .unwrap_or(0)
            .div_ceil(u64::from(every_months));
        if periods > Self::MAX_PERIODS {
            return Err(Error::from(Reason::TooManyPeriods {
                months: every_months,
                start: within.start,
                end: within.end,
                periods,
                limit: Self::MAX_PERIODS,
            }));
        }
        Ok(Self {
            every_months,
            within,
        })
    }

    /// Months per period.
    #[must_use]
    pub const fn every_months(&self) -> u32 {
        self.every_months
    }

    /// The span the periods divide.
    #[must_use]
    pub const fn within(&self) -> Window {
        self.within
    }

    /// The consecutive periods, the last one cut at the window's end.
    ///
    /// Period *i* starts `i × every_months` months after the window's first day (clamped to the
    /// end of a shorter month, as chrono does), so a window starting on 31/01 has monthly
    /// periods starting on 28/02, 31/03, 30/04, …; each period ends the day before the next.
    pub fn periods(&self) -> impl Iterator<Item = Window> + '_ {
        let Self {
            every_months,
            within,
        } = *self;
        // The start of period `i`, counted from the window's first day (never chained, so a
        // day clamped in February does not drift into every later period).
        let start_of = move |i: u32| {
            i.checked_mul(every_months)
                .and_then(|months| within.start.checked_add_months(Months::new(months)))
        };
        (0..)
            .map_while(move |i| Some((start_of(i)?, start_of(i + 1))))
            .take_while(move |(start, _)| *start <= within.end)
            .map(move |(start, next)| {
                let last = next
                    .and_then(|next| next.pred_opt())
                    .map_or(within.end, |last| last.min(within.end));
                Window { start, end: last }
            })
    }

    /// How many periods need an event.
    #[must_use]
    pub fn required(&self) -> u32 {
        u32::try_from(self.periods().count()).unwrap_or(u32::MAX)
    }

    /// How many periods hold at least one of `dates`.
    #[must_use]
    pub fn covered(&self, dates: &[NaiveDate]) -> u32 {
        let covered = self
            .periods()
            .filter(|period| dates.iter().any(|d| period.contains(*d)))
            .count();
        u32::try_from(covered).unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn windows() {
        let q = Window::quarter(2023, 1).unwrap();
        assert_eq!((q.start(), q.end()), (d(2023, 1, 1), d(2023, 3, 31)));
        assert_eq!(Window::month(2024, 2).unwrap().end(), d(2024, 2, 29));
        assert_eq!(Window::year(2023).unwrap().days(), 365);
        assert!(Window::quarter(2023, 5).is_err());
        assert!(Window::quarters(2023, 4, 2).is_err());
        assert!(Window::new(d(2023, 2, 1), d(2023, 1, 1)).is_err());
        assert_eq!(Window::half(2023, 2).unwrap().start(), d(2023, 7, 1));
    }

    #[test]
    fn frequency_periods() {
        let f = Frequency::new(6, Window::year(2023).unwrap()).unwrap();
        let periods: Vec<_> = f.periods().collect();
        assert_eq!(
            periods,
            vec![
                Window::half(2023, 1).unwrap(),
                Window::half(2023, 2).unwrap()
            ]
        );
        let odd = Frequency::new(5, Window::year(2023).unwrap()).unwrap();
        assert_eq!(odd.required(), 3);
        assert_eq!(odd.periods().last().unwrap().end(), d(2023, 12, 31));
        assert!(Frequency::new(0, Window::year(2023).unwrap()).is_err());
        assert!(Frequency::new(13, Window::year(2023).unwrap()).is_err());
    }
}
