//! A golden scorecard: one observations file covering every criterion of the reference set,
//! scored by hand in the comments and asserted criterion by criterion.

use cchc::rule::Records;
use cchc::{CriteriaSet, Observations, Plan, Scorecard, Status};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

const GOLDEN: &str = r#"
ward = "Phường Sông Cầu (golden test)"
year = 2023

[observations."I.1a"]
completed_on = 2022-12-20
[observations."I.1b"]
completed_on = 2023-12-15
[observations."I.2a"]
completed_on = 2023-01-30
[observations."I.2b"]

[observations."II.3"]
numerator = 50
denominator = 50
[observations."II.4"]
numerator = 90
denominator = 300
evidence = "Báo cáo số hóa số 45/BC-UBND"
[observations."II.5a"]
numerator = 9
denominator = 40
[observations."II.5b"]
completed_on = "2023-03-31"
[observations."II.6"]
numerator = 30
denominator = 200
[observations."II.7"]
numerator = 699
denominator = 1400
[observations."II.8a"]
numerator = 0
denominator = 0
[observations."II.8b"]
numerator = 170
denominator = 200
[observations."II.8c"]
numerator = 450
denominator = 500
[observations."II.8d"]
numerator = 80
denominator = 100
[observations."II.8e"]
held_on = [2023-09-15]
[observations."II.9"]
points = "1.5"
[observations."II.12"]
numerator = 19
denominator = 20

[observations."III.13"]
completed_on = 2023-06-01

[observations."IV.14"]
not_applicable = true
[observations."IV.15"]
numerator = 6
denominator = 8

[observations."V.16"]
numerator = 3
denominator = 4
[observations."V.17"]
numerator = 900000000000
denominator = 1000000000000
[observations."V.18"]
done = true
[observations."V.19"]
done = false

[observations."VI.20"]
numerator = 12
denominator = 12
[observations."VI.21"]
numerator = 10
denominator = 40
[observations."VI.22"]
numerator = 850
denominator = 1000
[observations."VI.23"]
numerator = 96
denominator = 100
[observations."VI.24b"]
numerator = 45
denominator = 300
[observations."VI.25a"]
done = true
[observations."VI.25b"]
points = 2

[observations."VII.26a"]
held_on = [2023-08-10]
[observations."VII.26b"]
completed_on = 2023-04-02
[observations."VII.26c"]
completed_on = 2024-01-05
[observations."VII.27a"]
count = 0
[observations."VII.27b"]
completed_on = 2023-03-20
[observations."VII.27c"]
done = true
[observations."VII.28"]
completed_on = 2023-12-28
[observations."VII.29"]
held_on = [2023-06-30, 2023-07-01]
[observations."VII.30"]
held_on = []

[appraisals."II.9"]
points = "1"
reason = "Chưa niêm yết đủ quy trình tại Bộ phận một cửa"
"#;

fn card() -> Scorecard {
    let set = CriteriaSet::reference();
    let obs = Observations::from_toml(GOLDEN, &set).unwrap();
    Scorecard::score(&set, &obs).unwrap()
}

/// (id, points, status, records to convert, records to add); `None` = key absent (not a rate
/// rule or no counts), `Some(None)` = impossible.
type Row = (
    &'static str,
    Decimal,
    Status,
    Option<Option<u64>>,
    Option<Option<u64>>,
);

use Status::{Met, Missing, NotApplicable, NotMet, Partial};

const ROWS: &[Row] = &[
    // I: 2 + 2 + 1 + 0 = 5
    ("I.1a", dec!(2.00), Met, None, None), // 20/12/2022 ≤ 31/12/2022
    ("I.1b", dec!(2.00), Met, None, None), // 15/12/2023 ≤ 31/12/2023
    ("I.2a", dec!(1.00), Partial, None, None), // "trước 30/01": 30/01 is 1 day late → 0.5 × 2
    ("I.2b", dec!(0.00), NotMet, None, None), // table present, no completed_on: not done
    // II: 3 + 4.29 + 0 + 0.5 + 2.25 + 3.00 + 3 + 2 + 1 + 0.94 + 0.5 + 1.5 + 1.5 = 23.48
    ("II.3", dec!(3.00), Met, Some(Some(0)), Some(Some(0))),
    // 90/300 = 30% < 35%: 5 × 30/35 = 4.2857… → 4.29; 105 − 90 = 15; (90+k)/(300+k) ≥ .35 → k = 24
    ("II.4", dec!(4.29), Partial, Some(Some(15)), Some(Some(24))),
    // 9/40 = 22.5% ≥ 20% but 9 < 10 procedures: 0; one more reviewed procedure (either lever)
    ("II.5a", dec!(0.00), NotMet, Some(Some(1)), Some(Some(1))),
    ("II.5b", dec!(0.50), Partial, None, None), // "trước 31/3": 31/03 is late → 0.5 × 1
    // 30/200 = 15%: 3 × 15/20 = 2.25; 40 − 30 = 10; 0.8k ≥ 10 → 13
    ("II.6", dec!(2.25), Partial, Some(Some(10)), Some(Some(13))),
    // 699/1400 = 49.93%: 3 × 699/700 = 2.9957… → 3.00, yet partial; 1 to convert; k/2 ≥ 1 → 2
    ("II.7", dec!(3.00), Partial, Some(Some(1)), Some(Some(2))),
    ("II.8a", dec!(3.00), NotApplicable, None, None), // 0/0: không phát sinh → full points
    ("II.8b", dec!(2.00), Met, Some(Some(0)), Some(Some(0))), // 85% ≥ 80%
    ("II.8c", dec!(1.00), Met, Some(Some(0)), Some(Some(0))), // 90% ≥ 90%
    // 80% < 85%: 1 × 80/85 = 0.941… → 0.94; 85 − 80 = 5; 0.15k ≥ 5 → 34
    ("II.8d", dec!(0.94), Partial, Some(Some(5)), Some(Some(34))),
    ("II.8e", dec!(0.50), Partial, None, None), // 15/09 is outside Q4 but in 2023 → half
    ("II.9", dec!(1.50), Partial, None, None),  // assessor
    // 95% reaches the ≥ 90% step (1.5); full needs 100%: 1 to convert, impossible by adding
    ("II.12", dec!(1.50), Partial, Some(Some(1)), Some(None)),
    // III: 4
    ("III.13", dec!(4.00), Met, None, None),
    // IV: 4 + 3 = 7
    ("IV.14", dec!(4.00), NotApplicable, None, None),
    ("IV.15", dec!(3.00), Partial, Some(Some(2)), Some(None)), // 4 × 6/8; 100% by adding: never
    // V: 2.25 + 2.84 + 1 + 0 = 6.09
    ("V.16", dec!(2.25), Partial, Some(Some(1)), Some(None)),
    // 90% of 10^12 đồng vs 95%: 3 × 90/95 = 2.8421… → 2.84; 5×10^10 more disbursed, or
    // 0.05k ≥ 5×10^10 → k = 10^12 new đồng all disbursed
    (
        "V.17",
        dec!(2.84),
        Partial,
        Some(Some(50_000_000_000)),
        Some(Some(1_000_000_000_000)),
    ),
    ("V.18", dec!(1.00), Met, None, None),
    ("V.19", dec!(0.00), NotMet, None, None),
    // VI: 3 + 1.88 + 5 + 2 + 0 + 2.5 + 2 + 2 = 18.38
    ("VI.20", dec!(3.00), Met, Some(Some(0)), Some(Some(0))),
    // 25% of 40%: 3 × 25/40 = 1.875 exactly, a tie → 1.88 (half away from zero); 16 − 10 = 6;
    // 0.6k ≥ 6 → 10
    ("VI.21", dec!(1.88), Partial, Some(Some(6)), Some(Some(10))),
    ("VI.22", dec!(5.00), Met, Some(Some(0)), Some(Some(0))),
    ("VI.23", dec!(2.00), Partial, Some(Some(4)), Some(None)), // 96% → ≥ 95% step
    ("VI.24a", dec!(0.00), Missing, None, None),
    // 15% of 30%: 5 × 15/30 = 2.5; 90 − 45 = 45; 0.7k ≥ 45 → 65
    (
        "VI.24b",
        dec!(2.50),
        Partial,
        Some(Some(45)),
        Some(Some(65)),
    ),
    ("VI.25a", dec!(2.00), Met, None, None),
    ("VI.25b", dec!(2.00), Met, None, None),
    // VII: 2 + 1 + 0 + 0 + 2 + 1 + 2 + 3 + 0 = 11
    ("VII.26a", dec!(2.00), Met, None, None), // 10/08 in Q3
    ("VII.26b", dec!(1.00), Partial, None, None), // 02/04 after 31/03, within 2023
    ("VII.26c", dec!(0.00), NotMet, None, None), // 05/01/2024: beyond 2023
    ("VII.27a", dec!(0.00), NotMet, None, None), // no initiative
    ("VII.27b", dec!(2.00), Met, None, None),
    ("VII.27c", dec!(1.00), Met, None, None),
    ("VII.28", dec!(2.00), Met, None, None),
    ("VII.29", dec!(3.00), Met, None, None), // 30/06 and 01/07: both halves
    ("VII.30", dec!(0.00), NotMet, None, None), // held_on = []: observed, not held
];

#[test]
fn every_criterion_as_worked_by_hand() {
    let card = card();
    assert_eq!(card.criteria.len(), ROWS.len());
    for (id, points, status, convert, add) in ROWS {
        let line = card.criterion(id).unwrap();
        assert_eq!(line.points, *points, "{id} points");
        assert_eq!(line.status, *status, "{id} status");
        assert_eq!(
            line.records_to_convert.map(|r| r.needed()),
            *convert,
            "{id} to convert"
        );
        assert_eq!(line.records_to_add.map(|r| r.needed()), *add, "{id} to add");
    }
}

#[test]
fn field_subtotals_total_index_and_band() {
    let card = card();
    let fields: Vec<_> = card
        .fields
        .iter()
        .map(|f| (f.id.as_str(), f.points, f.max_points))
        .collect();
    assert_eq!(
        fields,
        vec![
            ("I", dec!(5.00), dec!(8)),
            ("II", dec!(23.48), dec!(30)),
            ("III", dec!(4.00), dec!(4)),
            ("IV", dec!(7.00), dec!(8)),
            ("V", dec!(6.09), dec!(8)),
            ("VI", dec!(18.38), dec!(26)),
            ("VII", dec!(11.00), dec!(16)),
        ]
    );
    // 5 + 23.48 + 4 + 7 + 6.09 + 18.38 + 11 = 74.95 of 100 → Khá (70–80)
    assert_eq!(card.summary.total_points, dec!(74.95));
    assert_eq!(card.summary.max_points, dec!(100));
    assert_eq!(card.summary.index, Some(dec!(74.95)));
    assert_eq!(card.summary.band.as_ref().map(|b| b.vi()), Some("Khá"));
    assert_eq!(card.missing, ["VI.24a"]);
}

#[test]
fn appraisal_stands_beside_the_self_assessment() {
    let card = card();
    let line = card.criterion("II.9").unwrap();
    assert_eq!(
        (line.points, line.appraised_points),
        (dec!(1.50), dec!(1.00))
    );
    assert_eq!(
        line.appraisal_reason.as_deref(),
        Some("Chưa niêm yết đủ quy trình tại Bộ phận một cửa")
    );
    // 74.95 − 0.5 = 74.45
    assert_eq!(card.summary.appraised_total_points, dec!(74.45));
    assert_eq!(card.summary.appraised_index, Some(dec!(74.45)));
    assert_eq!(card.field("II").unwrap().appraised_points, dec!(22.98));
    assert_eq!(card.summary.total_points, dec!(74.95));
}

#[test]
fn explanations_and_evidence() {
    let card = card();
    let ii4 = card.criterion("II.4").unwrap();
    assert_eq!(
        ii4.explanation.vi(),
        "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29"
    );
    assert_eq!(
        ii4.explanation.en(),
        "90/300 results digitised = 30.00% < 35%; points = 5 × 30.00/35 = 4.29"
    );
    assert_eq!(
        ii4.evidence.as_deref(),
        Some("Báo cáo số hóa số 45/BC-UBND")
    );
    assert_eq!(
        card.criterion("V.17").unwrap().explanation.vi(),
        "900.000.000.000/1.000.000.000.000 đồng đã giải ngân = 90,00% < 95%; điểm = 3 × 90,00/95 = 2,84"
    );
    assert_eq!(
        card.criterion("I.2a").unwrap().explanation.vi(),
        "Hoàn thành ngày 30/01/2023, chậm 1 ngày (hạn trước 30/01/2023): 0,5 × 2 = 1,00"
    );
    assert_eq!(
        card.criterion("VII.29").unwrap().explanation.en(),
        "2 of 2 periods (6 months each) held; points = 3 × 2/2 = 3.00"
    );
    assert_eq!(
        card.criterion("II.8a").unwrap().explanation.vi(),
        "Không phát sinh: được điểm tối đa 3"
    );
    assert_eq!(
        card.criterion("VI.24a").unwrap().explanation.en(),
        "No observation reported: 0 points"
    );
}

#[test]
fn json_has_the_section_7_shape() {
    let card = card();
    let json: serde_json::Value = serde_json::from_str(&card.to_json().unwrap()).unwrap();
    assert_eq!(json["total_points"], "74.95");
    assert_eq!(json["max_points"], "100");
    assert_eq!(json["index"], "74.95");
    assert_eq!(json["band"], "Khá");
    let ii12 = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "II.12")
        .unwrap();
    assert_eq!(ii12["records_to_convert"], 1);
    assert!(ii12["records_to_add"].is_null());
    assert_eq!(ii12["status"], "partial");
    assert_eq!(ii12["rate_percent"], "95.00");
    let i1a = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "I.1a")
        .unwrap();
    assert!(
        i1a.get("records_to_convert").is_none(),
        "not a rate criterion"
    );
    assert_eq!(
        Scorecard::from_json(&card.to_json().unwrap()).unwrap(),
        card
    );
    assert_eq!(
        card.criterion("II.12").unwrap().records_to_add,
        Some(Records::Impossible)
    );
}

#[test]
fn leave_out_policy_shrinks_the_maximum() {
    let text = CriteriaSet::reference_toml().replace(
        "id = \"IV.14\"",
        "id = \"IV.14\"\nnot_applicable = \"leave_out\"",
    );
    let set = CriteriaSet::from_toml(&text).unwrap();
    set.check_plan_items(&Plan::song_cau_2023()).unwrap();
    let card = Scorecard::score(&set, &Observations::from_toml(GOLDEN, &set).unwrap()).unwrap();
    // IV.14 leaves 0 of 0: total 74.95 − 4 = 70.95 of 96 → 73.90625 → 73.91
    assert_eq!(card.summary.max_points, dec!(96));
    assert_eq!(card.summary.total_points, dec!(70.95));
    assert_eq!(card.summary.index, Some(dec!(73.91)));
    assert_eq!(
        card.criterion("IV.14").unwrap().status,
        Status::NotApplicable
    );
    assert_eq!(
        card.criterion("IV.14").unwrap().explanation.vi(),
        "Không phát sinh: không tính vào tổng điểm tối đa"
    );
}

#[test]
fn a_window_held_outside_but_in_time_explains_its_share() {
    // A Q4 dialogue worth 2 points, half of them when held elsewhere in 2023. Held on
    // 15 June: outside 01/10–31/12, inside the year: 0.5 × 2 = 1.00. Held in 2024: nothing.
    let set = cchc::CriteriaSet::from_toml(
        r#"
name = "Đối thoại"
[[fields]]
id = "A"
label_vi = "A"
label_en = "A"
[[fields.criteria]]
id = "A.1"
label_vi = "Đối thoại quý IV"
label_en = "Q4 dialogue"
max_points = "2"
rule = { kind = "window", start = 2023-10-01, end = 2023-12-31, outside_share = "0.5", outside_start = 2023-01-01, outside_end = 2023-12-31 }
"#,
    )
    .unwrap();
    let held = |y, m, d| {
        let obs = cchc::Observations::builder("W", 2023)
            .held("A.1", [chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()])
            .build(&set)
            .unwrap();
        cchc::Scorecard::score(&set, &obs).unwrap()
    };
    let card = held(2023, 6, 15);
    let line = card.criterion("A.1").unwrap();
    assert_eq!(line.points, dec!(1.00));
    assert_eq!(
        line.explanation.en(),
        "Held on 2023-06-15, outside 2023-10-01–2023-12-31: 0.5 × 2 = 1.00"
    );
    assert_eq!(
        line.explanation.vi(),
        "Tổ chức ngày 15/06/2023, ngoài thời gian 01/10/2023–31/12/2023: 0,5 × 2 = 1,00"
    );
    let card = held(2024, 1, 10);
    let line = card.criterion("A.1").unwrap();
    assert_eq!(line.points, dec!(0.00));
    assert_eq!(
        line.explanation.en(),
        "Held on 2024-01-10, outside the scoring period: 0 points"
    );
}

#[test]
fn a_rate_above_its_target_but_short_of_its_count_says_both() {
    // II.5a: at least 20% of results e-certified, and at least 10 of them. 5 of 20 is 25%,
    // above 20%, but 5 records are fewer than 10: the rate is shown as meeting its percent
    // (≥), the count as short (<), and the criterion not met, 0 points.
    let set = CriteriaSet::reference();
    let obs = Observations::builder("X", 2023)
        .counts("II.5a", 5, 20)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let line = card.criterion("II.5a").unwrap();
    assert_eq!(line.points, dec!(0.00));
    let en = line.explanation.en();
    assert!(
        en.contains(" = 25.00% ≥ 20%, count 5 < 10; not met: 0"),
        "{en}"
    );
    let vi = line.explanation.vi();
    assert!(
        vi.contains(" = 25,00% ≥ 20%, số lượng 5 < 10; không đạt: 0"),
        "{vi}"
    );
}
