//! `bote notes FILE.md`: the results of a note's bote blocks, written into
//! the note (the filling-in is `notes::fill`, text in and text out); and
//! `bote eval --pad FILE`, the notepad view.
//!
//! Nothing of the note is lost: it is written whole or not at all (a
//! temporary file renamed into place, its permissions kept), not when it
//! changed while bote worked, and never over a region edited by hand
//! unless `--force` says so.

use super::args::{EvalArgs, NotesArgs};
use super::files;
use super::*;
use crate::lang::env::Env;
use std::path::Path;

/// `bote notes FILE.md [--check] [--force] [--watch]`.
pub(super) fn notes_cmd(args: &NotesArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let path = Path::new(&args.file);
    if args.watch {
        if !path.is_file() {
            let msg = format!(
                "--watch needs a note to watch; `{}` is not a file",
                args.file
            );
            return report(io, &Diagnostic::message(msg));
        }
        return super::watch::watch_file(path, io, &mut |io| fill_once(args, path, io));
    }
    fill_once(args, path, io)
}

/// Fill in the note at `path` once; the exit status says whether all went well.
fn fill_once(args: &NotesArgs, path: &Path, io: &mut Io<'_>) -> io::Result<i32> {
    let shown = files::shown(path);
    let before = match files::read_note(path) {
        Ok(text) => text,
        Err(msg) => return report(io, &Diagnostic::message(msg)),
    };
    // Errors inside a region name the note by its file name alone, so the
    // region reads the same from whatever folder bote was run in.
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| files::shown(Path::new(n)));
    let filled = crate::notes::fill(&before, &name, args.force);
    let after = filled.text;
    let mut status = 0;
    // A broken region or a block never closed is left alone, and it is an
    // error: the note's results are not what its blocks say.
    for (line, why) in &filled.malformed {
        status = report(io, &Diagnostic::message(format!("{shown}:{line}: {why}")))?;
    }
    for line in &filled.edited {
        let msg = format!(
            "{shown}:{line}: this region was edited by hand since bote wrote it; \
             bote leaves it (--force replaces it)"
        );
        status = report(io, &Diagnostic::message(msg))?;
    }
    for (line, why) in &filled.failed {
        let msg = format!("{shown}:{line}: {why} (its region says more)");
        status = report(io, &Diagnostic::message(msg))?;
    }
    if filled.blocks == 0 {
        writeln!(
            io.stderr,
            "{shown} has no bote blocks (```bote for eval lines, ```yaml bote for an estimate)"
        )?;
        return Ok(status);
    }
    let regions = if filled.updated == 1 {
        "region"
    } else {
        "regions"
    };
    let blocks = match filled.blocks {
        1 => "1 block".to_string(),
        n => format!("{n} blocks"),
    };
    if after == before {
        if (!args.check || status == 0) && filled.malformed.is_empty() {
            writeln!(io.stdout, "{shown} is up to date ({blocks})")?;
        }
        return Ok(status);
    }
    if args.check {
        writeln!(
            io.stdout,
            "{shown} is stale: {} {regions} of {blocks} would change (run `bote notes {shown}`)",
            filled.updated
        )?;
        return Ok(EXIT_INPUT);
    }
    // The note as it is now: a save while bote worked is not overwritten.
    match files::read_note(path) {
        Ok(now) if now == before => {}
        _ => {
            let msg =
                format!("{shown} changed while bote was working; nothing written (run it again)");
            return report(io, &Diagnostic::message(msg));
        }
    }
    if let Err(e) = files::write_atomic(path, after.as_bytes()) {
        let msg = format!("cannot write {shown}: {e}; the note is as it was");
        return report(io, &Diagnostic::message(msg));
    }
    writeln!(
        io.stdout,
        "{shown}: {} {regions} of {blocks} written",
        filled.updated
    )?;
    Ok(status)
}

/// `bote eval --pad [FILE]`: each line of the page with its answer beside it.
pub(super) fn pad_cmd(
    env: Env<'_>,
    args: &EvalArgs,
    file: &str,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    if file == "-" {
        if args.watch {
            let msg = "--watch needs a file to watch, not standard input";
            return report(io, &Diagnostic::message(msg));
        }
        let text = match files::read_stdin(io.stdin)? {
            Ok(text) => text,
            Err(msg) => return report(io, &Diagnostic::message(msg)),
        };
        return pad_once(env, &text, io);
    }
    let path = Path::new(file);
    if args.watch {
        if !path.is_file() {
            let msg = format!("--watch needs a file to watch; `{file}` is not a file");
            return report(io, &Diagnostic::message(msg));
        }
        return super::watch::watch_file(path, io, &mut |io| match files::read_text(path) {
            // Each save starts from the flags' environment again.
            Ok(text) => pad_once(env.clone(), &text, io),
            Err(msg) => report(io, &Diagnostic::message(msg)),
        });
    }
    match files::read_text(path) {
        Ok(text) => pad_once(env, &text, io),
        Err(msg) => report(io, &Diagnostic::message(msg)),
    }
}

fn pad_once(mut env: Env<'_>, text: &str, io: &mut Io<'_>) -> io::Result<i32> {
    let (page, failed) = crate::notes::pad(text, &mut env, io.term_width);
    io.stdout.write_all(page.as_bytes())?;
    Ok(if failed { EXIT_INPUT } else { 0 })
}
