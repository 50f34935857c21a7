//! One row of a plan's appendix: a [`PlanItem`] and its id.

use chrono::NaiveDate;

use super::field::Field;
use crate::error::{Error, Reason, Result};
use crate::id::Id;
use crate::rate::{Observed, Rounding};
use crate::rule::{Attainment, Evidence, Target};
use crate::text::Text;

/// One goal or activity of the plan's appendix, with its target.
///
/// Texts are quoted or condensed from the plan; `None` where the appendix leaves the cell
/// empty. The id is the field's numeral, a dot, the row number (TT) and an optional lowercase
/// letter (`II.4`, `II.8b`, `VII.29`), and must agree with the item's field and row number.
///
/// ```
/// use cchc::{Id, Text};
/// use cchc::plan::{Field, PlanItem};
/// use cchc::rule::Target;
/// let item = PlanItem::new(
///     Id::new("V.18")?,
///     18,
///     Field::PublicFinance,
///     Text::new("Sử dụng kinh phí ngân sách nhà nước đúng quy định", "Use budget funds lawfully"),
///     Text::new("Kiểm tra, chấn chỉnh", "Checks and corrections"),
///     Target::Done,
/// )?
/// .with_lead("Kế toán");
/// assert_eq!(item.lead(), Some("Kế toán"));
/// let wrong = PlanItem::new(Id::new("V.18")?, 18, Field::Direction, item.label().clone(), item.measure().clone(), Target::Done);
/// assert_eq!(wrong.unwrap_err().to_string(), "V.18: id \"V.18\" does not match the item's field VII");
/// # Ok::<(), cchc::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    pub(super) id: Id,
    pub(super) tt: u32,
    pub(super) field: Field,
    pub(super) label: Text,
    pub(super) lead: Option<String>,
    pub(super) coordinating: Option<String>,
    pub(super) timeline: Option<String>,
    pub(super) output: Option<String>,
    pub(super) measure: Text,
    pub(super) target: Target,
}

impl PlanItem {
    /// An item of row `tt` of `field`, with its label, what is measured and its target.
    ///
    /// # Errors
    /// Named by the id: [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) for an id
    /// that is not of the form FIELD.TT with an optional lowercase letter, or that disagrees
    /// with `field` or `tt`.
    pub fn new(
        id: Id,
        tt: u32,
        field: Field,
        label: Text,
        measure: Text,
        target: Target,
    ) -> Result<Self> {
        check_id(id.as_str(), field, tt).map_err(|err| err.at(id.as_str()))?;
        Ok(Self {
            id,
            tt,
            field,
            label,
            lead: None,
            coordinating: None,
            timeline: None,
            output: None,
            measure,
            target,
        })
    }

    /// Every text within [`MAX_TEXT_BYTES`](crate::limits::MAX_TEXT_BYTES).
    pub(super) fn check_texts(&self) -> Result<()> {
        let texts = [
            ("label", Some(self.label.vi())),
            ("label", Some(self.label.en())),
            ("measure", Some(self.measure.vi())),
            ("measure", Some(self.measure.en())),
            ("lead", self.lead.as_deref()),
            ("coordinating", self.coordinating.as_deref()),
            ("timeline", self.timeline.as_deref()),
            ("output", self.output.as_deref()),
        ];
        texts
            .into_iter()
            .filter_map(|(key, text)| Some((key, text?)))
            .try_for_each(|(key, text)| crate::limits::text(key, text))
    }

    /// With the lead body (cơ quan chủ trì).
    #[must_use]
    pub fn with_lead(mut self, lead: impl Into<String>) -> Self {
        self.lead = Some(lead.into());
        self
    }

    /// With the coordinating body (cơ quan phối hợp).
    #[must_use]
    pub fn with_coordinating(mut self, coordinating: impl Into<String>) -> Self {
        self.coordinating = Some(coordinating.into());
        self
    }

    /// With the plan's own timeline wording (thời gian thực hiện): "Quý IV/2023".
    #[must_use]
    pub fn with_timeline(mut self, timeline: impl Into<String>) -> Self {
        self.timeline = Some(timeline.into());
        self
    }

    /// With the expected output (kết quả / sản phẩm).
    #[must_use]
    pub fn with_output(mut self, output: impl Into<String>) -> Self {
        self.output = Some(output.into());
        self
    }

    /// `II.4`, `II.8b`, `VII.29`.
    #[must_use]
    pub const fn id(&self) -> &Id {
        &self.id
    }

    /// The appendix's row number (TT).
    #[must_use]
    pub const fn tt(&self) -> u32 {
        self.tt
    }

    /// The field the row belongs to.
    #[must_use]
    pub const fn field(&self) -> Field {
        self.field
    }

    /// The goal or activity (mục tiêu / nhiệm vụ / hoạt động).
    #[must_use]
    pub const fn label(&self) -> &Text {
        &self.label
    }

    /// The lead body (cơ quan chủ trì).
    #[must_use]
    pub fn lead(&self) -> Option<&str> {
        self.lead.as_deref()
    }

    /// The coordinating body (cơ quan phối hợp).
    #[must_use]
    pub fn coordinating(&self) -> Option<&str> {
        self.coordinating.as_deref()
    }

    /// When, in the plan's own wording: "Ban hành kế hoạch trước 30/01/2023", "Quý IV/2023".
    #[must_use]
    pub fn timeline(&self) -> Option<&str> {
        self.timeline.as_deref()
    }

    /// The expected output (kết quả / sản phẩm).
    #[must_use]
    pub fn output(&self) -> Option<&str> {
        self.output.as_deref()
    }

    /// What is measured: numerator ÷ denominator for a rate.
    #[must_use]
    pub const fn measure(&self) -> &Text {
        &self.measure
    }

    /// What the item must reach.
    #[must_use]
    pub const fn target(&self) -> &Target {
        &self.target
    }

    /// Where `observed` stands against this item's target.
    ///
    /// # Errors
    /// As [`Target::attain`], named by this item's id.
    pub fn attain(&self, observed: &Observed<Evidence>, rounding: &Rounding) -> Result<Attainment> {
        self.target
            .attain(observed, rounding)
            .map_err(|err| err.at(self.id.as_str()))
    }

    /// Where `observed` stands against this item's target at the end of `as_of` (see
    /// [`Target::attain_at`]).
    ///
    /// # Errors
    /// As [`Target::attain`], named by this item's id.
    pub fn attain_at(
        &self,
        observed: &Observed<Evidence>,
        as_of: NaiveDate,
        rounding: &Rounding,
    ) -> Result<Attainment> {
        self.target
            .attain_at(observed, as_of, rounding)
            .map_err(|err| err.at(self.id.as_str()))
    }
}

/// Checks that `id` is of the form `FIELD.TT[letter]` and agrees with `field` and `tt`.
pub(super) fn check_id(id: &str, field: Field, tt: u32) -> Result<()> {
    let (id_field, id_tt) = parse_id(id)?;
    if id_field != field {
        return Err(Error::from(Reason::IdMismatch {
            id: id.to_owned(),
            what: "field",
            expected: field.numeral().to_owned(),
        }));
    }
    if id_tt != tt {
        return Err(Error::from(Reason::IdMismatch {
            id: id.to_owned(),
            what: "row number",
            expected: tt.to_string(),
        }));
    }
    Ok(())
}

/// The field and row number of an id `FIELD.TT[letter]`: a numeral I–VII, a dot, a row
/// number without leading zeros (1–9999), at most one lowercase ASCII letter.
fn parse_id(id: &str) -> Result<(Field, u32)> {
    let malformed = || Error::from(Reason::MalformedId { id: id.to_owned() });
    let (numeral, rest) = id.split_once('.').ok_or_else(malformed)?;
    let field = Field::from_numeral(numeral).map_err(|_| malformed())?;
    let digits = rest
        .strip_suffix(|c: char| c.is_ascii_lowercase())
        .unwrap_or(rest);
    if digits.is_empty()
        || digits.len() > 4
        || digits.starts_with('0')
        || !digits.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(malformed());
    }
    let tt = digits.parse().map_err(|_| malformed())?;
    Ok((field, tt))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn ids_parse() {
        assert_eq!(parse_id("II.4").unwrap(), (Field::Procedures, 4));
        assert_eq!(parse_id("II.8b").unwrap(), (Field::Procedures, 8));
        assert_eq!(parse_id("VII.29").unwrap(), (Field::Direction, 29));
        for bad in [
            "", "II", "II.", "II.b", "II.04", "II.0", "II.4B", "II.4bc", "ii.4", "VIII.1", "II.4 ",
            " II.4", "II-4", "II.12345", "II.+4", "II.4.1", "II..4",
        ] {
            let err = parse_id(bad).unwrap_err();
            assert!(
                matches!(err.reason(), Reason::MalformedId { .. }),
                "{bad:?} should be malformed"
            );
        }
    }

    #[test]
    fn id_must_agree_with_field_and_row() {
        assert!(check_id("II.4", Field::Procedures, 4).is_ok());
        let err = check_id("II.4", Field::Procedures, 5).unwrap_err();
        assert_eq!(
            err.to_string(),
            "id \"II.4\" does not match the item's row number 5"
        );
        let err = check_id("II.4", Field::DigitalGovernment, 4).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        assert_eq!(err.value().as_deref(), Some("II.4"));
    }
}
