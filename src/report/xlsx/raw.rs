//! Sheet 2: the raw counts.

use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatBorder, Worksheet};

use super::{Formats, Step, crate_err, writer_err};
use crate::criteria::CriteriaSet;
use crate::rule::Records;
use crate::score::{Scorecard, Working};
use crate::spreadsheet::number;
use crate::text::{Lang, pick};

/// Sheet 2: the counts of every criterion scored on counts, with the rate, the target and the
/// records short under both levers.
pub(super) fn raw_counts(
    ws: &mut Worksheet,
    set: &CriteriaSet,
    card: &Scorecard,
    lang: Lang,
) -> Step {
    ws.set_name(pick(lang, "Số liệu thô", "Raw counts"))
        .map_err(writer_err)?;
    let f = Formats::new(card.rounding.decimals());
    let headings = match lang {
        Lang::Vi => [
            "STT",
            "Tiêu chí",
            "Tử số",
            "Mẫu số",
            "Tỷ lệ (%)",
            "Chỉ tiêu (%)",
            "Số hồ sơ cần chuyển đổi",
            "Số hồ sơ cần thêm mới",
        ],
        Lang::En => [
            "No.",
            "Criterion",
            "Numerator",
            "Denominator",
            "Rate (%)",
            "Target (%)",
            "Records to convert",
            "Records to add",
        ],
    };
    for (c, (h, w)) in (0u16..).zip(
        headings
            .iter()
            .zip([8.0, 48.0, 12.0, 12.0, 11.0, 11.0, 16.0, 16.0]),
    ) {
        ws.write_string_with_format(0, c, *h, &f.header)
            .map_err(writer_err)?;
        ws.set_column_width(c, w).map_err(writer_err)?;
    }
    ws.set_repeat_rows(0, 0).map_err(writer_err)?;
    ws.set_freeze_panes(1, 0).map_err(writer_err)?;
    ws.set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0);
    let whole = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0");
    let mut row = 1;
    for leaf in set.leaves() {
        let Some(line) = card.criterion(leaf.criterion.id().as_str()) else {
            continue;
        };
        let counts = match &line.working {
            Some(
                Working::AllOrNothing { counts, .. }
                | Working::Proportional { counts, .. }
                | Working::RateSteps { counts, .. },
            ) => *counts,
            _ => continue,
        };
        ws.write_string_with_format(row, 0, line.id.as_str(), &f.text)
            .map_err(writer_err)?;
        ws.write_string_with_format(row, 1, line.label.get(lang), &f.text)
            .map_err(writer_err)?;
        for (c, n) in [(2, counts.numerator()), (3, counts.denominator())] {
            let v = number(Decimal::from(n)).map_err(crate_err)?;
            ws.write_number_with_format(row, c, v, &whole)
                .map_err(writer_err)?;
        }
        let target = leaf.rule.full_target().map(|t| t.percent().value());
        for (c, value) in [(4, line.rate_percent), (5, target)] {
            match value {
                Some(v) => {
                    ws.write_number_with_format(row, c, number(v).map_err(crate_err)?, &f.number)
                }
                None => ws.write_blank(row, c, &f.text),
            }
            .map_err(writer_err)?;
        }
        for (c, records) in [(6, line.records_to_convert), (7, line.records_to_add)] {
            match records {
                Some(Records::Needed(k)) => {
                    let v = number(Decimal::from(k)).map_err(crate_err)?;
                    ws.write_number_with_format(row, c, v, &whole)
                }
                Some(Records::Impossible) => ws.write_string_with_format(
                    row,
                    c,
                    pick(lang, "không thể đạt", "impossible"),
                    &f.text,
                ),
                None => ws.write_blank(row, c, &f.text),
            }
            .map_err(writer_err)?;
        }
        row += 1;
    }
    Ok(())
}
