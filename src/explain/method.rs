//! The scoring method of each rule (cách tính), in Vietnamese and English.

use std::fmt::{self, Write};

use super::{Day, Due, Int, Lang, Num, Span, pick};
use crate::criteria::ScoringRule;
use crate::target::{Comparison, Deadline};

/// The scoring method of a rule (cách tính), in one short phrase.
///
/// ```
/// use cchc::{method, Lang, ScoringRule};
/// use rust_decimal_macros::dec;
/// let rule = ScoringRule::ProportionalToTarget { percent: dec!(35) };
/// assert_eq!(method(&rule, Lang::Vi), "Điểm = tối đa × min(1, tỷ lệ ÷ 35%)");
/// assert_eq!(method(&rule, Lang::En), "points = max × min(1, rate ÷ 35%)");
/// ```
#[must_use]
pub fn method(rule: &ScoringRule, lang: Lang) -> String {
    let mut out = String::with_capacity(96);
    // Writing into a String cannot fail.
    let _ = write_method(&mut out, rule, lang);
    out
}

fn write_method(out: &mut String, rule: &ScoringRule, lang: Lang) -> fmt::Result {
    let otherwise = pick(lang, "còn lại: 0", "otherwise 0");
    let max = pick(lang, "tối đa", "max");
    match rule {
        ScoringRule::AllOrNothing {
            comparison,
            percent,
            min_count,
        } => {
            let sign = if *comparison == Comparison::AtMost {
                "≤"
            } else {
                "≥"
            };
            let rate = pick(lang, "Tỷ lệ", "rate");
            write!(out, "{rate} {sign} {}%", Num(*percent, lang))?;
            if let Some(c) = min_count {
                write!(
                    out,
                    "{} {}",
                    pick(lang, " và tối thiểu", " and at least"),
                    Int(*c, lang)
                )?;
            }
            write!(
                out,
                ": {max}; {}",
                pick(lang, "không đạt: 0", "otherwise 0")
            )
        }
        ScoringRule::Proportional => {
            out.write_str(pick(lang, "Điểm = Tỷ lệ × tối đa", "points = rate × max"))
        }
        ScoringRule::ProportionalToTarget { percent } => match lang {
            Lang::Vi => write!(
                out,
                "Điểm = tối đa × min(1, tỷ lệ ÷ {}%)",
                Num(*percent, lang)
            ),
            Lang::En => write!(
                out,
                "points = max × min(1, rate ÷ {}%)",
                Num(*percent, lang)
            ),
        },
        ScoringRule::RateSteps { steps } => {
            for step in steps {
                write!(
                    out,
                    "≥ {}%: {}; ",
                    Num(step.at_least, lang),
                    Num(step.points, lang)
                )?;
            }
            out.write_str(otherwise)
        }
        ScoringRule::CountSteps { steps } => {
            for step in steps {
                write!(
                    out,
                    "≥ {}: {}; ",
                    Int(step.at_least, lang),
                    Num(step.points, lang)
                )?;
            }
            out.write_str(otherwise)
        }
        ScoringRule::Categories { options } => {
            for (i, option) in options.iter().enumerate() {
                let label = match lang {
                    Lang::Vi => &option.label_vi,
                    Lang::En => &option.label_en,
                };
                let sep = if i == 0 { "" } else { "; " };
                write!(out, "{sep}{label}: {} × {max}", Num(option.share, lang))?;
            }
            Ok(())
        }
        ScoringRule::Deadline {
            date,
            wording,
            late_share,
            late_until,
        } => {
            let due = Due(Deadline::new(*date, *wording), lang);
            let (until, share) = (Day(*late_until, lang), Num(*late_share, lang));
            match lang {
                Lang::Vi => write!(
                    out,
                    "Đúng hạn ({due}): tối đa; chậm (đến {until}): {share} × tối đa; {otherwise}"
                ),
                Lang::En => write!(
                    out,
                    "on time ({due}): max; late (up to {until}): {share} × max; {otherwise}"
                ),
            }
        }
        ScoringRule::Window {
            start,
            end,
            outside_share,
            outside_start,
            outside_end,
        } => {
            let inside = Span(*start, *end, lang);
            let outer = Span(*outside_start, *outside_end, lang);
            let share = Num(*outside_share, lang);
            match lang {
                Lang::Vi => write!(
                    out,
                    "Tổ chức trong {inside}: tối đa; ngoài (trong {outer}): {share} × tối đa; không tổ chức: 0"
                ),
                Lang::En => write!(
                    out,
                    "held within {inside}: max; elsewhere in {outer}: {share} × max; not held: 0"
                ),
            }
        }
        ScoringRule::Frequency { every_months, .. } => match lang {
            Lang::Vi => write!(
                out,
                "Điểm = tối đa × số kỳ có tổ chức ÷ số kỳ ({every_months} tháng/kỳ)"
            ),
            Lang::En => write!(
                out,
                "points = max × periods held ÷ periods ({every_months} months each)"
            ),
        },
        ScoringRule::Done => out.write_str(pick(
            lang,
            "Thực hiện: tối đa; không thực hiện: 0",
            "done: max; not done: 0",
        )),
        ScoringRule::Assessor => out.write_str(pick(
            lang,
            "Người chấm cho điểm từ 0 đến tối đa",
            "the assessor gives 0 to max",
        )),
    }
}
