//! Scorecard differences: only what changed, with totals, index and band before and after.

use cchc::rule::Lever;
use cchc::whatif::{Change, Scenario, ScorecardDiff};
use cchc::{CriteriaSet, ErrorKind, Id, Lang, Observations, Scorecard, Status, Text};
use rust_decimal_macros::dec;

fn id(id: &str) -> Id {
    Id::new(id).unwrap()
}

#[test]
fn lists_only_changed_criteria_with_totals_index_and_band() {
    let set = CriteriaSet::reference();
    let base = Observations::from_toml(include_str!("data/ward_2023.toml"), &set).unwrap();
    let before = Scorecard::score(&set, &base).unwrap();
    let scenario = Scenario::new(base)
        // II.3 58/60 → 60/60: 0 → 3 (all or nothing at 100%).
        .with(Change::AddRecords {
            criterion: id("II.3"),
            lever: Lever::Convert,
            records: 2,
        })
        // VI.20 11/12 → 12/12: 0 → 3.
        .with(Change::AddRecords {
            criterion: id("VI.20"),
            lever: Lever::Convert,
            records: 1,
        })
        // II.12 37/40 → 40/40: 1.5 → 3.
        .with(Change::AddRecords {
            criterion: id("II.12"),
            lever: Lever::Convert,
            records: 3,
        })
        // V.19 not done → done: 0 → 1.
        .with(Change::MarkDone {
            criterion: id("V.19"),
        })
        // II.4: 1 record moves 4.29 → 4.33 (5 × 91/105 = 4.333…).
        .with(Change::AddRecords {
            criterion: id("II.4"),
            lever: Lever::Convert,
            records: 1,
        });
    let after = Scorecard::score(&set, &scenario.observations(&set).unwrap()).unwrap();
    let diff = ScorecardDiff::between(&before, &after).unwrap();
    let ids: Vec<&str> = diff.criteria.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["II.3", "II.4", "II.12", "V.19", "VI.20"]);
    // 69.94 + 3 + 0.04 + 1.5 + 1 + 3 = 78.48; max 100, so the index is the total.
    assert_eq!(diff.before.total_points, dec!(69.94));
    assert_eq!(diff.after.total_points, dec!(78.48));
    assert_eq!(diff.total_change, dec!(8.54));
    assert_eq!(diff.index_change, Some(dec!(8.54)));
    assert_eq!(
        (
            diff.before.band.as_ref().map(Text::vi),
            diff.after.band.as_ref().map(Text::vi)
        ),
        (Some("Trung bình"), Some("Khá"))
    );
    assert!(diff.band_changed());
    let ii3 = &diff.criteria[0];
    assert_eq!(
        (ii3.points_before, ii3.points_after, ii3.change),
        (dec!(0.00), dec!(3.00), dec!(3.00))
    );
    assert_eq!(
        (ii3.status_before, ii3.status_after),
        (Status::NotMet, Status::Met)
    );
    let vi = diff.summary(Lang::Vi);
    assert_eq!(vi[0], "II.3: 0,00 → 3,00 điểm (+3,00); không đạt → đạt");
    assert_eq!(vi[1], "II.4: 4,29 → 4,33 điểm (+0,04)");
    assert_eq!(vi[5], "Chỉ số: 69,94 → 78,48 (+8,54); Trung bình → Khá");
    let en = diff.summary(Lang::En);
    assert_eq!(en[2], "II.12: 1.50 → 3.00 points (+1.50); partial → met");
    assert_eq!(en[5], "Index: 69.94 → 78.48 (+8.54); Average → Fair");
}

#[test]
fn same_scorecard_is_unchanged_and_other_sets_are_refused() {
    let set = CriteriaSet::reference();
    let base = Observations::from_toml(include_str!("data/ward_2023.toml"), &set).unwrap();
    let card = Scorecard::score(&set, &base).unwrap();
    let diff = ScorecardDiff::between(&card, &card).unwrap();
    assert!(diff.is_unchanged());
    assert!(!diff.band_changed());
    assert_eq!(diff.summary(Lang::En), ["Index: 69.94 → 69.94 (+0.00)"]);
    // A criterion whose status changed with its points kept is a change, though the total and
    // the index stay the same.
    let mut restated = card.clone();
    let line = &mut restated.criteria[0];
    line.status = if line.status == Status::Missing {
        Status::NotApplicable
    } else {
        Status::Missing
    };
    let diff = ScorecardDiff::between(&card, &restated).unwrap();
    assert_eq!(diff.criteria.len(), 1);
    assert_eq!(diff.index_change, Some(rust_decimal::Decimal::ZERO));
    assert!(!diff.is_unchanged());
    let mut other = card.clone();
    other.criteria.retain(|c| c.id != "II.4");
    let err = ScorecardDiff::between(&card, &other).unwrap_err();
    assert_eq!(err.item(), Some("II.4"));
    // Scorecards of another criteria set or rounding policy are not compared line by line.
    let mut renamed = card.clone();
    renamed.criteria_set = "Bộ tiêu chí tỉnh".into();
    let err = ScorecardDiff::between(&card, &renamed).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotComparable);
    assert!(
        err.to_string()
            .starts_with("cannot compare scorecards of criteria set"),
        "{err}"
    );
    let mut coarser = card.clone();
    coarser.rounding = cchc::Rounding::new(1, cchc::rate::RoundingMode::HalfAwayFromZero).unwrap();
    let err = ScorecardDiff::between(&card, &coarser).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotComparable);
    assert_eq!(
        err.to_string(),
        "cannot compare scorecards of rounding \"2 decimals, half away from zero\" and \"1 decimals, half away from zero\""
    );
}
