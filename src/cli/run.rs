//! `bote run`, `check`, `list` and `show`: estimates as reports.

use super::args::{Paging, RunArgs, RunFormat, SamplingArgs, SheetArgs};
use super::source::{load_estimate, load_runs};
use super::*;
use crate::estimate::presets;
use crate::report::{self, Format};
use std::io;

/// One run of `bote run`: load, evaluate, report.
pub(super) fn run_cmd(args: &RunArgs, paging: Paging, io: &mut Io<'_>) -> io::Result<i32> {
    let json = args.format == RunFormat::Json;
    // A file with scenarios shows them side by side, unless one is asked
    // for (or one quantity's drivers, one section, or the derivations:
    // those are base's).
    let one = args
        .scenario
        .as_deref()
        .or((args.why.is_some() || args.section.is_some() || args.explain).then_some("base"));
    let mut runs = match load_runs(
        &args.target,
        &args.sets,
        args.sampling,
        &args.sheets,
        one,
        json,
        io,
    )? {
        Ok(runs) => runs,
        Err(status) => return Ok(status),
    };
    let format = match args.format {
        RunFormat::Table => Format::Table,
        RunFormat::Markdown => Format::Markdown,
        RunFormat::Json => Format::Json,
        RunFormat::Csv => Format::Csv,
    };
    let width = args.width.map(usize::from).or(io.term_width);
    if runs.len() > 1 {
        let opts = report::Options {
            color: io.color_out,
            width,
            no_header: args.no_header,
            summary_only: args.summary,
            heading_level: usize::from(args.heading_level),
            ..report::Options::default()
        };
        let text = report::render_runs(&runs, format, opts);
        if io.term_height.is_some() && paging != Paging::Never {
            super::pager::show(&text, paging, io)?;
        } else {
            io.stdout.write_all(text.as_bytes())?;
        }
        return Ok(0);
    }
    let Some(run) = runs.pop() else {
        return Ok(0);
    };
    let ev = run.ev;
    if let Some(name) = &args.why {
        let Some(r) = ev
            .rows
            .iter()
            .position(|r| ev.estimate.items[r.item].name == *name)
        else {
            let names = ev.estimate.items.iter().map(|i| i.name.as_str());
            let hint = crate::suggest::hint(name, names);
            let msg = format!(
                "--why: `{name}` is not a quantity of `{}`{hint}",
                args.target
            );
            report(io, &Diagnostic::message(msg))?;
            return Ok(EXIT_INPUT);
        };
        io.stdout
            .write_all(report::why::render(&ev, r, format, width).as_bytes())?;
        return Ok(0);
    }
    let only = match args.section.as_deref() {
        None => None,
        Some("assumptions") => Some(crate::report::Place::Assumption),
        Some(name) => match ev.estimate.sections.iter().position(|s| s == name) {
            Some(s) => Some(crate::report::Place::Section(s)),
            None => {
                let names = ev.estimate.sections.iter().map(String::as_str);
                let hint = crate::suggest::hint(name, names);
                let all = std::iter::once("assumptions")
                    .chain(ev.estimate.sections.iter().map(String::as_str))
                    .collect::<Vec<_>>()
                    .join(", ");
                let msg = format!(
                    "--section: `{name}` is not a section of `{}`{hint}",
                    args.target
                );
                report(
                    io,
                    &Diagnostic::message(msg).with_note(format!("sections: {all}")),
                )?;
                return Ok(EXIT_INPUT);
            }
        },
    };
    let opts = report::Options {
        explain: args.explain,
        color: io.color_out,
        width,
        only,
        no_header: args.no_header,
        summary_only: args.summary,
        heading_level: usize::from(args.heading_level),
        no_drivers: false,
    };
    // On a terminal the report may be paged, so it is made whole first;
    // elsewhere it streams out as it is made.
    if io.term_height.is_some() && paging != Paging::Never {
        let text = report::render(&ev, format, opts);
        super::pager::show(&text, paging, io)?;
    } else {
        report::write(&ev, format, opts, io.stdout)?;
    }
    if io.process_ends {
        // Freeing a large estimate node by node would cost as much as a
        // tenth of the run (measured on 10,000 quantities).
        std::mem::forget(ev);
    }
    Ok(0)
}

pub(super) fn check_cmd(
    targets: &[String],
    sampling: SamplingArgs,
    sheets: &SheetArgs,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    let all: Vec<String> = if targets.is_empty() {
        presets::PRESETS
            .iter()
            .map(|(n, _)| (*n).to_string())
            .collect()
    } else {
        targets.to_vec()
    };
    let mut status = 0;
    for target in &all {
        let ev = match load_estimate(target, &[], sampling, sheets, false, io)? {
            Ok(ev) => ev,
            Err(s) => {
                status = status.max(s);
                continue;
            }
        };
        let doubts = ev.beyond_tiers().into_iter().chain(ev.by_hand());
        for warning in ev.stale_prices(today()).into_iter().chain(doubts) {
            let line = format!("warning: {target}: {warning}");
            write_fitted(io.stderr, io.term_width, &line)?;
        }
        let total = ev.expectations();
        let failed: Vec<_> = ev.failed_expectations().collect();
        if failed.is_empty() {
            // Within tolerance is not to the figure: say how many are not.
            let off = match ev.off_by_more_than_a_percent() {
                0 => String::new(),
                n => format!(", {n} off by more than 1%"),
            };
            let line = format!(
                "ok    {target}: {total} published figure{} reproduced{off}",
                if total == 1 { "" } else { "s" }
            );
            write_fitted(io.stdout, io.term_width, &line)?;
            continue;
        }
        status = EXIT_INPUT;
        writeln!(
            io.stdout,
            "FAIL  {target}: {} of {total} published figures not reproduced",
            failed.len()
        )?;
        for row in failed {
            let item = &ev.estimate.items[row.item];
            if let (Some(c), Some(x)) = (&row.expect, &item.expect) {
                let why = c.why(x.tolerance);
                writeln!(
                    io.stdout,
                    "      {}: computed {}, published {} ({why})",
                    item.name, row.shown.text, c.shown.text,
                )?;
            }
        }
    }
    Ok(status)
}

pub(super) fn list_cmd(io: &mut Io<'_>) -> io::Result<i32> {
    let width = presets::PRESETS
        .iter()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0);
    for (name, text) in presets::PRESETS {
        writeln!(io.stdout, "{name:<width$}  {}", presets::title(text))?;
    }
    Ok(0)
}

pub(super) fn show_cmd(name: &str, io: &mut Io<'_>) -> io::Result<i32> {
    match presets::get(name) {
        Some(text) => {
            io.stdout.write_all(text.as_bytes())?;
            Ok(0)
        }
        None => report(io, &no_such_preset(name)),
    }
}

/// The error for a preset name that is none, with the closest there is.
pub(super) fn no_such_preset(name: &str) -> Diagnostic {
    let hint = crate::suggest::hint(name, presets::PRESETS.iter().map(|(n, _)| *n));
    Diagnostic::message(format!(
        "no preset named `{name}`{hint} (`bote list` shows them)"
    ))
}

/// Today, in days since 1970-01-01, by the system clock.
fn today() -> i64 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(secs / 86_400).unwrap_or(0)
}
