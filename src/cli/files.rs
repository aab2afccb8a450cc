//! Every file bote reads or writes goes through here. A read stops at a
//! limit before the memory is spent (`/dev/zero` has no size to check
//! first); a write goes to a temporary file in the same folder and is
//! renamed into place, so a full disk or a crash never leaves a file cut
//! short or a user's file truncated.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, Read, Write};
use std::path::{Path, PathBuf};

/// The most bytes bote reads from one estimate file, sheet or note.
pub(super) const MAX_FILE_BYTES: usize = crate::yaml::MAX_FILE_BYTES;

/// The text of the file at `path`, read through a limit of
/// [`MAX_FILE_BYTES`]. The error says what is wrong in a sentence that
/// names `path`.
pub(super) fn read_text(path: &Path) -> Result<String, String> {
    read_exact_text(path).map(without_bom)
}

/// [`read_text`] with every byte kept, a leading byte-order mark too: for
/// a file bote writes back (a note).
pub(super) fn read_exact_text(path: &Path) -> Result<String, String> {
    let bytes = read_bytes(path)?;
    utf8(bytes, &format!("`{}`", path.display()))
}

/// The bytes of the file at `path`, read through the same limit of
/// [`MAX_FILE_BYTES`], for a file that need not be UTF-8 throughout (the
/// practice history, read line by line).
pub(super) fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if meta.is_dir() {
        // What to give instead is the caller's to say (an estimate, a
        // note, a sheet, a history).
        return Err(format!("`{shown}` is a directory, not a file"));
    }
    let file = File::open(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    read_limited(file, &shown.to_string())
}

/// The bytes of an open `file` (`shown` names it), through the limit.
fn read_limited(file: File, shown: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if bytes.len() > MAX_FILE_BYTES {
        let max = crate::quantity::grouped(MAX_FILE_BYTES);
        return Err(format!(
            "`{shown}` holds more than {max} bytes, the most bote reads from a file"
        ));
    }
    Ok(bytes)
}

/// A note's text, every byte kept, for `bote notes` to write back: only a
/// regular file, and a FIFO or a device is refused at once rather than
/// waited on (it is opened without blocking, and checked again once open).
pub(super) fn read_note(path: &Path) -> Result<String, String> {
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if meta.is_dir() {
        return Err(format!(
            "`{shown}` is a directory; give a Markdown note (FILE.md)"
        ));
    }
    let not_a_file = || {
        format!(
            "`{shown}` is not a regular file (a FIFO, a device or a socket); \
             bote notes reads a note and writes it back, so it needs a file"
        )
    };
    if !meta.is_file() {
        return Err(not_a_file());
    }
    let mut open = OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        open.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = open
        .open(path)
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        return Err(not_a_file());
    }
    let bytes = read_limited(file, &shown.to_string())?;
    utf8(bytes, &format!("`{shown}`"))
}

/// Standard input, whole, through the same limit as a file.
pub(super) fn read_stdin(stdin: &mut dyn BufRead) -> io::Result<Result<String, String>> {
    let mut bytes = Vec::new();
    (&mut *stdin)
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        let max = crate::quantity::grouped(MAX_FILE_BYTES);
        return Ok(Err(format!(
            "standard input holds more than {max} bytes, the most bote reads from a file"
        )));
    }
    Ok(utf8(bytes, "standard input").map(without_bom))
}

/// `bytes` as text, or why not (`what` names where they came from).
fn utf8(bytes: Vec<u8>, what: &str) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{what} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// `text` without a leading byte-order mark an editor put first.
fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

/// How a line of input came out of [`read_line`].
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Line {
    /// In `line`, its newline kept.
    Whole,
    /// Longer than the limit: read and dropped without being held.
    TooLong,
    /// Longer than [`MAX_FILE_BYTES`] without a newline (`/dev/zero`):
    /// the rest of the input is not read.
    Endless,
}

/// One line of `input` into `line`, reading at most `max` bytes of it;
/// `None` at the end of the input.
pub(super) fn read_line(
    input: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<Line>> {
    line.clear();
    let n = (&mut *input).take(max as u64 + 1).read_until(b'\n', line)?;
    if n == 0 {
        return Ok(None);
    }
    // Whole: it ended within the limit, or the input did.
    if line.ends_with(b"\n") || line.len() <= max {
        return Ok(Some(Line::Whole));
    }
    line.clear();
    // Too long: skip to the end of the line a buffer at a time, but not
    // forever.
    let mut skipped = n;
    while skipped <= MAX_FILE_BYTES {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            return Ok(Some(Line::TooLong));
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            input.consume(i + 1);
            return Ok(Some(Line::TooLong));
        }
        let all = buf.len();
        skipped += all;
        input.consume(all);
    }
    Ok(Some(Line::Endless))
}

/// A path as printed: a control character in a file name does not reach
/// the terminal.
pub(super) fn shown(path: &Path) -> String {
    crate::text::printable(&path.display().to_string()).into_owned()
}

/// Whether something is at `path`, a dangling symbolic link included
/// (`Path::exists` follows the link and says no).
pub(super) fn taken(path: &Path) -> bool {
    fs::symlink_metadata(path).is_ok()
}

/// Write `text` to `path` whole or not at all: into a new temporary file
/// in the same folder, flushed to disk, then renamed over `path`. A
/// failure removes the temporary file and leaves `path` as it was.
///
/// A file being replaced keeps what protects it: one that nobody may
/// write (no write bit, even for root) or this user may not is refused,
/// and so is one with other hard links (renaming over it would split
/// them) or one that is no regular file. The temporary file is created
/// with the file's mode, so its text is never more readable than the
/// file's, and given its owner and group where this user may (root may).
/// A text past the file-size limit (`ulimit -f`) is refused before a byte
/// is written.
pub(super) fn write_atomic(path: &Path, text: &[u8]) -> io::Result<()> {
    // Through a symbolic link to the file it names, which stays a link (a
    // link to nothing is replaced).
    let target = fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_symlink())
        .then(|| fs::canonicalize(path).ok())
        .flatten();
    let path = target.as_deref().unwrap_or(path);
    let existing = fs::metadata(path).ok();
    if let Some(meta) = &existing {
        writable(path, meta)?;
    }
    within_size_limit(text.len())?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "bote".into(), |n| n.to_string_lossy().into_owned());
    let (tmp, mut file) = temporary(&dir, &name, existing.as_ref())?;
    let written = (|| {
        if let Some(meta) = &existing {
            keep_owner_and_mode(&file, meta)?;
        }
        file.write_all(text)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Write `text` to `backup`, a copy of the file at `of` as it was, as
/// [`write_atomic`] does. A new backup is made no more readable than that
/// file (its owner may still write it, to replace it next time); one that
/// is there keeps its own mode.
pub(super) fn write_backup(backup: &Path, text: &[u8], of: &Path) -> io::Result<()> {
    let mut made = false;
    #[cfg(unix)]
    if !taken(backup)
        && let Ok(meta) = fs::metadata(of)
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(meta.permissions().mode() & 0o777 | 0o200)
            .open(backup)?;
        made = true;
    }
    #[cfg(not(unix))]
    let _ = of;
    let written = write_atomic(backup, text);
    if written.is_err() && made {
        // Not a backup left empty.
        let _ = fs::remove_file(backup);
    }
    written
}

/// Whether bote may replace the file at `path`, and why not.
fn writable(path: &Path, meta: &fs::Metadata) -> io::Result<()> {
    let refuse = |why: String| Err(io::Error::other(why));
    if !meta.is_file() {
        return refuse("it is not a regular file".into());
    }
    if meta.permissions().readonly() {
        // No write bit for anyone: read-only, whoever runs bote, root too
        // (whom access(2) would let through).
        return refuse(format!(
            "it is read-only{}; make it writable first (chmod u+w) if bote should fill it in",
            mode_said(meta)
        ));
    }
    // Whether this user may write it: opening it to write (and truncating
    // nothing) asks the system, which knows the user's groups.
    if let Err(e) = OpenOptions::new().write(true).open(path)
        && e.kind() == io::ErrorKind::PermissionDenied
    {
        return refuse(format!("you may not write it{}", mode_said(meta)));
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return refuse(format!(
                "it has {} hard links, and bote writes a file whole by renaming a new one \
                 over it, which would leave the other links with the old text; \
                 give bote a copy, or one name (a symbolic link is followed)",
                meta.nlink()
            ));
        }
    }
    Ok(())
}

/// ` (mode 444)`, the permission bits as `ls` counts them.
fn mode_said(meta: &fs::Metadata) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        format!(" (mode {:03o})", meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        String::new()
    }
}

/// Refuse `len` bytes past the file-size limit (`ulimit -f`): writing past
/// it would end bote with SIGXFSZ and leave the temporary file behind.
fn within_size_limit(len: usize) -> io::Result<()> {
    #[cfg(unix)]
    {
        let limit = rustix::process::getrlimit(rustix::process::Resource::Fsize).current;
        if let Some(limit) = limit
            && len as u64 > limit
        {
            return Err(io::Error::other(format!(
                "it would be {} bytes, past the file-size limit of {} bytes (ulimit -f)",
                crate::quantity::grouped(len),
                crate::quantity::grouped(usize::try_from(limit).unwrap_or(usize::MAX))
            )));
        }
    }
    let _ = len;
    Ok(())
}

/// Give the temporary `file` the owner, group and mode of the file it
/// replaces. The owner only where this user may set it (root); the mode
/// always, after the owner (a change of owner clears set-id bits).
fn keep_owner_and_mode(file: &File, meta: &fs::Metadata) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, fchown};
        if fchown(file, Some(meta.uid()), Some(meta.gid())).is_err() {
            // Not root: the group may still be one of this user's.
            let _ = fchown(file, None, Some(meta.gid()));
        }
    }
    file.set_permissions(meta.permissions())
}

/// A new file `.NAME.bote-N.tmp` in `dir`, created only if no such file
/// is there, with the mode of the file it will replace (`like`) from the
/// start, or the usual one for a new file.
fn temporary(dir: &Path, name: &str, like: Option<&fs::Metadata>) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.bote-{pid}-{n}.tmp"));
        let mut open = OpenOptions::new();
        open.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(meta) = like {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            // Never wider than the file's (the umask may narrow it; the
            // mode is set whole once the owner is).
            open.mode(meta.permissions().mode() & 0o777);
        }
        match open.open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    let _ = like;
    Err(io::Error::other("no free name for a temporary file"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_skipped_without_being_held() {
        let text = format!("1 + 1\n{}\n2 + 2\n", "9".repeat(50));
        let mut input = text.as_bytes();
        let mut line = Vec::new();
        let mut read = |input: &mut &[u8]| read_line(input, &mut line, 10).unwrap();
        assert_eq!(read(&mut input), Some(Line::Whole));
        assert_eq!(read(&mut input), Some(Line::TooLong));
        assert_eq!(read(&mut input), Some(Line::Whole));
        assert_eq!(read(&mut input), None);
        // A line of exactly the limit, with or without its newline, is whole.
        let mut input: &[u8] = b"0123456789\n0123456789";
        assert_eq!(read(&mut input), Some(Line::Whole));
        assert_eq!(read(&mut input), Some(Line::Whole));
        assert_eq!(line, b"0123456789");
    }
}
