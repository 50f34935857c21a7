//! Scoring at a date within the year: work whose time is not over is pending, not "not met".

use cchc::{CriteriaSet, Observations, ScoreStatus, Scorecard};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, m, day).unwrap()
}

const OBS: &str = r#"
ward = "W"
year = 2023
[observations."I.2a"]            # "trước 30/01/2023", not done yet
[observations."II.8e"]           # Quý IV dialogue, held in September (outside the window)
held_on = [2023-09-15]
[observations."VII.29"]          # one meeting each half: only the first half so far
held_on = [2023-03-10]
[observations."VII.30"]          # Quý II–IV dialogue, not held
held_on = []
[observations."VII.28"]          # self-assessment report, done
completed_on = 2023-12-20
[observations."II.4"]
numerator = 90
denominator = 300
"#;

fn line(card: &Scorecard, id: &str) -> (Decimal, ScoreStatus, Option<NaiveDate>) {
    let l = card.criterion(id).unwrap();
    (l.points, l.status, l.open_until)
}

#[test]
fn open_work_is_pending_until_its_time_is_over() {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(OBS, &set).unwrap();
    use ScoreStatus::{Met, NotMet, Partial, Pending};

    let jan = Scorecard::score_at(&set, &obs, d(1, 29)).unwrap();
    assert_eq!(jan.as_of, Some(d(1, 29)));
    // 29 January is the last on-time day of "trước 30/01".
    assert_eq!(line(&jan, "I.2a"), (dec!(0.00), Pending, Some(d(1, 29))));

    let sep = Scorecard::score_at(&set, &obs, d(9, 30)).unwrap();
    // Late now, but half points are still possible until 31/12.
    assert_eq!(line(&sep, "I.2a"), (dec!(0.00), Pending, Some(d(12, 31))));
    // Held outside Quý IV: half so far, full still possible in the quarter.
    assert_eq!(line(&sep, "II.8e"), (dec!(0.50), Pending, Some(d(12, 31))));
    // First half covered (1.50 of 3), second half still open.
    assert_eq!(line(&sep, "VII.29"), (dec!(1.50), Pending, Some(d(12, 31))));
    assert_eq!(line(&sep, "VII.30"), (dec!(0.00), Pending, Some(d(12, 31))));
    // Done work and rates are scored as they stand.
    assert_eq!(line(&sep, "VII.28"), (dec!(2.00), Met, None));
    assert_eq!(line(&sep, "II.4"), (dec!(4.29), Partial, None));
    assert_eq!(
        sep.criterion("VII.29").unwrap().explanation_vi,
        "1/2 kỳ (6 tháng/kỳ) có tổ chức; điểm = 3 × 1/2 = 1,50; còn hạn đến 31/12/2023"
    );

    // At the year's end nothing is open any more: the year-end statuses.
    let end = Scorecard::score_at(&set, &obs, d(12, 31)).unwrap();
    let year = Scorecard::score(&set, &obs).unwrap();
    for id in ["I.2a", "II.8e", "VII.29", "VII.30"] {
        let after = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let next = Scorecard::score_at(&set, &obs, after).unwrap();
        assert_eq!(line(&next, id), line(&year, id), "{id}");
    }
    assert_eq!(line(&year, "I.2a"), (dec!(0.00), NotMet, None));
    assert_eq!(line(&end, "II.8e"), (dec!(0.50), Pending, Some(d(12, 31))));
    assert_eq!(end.summary, year.summary);
}
