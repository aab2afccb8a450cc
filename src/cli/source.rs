//! Where an estimate comes from (a preset, a file, standard input), and
//! loading it with its `--set`s applied.

use super::args::{SamplingArgs, SheetArgs};
use super::files;
use super::*;
use crate::diagnostic::Diagnostics;
use crate::estimate::{self, Evaluated, presets};
use crate::sheets::{self, Kind};
use std::io;

/// Read a preset or an estimate file into text, with a name for messages.
fn source_of(target: &str) -> Result<(String, String), String> {
    if let Some(text) = presets::get(target) {
        return Ok((format!("preset {target}"), text.to_string()));
    }
    let path = std::path::Path::new(target);
    if !files::taken(path) {
        let names = presets::PRESETS.iter().map(|(n, _)| *n);
        let hint = match crate::suggest::closest(target, names).first() {
            Some(h) => format!("; did you mean the preset `{h}`?"),
            None => "; `bote list` shows the presets".into(),
        };
        return Err(format!("no preset or file named `{target}`{hint}"));
    }
    if path.is_dir() {
        return Err(format!(
            "`{}` is a directory; give an estimate file (.yaml) or a preset name",
            files::shown(path)
        ));
    }
    files::read_text(path).map(|text| (target.to_string(), text))
}

/// Load and evaluate one estimate, applying `--set`s; errors are reported.
pub(super) fn load_estimate(
    target: &str,
    sets: &[String],
    sampling: SamplingArgs,
    sheet_files: &SheetArgs,
    json_errors: bool,
    io: &mut Io<'_>,
) -> io::Result<Result<Evaluated, i32>> {
    let mut est = match load_unevaluated(target, sheet_files, json_errors, io)? {
        Ok(est) => est,
        Err(status) => return Ok(Err(status)),
    };
    for set in sets {
        let (name, expr) = match split_binding(set, "--set") {
            Ok(pair) => pair,
            Err(d) => return report_one(io, d, json_errors).map(Err),
        };
        if let Err(d) = est.set(name, expr) {
            return report_one(io, d, json_errors).map(Err);
        }
    }
    est.set_sampling(sampling.apply(est.sampling()));
    match est.evaluate() {
        Ok(ev) => Ok(Ok(ev)),
        Err(all) => report_all(io, &all, json_errors).map(Err),
    }
}

/// Load an estimate and evaluate it as the runs a report shows: `base`
/// and each of its scenarios, or only `scenario` when given, each with
/// the `--set`s on top; errors are reported.
pub(super) fn load_runs(
    target: &str,
    sets: &[String],
    sampling: SamplingArgs,
    sheet_files: &SheetArgs,
    scenario: Option<&str>,
    json_errors: bool,
    io: &mut Io<'_>,
) -> io::Result<Result<Vec<estimate::Run>, i32>> {
    let est = match load_unevaluated(target, sheet_files, json_errors, io)? {
        Ok(est) => est,
        Err(status) => return Ok(Err(status)),
    };
    let mut pairs = Vec::new();
    for set in sets {
        match split_binding(set, "--set") {
            Ok((n, e)) => pairs.push((n.to_string(), e.to_string())),
            Err(d) => return report_one(io, d, json_errors).map(Err),
        }
    }
    let sampling = sampling.apply(est.sampling());
    let runs = match scenario {
        Some(name) => est.into_run(name, &pairs, sampling).map(|r| vec![r]),
        None => est.into_runs(&pairs, sampling),
    };
    match runs {
        Ok(runs) => Ok(Ok(runs)),
        Err(all) => report_all(io, &all, json_errors).map(Err),
    }
}

/// Load an estimate with the sheets the command line names, not yet
/// evaluated; errors are reported.
fn load_unevaluated(
    target: &str,
    sheet_files: &SheetArgs,
    json_errors: bool,
    io: &mut Io<'_>,
) -> io::Result<Result<estimate::Estimate, i32>> {
    let source = if target == "-" {
        files::read_stdin(io.stdin)?.map(|text| ("<stdin>".to_string(), text))
    } else {
        source_of(target)
    };
    let (origin, text) = match source {
        Ok(pair) => pair,
        Err(msg) => {
            return report_one(io, Diagnostic::message(msg), json_errors).map(Err);
        }
    };
    let mut est = match estimate::load_owned(&origin, text) {
        Ok(e) => e,
        Err(all) => return report_all(io, &all, json_errors).map(Err),
    };
    for (kind, path) in [
        (Kind::Prices, &sheet_files.prices),
        (Kind::References, &sheet_files.references),
    ] {
        let Some(path) = path else { continue };
        let text = match files::read_text(std::path::Path::new(path)) {
            Ok(t) => t,
            Err(e) => {
                let flag = if kind == Kind::Prices {
                    "--prices"
                } else {
                    "--references"
                };
                return report_one(io, Diagnostic::message(format!("{flag}: {e}")), json_errors)
                    .map(Err);
            }
        };
        match sheets::read(path, &text, path) {
            Ok(sheet) => est.add_sheet(kind, sheet),
            Err(d) => return report_one(io, d, json_errors).map(Err),
        }
    }
    Ok(Ok(est))
}

/// [`report_all`] of one error (`d`, a [`Diagnostic`] or a box of one):
/// with `--format json` a file that cannot be read, or a bad `--set`,
/// gives the `{"errors": [...]}` object too.
fn report_one(io: &mut Io<'_>, d: impl Into<Diagnostics>, json: bool) -> io::Result<i32> {
    report_all(io, &d.into(), json)
}

/// Report every error of an estimate on stderr, and with `json` also as
/// JSON on stdout (`{"errors": [...]}`), for a script to read.
fn report_all(io: &mut Io<'_>, all: &Diagnostics, json: bool) -> io::Result<i32> {
    if json {
        io.stdout
            .write_all(crate::report::json::errors(all).as_bytes())?;
    }
    io.stderr
        .write_all(all.render_fitted(io.color, io.term_width).as_bytes())?;
    Ok(EXIT_INPUT)
}
