//! Every limit on input, in one place.
//!
//! Ward software feeds the crate whatever its users typed. So that no input costs more than
//! its size warrants, and no message repeats a megabyte back, the crate refuses input beyond
//! these limits with an [`Error`] of kind [`ErrorKind::Limit`](crate::ErrorKind::Limit)
//! that names the item and the key (never truncating silently):
//!
//! | limit | value | what it bounds |
//! |---|---|---|
//! | [`MAX_INPUT_BYTES`] | 10 MiB | a TOML or JSON text given to any `from_toml` / `from_json` (observations, criteria sets, plans, scenarios), and an Excel workbook given to `Observations::from_xlsx`; checked before parsing; and every TOML or JSON text a `to_toml` / `to_json` writes (checked before it is returned) |
//! | [`MAX_UNZIPPED_BYTES`] | 64 MiB | the parts of an Excel workbook given to `Observations::from_xlsx`, unzipped, in all; checked before the workbook is opened, with its shared strings' `uniqueCount` (at most one string per 5 bytes of their part) |
//! | [`MAX_TEXT_BYTES`] | 4,096 bytes | every text: a ward's name, a set's name, a label, a measure, a source, an assumption, an evidence text, a reason, a plan's title and its texts |
//! | [`MAX_DATES`] | 1,000 | dates held per criterion, and dates of one `hold_on_dates` change |
//! | [`MAX_AWARDS`] | 100 | bonus entries, and penalty entries, of an observations file |
//! | [`MAX_FIELDS`] | 1,000 | fields of a criteria set |
//! | [`MAX_CRITERIA`] | 10,000 | criteria of a set, sub-criteria included |
//! | [`MAX_DEPTH`] | 8 | levels of sub-criteria under a top-level criterion |
//! | [`MAX_BANDS`] | 20 | rating bands of a set |
//! | [`MAX_STEPS`] | 100 | steps of a `rate_steps` or `count_steps` rule, options of a `categories` rule |
//! | [`MAX_PLAN_ITEMS`] | 10,000 | items of a plan |
//! | [`MAX_CHANGES`] | 10,000 | changes of a scenario, tasks offered to the least-effort planner |
//! | [`MAX_MONTHS`] | 3,600 | months of any period ([`Period::months`](crate::time::Period::months)): every date lies from 1900-01-01 to 2199-12-31 |
//! | [`MAX_MESSAGE_CHARS`] | 2,048 | an error's message; a value it repeats is cut to 60 characters with `…`, and an invalid set's message lists its first 10 problems (all are in [`Error::problems`](crate::Error::problems)) |
//!
//! Other limits belong to one type and live with it: ids of 1 to [`Id::MAX_LEN`](crate::Id::MAX_LEN)
//! (64) characters; percentages with at most [`Percent::MAX_DECIMALS`](crate::Percent::MAX_DECIMALS)
//! (4) decimals; a rounding of at most [`Rounding::MAX_DECIMALS`](crate::Rounding::MAX_DECIMALS)
//! (6) decimals; a frequency of at most [`Frequency::MAX_PERIODS`](crate::rule::Frequency::MAX_PERIODS)
//! (1,200) periods; dates from 1900-01-01 to 2199-12-31 and years 1900 to 2199; whole numbers
//! from 0 to 18,446,744,073,709,551,615 (above 9,223,372,036,854,775,807 written as a string
//! of digits, which TOML needs); a least-effort gap of at most 100,000 units of the rounding;
//! an observations template of rows 1 to [`MAX_ROWS`](crate::observations::xlsx::MAX_ROWS),
//! each sheet read up to [`MAX_CELLS`](crate::observations::xlsx::MAX_CELLS) cells (feature
//! `xlsx`).
//!
//! **Memory while reading.** Counts are checked before anything is built from what they
//! count (a plan's items, a set's criteria, a scenario's changes), but a list is parsed
//! whole before it is counted, so peak memory while reading is bounded by a multiple of
//! [`MAX_INPUT_BYTES`], measured at its worst (10 MiB of one-digit list elements, `1,1,1,…`,
//! release build): about 80 times for TOML (the parser's tree keeps a span per value: 780 MB
//! for an observations file or a criteria set), about 16 times for JSON (170 MB for an
//! observations file; 80 MB for a plan, whose items are kept as written until counted;
//! twice the text for a typed list such as a set's bands). Ward software that reads files
//! from untrusted users on a small machine may want a smaller bound of its own before
//! calling a reader.
//!
//! ```
//! use cchc::{CriteriaSet, ErrorKind, Observations};
//! let huge = format!("ward = \"X\"\nyear = 2023\n# {}", "x".repeat(cchc::limits::MAX_INPUT_BYTES));
//! let err = Observations::from_toml(&huge, &CriteriaSet::reference()).unwrap_err();
//! assert_eq!(err.kind(), ErrorKind::Limit);
//! ```

use crate::error::{Error, Reason, Result};

/// The largest TOML or JSON text, or Excel workbook, the crate reads: 10 MiB.
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// The most bytes the parts of an Excel workbook may unzip to, in all: 64 MiB (a template
/// of the reference set unzips to about 100 KB). Counted as they unzip, not as the archive
/// says.
pub const MAX_UNZIPPED_BYTES: usize = 64 * 1024 * 1024;

/// The longest text the crate accepts, in bytes (UTF-8): 4,096.
pub const MAX_TEXT_BYTES: usize = 4096;

/// The most dates held one criterion may list: 1,000.
pub const MAX_DATES: usize = 1000;

/// The most bonus entries, and penalty entries, one observations file may list: 100.
pub const MAX_AWARDS: usize = 100;

/// The most fields a criteria set may have: 1,000.
pub const MAX_FIELDS: usize = 1000;

/// The most criteria a set may have, sub-criteria included: 10,000.
pub const MAX_CRITERIA: usize = 10_000;

/// The most levels of sub-criteria under a top-level criterion: 8.
pub const MAX_DEPTH: usize = 8;

/// The most rating bands a set may have: 20.
pub const MAX_BANDS: usize = 20;

/// The most steps of a steps rule, and options of a categories rule: 100.
pub const MAX_STEPS: usize = 100;

/// The most items a plan may have: 10,000.
pub const MAX_PLAN_ITEMS: usize = 10_000;

/// The most changes of a scenario, and tasks offered to the least-effort planner: 10,000.
pub const MAX_CHANGES: usize = 10_000;

/// The most months any period spans: 300 years from 1900 to 2199 (not a refusal: a bound that
/// the date range guarantees).
pub const MAX_MONTHS: usize = 3600;

/// The longest error message, in characters: 2,048.
pub const MAX_MESSAGE_CHARS: usize = 2048;

/// The most characters of a value an error message repeats.
pub(crate) const SHOWN_CHARS: usize = 60;

/// The most problems an invalid set's message lists.
pub(crate) const LISTED_PROBLEMS: usize = 10;

/// A TOML or JSON `text` the readers take: at most [`MAX_INPUT_BYTES`], a UTF-8 byte-order
/// mark dropped.
pub(crate) fn input(text: &str) -> Result<&str> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::from(Reason::TooLong {
            what: "the text",
            len: text.len(),
            limit: MAX_INPUT_BYTES,
        }));
    }
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A text a writer made, when the readers take it: at most [`MAX_INPUT_BYTES`] (an error of
/// kind `Limit` otherwise, so that nothing is written that cannot be read back).
pub(crate) fn output(text: String) -> Result<String> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::from(Reason::TooLong {
            what: "the text written",
            len: text.len(),
            limit: MAX_INPUT_BYTES,
        }));
    }
    Ok(text)
}

/// `text` when it is at most [`MAX_TEXT_BYTES`] long; an error naming `key` otherwise.
pub(crate) fn text(key: &'static str, text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        Err(Error::from(Reason::TooLong {
            what: key,
            len: text.len(),
            limit: MAX_TEXT_BYTES,
        })
        .with_key(key))
    } else {
        Ok(())
    }
}

/// An error when `len` items of `what` are more than `limit`.
pub(crate) fn count(what: &'static str, len: usize, limit: usize) -> Result<()> {
    if len > limit {
        Err(Error::from(Reason::TooMany {
            what,
            count: len,
            limit,
        }))
    } else {
        Ok(())
    }
}

/// `text` cut to at most `chars` characters, with `…` when cut.
pub(crate) fn shorten(text: &str, chars: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]).into(),
        None => text.into(),
    }
}

/// `text` as a message shows a value: cut to [`SHOWN_CHARS`] and quoted, its control
/// characters escaped (`"II\u{1b}4"`).
pub(crate) fn quoted(text: &str) -> String {
    format!("{:?}", shorten(text, SHOWN_CHARS))
}

/// Whether `c` must not reach a terminal as it is: C0 and C1 controls, DEL, the bidi marks,
/// embeddings, overrides and isolates, and the noncharacters.
pub(crate) fn is_hostile(c: char) -> bool {
    let code = u32::from(c);
    c.is_control()
        || matches!(code, 0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069)
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// A message safe to print: every hostile character escaped (`\u{1b}`), at most
/// [`MAX_MESSAGE_CHARS`] characters as printed, the `…` that marks a cut included (an escape
/// is never cut in two).
pub(crate) fn message(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_MESSAGE_CHARS * 4));
    let mut chars = 0;
    // The bytes of `out` while it leaves room for the `…`.
    let mut fits = 0;
    for c in text.chars() {
        let start = out.len();
        if is_hostile(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
        chars += out.get(start..).map_or(0, |added| added.chars().count());
        if chars > MAX_MESSAGE_CHARS {
            out.truncate(fits);
            out.push('…');
            break;
        }
        if chars < MAX_MESSAGE_CHARS {
            fits = out.len();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_escaped_and_short() {
        assert_eq!(message("a\u{1b}[2Jb\u{202e}"), "a\\u{1b}[2Jb\\u{202e}");
        let long = message(&"x".repeat(MAX_MESSAGE_CHARS + 10));
        assert_eq!(long.chars().count(), MAX_MESSAGE_CHARS);
        assert!(long.ends_with('…'));
        // Exactly the limit: not cut.
        let full = "x".repeat(MAX_MESSAGE_CHARS);
        assert_eq!(message(&full), full);
        // 2,048 control characters escape to `\u{1}` (5 characters) each: 409 whole escapes
        // (2,045 characters) and the `…` make 2,046; a 410th would make 2,051.
        let escaped = message(&"\u{1}".repeat(MAX_MESSAGE_CHARS));
        assert_eq!(escaped.chars().count(), 2046);
        assert_eq!(escaped, format!("{}…", "\\u{1}".repeat(409)));
        assert_eq!(quoted("II\u{1b}4"), "\"II\\u{1b}4\"");
        assert_eq!(shorten("abc", 2), "ab…");
        assert_eq!(shorten("ab", 2), "ab");
    }

    #[test]
    fn input_checks_size_and_drops_a_bom() {
        assert_eq!(input("\u{feff}a = 1"), Ok("a = 1"));
        let big = "x".repeat(MAX_INPUT_BYTES + 1);
        assert_eq!(
            input(&big).map_err(|e| e.kind()),
            Err(crate::ErrorKind::Limit)
        );
        let err = output(big).unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::Limit);
        assert_eq!(
            err.to_string(),
            "the text written is 10485761 bytes long, above the limit of 10485760"
        );
        let just = "x".repeat(MAX_INPUT_BYTES);
        assert_eq!(output(just.clone()), Ok(just));
    }
}
