//! Many wards side by side: each ward scored against one criteria set, ranked by index, and a
//! city figure per criterion rolled up as the **ratio of summed counts** — never the mean of
//! the wards' rates, which would weigh a ward of 10 dossiers like a ward of 10,000.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::criteria::CriteriaSet;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::observations::Observations;
use crate::rate::{Counts, Observed};
use crate::rule::{Evidence, Reads, Shortfall};
use crate::score::Summary;

/// One ward's place in the roll-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WardRank {
    /// 1 for the highest index; wards with equal indexes share a rank (1, 2, 2, 4). `None` for
    /// a ward whose maximum is 0 (every criterion left out), which has no index.
    pub rank: Option<usize>,
    /// The ward's headline figures.
    pub summary: Summary,
}

/// A criterion's city-wide figure: the counts of every ward that reported, summed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CityFigure {
    /// The criterion's id.
    pub criterion: Id,
    /// The summed counts.
    pub counts: Counts,
    /// The summed counts' rate in percent, rounded; `None` when nothing arose anywhere.
    pub rate_percent: Option<Decimal>,
    /// Whether the city as a whole reaches full points' target.
    pub met: Option<bool>,
    /// Records the city is short under both levers.
    pub shortfall: Option<Shortfall>,
    /// Wards that reported counts (including 0 of 0).
    pub wards_reported: usize,
    /// Wards that reported không phát sinh.
    pub wards_not_applicable: usize,
    /// Wards that reported nothing.
    pub wards_missing: usize,
}

/// Every ward ranked, and the city's figure for each criterion that reads counts.
///
/// ```
/// use cchc::{Counts, CriteriaSet, Observations};
/// use cchc::rollup::Rollup;
/// use rust_decimal_macros::dec;
/// let set = CriteriaSet::reference();
/// let small = Observations::builder("Phường A", 2023).counts("II.4", 10, 10).build(&set)?;
/// let large = Observations::builder("Phường B", 2023).counts("II.4", 0, 990).build(&set)?;
/// let rollup = Rollup::new(&set, &[small, large])?;
/// let ii4 = rollup.city_figure("II.4").unwrap();
/// assert_eq!(ii4.counts, Counts::new(10, 1000)?); // ratio of sums: 1%, not (100% + 0%) / 2
/// assert_eq!(ii4.rate_percent, Some(dec!(1.00)));
/// assert_eq!(rollup.wards[0].summary.ward, "Phường A");
/// assert_eq!(rollup.wards[0].rank, Some(1));
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rollup {
    /// The criteria set's name.
    pub criteria_set: String,
    /// Wards, highest index first (ties in input order).
    pub wards: Vec<WardRank>,
    /// City figures, in the criteria set's order.
    pub city: Vec<CityFigure>,
}

impl Rollup {
    /// Scores every ward against `set`, ranks them, and sums their counts per criterion.
    ///
    /// # Errors
    /// [`ErrorKind::DuplicateId`](crate::ErrorKind::DuplicateId) for a ward named twice and [`ErrorKind::NotComparable`](crate::ErrorKind::NotComparable) for wards of
    /// different years, wrapped with the ward's name; the first ward whose observations do not
    /// fit `set`, wrapped with the ward's name (and inside, the criterion's id);
    /// [`ErrorKind::Limit`](crate::ErrorKind::Limit) if a city sum leaves `u64`.
    pub fn new(set: &CriteriaSet, wards: &[Observations]) -> Result<Self> {
        let mut names = std::collections::BTreeSet::new();
        for ward in wards {
            if !names.insert(ward.ward()) {
                return Err(Error::from(Reason::DuplicateId {
                    what: "ward",
                    id: ward.ward().to_owned(),
                })
                .at(ward.ward()));
            }
            if let Some(first) = wards.first()
                && ward.year() != first.year()
            {
                return Err(Error::from(Reason::MixedYears {
                    year: ward.year(),
                    expected: first.year(),
                })
                .at(ward.ward()));
            }
        }
        let mut ranked = wards
            .iter()
            .map(|obs| Summary::score(set, obs).map_err(|e| e.at(obs.ward())))
            .collect::<Result<Vec<_>>>()?;
        // Highest index first; a ward without an index last; stable, so ties keep input order.
        ranked.sort_by_key(|summary| std::cmp::Reverse(summary.index));
        let mut out = Vec::with_capacity(ranked.len());
        let mut previous: Option<(Decimal, usize)> = None;
        for (position, summary) in ranked.into_iter().enumerate() {
            let rank = summary.index.map(|index| match previous {
                Some((last, rank)) if last == index => rank,
                _ => position + 1,
            });
            if let (Some(index), Some(rank)) = (summary.index, rank) {
                previous = Some((index, rank));
            }
            out.push(WardRank { rank, summary });
        }
        Ok(Self {
            criteria_set: set.name().to_owned(),
            wards: out,
            city: city_figures(set, wards)?,
        })
    }

    /// The city figure of criterion `id`.
    #[must_use]
    pub fn city_figure(&self, id: &str) -> Option<&CityFigure> {
        self.city.iter().find(|c| c.criterion == id)
    }

    /// The roll-up as pretty JSON (decimals as strings).
    ///
    /// # Errors
    /// [`ErrorKind::Write`](crate::ErrorKind::Write) if the writer fails.
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> Result<String> {
        crate::json::pretty(self)
    }
}

fn city_figures(set: &CriteriaSet, wards: &[Observations]) -> Result<Vec<CityFigure>> {
    let mut out = Vec::new();
    for leaf in set.leaves().filter(|l| l.rule.reads() == Reads::Counts) {
        let id = leaf.criterion.id().as_str();
        let mut figure = CityFigure {
            criterion: leaf.criterion.id().clone(),
            counts: Counts::ZERO,
            rate_percent: None,
            met: None,
            shortfall: None,
            wards_reported: 0,
            wards_not_applicable: 0,
            wards_missing: 0,
        };
        for ward in wards {
            match ward.value(id) {
                Observed::Reported(Evidence::Counts(counts)) => {
                    figure.counts = figure.counts.checked_add(*counts).map_err(|e| e.at(id))?;
                    figure.wards_reported += 1;
                }
                Observed::NotApplicable => figure.wards_not_applicable += 1,
                // Scoring the wards already refused any other kind of value.
                Observed::Reported(_) | Observed::Missing => figure.wards_missing += 1,
            }
        }
        figure.rate_percent = figure
            .counts
            .rate()
            .map(|r| r.percent(set.rounding()))
            .transpose()?;
        if let Some(target) = leaf.rule.full_target() {
            figure.met = target.is_met(&figure.counts);
            figure.shortfall = target.shortfall(&figure.counts);
        }
        out.push(figure);
    }
    Ok(out)
}
