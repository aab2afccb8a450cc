//! A report taller than the screen goes through a pager, as git's and
//! bat's do: `$BOTE_PAGER`, else `$PAGER`, else `less -FRX` (quit at once
//! when it fits, keep colours, leave the text on the screen). Only on a
//! terminal: piped or redirected output is never paged.

use super::args::Paging;
use super::*;
use std::process::{Command, Stdio};

/// Write `text`, through the pager when `paging` and the terminal call
/// for it.
pub(super) fn show(text: &str, paging: Paging, io: &mut Io<'_>) -> io::Result<()> {
    let tall = io
        .term_height
        .is_some_and(|rows| text.lines().count() >= rows);
    let page = io.term_height.is_some()
        && match paging {
            Paging::Never => false,
            Paging::Always => true,
            Paging::Auto => tall,
        };
    if !page {
        return io.stdout.write_all(text.as_bytes());
    }
    io.stdout.flush()?;
    match spawn() {
        Some(mut child) => {
            let written = child
                .stdin
                .take()
                .map_or(Ok(()), |mut stdin| stdin.write_all(text.as_bytes()));
            let _ = child.wait();
            // Quitting the pager early closes its input: not an error.
            match written {
                Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
                _ => Ok(()),
            }
        }
        // No pager to be had: the text as it is.
        None => io.stdout.write_all(text.as_bytes()),
    }
}

/// The pager, started with its input a pipe; `None` when it cannot be.
fn spawn() -> Option<std::process::Child> {
    let chosen = ["BOTE_PAGER", "PAGER"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|p| !p.trim().is_empty()))
        .unwrap_or_else(|| "less -FRX".to_string());
    let mut words = chosen.split_whitespace();
    let program = words.next()?;
    let mut cmd = Command::new(program);
    cmd.args(words).stdin(Stdio::piped());
    // A bare `less` gets the flags git gives it, unless the user set LESS.
    if program.ends_with("less") && std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    cmd.spawn().ok()
}
