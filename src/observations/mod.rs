//! The observations file (PLAN.md §6): what a ward reports for each criterion, read into typed
//! observations and checked against a criteria set.
//!
//! ```toml
//! ward = "Phường Sông Cầu"
//! year = 2023
//!
//! [observations."II.4"]        # rate criteria
//! numerator = 120
//! denominator = 300
//! evidence = "Báo cáo số 12/BC-UBND"   # optional on any criterion
//!
//! [observations."II.12"]
//! not_applicable = true        # không phát sinh
//!
//! [observations."I.1a"]        # deadline criteria
//! completed_on = 2022-12-20
//!
//! [observations."VII.30"]      # window and frequency criteria
//! held_on = [2023-05-10, 2023-11-02]
//!
//! [appraisals."II.4"]          # the appraiser's override (điểm thẩm định), with a reason
//! points = "4"
//! reason = "Số liệu số hóa chưa khớp với hệ thống"
//! ```
//!
//! Which keys a criterion takes follows from its rule ([`Reads`]); anything else is an error
//! naming the criterion and the key. Nothing is silently ignored. A table that is present but
//! has no `completed_on` (or an empty `held_on`) means "observed, not done", which is not the
//! same as no table at all (missing).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::attainment::Evidence;
use crate::counts::Observed;
use crate::criteria::CriteriaSet;
use crate::error::{Error, Result};

mod file;
pub(crate) use file::check_value;
use file::{
    check_points, dates_to_strings, leaf, read_appraisal, read_observation, write_observation,
};

/// What was reported for one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// The value, or không phát sinh.
    pub value: Observed<Evidence>,
    /// The evidence documents (tài liệu kiểm chứng), shown in the report.
    pub evidence: Option<String>,
}

/// The appraiser's points for a criterion (điểm thẩm định), with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
/// It is written and read only in the PLAN.md §6 shape ([`Observations::to_toml`],
/// [`Observations::from_toml`] and their JSON twins), since reading needs the criteria set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observations {
    /// The ward's name.
    pub ward: String,
    /// The year observed.
    pub year: i32,
    entries: BTreeMap<String, Observation>,
    appraisals: BTreeMap<String, Appraisal>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    ward: String,
    year: i32,
    #[serde(default, deserialize_with = "unique_ids")]
    observations: BTreeMap<String, toml::Table>,
    #[serde(default, deserialize_with = "unique_ids")]
    appraisals: BTreeMap<String, toml::Table>,
}

/// A table by criterion id that refuses an id given twice (TOML does by itself; JSON would
/// keep the last silently).
fn unique_ids<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<BTreeMap<String, toml::Table>, D::Error> {
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = BTreeMap<String, toml::Table>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a table of criteria by id")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((id, table)) = map.next_entry::<String, toml::Table>()? {
                if out.contains_key(&id) {
                    return Err(serde::de::Error::custom(format!(
                        "criterion id {id:?} is given twice"
                    )));
                }
                out.insert(id, table);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_map(Visitor)
}

impl Observations {
    /// No observations yet.
    #[must_use]
    pub fn new(ward: impl Into<String>, year: i32) -> Self {
        Self {
            ward: ward.into(),
            year,
            entries: BTreeMap::new(),
            appraisals: BTreeMap::new(),
        }
    }

    /// Records `value` for criterion `id` (replacing any earlier one); [`Observed::Missing`]
    /// removes it.
    pub fn set(&mut self, id: impl Into<String>, value: Observed<Evidence>) -> &mut Self {
        let id = id.into();
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
    pub fn with(mut self, id: impl Into<String>, value: Observed<Evidence>) -> Self {
        self.set(id, value);
        self
    }

    /// Attaches evidence text (tài liệu kiểm chứng) to criterion `id`'s observation.
    ///
    /// # Errors
    /// [`Error::NoObservation`], wrapped with the id, when `id` has no observation yet.
    pub fn set_evidence(&mut self, id: &str, evidence: impl Into<String>) -> Result<&mut Self> {
        let entry = self
            .entries
            .get_mut(id)
            .ok_or_else(|| Error::NoObservation.at(id))?;
        entry.evidence = Some(evidence.into());
        Ok(self)
    }

    /// Records the appraiser's points for criterion `id`, with the reason.
    pub fn appraise(
        &mut self,
        id: impl Into<String>,
        points: Decimal,
        reason: impl Into<String>,
    ) -> &mut Self {
        self.appraisals.insert(
            id.into(),
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

    /// All observations, by id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Observation)> {
        self.entries.iter().map(|(id, o)| (id.as_str(), o))
    }

    /// All appraisals, by id.
    pub fn appraisals(&self) -> impl Iterator<Item = (&str, &Appraisal)> {
        self.appraisals.iter().map(|(id, a)| (id.as_str(), a))
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

    /// Reads observations written in TOML (PLAN.md §6) for the criteria of `set`.
    ///
    /// # Errors
    /// [`Error::Parse`] for malformed TOML or a top-level key other than `ward`, `year`,
    /// `observations`, `appraisals`; and, wrapped with the criterion's id,
    /// [`Error::UnknownId`], [`Error::KeyNotAllowed`], [`Error::MissingKey`],
    /// [`Error::BadValue`], [`Error::ConflictingKeys`], [`Error::NumeratorExceedsDenominator`],
    /// [`Error::AboveMax`].
    pub fn from_toml(text: &str, set: &CriteriaSet) -> Result<Self> {
        let raw: RawFile = toml::from_str(text).map_err(|e| Error::Parse {
            format: "TOML",
            message: e.to_string().trim_end().to_owned(),
        })?;
        Self::from_raw(raw, set)
    }

    /// Reads observations written in JSON (the same shape; dates as `"YYYY-MM-DD"`).
    ///
    /// # Errors
    /// As [`Observations::from_toml`], for JSON.
    pub fn from_json(text: &str, set: &CriteriaSet) -> Result<Self> {
        let raw: RawFile = serde_json::from_str(text).map_err(|e| Error::Parse {
            format: "JSON",
            message: e.to_string(),
        })?;
        Self::from_raw(raw, set)
    }

    fn from_raw(raw: RawFile, set: &CriteriaSet) -> Result<Self> {
        let mut out = Self::new(raw.ward, raw.year);
        for (id, table) in raw.observations {
            let (rule, _) = leaf(set, &id)?;
            let observation = read_observation(rule, table, set, &id).map_err(|e| e.at(&id))?;
            out.entries.insert(id, observation);
        }
        for (id, table) in raw.appraisals {
            let (_, max) = leaf(set, &id)?;
            let appraisal = read_appraisal(table, max).map_err(|e| e.at(&id))?;
            out.appraisals.insert(id, appraisal);
        }
        Ok(out)
    }

    /// Checks every observation and appraisal against `set`: known ids, values of the kind
    /// each rule reads, points within range. Scoring runs the same checks.
    ///
    /// # Errors
    /// The first problem, wrapped with the criterion's id.
    pub fn check(&self, set: &CriteriaSet) -> Result<()> {
        for (id, observation) in &self.entries {
            let (rule, max) = leaf(set, id)?;
            check_value(rule, max, &observation.value).map_err(|e| e.at(id))?;
        }
        for (id, appraisal) in &self.appraisals {
            let (_, max) = leaf(set, id)?;
            check_points("appraised points", appraisal.points, max).map_err(|e| e.at(id))?;
        }
        Ok(())
    }

    /// The observations as TOML, in the §6 shape.
    ///
    /// # Errors
    /// [`Error::Write`] if the writer fails.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(&self.to_table()).map_err(|e| Error::Write {
            format: "TOML",
            message: e.to_string(),
        })
    }

    /// The observations as pretty JSON, in the §6 shape.
    ///
    /// # Errors
    /// [`Error::Write`] if the writer fails.
    pub fn to_json(&self) -> Result<String> {
        let mut json = serde_json::to_value(self.to_table()).map_err(|e| Error::Write {
            format: "JSON",
            message: e.to_string(),
        })?;
        dates_to_strings(&mut json);
        serde_json::to_string_pretty(&json).map_err(|e| Error::Write {
            format: "JSON",
            message: e.to_string(),
        })
    }

    fn to_table(&self) -> toml::Table {
        let mut root = toml::Table::new();
        root.insert("ward".into(), self.ward.clone().into());
        root.insert("year".into(), i64::from(self.year).into());
        let mut observations = toml::Table::new();
        for (id, observation) in &self.entries {
            observations.insert(id.clone(), write_observation(observation).into());
        }
        root.insert("observations".into(), observations.into());
        if !self.appraisals.is_empty() {
            let mut appraisals = toml::Table::new();
            for (id, a) in &self.appraisals {
                let mut t = toml::Table::new();
                t.insert("points".into(), a.points.to_string().into());
                t.insert("reason".into(), a.reason.clone().into());
                appraisals.insert(id.clone(), t.into());
            }
            root.insert("appraisals".into(), appraisals.into());
        }
        root
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::counts::Counts;

    const SAMPLE: &str = r#"
ward = "Phường Sông Cầu"
year = 2023

[observations."II.4"]
numerator = 120
denominator = 300
evidence = "Báo cáo số 12/BC-UBND"

[observations."II.12"]
not_applicable = true

[observations."I.1a"]
completed_on = 2022-12-20

[observations."I.1b"]

[observations."VII.30"]
held_on = [2023-05-10, "2023-11-02"]

[observations."VII.27a"]
count = 2

[observations."V.18"]
done = true

[observations."II.9"]
points = "1.5"

[appraisals."II.9"]
points = "1"
reason = "Thiếu sổ theo dõi"
"#;

    #[test]
    fn reads_every_kind_and_round_trips() {
        let set = CriteriaSet::reference();
        let obs = Observations::from_toml(SAMPLE, &set).unwrap();
        assert_eq!(obs.len(), 8);
        assert_eq!(
            obs.value("I.1b"),
            &Observed::Reported(Evidence::Completed(None))
        );
        assert_eq!(obs.value("II.12"), &Observed::NotApplicable);
        assert_eq!(obs.value("II.3"), &Observed::Missing);
        let again = Observations::from_toml(&obs.to_toml().unwrap(), &set).unwrap();
        assert_eq!(again, obs);
        let json = Observations::from_json(&obs.to_json().unwrap(), &set).unwrap();
        assert_eq!(json, obs);
    }

    #[test]
    fn counts_beyond_i64_round_trip_as_digit_strings() {
        let set = CriteriaSet::reference();
        let huge = Counts::new(u64::MAX - 5, u64::MAX).unwrap();
        let obs =
            Observations::new("X", 2023).with("V.17", Observed::Reported(Evidence::Counts(huge)));
        assert_eq!(
            Observations::from_toml(&obs.to_toml().unwrap(), &set).unwrap(),
            obs
        );
        assert_eq!(
            Observations::from_json(&obs.to_json().unwrap(), &set).unwrap(),
            obs
        );
        let text = "ward = \"X\"\nyear = 2023\n[observations.\"V.17\"]\nnumerator = \"12\"\ndenominator = \"1x\"\n";
        let err = Observations::from_toml(text, &set).unwrap_err();
        assert_eq!(
            err.to_string(),
            "V.17: key `denominator` has value \"1x\", expected a whole number, 0 or more"
        );
    }

    fn error_of(body: &str) -> Error {
        let text = format!("ward = \"X\"\nyear = 2023\n{body}");
        Observations::from_toml(&text, &CriteriaSet::reference()).unwrap_err()
    }

    #[test]
    fn refusals_name_the_criterion_and_key() {
        let cases = [
            (
                "[observations.\"II.99\"]\ndone = true",
                "II.99: unknown criterion id \"II.99\"",
            ),
            (
                "[observations.\"II.4\"]\nnumerator = 301\ndenominator = 300",
                "II.4: numerator 301 exceeds denominator 300",
            ),
            (
                "[observations.\"II.4\"]\nnumerator = 3",
                "II.4: key `denominator` is required by a prop rule",
            ),
            (
                "[observations.\"II.4\"]\nnumerator = -3\ndenominator = 4",
                "II.4: key `numerator` has value -3, expected a whole number, 0 or more",
            ),
            (
                "[observations.\"II.9\"]\npoints = \"2.5\"",
                "II.9: assessor points of 2.5 points is above the maximum of 2",
            ),
            (
                "[observations.\"I.1a\"]\ncompleted_on = \"30/01/2023\"",
                "I.1a: key `completed_on` has value \"30/01/2023\", expected a date such as 2023-05-10",
            ),
            (
                "[observations.\"II.4\"]\nnot_applicable = true\nnumerator = 1\ndenominator = 2",
                "II.4: `not_applicable = true` cannot go with `numerator`: không phát sinh has no value",
            ),
            (
                "[appraisals.\"II.4\"]\npoints = \"6\"\nreason = \"x\"",
                "II.4: appraised points of 6 points is above the maximum of 5",
            ),
            (
                "[appraisals.\"II.4\"]\npoints = \"4\"",
                "II.4: key `reason` is required by a appraisal rule",
            ),
        ];
        for (body, message) in cases {
            assert_eq!(error_of(body).to_string(), message, "{body}");
        }
        assert!(matches!(error_of("extra = 1"), Error::Parse { .. }));
        let set = CriteriaSet::reference();
        let twice = r#"{"ward":"X","year":2023,"observations":{"V.18":{"done":true},"V.18":{"done":false}}}"#;
        let err = Observations::from_json(twice, &set).unwrap_err();
        assert!(err.to_string().contains("\"V.18\" is given twice"), "{err}");
        let inner =
            r#"{"ward":"X","year":2023,"observations":{"V.18":{"done":true,"done":false}}}"#;
        assert!(
            Observations::from_json(inner, &set).is_err(),
            "a key given twice in one criterion"
        );
    }
}
