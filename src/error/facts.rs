//! What each [`Reason`] is: its [`ErrorKind`], the key it concerns and the value refused.

use super::ErrorKind;
use super::reason::Reason;

impl Reason {
    pub(super) const fn kind(&self) -> ErrorKind {
        use ErrorKind as K;
        match self {
            Self::Parse { .. } | Self::NotUtf8 { .. } => K::Syntax,
            Self::ParseKey { kind, .. } => *kind,
            Self::ParseValue { .. } => K::InvalidValue,
            Self::KeyNotAllowed { .. } => K::UnknownKey,
            Self::MissingKey { .. } | Self::HalfText { .. } => K::MissingKey,
            Self::UnknownId { .. }
            | Self::UnknownFormat { .. }
            | Self::UnknownBand { .. }
            | Self::UnknownPreset { .. } => K::UnknownId,
            Self::DuplicateId { .. } | Self::DuplicateMonth { .. } => K::DuplicateId,
            Self::InvalidCriteria { .. } => K::InvalidSet,
            Self::NotTemplate { .. } => K::Syntax,
            Self::EvidenceMismatch { .. }
            | Self::NeedsSet { .. }
            | Self::NotPlannable { .. }
            | Self::RuleShape { .. }
            | Self::NotInSet { .. }
            | Self::NotObserved { .. } => K::Mismatch,
            Self::MonthNotReported { .. } | Self::NoCounts { .. } | Self::NoObservation => {
                K::Missing
            }
            Self::RowWithoutId => K::MissingKey,
            Self::Overflow { .. }
            | Self::TooManyPeriods { .. }
            | Self::ValueTooLarge { .. }
            | Self::TooMany { .. }
            | Self::TooLong { .. }
            | Self::Unzipped { .. }
            | Self::CountBeyondPart { .. }
            | Self::OutsideTemplate { .. }
            | Self::NotExact { .. } => K::Limit,
            Self::NotComparable { .. } | Self::MixedYears { .. } | Self::WrongSet { .. } => {
                K::NotComparable
            }
            Self::Write { .. } => K::Write,
            Self::NumeratorExceedsDenominator { .. }
            | Self::ZeroDenominator
            | Self::PercentOutOfRange { .. }
            | Self::TooManyDecimalPlaces { .. }
            | Self::Negative { .. }
            | Self::MinCountOnNonCount { .. }
            | Self::WindowEndsBeforeStart { .. }
            | Self::NoSuchPeriod { .. }
            | Self::FrequencyOutOfRange { .. }
            | Self::RoundingTooFine { .. }
            | Self::MalformedId { .. }
            | Self::InvalidId { .. }
            | Self::IdMismatch { .. }
            | Self::ChildrenSumMismatch { .. }
            | Self::AboveMax { .. }
            | Self::FinerThanRounding { .. }
            | Self::StepsNotOrdered { .. }
            | Self::Empty { .. }
            | Self::ShareOutOfRange { .. }
            | Self::Bands { .. }
            | Self::BadValue { .. }
            | Self::ConflictingKeys { .. }
            | Self::NotDoneYetDated { .. }
            | Self::EitherKey { .. }
            | Self::CumulativeDecreases { .. }
            | Self::DateAfterPeriod { .. }
            | Self::PeriodOutsideYear { .. }
            | Self::PeriodNotWholeMonths { .. }
            | Self::DateOutsidePeriod { .. }
            | Self::NotEnoughRecords { .. }
            | Self::TopStepBelowMax { .. }
            | Self::DateOutOfRange { .. }
            | Self::AlwaysMet { .. }
            | Self::WrongYear { .. }
            | Self::NotPositive { .. } => K::InvalidValue,
        }
    }

    pub(super) fn key(&self) -> Option<&str> {
        Some(match self {
            Self::NumeratorExceedsDenominator { .. } => "numerator",
            Self::ZeroDenominator => "denominator",
            Self::MinCountOnNonCount { .. } => "min_count",
            Self::FrequencyOutOfRange { .. } => "every_months",
            Self::RoundingTooFine { .. } => "decimals",
            Self::RowWithoutId => "id",
            Self::NotDoneYetDated { .. } => "done",
            Self::KeyNotAllowed { key, .. }
            | Self::BadValue { key, .. }
            | Self::ParseKey { key, .. }
            | Self::ConflictingKeys { key } => key,
            Self::MissingKey { key, .. } | Self::EitherKey { key, .. } => key,
            Self::HalfText { missing, .. } => missing,
            Self::DuplicateMonth { .. } | Self::MonthNotReported { .. } => "month",
            Self::WrongYear { .. } => "year",
            Self::CumulativeDecreases { what, .. } => what,
            Self::CountBeyondPart { key, .. } => key,
            _ => return None,
        })
    }

    pub(super) fn value(&self) -> Option<String> {
        Some(match self {
            Self::NumeratorExceedsDenominator { numerator, .. } => numerator.to_string(),
            Self::PercentOutOfRange { value }
            | Self::TooManyDecimalPlaces { value, .. }
            | Self::ValueTooLarge { value, .. }
            | Self::Negative { value, .. }
            | Self::NotPositive { value, .. }
            | Self::ShareOutOfRange { value }
            | Self::FinerThanRounding { value, .. }
            | Self::NotExact { value, .. } => value.to_string(),
            Self::MinCountOnNonCount { min_count, .. } => min_count.to_string(),
            Self::WindowEndsBeforeStart { end, .. } => end.to_string(),
            Self::NoSuchPeriod { value, .. } => value.to_string(),
            Self::FrequencyOutOfRange { months } => months.to_string(),
            Self::RoundingTooFine { decimals, .. } => decimals.to_string(),
            Self::UnknownId { id, .. }
            | Self::DuplicateId { id, .. }
            | Self::MalformedId { id }
            | Self::InvalidId { id, .. }
            | Self::IdMismatch { id, .. } => id.clone(),
            Self::UnknownFormat { value, .. } | Self::BadValue { value, .. } => value.clone(),
            Self::AboveMax { points, .. } => points.to_string(),
            Self::DuplicateMonth { month } | Self::MonthNotReported { month, .. } => {
                month.to_string()
            }
            Self::CumulativeDecreases { value, .. } => value.to_string(),
            Self::DateOutsidePeriod { date, .. } | Self::DateOutOfRange { date } => {
                date.to_string()
            }
            Self::NotEnoughRecords { records, .. } => records.to_string(),
            Self::TooManyPeriods { periods, .. } => periods.to_string(),
            Self::MixedYears { year, .. } | Self::WrongYear { year, .. } => year.to_string(),
            Self::TooLong { len, .. } => len.to_string(),
            Self::TooMany { count, .. } => count.to_string(),
            Self::ParseValue { value, .. } => value.clone(),
            Self::Unzipped { len, .. } => len.to_string(),
            Self::CountBeyondPart { value, .. } => value.clone(),
            Self::NotDoneYetDated { said, .. } => said.clone(),
            Self::NotUtf8 { byte, .. } => format!("{byte:#04x}"),
            Self::UnknownBand { label, .. } | Self::UnknownPreset { name: label, .. } => {
                label.clone()
            }
            Self::AlwaysMet { value, .. } => (*value).to_owned(),
            _ => return None,
        })
    }
}

/// What a key belongs to, in words: `a prop rule`, `an appraisal`, `the observations file`.
pub(super) fn owner(rule: &str) -> String {
    match rule {
        "appraisal" => "an appraisal".to_owned(),
        "observations file" => "the observations file".to_owned(),
        kind => format!("a {kind} rule"),
    }
}

/// `bands: Xuất sắc / Excellent, …`, or that the set has none.
pub(super) fn band_list(allowed: &str) -> String {
    if allowed.is_empty() {
        "the criteria set has no rating bands".to_owned()
    } else {
        format!("bands: {allowed}")
    }
}
