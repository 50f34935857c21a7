//! Explanations (giải trình): every criterion's points in one sentence of Vietnamese and one of
//! English, written from the structured [`Working`], plus the scoring method (cách tính) of each
//! rule.
//!
//! Vietnamese text uses Vietnamese number style — a comma before decimals and dots between
//! thousands (`4,29`, `1.250.000`) — and dates as `dd/mm/yyyy`. English text uses `4.29`,
//! `1,250,000` and ISO dates.
//!
//! Each sentence is written straight into one `String` through `Display` adapters, so an
//! explanation costs one allocation, not one per number.

use std::fmt::{self, Display, Formatter, Write};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::attainment::{DeadlineOutcome, WindowOutcome};
use crate::counts::Counts;
use crate::criteria::NotApplicablePolicy;
use crate::points::{CriterionScore, Working};
use crate::target::{Comparison, Deadline, DeadlineWording, RateTarget};

mod method;
pub use method::method;

/// A language for explanations and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Lang {
    /// Vietnamese: `4,29`, `30/01/2023`.
    Vi,
    /// English: `4.29`, `2023-01-30`.
    En,
}

/// A fixed buffer that a `Decimal` is written into without allocating (a `Decimal` prints in
/// at most 31 characters).
struct Digits {
    buf: [u8; 48],
    len: usize,
}

impl Write for Digits {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        let slot = self.buf.get_mut(self.len..end).ok_or(fmt::Error)?;
        slot.copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A decimal in the language's number style, keeping its scale.
struct Num(Decimal, Lang);

impl Display for Num {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let (group, point) = match self.1 {
            Lang::Vi => ('.', ','),
            Lang::En => (',', '.'),
        };
        let mut digits = Digits {
            buf: [0; 48],
            len: 0,
        };
        write!(digits, "{}", self.0.abs())?;
        let text = std::str::from_utf8(digits.buf.get(..digits.len).ok_or(fmt::Error)?)
            .map_err(|_| fmt::Error)?;
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if self.0.is_sign_negative() && !self.0.is_zero() {
            f.write_char('-')?;
        }
        for (i, digit) in int.chars().enumerate() {
            if i > 0 && (int.len() - i) % 3 == 0 {
                f.write_char(group)?;
            }
            f.write_char(digit)?;
        }
        if !frac.is_empty() {
            f.write_char(point)?;
            f.write_str(frac)?;
        }
        Ok(())
    }
}

/// A whole number in the language's number style.
struct Int(u64, Lang);

impl Display for Int {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        Num(Decimal::from(self.0), self.1).fmt(f)
    }
}

/// A date: `30/01/2023` in Vietnamese, `2023-01-30` in English.
struct Day(NaiveDate, Lang);

impl Display for Day {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let d = self.0;
        match self.1 {
            Lang::Vi => write!(f, "{:02}/{:02}/{}", d.day(), d.month(), d.year()),
            Lang::En => write!(f, "{}-{:02}-{:02}", d.year(), d.month(), d.day()),
        }
    }
}

/// `90/300 kết quả được số hóa`.
struct Counted<'a>(&'a Counts, Option<&'a str>, Lang);

impl Display for Counted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}",
            Int(self.0.numerator(), self.2),
            Int(self.0.denominator(), self.2)
        )?;
        match self.1 {
            Some(measure) if !measure.is_empty() => write!(f, " {measure}"),
            _ => Ok(()),
        }
    }
}

/// `trước 30/01/2023` / `by 2023-01-30`.
struct Due(Deadline, Lang);

impl Display for Due {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let word = match (self.0.wording(), self.1) {
            (DeadlineWording::Before, Lang::Vi) => "trước",
            (DeadlineWording::By, Lang::Vi) => "chậm nhất",
            (DeadlineWording::Before, Lang::En) => "before",
            (DeadlineWording::By, Lang::En) => "by",
        };
        write!(f, "{word} {}", Day(self.0.date(), self.1))
    }
}

/// `01/10/2023–31/12/2023`.
struct Span(NaiveDate, NaiveDate, Lang);

impl Display for Span {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", Day(self.0, self.2), Day(self.1, self.2))
    }
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
    Num(value, lang).to_string()
}

const fn pick(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
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
    let mut out = String::with_capacity(160);
    // Writing into a String cannot fail.
    let _ = write_explanation(&mut out, score, max, measure, lang);
    if let Some(day) = score.open_until {
        let _ = match lang {
            Lang::Vi => write!(out, "; còn hạn đến {}", Day(day, lang)),
            Lang::En => write!(out, "; still open until {}", Day(day, lang)),
        };
    }
    out
}

fn write_explanation(
    out: &mut String,
    score: &CriterionScore,
    max: Decimal,
    measure: Option<&str>,
    lang: Lang,
) -> fmt::Result {
    let points = Num(score.points, lang);
    let max = Num(max, lang);
    let pts = pick(lang, "điểm", "points");
    match &score.working {
        Working::Missing => out.write_str(pick(
            lang,
            "Không có số liệu tự đánh giá: 0 điểm",
            "No observation reported: 0 points",
        )),
        Working::NotApplicable { policy } => match (policy, lang) {
            (NotApplicablePolicy::LeaveOut, _) => out.write_str(pick(
                lang,
                "Không phát sinh: không tính vào tổng điểm tối đa",
                "Nothing arose in scope (không phát sinh): left out of the maximum",
            )),
            (NotApplicablePolicy::Zero, _) => out.write_str(pick(
                lang,
                "Không phát sinh: 0 điểm",
                "Nothing arose in scope (không phát sinh): 0 points",
            )),
            (_, Lang::Vi) => write!(out, "Không phát sinh: được điểm tối đa {max}"),
            (_, Lang::En) => write!(
                out,
                "Nothing arose in scope (không phát sinh): full {max} points"
            ),
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
            write!(
                out,
                "{} = {}% {sign} {}%",
                Counted(counts, measure, lang),
                Num(*rate_percent, lang),
                Num(percent.value(), lang)
            )?;
            if let Some(c) = target.min_count() {
                let cmp = if counts.numerator() >= c { "≥" } else { "<" };
                let word = pick(lang, "số lượng", "count");
                write!(
                    out,
                    ", {word} {} {cmp} {}",
                    Int(counts.numerator(), lang),
                    Int(c, lang)
                )?;
            }
            let verdict = match (lang, met) {
                (Lang::Vi, true) => "đạt",
                (Lang::Vi, false) => "không đạt",
                (Lang::En, true) => "met",
                (Lang::En, false) => "not met",
            };
            write!(out, "; {verdict}: {points} {pts}")
        }
        Working::Proportional {
            counts,
            rate_percent,
            target,
            capped,
        } => {
            let rate = Num(*rate_percent, lang);
            write!(out, "{} = {rate}%", Counted(counts, measure, lang))?;
            match (target, capped, lang) {
                (None, _, _) => write!(out, "; {pts} = {max} × {rate}% = {points}"),
                (Some(t), true, Lang::Vi) => {
                    write!(out, " ≥ {}%; điểm tối đa {points}", Num(t.value(), lang))
                }
                (Some(t), true, Lang::En) => {
                    write!(out, " ≥ {}%; full {points} points", Num(t.value(), lang))
                }
                (Some(t), false, _) => {
                    let t = Num(t.value(), lang);
                    write!(out, " < {t}%; {pts} = {max} × {rate}/{t} = {points}")
                }
            }
        }
        Working::RateSteps {
            counts,
            rate_percent,
            reached,
        } => {
            write!(
                out,
                "{} = {}%",
                Counted(counts, measure, lang),
                Num(*rate_percent, lang)
            )?;
            match (reached, lang) {
                (Some(step), Lang::Vi) => write!(
                    out,
                    ", đạt mức ≥ {}%: {points} điểm",
                    Num(step.at_least, lang)
                ),
                (Some(step), Lang::En) => {
                    write!(
                        out,
                        ", reaches the ≥ {}% step: {points} points",
                        Num(step.at_least, lang)
                    )
                }
                (None, _) => out.write_str(pick(
                    lang,
                    ", dưới mức thấp nhất: 0 điểm",
                    ", below the lowest step: 0 points",
                )),
            }
        }
        Working::CountSteps { count, reached } => {
            let count = Int(*count, lang);
            match (reached, lang) {
                (Some(step), Lang::Vi) => write!(
                    out,
                    "Số lượng {count} (≥ {}): {points} điểm",
                    Int(step.at_least, lang)
                ),
                (Some(step), Lang::En) => write!(
                    out,
                    "Count {count} (≥ {}): {points} points",
                    Int(step.at_least, lang)
                ),
                (None, Lang::Vi) => write!(out, "Số lượng {count} dưới mức thấp nhất: 0 điểm"),
                (None, Lang::En) => write!(out, "Count {count} below the lowest step: 0 points"),
            }
        }
        Working::Category { option } => {
            let label = match lang {
                Lang::Vi => &option.label_vi,
                Lang::En => &option.label_en,
            };
            write!(
                out,
                "{label}: {} × {max} = {points}",
                Num(option.share, lang)
            )
        }
        Working::Deadline {
            deadline,
            outcome,
            late_share,
            late_in_time,
        } => {
            let due = Due(*deadline, lang);
            match (outcome, lang) {
                (DeadlineOutcome::OnTime { done_on }, Lang::Vi) => {
                    write!(
                        out,
                        "Hoàn thành ngày {}, đúng hạn ({due}): {points} điểm",
                        Day(*done_on, lang)
                    )
                }
                (DeadlineOutcome::OnTime { done_on }, Lang::En) => {
                    write!(
                        out,
                        "Done on {}, on time ({due}): {points} points",
                        Day(*done_on, lang)
                    )
                }
                (DeadlineOutcome::Late { done_on, days_late }, Lang::Vi) if *late_in_time => {
                    write!(
                        out,
                        "Hoàn thành ngày {}, chậm {days_late} ngày (hạn {due}): {} × {max} = {points}",
                        Day(*done_on, lang),
                        Num(*late_share, lang)
                    )
                }
                (DeadlineOutcome::Late { done_on, days_late }, Lang::En) if *late_in_time => {
                    write!(
                        out,
                        "Done on {}, {days_late} day(s) late (due {due}): {} × {max} = {points}",
                        Day(*done_on, lang),
                        Num(*late_share, lang)
                    )
                }
                (DeadlineOutcome::Late { done_on, .. }, Lang::Vi) => write!(
                    out,
                    "Hoàn thành ngày {}, quá thời hạn chấm điểm (hạn {due}): 0 điểm",
                    Day(*done_on, lang)
                ),
                (DeadlineOutcome::Late { done_on, .. }, Lang::En) => {
                    write!(
                        out,
                        "Done on {}, past the scoring period (due {due}): 0 points",
                        Day(*done_on, lang)
                    )
                }
                (_, Lang::Vi) => write!(out, "Chưa hoàn thành (hạn {due}): 0 điểm"),
                (_, Lang::En) => write!(out, "Not done (due {due}): 0 points"),
            }
        }
        Working::Window {
            window,
            outcome,
            outside_share,
            outside_in_time,
        } => {
            let span = Span(window.start(), window.end(), lang);
            match (outcome, lang) {
                (WindowOutcome::Inside { held_on }, Lang::Vi) => {
                    write!(
                        out,
                        "Tổ chức ngày {}, trong thời gian {span}: {points} điểm",
                        Day(*held_on, lang)
                    )
                }
                (WindowOutcome::Inside { held_on }, Lang::En) => {
                    write!(
                        out,
                        "Held on {}, within {span}: {points} points",
                        Day(*held_on, lang)
                    )
                }
                (WindowOutcome::Outside { held_on }, Lang::Vi) if *outside_in_time => write!(
                    out,
                    "Tổ chức ngày {}, ngoài thời gian {span}: {} × {max} = {points}",
                    Day(*held_on, lang),
                    Num(*outside_share, lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::En) if *outside_in_time => write!(
                    out,
                    "Held on {}, outside {span}: {} × {max} = {points}",
                    Day(*held_on, lang),
                    Num(*outside_share, lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::Vi) => {
                    write!(
                        out,
                        "Tổ chức ngày {}, ngoài thời gian chấm điểm: 0 điểm",
                        Day(*held_on, lang)
                    )
                }
                (WindowOutcome::Outside { held_on }, Lang::En) => {
                    write!(
                        out,
                        "Held on {}, outside the scoring period: 0 points",
                        Day(*held_on, lang)
                    )
                }
                (_, Lang::Vi) => write!(out, "Chưa tổ chức (thời gian {span}): 0 điểm"),
                (_, Lang::En) => write!(out, "Not held (due within {span}): 0 points"),
            }
        }
        Working::Frequency {
            outcome,
            every_months,
        } => {
            let (c, r) = (outcome.covered, outcome.required);
            match lang {
                Lang::Vi => write!(
                    out,
                    "{c}/{r} kỳ ({every_months} tháng/kỳ) có tổ chức; điểm = {max} × {c}/{r} = {points}"
                ),
                Lang::En => write!(
                    out,
                    "{c} of {r} periods ({every_months} months each) held; points = {max} × {c}/{r} = {points}"
                ),
            }
        }
        Working::Done { done } => match (done, lang) {
            (true, Lang::Vi) => write!(out, "Đã thực hiện: {points} điểm"),
            (true, Lang::En) => write!(out, "Done: {points} points"),
            (false, _) => out.write_str(pick(lang, "Chưa thực hiện: 0 điểm", "Not done: 0 points")),
        },
        Working::Assessor { .. } => match lang {
            Lang::Vi => write!(out, "Điểm do người chấm đánh giá: {points}/{max}"),
            Lang::En => write!(out, "Points given by the assessor: {points} of {max}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::Window;
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
        assert_eq!(
            format_decimal(Decimal::MAX, Lang::En),
            "79,228,162,514,264,337,593,543,950,335"
        );
        assert_eq!(
            format_decimal(Decimal::MIN, Lang::Vi),
            "-79.228.162.514.264.337.593.543.950.335"
        );
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2023, 1, 5).unwrap();
        assert_eq!(Day(d, Lang::Vi).to_string(), "05/01/2023");
        assert_eq!(Day(d, Lang::En).to_string(), "2023-01-05");
        let w = Window::quarter(2023, 4).unwrap();
        assert_eq!(
            Span(w.start(), w.end(), Lang::Vi).to_string(),
            "01/10/2023–31/12/2023"
        );
    }
}
