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
    let shown = path.display();
    let meta = fs::metadata(path).map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    if meta.is_dir() {
        return Err(format!(
            "`{shown}` is a directory; give an estimate file (.yaml) or a preset name"
        ));
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
    text_of(bytes, &format!("`{shown}`"))
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
    Ok(text_of(bytes, "standard input"))
}

/// `bytes` as text without a leading byte-order mark, or why not.
fn text_of(bytes: Vec<u8>, what: &str) -> Result<String, String> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{what} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// One line of `input` into `line` (its newline kept), reading at most
/// `max` bytes of it: `Ok(None)` at the end, `Ok(Some(false))` for a line
/// longer than `max`, whose rest is read and dropped without being held.
pub(super) fn read_line(
    input: &mut dyn BufRead,
    line: &mut Vec<u8>,
    max: usize,
) -> io::Result<Option<bool>> {
    line.clear();
    let n = (&mut *input).take(max as u64 + 1).read_until(b'\n', line)?;
    if n == 0 {
        return Ok(None);
    }
    // Whole: it ended within the limit, or the input did.
    if line.ends_with(b"\n") || line.len() <= max {
        return Ok(Some(true));
    }
    // Too long: skip to the end of the line a buffer at a time.
    loop {
        let buf = input.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        match buf.iter().position(|&b| b == b'\n') {
            Some(i) => {
                input.consume(i + 1);
                break;
            }
            None => {
                let all = buf.len();
                input.consume(all);
            }
        }
    }
    line.clear();
    Ok(Some(false))
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
        assert_eq!(read_line(&mut input, &mut line, 10).unwrap(), Some(true));
        assert_eq!(line, b"1 + 1\n");
        assert_eq!(read_line(&mut input, &mut line, 10).unwrap(), Some(false));
        assert!(line.is_empty());
        assert_eq!(read_line(&mut input, &mut line, 10).unwrap(), Some(true));
        assert_eq!(line, b"2 + 2\n");
        assert_eq!(read_line(&mut input, &mut line, 10).unwrap(), None);
        // A line of exactly the limit, with or without its newline, is whole.
        let mut input: &[u8] = b"0123456789\n0123456789";
        assert_eq!(read_line(&mut input, &mut line, 10).unwrap(), Some(true));
        assert_eq!(read_line(&mut input, &mut line, 10).unwrap(), Some(true));
        assert_eq!(line, b"0123456789");
    }
}
