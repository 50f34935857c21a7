//! The difference between two scorecards of the same criteria set.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::{Error, Lang, Result, ScoreStatus, Scorecard, format_decimal};

/// One criterion's line of a [`ScorecardDiff`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CriterionDiff {
    /// The criterion's id.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
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
    pub status_before: ScoreStatus,
    /// Status after.
    pub status_after: ScoreStatus,
}

fn status_words(status: ScoreStatus, lang: Lang) -> &'static str {
    match (status, lang) {
        (ScoreStatus::Met, Lang::Vi) => "đạt",
        (ScoreStatus::Met, Lang::En) => "met",
        (ScoreStatus::Partial, Lang::Vi) => "đạt một phần",
        (ScoreStatus::Partial, Lang::En) => "partial",
        (ScoreStatus::NotMet, Lang::Vi) => "không đạt",
        (ScoreStatus::NotMet, Lang::En) => "not met",
        (ScoreStatus::NotApplicable, Lang::Vi) => "không phát sinh",
        (ScoreStatus::NotApplicable, Lang::En) => "nothing arose",
        (ScoreStatus::Missing, Lang::Vi) => "chưa báo cáo",
        (ScoreStatus::Missing, Lang::En) => "not reported",
        (ScoreStatus::Pending, Lang::Vi) => "chưa đến hạn",
        (ScoreStatus::Pending, Lang::En) => "still open",
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
pub struct ScorecardDiff {
    /// Total before.
    pub total_before: Decimal,
    /// Total after.
    pub total_after: Decimal,
    /// `total_after − total_before`.
    pub total_change: Decimal,
    /// Maximum before.
    pub max_before: Decimal,
    /// Maximum after.
    pub max_after: Decimal,
    /// Index before.
    pub index_before: Option<Decimal>,
    /// Index after.
    pub index_after: Option<Decimal>,
    /// `index_after − index_before`, when both exist.
    pub index_change: Option<Decimal>,
    /// Band before, in Vietnamese.
    pub band_before: Option<String>,
    /// Band after, in Vietnamese.
    pub band_after: Option<String>,
    /// Band before, in English.
    pub band_before_en: Option<String>,
    /// Band after, in English.
    pub band_after_en: Option<String>,
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
            .find(|b| after.criterion(&b.id).is_none())
        {
            return Err(unknown(&extra.id));
        }
        let mut criteria = Vec::new();
        for a in &after.criteria {
            let b = before.criterion(&a.id).ok_or_else(|| unknown(&a.id))?;
            if a.points != b.points || a.max_points != b.max_points || a.status != b.status {
                criteria.push(CriterionDiff {
                    id: a.id.clone(),
                    label_vi: a.label_vi.clone(),
                    label_en: a.label_en.clone(),
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
            total_before: before.summary.total_points,
            total_after: after.summary.total_points,
            total_change: after.summary.total_points - before.summary.total_points,
            max_before: before.summary.max_points,
            max_after: after.summary.max_points,
            index_before: before.summary.index,
            index_after: after.summary.index,
            index_change: before
                .summary
                .index
                .zip(after.summary.index)
                .map(|(b, a)| a - b),
            band_before: before.summary.band.clone(),
            band_after: after.summary.band.clone(),
            band_before_en: before.summary.band_en.clone(),
            band_after_en: after.summary.band_en.clone(),
            criteria,
        })
    }

    /// Whether nothing changed: no criterion listed, same total, maximum and index.
    #[must_use]
    pub fn is_unchanged(&self) -> bool {
        self.criteria.is_empty()
            && self.total_change.is_zero()
            && self.max_before == self.max_after
            && self.index_before == self.index_after
    }

    /// Whether the rating band changed.
    #[must_use]
    pub fn band_changed(&self) -> bool {
        self.band_before != self.band_after
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
            index(self.index_before),
            index(self.index_after)
        );
        if let Some(change) = self.index_change {
            line.push_str(&format!(" ({})", signed(change, lang)));
        }
        let (band_before, band_after) = match lang {
            Lang::Vi => (&self.band_before, &self.band_after),
            Lang::En => (&self.band_before_en, &self.band_after_en),
        };
        if band_before != band_after {
            line.push_str(&format!(
                "; {} → {}",
                band_before.as_deref().unwrap_or(none),
                band_after.as_deref().unwrap_or(none)
            ));
        }
        lines.push(line);
        lines
    }
}
