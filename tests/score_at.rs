//! Scoring at a date within the year: work whose time is not over is pending, not "not met".

use cchc::{CriteriaSet, Observations, Scorecard, Status};
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

fn line(card: &Scorecard, id: &str) -> (Decimal, Status, Option<NaiveDate>) {
    let l = card.criterion(id).unwrap();
    (l.points, l.status, l.open_until)
}

#[test]
fn open_work_is_pending_until_its_time_is_over() {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(OBS, &set).unwrap();
    use Status::{Met, NotMet, Partial, Pending};

    let jan = Scorecard::score_at(&set, &obs, d(1, 29)).unwrap();
    assert_eq!(jan.as_of, Some(d(1, 29)));
    // 29 January is the last on-time day of "trước 30/01".
    assert_eq!(line(&jan, "I.2a"), (dec!(0.00), Pending, Some(d(1, 29))));

    let sep = Scorecard::score_at(&set, &obs, d(9, 30)).unwrap();
    // Late now, but half points are still possible until 31/12.
    // CHANGELOG, deliberate fix (at a date): a criterion is pending only while full points
    // are still possible. The last on-time day (29/01) is past, so full points are lost: not
    // done, 0 points → not met (was: pending), still open until the end of the late period,
    // 31/12, for 0.5 × 2 = 1 point.
    assert_eq!(line(&sep, "I.2a"), (dec!(0.00), NotMet, Some(d(12, 31))));
    // Held outside Quý IV: half so far, full still possible in the quarter. (Unchanged by the
    // at-a-date fix: full points are still possible, so it stays pending.)
    assert_eq!(line(&sep, "II.8e"), (dec!(0.50), Pending, Some(d(12, 31))));
    // First half covered (1.50 of 3), second half still open. (Unchanged: no half missed, one
    // still open, so full points are still possible.)
    assert_eq!(line(&sep, "VII.29"), (dec!(1.50), Pending, Some(d(12, 31))));
    // Quý II–IV not held yet, the window open until 31/12: full still possible (unchanged).
    assert_eq!(line(&sep, "VII.30"), (dec!(0.00), Pending, Some(d(12, 31))));
    // Done work and rates are scored as they stand.
    // CHANGELOG, deliberate fix (at a date): a fact dated after the date is not yet known.
    // VII.28 was completed on 20/12, so on 30/09 it is not done yet (was: 2.00, met); its
    // deadline is "by 31/12", inclusive, so the last on-time day 31/12 is still to come: full
    // points are still possible → pending, 0 points, open until 31/12.
    assert_eq!(line(&sep, "VII.28"), (dec!(0.00), Pending, Some(d(12, 31))));
    assert_eq!(line(&sep, "II.4"), (dec!(4.29), Partial, None));
    // From 20/12, the day it was done (on time, ≤ 31/12), it is met: 2 of 2, nothing open.
    let dec20 = Scorecard::score_at(&set, &obs, d(12, 20)).unwrap();
    assert_eq!(line(&dec20, "VII.28"), (dec!(2.00), Met, None));
    assert_eq!(
        sep.criterion("VII.29").unwrap().explanation.vi(),
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

/// A small set in code: one parent with two deadline sub-criteria, and a window criterion,
/// whose late and outer shares are 0.
fn parent_set() -> CriteriaSet {
    let toml = r#"
name = "Hai hạn"
[[fields]]
id = "I"
label_vi = "Thể chế"
label_en = "Institutions"
[[fields.criteria]]
id = "1"
label_vi = "Hai báo cáo"
label_en = "Two reports"
max_points = "4"
[[fields.criteria.children]]
id = "1a"
label_vi = "Báo cáo quý I"
label_en = "Q1 report"
max_points = "2"
rule = { kind = "deadline", date = 2023-03-31, wording = "by", late_share = "0", late_until = 2023-12-31 }
[[fields.criteria.children]]
id = "1b"
label_vi = "Báo cáo năm"
label_en = "Yearly report"
max_points = "2"
rule = { kind = "deadline", date = 2023-12-15, wording = "by", late_share = "0", late_until = 2023-12-31 }
[[fields.criteria]]
id = "2"
label_vi = "Đối thoại quý IV"
label_en = "Q4 dialogue"
max_points = "1"
rule = { kind = "window", start = 2023-10-01, end = 2023-12-31, outside_share = "0", outside_start = 2023-01-01, outside_end = 2023-12-31 }
"#;
    CriteriaSet::from_toml(toml).unwrap()
}

#[test]
fn a_parent_is_pending_only_while_all_its_points_are_still_possible() {
    let set = parent_set();
    let obs = Observations::builder("W", 2023)
        .not_done("1a")
        .not_done("1b")
        .held("2", [])
        .build(&set)
        .unwrap();
    // 30/06: 1a (by 31/03) is overdue, and late work pays 0: not met, nothing more to earn —
    // no `open_until` (the late period pays nothing). 1b (by 15/12) is still to come: pending
    // until 15/12. The parent can no longer earn its 4 points (1a lost 2): not pending, but not
    // met (0 of 4 so far), open until 15/12 for 1b's 2 points.
    let card = Scorecard::score_at(&set, &obs, d(6, 30)).unwrap();
    assert_eq!(line(&card, "1a"), (dec!(0.00), Status::NotMet, None));
    assert_eq!(
        line(&card, "1b"),
        (dec!(0.00), Status::Pending, Some(d(12, 15)))
    );
    assert_eq!(
        line(&card, "1"),
        (dec!(0.00), Status::NotMet, Some(d(12, 15)))
    );
    // The Q4 window with an outside share of 0: pending until 31/12, and no outer period
    // open beyond it.
    assert_eq!(
        line(&card, "2"),
        (dec!(0.00), Status::Pending, Some(d(12, 31)))
    );
    // With 1a done on time (20/03) and 1b still to come, the parent is pending: all 4 points
    // are still possible.
    let on_time = Observations::builder("W", 2023)
        .completed("1a", d(3, 20))
        .not_done("1b")
        .build(&set)
        .unwrap();
    let card = Scorecard::score_at(&set, &on_time, d(6, 30)).unwrap();
    assert_eq!(
        line(&card, "1"),
        (dec!(2.00), Status::Pending, Some(d(12, 15)))
    );
}

#[test]
fn late_work_known_by_the_date_earns_its_share() {
    // A report due by 31/03, worth 2 points, half of them when done by 31/12. Done on 10/05:
    // scored at 30/06, it is known and late in time: 0.5 × 2 = 1.00. Scored at 30/04, before
    // it was done: not known yet — 0 points, open until 31/12 for the late share.
    let set = CriteriaSet::from_toml(
        r#"
name = "Trễ hạn"
[[fields]]
id = "A"
label_vi = "A"
label_en = "A"
[[fields.criteria]]
id = "1"
label_vi = "Báo cáo quý I"
label_en = "Q1 report"
max_points = "2"
rule = { kind = "deadline", date = 2023-03-31, wording = "by", late_share = "0.5", late_until = 2023-12-31 }
"#,
    )
    .unwrap();
    let obs = Observations::builder("W", 2023)
        .completed("1", d(5, 10))
        .build(&set)
        .unwrap();
    let at = |day| Scorecard::score_at(&set, &obs, day).unwrap();
    assert_eq!(line(&at(d(6, 30)), "1").0, dec!(1.00));
    let before = at(d(4, 30));
    assert_eq!(line(&before, "1").0, dec!(0.00));
    assert_eq!(line(&before, "1").2, Some(d(12, 31)));
}
