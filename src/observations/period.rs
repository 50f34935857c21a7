//! Periods of the calendar a plan reports on and an observations file covers: a year, a half,
//! a quarter, a month, or any range of days.
//!
//! A [`Period`] is a [`Window`] (an inclusive span of days, built by `Window`'s own calendar
//! constructors) that remembers how it was named, so that "Quý IV/2023" stays a quarter when
//! written out. It answers the questions time-based progress asks: which days and months it
//! covers, and what share of its days has elapsed at a date.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};
use crate::rate::Rate;
use crate::rule::Window;
use crate::text::{Day, Lang};

/// How a [`Period`] was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", deny_unknown_fields)]
#[non_exhaustive]
pub enum PeriodKind {
    /// A calendar year (năm).
    Year {
        /// The year.
        year: i32,
    },
    /// A half-year (6 tháng đầu năm / cuối năm): 1 or 2.
    Half {
        /// The year.
        year: i32,
        /// 1 or 2.
        half: u32,
    },
    /// A quarter (quý): 1 to 4.
    Quarter {
        /// The year.
        year: i32,
        /// 1 to 4.
        quarter: u32,
    },
    /// A month (tháng): 1 to 12.
    Month {
        /// The year.
        year: i32,
        /// 1 to 12.
        month: u32,
    },
    /// Any inclusive range of days.
    Custom {
        /// First day.
        #[serde(deserialize_with = "crate::dates::date")]
        start: NaiveDate,
        /// Last day (included).
        #[serde(deserialize_with = "crate::dates::date")]
        end: NaiveDate,
    },
}

/// A named span of days: a year, half, quarter, month or custom range.
///
/// In an observations file it is written by its [code](Period::code) (`period = "2023-Q3"`);
/// elsewhere (JSON or TOML) as its [`PeriodKind`]: `{ kind = "quarter", year = 2023,
/// quarter = 4 }` or `{ kind = "custom", start = 2023-04-01, end = 2023-12-31 }`.
///
/// ```
/// use cchc::observations::Period;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let q1 = Period::quarter(2024, 1)?;
/// assert_eq!(q1.days(), 91); // 31 + 29 + 31 in a leap year
/// assert!(q1.contains(d(2024, 2, 29)));
/// // At the end of 15 February, 46 of the 91 days have elapsed.
/// let share = q1.elapsed_share(d(2024, 2, 15));
/// assert_eq!((share.numerator(), share.denominator()), (46, 91));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodKind", into = "PeriodKind")]
pub struct Period {
    kind: PeriodKind,
    window: Window,
}

impl TryFrom<PeriodKind> for Period {
    type Error = Error;
    fn try_from(kind: PeriodKind) -> Result<Self> {
        let window = match kind {
            PeriodKind::Year { year } => Window::year(year)?,
            PeriodKind::Half { year, half } => Window::half(year, half)?,
            PeriodKind::Quarter { year, quarter } => Window::quarter(year, quarter)?,
            PeriodKind::Month { year, month } => Window::month(year, month)?,
            PeriodKind::Custom { start, end } => Window::new(start, end)?,
        };
        Ok(Self { kind, window })
    }
}

impl From<Period> for PeriodKind {
    fn from(period: Period) -> Self {
        period.kind
    }
}

impl From<Window> for Period {
    /// A custom period over the window's days.
    fn from(window: Window) -> Self {
        Self {
            kind: PeriodKind::Custom {
                start: window.start(),
                end: window.end(),
            },
            window,
        }
    }
}

impl Period {
    /// The whole of `year`.
    ///
    /// # Errors
    /// As [`Window::year`].
    pub fn year(year: i32) -> Result<Self> {
        Self::try_from(PeriodKind::Year { year })
    }

    /// Half `half` (1–2) of `year`.
    ///
    /// # Errors
    /// As [`Window::half`].
    pub fn half(year: i32, half: u32) -> Result<Self> {
        Self::try_from(PeriodKind::Half { year, half })
    }

    /// Quarter `quarter` (1–4) of `year`.
    ///
    /// # Errors
    /// As [`Window::quarter`].
    pub fn quarter(year: i32, quarter: u32) -> Result<Self> {
        Self::try_from(PeriodKind::Quarter { year, quarter })
    }

    /// Month `month` (1–12) of `year`.
    ///
    /// # Errors
    /// As [`Window::month`].
    pub fn month(year: i32, month: u32) -> Result<Self> {
        Self::try_from(PeriodKind::Month { year, month })
    }

    /// Months `from` to `to` (1–12) of `year`, whole: a custom period.
    ///
    /// # Errors
    /// As [`Window::months`].
    pub fn months_of(year: i32, from: u32, to: u32) -> Result<Self> {
        Ok(Self::from(Window::months(year, from, to)?))
    }

    /// The days from `start` to `end`, both included: a custom period.
    ///
    /// # Errors
    /// As [`Window::new`].
    pub fn custom(start: NaiveDate, end: NaiveDate) -> Result<Self> {
        Ok(Self::from(Window::new(start, end)?))
    }

    /// How the period was named.
    #[must_use]
    pub const fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// The calendar year the period lies in, when it lies in one.
    #[must_use]
    pub fn calendar_year(&self) -> Option<i32> {
        let year = self.start().year();
        (self.end().year() == year).then_some(year)
    }

    /// Whether `other` lies wholly within this period.
    #[must_use]
    pub fn covers(&self, other: &Self) -> bool {
        self.start() <= other.start() && other.end() <= self.end()
    }

    /// The period as written in an observations file: `2023`, `2023-H1`, `2023-Q3`, `2023-07`,
    /// or `2023-04-01..2023-12-31` for a custom range; [`str::parse`] reads it back.
    ///
    /// ```
    /// use cchc::observations::Period;
    /// assert_eq!(Period::quarter(2023, 3)?.code(), "2023-Q3");
    /// assert_eq!("2023-07".parse::<Period>()?, Period::month(2023, 7)?);
    /// assert_eq!("2023-H2".parse::<Period>()?.code(), "2023-H2");
    /// assert!("2023-13".parse::<Period>().is_err());
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn code(&self) -> String {
        match self.kind {
            PeriodKind::Year { year } => format!("{year}"),
            PeriodKind::Half { year, half } => format!("{year}-H{half}"),
            PeriodKind::Quarter { year, quarter } => format!("{year}-Q{quarter}"),
            PeriodKind::Month { year, month } => format!("{year}-{month:02}"),
            PeriodKind::Custom { start, end } => format!("{start}..{end}"),
        }
    }

    /// The period as a person names it in a report's title: `năm 2023`, `quý III/2023`,
    /// `tháng 07/2023`; `2023`, `Q3 2023`, `July 2023`.
    ///
    /// ```
    /// use cchc::Lang;
    /// use cchc::observations::Period;
    /// assert_eq!(Period::quarter(2023, 3)?.title(Lang::Vi), "quý III/2023");
    /// assert_eq!(Period::half(2023, 1)?.title(Lang::Vi), "6 tháng đầu năm 2023");
    /// assert_eq!(Period::month(2023, 7)?.title(Lang::En), "July 2023");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn title(&self, lang: Lang) -> String {
        const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let index = |n: u32| usize::try_from(n.saturating_sub(1)).unwrap_or(usize::MAX);
        match (self.kind, lang) {
            (PeriodKind::Year { year }, Lang::Vi) => format!("năm {year}"),
            (PeriodKind::Year { year }, Lang::En) => format!("{year}"),
            (PeriodKind::Half { year, half }, Lang::Vi) => {
                let which = if half == 1 { "đầu" } else { "cuối" };
                format!("6 tháng {which} năm {year}")
            }
            (PeriodKind::Half { year, half }, Lang::En) => {
                let which = if half == 1 { "first" } else { "second" };
                format!("{which} half of {year}")
            }
            (PeriodKind::Quarter { year, quarter }, Lang::Vi) => {
                let q = ROMAN.get(index(quarter)).copied().unwrap_or("?");
                format!("quý {q}/{year}")
            }
            (PeriodKind::Quarter { year, quarter }, Lang::En) => format!("Q{quarter} {year}"),
            (PeriodKind::Month { year, month }, Lang::Vi) => format!("tháng {month:02}/{year}"),
            (PeriodKind::Month { year, month }, Lang::En) => {
                let m = MONTHS.get(index(month)).copied().unwrap_or("?");
                format!("{m} {year}")
            }
            (PeriodKind::Custom { start, end }, lang) => match lang {
                Lang::Vi => format!("từ {} đến {}", Day(start, lang), Day(end, lang)),
                Lang::En => format!("{} to {}", Day(start, lang), Day(end, lang)),
            },
        }
    }

    /// The period's days as a [`Window`].
    #[must_use]
    pub const fn window(&self) -> Window {
        self.window
    }

    /// The first day.
    #[must_use]
    pub const fn start(&self) -> NaiveDate {
        self.window.start()
    }

    /// The last day (included).
    #[must_use]
    pub const fn end(&self) -> NaiveDate {
        self.window.end()
    }

    /// Whether `date` lies in the period.
    #[must_use]
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.window.contains(date)
    }

    /// Days in the period (at least 1; 366 for a leap year).
    #[must_use]
    pub fn days(&self) -> u64 {
        self.window.days()
    }

    /// Days of the period elapsed by the end of `as_of`: the days from the first day to
    /// `as_of` inclusive, so 0 before the period, 1 on its first day and [`days`](Self::days)
    /// on or after its last day.
    #[must_use]
    pub fn days_elapsed(&self, as_of: NaiveDate) -> u64 {
        if as_of < self.start() {
            0
        } else {
            crate::rule::days_between(self.start(), as_of.min(self.end())) + 1
        }
    }

    /// The exact share of the period's days elapsed by the end of `as_of`:
    /// [`days_elapsed`](Self::days_elapsed) ÷ [`days`](Self::days), between 0 and 1.
    #[must_use]
    pub fn elapsed_share(&self, as_of: NaiveDate) -> Rate {
        Rate::clamped(self.days_elapsed(as_of), self.days())
    }

    /// The calendar months the period touches, whole or in part, in order, each as a month
    /// period.
    ///
    /// ```
    /// use cchc::observations::Period;
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let span = Period::custom(d(3, 15), d(5, 1))?;
    /// let months: Vec<_> = span.months().iter().map(|m| m.start()).collect();
    /// assert_eq!(months, [d(3, 1), d(4, 1), d(5, 1)]);
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn months(&self) -> Vec<Self> {
        let (start, end) = (self.start(), self.end());
        let mut months = Vec::new();
        let (mut year, mut month) = (start.year(), start.month());
        while (year, month) <= (end.year(), end.month()) {
            match Self::month(year, month) {
                Ok(period) => months.push(period),
                Err(_) => break,
            }
            (year, month) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
        }
        months
    }

    /// The first and last month (1–12) of a period made of whole months of `year`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when the period leaves `year`;
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when it starts after the first of a month or ends
    /// before the last day of one.
    pub(crate) fn whole_months_of(&self, year: i32) -> Result<(u32, u32)> {
        let (start, end) = (self.start(), self.end());
        if start.year() != year || end.year() != year {
            return Err(Error::from(Reason::PeriodOutsideYear { start, end, year }));
        }
        let ends_a_month = end.succ_opt().is_none_or(|next| next.day() == 1);
        if start.day() != 1 || !ends_a_month {
            return Err(Error::from(Reason::PeriodNotWholeMonths { start, end }));
        }
        Ok((start.month(), end.month()))
    }
}

impl std::str::FromStr for Period {
    type Err = Error;

    /// Reads [`Period::code`]'s forms: `2023`, `2023-H1`, `2023-Q3`, `2023-07`,
    /// `2023-04-01..2023-12-31`.
    fn from_str(text: &str) -> Result<Self> {
        let bad = || {
            Error::from(Reason::BadValue {
                key: "period".to_owned(),
                value: format!("{:?}", text.chars().take(40).collect::<String>()),
                expected: "a period such as 2023, 2023-H1, 2023-Q3, 2023-07 or 2023-04-01..2023-12-31",
            })
        };
        let number = |digits: &str| -> Result<u32> {
            if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(bad());
            }
            digits.parse().map_err(|_| bad())
        };
        let year = |digits: &str| -> Result<i32> {
            if digits.len() != 4 {
                return Err(bad());
            }
            i32::try_from(number(digits)?).map_err(|_| bad())
        };
        if let Some((start, end)) = text.split_once("..") {
            let day = |t: &str| crate::dates::parse_iso(t).ok_or_else(bad);
            return Self::custom(day(start)?, day(end)?);
        }
        match text.split_once('-') {
            None => Self::year(year(text)?),
            Some((y, rest)) => {
                let y = year(y)?;
                if let Some(h) = rest.strip_prefix('H') {
                    Self::half(y, number(h)?)
                } else if let Some(q) = rest.strip_prefix('Q') {
                    Self::quarter(y, number(q)?)
                } else if rest.len() == 2 {
                    Self::month(y, number(rest)?)
                } else {
                    Err(bad())
                }
            }
        }
        .map_err(|e| e.with_key("period"))
    }
}

impl std::fmt::Display for Period {
    /// `2023`, `H1 2023`, `Q4 2023`, `2023-02`, `2023-04-01 to 2023-12-31`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.kind {
            PeriodKind::Year { year } => write!(f, "{year}"),
            PeriodKind::Half { year, half } => write!(f, "H{half} {year}"),
            PeriodKind::Quarter { year, quarter } => write!(f, "Q{quarter} {year}"),
            PeriodKind::Month { year, month } => write!(f, "{year}-{month:02}"),
            PeriodKind::Custom { .. } => write!(f, "{}", self.window),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn named_periods_reuse_window_calendar() {
        assert_eq!(Period::year(2024).unwrap().days(), 366);
        assert_eq!(Period::year(2023).unwrap().days(), 365);
        assert_eq!(Period::month(2024, 2).unwrap().days(), 29);
        assert_eq!(Period::month(2023, 2).unwrap().days(), 28);
        assert_eq!(Period::half(2023, 2).unwrap().start(), d(2023, 7, 1));
        assert_eq!(
            Period::quarter(2023, 4).unwrap().window(),
            Window::quarter(2023, 4).unwrap()
        );
        assert!(Period::quarter(2023, 5).is_err());
        assert!(Period::custom(d(2023, 2, 1), d(2023, 1, 1)).is_err());
    }

    #[test]
    fn elapsed_days_and_share() {
        let year = Period::year(2023).unwrap();
        assert_eq!(year.days_elapsed(d(2022, 12, 31)), 0);
        assert_eq!(year.days_elapsed(d(2023, 1, 1)), 1);
        // Jan–Sep 2023: 31+28+31+30+31+30+31+31+30 = 273
        assert_eq!(year.days_elapsed(d(2023, 9, 30)), 273);
        assert_eq!(year.days_elapsed(d(2024, 6, 1)), 365);
        let share = year.elapsed_share(d(2023, 9, 30));
        assert_eq!((share.numerator(), share.denominator()), (273, 365));
        assert!(year.elapsed_share(d(2023, 12, 31)).is_full());
    }

    #[test]
    fn whole_months_within_a_year() {
        assert_eq!(
            Period::quarter(2023, 2).unwrap().whole_months_of(2023),
            Ok((4, 6))
        );
        assert_eq!(
            Period::year(2023).unwrap().whole_months_of(2023),
            Ok((1, 12))
        );
        let partial = Period::custom(d(2023, 1, 1), d(2023, 2, 27)).unwrap();
        let err = partial.whole_months_of(2023).unwrap_err();
        assert!(matches!(err.reason(), Reason::PeriodNotWholeMonths { .. }));
        let err = Period::year(2024)
            .unwrap()
            .whole_months_of(2023)
            .unwrap_err();
        assert!(matches!(
            err.reason(),
            Reason::PeriodOutsideYear { year: 2023, .. }
        ));
        let leap = Period::custom(d(2024, 2, 1), d(2024, 2, 29)).unwrap();
        assert_eq!(leap.whole_months_of(2024), Ok((2, 2)));
    }

    #[test]
    fn months_spanned_cross_years() {
        let span = Period::custom(d(2022, 11, 20), d(2023, 1, 5)).unwrap();
        let starts: Vec<_> = span.months().iter().map(Period::start).collect();
        assert_eq!(starts, [d(2022, 11, 1), d(2022, 12, 1), d(2023, 1, 1)]);
    }

    #[test]
    fn serde_keeps_the_name() {
        let q4 = Period::quarter(2023, 4).unwrap();
        let json = serde_json::to_string(&q4).unwrap();
        assert_eq!(json, r#"{"kind":"quarter","year":2023,"quarter":4}"#);
        assert_eq!(serde_json::from_str::<Period>(&json).unwrap(), q4);
        let custom: Period =
            toml::from_str("kind = \"custom\"\nstart = 2023-04-01\nend = 2023-12-31").unwrap();
        assert_eq!(
            custom,
            Period::custom(d(2023, 4, 1), d(2023, 12, 31)).unwrap()
        );
        assert_eq!(
            toml::from_str::<Period>(&toml::to_string(&custom).unwrap()).unwrap(),
            custom
        );
        assert!(
            serde_json::from_str::<Period>(r#"{"kind":"month","year":2023,"month":13}"#).is_err()
        );
        assert_eq!(q4.to_string(), "Q4 2023");
    }

    #[test]
    fn titles_in_both_languages() {
        let both = |p: Period| (p.title(Lang::Vi), p.title(Lang::En));
        let s = |a: &str, b: &str| (a.to_owned(), b.to_owned());
        assert_eq!(
            both(Period::half(2023, 1).unwrap()),
            s("6 tháng đầu năm 2023", "first half of 2023")
        );
        assert_eq!(
            both(Period::half(2023, 2).unwrap()),
            s("6 tháng cuối năm 2023", "second half of 2023")
        );
        assert_eq!(
            both(Period::quarter(2023, 3).unwrap()),
            s("quý III/2023", "Q3 2023")
        );
        assert_eq!(
            both(Period::month(2023, 7).unwrap()),
            s("tháng 07/2023", "July 2023")
        );
        assert_eq!(both(Period::year(2023).unwrap()), s("năm 2023", "2023"));
    }
}
