//! What the command-line examples share: reading a file as text, printing safely.
#![allow(dead_code, unused_macros, reason = "each example uses a part")]

/// Prints a line; when the reader has gone (`… | head`), the example stops quietly, as a
/// command-line tool does, instead of panicking as `println!` would.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::common::say_line(&format!($($arg)*))
    };
}

/// Writes `text` and a line break to standard output: see [`say!`].
pub fn say_line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if let Err(e) = writeln!(out, "{text}") {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write: {e}");
            std::process::exit(1);
        }
        std::process::exit(0);
    }
}

/// The text of the file at `path`; an error says where it is not UTF-8 (line, column and
/// byte offset) or why it cannot be read.
pub fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    cchc::text::from_utf8(&bytes)
        .map(str::to_owned)
        .map_err(|e| format!("{path}: cannot read: {e}"))
}

/// `text` safe to print to a terminal: control characters and bidi marks escaped
/// (`\u{1b}`), line breaks kept. A file name, a ward's name or a set's name may hold an ESC
/// that would repaint the terminal.
pub fn safe(text: &str) -> String {
    let hostile = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(u32::from(c), 0x200E | 0x200F | 0x061C | 0x202A..=0x202E | 0x2066..=0x2069)
    };
    text.chars()
        .map(|c| {
            if hostile(c) {
                c.escape_default().collect()
            } else {
                c.to_string()
            }
        })
        .collect()
}
