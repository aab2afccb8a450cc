//! YAML text to a small tree of nodes that remember where they came from.
//!
//! Reads the event stream of granit-parser (a maintained YAML 1.2 parser)
//! and keeps what an estimate file needs: maps, scalars as written, and the
//! byte span of each. Refuses what an estimate file never needs and an
//! attacker would use: anchors and aliases (so no alias bombs), tags,
//! several documents, deep nesting. Knows nothing of estimates.

use crate::span::Span;
use granit_parser::{Event, Parser, ScalarStyle};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// The largest estimate file bote reads, in bytes.
pub(crate) const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The most values (scalars, maps and lists) a file may hold: a 100,000-
/// quantity estimate written in `{ expr, unit, note }` maps holds about
/// 800,000. Counted as they are read, so a 16 MiB file of a million tiny
/// keys is refused before its tree takes hundreds of megabytes.
pub(crate) const MAX_NODES: usize = 1_000_000;

/// The deepest nesting of maps and lists.
pub(crate) const MAX_DEPTH: usize = 32;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    /// A scalar as text, borrowed from the file unless escapes changed it.
    /// Numbers keep the text written in the file (`010` stays `010`);
    /// quoted scalars hold their unescaped text.
    Text(Cow<'a, str>),
    /// An unquoted `true`, `false`, `yes`, `no`, `on` or `off` (any case):
    /// YAML readers disagree on these, so bote treats them as booleans and
    /// never as expressions.
    Bool,
    /// An empty value, `~` or `null`.
    Null,
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// A list, such as `counts: [user, request]`.
    Seq(Vec<Node<'a>>),
}

/// A YAML node and the byte span of its text in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'a> {
    pub(crate) value: Value<'a>,
    pub(crate) span: Span,
}

impl Node<'_> {
    /// How this node's kind reads in an error message.
    pub(crate) fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Text(_) => "text",
            Value::Bool => "a yes/no (boolean) value",
            Value::Null => "an empty value",
            Value::Map(_) => "a map",
            Value::Seq(_) => "a list",
        }
    }

    pub(crate) fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A YAML error: message and where.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub(crate) message: String,
    pub(crate) span: Span,
    /// What bote expected there, when the parser's message alone is terse.
    pub(crate) note: Option<String>,
    /// Where the same key was first written, for a duplicate.
    pub(crate) first: Option<Span>,
}

fn error(message: impl Into<String>, span: Span) -> YamlError {
    YamlError {
        message: message.into(),
        span,
        note: None,
        first: None,
    }
}

/// What an estimate file should have had where granit-parser stopped: its
/// messages are YAML's own ("mapping values are not allowed in this
/// context"), which do not say what to write instead.
fn scan_note(message: &str, src: &str, at: usize) -> Option<String> {
    let line_start = src[..at.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let line = &src[line_start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let key_len = line.trim_start().find(':').unwrap_or(0);
    if message.contains("mapping values are not allowed") && key_len > 1024 {
        return Some(format!(
            "this key is {key_len} characters long; YAML allows a plain key of at most 1,024"
        ));
    }
    if message.contains("mapping values are not allowed")
        || message.contains("did not find expected key")
    {
        return Some(
            "bote expected `key: value` lines, each key of one map indented as far as the \
             ones above it (two spaces under `assumptions:` or a section)"
                .into(),
        );
    }
    None
}

/// A collection being built: its span and what it holds so far.
enum Open<'a> {
    /// `seen` maps each key's text to its byte offset, to find duplicates.
    Map {
        span: Span,
        entries: Vec<(Node<'a>, Node<'a>)>,
        key: Option<Node<'a>>,
        seen: FxHashMap<String, usize>,
    },
    Seq {
        span: Span,
        items: Vec<Node<'a>>,
    },
}

/// Parse `src` into a node tree. An empty document is a `Null` node.
pub(crate) fn parse(src: &str) -> Result<Node<'_>, YamlError> {
    parse_events(src)
}

/// Parse `src` with granit-parser's event stream, whatever its shape.
pub fn parse_events(src: &str) -> Result<Node<'_>, YamlError> {
    let mut stack: Vec<Open<'_>> = Vec::new();
    let mut root: Option<Node<'_>> = None;
    let mut documents = 0;
    let mut nodes = 0usize;
    for event in Parser::new_from_str(src) {
        let (event, span) = event.map_err(|e| {
            let at = e.marker().byte_offset().unwrap_or(src.len());
            let mut err = error(e.info(), Span::new(at, at));
            err.note = scan_note(&e.info(), src, at);
            err
        })?;
        let tag_at = span.tag_start.and_then(|m| m.byte_offset());
        let span = Span::new(
            span.start.byte_offset().unwrap_or(0),
            span.end
                .byte_offset()
                .unwrap_or(src.len())
                .max(span.start.byte_offset().unwrap_or(0)),
        );
        if matches!(
            event,
            Event::Scalar(..) | Event::MappingStart(..) | Event::SequenceStart(..)
        ) {
            nodes += 1;
            if nodes > MAX_NODES {
                return Err(error(
                    format!(
                        "the file holds more than {} values (keys, figures, maps and lists); bote reads at most that many",
                        crate::quantity::grouped(MAX_NODES)
                    ),
                    span,
                ));
            }
        }
        let node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => continue,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(error(
                        "an estimate file holds one YAML document; remove the second `---`",
                        span,
                    ));
                }
                continue;
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) | Event::Anchor(..) => {
                return Err(error(
                    "anchors and aliases (`&name`, `*name`) are not supported in estimate files",
                    span,
                ));
            }
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(_, anchor, _)
            | Event::MappingStart(_, anchor, _)
                if anchor != 0 =>
            {
                return Err(error(
                    "anchors and aliases (`&name`, `*name`) are not supported in estimate files",
                    span,
                ));
            }
            Event::Scalar(_, _, _, Some(_))
            | Event::SequenceStart(_, _, Some(_))
            | Event::MappingStart(_, _, Some(_)) => {
                let at = tag_at.unwrap_or(span.start);
                return Err(error(
                    "YAML tags (`!!str`, `!name`) are not supported in estimate files",
                    Span::new(at, at),
                ));
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error(
                        format!("the YAML nests deeper than {MAX_DEPTH} levels"),
                        span,
                    ));
                }
                stack.push(match event {
                    Event::MappingStart(..) => Open::Map {
                        span,
                        entries: Vec::new(),
                        key: None,
                        seen: FxHashMap::default(),
                    },
                    _ => Open::Seq {
                        span,
                        items: Vec::new(),
                    },
                });
                continue;
            }
            Event::MappingEnd | Event::SequenceEnd => match stack.pop() {
                Some(Open::Map {
                    span: start,
                    entries,
                    ..
                }) => Node {
                    value: Value::Map(entries),
                    span: Span::new(start.start, span.end.max(start.start)),
                },
                Some(Open::Seq { span: start, items }) => Node {
                    value: Value::Seq(items),
                    span: Span::new(start.start, span.end.max(start.start)),
                },
                None => continue,
            },
            Event::Scalar(text, style, _, None) => Node {
                value: scalar(text, style),
                span,
            },
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map {
                entries, key, seen, ..
            }) => match key.take() {
                None => *key = Some(node),
                // A key is checked for a duplicate once its value is read:
                // the rest of a value a comma cut in `{ … }` (`{ value:
                // 1,000,000 }` reads keys `000` and `000`) is no key of its
                // own, and the estimate's loader joins it back.
                Some(k) => {
                    // `{ value: 12,500 QPS, note: one replica, two zones }`:
                    // what a comma cut off a plain value is joined back on,
                    // as the text it was (a key needs its colon).
                    if cut_by_comma(src, &k, &node)
                        && let Some((_, before)) = entries.last_mut()
                        && plain_text(src, before)
                        && plain_text(src, &k)
                    {
                        let span = Span::new(before.span.start, k.span.end);
                        before.value = Value::Text(Cow::Borrowed(&src[span.start..span.end]));
                        before.span = span;
                        continue;
                    }
                    if !cut_by_comma(src, &k, &node) {
                        let name = k.text().unwrap_or("");
                        if let Some(&first) = seen.get(name) {
                            let mut err = error(
                                format!(
                                    "duplicate key `{name}`: a key may appear only once in a map"
                                ),
                                k.span,
                            );
                            err.first = Some(Span::new(first, first + name.len()));
                            return Err(err);
                        }
                        seen.insert(name.to_string(), k.span.start);
                    }
                    entries.push((k, node));
                }
            },
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        span: Span::new(0, 0),
    }))
}

/// Whether `node` is text written plain, without quotes.
fn plain_text(src: &str, node: &Node) -> bool {
    matches!(node.value, Value::Text(_))
        && !src
            .get(node.span.start..)
            .is_some_and(|t| t.starts_with(['"', '\'']))
}

/// Whether `key: value` is the rest of a value that a comma ended in a flow
/// map: `{ note: one, two }` reads `two` as a key with no value and no
/// colon after it.
pub(crate) fn cut_by_comma(src: &str, key: &Node, value: &Node) -> bool {
    let after = src.get(key.span.end..).unwrap_or("").trim_start();
    value.value == Value::Null && (after.starts_with(',') || after.starts_with('}'))
}

fn scalar(text: Cow<'_, str>, style: ScalarStyle) -> Value<'_> {
    if style != ScalarStyle::Plain {
        return Value::Text(text);
    }
    match &*text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        t if ["true", "false", "yes", "no", "on", "off"]
            .iter()
            .any(|b| t.eq_ignore_ascii_case(b)) =>
        {
            Value::Bool
        }
        _ => Value::Text(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_offsets() {
        let src = "a: 100M / month\nb: 010\nc: no\nd:\ne: 'x: y'\n";
        let Value::Map(entries) = parse(src).unwrap().value else {
            panic!()
        };
        let got: Vec<_> = entries
            .iter()
            .map(|(k, v)| (k.text().unwrap(), v.value.clone(), v.span.start))
            .collect();
        assert_eq!(got[0], ("a", Value::Text("100M / month".into()), 3));
        assert_eq!(got[1], ("b", Value::Text("010".into()), 19));
        assert_eq!(got[2].1, Value::Bool);
        assert_eq!(got[3].1, Value::Null);
        assert_eq!(got[4], ("e", Value::Text("x: y".into()), 35));
    }

    #[test]
    fn refuses_what_estimates_never_need() {
        let cases = [
            ("a: 1\na: 2\n", "duplicate key `a`", 5),
            ("a: &x 1\nb: *x\n", "anchors and aliases", 6),
            ("a: !!str 1\n", "YAML tags", 3),
            ("a: 1\n---\nb: 2\n", "one YAML document", 5),
            ("a: [1\n", "unclosed", 3),
        ];
        for (src, message, at) in cases {
            let err = parse(src).unwrap_err();
            assert!(err.message.contains(message), "{src}: {}", err.message);
            assert_eq!(err.span.start, at, "{src}: {}", err.message);
        }
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        assert!(parse(&deep).unwrap_err().message.contains("deeper than 32"));
    }
}
