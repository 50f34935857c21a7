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

use serde::{Deserialize, Serialize};

use super::calendar::{Deadline, DeadlineWording, Frequency, Window};
use crate::dates::WrittenDate;
use crate::decimal::Written;
use crate::error::{Error, Reason, Result};
use crate::rate::{Counts, Percent};

/// Which side of the percentage meets the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
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
/// An "at least 0%" target is refused: every report would meet it.
///
/// ```
/// use cchc::{Counts, Percent};
/// use cchc::rule::RateTarget;
/// use rust_decimal_macros::dec;
/// // Row 5: at least 20% of procedures reviewed, and at least 10.
/// let target = RateTarget::at_least(Percent::new(dec!(20))?)?.with_min_count(10)?;
/// assert_eq!(target.is_met(&Counts::new(10, 50)?), Some(true));
/// assert_eq!(target.is_met(&Counts::new(9, 40)?), Some(false)); // 22.5% but only 9
/// assert_eq!(target.is_met(&Counts::new(0, 0)?), None); // không phát sinh
/// assert!(RateTarget::at_least(Percent::ZERO).is_err());
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
        Self::with_parts(raw.comparison, raw.percent, raw.min_count)
    }
}

impl RateTarget {
    /// 100%: every record meets the measure.
    pub const FULL: Self = Self {
        comparison: Comparison::AtLeast,
        percent: Percent::HUNDRED,
        min_count: None,
    };

    /// At least `percent`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for 0%, which every report
    /// meets.
    pub fn at_least(percent: Percent) -> Result<Self> {
        if percent == Percent::ZERO {
            return Err(Error::from(Reason::AlwaysMet {
                target: "at least 0%".into(),
                value: "0",
                give: "above 0",
            })
            .with_key("percent"));
        }
        Ok(Self {
            comparison: Comparison::AtLeast,
            percent,
            min_count: None,
        })
    }

    /// At least `percent`, 0% included (a rule whose target is 0% is always met).
    pub(crate) const fn at_least_any(percent: Percent) -> Self {
        Self {
            comparison: Comparison::AtLeast,
            percent,
            min_count: None,
        }
    }

    /// At most `percent` (0% is a real target: none at all).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for 100%, which every
    /// report meets (as "at least 0%").
    pub fn at_most(percent: Percent) -> Result<Self> {
        if percent == Percent::HUNDRED {
            return Err(Error::from(Reason::AlwaysMet {
                target: "at most 100%".into(),
                value: "100",
                give: "below 100%",
            })
            .with_key("percent"));
        }
        Ok(Self {
            comparison: Comparison::AtMost,
            percent,
            min_count: None,
        })
    }

    /// `percent` compared by `comparison`.
    ///
    /// # Errors
    /// As [`RateTarget::at_least`] and [`RateTarget::at_most`]: a target every report meets.
    pub fn new(comparison: Comparison, percent: Percent) -> Result<Self> {
        match comparison {
            Comparison::AtLeast => Self::at_least(percent),
            Comparison::AtMost => Self::at_most(percent),
        }
    }

    /// At least `percent` and at least `min_count` records meeting the measure ("tối thiểu
    /// 20% … (tối thiểu 10 TTHC)"). With a minimum count of 1 or more, 0% is allowed: the
    /// count alone is the target.
    ///
    /// ```
    /// use cchc::{Counts, Percent};
    /// use cchc::rule::RateTarget;
    /// let eleven = RateTarget::at_least_count(Percent::ZERO, 11)?;
    /// assert_eq!(eleven.is_met(&Counts::new(10, 40)?), Some(false));
    /// assert!(RateTarget::at_least_count(Percent::ZERO, 0).is_err());
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`RateTarget::at_least`] when `min_count` is 0.
    pub fn at_least_count(percent: Percent, min_count: u64) -> Result<Self> {
        if min_count == 0 {
            return Self::at_least(percent);
        }
        Ok(Self {
            comparison: Comparison::AtLeast,
            percent,
            min_count: Some(min_count),
        })
    }

    /// `percent` compared by `comparison`, with an optional minimum count.
    pub(crate) fn with_parts(
        comparison: Comparison,
        percent: Percent,
        min_count: Option<u64>,
    ) -> Result<Self> {
        match (comparison, min_count) {
            (Comparison::AtLeast, Some(c)) => Self::at_least_count(percent, c),
            (_, Some(c)) => Self::new(comparison, percent)?.with_min_count(c),
            (_, None) => Self::new(comparison, percent),
        }
    }

    /// Adds a minimum count of records meeting the measure.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) on an "at most" target.
    pub fn with_min_count(self, min_count: u64) -> Result<Self> {
        if self.comparison == Comparison::AtMost {
            return Err(Error::from(Reason::MinCountOnNonCount {
                min_count,
                kind: "an \"at most\" rate target".into(),
            }));
        }
        Ok(Self {
            min_count: Some(min_count),
            ..self
        })
    }

    /// The same target without its minimum count.
    #[must_use]
    pub const fn percent_only(&self) -> Self {
        Self {
            min_count: None,
            ..*self
        }
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

/// At least a count of something (initiatives, meetings), 1 or more.
///
/// ```
/// use cchc::rule::CountTarget;
/// let one = CountTarget::new(1)?;
/// assert!(one.is_met(2));
/// assert!(CountTarget::new(0).is_err()); // always met
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CountTarget {
    at_least: u64,
}

impl CountTarget {
    /// At least `at_least`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for 0, which every count
    /// meets.
    pub fn new(at_least: u64) -> Result<Self> {
        if at_least == 0 {
            return Err(Error::from(Reason::AlwaysMet {
                target: "at least 0".into(),
                value: "0",
                give: "above 0",
            })
            .with_key("at_least"));
        }
        Ok(Self { at_least })
    }

    /// The least count that meets the target.
    #[must_use]
    pub const fn least(&self) -> u64 {
        self.at_least
    }

    /// Whether `count` meets the target.
    #[must_use]
    pub const fn is_met(&self, count: u64) -> bool {
        count >= self.at_least
    }
}

/// What a plan item must reach.
///
/// Written in files as a table tagged by `kind`, with the keys that kind takes:
///
/// ```toml
/// target = { kind = "rate", percent = "20", min_count = 10 }    # comparison = "at_most" too
/// target = { kind = "count", at_least = 1 }
/// target = { kind = "deadline", date = 2023-01-30, wording = "before" }
/// target = { kind = "window", start = 2023-10-01, end = 2023-12-31 }
/// target = { kind = "frequency", every_months = 6, start = 2023-01-01, end = 2023-12-31 }
/// target = { kind = "done" }
/// ```
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
            Self::Count(t) => write!(f, "≥ {}", t.least()),
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

/// The written form of a [`Target`].
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) enum TargetSpec {
    Rate {
        #[serde(default)]
        comparison: Comparison,
        percent: Written,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::whole::option"
        )]
        #[cfg_attr(test, schemars(with = "Option<crate::schema::WholeNumber>"))]
        min_count: Option<u64>,
    },
    Count {
        #[serde(with = "crate::whole")]
        #[cfg_attr(test, schemars(with = "crate::schema::WholeNumber"))]
        at_least: u64,
    },
    Deadline {
        date: WrittenDate,
        wording: DeadlineWording,
    },
    Window {
        start: WrittenDate,
        end: WrittenDate,
    },
    Frequency {
        every_months: u32,
        start: WrittenDate,
        end: WrittenDate,
    },
    Done,
}

impl From<Target> for TargetSpec {
    fn from(target: Target) -> Self {
        match target {
            Target::Rate(t) => Self::Rate {
                comparison: t.comparison,
                percent: t.percent.value().into(),
                min_count: t.min_count,
            },
            Target::Count(t) => Self::Count {
                at_least: t.at_least,
            },
            Target::Deadline(d) => Self::Deadline {
                date: d.date().into(),
                wording: d.wording(),
            },
            Target::Window(w) => Self::Window {
                start: w.start().into(),
                end: w.end().into(),
            },
            Target::Frequency(q) => Self::Frequency {
                every_months: q.every_months(),
                start: q.within().start().into(),
                end: q.within().end().into(),
            },
            Target::Done => Self::Done,
        }
    }
}

impl TryFrom<TargetSpec> for Target {
    type Error = Error;
    fn try_from(spec: TargetSpec) -> Result<Self> {
        Ok(match spec {
            TargetSpec::Rate {
                comparison,
                percent,
                min_count,
            } => {
                let percent = percent
                    .decimal("percent")
                    .and_then(Percent::new)
                    .map_err(|e| e.with_key("percent"))?;
                Self::Rate(RateTarget::with_parts(comparison, percent, min_count)?)
            }
            TargetSpec::Count { at_least } => Self::Count(CountTarget::new(at_least)?),
            TargetSpec::Deadline { date, wording } => Self::Deadline(
                Deadline::new(date.date("date")?, wording).map_err(|e| e.with_key("date"))?,
            ),
            TargetSpec::Window { start, end } => Self::Window(
                Window::new(start.date("start")?, end.date("end")?)
                    .map_err(|e| e.with_key("end"))?,
            ),
            TargetSpec::Frequency {
                every_months,
                start,
                end,
            } => Self::Frequency(Frequency::new(
                every_months,
                Window::new(start.date("start")?, end.date("end")?)
                    .map_err(|e| e.with_key("end"))?,
            )?),
            TargetSpec::Done => Self::Done,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;
    use rust_decimal_macros::dec;

    #[test]
    fn rate_target_exact_threshold() {
        let t = RateTarget::at_least(Percent::new(dec!(35)).unwrap()).unwrap();
        assert_eq!(t.is_met(&Counts::new(105, 300).unwrap()), Some(true));
        assert_eq!(t.is_met(&Counts::new(104, 300).unwrap()), Some(false));
        let m = RateTarget::at_most(Percent::new(dec!(10)).unwrap()).unwrap();
        assert_eq!(m.is_met(&Counts::new(10, 100).unwrap()), Some(true));
        assert_eq!(m.is_met(&Counts::new(11, 100).unwrap()), Some(false));
        assert!(m.with_min_count(3).is_err());
        assert_eq!(
            RateTarget::at_most(Percent::ZERO).unwrap().percent(),
            Percent::ZERO
        );
        // At most 100% is met by every report, as at least 0%.
        let err = RateTarget::at_most(Percent::HUNDRED).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        assert_eq!(
            (err.key(), err.value().as_deref()),
            (Some("percent"), Some("100"))
        );
        assert_eq!(
            err.to_string(),
            "a target of at most 100% is always met, whatever is reported: give a target below 100%"
        );
    }

    #[test]
    fn written_form_round_trips_and_refuses() {
        let t: Target =
            toml::from_str::<TargetSpec>("kind = \"rate\"\npercent = 20\nmin_count = 10")
                .unwrap()
                .try_into()
                .unwrap();
        assert_eq!(Target::try_from(TargetSpec::from(t)).unwrap(), t);
        let err = toml::from_str::<TargetSpec>(
            "kind = \"deadline\"\ndate = 2023-01-30\nwording = \"before\"\nmin_count = 3",
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("unknown field `min_count`"),
            "{err}"
        );
        let err =
            toml::from_str::<TargetSpec>("kind = \"window\"\nstart = 2023-01-01").unwrap_err();
        assert!(err.to_string().contains("missing field `end`"), "{err}");
        let zero = TargetSpec::Rate {
            comparison: Comparison::AtLeast,
            percent: dec!(0).into(),
            min_count: None,
        };
        let err = Target::try_from(zero).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        assert_eq!(err.key(), Some("percent"));
    }
}
