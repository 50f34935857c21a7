//! The parts of a criteria set: criteria (with sub-criteria), fields and rating bands.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::id::Id;
use crate::rule::{ScoringRule, check_against_max, check_points};
use crate::text::Text;

/// What a criterion scores when nothing arose in scope (*không phát sinh*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum NotApplicablePolicy {
    /// Full points (the common practice). The default.
    #[default]
    FullPoints,
    /// Left out: 0 points, and its maximum is taken out of the set's maximum.
    LeaveOut,
    /// Zero points, maximum kept.
    Zero,
}

/// How a criterion's figures for shorter periods (months) make its figure for a longer one (a
/// quarter, the year), when [`aggregate`](crate::time::aggregate) adds them up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub enum Aggregation {
    /// Flows (records received, filed online, paid): counts are summed, so the rate of the
    /// period is the ratio of the sums. The default.
    #[default]
    Sum,
    /// Stocks (procedures published, offered online): the figure of the latest part, the
    /// state at the end of the period.
    Latest,
    /// Counts of distinct things over the period (online services with at least one online
    /// record): the parts cannot make it, so it is left missing, to be given for the period.
    Period,
}

/// How a criterion gets its points: its own rule, or the sum of its sub-criteria.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Body {
    Rule(ScoringRule),
    Children(Vec<Criterion>),
}

/// One criterion (tiêu chí) or sub-criterion (tiêu chí thành phần) of a criteria set.
///
/// A criterion has a maximum (điểm tối đa) and either a [`ScoringRule`] or sub-criteria whose
/// points it sums. It cannot hold an invalid value: points are 0–1,000 with at most two
/// decimals, steps fit the maximum, and sub-criteria add up to it.
///
/// ```
/// use cchc::{Id, Percent, Text};
/// use cchc::criteria::Criterion;
/// use cchc::rule::ScoringRule;
/// use rust_decimal_macros::dec;
/// let digitised = Criterion::new(
///     Id::new("II.4")?,
///     Text::new("Tỷ lệ số hóa kết quả giải quyết TTHC", "Procedure results digitised"),
///     dec!(5),
///     ScoringRule::ProportionalToTarget(Percent::new(dec!(35))?),
/// )?
/// .with_measure(Text::new("kết quả được số hóa", "results digitised"));
/// assert_eq!(digitised.max_points(), dec!(5));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    pub(super) id: Id,
    pub(super) label: Text,
    pub(super) max_points: Decimal,
    pub(super) body: Body,
    pub(super) plan_item: Option<Id>,
    pub(super) measure: Option<Text>,
    pub(super) not_applicable: Option<NotApplicablePolicy>,
    pub(super) about: About,
}

/// What a criterion says of itself beyond its rule: what its denominator counts, where it
/// applies, where its figures come from, the assumptions its data makes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct About {
    pub(super) denominator: Option<Text>,
    pub(super) levels: Vec<Id>,
    pub(super) source: Option<String>,
    pub(super) verified: Option<bool>,
    pub(super) assumption: Option<Text>,
    pub(super) aggregation: Aggregation,
}

impl Criterion {
    /// A criterion worth `max_points`, scored by `rule`.
    ///
    /// # Errors
    /// Named by `id`: [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a maximum
    /// that is 0, negative, above 1,000 or with more than two decimals, and for a rule that
    /// does not fit it (a step above the maximum, a top step below it, a target of 0%).
    pub fn new(id: Id, label: Text, max_points: Decimal, rule: ScoringRule) -> Result<Self> {
        let criterion = Self {
            id,
            label,
            max_points,
            body: Body::Rule(rule),
            plan_item: None,
            measure: None,
            not_applicable: None,
            about: About::default(),
        };
        match criterion.own_problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(criterion),
        }
    }

    /// A criterion whose points are the sum of `children`'s; its maximum is theirs.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue), named by `id`, without
    /// children or when their maxima add up to more than 1,000;
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for more than
    /// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels of sub-criteria.
    pub fn with_sub_criteria(id: Id, label: Text, children: Vec<Self>) -> Result<Self> {
        let levels = children.iter().map(super::bounds::depth).max().unwrap_or(0) + 1;
        if levels > crate::limits::MAX_DEPTH {
            return Err(Error::from(crate::error::Reason::TooMany {
                what: "levels of sub-criteria",
                count: levels,
                limit: crate::limits::MAX_DEPTH,
            })
            .with_key("children")
            .at(id.as_str()));
        }
        let max_points = crate::decimal::checked_sum(children.iter().map(|c| c.max_points))
            .unwrap_or(Decimal::MAX);
        let criterion = Self {
            id,
            label,
            max_points,
            body: Body::Children(children),
            plan_item: None,
            measure: None,
            not_applicable: None,
            about: About::default(),
        };
        match criterion.own_problems().into_iter().next() {
            Some(problem) => Err(problem),
            None => Ok(criterion),
        }
    }

    /// With what the numerator counts ("kết quả được số hóa"), for explanations.
    #[must_use]
    pub fn with_measure(mut self, measure: Text) -> Self {
        self.measure = Some(measure);
        self
    }

    /// With the plan item this criterion measures.
    #[must_use]
    pub fn with_plan_item(mut self, item: Id) -> Self {
        self.plan_item = Some(item);
        self
    }

    /// With its own policy for *không phát sinh* (the set's default otherwise).
    #[must_use]
    pub const fn with_not_applicable(mut self, policy: NotApplicablePolicy) -> Self {
        self.not_applicable = Some(policy);
        self
    }

    /// With what the denominator counts ("hồ sơ tiếp nhận trong kỳ").
    #[must_use]
    pub fn with_denominator(mut self, denominator: Text) -> Self {
        self.about.denominator = Some(denominator);
        self
    }

    /// Applying only at these levels (`province`, `commune`): in a set for another level the
    /// criterion is *không phát sinh* by itself.
    #[must_use]
    pub fn with_levels(mut self, levels: Vec<Id>) -> Self {
        self.about.levels = levels;
        self
    }

    /// With where its figures come from, and whether a source confirms them.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<String>, verified: bool) -> Self {
        self.about.source = Some(source.into());
        self.about.verified = Some(verified);
        self
    }

    /// With an assumption its data makes (a target the source does not give, a policy no
    /// source confirms), shown with its scoring method.
    #[must_use]
    pub fn with_assumption(mut self, assumption: Text) -> Self {
        self.about.assumption = Some(assumption);
        self
    }

    /// With how its figures for months add up ([`Aggregation::Sum`] unless said).
    #[must_use]
    pub const fn with_aggregation(mut self, aggregation: Aggregation) -> Self {
        self.about.aggregation = aggregation;
        self
    }

    /// What the denominator counts, for rate rules.
    #[must_use]
    pub const fn denominator(&self) -> Option<&Text> {
        self.about.denominator.as_ref()
    }

    /// The levels the criterion applies at (empty: every level).
    #[must_use]
    pub fn levels(&self) -> &[Id] {
        &self.about.levels
    }

    /// Whether the criterion applies at `level`.
    #[must_use]
    pub fn applies_at(&self, level: Option<&Id>) -> bool {
        match level {
            Some(level) if !self.about.levels.is_empty() => self.about.levels.contains(level),
            _ => true,
        }
    }

    /// Where its figures come from.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        self.about.source.as_deref()
    }

    /// Whether a source confirms its figures (`None`: not said).
    #[must_use]
    pub const fn verified(&self) -> Option<bool> {
        self.about.verified
    }

    /// The assumption its data makes, if any.
    #[must_use]
    pub const fn assumption(&self) -> Option<&Text> {
        self.about.assumption.as_ref()
    }

    /// How its figures for months add up to a quarter or the year.
    #[must_use]
    pub const fn aggregation(&self) -> Aggregation {
        self.about.aggregation
    }

    /// The id, e.g. `II.4`.
    #[must_use]
    pub const fn id(&self) -> &Id {
        &self.id
    }

    /// The criterion, as the official table words it.
    #[must_use]
    pub const fn label(&self) -> &Text {
        &self.label
    }

    /// Maximum points (điểm tối đa).
    #[must_use]
    pub const fn max_points(&self) -> Decimal {
        self.max_points
    }

    /// How points are computed; `None` when the criterion has sub-criteria.
    #[must_use]
    pub const fn rule(&self) -> Option<&ScoringRule> {
        match &self.body {
            Body::Rule(rule) => Some(rule),
            Body::Children(_) => None,
        }
    }

    /// The sub-criteria (empty for a criterion with a rule).
    #[must_use]
    pub fn children(&self) -> &[Self] {
        match &self.body {
            Body::Rule(_) => &[],
            Body::Children(children) => children,
        }
    }

    /// The plan item this criterion measures, if any.
    #[must_use]
    pub const fn plan_item(&self) -> Option<&Id> {
        self.plan_item.as_ref()
    }

    /// What counts as the numerator, for explanations.
    #[must_use]
    pub const fn measure(&self) -> Option<&Text> {
        self.measure.as_ref()
    }

    /// Its own policy for *không phát sinh*, if it has one.
    #[must_use]
    pub const fn not_applicable(&self) -> Option<NotApplicablePolicy> {
        self.not_applicable
    }

    /// This criterion's own problems (not its children's), each named by its id.
    pub(super) fn own_problems(&self) -> Vec<Error> {
        let mut out = Vec::new();
        match check_points("maximum points", self.max_points) {
            Err(err) => out.push(err),
            Ok(max) if max.is_zero() => out.push(Error::from(crate::error::Reason::NotPositive {
                what: "maximum points",
                value: max,
            })),
            Ok(_) => {}
        }
        match &self.body {
            Body::Rule(rule) => out.extend(check_against_max(rule, self.max_points)),
            Body::Children(children) => {
                if children.is_empty() {
                    out.push(Error::from(crate::error::Reason::RuleShape {
                        message: "a criterion without sub-criteria needs a rule",
                    }));
                }
                // Beyond the decimal range, the children's own maxima are the problem.
                let sum = crate::decimal::checked_sum(children.iter().map(|c| c.max_points));
                if let Some(sum) = sum
                    && sum != self.max_points
                {
                    out.push(Error::from(crate::error::Reason::ChildrenSumMismatch {
                        sum,
                        max: self.max_points,
                    }));
                }
            }
        }
        let mut out: Vec<Error> = out
            .into_iter()
            .map(|err| err.with_key("max_points").at(self.id.as_str()))
            .collect();
        out.extend(
            self.about
                .levels
                .iter()
                .filter_map(|level| check_level(level, "levels").err())
                .map(|err| err.at(self.id.as_str())),
        );
        out
    }
}

/// The levels a set or a criterion may name.
pub(crate) const LEVELS: [&str; 4] = ["ministry", "province", "district", "commune"];

/// `level` if it is one of [`LEVELS`], else the problem, named by `key`.
pub(crate) fn check_level(level: &Id, key: &'static str) -> Result<(), Error> {
    if LEVELS.contains(&level.as_str()) {
        Ok(())
    } else {
        Err(Error::from(crate::error::Reason::BadValue {
            key: key.to_owned(),
            value: format!("{:?}", level.as_str()),
            expected: "one of ministry, province, district, commune",
        }))
    }
}

/// A field (lĩnh vực) of a criteria set: I institutions … VII direction, or a group of an
/// index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriaField {
    pub(super) id: Id,
    pub(super) label: Text,
    pub(super) criteria: Vec<Criterion>,
    pub(super) survey: bool,
}

impl CriteriaField {
    /// A field and its criteria (checked when the set is built).
    #[must_use]
    pub const fn new(id: Id, label: Text, criteria: Vec<Criterion>) -> Self {
        Self {
            id,
            label,
            criteria,
            survey: false,
        }
    }

    /// A field whose points come from a sociological survey (điều tra xã hội học) rather than
    /// from the ward's counts: in a year without a survey it is left out, and the index is the
    /// other points scaled to 100.
    #[must_use]
    pub const fn survey(mut self) -> Self {
        self.survey = true;
        self
    }

    /// Whether the field's points come from a survey.
    #[must_use]
    pub const fn is_survey(&self) -> bool {
        self.survey
    }

    /// The id, e.g. `II`.
    #[must_use]
    pub const fn id(&self) -> &Id {
        &self.id
    }

    /// The heading ("Cải cách thủ tục hành chính").
    #[must_use]
    pub const fn label(&self) -> &Text {
        &self.label
    }

    /// The field's criteria, in order.
    #[must_use]
    pub fn criteria(&self) -> &[Criterion] {
        &self.criteria
    }

    /// The field's maximum: the sum of its criteria's maxima.
    #[must_use]
    pub fn max_points(&self) -> Decimal {
        self.criteria.iter().map(|c| c.max_points).sum()
    }
}

/// A rating band of the index: `from` ≤ index < `to` (the band reaching 100 includes 100).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Band {
    pub(super) label: Text,
    pub(super) from: Decimal,
    pub(super) to: Decimal,
}

impl Band {
    /// A band from `from` (included) to `to` (excluded, unless it is 100); bands are checked
    /// together when the set is built.
    #[must_use]
    pub const fn new(label: Text, from: Decimal, to: Decimal) -> Self {
        Self { label, from, to }
    }

    /// The band's name ("Tốt" / "Good").
    #[must_use]
    pub const fn label(&self) -> &Text {
        &self.label
    }

    /// Lowest index in the band (included).
    #[must_use]
    pub const fn from(&self) -> Decimal {
        self.from
    }

    /// Index where the next band starts (excluded, unless it is 100).
    #[must_use]
    pub const fn to(&self) -> Decimal {
        self.to
    }

    /// Whether `index` falls in the band.
    #[must_use]
    pub fn contains(&self, index: Decimal) -> bool {
        self.from <= index
            && (index < self.to || (self.to == Decimal::ONE_HUNDRED && index == self.to))
    }
}

/// Bonus points (điểm thưởng) or penalty points (điểm trừ) a set allows, with their cap: kept
/// apart from the criteria's points, added or taken off the total, which stays within 0 and
/// the maximum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjustment {
    pub(super) label: Text,
    pub(super) max_points: Decimal,
}

impl Adjustment {
    /// Adjustments labelled `label`, at most `max_points` in a year.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a cap that is negative,
    /// above 1,000 or with more than two decimals.
    pub fn new(label: Text, max_points: Decimal) -> Result<Self> {
        Ok(Self {
            label,
            max_points: check_points("adjustment cap", max_points)
                .map_err(|e| e.with_key("max_points"))?,
        })
    }

    /// The label ("Điểm thưởng" / "Bonus points").
    #[must_use]
    pub const fn label(&self) -> &Text {
        &self.label
    }

    /// The most points in a year.
    #[must_use]
    pub const fn max_points(&self) -> Decimal {
        self.max_points
    }
}
