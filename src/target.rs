//! Targets: what a plan item must reach, and by when.
//!
//! - [`RateTarget`]: at least / at most a [`Percent`], optionally with a minimum count
//!   ("tối thiểu 20% … (tối thiểu 10 TTHC/đơn vị)").
//! - [`CountTarget`]: at least *n* ("at least 1 initiative").
//! - [`Deadline`]: "trước D" (strictly before) or "by D" (inclusive).
//! - [`Window`]: a span of days such as "Quý IV/2023" or "Quý II-IV/2023".
//! - [`Frequency`]: at least one event in each period ("06 tháng/cuộc").
//! - [`Target::Done`]: done / not done.
//!
//! Every comparison with a percentage is an exact integer comparison.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use crate::calendar::{Deadline, DeadlineWording, Frequency, Window};
use crate::counts::Counts;
use crate::error::{Error, Result};

/// A percentage between 0 and 100 inclusive, with at most [`Percent::MAX_DECIMALS`] decimals.
///
/// Serialises as a decimal string (`"35"`); reads numbers and strings alike.
///
/// ```
/// use cchc::Percent;
/// use rust_decimal_macros::dec;
/// let p = Percent::new(dec!(35))?;
/// assert_eq!(p.value(), dec!(35));
/// assert!(Percent::new(dec!(100.5)).is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "Decimal", into = "Decimal")]
pub struct Percent(Decimal);

impl TryFrom<Decimal> for Percent {
    type Error = Error;
    fn try_from(value: Decimal) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Percent> for Decimal {
    fn from(p: Percent) -> Self {
        p.0
    }
}

impl Percent {
    /// The most decimals a percentage may have (33.3333%).
    pub const MAX_DECIMALS: u32 = 4;
    /// 0%.
    pub const ZERO: Self = Self(Decimal::ZERO);
    /// 100%.
    pub const HUNDRED: Self = Self(Decimal::ONE_HUNDRED);

    /// A percentage.
    ///
    /// # Errors
    /// [`Error::PercentOutOfRange`] outside 0–100; [`Error::TooManyDecimalPlaces`] with more
    /// than [`Percent::MAX_DECIMALS`] decimals.
    pub fn new(value: Decimal) -> Result<Self> {
        if value.is_sign_negative() && !value.is_zero() || value > Decimal::ONE_HUNDRED {
            return Err(Error::PercentOutOfRange { value });
        }
        let value = value.normalize();
        if value.scale() > Self::MAX_DECIMALS {
            return Err(Error::TooManyDecimalPlaces {
                what: "percentage",
                value,
                limit: Self::MAX_DECIMALS,
            });
        }
        Ok(Self(value.abs()))
    }

    /// The percentage, e.g. `35` for 35%.
    #[must_use]
    pub const fn value(&self) -> Decimal {
        self.0
    }

    /// The percentage as an exact fraction of 1: `(p, q)` with the percentage = p / q × 100.
    #[must_use]
    pub(crate) fn fraction(&self) -> (u128, u128) {
        // Valid percentages are non-negative with scale <= 4, so the mantissa fits.
        let mantissa = u128::try_from(self.0.mantissa()).unwrap_or(0);
        (mantissa, 100 * 10u128.pow(self.0.scale()))
    }
}

impl std::fmt::Display for Percent {
    /// `35%`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0)
    }
}

/// Which side of the percentage meets the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// The rate must be at least the percentage (đạt … trở lên, tối thiểu).
    #[default]
    AtLeast,
    /// The rate must be at most the percentage (không quá).
    AtMost,
}

/// A target on a rate: at least or at most a percentage, optionally with a minimum count of
/// records meeting the measure.
///
/// ```
/// use cchc::{Counts, Percent, RateTarget};
/// use rust_decimal_macros::dec;
/// // Row 5: at least 20% of procedures reviewed, and at least 10.
/// let target = RateTarget::at_least(Percent::new(dec!(20))?).with_min_count(10)?;
/// assert_eq!(target.is_met(&Counts::new(10, 50)?), Some(true));
/// assert_eq!(target.is_met(&Counts::new(9, 40)?), Some(false)); // 22.5% but only 9
/// assert_eq!(target.is_met(&Counts::new(0, 0)?), None); // không phát sinh
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawRateTarget")]
pub struct RateTarget {
    comparison: Comparison,
    percent: Percent,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_count: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRateTarget {
    #[serde(default)]
    comparison: Comparison,
    percent: Percent,
    #[serde(default)]
    min_count: Option<u64>,
}

impl TryFrom<RawRateTarget> for RateTarget {
    type Error = Error;
    fn try_from(raw: RawRateTarget) -> Result<Self> {
        let target = Self {
            comparison: raw.comparison,
            percent: raw.percent,
            min_count: None,
        };
        match raw.min_count {
            Some(c) => target.with_min_count(c),
            None => Ok(target),
        }
    }
}

impl RateTarget {
    /// At least `percent`.
    #[must_use]
    pub const fn at_least(percent: Percent) -> Self {
        Self {
            comparison: Comparison::AtLeast,
            percent,
            min_count: None,
        }
    }

    /// At most `percent`.
    #[must_use]
    pub const fn at_most(percent: Percent) -> Self {
        Self {
            comparison: Comparison::AtMost,
            percent,
            min_count: None,
        }
    }

    /// Adds a minimum count of records meeting the measure.
    ///
    /// # Errors
    /// [`Error::MinCountOnNonCount`] on an "at most" target.
    pub fn with_min_count(self, min_count: u64) -> Result<Self> {
        if self.comparison == Comparison::AtMost {
            return Err(Error::MinCountOnNonCount {
                min_count,
                kind: "an \"at most\" rate target".into(),
            });
        }
        Ok(Self {
            min_count: Some(min_count),
            ..self
        })
    }

    /// At least or at most.
    #[must_use]
    pub const fn comparison(&self) -> Comparison {
        self.comparison
    }

    /// The percentage.
    #[must_use]
    pub const fn percent(&self) -> Percent {
        self.percent
    }

    /// The minimum count of records meeting the measure, if any.
    #[must_use]
    pub const fn min_count(&self) -> Option<u64> {
        self.min_count
    }

    /// Whether the percentage alone is met by `numerator / denominator` (exact; `denominator`
    /// must not be zero).
    pub(crate) fn percent_met(&self, numerator: u64, denominator: u64) -> bool {
        let (p, q) = self.percent.fraction();
        let lhs = u128::from(numerator) * q;
        let rhs = p * u128::from(denominator);
        match self.comparison {
            Comparison::AtLeast => lhs >= rhs,
            Comparison::AtMost => lhs <= rhs,
        }
    }

    /// Whether `counts` meet the target, judged on the exact rate (and the minimum count);
    /// `None` when nothing arose in scope.
    #[must_use]
    pub fn is_met(&self, counts: &Counts) -> Option<bool> {
        if counts.is_not_applicable() {
            return None;
        }
        let count_ok = self.min_count.is_none_or(|c| counts.numerator() >= c);
        Some(count_ok && self.percent_met(counts.numerator(), counts.denominator()))
    }
}

impl std::fmt::Display for RateTarget {
    /// `≥ 20% and ≥ 10 records`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = match self.comparison {
            Comparison::AtLeast => "≥",
            Comparison::AtMost => "≤",
        };
        write!(f, "{sign} {}", self.percent)?;
        if let Some(c) = self.min_count {
            write!(f, " and ≥ {c} records")?;
        }
        Ok(())
    }
}

/// At least `at_least` of something (initiatives, meetings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountTarget {
    /// The least count that meets the target.
    pub at_least: u64,
}

impl CountTarget {
    /// Whether `count` meets the target.
    #[must_use]
    pub const fn is_met(&self, count: u64) -> bool {
        count >= self.at_least
    }
}

/// What a plan item must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "TargetSpec", into = "TargetSpec")]
#[non_exhaustive]
pub enum Target {
    /// A rate at least / at most a percentage.
    Rate(RateTarget),
    /// At least a count.
    Count(CountTarget),
    /// Done by a deadline.
    Deadline(Deadline),
    /// Held within a window.
    Window(Window),
    /// Held at least once per period.
    Frequency(Frequency),
    /// Done or not (qualitative items, "issued", "carried out").
    Done,
}

impl Target {
    /// The kind of target, as written in files: `rate`, `count`, `deadline`, `window`,
    /// `frequency` or `done`.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::Rate(_) => "rate",
            Self::Count(_) => "count",
            Self::Deadline(_) => "deadline",
            Self::Window(_) => "window",
            Self::Frequency(_) => "frequency",
            Self::Done => "done",
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Rate(t) => write!(f, "{t}"),
            Self::Count(t) => write!(f, "≥ {}", t.at_least),
            Self::Deadline(d) => write!(f, "{d}"),
            Self::Window(w) => write!(f, "within {w}"),
            Self::Frequency(q) => {
                write!(
                    f,
                    "one every {} months within {}",
                    q.every_months(),
                    q.within()
                )
            }
            Self::Done => f.write_str("done"),
        }
    }
}

/// The written form of a [`Target`]: a `kind` and the fields that kind takes.
///
/// ```toml
/// target = { kind = "rate", percent = "20", min_count = 10 }
/// target = { kind = "deadline", date = 2023-01-30, wording = "before" }
/// target = { kind = "window", start = 2023-10-01, end = 2023-12-31 }
/// target = { kind = "frequency", every_months = 6, start = 2023-01-01, end = 2023-12-31 }
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetSpec {
    /// `rate`, `count`, `deadline`, `window`, `frequency` or `done`.
    pub kind: String,
    /// Rate: `at_least` (default) or `at_most`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparison: Option<Comparison>,
    /// Rate: the percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<Decimal>,
    /// Rate: the least count of records meeting the measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_count: Option<u64>,
    /// Count: the least count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<u64>,
    /// Deadline: the date.
    #[serde(
        default,
        deserialize_with = "crate::dates::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// Deadline: `before` (trước) or `by`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wording: Option<DeadlineWording>,
    /// Window and frequency: first day.
    #[serde(
        default,
        deserialize_with = "crate::dates::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub start: Option<NaiveDate>,
    /// Window and frequency: last day.
    #[serde(
        default,
        deserialize_with = "crate::dates::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub end: Option<NaiveDate>,
    /// Frequency: months per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub every_months: Option<u32>,
}

impl From<Target> for TargetSpec {
    fn from(target: Target) -> Self {
        let kind = target.kind().to_owned();
        match target {
            Target::Rate(t) => Self {
                kind,
                comparison: Some(t.comparison),
                percent: Some(t.percent.value()),
                min_count: t.min_count,
                ..Self::default()
            },
            Target::Count(t) => Self {
                kind,
                at_least: Some(t.at_least),
                ..Self::default()
            },
            Target::Deadline(d) => Self {
                kind,
                date: Some(d.date()),
                wording: Some(d.wording()),
                ..Self::default()
            },
            Target::Window(w) => Self {
                kind,
                start: Some(w.start()),
                end: Some(w.end()),
                ..Self::default()
            },
            Target::Frequency(q) => Self {
                kind,
                every_months: Some(q.every_months()),
                start: Some(q.within().start()),
                end: Some(q.within().end()),
                ..Self::default()
            },
            Target::Done => Self {
                kind,
                ..Self::default()
            },
        }
    }
}

fn required<T>(value: Option<T>, field: &'static str, kind: &str) -> Result<T> {
    value.ok_or_else(|| Error::MissingField {
        field,
        kind: kind.to_owned(),
    })
}

impl TryFrom<TargetSpec> for Target {
    type Error = Error;
    fn try_from(spec: TargetSpec) -> Result<Self> {
        let kind = spec.kind.as_str();
        // Fields each kind takes; any other field given is refused, never ignored.
        let allowed: &[&str] = match kind {
            "rate" => &["comparison", "percent", "min_count"],
            "count" => &["at_least"],
            "deadline" => &["date", "wording"],
            "window" => &["start", "end"],
            "frequency" => &["every_months", "start", "end"],
            "done" => &[],
            other => {
                return Err(Error::UnknownKind {
                    kind: other.to_owned(),
                    allowed: "rate, count, deadline, window, frequency, done",
                });
            }
        };
        let present = [
            ("comparison", spec.comparison.is_some()),
            ("percent", spec.percent.is_some()),
            ("min_count", spec.min_count.is_some()),
            ("at_least", spec.at_least.is_some()),
            ("date", spec.date.is_some()),
            ("wording", spec.wording.is_some()),
            ("start", spec.start.is_some()),
            ("end", spec.end.is_some()),
            ("every_months", spec.every_months.is_some()),
        ];
        for (field, given) in present {
            if given && !allowed.contains(&field) {
                if let (Some(min_count), "min_count") = (spec.min_count, field) {
                    return Err(Error::MinCountOnNonCount {
                        min_count,
                        kind: format!("a {kind} target"),
                    });
                }
                return Err(Error::FieldNotAllowed {
                    field,
                    kind: kind.to_owned(),
                });
            }
        }
        Ok(match kind {
            "rate" => {
                let percent = Percent::new(required(spec.percent, "percent", kind)?)?;
                let target = match spec.comparison.unwrap_or_default() {
                    Comparison::AtLeast => RateTarget::at_least(percent),
                    Comparison::AtMost => RateTarget::at_most(percent),
                };
                Self::Rate(match spec.min_count {
                    Some(c) => target.with_min_count(c)?,
                    None => target,
                })
            }
            "count" => Self::Count(CountTarget {
                at_least: required(spec.at_least, "at_least", kind)?,
            }),
            "deadline" => Self::Deadline(Deadline::new(
                required(spec.date, "date", kind)?,
                required(spec.wording, "wording", kind)?,
            )),
            "window" => Self::Window(Window::new(
                required(spec.start, "start", kind)?,
                required(spec.end, "end", kind)?,
            )?),
            "frequency" => Self::Frequency(Frequency::new(
                required(spec.every_months, "every_months", kind)?,
                Window::new(
                    required(spec.start, "start", kind)?,
                    required(spec.end, "end", kind)?,
                )?,
            )?),
            _ => Self::Done,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn percent_bounds_and_scale() {
        assert!(Percent::new(dec!(0)).is_ok());
        assert!(Percent::new(dec!(100)).is_ok());
        assert!(Percent::new(dec!(-0.01)).is_err());
        assert!(Percent::new(dec!(100.0001)).is_err());
        assert!(Percent::new(dec!(33.3333)).is_ok());
        assert!(matches!(
            Percent::new(dec!(33.33333)),
            Err(Error::TooManyDecimalPlaces { .. })
        ));
        assert_eq!(Percent::new(dec!(35.00)).unwrap().fraction(), (35, 100));
    }

    #[test]
    fn rate_target_exact_threshold() {
        let t = RateTarget::at_least(Percent::new(dec!(35)).unwrap());
        assert_eq!(t.is_met(&Counts::new(105, 300).unwrap()), Some(true));
        assert_eq!(t.is_met(&Counts::new(104, 300).unwrap()), Some(false));
        let m = RateTarget::at_most(Percent::new(dec!(10)).unwrap());
        assert_eq!(m.is_met(&Counts::new(10, 100).unwrap()), Some(true));
        assert_eq!(m.is_met(&Counts::new(11, 100).unwrap()), Some(false));
        assert!(m.with_min_count(3).is_err());
    }

    #[test]
    fn spec_round_trip_and_refusals() {
        let t: Target =
            toml::from_str::<TargetSpec>("kind = \"rate\"\npercent = 20\nmin_count = 10")
                .unwrap()
                .try_into()
                .unwrap();
        let back = TargetSpec::from(t);
        assert_eq!(Target::try_from(back).unwrap(), t);
        let bad = TargetSpec {
            kind: "deadline".into(),
            date: Some(d(2023, 1, 30)),
            wording: Some(DeadlineWording::Before),
            min_count: Some(3),
            ..TargetSpec::default()
        };
        assert!(matches!(
            Target::try_from(bad),
            Err(Error::MinCountOnNonCount { min_count: 3, .. })
        ));
        let missing = TargetSpec {
            kind: "window".into(),
            start: Some(d(2023, 1, 1)),
            ..TargetSpec::default()
        };
        assert_eq!(
            Target::try_from(missing).unwrap_err().to_string(),
            "a window target needs the field `end`"
        );
    }
}
