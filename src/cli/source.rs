//! Where an estimate comes from (a preset, a file, standard input), and
//! loading it with its `--set`s applied.

use super::args::{SamplingArgs, SheetArgs};
use super::*;
use crate::estimate::{self, Evaluated, presets};
use crate::sheets::{self, Kind};
use std::io::{self, Read};

/// Read a preset or an estimate file into text, with a name for messages.
fn source_of(target: &str) -> Result<(String, String), String> {
    if let Some(text) = presets::get(target) {
        return Ok((format!("preset {target}"), text.to_string()));
    }
    let path = std::path::Path::new(target);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let names = presets::PRESETS.iter().map(|(n, _)| *n);
            let hint = match crate::suggest::closest(target, names).first() {
                Some(h) => format!("; did you mean the preset `{h}`?"),
                None => "; `bote list` shows the presets".into(),
            };
            return Err(format!("no preset or file named `{target}`{hint}"));
        }
        Err(e) => return Err(format!("cannot read `{target}`: {e}")),
    };
    if meta.is_dir() {
        return Err(format!(
            "`{target}` is a directory; give an estimate file (.yaml) or a preset name"
        ));
    }
    if meta.len() > crate::yaml::MAX_FILE_BYTES as u64 {
        return Err(format!(
            "`{target}` is {} bytes; bote reads estimate files of at most {} bytes",
            meta.len(),
            crate::yaml::MAX_FILE_BYTES
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{target}`: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{target}` is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((target.to_string(), text))
}

/// An estimate file from standard input (`bote run -`).
fn read_stdin(stdin: &mut dyn BufRead) -> io::Result<Result<(String, String), String>> {
    let max = crate::yaml::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    stdin.take(max as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Ok(Err(format!(
            "standard input holds more than {max} bytes; bote reads estimate files of at most {max} bytes"
        )));
    }
    Ok(String::from_utf8(bytes)
        .map(|text| ("<stdin>".to_string(), text))
        .map_err(|e| {
            format!(
                "standard input is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        }))
}

/// Load and evaluate one estimate, applying `--set`s; errors are reported.
pub(super) fn load_estimate(
    target: &str,
    sets: &[String],
    sampling: SamplingArgs,
    sheet_files: &SheetArgs,
    io: &mut Io<'_>,
) -> io::Result<Result<Evaluated, i32>> {
    let source = if target == "-" {
        read_stdin(io.stdin)?
    } else {
        source_of(target)
    };
    let (origin, text) = match source {
        Ok(pair) => pair,
        Err(msg) => {
            return report(io, &Diagnostic::message(msg)).map(Err);
        }
    };
    let mut est = match estimate::load_owned(&origin, text) {
        Ok(e) => e,
        Err(d) => return report(io, &d).map(Err),
    };
    for (kind, path) in [
        (Kind::Prices, &sheet_files.prices),
        (Kind::References, &sheet_files.references),
    ] {
        let Some(path) = path else { continue };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                let flag = if kind == Kind::Prices {
                    "--prices"
                } else {
                    "--references"
                };
                return report(
                    io,
                    &Diagnostic::message(format!("{flag}: cannot read `{path}`: {e}")),
                )
                .map(Err);
            }
        };
        match sheets::read(path, &text, path) {
            Ok(sheet) => est.add_sheet(kind, sheet),
            Err(d) => return report(io, &d).map(Err),
        }
    }
    for set in sets {
        let (name, expr) = match split_binding(set, "--set") {
            Ok(pair) => pair,
            Err(d) => return report(io, &d).map(Err),
        };
        if let Err(d) = est.set(name, expr) {
            return report(io, &d).map(Err);
        }
    }
    est.set_sampling(sampling.apply(est.sampling()));
    match est.evaluate() {
        Ok(ev) => Ok(Ok(ev)),
        Err(d) => report(io, &d).map(Err),
    }
}
