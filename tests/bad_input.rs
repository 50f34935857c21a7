//! The bad-input catalogue: every kind of hostile or mistaken input found so far, through
//! every entry point — observation files (TOML, JSON, Excel), criteria files, plans,
//! scenarios, monthly series, costs and goals, the API and the command line.
//!
//! Each case is numbered (`// N.`) with the class it covers; each asserts the error's kind,
//! that it names the item, the key and the value (through `item()`, `key()`, `value()` and
//! the message), that the message is safe to print and short, and that nothing was
//! half-applied. Expected messages are worked out by hand from the input.

#[path = "bad_input/api.rs"]
mod api;
#[path = "bad_input/cli.rs"]
mod cli;
#[path = "bad_input/criteria.rs"]
mod criteria;
#[path = "bad_input/observations.rs"]
mod observations;
#[path = "bad_input/whatif.rs"]
mod whatif;
#[path = "bad_input/xlsx.rs"]
mod xlsx;

use cchc::limits::MAX_MESSAGE_CHARS;
use cchc::{Error, ErrorKind};

/// What a refusal must say: its kind, and — where given — its item, key and value, and a part
/// of its message.
#[derive(Default)]
pub struct Want<'a> {
    pub item: Option<&'a str>,
    pub key: Option<&'a str>,
    pub value: Option<&'a str>,
    pub says: &'a str,
}

/// Checks `err` against `kind` and `want`, and that its message is one short line without a
/// control character.
#[track_caller]
pub fn refused(err: &Error, kind: ErrorKind, want: Want<'_>) {
    let message = err.to_string();
    assert_eq!(err.kind(), kind, "{message}");
    if let Some(item) = want.item {
        assert_eq!(err.item(), Some(item), "{message}");
    }
    if let Some(key) = want.key {
        assert_eq!(err.key(), Some(key), "{message}");
    }
    if let Some(value) = want.value {
        assert_eq!(err.value().as_deref(), Some(value), "{message}");
    }
    assert!(
        message.contains(want.says),
        "{message:?} lacks {:?}",
        want.says
    );
    safe(&message);
}

/// A message is safe to print: no control character, no bidi mark, at most
/// [`MAX_MESSAGE_CHARS`] characters (and the ellipsis).
#[track_caller]
pub fn safe(message: &str) {
    assert!(
        !message
            .chars()
            .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)),
        "{message:?}"
    );
    assert!(
        message.chars().count() <= MAX_MESSAGE_CHARS + 1,
        "{}",
        message.len()
    );
}

/// The one problem of an invalid criteria set.
#[track_caller]
pub fn only_problem(err: &Error) -> &Error {
    assert_eq!(err.kind(), ErrorKind::InvalidSet, "{err}");
    assert_eq!(err.problems().len(), 1, "{err}");
    &err.problems()[0]
}
