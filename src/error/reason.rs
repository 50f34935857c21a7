//! The private reasons behind an [`Error`](super::Error): every message the crate writes.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Location;
use super::facts::{band_list, owner};
use crate::limits::{SHOWN_CHARS, quoted, shorten};

/// Why an [`Error`] arose: private, so that it may grow and change wording without breaking
/// anyone. Its `Display` is the message after the item.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum Reason {
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
    /// An observation of one kind given for a target or rule that needs another.
    #[error("{found} does not fit a target measured by {expected}")]
    EvidenceMismatch {
        /// What the target needs.
        expected: &'static str,
        /// What was given.
        found: &'static str,
    },
    /// An id that should name a known item but does not.
    #[error("unknown {what} id {}", quoted(id))]
    UnknownId {
        /// What kind of item (`plan item`, `criterion`, `field`).
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// An id given twice where ids must be unique.
    #[error("duplicate {what} id {}", quoted(id))]
    DuplicateId {
        /// What kind of item.
        what: &'static str,
        /// The id given twice.
        id: String,
    },
    /// An id that is not of the form the plan uses (`II.4`, `II.8b`, `VII.29`).
    #[error(
        "id {} is not of the form FIELD.TT with an optional letter, e.g. II.4 or II.8b",
        quoted(id)
    )]
    MalformedId {
        /// The id given.
        id: String,
    },
    /// A plan item whose id disagrees with the item's own field or row number (TT): `II.4` on
    /// an item of field VI, or on row 5.
    #[error(
        "id {} does not match the item's {what} {}",
        quoted(id),
        shorten(expected, SHOWN_CHARS)
    )]
    IdMismatch {
        /// The id given.
        id: String,
        /// What disagrees (`field`, `row number`).
        what: &'static str,
        /// The item's own value (`VI`, `5`).
        expected: String,
    },
    /// A file that is not valid TOML or JSON, or not of the expected shape.
    #[error("cannot read {format}{at}: {message}")]
    Parse {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// Where, when the parser says.
        at: Location,
        /// The parser's own message, on one line.
        message: String,
    },
    /// A value a typed reader cannot take at its key, as the observations reader refuses it:
    /// JSON `null`, a TOML integer above `i64`. The parser's message, with the value.
    #[error("cannot read {format}{at}: {message}")]
    ParseValue {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// Where, when the parser says.
        at: Location,
        /// The parser's own message, on one line.
        message: String,
        /// The value as written (`null`, the digits).
        value: String,
    },
    /// A file with a key its shape does not have, or without one it needs: the parser's
    /// message, with the key.
    #[error("cannot read {format}{at}: {message}")]
    ParseKey {
        /// `TOML` or `JSON`.
        format: &'static str,
        /// Where, when the parser says.
        at: Location,
        /// The parser's own message, on one line.
        message: String,
        /// The key.
        key: String,
        /// What is wrong with the key: unknown, missing, or given twice (a syntax error).
        kind: super::ErrorKind,
    },
    /// Bytes that are not UTF-8 text.
    #[error("not UTF-8 text{at}: byte {byte:#04x} at offset {offset}")]
    NotUtf8 {
        /// Where (line and column of the byte).
        at: Location,
        /// The first byte that is not UTF-8.
        byte: u8,
        /// Its offset from the start, in bytes.
        offset: usize,
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
    #[error("unknown report format {} (allowed: {allowed})", quoted(value))]
    UnknownFormat {
        /// The format given.
        value: String,
        /// The formats known, in words.
        allowed: String,
    },
    /// A format that needs the criteria set, asked of a function that has none.
    #[error("the {format} format needs the criteria set: write it with `report::write`")]
    NeedsSet {
        /// The format's name.
        format: &'static str,
    },
    /// A scorecard written with a criteria set other than its own.
    #[error(
        "the scorecard is of the criteria set {}, not of {}",
        quoted(card),
        quoted(set)
    )]
    WrongSet {
        /// The scorecard's set.
        card: String,
        /// The set given.
        set: String,
    },
    /// A decimal a spreadsheet number (a 64-bit float) cannot hold digit for digit.
    #[error("{what} {value} cannot be written exactly as a spreadsheet number")]
    NotExact {
        /// What the value is (`numerator`, `maximum points`).
        what: &'static str,
        /// The value.
        value: Decimal,
    },
    /// A workbook that is not an observations template of the crate.
    #[error("not an observations template: {what}")]
    NotTemplate {
        /// What is wrong with it.
        what: String,
    },
    /// A value in a workbook beyond the cells the template has.
    #[error(
        "a value outside the template, which takes columns A to {last_col} and rows 1 to {rows}: move or clear it"
    )]
    OutsideTemplate {
        /// The template's last column (`Z`).
        last_col: String,
        /// The template's rows.
        rows: u32,
    },
    /// Figures in a template row whose id cell is empty.
    #[error("the row has figures but no criterion id: give the id in column A")]
    RowWithoutId,
    /// "Not done" in a template row that also gives the date it was done.
    #[error(
        "{said} (not done) cannot go with the date in {date}: give the date or {said}, not both"
    )]
    NotDoneYetDated {
        /// What was written, quoted (`"không"`).
        said: String,
        /// The cell of the date (`'Số liệu'!G7`).
        date: String,
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
    /// Points with more decimals than the set's rounding keeps: they would be rounded
    /// themselves (a maximum of 0.5 kept to 0 decimals scores 1).
    #[error(
        "{what} {value} has more decimals than the {decimals} the set's rounding keeps: give the rounding more decimals"
    )]
    FinerThanRounding {
        /// What the value is (`maximum points`, `step points`, `cap`).
        what: &'static str,
        /// The value given.
        value: Decimal,
        /// The decimals the rounding keeps.
        decimals: u32,
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
    /// An observation key that the criterion's rule does not read.
    #[error(
        "key `{}` does not fit {} (allowed: {allowed})",
        shorten(key, SHOWN_CHARS),
        owner(rule)
    )]
    KeyNotAllowed {
        /// The key given.
        key: String,
        /// The rule's kind.
        rule: &'static str,
        /// The keys the rule reads, in words.
        allowed: String,
    },
    /// An observation without a key its rule needs.
    #[error("key `{key}` is required by {}", owner(rule))]
    MissingKey {
        /// The key that is missing.
        key: &'static str,
        /// The rule's kind.
        rule: &'static str,
    },
    /// An observation value of the wrong type or form.
    #[error("key `{}` has value {}, expected {expected}", shorten(key, SHOWN_CHARS), shorten(value, SHOWN_CHARS + 2))]
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
    /// A text given in one language only (`assumption_vi` without `assumption_en`).
    #[error("`{given}` is given without `{missing}`: give the text in both languages")]
    HalfText {
        /// The key given.
        given: &'static str,
        /// The key missing.
        missing: &'static str,
    },
    /// Two keys that say the same thing, both given (`year` and `period`).
    #[error("`{other}` and `{key}` cannot both be given: give one")]
    EitherKey {
        /// The key refused.
        key: &'static str,
        /// The key it conflicts with.
        other: &'static str,
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
    /// A fact dated after the end of the period an observations file covers.
    #[error("date {date} is after the period observed, which ends on {end}")]
    DateAfterPeriod {
        /// The date given.
        date: NaiveDate,
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
    #[error(
        "no rating band is labelled {} ({})",
        quoted(label),
        band_list(allowed)
    )]
    UnknownBand {
        /// The label given.
        label: String,
        /// The set's band labels, Vietnamese / English.
        allowed: String,
    },
    /// Two scorecards that cannot be compared line by line.
    #[error(
        "cannot compare scorecards of {what} {} and {}",
        quoted(before),
        quoted(after)
    )]
    NotComparable {
        /// What differs (`criteria set`, `rounding`).
        what: &'static str,
        /// The first scorecard's.
        before: String,
        /// The second scorecard's.
        after: String,
    },
    /// A preset name the crate does not ship.
    #[error("unknown preset {} (presets: {allowed})", quoted(name))]
    UnknownPreset {
        /// The name given.
        name: String,
        /// The presets, in words.
        allowed: String,
    },
    /// Something the observations give that the criteria set does not have.
    #[error("the criteria set has no {what}")]
    NotInSet {
        /// What (`survey part`, `bonus`, `penalty`).
        what: &'static str,
    },
    /// An observation for a criterion that does not apply here.
    #[error("{what}: it takes no observation")]
    NotObserved {
        /// Why, in words.
        what: String,
    },
    /// More items than a documented limit allows.
    #[error("more than {limit} {what}: that is beyond what the crate accepts")]
    TooMany {
        /// What there are too many of.
        what: &'static str,
        /// How many there are (as many as were counted, where counting stops at the limit).
        count: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A workbook whose parts unzip to more than a documented limit.
    #[error("the workbook unzips to {len} bytes or more, above the limit of {limit}")]
    Unzipped {
        /// The bytes unzipped when the limit was passed (at least).
        len: u64,
        /// The most allowed.
        limit: usize,
    },
    /// A count in a workbook's shared strings larger than its part could hold.
    #[error(
        "{key} {} is more strings than a part of {len} bytes holds (at most {most})",
        quoted(value)
    )]
    CountBeyondPart {
        /// The attribute (`uniqueCount`).
        key: &'static str,
        /// The count as written.
        value: String,
        /// The part's length unzipped, in bytes.
        len: usize,
        /// The most strings it could hold.
        most: u64,
    },
    /// A text longer than a documented limit.
    #[error("{what} is {len} bytes long, above the limit of {limit}")]
    TooLong {
        /// What the text is.
        what: &'static str,
        /// Its length in bytes.
        len: usize,
        /// The most allowed.
        limit: usize,
    },
    /// A file's year that differs from the criteria set's.
    #[error("the observations are for {year}, but the criteria set is for {expected}")]
    WrongYear {
        /// The year given.
        year: i32,
        /// The set's year.
        expected: i32,
    },
    /// A target that every report meets, so it measures nothing.
    #[error("a target of {target} is always met, whatever is reported: give a target {give}")]
    AlwaysMet {
        /// The target, in words.
        target: String,
        /// The value refused (`0`, `100`).
        value: &'static str,
        /// What to give instead (`above 0`, `below 100%`).
        give: &'static str,
    },
    /// A date outside the range the crate works with.
    #[error("date {date} is outside 1900-01-01 to 2199-12-31, the dates the crate works with")]
    DateOutOfRange {
        /// The date given.
        date: NaiveDate,
    },
    /// An id with characters an id may not have, or too long or empty.
    #[error(
        "id {} is not valid: give 1 to {limit} letters, digits, '.', '-' or '_'",
        quoted(id)
    )]
    InvalidId {
        /// The id given.
        id: String,
        /// The longest id allowed.
        limit: usize,
    },
    /// A criteria set that failed validation.
    #[error("criteria set has {count} problem(s): {list}")]
    InvalidCriteria {
        /// How many problems.
        count: usize,
        /// Each problem, with its id.
        list: String,
    },
}
