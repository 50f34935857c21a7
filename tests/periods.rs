//! Observations of periods: a month, a quarter or a year named in the file, the period kept on
//! the way out and in the summary, and months added up into quarters and the year as ratios of
//! summed counts — never as averages of monthly rates.

use cchc::criteria::presets::qd766;
use cchc::observations::Period;
use cchc::time::aggregate;
use cchc::{Counts, CriteriaSet, ErrorKind, Evidence, Observations, Observed, Scorecard, Summary};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const MONTH_TOML: &str = r#"
ward = "Xã Tân Lập"
period = "2023-07"

[observations."3.3"]
numerator = 45
denominator = 120
"#;

const QUARTER_JSON: &str = r#"{
  "ward": "Xã Tân Lập",
  "period": "2023-Q3",
  "observations": { "3.3": { "numerator": 45, "denominator": 120 } }
}"#;

fn counts(numerator: u64, denominator: u64) -> Observed<Evidence> {
    Observed::Reported(Evidence::Counts(
        Counts::new(numerator, denominator).unwrap(),
    ))
}

#[test]
fn a_file_names_a_month_a_quarter_or_a_year() -> Result<(), cchc::Error> {
    let set = qd766();
    // TOML, a month.
    let july = Observations::from_toml(MONTH_TOML, &set)?;
    assert_eq!(july.year(), 2023);
    assert_eq!(july.period()?, Period::month(2023, 7)?);
    assert_eq!(july.part_of_year(), Some(Period::month(2023, 7)?));
    assert_eq!(*july.value("3.3"), counts(45, 120));
    // JSON, a quarter.
    let q3 = Observations::from_json(QUARTER_JSON, &set)?;
    assert_eq!(q3.year(), 2023);
    assert_eq!(q3.period()?, Period::quarter(2023, 3)?);
    assert_eq!(q3.part_of_year(), Some(Period::quarter(2023, 3)?));
    // A quarter in TOML, a month in JSON.
    let q3_toml = Observations::from_toml(&MONTH_TOML.replace("2023-07", "2023-Q3"), &set)?;
    assert_eq!(q3_toml, q3);
    let july_json = Observations::from_json(&QUARTER_JSON.replace("2023-Q3", "2023-07"), &set)?;
    assert_eq!(july_json, july);
    // The whole year, as a period: the same as `year = 2023`.
    let year = Observations::from_toml(&MONTH_TOML.replace("\"2023-07\"", "\"2023\""), &set)?;
    let by_year = Observations::from_toml(
        &MONTH_TOML.replace("period = \"2023-07\"", "year = 2023"),
        &set,
    )?;
    assert_eq!(year.period()?, Period::year(2023)?);
    assert_eq!(year.part_of_year(), None);
    assert_eq!(year, by_year);
    let year_json =
        Observations::from_json(&QUARTER_JSON.replace("\"2023-Q3\"", "\"2023\""), &set)?;
    assert_eq!(year_json, by_year);
    // Every calendar form of one year: a half too.
    let h2 = Observations::from_toml(&MONTH_TOML.replace("2023-07", "2023-H2"), &set)?;
    assert_eq!(h2.period()?, Period::half(2023, 2)?);
    Ok(())
}

#[test]
fn year_keeps_working_on_any_set() -> Result<(), cchc::Error> {
    // The reference set names its year (2023): a period of that year is taken, another
    // year's is refused as `year = 2024` is.
    let set = CriteriaSet::reference();
    let file = "ward = \"Phường Sông Cầu\"\nyear = 2023\n[observations.\"II.4\"]\nnumerator = 90\ndenominator = 300\n";
    let whole = Observations::from_toml(file, &set)?;
    assert_eq!(whole.year(), 2023);
    assert_eq!(whole.part_of_year(), None);
    let q3 = Observations::from_toml(&file.replace("year = 2023", "period = \"2023-Q3\""), &set)?;
    assert_eq!(q3.part_of_year(), Some(Period::quarter(2023, 3)?));
    // 5 × 30/35 = 4.2857… → 4.29, whatever the period.
    assert_eq!(
        Scorecard::score(&set, &q3)?.summary.total_points,
        dec!(4.29)
    );
    for other in ["year = 2024", "period = \"2024-01\""] {
        let err = Observations::from_toml(&file.replace("year = 2023", other), &set).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{other}");
        assert_eq!(err.key(), Some("year"), "{other}");
    }
    Ok(())
}

#[test]
fn a_file_giving_both_year_and_period_is_refused() {
    let set = qd766();
    let both = MONTH_TOML.replace("period = \"2023-07\"", "year = 2023\nperiod = \"2023-07\"");
    let err = Observations::from_toml(&both, &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.key(), Some("period"));
    let both_json = QUARTER_JSON.replace("\"period\"", "\"year\": 2023, \"period\"");
    let err = Observations::from_json(&both_json, &set).unwrap_err();
    assert_eq!(err.key(), Some("period"));
    // Neither is refused too: the file must say what it covers.
    let neither = MONTH_TOML.replace("period = \"2023-07\"\n", "");
    let err = Observations::from_toml(&neither, &set).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingKey);
    assert_eq!(err.key(), Some("year"));
}

#[test]
fn giving_both_year_and_period_is_explained_as_such() {
    let both = MONTH_TOML.replace("period = \"2023-07\"", "year = 2023\nperiod = \"2023-07\"");
    let err = Observations::from_toml(&both, &qd766()).unwrap_err();
    let message = err.to_string();
    assert!(!message.contains("not_applicable"), "{message}");
    assert!(
        message.contains("year") && message.contains("period"),
        "{message}"
    );
}

#[test]
fn periods_that_are_not_periods_are_refused_with_the_key() {
    let set = qd766();
    for bad in [
        "2023-13",
        "2023-Q5",
        "2023-H3",
        "23-07",
        "2023-7",
        "July 2023",
        "2022-12-01..2023-01-31",
    ] {
        let file = MONTH_TOML.replace("2023-07", bad);
        let err = Observations::from_toml(&file, &set).unwrap_err();
        assert_eq!(err.key(), Some("period"), "{bad}: {err}");
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{bad}");
    }
    // A period is written as a string.
    let err =
        Observations::from_toml(&MONTH_TOML.replace("\"2023-07\"", "2023"), &set).unwrap_err();
    assert_eq!(err.key(), Some("period"));
}

#[test]
fn the_period_is_written_back_as_it_was_read() -> Result<(), cchc::Error> {
    let set = qd766();
    for code in ["2023-07", "2023-Q3", "2023-H1"] {
        let obs = Observations::from_toml(&MONTH_TOML.replace("2023-07", code), &set)?;
        let toml = obs.to_toml()?;
        assert!(toml.contains(&format!("period = \"{code}\"")), "{toml}");
        assert!(!toml.contains("year"), "{toml}");
        assert_eq!(Observations::from_toml(&toml, &set)?, obs);
        let json = obs.to_json()?;
        assert!(json.contains(&format!("\"period\": \"{code}\"")), "{json}");
        assert!(!json.contains("\"year\""), "{json}");
        assert_eq!(Observations::from_json(&json, &set)?, obs);
    }
    // `period = "2023"` is the whole year, the same observations as `year = 2023`: it is
    // written back in the one form the two share, `year = 2023`, and reads back unchanged.
    let year = Observations::from_toml(&MONTH_TOML.replace("\"2023-07\"", "\"2023\""), &set)?;
    let toml = year.to_toml()?;
    assert!(toml.contains("year = 2023"), "{toml}");
    assert_eq!(Observations::from_toml(&toml, &set)?, year);
    // From the builder, too.
    let built = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::quarter(2023, 3)?)
        .counts("3.3", 45, 120)
        .build(&set)?;
    assert!(built.to_toml()?.contains("period = \"2023-Q3\""));
    assert_eq!(built, Observations::from_json(QUARTER_JSON, &set)?);
    Ok(())
}

#[test]
fn the_builder_refuses_a_period_of_another_year() {
    let err = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::month(2024, 1).unwrap())
        .build(&qd766())
        .unwrap_err();
    assert_eq!(err.key(), Some("period"));
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
}

#[test]
fn the_summary_says_the_period() -> Result<(), cchc::Error> {
    let set = qd766();
    let july = Observations::from_toml(MONTH_TOML, &set)?;
    let summary = Summary::score(&set, &july)?;
    assert_eq!(summary.period, Some(Period::month(2023, 7)?));
    assert_eq!(summary.year, 2023);
    assert_eq!(Scorecard::score(&set, &july)?.summary, summary);
    let q3 = Observations::from_json(QUARTER_JSON, &set)?;
    assert_eq!(
        Summary::score(&set, &q3)?.period,
        Some(Period::quarter(2023, 3)?)
    );
    // The whole year is no part of a year.
    let year = Observations::from_toml(
        &MONTH_TOML.replace("period = \"2023-07\"", "year = 2023"),
        &set,
    )?;
    assert_eq!(Summary::score(&set, &year)?.period, None);
    Ok(())
}

/// A month of a commune's observations built in code.
fn month(m: u32) -> cchc::observations::ObservationsBuilder {
    Observations::builder("Xã Tân Lập", 2023).period(Period::month(2023, m).unwrap())
}

#[test]
fn a_quarter_is_the_ratio_of_summed_counts_not_the_mean_of_monthly_rates() -> Result<(), cchc::Error>
{
    let set = qd766();
    // 3.6 (records paid online, max 6, target 100%):
    //   July 1/4 = 25%, August 9/12 = 75%, September 40/44 = 90.909…%.
    // Ratio of sums: (1 + 9 + 40)/(4 + 12 + 44) = 50/60 = 83.33%: 6 × 50/60 = 5.00.
    // Mean of the rates: (25 + 75 + 90.909…)/3 = 63.64%: 6 × 0.6364 = 3.82 — not the index.
    let parts = [
        month(7).counts("3.6", 1, 4).build(&set)?,
        month(8).counts("3.6", 9, 12).build(&set)?,
        month(9).counts("3.6", 40, 44).build(&set)?,
    ];
    // Each month on its own: 6 × 1/4 = 1.50; 6 × 9/12 = 4.50; 6 × 40/44 = 5.4545… → 5.45.
    let monthly: Vec<Decimal> = parts
        .iter()
        .map(|p| Scorecard::score(&set, p).map(|c| c.criterion("3.6").unwrap().points))
        .collect::<Result<_, _>>()?;
    assert_eq!(monthly, [dec!(1.50), dec!(4.50), dec!(5.45)]);
    let q3 = aggregate(&set, Period::quarter(2023, 3)?, &parts)?;
    assert_eq!(*q3.value("3.6"), counts(50, 60));
    assert_eq!(q3.period()?, Period::quarter(2023, 3)?);
    assert_eq!(q3.ward(), "Xã Tân Lập");
    let card = Scorecard::score(&set, &q3)?;
    let line = card.criterion("3.6").unwrap();
    assert_eq!(line.rate_percent, Some(dec!(83.33)));
    assert_eq!(line.points, dec!(5.00));
    assert_ne!(line.points, dec!(3.82));
    assert_eq!(card.summary.period, Some(Period::quarter(2023, 3)?));
    // Không phát sinh adds 0 of 0; a month with nothing reported adds nothing.
    let parts = [
        month(7)
            .counts("3.6", 1, 4)
            .counts("3.3", 0, 0)
            .build(&set)?,
        month(8).not_applicable("3.6").build(&set)?,
        month(9).build(&set)?,
    ];
    let q3 = aggregate(&set, Period::quarter(2023, 3)?, &parts)?;
    assert_eq!(*q3.value("3.6"), counts(1, 4));
    assert_eq!(*q3.value("3.3"), counts(0, 0));
    assert_eq!(*q3.value("2.1"), Observed::Missing);
    Ok(())
}

/// A commune's month of QĐ 766 counts, as the file it keeps. Every month the same full counts
/// for most components; 2.1, 3.3, 5.2 and 5.3 vary:
///
/// - 2.1 (max 20, 100%): January 50/50, February 30/40, March 100/110, April–December 100/100;
/// - 3.3 (max 6, 50%): 3m of 40 in month m (7.5% in January … 90% in December);
/// - 5.2 and 5.3 (max 6 each): February 1/2 and 2/2 (two petitions, one late); no petition
///   (0/0, full points) in the other months;
/// - 1.4: 100 records received a month, all synced.
fn month_file(m: u32) -> String {
    let (g21, n21) = match m {
        1 => (50, 50),
        2 => (30, 40),
        3 => (100, 110),
        _ => (100, 100),
    };
    let (g52, g53, n5) = if m == 2 { (1, 2, 2) } else { (0, 0, 0) };
    let mut file = format!("ward = \"Xã Tân Lập\"\nperiod = \"2023-{m:02}\"\n");
    for (id, g, n) in [
        ("1.1", 10, 10),
        ("1.2", 10, 10),
        ("1.3", 50, 50),
        ("1.4", 100, 100),
        ("2.1", g21, n21),
        ("3.1", 9, 10), // 90% ≥ 80%
        ("3.2", 20, 20),
        ("3.3", 3 * u64::from(m), 40),
        ("3.5", 8, 10), // 80% ≥ 80%
        ("3.5b", 5, 5),
        ("3.6", 30, 30),
        ("4.1", 40, 40),
        ("4.2", 50, 50),
        ("4.2b", 1, 1),
        ("4.3", 45, 50), // 90% ≥ 80%
        ("4.4", 50, 50),
        ("5.2", g52, n5),
        ("5.3", g53, n5),
        ("5.4", 95, 100), // 95% ≥ 90%
    ] {
        file.push_str(&format!(
            "\n[observations.\"{id}\"]\nnumerator = {g}\ndenominator = {n}\n"
        ));
    }
    file
}

#[test]
fn a_year_of_monthly_qd766_files_gives_the_quarters_and_the_year() -> Result<(), cchc::Error> {
    let set = qd766();
    let months: Vec<Observations> = (1..=12)
        .map(|m| Observations::from_toml(&month_file(m), &set))
        .collect::<Result<_, _>>()?;
    // The months themselves (January to March), for comparison:
    //   January: 3.3 3/40 = 7.5% → 6 × 7.5/50 = 0.90; the rest full:
    //            18 + 20 + (2 + 4 + 0.90) + 10 + 22 + 18 = 94.90.
    //   February: 2.1 30/40 → 15.00; 3.3 6/40 = 15% → 1.80; 5.2 1/2 → 3.00:
    //            18 + 15 + 7.80 + 10 + 22 + (3 + 6 + 6) = 87.80.
    //   March: 2.1 100/110 → 20 × 10/11 = 18.1818… → 18.18; 3.3 9/40 = 22.5% → 2.70:
    //            18 + 18.18 + 8.70 + 10 + 22 + 18 = 94.88.
    let totals: Vec<Decimal> = months[..3]
        .iter()
        .map(|m| Summary::score(&set, m).map(|s| s.total_points))
        .collect::<Result<_, _>>()?;
    assert_eq!(totals, [dec!(94.90), dec!(87.80), dec!(94.88)]);
    // 3.2 and 3.5b count services and procedures with at least one record over the period:
    // months cannot make them, so the commune gives the period's own figures (all 20 services
    // used, all 5 fee-bearing procedures paid online at least once).
    let for_period = |mut obs: Observations| {
        obs.set(cchc::Id::new("3.2").unwrap(), counts(20, 20));
        obs.set(cchc::Id::new("3.5b").unwrap(), counts(5, 5));
        obs
    };
    let quarters: Vec<Observations> = (1..=4u32)
        .map(|q| {
            let from = 3 * (q as usize - 1);
            aggregate(&set, Period::quarter(2023, q)?, &months[from..from + 3]).map(for_period)
        })
        .collect::<Result<_, _>>()?;
    assert_eq!(
        *aggregate(&set, Period::quarter(2023, 1)?, &months[..3])?.value("3.2"),
        cchc::Observed::Missing
    );
    // Q1: 2.1 (50 + 30 + 100)/(50 + 40 + 110) = 180/200 = 90% → 18.00;
    //     3.3 (3 + 6 + 9)/120 = 18/120 = 15% → 6 × 15/50 = 1.80;
    //     5.2 1/2 → 3.00; 5.3 2/2 → 6.00; 1.4 300/300 → 6.00.
    //     18 + 18.00 + (2 + 4 + 1.80) + 10 + 22 + (3.00 + 6 + 6) = 90.80
    //     — not the mean of its months, (94.90 + 87.80 + 94.88)/3 = 92.53.
    assert_eq!(*quarters[0].value("2.1"), counts(180, 200));
    assert_eq!(*quarters[0].value("3.3"), counts(18, 120));
    assert_eq!(*quarters[0].value("1.4"), counts(300, 300));
    let q1 = Scorecard::score(&set, &quarters[0])?;
    assert_eq!(q1.criterion("2.1").unwrap().points, dec!(18.00));
    assert_eq!(q1.criterion("3.3").unwrap().points, dec!(1.80));
    assert_eq!(q1.criterion("5.2").unwrap().points, dec!(3.00));
    assert_eq!(q1.field("6").unwrap().points, dec!(15.00));
    assert_eq!(q1.summary.total_points, dec!(90.80));
    assert_eq!(q1.summary.index, Some(dec!(90.80)));
    assert_eq!(q1.summary.period, Some(Period::quarter(2023, 1)?));
    // Q2: 2.1 300/300 → 20; 3.3 (12 + 15 + 18)/120 = 37.5% → 4.50; no petition: 5.2, 5.3
    //     0/0 → full. 18 + 20 + (2 + 4 + 4.50) + 10 + 22 + 18 = 98.50.
    // Q3: 3.3 (21 + 24 + 27)/120 = 60% → 6: 100. Q4: 3.3 (30 + 33 + 36)/120 = 82.5% → 6: 100.
    let quarter_totals: Vec<Decimal> = quarters
        .iter()
        .map(|q| Summary::score(&set, q).map(|s| s.total_points))
        .collect::<Result<_, _>>()?;
    assert_eq!(
        quarter_totals,
        [dec!(90.80), dec!(98.50), dec!(100), dec!(100)]
    );
    assert_eq!(*quarters[1].value("5.2"), counts(0, 0));
    // The year: 2.1 (180 + 9 × 100)/(200 + 9 × 100) = 1080/1100 → 20 × 1080/1100 = 19.6363…
    //           → 19.64;
    //           3.3 3 × (1 + … + 12) = 234 of 12 × 40 = 480, 48.75% → 6 × 48.75/50 = 5.85;
    //           5.2 1/2 → 3.00; 5.3 2/2 → 6.
    //           18 + 19.64 + (2 + 4 + 5.85) + 10 + 22 + (3 + 6 + 6) = 96.49
    //           — not the mean of the quarters, (90.80 + 98.50 + 100 + 100)/4 = 97.325.
    let year = for_period(aggregate(&set, Period::year(2023)?, &months)?);
    assert_eq!(*year.value("2.1"), counts(1080, 1100));
    assert_eq!(*year.value("3.3"), counts(234, 480));
    assert_eq!(*year.value("1.4"), counts(1200, 1200));
    let card = Scorecard::score(&set, &year)?;
    assert_eq!(card.criterion("2.1").unwrap().points, dec!(19.64));
    assert_eq!(card.criterion("3.3").unwrap().points, dec!(5.85));
    let groups: Vec<Decimal> = card.fields.iter().map(|g| g.points).collect();
    assert_eq!(
        groups,
        [
            dec!(18),
            dec!(19.64),
            dec!(11.85),
            dec!(10),
            dec!(22),
            dec!(15)
        ]
    );
    assert_eq!(card.summary.total_points, dec!(96.49));
    assert_eq!(card.summary.index, Some(dec!(96.49)));
    assert_eq!(card.summary.year, 2023);
    assert_eq!(card.summary.period, None); // the whole year
    // The four quarters add up to the same year (the period's own figures given again).
    assert_eq!(
        for_period(aggregate(&set, Period::year(2023)?, &quarters)?),
        year
    );
    Ok(())
}

#[test]
fn parts_that_overlap_are_refused() -> Result<(), cchc::Error> {
    let set = qd766();
    let july = month(7).counts("3.6", 1, 4).build(&set)?;
    let q3 = Observations::from_json(QUARTER_JSON, &set)?;
    let err = aggregate(&set, Period::year(2023)?, &[july.clone(), q3]).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.item(), Some("2023-Q3"));
    assert!(err.to_string().contains("overlaps 2023-07"), "{err}");
    // The same month twice.
    let err = aggregate(&set, Period::quarter(2023, 3)?, &[july.clone(), july]).unwrap_err();
    assert_eq!(err.item(), Some("2023-07"));
    Ok(())
}

#[test]
fn a_part_outside_the_period_is_refused() -> Result<(), cchc::Error> {
    let set = qd766();
    let parts = [
        month(1).counts("3.6", 1, 4).build(&set)?,
        month(4).counts("3.6", 1, 4).build(&set)?,
    ];
    let err = aggregate(&set, Period::quarter(2023, 1)?, &parts).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.item(), Some("2023-04"));
    assert_eq!(err.key(), Some("period"));
    // A quarter is not within a month.
    let q3 = Observations::from_json(QUARTER_JSON, &set)?;
    let err = aggregate(&set, Period::month(2023, 7)?, &[q3]).unwrap_err();
    assert_eq!(err.item(), Some("2023-Q3"));
    // Nothing to add up.
    assert!(aggregate(&set, Period::quarter(2023, 1)?, &[]).is_err());
    Ok(())
}

#[test]
fn parts_of_different_wards_are_refused() -> Result<(), cchc::Error> {
    let set = qd766();
    let ours = month(1).counts("3.6", 1, 4).build(&set)?;
    let theirs = Observations::builder("Xã Tân Hòa", 2023)
        .period(Period::month(2023, 2)?)
        .counts("3.6", 1, 4)
        .build(&set)?;
    let err = aggregate(&set, Period::quarter(2023, 1)?, &[ours, theirs]).unwrap_err();
    assert_eq!(
        (err.kind(), err.key()),
        (ErrorKind::InvalidValue, Some("ward"))
    );
    assert_eq!(err.item(), Some("2023-02"));
    assert!(err.to_string().contains("Xã Tân Hòa"), "{err}");
    Ok(())
}

#[test]
fn appraisals_on_a_part_are_refused() -> Result<(), cchc::Error> {
    // Appraised points are given for the whole period, on the sum, not on a month.
    let set = qd766();
    let appraised = month(2)
        .counts("3.6", 1, 4)
        .appraise("3.6", dec!(1), "Số liệu chưa khớp với Cổng DVCQG")
        .build(&set)?;
    let parts = [month(1).counts("3.6", 1, 4).build(&set)?, appraised];
    let err = aggregate(&set, Period::quarter(2023, 1)?, &parts).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Mismatch);
    assert_eq!(err.item(), Some("2023-02"));
    assert!(err.to_string().contains("appraisals"), "{err}");
    // On the observations added up, an appraisal is taken (January alone makes January).
    let mut q1 = aggregate(&set, Period::month(2023, 1)?, &parts[..1])?;
    q1.appraise(cchc::Id::new("3.6")?, dec!(1), "Số liệu chưa khớp");
    let card = Scorecard::score(&set, &q1)?;
    // 3.6: 1/4 → 6 × 1/4 = 1.50 self-assessed, 1 appraised.
    assert_eq!(card.criterion("3.6").unwrap().points, dec!(1.50));
    assert_eq!(card.criterion("3.6").unwrap().appraised_points, dec!(1));
    Ok(())
}

#[test]
fn parts_must_cover_the_period_they_add_up_to() -> Result<(), cchc::Error> {
    // January and March are not the first quarter: February is not covered.
    let set = qd766();
    let jan = month(1).counts("3.6", 1, 4).build(&set)?;
    let march = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::month(2023, 3)?)
        .counts("3.6", 2, 4)
        .build(&set)?;
    let err = aggregate(
        &set,
        Period::quarter(2023, 1)?,
        &[jan.clone(), march.clone()],
    )
    .unwrap_err();
    assert_eq!((err.item(), err.key()), (Some("2023-Q1"), Some("period")));
    assert!(
        err.to_string()
            .contains("no part covers 2023-02-01 to 2023-02-28"),
        "{err}"
    );
    // January and February make the first two months, not the quarter.
    let feb = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::month(2023, 2)?)
        .counts("3.6", 0, 4)
        .build(&set)?;
    let err = aggregate(&set, Period::quarter(2023, 1)?, &[jan.clone(), feb.clone()]).unwrap_err();
    assert!(
        err.to_string().contains("2023-03-01 to 2023-03-31"),
        "{err}"
    );
    let two = aggregate(&set, Period::months_of(2023, 1, 2)?, &[feb, jan])?;
    // 3.6: 1/4 + 0/4 = 1/8 → 6 × 1/8 = 0.75.
    assert_eq!(
        Scorecard::score(&set, &two)?
            .criterion("3.6")
            .unwrap()
            .points,
        dec!(0.75)
    );
    Ok(())
}

#[test]
fn stocks_take_the_latest_month_and_distinct_counts_are_given_for_the_period()
-> Result<(), cchc::Error> {
    // 3.1 counts procedures offered online (a stock): the quarter's figure is March's, 100 of
    // 120, not 290 of 360. 3.2 counts services with at least one online record in the period:
    // months cannot make it, so the quarter leaves it missing. 3.3 is a flow: summed.
    let set = qd766();
    let m = |n: u32, offered: u64, used: u64, online: u64| {
        Observations::builder("Xã Tân Lập", 2023)
            .period(Period::month(2023, n).unwrap())
            .counts("3.1", offered, 120)
            .counts("3.2", used, offered)
            .counts("3.3", online, 100)
            .build(&set)
    };
    let q1 = aggregate(
        &set,
        Period::quarter(2023, 1)?,
        &[m(3, 100, 50, 40)?, m(1, 90, 40, 20)?, m(2, 100, 45, 30)?],
    )?;
    assert_eq!(
        q1.value("3.1"),
        &cchc::Observed::Reported(cchc::Evidence::Counts(cchc::Counts::new(100, 120)?))
    );
    assert_eq!(q1.value("3.2"), &cchc::Observed::Missing);
    assert_eq!(
        q1.value("3.3"),
        &cchc::Observed::Reported(cchc::Evidence::Counts(cchc::Counts::new(90, 300)?))
    );
    let set_says = |id: &str| set.criterion(id).unwrap().aggregation();
    assert_eq!(set_says("3.1"), cchc::criteria::Aggregation::Latest);
    assert_eq!(set_says("3.2"), cchc::criteria::Aggregation::Period);
    assert_eq!(set_says("3.3"), cchc::criteria::Aggregation::Sum);
    // March not reporting 3.1: the latest part that reports it, February (95 of 120), gives
    // the quarter's figure; a month with nothing does not blank it.
    let month =
        |n: u32| Observations::builder("Xã Tân Lập", 2023).period(Period::month(2023, n).unwrap());
    let q1 = aggregate(
        &set,
        Period::quarter(2023, 1)?,
        &[
            month(1).counts("3.1", 90, 120).build(&set)?,
            month(2).counts("3.1", 95, 120).build(&set)?,
            month(3).counts("3.3", 40, 100).build(&set)?,
        ],
    )?;
    assert_eq!(
        q1.value("3.1"),
        &cchc::Observed::Reported(cchc::Evidence::Counts(cchc::Counts::new(95, 120)?))
    );
    Ok(())
}

#[test]
fn a_file_of_a_quarter_states_no_fact_after_it() {
    // The reference sample relabelled as the first quarter: I.1b was completed on 30/11/2023,
    // which the first quarter cannot know; a plan issued the December before is kept.
    let set = cchc::CriteriaSet::reference();
    let file = "ward = \"Phường A\"\nperiod = \"2023-Q1\"\n\n[observations.\"I.1a\"]\ncompleted_on = 2022-12-20\n\n[observations.\"I.1b\"]\ncompleted_on = 2023-11-30\n";
    let err = Observations::from_toml(file, &set).unwrap_err();
    assert_eq!(
        err.to_string(),
        "I.1b: date 2023-11-30 is after the period observed, which ends on 2023-03-31"
    );
    assert_eq!(
        (err.item(), err.key()),
        (Some("I.1b"), Some("completed_on"))
    );
    // The same through the builder, and for meetings.
    let err = Observations::builder("Phường A", 2023)
        .period(Period::quarter(2023, 1).unwrap())
        .held(
            "VII.29",
            [chrono::NaiveDate::from_ymd_opt(2023, 6, 30).unwrap()],
        )
        .build(&set)
        .unwrap_err();
    assert_eq!((err.item(), err.key()), (Some("VII.29"), Some("held_on")));
    let before = file.replace("completed_on = 2023-11-30", "completed_on = 2023-03-31");
    assert!(Observations::from_toml(&before, &set).is_ok());
}

#[test]
fn done_in_any_part_is_done_for_the_period() -> Result<(), cchc::Error> {
    // V.18 of the reference set is scored done / not done. Done in August only: done for the
    // quarter. Done in no month: not done.
    let set = CriteriaSet::reference();
    let quarter = |done: [bool; 3]| -> Result<Observed<Evidence>, cchc::Error> {
        let parts = [
            month(7).done("V.18", done[0]).build(&set)?,
            month(8).done("V.18", done[1]).build(&set)?,
            month(9).done("V.18", done[2]).build(&set)?,
        ];
        Ok(aggregate(&set, Period::quarter(2023, 3)?, &parts)?
            .value("V.18")
            .clone())
    };
    let done = |d| Observed::Reported(Evidence::Done(d));
    assert_eq!(quarter([false, true, false])?, done(true));
    assert_eq!(quarter([true, true, true])?, done(true));
    assert_eq!(quarter([false, false, false])?, done(false));
    // II.9, an assessor's points, are given for the whole period: the same 1.5 in every month
    // is the quarter's 1.5 (not 4.5); 1.5 and 2 differ and are refused.
    let months = |points: [Decimal; 3]| -> Result<Vec<Observations>, cchc::Error> {
        (7..=9)
            .zip(points)
            .map(|(m, p)| month(m).points("II.9", p).build(&set))
            .collect()
    };
    let q3 = aggregate(&set, Period::quarter(2023, 3)?, &months([dec!(1.5); 3])?)?;
    assert_eq!(
        *q3.value("II.9"),
        Observed::Reported(Evidence::Points(dec!(1.5)))
    );
    let differ = months([dec!(1.5), dec!(2), dec!(1.5)])?;
    assert!(aggregate(&set, Period::quarter(2023, 3)?, &differ).is_err());
    Ok(())
}
