//! A criteria set within the [limits](crate::limits): how many fields, criteria and bands,
//! how deep its sub-criteria, how long its texts.

use super::Parts;
use super::model::{Body, Criterion};
use crate::error::{Error, Reason};
use crate::limits::{self, MAX_BANDS, MAX_CRITERIA, MAX_DEPTH, MAX_FIELDS};
use crate::rule::ScoringRule;
use crate::text::Text;

/// The problems of a set with `fields` fields, `criteria` criteria (sub-criteria included)
/// and `bands` bands: each count beyond its limit.
pub(super) fn counts(fields: usize, criteria: usize, bands: usize) -> Vec<Error> {
    [
        ("fields", fields, MAX_FIELDS, None),
        ("criteria", criteria, MAX_CRITERIA, None),
        ("bands", bands, MAX_BANDS, Some("bands")),
    ]
    .into_iter()
    .filter_map(|(what, len, limit, item)| {
        let err = limits::count(what, len, limit).err()?.with_key(what);
        Some(match item {
            Some(item) => err.at(item),
            None => err,
        })
    })
    .collect()
}

/// Every limit `parts` exceed: counts, depth, texts.
pub(super) fn problems(parts: &Parts) -> Vec<Error> {
    let criteria: usize = parts.fields.iter().map(|f| count(&f.criteria)).sum();
    let mut out = counts(parts.fields.len(), criteria, parts.bands.len());
    let mut check = |key: &'static str, text: &str, item: Option<&str>| {
        if let Err(err) = limits::text(key, text) {
            out.push(match item {
                Some(item) => err.at(item),
                None => err,
            });
        }
    };
    check("name", &parts.name, None);
    if let Some(source) = &parts.source {
        check("source", source, None);
    }
    both(&mut check, "assumption", parts.assumption.as_ref(), None);
    for band in &parts.bands {
        both(&mut check, "label", Some(&band.label), Some("bands"));
    }
    for (item, adjustment) in [("bonus", &parts.bonus), ("penalty", &parts.penalty)] {
        if let Some(adjustment) = adjustment {
            both(&mut check, "label", Some(&adjustment.label), Some(item));
        }
    }
    for field in &parts.fields {
        both(
            &mut check,
            "label",
            Some(&field.label),
            Some(field.id.as_str()),
        );
        for criterion in &field.criteria {
            texts(criterion, &mut check);
        }
    }
    for criterion in parts.fields.iter().flat_map(|f| &f.criteria) {
        if depth(criterion) > MAX_DEPTH {
            out.push(
                Error::from(Reason::TooMany {
                    what: "levels of sub-criteria",
                    count: depth(criterion),
                    limit: MAX_DEPTH,
                })
                .with_key("children")
                .at(criterion.id.as_str()),
            );
        }
    }
    out
}

/// Criteria in `list`, sub-criteria included.
fn count(list: &[Criterion]) -> usize {
    list.iter()
        .map(|c| match &c.body {
            Body::Children(children) => 1 + count(children),
            Body::Rule(_) => 1,
        })
        .sum()
}

/// Levels of sub-criteria under `criterion` (0 for a leaf).
pub(super) fn depth(criterion: &Criterion) -> usize {
    match &criterion.body {
        Body::Children(children) => 1 + children.iter().map(depth).max().unwrap_or(0),
        Body::Rule(_) => 0,
    }
}

/// Checks both languages of `text`, as `KEY_vi` and `KEY_en` are one key to a person.
fn both(
    check: &mut impl FnMut(&'static str, &str, Option<&str>),
    key: &'static str,
    text: Option<&Text>,
    item: Option<&str>,
) {
    if let Some(text) = text {
        check(key, text.vi(), item);
        check(key, text.en(), item);
    }
}

/// Every text of `criterion` and its sub-criteria.
fn texts(criterion: &Criterion, check: &mut impl FnMut(&'static str, &str, Option<&str>)) {
    let id = Some(criterion.id.as_str());
    both(check, "label", Some(&criterion.label), id);
    both(check, "measure", criterion.measure.as_ref(), id);
    both(
        check,
        "denominator",
        criterion.about.denominator.as_ref(),
        id,
    );
    both(check, "assumption", criterion.about.assumption.as_ref(), id);
    if let Some(source) = &criterion.about.source {
        check("source", source, id);
    }
    match &criterion.body {
        Body::Rule(ScoringRule::Categories(options)) => {
            for option in options.options() {
                both(check, "options", Some(option.label()), id);
            }
        }
        Body::Rule(_) => {}
        Body::Children(children) => {
            for child in children {
                texts(child, check);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::id::Id;
    use rust_decimal::Decimal;

    fn leaf(id: &str) -> Criterion {
        Criterion::new(
            Id::new(id).unwrap(),
            Text::new("c", "c"),
            Decimal::ONE,
            ScoringRule::Done,
        )
        .unwrap()
    }

    #[test]
    fn criteria_are_counted_with_their_sub_criteria() {
        // A.1 (A.1.a, A.1.b (A.1.b.i)) and A.2: 2 + 2 + 1 = 5 criteria, 3 of them scored.
        let b = Criterion::with_sub_criteria(
            Id::new("A.1.b").unwrap(),
            Text::new("c", "c"),
            vec![leaf("A.1.b.i")],
        )
        .unwrap();
        let a1 = Criterion::with_sub_criteria(
            Id::new("A.1").unwrap(),
            Text::new("c", "c"),
            vec![leaf("A.1.a"), b],
        )
        .unwrap();
        assert_eq!(count(&[a1, leaf("A.2")]), 5);
        assert_eq!(count(&[]), 0);
    }
}
