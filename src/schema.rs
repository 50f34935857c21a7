//! The interchange formats as a contract: JSON Schemas (draft 2020-12) of the files the crate
//! reads and writes, shipped with the crate.
//!
//! - [`OBSERVATIONS`]: the observations file of a ward (which keys a criterion takes depends on
//!   its rule in the criteria set, which a schema cannot see: the schema lists every key, the
//!   reader checks them against the set);
//! - [`CRITERIA_SET`]: a criteria set;
//! - [`PLAN`]: a ward's plan;
//! - [`SCORECARD`]: the scorecard JSON ([`Scorecard::to_json`](crate::Scorecard::to_json)).
//!
//! TOML files have the same shape (dates are TOML local dates or the same strings), so an
//! editor that validates TOML against a JSON Schema can use these too. The schemas are made
//! from the very types that read and write the files; a test fails when a schema file is
//! stale (regenerate with `CCHC_BLESS_SCHEMAS=1 cargo test --lib schema`).
//!
//! ```
//! let schema: serde_json::Value = serde_json::from_str(cchc::schema::SCORECARD)?;
//! assert_eq!(schema["title"], "cchc scorecard");
//! # Ok::<(), serde_json::Error>(())
//! ```

/// The JSON Schema of an observations file.
pub const OBSERVATIONS: &str = include_str!("../schemas/observations.schema.json");

/// The JSON Schema of a criteria set file.
pub const CRITERIA_SET: &str = include_str!("../schemas/criteria-set.schema.json");

/// The JSON Schema of a plan file.
pub const PLAN: &str = include_str!("../schemas/plan.schema.json");

/// The JSON Schema of a scorecard (the output of `Scorecard::to_json`).
pub const SCORECARD: &str = include_str!("../schemas/scorecard.schema.json");

#[cfg(test)]
mod types {
    //! Schema-only types: how decimals, dates and whole numbers are written, and the
    //! observations file, which is read key by key rather than through serde.

    use std::borrow::Cow;
    use std::collections::BTreeMap;

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use crate::id::Id;

    /// A decimal written as a string of digits (`"1.5"`), or a whole number.
    pub(crate) struct DecimalText;

    impl JsonSchema for DecimalText {
        fn schema_name() -> Cow<'static, str> {
            "Decimal".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A decimal written as a string of digits, such as \"1.5\", or a whole number; never a float.",
                "anyOf": [
                    { "type": "string", "pattern": "^-?[0-9]+(\\.[0-9]+)?$" },
                    { "type": "integer" }
                ]
            })
        }
    }

    /// A date `YYYY-MM-DD`.
    pub(crate) struct DateText;

    impl JsonSchema for DateText {
        fn schema_name() -> Cow<'static, str> {
            "Date".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A date YYYY-MM-DD from 1900-01-01 to 2199-12-31 (in TOML, a local date or this string).",
                "type": "string",
                "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
            })
        }
    }

    /// A whole number 0 or more, or a string of digits above 9223372036854775807.
    pub(crate) struct WholeNumber;

    impl JsonSchema for WholeNumber {
        fn schema_name() -> Cow<'static, str> {
            "WholeNumber".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "A whole number, 0 or more; above 9223372036854775807, a string of digits.",
                "anyOf": [
                    { "type": "integer", "minimum": 0 },
                    { "type": "string", "pattern": "^[0-9]+$" }
                ]
            })
        }
    }

    /// Any JSON object (the structured working behind a criterion's points).
    pub(crate) struct AnyObject;

    impl JsonSchema for AnyObject {
        fn schema_name() -> Cow<'static, str> {
            "Working".into()
        }
        fn json_schema(_: &mut SchemaGenerator) -> Schema {
            json_schema!({
                "description": "The structured working behind the points, tagged by `rule`.",
                "type": "object",
                "required": ["rule"]
            })
        }
    }

    /// One criterion's observation: only the keys its rule reads may be given.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "a schema only")]
    pub(crate) struct ObservationEntry {
        /// Rate rules: records meeting the measure.
        numerator: Option<WholeNumber>,
        /// Rate rules: records in scope (0 = không phát sinh).
        denominator: Option<WholeNumber>,
        /// Count steps: the count.
        count: Option<WholeNumber>,
        /// Deadline rules: the day the work was done (none: not done).
        completed_on: Option<DateText>,
        /// Window and frequency rules: the days held (empty: not held).
        held_on: Option<Vec<DateText>>,
        /// Done rules.
        done: Option<bool>,
        /// Assessor points, 0 to the maximum.
        points: Option<DecimalText>,
        /// Category rules: the option's key.
        category: Option<Id>,
        /// Không phát sinh: nothing arose in scope (goes with no value key).
        not_applicable: Option<bool>,
        /// Evidence documents (tài liệu kiểm chứng), at most 4096 bytes.
        evidence: Option<String>,
    }

    /// The appraiser's points for a criterion, with the reason.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "a schema only")]
    pub(crate) struct AppraisalEntry {
        /// The appraised points, 0 to the maximum.
        points: DecimalText,
        /// Why they differ from the self-assessment (at most 4096 bytes).
        reason: String,
    }

    /// Bonus points awarded or penalty points taken, with the reason.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "a schema only")]
    pub(crate) struct AwardEntry {
        /// The points, 0 or more.
        points: DecimalText,
        /// Why (at most 4096 bytes).
        reason: String,
    }

    /// A ward's observations for one year, or one period of a year.
    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code, reason = "a schema only")]
    pub(crate) struct ObservationsFile {
        /// The ward or commune.
        ward: String,
        /// The year observed (the criteria set's year, when it names one); or give `period`.
        year: Option<i32>,
        /// The period observed instead of a whole year: `2023`, `2023-H1`, `2023-Q3`,
        /// `2023-07` or `2023-04-01..2023-12-31`.
        period: Option<String>,
        /// Whether the sociological survey was held (sets with a survey part only).
        survey: Option<bool>,
        /// Bonus points (sets that allow them).
        #[serde(default)]
        bonus: Vec<AwardEntry>,
        /// Penalty points (sets that allow them).
        #[serde(default)]
        penalty: Vec<AwardEntry>,
        /// By criterion id.
        #[serde(default)]
        observations: BTreeMap<Id, ObservationEntry>,
        /// By criterion id.
        #[serde(default)]
        appraisals: BTreeMap<Id, AppraisalEntry>,
    }
}

#[cfg(test)]
pub(crate) use types::{AnyObject, DateText, DecimalText, WholeNumber};

#[cfg(test)]
mod tests {
    use schemars::generate::SchemaSettings;

    use super::types::ObservationsFile;
    use crate::criteria::SetSpec;
    use crate::plan::{RawItem, RawPlan};
    use crate::score::ScorecardWire;

    fn generate<T: schemars::JsonSchema>(title: &str) -> String {
        let generator = SchemaSettings::draft2020_12().into_generator();
        let mut schema = generator.into_root_schema_for::<T>();
        schema.insert("title".into(), title.into());
        if title == "cchc observations file" {
            // A file names its year or its period: one of the two.
            schema.insert(
                "oneOf".into(),
                serde_json::json!([{ "required": ["year"] }, { "required": ["period"] }]),
            );
        }
        let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
        text.push('\n');
        text
    }

    fn check(file: &str, shipped: &str, fresh: &str) {
        if std::env::var_os("CCHC_BLESS_SCHEMAS").is_some() {
            let path = format!("{}/schemas/{file}", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(&path, fresh).unwrap();
        } else {
            assert!(
                shipped == fresh,
                "schemas/{file} is stale: regenerate it with `CCHC_BLESS_SCHEMAS=1 cargo test --lib schema`"
            );
        }
    }

    #[test]
    fn shipped_schemas_are_up_to_date() {
        check(
            "observations.schema.json",
            super::OBSERVATIONS,
            &generate::<ObservationsFile>("cchc observations file"),
        );
        check(
            "criteria-set.schema.json",
            super::CRITERIA_SET,
            &generate::<SetSpec>("cchc criteria set"),
        );
        check(
            "plan.schema.json",
            super::PLAN,
            &generate::<RawPlan<RawItem>>("cchc plan"),
        );
        check(
            "scorecard.schema.json",
            super::SCORECARD,
            &generate::<ScorecardWire>("cchc scorecard"),
        );
    }

    #[cfg(all(feature = "toml", feature = "json"))]
    #[test]
    fn the_reference_set_and_sample_fit_their_schemas() {
        // Every key the crate writes is one the schema names (a light check without a
        // validator: the written keys are a subset of the schema's properties).
        let schema: serde_json::Value = serde_json::from_str(super::CRITERIA_SET).unwrap();
        let set: serde_json::Value =
            serde_json::from_str(&crate::CriteriaSet::reference().to_json().unwrap()).unwrap();
        let properties = schema["properties"].as_object().unwrap();
        for key in set.as_object().unwrap().keys() {
            assert!(properties.contains_key(key), "{key}");
        }
    }
}
