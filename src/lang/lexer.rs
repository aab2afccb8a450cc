//! Text to tokens, each with the byte span it came from.
//!
//! Decides the magnitude rule: a `k K M B bn T` written straight after digits
//! (`100M`, `2.5B`), or one of them but `B` after one space (`5 k`), is a
//! magnitude; any other letters straight after digits (`100MB`, `50ms`)
//! start a unit. It does not look units up.

use crate::lang::error::{ExprError, ExprErrorKind};
use crate::span::Span;
use crate::units::MAGNITUDE_SUFFIXES;

/// The longest expression bote reads, in bytes.
pub(crate) const MAX_EXPR_LEN: usize = 10_000;

/// A token. Its text is the source at the token's span, so tokens hold no
/// borrow and one buffer of them serves statement after statement.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Tok {
    /// A number: its value including the magnitude, how many bytes of its
    /// span are the number as written (without a magnitude suffix), and the
    /// magnitude word if a suffix was used.
    Number {
        value: f64,
        digits: u16,
        magnitude: Option<&'static str>,
    },
    /// A word: a unit, name, function or keyword.
    Ident,
    Dollar,
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Percent,
    LParen,
    RParen,
    Comma,
    Arrow,
    /// `~` or `≈` before a figure: approximately.
    Approx,
}

impl Token {
    /// The token's text in `src`, the text it was read from.
    pub(crate) fn text(self, src: &str) -> &str {
        src.get(self.span.start..self.span.end).unwrap_or("")
    }

    /// How the token reads in an error message; `src` is the text it was read from.
    pub(crate) fn describe(self, src: &str) -> String {
        match self.tok {
            Tok::Number { digits, .. } => {
                let text = self.text(src);
                format!(
                    "the number `{}`",
                    text.get(..usize::from(digits)).unwrap_or(text)
                )
            }
            Tok::Ident => format!("`{}`", self.text(src)),
            Tok::Dollar => "`$`".into(),
            Tok::Plus => "`+`".into(),
            Tok::Minus => "`-`".into(),
            Tok::Star => "`*`".into(),
            Tok::Slash => "`/`".into(),
            Tok::Caret => "`^`".into(),
            Tok::Percent => "`%`".into(),
            Tok::LParen => "`(`".into(),
            Tok::RParen => "`)`".into(),
            Tok::Comma => "`,`".into(),
            Tok::Arrow => "`->`".into(),
            Tok::Approx => "`~`".into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) span: Span,
}

/// The end of the word starting at `start`: ASCII letters, digits, `_`,
/// and the micro signs `µ` and `μ` (as in `µs`).
fn word_end(src: &str, start: usize) -> usize {
    let bytes = src.as_bytes();
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b if b.is_ascii_alphanumeric() || b == b'_' => i += 1,
            // `ref.nic_25g`, `price.s3_standard`: a sheet's names.
            b'.' if matches!(&src[start..i], "ref" | "price")
                && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) =>
            {
                i += 1;
            }
            0x80.. if src[i..].starts_with(['µ', 'μ']) => i += 2,
            // `what's`: an apostrophe between letters is part of the word.
            b'\''
                if i > start
                    && bytes[i - 1].is_ascii_alphabetic()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) =>
            {
                i += 1;
            }
            _ => break,
        }
    }
    i
}

/// Split `src` into tokens, replacing what `out` held.
pub(crate) fn lex(src: &str, out: &mut Vec<Token>) -> Result<(), ExprError> {
    out.clear();
    if src.len() > MAX_EXPR_LEN {
        return Err(ExprError::new(
            ExprErrorKind::TooLong {
                len: src.len(),
                max: MAX_EXPR_LEN,
            },
            Span::new(MAX_EXPR_LEN, src.len()),
        ));
    }
    // About one token per three bytes in typical expressions (`a * 2 MB`);
    // a reused list usually has the room already.
    out.reserve(src.len() / 3 + 2);
    let bytes = src.as_bytes();
    let mut start = 0;
    while start < bytes.len() {
        let next = bytes.get(start + 1).copied();
        let (tok, end) = match bytes[start] {
            b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                start += 1;
                continue;
            }
            b'0'..=b'9' | b'.' => number(src, start)?,
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => (Tok::Ident, word_end(src, start)),
            b'$' => (Tok::Dollar, start + 1),
            b'+' => (Tok::Plus, start + 1),
            b'-' if next == Some(b'>') => (Tok::Arrow, start + 2),
            b'-' => (Tok::Minus, start + 1),
            b'*' if next == Some(b'*') => (Tok::Caret, start + 2),
            b'*' => (Tok::Star, start + 1),
            b'/' => (Tok::Slash, start + 1),
            b'^' => (Tok::Caret, start + 1),
            b'%' => (Tok::Percent, start + 1),
            b'~' => (Tok::Approx, start + 1),
            b'(' => (Tok::LParen, start + 1),
            b')' => (Tok::RParen, start + 1),
            b',' => (Tok::Comma, start + 1),
            _ => {
                let Some(c) = src[start..].chars().next() else {
                    break;
                };
                let end = start + c.len_utf8();
                match c {
                    'µ' | 'μ' => (Tok::Ident, word_end(src, start)),
                    '−' => (Tok::Minus, end),
                    // `100–300 ms`: the en dash of a range, read as `to`.
                    '–' => (Tok::Ident, end),
                    '→' => (Tok::Arrow, end),
                    '≈' => (Tok::Approx, end),
                    '×' | '·' => (Tok::Star, end),
                    '÷' => (Tok::Slash, end),
                    c if c.is_whitespace() => {
                        start = end;
                        continue;
                    }
                    other => {
                        let span = Span::new(start, end);
                        return Err(ExprError::new(ExprErrorKind::UnexpectedChar(other), span));
                    }
                }
            }
        };
        out.push(Token {
            tok,
            span: Span::new(start, end),
        });
        start = end;
    }
    Ok(())
}

/// Read a number starting at `start`: digits with `_`, a fraction, an
/// exponent, and an attached magnitude suffix. Returns the token and its end.
fn number(src: &str, start: usize) -> Result<(Tok, usize), ExprError> {
    let bytes = src.as_bytes();
    let mut i = start;
    let digits = |i: &mut usize| {
        let from = *i;
        while *i < bytes.len() && (bytes[*i].is_ascii_digit() || (bytes[*i] == b'_' && *i > from)) {
            *i += 1;
        }
        *i > from
    };
    let mut any = digits(&mut i);
    // Thousands separators as printed by bote: `12,500` (exactly three digits per group).
    while any
        && bytes.get(i) == Some(&b',')
        && bytes
            .get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
        && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        && !src[start..i].contains('_')
    {
        i += 4;
    }
    // `100..300`: a range as some languages write it; bote's is `to`.
    if any && bytes.get(i) == Some(&b'.') && bytes.get(i + 1) == Some(&b'.') {
        return Err(ExprError::new(
            ExprErrorKind::Expected {
                expected: "a range written with `to`, as in `100 to 300 ms`",
                found: "`..`".to_string(),
            },
            Span::new(i, i + 2),
        ));
    }
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        any |= digits(&mut i);
    }
    if !any {
        return Err(ExprError::new(
            ExprErrorKind::UnexpectedChar('.'),
            Span::new(start, start + 1),
        ));
    }
    // An exponent only when digits follow, so `2e` stays a number then a name.
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
            j += 1;
        }
        if j < bytes.len() && bytes[j].is_ascii_digit() {
            i = j;
            digits(&mut i);
        }
    }
    let text = &src[start..i];
    let span = Span::new(start, i);
    let parsed = if text.contains(['_', ',']) {
        text.replace(['_', ','], "").parse()
    } else {
        text.parse()
    };
    let mut value: f64 =
        parsed.map_err(|_| ExprError::new(ExprErrorKind::BadNumber(text.to_string()), span))?;
    if !value.is_finite() {
        return Err(ExprError::new(
            ExprErrorKind::NumberTooLarge(text.to_string()),
            span,
        ));
    }
    // `1e-400` parses as 0 and `1e-310` as a subnormal with few digits
    // left: either way the number written is not the number held.
    let mantissa = text.split(['e', 'E']).next().unwrap_or(text);
    if value.abs() < f64::MIN_POSITIVE && mantissa.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        return Err(ExprError::new(
            ExprErrorKind::NumberTooSmall(text.to_string()),
            span,
        ));
    }
    // A ratio as people write it, `100:1` or `4:2`, is one number: it
    // binds as a figure does (`1000 / 4:2` is 500, `10:1 ^ 2` is 100).
    if bytes.get(i) == Some(&b':') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        let (Tok::Number { value: below, .. }, end) = number(src, i + 1)? else {
            unreachable!("number() reads a number")
        };
        let text = &src[start..end];
        if below == 0.0 {
            return Err(ExprError::new(
                ExprErrorKind::BadNumber(text.to_string()),
                Span::new(start, end),
            ));
        }
        if !(value / below).is_finite() {
            return Err(ExprError::new(
                ExprErrorKind::NumberTooLarge(text.to_string()),
                Span::new(start, end),
            ));
        }
        // At most MAX_EXPR_LEN bytes.
        #[allow(clippy::cast_possible_truncation)]
        let digits = text.len() as u16;
        let tok = Tok::Number {
            value: value / below,
            digits,
            magnitude: None,
        };
        return Ok((tok, end));
    }
    let word = &src[i..word_end(src, i)];
    let mut magnitude = None;
    if let Some(&(suffix, name)) = MAGNITUDE_SUFFIXES.iter().find(|(s, _)| *s == word) {
        value *= crate::units::magnitude_word(name).unwrap_or(1.0);
        magnitude = Some(name);
        i += suffix.len();
    } else if word.is_empty() {
        // `5 k QPS`, `1.5 M users`: a suffix after one space is a magnitude
        // too, as none of them is a unit; all but `B`, which is bytes
        // (`500 B`: the parser refuses `2 B users`, which reads both ways).
        let from = i + src[i..].len() - src[i..].trim_start_matches(' ').len();
        let spaced = &src[from..word_end(src, from)];
        if from == i + 1
            && let Some(&(_, name)) = MAGNITUDE_SUFFIXES
                .iter()
                .find(|(s, _)| *s == spaced && *s != "B")
        {
            value *= crate::units::magnitude_word(name).unwrap_or(1.0);
            magnitude = Some(name);
            i = from + spaced.len();
        }
    }
    // At most MAX_EXPR_LEN bytes.
    #[allow(clippy::cast_possible_truncation)]
    let digits = text.len() as u16;
    Ok((
        Tok::Number {
            value,
            digits,
            magnitude,
        },
        i,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each token with its text (a number's without its magnitude suffix).
    fn toks(src: &str) -> Vec<(Tok, &str)> {
        let mut out = Vec::new();
        lex(src, &mut out).unwrap();
        out.into_iter()
            .map(|t| match t.tok {
                Tok::Number { digits, .. } => (t.tok, &t.text(src)[..usize::from(digits)]),
                _ => (t.tok, t.text(src)),
            })
            .collect()
    }

    fn num<'a>(text: &'a str, value: f64, magnitude: Option<&'static str>) -> (Tok, &'a str) {
        let digits = u16::try_from(text.len()).unwrap();
        let tok = Tok::Number {
            value,
            digits,
            magnitude,
        };
        (tok, text)
    }

    fn word(text: &str) -> (Tok, &str) {
        (Tok::Ident, text)
    }

    #[test]
    fn magnitude_rule() {
        let cases: Vec<(&str, Vec<(Tok, &str)>)> = vec![
            ("100M", vec![num("100", 1e8, Some("million"))]),
            ("2.5B", vec![num("2.5", 2.5e9, Some("billion"))]),
            ("3bn", vec![num("3", 3e9, Some("billion"))]),
            ("10k", vec![num("10", 1e4, Some("thousand"))]),
            ("500 B", vec![num("500", 500.0, None), word("B")]),
            ("100MB", vec![num("100", 100.0, None), word("MB")]),
            ("50ms", vec![num("50", 50.0, None), word("ms")]),
            ("1e9", vec![num("1e9", 1e9, None)]),
            ("1_000_000", vec![num("1_000_000", 1e6, None)]),
            (
                "99.99%",
                vec![num("99.99", 99.99, None), (Tok::Percent, "%")],
            ),
            ("2e", vec![num("2", 2.0, None), word("e")]),
            ("12,500", vec![num("12,500", 12_500.0, None)]),
            (
                "1,2",
                vec![num("1", 1.0, None), (Tok::Comma, ","), num("2", 2.0, None)],
            ),
            ("5 µs", vec![num("5", 5.0, None), word("µs")]),
        ];
        for (src, want) in cases {
            assert_eq!(toks(src), want, "{src}");
        }
    }

    #[test]
    fn operators() {
        assert_eq!(
            toks("a->b ** 2 × 3"),
            vec![
                word("a"),
                (Tok::Arrow, "->"),
                word("b"),
                (Tok::Caret, "**"),
                num("2", 2.0, None),
                (Tok::Star, "×"),
                num("3", 3.0, None)
            ]
        );
    }

    #[test]
    fn reuses_its_buffer() {
        let mut out = Vec::new();
        lex("a + b + c", &mut out).unwrap();
        lex("1", &mut out).unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].describe("1"), "the number `1`");
    }

    #[test]
    fn errors() {
        let lex = |src: &str| lex(src, &mut Vec::new());
        let e = lex("5 М").unwrap_err();
        assert_eq!(*e.kind, ExprErrorKind::UnexpectedChar('М'));
        assert_eq!(e.span, Span::new(2, 4));
        assert!(matches!(
            *lex("1e400").unwrap_err().kind,
            ExprErrorKind::NumberTooLarge(_)
        ));
        assert!(matches!(
            *lex(&"1".repeat(MAX_EXPR_LEN + 1)).unwrap_err().kind,
            ExprErrorKind::TooLong { .. }
        ));
    }
}
