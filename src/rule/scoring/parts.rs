//! The parts a scoring rule is built from: shares, steps, categories, and the deadline and
//! window rules. Each holds only valid values.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::check_points;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::Percent;
use crate::rule::{Deadline, Window, WindowOutcome};
use crate::text::Text;

/// A share of a criterion's maximum, from 0 to 1 with at most four decimals (`0.5` = half the
/// points).
///
/// ```
/// use cchc::rule::Share;
/// use rust_decimal_macros::dec;
/// assert_eq!(Share::new(dec!(0.5))?.value(), dec!(0.5));
/// assert!(Share::new(dec!(1.5)).is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "Decimal")]
pub struct Share(Decimal);

impl<'de> Deserialize<'de> for Share {
    /// From a string or a whole number (never a float), checked as [`Share::new`] checks.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Self::new(crate::decimal::strict(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl TryFrom<Decimal> for Share {
    type Error = Error;
    fn try_from(value: Decimal) -> Result<Self> {
        Self::new(value)
    }
}

impl From<Share> for Decimal {
    fn from(share: Share) -> Self {
        share.0
    }
}

impl Share {
    /// The most decimals a share may have.
    pub const MAX_DECIMALS: u32 = 4;
    /// Half the points.
    pub const HALF: Self = Self(Decimal::from_parts(5, 0, 0, false, 1));

    /// A share.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) outside 0–1 or with more
    /// than four decimals.
    pub fn new(value: Decimal) -> Result<Self> {
        if value.is_sign_negative() || value > Decimal::ONE {
            Err(Error::from(Reason::ShareOutOfRange { value }))
        } else if value.normalize().scale() > Self::MAX_DECIMALS {
            Err(Error::from(Reason::TooManyDecimalPlaces {
                what: "share",
                value,
                limit: Self::MAX_DECIMALS,
            }))
        } else {
            Ok(Self(value))
        }
    }

    /// The share, between 0 and 1.
    #[must_use]
    pub const fn value(&self) -> Decimal {
        self.0
    }
}

/// One step of a step rule: at least a threshold (a [`Percent`] on a rate, a count) earns its
/// points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawStep<T>")]
#[serde(bound(deserialize = "T: Deserialize<'de> + Copy"))]
pub struct Step<T> {
    at_least: T,
    points: Decimal,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep<T> {
    at_least: T,
    points: Decimal,
}

impl<T: Copy> TryFrom<RawStep<T>> for Step<T> {
    type Error = Error;
    fn try_from(raw: RawStep<T>) -> Result<Self> {
        Self::new(raw.at_least, raw.points)
    }
}

impl<T: Copy> Step<T> {
    /// At least `at_least` earns `points`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for negative points, more
    /// than 1,000, or more than two decimals.
    pub fn new(at_least: T, points: Decimal) -> Result<Self> {
        Ok(Self {
            at_least,
            points: check_points("step points", points)?,
        })
    }

    /// The least rate or count that earns the step.
    #[must_use]
    pub const fn at_least(&self) -> T {
        self.at_least
    }

    /// The points the step earns.
    #[must_use]
    pub const fn points(&self) -> Decimal {
        self.points
    }
}

/// A threshold of a step: a percentage or a count, for ordering and messages.
pub trait Threshold: Copy + Ord + std::fmt::Display {}
impl Threshold for Percent {}
impl Threshold for u64 {}

/// The steps of a step rule, highest threshold first, each worth no more than the one before.
///
/// ```
/// use cchc::Percent;
/// use cchc::rule::{Step, Steps};
/// use rust_decimal_macros::dec;
/// let p = |v| Percent::new(v).unwrap();
/// let steps = Steps::new(vec![Step::new(p(dec!(100)), dec!(3))?, Step::new(p(dec!(90)), dec!(1.5))?])?;
/// assert_eq!(steps.top().map(|s| s.points()), Some(dec!(3)));
/// assert!(Steps::new(vec![Step::new(p(dec!(90)), dec!(1))?, Step::new(p(dec!(100)), dec!(3))?]).is_err());
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Steps<T>(Vec<Step<T>>);

impl<T: Threshold> Steps<T> {
    /// Steps written from the highest threshold down.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with no step, or with a
    /// step whose threshold is not below the one before or that pays more than it.
    pub fn new(steps: Vec<Step<T>>) -> Result<Self> {
        if steps.is_empty() {
            return Err(Error::from(Reason::Empty {
                kind: "step",
                what: "step",
            }));
        }
        crate::limits::count("steps", steps.len(), crate::limits::MAX_STEPS)?;
        for (index, pair) in steps.windows(2).enumerate() {
            let (before, after) = (pair[0], pair[1]);
            if after.at_least >= before.at_least || after.points > before.points {
                return Err(Error::from(Reason::StepsNotOrdered {
                    index: index + 2,
                    detail: format!("{} → {} points", after.at_least, after.points),
                }));
            }
        }
        Ok(Self(steps))
    }

    /// The steps, highest threshold first.
    #[must_use]
    pub fn steps(&self) -> &[Step<T>] {
        &self.0
    }

    /// The highest step.
    #[must_use]
    pub fn top(&self) -> Option<&Step<T>> {
        self.0.first()
    }

    /// The lowest step that pays as much as the highest: reaching it earns full points.
    #[must_use]
    pub fn full(&self) -> Option<&Step<T>> {
        let top = self.top()?;
        self.0.iter().rev().find(|s| s.points == top.points)
    }
}

/// A named option of a category rule ("chủ tịch: tối đa; phó chủ tịch: 1/2 × tối đa"), worth a
/// share of the maximum.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "RawOption", into = "RawOption")]
pub struct CategoryOption {
    key: Id,
    label: Text,
    share: Share,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    key: Id,
    label_vi: String,
    label_en: String,
    share: Share,
}

impl From<RawOption> for CategoryOption {
    fn from(raw: RawOption) -> Self {
        Self::new(raw.key, Text::new(raw.label_vi, raw.label_en), raw.share)
    }
}

impl From<CategoryOption> for RawOption {
    fn from(option: CategoryOption) -> Self {
        let (label_vi, label_en) = option.label.into_parts();
        Self {
            key: option.key,
            label_vi,
            label_en,
            share: option.share,
        }
    }
}

impl CategoryOption {
    /// An option an observation names by `key` (`category = "chairman"`).
    #[must_use]
    pub const fn new(key: Id, label: Text, share: Share) -> Self {
        Self { key, label, share }
    }

    /// The key an observation gives.
    #[must_use]
    pub const fn key(&self) -> &Id {
        &self.key
    }

    /// The option's label (`Chủ tịch chủ trì`).
    #[must_use]
    pub const fn label(&self) -> &Text {
        &self.label
    }

    /// Its share of the maximum.
    #[must_use]
    pub const fn share(&self) -> Share {
        self.share
    }
}

/// The options of a category rule: at least one, keys unique.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Categories(Vec<CategoryOption>);

impl Categories {
    /// The options.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with no option;
    /// [`ErrorKind::DuplicateId`](crate::ErrorKind::DuplicateId) for a key given twice.
    pub fn new(options: Vec<CategoryOption>) -> Result<Self> {
        if options.is_empty() {
            return Err(Error::from(Reason::Empty {
                kind: "categories",
                what: "option",
            }));
        }
        crate::limits::count("options", options.len(), crate::limits::MAX_STEPS)?;
        for (i, option) in options.iter().enumerate() {
            if options[..i].iter().any(|o| o.key == option.key) {
                return Err(Error::from(Reason::DuplicateId {
                    what: "category",
                    id: option.key.to_string(),
                }));
            }
        }
        Ok(Self(options))
    }

    /// The options, in order.
    #[must_use]
    pub fn options(&self) -> &[CategoryOption] {
        &self.0
    }

    /// The option with key `key`.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&CategoryOption> {
        self.0.iter().find(|o| o.key == key)
    }
}

/// A deadline rule: on time = max; late but done by `late_until` = `late_share` × max;
/// otherwise 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DeadlineRule {
    deadline: Deadline,
    late_share: Share,
    late_until: chrono::NaiveDate,
}

impl DeadlineRule {
    /// A deadline, with `late_share` of the points for work done late up to `late_until`.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) when `late_until` comes
    /// before the deadline's date or lies outside 1900–2199.
    pub fn new(
        deadline: Deadline,
        late_share: Share,
        late_until: chrono::NaiveDate,
    ) -> Result<Self> {
        Window::new(deadline.date(), late_until)?;
        Ok(Self {
            deadline,
            late_share,
            late_until,
        })
    }

    /// The deadline.
    #[must_use]
    pub const fn deadline(&self) -> Deadline {
        self.deadline
    }

    /// The share of the points for late work.
    #[must_use]
    pub const fn late_share(&self) -> Share {
        self.late_share
    }

    /// The last day late work still earns the late share.
    #[must_use]
    pub const fn late_until(&self) -> chrono::NaiveDate {
        self.late_until
    }
}

/// A window rule: held inside the window = max; else held inside the outer period =
/// `outside_share` × max; else 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct WindowRule {
    window: Window,
    outside_share: Share,
    outside: Window,
}

impl WindowRule {
    /// Held within `window` for full points, or elsewhere within `outside` (usually the year)
    /// for `outside_share` of them.
    #[must_use]
    pub const fn new(window: Window, outside_share: Share, outside: Window) -> Self {
        Self {
            window,
            outside_share,
            outside,
        }
    }

    /// The window for full points.
    #[must_use]
    pub const fn window(&self) -> Window {
        self.window
    }

    /// The share of the points when held only outside the window.
    #[must_use]
    pub const fn outside_share(&self) -> Share {
        self.outside_share
    }

    /// The outer period that still earns the outside share.
    #[must_use]
    pub const fn outside(&self) -> Window {
        self.outside
    }

    /// When something held on `dates` was held, known by the end of `as_of` (every date, at
    /// the end): inside the window (the first such date), else outside it (the first date in
    /// the outer period, or else the first date), else not held; and whether a date lies in
    /// the outer period.
    pub(crate) fn judge(
        &self,
        dates: &[chrono::NaiveDate],
        as_of: Option<chrono::NaiveDate>,
    ) -> (WindowOutcome, bool) {
        let known = |d: &&chrono::NaiveDate| as_of.is_none_or(|day| **d <= day);
        let in_outer = dates
            .iter()
            .filter(known)
            .find(|d| self.outside.contains(**d));
        let outcome = match self.window.judge(dates, as_of) {
            inside @ WindowOutcome::Inside { .. } => inside,
            _ => match in_outer.or_else(|| dates.iter().find(known)) {
                Some(d) => WindowOutcome::Outside { held_on: *d },
                None => WindowOutcome::NotHeld,
            },
        };
        (outcome, in_outer.is_some())
    }
}
