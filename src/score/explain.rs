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

use rust_decimal::Decimal;

use super::outcome::{CriterionScore, Working};
use crate::criteria::{Criterion, NotApplicablePolicy};
use crate::rate::Counts;
use crate::rule::{Comparison, Deadline, DeadlineOutcome, DeadlineWording, WindowOutcome};
use crate::text::{Day, Int, Lang, Num, Span, Text, pick};

/// `90/300 kết quả được số hóa`.
struct Counted<'a>(&'a Counts, Option<&'a str>, Lang);

impl Display for Counted<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        // Written piece by piece: a nested `write!` costs more than the numbers themselves.
        Int(self.0.numerator(), self.2).fmt(f)?;
        f.write_str("/")?;
        Int(self.0.denominator(), self.2).fmt(f)?;
        match self.1 {
            Some(measure) if !measure.is_empty() => {
                f.write_str(" ")?;
                f.write_str(measure)
            }
            _ => Ok(()),
        }
    }
}

/// `trước 30/01/2023` / `by 2023-01-30`.
pub(super) struct Due(pub(super) Deadline, pub(super) Lang);

impl Display for Due {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let word = match (self.0.wording(), self.1) {
            (DeadlineWording::Before, Lang::Vi) => "trước",
            (DeadlineWording::By, Lang::Vi) => "chậm nhất",
            (DeadlineWording::Before, Lang::En) => "before",
            (DeadlineWording::By, Lang::En) => "by",
        };
        f.write_str(word)?;
        f.write_str(" ")?;
        Day(self.0.date(), self.1).fmt(f)
    }
}

/// A level in words: `tỉnh` / `province`, `huyện` / `district`, `xã` / `commune`; another id
/// as written.
fn level_name(level: &crate::Id, lang: Lang) -> &str {
    match (level.as_str(), lang) {
        ("province", Lang::Vi) => "tỉnh",
        ("district", Lang::Vi) => "huyện",
        ("commune", Lang::Vi) => "xã",
        (other, _) => other,
    }
}

impl CriterionScore {
    /// The one-sentence explanation (giải trình) of this score of `criterion`, in both
    /// languages.
    ///
    /// ```
    /// use cchc::{Counts, CriteriaSet, Evidence, Observed};
    /// let set = CriteriaSet::reference();
    /// let leaf = set.leaf("II.4").unwrap();
    /// let seen = Observed::Reported(Evidence::Counts(Counts::new(90, 300)?));
    /// let score = leaf.rule.score(leaf.criterion.max_points(), &seen, set.policy_of(leaf.criterion), set.rounding())?;
    /// let text = score.explanation(leaf.criterion);
    /// assert_eq!(text.vi(), "90/300 kết quả được số hóa = 30,00% < 35%; điểm = 5 × 30,00/35 = 4,29");
    /// assert_eq!(text.en(), "90/300 results digitised = 30.00% < 35%; points = 5 × 30.00/35 = 4.29");
    /// # Ok::<(), cchc::Error>(())
    /// ```
    #[must_use]
    pub fn explanation(&self, criterion: &Criterion) -> Text {
        let measure = criterion.measure();
        Text::new(
            self.explain_in(criterion.max_points(), measure.map(Text::vi), Lang::Vi),
            self.explain_in(criterion.max_points(), measure.map(Text::en), Lang::En),
        )
    }

    /// The explanation in one language, `max` being the criterion's maximum.
    pub(crate) fn explain_in(&self, max: Decimal, measure: Option<&str>, lang: Lang) -> String {
        let mut out = String::with_capacity(160);
        // Writing into a String cannot fail.
        let _ = write_explanation(&mut out, self, max, measure, lang);
        if let Some(day) = self.open_until {
            let _ = match lang {
                Lang::Vi => write!(out, "; còn hạn đến {}", Day(day, lang)),
                Lang::En => write!(out, "; still open until {}", Day(day, lang)),
            };
        }
        out
    }
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
        Working::NoSurvey => out.write_str(pick(
            lang,
            "Không tổ chức điều tra xã hội học: không tính vào tổng điểm tối đa",
            "No sociological survey this year: left out of the maximum",
        )),
        Working::OutOfScope { policy, levels } => {
            let levels: Vec<&str> = levels.iter().map(|l| level_name(l, lang)).collect();
            let levels = levels.join(", ");
            match (policy, lang) {
                (NotApplicablePolicy::LeaveOut, Lang::Vi) => write!(
                    out,
                    "Chỉ áp dụng cấp {levels}: không phát sinh, không tính vào tổng điểm tối đa"
                ),
                (NotApplicablePolicy::LeaveOut, Lang::En) => write!(
                    out,
                    "Applies at the {levels} level only: left out of the maximum"
                ),
                (NotApplicablePolicy::Zero, Lang::Vi) => {
                    write!(out, "Chỉ áp dụng cấp {levels}: không phát sinh, 0 điểm")
                }
                (NotApplicablePolicy::Zero, Lang::En) => {
                    write!(out, "Applies at the {levels} level only: 0 points")
                }
                (_, Lang::Vi) => write!(
                    out,
                    "Chỉ áp dụng cấp {levels}: không phát sinh, được điểm tối đa {max}"
                ),
                (_, Lang::En) => write!(
                    out,
                    "Applies at the {levels} level only (không phát sinh): full {max} points"
                ),
            }
        }
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
            let percent_only = target.percent_only();
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
                    Num(step.at_least().value(), lang)
                ),
                (Some(step), Lang::En) => {
                    write!(
                        out,
                        ", reaches the ≥ {}% step: {points} points",
                        Num(step.at_least().value(), lang)
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
                    Int(step.at_least(), lang)
                ),
                (Some(step), Lang::En) => write!(
                    out,
                    "Count {count} (≥ {}): {points} points",
                    Int(step.at_least(), lang)
                ),
                (None, Lang::Vi) => write!(out, "Số lượng {count} dưới mức thấp nhất: 0 điểm"),
                (None, Lang::En) => write!(out, "Count {count} below the lowest step: 0 points"),
            }
        }
        Working::Category { option } => {
            write!(
                out,
                "{}: {} × {max} = {points}",
                option.label().get(lang),
                Num(option.share().value(), lang)
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
                        Num(late_share.value(), lang)
                    )
                }
                (DeadlineOutcome::Late { done_on, days_late }, Lang::En) if *late_in_time => {
                    write!(
                        out,
                        "Done on {}, {days_late} day(s) late (due {due}): {} × {max} = {points}",
                        Day(*done_on, lang),
                        Num(late_share.value(), lang)
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
                    Num(outside_share.value(), lang)
                ),
                (WindowOutcome::Outside { held_on }, Lang::En) if *outside_in_time => write!(
                    out,
                    "Held on {}, outside {span}: {} × {max} = {points}",
                    Day(*held_on, lang),
                    Num(outside_share.value(), lang)
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
