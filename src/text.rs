//! Text as a terminal shows it: display width, control characters made
//! visible, and wrapping to a width.
//!
//! Every width bote measures (table cells, carets under an error) goes
//! through [`width`], so CJK text and emoji, two columns each, line up.

use std::borrow::Cow;

/// Columns `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    // Most cells are plain ASCII, one column a byte (control characters
    // never get here: `printable` has replaced them).
    if s.is_ascii() {
        s.len()
    } else {
        unicode_width::UnicodeWidthStr::width(s)
    }
}

/// `s` safe to print: a newline or tab becomes a space (a cell stays one
/// line), and other control and bidirectional-override characters are
/// shown escaped (`\u{1b}`), so text from a file cannot drive the terminal.
pub(crate) fn printable(s: &str) -> Cow<'_, str> {
    // A byte scan first (tables print thousands of cells): control
    // characters are bytes below 0x20 and 0x7f, and the others begin with
    // 0xc2 (U+0080 to U+009F) or 0xe2 (the bidirectional overrides).
    let suspect = s.bytes().fold(false, |seen, b| {
        seen | (b < 0x20) | (b == 0x7f) | (b == 0xc2) | (b == 0xe2)
    });
    if !suspect || !s.chars().any(hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\t' | '\r' => out.push(' '),
            c if hidden(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A character that acts on the terminal instead of showing.
fn hidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `s` in lines of at most `max` columns, breaking at spaces where it can
/// and inside a word only when the word alone is too wide.
pub(crate) fn wrap(s: &str, max: usize) -> Vec<Cow<'_, str>> {
    if width(s) <= max {
        return vec![Cow::Borrowed(s)];
    }
    textwrap::wrap(s, options(max.max(1)))
}

/// Break at spaces only: `fan-out` and `twitter-timeline.txt` stay whole.
fn options<'a>(max: usize) -> textwrap::Options<'a> {
    textwrap::Options::new(max).word_splitter(textwrap::WordSplitter::NoHyphenation)
}

/// [`wrap`] with every line after the first indented by `indent` spaces.
pub(crate) fn wrap_hanging(s: &str, max: usize, indent: usize) -> Vec<Cow<'_, str>> {
    if width(s) <= max {
        return vec![Cow::Borrowed(s)];
    }
    let pad = " ".repeat(indent);
    let opts = options(max.max(indent + 1)).subsequent_indent(&pad);
    textwrap::wrap(s, opts)
        .into_iter()
        .map(|l| Cow::Owned(l.into_owned()))
        .collect()
}

/// `a`, `a or b`, `a, b or c`: items joined as a sentence lists them.
pub(crate) fn or_list(items: &[String]) -> String {
    joined(items, "or")
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn and_list(items: &[String]) -> String {
    joined(items, "and")
}

fn joined(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// Why `name` cannot be a name, by its spelling alone: names are ASCII
/// letters, digits and `_`, not starting with a digit. (Whether a name
/// clashes with a unit or function is the language's question.)
pub(crate) fn name_problem(name: &str) -> Option<String> {
    let valid = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    (!valid).then(|| {
        format!(
            "`{name}` is not a valid name: use letters, digits and _, not starting with a digit"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_display_columns() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("日本"), 4);
        assert_eq!(width("🚀"), 2);
        assert_eq!(width("µs"), 2);
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(printable("plain"), "plain");
        assert_eq!(printable("a\nb\tc"), "a b c");
        assert_eq!(printable("\x1b[2J"), "\\u{1b}[2J");
        assert_eq!(printable("x\u{202e}y"), "x\\u{202e}y");
    }

    #[test]
    fn wraps_by_display_width() {
        assert_eq!(wrap("short", 10), ["short"]);
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("日本語のテキスト", 6), ["日本語", "のテキ", "スト"]);
        assert_eq!(wrap_hanging("aaa bbb ccc", 7, 2), ["aaa bbb", "  ccc"]);
    }
}
