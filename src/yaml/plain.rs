//! A quick reader for the plain shape nearly every estimate file has: block
//! maps of `key: value` lines, one-line flow maps `{ key: value, … }`,
//! plain scalars, and quoted scalars without escapes.
//!
//! It answers `None` for anything else, including every error, and
//! `yaml::parse` then reads the file with granit-parser. So it only has to
//! be right about what it accepts: the tree it builds must equal the one
//! granit's events give, spans included. `yaml::tests` and the `yaml` fuzz
//! target compare the two. It exists because granit spends about 140
//! instructions per byte, half of a preset run.

use super::{MAX_DEPTH, Node, Value, scalar};
use crate::span::Span;
use granit_parser::ScalarStyle;
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Up to this many entries, a map finds a duplicate key by comparing keys.
const SHORT_MAP: usize = 16;

/// A map still open: its indentation, where it starts (its first key, or a
/// flow map's `{`), its entries so far, and a key whose value is not known
/// yet (`key:` at the end of a line: a nested map or an empty value).
struct Block<'a> {
    indent: usize,
    start: usize,
    entries: Vec<(Node<'a>, Node<'a>)>,
    keys: FxHashMap<&'a str, ()>,
    pending: Option<(Node<'a>, usize)>,
}

impl<'a> Block<'a> {
    fn new(indent: usize, start: usize) -> Block<'a> {
        Block {
            indent,
            start,
            entries: Vec::new(),
            keys: FxHashMap::default(),
            pending: None,
        }
    }

    /// Add an entry; `None` for a duplicate key (granit's reading reports it).
    fn push(&mut self, src: &'a str, key: Node<'a>, value: Node<'a>) -> Option<()> {
        // Keys read here are plain: their text is their span of `src`.
        let text = |span: Span| &src[span.start..span.end];
        let new = text(key.span);
        // Most maps are a few fields: compare those directly, and hash the
        // keys only of a map that grows long.
        if self.entries.len() < SHORT_MAP {
            if self.entries.iter().any(|(k, _)| text(k.span) == new) {
                return None;
            }
        } else {
            if self.keys.is_empty() {
                self.keys
                    .extend(self.entries.iter().map(|(k, _)| (text(k.span), ())));
            }
            if self.keys.insert(new, ()).is_some() {
                return None;
            }
        }
        self.entries.push((key, value));
        Some(())
    }

    /// The nested map `child` is the pending key's value.
    fn adopt(&mut self, src: &'a str, child: Node<'a>) -> Option<()> {
        let (key, _) = self.pending.take()?;
        self.push(src, key, child)
    }

    /// A `key:` with nothing under it is an empty value at the colon.
    fn settle_pending(&mut self, src: &'a str) -> Option<()> {
        if let Some((key, colon)) = self.pending.take() {
            let null = Node {
                value: Value::Null,
                span: Span::new(colon, colon),
            };
            self.push(src, key, null)?;
        }
        Some(())
    }

    fn close(self, end: usize) -> Node<'a> {
        Node {
            value: Value::Map(self.entries),
            span: Span::new(self.start, end),
        }
    }
}

/// Read `src` if it has the plain shape; `None` if it does not.
pub(crate) fn parse(src: &str) -> Option<Node<'_>> {
    if !printable(src) {
        return None;
    }
    let mut stack: Vec<Block<'_>> = Vec::new();
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        let at = line_start;
        line_start += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        let indent = line.len() - line.trim_start_matches(' ').len();
        let rest = &line[indent..];
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        let pos = at + indent;
        match stack.last_mut() {
            None if indent == 0 => stack.push(Block::new(0, pos)),
            None => return None,
            Some(top) if top.pending.is_some() && indent > top.indent => {
                if stack.len() >= MAX_DEPTH / 2 {
                    return None;
                }
                stack.push(Block::new(indent, pos));
            }
            Some(top) => {
                top.settle_pending(src)?;
                while stack.last()?.indent > indent {
                    let child = stack.pop()?.close(pos);
                    stack.last_mut()?.adopt(src, child)?;
                }
                if stack.last()?.indent != indent {
                    return None;
                }
            }
        }
        entry(src, pos, rest, stack.last_mut()?)?;
    }
    let mut open = stack.pop()?;
    open.settle_pending(src)?;
    while let Some(mut parent) = stack.pop() {
        parent.adopt(src, open.close(src.len()))?;
        open = parent;
    }
    Some(open.close(src.len()))
}

/// Only characters that need no thought: printable ASCII, newlines, and
/// non-ASCII text from U+00A0 up (no tabs, carriage returns, byte-order
/// marks or C1 controls, which YAML treats specially).
fn printable(src: &str) -> bool {
    let bytes = src.as_bytes();
    bytes.iter().enumerate().all(|(i, &b)| match b {
        b'\n' | b' '..=b'~' => true,
        0..=0x7f => false,
        // U+0080 to U+009F (C1 controls) are C2 80 to C2 9F.
        0xc2 => bytes.get(i + 1).is_some_and(|&n| n >= 0xa0),
        // U+FEFF, U+FFFE and U+FFFF are EF BB BF, EF BF BE and EF BF BF.
        0xef => !matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
        ),
        _ => true,
    })
}

/// One `key: value` line of a block map, starting at byte `pos` of `src`.
fn entry<'a>(src: &'a str, pos: usize, rest: &'a str, block: &mut Block<'a>) -> Option<()> {
    let (key, after) = key(src, pos, rest)?;
    // `key:` then a space or the end of the line.
    let after_colon = &rest[after + 1..];
    if !(after_colon.is_empty() || after_colon.starts_with(' ')) {
        return None;
    }
    let value_rest = after_colon.trim_start_matches(' ');
    let vpos = pos + rest.len() - value_rest.len();
    if value_rest.is_empty() || value_rest.starts_with('#') {
        block.pending = Some((key, pos + after));
        return Some(());
    }
    let (value, end) = match value_rest.as_bytes()[0] {
        b'{' => flow_map(src, vpos, value_rest)?,
        b'"' | b'\'' => quoted(vpos, value_rest)?,
        _ => {
            // A comment starts at ` #`; any other `#` is refused (by `plain`).
            let text = match value_rest.find('#') {
                Some(n) if value_rest[..n].ends_with(' ') => &value_rest[..n - 1],
                Some(_) => return None,
                None => value_rest,
            };
            let node = plain(vpos, text, false)?;
            (node, text.len())
        }
    };
    // Only spaces and a comment may follow a value.
    let tail = &value_rest[end..];
    let trimmed = tail.trim_start_matches(' ');
    if !(trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < tail.len())) {
        return None;
    }
    block.push(src, key, value)
}

/// A key of up to 1000 letters, digits, `_`, `-` and `.` (not starting
/// with `-` or `.`), followed by a colon: the key node and the colon's index.
fn key<'a>(src: &'a str, pos: usize, rest: &'a str) -> Option<(Node<'a>, usize)> {
    let len = rest
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')))
        .unwrap_or(rest.len());
    let first = *rest.as_bytes().first()?;
    // YAML caps a key written without `?` at 1024 characters.
    if len == 0
        || len > 1000
        || first == b'-'
        || first == b'.'
        || rest.as_bytes().get(len) != Some(&b':')
    {
        return None;
    }
    let text = &src[pos..pos + len];
    // A key YAML reads as null or a boolean is left to granit's reading,
    // which reports it.
    let value @ Value::Text(_) = scalar(Cow::Borrowed(text), ScalarStyle::Plain) else {
        return None;
    };
    let node = Node {
        value,
        span: Span::new(pos, pos + len),
    };
    Some((node, len))
}

/// A plain scalar at `pos`, trailing spaces dropped. Refuses a start YAML
/// reads as an indicator, and any `:` or `#` (a nested key or a comment
/// that granit would read differently). In a flow map, also `[]{}`.
fn plain(pos: usize, text: &str, in_flow: bool) -> Option<Node<'_>> {
    let text = text.trim_end_matches(' ');
    let first = *text.as_bytes().first()?;
    let refused = |b: &u8| match b {
        b':' | b'#' => true,
        b'[' | b']' | b'{' | b'}' => in_flow,
        _ => false,
    };
    if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) || text.as_bytes().iter().any(refused) {
        return None;
    }
    Some(Node {
        value: scalar(Cow::Borrowed(text), ScalarStyle::Plain),
        span: Span::new(pos, pos + text.len()),
    })
}

/// A quoted scalar that closes on its line, with no escape but `\"` and
/// `\\` in double quotes and no `''` in single quotes: the node (its span
/// takes in the quotes) and the length read.
fn quoted(pos: usize, rest: &str) -> Option<(Node<'_>, usize)> {
    let quote = rest.as_bytes()[0];
    let body = &rest[1..];
    let bytes = body.as_bytes();
    let mut escaped = false;
    let mut i = 0;
    loop {
        match *bytes.get(i)? {
            b if b == quote => break,
            b'\\' if quote == b'"' => {
                if !matches!(bytes.get(i + 1)?, b'"' | b'\\') {
                    return None;
                }
                escaped = true;
                i += 2;
            }
            _ => i += 1,
        }
    }
    if bytes.get(i + 1) == Some(&quote) {
        return None;
    }
    let text = &body[..i];
    let text = if escaped {
        // A backslash escapes the character after it (`"` or a backslash).
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            out.push(if c == '\\' { chars.next()? } else { c });
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(text)
    };
    let end = i + 2;
    let node = Node {
        value: Value::Text(text),
        span: Span::new(pos, pos + end),
    };
    Some((node, end))
}

/// A flow map closed on its line: `{ key: value, … }` with plain or quoted
/// values. The node and the length read.
fn flow_map<'a>(src: &'a str, pos: usize, rest: &'a str) -> Option<(Node<'a>, usize)> {
    let mut map = Block::new(0, pos);
    let mut i = 1;
    loop {
        i += spaces(&rest[i..]);
        let (key, after) = key(src, pos + i, &rest[i..])?;
        i += after + 1;
        if !rest[i..].starts_with(' ') {
            return None;
        }
        i += spaces(&rest[i..]);
        let (value, len) = match rest.as_bytes().get(i)? {
            b'"' | b'\'' => quoted(pos + i, &rest[i..])?,
            _ => {
                let len = rest[i..].find([',', '}'])?;
                (plain(pos + i, &rest[i..i + len], true)?, len)
            }
        };
        map.push(src, key, value)?;
        i += len;
        i += spaces(&rest[i..]);
        match rest.as_bytes().get(i)? {
            b'}' => break,
            b',' => {
                i += 1;
                i += spaces(&rest[i..]);
                if rest[i..].starts_with('}') {
                    return None;
                }
            }
            _ => return None,
        }
    }
    Some((map.close(pos + i + 1), i + 1))
}

fn spaces(s: &str) -> usize {
    s.len() - s.trim_start_matches(' ').len()
}
