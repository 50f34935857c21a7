//! Progress at a date: where a monthly series stands against a rate target part-way through
//! its period, and what it must still do.
//!
//! [`Progress::year_to_date`] (or [`Progress::period_to_date`] for any period of whole months
//! of the series' year) takes a [`MonthlySeries`], a [`RateTarget`] and an `as_of` date, and
//! gives the counts to date, the shortfall now, the pace, a linear projection to the period's
//! end and the records needed per remaining month. The precise definitions are on
//! [`Progress`].
//!
//! Percentages and the pace index are rounded by the caller's [`Rounding`] policy from the
//! exact fractions; whether anything is met is decided on exact values.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::series::{MonthlySeries, SeriesKind};
use crate::error::{Error, Reason, Result};
use crate::observations::Period;
use crate::rate::Counts;
use crate::rate::Rounding;
use crate::rule::{Comparison, RateTarget};
use crate::rule::{Lever, Records, Shortfall};

/// A linear projection of counts to the end of a period: an **estimate** unless the whole
/// period has elapsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Projection {
    /// `true` while part of the period is still to come; `false` once every day has elapsed,
    /// when the projected counts are the actual ones.
    pub estimate: bool,
    /// The counts expected at the period's end: each of numerator and denominator to date
    /// × days in period ÷ days elapsed, rounded to the nearest whole record (halves up).
    pub counts: Counts,
    /// The projected rate in percent, rounded by the policy (`None` when nothing is projected
    /// to arise).
    pub percent: Option<Decimal>,
    /// Whether the projection meets the target, judged exactly: a linear projection keeps the
    /// rate to date, so on that rate (and on the exact projected count `G × Y ÷ E` for a
    /// minimum count), not on the rounded records (`None` as above).
    pub meets_target: Option<bool>,
}

/// Whether the records meeting the measure are made up as fast as the days pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pace {
    /// The denominator expected at the period's end, as projected (whole records).
    pub expected_denominator: u64,
    /// The target count `T` — the shortfall at the start — rounded up for display:
    /// `T = max(p × D̂, min count)` on the *exact* expected denominator `D̂ = N × Y ÷ E`.
    pub target_records: u64,
    /// The numerator to date `G`: how much of `T` is made up.
    pub made_up: u64,
    /// `G ÷ T` in percent (exact `T`), rounded by the policy (may exceed 100).
    pub made_up_percent: Decimal,
    /// Days elapsed ÷ days in the period, in percent, rounded by the policy.
    pub elapsed_percent: Decimal,
    /// `(G ÷ T) ÷ (E ÷ Y)` with the exact `T`, rounded by the policy: 1 on a straight line
    /// to the target. Without a minimum count this is the rate to date ÷ the target.
    pub index: Decimal,
    /// Exactly `G × Y ≥ T × E`: at or ahead of a straight line to the target — so on pace
    /// exactly when the rate to date meets the target (and, with a minimum count, the count
    /// keeps pace with it), in agreement with the projection.
    pub on_pace: bool,
}

/// Records needed in each remaining month to meet the target by the period's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MonthlyNeed {
    /// Months of the period whose last day is after `as_of`.
    pub remaining_months: u32,
    /// Records needed in all: converting on the counts to date, adding to the projection.
    pub total: Shortfall,
    /// `⌈total ÷ remaining months⌉` for each lever.
    pub per_month: Shortfall,
}

/// Where a monthly series stands against a rate target at a date.
///
/// - **Months covered.** Every month of the period that has *ended* by `as_of` (its last day
///   ≤ `as_of`), plus the month *containing* `as_of` when that month is reported — its counts
///   are then taken as reported up to `as_of`. The months the sum needs must be reported
///   (every covered month of a per-month series; the last covered month of a cumulative
///   series, and the month before the period when it starts after January), else
///   [`ErrorKind::Missing`](crate::ErrorKind::Missing) — except that a month ending on `as_of` itself cannot have
///   been reported yet, and a cumulative series speaks for every month up to its latest
///   report: both then count through the latest reported month. Months after `as_of` are
///   ignored even when reported.
/// - **Days elapsed** `E`: the days from the period's first day to the last day the covered
///   months speak for (`covered_through`: `as_of` when its month is covered, else the last
///   day of the last ended month); 0 when no month is covered. `Y` is the period's days.
/// - **To date**: the covered months' counts, summed as a ratio of sums, with their rate and
///   the shortfall now under both levers ([`RateTarget::shortfall`]).
/// - **Projection** (an estimate — flagged in [`Projection::estimate`]): numerator and
///   denominator each extrapolated linearly by days, `x × Y ÷ E`, rounded to the nearest whole
///   record with halves rounded up. When `E = Y` the projection is the actual.
/// - **Pace** ("at least" targets): the year's shortfall at the start of the period is the
///   **target count** `T` — the numerator that meets the target over the *expected
///   denominator* `D̂ = N × Y ÷ E`, taken exactly: `T = max(p × D̂, min_count)`. By `as_of` the
///   numerator to date `G` of it is made up. Pace compares the share made up, `G ÷ T`, with
///   the share of days elapsed, `E ÷ Y`: the index `(G ÷ T) ÷ (E ÷ Y)` is 1 on a straight line
///   to the target, above 1 ahead of it; `on_pace` is the exact `G × Y ≥ T × E`.
/// - **Need per remaining month**: the remaining months are the months of the period whose
///   last day is after `as_of` (the month of `as_of` counts unless `as_of` is its last day).
///   With [`Lever::Convert`] the population is fixed at the counts to date (records still to
///   arise are not counted: it is today's shortfall, spread); with
///   [`Lever::Add`] the base is the projection and new records all meeting the measure are
///   added to it. The total for each lever is [`RateTarget::records_needed`] on that base,
///   spread as `⌈total ÷ R⌉` per month; a positive need with no month left is
///   [`Records::Impossible`]. So `need × R` records meet the target (for Convert, at most the
///   records left to convert: the last month may need fewer) and `(need − 1) × R` do not.
///
/// Percentages and the pace index are rounded by the caller's [`Rounding`] policy from the
/// exact fractions; whether anything is met is decided on exact values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Progress {
    /// The period the target is for.
    pub period: Period,
    /// The target.
    pub target: RateTarget,
    /// The date asked about.
    pub as_of: NaiveDate,
    /// The last day the counts to date speak for (`None` when no month is covered).
    pub covered_through: Option<NaiveDate>,
    /// Days from the period's first day to `covered_through` (0 when none).
    pub days_elapsed: u64,
    /// Days in the period.
    pub days_in_period: u64,
    /// The covered months' counts, summed.
    pub to_date: Counts,
    /// Their rate in percent, rounded by the policy (`None` when nothing arose).
    pub percent: Option<Decimal>,
    /// Whether the counts to date meet the target (`None` when nothing arose).
    pub met: Option<bool>,
    /// Records short now, under both levers (`None` when nothing arose).
    pub shortfall: Option<Shortfall>,
    /// The linear projection to the period's end (`None` when no day is covered).
    pub projection: Option<Projection>,
    /// Pace against a straight line to the target ("at least" targets with a positive target
    /// count only).
    pub pace: Option<Pace>,
    /// Records needed per remaining month (`None` when nothing arose to date).
    pub need: Option<MonthlyNeed>,
}

/// `⌈total ÷ months⌉`; a positive total with no month left is impossible.
fn spread(total: Records, months: u32) -> Records {
    match total {
        Records::Needed(0) => Records::Needed(0),
        Records::Needed(k) if months > 0 => Records::Needed(k.div_ceil(u64::from(months))),
        _ => Records::Impossible,
    }
}

fn overflow() -> Error {
    Error::from(Reason::Overflow {
        what: "progress at a date",
    })
}

impl Progress {
    /// Progress of `series` against `target` over its whole year at `as_of`.
    ///
    /// ```
    /// use cchc::rule::{RateTarget, Records};
    /// use cchc::time::{MonthlySeries, Progress, SeriesKind};
    /// use cchc::{Counts, Percent, Rounding};
    /// use chrono::NaiveDate;
    /// use rust_decimal_macros::dec;
    /// // 30 dossiers a month, 6 filed online (20%), January to June; target ≥ 30% online.
    /// let months = (1..=6).map(|m| (m, Counts::new(6, 30).unwrap()));
    /// let series = MonthlySeries::from_months(2023, SeriesKind::PerMonth, months)?;
    /// let target = RateTarget::at_least(Percent::new(dec!(30))?)?;
    /// let at = NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
    /// let progress = Progress::year_to_date(&series, &target, at, &Rounding::default())?;
    /// assert_eq!(progress.to_date, Counts::new(36, 180)?);
    /// assert_eq!(progress.days_elapsed, 181);
    /// // 36 × 365/181 = 72.6 → 73; 180 × 365/181 = 362.98 → 363
    /// let projection = progress.projection.unwrap();
    /// assert!(projection.estimate);
    /// assert_eq!(projection.counts, Counts::new(73, 363)?);
    /// let need = progress.need.unwrap();
    /// assert_eq!(need.remaining_months, 6);
    /// assert_eq!(need.total.convert, Records::Needed(18)); // 54 of 180
    /// assert_eq!(need.per_month.convert, Records::Needed(3));
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Progress::period_to_date`].
    pub fn year_to_date(
        series: &MonthlySeries,
        target: &RateTarget,
        as_of: NaiveDate,
        rounding: &Rounding,
    ) -> Result<Self> {
        Self::period_to_date(
            series,
            &Period::year(series.year())?,
            target,
            as_of,
            rounding,
        )
    }

    /// Progress of `series` against `target` over `period` (whole months of the series' year)
    /// at `as_of`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) or [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a period that is not
    /// whole months of the series' year; [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `as_of` is not in
    /// the period; [`ErrorKind::Missing`](crate::ErrorKind::Missing) for an ended month the sum needs; as
    /// [`MonthlySeries::total`] otherwise.
    pub fn period_to_date(
        series: &MonthlySeries,
        period: &Period,
        target: &RateTarget,
        as_of: NaiveDate,
        rounding: &Rounding,
    ) -> Result<Self> {
        let (first, last) = period.whole_months_of(series.year())?;
        if !period.contains(as_of) {
            return Err(Error::from(Reason::DateOutsidePeriod {
                date: as_of,
                start: period.start(),
                end: period.end(),
            }));
        }
        let month_of_as_of = as_of.month();
        let as_of_ends_its_month = as_of.succ_opt().is_none_or(|next| next.day() == 1);
        // The last month of the period that has ended by `as_of` (first − 1 when none has).
        let last_ended = if as_of_ends_its_month {
            month_of_as_of
        } else {
            month_of_as_of - 1
        }
        .max(first - 1);
        let partial_covered = !as_of_ends_its_month && series.month(month_of_as_of).is_some();
        let covered_last = if partial_covered {
            Some(month_of_as_of)
        } else {
            (last_ended >= first).then_some(last_ended)
        };
        // A month that ends on `as_of` cannot be reported yet, and a cumulative series speaks
        // for every month up to its latest report: in both cases the counts to date are the
        // latest report's (a per-month series still needs every earlier month).
        let covered_last = match covered_last {
            Some(month) if series.month(month).is_none() => {
                let ends_today = as_of_ends_its_month && month == month_of_as_of;
                match series.kind() {
                    SeriesKind::Cumulative => {
                        (first..month).rev().find(|m| series.month(*m).is_some())
                    }
                    _ if ends_today => (month > first).then(|| month - 1),
                    _ => Some(month),
                }
            }
            other => other,
        };
        let (to_date, covered_through) = match covered_last {
            None => (Counts::ZERO, None),
            Some(month) => {
                let through = if partial_covered {
                    as_of
                } else {
                    Period::month(series.year(), month)?.end()
                };
                (series.total_of_months(first, month)?, Some(through))
            }
        };
        let days_in_period = period.days();
        let days_elapsed = covered_through.map_or(0, |through| period.days_elapsed(through));
        let percent = to_date
            .rate()
            .map(|rate| rate.percent(rounding))
            .transpose()?;
        let projection = project(&to_date, target, days_elapsed, days_in_period, rounding)?;
        let pace = match &projection {
            Some(projection) => pace(
                &to_date,
                target,
                projection.counts.denominator(),
                days_elapsed,
                days_in_period,
                rounding,
            )?,
            None => None,
        };
        let remaining_months = last - last_ended;
        let need = match (
            target.records_needed(&to_date, Lever::Convert),
            projection
                .as_ref()
                .and_then(|p| target.records_needed(&p.counts, Lever::Add)),
        ) {
            (Some(convert), Some(add)) => Some(MonthlyNeed {
                remaining_months,
                total: Shortfall { convert, add },
                per_month: Shortfall {
                    convert: spread(convert, remaining_months),
                    add: spread(add, remaining_months),
                },
            }),
            _ => None,
        };
        Ok(Self {
            period: *period,
            target: *target,
            as_of,
            covered_through,
            days_elapsed,
            days_in_period,
            to_date,
            percent,
            met: target.is_met(&to_date),
            shortfall: target.shortfall(&to_date),
            projection,
            pace,
            need,
        })
    }
}

/// The linear projection of `to_date` over `elapsed` of `days` days; `None` when none elapsed.
fn project(
    to_date: &Counts,
    target: &RateTarget,
    elapsed: u64,
    days: u64,
    rounding: &Rounding,
) -> Result<Option<Projection>> {
    if elapsed == 0 {
        return Ok(None);
    }
    let scale = |x: u64| -> Result<Option<u64>> {
        match u128::from(x).checked_mul(u128::from(days)) {
            Some(num) => Rounding::round_whole(num, u128::from(elapsed)).map(Some),
            None => Ok(None),
        }
    };
    // Counts too large to project (beyond u64 after scaling) have no projection.
    let (Some(numerator), Some(denominator)) = (
        scale(to_date.numerator()).ok().flatten(),
        scale(to_date.denominator()).ok().flatten(),
    ) else {
        return Ok(None);
    };
    // Rounding is monotone, so the projected numerator never exceeds the denominator.
    let counts = Counts::new(numerator, denominator)?;
    // A linear projection keeps the rate to date exactly; judge on it (and on the exact
    // projected count, G × Y ÷ E, for a minimum count), not on the rounded records.
    let meets_target = (!to_date.is_not_applicable()).then(|| {
        target.percent_met(to_date.numerator(), to_date.denominator())
            && target.min_count().is_none_or(|c| {
                u128::from(to_date.numerator()) * u128::from(days)
                    >= u128::from(c) * u128::from(elapsed)
            })
    });
    Ok(Some(Projection {
        estimate: elapsed < days,
        percent: counts
            .rate()
            .map(|rate| rate.percent(rounding))
            .transpose()?,
        meets_target,
        counts,
    }))
}

/// Pace of `to_date` against `target`; `None` for "at most" targets, when no day has elapsed,
/// or when the target asks for nothing (0% and no minimum count).
///
/// The straight line to the target is drawn on the *exact* expected denominator
/// `D̂ = N × Y ÷ E`, so pace agrees with the rate to date: `T = max(p × D̂, c)` and
/// `G × Y ≥ T × E` ⇔ `G ≥ p × N` and `G × Y ≥ c × E`. `target_records` shows `⌈T⌉`.
fn pace(
    to_date: &Counts,
    target: &RateTarget,
    expected_denominator: u64,
    elapsed: u64,
    days: u64,
    rounding: &Rounding,
) -> Result<Option<Pace>> {
    if target.comparison() != Comparison::AtLeast || elapsed == 0 {
        return Ok(None);
    }
    let (p, q) = target.percent().fraction();
    let (g, n) = (
        u128::from(to_date.numerator()),
        u128::from(to_date.denominator()),
    );
    let (e, y) = (u128::from(elapsed), u128::from(days));
    let c = u128::from(target.min_count().unwrap_or(0));
    let mul = |a: u128, b: u128| a.checked_mul(b).ok_or_else(overflow);
    // T by the rate, as the exact fraction p·N·Y / (q·E); by the count, c.
    let rate_t = (mul(mul(p, n)?, y)?, mul(q, e)?);
    // The larger of the two, compared exactly.
    let (t_num, t_den) = if rate_t.0 >= mul(c, rate_t.1)? {
        rate_t
    } else {
        (c, 1)
    };
    if t_num == 0 {
        return Ok(None);
    }
    // index = (G ÷ T) ÷ (E ÷ Y) = G·Y·t_den / (t_num·E)
    let ahead = mul(mul(g, y)?, t_den)?;
    let line = mul(t_num, e)?;
    Ok(Some(Pace {
        expected_denominator,
        target_records: u64::try_from(t_num.div_ceil(t_den)).map_err(|_| overflow())?,
        made_up: to_date.numerator(),
        made_up_percent: rounding.round_ratio(mul(mul(g, 100)?, t_den)?, t_num)?,
        elapsed_percent: rounding.round_ratio(mul(e, 100)?, y)?,
        index: rounding.round_ratio(ahead, line)?,
        on_pace: ahead >= line,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rate::Percent;
    use rust_decimal_macros::dec;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2023, m, day).unwrap()
    }

    fn c(n: u64, den: u64) -> Counts {
        Counts::new(n, den).unwrap()
    }

    fn thirty() -> RateTarget {
        RateTarget::at_least(Percent::new(dec!(30)).unwrap()).unwrap()
    }

    fn series(months: &[(u32, Counts)]) -> MonthlySeries {
        MonthlySeries::from_months(2023, SeriesKind::PerMonth, months.iter().copied()).unwrap()
    }

    #[test]
    fn covered_months_ended_or_reported() {
        let s = series(&[(1, c(3, 10)), (2, c(3, 10)), (3, c(4, 10))]);
        let p = |at| Progress::year_to_date(&s, &thirty(), at, &Rounding::default()).unwrap();
        // 15 March, March reported: Jan–Mar counted, data to 15 March (31 + 28 + 15 = 74 days).
        let mid = p(d(3, 15));
        assert_eq!(mid.to_date, c(10, 30));
        assert_eq!(mid.covered_through, Some(d(3, 15)));
        assert_eq!(mid.days_elapsed, 74);
        assert_eq!(mid.need.unwrap().remaining_months, 10); // March to December
        // 31 March: March has ended; 9 months remain.
        let end = p(d(3, 31));
        assert_eq!(end.days_elapsed, 90);
        assert_eq!(end.need.unwrap().remaining_months, 9);
        // 15 April, April not reported: data to 31 March only.
        let april = p(d(4, 15));
        assert_eq!(april.to_date, c(10, 30));
        assert_eq!(april.covered_through, Some(d(3, 31)));
        assert_eq!(april.days_elapsed, 90);
        // 30 April: April ends today and cannot be reported yet: data to 31 March.
        let today = p(d(4, 30));
        assert_eq!(today.covered_through, Some(d(3, 31)));
        assert_eq!(today.need.unwrap().remaining_months, 8);
        // 1 May: April has ended and is not reported.
        let err = Progress::year_to_date(&s, &thirty(), d(5, 1), &Rounding::default());
        assert_eq!(
            err.unwrap_err().to_string(),
            "month 4 of 2023 is not reported"
        );
        // A cumulative series speaks for every month up to its latest report (quarterly lũy kế).
        let quarterly = MonthlySeries::from_months(
            2023,
            SeriesKind::Cumulative,
            [(3, c(10, 30)), (7, c(40, 100))],
        )
        .unwrap();
        let at =
            Progress::year_to_date(&quarterly, &thirty(), d(5, 10), &Rounding::default()).unwrap();
        assert_eq!(
            (at.to_date, at.covered_through),
            (c(10, 30), Some(d(3, 31)))
        );
    }

    #[test]
    fn pace_and_projection_agree_with_the_rate_to_date() {
        // 31 of 103 = 30.1% ≥ 30% by 30 June: met, projected to meet, and on pace — however
        // the projected records round (63/208).
        for (g, n) in [(31, 103), (32, 106), (30, 100)] {
            let s =
                MonthlySeries::from_months(2023, SeriesKind::Cumulative, [(6, c(g, n))]).unwrap();
            let p = Progress::year_to_date(&s, &thirty(), d(6, 30), &Rounding::default()).unwrap();
            assert_eq!(p.met, Some(true), "{g}/{n}");
            assert_eq!(p.projection.unwrap().meets_target, Some(true), "{g}/{n}");
            let pace = p.pace.unwrap();
            assert!(pace.on_pace, "{g}/{n}");
            assert!(pace.index >= Decimal::ONE, "{g}/{n}: {}", pace.index);
        }
        // And one record short of 30% is behind on every count.
        let s =
            MonthlySeries::from_months(2023, SeriesKind::Cumulative, [(6, c(30, 101))]).unwrap();
        let p = Progress::year_to_date(&s, &thirty(), d(6, 30), &Rounding::default()).unwrap();
        assert_eq!(
            (p.met, p.projection.unwrap().meets_target),
            (Some(false), Some(false))
        );
        assert!(!p.pace.unwrap().on_pace);
    }

    #[test]
    fn a_minimum_count_is_judged_on_the_projected_count() {
        // At least 30% and at least 40 records. By 31 March (90 days of 365): 12 of 30, 40%.
        // Projected to the year: 12 × 365 ÷ 90 = 48.7 records ≥ 40: meets. 9 of 30 (30%):
        // 9 × 365 ÷ 90 = 36.5 < 40: does not, though the rate holds.
        let target = RateTarget::at_least_count(Percent::new(dec!(30)).unwrap(), 40).unwrap();
        let meets = |g: u64| {
            let s = series(&[(1, c(g / 3, 10)), (2, c(g / 3, 10)), (3, c(g / 3, 10))]);
            Progress::year_to_date(&s, &target, d(3, 31), &Rounding::default())
                .unwrap()
                .projection
                .unwrap()
                .meets_target
        };
        assert_eq!(meets(12), Some(true));
        assert_eq!(meets(9), Some(false));
    }

    #[test]
    fn nothing_covered_yet() {
        let s = series(&[]);
        let p = Progress::year_to_date(&s, &thirty(), d(1, 20), &Rounding::default()).unwrap();
        assert_eq!(p.to_date, Counts::ZERO);
        assert_eq!((p.covered_through, p.days_elapsed), (None, 0));
        assert!(p.projection.is_none() && p.pace.is_none() && p.need.is_none());
        assert_eq!(p.met, None);
    }

    #[test]
    fn as_of_must_be_in_the_period() {
        let s = series(&[(1, c(3, 10))]);
        let q2 = Period::quarter(2023, 2).unwrap();
        let err = Progress::period_to_date(&s, &q2, &thirty(), d(3, 1), &Rounding::default());
        assert!(matches!(
            err.unwrap_err().reason(),
            Reason::DateOutsidePeriod { .. }
        ));
    }

    #[test]
    fn spreading_needs() {
        assert_eq!(spread(Records::Needed(10), 3), Records::Needed(4));
        assert_eq!(spread(Records::Needed(9), 3), Records::Needed(3));
        assert_eq!(spread(Records::Needed(0), 0), Records::Needed(0));
        assert_eq!(spread(Records::Needed(1), 0), Records::Impossible);
        assert_eq!(spread(Records::Impossible, 3), Records::Impossible);
    }

    #[test]
    fn pace_only_for_at_least() {
        let s = series(&[(1, c(3, 10))]);
        let at_most = RateTarget::at_most(Percent::new(dec!(30)).unwrap()).unwrap();
        let p = Progress::year_to_date(&s, &at_most, d(1, 31), &Rounding::default()).unwrap();
        assert!(p.pace.is_none());
        assert!(p.projection.is_some());
    }
}
