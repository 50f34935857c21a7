//! Explanations (giải trình): every criterion's points in one sentence of Vietnamese and one of
//! English, written from the structured [`Working`], plus the scoring method (cách tính) of each
//! rule.
//!
//! Vietnamese text uses Vietnamese number style — a comma before decimals and dots between
//! thousands (`4,29`, `1.250.000`) — and dates as `dd/mm/yyyy`. English text uses `4.29`,
//! `1,250,000` and ISO dates.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::attainment::{DeadlineOutcome, WindowOutcome};
use crate::criteria::{NotApplicablePolicy, ScoringRule};
use crate::points::{CriterionScore, Working};
use crate::target::{Comparison, DeadlineWording, RateTarget};

/// A language for explanations and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese: `4,29`, `30/01/2023`.
    Vi,
    /// English: `4.29`, `2023-01-30`.
    En,
}

/// Formats a decimal in the language's number style, keeping its scale.
///
/// ```
/// use cchc::{format_decimal, Lang};
/// use rust_decimal_macros::dec;
/// assert_eq!(format_decimal(dec!(1250000.5), Lang::Vi), "1.250.000,5");
/// assert_eq!(format_decimal(dec!(1250000.5), Lang::En), "1,250,000.5");
/// assert_eq!(format_decimal(dec!(-4.29), Lang::Vi), "-4,29");
/// ```
#[must_use]
pub fn format_decimal(value: Decimal, lang: Lang) -> String {
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let text = value.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + text.len() / 3 + 1);
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

fn num(value: u64, lang: Lang) -> String {
    format_decimal(Decimal::from(value), lang)
}

fn dec(value: Decimal, lang: Lang) -> String {
    format_decimal(value, lang)
}

fn date(value: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Vi => value.format("%d/%m/%Y").to_string(),
        Lang::En => value.format("%Y-%m-%d").to_string(),
    }
}

fn pick<'a>(lang: Lang, vi: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

fn counted(counts: &crate::counts::Counts, measure: Option<&str>, lang: Lang) -> String {
    let ratio = format!(
        "{}/{}",
        num(counts.numerator(), lang),
        num(counts.denominator(), lang)
    );
    match measure {
        Some(m) if !m.is_empty() => format!("{ratio} {m}"),
        _ => ratio,
    }
}

/// The one-sentence explanation of a criterion's score.
///
/// `measure` names what the numerator counts ("kết quả được số hóa"); `max` is the criterion's
/// maximum.
///
/// ```
/// use cchc::{explain, Counts, Evidence, Lang, NotApplicablePolicy, Observed, Rounding, ScoringRule};
/// use rust_decimal_macros::dec;
/// let rule = ScoringRule::ProportionalToTarget { percent: dec!(35) };
/// let seen = Observed::Reported(Evidence::Counts(Counts::new(90, 300)?));
/// let score = rule.score(dec!(5), &seen, NotApplicablePolicy::FullPoints, &Rounding::default())?;
/// assert_eq!(
///     explain(&score, dec!(5), Some("kết quả được số hóa"), Lang::Vi),
///     "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29"
/// );
/// assert_eq!(
///     explain(&score, dec!(5), Some("results digitised"), Lang::En),
///     "90/300 results digitised = 30.00% < 35%; points = 5 × 30.00/35 = 4.29"
/// );
/// # Ok::<(), cchc::Error>(())
/// ```
#[must_use]
pub fn explain(score: &CriterionScore, max: Decimal, measure: Option<&str>, lang: Lang) -> String {
    let points = dec(score.points, lang);
    let max_s = dec(max, lang);
    let pts = pick(lang, "điểm", "points");
    match &score.working {
        Working::Missing => pick(
            lang,
            "Không có số liệu tự đánh giá: 0 điểm",
            "No observation reported: 0 points",
        )
        .to_owned(),
        Working::NotApplicable { policy } => match policy {
            NotApplicablePolicy::LeaveOut => pick(
                lang,
                "Không phát sinh: không tính vào tổng điểm tối đa",
                "Nothing arose in scope (không phát sinh): left out of the maximum",
            )
            .to_owned(),
            NotApplicablePolicy::Zero => pick(
                lang,
                "Không phát sinh: 0 điểm",
                "Nothing arose in scope (không phát sinh): 0 points",
            )
            .to_owned(),
            _ => match lang {
                Lang::Vi => format!("Không phát sinh: được điểm tối đa {max_s}"),
                Lang::En => {
                    format!("Nothing arose in scope (không phát sinh): full {max_s} points")
                }
            },
        },
        Working::AllOrNothing {
            counts,
            rate_percent,
            target,
            met,
        } => {
            let percent = target.percent();
            let percent_only = match target.comparison() {
                Comparison::AtLeast => RateTarget::at_least(percent),
                Comparison::AtMost => RateTarget::at_most(percent),
            };
            let sign = match (
                target.comparison(),
                percent_only.is_met(counts) == Some(true),
            ) {
                (Comparison::AtLeast, true) => "≥",
                (Comparison::AtLeast, false) => "<",
                (Comparison::AtMost, true) => "≤",
                (Comparison::AtMost, false) => ">",
            };
            let mut text = format!(
                "{} = {}% {sign} {}%",
                counted(counts, measure, lang),
                dec(*rate_percent, lang),
                dec(percent.value(), lang)
            );
            if let Some(c) = target.min_count() {
                let cmp = if counts.numerator() >= c { "≥" } else { "<" };
                text.push_str(&match lang {
                    Lang::Vi => format!(
                        ", số lượng {} {cmp} {}",
                        num(counts.numerator(), lang),
                        num(c, lang)
                    ),
                    Lang::En => format!(
                        ", count {} {cmp} {}",
                        num(counts.numerator(), lang),
                        num(c, lang)
                    ),
                });
            }
            let verdict = match (lang, met) {
                (Lang::Vi, true) => format!("; đạt: {points} điểm"),
                (Lang::Vi, false) => format!("; không đạt: {points} điểm"),
                (Lang::En, true) => format!("; met: {points} points"),
                (Lang::En, false) => format!("; not met: {points} points"),
            };
            text + &verdict
        }
        Working::Proportional {
            counts,
            rate_percent,
            target,
            capped,
        } => {
            let head = format!(
                "{} = {}%",
                counted(counts, measure, lang),
                dec(*rate_percent, lang)
            );
            match target {
                None => format!(
                    "{head}; {pts} = {max_s} × {}% = {points}",
                    dec(*rate_percent, lang)
                ),
                Some(t) if *capped => match lang {
                    Lang::Vi => format!("{head} ≥ {}%; điểm tối đa {points}", dec(t.value(), lang)),
                    Lang::En => format!("{head} ≥ {}%; full {points} points", dec(t.value(), lang)),
                },
                Some(t) => format!(
                    "{head} < {t}%; {pts} = {max_s} × {r}/{t} = {points}",
                    t = dec(t.value(), lang),
                    r = dec(*rate_percent, lang)
                ),
            }
        }
        Working::RateSteps {
            counts,
            rate_percent,
            reached,
        } => {
            let head = format!(
                "{} = {}%",
                counted(counts, measure, lang),
                dec(*rate_percent, lang)
            );
            match reached {
                Some(step) => match lang {
                    Lang::Vi => format!(
                        "{head}, đạt mức ≥ {}%: {points} điểm",
                        dec(step.at_least, lang)
                    ),
                    Lang::En => format!(
                        "{head}, reaches the ≥ {}% step: {points} points",
                        dec(step.at_least, lang)
                    ),
                },
                None => match lang {
                    Lang::Vi => format!("{head}, dưới mức thấp nhất: 0 điểm"),
                    Lang::En => format!("{head}, below the lowest step: 0 points"),
                },
            }
        }
        Working::CountSteps { count, reached } => match (reached, lang) {
            (Some(step), Lang::Vi) => format!(
                "Số lượng {} (≥ {}): {points} điểm",
                num(*count, lang),
                num(step.at_least, lang)
            ),
            (Some(step), Lang::En) => format!(
                "Count {} (≥ {}): {points} points",
                num(*count, lang),
                num(step.at_least, lang)
            ),
            (None, Lang::Vi) => {
                format!("Số lượng {} dưới mức thấp nhất: 0 điểm", num(*count, lang))
            }
            (None, Lang::En) => format!(
                "Count {} below the lowest step: 0 points",
                num(*count, lang)
            ),
        },
        Working::Category { option } => format!(
            "{}: {} × {max_s} = {points}",
            pick(lang, &option.label_vi, &option.label_en),
            dec(option.share, lang)
        ),
        Working::Deadline {
            deadline,
            outcome,
            late_share,
            late_in_time,
        } => {
            let due = match (deadline.wording(), lang) {
                (DeadlineWording::Before, Lang::Vi) => {
                    format!("trước {}", date(deadline.date(), lang))
                }
                (DeadlineWording::By, Lang::Vi) => {
                    format!("chậm nhất {}", date(deadline.date(), lang))
                }
                (DeadlineWording::Before, Lang::En) => {
                    format!("before {}", date(deadline.date(), lang))
                }
                (DeadlineWording::By, Lang::En) => format!("by {}", date(deadline.date(), lang)),
            };
            match (outcome, lang) {
                (DeadlineOutcome::OnTime { done_on }, Lang::Vi) => format!(
                    "Hoàn thành ngày {}, đúng hạn ({due}): {points} điểm",
                    date(*done_on, lang)
                ),
                (DeadlineOutcome::OnTime { done_on }, Lang::En) => format!(
                    "Done on {}, on time ({due}): {points} points",
                    date(*done_on, lang)
                ),
                (DeadlineOutcome::Late { done_on, days_late }, Lang::Vi) if *late_in_time => {
                    format!(
                        "Hoàn thành ngày {}, chậm {days_late} ngày (hạn {due}): {} × {max_s} = {points}",
                        date(*done_on, lang),
                        dec(*late_share, lang)
                    )
                }
                (DeadlineOutcome::Late { done_on, days_late }, Lang::En) if *late_in_time => {
                    format!(
                        "Done on {}, {days_late} day(s) late (due {due}): {} × {max_s} = {points}",
                        date(*done_on, lang),
                        dec(*late_share, lang)
                    )
                }
                (DeadlineOutcome::Late { done_on, .. }, Lang::Vi) => format!(
                    "Hoàn thành ngày {}, quá thời hạn chấm điểm (hạn {due}): 0 điểm",
                    date(*done_on, lang)
                ),
                (DeadlineOutcome::Late { done_on, .. }, Lang::En) => format!(
                    "Done on {}, past the scoring period (due {due}): 0 points",
                    date(*done_on, lang)
                ),
                (_, Lang::Vi) => format!("Chưa hoàn thành (hạn {due}): 0 điểm"),
                (_, Lang::En) => format!("Not done (due {due}): 0 points"),
            }
        }
        Working::Window {
            window,
            outcome,
            outside_share,
            outside_in_time,
        } => {
            let span = format!(
                "{}–{}",
                date(window.start(), lang),
                date(window.end(), lang)
            );
            match (outcome, lang) {
                (WindowOutcome::Inside { held_on }, Lang::Vi) => format!(
                    "Tổ chức ngày {}, trong thời gian {span}: {points} điểm",
                    date(*held_on, lang)
                ),
                (WindowOutcome::Inside { held_on }, Lang::En) => format!(
                    "Held on {}, within {span}: {points} points",
                    date(*held_on, lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::Vi) if *outside_in_time => format!(
                    "Tổ chức ngày {}, ngoài thời gian {span}: {} × {max_s} = {points}",
                    date(*held_on, lang),
                    dec(*outside_share, lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::En) if *outside_in_time => format!(
                    "Held on {}, outside {span}: {} × {max_s} = {points}",
                    date(*held_on, lang),
                    dec(*outside_share, lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::Vi) => format!(
                    "Tổ chức ngày {}, ngoài thời gian chấm điểm: 0 điểm",
                    date(*held_on, lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::En) => format!(
                    "Held on {}, outside the scoring period: 0 points",
                    date(*held_on, lang)
                ),
                (_, Lang::Vi) => format!("Chưa tổ chức (thời gian {span}): 0 điểm"),
                (_, Lang::En) => format!("Not held (due within {span}): 0 points"),
            }
        }
        Working::Frequency {
            outcome,
            every_months,
        } => match lang {
            Lang::Vi => format!(
                "{}/{} kỳ ({every_months} tháng/kỳ) có tổ chức; điểm = {max_s} × {}/{} = {points}",
                outcome.covered, outcome.required, outcome.covered, outcome.required
            ),
            Lang::En => format!(
                "{} of {} periods ({every_months} months each) held; points = {max_s} × {}/{} = {points}",
                outcome.covered, outcome.required, outcome.covered, outcome.required
            ),
        },
        Working::Done { done } => match (done, lang) {
            (true, Lang::Vi) => format!("Đã thực hiện: {points} điểm"),
            (true, Lang::En) => format!("Done: {points} points"),
            (false, Lang::Vi) => "Chưa thực hiện: 0 điểm".to_owned(),
            (false, Lang::En) => "Not done: 0 points".to_owned(),
        },
        Working::Assessor { .. } => match lang {
            Lang::Vi => format!("Điểm do người chấm đánh giá: {points}/{max_s}"),
            Lang::En => format!("Points given by the assessor: {points} of {max_s}"),
        },
    }
}

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
    let otherwise = pick(lang, "còn lại: 0", "otherwise 0");
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
            let count = match (min_count, lang) {
                (Some(c), Lang::Vi) => format!(" và tối thiểu {}", num(*c, lang)),
                (Some(c), Lang::En) => format!(" and at least {}", num(*c, lang)),
                (None, _) => String::new(),
            };
            match lang {
                Lang::Vi => format!(
                    "Tỷ lệ {sign} {}%{count}: tối đa; không đạt: 0",
                    dec(*percent, lang)
                ),
                Lang::En => format!(
                    "rate {sign} {}%{count}: max; otherwise 0",
                    dec(*percent, lang)
                ),
            }
        }
        ScoringRule::Proportional => {
            pick(lang, "Điểm = Tỷ lệ × tối đa", "points = rate × max").to_owned()
        }
        ScoringRule::ProportionalToTarget { percent } => match lang {
            Lang::Vi => format!("Điểm = tối đa × min(1, tỷ lệ ÷ {}%)", dec(*percent, lang)),
            Lang::En => format!("points = max × min(1, rate ÷ {}%)", dec(*percent, lang)),
        },
        ScoringRule::RateSteps { steps } => {
            let mut parts: Vec<String> = steps
                .iter()
                .map(|s| format!("≥ {}%: {}", dec(s.at_least, lang), dec(s.points, lang)))
                .collect();
            parts.push(otherwise.to_owned());
            parts.join("; ")
        }
        ScoringRule::CountSteps { steps } => {
            let mut parts: Vec<String> = steps
                .iter()
                .map(|s| format!("≥ {}: {}", num(s.at_least, lang), dec(s.points, lang)))
                .collect();
            parts.push(otherwise.to_owned());
            parts.join("; ")
        }
        ScoringRule::Categories { options } => options
            .iter()
            .map(|o| {
                format!(
                    "{}: {} × {}",
                    pick(lang, &o.label_vi, &o.label_en),
                    dec(o.share, lang),
                    pick(lang, "tối đa", "max")
                )
            })
            .collect::<Vec<_>>()
            .join("; "),
        ScoringRule::Deadline {
            date: d,
            wording,
            late_share,
            late_until,
        } => {
            let due = match (wording, lang) {
                (DeadlineWording::Before, Lang::Vi) => format!("trước {}", date(*d, lang)),
                (DeadlineWording::By, Lang::Vi) => format!("chậm nhất {}", date(*d, lang)),
                (DeadlineWording::Before, Lang::En) => format!("before {}", date(*d, lang)),
                (DeadlineWording::By, Lang::En) => format!("by {}", date(*d, lang)),
            };
            match lang {
                Lang::Vi => format!(
                    "Đúng hạn ({due}): tối đa; chậm (đến {}): {} × tối đa; {otherwise}",
                    date(*late_until, lang),
                    dec(*late_share, lang)
                ),
                Lang::En => format!(
                    "on time ({due}): max; late (up to {}): {} × max; {otherwise}",
                    date(*late_until, lang),
                    dec(*late_share, lang)
                ),
            }
        }
        ScoringRule::Window {
            start,
            end,
            outside_share,
            outside_start,
            outside_end,
        } => match lang {
            Lang::Vi => format!(
                "Tổ chức trong {}–{}: tối đa; ngoài (trong {}–{}): {} × tối đa; không tổ chức: 0",
                date(*start, lang),
                date(*end, lang),
                date(*outside_start, lang),
                date(*outside_end, lang),
                dec(*outside_share, lang)
            ),
            Lang::En => format!(
                "held within {}–{}: max; elsewhere in {}–{}: {} × max; not held: 0",
                date(*start, lang),
                date(*end, lang),
                date(*outside_start, lang),
                date(*outside_end, lang),
                dec(*outside_share, lang)
            ),
        },
        ScoringRule::Frequency { every_months, .. } => match lang {
            Lang::Vi => {
                format!("Điểm = tối đa × số kỳ có tổ chức ÷ số kỳ ({every_months} tháng/kỳ)")
            }
            Lang::En => {
                format!("points = max × periods held ÷ periods ({every_months} months each)")
            }
        },
        ScoringRule::Done => pick(
            lang,
            "Thực hiện: tối đa; không thực hiện: 0",
            "done: max; not done: 0",
        )
        .to_owned(),
        ScoringRule::Assessor => pick(
            lang,
            "Người chấm cho điểm từ 0 đến tối đa",
            "the assessor gives 0 to max",
        )
        .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn number_style() {
        assert_eq!(format_decimal(dec!(4.29), Lang::Vi), "4,29");
        assert_eq!(format_decimal(dec!(100), Lang::Vi), "100");
        assert_eq!(format_decimal(dec!(999.99), Lang::En), "999.99");
        assert_eq!(format_decimal(dec!(1000), Lang::En), "1,000");
        assert_eq!(format_decimal(dec!(0.00), Lang::Vi), "0,00");
        assert_eq!(
            format_decimal(dec!(1000000000000000), Lang::Vi),
            "1.000.000.000.000.000"
        );
    }
}
