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
#[path = "bad_input/plans.rs"]
mod plans;
#[path = "bad_input/whatif.rs"]
mod whatif;
#[path = "bad_input/xlsx.rs"]
mod xlsx;
// The template tests' helpers: the catalogue takes `unzip`.
mod common;

use cchc::limits::MAX_MESSAGE_CHARS;
use cchc::{Error, ErrorKind};

/// What a refusal must say: its kind, a part of its message (`says`, required: an empty one,
/// which any message contains, is refused), and — where given — its item, key and value.
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
    assert!(
        !want.says.trim().is_empty(),
        "say what the message must contain: {message:?}"
    );
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

/// Whether `c` must not reach a terminal: the list of `cchc::limits` — C0 and C1 controls,
/// DEL, the bidi marks (U+200E, U+200F, U+061C), embeddings and overrides (U+202A–U+202E),
/// isolates (U+2066–U+2069), and the noncharacters.
pub fn hostile(c: char) -> bool {
    let code = u32::from(c);
    c.is_control()
        || matches!(code, 0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069)
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// A message is safe to print: no hostile character ([`hostile`]), at most
/// [`MAX_MESSAGE_CHARS`] characters, the ellipsis of a cut included.
#[track_caller]
pub fn safe(message: &str) {
    assert!(!message.chars().any(hostile), "{message:?}");
    assert!(
        message.chars().count() <= MAX_MESSAGE_CHARS,
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
