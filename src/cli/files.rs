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
/// failure removes the temporary file and leaves `path` as it was. The
/// permissions of a file being replaced are kept.
pub(super) fn write_atomic(path: &Path, text: &[u8]) -> io::Result<()> {
    // Through a symbolic link to the file it names, which stays a link (a
    // link to nothing is replaced).
    let target = fs::symlink_metadata(path)
        .is_ok_and(|m| m.file_type().is_symlink())
        .then(|| fs::canonicalize(path).ok())
        .flatten();
    let path = target.as_deref().unwrap_or(path);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "bote".into(), |n| n.to_string_lossy().into_owned());
    let (tmp, mut file) = temporary(&dir, &name)?;
    let written = (|| {
        file.write_all(text)?;
        if let Ok(meta) = fs::metadata(path) {
            file.set_permissions(meta.permissions())?;
        }
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// A new file `.NAME.bote-N.tmp` in `dir`, created only if no such file
/// is there.
fn temporary(dir: &Path, name: &str) -> io::Result<(PathBuf, File)> {
    let pid = std::process::id();
    for n in 0..100 {
        let tmp = dir.join(format!(".{name}.bote-{pid}-{n}.tmp"));
        match OpenOptions::new().write(true).create_new(true).open(&tmp) {
            Ok(file) => return Ok((tmp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
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
