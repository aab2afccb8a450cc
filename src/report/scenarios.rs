//! Scenarios side by side: one column per run, `base` first, each changed
//! figure with its ratio to base (`×1.96`), and a mark (`!`) where a
//! figure changes a verdict (a box count, or a published figure no longer
//! met). Text in, text out, as every report.

use super::*;
use crate::estimate::Run;
use crate::text;

/// One figure of one run.
pub(crate) struct Cell {
    /// As a single report shows it.
    pub(crate) text: String,
    /// An uncertain figure's 90% range.
    pub(crate) range: Option<String>,
    /// Its ratio to base, when it differs from base: `×1.96`.
    pub(crate) ratio: Option<String>,
    /// It changes a verdict.
    pub(crate) marked: bool,
    pub(crate) si_value: f64,
    /// Its kind, when the run has the figure.
    pub(crate) dim: Option<Dimension>,
}

/// One line of the side-by-side report: a figure in every run.
pub(crate) struct Line {
    pub(crate) name: String,
    pub(crate) cells: Vec<Cell>,
}

/// A block of lines under a heading: the summary, the assumptions a
/// scenario replaces, or a section.
pub(crate) struct Block {
    /// `summary`, `assumptions` or the section's name.
    pub(crate) key: String,
    pub(crate) lines: Vec<Line>,
}

/// `new / base` in a few figures, or nothing when they are the same.
fn ratio(base: &Cell, new: &Cell) -> Option<String> {
    if base.text == new.text && base.range == new.range {
        return None;
    }
    // Where there is no ratio, why: as `bote diff` says it.
    let (b, n) = (base.si_value, new.si_value);
    let why = if base.dim.is_some() && new.dim.is_some() && base.dim != new.dim {
        "unit changed"
    } else if !b.is_finite() || !n.is_finite() {
        "no ratio"
    } else if b == 0.0 {
        "from 0"
    } else if n == 0.0 {
        "to 0"
    } else if n / b < 0.0 {
        "sign changed"
    } else {
        return Some(format!("×{}", crate::estimate::capacity::plain(n / b, 3)));
    };
    Some(why.into())
}

fn cell(row: &Row) -> Cell {
    Cell {
        text: row.shown.text.clone(),
        range: row.range.as_ref().map(|r| r.text.clone()),
        ratio: None,
        marked: false,
        si_value: row.quantity.si_value(),
        dim: Some(row.quantity.dim()),
    }
}

/// The runs' figures, in blocks: the summary, the assumptions any
/// scenario changes, then each section (a cost section ending with its
/// total).
pub(crate) fn blocks(runs: &[Run]) -> Vec<Block> {
    let base = &runs[0].ev;
    let est = &base.estimate;
    let mut out = Vec::new();
    // The summary: the base's headlines, found in each run.
    let summaries: Vec<summary::Summary<'_>> =
        runs.iter().map(|r| summary::summary(&r.ev)).collect();
    let mut lines = Vec::new();
    for h in &summaries[0].headlines {
        let cells = runs
            .iter()
            .zip(&summaries)
            .map(|(run, s)| {
                let found = s
                    .headlines
                    .iter()
                    .find(|x| x.section == h.section && x.name == h.name);
                let q = if h.name == "cost total" {
                    (0..run.ev.estimate.sections.len())
                        .find_map(|s| run.ev.cost_total(s))
                        .map(|t| t.quantity)
                } else {
                    run.ev
                        .rows
                        .iter()
                        .find(|r| run.ev.estimate.items[r.item].name == h.name)
                        .map(|r| r.quantity)
                };
                Cell {
                    text: found.map_or(String::new(), |x| x.text.clone()),
                    range: found.and_then(|x| x.range.as_deref().map(str::to_string)),
                    ratio: None,
                    marked: false,
                    si_value: q.map_or(f64::NAN, |q| q.si_value()),
                    dim: q.map(|q| q.dim()),
                }
            })
            .collect();
        lines.push(Line {
            name: h.name.to_string(),
            cells,
        });
    }
    out.push(Block {
        key: "summary".into(),
        lines,
    });
    let line = |i: usize| Line {
        name: est.items[i].name.clone(),
        cells: runs.iter().map(|r| cell(&r.ev.rows[i])).collect(),
    };
    // Only the assumptions some run replaces: the rest are base's in
    // every column.
    let assumptions: Vec<Line> = (0..est.items.len())
        .filter(|&i| est.items[i].place == Place::Assumption)
        .filter(|&i| runs.iter().any(|r| r.ev.estimate.items[i].overridden))
        .map(line)
        .collect();
    if !assumptions.is_empty() {
        out.push(Block {
            key: "assumptions".into(),
            lines: assumptions,
        });
    }
    for (s, section) in est.sections.iter().enumerate() {
        let mut lines: Vec<Line> = (0..est.items.len())
            .filter(|&i| est.items[i].place == Place::Section(s))
            .map(line)
            .collect();
        if base.cost_total(s).is_some() {
            lines.push(Line {
                name: "total".into(),
                cells: runs
                    .iter()
                    .map(|r| {
                        let t = r.ev.cost_total(s);
                        Cell {
                            text: t.as_ref().map_or(String::new(), |t| t.shown.text.clone()),
                            range: t
                                .as_ref()
                                .and_then(|t| t.range.as_ref().map(|r| r.text.clone())),
                            ratio: None,
                            marked: false,
                            si_value: t.as_ref().map_or(f64::NAN, |t| t.quantity.si_value()),
                            dim: t.map(|t| t.quantity.dim()),
                        }
                    })
                    .collect(),
            });
        }
        out.push(Block {
            key: section.clone(),
            lines,
        });
    }
    // Ratios to base, and marks where a verdict changes: a box count, a
    // published figure met in base and missed here, or a price used
    // beyond its tier here and not in base.
    let tiers: Vec<Vec<String>> = runs.iter().map(|r| r.ev.beyond_tiers()).collect();
    let warned = |k: usize, name: &str| {
        let quoted = format!("`{name}`");
        tiers[k].iter().any(|w| w.starts_with(&quoted))
    };
    for block in &mut out {
        for line in &mut block.lines {
            let item = est.items.iter().position(|i| i.name == line.name);
            let (first, rest) = line.cells.split_at_mut(1);
            for (k, c) in rest.iter_mut().enumerate() {
                c.ratio = ratio(&first[0], c);
                let tier = warned(k + 1, &line.name) && !warned(0, &line.name);
                let Some(i) = item else {
                    c.marked = tier;
                    continue;
                };
                let (b, n) = (&base.rows[i], &runs[k + 1].ev.rows[i]);
                let verdict = b.verdict.is_some() && c.ratio.is_some();
                let missed = b.expect.as_ref().is_some_and(|x| x.ok)
                    && n.expect.as_ref().is_some_and(|x| !x.ok);
                c.marked = verdict || missed || tier;
            }
        }
    }
    out
}

/// A block's heading as a report prints it.
fn block_heading(key: &str) -> String {
    match key {
        "summary" => "Summary".into(),
        "assumptions" => "Assumptions replaced".into(),
        s => heading(s),
    }
}

/// A cell's lines: its figure with its ratio and mark, then its range.
fn cell_lines(c: &Cell) -> Vec<String> {
    cell_lines_in(c, None)
}

/// The unit every run's figure on `line` ends with (`redirects/s`), which
/// a narrow table says once, under the name, rather than in every cell.
/// Never a magnitude (`$5.75 million/month`): a range's ends need not share
/// the figure's (`$950,000 to $1.2 million/month`), so each cell says its own.
fn common_unit(line: &Line) -> Option<&str> {
    let magnitude = ["thousand", "million", "billion", "trillion"];
    let mut units = line.cells.iter().map(|c| {
        c.text
            .rsplit_once(' ')
            .filter(|(n, _)| n.chars().any(|ch| ch.is_ascii_digit()))
            .map(|(_, u)| u)
            .filter(|u| !magnitude.iter().any(|m| u.starts_with(m)))
    });
    let first = units.next()??;
    units.all(|u| u == Some(first)).then_some(first)
}

/// [`cell_lines`], without `unit` after the figure when given.
fn cell_lines_in(c: &Cell, unit: Option<&str>) -> Vec<String> {
    let mut first = match unit.and_then(|u| c.text.strip_suffix(u)) {
        Some(figure) => figure.trim_end().to_string(),
        None => c.text.clone(),
    };
    if let Some(r) = &c.ratio {
        first.push(' ');
        first.push_str(r);
    }
    if c.marked {
        first.push_str(" !");
    }
    let mut out = vec![first];
    if let Some(r) = &c.range {
        // The range as a single report says it; only a unit said once under
        // the name is left out, as from the figure (never a magnitude: see
        // `common_unit`).
        let short = unit
            .and_then(|u| r.strip_suffix(u))
            .filter(|s| s.ends_with(' '))
            .map_or(r.as_str(), str::trim_end);
        out.push(format!("({short})"));
    }
    out
}

/// What the side-by-side report says under its title: each scenario's
/// replacements.
fn scenario_lines(runs: &[Run]) -> Vec<String> {
    runs.iter()
        .skip(1)
        .map(|r| {
            let sets: Vec<String> = r
                .overrides
                .iter()
                .map(|(n, e)| format!("{n} = {e}"))
                .collect();
            format!("{}: {}", r.name, sets.join(", "))
        })
        .collect()
}

/// The side-by-side report in `format`.
pub(crate) fn render(runs: &[Run], format: Format, opts: Options) -> String {
    match format {
        Format::Table => table(runs, opts),
        Format::Markdown => markdown(runs, opts),
        Format::Json => json(runs, opts.summary_only),
        Format::Csv => csv(runs, opts.summary_only),
    }
}

/// The legend under a report whose cells carry a mark.
const MARKED: &str =
    "! a verdict changed: a box count, a published figure no longer met, or a price past its tier";

fn table(runs: &[Run], opts: Options) -> String {
    let base = &runs[0].ev;
    let est = &base.estimate;
    let width = opts.width.unwrap_or(usize::MAX);
    let mut out = String::new();
    let say = |out: &mut String, line: &str, indent: usize| {
        for l in text::wrap_hanging(line, width, indent) {
            out.push_str(&l);
            out.push('\n');
        }
    };
    let style = crate::style::Style::new(opts.color);
    if !opts.no_header {
        let title: String = text::wrap_hanging(&est.title, width, 0)
            .iter()
            .map(|l| format!("{}{l}{}\n", style.bold, style.reset))
            .collect();
        out.push_str(&title);
        for line in [&est.about, &est.source].into_iter().flatten() {
            say(&mut out, line, 0);
        }
        say(&mut out, &calendar_line(base), 0);
        if let Some(bytes) = bytes_line(base) {
            say(&mut out, bytes, 0);
        }
    }
    let mut blocks = blocks(runs);
    if opts.summary_only {
        blocks.truncate(1);
    }
    // The label column: each name indented under its block's heading.
    let name_w = blocks
        .iter()
        .flat_map(|b| &b.lines)
        .map(|l| text::width(&l.name) + 2)
        .chain(blocks.iter().map(|b| text::width(&block_heading(&b.key))))
        .max()
        .unwrap_or(0)
        .min(30);
    // Each run's column as wide as its widest line, within what the
    // width leaves; too narrow, and a unit every run shares is said once,
    // under the name, and the runs are shown a few at a time.
    let widest = |strip: bool| -> Vec<usize> {
        (0..runs.len())
            .map(|k| {
                blocks
                    .iter()
                    .flat_map(|b| &b.lines)
                    .flat_map(|l| cell_lines_in(&l.cells[k], common_unit(l).filter(|_| strip)))
                    .map(|l| text::width(&l))
                    .chain([text::width(&runs[k].name)])
                    .max()
                    .unwrap_or(0)
            })
            .collect()
    };
    let room = width.saturating_sub(name_w);
    let plain = widest(false);
    let narrow = plain.iter().map(|w| w + 2).sum::<usize>() > room;
    let full = if narrow { widest(true) } else { plain };
    const NARROWEST: usize = 14;
    let all_fit = full.iter().map(|w| w + 2).sum::<usize>() <= room;
    let per = if all_fit {
        runs.len()
    } else {
        (room / (NARROWEST + 2)).max(2).min(runs.len())
    };
    let groups: Vec<Vec<usize>> = if per >= runs.len() {
        vec![(0..runs.len()).collect()]
    } else {
        // Base in every group, the scenarios `per - 1` at a time.
        (1..runs.len())
            .collect::<Vec<_>>()
            .chunks(per - 1)
            .map(|c| std::iter::once(0).chain(c.iter().copied()).collect())
            .collect()
    };
    if groups.len() > 1 {
        let line = format!(
            "{} runs do not fit side by side in {width} columns: base and {} at a time",
            runs.len(),
            per - 1
        );
        say(&mut out, &line, 0);
    }
    let mut marked = false;
    for group in &groups {
        let mut widths: Vec<usize> = group.iter().map(|&k| full[k]).collect();
        let total = |w: &[usize]| w.iter().map(|x| x + 2).sum::<usize>();
        while total(&widths) > room {
            // Narrow the widest column by one.
            let Some(widest) = (0..widths.len()).max_by_key(|&i| widths[i]) else {
                break;
            };
            if widths[widest] <= NARROWEST {
                break;
            }
            widths[widest] -= 1;
        }
        for block in &blocks {
            if !out.is_empty() {
                out.push('\n');
            }
            let mut head = format!("{:<name_w$}", block_heading(&block.key));
            for (&k, &w) in group.iter().zip(&widths) {
                let name = text::wrap(&runs[k].name, w)
                    .first()
                    .map_or(String::new(), |c| c.to_string());
                let pad = w.saturating_sub(text::width(&name));
                let _ = write!(head, "  {}{name}", " ".repeat(pad));
            }
            out.push_str(head.trim_end());
            out.push('\n');
            for line in &block.lines {
                let unit = common_unit(line).filter(|_| narrow);
                let columns: Vec<Vec<String>> = group
                    .iter()
                    .zip(&widths)
                    .map(|(&k, &w)| {
                        let c = &line.cells[k];
                        marked |= c.marked;
                        cell_lines_in(c, unit)
                            .iter()
                            .flat_map(|l| text::wrap(l, w))
                            .map(|l| l.into_owned())
                            .collect()
                    })
                    .collect();
                // The unit beside the name when it fits, else under it.
                let label_w = name_w.saturating_sub(2).max(1);
                let named = match unit {
                    Some(u) if text::width(&line.name) + text::width(u) + 3 <= label_w => {
                        format!("{} ({u})", line.name)
                    }
                    _ => line.name.clone(),
                };
                let mut names: Vec<String> = text::wrap(&named, label_w)
                    .into_iter()
                    .map(|l| l.into_owned())
                    .collect();
                if let Some(u) = unit.filter(|_| named == line.name) {
                    names.push(format!("  {u}"));
                }
                let height = columns
                    .iter()
                    .map(Vec::len)
                    .chain([names.len()])
                    .max()
                    .unwrap_or(1);
                for i in 0..height {
                    let name = names.get(i).map_or("", String::as_str);
                    let mut l = format!("  {name}");
                    l.push_str(
                        &" ".repeat(name_w.saturating_sub(2).saturating_sub(text::width(name))),
                    );
                    for (col, &w) in columns.iter().zip(&widths) {
                        let c = col.get(i).map_or("", String::as_str);
                        let pad = w.saturating_sub(text::width(c));
                        let _ = write!(l, "  {}{c}", " ".repeat(pad));
                    }
                    out.push_str(l.trim_end());
                    out.push('\n');
                }
            }
        }
    }
    let tail = tail_lines(runs);
    out.push('\n');
    // What each scenario replaces, after the answer it gives.
    let defined = format!(
        "Scenarios: base (the file's), {}",
        scenario_lines(runs).join("; ")
    );
    say(&mut out, &defined, 2);
    if marked {
        say(&mut out, MARKED, 2);
    }
    for line in tail {
        say(&mut out, &line, 2);
    }
    if !opts.summary_only {
        // The reference numbers and prices base used (a scenario replaces
        // assumptions, not sheets).
        for (heading, lines) in sources(base) {
            out.push('\n');
            say(&mut out, &heading, 0);
            for line in lines {
                say(&mut out, &format!("  {line}"), 4);
            }
        }
    }
    out
}

/// Each run's check of its published figures, and its warnings.
fn tail_lines(runs: &[Run]) -> Vec<String> {
    runs.iter()
        .flat_map(|r| {
            let s = summary::summary(&r.ev);
            let check = s.check.map(|c| format!("{}: {c}", r.name));
            let warnings = s
                .warnings
                .into_iter()
                .map(|w| format!("{}: warning: {w}", r.name));
            check.into_iter().chain(warnings).collect::<Vec<_>>()
        })
        .collect()
}

fn markdown(runs: &[Run], opts: Options) -> String {
    let base = &runs[0].ev;
    let est = &base.estimate;
    let level = opts.heading_level.max(1);
    let (top, sub) = ("#".repeat(level), "#".repeat(level + 1));
    let mut out = String::new();
    if !opts.no_header {
        let _ = write!(out, "{top} {}\n\n", markdown::md(&est.title));
        for line in [&est.about, &est.source].into_iter().flatten() {
            let _ = writeln!(out, "{}\n", markdown::md(line));
        }
        let _ = writeln!(out, "{}.\n", calendar_line(base));
        if let Some(bytes) = bytes_line(base) {
            let _ = writeln!(out, "{bytes}.\n");
        }
    }
    let _ = writeln!(out, "{sub} Scenarios\n");
    for line in scenario_lines(runs) {
        let _ = writeln!(out, "- {}", markdown::md(&line));
    }
    let mut marked = false;
    let mut blocks = blocks(runs);
    if opts.summary_only {
        blocks.truncate(1);
    }
    for block in blocks {
        let _ = write!(out, "\n{sub} {}\n\n", block_heading(&block.key));
        let mut head = String::from("| quantity |");
        let mut rule = String::from("|---|");
        for r in runs {
            let _ = write!(head, " {} |", markdown::md(&r.name));
            rule.push_str("--:|");
        }
        let _ = writeln!(out, "{head}\n{rule}");
        for line in &block.lines {
            let _ = write!(out, "| {} |", markdown::md(&line.name));
            for c in &line.cells {
                marked |= c.marked;
                let mut t = cell_lines(c);
                if t.len() > 1 {
                    let range = t.pop().unwrap_or_default();
                    t[0] = format!("{}<br>{range}", t[0]);
                }
                let _ = write!(out, " {} |", markdown::md(&t[0]));
            }
            out.push('\n');
        }
    }
    let tail = tail_lines(runs);
    if marked || !tail.is_empty() {
        out.push('\n');
    }
    if marked {
        let _ = writeln!(out, "{}\n", markdown::md(MARKED).replacen('!', "\\!", 1));
    }
    for line in tail {
        let _ = writeln!(out, "- {}", markdown::md(&line));
    }
    if !opts.summary_only {
        for (heading, lines) in sources(base) {
            let _ = write!(out, "\n{sub} {}\n\n", markdown::md(&heading));
            for line in lines {
                let _ = writeln!(out, "- {}", markdown::md(&line));
            }
        }
    }
    out
}

fn csv(runs: &[Run], summary_only: bool) -> String {
    let mut out = String::from("section,name,si_unit");
    for r in runs {
        out.push(',');
        out.push_str(&csv::csv_field(&r.name));
    }
    out.push('\n');
    let base = &runs[0].ev;
    let mut blocks = blocks(runs);
    if summary_only {
        blocks.truncate(1);
    }
    for block in blocks {
        for line in &block.lines {
            let unit = base
                .rows
                .iter()
                .find(|r| base.estimate.items[r.item].name == line.name)
                .map_or_else(
                    || crate::quantity::dimension::Dimension::MONEY_RATE.base_units(),
                    |r| r.quantity.dim().base_units(),
                );
            let _ = write!(
                out,
                "{},{},{}",
                csv::csv_field(&block.key),
                csv::csv_field(&line.name),
                csv::csv_field(&unit)
            );
            for c in &line.cells {
                let _ = write!(out, ",{}", machine_value(c.si_value));
            }
            out.push('\n');
        }
    }
    out
}

/// The side-by-side figures of `runs` (`base` first), compact, for a page
/// to lay out as it likes: `{"runs": [name], "blocks": [{"key", "lines":
/// [{"name", "cells": [{"text", "range", "ratio", "marked"}]}]}]}`, the
/// blocks as the table's (the summary, the assumptions a scenario
/// replaces, each section), a changed cell's `ratio` as the table writes
/// it (`×1.96`) and `marked` where the table marks `!`.
pub(crate) fn blocks_json(runs: &[Run]) -> String {
    let blocks = if runs.is_empty() {
        Vec::new()
    } else {
        blocks(runs)
    };
    let json = |c: &Cell| {
        serde_json::json!({
            "text": c.text, "range": c.range, "ratio": c.ratio, "marked": c.marked,
        })
    };
    serde_json::json!({
        "runs": runs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        "blocks": blocks.iter().map(|b| serde_json::json!({
            "key": b.key,
            "lines": b.lines.iter().map(|l| serde_json::json!({
                "name": l.name,
                "cells": l.cells.iter().map(json).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

fn json(runs: &[Run], summary_only: bool) -> String {
    let mut text =
        serde_json::to_string_pretty(&json::runs_json(runs, summary_only)).unwrap_or_default();
    text.push('\n');
    text
}
