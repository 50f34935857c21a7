//! Time: periods, monthly series, progress at a date and pending targets, through the public
//! API, with numbers worked by hand in the comments.

use cchc::rule::{
    Deadline, DeadlineOutcome, DeadlineWording, Detail, Frequency, Lever, RateTarget, Records,
    Target, Window,
};
use cchc::time::{MonthlySeries, Period, Progress, SeriesKind};
use cchc::{Counts, ErrorKind, Evidence, Observed, Percent, Rounding, Status};
use chrono::NaiveDate;
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn c(n: u64, den: u64) -> Counts {
    Counts::new(n, den).unwrap()
}

/// VI.24b: dossiers filed online (≥ 30%), January to September 2023, per month.
///
/// | month | received | online |
/// |---|---|---|
/// | Jan 40 | Feb 30 | Mar 50 | Apr 40 | May 50 | Jun 40 | Jul 50 | Aug 50 | Sep 50 | → 400
/// | Jan 8  | Feb 6  | Mar 12 | Apr 10 | May 14 | Jun 12 | Jul 15 | Aug 16 | Sep 17 | → 110
fn vi_24b() -> MonthlySeries {
    let received = [40, 30, 50, 40, 50, 40, 50, 50, 50];
    let online = [8, 6, 12, 10, 14, 12, 15, 16, 17];
    let months = (1..)
        .zip(online.into_iter().zip(received))
        .map(|(m, (n, r))| (m, c(n, r)));
    MonthlySeries::from_months(2023, SeriesKind::PerMonth, months).unwrap()
}

fn thirty_percent() -> RateTarget {
    RateTarget::at_least(Percent::new(dec!(30)).unwrap()).unwrap()
}

#[test]
fn vi_24b_at_the_end_of_september() {
    let progress = Progress::year_to_date(
        &vi_24b(),
        &thirty_percent(),
        d(2023, 9, 30),
        &Rounding::default(),
    )
    .unwrap();
    // Year to date: 110 of 400 = 27.50%.
    assert_eq!(progress.to_date, c(110, 400));
    assert_eq!(progress.percent, Some(dec!(27.50)));
    assert_eq!(progress.met, Some(false));
    assert_eq!(progress.covered_through, Some(d(2023, 9, 30)));
    // 31+28+31+30+31+30+31+31+30 = 273 of 365 days.
    assert_eq!((progress.days_elapsed, progress.days_in_period), (273, 365));

    // Shortfall now: 30% of 400 = 120 → 10 to convert; (110 + k)/(400 + k) ≥ 0.3 ⇔ 0.7k ≥ 10
    // ⇔ k ≥ 14.29 → 15 to add.
    let shortfall = progress.shortfall.unwrap();
    assert_eq!(shortfall.convert, Records::Needed(10));
    assert_eq!(shortfall.add, Records::Needed(15));

    // Projection: 110 × 365/273 = 147.07 → 147; 400 × 365/273 = 534.80 → 535.
    // 147/535 = 27.476% → 27.48%, below 30%.
    let projection = progress.projection.clone().unwrap();
    assert!(projection.estimate);
    assert_eq!(projection.counts, c(147, 535));
    assert_eq!(projection.percent, Some(dec!(27.48)));
    assert_eq!(projection.meets_target, Some(false));

    // Pace, on the exact expected denominator D̂ = 400 × 365/273: T = 0.3 × D̂ = 43800/273 =
    // 160.44 (shown as ⌈T⌉ = 161); made up 110/T = 30030/43800 = 68.56%; elapsed 273/365 =
    // 74.79%; index (G/T)/(E/Y) = 110/120 = 0.9167 → 0.92 (the rate to date ÷ the target);
    // behind.
    let pace = progress.pace.clone().unwrap();
    assert_eq!(pace.expected_denominator, 535);
    assert_eq!(pace.target_records, 161);
    assert_eq!(pace.made_up, 110);
    assert_eq!(pace.made_up_percent, dec!(68.56));
    assert_eq!(pace.elapsed_percent, dec!(74.79));
    assert_eq!(pace.index, dec!(0.92));
    assert!(!pace.on_pace);

    // Per remaining month (October–December, 3 months):
    // convert 10 of the 400 → ⌈10/3⌉ = 4 a month;
    // add to the projected 147/535: (147 + k)/(535 + k) ≥ 0.3 ⇔ 0.7k ≥ 13.5 ⇔ k ≥ 19.29 → 20,
    // ⌈20/3⌉ = 7 a month.
    let need = progress.need.unwrap();
    assert_eq!(need.remaining_months, 3);
    assert_eq!(need.total.convert, Records::Needed(10));
    assert_eq!(need.total.add, Records::Needed(20));
    assert_eq!(need.per_month.convert, Records::Needed(4));
    assert_eq!(need.per_month.add, Records::Needed(7));
    // 4 × 3 = 12 converted: 122/400 = 30.5% meets; 3 × 3 = 9: 119/400 = 29.75% does not.
    let target = thirty_percent();
    let met_with = |k| Lever::Convert.apply(progress.to_date, target.comparison(), k);
    assert_eq!(target.is_met(&met_with(12).unwrap()), Some(true));
    assert_eq!(target.is_met(&met_with(9).unwrap()), Some(false));
    // 7 × 3 = 21 added: 168/556 = 30.2% meets; 6 × 3 = 18: 165/553 = 29.8% does not.
    let added = |k| {
        Lever::Add
            .apply(projection.counts, target.comparison(), k)
            .unwrap()
    };
    assert_eq!(target.is_met(&added(21)), Some(true));
    assert_eq!(target.is_met(&added(18)), Some(false));
}

#[test]
fn vi_24b_mid_month_and_unreported_month() {
    let policy = Rounding::default();
    // 15 September, September reported: its counts stand for 1–15 September.
    // Days: 243 (Jan–Aug) + 15 = 258; remaining months: September to December = 4.
    let mid =
        Progress::year_to_date(&vi_24b(), &thirty_percent(), d(2023, 9, 15), &policy).unwrap();
    assert_eq!(mid.to_date, c(110, 400));
    assert_eq!(mid.days_elapsed, 258);
    assert_eq!(mid.need.unwrap().remaining_months, 4);
    // 15 October, October not reported: data to 30 September, October still to come.
    let october =
        Progress::year_to_date(&vi_24b(), &thirty_percent(), d(2023, 10, 15), &policy).unwrap();
    assert_eq!(october.covered_through, Some(d(2023, 9, 30)));
    assert_eq!(october.days_elapsed, 273);
    assert_eq!(october.need.unwrap().remaining_months, 3);
    // 31 October: October ends today and cannot be reported yet — data to 30 September,
    // November and December to come.
    let today =
        Progress::year_to_date(&vi_24b(), &thirty_percent(), d(2023, 10, 31), &policy).unwrap();
    assert_eq!(today.covered_through, Some(d(2023, 9, 30)));
    assert_eq!(today.need.unwrap().remaining_months, 2);
    // 1 November: October has ended and is not reported.
    let err =
        Progress::year_to_date(&vi_24b(), &thirty_percent(), d(2023, 11, 1), &policy).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Missing);
    assert_eq!(err.key(), Some("month"));
    assert_eq!(err.value().as_deref(), Some("10"));
    assert_eq!(err.to_string(), "month 10 of 2023 is not reported");
}

#[test]
fn quarterly_progress_within_the_year() {
    // Q3 2023 alone at 31 August: July + August = 31 of 100 (31%), 62 of 92 days.
    let q3 = Period::quarter(2023, 3).unwrap();
    let progress = Progress::period_to_date(
        &vi_24b(),
        &q3,
        &thirty_percent(),
        d(2023, 8, 31),
        &Rounding::default(),
    )
    .unwrap();
    assert_eq!(progress.to_date, c(31, 100));
    assert_eq!((progress.days_elapsed, progress.days_in_period), (62, 92));
    // 31 × 92/62 = 46; 100 × 92/62 = 148.39 → 148.
    assert_eq!(progress.projection.unwrap().counts, c(46, 148));
    assert_eq!(progress.need.unwrap().remaining_months, 1);
    // Q4 at 31 October: October, the quarter's first month, ends that day and is not
    // reported yet — nothing of the quarter is covered (not September, which is Q3's).
    let q4 = Period::quarter(2023, 4).unwrap();
    let progress = Progress::period_to_date(
        &vi_24b(),
        &q4,
        &thirty_percent(),
        d(2023, 10, 31),
        &Rounding::default(),
    )
    .unwrap();
    assert_eq!(progress.covered_through, None);
    assert_eq!(progress.to_date, c(0, 0));
    // Days elapsed run to the last day covered: none yet.
    assert_eq!((progress.days_elapsed, progress.days_in_period), (0, 92));
}

#[test]
fn cumulative_series_that_falls_names_the_month() {
    let err = MonthlySeries::from_months(
        2023,
        SeriesKind::Cumulative,
        [(1, c(8, 40)), (2, c(14, 70)), (3, c(26, 66))],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "cumulative denominator falls from 70 in month 2 to 66 in month 3"
    );
    let toml_text = "year = 2023\nkind = \"cumulative\"\nmonths = [\n  { month = 1, numerator = 8, denominator = 40 },\n  { month = 2, numerator = 7, denominator = 70 },\n]\n";
    let err = toml::from_str::<MonthlySeries>(toml_text).unwrap_err();
    assert!(
        err.to_string()
            .contains("cumulative numerator falls from 8 in month 1 to 7 in month 2"),
        "{err}"
    );
}

#[test]
fn cumulative_and_per_month_agree() {
    let per_month = vi_24b();
    let cumulative = per_month.to_cumulative().unwrap();
    // September year to date: 110 of 400; Q2 = June − March = (62 − 26) of (250 − 120).
    assert_eq!(cumulative.month(9), Some(c(110, 400)));
    let q2 = Period::quarter(2023, 2).unwrap();
    assert_eq!(cumulative.total(&q2).unwrap(), c(36, 130));
    assert_eq!(per_month.total(&q2).unwrap(), c(36, 130));
    assert_eq!(cumulative.to_per_month().unwrap(), per_month);
    // The same progress either way.
    let policy = Rounding::default();
    let at = d(2023, 9, 30);
    let a = Progress::year_to_date(&per_month, &thirty_percent(), at, &policy).unwrap();
    let b = Progress::year_to_date(&cumulative, &thirty_percent(), at, &policy).unwrap();
    assert_eq!(a, b);
}

#[test]
fn leap_year_2024() {
    assert_eq!(Period::month(2024, 2).unwrap().days(), 29);
    assert_eq!(Period::month(2023, 2).unwrap().days(), 28);
    let series = MonthlySeries::from_months(
        2024,
        SeriesKind::PerMonth,
        [(1, c(10, 40)), (2, c(20, 50)), (3, c(15, 30))],
    )
    .unwrap();
    // Q1 2024 = 45 of 120; February alone 20 of 50; a custom Jan–Feb range 30 of 90.
    assert_eq!(
        series.total(&Period::quarter(2024, 1).unwrap()).unwrap(),
        c(45, 120)
    );
    assert_eq!(
        series.total(&Period::month(2024, 2).unwrap()).unwrap(),
        c(20, 50)
    );
    let jan_feb = Period::custom(d(2024, 1, 1), d(2024, 2, 29)).unwrap();
    assert_eq!(series.total(&jan_feb).unwrap(), c(30, 90));
    // Ending on 28 February 2024 is not a whole month.
    let short = Period::custom(d(2024, 1, 1), d(2024, 2, 28)).unwrap();
    let err = series.total(&short).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(
        err.to_string(),
        "period 2024-01-01 to 2024-02-28 is not made of whole months, so monthly counts cannot cover it"
    );
    // At 29 February 2024: 31 + 29 = 60 of 366 days; 30 × 366/60 = 183, 90 × 366/60 = 549.
    let progress = Progress::year_to_date(
        &series,
        &thirty_percent(),
        d(2024, 2, 29),
        &Rounding::default(),
    )
    .unwrap();
    assert_eq!((progress.days_elapsed, progress.days_in_period), (60, 366));
    assert_eq!(progress.projection.unwrap().counts, c(183, 549));
    let share = Period::year(2024).unwrap().elapsed_share(d(2024, 2, 29));
    assert_eq!((share.numerator(), share.denominator()), (60, 366));
}

#[test]
fn every_month_reported_then_the_projection_at_31_december_is_the_actual() {
    let received = [40, 30, 50, 40, 50, 40, 50, 50, 50, 60, 45, 55];
    let online = [8, 6, 12, 10, 14, 12, 15, 16, 17, 20, 15, 22];
    let months = (1..)
        .zip(online.into_iter().zip(received))
        .map(|(m, (n, r))| (m, c(n, r)));
    let series = MonthlySeries::from_months(2023, SeriesKind::PerMonth, months).unwrap();
    let progress = Progress::year_to_date(
        &series,
        &thirty_percent(),
        d(2023, 12, 31),
        &Rounding::default(),
    )
    .unwrap();
    // 167 of 560 = 29.82%: just short; 168 = ⌈0.3 × 560⌉ needed.
    assert_eq!(progress.to_date, c(167, 560));
    let projection = progress.projection.unwrap();
    assert!(!projection.estimate);
    assert_eq!(projection.counts, series.year_total().unwrap());
    assert_eq!(projection.percent, Some(dec!(29.82)));
    // No month remains: a positive need can no longer be met in the year.
    let need = progress.need.unwrap();
    assert_eq!(need.remaining_months, 0);
    assert_eq!(need.total.convert, Records::Needed(1));
    assert_eq!(need.per_month.convert, Records::Impossible);
    // On the last day, elapsed = 100%: pace index = made up ÷ target = 167/168 → 0.99.
    assert_eq!(progress.pace.unwrap().index, dec!(0.99));
}

#[test]
fn progress_round_trips_as_json() {
    let progress = Progress::year_to_date(
        &vi_24b(),
        &thirty_percent(),
        d(2023, 9, 30),
        &Rounding::default(),
    )
    .unwrap();
    let json = serde_json::to_string(&progress).unwrap();
    assert!(json.contains(r#""estimate":true"#), "{json}");
    assert!(json.contains(r#""percent":"27.50""#), "{json}");
    assert_eq!(serde_json::from_str::<Progress>(&json).unwrap(), progress);
}

#[test]
fn series_round_trips_through_toml_and_json() {
    let series = vi_24b();
    let text = toml::to_string(&series).unwrap();
    assert_eq!(toml::from_str::<MonthlySeries>(&text).unwrap(), series);
    let json = serde_json::to_string(&series).unwrap();
    assert_eq!(
        serde_json::from_str::<MonthlySeries>(&json).unwrap(),
        series
    );
    let unknown = r#"{"year":2023,"kind":"per_month","months":[],"ward":"x"}"#;
    assert!(serde_json::from_str::<MonthlySeries>(unknown).is_err());
}

#[test]
fn deadline_day_before_on_and_after() {
    // I.2a: monitoring plan "trước 30/01/2023": the last on-time day is 29 January.
    let deadline = Deadline::new(d(2023, 1, 30), DeadlineWording::Before).unwrap();
    let target = Target::Deadline(deadline);
    let not_done = Observed::Reported(Evidence::Completed(None));
    let policy = Rounding::default();
    let at = |as_of| target.attain_at(&not_done, as_of, &policy).unwrap();

    assert_eq!(
        deadline.outcome_at(None, d(2023, 1, 28)).days_left(),
        Some(1)
    );
    assert_eq!(at(d(2023, 1, 28)).status, Status::Pending);
    assert_eq!(
        deadline.outcome_at(None, d(2023, 1, 29)).days_left(),
        Some(0)
    );
    assert_eq!(at(d(2023, 1, 29)).status, Status::Pending);
    // Overdue by 1 day: not done (the outcome has no separate "overdue" state); done that day, it
    // would be 1 day late.
    assert_eq!(
        deadline.outcome_at(None, d(2023, 1, 30)),
        DeadlineOutcome::NotDone
    );
    assert_eq!(deadline.days_late(d(2023, 1, 30)), 1);
    let after = at(d(2023, 1, 30));
    assert_eq!(after.status, Status::NotMet);
    assert_eq!(after.detail, Detail::Deadline(DeadlineOutcome::NotDone));
    // Without a date the old evaluator still says not met: existing callers are unchanged.
    assert_eq!(
        target.attain(&not_done, &policy).unwrap().status,
        Status::NotMet
    );

    // "By 31/12/2023" (I.1b): pending through 31 December itself.
    let by = Target::Deadline(Deadline::new(d(2023, 12, 31), DeadlineWording::By).unwrap());
    let status = |as_of| by.attain_at(&not_done, as_of, &policy).unwrap().status;
    assert_eq!(status(d(2023, 12, 30)), Status::Pending);
    assert_eq!(status(d(2023, 12, 31)), Status::Pending);
    assert_eq!(status(d(2024, 1, 1)), Status::NotMet);
    // Done on time, known by the date.
    let done = Observed::Reported(Evidence::Completed(Some(d(2023, 12, 20))));
    assert_eq!(
        by.attain_at(&done, d(2023, 12, 20), &policy)
            .unwrap()
            .status,
        Status::Met
    );
    assert_eq!(
        by.attain_at(&done, d(2023, 12, 19), &policy)
            .unwrap()
            .status,
        Status::Pending
    );
}

#[test]
fn windows_and_frequencies_at_a_date() {
    let policy = Rounding::default();
    // VII.30: dialogue between 01/04 and 31/12/2023, not yet held on 30 September.
    let window = Target::Window(Window::new(d(2023, 4, 1), d(2023, 12, 31)).unwrap());
    let none = Observed::Reported(Evidence::Held(vec![]));
    assert_eq!(
        window
            .attain_at(&none, d(2023, 9, 30), &policy)
            .unwrap()
            .status,
        Status::Pending
    );
    assert_eq!(
        window
            .attain_at(&none, d(2024, 1, 1), &policy)
            .unwrap()
            .status,
        Status::NotMet
    );
    // VII.29: one leadership meeting each half-year; one in March, none yet in the second
    // half on 30 September: pending, 1 of 2 covered.
    let halves = Target::Frequency(Frequency::new(6, Window::year(2023).unwrap()).unwrap());
    let march = Observed::Reported(Evidence::Held(vec![d(2023, 3, 15)]));
    let at = halves.attain_at(&march, d(2023, 9, 30), &policy).unwrap();
    assert_eq!(at.status, Status::Pending);
    let Detail::Frequency(outcome) = at.detail else {
        panic!("a frequency detail, got {:?}", at.detail)
    };
    // The first half covered; the second half still open, none missed.
    assert_eq!(
        (
            outcome.covered,
            outcome.missed,
            outcome.open,
            outcome.required
        ),
        (1, 0, 1, 2)
    );
    assert_eq!(
        halves
            .attain_at(&march, d(2024, 1, 1), &policy)
            .unwrap()
            .status,
        Status::NotMet
    );
}

#[test]
fn periods_and_as_of_outside() {
    let series = vi_24b();
    let err = Progress::year_to_date(
        &series,
        &thirty_percent(),
        d(2024, 1, 1),
        &Rounding::default(),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.value().as_deref(), Some("2024-01-01"));
    assert_eq!(
        err.to_string(),
        "date 2024-01-01 is outside the period 2023-01-01 to 2023-12-31"
    );
    let err = series.total(&Period::year(2024).unwrap()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "period 2024-01-01 to 2024-12-31 is not within the year 2023"
    );
    let months: Vec<_> = Period::half(2023, 2)
        .unwrap()
        .months()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        months,
        [
            "2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"
        ]
    );
}
