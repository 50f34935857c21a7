use super::*;
use crate::ErrorKind;
use crate::rate::Counts;

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
    let obs = Observations::new("X", 2023).with(
        Id::new("V.17").unwrap(),
        Observed::Reported(Evidence::Counts(huge)),
    );
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
        "V.17: key `denominator` has value \"1x\", expected a whole number, 0 or more (a string of digits above 9223372036854775807)"
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
            "II.99: unknown criterion id",
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
            "II.4: key `numerator` has value -3, expected a whole number, 0 or more (a string of digits above 9223372036854775807)",
        ),
        (
            "[observations.\"II.9\"]\npoints = \"2.5\"",
            "II.9: assessor points of 2.5 points is above the maximum of 2",
        ),
        (
            "[observations.\"I.1a\"]\ncompleted_on = \"30/01/2023\"",
            "I.1a: key `completed_on` has value \"30/01/2023\", expected a date such as 2023-05-10, from 1900-01-01 to 2199-12-31",
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
            "II.4: key `reason` is required by an appraisal",
        ),
    ];
    for (body, message) in cases {
        assert_eq!(error_of(body).to_string(), message, "{body}");
    }
    assert_eq!(error_of("extra = 1").kind(), ErrorKind::UnknownKey);
    let set = CriteriaSet::reference();
    let twice =
        r#"{"ward":"X","year":2023,"observations":{"V.18":{"done":true},"V.18":{"done":false}}}"#;
    let err = Observations::from_json(twice, &set).unwrap_err();
    assert!(
        err.to_string().contains("key `V.18` is given twice"),
        "{err}"
    );
    assert_eq!((err.kind(), err.key()), (ErrorKind::Syntax, Some("V.18")));
    let inner = r#"{"ward":"X","year":2023,"observations":{"V.18":{"done":true,"done":false}}}"#;
    assert!(
        Observations::from_json(inner, &set).is_err(),
        "a key given twice in one criterion"
    );
}

#[test]
fn years_and_floats_are_checked() {
    let set = CriteriaSet::reference();
    let err = Observations::from_toml("ward = \"X\"\nyear = 1999\n", &set).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the observations are for 1999, but the criteria set is for 2023"
    );
    assert_eq!(err.key(), Some("year"));
    let err = error_of("[observations.\"II.9\"]\npoints = 1.9999999999999999");
    assert!(err.to_string().contains("written as a string"), "{err}");
    assert_eq!(err.key(), Some("points"));
    let err = error_of("[observations.\"I.1a\"]\ncompleted_on = 0001-01-01");
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    let with_bom = format!("\u{feff}{}", "ward = \"X\"\nyear = 2023\n");
    assert!(Observations::from_toml(&with_bom, &set).is_ok());
}
