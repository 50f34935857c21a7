//! Scoring: a ward's [`Observations`](crate::Observations) against a
//! [`CriteriaSet`](crate::CriteriaSet), every point explained.
//!
//! [`Scorecard::score`] is the one way to a full scorecard: a line per criterion
//! ([`CriterionLine`]) with its points, status, rate, records short under both levers, the
//! scoring method and the explanation (giải trình) in Vietnamese and English; field subtotals
//! ([`FieldLine`]); and the headline figures ([`Summary`]): total, maximum, index and band,
//! self-assessed and appraised. [`Scorecard::score_at`] scores part-way through the year;
//! [`Summary::score`] computes the headline figures alone, without writing any text.
//!
//! ## How the figures are made
//!
//! - Each criterion's points are computed as an exact fraction, judged met (full points),
//!   partial or not met on that exact value, then rounded by the set's policy (default: 2
//!   decimals, half away from zero). So 49.93% against a 50% target on 3 points shows 3.00
//!   points and is still *partial*, one record short.
//! - *Không phát sinh* (nothing arose in scope: `not_applicable = true`, or a zero
//!   denominator) scores by the set's policy: full points (the default), left out of the
//!   maximum, or zero. A criterion with no observation scores 0 and is listed as missing.
//! - The total is the sum of the rounded points; the index is total ÷ maximum × 100, rounded
//!   from the exact fraction; the band is the set's band that holds the index (none when the
//!   set has no bands).
//! - Records short (`records_to_convert`, `records_to_add`): for rate rules, the least whole
//!   number of records that reaches full points when existing records are converted, or when
//!   new records that all meet the measure are added; `null` in JSON when no number can.
//!
//! ## The JSON
//!
//! ```json
//! { "ward": "Phường Sông Cầu", "year": 2023,
//!   "total_points": "87.50", "max_points": "100", "index": "87.50",
//!   "band": "Tốt", "band_en": "Good",
//!   "appraised_total_points": "87.00", "appraised_index": "87.00",
//!   "appraised_band": "Tốt", "appraised_band_en": "Good", "missing_criteria": 0,
//!   "criteria_set": "…", "rounding": { "decimals": 2, "mode": "half_away_from_zero" },
//!   "fields": [ { "id": "II", "label_vi": "…", "label_en": "…",
//!                 "points": "27.25", "max_points": "30", "appraised_points": "27.25" } ],
//!   "criteria": [ { "id": "II.4", "field": "II", "label_vi": "…", "label_en": "…",
//!                   "method_vi": "…", "method_en": "…", "points": "4.29", "max_points": "5",
//!                   "status": "partial", "rate_percent": "30.00",
//!                   "records_to_convert": 15, "records_to_add": 24,
//!                   "explanation_vi": "…", "explanation_en": "…",
//!                   "appraised_points": "4.29", "working": { "rule": "proportional", … } } ],
//!   "missing": [] }
//! ```
//!
//! `status` is one of `met`, `partial`, `not_met`, `not_applicable`, `missing`, `pending`.
//! Optional keys (`parent`, `rate_percent`, the record counts, `evidence`, `appraisal_reason`,
//! `open_until`, `as_of`, `working`) are left out when they do not apply.

mod explain;
mod method;
mod notes;
mod outcome;
mod points;
mod scorecard;
mod sum;
mod summary;
mod wire;

pub use outcome::{CriterionScore, Working};
pub use scorecard::{CriterionLine, FieldLine, Scorecard};
pub use summary::Summary;

/// The scorecard's JSON shape, for its schema.
#[cfg(test)]
pub(crate) type ScorecardWire = wire::ScorecardWire<
    String,
    crate::Id,
    wire::FieldWire<String, crate::Id>,
    wire::CriterionWire<String, crate::Id, Working>,
>;
