//! Deadlines, windows and frequencies at their edges, and the calendar inputs
//! the crate refuses, through the public API only.

use cchc::rule::{
    Attainment, Deadline, DeadlineOutcome, DeadlineWording, Detail, Frequency, Target, Window,
    WindowOutcome,
};
use cchc::{Error, ErrorKind, Evidence, Observed, Rounding, Status};
use chrono::NaiveDate;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The status and the detail of an attainment (`Attainment` is `#[non_exhaustive]`, so it is
/// compared field by field).
fn attain(target: Target, evidence: Evidence) -> (Status, Detail) {
    let Attainment { status, detail, .. } = target
        .attain(&Observed::Reported(evidence), &Rounding::default())
        .unwrap();
    (status, detail)
}

// ---------------------------------------------------------------- deadlines

struct DeadlineCase {
    name: &'static str,
    deadline: Deadline,
    done_on: NaiveDate,
    on_time: bool,
    days_late: u64,
}

fn deadline_cases() -> Vec<DeadlineCase> {
    // I.2a "trước 30/01/2023": strictly before; the last on-time day is 29/01.
    let before = Deadline::new(d(2023, 1, 30), DeadlineWording::Before).unwrap();
    // VII.26b "by 31/03/2023": inclusive.
    let by = Deadline::new(d(2023, 3, 31), DeadlineWording::By).unwrap();
    // I.2b "trước 05/12/2023".
    let before_dec = Deadline::new(d(2023, 12, 5), DeadlineWording::Before).unwrap();
    // I.1a "by 31/12/2022": late days run across the new year.
    let by_year_end = Deadline::new(d(2022, 12, 31), DeadlineWording::By).unwrap();
    let case = |name, deadline, done_on, on_time, days_late| DeadlineCase {
        name,
        deadline,
        done_on,
        on_time,
        days_late,
    };
    vec![
        case("before: day before D", before, d(2023, 1, 29), true, 0),
        case("before: on D", before, d(2023, 1, 30), false, 1),
        case("before: day after D", before, d(2023, 1, 31), false, 2),
        case("before: long before", before, d(2022, 6, 1), true, 0),
        case("by: day before D", by, d(2023, 3, 30), true, 0),
        case("by: on D", by, d(2023, 3, 31), true, 0),
        case("by: day after D", by, d(2023, 4, 1), false, 1),
        case("by: a month after D", by, d(2023, 4, 30), false, 30),
        case("before Dec: 04/12", before_dec, d(2023, 12, 4), true, 0),
        case("before Dec: 05/12", before_dec, d(2023, 12, 5), false, 1),
        case("by 2022: on D", by_year_end, d(2022, 12, 31), true, 0),
        case("by 2022: 01/01/2023", by_year_end, d(2023, 1, 1), false, 1),
        // 31/12/2022 → 31/12/2023 is 365 days, → 29/02/2024 another 31 + 29 = 60 (leap): 425.
        case(
            "by 2022: 29/02/2024",
            by_year_end,
            d(2024, 2, 29),
            false,
            425,
        ),
    ]
}

#[test]
fn deadline_edges() {
    for case in deadline_cases() {
        let DeadlineCase {
            name,
            deadline,
            done_on,
            on_time,
            days_late,
        } = case;
        assert_eq!(deadline.is_on_time(done_on), on_time, "{name}");
        assert_eq!(deadline.days_late(done_on), days_late, "{name}");
        let result = attain(
            Target::Deadline(deadline),
            Evidence::Completed(Some(done_on)),
        );
        let status = if on_time { Status::Met } else { Status::NotMet };
        let Detail::Deadline(outcome) = result.1 else {
            panic!("{name}: a deadline's detail")
        };
        assert_eq!(result.0, status, "{name}");
        assert_eq!(
            (outcome.is_on_time(), outcome.done_on()),
            (on_time, Some(done_on)),
            "{name}"
        );
        assert_eq!(
            outcome.days_late(),
            (!on_time).then_some(days_late),
            "{name}"
        );
        assert_eq!(deadline.outcome(Some(done_on)), outcome, "{name}");
    }
}

#[test]
fn last_on_time_day_follows_the_wording() {
    let before = Deadline::new(d(2023, 3, 1), DeadlineWording::Before).unwrap();
    let by = Deadline::new(d(2023, 3, 1), DeadlineWording::By).unwrap();
    assert_eq!(before.last_on_time_day(), d(2023, 2, 28));
    assert_eq!(by.last_on_time_day(), d(2023, 3, 1));
    // Nothing can be done strictly before the first representable day.
    // (see the CHANGELOG: deadlines now lie within 1900-01-01 to 2199-12-31, so chrono's first day
    // is refused, and the first day a deadline can fall on is 1 January 1900.)
    let err = Deadline::new(NaiveDate::MIN, DeadlineWording::Before).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert_eq!(err.value(), Some(NaiveDate::MIN.to_string()));
    assert_eq!(
        err.to_string(),
        format!(
            "date {} is outside 1900-01-01 to 2199-12-31, the dates the crate works with",
            NaiveDate::MIN
        )
    );
    let first_day = d(1900, 1, 1);
    let first = Deadline::new(first_day, DeadlineWording::Before).unwrap();
    assert_eq!(first.last_on_time_day(), d(1899, 12, 31));
    assert!(!first.is_on_time(first_day));
    assert_eq!(first.days_late(first_day), 1);
}

#[test]
fn deadline_not_done() {
    for wording in [DeadlineWording::Before, DeadlineWording::By] {
        let deadline = Deadline::new(d(2023, 12, 31), wording).unwrap();
        let result = attain(Target::Deadline(deadline), Evidence::Completed(None));
        assert_eq!(
            result,
            (Status::NotMet, Detail::Deadline(DeadlineOutcome::NotDone)),
            "{wording:?}"
        );
    }
}

// ---------------------------------------------------------------- windows

struct WindowCase {
    name: &'static str,
    window: Window,
    start: NaiveDate,
    end: NaiveDate,
    days: u64,
}

fn window_cases() -> Vec<WindowCase> {
    vec![
        WindowCase {
            name: "Quý IV/2023",
            window: Window::quarter(2023, 4).unwrap(),
            start: d(2023, 10, 1),
            end: d(2023, 12, 31),
            days: 92,
        },
        WindowCase {
            name: "Quý I/2023",
            window: Window::quarter(2023, 1).unwrap(),
            start: d(2023, 1, 1),
            end: d(2023, 3, 31),
            days: 90,
        },
        WindowCase {
            name: "Quý III/2023",
            window: Window::quarter(2023, 3).unwrap(),
            start: d(2023, 7, 1),
            end: d(2023, 9, 30),
            days: 92,
        },
        WindowCase {
            name: "Quý II-IV/2023",
            window: Window::quarters(2023, 2, 4).unwrap(),
            start: d(2023, 4, 1),
            end: d(2023, 12, 31),
            days: 275,
        },
        WindowCase {
            name: "tháng 01/2023",
            window: Window::month(2023, 1).unwrap(),
            start: d(2023, 1, 1),
            end: d(2023, 1, 31),
            days: 31,
        },
        WindowCase {
            name: "tháng 12/2022",
            window: Window::month(2022, 12).unwrap(),
            start: d(2022, 12, 1),
            end: d(2022, 12, 31),
            days: 31,
        },
        WindowCase {
            name: "tháng 02/2024 (leap)",
            window: Window::month(2024, 2).unwrap(),
            start: d(2024, 2, 1),
            end: d(2024, 2, 29),
            days: 29,
        },
        WindowCase {
            name: "tháng 02/2023",
            window: Window::month(2023, 2).unwrap(),
            start: d(2023, 2, 1),
            end: d(2023, 2, 28),
            days: 28,
        },
        WindowCase {
            name: "first half 2023",
            window: Window::half(2023, 1).unwrap(),
            start: d(2023, 1, 1),
            end: d(2023, 6, 30),
            days: 181,
        },
        WindowCase {
            name: "year 2024",
            window: Window::year(2024).unwrap(),
            start: d(2024, 1, 1),
            end: d(2024, 12, 31),
            days: 366,
        },
        WindowCase {
            name: "a single day",
            window: Window::new(d(2023, 5, 10), d(2023, 5, 10)).unwrap(),
            start: d(2023, 5, 10),
            end: d(2023, 5, 10),
            days: 1,
        },
    ]
}

#[test]
fn windows_hold_both_ends_and_nothing_beyond() {
    for case in window_cases() {
        let WindowCase {
            name,
            window,
            start,
            end,
            days,
        } = case;
        assert_eq!((window.start(), window.end()), (start, end), "{name}");
        assert_eq!(window.days(), days, "{name}");
        let before = start.pred_opt().unwrap();
        let after = end.succ_opt().unwrap();
        assert!(window.contains(start), "{name}: first day");
        assert!(window.contains(end), "{name}: last day");
        assert!(!window.contains(before), "{name}: day before");
        assert!(!window.contains(after), "{name}: day after");

        let target = Target::Window(window);
        let window_of = |result: (Status, Detail)| match result.1 {
            Detail::Window(outcome) => (result.0, outcome.is_inside(), outcome.held_on()),
            other => panic!("{name}: a window's detail, not {other:?}"),
        };
        for held_on in [start, end] {
            assert_eq!(
                window_of(attain(target, Evidence::Held(vec![held_on]))),
                (Status::Met, true, Some(held_on)),
                "{name}: held {held_on}"
            );
        }
        for held_on in [before, after] {
            assert_eq!(
                window_of(attain(target, Evidence::Held(vec![held_on]))),
                (Status::NotMet, false, Some(held_on)),
                "{name}: held {held_on}"
            );
        }
        // Any date inside wins, even after one outside.
        assert_eq!(
            window_of(attain(target, Evidence::Held(vec![before, end, after]))),
            (Status::Met, true, Some(end)),
            "{name}: mixed"
        );
        assert_eq!(
            attain(target, Evidence::Held(vec![])),
            (Status::NotMet, Detail::Window(WindowOutcome::NotHeld)),
            "{name}: not held"
        );
    }
}

// ---------------------------------------------------------------- frequency

#[test]
fn one_meeting_every_six_months_over_2023() {
    let twice = Frequency::new(6, Window::year(2023).unwrap()).unwrap();
    assert_eq!(twice.every_months(), 6);
    assert_eq!(twice.within(), Window::year(2023).unwrap());
    assert_eq!(
        twice.periods().collect::<Vec<_>>(),
        vec![
            Window::new(d(2023, 1, 1), d(2023, 6, 30)).unwrap(),
            Window::new(d(2023, 7, 1), d(2023, 12, 31)).unwrap(),
        ]
    );
    struct Case {
        name: &'static str,
        held: Vec<NaiveDate>,
        covered: u32,
    }
    let cases = [
        Case {
            name: "30/06 and 01/07: one in each half",
            held: vec![d(2023, 6, 30), d(2023, 7, 1)],
            covered: 2,
        },
        Case {
            name: "01/01 and 31/12: the outer edges",
            held: vec![d(2023, 12, 31), d(2023, 1, 1)],
            covered: 2,
        },
        Case {
            name: "two in the first half",
            held: vec![d(2023, 1, 15), d(2023, 6, 30)],
            covered: 1,
        },
        Case {
            name: "two in the second half",
            held: vec![d(2023, 7, 1), d(2023, 12, 31)],
            covered: 1,
        },
        Case {
            name: "none",
            held: vec![],
            covered: 0,
        },
        Case {
            name: "only outside 2023",
            held: vec![d(2022, 12, 31), d(2024, 1, 1)],
            covered: 0,
        },
    ];
    for case in cases {
        assert_eq!(twice.required(), 2, "{}", case.name);
        assert_eq!(twice.covered(&case.held), case.covered, "{}", case.name);
        let status = if case.covered == 2 {
            Status::Met
        } else {
            Status::NotMet
        };
        let (got, detail) = attain(Target::Frequency(twice), Evidence::Held(case.held.clone()));
        assert_eq!(got, status, "{}", case.name);
        let Detail::Frequency(outcome) = detail else {
            panic!("{}: a frequency detail, got {detail:?}", case.name)
        };
        // At the end of the year every period is over: those not covered are missed, none open.
        assert_eq!(
            (
                outcome.covered,
                outcome.missed,
                outcome.open,
                outcome.required
            ),
            (case.covered, 2 - case.covered, 0, 2),
            "{}",
            case.name
        );
        assert_eq!(twice.outcome(&case.held), outcome, "{}", case.name);
    }
}

#[test]
fn monthly_periods_from_a_month_end_keep_their_anchor() {
    // One a month from 31/01: periods start on 31/01, 28/02, 31/03, 30/04, … (each n months
    // after the first day, clamped to the month's end), not on the 28th of every month after
    // February. Through 30/12/2023 that is 11 periods, the last one 30/11–30/12.
    let within = Window::new(d(2023, 1, 31), d(2023, 12, 30)).unwrap();
    let monthly = Frequency::new(1, within).unwrap();
    let periods: Vec<_> = monthly.periods().collect();
    assert_eq!(periods.len(), 11);
    assert_eq!(monthly.required(), 11);
    assert_eq!(
        periods[..3],
        [
            Window::new(d(2023, 1, 31), d(2023, 2, 27)).unwrap(),
            Window::new(d(2023, 2, 28), d(2023, 3, 30)).unwrap(),
            Window::new(d(2023, 3, 31), d(2023, 4, 29)).unwrap(),
        ]
    );
    assert_eq!(
        periods[10],
        Window::new(d(2023, 11, 30), d(2023, 12, 30)).unwrap()
    );
    // The periods tile the window: each starts the day after the previous one ends.
    for pair in periods.windows(2) {
        assert_eq!(pair[0].end().succ_opt().unwrap(), pair[1].start());
    }
}

#[test]
fn a_frequency_over_a_partial_span_cuts_the_last_period() {
    // One every 5 months over 2023: 01/01–31/05, 01/06–31/10, 01/11–31/12.
    let five = Frequency::new(5, Window::year(2023).unwrap()).unwrap();
    assert_eq!(
        five.periods().collect::<Vec<_>>(),
        vec![
            Window::new(d(2023, 1, 1), d(2023, 5, 31)).unwrap(),
            Window::new(d(2023, 6, 1), d(2023, 10, 31)).unwrap(),
            Window::new(d(2023, 11, 1), d(2023, 12, 31)).unwrap(),
        ]
    );
    assert_eq!(five.covered(&[d(2023, 5, 31), d(2023, 11, 1)]), 2);
}

// ---------------------------------------------------------------- refusals

#[test]
fn invalid_calendar_inputs_name_the_value() {
    // Every refusal is an invalid value; `value` is the value named (for a window ending
    // before it starts, its end).
    struct Case {
        name: &'static str,
        result: Result<Window, Error>,
        value: &'static str,
        message: &'static str,
    }
    let cases = [
        Case {
            name: "quarter 0",
            result: Window::quarter(2023, 0),
            value: "0",
            message: "quarter 0 does not exist (allowed: 1 to 4)",
        },
        Case {
            name: "quarter 5",
            result: Window::quarter(2023, 5),
            value: "5",
            message: "quarter 5 does not exist (allowed: 1 to 4)",
        },
        Case {
            name: "quarters 2 to 5",
            result: Window::quarters(2023, 2, 5),
            value: "5",
            message: "quarter 5 does not exist (allowed: 1 to 4)",
        },
        Case {
            name: "month 13",
            result: Window::month(2023, 13),
            value: "13",
            message: "month 13 does not exist (allowed: 1 to 12)",
        },
        Case {
            name: "month 0",
            result: Window::month(2023, 0),
            value: "0",
            message: "month 0 does not exist (allowed: 1 to 12)",
        },
        Case {
            name: "half 3",
            result: Window::half(2023, 3),
            value: "3",
            message: "half 3 does not exist (allowed: 1 to 2)",
        },
        Case {
            name: "window end before start",
            result: Window::new(d(2023, 12, 31), d(2023, 10, 1)),
            value: "2023-10-01",
            message: "window ends on 2023-10-01 before it starts on 2023-12-31",
        },
        // Quý IV–II: the window would end on 30/06, the last day of Quý II.
        Case {
            name: "quarters 4 to 2",
            result: Window::quarters(2023, 4, 2),
            value: "2023-06-30",
            message: "window ends on 2023-06-30 before it starts on 2023-10-01",
        },
        Case {
            name: "months 3 to 2",
            result: Window::months(2023, 3, 2),
            value: "2023-02-28",
            message: "window ends on 2023-02-28 before it starts on 2023-03-01",
        },
    ];
    for case in cases {
        let err = case.result.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{}", case.name);
        assert_eq!(err.value().as_deref(), Some(case.value), "{}", case.name);
        assert_eq!(err.to_string(), case.message, "{}", case.name);
    }

    let year = Window::year(2023).unwrap();
    for months in [0, 13] {
        let err = Frequency::new(months, year).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue, "{months}");
        assert_eq!(err.key(), Some("every_months"), "{months}");
        assert_eq!(err.value(), Some(months.to_string()), "{months}");
        assert_eq!(
            err.to_string(),
            format!("a frequency of one every {months} months is outside 1 to 12 months")
        );
    }
    for months in [1, 12] {
        assert!(Frequency::new(months, year).is_ok(), "{months}");
    }
}
