//! A reference or price sheet as a listing: `bote refs`, `bote prices`
//! and the tables in docs/estimates.md.

use crate::sheets::{Entry, Kind, Sheet, builtin_sheet};
use crate::text;
use std::fmt::Write as _;

/// The whole sheet as a Markdown table, as docs/estimates.md carries it (a test
/// keeps the two the same).
pub(crate) fn markdown(kind: Kind) -> String {
    let sheet = builtin_sheet(kind);
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    if kind == Kind::References {
        out.push_str("| name | value | what | kind | source | date |\n|---|---|---|---|---|---|\n");
    } else {
        out.push_str("| name | value | what | source | date |\n|---|---|---|---|---|\n");
    }
    for e in &sheet.entries {
        let mut row = format!(
            "| `{}.{}` | {} | {} |",
            kind.prefix(),
            e.name,
            cell(&e.value),
            cell(e.what.as_deref().unwrap_or(""))
        );
        if kind == Kind::References {
            row.push_str(&format!(" {} |", e.kind.as_deref().unwrap_or("")));
        }
        row.push_str(&format!(
            " {} | {} |\n",
            cell(e.source.as_deref().unwrap_or("")),
            e.date.as_deref().unwrap_or("")
        ));
        out.push_str(&row);
    }
    out
}

/// `entries` of `sheet` as `bote refs` and `bote prices` print them: each
/// name, value and what it is on a line, its kind, source and date below.
/// Where those lines are wider than `width`, each entry is stacked instead:
/// name and value, then what it is and where it is from, wrapped between
/// words under them.
pub(crate) fn text(kind: Kind, sheet: &Sheet, entries: &[&Entry], width: Option<usize>) -> String {
    let name = |e: &Entry| format!("{}.{}", kind.prefix(), e.name);
    let said = |e: &Entry| {
        let said: Vec<&str> = [e.kind.as_deref(), e.source.as_deref(), e.date.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        format!("[{}]", said.join("; "))
    };
    let mut out = String::new();
    if let Some(date) = &sheet.date {
        let line = format!("{}, read {date}", sheet.title);
        for l in width.map_or_else(|| vec![line.clone().into()], |w| text::wrap(&line, w)) {
            let _ = writeln!(out, "{l}");
        }
    }
    let w = entries
        .iter()
        .map(|e| text::width(&name(e)))
        .max()
        .unwrap_or(0);
    let v = entries
        .iter()
        .map(|e| text::width(&e.value))
        .max()
        .unwrap_or(0);
    let widest = entries
        .iter()
        .map(|e| {
            let what = text::width(e.what.as_deref().unwrap_or(""));
            (w + 2 + v + 2 + what).max(w + 2 + text::width(&said(e)))
        })
        .max()
        .unwrap_or(0);
    if width.is_none_or(|limit| widest <= limit) {
        for e in entries {
            let pad = v.saturating_sub(text::width(&e.value));
            let _ = writeln!(
                out,
                "{:<w$}  {}{}  {}",
                name(e),
                e.value,
                " ".repeat(pad),
                e.what.as_deref().unwrap_or("")
            );
            let _ = writeln!(out, "{:<w$}  {}", "", said(e));
        }
        return out;
    }
    let limit = width.unwrap_or(80);
    for e in entries {
        let head = format!("{}  {}", name(e), e.value);
        let lines = [
            head,
            format!("    {}", e.what.as_deref().unwrap_or("")),
            format!("    {}", said(e)),
        ];
        for line in lines.iter().filter(|l| !l.trim().is_empty()) {
            for l in text::wrap_hanging(line, limit, 6) {
                let _ = writeln!(out, "{l}");
            }
        }
    }
    out
}
