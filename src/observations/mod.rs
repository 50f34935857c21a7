//! The observations file: what a ward reports for each criterion, read into typed
//! observations and checked against a criteria set.
//!
//! ```toml
//! ward = "Phường Sông Cầu"
//! year = 2023                  # or: period = "2023-07" (a month), "2023-Q3", "2023-H1"
//!
//! [observations."II.4"]        # rate criteria: whole numbers (a string of digits above i64)
//! numerator = 120
//! denominator = 300
//! evidence = "Báo cáo số 12/BC-UBND"   # optional on any criterion: shown in the report
//!
//! [observations."II.12"]
//! not_applicable = true        # không phát sinh (the same as denominator = 0)
//!
//! [observations."I.1a"]        # deadline criteria
//! completed_on = 2022-12-20
//!
//! [observations."I.1b"]        # present but empty: observed, not done (0 points)
//!
//! [observations."VII.30"]      # window and frequency criteria
//! held_on = [2023-05-10, 2023-11-02]
//!
//! [observations."VII.27a"]     # count steps
//! count = 2
//!
//! [observations."V.18"]        # done / not done
//! done = true
//!
//! [observations."II.9"]        # assessor points: a decimal written as a string
//! points = "1.5"
//!
//! [appraisals."II.4"]          # the appraiser's points (điểm thẩm định), with a reason
//! points = "4"
//! reason = "Số liệu số hóa chưa khớp với hệ thống"
//! ```
//!
//! A criteria set with a survey part, bonus or penalty points takes three more keys:
//!
//! ```toml
//! survey = false               # no sociological survey this year: its part is left out
//!
//! [[bonus]]                    # điểm thưởng, summed and capped by the set
//! points = "1"
//! reason = "Mô hình, sáng kiến được UBND tỉnh công nhận"
//!
//! [[penalty]]                  # điểm trừ, likewise
//! points = "0.5"
//! reason = "Chậm nộp báo cáo định kỳ"
//! ```
//!
//! Which keys a criterion takes follows from its rule ([`Reads`](crate::rule::Reads));
//! anything else is an error naming the criterion and the key. Nothing is silently ignored. A
//! table that is present but has no `completed_on` (or an empty `held_on`) means "observed, not
//! done", which is not the same as no table at all (missing: 0 points, reported as missing).
//! Dates are TOML local dates or `"YYYY-MM-DD"` strings from 1900-01-01 to 2199-12-31; JSON
//! uses the strings. The year (or the period's year) must be the criteria set's, when the set
//! names one; a file names its year or its period, not both.
//!
//! A ward that keeps its counts in Excel fills a template instead ([`xlsx`], feature
//! `xlsx`): [`xlsx::template`] writes it for any set, [`Observations::from_xlsx`] reads it
//! back into the same observations as the TOML file.
//!
//! ## Limits
//!
//! A file of at most [`MAX_INPUT_BYTES`] (10 MiB); a ward's name, an evidence text or a reason
//! of at most [`MAX_TEXT_BYTES`] (4,096 bytes); at most [`MAX_DATES`] dates held per
//! criterion and [`MAX_AWARDS`] bonus or penalty entries. Larger input is refused with an
//! error of kind [`Limit`](crate::ErrorKind::Limit), never truncated; [`crate::limits`] lists
//! every limit.

mod builder;
mod period;
mod read;
mod value;
mod write;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::criteria::CriteriaSet;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::Observed;
use crate::rule::Evidence;

pub use builder::ObservationsBuilder;
pub use period::{Period, PeriodKind};
pub(crate) use read::{check_value, leaf};

pub use crate::limits::{MAX_AWARDS, MAX_DATES, MAX_INPUT_BYTES, MAX_TEXT_BYTES};

/// What was reported for one criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Observation {
    /// The value, or không phát sinh.
    pub value: Observed<Evidence>,
    /// The evidence documents (tài liệu kiểm chứng), shown in the report.
    pub evidence: Option<String>,
}

/// Bonus points awarded or penalty points taken, with the reason (see the
/// [module docs](self)).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Award {
    /// The points, 0 or more.
    pub points: Decimal,
    /// Why.
    pub reason: String,
}

/// The appraiser's points for a criterion (điểm thẩm định), with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Appraisal {
    /// The appraised points, 0 ≤ points ≤ max.
    pub points: Decimal,
    /// Why they differ from the self-assessment.
    pub reason: String,
}

/// A ward's observations for one year, by criterion id.
///
/// ```
/// use cchc::{CriteriaSet, Observations};
/// let set = CriteriaSet::reference();
/// let obs = Observations::from_toml(
///     "ward = \"Phường Sông Cầu\"\nyear = 2023\n[observations.\"II.4\"]\nnumerator = 90\ndenominator = 300\n",
///     &set,
/// )?;
/// assert_eq!(obs.len(), 1);
/// let bad = Observations::from_toml(
///     "ward = \"X\"\nyear = 2023\n[observations.\"II.4\"]\nnumerator = 90\ndone = true\n",
///     &set,
/// );
/// assert_eq!(
///     bad.unwrap_err().to_string(),
///     "II.4: key `done` does not fit a prop rule (allowed: numerator, denominator, not_applicable, evidence)"
/// );
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// In code, [`Observations::builder`] is the terse way in.
#[derive(Clone, PartialEq, Eq)]
pub struct Observations {
    ward: String,
    year: i32,
    /// The part of the year observed, when not the whole year.
    period: Option<Period>,
    /// Whether the sociological survey was held (`None`: not said, held when the set has one).
    survey: Option<bool>,
    entries: crate::id::IdMap<Observation>,
    appraisals: BTreeMap<Id, Appraisal>,
    bonus: Vec<Award>,
    penalties: Vec<Award>,
    /// The set these observations were last checked against, unchanged since.
    checked: Checked,
}

/// Entries in the order of their ids, the same on every run; whether they were checked is not
/// shown.
impl std::fmt::Debug for Observations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        struct Entries<'a>(&'a Observations);
        impl std::fmt::Debug for Entries<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_map().entries(self.0.iter()).finish()
            }
        }
        f.debug_struct("Observations")
            .field("ward", &self.ward)
            .field("year", &self.year)
            .field("period", &self.period)
            .field("survey", &self.survey)
            .field("entries", &Entries(self))
            .field("appraisals", &self.appraisals)
            .field("bonus", &self.bonus)
            .field("penalties", &self.penalties)
            .finish()
    }
}

/// The set observations were checked against: not part of their equality, and cleared by
/// every change.
#[derive(Debug, Clone, Copy, Default)]
struct Checked(Option<crate::criteria::SetStamp>);

impl PartialEq for Checked {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for Checked {}

impl Observations {
    /// No observations yet, for `ward` and `year`.
    #[must_use]
    pub fn new(ward: impl Into<String>, year: i32) -> Self {
        Self {
            ward: ward.into(),
            year,
            period: None,
            survey: None,
            entries: crate::id::IdMap::default(),
            appraisals: BTreeMap::new(),
            bonus: Vec::new(),
            penalties: Vec::new(),
            checked: Checked::default(),
        }
    }

    /// No observations yet, for `ward` and `period` (a month, a quarter, … of one year).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a period that is not
    /// within one calendar year.
    pub fn for_period(ward: impl Into<String>, period: Period) -> Result<Self> {
        let year = period.calendar_year().ok_or_else(|| {
            Error::from(Reason::BadValue {
                key: "period".to_owned(),
                value: period.code(),
                expected: "a period within one calendar year",
            })
        })?;
        let mut out = Self::new(ward, year);
        if period != Period::year(year)? {
            out.period = Some(period);
        }
        Ok(out)
    }

    /// Starts observations to build in code, each value named by its criterion's id; every
    /// id and value is checked against a set when [`ObservationsBuilder::build`] runs.
    ///
    /// ```
    /// use cchc::{CriteriaSet, Observations, Scorecard};
    /// use chrono::NaiveDate;
    /// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
    /// let set = CriteriaSet::reference();
    /// let obs = Observations::builder("Phường Sông Cầu", 2023)
    ///     .counts("II.4", 90, 300)
    ///     .held("VII.29", [d(6, 30), d(7, 1)])
    ///     .completed("I.2a", d(1, 20))
    ///     .done("V.18", true)
    ///     .not_applicable("II.12")
    ///     .evidence("II.4", "Báo cáo số 12/BC-UBND")
    ///     .build(&set)?;
    /// assert_eq!(obs.len(), 5);
    /// let err = Observations::builder("X", 2023).counts("II.4", 310, 300).build(&set).unwrap_err();
    /// assert_eq!(err.to_string(), "II.4: numerator 310 exceeds denominator 300");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    pub fn builder(ward: impl Into<String>, year: i32) -> ObservationsBuilder {
        ObservationsBuilder {
            ward: ward.into(),
            year,
            period: None,
            steps: Vec::new(),
        }
    }

    /// The ward's name.
    #[must_use]
    pub fn ward(&self) -> &str {
        &self.ward
    }

    /// The year observed.
    #[must_use]
    pub const fn year(&self) -> i32 {
        self.year
    }

    /// The period observed: the whole year, or the month, quarter, … the file names.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a year outside
    /// 1900–2199.
    pub fn period(&self) -> Result<Period> {
        self.period.map_or_else(|| Period::year(self.year), Ok)
    }

    /// The period observed when it is part of a year (`None` for the whole year).
    #[must_use]
    pub const fn part_of_year(&self) -> Option<Period> {
        self.period
    }

    /// Whether the sociological survey was held: `Some(false)` when the file says it was not.
    #[must_use]
    pub const fn survey(&self) -> Option<bool> {
        self.survey
    }

    /// Says whether the sociological survey was held this year.
    pub fn set_survey(&mut self, held: bool) -> &mut Self {
        self.checked = Checked::default();
        self.survey = Some(held);
        self
    }

    /// The bonus points awarded (điểm thưởng).
    #[must_use]
    pub fn bonus(&self) -> &[Award] {
        &self.bonus
    }

    /// The penalty points taken (điểm trừ).
    #[must_use]
    pub fn penalties(&self) -> &[Award] {
        &self.penalties
    }

    /// Awards bonus points, with the reason.
    pub fn add_bonus(&mut self, points: Decimal, reason: impl Into<String>) -> &mut Self {
        self.checked = Checked::default();
        self.bonus.push(Award {
            points,
            reason: reason.into(),
        });
        self
    }

    /// Takes penalty points, with the reason.
    pub fn add_penalty(&mut self, points: Decimal, reason: impl Into<String>) -> &mut Self {
        self.checked = Checked::default();
        self.penalties.push(Award {
            points,
            reason: reason.into(),
        });
        self
    }

    /// Records `value` for criterion `id` (replacing any earlier one, keeping its evidence
    /// text); [`Observed::Missing`] removes it. Checked against a set when scored.
    pub fn set(&mut self, id: Id, value: Observed<Evidence>) -> &mut Self {
        self.checked = Checked::default();
        match value {
            Observed::Missing => {
                self.entries.remove(&id);
            }
            value => {
                let evidence = self.entries.remove(&id).and_then(|o| o.evidence);
                self.entries.insert(id, Observation { value, evidence });
            }
        }
        self
    }

    /// Builder form of [`Observations::set`].
    #[must_use]
    pub fn with(mut self, id: Id, value: Observed<Evidence>) -> Self {
        self.set(id, value);
        self
    }

    /// Attaches evidence text (tài liệu kiểm chứng) to criterion `id`'s observation.
    ///
    /// # Errors
    /// [`ErrorKind::Missing`](crate::ErrorKind::Missing), named by the id, when `id` has no
    /// observation yet; [`ErrorKind::Limit`](crate::ErrorKind::Limit) for a text above 4,096
    /// bytes.
    pub fn set_evidence(&mut self, id: &str, evidence: impl Into<String>) -> Result<&mut Self> {
        self.checked = Checked::default();
        let evidence = checked_text("evidence", evidence.into()).map_err(|e| e.at(id))?;
        let entry = self
            .entries
            .get_mut(id)
            .ok_or_else(|| Error::from(Reason::NoObservation).at(id))?;
        entry.evidence = Some(evidence);
        Ok(self)
    }

    /// Records the appraiser's points for criterion `id`, with the reason. Checked against a
    /// set when scored.
    pub fn appraise(&mut self, id: Id, points: Decimal, reason: impl Into<String>) -> &mut Self {
        self.checked = Checked::default();
        self.appraisals.insert(
            id,
            Appraisal {
                points,
                reason: reason.into(),
            },
        );
        self
    }

    /// The observation for criterion `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Observation> {
        self.entries.get(id)
    }

    /// The observed value for criterion `id` ([`Observed::Missing`] when none).
    #[must_use]
    pub fn value(&self, id: &str) -> &Observed<Evidence> {
        const MISSING: &Observed<Evidence> = &Observed::Missing;
        self.entries.get(id).map_or(MISSING, |o| &o.value)
    }

    /// The appraisal for criterion `id`.
    #[must_use]
    pub fn appraisal(&self, id: &str) -> Option<&Appraisal> {
        self.appraisals.get(id)
    }

    /// All observations, by id (in the order of the ids).
    pub fn iter(&self) -> impl Iterator<Item = (&Id, &Observation)> {
        let mut all: Vec<(&Id, &Observation)> = self.entries.iter().collect();
        all.sort_unstable_by(|a, b| a.0.cmp(b.0));
        all.into_iter()
    }

    /// All appraisals, by id.
    pub fn appraisals(&self) -> impl Iterator<Item = (&Id, &Appraisal)> {
        self.appraisals.iter()
    }

    /// How many criteria have an observation.
    #[must_use]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no criterion has an observation.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The survey flag, bonus and penalty points against what `set` allows.
    pub(crate) fn check_parts(&self, set: &CriteriaSet) -> Result<()> {
        if self.survey.is_some() && set.survey_points().is_zero() {
            return Err(Error::from(Reason::NotInSet {
                what: "survey part",
            })
            .at("survey"));
        }
        for (awards, cap, key) in [
            (&self.bonus, set.bonus(), "bonus"),
            (&self.penalties, set.penalty(), "penalty"),
        ] {
            if !awards.is_empty() && cap.is_none() {
                return Err(Error::from(Reason::NotInSet { what: key }).at(key));
            }
            for award in awards {
                crate::rule::check_points("points", award.points)
                    .and_then(|_| check_length("reason", &award.reason))
                    .map_err(|e| e.with_key("points").at(key))?;
            }
            if awards.len() > MAX_AWARDS {
                return Err(Error::from(Reason::TooMany {
                    what: "entries",
                    count: awards.len(),
                    limit: MAX_AWARDS,
                })
                .at(key));
            }
        }
        Ok(())
    }

    pub(super) fn check_year_range(&self) -> Result<()> {
        if (1900..=2199).contains(&self.year) {
            return Ok(());
        }
        Err(Error::from(Reason::NoSuchPeriod {
            what: "year",
            value: i64::from(self.year),
            allowed: "1900 to 2199",
        })
        .with_key("year"))
    }

    pub(crate) fn check_year(&self, set: &CriteriaSet) -> Result<()> {
        self.check_year_range()?;
        match set.year() {
            Some(expected) if expected != self.year => Err(Error::from(Reason::WrongYear {
                year: self.year,
                expected,
            })),
            _ => Ok(()),
        }
    }

    /// Checks every observation and appraisal against `set`: the year, known ids, values of
    /// the kind each rule reads, points and dates within range, criteria that apply at the
    /// set's level, the survey, bonus and penalty points the set allows. Scoring runs the
    /// same checks.
    ///
    /// # Errors
    /// The first problem, named by the criterion's id (or by `survey`, `bonus`, `penalty`).
    pub fn check(&self, set: &CriteriaSet) -> Result<()> {
        if self.checked.0 == Some(set.stamp()) {
            return Ok(());
        }
        check_length("ward", &self.ward)?;
        self.check_year(set)?;
        self.check_parts(set)?;
        let check = |id: &Id, observation: &Observation| -> Result<()> {
            let leaf = leaf(set, id.as_str())?;
            read::check_scope(set, &leaf, self.survey)?;
            check_value(leaf.rule, leaf.criterion.max_points(), &observation.value)
                .map_err(|e| e.at(id.as_str()))?;
            if let Some(period) = self.period {
                read::check_dates_within(&observation.value, period)
                    .map_err(|e| e.at(id.as_str()))?;
            }
            if let Some(text) = &observation.evidence {
                check_length("evidence", text).map_err(|e| e.at(id.as_str()))?;
            }
            Ok(())
        };
        // In the map's order, which is fast; on a problem, again in the order of the ids, so
        // that the one named is the same on every run.
        if self.entries.iter().any(|(id, o)| check(id, o).is_err()) {
            for (id, observation) in self.iter() {
                check(id, observation)?;
            }
        }
        for (id, appraisal) in &self.appraisals {
            let leaf = leaf(set, id.as_str())?;
            // A criterion that takes no observation (out of the set's level, or in a survey
            // not held) takes no appraisal either.
            read::check_scope(set, &leaf, self.survey)?;
            read::check_points(
                "appraised points",
                appraisal.points,
                leaf.criterion.max_points(),
            )
            .and_then(|()| check_length("reason", &appraisal.reason))
            .map_err(|e| e.at(id.as_str()))?;
        }
        Ok(())
    }

    /// Checks these observations against `set` and remembers it, so that scoring them
    /// against the same set (or a clone of it) does not check them again until they change.
    pub(crate) fn checked_against(mut self, set: &CriteriaSet) -> Result<Self> {
        self.check(set)?;
        self.checked = Checked(Some(set.stamp()));
        Ok(self)
    }

    /// Reads observations written in TOML for the criteria of `set`.
    ///
    /// # Errors
    /// [`ErrorKind::Syntax`](crate::ErrorKind::Syntax) for malformed TOML, with its line and
    /// column; and, named by the criterion's id and key: an unknown criterion or key, a key
    /// missing, a value of the wrong form or out of range, a numerator above its denominator,
    /// points above the maximum, a year other than the set's.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str, set: &CriteriaSet) -> Result<Self> {
        let text = crate::limits::input(text)?;
        let root = value::from_toml(text).map_err(|e| Error::toml(&e, text))?;
        read::read_file(&root, set)?.checked_against(set)
    }

    /// Reads observations written in JSON (the same shape; dates as `"YYYY-MM-DD"`).
    ///
    /// # Errors
    /// As [`Observations::from_toml`], for JSON.
    #[cfg(feature = "json")]
    pub fn from_json(text: &str, set: &CriteriaSet) -> Result<Self> {
        let text = crate::limits::input(text)?;
        let root: value::Value = Error::read_json_value(text)?;
        read::read_file(&root, set)?.checked_against(set)
    }

    /// The observations as TOML, which [`Observations::from_toml`] reads back unchanged
    /// (against a set they were checked against).
    ///
    /// # Errors
    /// What no reader takes, whatever the set, is not written:
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for a year outside 1900–2199
    /// or a date outside 1900-01-01 to 2199-12-31, [`ErrorKind::Limit`](crate::ErrorKind::Limit)
    /// for a text, or a list of dates or entries, beyond its [limit](crate::limits), each
    /// named by its criterion and key, or for a text written beyond
    /// [`MAX_INPUT_BYTES`]; [`ErrorKind::Write`](crate::ErrorKind::Write) if the
    /// writer fails.
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> Result<String> {
        write::check_readable(self)?;
        write::to_toml(self).and_then(crate::limits::output)
    }

    /// The observations as pretty JSON, which [`Observations::from_json`] reads back
    /// unchanged (against a set they were checked against).
    ///
    /// # Errors
    /// As [`Observations::to_toml`].
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String> {
        write::check_readable(self)?;
        write::to_json(self).and_then(crate::limits::output)
    }
}

pub(super) fn check_length(what: &'static str, text: &str) -> Result<()> {
    crate::limits::text(what, text)
}

fn checked_text(what: &'static str, text: String) -> Result<String> {
    check_length(what, &text).map(|()| text)
}

#[cfg(all(test, feature = "toml", feature = "json"))]
mod tests;
