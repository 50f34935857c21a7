//! Observations built in code: [`ObservationsBuilder`], checked against a criteria set as
//! reading a file is.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{Observations, Period, leaf};
use crate::criteria::CriteriaSet;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::{Counts, Observed};
use crate::rule::Evidence;

/// One step of an [`ObservationsBuilder`].
#[derive(Debug, Clone)]
pub(super) enum Step {
    Value(String, Observed<Evidence>),
    Counts(String, u64, u64),
    Category(String, String),
    Evidence(String, String),
    Appraisal(String, Decimal, String),
    Survey(bool),
    Bonus(Decimal, String),
    Penalty(Decimal, String),
}

/// Observations built in code: each method names a criterion by its id and records one
/// value; [`ObservationsBuilder::build`] checks them all against a criteria set, as reading a
/// file does. See [`Observations::builder`].
#[derive(Debug, Clone)]
#[must_use]
pub struct ObservationsBuilder {
    pub(super) ward: String,
    pub(super) year: i32,
    pub(super) period: Option<Period>,
    pub(super) steps: Vec<Step>,
}

impl ObservationsBuilder {
    fn push(mut self, step: Step) -> Self {
        self.steps.push(step);
        self
    }

    fn value(self, id: &str, value: Observed<Evidence>) -> Self {
        self.push(Step::Value(id.to_owned(), value))
    }

    /// `numerator` of `denominator` records (rate rules); a zero denominator is *không phát
    /// sinh*.
    pub fn counts(self, id: &str, numerator: u64, denominator: u64) -> Self {
        self.push(Step::Counts(id.to_owned(), numerator, denominator))
    }

    /// A count (count-step rules).
    pub fn count(self, id: &str, count: u64) -> Self {
        self.value(id, Observed::Reported(Evidence::Count(count)))
    }

    /// Work completed on `date` (deadline rules).
    pub fn completed(self, id: &str, date: NaiveDate) -> Self {
        self.value(id, Observed::Reported(Evidence::Completed(Some(date))))
    }

    /// Work observed as not done (deadline rules): 0 points, not missing.
    pub fn not_done(self, id: &str) -> Self {
        self.value(id, Observed::Reported(Evidence::Completed(None)))
    }

    /// The days something was held (window and frequency rules); none is "not held".
    pub fn held(self, id: &str, dates: impl IntoIterator<Item = NaiveDate>) -> Self {
        self.value(
            id,
            Observed::Reported(Evidence::Held(dates.into_iter().collect())),
        )
    }

    /// Done or not (done rules).
    pub fn done(self, id: &str, done: bool) -> Self {
        self.value(id, Observed::Reported(Evidence::Done(done)))
    }

    /// Points given by the assessor (assessor rules).
    pub fn points(self, id: &str, points: Decimal) -> Self {
        self.value(id, Observed::Reported(Evidence::Points(points)))
    }

    /// The option observed (category rules), by its key.
    pub fn category(self, id: &str, key: &str) -> Self {
        self.push(Step::Category(id.to_owned(), key.to_owned()))
    }

    /// *Không phát sinh*: nothing arose in scope.
    pub fn not_applicable(self, id: &str) -> Self {
        self.value(id, Observed::NotApplicable)
    }

    /// Any observed value.
    pub fn observed(self, id: &str, value: Observed<Evidence>) -> Self {
        self.value(id, value)
    }

    /// Evidence documents (tài liệu kiểm chứng) for a criterion observed before.
    pub fn evidence(self, id: &str, text: impl Into<String>) -> Self {
        self.push(Step::Evidence(id.to_owned(), text.into()))
    }

    /// The appraiser's points, with the reason.
    pub fn appraise(self, id: &str, points: Decimal, reason: impl Into<String>) -> Self {
        self.push(Step::Appraisal(id.to_owned(), points, reason.into()))
    }

    /// Observations of `period` (a month, a quarter, …) rather than the whole year.
    pub const fn period(mut self, period: Period) -> Self {
        self.period = Some(period);
        self
    }

    /// Whether the sociological survey was held this year.
    pub fn survey(self, held: bool) -> Self {
        self.push(Step::Survey(held))
    }

    /// Bonus points (điểm thưởng), with the reason.
    pub fn bonus(self, points: Decimal, reason: impl Into<String>) -> Self {
        self.push(Step::Bonus(points, reason.into()))
    }

    /// Penalty points (điểm trừ), with the reason.
    pub fn penalty(self, points: Decimal, reason: impl Into<String>) -> Self {
        self.push(Step::Penalty(points, reason.into()))
    }

    /// The observations, every id and value checked against `set`.
    ///
    /// # Errors
    /// The first problem, named by the criterion's id, as [`Observations::check`]; a
    /// numerator above its denominator; evidence for a criterion not observed.
    pub fn build(self, set: &CriteriaSet) -> Result<Observations> {
        let mut out = match self.period {
            Some(period) => {
                let out = Observations::for_period(self.ward, period)?;
                if out.year() != self.year {
                    return Err(Error::from(Reason::BadValue {
                        key: "period".to_owned(),
                        value: period.code(),
                        expected: "a period of the year given",
                    }));
                }
                out
            }
            None => Observations::new(self.ward, self.year),
        };
        let id_of =
            |id: &str| -> Result<Id> { leaf(set, id).map(|leaf| leaf.criterion.id().clone()) };
        for step in self.steps {
            match step {
                Step::Value(id, value) => {
                    let key = id_of(&id)?;
                    out.set(key, value);
                }
                Step::Counts(id, numerator, denominator) => {
                    let key = id_of(&id)?;
                    let counts = Counts::new(numerator, denominator).map_err(|e| e.at(&id))?;
                    out.set(key, Observed::Reported(Evidence::Counts(counts)));
                }
                Step::Category(id, option) => {
                    let key = id_of(&id)?;
                    let option = Id::new(&option).map_err(|e| e.with_key("category").at(&id))?;
                    out.set(key, Observed::Reported(Evidence::Category(option)));
                }
                Step::Evidence(id, text) => {
                    out.set_evidence(&id, text)?;
                }
                Step::Appraisal(id, points, reason) => {
                    let key = id_of(&id)?;
                    out.appraise(key, points, reason);
                }
                Step::Survey(held) => {
                    out.set_survey(held);
                }
                Step::Bonus(points, reason) => {
                    out.add_bonus(points, reason);
                }
                Step::Penalty(points, reason) => {
                    out.add_penalty(points, reason);
                }
            }
        }
        out.checked_against(set)
    }
}
