//! Monthly counts of one indicator over one year.
//!
//! Wards report monthly statistics ("thống kê hằng tháng"): for each month either the month's
//! own counts (dossiers received in May, of which filed online) or the year-to-date counts at
//! the month's end (lũy kế). A [`MonthlySeries`] holds twelve optional months of [`Counts`]
//! and says which of the two it holds ([`SeriesKind`]). Any period of whole months within the
//! year is then aggregated exactly as a **ratio of sums** — the summed numerators over the
//! summed denominators — never as a mean of monthly rates.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};
use crate::observations::Period;
use crate::rate::Counts;

/// What each month of a [`MonthlySeries`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SeriesKind {
    /// Each month's own counts (số phát sinh trong tháng).
    PerMonth,
    /// Year-to-date counts at each month's end (lũy kế từ đầu năm): neither numerator nor
    /// denominator may fall from one reported month to the next.
    Cumulative,
}

/// The counts of one indicator, month by month, over one calendar year.
///
/// Months not reported are `None`. Written out (JSON or TOML) as the year, the kind and the
/// reported months:
///
/// ```toml
/// year = 2023
/// kind = "per_month"   # or "cumulative"
/// months = [
///   { month = 1, numerator = 12, denominator = 40 },
///   { month = 2, numerator = 15, denominator = 45 },
/// ]
/// ```
///
/// ```
/// use cchc::Counts;
/// use cchc::time::{MonthlySeries, Period, SeriesKind};
/// let online = MonthlySeries::from_months(
///     2023,
///     SeriesKind::PerMonth,
///     [(1, Counts::new(1, 10)?), (2, Counts::new(9, 10)?), (3, Counts::new(2, 80)?)],
/// )?;
/// // Q1 is a ratio of sums: 12 of 100 (12%), not the mean of 10%, 90% and 2.5%.
/// assert_eq!(online.total(&Period::quarter(2023, 1)?)?, Counts::new(12, 100)?);
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SeriesSpec", into = "SeriesSpec")]
pub struct MonthlySeries {
    year: i32,
    kind: SeriesKind,
    months: [Option<Counts>; 12],
}

/// The written form of a [`MonthlySeries`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesSpec {
    year: i32,
    kind: SeriesKind,
    #[serde(default)]
    months: Vec<MonthEntry>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MonthEntry {
    month: u32,
    #[serde(with = "crate::whole")]
    numerator: u64,
    #[serde(with = "crate::whole")]
    denominator: u64,
}

impl TryFrom<SeriesSpec> for MonthlySeries {
    type Error = Error;
    fn try_from(spec: SeriesSpec) -> Result<Self> {
        let mut entries = Vec::with_capacity(spec.months.len());
        for entry in spec.months {
            let counts = Counts::new(entry.numerator, entry.denominator)
                .map_err(|err| err.at(month_label(spec.year, entry.month)))?;
            entries.push((entry.month, counts));
        }
        Self::from_months(spec.year, spec.kind, entries)
    }
}

impl From<MonthlySeries> for SeriesSpec {
    fn from(series: MonthlySeries) -> Self {
        Self {
            year: series.year,
            kind: series.kind,
            months: series
                .reported()
                .map(|(month, counts)| MonthEntry {
                    month,
                    numerator: counts.numerator(),
                    denominator: counts.denominator(),
                })
                .collect(),
        }
    }
}

/// `2023-04`: how a month is named in errors.
fn month_label(year: i32, month: u32) -> String {
    format!("{year}-{month:02}")
}

/// The 0-based slot of month `month` (1–12).
fn slot(month: u32) -> Result<usize> {
    match month {
        1..=12 => usize::try_from(month - 1)
            .map_err(|_| Error::from(Reason::Overflow { what: "a month" })),
        _ => Err(Error::from(Reason::NoSuchPeriod {
            what: "month",
            value: i64::from(month),
            allowed: "1 to 12",
        })),
    }
}

/// `later − earlier`, component by component, as counts.
fn difference(later: Counts, earlier: Counts) -> Result<Counts> {
    let fell = || {
        Error::from(Reason::Overflow {
            what: "a difference of cumulative counts",
        })
    };
    Counts::new(
        later
            .numerator()
            .checked_sub(earlier.numerator())
            .ok_or_else(fell)?,
        later
            .denominator()
            .checked_sub(earlier.denominator())
            .ok_or_else(fell)?,
    )
}

impl MonthlySeries {
    /// A series of `kind` for `year`, January first.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a year chrono cannot represent;
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when a cumulative series' numerator or denominator falls
    /// from one reported month to the next (naming the month and both values).
    pub fn new(year: i32, kind: SeriesKind, months: [Option<Counts>; 12]) -> Result<Self> {
        Period::year(year)?;
        if kind == SeriesKind::Cumulative {
            let mut previous: Option<(u32, Counts)> = None;
            for (month, counts) in (1..).zip(months) {
                let Some(counts) = counts else { continue };
                if let Some((previous_month, before)) = previous {
                    let checks = [
                        ("numerator", counts.numerator(), before.numerator()),
                        ("denominator", counts.denominator(), before.denominator()),
                    ];
                    for (what, value, previous) in checks {
                        if value < previous {
                            return Err(Error::from(Reason::CumulativeDecreases {
                                what,
                                month,
                                value,
                                previous_month,
                                previous,
                            }));
                        }
                    }
                }
                previous = Some((month, counts));
            }
        }
        Ok(Self { year, kind, months })
    }

    /// A series from `(month, counts)` pairs (months 1–12, in any order; months not given are
    /// not reported).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a month outside 1–12; [`ErrorKind::DuplicateId`](crate::ErrorKind::DuplicateId) for a month
    /// given twice; as [`MonthlySeries::new`] otherwise.
    pub fn from_months(
        year: i32,
        kind: SeriesKind,
        entries: impl IntoIterator<Item = (u32, Counts)>,
    ) -> Result<Self> {
        let mut months = [None; 12];
        for (month, counts) in entries {
            let cell = months
                .get_mut(slot(month)?)
                .ok_or(Error::from(Reason::Overflow { what: "a month" }))?;
            if cell.replace(counts).is_some() {
                return Err(Error::from(Reason::DuplicateMonth { month }));
            }
        }
        Self::new(year, kind, months)
    }

    /// The year.
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// Per month or cumulative.
    #[must_use]
    pub const fn kind(&self) -> SeriesKind {
        self.kind
    }

    /// The counts reported for `month` (1–12), as given; `None` when not reported or not a
    /// month.
    #[must_use]
    pub fn month(&self, month: u32) -> Option<Counts> {
        slot(month)
            .ok()
            .and_then(|i| self.months.get(i).copied().flatten())
    }

    /// The twelve months, January first, as given.
    #[must_use]
    pub const fn months(&self) -> &[Option<Counts>; 12] {
        &self.months
    }

    /// The reported months (1–12) and their counts, in order.
    pub fn reported(&self) -> impl Iterator<Item = (u32, Counts)> + '_ {
        (1..)
            .zip(self.months)
            .filter_map(|(month, counts)| Some((month, counts?)))
    }

    /// The counts of `month` as needed for a sum: a reported month, or an error.
    fn required(&self, month: u32) -> Result<Counts> {
        self.month(month)
            .ok_or(Error::from(Reason::MonthNotReported {
                month,
                year: self.year,
            }))
    }

    /// The counts of months `from` to `to` (1–12, `from ≤ to`), summed.
    ///
    /// Per month: the sum of each month's counts, every month reported. Cumulative: the
    /// year-to-date counts of `to` minus those of the month before `from` (none for January),
    /// both reported.
    pub(crate) fn total_of_months(&self, from: u32, to: u32) -> Result<Counts> {
        match self.kind {
            SeriesKind::PerMonth => (from..=to).try_fold(Counts::ZERO, |sum, month| {
                sum.checked_add(self.required(month)?)
                    .map_err(|err| err.at(month_label(self.year, month)))
            }),
            SeriesKind::Cumulative => {
                let through = self.required(to)?;
                if from <= 1 {
                    return Ok(through);
                }
                difference(through, self.required(from - 1)?).map_err(|err| {
                    err.at(format!(
                        "{} to {}",
                        month_label(self.year, from),
                        month_label(self.year, to)
                    ))
                })
            }
        }
    }

    /// The counts over `period` — whole months of the series' year — as a ratio of sums.
    ///
    /// ```
    /// use cchc::Counts;
    /// use cchc::time::{MonthlySeries, Period, SeriesKind};
    /// let ytd = MonthlySeries::from_months(
    ///     2023,
    ///     SeriesKind::Cumulative,
    ///     [(3, Counts::new(30, 100)?), (6, Counts::new(70, 220)?)],
    /// )?;
    /// // Q2 = June's year-to-date minus March's.
    /// assert_eq!(ytd.total(&Period::quarter(2023, 2)?)?, Counts::new(40, 120)?);
    /// assert!(ytd.total(&Period::half(2023, 2)?).is_err()); // December not reported
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) or [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a period that is not
    /// whole months of the year; [`ErrorKind::Missing`](crate::ErrorKind::Missing) for a month the sum needs (every
    /// month of the period per month; the period's last month and the month before its first
    /// when cumulative); [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) (with the months named) when
    /// a cumulative difference has more records meeting the measure than arose;
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit), named by the month whose counts took the
    /// sum beyond `u64` (`2023-02`).
    pub fn total(&self, period: &Period) -> Result<Counts> {
        let (from, to) = period.whole_months_of(self.year)?;
        self.total_of_months(from, to)
    }

    /// The counts over the whole year.
    ///
    /// # Errors
    /// As [`MonthlySeries::total`].
    pub fn year_total(&self) -> Result<Counts> {
        self.total_of_months(1, 12)
    }

    /// The same facts as each month's own counts.
    ///
    /// A cumulative month becomes its difference from the month before; a month whose month
    /// before is not reported cannot be split and is left unreported (so is a month whose
    /// difference is not valid counts, which the per-month kind cannot hold — an error).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) (with the month named) when a month's difference
    /// has more records meeting the measure than arose in it.
    pub fn to_per_month(&self) -> Result<Self> {
        match self.kind {
            SeriesKind::PerMonth => Ok(self.clone()),
            SeriesKind::Cumulative => {
                let mut months = [None; 12];
                let mut before = Some(Counts::ZERO);
                for (month, (cell, counts)) in (1..).zip(months.iter_mut().zip(self.months)) {
                    if let (Some(now), Some(earlier)) = (counts, before) {
                        *cell = Some(
                            difference(now, earlier)
                                .map_err(|err| err.at(month_label(self.year, month)))?,
                        );
                    }
                    before = counts;
                }
                Self::new(self.year, SeriesKind::PerMonth, months)
            }
        }
    }

    /// The same facts as year-to-date counts at each month's end; a month is reported when it
    /// and every month before it are.
    ///
    /// # Errors
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit), named by the month (`2023-04`), when a
    /// running sum leaves `u64`.
    pub fn to_cumulative(&self) -> Result<Self> {
        match self.kind {
            SeriesKind::Cumulative => Ok(self.clone()),
            SeriesKind::PerMonth => {
                let mut months = [None; 12];
                let mut sum = Some(Counts::ZERO);
                for (month, (cell, counts)) in (1..).zip(months.iter_mut().zip(self.months)) {
                    sum = match (sum, counts) {
                        (Some(sum), Some(counts)) => Some(
                            sum.checked_add(counts)
                                .map_err(|err| err.at(month_label(self.year, month)))?,
                        ),
                        _ => None,
                    };
                    *cell = sum;
                }
                Self::new(self.year, SeriesKind::Cumulative, months)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(n: u64, d: u64) -> Counts {
        Counts::new(n, d).unwrap()
    }

    #[test]
    fn cumulative_must_not_fall() {
        let err = MonthlySeries::from_months(
            2023,
            SeriesKind::Cumulative,
            [(1, c(5, 10)), (2, c(9, 20)), (4, c(8, 30))],
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "cumulative numerator falls from 9 in month 2 to 8 in month 4"
        );
        let err =
            MonthlySeries::from_months(2023, SeriesKind::Cumulative, [(1, c(5, 10)), (2, c(5, 9))])
                .unwrap_err();
        assert!(matches!(
            err.reason(),
            Reason::CumulativeDecreases {
                what: "denominator",
                month: 2,
                value: 9,
                previous_month: 1,
                previous: 10
            }
        ));
        // The same numbers per month are fine.
        assert!(
            MonthlySeries::from_months(2023, SeriesKind::PerMonth, [(1, c(5, 10)), (2, c(5, 9))])
                .is_ok()
        );
    }

    #[test]
    fn months_are_checked() {
        let dup =
            MonthlySeries::from_months(2023, SeriesKind::PerMonth, [(3, c(1, 1)), (3, c(1, 1))]);
        assert_eq!(dup.unwrap_err().to_string(), "month 3 is given twice");
        let bad = MonthlySeries::from_months(2023, SeriesKind::PerMonth, [(13, c(1, 1))]);
        assert!(matches!(
            bad.unwrap_err().reason(),
            Reason::NoSuchPeriod {
                what: "month",
                value: 13,
                ..
            }
        ));
        let series =
            MonthlySeries::from_months(2023, SeriesKind::PerMonth, [(2, c(1, 4))]).unwrap();
        assert_eq!(series.month(2), Some(c(1, 4)));
        assert_eq!(series.month(0), None);
        assert_eq!(series.month(13), None);
    }

    #[test]
    fn per_month_sums_need_every_month() {
        let series =
            MonthlySeries::from_months(2023, SeriesKind::PerMonth, [(1, c(1, 4)), (3, c(2, 6))])
                .unwrap();
        let err = series
            .total(&Period::quarter(2023, 1).unwrap())
            .unwrap_err();
        assert_eq!(err.to_string(), "month 2 of 2023 is not reported");
        assert_eq!(
            series.total(&Period::month(2023, 3).unwrap()).unwrap(),
            c(2, 6)
        );
    }

    #[test]
    fn cumulative_difference_may_be_invalid() {
        // 5 of 10 by January, 10 of 11 by February: February alone would be 5 of 1.
        let series = MonthlySeries::from_months(
            2023,
            SeriesKind::Cumulative,
            [(1, c(5, 10)), (2, c(10, 11))],
        )
        .unwrap();
        let err = series.total(&Period::month(2023, 2).unwrap()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "2023-02 to 2023-02: numerator 5 exceeds denominator 1"
        );
        assert!(series.to_per_month().is_err());
        assert_eq!(
            series
                .total(&Period::months_of(2023, 1, 2).unwrap())
                .unwrap(),
            c(10, 11)
        );
    }

    #[test]
    fn conversions_keep_the_facts() {
        let per = MonthlySeries::from_months(
            2023,
            SeriesKind::PerMonth,
            [(1, c(1, 4)), (2, c(2, 6)), (4, c(3, 3))],
        )
        .unwrap();
        let cum = per.to_cumulative().unwrap();
        assert_eq!(cum.month(2), Some(c(3, 10)));
        assert_eq!(cum.month(4), None); // March is missing, so April's year-to-date is unknown
        let back = cum.to_per_month().unwrap();
        assert_eq!(back.month(1), Some(c(1, 4)));
        assert_eq!(back.month(2), Some(c(2, 6)));
        assert_eq!(back.month(4), None);
    }

    #[test]
    fn serde_round_trip_and_refusals() {
        let series =
            MonthlySeries::from_months(2024, SeriesKind::Cumulative, [(1, c(1, 4)), (2, c(2, 6))])
                .unwrap();
        let toml_text = toml::to_string(&series).unwrap();
        assert_eq!(toml::from_str::<MonthlySeries>(&toml_text).unwrap(), series);
        let json = serde_json::to_string(&series).unwrap();
        assert_eq!(
            json,
            r#"{"year":2024,"kind":"cumulative","months":[{"month":1,"numerator":1,"denominator":4},{"month":2,"numerator":2,"denominator":6}]}"#
        );
        let bad = r#"{"year":2024,"kind":"per_month","months":[{"month":5,"numerator":7,"denominator":6}]}"#;
        let err = serde_json::from_str::<MonthlySeries>(bad).unwrap_err();
        assert!(
            err.to_string()
                .contains("2024-05: numerator 7 exceeds denominator 6"),
            "{err}"
        );
        let falls = r#"{"year":2024,"kind":"cumulative","months":[{"month":1,"numerator":3,"denominator":6},{"month":2,"numerator":2,"denominator":6}]}"#;
        let err = serde_json::from_str::<MonthlySeries>(falls).unwrap_err();
        assert!(
            err.to_string()
                .contains("falls from 3 in month 1 to 2 in month 2"),
            "{err}"
        );
    }
}
