//! Scoring rules (cách xác định và tính điểm): how a criterion's points follow from what was
//! observed. Each variant is one kind of rule seen in official self-assessment tables; a
//! criteria file names it with `kind`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::target::{Comparison, DeadlineWording};

/// One step of a step rule on a rate: at least `at_least` percent earns `points`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateStep {
    /// The least rate, in percent, that earns the step.
    pub at_least: Decimal,
    /// Points the step earns.
    pub points: Decimal,
}

/// One step of a step rule on a count: at least `at_least` earns `points`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountStep {
    /// The least count that earns the step.
    pub at_least: u64,
    /// Points the step earns.
    pub points: Decimal,
}

/// A named option of a category rule, worth `share` of the maximum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryOption {
    /// The key an observation gives (`category = "chairman"`).
    pub key: String,
    /// Vietnamese label (`Chủ tịch chủ trì`).
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Share of the maximum, 0–1 (`0.5` = half the points).
    pub share: Decimal,
}

/// How a criterion's points are computed.
///
/// In a criteria file: `rule = { kind = "prop", percent = "35" }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum ScoringRule {
    /// All or nothing on a rate target (`kind = "all"`): "đạt 100%: điểm tối đa; dưới 100%:
    /// 0 điểm". Full points when the exact rate meets `percent` (and the numerator reaches
    /// `min_count`, if given); else 0.
    #[serde(rename = "all")]
    AllOrNothing {
        /// At least (default) or at most.
        #[serde(default)]
        comparison: Comparison,
        /// The target, in percent.
        percent: Decimal,
        /// The least numerator, if any (II.5a: at least 10 procedures).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_count: Option<u64>,
    },
    /// Proportional to the rate (`kind = "rate"`): "Tỷ lệ = a/b; Điểm = Tỷ lệ × Điểm tối đa".
    #[serde(rename = "rate")]
    Proportional,
    /// Proportional to attainment of a target, capped (`kind = "prop"`, QĐ 766/QĐ-TTg style):
    /// max × min(1, rate ÷ `percent`).
    #[serde(rename = "prop")]
    ProportionalToTarget {
        /// The target, in percent.
        percent: Decimal,
    },
    /// Steps on a rate (`kind = "rate_steps"`): the first step, tried from the highest
    /// threshold down, that the exact rate reaches; 0 when none.
    RateSteps {
        /// The steps, highest threshold first; the first is worth the maximum.
        steps: Vec<RateStep>,
    },
    /// Steps on a count (`kind = "count_steps"`): "họp 4 lần/năm: 20 điểm; 3 lần: 15; …;
    /// còn lại: 0".
    CountSteps {
        /// The steps, highest count first; the first is worth the maximum.
        steps: Vec<CountStep>,
    },
    /// Named categories (`kind = "categories"`): "chủ tịch: tối đa; phó chủ tịch: 1/2 × tối
    /// đa; khác: 0".
    Categories {
        /// The options.
        options: Vec<CategoryOption>,
    },
    /// A deadline (`kind = "deadline"`): on time = max; late but done by `late_until` =
    /// `late_share` × max; otherwise 0.
    Deadline {
        /// The date named.
        #[serde(deserialize_with = "crate::dates::date")]
        date: NaiveDate,
        /// "trước D" (`before`, strict) or `by` (inclusive).
        wording: DeadlineWording,
        /// Share of the maximum for late work, 0–1.
        late_share: Decimal,
        /// The last day late work still earns `late_share`.
        #[serde(deserialize_with = "crate::dates::date")]
        late_until: NaiveDate,
    },
    /// A window (`kind = "window"`): held inside `start`–`end` = max; else held inside
    /// `outside_start`–`outside_end` = `outside_share` × max; else 0.
    Window {
        /// First day of the window.
        #[serde(deserialize_with = "crate::dates::date")]
        start: NaiveDate,
        /// Last day of the window.
        #[serde(deserialize_with = "crate::dates::date")]
        end: NaiveDate,
        /// Share of the maximum when held only outside the window, 0–1.
        outside_share: Decimal,
        /// First day that still earns the outside share (usually 1 January).
        #[serde(deserialize_with = "crate::dates::date")]
        outside_start: NaiveDate,
        /// Last day that still earns the outside share (usually 31 December).
        #[serde(deserialize_with = "crate::dates::date")]
        outside_end: NaiveDate,
    },
    /// A frequency (`kind = "frequency"`): max × periods covered ÷ periods required, with one
    /// period every `every_months` months from `start` to `end` ("06 tháng/cuộc").
    Frequency {
        /// Months per period.
        every_months: u32,
        /// First day of the first period.
        #[serde(deserialize_with = "crate::dates::date")]
        start: NaiveDate,
        /// Last day of the last period.
        #[serde(deserialize_with = "crate::dates::date")]
        end: NaiveDate,
    },
    /// Done / not done (`kind = "done"`): max or 0.
    Done,
    /// Points given by the assessor (`kind = "assessor"`), 0 ≤ points ≤ max.
    Assessor,
}

/// What kind of observation a rule reads; decides which keys an observation may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reads {
    /// `numerator`, `denominator`.
    Counts,
    /// `count`.
    Count,
    /// `category`.
    Category,
    /// `completed_on`.
    Completion,
    /// `held_on`.
    Dates,
    /// `done`.
    Done,
    /// `points`.
    Points,
}

impl ScoringRule {
    /// The `kind` written in files.
    #[must_use]
    pub const fn kind(&self) -> &'static str {
        match self {
            Self::AllOrNothing { .. } => "all",
            Self::Proportional => "rate",
            Self::ProportionalToTarget { .. } => "prop",
            Self::RateSteps { .. } => "rate_steps",
            Self::CountSteps { .. } => "count_steps",
            Self::Categories { .. } => "categories",
            Self::Deadline { .. } => "deadline",
            Self::Window { .. } => "window",
            Self::Frequency { .. } => "frequency",
            Self::Done => "done",
            Self::Assessor => "assessor",
        }
    }

    /// What the rule reads.
    #[must_use]
    pub const fn reads(&self) -> Reads {
        match self {
            Self::AllOrNothing { .. }
            | Self::Proportional
            | Self::ProportionalToTarget { .. }
            | Self::RateSteps { .. } => Reads::Counts,
            Self::CountSteps { .. } => Reads::Count,
            Self::Categories { .. } => Reads::Category,
            Self::Deadline { .. } => Reads::Completion,
            Self::Window { .. } | Self::Frequency { .. } => Reads::Dates,
            Self::Done => Reads::Done,
            Self::Assessor => Reads::Points,
        }
    }

    /// Whether more of what the rule reads never lowers its points (rates, counts, dates
    /// held): the rules a what-if may push.
    #[must_use]
    pub const fn is_monotone(&self) -> bool {
        matches!(
            self,
            Self::Proportional
                | Self::ProportionalToTarget { .. }
                | Self::RateSteps { .. }
                | Self::CountSteps { .. }
                | Self::Frequency { .. }
                | Self::AllOrNothing {
                    comparison: Comparison::AtLeast,
                    ..
                }
        )
    }
}

impl Reads {
    /// What is read, in words, for error messages ("counts", "a completion date", …).
    #[must_use]
    pub const fn describe(&self) -> &'static str {
        match self {
            Self::Counts => "counts",
            Self::Count => "a count",
            Self::Category => "a category",
            Self::Completion => "a completion date",
            Self::Dates => "dates held",
            Self::Done => "done / not done",
            Self::Points => "assessor points",
        }
    }

    /// The keys an observation of this kind carries.
    #[must_use]
    pub const fn keys(&self) -> &'static [&'static str] {
        match self {
            Self::Counts => &["numerator", "denominator"],
            Self::Count => &["count"],
            Self::Category => &["category"],
            Self::Completion => &["completed_on"],
            Self::Dates => &["held_on"],
            Self::Done => &["done"],
            Self::Points => &["points"],
        }
    }
}
