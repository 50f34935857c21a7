//! What a province's commune index needs, on small sets written here: a survey part and a
//! year without a survey, bonus and penalty points with their caps, the index over the set's
//! own maximum, bands that belong to the set (or none), and every authoring mistake named by
//! its criterion and key.

use cchc::criteria::presets::qd766;
use cchc::{CriteriaSet, Error, ErrorKind, Observations, Scorecard, Status, Summary};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// A two-part commune set: 70 points self-assessed and appraised, 30 from a sociological
/// survey (điều tra xã hội học), with Cao Bằng's bands.
const TWO_PARTS: &str = r#"
name = "Chỉ số CCHC cấp xã (thử nghiệm): hai phần"
level = "commune"

[[bands]]
label_vi = "Tốt"
label_en = "Good"
from = "90"
to = "100"

[[bands]]
label_vi = "Khá"
label_en = "Fair"
from = "70"
to = "90"

[[bands]]
label_vi = "Trung bình"
label_en = "Average"
from = "50"
to = "70"

[[bands]]
label_vi = "Kém"
label_en = "Poor"
from = "0"
to = "50"

[[fields]]
id = "TD"
label_vi = "Điểm tự đánh giá, thẩm định"
label_en = "Self-assessed and appraised points"

[[fields.criteria]]
id = "TD.1"
label_vi = "Tỷ lệ hồ sơ giải quyết đúng hạn"
label_en = "Records handled on time"
max_points = "40"
measure_vi = "hồ sơ đúng hạn"
measure_en = "records on time"
rule = { kind = "prop", percent = "90" }

[[fields.criteria]]
id = "TD.2"
label_vi = "Số cuộc họp, giao ban về CCHC"
label_en = "Meetings on administrative reform"
max_points = "30"
rule = { kind = "count_steps", steps = [{ at_least = 4, points = "30" }, { at_least = 3, points = "20" }, { at_least = 2, points = "10" }, { at_least = 1, points = "5" }] }

[[fields]]
id = "DT"
label_vi = "Điều tra xã hội học"
label_en = "Sociological survey"
survey = true

[[fields.criteria]]
id = "DT.1"
label_vi = "Mức độ hài lòng của người dân"
label_en = "Citizens' satisfaction"
max_points = "30"
measure_vi = "phiếu hài lòng"
measure_en = "satisfied answers"
rule = { kind = "rate" }
"#;

/// A set of 20 points with bonus points capped at 2 and penalty points capped at 3, and no
/// bands.
const ADJUSTED: &str = r#"
name = "Bộ tiêu chí có điểm thưởng, điểm trừ (thử nghiệm)"

[bonus]
label_vi = "Điểm thưởng"
label_en = "Bonus points"
max_points = "2"

[penalty]
label_vi = "Điểm trừ"
label_en = "Penalty points"
max_points = "3"

[[fields]]
id = "I"
label_vi = "Công tác chỉ đạo, điều hành"
label_en = "Direction"

[[fields.criteria]]
id = "I.1"
label_vi = "Tỷ lệ báo cáo đúng hạn"
label_en = "Reports on time"
max_points = "10"
rule = { kind = "prop", percent = "100" }

[[fields.criteria]]
id = "I.2"
label_vi = "Kiểm tra CCHC"
label_en = "Reform inspections"
max_points = "10"
rule = { kind = "assessor" }
"#;

fn two_parts() -> CriteriaSet {
    CriteriaSet::from_toml(TWO_PARTS).unwrap()
}

fn adjusted() -> CriteriaSet {
    CriteriaSet::from_toml(ADJUSTED).unwrap()
}

/// The commune's year: TD.1 72 of 90 records on time, 3 meetings, 170 of 200 satisfied.
fn two_parts_year(survey: Option<bool>) -> cchc::observations::ObservationsBuilder {
    let builder = Observations::builder("Xã Tân Lập", 2023)
        .counts("TD.1", 72, 90)
        .count("TD.2", 3);
    match survey {
        Some(false) => builder.survey(false),
        Some(true) => builder.survey(true).counts("DT.1", 170, 200),
        None => builder.counts("DT.1", 170, 200),
    }
}

#[test]
fn a_set_declares_its_survey_part() {
    let set = two_parts();
    assert_eq!(set.max_points(), dec!(100));
    assert_eq!(set.survey_points(), dec!(30));
    let survey: Vec<bool> = set.fields().iter().map(|f| f.is_survey()).collect();
    assert_eq!(survey, [false, true]);
    // Written back, the survey flag stays.
    assert_eq!(
        CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap(),
        set
    );
    assert_eq!(
        CriteriaSet::from_json(&set.to_json().unwrap()).unwrap(),
        set
    );
    // A set without one.
    assert_eq!(adjusted().survey_points(), dec!(0));
}

#[test]
fn with_the_survey_held_every_part_counts() -> Result<(), Error> {
    let set = two_parts();
    for survey in [None, Some(true)] {
        let obs = two_parts_year(survey).build(&set)?;
        let card = Scorecard::score(&set, &obs)?;
        // TD.1: 72/90 = 80% < 90%: 40 × 80/90 = 35.555… → 35.56.
        // TD.2: 3 meetings reach the ≥ 3 step: 20.
        // DT.1: 170/200 = 85%: 30 × 0.85 = 25.50.
        // 35.56 + 20 + 25.50 = 81.06 of 100: index 81.06, Khá (70 to < 90).
        let points: Vec<Decimal> = card.criteria.iter().map(|c| c.points).collect();
        assert_eq!(points, [dec!(35.56), dec!(20), dec!(25.50)]);
        let dt = card.criterion("DT.1").unwrap();
        assert_eq!((dt.max_points, dt.status), (dec!(30), Status::Partial));
        assert_eq!(
            dt.explanation.vi(),
            "170/200 phiếu hài lòng = 85,00%; điểm = 30 × 85,00% = 25,50"
        );
        assert_eq!(card.field("DT").unwrap().points, dec!(25.50));
        assert_eq!(card.summary.total_points, dec!(81.06));
        assert_eq!(card.summary.max_points, dec!(100));
        assert_eq!(card.summary.index, Some(dec!(81.06)));
        assert_eq!(card.summary.band.as_ref().map(|b| b.vi()), Some("Khá"));
        // One note: the survey's share (DT.1's 25.50 of 30); nothing about bands.
        let notes: Vec<(&str, &str)> = card.notes.iter().map(|n| (n.vi(), n.en())).collect();
        assert_eq!(
            notes,
            [(
                "Phần điều tra xã hội học: 25,50/30 điểm, theo kết quả điều tra",
                "Sociological survey part: 25.50 of 30 points, from the survey's results"
            )]
        );
    }
    Ok(())
}

#[test]
fn the_survey_held_is_explained_in_the_notes() {
    let set = two_parts();
    let obs = two_parts_year(Some(true)).build(&set).unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    // 25.50 of the 30 survey points counted, within the maximum of 100.
    assert!(
        card.notes
            .iter()
            .any(|n| n.vi().contains("điều tra xã hội học") && n.en().contains("survey")),
        "{:?}",
        card.notes
    );
}

#[test]
fn without_a_survey_the_index_is_over_the_rest_of_the_maximum() -> Result<(), Error> {
    let set = two_parts();
    let built = two_parts_year(Some(false)).build(&set)?;
    let file = Observations::from_toml(
        "ward = \"Xã Tân Lập\"\nyear = 2023\nsurvey = false\n\
         [observations.\"TD.1\"]\nnumerator = 72\ndenominator = 90\n\
         [observations.\"TD.2\"]\ncount = 3\n",
        &set,
    )?;
    assert_eq!(file, built);
    assert_eq!(file.survey(), Some(false));
    // Written back with its flag.
    assert!(file.to_toml()?.contains("survey = false"));
    assert_eq!(Observations::from_json(&file.to_json()?, &set)?, file);
    let card = Scorecard::score(&set, &file)?;
    // The survey part (30 points) is left out: the maximum is 40 + 30 = 70.
    // 35.56 + 20 = 55.56 of 70: index 55.56/70 × 100 = 79.3714… → 79.37, Khá.
    let dt = card.criterion("DT.1").unwrap();
    assert_eq!((dt.points, dt.max_points), (dec!(0), dec!(0)));
    assert_eq!(dt.status, Status::NotApplicable);
    assert_eq!(
        dt.explanation.vi(),
        "Không tổ chức điều tra xã hội học: không tính vào tổng điểm tối đa"
    );
    assert_eq!(
        dt.explanation.en(),
        "No sociological survey this year: left out of the maximum"
    );
    assert!(!card.missing.iter().any(|m| m == "DT.1"));
    let field = card.field("DT").unwrap();
    assert_eq!((field.points, field.max_points), (dec!(0), dec!(0)));
    assert_eq!(card.summary.criteria_points, dec!(55.56));
    assert_eq!(card.summary.total_points, dec!(55.56));
    assert_eq!(card.summary.max_points, dec!(70));
    assert_eq!(card.summary.index, Some(dec!(79.37)));
    assert_eq!(card.summary.band.as_ref().map(|b| b.en()), Some("Fair"));
    assert_eq!(card.summary.missing_criteria, 0);
    assert_eq!(card.notes.len(), 1, "{:?}", card.notes);
    assert_eq!(
        card.notes[0].vi(),
        "Không tổ chức điều tra xã hội học: phần điều tra (30 điểm) không tính; chỉ số tính trên tổng điểm tối đa 70"
    );
    assert_eq!(
        card.notes[0].en(),
        "No sociological survey this year: its 30 points are left out; the index is over a maximum of 70"
    );
    assert_eq!(Summary::score(&set, &file)?, card.summary);
    Ok(())
}

#[test]
fn without_a_survey_the_appraised_points_are_scaled_too() -> Result<(), Error> {
    let set = two_parts();
    let obs = two_parts_year(Some(false))
        .appraise(
            "TD.1",
            dec!(30),
            "Số liệu hồ sơ đúng hạn chưa khớp với hệ thống",
        )
        .build(&set)?;
    let summary = Summary::score(&set, &obs)?;
    // Appraised: 30 + 20 = 50 of 70: 50/70 × 100 = 71.428… → 71.43, Khá.
    assert_eq!(summary.appraised_total_points, dec!(50));
    assert_eq!(summary.appraised_index, Some(dec!(71.43)));
    assert_eq!(summary.appraised_band.as_ref().map(|b| b.vi()), Some("Khá"));
    // Self-assessed unchanged: 79.37.
    assert_eq!(summary.index, Some(dec!(79.37)));
    Ok(())
}

#[test]
fn a_survey_not_held_takes_no_survey_observation_and_a_set_without_one_no_flag() {
    let set = two_parts();
    let err = two_parts_year(Some(false))
        .counts("DT.1", 170, 200)
        .build(&set)
        .unwrap_err();
    assert_eq!(err.item(), Some("DT.1"));
    assert_eq!(err.kind(), ErrorKind::Mismatch);
    assert!(err.to_string().contains("survey"), "{err}");
    let err = Observations::from_toml(
        "ward = \"Xã Tân Lập\"\nyear = 2023\nsurvey = false\n[observations.\"DT.1\"]\nnumerator = 1\ndenominator = 2\n",
        &set,
    )
    .unwrap_err();
    assert_eq!(err.item(), Some("DT.1"));
    // A set with no survey part takes no survey flag.
    let err = Observations::builder("Xã Tân Lập", 2023)
        .survey(false)
        .build(&qd766())
        .unwrap_err();
    assert_eq!(err.item(), Some("survey"));
    assert_eq!(err.kind(), ErrorKind::Mismatch);
    let err = Observations::from_toml(
        "ward = \"Xã Tân Lập\"\nyear = 2023\nsurvey = true\n",
        &adjusted(),
    )
    .unwrap_err();
    assert_eq!(err.item(), Some("survey"));
}

#[test]
fn bonus_and_penalty_points_are_kept_apart_and_capped() -> Result<(), Error> {
    let set = adjusted();
    assert_eq!(set.bonus().map(|b| b.max_points()), Some(dec!(2)));
    assert_eq!(set.penalty().map(|p| p.max_points()), Some(dec!(3)));
    let obs = Observations::from_toml(
        r#"
ward = "Xã Tân Lập"
year = 2023

[observations."I.1"]
numerator = 13
denominator = 20

[observations."I.2"]
points = "5"

[[bonus]]
points = "1.5"
reason = "Mô hình một cửa điện tử được UBND tỉnh công nhận"

[[bonus]]
points = "1"
reason = "Sáng kiến cải tiến quy trình"

[[penalty]]
points = "0.5"
reason = "Chậm nộp báo cáo định kỳ"
"#,
        &set,
    )?;
    assert_eq!(obs.bonus().len(), 2);
    assert_eq!(obs.penalties().len(), 1);
    assert_eq!(Observations::from_toml(&obs.to_toml()?, &set)?, obs);
    let card = Scorecard::score(&set, &obs)?;
    // I.1: 13/20 → 10 × 0.65 = 6.50; I.2: the assessor's 5. Criteria: 11.50.
    // Bonus: 1.5 + 1 = 2.5, capped at 2. Penalty: 0.5 (cap 3).
    // Total: 11.50 + 2 − 0.5 = 13.00 of 20: index 13/20 × 100 = 65.00 — over the set's own
    // maximum, not 100.
    assert_eq!(card.summary.criteria_points, dec!(11.50));
    assert_eq!(card.summary.bonus_points, dec!(2));
    assert_eq!(card.summary.penalty_points, dec!(0.5));
    assert_eq!(card.summary.total_points, dec!(13.00));
    assert_eq!(card.summary.max_points, dec!(20));
    assert_eq!(card.summary.index, Some(dec!(65.00)));
    // Read back, the card holds together: 11.50 + 2 − 0.5 = 13.00.
    assert_eq!(Scorecard::from_json(&card.to_json()?)?, card);
    // The criteria's lines and fields hold the criteria's points alone.
    assert_eq!(card.field("I").unwrap().points, dec!(11.50));
    let lines: Decimal = card.criteria.iter().map(|c| c.points).sum();
    assert_eq!(lines, dec!(11.50));
    let notes: Vec<(&str, &str)> = card.notes.iter().map(|n| (n.vi(), n.en())).collect();
    assert_eq!(
        notes,
        [
            (
                "Điểm thưởng: 2 (tối đa 2) — Mô hình một cửa điện tử được UBND tỉnh công nhận; Sáng kiến cải tiến quy trình",
                "Bonus points: 2 (at most 2) — Mô hình một cửa điện tử được UBND tỉnh công nhận; Sáng kiến cải tiến quy trình",
            ),
            (
                "Điểm trừ: 0,5 (tối đa 3) — Chậm nộp báo cáo định kỳ",
                "Penalty points: 0.5 (at most 3) — Chậm nộp báo cáo định kỳ",
            ),
            (
                "Tổng điểm = 11,50 + 2 − 0,5, trong khoảng 0 đến 20: 13,00",
                "Total = 11.50 + 2 − 0.5, kept within 0 and 20: 13.00",
            ),
            (
                "Bộ tiêu chí không có xếp loại",
                "The criteria set has no rating bands",
            ),
        ]
    );
    assert_eq!(Summary::score(&set, &obs)?, card.summary);
    Ok(())
}

#[test]
fn the_appraised_total_takes_the_same_bonus_and_penalty() -> Result<(), Error> {
    let set = adjusted();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .counts("I.1", 13, 20)
        .points("I.2", dec!(5))
        .appraise("I.2", dec!(3), "Chưa có biên bản kiểm tra")
        .bonus(dec!(1.5), "Mô hình")
        .bonus(dec!(1), "Sáng kiến")
        .penalty(dec!(0.5), "Chậm báo cáo")
        .build(&set)?;
    let summary = Summary::score(&set, &obs)?;
    // Appraised criteria: 6.50 + 3 = 9.50; + 2 − 0.5 = 11.00 of 20: index 55.00.
    assert_eq!(summary.appraised_total_points, dec!(11.00));
    assert_eq!(summary.appraised_index, Some(dec!(55.00)));
    assert_eq!(summary.total_points, dec!(13.00));
    Ok(())
}

#[test]
fn the_total_never_goes_above_the_maximum() -> Result<(), Error> {
    let set = adjusted();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .counts("I.1", 20, 20)
        .points("I.2", dec!(9.5))
        .bonus(dec!(1), "Mô hình")
        .build(&set)?;
    let card = Scorecard::score(&set, &obs)?;
    // 10 + 9.50 = 19.50; + 1 bonus = 20.50, kept at the maximum 20: index 100.00.
    assert_eq!(card.summary.criteria_points, dec!(19.50));
    assert_eq!(card.summary.bonus_points, dec!(1));
    assert_eq!(card.summary.penalty_points, dec!(0));
    assert_eq!(card.summary.total_points, dec!(20));
    assert_eq!(card.summary.index, Some(dec!(100.00)));
    assert!(
        card.notes
            .iter()
            .any(|n| n.en() == "Total = 19.50 + 1 − 0, kept within 0 and 20: 20"),
        "{:?}",
        card.notes
    );
    Ok(())
}

#[test]
fn the_total_never_goes_below_zero() -> Result<(), Error> {
    let set = adjusted();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .counts("I.1", 1, 20)
        .points("I.2", dec!(0))
        .penalty(dec!(2), "Chậm nộp báo cáo")
        .penalty(dec!(2), "Để xảy ra sai sót")
        .build(&set)?;
    let card = Scorecard::score(&set, &obs)?;
    // 10 × 1/20 = 0.50; penalty 2 + 2 = 4, capped at 3; 0.50 − 3 < 0, kept at 0: index 0.00.
    assert_eq!(card.summary.criteria_points, dec!(0.50));
    assert_eq!(card.summary.penalty_points, dec!(3));
    assert_eq!(card.summary.total_points, dec!(0));
    assert_eq!(card.summary.index, Some(dec!(0.00)));
    assert!(
        card.notes
            .iter()
            .any(|n| n.vi() == "Điểm trừ: 3 (tối đa 3) — Chậm nộp báo cáo; Để xảy ra sai sót"),
        "{:?}",
        card.notes
    );
    Ok(())
}

#[test]
fn bonus_or_penalty_points_in_a_set_without_them_are_refused() {
    // QĐ 766 has neither.
    let err = Observations::builder("Xã Tân Lập", 2023)
        .bonus(dec!(1), "Mô hình")
        .build(&qd766())
        .unwrap_err();
    assert_eq!(err.item(), Some("bonus"));
    assert_eq!(err.kind(), ErrorKind::Mismatch);
    assert_eq!(err.to_string(), "bonus: the criteria set has no bonus");
    let err = Observations::builder("Xã Tân Lập", 2023)
        .penalty(dec!(1), "Chậm báo cáo")
        .build(&two_parts())
        .unwrap_err();
    assert_eq!(err.item(), Some("penalty"));
    let err = Observations::from_toml(
        "ward = \"Xã Tân Lập\"\nyear = 2023\n[[bonus]]\npoints = \"1\"\nreason = \"Mô hình\"\n",
        &qd766(),
    )
    .unwrap_err();
    assert_eq!(err.item(), Some("bonus"));
}

#[test]
fn bonus_points_must_be_written_exactly_and_not_negative() {
    let set = adjusted();
    let file = |points: &str| {
        format!(
            "ward = \"Xã Tân Lập\"\nyear = 2023\n[[bonus]]\npoints = {points}\nreason = \"Mô hình\"\n"
        )
    };
    for bad in ["\"-1\"", "1.5", "\"1.5.0\""] {
        let err = Observations::from_toml(&file(bad), &set).unwrap_err();
        assert_eq!(err.item(), Some("bonus"), "{bad}: {err}");
        assert_eq!(err.key(), Some("points"), "{bad}: {err}");
    }
    let err = Observations::builder("Xã Tân Lập", 2023)
        .penalty(dec!(-0.5), "Âm")
        .build(&set)
        .unwrap_err();
    assert_eq!(err.item(), Some("penalty"));
}

#[test]
fn a_set_without_bands_has_no_band_and_says_so() -> Result<(), Error> {
    let set = adjusted();
    assert!(set.bands().is_empty());
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .counts("I.1", 20, 20)
        .points("I.2", dec!(10))
        .build(&set)?;
    let card = Scorecard::score(&set, &obs)?;
    // 20 of 20: index 100.00, and still no band.
    assert_eq!(card.summary.index, Some(dec!(100.00)));
    assert_eq!(card.summary.band, None);
    assert_eq!(card.summary.appraised_band, None);
    assert_eq!(card.notes.len(), 1);
    assert_eq!(card.notes[0].vi(), "Bộ tiêu chí không có xếp loại");
    assert_eq!(card.notes[0].en(), "The criteria set has no rating bands");
    // A set's own bands: the two-part set's Cao Bằng bands; no such note.
    let set = two_parts();
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .counts("TD.1", 90, 90)
        .count("TD.2", 4)
        .counts("DT.1", 200, 200)
        .build(&set)?;
    let card = Scorecard::score(&set, &obs)?;
    // 40 + 30 + 30 = 100: Tốt (≥ 90, 100 included).
    assert_eq!(card.summary.index, Some(dec!(100.00)));
    assert_eq!(card.summary.band.as_ref().map(|b| b.vi()), Some("Tốt"));
    // Only the survey's share (30 of 30) is noted, nothing about bands.
    assert_eq!(card.notes.len(), 1, "{:?}", card.notes);
    assert_eq!(
        card.notes[0].vi(),
        "Phần điều tra xã hội học: 30,00/30 điểm, theo kết quả điều tra"
    );
    Ok(())
}

/// A small valid set to make authoring mistakes in.
const AUTHORED: &str = r#"
name = "Bộ tiêu chí của tỉnh (thử nghiệm)"

[[bands]]
label_vi = "Đạt"
label_en = "Pass"
from = "50"
to = "100"

[[bands]]
label_vi = "Chưa đạt"
label_en = "Fail"
from = "0"
to = "50"

[[fields]]
id = "A"
label_vi = "Chỉ đạo, điều hành"
label_en = "Direction"

[[fields.criteria]]
id = "A.1"
label_vi = "Số cuộc họp về CCHC"
label_en = "Meetings on administrative reform"
max_points = "20"
rule = { kind = "count_steps", steps = [{ at_least = 4, points = "20" }, { at_least = 2, points = "10" }] }

[[fields.criteria]]
id = "A.2"
label_vi = "Tỷ lệ hồ sơ trực tuyến"
label_en = "Records filed online"
max_points = "10"
rule = { kind = "prop", percent = "50" }

[[fields.criteria]]
id = "A.3"
label_vi = "Ban hành kế hoạch CCHC"
label_en = "Reform plan issued"
max_points = "4"
rule = { kind = "deadline", date = 2023-03-31, wording = "by", late_share = "0.5", late_until = 2023-12-31 }

[[fields.criteria]]
id = "A.4"
label_vi = "Tuyên truyền CCHC"
label_en = "Reform outreach"
max_points = "6"

[[fields.criteria.children]]
id = "A.4a"
label_vi = "Có kế hoạch tuyên truyền"
label_en = "Outreach plan"
max_points = "3"
rule = { kind = "done" }

[[fields.criteria.children]]
id = "A.4b"
label_vi = "Có chuyên mục trên trang thông tin"
label_en = "Web column"
max_points = "3"
rule = { kind = "done" }

[[fields.criteria]]
id = "A.5"
label_vi = "Người đứng đầu chủ trì đối thoại"
label_en = "Who chaired the dialogue"
max_points = "4"
rule = { kind = "categories", options = [{ key = "head", label_vi = "Chủ tịch", label_en = "Chairman", share = "1" }, { key = "deputy", label_vi = "Phó Chủ tịch", label_en = "Deputy", share = "0.5" }] }
"#;

/// `AUTHORED` with `from` replaced by `to`, which must be in it exactly once.
fn mistake(from: &str, to: &str) -> String {
    assert_eq!(AUTHORED.matches(from).count(), 1, "{from}");
    AUTHORED.replacen(from, to, 1)
}

/// The problem of `err` (or `err` itself, when it lists none) that names `item`, and the
/// problem's key.
fn problem_of<'a>(err: &'a Error, item: &str) -> Option<&'a Error> {
    if err.problems().is_empty() {
        (err.item() == Some(item)).then_some(err)
    } else {
        err.problems().iter().find(|p| p.item() == Some(item))
    }
}

/// The file is refused with a problem named by `item` and a key among `keys`, its message
/// starting with the item.
fn assert_named(text: &str, item: &str, keys: &[&str]) -> Error {
    let err = CriteriaSet::from_toml(text).unwrap_err();
    let problem = problem_of(&err, item).unwrap_or_else(|| panic!("{item} not named: {err}"));
    assert!(
        problem.key().is_some_and(|k| keys.contains(&k)),
        "{item}: key {:?}, expected one of {keys:?}: {problem}",
        problem.key()
    );
    assert!(
        problem.to_string().starts_with(&format!("{item}: ")),
        "{problem}"
    );
    problem.clone()
}

#[test]
fn the_authored_set_is_valid() {
    let set = CriteriaSet::from_toml(AUTHORED).unwrap();
    assert_eq!(set.max_points(), dec!(44)); // 20 + 10 + 4 + 6 + 4
    assert_eq!(set.leaves().count(), 6);
}

#[test]
fn a_step_above_the_maximum_is_named() {
    let text = mistake(
        r#"at_least = 4, points = "20""#,
        r#"at_least = 4, points = "25""#,
    );
    // The step (25) and the maximum (20) disagree: either key is where to look.
    let problem = assert_named(&text, "A.1", &["steps", "points", "max_points"]);
    assert_eq!(problem.kind(), ErrorKind::InvalidValue);
    assert!(problem.to_string().contains("25"), "{problem}");
}

#[test]
fn steps_out_of_order_are_named() {
    let text = mistake(
        r#"{ at_least = 4, points = "20" }, { at_least = 2, points = "10" }"#,
        r#"{ at_least = 2, points = "10" }, { at_least = 4, points = "20" }"#,
    );
    let problem = assert_named(&text, "A.1", &["steps"]);
    assert!(problem.to_string().contains("not ordered"), "{problem}");
}

#[test]
fn children_not_adding_up_are_named() {
    let text = mistake(
        "id = \"A.4b\"\nlabel_vi = \"Có chuyên mục trên trang thông tin\"\nlabel_en = \"Web column\"\nmax_points = \"3\"",
        "id = \"A.4b\"\nlabel_vi = \"Có chuyên mục trên trang thông tin\"\nlabel_en = \"Web column\"\nmax_points = \"2\"",
    );
    // 3 + 2 = 5, not A.4's 6.
    let problem = assert_named(&text, "A.4", &["max_points", "children"]);
    assert_eq!(
        problem.to_string(),
        "A.4: sub-criteria add up to 5 points, not the maximum of 6"
    );
}

#[test]
fn a_share_above_1_is_named() {
    let text = mistake(r#"late_share = "0.5""#, r#"late_share = "1.5""#);
    let problem = assert_named(&text, "A.3", &["late_share"]);
    assert_eq!(problem.to_string(), "A.3: share 1.5 is outside 0 to 1");
    let text = mistake(r#"share = "0.5" }"#, r#"share = "2" }"#);
    assert_named(&text, "A.5", &["share", "options"]);
}

#[test]
fn an_unknown_rule_kind_is_named() {
    // "A.2: cannot read TOML at line 33, column 17: unknown variant `proportional`, …".
    let text = mistake(r#"kind = "prop""#, r#"kind = "proportional""#);
    assert_named(&text, "A.2", &["kind", "rule"]);
}

#[test]
fn an_unknown_rule_kind_is_refused_with_its_line() {
    // What can be checked today: refused, with where it is and what is allowed.
    let text = mistake(r#"kind = "prop""#, r#"kind = "proportional""#);
    let err = CriteriaSet::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    // A.2's rule is on line 33 of the text (which starts with an empty line).
    assert_eq!(err.line(), Some(33));
    assert!(err.to_string().contains("`proportional`"), "{err}");
    assert!(err.to_string().contains("`prop`"), "{err}");
}

#[test]
fn an_unknown_key_is_named() {
    let text = mistake("id = \"A.2\"\n", "id = \"A.2\"\nweight = \"2\"\n");
    assert_named(&text, "A.2", &["weight"]);
}

#[test]
fn an_unknown_key_is_refused_with_its_key_and_line() {
    let text = mistake("id = \"A.2\"\n", "id = \"A.2\"\nweight = \"2\"\n");
    let err = CriteriaSet::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownKey);
    assert_eq!(err.key(), Some("weight"));
    // `weight` is written on line 30, after A.2's id on line 29.
    assert_eq!(err.line(), Some(30));
    // In a rule, too.
    let text = mistake(r#"kind = "prop", percent"#, r#"kind = "prop", target"#);
    let err = CriteriaSet::from_toml(&text).unwrap_err();
    assert_eq!(
        (err.kind(), err.key()),
        (ErrorKind::UnknownKey, Some("target"))
    );
}

#[test]
fn a_float_is_named() {
    let text = mistake(r#"max_points = "10""#, "max_points = 10.5");
    let problem = assert_named(&text, "A.2", &["max_points"]);
    assert!(problem.to_string().contains("float"), "{problem}");
    let text = mistake(r#"percent = "50""#, "percent = 50.0");
    assert_named(&text, "A.2", &["percent"]);
}

#[test]
fn a_date_that_does_not_exist_is_named() {
    // Written as a string: 30 February 2023 does not exist.
    let text = mistake("date = 2023-03-31", "date = \"2023-02-30\"");
    let problem = assert_named(&text, "A.3", &["date"]);
    assert_eq!(problem.value().as_deref(), Some("\"2023-02-30\""));
    let text = mistake("late_until = 2023-12-31", "late_until = \"2023-11-31\"");
    assert_named(&text, "A.3", &["late_until"]);
}

#[test]
fn a_date_literal_that_does_not_exist_is_named() {
    let text = mistake("date = 2023-03-31", "date = 2023-02-30");
    assert_named(&text, "A.3", &["date"]);
}

#[test]
fn a_target_of_0_percent_is_named() {
    let text = mistake(r#"percent = "50""#, r#"percent = "0""#);
    let problem = assert_named(&text, "A.2", &["percent"]);
    assert!(problem.to_string().contains("always met"), "{problem}");
}

#[test]
fn duplicate_ids_are_named() {
    let text = mistake("id = \"A.2\"", "id = \"A.1\"");
    let problem = assert_named(&text, "A.1", &["id"]);
    assert_eq!(problem.kind(), ErrorKind::DuplicateId);
    // A sub-criterion with its parent's sibling's id.
    let text = mistake("id = \"A.4b\"", "id = \"A.3\"");
    assert_named(&text, "A.3", &["id"]);
}

#[test]
fn bands_that_overlap_are_named() {
    let text = mistake("from = \"50\"", "from = \"45\"");
    let problem = assert_named(&text, "bands", &["bands"]);
    assert_eq!(
        problem.to_string(),
        "bands: rating bands Chưa đạt (0 to 50) and Đạt (45 to 100) overlap"
    );
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let text = AUTHORED
        .replacen(
            r#"at_least = 2, points = "10""#,
            r#"at_least = 2, points = "25""#,
            1,
        )
        .replacen(r#"percent = "50""#, r#"percent = "0""#, 1)
        .replacen(r#"late_share = "0.5""#, r#"late_share = "1.5""#, 1)
        .replacen("date = 2023-03-31", "date = \"2023-02-30\"", 1)
        .replacen(r#"share = "0.5" }"#, "share = 0.5 }", 1)
        .replacen("from = \"50\"", "from = \"45\"", 1)
        .replacen("id = \"A.4b\"", "id = \"A.4a\"", 1);
    let err = CriteriaSet::from_toml(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidSet);
    let named: Vec<(Option<&str>, Option<&str>)> =
        err.problems().iter().map(|p| (p.item(), p.key())).collect();
    for expected in [
        ("A.1", "steps"),      // 25 after 20: out of order, and above the maximum
        ("A.2", "percent"),    // a target of 0%
        ("A.3", "late_share"), // 1.5
        ("A.3", "date"),       // 30 February
        ("A.5", "share"),      // a float
        ("A.4a", "id"),        // given twice
        ("bands", "bands"),    // overlap
    ] {
        assert!(
            named.contains(&(Some(expected.0), Some(expected.1))),
            "{expected:?} in {named:?}"
        );
    }
    assert!(err.to_string().starts_with("criteria set has"), "{err}");
}

#[test]
fn a_step_above_the_maximum_keeps_its_key_beside_other_problems() {
    // Steps 20 then 25: out of order, and 25 is above A.1's maximum of 20.
    let text = mistake(
        r#"at_least = 2, points = "10""#,
        r#"at_least = 2, points = "25""#,
    );
    let err = CriteriaSet::from_toml(&text).unwrap_err();
    let above = err
        .problems()
        .iter()
        .find(|p| p.item() == Some("A.1") && p.to_string().contains("above the maximum"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        matches!(above.key(), Some("steps" | "points" | "max_points")),
        "{above}: key {:?}",
        above.key()
    );
}

#[test]
fn json_mistakes_are_named_too() {
    let json = CriteriaSet::from_toml(AUTHORED).unwrap().to_json().unwrap();
    // An unknown key in A.2.
    let bad = json.replacen("\"id\": \"A.2\",", "\"id\": \"A.2\", \"weight\": \"2\",", 1);
    assert_ne!(bad, json);
    let err = CriteriaSet::from_json(&bad).unwrap_err();
    assert_eq!(
        (err.kind(), err.item(), err.key()),
        (ErrorKind::UnknownKey, Some("A.2"), Some("weight"))
    );
    assert!(
        err.to_string().starts_with("A.2: cannot read JSON at line"),
        "{err}"
    );
    // A rule kind that does not exist, in A.2 (the first "prop" rule of the set).
    let bad = json.replacen("\"kind\": \"prop\"", "\"kind\": \"proportional\"", 1);
    assert_ne!(bad, json);
    let err = CriteriaSet::from_json(&bad).unwrap_err();
    assert_eq!(
        (err.item(), err.key()),
        (Some("A.2"), Some("kind")),
        "{err}"
    );
    // Trailing text after the set is refused as before.
    let err = CriteriaSet::from_json(&format!("{json} x")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
}

#[test]
fn keys_a_rule_does_not_take_are_refused() {
    // "done" reads done / not done: a percent means nothing there.
    let text = mistake(
        "max_points = \"3\"\nrule = { kind = \"done\" }\n\n[[fields.criteria.children]]\nid = \"A.4b\"",
        "max_points = \"3\"\nrule = { kind = \"done\", percent = \"5\" }\n\n[[fields.criteria.children]]\nid = \"A.4b\"",
    );
    let problem = assert_named(&text, "A.4a", &["percent"]);
    assert_eq!(problem.kind(), ErrorKind::UnknownKey);
}

#[test]
fn a_text_in_one_language_only_is_refused() {
    let text = mistake(
        "max_points = \"10\"\n",
        "max_points = \"10\"\nassumption_vi = \"mục tiêu 50% là giả định\"\n",
    );
    let problem = assert_named(&text, "A.2", &["assumption_en"]);
    assert_eq!(problem.kind(), ErrorKind::MissingKey);
    assert_eq!(
        problem.to_string(),
        "A.2: `assumption_vi` is given without `assumption_en`: give the text in both languages"
    );
    let text = mistake(
        "max_points = \"10\"\n",
        "max_points = \"10\"\nmeasure_en = \"records filed online\"\n",
    );
    assert_named(&text, "A.2", &["measure_vi"]);
}

#[test]
fn a_level_that_does_not_exist_is_refused() {
    // A typo in a criterion's levels would make it không phát sinh everywhere.
    let text = mistake(
        "max_points = \"10\"\n",
        "max_points = \"10\"\nlevels = [\"tinh\"]\n",
    );
    let problem = assert_named(&text, "A.2", &["levels"]);
    assert_eq!(problem.value().as_deref(), Some("\"tinh\""));
    // And in the set's own level.
    let text = AUTHORED.replacen(
        "name = \"Bộ tiêu chí của tỉnh (thử nghiệm)\"\n",
        "name = \"Bộ tiêu chí của tỉnh (thử nghiệm)\"\nlevel = \"xa\"\n",
        1,
    );
    let err = CriteriaSet::from_toml(&text).unwrap_err();
    assert!(
        err.problems().iter().any(|p| p.key() == Some("level")),
        "{err}"
    );
    // The four levels are read.
    for level in ["ministry", "province", "district", "commune"] {
        let text = mistake(
            "max_points = \"10\"\n",
            &format!("max_points = \"10\"\nlevels = [\"{level}\"]\n"),
        );
        assert!(CriteriaSet::from_toml(&text).is_ok(), "{level}");
    }
}

#[test]
fn a_set_says_what_it_assumes_and_names_its_own_bonus() {
    // A set-wide assumption is read, written back, and noted on every scorecard; the bonus
    // note uses the set's own label.
    let text = AUTHORED.replacen(
        "name = \"Bộ tiêu chí của tỉnh (thử nghiệm)\"\n",
        "name = \"Bộ tiêu chí của tỉnh (thử nghiệm)\"\nassumption_vi = \"chia đều điểm\"\nassumption_en = \"points split evenly\"\n\n[bonus]\nlabel_vi = \"Điểm khuyến khích\"\nlabel_en = \"Encouragement points\"\nmax_points = \"2\"\n",
        1,
    );
    let set = CriteriaSet::from_toml(&text).unwrap();
    assert_eq!(
        set.assumption().map(|a| a.en()),
        Some("points split evenly")
    );
    assert_eq!(
        CriteriaSet::from_toml(&set.to_toml().unwrap()).unwrap(),
        set
    );
    assert_eq!(
        CriteriaSet::from_json(&set.to_json().unwrap()).unwrap(),
        set
    );
    let obs = Observations::builder("Xã Tân Lập", 2023)
        .done("A.4a", true)
        .bonus(dec!(1.5), "sáng kiến")
        .build(&set)
        .unwrap();
    let card = Scorecard::score(&set, &obs).unwrap();
    let notes: Vec<&str> = card.notes.iter().map(|n| n.vi()).collect();
    // A.4a: 3 points; bonus 1.5 (cap 2): 4.5 of 44.
    assert!(
        notes.contains(&"Điểm khuyến khích: 1,5 (tối đa 2) — sáng kiến"),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"Giả định của bộ tiêu chí: chia đều điểm"),
        "{notes:?}"
    );
    assert_eq!(card.summary.total_points, dec!(4.5));
}

#[test]
fn a_scorecard_read_back_must_hold_together() {
    // The card of the two-part set with the survey held: 81.06 of 100 (worked above).
    let set = two_parts();
    let obs = two_parts_year(Some(true)).build(&set).unwrap();
    let json = Scorecard::score(&set, &obs).unwrap().to_json().unwrap();
    assert!(Scorecard::from_json(&json).is_ok());
    // Full points, the total at the maximum (1 of 1, index 100), hold together.
    let full = CriteriaSet::from_toml(
        "name = \"Một\"\n[[fields]]\nid = \"A\"\nlabel_vi = \"A\"\nlabel_en = \"A\"\n\
         [[fields.criteria]]\nid = \"A.1\"\nlabel_vi = \"A\"\nlabel_en = \"A\"\n\
         max_points = \"1\"\nrule = { kind = \"done\" }\n",
    )
    .unwrap();
    let obs = Observations::builder("X", 2023)
        .done("A.1", true)
        .build(&full)
        .unwrap();
    let card = Scorecard::score(&full, &obs).unwrap();
    assert_eq!(
        (card.summary.total_points, card.summary.index),
        (dec!(1), Some(dec!(100)))
    );
    let back = Scorecard::from_json(&card.to_json().unwrap());
    assert!(back.is_ok(), "{back:?}");
    for (from, to, says) in [
        // A total above the maximum.
        (
            "\"total_points\": \"81.06\"",
            "\"total_points\": \"181.06\"",
            "total_points",
        ),
        // An index that is not the total over the maximum.
        ("\"index\": \"81.06\"", "\"index\": \"91.06\"", "index"),
        // An appraised total below 0.
        (
            "\"appraised_total_points\": \"81.06\"",
            "\"appraised_total_points\": \"-1\"",
            "appraised_total_points -1 is outside 0 to max_points",
        ),
        // An index below 0 or above 100, said as such.
        (
            "\"index\": \"81.06\"",
            "\"index\": \"-1\"",
            "index -1 is outside 0 to 100",
        ),
        (
            "\"index\": \"81.06\"",
            "\"index\": \"100.5\"",
            "index 100.5 is outside 0 to 100",
        ),
        // A period of another year than the card's.
        (
            "\"year\": 2023,",
            "\"year\": 2023, \"period\": \"2024-07\",",
            "period",
        ),
        // Bonus points the total does not hold.
        (
            "\"total_points\": \"81.06\",",
            "\"total_points\": \"81.06\", \"bonus_points\": \"5\",",
            "bonus_points",
        ),
    ] {
        assert_eq!(json.matches(from).count(), 1, "{from}");
        let bad = json.replacen(from, to, 1);
        let err = Scorecard::from_json(&bad).unwrap_err();
        assert!(err.to_string().contains(says), "{to}: {err}");
    }
}
