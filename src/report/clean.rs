//! Text that reaches a terminal or a Markdown page, made harmless: the one place where the
//! writers neutralise control characters.
//!
//! A ward name, a set name, a band label, an evidence text or an appraisal reason is user
//! input. Written raw to a terminal, an ESC starts an escape sequence (colours, cursor moves,
//! window titles), a CR overwrites what was printed, and a bidi override (U+202A–U+202E,
//! U+2066–U+2069) or mark (U+200E, U+200F, U+061C) reorders what follows so that the reader
//! sees other text than the bytes say; in an XML picture, U+FFFE, U+FFFF and the other
//! noncharacters (U+FDD0–U+FDEF, the last two of every plane) are not allowed at all.
//! Every such character becomes U+FFFD (�), visible and inert; a tab becomes a space; line
//! breaks (LF, CR LF, a lone CR) become one LF where a cell may hold several lines, a space
//! where the text is one line (titles, footers).
//!
//! Cleaning is lazy ([`chars`]): a writer that keeps only the start of a long text reads only
//! the start of it.

use std::iter::Peekable;
use std::str::Chars;

/// The stand-in for a character that must not reach the reader as it is.
pub(super) const REPLACEMENT: char = '\u{FFFD}';

/// Whether `c` must not reach a terminal or a page as it is: C0 and C1 controls (but tab and
/// line breaks, handled apart), DEL, the bidi marks, embeddings, overrides and isolates, and
/// the noncharacters (U+FFFE and U+FFFF among them, which XML does not allow).
pub(super) fn is_hostile(c: char) -> bool {
    crate::limits::is_hostile(c)
}

/// The characters of `text`, cleaned: line breaks as `\n` (or a space when `multiline` is
/// false), a tab as a space, every other control or bidi character as U+FFFD.
pub(super) fn chars(text: &str, multiline: bool) -> Clean<'_> {
    Clean {
        inner: text.chars().peekable(),
        multiline,
    }
}

/// `text` cleaned, on one line (titles and footers).
pub(super) fn line(text: &str) -> String {
    chars(text, false).collect()
}

/// The iterator of [`chars`].
pub(super) struct Clean<'a> {
    inner: Peekable<Chars<'a>>,
    multiline: bool,
}

impl Iterator for Clean<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let c = self.inner.next()?;
        Some(match c {
            '\r' | '\n' => {
                if c == '\r' && self.inner.peek() == Some(&'\n') {
                    self.inner.next();
                }
                if self.multiline { '\n' } else { ' ' }
            }
            '\t' => ' ',
            c if is_hostile(c) => REPLACEMENT,
            c => c,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_become_visible() {
        let hostile = "a\u{1b}[31mb\0c\u{7f}d\u{85}e\u{202e}f\u{2066}g\u{2069}";
        assert_eq!(
            line(hostile),
            "a\u{fffd}[31mb\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}g\u{fffd}"
        );
        // Bidi marks, and the noncharacters XML refuses (U+FFFE, U+FFFF, U+FDD0, U+1FFFF).
        let marks = "a\u{200e}b\u{200f}c\u{61c}d\u{fffe}e\u{ffff}f\u{fdd0}g\u{1ffff}h";
        assert_eq!(
            line(marks),
            "a\u{fffd}b\u{fffd}c\u{fffd}d\u{fffd}e\u{fffd}f\u{fffd}g\u{fffd}h"
        );
        // U+FFFD itself, U+FFFC and U+FDEF's neighbours pass.
        assert_eq!(
            line("\u{fffd}\u{fffc}\u{fdcf}\u{fdf0}"),
            "\u{fffd}\u{fffc}\u{fdcf}\u{fdf0}"
        );
        // Ordinary Vietnamese, NFD marks and typographic signs pass untouched.
        let plain = "Nghie\u{302}\u{323}p vụ — 30,00% ≥ 35% × 5";
        assert_eq!(line(plain), plain);
    }

    #[test]
    fn line_breaks_are_kept_in_cells_and_joined_in_lines() {
        let text = "one\r\ntwo\rthree\nfour\tfive";
        assert_eq!(
            chars(text, true).collect::<String>(),
            "one\ntwo\nthree\nfour five"
        );
        assert_eq!(line(text), "one two three four five");
    }

    #[test]
    fn cleaning_is_lazy() {
        // Taking 3 characters of a long text reads 3 characters, whatever follows.
        let long = format!("abc{}", "\u{1b}".repeat(1000));
        let mut it = chars(&long, true);
        assert_eq!(it.by_ref().take(3).collect::<String>(), "abc");
        assert_eq!(it.next(), Some(REPLACEMENT));
    }
}
