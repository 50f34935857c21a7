//! The one error type of the crate.
//!
//! Every variant is a struct variant that carries its context: which value was refused, which
//! limit it broke and, once the error has passed through a plan, a criteria set or an
//! observations file, which item it belongs to ([`Error::At`]). Messages are lowercase and carry
//! no trailing period, so they compose: `II.4: numerator 310 exceeds denominator 300`.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Everything that can go wrong in `cchc`.
///
/// No public function of the crate panics on bad input; it returns one of these instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Counts where more records meet the measure than exist.
    #[error("numerator {numerator} exceeds denominator {denominator}")]
    NumeratorExceedsDenominator {
        /// The records that meet the measure.
        numerator: u64,
        /// All records in scope.
        denominator: u64,
    },
    /// A rate was asked of counts with nothing in scope (không phát sinh).
    #[error("denominator is zero: nothing arose in scope (không phát sinh), so there is no rate")]
    ZeroDenominator,
    /// A percentage outside 0–100.
    #[error("percentage {value} is outside 0 to 100")]
    PercentOutOfRange {
        /// The value given.
        value: Decimal,
    },
    /// A decimal with more decimal places than the crate computes with exactly.
    #[error("{what} {value} has more than {limit} decimal places")]
    TooManyDecimalPlaces {
        /// What the value is (`percentage`, `points`, …).
        what: &'static str,
        /// The value given.
        value: Decimal,
        /// The most decimal places allowed.
        limit: u32,
    },
    /// A number above the largest the crate accepts for that quantity.
    #[error("{what} {value} is above the limit of {limit}")]
    ValueTooLarge {
        /// What the value is.
        what: &'static str,
        /// The value given.
        value: Decimal,
        /// The largest value allowed.
        limit: Decimal,
    },
    /// A negative number where only zero or more makes sense.
    #[error("{what} {value} is negative")]
    Negative {
        /// What the value is.
        what: &'static str,
        /// The value given.
        value: Decimal,
    },
    /// A minimum count attached to a target that does not count records at least.
    #[error("a minimum count ({min_count}) needs an \"at least\" rate target, not {kind}")]
    MinCountOnNonCount {
        /// The minimum count given.
        min_count: u64,
        /// The kind of target it was attached to.
        kind: String,
    },
    /// A window (or period) whose end comes before its start.
    #[error("window ends on {end} before it starts on {start}")]
    WindowEndsBeforeStart {
        /// First day given.
        start: NaiveDate,
        /// Last day given.
        end: NaiveDate,
    },
    /// A calendar value that does not exist (quarter 5, month 13, year out of range).
    #[error("{what} {value} does not exist (allowed: {allowed})")]
    NoSuchPeriod {
        /// What was asked for (`quarter`, `month`, `year`, `half`).
        what: &'static str,
        /// The value given.
        value: i64,
        /// The allowed range, in words.
        allowed: &'static str,
    },
    /// A frequency whose period length is not 1–12 months.
    #[error("a frequency of one every {months} months is outside 1 to 12 months")]
    FrequencyOutOfRange {
        /// The months given.
        months: u32,
    },
    /// The rounding policy asked for more decimals than supported.
    #[error("rounding to {decimals} decimals is above the limit of {limit}")]
    RoundingTooFine {
        /// Decimals asked for.
        decimals: u32,
        /// The most supported.
        limit: u32,
    },
    /// A written target, rule or observation that lacks a field its kind needs.
    #[error("a {kind} target needs the field `{field}`")]
    MissingField {
        /// The field that is missing.
        field: &'static str,
        /// The kind that needs it.
        kind: String,
    },
    /// A written target or rule with a field its kind does not take.
    #[error("the field `{field}` does not belong to a {kind} target")]
    FieldNotAllowed {
        /// The field given.
        field: &'static str,
        /// The kind it was given for.
        kind: String,
    },
    /// A `kind` that is not one of the known kinds.
    #[error("unknown kind {kind:?} (known: {allowed})")]
    UnknownKind {
        /// The kind given.
        kind: String,
        /// The kinds known, in words.
        allowed: &'static str,
    },
    /// An observation of one kind given for a target or rule that needs another.
    #[error("{found} does not fit a target measured by {expected}")]
    EvidenceMismatch {
        /// What the target needs.
        expected: &'static str,
        /// What was given.
        found: &'static str,
    },
    /// An id that should name a known item but does not.
    #[error("unknown {what} id {id:?}")]
    UnknownId {
        /// What kind of item (`plan item`, `criterion`, `field`).
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// An id given twice where ids must be unique.
    #[error("duplicate {what} id {id:?}")]
    DuplicateId {
        /// What kind of item.
        what: &'static str,
        /// The id given twice.
        id: String,
    },
    /// An id that is not of the form the plan uses (`II.4`, `II.8b`, `VII.29`).
    #[error("id {id:?} is not of the form FIELD.TT with an optional letter, e.g. II.4 or II.8b")]
    MalformedId {
        /// The id given.
        id: String,
    },
    /// A plan item whose id disagrees with the item's own field or row number (TT): `II.4` on
    /// an item of field VI, or on row 5.
    #[error("id {id:?} does not match the item's {what} {expected}")]
    IdMismatch {
        /// The id given.
        id: String,
        /// What disagrees (`field`, `row number`).
        what: &'static str,
        /// The item's own value (`VI`, `5`).
        expected: String,
    },
    /// A file that is not valid TOML or JSON, or not of the expected shape.
    #[error("cannot read {format}: {message}")]
    Parse {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// The parser's own message, with the line where it has one.
        message: String,
    },
    /// A value that could not be written out.
    #[error("cannot write {format}: {message}")]
    Write {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// The writer's own message.
        message: String,
    },
    /// A report format that is not one of the known formats.
    #[error("unknown report format {value:?} (allowed: {allowed})")]
    UnknownFormat {
        /// The format given.
        value: String,
        /// The formats known, in words.
        allowed: &'static str,
    },
    /// A computation that would leave the exact range (only with values far beyond the limits).
    #[error("arithmetic overflow while computing {what}")]
    Overflow {
        /// What was being computed.
        what: &'static str,
    },
    /// A parent whose sub-criteria do not add up to its maximum.
    #[error("sub-criteria add up to {sum} points, not the maximum of {max}")]
    ChildrenSumMismatch {
        /// The sum of the children's maxima.
        sum: Decimal,
        /// The parent's maximum.
        max: Decimal,
    },
    /// A step, category or assessor figure worth more than the criterion's maximum.
    #[error("{what} of {points} points is above the maximum of {max}")]
    AboveMax {
        /// What is too large (`step`, `assessor points`, `appraised points`).
        what: &'static str,
        /// The points given.
        points: Decimal,
        /// The maximum.
        max: Decimal,
    },
    /// Steps not written from the highest threshold down, or paying more for less.
    #[error(
        "steps are not ordered: step {index} ({detail}) must have a lower threshold and no more points than the one before"
    )]
    StepsNotOrdered {
        /// The 1-based position of the first step out of order.
        index: usize,
        /// The step, in words.
        detail: String,
    },
    /// A rule with no steps or no options.
    #[error("a {kind} rule needs at least one {what}")]
    Empty {
        /// The rule's kind.
        kind: &'static str,
        /// What it needs (`step`, `option`).
        what: &'static str,
    },
    /// A share of the maximum outside 0–1.
    #[error("share {value} is outside 0 to 1")]
    ShareOutOfRange {
        /// The share given.
        value: Decimal,
    },
    /// A criterion with sub-criteria that also names a rule, or a leaf with no rule.
    #[error("{message}")]
    RuleShape {
        /// What is wrong.
        message: &'static str,
    },
    /// Rating bands that overlap, leave a gap, or do not cover 0–100.
    #[error("rating bands {message}")]
    Bands {
        /// What is wrong, with the values.
        message: String,
    },
    /// A criteria set that failed validation: every problem found, each naming its id.
    #[error("criteria set has {} problem(s): {}", problems.len(), list(problems))]
    InvalidCriteria {
        /// Each problem, wrapped with the id it concerns.
        problems: Vec<Error>,
    },
    /// An observation key that the criterion's rule does not read.
    #[error("key `{key}` does not fit a {rule} rule (allowed: {allowed})")]
    KeyNotAllowed {
        /// The key given.
        key: String,
        /// The rule's kind.
        rule: &'static str,
        /// The keys the rule reads, in words.
        allowed: String,
    },
    /// An observation without a key its rule needs.
    #[error("key `{key}` is required by a {rule} rule")]
    MissingKey {
        /// The key that is missing.
        key: &'static str,
        /// The rule's kind.
        rule: &'static str,
    },
    /// An observation value of the wrong type or form.
    #[error("key `{key}` has value {value}, expected {expected}")]
    BadValue {
        /// The key.
        key: String,
        /// The value given, as written.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// `not_applicable = true` given together with a value.
    #[error("`not_applicable = true` cannot go with `{key}`: không phát sinh has no value")]
    ConflictingKeys {
        /// The value key given as well.
        key: String,
    },
    /// A month number given twice in a monthly series.
    #[error("month {month} is given twice")]
    DuplicateMonth {
        /// The month (1–12).
        month: u32,
    },
    /// A cumulative (year-to-date) series whose numerator or denominator falls.
    #[error(
        "cumulative {what} falls from {previous} in month {previous_month} to {value} in month {month}"
    )]
    CumulativeDecreases {
        /// `numerator` or `denominator`.
        what: &'static str,
        /// The month where it falls (1–12).
        month: u32,
        /// Its value in that month.
        value: u64,
        /// The last month reported before it.
        previous_month: u32,
        /// Its value in that month.
        previous: u64,
    },
    /// A month whose counts are needed but were not reported.
    #[error("month {month} of {year} is not reported")]
    MonthNotReported {
        /// The month (1–12).
        month: u32,
        /// The year of the series.
        year: i32,
    },
    /// A period that does not lie within the year of a series.
    #[error("period {start} to {end} is not within the year {year}")]
    PeriodOutsideYear {
        /// First day of the period.
        start: NaiveDate,
        /// Last day of the period.
        end: NaiveDate,
        /// The year of the series.
        year: i32,
    },
    /// A period that does not start on the first of a month or end on the last of one, asked
    /// of monthly counts, which cannot be split.
    #[error(
        "period {start} to {end} is not made of whole months, so monthly counts cannot cover it"
    )]
    PeriodNotWholeMonths {
        /// First day of the period.
        start: NaiveDate,
        /// Last day of the period.
        end: NaiveDate,
    },
    /// A date outside the period it is asked about.
    #[error("date {date} is outside the period {start} to {end}")]
    DateOutsidePeriod {
        /// The date given.
        date: NaiveDate,
        /// First day of the period.
        start: NaiveDate,
        /// Last day of the period.
        end: NaiveDate,
    },
    /// More records to convert than remain unconverted.
    #[error("cannot convert {records} records: only {remaining} remain")]
    NotEnoughRecords {
        /// The records asked for.
        records: u64,
        /// The records in scope that do not yet meet the measure.
        remaining: u64,
    },
    /// Records added to a criterion whose counts were never reported.
    #[error("no counts are reported for this {rule} rule to add records to: set counts first")]
    NoCounts {
        /// The rule's kind.
        rule: &'static str,
    },
    /// A what-if change that cannot be applied to the observations.
    #[error("cannot apply `{change}`: {source}")]
    ChangeRefused {
        /// The change, in words.
        change: String,
        /// Why it was refused.
        #[source]
        source: Box<Error>,
    },
    /// A change offered to the least-effort planner that it cannot weigh exactly.
    #[error("`{change}` cannot be a plan option: {reason}")]
    NotPlannable {
        /// The change, in words.
        change: String,
        /// Why not.
        reason: &'static str,
    },
    /// Steps whose highest step is worth less than the criterion's maximum, so full points
    /// could never be reached.
    #[error("the top step is worth {points} points, not the maximum of {max}")]
    TopStepBelowMax {
        /// The top step's points.
        points: Decimal,
        /// The criterion's maximum.
        max: Decimal,
    },
    /// A frequency whose window holds more periods than a plan or criterion sensibly has.
    #[error(
        "a frequency of one every {months} months from {start} to {end} has {periods} periods, above the limit of {limit}"
    )]
    TooManyPeriods {
        /// Months per period.
        months: u32,
        /// First day.
        start: NaiveDate,
        /// Last day.
        end: NaiveDate,
        /// Periods it would have.
        periods: u64,
        /// The most allowed.
        limit: u64,
    },
    /// A value that must be above zero.
    #[error("{what} {value} must be above 0")]
    NotPositive {
        /// What the value is.
        what: &'static str,
        /// The value given.
        value: Decimal,
    },
    /// Wards of different years rolled up together.
    #[error("the ward's year {year} differs from {expected}, the year of the first ward")]
    MixedYears {
        /// This ward's year.
        year: i32,
        /// The first ward's year.
        expected: i32,
    },
    /// An evidence text for a criterion that has no observation to attach it to.
    #[error("no observation to attach evidence to: record the observation first")]
    NoObservation,
    /// A band asked for by a label that no band of the set has.
    #[error("no rating band is labelled {label:?} (bands: {allowed})")]
    UnknownBand {
        /// The label given.
        label: String,
        /// The set's band labels, Vietnamese / English.
        allowed: String,
    },
    /// Two scorecards that cannot be compared line by line.
    #[error("cannot compare scorecards of {what} {before:?} and {after:?}")]
    NotComparable {
        /// What differs (`criteria set`, `rounding`).
        what: &'static str,
        /// The first scorecard's.
        before: String,
        /// The second scorecard's.
        after: String,
    },
    /// An error about one item (plan item, criterion, observation).
    #[error("{item}: {source}")]
    At {
        /// The item's id.
        item: String,
        /// What is wrong with it.
        #[source]
        source: Box<Error>,
    },
}

impl Error {
    /// Wraps this error with the id of the item it concerns.
    ///
    /// ```
    /// let err = cchc::Counts::new(310, 300).unwrap_err().at("II.4");
    /// assert_eq!(err.to_string(), "II.4: numerator 310 exceeds denominator 300");
    /// assert_eq!(err.item(), Some("II.4"));
    /// ```
    #[must_use]
    pub fn at(self, item: impl Into<String>) -> Self {
        Self::At {
            item: item.into(),
            source: Box::new(self),
        }
    }

    /// The id of the item this error concerns, the outermost one where several were named.
    #[must_use]
    pub fn item(&self) -> Option<&str> {
        match self {
            Self::At { item, .. } => Some(item),
            _ => None,
        }
    }

    /// The underlying error, without any item context.
    #[must_use]
    pub fn kind(&self) -> &Self {
        match self {
            Self::At { source, .. } => source.kind(),
            other => other,
        }
    }
}

fn list(problems: &[Error]) -> String {
    problems
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Shorthand for `Result<T, cchc::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
