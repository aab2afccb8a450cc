//! A report taller than the screen goes through a pager, as git's and
//! bat's do: `$BOTE_PAGER`, else `$PAGER`, else `less -FRX` (quit at once
//! when it fits, keep colours, leave the text on the screen). Only on a
//! terminal that can page: piped or redirected output is never paged, nor
//! is output to a terminal without a usable `TERM` (unset, or `dumb`, as
//! Emacs's shell sets it), where git does not page either.
//!
//! The pager's command is run as git runs it: a bare program name
//! directly, anything else through `sh -c`, so quotes, `$VARS` and
//! `LESS=R less` mean what they mean in a shell. A pager that cannot
//! start, or that exits with a failure (`PAGER=false`, a misspelt
//! command, which the shell reports with status 127), has not shown the
//! report: bote prints it itself, after a note on standard error.

use super::args::Paging;
use super::*;
use std::process::{Command, ExitStatus, Stdio};

/// Write `text`, through the pager when `paging` and the terminal call
/// for it.
pub(super) fn show(text: &str, paging: Paging, io: &mut Io<'_>) -> io::Result<()> {
    let tall = io
        .term_height
        .is_some_and(|rows| text.lines().count() >= rows);
    let page = io.term_height.is_some()
        && usable_term(std::env::var_os("TERM").as_deref())
        && match paging {
            Paging::Never => false,
            Paging::Always => true,
            Paging::Auto => tall,
        };
    if !page {
        return io.stdout.write_all(text.as_bytes());
    }
    io.stdout.flush()?;
    let chosen = chosen(
        std::env::var("BOTE_PAGER").ok(),
        std::env::var("PAGER").ok(),
    );
    let mut child = match command(&chosen).spawn() {
        Ok(child) => child,
        Err(e) => {
            warn(io, &format!("cannot start the pager `{chosen}`: {e}"))?;
            return io.stdout.write_all(text.as_bytes());
        }
    };
    let written = child
        .stdin
        .take()
        .map_or(Ok(()), |mut stdin| stdin.write_all(text.as_bytes()));
    let status = child.wait();
    match status {
        Ok(status) if failed(status) => {
            // A pager that fails has not shown the report (less, more and
            // most exit 0 when the reader quits): the report, then, as it
            // is, rather than nothing and status 0.
            let how = status.code().map_or_else(
                || "failed".to_string(),
                |c| format!("exited with status {c}"),
            );
            warn(io, &format!("the pager `{chosen}` {how}"))?;
            io.stdout.write_all(text.as_bytes())
        }
        // Quitting the pager early closes its input: not an error.
        _ => match written {
            Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e),
            _ => Ok(()),
        },
    }
}

/// Say on standard error why the report comes without the pager.
fn warn(io: &mut Io<'_>, why: &str) -> io::Result<()> {
    let why = crate::text::printable(why);
    writeln!(io.stderr, "warning: {why}; printing the report as it is")
}

/// Whether a terminal of type `term` can run a pager: not unset, empty
/// or `dumb`.
fn usable_term(term: Option<&std::ffi::OsStr>) -> bool {
    term.is_some_and(|t| !t.is_empty() && t != "dumb")
}

/// The pager's command: `$BOTE_PAGER`, else `$PAGER`, else `less -FRX`; a
/// blank one is passed over.
fn chosen(bote_pager: Option<String>, pager: Option<String>) -> String {
    [bote_pager, pager]
        .into_iter()
        .flatten()
        .find(|p| !p.trim().is_empty())
        .unwrap_or_else(|| "less -FRX".to_string())
}

/// A pager's exit that says it did not show the report: a non-zero
/// status. A pager ended by a signal (the reader's Ctrl-C) showed what it
/// could; the report is not printed again under it.
fn failed(status: ExitStatus) -> bool {
    status.code().is_some_and(|c| c != 0)
}

/// The command that runs `pager` with its input a pipe: directly when it
/// is one bare word, else through `sh -c` (git's `prepare_shell_cmd`).
fn command(pager: &str) -> Command {
    let bare = !pager
        .trim()
        .contains(|c: char| c.is_whitespace() || "|&;<>()$`\\\"'*?[#~=%".contains(c));
    let mut cmd = if bare {
        Command::new(pager.trim())
    } else {
        let mut sh = Command::new("sh");
        // `"$@"` after the command, as git does, so the pager gets no
        // argument of bote's.
        sh.arg("-c").arg(format!("{pager} \"$@\"")).arg(pager);
        sh
    };
    cmd.stdin(Stdio::piped());
    // The flags git gives less (and lv), unless the user set their own.
    if std::env::var_os("LESS").is_none() {
        cmd.env("LESS", "FRX");
    }
    if std::env::var_os("LV").is_none() {
        cmd.env("LV", "-c");
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn a_pager_needs_a_usable_term() {
        assert!(!usable_term(None));
        assert!(!usable_term(Some(OsStr::new(""))));
        assert!(!usable_term(Some(OsStr::new("dumb"))));
        assert!(usable_term(Some(OsStr::new("xterm-256color"))));
    }

    #[test]
    fn the_pager_is_chosen_as_git_chooses_it() {
        assert_eq!(chosen(None, None), "less -FRX");
        assert_eq!(chosen(Some(" ".into()), Some("more".into())), "more");
        assert_eq!(chosen(Some("bat".into()), Some("more".into())), "bat");
        let argv = |p: &str| {
            let c = command(p);
            std::iter::once(c.get_program())
                .chain(c.get_args())
                .map(|a| a.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(argv("less"), ["less"]);
        assert_eq!(
            argv(r#"sh -c "exit 3""#),
            ["sh", "-c", r#"sh -c "exit 3" "$@""#, r#"sh -c "exit 3""#]
        );
    }
}
