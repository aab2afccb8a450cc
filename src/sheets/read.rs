//! Reading a sheet from YAML: its keys, and each entry's fields. What an
//! entry's value means is the language's business, not this file's.

use super::{Entry, Sheet, days_from};
use crate::diagnostic::Diagnostic;
use crate::format::{self, KINDS, Place};
use crate::yaml::{self, Node, Value};

/// Read a sheet from YAML text: `title`, optional `cloud`, `region` and
/// `date`, and `entries`, a map of name to `{ value, source, date, ... }`.
pub(crate) fn read(origin: &str, text: &str, label: &str) -> Result<Sheet, Box<Diagnostic>> {
    let err = |span, message: String| Box::new(Diagnostic::new(message, origin, text, span));
    let root = yaml::parse(text).map_err(|e| err(e.span, e.message))?;
    let Value::Map(top) = &root.value else {
        return Err(err(
            root.span,
            "a sheet must be a map with `title` and `entries`".into(),
        ));
    };
    let mut sheet = Sheet::default();
    for (k, v) in top {
        let key = k.text().unwrap_or("");
        match key {
            "title" => sheet.title = scalar(v, origin, text)?,
            "cloud" => {}
            "region" => sheet.region = Some(scalar(v, origin, text)?),
            "date" => sheet.date = Some(date(v, origin, text)?),
            "entries" => {
                sheet.entries = entries(v, origin, text, label)?;
                // A sheet of nothing is a mistake (a file cut short, the
                // entries indented under the wrong key), not a sheet.
                if sheet.entries.is_empty() {
                    let d = Diagnostic::new("`entries` is empty", origin, text, v.span);
                    return Err(Box::new(d.with_note(
                        "a sheet gives at least one entry: `NAME: { value: ..., source: ..., date: YYYY-MM-DD }`",
                    )));
                }
            }
            other => {
                let d = Diagnostic::unknown_key(
                    origin,
                    text,
                    k.span,
                    other,
                    &format::names(Place::Sheet),
                    "a sheet",
                );
                return Err(Box::new(d));
            }
        }
    }
    // The keys a sheet must have, as `format.rs` declares them.
    let missing = format::KEYS
        .iter()
        .filter(|k| k.place == Place::Sheet && k.required)
        .find(|k| !top.iter().any(|(key, _)| key.text() == Some(k.name)));
    if let Some(key) = missing {
        let end = text.trim_end().len();
        let d = Diagnostic::new(
            format!("the sheet has no `{}`", key.name),
            origin,
            text,
            crate::span::Span::new(end, end),
        );
        return Err(Box::new(d.with_note(
            "a sheet is `title: ...` and `entries:`, each entry `NAME: { value: ..., source: ..., date: YYYY-MM-DD }`",
        )));
    }
    Ok(sheet)
}

/// The entries of a map of `name: { value, ... }` (or `name: VALUE`).
pub(crate) fn entries(
    node: &Node,
    origin: &str,
    text: &str,
    label: &str,
) -> Result<Vec<Entry>, Box<Diagnostic>> {
    let err = |span, message: String| Box::new(Diagnostic::new(message, origin, text, span));
    let Value::Map(map) = &node.value else {
        return Err(err(
            node.span,
            "`entries` must be a map of `name: { value: ..., source: ..., date: ... }`".into(),
        ));
    };
    let mut out = Vec::with_capacity(map.len());
    for (k, v) in map {
        let name = k.text().unwrap_or("").to_string();
        if let Some(problem) = crate::text::name_problem(&name) {
            return Err(err(k.span, problem));
        }
        let mut entry = Entry {
            name,
            value: String::new(),
            what: None,
            source: None,
            date: None,
            kind: None,
            conditions: None,
            over: None,
            up_to: None,
            origin: label.to_string(),
        };
        match &v.value {
            Value::Map(fields) => {
                for (fk, fv) in fields {
                    let field = fk.text().unwrap_or("");
                    let value = scalar(fv, origin, text)?;
                    match field {
                        "value" => entry.value = value,
                        "what" => entry.what = Some(value),
                        "source" => entry.source = Some(value),
                        "date" => entry.date = Some(date(fv, origin, text)?),
                        "kind" => {
                            let kind = value;
                            if !KINDS.contains(&kind.as_str()) {
                                return Err(err(
                                    fv.span,
                                    format!("`kind` is one of {}, not `{kind}`", KINDS.join(", ")),
                                ));
                            }
                            entry.kind = Some(kind);
                        }
                        "conditions" => entry.conditions = Some(value),
                        "over" => entry.over = Some(value),
                        "up_to" => entry.up_to = Some(value),
                        other => {
                            let place = format!("entry `{}`", entry.name);
                            let d = Diagnostic::unknown_key(
                                origin,
                                text,
                                fk.span,
                                other,
                                &format::names(Place::Entry),
                                &place,
                            );
                            return Err(Box::new(d));
                        }
                    }
                }
            }
            _ => entry.value = scalar(v, origin, text)?,
        }
        if entry.value.is_empty() {
            return Err(err(
                k.span,
                format!("entry `{}` has no `value`", entry.name),
            ));
        }
        out.push(entry);
    }
    Ok(out)
}

fn scalar(node: &Node, origin: &str, text: &str) -> Result<String, Box<Diagnostic>> {
    match &node.value {
        Value::Text(t) => Ok(t.to_string()),
        _ => Err(Box::new(Diagnostic::new(
            format!("expected text here, but this is {}", node.kind_name()),
            origin,
            text,
            node.span,
        ))),
    }
}

/// A date as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
fn date(node: &Node, origin: &str, text: &str) -> Result<String, Box<Diagnostic>> {
    let d = scalar(node, origin, text)?;
    if days_from(&d).is_none() {
        return Err(Box::new(Diagnostic::new(
            format!("`{d}` is not a date: write YYYY-MM-DD (or YYYY-MM, or YYYY)"),
            origin,
            text,
            node.span,
        )));
    }
    Ok(d)
}
