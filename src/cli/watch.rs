//! `bote run FILE --watch`: the report again on every save.
//!
//! Watches the file's folder, not the file, because editors save by
//! writing a new file and renaming it over the old one (vim, VS Code,
//! JetBrains), which ends a watch on the file itself; events are debounced
//! so one save is one run.

use super::args::RunArgs;
use super::run::run_cmd;
use super::*;
use notify_debouncer_mini::notify::RecursiveMode;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer};
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

/// How long a burst of file events is gathered into one save.
const DEBOUNCE: Duration = Duration::from_millis(150);

pub(super) fn watch(args: &RunArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let path = Path::new(&args.target);
    if args.target == "-" || !path.is_file() {
        let what = if crate::estimate::presets::get(&args.target).is_some() {
            "a preset"
        } else {
            "not a file"
        };
        let msg = format!(
            "--watch needs an estimate file to watch; `{}` is {what}",
            args.target
        );
        return report(io, &Diagnostic::message(msg));
    }
    let name = path.file_name().map(std::ffi::OsStr::to_os_string);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, tx) {
        Ok(d) => d,
        Err(e) => return report(io, &Diagnostic::message(format!("cannot watch files: {e}"))),
    };
    if let Err(e) = debouncer
        .watcher()
        .watch(&folder, RecursiveMode::NonRecursive)
    {
        let msg = format!("cannot watch `{}`: {e}", folder.display());
        return report(io, &Diagnostic::message(msg));
    }
    // The screen is cleared only on a terminal; piped, each run follows the last.
    let clear = io.term_width.is_some();
    loop {
        if clear {
            io.stdout.write_all(b"\x1b[2J\x1b[H")?;
        }
        run_cmd(args, io)?;
        writeln!(io.stderr, "watching {} (Ctrl-C stops)", path.display())?;
        io.stdout.flush()?;
        // Wait for a save of this file; other files in the folder are ignored.
        loop {
            let Ok(events) = rx.recv() else {
                return Ok(0);
            };
            let ours = events.is_ok_and(|events| {
                events
                    .iter()
                    .any(|e| e.path.file_name().map(std::ffi::OsStr::to_os_string) == name)
            });
            if ours && path.is_file() {
                break;
            }
        }
    }
}
