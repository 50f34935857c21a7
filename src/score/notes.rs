//! The notes of a scorecard: how the total and the index were made where more than a sum
//! (the survey part, bonus and penalty points), what the set assumes, and that it has no bands.

use rust_decimal::Decimal;

use super::scorecard::FieldLine;
use super::summary::Summary;
use crate::criteria::{Adjustment, CriteriaSet};
use crate::observations::{Award, Observations};
use crate::text::{Lang, Num, Text};

/// How the total and the index were made, where more than a sum.
pub(super) fn notes(
    set: &CriteriaSet,
    observations: &Observations,
    summary: &Summary,
    fields: &[FieldLine],
) -> Vec<Text> {
    let mut out = Vec::new();
    let both = |f: &dyn Fn(Lang) -> String| Text::new(f(Lang::Vi), f(Lang::En));
    let survey = set.survey_points();
    if !survey.is_zero() && observations.survey() != Some(false) {
        let earned: Decimal = set
            .fields()
            .iter()
            .zip(fields)
            .filter(|(field, _)| field.is_survey())
            .map(|(_, line)| line.points)
            .sum();
        out.push(both(&|lang| {
            let (earned, points) = (Num(earned, lang), Num(survey, lang));
            match lang {
                Lang::Vi => format!(
                    "Phần điều tra xã hội học: {earned}/{points} điểm, theo kết quả điều tra"
                ),
                Lang::En => format!(
                    "Sociological survey part: {earned} of {points} points, from the survey's results"
                ),
            }
        }));
    }
    if !survey.is_zero() && observations.survey() == Some(false) {
        out.push(both(&|lang| {
            let (max, points) = (Num(summary.max_points, lang), Num(survey, lang));
            match lang {
                Lang::Vi => format!(
                    "Không tổ chức điều tra xã hội học: phần điều tra ({points} điểm) không tính; chỉ số tính trên tổng điểm tối đa {max}"
                ),
                Lang::En => format!(
                    "No sociological survey this year: its {points} points are left out; the index is over a maximum of {max}"
                ),
            }
        }));
    }
    // Named as the set names them (điểm thưởng, điểm khuyến khích, …).
    let awards = |list: &[Award], cap: Option<&Adjustment>, counted: Decimal| {
        let cap = cap?;
        let (vi, en) = (cap.label().vi(), cap.label().en());
        if list.is_empty() {
            return None;
        }
        let reasons: Vec<&str> = list.iter().map(|a| a.reason.as_str()).collect();
        let reasons = reasons.join("; ");
        Some(both(&|lang| {
            let (counted, cap) = (Num(counted, lang), Num(cap.max_points(), lang));
            match lang {
                Lang::Vi => format!("{vi}: {counted} (tối đa {cap}) — {reasons}"),
                Lang::En => format!("{en}: {counted} (at most {cap}) — {reasons}"),
            }
        }))
    };
    out.extend(awards(
        observations.bonus(),
        set.bonus(),
        summary.bonus_points,
    ));
    out.extend(awards(
        observations.penalties(),
        set.penalty(),
        summary.penalty_points,
    ));
    if !(summary.bonus_points.is_zero() && summary.penalty_points.is_zero()) {
        out.push(both(&|lang| {
            let (c, b, p, t) = (
                Num(summary.criteria_points, lang),
                Num(summary.bonus_points, lang),
                Num(summary.penalty_points, lang),
                Num(summary.total_points, lang),
            );
            let max = Num(summary.max_points, lang);
            match lang {
                Lang::Vi => format!("Tổng điểm = {c} + {b} − {p}, trong khoảng 0 đến {max}: {t}"),
                Lang::En => format!("Total = {c} + {b} − {p}, kept within 0 and {max}: {t}"),
            }
        }));
    }
    if let Some(assumption) = set.assumption() {
        out.push(both(&|lang| match lang {
            Lang::Vi => format!("Giả định của bộ tiêu chí: {}", assumption.vi()),
            Lang::En => format!("The set's assumption: {}", assumption.en()),
        }));
    }
    if set.bands().is_empty() {
        out.push(Text::new(
            "Bộ tiêu chí không có xếp loại",
            "The criteria set has no rating bands",
        ));
    }
    out
}

/// The bonus and penalty points counted: each summed, then capped by the set.
pub(super) fn adjustments(set: &CriteriaSet, observations: &Observations) -> (Decimal, Decimal) {
    let counted = |awards: &[Award], cap: Option<&Adjustment>| {
        let sum: Decimal = awards.iter().map(|a| a.points).sum();
        cap.map_or(Decimal::ZERO, |cap| sum.min(cap.max_points()))
    };
    (
        counted(observations.bonus(), set.bonus()),
        counted(observations.penalties(), set.penalty()),
    )
}
