//! `bote notes FILE.md`: the results of a note's bote blocks, written into
//! the note (the filling-in is `notes::fill`, text in and text out); and
//! `bote eval --pad FILE`, the notepad view.
//!
//! Nothing of the note is lost: it is written whole or not at all (a
//! temporary file renamed into place, its permissions kept), not when it
//! changed while bote worked, and never over a region edited by hand
//! unless `--force` says so; then the note as it was is kept first in
//! `NOTE.md~` (GNU's simple backup), or, where that is taken, in the next
//! `NOTE.md.~N~` (GNU's numbered one), so no backup is written over; and
//! each replaced region's lines are named on standard error.

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
    let mut filled = crate::notes::fill(&before, &name, args.force);
    let after = std::mem::take(&mut filled.text);
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
    // What was not brought up to date, said after what was: a run that
    // fails does not say the note is up to date.
    let left = left_out(&filled);
    if after == before {
        if left.is_empty() {
            writeln!(io.stdout, "{shown} is up to date ({blocks})")?;
        } else if args.check {
            writeln!(io.stdout, "{shown} is not up to date: {left}")?;
        } else {
            writeln!(io.stdout, "{shown}: nothing written; {left}")?;
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
    // A region edited by hand and forced: the note as it was, whole, in
    // NOTE.md~ (or the next NOTE.md.~N~) before a byte of the note changes.
    let backup = if filled.forced.is_empty() {
        None
    } else {
        let backup = backup_path(path);
        if let Err(e) = files::write_backup(&backup, before.as_bytes(), path) {
            let msg = format!(
                "cannot keep {shown} as it was in {}: {e}; nothing written \
                 (--force replaces regions edited by hand only once their text is kept)",
                files::shown(&backup)
            );
            return report(io, &Diagnostic::message(msg));
        }
        Some(files::shown(&backup))
    };
    if let Err(e) = files::write_atomic(path, after.as_bytes()) {
        let msg = format!("cannot write {shown}: {e}; the note is as it was");
        return report(io, &Diagnostic::message(msg));
    }
    if let Some(backup) = &backup {
        for (from, to) in &filled.forced {
            writeln!(
                io.stderr,
                "warning: {shown}:{from}-{to}: a region edited by hand was replaced (--force); \
                 lines {from} to {to} of {backup} hold it as it was"
            )?;
        }
    }
    let left = if left.is_empty() {
        String::new()
    } else {
        format!("; {left}")
    };
    writeln!(
        io.stdout,
        "{shown}: {} {regions} of {blocks} written{left}",
        filled.updated
    )?;
    Ok(status)
}

/// What a run left as it was, or wrong, in a few words: `1 region edited
/// by hand left as it was (--force replaces it), 1 block failed (its
/// region says why)`; empty when all is well.
fn left_out(filled: &crate::notes::Filled) -> String {
    let n = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    let mut out = Vec::new();
    if !filled.edited.is_empty() {
        out.push(n(
            filled.edited.len(),
            "region edited by hand left as it was (--force replaces it)",
            "regions edited by hand left as they were (--force replaces them)",
        ));
    }
    if !filled.malformed.is_empty() {
        out.push(n(
            filled.malformed.len(),
            "block or region left alone (its shape is broken)",
            "blocks or regions left alone (their shape is broken)",
        ));
    }
    if !filled.failed.is_empty() {
        out.push(n(
            filled.failed.len(),
            "block failed (its region says why)",
            "blocks failed (their regions say why)",
        ));
    }
    out.join(", ")
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

/// Where a forced run keeps the note as it was: `NOTE.md~`, or where
/// that is taken by an earlier run (which may hold a paragraph replaced
/// then), the first free `NOTE.md.~N~` after the highest taken, as GNU's
/// numbered backups are named. A backup is never written over.
fn backup_path(path: &Path) -> std::path::PathBuf {
    let with = |tail: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(tail);
        std::path::PathBuf::from(name)
    };
    let simple = with("~");
    if std::fs::symlink_metadata(&simple).is_err() {
        return simple;
    }
    let mut n = 1u64;
    while std::fs::symlink_metadata(with(&format!(".~{n}~"))).is_ok() {
        n += 1;
    }
    with(&format!(".~{n}~"))
}
