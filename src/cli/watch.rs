//! `--watch`: the report (or the note, or the notepad view) again on
//! every save.
//!
//! Watches the file's folder, not the file, because editors save by
//! writing a new file and renaming it over the old one (vim, VS Code,
//! JetBrains), which ends a watch on the file itself. Only writes,
//! creations, renames and removals count: bote's own read of the file
//! (an open, an access, a new access time) is not a save, or each run
//! would start the next. A burst of events is one save. A deleted file is
//! reported and waited for; a folder that disappears is watched for until
//! it is back.

use super::args::RunArgs;
use super::files;
use super::run::run_cmd;
use super::*;
use notify::event::{EventKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How long a burst of file events is gathered into one save.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// How often a folder that is gone is looked for again.
const POLL: Duration = Duration::from_millis(500);

/// What the wait for a save ended with.
enum Saved {
    /// The file was written: run again.
    Written,
    /// The file is gone (deleted, or its folder is).
    Gone,
    /// The watcher stopped.
    Stopped,
}

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
    // A report that refreshes is never paged.
    watch_file(path, io, &mut |io| {
        run_cmd(args, super::args::Paging::Never, io)
    })
}

/// Run `again` now and on every save of the file at `path` (which exists),
/// until the watcher stops; on a terminal the screen is cleared first.
pub(super) fn watch_file(
    path: &Path,
    io: &mut Io<'_>,
    again: &mut dyn FnMut(&mut Io<'_>) -> io::Result<i32>,
) -> io::Result<i32> {
    let name = path.file_name().map(std::ffi::OsStr::to_os_string);
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = match RecommendedWatcher::new(tx, notify::Config::default()) {
        Ok(w) => w,
        Err(e) => return report(io, &Diagnostic::message(format!("cannot watch files: {e}"))),
    };
    if let Err(e) = watcher.watch(&folder, RecursiveMode::NonRecursive) {
        let msg = format!("cannot watch `{}`: {e}", folder.display());
        return report(io, &Diagnostic::message(msg));
    }
    let is_ours = |event: &notify::Event| {
        event
            .paths
            .iter()
            .any(|p| p.file_name().map(std::ffi::OsStr::to_os_string) == name)
    };
    // The screen is cleared only on a terminal; piped, each run follows the last.
    // (`term_height` is known only for a terminal; `COLUMNS` may give a
    // width to a pipe.)
    let clear = io.term_height.is_some();
    loop {
        if clear {
            io.stdout.write_all(b"\x1b[2J\x1b[H")?;
        }
        again(io)?;
        writeln!(io.stderr, "watching {} (Ctrl-C stops)", files::shown(path))?;
        io.stdout.flush()?;
        match wait_for_save(&rx, &is_ours, path, &folder) {
            Saved::Written => {}
            Saved::Stopped => return Ok(0),
            Saved::Gone => {
                let gone = if folder.is_dir() {
                    format!("{} was deleted", files::shown(path))
                } else {
                    format!("the folder of {} is gone", files::shown(path))
                };
                writeln!(io.stderr, "{gone}; waiting for it to come back")?;
                io.stderr.flush()?;
                if !wait_for_return(&mut watcher, &rx, path, &folder) {
                    return Ok(0);
                }
            }
        }
    }
}

/// Whether `kind` is a change of the file's contents or its place, not a
/// read: an open, a close after reading, or an access time.
fn is_write(kind: EventKind) -> bool {
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        EventKind::Access(_) | EventKind::Any | EventKind::Other => false,
    }
}

/// Wait for a write to the file, then for the burst it starts to end.
fn wait_for_save(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    is_ours: &dyn Fn(&notify::Event) -> bool,
    path: &Path,
    folder: &Path,
) -> Saved {
    loop {
        match rx.recv_timeout(POLL) {
            Ok(Ok(event)) if is_write(event.kind) && is_ours(&event) => break,
            Ok(_) => {}
            // Nothing said: a folder removed with everything in it may
            // say nothing more, so look.
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if !folder.is_dir() {
                    return Saved::Gone;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => return Saved::Stopped,
        }
    }
    // The rest of the burst: a rename-save is a create, a rename and more.
    loop {
        match rx.recv_timeout(DEBOUNCE) {
            Ok(_) => {}
            Err(mpsc::RecvTimeoutError::Timeout) => break,
            Err(mpsc::RecvTimeoutError::Disconnected) => return Saved::Stopped,
        }
    }
    if path.is_file() {
        Saved::Written
    } else {
        Saved::Gone
    }
}

/// Wait until the file is back, watching its folder again if the folder
/// itself went away. `false` if the watcher stopped.
fn wait_for_return(
    watcher: &mut RecommendedWatcher,
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    path: &Path,
    folder: &Path,
) -> bool {
    let mut folder_gone = !folder.is_dir();
    loop {
        if folder_gone && folder.is_dir() {
            // A new folder of the same name: a new watch.
            let _ = watcher.unwatch(folder);
            if watcher.watch(folder, RecursiveMode::NonRecursive).is_ok() {
                folder_gone = false;
            }
        }
        if !folder.is_dir() {
            folder_gone = true;
        }
        if path.is_file() {
            // Let the write that brought it back finish, and forget its events.
            std::thread::sleep(DEBOUNCE);
            while rx.try_recv().is_ok() {}
            return true;
        }
        match rx.recv_timeout(POLL) {
            Ok(_) | Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => return false,
        }
    }
}
