//! The written form of a scoring rule: `rule = { kind = "…", … }`, with raw values, checked
//! into a [`ScoringRule`] with every problem reported.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    Categories, CategoryOption, DeadlineRule, ScoringRule, Share, Step, Steps, Threshold,
    WindowRule,
};
use crate::error::{Error, Result};
use crate::id::Id;
use crate::rate::Percent;
use crate::rule::{Comparison, Deadline, DeadlineWording, Frequency, RateTarget, Window};
use crate::text::Text;

/// One step as written: `{ at_least = "90", points = "1.5" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct RateStepSpec {
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    at_least: Decimal,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    points: Decimal,
}

/// One step on a count as written: `{ at_least = 4, points = "20" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct CountStepSpec {
    at_least: u64,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    points: Decimal,
}

/// One option as written: `{ key = "chairman", label_vi = "…", label_en = "…", share = "1" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct OptionSpec {
    key: Id,
    label_vi: String,
    label_en: String,
    #[serde(deserialize_with = "crate::decimal::strict")]
    #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
    share: Decimal,
}

/// A rule as written.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) enum RuleSpec {
    #[serde(rename = "all")]
    AllOrNothing {
        #[serde(default)]
        comparison: Comparison,
        #[serde(deserialize_with = "crate::decimal::strict")]
        #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
        percent: Decimal,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min_count: Option<u64>,
    },
    #[serde(rename = "rate")]
    Proportional,
    #[serde(rename = "prop")]
    ProportionalToTarget {
        #[serde(deserialize_with = "crate::decimal::strict")]
        #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
        percent: Decimal,
    },
    RateSteps {
        steps: Vec<RateStepSpec>,
    },
    CountSteps {
        steps: Vec<CountStepSpec>,
    },
    Categories {
        options: Vec<OptionSpec>,
    },
    Deadline {
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        date: NaiveDate,
        wording: DeadlineWording,
        #[serde(deserialize_with = "crate::decimal::strict")]
        #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
        late_share: Decimal,
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        late_until: NaiveDate,
    },
    Window {
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        start: NaiveDate,
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        end: NaiveDate,
        #[serde(deserialize_with = "crate::decimal::strict")]
        #[cfg_attr(test, schemars(with = "crate::schema::DecimalText"))]
        outside_share: Decimal,
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        outside_start: NaiveDate,
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        outside_end: NaiveDate,
    },
    Frequency {
        every_months: u32,
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        start: NaiveDate,
        #[serde(deserialize_with = "crate::dates::date")]
        #[cfg_attr(test, schemars(with = "crate::schema::DateText"))]
        end: NaiveDate,
    },
    Done,
    Assessor,
}

/// Collects the problems of building one part of a rule, keeping going after the first.
#[derive(Default)]
struct Problems(Vec<Error>);

impl Problems {
    fn keep<T>(&mut self, result: Result<T>, key: &'static str) -> Option<T> {
        result.map_err(|err| self.0.push(err.with_key(key))).ok()
    }
}

fn steps<T: Threshold>(
    problems: &mut Problems,
    written: impl Iterator<Item = (Result<T>, Decimal)>,
) -> Option<Steps<T>> {
    let mut built = Vec::new();
    let mut complete = true;
    for (threshold, points) in written {
        let threshold = problems.keep(threshold, "at_least");
        let step = threshold.and_then(|t| problems.keep(Step::new(t, points), "points"));
        match step {
            Some(step) => built.push(step),
            None => complete = false,
        }
    }
    if complete {
        problems.keep(Steps::new(built), "steps")
    } else {
        None
    }
}

impl RuleSpec {
    /// The points of the steps as written (none for other rules): to check them against a
    /// maximum even when the steps cannot be built.
    pub(crate) fn step_points(&self) -> Vec<Decimal> {
        match self {
            Self::RateSteps { steps } => steps.iter().map(|s| s.points).collect(),
            Self::CountSteps { steps } => steps.iter().map(|s| s.points).collect(),
            _ => Vec::new(),
        }
    }

    /// The rule, or every problem found in it.
    pub(crate) fn build(self) -> std::result::Result<ScoringRule, Vec<Error>> {
        let mut p = Problems::default();
        let rule = match self {
            Self::AllOrNothing {
                comparison,
                percent,
                min_count,
            } => p
                .keep(Percent::new(percent), "percent")
                .and_then(|percent| {
                    p.keep(
                        RateTarget::with_parts(comparison, percent, min_count),
                        "percent",
                    )
                })
                .map(ScoringRule::AllOrNothing),
            Self::Proportional => Some(ScoringRule::Proportional),
            Self::ProportionalToTarget { percent } => p
                .keep(Percent::new(percent), "percent")
                .and_then(|percent| {
                    p.keep(RateTarget::at_least(percent), "percent")
                        .map(|_| ScoringRule::ProportionalToTarget(percent))
                }),
            Self::RateSteps { steps: written } => steps(
                &mut p,
                written
                    .into_iter()
                    .map(|s| (Percent::new(s.at_least), s.points)),
            )
            .map(ScoringRule::RateSteps),
            Self::CountSteps { steps: written } => steps(
                &mut p,
                written.into_iter().map(|s| (Ok(s.at_least), s.points)),
            )
            .map(ScoringRule::CountSteps),
            Self::Categories { options } => {
                let built: Vec<_> = options
                    .into_iter()
                    .filter_map(|o| {
                        p.keep(Share::new(o.share), "share").map(|share| {
                            CategoryOption::new(o.key, Text::new(o.label_vi, o.label_en), share)
                        })
                    })
                    .collect();
                p.keep(Categories::new(built), "options")
                    .map(ScoringRule::Categories)
            }
            Self::Deadline {
                date,
                wording,
                late_share,
                late_until,
            } => {
                let deadline = p.keep(Deadline::new(date, wording), "date");
                let share = p.keep(Share::new(late_share), "late_share");
                match (deadline, share) {
                    (Some(deadline), Some(share)) => p
                        .keep(DeadlineRule::new(deadline, share, late_until), "late_until")
                        .map(ScoringRule::Deadline),
                    _ => None,
                }
            }
            Self::Window {
                start,
                end,
                outside_share,
                outside_start,
                outside_end,
            } => {
                let window = p.keep(Window::new(start, end), "end");
                let share = p.keep(Share::new(outside_share), "outside_share");
                let outside = p.keep(Window::new(outside_start, outside_end), "outside_end");
                match (window, share, outside) {
                    (Some(w), Some(s), Some(o)) => {
                        Some(ScoringRule::Window(WindowRule::new(w, s, o)))
                    }
                    _ => None,
                }
            }
            Self::Frequency {
                every_months,
                start,
                end,
            } => p
                .keep(Window::new(start, end), "end")
                .and_then(|within| p.keep(Frequency::new(every_months, within), "every_months"))
                .map(ScoringRule::Frequency),
            Self::Done => Some(ScoringRule::Done),
            Self::Assessor => Some(ScoringRule::Assessor),
        };
        match rule {
            Some(rule) if p.0.is_empty() => Ok(rule),
            _ => Err(p.0),
        }
    }
}

impl TryFrom<RuleSpec> for ScoringRule {
    type Error = Error;
    fn try_from(spec: RuleSpec) -> Result<Self> {
        spec.build().map_err(|mut problems| problems.swap_remove(0))
    }
}

impl From<ScoringRule> for RuleSpec {
    fn from(rule: ScoringRule) -> Self {
        match rule {
            ScoringRule::AllOrNothing(target) => Self::AllOrNothing {
                comparison: target.comparison(),
                percent: target.percent().value(),
                min_count: target.min_count(),
            },
            ScoringRule::Proportional => Self::Proportional,
            ScoringRule::ProportionalToTarget(percent) => Self::ProportionalToTarget {
                percent: percent.value(),
            },
            ScoringRule::RateSteps(steps) => Self::RateSteps {
                steps: steps
                    .steps()
                    .iter()
                    .map(|s| RateStepSpec {
                        at_least: s.at_least().value(),
                        points: s.points(),
                    })
                    .collect(),
            },
            ScoringRule::CountSteps(steps) => Self::CountSteps {
                steps: steps
                    .steps()
                    .iter()
                    .map(|s| CountStepSpec {
                        at_least: s.at_least(),
                        points: s.points(),
                    })
                    .collect(),
            },
            ScoringRule::Categories(categories) => Self::Categories {
                options: categories
                    .options()
                    .iter()
                    .map(|o| OptionSpec {
                        key: o.key().clone(),
                        label_vi: o.label().vi().to_owned(),
                        label_en: o.label().en().to_owned(),
                        share: o.share().value(),
                    })
                    .collect(),
            },
            ScoringRule::Deadline(rule) => Self::Deadline {
                date: rule.deadline().date(),
                wording: rule.deadline().wording(),
                late_share: rule.late_share().value(),
                late_until: rule.late_until(),
            },
            ScoringRule::Window(rule) => Self::Window {
                start: rule.window().start(),
                end: rule.window().end(),
                outside_share: rule.outside_share().value(),
                outside_start: rule.outside().start(),
                outside_end: rule.outside().end(),
            },
            ScoringRule::Frequency(frequency) => Self::Frequency {
                every_months: frequency.every_months(),
                start: frequency.within().start(),
                end: frequency.within().end(),
            },
            ScoringRule::Done => Self::Done,
            ScoringRule::Assessor => Self::Assessor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn build(text: &str) -> std::result::Result<ScoringRule, Vec<Error>> {
        toml::from_str::<RuleSpec>(text).unwrap().build()
    }

    #[test]
    fn every_problem_of_a_rule_is_reported() {
        let problems = build(
            "kind = \"window\"\nstart = 2023-10-01\nend = 2023-09-01\noutside_share = \"1.5\"\noutside_start = 2023-01-01\noutside_end = 2023-12-31",
        )
        .unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[1].key(), Some("outside_share"));
        assert_eq!(problems[1].kind(), ErrorKind::InvalidValue);
    }

    #[test]
    fn a_zero_target_is_refused() {
        let problems = build("kind = \"prop\"\npercent = \"0\"").unwrap_err();
        assert!(
            problems[0].to_string().contains("always met"),
            "{}",
            problems[0]
        );
        assert!(build("kind = \"all\"\ncomparison = \"at_most\"\npercent = \"0\"").is_ok());
    }

    #[test]
    fn written_rules_round_trip() {
        for text in [
            "kind = \"all\"\npercent = \"20\"\nmin_count = 10",
            "kind = \"rate_steps\"\nsteps = [{ at_least = \"100\", points = \"3\" }, { at_least = \"90\", points = \"1.5\" }]",
            "kind = \"count_steps\"\nsteps = [{ at_least = 4, points = \"20\" }, { at_least = 1, points = \"5\" }]",
            "kind = \"categories\"\noptions = [{ key = \"chairman\", label_vi = \"Chủ tịch\", label_en = \"Chairman\", share = \"1\" }]",
            "kind = \"frequency\"\nevery_months = 6\nstart = 2023-01-01\nend = 2023-12-31",
        ] {
            let rule = build(text).unwrap();
            let written = toml::to_string(&RuleSpec::from(rule.clone())).unwrap();
            assert_eq!(build(&written).unwrap(), rule, "{text}");
        }
    }

    #[test]
    fn steps_out_of_order_are_refused() {
        let problems = build(
            "kind = \"rate_steps\"\nsteps = [{ at_least = \"90\", points = \"1\" }, { at_least = \"100\", points = \"3\" }]",
        )
        .unwrap_err();
        assert!(
            problems[0].to_string().starts_with("steps are not ordered"),
            "{}",
            problems[0]
        );
    }
}
