//! The observations file and the builder agree on what they accept: whatever the crate takes
//! in code, it writes and reads back.

use cchc::{CriteriaSet, ErrorKind, Observations};

#[test]
fn a_ward_name_too_long_to_read_back_is_refused_everywhere() {
    let set = CriteriaSet::reference();
    let long = "P".repeat(5000);
    // Built in code: refused, as reading would refuse it (texts hold at most 4,096 bytes).
    let err = Observations::builder(long.clone(), 2023)
        .done("V.18", true)
        .build(&set)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Limit, "{err}");
    assert_eq!(err.key(), Some("ward"));
    // Read from a file: refused too.
    let text = format!("ward = \"{long}\"\nyear = 2023\n");
    assert!(Observations::from_toml(&text, &set).is_err());
    // At the limit, it is written and read back.
    let at_limit = "P".repeat(4096);
    let obs = Observations::builder(at_limit, 2023)
        .done("V.18", true)
        .build(&set)
        .unwrap();
    assert_eq!(
        Observations::from_toml(&obs.to_toml().unwrap(), &set).unwrap(),
        obs
    );
}

#[test]
fn too_many_dates_are_refused_before_any_is_read() {
    // 1,001 dates held (MAX_DATES is 1,000), the last not a date: the count is refused first,
    // before a single date is read.
    let set = cchc::CriteriaSet::reference();
    let mut dates = vec!["2023-06-30"; cchc::limits::MAX_DATES];
    dates.push("30/06/2023");
    let text = format!(
        "ward = \"W\"\nyear = 2023\n[observations.\"VII.29\"]\nheld_on = [{}]\n",
        dates
            .iter()
            .map(|d| if d.contains('/') {
                format!("\"{d}\"")
            } else {
                (*d).to_owned()
            })
            .collect::<Vec<_>>()
            .join(", ")
    );
    let err = cchc::Observations::from_toml(&text, &set).unwrap_err();
    assert_eq!(err.kind(), cchc::ErrorKind::Limit, "{err}");
    assert_eq!((err.item(), err.key()), (Some("VII.29"), Some("held_on")));
}

#[test]
fn an_unknown_category_is_refused_on_reading() {
    // A criterion scored by who chaired (head: full points, deputy: half). "mayor" is none of
    // its options: refused when the file is read, naming the criterion, the key and the value,
    // in TOML and JSON alike; "deputy" is read.
    let set = CriteriaSet::from_toml(include_str!("data/chaired_set.toml")).unwrap();
    let file = |key: &str| {
        format!("ward = \"W\"\nyear = 2023\n[observations.\"A.1\"]\ncategory = \"{key}\"\n")
    };
    let err = Observations::from_toml(&file("mayor"), &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownId, "{err}");
    assert_eq!(
        (err.item(), err.key(), err.value().as_deref()),
        (Some("A.1"), Some("category"), Some("mayor"))
    );
    let json = r#"{"ward": "W", "year": 2023, "observations": {"A.1": {"category": "mayor"}}}"#;
    let err = Observations::from_json(json, &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownId, "{err}");
    assert_eq!((err.item(), err.key()), (Some("A.1"), Some("category")));
    let obs = Observations::from_toml(&file("deputy"), &set).unwrap();
    assert_eq!(
        obs.value("A.1"),
        &cchc::Observed::Reported(cchc::Evidence::Category(cchc::Id::new("deputy").unwrap()))
    );
}
