//! Text to tokens, each with the byte span it came from.
//!
//! Decides the magnitude rule: a `k K M B bn T` written straight after digits
//! (`100M`, `2.5B`) is a magnitude; any other letters straight after digits
//! (`100MB`, `50ms`) start a unit. It does not look units up.

use crate::error::{ExprError, ExprErrorKind, Span};
use crate::units::MAGNITUDE_SUFFIXES;

/// The longest expression bote reads, in bytes.
pub const MAX_EXPR_LEN: usize = 10_000;

#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A number as written (without its magnitude suffix), its value
    /// including the magnitude, and the magnitude word if a suffix was used.
    Number {
        text: String,
        value: f64,
        magnitude: Option<&'static str>,
    },
    Ident(String),
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
}

impl Tok {
    /// How the token reads in an error message.
    pub fn describe(&self) -> String {
        match self {
            Tok::Number { text, .. } => format!("the number `{text}`"),
            Tok::Ident(s) => format!("`{s}`"),
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
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

fn is_ident_start(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '_' || c == 'µ' || c == 'μ'
}

fn is_ident_char(c: char) -> bool {
    is_ident_start(c) || c.is_ascii_digit()
}

/// Split `src` into tokens.
pub fn lex(src: &str) -> Result<Vec<Token>, ExprError> {
    if src.len() > MAX_EXPR_LEN {
        return Err(ExprError::new(
            ExprErrorKind::TooLong {
                len: src.len(),
                max: MAX_EXPR_LEN,
            },
            Span::new(MAX_EXPR_LEN, src.len()),
        ));
    }
    let mut out = Vec::with_capacity(src.len() / 2 + 1);
    let mut start = 0;
    while let Some(c) = src[start..].chars().next() {
        let single = |tok| (tok, start + c.len_utf8());
        let (tok, end) = match c {
            c if c.is_whitespace() => {
                start += c.len_utf8();
                continue;
            }
            '0'..='9' | '.' => number(src, start)?,
            c if is_ident_start(c) => {
                let end = src[start..]
                    .find(|c| !is_ident_char(c))
                    .map_or(src.len(), |n| start + n);
                (Tok::Ident(src[start..end].to_string()), end)
            }
            '$' => single(Tok::Dollar),
            '+' => single(Tok::Plus),
            '-' if src[start..].starts_with("->") => (Tok::Arrow, start + 2),
            '-' | '−' => single(Tok::Minus),
            '→' => single(Tok::Arrow),
            '*' if src[start..].starts_with("**") => (Tok::Caret, start + 2),
            '*' | '×' | '·' => single(Tok::Star),
            '/' | '÷' => single(Tok::Slash),
            '^' => single(Tok::Caret),
            '%' => single(Tok::Percent),
            '(' => single(Tok::LParen),
            ')' => single(Tok::RParen),
            ',' => single(Tok::Comma),
            other => {
                let span = Span::new(start, start + other.len_utf8());
                return Err(ExprError::new(ExprErrorKind::UnexpectedChar(other), span));
            }
        };
        out.push(Token {
            tok,
            span: Span::new(start, end),
        });
        start = end;
    }
    Ok(out)
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
    let mut value: f64 = text
        .replace(['_', ','], "")
        .parse()
        .map_err(|_| ExprError::new(ExprErrorKind::BadNumber(text.to_string()), span))?;
    if !value.is_finite() {
        return Err(ExprError::new(
            ExprErrorKind::NumberTooLarge(text.to_string()),
            span,
        ));
    }
    let rest = &src[i..];
    let word_len = rest.find(|c| !is_ident_char(c)).unwrap_or(rest.len());
    let mut magnitude = None;
    if let Some(&(suffix, word)) = MAGNITUDE_SUFFIXES
        .iter()
        .find(|(s, _)| *s == &rest[..word_len])
    {
        value *= crate::units::magnitude_word(word).unwrap_or(1.0);
        magnitude = Some(word);
        i += suffix.len();
    }
    Ok((
        Tok::Number {
            text: text.to_string(),
            value,
            magnitude,
        },
        i,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        lex(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn num(text: &str, value: f64, magnitude: Option<&'static str>) -> Tok {
        Tok::Number {
            text: text.into(),
            value,
            magnitude,
        }
    }

    #[test]
    fn magnitude_rule() {
        let cases: Vec<(&str, Vec<Tok>)> = vec![
            ("100M", vec![num("100", 1e8, Some("million"))]),
            ("2.5B", vec![num("2.5", 2.5e9, Some("billion"))]),
            ("3bn", vec![num("3", 3e9, Some("billion"))]),
            ("10k", vec![num("10", 1e4, Some("thousand"))]),
            (
                "500 B",
                vec![num("500", 500.0, None), Tok::Ident("B".into())],
            ),
            (
                "100MB",
                vec![num("100", 100.0, None), Tok::Ident("MB".into())],
            ),
            ("50ms", vec![num("50", 50.0, None), Tok::Ident("ms".into())]),
            ("1e9", vec![num("1e9", 1e9, None)]),
            ("1_000_000", vec![num("1_000_000", 1e6, None)]),
            ("99.99%", vec![num("99.99", 99.99, None), Tok::Percent]),
            ("2e", vec![num("2", 2.0, None), Tok::Ident("e".into())]),
            ("12,500", vec![num("12,500", 12_500.0, None)]),
            (
                "1,2",
                vec![num("1", 1.0, None), Tok::Comma, num("2", 2.0, None)],
            ),
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
                Tok::Ident("a".into()),
                Tok::Arrow,
                Tok::Ident("b".into()),
                Tok::Caret,
                num("2", 2.0, None),
                Tok::Star,
                num("3", 3.0, None)
            ]
        );
    }

    #[test]
    fn errors() {
        let e = lex("5 М").unwrap_err();
        assert_eq!(e.kind, ExprErrorKind::UnexpectedChar('М'));
        assert_eq!(e.span, Span::new(2, 4));
        assert!(matches!(
            lex("1e400").unwrap_err().kind,
            ExprErrorKind::NumberTooLarge(_)
        ));
        assert!(matches!(
            lex(&"1".repeat(MAX_EXPR_LEN + 1)).unwrap_err().kind,
            ExprErrorKind::TooLong { .. }
        ));
    }
}
