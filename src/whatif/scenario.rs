//! Scenarios: a base set of observations and the changes to try on it.

use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::criteria::CriteriaSet;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::observations::Observations;
use crate::rate::{Counts, Observed};
use crate::rule::{Comparison, Evidence, Lever, Reads, ScoringRule};
use crate::text::{Day, Lang, Num, Text};

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
        criterion: Id,
        /// Convert or add.
        lever: Lever,
        /// How many records.
        #[serde(with = "crate::whole")]
        records: u64,
    },
    /// Set the counts (rate rules); a zero denominator is *không phát sinh*.
    SetCounts {
        /// The criterion's id.
        criterion: Id,
        /// Records meeting the measure.
        #[serde(with = "crate::whole")]
        numerator: u64,
        /// Records in scope.
        #[serde(with = "crate::whole")]
        denominator: u64,
    },
    /// Mark the task done (done rules).
    MarkDone {
        /// The criterion's id.
        criterion: Id,
    },
    /// Mark the work completed on `date` (deadline rules), replacing any earlier date.
    CompleteOn {
        /// The criterion's id.
        criterion: Id,
        /// The day the work is done.
        #[serde(deserialize_with = "crate::dates::date")]
        date: NaiveDate,
    },
    /// Add a day on which the meeting or event is held (window and frequency rules).
    HoldOn {
        /// The criterion's id.
        criterion: Id,
        /// The day held.
        #[serde(deserialize_with = "crate::dates::date")]
        date: NaiveDate,
    },
    /// Add several days on which meetings or events are held (window and frequency rules):
    /// one change, so that the least-effort planner can weigh meetings in several periods
    /// together (its options for one criterion are alternatives).
    HoldOnDates {
        /// The criterion's id.
        criterion: Id,
        /// The days held.
        #[serde(deserialize_with = "crate::dates::list")]
        dates: Vec<NaiveDate>,
    },
    /// Set the assessor's points (assessor rules), 0 ≤ points ≤ max.
    SetPoints {
        /// The criterion's id.
        criterion: Id,
        /// The points.
        #[serde(deserialize_with = "crate::decimal::strict")]
        points: Decimal,
    },
    /// Set the count (count-step rules).
    SetCount {
        /// The criterion's id.
        criterion: Id,
        /// The count.
        #[serde(with = "crate::whole")]
        count: u64,
    },
    /// Set the category (category rules).
    SetCategory {
        /// The criterion's id.
        criterion: Id,
        /// The option's key.
        category: Id,
    },
    /// Mark the criterion *không phát sinh*: nothing arose in scope (any rule).
    MarkNotApplicable {
        /// The criterion's id.
        criterion: Id,
    },
}

/// The first five `dates`, each as `show` writes it, and how many more (`more`).
fn listed(
    dates: &[NaiveDate],
    show: impl Fn(&NaiveDate) -> String,
    more: impl Fn(usize) -> String,
) -> String {
    const SHOWN: usize = 5;
    let mut out = dates
        .iter()
        .take(SHOWN)
        .map(show)
        .collect::<Vec<_>>()
        .join(", ");
    if dates.len() > SHOWN {
        out.push_str(&more(dates.len() - SHOWN));
    }
    out
}

impl Change {
    /// The id of the criterion changed.
    #[must_use]
    pub fn criterion(&self) -> &Id {
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
            Self::HoldOnDates { dates, .. } => format!(
                "hold on {}",
                listed(dates, ToString::to_string, |n| format!(
                    " and {n} more days"
                ))
            ),
            Self::SetPoints { points, .. } => format!("set assessor points to {points}"),
            Self::SetCount { count, .. } => format!("set the count to {count}"),
            Self::SetCategory { category, .. } => {
                format!("set the category to {:?}", category.as_str())
            }
            Self::MarkNotApplicable { .. } => "mark không phát sinh".to_owned(),
        }
    }

    /// The change in words in both languages, without the criterion's id (`chuyển 15 hồ sơ
    /// hiện có sang đạt yêu cầu` / `convert 15 existing records`).
    #[must_use]
    pub fn describe(&self) -> Text {
        let vi = match self {
            Self::AddRecords {
                lever: Lever::Convert,
                records,
                ..
            } => format!("chuyển {records} hồ sơ hiện có sang đạt yêu cầu"),
            Self::AddRecords { records, .. } => format!("thêm {records} hồ sơ mới đạt yêu cầu"),
            Self::SetCounts {
                numerator,
                denominator,
                ..
            } => format!("đặt số liệu {numerator}/{denominator}"),
            Self::MarkDone { .. } => "hoàn thành".to_owned(),
            Self::CompleteOn { date, .. } => format!("hoàn thành ngày {}", Day(*date, Lang::Vi)),
            Self::HoldOn { date, .. } => format!("tổ chức ngày {}", Day(*date, Lang::Vi)),
            Self::HoldOnDates { dates, .. } => format!(
                "tổ chức các ngày {}",
                listed(
                    dates,
                    |d| Day(*d, Lang::Vi).to_string(),
                    |n| format!(" và {n} ngày khác")
                )
            ),
            Self::SetPoints { points, .. } => {
                format!("chấm {} điểm", Num(*points, Lang::Vi))
            }
            Self::SetCount { count, .. } => format!("đặt số lượng {count}"),
            Self::SetCategory { category, .. } => format!("chọn mức {:?}", category.as_str()),
            Self::MarkNotApplicable { .. } => "ghi không phát sinh".to_owned(),
        };
        Text::new(vi, self.action())
    }

    /// Applies this change to `observations`, checked against `set`.
    ///
    /// ```
    /// use cchc::{Counts, CriteriaSet, Evidence, Id, Observations, Observed};
    /// use cchc::rule::Lever;
    /// use cchc::whatif::Change;
    /// let set = CriteriaSet::reference();
    /// let mut obs = Observations::builder("X", 2023).counts("II.4", 90, 300).build(&set)?;
    /// let ii4 = Id::new("II.4")?;
    /// let more = Change::AddRecords { criterion: ii4.clone(), lever: Lever::Add, records: 24 };
    /// more.apply(&set, &mut obs)?;
    /// assert_eq!(obs.value("II.4"), &Observed::Reported(Evidence::Counts(Counts::new(114, 324)?)));
    /// let too_many = Change::AddRecords { criterion: ii4, lever: Lever::Convert, records: 211 };
    /// assert_eq!(
    ///     too_many.apply(&set, &mut obs).unwrap_err().to_string(),
    ///     "II.4: cannot apply `convert 211 existing records`: cannot convert 211 records: only 210 remain"
    /// );
    /// # Ok::<(), cchc::Error>(())
    /// ```
    ///
    /// # Errors
    /// Named by the criterion's id and saying which change was refused:
    /// [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId) for an unknown criterion,
    /// [`ErrorKind::Mismatch`](crate::ErrorKind::Mismatch) for a parent criterion or a change
    /// that does not fit the rule, [`ErrorKind::Missing`](crate::ErrorKind::Missing) for records
    /// added where no counts are reported, [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue)
    /// for more records than remain, counts, points or a category out of range, and
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for counts beyond `u64`. `observations` is
    /// left unchanged on error.
    pub fn apply(&self, set: &CriteriaSet, observations: &mut Observations) -> Result<()> {
        let id = self.criterion();
        let refuse = |err: Error| {
            err.context(format!("cannot apply `{}`", self.action()))
                .at(id.as_str())
        };
        let leaf = set.leaf(id.as_str()).ok_or_else(|| {
            refuse(Error::from(match set.criterion(id.as_str()) {
                Some(_) => Reason::RuleShape {
                    message: "this criterion has sub-criteria: change them instead",
                },
                None => Reason::UnknownId {
                    what: "criterion",
                    id: id.to_string(),
                },
            }))
        })?;
        let value = self
            .next_value(leaf.rule, observations.value(id.as_str()))
            .map_err(refuse)?;
        // The public scorer checks the value (points in range, known category, …).
        crate::observations::check_value(leaf.rule, leaf.criterion.max_points(), &value)
            .map_err(refuse)?;
        observations.set(id.clone(), value);
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
pub(super) fn comparison_of(rule: &ScoringRule) -> Comparison {
    rule.full_target()
        .map_or(Comparison::AtLeast, |t| t.comparison())
}

/// `counts` after `records` records under `lever`, or why not.
pub(super) fn add_records(
    rule: &ScoringRule,
    counts: Counts,
    lever: Lever,
    records: u64,
) -> Result<Counts> {
    let comparison = comparison_of(rule);
    lever
        .apply(counts, comparison, records)
        .ok_or_else(|| match (lever, comparison) {
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
/// With no changes, a scenario's observations are its base. In JSON the base is an
/// observations file:
/// `{"base": {"ward": "…", "year": 2023, "observations": {…}}, "changes": [{"change":
/// "mark_done", "criterion": "V.18"}]}`.
///
/// ```
/// use cchc::{CriteriaSet, Id, Observations, Scorecard};
/// use cchc::whatif::{Change, Scenario};
/// let set = CriteriaSet::reference();
/// let base = Observations::builder("X", 2023).done("V.18", false).build(&set)?;
/// let scenario = Scenario::new(base).with(Change::MarkDone { criterion: Id::new("V.18")? });
/// let card = Scorecard::score(&set, &scenario.observations(&set)?)?;
/// assert_eq!(card.summary.total_points.to_string(), "1.00");
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    base: Observations,
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

    /// The observations as they stand.
    #[must_use]
    pub const fn base(&self) -> &Observations {
        &self.base
    }

    /// The changes, in order.
    #[must_use]
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }

    /// The observations after every change, in order. Appraisals and evidence texts of the
    /// base are kept.
    ///
    /// # Errors
    /// Any problem of the base against `set` (as [`Observations::check`]);
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) for more than
    /// [`MAX_CHANGES`](crate::limits::MAX_CHANGES) changes; then the first change refused (as
    /// [`Change::apply`]).
    pub fn observations(&self, set: &CriteriaSet) -> Result<Observations> {
        self.base.check(set)?;
        crate::limits::count("changes", self.changes.len(), crate::limits::MAX_CHANGES)
            .map_err(|e| e.with_key("changes"))?;
        let mut observations = self.base.clone();
        for change in &self.changes {
            change.apply(set, &mut observations)?;
        }
        Ok(observations)
    }

    /// The scenario as pretty JSON, which [`Scenario::from_json`] reads back (against a set
    /// its changes apply to).
    ///
    /// # Errors
    /// What no reader takes, whatever the set, is not written: as
    /// [`Observations::to_json`] for the base; [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue)
    /// for a change dated outside 1900-01-01 to 2199-12-31, [`ErrorKind::Limit`](crate::ErrorKind::Limit)
    /// for more than [`MAX_CHANGES`](crate::limits::MAX_CHANGES) changes or
    /// [`MAX_DATES`](crate::limits::MAX_DATES) dates in one, each named by its criterion, or
    /// for a text written beyond [`MAX_INPUT_BYTES`](crate::limits::MAX_INPUT_BYTES);
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String> {
        crate::limits::count("changes", self.changes.len(), crate::limits::MAX_CHANGES)
            .map_err(|e| e.with_key("changes"))?;
        for change in &self.changes {
            let (key, dates): (_, &[NaiveDate]) = match change {
                Change::CompleteOn { date, .. } => ("date", std::slice::from_ref(date)),
                Change::HoldOn { date, .. } => ("date", std::slice::from_ref(date)),
                Change::HoldOnDates { dates, .. } => ("dates", dates),
                _ => ("date", &[]),
            };
            crate::limits::count("dates", dates.len(), crate::limits::MAX_DATES)
                .and_then(|()| {
                    dates
                        .iter()
                        .try_for_each(|d| crate::dates::check(*d).map(drop))
                })
                .map_err(|e| e.with_key(key).at(change.criterion().as_str()))?;
        }
        let file = ScenarioFile {
            base: serde_json::from_str::<serde_json::Value>(&self.base.to_json()?)
                .map_err(|e| Error::write("JSON", &e))?,
            changes: self.changes.clone(),
        };
        crate::json::pretty(&file).and_then(crate::limits::output)
    }

    /// Reads a scenario written by [`Scenario::to_json`] and checks it against `set`: the base
    /// as an observations file ([`Observations::from_json`]), then every change.
    ///
    /// # Errors
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed JSON,
    /// [`ErrorKind::UnknownKey`](crate::ErrorKind::UnknownKey) for an unknown key; otherwise as [`Observations::from_json`] and [`Scenario::observations`].
    #[cfg(feature = "json")]
    pub fn from_json(text: &str, set: &CriteriaSet) -> Result<Self> {
        let text = crate::limits::input(text)?;
        let file: ScenarioFile<&serde_json::value::RawValue> = Error::read_json(text)?;
        // The base as written, read as an observations file (duplicate keys refused), its
        // errors placed in the scenario's text and named `base`.
        let base = file.base.get();
        let offset = base.as_ptr().addr().saturating_sub(text.as_ptr().addr());
        let scenario = Self {
            base: Observations::from_json(base, set)
                .map_err(|e| e.within(text, offset).at("base"))?,
            changes: file.changes,
        };
        scenario.observations(set)?;
        Ok(scenario)
    }
}

/// The written form of a scenario: the base as an observations file, read against the set
/// from the text as written (`RawValue`), written from a `Value`.
#[cfg(feature = "json")]
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioFile<B> {
    base: B,
    #[serde(default)]
    changes: Vec<Change>,
}
