//! Sheet 2: the raw counts.

use rust_xlsxwriter::Worksheet;

use super::cells::{Named, Out, Step, cell_format, writer_err};
use crate::criteria::CriteriaSet;
use crate::rule::{Reads, Records, ScoringRule};
use crate::score::{Scorecard, Working};
use crate::text::{Lang, pick};

/// The sheet's name, in each language.
const RAW: [&str; 2] = ["Số liệu thô", "Raw counts"];

/// The headings and widths of the sheet's columns.
const HEADINGS: [(&str, &str, f64); 10] = [
    ("STT", "No.", 7.0),
    ("Tiêu chí", "Criterion", 34.0),
    ("Tử số", "Numerator", 11.0),
    ("Mẫu số", "Denominator", 11.0),
    ("Tỷ lệ (%)", "Rate (%)", 9.0),
    ("Chỉ tiêu (%)", "Target (%)", 9.0),
    ("Số hồ sơ cần chuyển đổi", "Records to convert", 12.0),
    ("Số hồ sơ cần thêm mới", "Records to add", 12.0),
    ("Số lượng", "Count", 9.0),
    ("Số lượng đạt điểm tối đa", "Count for full points", 12.0),
];

/// Sheet 2: every criterion scored on counts — the counts, the rate, the target and the
/// records short under both levers — and every criterion scored on a count, with the count and
/// the count of full points; a criterion without its figures says why.
pub(super) fn raw_counts(
    ws: &mut Worksheet,
    set: &CriteriaSet,
    card: &Scorecard,
    lang: Lang,
) -> Step {
    let mut out = Out::new(ws, RAW, lang, card.rounding.decimals())?;
    let columns: Vec<(&str, f64)> = HEADINGS
        .iter()
        .map(|(vi, en, w)| (pick(lang, vi, en), *w))
        .collect();
    out.header(0, &columns)?;
    let mut row = 1;
    for leaf in set.leaves() {
        let reads = leaf.rule.reads();
        if !matches!(reads, Reads::Counts | Reads::Count) {
            continue;
        }
        let Some(line) = card.criterion(leaf.criterion.id().as_str()) else {
            continue;
        };
        let id = line.id.as_str();
        let named = |what, key| Named {
            what,
            key,
            item: Some(id),
        };
        for c in 0..10 {
            out.ws
                .write_blank(row, c, &cell_format(false))
                .map_err(writer_err)?;
        }
        out.text(row, 0, id, false)?;
        out.text(row, 1, line.label.get(lang), false)?;
        match &line.working {
            Some(
                Working::AllOrNothing { counts, .. }
                | Working::Proportional { counts, .. }
                | Working::RateSteps { counts, .. },
            ) => {
                out.whole(row, 2, counts.numerator(), named("numerator", "numerator"))?;
                out.whole(
                    row,
                    3,
                    counts.denominator(),
                    named("denominator", "denominator"),
                )?;
                if let Some(rate) = line.rate_percent {
                    out.number(row, 4, rate, named("rate", "rate_percent"), false)?;
                }
            }
            Some(Working::CountSteps { count, .. }) => {
                out.whole(row, 8, *count, named("count", "count"))?;
            }
            working => {
                let why = match working {
                    Some(Working::NotApplicable { .. } | Working::OutOfScope { .. }) => {
                        pick(lang, "không phát sinh", "not applicable")
                    }
                    Some(Working::NoSurvey) => pick(lang, "không điều tra", "no survey"),
                    _ => pick(lang, "chưa có số liệu", "missing"),
                };
                let c = if reads == Reads::Count { 8 } else { 2 };
                out.text(row, c, why, false)?;
            }
        }
        if let Some(target) = leaf.rule.full_target().map(|t| t.percent().value()) {
            out.number(row, 5, target, named("target", "target"), false)?;
        }
        if let ScoringRule::CountSteps(steps) = leaf.rule
            && let Some(top) = steps.top()
        {
            let n = named("count for full points", "steps");
            out.whole(row, 9, top.at_least(), n)?;
        }
        for (c, records, what, key) in [
            (
                6,
                line.records_to_convert,
                "records to convert",
                "records_to_convert",
            ),
            (7, line.records_to_add, "records to add", "records_to_add"),
        ] {
            match records {
                Some(Records::Needed(k)) => out.whole(row, c, k, named(what, key))?,
                Some(Records::Impossible) => {
                    out.text(row, c, pick(lang, "không thể đạt", "impossible"), false)?;
                }
                None => {}
            }
        }
        row += 1;
    }
    Ok(())
}
