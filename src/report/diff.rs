//! `bote diff`'s report: what moved between two runs, biggest change
//! first, as text, Markdown or JSON (its shape is in docs/json.md).

use super::*;
use crate::estimate::{Change, Diff};
use crate::text;

/// `×3.16`, or why there is no ratio: `unit changed` (the same name now
/// holds another kind of figure), `from 0`, `to 0`, `sign changed`.
fn ratio_text(c: &Change) -> String {
    match c.ratio {
        Some(r) => format!("×{}", crate::estimate::capacity::plain(r, 3)),
        None => no_ratio(c).into(),
    }
}

/// Why a change has no ratio, in a few words.
fn no_ratio(c: &Change) -> &'static str {
    if c.unit_changed {
        "unit changed"
    } else if c.old_si == 0.0 {
        "from 0"
    } else if c.new_si == 0.0 {
        "to 0"
    } else if c.old_si.is_finite() && c.new_si.is_finite() {
        "sign changed"
    } else {
        "no ratio"
    }
}

fn figure((text, range): &(String, Option<String>)) -> String {
    match range {
        Some(r) => format!("{text} ({r})"),
        None => text.clone(),
    }
}

/// What a change moved besides its figure: a verdict, a published figure.
fn flags(c: &Change) -> String {
    let mut out = Vec::new();
    if c.verdict {
        out.push("verdict changed");
    }
    match c.published {
        Some(true) => out.push("published figure now met"),
        Some(false) => out.push("published figure no longer met"),
        None => {}
    }
    out.join(", ")
}

/// The diff as text (`Format::Table` and `Format::Csv`), or Markdown, or JSON.
pub(crate) fn render(
    d: &Diff,
    old: &str,
    new: &str,
    format: Format,
    width: Option<usize>,
) -> String {
    match format {
        Format::Json => json(d, old, new),
        Format::Markdown => markdown(d, old, new),
        _ => plain(d, old, new, width),
    }
}

fn plain(d: &Diff, old: &str, new: &str, width: Option<usize>) -> String {
    let mut out = String::new();
    let w = width.unwrap_or(usize::MAX);
    let mut say = |line: &str, indent: usize| {
        for l in text::wrap_hanging(line, w, indent) {
            out.push_str(&l);
            out.push('\n');
        }
    };
    if !d.differs() {
        say(&format!("{old} and {new}: no figure moved"), 0);
        return out;
    }
    say(
        &format!("{old} → {new}: what moved, biggest change first"),
        0,
    );
    for c in &d.changes {
        let mut line = format!(
            "  {}.{}: {} → {}  {}",
            c.section,
            c.name,
            figure(&c.old),
            figure(&c.new),
            ratio_text(c)
        );
        let f = flags(c);
        if !f.is_empty() {
            let _ = write!(line, "  ({f})");
        }
        say(&line, 6);
    }
    for (what, list) in [("Added", &d.added), ("Removed", &d.removed)] {
        if !list.is_empty() {
            say(
                &format!(
                    "{what} (only in {}):",
                    if what == "Added" { new } else { old }
                ),
                0,
            );
            for (s, n, t) in list {
                say(&format!("  {s}.{n}: {t}"), 6);
            }
        }
    }
    out
}

fn markdown(d: &Diff, old: &str, new: &str) -> String {
    let md = super::markdown::md;
    let mut out = format!("## {} → {}\n\n", md(old), md(new));
    if !d.differs() {
        out.push_str("No figure moved.\n");
        return out;
    }
    out.push_str("| quantity | old | new | ratio | note |\n|---|--:|--:|--:|---|\n");
    for c in &d.changes {
        let _ = writeln!(
            out,
            "| {}.{} | {} | {} | {} | {} |",
            md(&c.section),
            md(&c.name),
            md(&figure(&c.old)),
            md(&figure(&c.new)),
            ratio_text(c),
            flags(c)
        );
    }
    for (what, list) in [("Added", &d.added), ("Removed", &d.removed)] {
        if !list.is_empty() {
            let _ = write!(out, "\n{what}:\n\n");
            for (s, n, t) in list {
                let _ = writeln!(out, "- **{}.{}**: {}", md(s), md(n), md(t));
            }
        }
    }
    out
}

#[derive(serde::Serialize)]
struct JsonFigure<'a> {
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<&'a str>,
    si_value: f64,
}

#[derive(serde::Serialize)]
struct JsonChange<'a> {
    section: &'a str,
    name: &'a str,
    old: JsonFigure<'a>,
    new: JsonFigure<'a>,
    ratio: Option<f64>,
    /// Why `ratio` is null: `unit changed`, `from 0`, `to 0`, `sign changed`.
    #[serde(skip_serializing_if = "Option::is_none")]
    no_ratio: Option<&'static str>,
    verdict: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    published_met: Option<bool>,
}

#[derive(serde::Serialize)]
struct JsonOnly<'a> {
    section: &'a str,
    name: &'a str,
    text: &'a str,
}

#[derive(serde::Serialize)]
struct JsonDiff<'a> {
    old: &'a str,
    new: &'a str,
    differ: bool,
    changed: Vec<JsonChange<'a>>,
    added: Vec<JsonOnly<'a>>,
    removed: Vec<JsonOnly<'a>>,
}

fn json(d: &Diff, old: &str, new: &str) -> String {
    fn fig(f: &(String, Option<String>), si: f64) -> JsonFigure<'_> {
        JsonFigure {
            text: &f.0,
            range: f.1.as_deref(),
            si_value: machine_value(si),
        }
    }
    fn only(l: &[(String, String, String)]) -> Vec<JsonOnly<'_>> {
        l.iter()
            .map(|(s, n, t)| JsonOnly {
                section: s,
                name: n,
                text: t,
            })
            .collect()
    }
    let value = JsonDiff {
        old,
        new,
        differ: d.differs(),
        changed: d
            .changes
            .iter()
            .map(|c| JsonChange {
                section: &c.section,
                name: &c.name,
                old: fig(&c.old, c.old_si),
                new: fig(&c.new, c.new_si),
                ratio: c.ratio.map(machine_value),
                no_ratio: c.ratio.is_none().then(|| no_ratio(c)),
                verdict: c.verdict,
                published_met: c.published,
            })
            .collect(),
        added: only(&d.added),
        removed: only(&d.removed),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
