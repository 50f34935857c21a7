//! The QĐ 766/QĐ-TTg service index as a preset: its six groups and 21 components, each
//! component at, below and above its target, the zero-denominator policies and their stated
//! assumptions, the commune level, a commune's month and the Bắc Ninh week, all worked by hand.

use cchc::criteria::presets::{qd766, qd766_province};
use cchc::observations::Period;
use cchc::rule::ScoringRule;
use cchc::{CriteriaSet, ErrorKind, Observations, Percent, Scorecard, Status, Summary};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The six groups of the QĐ 766 service index as the portal publishes them: id and maximum.
const GROUPS: [(&str, i64); 6] = [
    ("1", 18), // Công khai, minh bạch
    ("2", 20), // Tiến độ, kết quả giải quyết
    ("3", 12), // Dịch vụ công trực tuyến
    ("4", 10), // Thanh toán trực tuyến
    ("5", 22), // Số hóa hồ sơ
    ("6", 18), // Mức độ hài lòng
];

/// Every component of the QĐ 766 service index, in the decision's order: group, id, max, target T (%).
const COMPONENTS: [(&str, &str, i64, i64); 21] = [
    ("1", "1.1", 6, 100),
    ("1", "1.2", 4, 100),
    ("1", "1.3", 2, 100),
    ("1", "1.4", 6, 100),
    ("2", "2.1", 20, 100),
    ("3", "3.1", 2, 80),
    ("3", "3.2", 4, 100),
    ("3", "3.3", 6, 50),
    ("4", "3.5", 2, 80),
    ("4", "3.5b", 2, 80),
    ("4", "3.6", 6, 100),
    ("5", "4.1", 6, 100),
    ("5", "4.2", 4, 100), // one official description says 80: the preset says so
    ("5", "4.2b", 2, 100),
    ("5", "4.3", 2, 80),
    ("5", "4.4", 4, 100), // assumed: the preset says so
    ("5", "4.5a", 2, 100),
    ("5", "4.5b", 2, 100),
    ("6", "5.2", 6, 100),
    ("6", "5.3", 6, 100),
    ("6", "5.4", 6, 90),
];

/// The province-only components: không phát sinh in a commune's set.
const PROVINCE_ONLY: [&str; 2] = ["4.5a", "4.5b"];

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The set a component is scored in: the province's for 4.5a and 4.5b, else the commune's.
fn set_for(id: &str) -> CriteriaSet {
    if PROVINCE_ONLY.contains(&id) {
        qd766_province()
    } else {
        qd766()
    }
}

/// One component's line, `numerator` of `denominator` being its only observation.
fn score_one(id: &str, numerator: u64, denominator: u64) -> (Decimal, Decimal, Status) {
    let set = set_for(id);
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::month(2023, 7).unwrap())
        .counts(id, numerator, denominator)
        .build(&set)
        .unwrap_or_else(|e| panic!("{id}: {e}"));
    let card = Scorecard::score(&set, &obs).unwrap();
    let line = card.criterion(id).unwrap();
    (line.points, line.max_points, line.status)
}

#[test]
fn the_preset_is_found_by_name_at_both_levels() {
    assert_eq!(CriteriaSet::preset("qd766").unwrap(), qd766());
    assert_eq!(
        CriteriaSet::preset("qd766-province").unwrap(),
        qd766_province()
    );
    assert_eq!(qd766().level().map(|l| l.as_str()), Some("commune"));
    assert_eq!(
        qd766_province().level().map(|l| l.as_str()),
        Some("province")
    );
    assert!(qd766().source().unwrap().contains("QĐ 766/QĐ-TTg"));
    // No official rating bands were found: the set has none.
    assert!(qd766().bands().is_empty());
    assert!(qd766_province().bands().is_empty());
}

#[test]
fn six_groups_of_18_20_12_10_22_18_make_100() {
    for set in [qd766(), qd766_province()] {
        let groups: Vec<(&str, Decimal)> = set
            .fields()
            .iter()
            .map(|g| (g.id().as_str(), g.max_points()))
            .collect();
        let expected: Vec<(&str, Decimal)> = GROUPS
            .iter()
            .map(|(id, m)| (*id, Decimal::from(*m)))
            .collect();
        assert_eq!(groups, expected);
        // 18 + 20 + 12 + 10 + 22 + 18 = 100
        assert_eq!(set.max_points(), dec!(100));
        assert!(set.fields().iter().all(|g| !g.is_survey()));
    }
}

#[test]
fn twenty_one_components_in_order_with_their_max_and_target() {
    let set = qd766();
    let leaves: Vec<_> = set.leaves().collect();
    assert_eq!(leaves.len(), 21);
    for (leaf, (group, id, max, target)) in leaves.iter().zip(COMPONENTS) {
        assert_eq!(leaf.criterion.id().as_str(), id);
        assert_eq!(leaf.field.id().as_str(), group, "{id}: its group");
        assert_eq!(leaf.criterion.max_points(), Decimal::from(max), "{id}");
        assert_eq!(
            *leaf.rule,
            ScoringRule::ProportionalToTarget(Percent::new(Decimal::from(target)).unwrap()),
            "{id}: max × min(1, rate ÷ {target}%)"
        );
        assert!(leaf.criterion.children().is_empty());
        // What the numerator and the denominator count, in both languages.
        let measure = leaf.criterion.measure().unwrap();
        let denominator = leaf.criterion.denominator().unwrap();
        for text in [
            measure.vi(),
            measure.en(),
            denominator.vi(),
            denominator.en(),
        ] {
            assert!(!text.is_empty(), "{id}");
        }
        // Only 4.5a and 4.5b are tied to a level.
        let levels: Vec<&str> = leaf.criterion.levels().iter().map(|l| l.as_str()).collect();
        if PROVINCE_ONLY.contains(&id) {
            assert_eq!(levels, ["province"], "{id}");
        } else {
            assert!(levels.is_empty(), "{id}");
        }
    }
    // The province's set has the same components.
    let province: Vec<_> = qd766_province()
        .leaves()
        .map(|l| l.criterion.id().to_string())
        .collect();
    assert_eq!(province, COMPONENTS.map(|c| c.1.to_owned()));
}

/// One component at its target, one record below and one above: (id, denominator, numerator
/// at the target, points one record below, numerator one record above when the target is
/// below 100%).
///
/// Points = max × min(1, rate ÷ T), rounded half away from zero to 2 decimals:
const TARGET_CASES: [(&str, u64, u64, Decimal, Option<u64>); 21] = [
    // 1.1 (6, 100%): 40/40 full; 39/40 → 6 × 39/40 = 5.85.
    ("1.1", 40, 40, dec!(5.85), None),
    // 1.2 (4, 100%): 29/30 → 4 × 29/30 = 116/30 = 3.8666… → 3.87.
    ("1.2", 30, 30, dec!(3.87), None),
    // 1.3 (2, 100%): 7/8 → 2 × 7/8 = 1.75.
    ("1.3", 8, 8, dec!(1.75), None),
    // 1.4 (6, 100%): 11/12 → 6 × 11/12 = 5.5.
    ("1.4", 12, 12, dec!(5.50), None),
    // 2.1 (20, 100%): 399/400 → 20 × 399/400 = 19.95.
    ("2.1", 400, 400, dec!(19.95), None),
    // 3.1 (2, 80%): 80/100 is 80% exactly, full; 79/100 → 2 × 79/80 = 1.975 exactly, a tie
    // that rounds away from zero → 1.98; 81/100 → 81% ≥ 80%, full.
    ("3.1", 100, 80, dec!(1.98), Some(81)),
    // 3.2 (4, 100%): 15/16 → 4 × 15/16 = 3.75.
    ("3.2", 16, 16, dec!(3.75), None),
    // 3.3 (6, 50%): 15/30 is 50%; 14/30 → 6 × (14/30) ÷ (1/2) = 6 × 28/30 = 5.6; 16/30 full.
    ("3.3", 30, 15, dec!(5.60), Some(16)),
    // 3.5 (2, 80%): 8/10 is 80%; 7/10 → 2 × 70/80 = 1.75; 9/10 full.
    ("3.5", 10, 8, dec!(1.75), Some(9)),
    // 3.5b (2, 80%): 4/5 is 80%; 3/5 → 2 × 60/80 = 1.5; 5/5 full.
    ("3.5b", 5, 4, dec!(1.50), Some(5)),
    // 3.6 (6, 100%): 6/7 → 36/7 = 5.142857… → 5.14.
    ("3.6", 7, 7, dec!(5.14), None),
    // 4.1 (6, 100%): 8/9 → 48/9 = 5.333… → 5.33.
    ("4.1", 9, 9, dec!(5.33), None),
    // 4.2 (4, 100%): 2/3 → 8/3 = 2.666… → 2.67.
    ("4.2", 3, 3, dec!(2.67), None),
    // 4.2b (2, 100%): 5/6 → 10/6 = 1.666… → 1.67.
    ("4.2b", 6, 6, dec!(1.67), None),
    // 4.3 (2, 80%): 16/20 is 80%; 15/20 → 2 × 75/80 = 1.875 exactly → 1.88; 17/20 full.
    ("4.3", 20, 16, dec!(1.88), Some(17)),
    // 4.4 (4, 100%): 199/200 → 4 × 199/200 = 3.98.
    ("4.4", 200, 200, dec!(3.98), None),
    // 4.5a (2, 100%, province): 7/8 → 1.75.
    ("4.5a", 8, 8, dec!(1.75), None),
    // 4.5b (2, 100%, province): 399/400 → 2 × 399/400 = 1.995 exactly → 2.00, yet short of
    // full points (judged on the exact value: partial).
    ("4.5b", 400, 400, dec!(2.00), None),
    // 5.2 (6, 100%): 2/3 → 6 × 2/3 = 4.
    ("5.2", 3, 3, dec!(4.00), None),
    // 5.3 (6, 100%): 10/11 → 60/11 = 5.4545… → 5.45.
    ("5.3", 11, 11, dec!(5.45), None),
    // 5.4 (6, 90%): 27/30 is 90%; 26/30 → 6 × (26/30) ÷ (9/10) = 6 × 26/27 = 5.777… → 5.78;
    // 28/30 full.
    ("5.4", 30, 27, dec!(5.78), Some(28)),
];

#[test]
fn every_component_at_its_target_one_record_below_and_one_above() {
    for ((_, id, max, _), (case_id, n, at, below, above)) in COMPONENTS.iter().zip(TARGET_CASES) {
        assert_eq!(*id, case_id);
        let max = Decimal::from(*max);
        // At the target: full points, met.
        assert_eq!(
            score_one(id, at, n),
            (max, max, Status::Met),
            "{id}: {at}/{n}"
        );
        // One record below: max × rate ÷ T, partial.
        assert_eq!(
            score_one(id, at - 1, n),
            (below, max, Status::Partial),
            "{id}: {}/{n}",
            at - 1
        );
        match above {
            // One record above a target under 100%: still full points.
            Some(above) => {
                assert_eq!(above, at + 1);
                assert_eq!(
                    score_one(id, above, n),
                    (max, max, Status::Met),
                    "{id}: {above}/{n}"
                );
            }
            // A target of 100%: one record above is more records than the denominator
            // counts, which is refused, named by the component.
            None => {
                let err = Observations::builder("Xã Tân Lập", 2023)
                    .counts(id, n + 1, n)
                    .build(&set_for(id))
                    .unwrap_err();
                assert_eq!(err.kind(), ErrorKind::InvalidValue, "{id}");
                assert_eq!(err.item(), Some(*id));
                assert_eq!(err.key(), Some("numerator"));
            }
        }
    }
}

#[test]
fn the_rate_at_the_target_is_shown_exactly() {
    let set = qd766();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .counts("3.1", 80, 100)
        .counts("3.3", 14, 30)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let at = card.criterion("3.1").unwrap();
    // 80/100 = 80.00% ≥ 80%: full 2 points.
    assert_eq!(at.rate_percent, Some(dec!(80.00)));
    assert_eq!(
        at.explanation.en(),
        "80/100 procedures offered online = 80.00% ≥ 80%; full 2.00 points"
    );
    let below = card.criterion("3.3").unwrap();
    // 14/30 = 46.666…% → 46.67%; 6 × 46.67/50 shown, 5.60 exact (6 × 28/30).
    assert_eq!(below.rate_percent, Some(dec!(46.67)));
    assert_eq!(
        below.explanation.vi(),
        "14/30 hồ sơ nộp trực tuyến = 46,67% < 50%; điểm = 6 × 46,67/50 = 5,60"
    );
    // To reach 50%: convert 1 record (15/30), or add 2 online records (16/32 = 50%).
    assert_eq!(below.records_to_convert.and_then(|r| r.needed()), Some(1));
    assert_eq!(below.records_to_add.and_then(|r| r.needed()), Some(2));
}

/// The zero-denominator policy of each component: full points for 5.2 and 5.3 (the portal's
/// published scores), 0 for 5.4 (likewise) and for 1.4 (no previous year's records: rate 0),
/// full points for every other one (an assumption).
fn zero_denominator_points(id: &str, max: Decimal) -> Decimal {
    match id {
        "1.4" | "5.4" => dec!(0),
        _ => max,
    }
}

#[test]
fn zero_denominators_score_by_each_components_policy() {
    for (_, id, max, _) in COMPONENTS {
        let max = Decimal::from(max);
        let expected = zero_denominator_points(id, max);
        // 0 of 0: nothing arose in the period (không phát sinh); the maximum is kept either way.
        assert_eq!(
            score_one(id, 0, 0),
            (expected, max, Status::NotApplicable),
            "{id}: 0/0"
        );
        // `not_applicable = true` in a file says the same.
        let set = set_for(id);
        let file = format!(
            "ward = \"Xã Tân Lập\"\nperiod = \"2023-07\"\n[observations.\"{id}\"]\nnot_applicable = true\n"
        );
        let obs = Observations::from_toml(&file, &set).unwrap();
        let card = Scorecard::score(&set, &obs).unwrap();
        let line = card.criterion(id).unwrap();
        assert_eq!((line.points, line.max_points), (expected, max), "{id}");
        let (vi, en) = if expected.is_zero() {
            (
                "Không phát sinh: 0 điểm",
                "Nothing arose in scope (không phát sinh): 0 points",
            )
        } else {
            (
                "Không phát sinh: được điểm tối đa",
                "Nothing arose in scope (không phát sinh): full",
            )
        };
        assert!(
            line.explanation.vi().starts_with(vi),
            "{id}: {}",
            line.explanation.vi()
        );
        assert!(
            line.explanation.en().starts_with(en),
            "{id}: {}",
            line.explanation.en()
        );
    }
}

#[test]
fn a_commune_month_where_nothing_arose_scores_88() {
    // Every commune component 0 of 0: 100 − 6 (1.4) − 6 (5.4) = 88; 4.5a and 4.5b full as
    // province-only components. Index 88 / 100 × 100 = 88.00.
    let set = qd766();
    let mut builder =
        Observations::builder("Xã Tân Lập", 2023).period(Period::month(2023, 7).unwrap());
    for (_, id, _, _) in COMPONENTS.iter().filter(|c| !PROVINCE_ONLY.contains(&c.1)) {
        builder = builder.counts(id, 0, 0);
    }
    let obs = builder.build(&set).unwrap();
    let summary = Summary::score(&set, &obs).unwrap();
    assert_eq!(summary.total_points, dec!(88));
    assert_eq!(summary.max_points, dec!(100));
    assert_eq!(summary.index, Some(dec!(88.00)));
    assert_eq!(summary.missing_criteria, 0);
}

#[test]
fn every_assumption_shows_in_the_method_text_and_every_component_says_its_source() {
    let set = qd766();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    for (_, id, _, target) in COMPONENTS {
        let criterion = set.criterion(id).unwrap();
        let line = card.criterion(id).unwrap();
        let (method_vi, method_en) = (line.method.vi(), line.method.en());
        assert!(
            method_vi.starts_with(&format!("Điểm = tối đa × min(1, tỷ lệ ÷ {target}%)")),
            "{id}: {method_vi}"
        );
        assert!(
            method_en.starts_with(&format!("points = max × min(1, rate ÷ {target}%)")),
            "{id}: {method_en}"
        );
        // Verified: the max and T are those published, except 4.2 (one official description
        // says 80%) and 4.4 (no source gives the target).
        let verified = !matches!(id, "4.2" | "4.4");
        assert_eq!(criterion.verified(), Some(verified), "{id}");
        let source = criterion
            .source()
            .unwrap_or_else(|| panic!("{id}: a source"));
        assert!(source.contains("QĐ 766/QĐ-TTg"), "{id}: {source}");
        match id {
            // 1.4's rate of 0 when no record was received is the crate's reading of the
            // portal's rule: stated.
            "1.4" => {
                let assumption = criterion.assumption().unwrap_or_else(|| panic!("{id}"));
                assert!(assumption.vi().contains("năm trước ÷ 12"), "{id}");
                assert!(method_vi.ends_with(&format!("(giả định: {})", assumption.vi())));
                assert!(method_en.ends_with(&format!("(assumption: {})", assumption.en())));
            }
            // The policies the published scores show: no assumption.
            "5.2" | "5.3" | "5.4" => {
                assert_eq!(criterion.assumption(), None, "{id}");
                assert!(!method_vi.contains("giả định"), "{id}: {method_vi}");
                assert!(!method_en.contains("assumption"), "{id}: {method_en}");
            }
            // Full points for a zero denominator: an assumption, stated in the method text.
            _ => {
                let assumption = criterion.assumption().unwrap_or_else(|| panic!("{id}"));
                assert!(
                    method_vi.ends_with(&format!("(giả định: {})", assumption.vi())),
                    "{id}: {method_vi}"
                );
                assert!(
                    method_en.ends_with(&format!("(assumption: {})", assumption.en())),
                    "{id}: {method_en}"
                );
                assert!(
                    method_vi.contains("mẫu số bằng 0 được điểm tối đa (chưa có nguồn xác nhận)"),
                    "{id}: {method_vi}"
                );
                assert!(
                    method_en
                        .contains("a zero denominator earns full points (no source confirms it)"),
                    "{id}: {method_en}"
                );
            }
        }
    }
    // The unverified targets say why, in the method text.
    let method = |id: &str| card.criterion(id).unwrap().method.clone();
    assert!(method("4.2").vi().contains("một mô tả chính thức ghi 80%"));
    assert!(
        method("4.2")
            .en()
            .contains("one official description says 80%")
    );
    assert!(
        method("4.4")
            .en()
            .contains("a target of 100% (no source gives it)")
    );
    // The published policies are named in the source.
    let source = |id: &str| set.criterion(id).unwrap().source().unwrap().to_owned();
    assert!(source("5.2").contains("không phát sinh: điểm tối đa"));
    assert!(source("5.3").contains("không phát sinh: điểm tối đa"));
    assert!(source("5.4").contains("không phát sinh: 0 điểm"));
    // One method in full: 3.3's.
    assert_eq!(
        method("3.3").vi(),
        "Điểm = tối đa × min(1, tỷ lệ ÷ 50%) (giả định: mẫu số bằng 0 được điểm tối đa (chưa có nguồn xác nhận))"
    );
    assert_eq!(method("5.4").en(), "points = max × min(1, rate ÷ 90%)");
}

#[test]
fn at_commune_level_4_5a_and_4_5b_score_full_points_without_an_observation() {
    let set = qd766();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::month(2023, 7).unwrap())
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    for id in PROVINCE_ONLY {
        let line = card.criterion(id).unwrap();
        // Không phát sinh at commune level: full 2 of 2 points, and not missing.
        assert_eq!((line.points, line.max_points), (dec!(2), dec!(2)), "{id}");
        assert_eq!(line.status, Status::NotApplicable, "{id}");
        assert!(!card.missing.iter().any(|m| m == id), "{id}");
        assert_eq!(
            line.explanation.vi(),
            "Chỉ áp dụng cấp tỉnh: không phát sinh, được điểm tối đa 2"
        );
        assert_eq!(
            line.explanation.en(),
            "Applies at the province level only (không phát sinh): full 2 points"
        );
    }
    // The dashboard's practice is unverified: the set's own assumption says so, in the notes.
    let noted: Vec<&str> = card.notes.iter().map(|n| n.vi()).collect();
    assert!(
        noted.contains(
            &"Giả định của bộ tiêu chí: 4.5a, 4.5b chỉ áp dụng cấp tỉnh: ở cấp xã được điểm tối đa như bảng công khai (chưa kiểm chứng); điểm từng chỉ số làm tròn 2 chữ số thập phân trước khi cộng"
        ),
        "{noted:?}"
    );
    assert!(
        card.notes.iter().any(|n| n.en().contains("(unverified)")),
        "{:?}",
        card.notes
    );
    // The province's variant is named for the province, and says nothing about communes.
    let province = cchc::CriteriaSet::preset("qd766-province").unwrap();
    assert!(province.name().ends_with("cấp tỉnh"), "{}", province.name());
    assert!(!province.assumption().unwrap().vi().contains("cấp xã"));
    // Nothing else observed: 4 points (4.5a + 4.5b), the other 19 components missing.
    assert_eq!(card.summary.total_points, dec!(4));
    assert_eq!(card.summary.index, Some(dec!(4.00)));
    assert_eq!(card.missing.len(), 19);
}

#[test]
fn at_commune_level_an_observation_of_4_5a_or_4_5b_is_refused() {
    let set = qd766();
    for id in PROVINCE_ONLY {
        let err = Observations::builder("Xã Tân Lập", 2023)
            .counts(id, 7, 8)
            .build(&set)
            .unwrap_err();
        assert_eq!(err.item(), Some(id));
        assert_eq!(err.kind(), ErrorKind::Mismatch);
        assert!(err.to_string().starts_with(&format!("{id}: ")), "{err}");
        assert!(err.to_string().contains("province"), "{err}");
        // Even không phát sinh, and from a file.
        let file = format!(
            "ward = \"Xã Tân Lập\"\nperiod = \"2023-07\"\n[observations.\"{id}\"]\nnot_applicable = true\n"
        );
        let err = Observations::from_toml(&file, &set).unwrap_err();
        assert_eq!(err.item(), Some(id));
        assert_eq!(err.kind(), ErrorKind::Mismatch);
    }
}

#[test]
fn at_province_level_4_5a_and_4_5b_are_scored_like_the_others() {
    let set = qd766_province();
    // Nothing observed: missing, 0 points, like every other component.
    let empty = Observations::builder("Tỉnh Bắc Ninh", 2023)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &empty).unwrap();
    for id in PROVINCE_ONLY {
        let line = card.criterion(id).unwrap();
        assert_eq!(
            (line.points, line.status),
            (dec!(0), Status::Missing),
            "{id}"
        );
        assert!(card.missing.iter().any(|m| m == id), "{id}");
    }
    assert_eq!(card.missing.len(), 21);
    assert_eq!(card.summary.total_points, dec!(0));
    // Counted: 4.5a 3 of 4 → 2 × 3/4 = 1.50; 4.5b 0 of 0 → full 2 (the assumption).
    let obs = Observations::builder("Tỉnh Bắc Ninh", 2023)
        .counts("4.5a", 3, 4)
        .counts("4.5b", 0, 0)
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    assert_eq!(card.criterion("4.5a").unwrap().points, dec!(1.50));
    assert_eq!(card.criterion("4.5a").unwrap().status, Status::Partial);
    assert_eq!(card.criterion("4.5b").unwrap().points, dec!(2));
    assert_eq!(card.summary.total_points, dec!(3.50));
}

/// The expected points of a scorecard's components, in order.
fn assert_components(card: &Scorecard, expected: &[(&str, Decimal)]) {
    assert_eq!(card.criteria.len(), expected.len());
    for (line, (id, points)) in card.criteria.iter().zip(expected) {
        assert_eq!(line.id.as_str(), *id);
        assert_eq!(line.points, *points, "{id}: {}", line.explanation.en());
    }
}

#[test]
fn a_commune_month_worked_by_hand() -> Result<(), cchc::Error> {
    let set = CriteriaSet::preset("qd766")?;
    let july = Observations::builder("Xã Tân Lập", 2023)
        .period(Period::month(2023, 7)?)
        .counts("1.1", 12, 12) // 100% → 6.00
        .counts("1.2", 11, 12) // 4 × 11/12 = 3.666… → 3.67
        .counts("1.3", 150, 152) // 2 × 150/152 = 1.9736… → 1.97
        .counts("1.4", 141, 150) // 1,800 last year ÷ 12 = 150; 6 × 141/150 = 5.64
        .counts("2.1", 118, 120) // 20 × 118/120 = 19.666… → 19.67
        .counts("3.1", 150, 200) // 75% < 80%: 2 × 75/80 = 1.875 → 1.88
        .counts("3.2", 40, 64) // 4 × 40/64 = 2.5
        .counts("3.3", 45, 120) // 37.5% < 50%: 6 × 37.5/50 = 4.5
        .counts("3.5", 30, 30) // 100% ≥ 80%: 2
        .counts("3.5b", 10, 18) // 55.55…% < 80%: 2 × (10/18) ÷ 0.8 = 100/72 = 1.3888… → 1.39
        .counts("3.6", 21, 70) // 30%: 6 × 0.3 = 1.8
        .counts("4.1", 95, 100) // 6 × 0.95 = 5.7
        .counts("4.2", 108, 120) // 90%: 4 × 0.9 = 3.6
        .counts("4.2b", 1, 1) // the commune offers e-certified copies: 2
        .counts("4.3", 30, 120) // 25% < 80%: 2 × 25/80 = 0.625, a tie → 0.63
        .counts("4.4", 60, 120) // 4 × 0.5 = 2
        // 4.5a, 4.5b: province only, không phát sinh at commune level: 2 each.
        .counts("5.2", 0, 0) // no petitions: full 6
        .counts("5.3", 0, 0) // no petitions: full 6
        .counts("5.4", 105, 120) // 87.5% < 90%: 6 × 87.5/90 = 5.8333… → 5.83
        .build(&set)?;
    let card = Scorecard::score(&set, &july)?;
    assert_components(
        &card,
        &[
            ("1.1", dec!(6.00)),
            ("1.2", dec!(3.67)),
            ("1.3", dec!(1.97)),
            ("1.4", dec!(5.64)),
            ("2.1", dec!(19.67)),
            ("3.1", dec!(1.88)),
            ("3.2", dec!(2.50)),
            ("3.3", dec!(4.50)),
            ("3.5", dec!(2.00)),
            ("3.5b", dec!(1.39)),
            ("3.6", dec!(1.80)),
            ("4.1", dec!(5.70)),
            ("4.2", dec!(3.60)),
            ("4.2b", dec!(2.00)),
            ("4.3", dec!(0.63)),
            ("4.4", dec!(2.00)),
            ("4.5a", dec!(2.00)),
            ("4.5b", dec!(2.00)),
            ("5.2", dec!(6.00)),
            ("5.3", dec!(6.00)),
            ("5.4", dec!(5.83)),
        ],
    );
    let groups: Vec<(&str, Decimal, Decimal)> = card
        .fields
        .iter()
        .map(|g| (g.id.as_str(), g.points, g.max_points))
        .collect();
    assert_eq!(
        groups,
        [
            ("1", dec!(17.28), dec!(18)), // 6.00 + 3.67 + 1.97 + 5.64
            ("2", dec!(19.67), dec!(20)), // 19.67
            ("3", dec!(8.88), dec!(12)),  // 1.88 + 2.50 + 4.50
            ("4", dec!(5.19), dec!(10)),  // 2.00 + 1.39 + 1.80
            ("5", dec!(17.93), dec!(22)), // 5.70 + 3.60 + 2.00 + 0.63 + 2.00 + 2.00 + 2.00
            ("6", dec!(17.83), dec!(18)), // 6.00 + 6.00 + 5.83
        ]
    );
    // 17.28 + 19.67 + 8.88 + 5.19 + 17.93 + 17.83 = 86.78 of 100: index 86.78.
    assert_eq!(card.summary.total_points, dec!(86.78));
    assert_eq!(card.summary.max_points, dec!(100));
    assert_eq!(card.summary.index, Some(dec!(86.78)));
    assert_eq!(card.summary.criteria_points, dec!(86.78));
    assert_eq!(card.summary.missing_criteria, 0);
    assert!(card.missing.is_empty());
    assert_eq!(card.summary.period, Some(Period::month(2023, 7)?));
    assert_eq!(card.summary.year, 2023);
    // No rating bands: none given, and the notes say why.
    assert_eq!(card.summary.band, None);
    assert_eq!(card.summary.appraised_band, None);
    assert!(
        card.notes
            .iter()
            .any(|n| n.vi() == "Bộ tiêu chí không có xếp loại"
                && n.en() == "The criteria set has no rating bands"),
        "{:?}",
        card.notes
    );
    // Statuses judged on exact points.
    let status = |id: &str| card.criterion(id).unwrap().status;
    assert_eq!(status("1.1"), Status::Met);
    assert_eq!(status("3.5"), Status::Met);
    assert_eq!(status("4.3"), Status::Partial);
    assert_eq!(status("5.2"), Status::NotApplicable);
    // 5.4: 105/120 = 87.50%; 90% of 120 is 108: convert 3 records; or add x satisfied ones,
    // (105 + x)/(120 + x) ≥ 0.9 ⇔ 0.1x ≥ 3 ⇔ x ≥ 30.
    let line = card.criterion("5.4").unwrap();
    assert_eq!(line.rate_percent, Some(dec!(87.50)));
    assert_eq!(line.records_to_convert.and_then(|r| r.needed()), Some(3));
    assert_eq!(line.records_to_add.and_then(|r| r.needed()), Some(30));
    // The headline figures alone agree.
    assert_eq!(Summary::score(&set, &july)?, card.summary);
    Ok(())
}

#[test]
fn the_bac_ninh_week_sums_to_92_83() -> Result<(), cchc::Error> {
    // Bắc Ninh's published group scores for one week of late 2025, in the press order:
    // 15.82 + 19.45 + 8.53 + 10 + 17.86 + 21.17 = 92.83. 21.17 is above 18, so it can only be
    // group 5 (digitisation, max 22); 17.86 is then group 6 (satisfaction, max 18). The raw
    // counts are not published: these are built by hand to give exactly those groups. The
    // exact week is not given either: the first week of December 2025 stands for it. Bắc Ninh
    // is a province: 4.5a and 4.5b count.
    let set = CriteriaSet::preset("qd766-province")?;
    let week = Period::custom(d(2025, 12, 1), d(2025, 12, 7))?;
    let obs = Observations::builder("Tỉnh Bắc Ninh", 2025)
        .period(week)
        // Group 1 = 6 + 3.80 + 2 + 4.02 = 15.82
        .counts("1.1", 20, 20) // 6
        .counts("1.2", 19, 20) // 4 × 0.95 = 3.80
        .counts("1.3", 1_800, 1_800) // 2
        .counts("1.4", 670, 1_000) // 6 × 0.67 = 4.02
        // Group 2 = 19.45
        .counts("2.1", 3_890, 4_000) // 20 × 0.9725 = 19.45
        // Group 3 = 2 + 3.20 + 3.33 = 8.53
        .counts("3.1", 1_700, 2_000) // 85% ≥ 80%: 2
        .counts("3.2", 800, 1_000) // 4 × 0.8 = 3.20
        .counts("3.3", 1_110, 4_000) // 27.75% < 50%: 6 × 27.75/50 = 6 × 0.555 = 3.33
        // Group 4 = 2 + 2 + 6 = 10
        .counts("3.5", 450, 500) // 90% ≥ 80%: 2
        .counts("3.5b", 400, 450) // 88.9% ≥ 80%: 2
        .counts("3.6", 1_200, 1_200) // 6
        // Group 5 = 6 + 3.83 + 2 + 2 + 3.34 + 2 + 2 = 21.17
        .counts("4.1", 1_000, 1_000) // 6
        .counts("4.2", 383, 400) // 4 × 0.9575 = 3.83
        .counts("4.2b", 126, 126) // 2
        .counts("4.3", 3_400, 4_000) // 85% ≥ 80%: 2
        .counts("4.4", 334, 400) // 4 × 0.835 = 3.34
        .counts("4.5a", 900, 900) // 2
        .counts("4.5b", 2_000, 2_000) // 2
        // Group 6 = 6 + 5.86 + 6 = 17.86
        .counts("5.2", 40, 40) // 6
        .counts("5.3", 293, 300) // 6 × 293/300 = 1758/300 = 5.86
        .counts("5.4", 3_700, 4_000) // 92.5% ≥ 90%: 6
        .build(&set)?;
    let card = Scorecard::score(&set, &obs)?;
    let groups: Vec<Decimal> = card.fields.iter().map(|g| g.points).collect();
    assert_eq!(
        groups,
        [
            dec!(15.82),
            dec!(19.45),
            dec!(8.53),
            dec!(10),
            dec!(21.17),
            dec!(17.86)
        ]
    );
    // In the press order: 15.82 + 19.45 + 8.53 + 10 + 17.86 + 21.17 = 92.83.
    let press: Decimal = [
        dec!(15.82),
        dec!(19.45),
        dec!(8.53),
        dec!(10),
        dec!(17.86),
        dec!(21.17),
    ]
    .iter()
    .sum();
    assert_eq!(press, dec!(92.83));
    assert_eq!(card.summary.total_points, dec!(92.83));
    assert_eq!(card.summary.index, Some(dec!(92.83)));
    assert_eq!(card.summary.max_points, dec!(100));
    assert_eq!(card.summary.band, None);
    assert_eq!(card.summary.period, Some(week));
    assert_eq!(card.summary.year, 2025);
    Ok(())
}

#[test]
fn at_commune_level_an_appraisal_of_4_5a_is_refused_too() {
    // 4.5a takes no observation at commune level, so no appraisal either: it would lower the
    // appraised total below the full points it scores.
    let set = qd766();
    let err = Observations::builder("Xã Tân Lập", 2023)
        .appraise("4.5a", dec!(1), "không có dữ liệu")
        .build(&set)
        .unwrap_err();
    assert_eq!(
        (err.item(), err.kind()),
        (Some("4.5a"), ErrorKind::Mismatch)
    );
    let file = "ward = \"Xã Tân Lập\"\nperiod = \"2023-07\"\n[appraisals.\"4.5a\"]\npoints = \"1\"\nreason = \"x\"\n";
    let err = Observations::from_toml(file, &set).unwrap_err();
    assert_eq!(err.item(), Some("4.5a"), "{err}");
}
