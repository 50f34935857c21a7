//! The scoring method of each rule (cách tính), in Vietnamese and English.

use std::fmt::{self, Write};

use super::explain::Due;
use crate::rule::{Comparison, ScoringRule};
use crate::text::{Day, Int, Lang, Num, Span, Text, pick};

impl ScoringRule {
    /// The scoring method (cách tính), in one short phrase in each language.
    ///
    /// ```
    /// use cchc::Percent;
    /// use cchc::rule::ScoringRule;
    /// use rust_decimal_macros::dec;
    /// let rule = ScoringRule::ProportionalToTarget(Percent::new(dec!(35))?);
    /// assert_eq!(rule.method().vi(), "Điểm = tối đa × min(1, tỷ lệ ÷ 35%)");
    /// assert_eq!(rule.method().en(), "points = max × min(1, rate ÷ 35%)");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn method(&self) -> Text {
        Text::new(self.method_in(Lang::Vi), self.method_in(Lang::En))
    }

    /// The method in one language.
    pub(crate) fn method_in(&self, lang: Lang) -> String {
        let mut out = String::with_capacity(96);
        // Writing into a String cannot fail.
        let _ = write_method(&mut out, self, lang);
        out
    }
}

fn write_method(out: &mut String, rule: &ScoringRule, lang: Lang) -> fmt::Result {
    let otherwise = pick(lang, "còn lại: 0", "otherwise 0");
    let max = pick(lang, "tối đa", "max");
    match rule {
        ScoringRule::AllOrNothing(target) => {
            let (comparison, percent, min_count) = (
                target.comparison(),
                target.percent().value(),
                target.min_count(),
            );
            let sign = if comparison == Comparison::AtMost {
                "≤"
            } else {
                "≥"
            };
            let rate = pick(lang, "Tỷ lệ", "rate");
            write!(out, "{rate} {sign} {}%", Num(percent, lang))?;
            if let Some(c) = min_count {
                write!(
                    out,
                    "{} {}",
                    pick(lang, " và tối thiểu", " and at least"),
                    Int(c, lang)
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
        ScoringRule::ProportionalToTarget(percent) => match lang {
            Lang::Vi => write!(
                out,
                "Điểm = tối đa × min(1, tỷ lệ ÷ {}%)",
                Num(percent.value(), lang)
            ),
            Lang::En => write!(
                out,
                "points = max × min(1, rate ÷ {}%)",
                Num(percent.value(), lang)
            ),
        },
        ScoringRule::RateSteps(steps) => {
            for step in steps.steps() {
                write!(
                    out,
                    "≥ {}%: {}; ",
                    Num(step.at_least().value(), lang),
                    Num(step.points(), lang)
                )?;
            }
            out.write_str(otherwise)
        }
        ScoringRule::CountSteps(steps) => {
            for step in steps.steps() {
                write!(
                    out,
                    "≥ {}: {}; ",
                    Int(step.at_least(), lang),
                    Num(step.points(), lang)
                )?;
            }
            out.write_str(otherwise)
        }
        ScoringRule::Categories(categories) => {
            for (i, option) in categories.options().iter().enumerate() {
                let sep = if i == 0 { "" } else { "; " };
                write!(
                    out,
                    "{sep}{}: {} × {max}",
                    option.label().get(lang),
                    Num(option.share().value(), lang)
                )?;
            }
            Ok(())
        }
        ScoringRule::Deadline(rule) => {
            let due = Due(rule.deadline(), lang);
            let (until, share) = (
                Day(rule.late_until(), lang),
                Num(rule.late_share().value(), lang),
            );
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
        ScoringRule::Window(rule) => {
            let (window, outside) = (rule.window(), rule.outside());
            let inside = Span(window.start(), window.end(), lang);
            let outer = Span(outside.start(), outside.end(), lang);
            let share = Num(rule.outside_share().value(), lang);
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
        ScoringRule::Frequency(frequency) => match (lang, frequency.every_months()) {
            (Lang::Vi, every_months) => write!(
                out,
                "Điểm = tối đa × số kỳ có tổ chức ÷ số kỳ ({every_months} tháng/kỳ)"
            ),
            (Lang::En, every_months) => write!(
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
