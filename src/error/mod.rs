//! The one error type of the crate: [`Error`], with an [`ErrorKind`] to match on.
//!
//! `Error` is opaque, like the errors of `semver` or `jiff`: what went wrong is private and may
//! grow, while what an embedder needs is stable:
//!
//! - [`Error::kind`]: a small [`ErrorKind`] to `match` on (a syntax error, a value out of range,
//!   an unknown id, …);
//! - [`Error::item`]: the item it concerns (a criterion such as `II.4`, a plan item, `bands`);
//! - [`Error::key`]: the key of the file or the field it concerns (`numerator`, `percent`);
//! - [`Error::value`]: the value refused, as text;
//! - [`Error::line`] and [`Error::column`]: where in a TOML or JSON text, for syntax errors;
//! - [`Error::problems`]: every problem found, for a criteria set that fails validation.
//!
//! Messages are lowercase, carry no trailing period and name the item first, so they compose:
//! `II.4: numerator 310 exceeds denominator 300`. An error prints its whole story once: it has no
//! [`source`](std::error::Error::source), so a printer that walks the chain shows nothing twice.

use std::fmt;

mod facts;
mod locate;
mod parser;
mod reason;

use parser::{named_key, one_line, refused_value, too_big};

pub(crate) use reason::Reason;

/// What kind of problem an [`Error`] is: stable, small, and meant for `match`.
///
/// New kinds may be added (the enum is `#[non_exhaustive]`); the kind of a given problem does not
/// change within a major version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Text that is not TOML or JSON, or not of the expected shape (a wrong type, a misplaced
    /// table). [`Error::line`] and [`Error::column`] say where when the parser does.
    Syntax,
    /// A key the item does not take (`done` on a rate criterion, an unknown field).
    UnknownKey,
    /// A key the item needs is absent (`denominator` without `numerator`).
    MissingKey,
    /// A value out of range or of the wrong form: a percentage above 100, a numerator above its
    /// denominator, a date that does not exist, too many decimals, steps out of order.
    InvalidValue,
    /// An id that names nothing known: a criterion, a plan item, a band, a category, a format.
    UnknownId,
    /// An id given twice where ids must be unique.
    DuplicateId,
    /// A criteria set that fails validation; [`Error::problems`] lists every problem.
    InvalidSet,
    /// A value of the wrong kind for its rule: a date for a rate criterion, records for a
    /// criterion that reads no counts, a change a plan cannot weigh.
    Mismatch,
    /// Something needed was not reported: a month of a series, the counts a change adds to.
    Missing,
    /// Beyond a documented limit, or beyond the exact range of the arithmetic.
    Limit,
    /// Two things that cannot be combined: scorecards of different sets, wards of different
    /// years.
    NotComparable,
    /// A value could not be written out.
    Write,
}

/// Everything that can go wrong in `cchc`.
///
/// No public function of the crate panics on bad input; it returns an `Error` instead. Match on
/// [`Error::kind`]; read [`Error::item`], [`Error::key`] and [`Error::value`] to point at the
/// culprit; print it with `Display` for a person.
///
/// ```
/// use cchc::{Counts, ErrorKind};
/// let err = Counts::new(310, 300).unwrap_err().at("II.4");
/// assert_eq!(err.kind(), ErrorKind::InvalidValue);
/// assert_eq!(err.item(), Some("II.4"));
/// assert_eq!(err.key(), Some("numerator"));
/// assert_eq!(err.value().as_deref(), Some("310"));
/// assert_eq!(err.to_string(), "II.4: numerator 310 exceeds denominator 300");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    reason: Reason,
    /// Items named on the way out, outermost first.
    path: Vec<String>,
    /// What was being done, outermost first (`cannot apply `convert 15 records``).
    context: Vec<String>,
    /// The key, when the reason does not carry it.
    key: Option<String>,
    /// Every problem, for an invalid criteria set.
    problems: Vec<Error>,
    /// The spreadsheet cell the value was read from or would have gone to (`'Số liệu'!D7`).
    cell: Option<String>,
}

/// Shorthand for `Result<T, cchc::Error>`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in a text a parser stopped: nothing, or ` at line L, column C` (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Location(pub(crate) Option<(usize, usize)>);

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some((line, column)) => write!(f, " at line {line}, column {column}"),
            None => Ok(()),
        }
    }
}

impl From<Reason> for Error {
    fn from(reason: Reason) -> Self {
        Self {
            inner: Box::new(Inner {
                reason,
                path: Vec::new(),
                context: Vec::new(),
                key: None,
                problems: Vec::new(),
                cell: None,
            }),
        }
    }
}

impl Error {
    /// This error, said of the item `item` (a criterion, a plan item, a ward): its message is
    /// then prefixed with `item: `. An error already about an item keeps it, and `item` is
    /// named before it. An empty name names nothing (the error itself says what is empty).
    ///
    /// ```
    /// let err = cchc::Counts::new(310, 300).unwrap_err().at("II.4");
    /// assert_eq!(err.to_string(), "II.4: numerator 310 exceeds denominator 300");
    /// assert_eq!(err.at("Phường Sông Cầu").to_string(), "Phường Sông Cầu: II.4: numerator 310 exceeds denominator 300");
    /// ```
    #[must_use]
    pub fn at(mut self, item: impl Into<String>) -> Self {
        let item = item.into();
        if !item.is_empty() {
            self.inner.path.insert(0, item);
        }
        self
    }

    /// The kind of problem, to match on.
    #[must_use]
    pub fn kind(&self) -> ErrorKind {
        self.inner.reason.kind()
    }

    /// The item the error concerns (the innermost one named), e.g. `II.4`.
    #[must_use]
    pub fn item(&self) -> Option<&str> {
        self.inner.path.last().map(String::as_str)
    }

    /// Every item named, outermost first (a ward, then a criterion).
    #[must_use]
    pub fn path(&self) -> &[String] {
        &self.inner.path
    }

    /// The key of the file, or the field, the error concerns: `numerator`, `percent`,
    /// `held_on`.
    #[must_use]
    pub fn key(&self) -> Option<&str> {
        self.inner
            .key
            .as_deref()
            .or_else(|| self.inner.reason.key())
    }

    /// The value refused, as text: `310`, `"30/01/2023"`, `120`.
    #[must_use]
    pub fn value(&self) -> Option<String> {
        self.inner.reason.value()
    }

    /// The line (1-based) of a syntax error in a TOML or JSON text, when the parser says.
    #[must_use]
    pub fn line(&self) -> Option<usize> {
        match &self.inner.reason {
            Reason::Parse { at, .. }
            | Reason::ParseKey { at, .. }
            | Reason::ParseValue { at, .. }
            | Reason::NotUtf8 { at, .. } => at.0.map(|(line, _)| line),
            _ => None,
        }
    }

    /// The column (1-based, in characters) of a syntax error, when the parser says.
    #[must_use]
    pub fn column(&self) -> Option<usize> {
        match &self.inner.reason {
            Reason::Parse { at, .. }
            | Reason::ParseKey { at, .. }
            | Reason::ParseValue { at, .. }
            | Reason::NotUtf8 { at, .. } => at.0.map(|(_, column)| column),
            _ => None,
        }
    }

    /// The spreadsheet cell a refused value was read from (a template) or would have been
    /// written to (a workbook), as a formula names it: `'Số liệu'!D7` (the sheet's name
    /// quoted when Excel needs it), `Data!D7`. The message begins with it. `None` for values
    /// not read from or written to a workbook.
    #[must_use]
    pub fn cell(&self) -> Option<&str> {
        self.inner.cell.as_deref()
    }

    /// Names the spreadsheet cell the error concerns; a cell already named is kept.
    #[must_use]
    pub(crate) fn in_cell(mut self, cell: impl FnOnce() -> String) -> Self {
        if self.inner.cell.is_none() {
            self.inner.cell = Some(cell());
        }
        self
    }

    /// Every problem found, for an error of kind [`ErrorKind::InvalidSet`]; each names its
    /// item. Empty for other errors.
    #[must_use]
    pub fn problems(&self) -> &[Self] {
        &self.inner.problems
    }

    /// Names the key the error concerns, when the reason itself does not.
    #[must_use]
    pub(crate) fn with_key(mut self, key: impl Into<String>) -> Self {
        if self.inner.key.is_none() && self.inner.reason.key().is_none() {
            self.inner.key = Some(key.into());
        }
        self
    }

    /// Says what was being done when the error arose: `cannot apply `…``.
    #[must_use]
    pub(crate) fn context(mut self, doing: impl Into<String>) -> Self {
        self.inner.context.insert(0, doing.into());
        self
    }

    /// The reason, for the crate's own tests.
    #[cfg(test)]
    pub(crate) fn reason(&self) -> &Reason {
        &self.inner.reason
    }

    /// An invalid criteria set with every problem found.
    pub(crate) fn invalid_set(problems: Vec<Self>) -> Self {
        let mut err = Self::from(Reason::InvalidCriteria {
            count: problems.len(),
            list: list(&problems),
        });
        err.inner.problems = problems;
        err
    }

    /// A parser's error: a key unknown, missing or given twice (serde says "unknown field
    /// `x`", "missing field `x`", "duplicate field `x`"; an observations file "key `x` is
    /// given twice"), or any other syntax error. The key is taken from the message as the
    /// parser gave it, whatever its length or spaces; only the message shown is cut.
    pub(crate) fn parse(format: &'static str, at: Location, message: &str) -> Self {
        let named = named_key(message);
        let value = refused_value(message);
        // A parser may repeat what it read (a key, a string): a message of at most 300
        // characters.
        let message = crate::limits::shorten(&too_big(&one_line(message)), 300).into_owned();
        let reason = match (named, value) {
            (Some((key, kind)), _) => Reason::ParseKey {
                format,
                at,
                message,
                key,
                kind,
            },
            (None, Some(value)) => Reason::ParseValue {
                format,
                at,
                message,
                value,
            },
            (None, None) => Reason::Parse {
                format,
                at,
                message,
            },
        };
        reason.into()
    }

    /// A TOML parser's error on `text`, with its line and column.
    #[cfg(feature = "toml")]
    pub(crate) fn toml(err: &toml::de::Error, text: &str) -> Self {
        let Some(offset) = err.span().map(|span| span.start) else {
            return Self::parse("TOML", Location(None), err.message());
        };
        Self::parse("TOML", line_column(text, offset), err.message())
            .placed(locate::toml_place(text, offset))
    }

    /// This error, of a text that begins at byte `offset` of a larger `text`: its line and
    /// column said in `text`.
    #[cfg(feature = "json")]
    pub(crate) fn within(mut self, text: &str, offset: usize) -> Self {
        let Location(Some((start_line, start_column))) = line_column(text, offset) else {
            return self;
        };
        if let Reason::Parse { at, .. }
        | Reason::ParseKey { at, .. }
        | Reason::ParseValue { at, .. }
        | Reason::NotUtf8 { at, .. } = &mut self.inner.reason
            && let Location(Some((line, column))) = *at
        {
            *at = if line == 1 {
                Location(Some((start_line, start_column + column - 1)))
            } else {
                Location(Some((start_line + line - 1, column)))
            };
        }
        self
    }

    /// Names the item and key where a reader stopped.
    fn placed(mut self, place: locate::Place) -> Self {
        if let Some(key) = place.key {
            self = self.with_key(key);
        }
        match place.item {
            Some(item) => self.at(item),
            None => self,
        }
    }

    /// A JSON parser's error, with its line and column.
    #[cfg(feature = "json")]
    pub(crate) fn json(err: &serde_json::Error) -> Self {
        let text = err.to_string();
        let at = if err.line() > 0 {
            Location(Some((err.line(), err.column())))
        } else {
            Location(None)
        };
        // serde_json appends " at line L column C" itself.
        let suffix = format!(" at line {} column {}", err.line(), err.column());
        let message = text.strip_suffix(&suffix).unwrap_or(&text);
        Self::parse("JSON", at, message)
    }

    /// Reads a typed JSON `text`; an error names the item (the innermost object with an
    /// `id`) and the key where reading stopped. TOML's internal form of a date is refused.
    #[cfg(feature = "json")]
    pub(crate) fn read_json<'de, T: serde::Deserialize<'de>>(text: &'de str) -> Result<T> {
        crate::dates::reading_json(|| {
            let mut reader = serde_json::Deserializer::from_str(text);
            let value = serde_path_to_error::deserialize(&mut reader).map_err(|err| {
                let at = (err.inner().line(), err.inner().column());
                Self::json(err.inner()).placed(locate::json_place(text, err.path(), at))
            })?;
            reader.end().map_err(|err| Self::json(&err))?;
            Ok(value)
        })
    }

    /// Reads an observations file's JSON `text` as a value; an error names the criterion
    /// (the key of its table) and the key where reading stopped.
    #[cfg(feature = "json")]
    pub(crate) fn read_json_value<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
        let mut reader = serde_json::Deserializer::from_str(text);
        let value = serde_path_to_error::deserialize(&mut reader).map_err(|err| {
            Self::json(err.inner()).placed(locate::observations_place(err.path()))
        })?;
        reader.end().map_err(|err| Self::json(&err))?;
        Ok(value)
    }

    /// `bytes` as UTF-8 text, or where they stop being UTF-8.
    pub(crate) fn utf8(bytes: &[u8]) -> Result<&str> {
        std::str::from_utf8(bytes).map_err(|err| {
            let offset = err.valid_up_to();
            let before =
                std::str::from_utf8(bytes.get(..offset).unwrap_or_default()).unwrap_or_default();
            Reason::NotUtf8 {
                at: line_column(before, offset),
                byte: bytes.get(offset).copied().unwrap_or_default(),
                offset,
            }
            .into()
        })
    }

    /// A writer's error.
    pub(crate) fn write(format: &'static str, err: &impl fmt::Display) -> Self {
        Reason::Write {
            format,
            message: one_line(&err.to_string()),
        }
        .into()
    }
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> Location {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit_once('\n')
        .map_or(before, |(_, last)| last)
        .chars()
        .count()
        + 1;
    Location(Some((line, column)))
}

impl fmt::Display for Error {
    /// The message, safe to print: control characters escaped, an item that has any (or is
    /// longer than 60 characters) quoted and cut, at most
    /// [`MAX_MESSAGE_CHARS`](crate::limits::MAX_MESSAGE_CHARS) characters.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write as _;
        let mut out = String::new();
        if let Some(cell) = &self.inner.cell {
            write!(out, "{cell}: ")?;
        }
        for item in &self.inner.path {
            if item.chars().any(crate::limits::is_hostile)
                || item.chars().nth(crate::limits::SHOWN_CHARS).is_some()
            {
                write!(out, "{}: ", crate::limits::quoted(item))?;
            } else {
                write!(out, "{item}: ")?;
            }
        }
        for doing in &self.inner.context {
            write!(out, "{doing}: ")?;
        }
        // An id the path already names is not printed twice: `II.99: unknown criterion id`.
        match (&self.inner.reason, self.inner.path.last()) {
            (Reason::UnknownId { what, id }, Some(last)) if last == id => {
                write!(out, "unknown {what} id")
            }
            (Reason::DuplicateId { what, id }, Some(last)) if last == id => {
                write!(out, "duplicate {what} id")
            }
            (reason, _) => write!(out, "{reason}"),
        }?;
        f.write_str(&crate::limits::message(&out))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.kind())
            .field("message", &self.to_string())
            .finish()
    }
}

impl std::error::Error for Error {}

/// The first problems, joined; how many more there are.
fn list(problems: &[Error]) -> String {
    let mut out = problems
        .iter()
        .take(crate::limits::LISTED_PROBLEMS)
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    if let Some(more) = problems.len().checked_sub(crate::limits::LISTED_PROBLEMS)
        && more > 0
    {
        out.push_str(&format!("; … and {more} more"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn debug_shows_the_kind_and_the_message() {
        let err = Error::from(Reason::NotEnoughRecords {
            records: 3,
            remaining: 2,
        })
        .at("II.4");
        assert_eq!(
            format!("{err:?}"),
            "Error { kind: InvalidValue, message: \"II.4: cannot convert 3 records: only 2 remain\" }"
        );
    }

    #[test]
    fn path_context_and_accessors() {
        let err = Error::from(Reason::NotEnoughRecords {
            records: 211,
            remaining: 210,
        })
        .context("cannot apply `convert 211 existing records`")
        .at("II.4");
        assert_eq!(
            err.to_string(),
            "II.4: cannot apply `convert 211 existing records`: cannot convert 211 records: only 210 remain"
        );
        assert_eq!(err.kind(), ErrorKind::InvalidValue);
        assert_eq!(err.item(), Some("II.4"));
        assert_eq!(err.value().as_deref(), Some("211"));
        assert!(std::error::Error::source(&err).is_none());
    }

    #[test]
    fn parse_errors_say_where() {
        let err = Error::from(Reason::Parse {
            format: "TOML",
            at: Location(Some((3, 5))),
            message: "expected `=`".into(),
        });
        assert_eq!(
            err.to_string(),
            "cannot read TOML at line 3, column 5: expected `=`"
        );
        assert_eq!((err.line(), err.column()), (Some(3), Some(5)));
        assert_eq!(err.kind(), ErrorKind::Syntax);
    }

    #[test]
    fn invalid_set_lists_every_problem() {
        let a = Error::from(Reason::ShareOutOfRange {
            value: Decimal::TWO,
        })
        .at("II.4");
        let b = Error::from(Reason::NoObservation).at("V.18");
        let err = Error::invalid_set(vec![a.clone(), b]);
        assert_eq!(err.kind(), ErrorKind::InvalidSet);
        assert_eq!(err.problems().len(), 2);
        assert_eq!(err.problems()[0], a);
        assert!(
            err.to_string()
                .starts_with("criteria set has 2 problem(s): II.4: share 2")
        );
    }

    #[test]
    fn unknown_and_missing_keys_are_named() {
        let unknown = Error::parse(
            "TOML",
            Location(Some((2, 1))),
            "unknown field `extra`, expected `ward`",
        );
        assert_eq!(
            (unknown.kind(), unknown.key()),
            (ErrorKind::UnknownKey, Some("extra"))
        );
        let missing = Error::parse("JSON", Location(None), "missing field `year`");
        assert_eq!(
            (missing.kind(), missing.key()),
            (ErrorKind::MissingKey, Some("year"))
        );
        assert_eq!(
            missing.to_string(),
            "cannot read JSON: missing field `year`"
        );
        let other = Error::parse("TOML", Location(None), "expected `=`");
        assert_eq!(other.kind(), ErrorKind::Syntax);
        // The key as the parser gave it, spaces and backticks included; the message cut.
        let long = format!("a\n `b{}", "k".repeat(400));
        let unknown = Error::parse(
            "JSON",
            Location(None),
            &format!("unknown field `{long}`, expected one of `ward`, `year`"),
        );
        assert_eq!(unknown.key(), Some(long.as_str()));
        assert!(unknown.to_string().contains("unknown field `a `bkkk"));
        let twice = Error::parse("JSON", Location(None), "key `a b` is given twice");
        assert_eq!(
            (twice.kind(), twice.key()),
            (ErrorKind::Syntax, Some("a b"))
        );
        let twice = Error::parse("JSON", Location(None), "duplicate field `ward`");
        assert_eq!(
            (twice.kind(), twice.key()),
            (ErrorKind::Syntax, Some("ward"))
        );
    }

    #[cfg(feature = "toml")]
    #[test]
    fn columns_count_characters() {
        assert_eq!(line_column("ab\nđộ x", 8), Location(Some((2, 3))));
    }
}
