//! The written form of a scoring rule: `rule = { kind = "…", … }`, with raw values, checked
//! into a [`ScoringRule`] with every problem reported.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{
    Categories, CategoryOption, DeadlineRule, ScoringRule, Share, Step, Steps, Threshold,
    WindowRule,
};
use crate::dates::WrittenDate;
use crate::decimal::Written;
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
    at_least: Written,
    points: Written,
}

/// One step on a count as written: `{ at_least = 4, points = "20" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct CountStepSpec {
    #[serde(with = "crate::whole")]
    #[cfg_attr(test, schemars(with = "crate::schema::WholeNumber"))]
    at_least: u64,
    points: Written,
}

/// One option as written: `{ key = "chairman", label_vi = "…", label_en = "…", share = "1" }`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub(crate) struct OptionSpec {
    key: Id,
    label_vi: String,
    label_en: String,
    share: Written,
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
        percent: Written,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::whole::option"
        )]
        #[cfg_attr(test, schemars(with = "Option<crate::schema::WholeNumber>"))]
        min_count: Option<u64>,
    },
    // Empty struct variants, not unit ones: serde refuses any key a unit variant of a tagged
    // enum would silently ignore (`{ kind = "rate", percent = "50" }`).
    #[serde(rename = "rate")]
    Proportional {},
    #[serde(rename = "prop")]
    ProportionalToTarget {
        percent: Written,
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
        date: WrittenDate,
        wording: DeadlineWording,
        late_share: Written,
        late_until: WrittenDate,
    },
    Window {
        start: WrittenDate,
        end: WrittenDate,
        outside_share: Written,
        outside_start: WrittenDate,
        outside_end: WrittenDate,
    },
    Frequency {
        every_months: u32,
        start: WrittenDate,
        end: WrittenDate,
    },
    Done {},
    Assessor {},
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
    written: impl Iterator<Item = (Result<T>, Written)>,
) -> Option<Steps<T>> {
    let mut built = Vec::new();
    let mut complete = true;
    for (threshold, points) in written {
        let threshold = problems.keep(threshold, "at_least");
        let points = problems.keep(points.decimal("points"), "points");
        let step = threshold
            .zip(points)
            .and_then(|(t, points)| problems.keep(Step::new(t, points), "points"));
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
        let points = match self {
            Self::RateSteps { steps } => steps.iter().map(|s| &s.points).collect(),
            Self::CountSteps { steps } => steps.iter().map(|s| &s.points).collect(),
            _ => Vec::new(),
        };
        points
            .into_iter()
            .filter_map(|p| p.decimal("points").ok())
            .collect()
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
                .keep(percent.decimal("percent").and_then(Percent::new), "percent")
                .and_then(|percent| {
                    p.keep(
                        RateTarget::with_parts(comparison, percent, min_count),
                        "percent",
                    )
                })
                .map(ScoringRule::AllOrNothing),
            Self::Proportional {} => Some(ScoringRule::Proportional),
            Self::ProportionalToTarget { percent } => p
                .keep(percent.decimal("percent").and_then(Percent::new), "percent")
                .and_then(|percent| {
                    p.keep(RateTarget::at_least(percent), "percent")
                        .map(|_| ScoringRule::ProportionalToTarget(percent))
                }),
            Self::RateSteps { steps: written } => steps(
                &mut p,
                written.into_iter().map(|s| {
                    (
                        s.at_least.decimal("at_least").and_then(Percent::new),
                        s.points,
                    )
                }),
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
                        p.keep(o.share.decimal("share").and_then(Share::new), "share")
                            .map(|share| {
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
                let deadline = p.keep(
                    date.date("date").and_then(|d| Deadline::new(d, wording)),
                    "date",
                );
                let share = p.keep(
                    late_share.decimal("late_share").and_then(Share::new),
                    "late_share",
                );
                let until = p.keep(late_until.date("late_until"), "late_until");
                match (deadline, share, until) {
                    (Some(deadline), Some(share), Some(until)) => p
                        .keep(DeadlineRule::new(deadline, share, until), "late_until")
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
                let inside = p.keep(window(&start, "start", &end, "end"), "end");
                let share = p.keep(
                    outside_share.decimal("outside_share").and_then(Share::new),
                    "outside_share",
                );
                let outside = p.keep(
                    window(&outside_start, "outside_start", &outside_end, "outside_end"),
                    "outside_end",
                );
                match (inside, share, outside) {
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
                .keep(window(&start, "start", &end, "end"), "end")
                .and_then(|within| p.keep(Frequency::new(every_months, within), "every_months"))
                .map(ScoringRule::Frequency),
            Self::Done {} => Some(ScoringRule::Done),
            Self::Assessor {} => Some(ScoringRule::Assessor),
        };
        match rule {
            Some(rule) if p.0.is_empty() => Ok(rule),
            _ => Err(p.0),
        }
    }
}

/// The window from `start` to `end` as written.
fn window(
    start: &WrittenDate,
    start_key: &'static str,
    end: &WrittenDate,
    end_key: &'static str,
) -> Result<Window> {
    Window::new(start.date(start_key)?, end.date(end_key)?)
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
                percent: target.percent().value().into(),
                min_count: target.min_count(),
            },
            ScoringRule::Proportional => Self::Proportional {},
            ScoringRule::ProportionalToTarget(percent) => Self::ProportionalToTarget {
                percent: percent.value().into(),
            },
            ScoringRule::RateSteps(steps) => Self::RateSteps {
                steps: steps
                    .steps()
                    .iter()
                    .map(|s| RateStepSpec {
                        at_least: s.at_least().value().into(),
                        points: s.points().into(),
                    })
                    .collect(),
            },
            ScoringRule::CountSteps(steps) => Self::CountSteps {
                steps: steps
                    .steps()
                    .iter()
                    .map(|s| CountStepSpec {
                        at_least: s.at_least(),
                        points: s.points().into(),
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
                        share: o.share().value().into(),
                    })
                    .collect(),
            },
            ScoringRule::Deadline(rule) => Self::Deadline {
                date: rule.deadline().date().into(),
                wording: rule.deadline().wording(),
                late_share: rule.late_share().value().into(),
                late_until: rule.late_until().into(),
            },
            ScoringRule::Window(rule) => Self::Window {
                start: rule.window().start().into(),
                end: rule.window().end().into(),
                outside_share: rule.outside_share().value().into(),
                outside_start: rule.outside().start().into(),
                outside_end: rule.outside().end().into(),
            },
            ScoringRule::Frequency(frequency) => Self::Frequency {
                every_months: frequency.every_months(),
                start: frequency.within().start().into(),
                end: frequency.within().end().into(),
            },
            ScoringRule::Done => Self::Done {},
            ScoringRule::Assessor => Self::Assessor {},
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
