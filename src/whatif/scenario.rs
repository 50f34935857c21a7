//! Scenarios: a base set of observations and the changes to try on it.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{
    Comparison, Counts, CriteriaSet, Error, Evidence, Lever, Observations, Observed, Reads, Result,
    Scorecard, ScoringRule,
};

/// One change to a ward's observations, for one criterion.
///
/// Each change must fit the criterion's rule (records and counts for rate rules, a date for
/// deadlines, …); [`Change::apply`] refuses one that does not, naming the criterion and the
/// change. In JSON a change is an object tagged by `change`:
/// `{"change": "add_records", "criterion": "II.4", "lever": "convert", "records": 15}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Change {
    /// `records` more records under `lever` (rate rules): convert existing records
    /// (G/N → (G + k)/N) or add new ones (G/N → (G + k)/(N + k)); for an "at most" target,
    /// fix counted records or add uncounted ones. On *không phát sinh* the counts start from
    /// 0/0; a criterion with no counts reported is refused.
    AddRecords {
        /// The criterion's id.
        criterion: String,
        /// Convert or add.
        lever: Lever,
        /// How many records.
        records: u64,
    },
    /// Set the counts (rate rules); a zero denominator is *không phát sinh*.
    SetCounts {
        /// The criterion's id.
        criterion: String,
        /// Records meeting the measure.
        numerator: u64,
        /// Records in scope.
        denominator: u64,
    },
    /// Mark the task done (done rules).
    MarkDone {
        /// The criterion's id.
        criterion: String,
    },
    /// Mark the work completed on `date` (deadline rules), replacing any earlier date.
    CompleteOn {
        /// The criterion's id.
        criterion: String,
        /// The day the work is done.
        #[serde(deserialize_with = "crate::dates::date")]
        date: NaiveDate,
    },
    /// Add a day on which the meeting or event is held (window and frequency rules).
    HoldOn {
        /// The criterion's id.
        criterion: String,
        /// The day held.
        #[serde(deserialize_with = "crate::dates::date")]
        date: NaiveDate,
    },
    /// Add several days on which meetings or events are held (window and frequency rules):
    /// one change, so that the least-effort planner can weigh meetings in several periods
    /// together (its options for one criterion are alternatives).
    HoldOnDates {
        /// The criterion's id.
        criterion: String,
        /// The days held.
        #[serde(deserialize_with = "crate::dates::list")]
        dates: Vec<NaiveDate>,
    },
    /// Set the assessor's points (assessor rules), 0 ≤ points ≤ max.
    SetPoints {
        /// The criterion's id.
        criterion: String,
        /// The points.
        points: Decimal,
    },
    /// Set the count (count-step rules).
    SetCount {
        /// The criterion's id.
        criterion: String,
        /// The count.
        count: u64,
    },
    /// Set the category (category rules).
    SetCategory {
        /// The criterion's id.
        criterion: String,
        /// The option's key.
        category: String,
    },
    /// Mark the criterion *không phát sinh*: nothing arose in scope (any rule).
    MarkNotApplicable {
        /// The criterion's id.
        criterion: String,
    },
}

impl Change {
    /// The id of the criterion changed.
    #[must_use]
    pub fn criterion(&self) -> &str {
        match self {
            Self::AddRecords { criterion, .. }
            | Self::SetCounts { criterion, .. }
            | Self::MarkDone { criterion }
            | Self::CompleteOn { criterion, .. }
            | Self::HoldOn { criterion, .. }
            | Self::HoldOnDates { criterion, .. }
            | Self::SetPoints { criterion, .. }
            | Self::SetCount { criterion, .. }
            | Self::SetCategory { criterion, .. }
            | Self::MarkNotApplicable { criterion } => criterion,
        }
    }

    /// The change in words, without the criterion's id (`convert 15 existing records`).
    #[must_use]
    pub fn action(&self) -> String {
        match self {
            Self::AddRecords {
                lever: Lever::Convert,
                records,
                ..
            } => format!("convert {records} existing records"),
            Self::AddRecords { records, .. } => format!("add {records} new records"),
            Self::SetCounts {
                numerator,
                denominator,
                ..
            } => format!("set counts to {numerator}/{denominator}"),
            Self::MarkDone { .. } => "mark done".to_owned(),
            Self::CompleteOn { date, .. } => format!("complete on {date}"),
            Self::HoldOn { date, .. } => format!("hold on {date}"),
            Self::HoldOnDates { dates, .. } => {
                let days: Vec<String> = dates.iter().map(ToString::to_string).collect();
                format!("hold on {}", days.join(", "))
            }
            Self::SetPoints { points, .. } => format!("set assessor points to {points}"),
            Self::SetCount { count, .. } => format!("set the count to {count}"),
            Self::SetCategory { category, .. } => format!("set the category to {category:?}"),
            Self::MarkNotApplicable { .. } => "mark không phát sinh".to_owned(),
        }
    }

    /// Applies this change to `observations`, checked against `set`.
    ///
    /// ```
    /// use cchc::{Change, Counts, CriteriaSet, Evidence, Lever, Observations, Observed};
    /// let set = CriteriaSet::reference();
    /// let mut obs = Observations::new("X", 2023)
    ///     .with("II.4", Observed::Reported(Evidence::Counts(Counts::new(90, 300)?)));
    /// let more = Change::AddRecords { criterion: "II.4".into(), lever: Lever::Add, records: 24 };
    /// more.apply(&set, &mut obs)?;
    /// assert_eq!(obs.value("II.4"), &Observed::Reported(Evidence::Counts(Counts::new(114, 324)?)));
    /// let too_many = Change::AddRecords { criterion: "II.4".into(), lever: Lever::Convert, records: 211 };
    /// assert_eq!(
    ///     too_many.apply(&set, &mut obs).unwrap_err().to_string(),
    ///     "II.4: cannot apply `convert 211 existing records`: cannot convert 211 records: only 210 remain"
    /// );
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ChangeRefused`], wrapped with the criterion's id, around the reason:
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) for an unknown criterion, [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a parent
    /// criterion, [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a change that does not fit the rule,
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing), [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) or [`ErrorKind::Limit`](crate::ErrorKind::Limit) for records that
    /// cannot be added, [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue), [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue),
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) or an unknown category for values out of range. `observations` is
    /// left unchanged on error.
    pub fn apply(&self, set: &CriteriaSet, observations: &mut Observations) -> Result<()> {
        let id = self.criterion();
        let refuse = |source: Error| {
            Error::ChangeRefused {
                change: self.action(),
                source: Box::new(source),
            }
            .at(id)
        };
        let criterion = set.criterion(id).ok_or_else(|| {
            refuse(Error::from(Reason::UnknownId {
                what: "criterion",
                id: id.to_owned(),
            }))
        })?;
        let rule = criterion.rule.as_ref().ok_or_else(|| {
            refuse(Error::from(Reason::RuleShape {
                message: "this criterion has sub-criteria: change them instead",
            }))
        })?;
        let value = self
            .next_value(rule, observations.value(id))
            .map_err(refuse)?;
        let policy = criterion.not_applicable.unwrap_or(set.not_applicable());
        // The public scorer checks the value (points in range, known category, …).
        rule.score(criterion.max_points, &value, policy, set.rounding())
            .map_err(refuse)?;
        observations.set(id, value);
        Ok(())
    }

    fn next_value(
        &self,
        rule: &ScoringRule,
        current: &Observed<Evidence>,
    ) -> Result<Observed<Evidence>> {
        let evidence = match self {
            Self::MarkNotApplicable { .. } => return Ok(Observed::NotApplicable),
            Self::AddRecords { lever, records, .. } => {
                fits(rule, Reads::Counts, "counts")?;
                let counts = match current {
                    Observed::Reported(Evidence::Counts(counts)) => *counts,
                    Observed::NotApplicable => Counts::ZERO,
                    _ => return Err(Error::from(Reason::NoCounts { rule: rule.kind() })),
                };
                Evidence::Counts(add_records(rule, counts, *lever, *records)?)
            }
            Self::SetCounts {
                numerator,
                denominator,
                ..
            } => {
                fits(rule, Reads::Counts, "counts")?;
                Evidence::Counts(Counts::new(*numerator, *denominator)?)
            }
            Self::MarkDone { .. } => {
                fits(rule, Reads::Done, "done / not done")?;
                Evidence::Done(true)
            }
            Self::CompleteOn { date, .. } => {
                fits(rule, Reads::Completion, "a completion date")?;
                Evidence::Completed(Some(*date))
            }
            Self::HoldOn { date, .. } => {
                fits(rule, Reads::Dates, "dates held")?;
                let mut dates = match current {
                    Observed::Reported(Evidence::Held(dates)) => dates.clone(),
                    _ => Vec::new(),
                };
                dates.push(*date);
                Evidence::Held(dates)
            }
            Self::HoldOnDates { dates: more, .. } => {
                fits(rule, Reads::Dates, "dates held")?;
                let mut dates = match current {
                    Observed::Reported(Evidence::Held(dates)) => dates.clone(),
                    _ => Vec::new(),
                };
                dates.extend_from_slice(more);
                Evidence::Held(dates)
            }
            Self::SetPoints { points, .. } => {
                fits(rule, Reads::Points, "assessor points")?;
                if points.is_sign_negative() && !points.is_zero() {
                    return Err(Error::from(Reason::Negative {
                        what: "assessor points",
                        value: *points,
                    }));
                }
                Evidence::Points(*points)
            }
            Self::SetCount { count, .. } => {
                fits(rule, Reads::Count, "a count")?;
                Evidence::Count(*count)
            }
            Self::SetCategory { category, .. } => {
                fits(rule, Reads::Category, "a category")?;
                Evidence::Category(category.clone())
            }
        };
        Ok(Observed::Reported(evidence))
    }
}

impl fmt::Display for Change {
    /// `II.4: convert 15 existing records`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.criterion(), self.action())
    }
}

fn fits(rule: &ScoringRule, needs: Reads, found: &'static str) -> Result<()> {
    if rule.reads() == needs {
        Ok(())
    } else {
        Err(Error::from(Reason::EvidenceMismatch {
            expected: rule.reads().describe(),
            found,
        }))
    }
}

/// The comparison of a rate rule's full-points target ("at least" unless it says otherwise).
pub(super) fn comparison_of(rule: &ScoringRule) -> Result<Comparison> {
    Ok(rule
        .full_target()?
        .map_or(Comparison::AtLeast, |t| t.comparison()))
}

/// `counts` after `records` records under `lever`, or why not.
pub(super) fn add_records(
    rule: &ScoringRule,
    counts: Counts,
    lever: Lever,
    records: u64,
) -> Result<Counts> {
    let comparison = comparison_of(rule)?;
    lever
        .apply(counts, comparison, records)
        .ok_or(match (lever, comparison) {
            (Lever::Convert, Comparison::AtLeast) => Error::from(Reason::NotEnoughRecords {
                records,
                remaining: counts.remaining(),
            }),
            (Lever::Convert, Comparison::AtMost) => Error::from(Reason::NotEnoughRecords {
                records,
                remaining: counts.numerator(),
            }),
            _ => Error::from(Reason::Overflow { what: "counts" }),
        })
}

/// A base set of observations and the changes to try on it, in order.
///
/// With no changes, a scenario scores exactly as its base. In JSON the base is an
/// observations file in the PLAN.md §6 shape:
/// `{"base": {"ward": "…", "year": 2023, "observations": {…}}, "changes": [{"change":
/// "mark_done", "criterion": "V.18"}]}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The observations as they stand.
    pub base: Observations,
    /// The changes, applied in order.
    pub changes: Vec<Change>,
}

/// The written form of a scenario: the base as an observations file, read against the set.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile {
    base: serde_json::Value,
    #[serde(default)]
    changes: Vec<Change>,
}

impl Scenario {
    /// A scenario with no changes yet.
    #[must_use]
    pub const fn new(base: Observations) -> Self {
        Self {
            base,
            changes: Vec::new(),
        }
    }

    /// Adds a change (builder form).
    #[must_use]
    pub fn with(mut self, change: Change) -> Self {
        self.changes.push(change);
        self
    }

    /// Adds a change.
    pub fn push(&mut self, change: Change) -> &mut Self {
        self.changes.push(change);
        self
    }

    /// The observations after every change, in order. Appraisals and evidence texts of the
    /// base are kept.
    ///
    /// # Errors
    /// Any problem of the base against `set` (as [`Observations::check`]), then the first
    /// change refused (as [`Change::apply`]).
    pub fn observations(&self, set: &CriteriaSet) -> Result<Observations> {
        self.base.check(set)?;
        let mut observations = self.base.clone();
        for change in &self.changes {
            change.apply(set, &mut observations)?;
        }
        Ok(observations)
    }

    /// The scorecard after every change.
    ///
    /// # Errors
    /// As [`Scenario::observations`] and [`Scorecard::score`].
    pub fn score(&self, set: &CriteriaSet) -> Result<Scorecard> {
        Scorecard::score(set, &self.observations(set)?)
    }

    /// The scenario as pretty JSON.
    ///
    /// # Errors
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails.
    pub fn to_json(&self) -> Result<String> {
        let write = |e: serde_json::Error| Error::from(Reason::Write {
            format: "JSON",
            message: e.to_string(),
        });
        let file = ScenarioFile {
            base: serde_json::from_str(&self.base.to_json()?).map_err(write)?,
            changes: self.changes.clone(),
        };
        serde_json::to_string_pretty(&file).map_err(write)
    }

    /// Reads a scenario written by [`Scenario::to_json`] and checks it against `set`: the base
    /// as an observations file ([`Observations::from_json`]), then every change.
    ///
    /// # Errors
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed JSON or an unknown key; otherwise as
    /// [`Observations::from_json`] and [`Scenario::observations`].
    pub fn from_json(text: &str, set: &CriteriaSet) -> Result<Self> {
        let file: ScenarioFile = serde_json::from_str(text).map_err(|e| Error::from(Reason::Parse {
            format: "JSON",
            message: e.to_string(),
        }))?;
        let scenario = Self {
            base: Observations::from_json(&file.base.to_string(), set)?,
            changes: file.changes,
        };
        scenario.observations(set)?;
        Ok(scenario)
    }
}
