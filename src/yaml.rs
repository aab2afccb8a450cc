//! YAML text to a small tree of nodes that remember where they came from.
//!
//! serde-saphyr does the parsing (and refuses duplicate keys, alias bombs and
//! runaway nesting); this module only keeps each node's byte offset so later
//! errors can point into the file. It knows nothing of estimates.

use crate::error::Span;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// The largest estimate file bote reads, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar as text (numbers too: their text is taken from the file).
    Text(String),
    Bool,
    Null,
    Map(Vec<(Node, Node)>),
    Seq,
}

/// A YAML node and the byte span of its text in the file.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

impl Node {
    /// How this node's kind reads in an error message.
    pub fn kind_name(&self) -> &'static str {
        match self.value {
            Value::Text(_) => "text",
            Value::Bool => "a yes/no (boolean) value",
            Value::Null => "an empty value",
            Value::Map(_) => "a map",
            Value::Seq => "a list",
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.value {
            Value::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// A YAML error: message and where.
#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub message: String,
    pub span: Span,
}

/// Parse `src` into a node tree.
pub fn parse(src: &str) -> Result<Node, YamlError> {
    // Estimate files are flat and hand-written: anchors and aliases are rare,
    // so a few thousand replayed events is plenty and an alias bomb stops early.
    let mut options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: 4_000_000,
            max_events: 8_000_000,
            max_depth: 32,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_recorded_anchor_events: 10_000,
            max_recorded_anchor_bytes: 1 << 20,
        },
    };
    options.alias_limits.max_total_replayed_events = 10_000;
    let raw: Result<Spanned<RawNode>, _> = serde_saphyr::from_str_with_options(src, options);
    match raw {
        Ok(node) => Ok(convert(node, src)),
        Err(e) => {
            let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            let text = e.without_snippet().to_string();
            // serde-saphyr ends its message with " at line L, column C"; the
            // position is shown by the snippet instead.
            let text = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(m, _)| m);
            let message = if text.contains("budget breached") || text.contains("alias replay") {
                format!(
                    "the YAML expands past bote's limits (too many anchors, aliases or nodes): {text}"
                )
            } else {
                match text.strip_prefix("duplicate mapping key: ") {
                    Some(rest) => {
                        let key = rest.split_once(", set ").map_or(rest, |(k, _)| k);
                        format!("duplicate key `{key}`: a key may appear only once in a map")
                    }
                    None => text.to_string(),
                }
            };
            let offset = offset_of(src, line, col);
            Err(YamlError {
                message,
                span: Span::new(offset, offset),
            })
        }
    }
}

/// Byte offset of a 1-based line and column.
fn offset_of(src: &str, line: u64, col: u64) -> usize {
    let mut offset = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i as u64 + 1 == line {
            let col = usize::try_from(col.saturating_sub(1)).unwrap_or(0);
            return offset + l.char_indices().nth(col).map_or(l.len(), |(b, _)| b);
        }
        offset += l.len();
    }
    src.len()
}

fn convert(node: Spanned<RawNode>, src: &str) -> Node {
    let span = node.referenced.span();
    let start = usize::try_from(span.byte_offset().unwrap_or(0))
        .unwrap_or(0)
        .min(src.len());
    let len = usize::try_from(span.byte_len().unwrap_or(0)).unwrap_or(0);
    let span = Span::new(start, (start + len).min(src.len()));
    let value = match node.value {
        RawNode::Text(t) => Value::Text(t),
        // Numbers keep the text written in the file, not serde's reading of it.
        RawNode::Number(fallback) => Value::Text(
            src.get(span.start..span.end)
                .filter(|s| !s.is_empty())
                .map_or(fallback, str::to_string),
        ),
        RawNode::Bool => Value::Bool,
        RawNode::Null => Value::Null,
        RawNode::Seq => Value::Seq,
        RawNode::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(k, src), convert(v, src)))
                .collect(),
        ),
    };
    Node { value, span }
}

enum RawNode {
    Text(String),
    Number(String),
    Bool,
    Null,
    Seq,
    Map(Vec<(Spanned<RawNode>, Spanned<RawNode>)>),
}

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawNode, E> {
        Ok(RawNode::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<RawNode, E> {
        Ok(RawNode::Text(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<RawNode, E> {
        Ok(RawNode::Number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawNode, E> {
        Ok(RawNode::Number(format!("{v:e}")))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<RawNode, E> {
        Ok(RawNode::Bool)
    }

    fn visit_unit<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<RawNode, E> {
        Ok(RawNode::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawNode, D::Error> {
        d.deserialize_any(RawVisitor)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawNode, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(RawNode::Seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<RawNode>>()? {
            entries.push((key, map.next_value()?));
        }
        Ok(RawNode::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_offsets() {
        let src = "a: 100M / month\nb: 10\nc: no\nd:\n";
        let Value::Map(entries) = parse(src).unwrap().value else {
            panic!()
        };
        let texts: Vec<_> = entries
            .iter()
            .map(|(k, v)| (k.text().unwrap(), v.value.clone(), v.span.start))
            .collect();
        assert_eq!(texts[0], ("a", Value::Text("100M / month".into()), 3));
        assert_eq!(texts[1], ("b", Value::Text("10".into()), 19));
        assert_eq!(texts[2].1, Value::Bool);
        assert_eq!(texts[3].1, Value::Null);
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = parse("a: 1\na: 2\n").unwrap_err();
        assert!(err.message.contains("duplicate"), "{}", err.message);
        assert_eq!(err.span.start, 5);
    }
}
