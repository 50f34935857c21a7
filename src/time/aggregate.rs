//! Observations of shorter periods added up into a longer one: months into a quarter or the
//! year, as ratios of summed counts.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::criteria::{Aggregation, CriteriaSet, Criterion};
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::observations::{Observations, Period};
use crate::rate::Observed;
use crate::rule::Evidence;

/// The observations of `parts` (a ward's months, say) added up into `period` (a quarter, the
/// year), checked against `set`.
///
/// The parts must cover the period, day for day, without overlapping: a quarter is its
/// three months (or its weeks, or any parts that tile it). For the part of a period so far,
/// add the months up into that part (`Period::months_of(2023, 1, 2)`), so that the result
/// never claims a whole quarter it has not seen.
///
/// Each criterion's values are combined as its [`Aggregation`] says:
///
/// - [`Aggregation::Sum`] (flows, the default): **counts are summed**, so the rate of the
///   period is the ratio of the summed counts — not the mean of the parts' rates (2 of 10 and
///   90 of 100 make 92 of 110, 83.64%, not 55%); *không phát sinh* adds 0 of 0; a part with
///   nothing reported adds nothing;
/// - [`Aggregation::Latest`] (stocks, such as procedures published): the value of the latest
///   part that reports one;
/// - [`Aggregation::Period`] (distinct counts over the period, such as online services with
///   at least one online record): left missing, to be given for the period itself
///   ([`Observations::set`]);
///
/// and, for the other rule kinds under [`Aggregation::Sum`]:
/// - counts (count steps) are summed; dates held are gathered; the earliest completion counts;
///   done in any part is done;
/// - assessor points and categories must be the same in every part that gives them (they are
///   given for the whole period);
/// - evidence texts are joined. Appraisals, bonus and penalty points and the survey are given
///   for the whole period, on the result, not on its parts.
///
/// A criterion no part reports is missing; one that every reporting part says is *không phát
/// sinh* stays so.
///
/// ```
/// use cchc::{CriteriaSet, Observations};
/// use cchc::observations::Period;
/// use cchc::time::aggregate;
/// let set = CriteriaSet::preset("qd766")?;
/// let month = |m, g, n| {
///     Observations::builder("Xã A", 2023).period(Period::month(2023, m).unwrap()).counts("3.3", g, n).build(&set)
/// };
/// let q1 = aggregate(&set, Period::quarter(2023, 1)?, &[month(1, 2, 10)?, month(2, 90, 100)?, month(3, 0, 0)?])?;
/// let counts = q1.value("3.3");
/// assert_eq!(format!("{counts:?}"), "Reported(Counts(Counts { numerator: 92, denominator: 110 }))");
/// # Ok::<(), cchc::Error>(())
/// ```
///
/// # Errors
/// Named by the part (its period) or the criterion: a part of another ward, outside `period`
/// or overlapping another part; days of `period` no part covers; a part with appraisals, bonus or penalty points or a survey
/// flag; assessor points or categories that differ between parts; a sum of counts beyond
/// `u64`; as [`Observations::check`] for each part and for the result.
pub fn aggregate(
    set: &CriteriaSet,
    period: Period,
    parts: &[Observations],
) -> Result<Observations> {
    let first = parts.first().ok_or_else(|| {
        Error::from(Reason::Empty {
            kind: "period",
            what: "part",
        })
    })?;
    let ward = first.ward().to_owned();
    let mut spans: Vec<Period> = Vec::with_capacity(parts.len());
    for part in parts {
        let span = part.period()?;
        let name = span.code();
        part.check(set).map_err(|e| e.at(&name))?;
        if part.ward() != ward {
            return Err(Error::from(Reason::BadValue {
                key: "ward".to_owned(),
                value: format!("{:?}", part.ward()),
                expected: "the ward of the first part: parts of one ward are added up",
            })
            .at(name));
        }
        if !period.covers(&span) {
            return Err(Error::from(Reason::BadValue {
                key: "period".to_owned(),
                value: name.clone(),
                expected: "a part within the period added up",
            })
            .at(name));
        }
        if let Some(other) = spans
            .iter()
            .find(|s| s.start() <= span.end() && span.start() <= s.end())
        {
            return Err(Error::from(Reason::BadValue {
                key: "period".to_owned(),
                value: name.clone(),
                expected: "parts that do not overlap",
            })
            .context(format!("overlaps {}", other.code()))
            .at(name));
        }
        if part.appraisals().next().is_some()
            || !part.bonus().is_empty()
            || !part.penalties().is_empty()
            || part.survey().is_some()
        {
            return Err(Error::from(Reason::NotObserved {
                what: "appraisals, bonus and penalty points and the survey are given for the whole period".to_owned(),
            })
            .at(name));
        }
        spans.push(span);
    }
    check_covered(period, &spans)?;
    // The parts in time order, so that the latest comes last.
    let mut ordered: Vec<&Observations> = parts.iter().collect();
    ordered.sort_by_key(|part| part.period().map(|p| p.start()).ok());
    let mut combined: BTreeMap<Id, (Observed<Evidence>, Vec<String>)> = BTreeMap::new();
    for part in ordered {
        let part_name = part.period().map(|p| p.code()).unwrap_or_default();
        for (id, observation) in part.iter() {
            let policy = set
                .criterion(id.as_str())
                .map_or(Aggregation::Sum, Criterion::aggregation);
            if policy == Aggregation::Period {
                continue;
            }
            let slot = combined
                .entry(id.clone())
                .or_insert((Observed::Missing, Vec::new()));
            slot.0 = match policy {
                Aggregation::Latest if observation.value != Observed::Missing => {
                    observation.value.clone()
                }
                Aggregation::Latest => slot.0.clone(),
                _ => combine(&slot.0, &observation.value)
                    .map_err(|e| e.at(id.as_str()).at(&part_name))?,
            };
            if let Some(text) = &observation.evidence
                && !slot.1.contains(text)
            {
                slot.1.push(text.clone());
            }
        }
    }
    let mut out = Observations::for_period(ward, period)?;
    for (id, (value, evidence)) in combined {
        out.set(id.clone(), value);
        if !evidence.is_empty() {
            out.set_evidence(id.as_str(), evidence.join("; "))?;
        }
    }
    out.checked_against(set)
}

/// Every day of `period` lies in one of `spans` (which do not overlap).
fn check_covered(period: Period, spans: &[Period]) -> Result<()> {
    let mut sorted: Vec<(NaiveDate, NaiveDate)> =
        spans.iter().map(|s| (s.start(), s.end())).collect();
    sorted.sort_unstable();
    let mut next = period.start();
    let mut gaps = Vec::new();
    for (start, end) in sorted {
        if start > next {
            gaps.push(format!("{next} to {}", start.pred_opt().unwrap_or(start)));
        }
        next = next.max(end.succ_opt().unwrap_or(end));
    }
    if next <= period.end() {
        gaps.push(format!("{next} to {}", period.end()));
    }
    if gaps.is_empty() {
        Ok(())
    } else {
        Err(Error::from(Reason::BadValue {
            key: "period".to_owned(),
            value: period.code(),
            expected: "parts that cover every day of it",
        })
        .context(format!("no part covers {}", gaps.join(", ")))
        .at(period.code()))
    }
}

/// Two values of one criterion added up.
fn combine(before: &Observed<Evidence>, next: &Observed<Evidence>) -> Result<Observed<Evidence>> {
    use Observed::{Missing, NotApplicable, Reported};
    Ok(match (before, next) {
        (Missing, value) | (value, Missing) => value.clone(),
        (NotApplicable, NotApplicable) => NotApplicable,
        (NotApplicable, Reported(evidence)) | (Reported(evidence), NotApplicable) => {
            Reported(evidence.clone())
        }
        (Reported(a), Reported(b)) => Reported(match (a, b) {
            (Evidence::Counts(a), Evidence::Counts(b)) => Evidence::Counts(a.checked_add(*b)?),
            (Evidence::Count(a), Evidence::Count(b)) => {
                Evidence::Count(a.checked_add(*b).ok_or_else(|| {
                    Error::from(Reason::Overflow {
                        what: "a sum of counts",
                    })
                })?)
            }
            (Evidence::Completed(a), Evidence::Completed(b)) => Evidence::Completed(match (a, b) {
                (Some(a), Some(b)) => Some(*a.min(b)),
                (a, b) => a.or(*b),
            }),
            (Evidence::Held(a), Evidence::Held(b)) => {
                let mut dates = a.clone();
                dates.extend(b.iter().filter(|d| !a.contains(d)));
                dates.sort_unstable();
                Evidence::Held(dates)
            }
            (Evidence::Done(a), Evidence::Done(b)) => Evidence::Done(*a || *b),
            (a, b) if a == b => a.clone(),
            (a, _) => {
                return Err(Error::from(Reason::NotObserved {
                    what: format!(
                        "{} differ between the parts: give them for the whole period",
                        a.describe()
                    ),
                }));
            }
        }),
    })
}

#[cfg(all(test, feature = "toml"))]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn month(set: &CriteriaSet, m: u32, g: u64, n: u64) -> Observations {
        Observations::builder("Xã A", 2023)
            .period(Period::month(2023, m).unwrap())
            .counts("3.3", g, n)
            .build(set)
            .unwrap()
    }

    #[test]
    fn parts_must_not_overlap_or_leave_the_period() {
        let set = crate::criteria::presets::qd766();
        let q1 = Period::quarter(2023, 1).unwrap();
        let jan = month(&set, 1, 1, 2);
        let err = aggregate(&set, q1, &[jan.clone(), jan.clone()]).unwrap_err();
        assert_eq!(err.item(), Some("2023-01"));
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        let april = month(&set, 4, 1, 2);
        assert!(aggregate(&set, q1, &[jan, april]).is_err());
        assert!(aggregate(&set, q1, &[]).is_err());
    }
}
