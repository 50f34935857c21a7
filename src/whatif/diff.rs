//! The difference between two scorecards of the same criteria set.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rule::Status;
use crate::score::{Scorecard, Summary};
use crate::text::{Lang, Text, format_decimal};

/// One criterion's line of a [`ScorecardDiff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CriterionDiff {
    /// The criterion's id.
    pub id: Id,
    /// The criterion's label.
    pub label: Text,
    /// Self-assessed points before, rounded.
    pub points_before: Decimal,
    /// Self-assessed points after, rounded.
    pub points_after: Decimal,
    /// `points_after − points_before`.
    pub change: Decimal,
    /// The maximum counted before.
    pub max_before: Decimal,
    /// The maximum counted after.
    pub max_after: Decimal,
    /// Status before.
    pub status_before: Status,
    /// Status after.
    pub status_after: Status,
}

fn status_words(status: Status, lang: Lang) -> &'static str {
    match (status, lang) {
        (Status::Met, Lang::Vi) => "đạt",
        (Status::Met, Lang::En) => "met",
        (Status::Partial, Lang::Vi) => "đạt một phần",
        (Status::Partial, Lang::En) => "partial",
        (Status::NotMet, Lang::Vi) => "không đạt",
        (Status::NotMet, Lang::En) => "not met",
        (Status::NotApplicable, Lang::Vi) => "không phát sinh",
        (Status::NotApplicable, Lang::En) => "nothing arose",
        (Status::Missing, Lang::Vi) => "chưa báo cáo",
        (Status::Missing, Lang::En) => "not reported",
        (Status::Pending, Lang::Vi) => "chưa đến hạn",
        (Status::Pending, Lang::En) => "still open",
    }
}

fn signed(value: Decimal, lang: Lang) -> String {
    if value.is_sign_negative() && !value.is_zero() {
        format_decimal(value, lang)
    } else {
        format!("+{}", format_decimal(value, lang))
    }
}

impl CriterionDiff {
    /// A one-line summary.
    ///
    /// `II.4: 4,29 → 5,00 điểm (+0,71); đạt một phần → đạt` (Vietnamese) or
    /// `II.4: 4.29 → 5.00 points (+0.71); partial → met` (English).
    #[must_use]
    pub fn summary(&self, lang: Lang) -> String {
        let unit = match lang {
            Lang::Vi => "điểm",
            Lang::En => "points",
        };
        let mut line = format!(
            "{}: {} → {} {unit} ({})",
            self.id,
            format_decimal(self.points_before, lang),
            format_decimal(self.points_after, lang),
            signed(self.change, lang),
        );
        if self.status_before != self.status_after {
            line.push_str(&format!(
                "; {} → {}",
                status_words(self.status_before, lang),
                status_words(self.status_after, lang)
            ));
        }
        line
    }
}

/// What changed between two scorecards of the same criteria set.
///
/// Only criteria whose points, counted maximum or status changed are listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScorecardDiff {
    /// The headline figures before.
    pub before: Summary,
    /// The headline figures after.
    pub after: Summary,
    /// `after.total_points − before.total_points`.
    pub total_change: Decimal,
    /// `after.index − before.index`, when both exist.
    pub index_change: Option<Decimal>,
    /// The criteria that changed, in the scorecard's order.
    pub criteria: Vec<CriterionDiff>,
}

impl ScorecardDiff {
    /// The difference from `before` to `after`.
    ///
    /// # Errors
    /// [`ErrorKind::NotComparable`](crate::ErrorKind::NotComparable) when the scorecards come from different criteria sets or
    /// rounding policies; [`ErrorKind::UnknownId`](crate::ErrorKind::UnknownId), wrapped with the criterion's id, when they do
    /// not list the same criteria.
    pub fn between(before: &Scorecard, after: &Scorecard) -> Result<Self> {
        if before.criteria_set != after.criteria_set {
            return Err(Error::from(Reason::NotComparable {
                what: "criteria set",
                before: before.criteria_set.clone(),
                after: after.criteria_set.clone(),
            }));
        }
        if before.rounding != after.rounding {
            return Err(Error::from(Reason::NotComparable {
                what: "rounding",
                before: before.rounding.to_string(),
                after: after.rounding.to_string(),
            }));
        }
        let unknown = |id: &str| {
            Error::from(Reason::UnknownId {
                what: "criterion",
                id: id.to_owned(),
            })
            .at(id)
        };
        if let Some(extra) = before
            .criteria
            .iter()
            .find(|b| after.criterion(b.id.as_str()).is_none())
        {
            return Err(unknown(extra.id.as_str()));
        }
        let mut criteria = Vec::new();
        for a in &after.criteria {
            let b = before
                .criterion(a.id.as_str())
                .ok_or_else(|| unknown(a.id.as_str()))?;
            if a.points != b.points || a.max_points != b.max_points || a.status != b.status {
                criteria.push(CriterionDiff {
                    id: a.id.clone(),
                    label: a.label.clone(),
                    points_before: b.points,
                    points_after: a.points,
                    change: a.points - b.points,
                    max_before: b.max_points,
                    max_after: a.max_points,
                    status_before: b.status,
                    status_after: a.status,
                });
            }
        }
        Ok(Self {
            total_change: after.summary.total_points - before.summary.total_points,
            index_change: before
                .summary
                .index
                .zip(after.summary.index)
                .map(|(b, a)| a - b),
            before: before.summary.clone(),
            after: after.summary.clone(),
            criteria,
        })
    }

    /// Whether nothing changed: no criterion listed, same total, maximum and index.
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.criteria.is_empty()
            && self.total_change.is_zero()
            && self.before.max_points == self.after.max_points
            && self.before.index == self.after.index
    }

    /// Whether the rating band changed.
    #[must_use]
    pub fn band_changed(&self) -> bool {
        self.before.band != self.after.band
    }

    /// One summary line per changed criterion, then one for the index and band.
    ///
    /// The last line reads `Chỉ số: 72,50 → 80,10 (+7,60); Khá → Tốt` in Vietnamese and
    /// `Index: 72.50 → 80.10 (+7.60); Fair → Good` in English.
    #[must_use]
    pub fn summary(&self, lang: Lang) -> Vec<String> {
        let mut lines: Vec<String> = self.criteria.iter().map(|c| c.summary(lang)).collect();
        let none = match lang {
            Lang::Vi => "không có",
            Lang::En => "none",
        };
        let index =
            |i: Option<Decimal>| i.map_or_else(|| none.to_owned(), |i| format_decimal(i, lang));
        let mut line = format!(
            "{}: {} → {}",
            match lang {
                Lang::Vi => "Chỉ số",
                Lang::En => "Index",
            },
            index(self.before.index),
            index(self.after.index)
        );
        if let Some(change) = self.index_change {
            line.push_str(&format!(" ({})", signed(change, lang)));
        }
        fn band<'a>(band: &'a Option<Text>, none: &'a str, lang: Lang) -> &'a str {
            band.as_ref().map_or(none, |b| b.get(lang))
        }
        if self.band_changed() {
            line.push_str(&format!(
                "; {} → {}",
                band(&self.before.band, none, lang),
                band(&self.after.band, none, lang)
            ));
        }
        lines.push(line);
        lines
    }
}
