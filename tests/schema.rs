//! The interchange formats as a contract: everything the crate writes validates against the
//! JSON Schema it ships, and the schemas refuse what the readers refuse.

use cchc::{CriteriaSet, Observations, Plan, Scorecard, schema};
use chrono::NaiveDate;
use serde_json::Value;

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("the shipped schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the shipped schema is a valid schema")
}

fn assert_valid(schema: &str, text: &str) {
    let instance: Value = serde_json::from_str(text).unwrap();
    let errors: Vec<String> = validator(schema)
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

fn sample() -> (CriteriaSet, Observations) {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(
        include_str!("../examples/data/sample_observations_2023.toml"),
        &set,
    )
    .unwrap();
    (set, obs)
}

#[test]
fn the_built_in_data_fits_its_schemas() {
    assert_valid(
        schema::CRITERIA_SET,
        &CriteriaSet::reference().to_json().unwrap(),
    );
    assert_valid(schema::PLAN, &Plan::song_cau_2023().to_json().unwrap());
}

#[test]
fn observations_and_scorecards_fit_their_schemas() {
    let (set, obs) = sample();
    assert_valid(schema::OBSERVATIONS, &obs.to_json().unwrap());
    assert_valid(
        schema::SCORECARD,
        &Scorecard::score(&set, &obs).unwrap().to_json().unwrap(),
    );
    let mid_year = NaiveDate::from_ymd_opt(2023, 6, 30).unwrap();
    let card = Scorecard::score_at(&set, &obs, mid_year).unwrap();
    assert_valid(schema::SCORECARD, &card.to_json().unwrap());
}

#[test]
fn the_schemas_refuse_what_the_readers_refuse() {
    let observations = validator(schema::OBSERVATIONS);
    for bad in [
        // A float where a decimal is written as a string.
        r#"{"ward": "X", "year": 2023, "observations": {"II.9": {"points": 1.5}}}"#,
        // An unknown key.
        r#"{"ward": "X", "year": 2023, "observations": {"II.4": {"numerator": 1, "denominator": 2, "extra": 1}}}"#,
        // A negative count.
        r#"{"ward": "X", "year": 2023, "observations": {"II.4": {"numerator": -1, "denominator": 2}}}"#,
        // A date in another form.
        r#"{"ward": "X", "year": 2023, "observations": {"I.1a": {"completed_on": "30/01/2023"}}}"#,
        // No year.
        r#"{"ward": "X"}"#,
    ] {
        let instance: Value = serde_json::from_str(bad).unwrap();
        assert!(!observations.is_valid(&instance), "{bad}");
        let set = CriteriaSet::reference();
        assert!(Observations::from_json(bad, &set).is_err(), "{bad}");
    }
}

#[test]
fn scorecards_are_read_from_their_digits_and_from_earlier_versions() {
    let (set, obs) = sample();
    let text = Scorecard::score(&set, &obs).unwrap().to_json().unwrap();
    // A float where a decimal is written as a string is refused, not read through f64.
    let float = text.replacen("\"total_points\": \"85.97\"", "\"total_points\": 85.97", 1);
    assert_ne!(float, text);
    let err = Scorecard::from_json(&float).unwrap_err();
    assert_eq!(err.kind(), cchc::ErrorKind::Syntax, "{err}");
    assert!(err.to_string().contains("float"), "{err}");
    // A scorecard written before the frequency's working gained `missed` and `open` reads.
    let earlier = text
        .replace("\"missed\": 0,\n", "")
        .replace("\"open\": 0,\n", "");
    assert_ne!(earlier, text);
    let card = Scorecard::from_json(&earlier).unwrap();
    assert_eq!(card.summary.total_points.to_string(), "85.97");
}
