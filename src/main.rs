//! The `bote` binary: hands the process's streams to the library and exits
//! with the status it returns. Errors are printed by the library, never as a
//! `Result` from `main`.

use std::io::{self, IsTerminal};

fn main() {
    // Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = io::stderr().is_terminal() && !no_color;
    let color_out = io::stdout().is_terminal() && !no_color;
    let term_width = terminal_width();
    if stdout_was_closed() {
        let d = bote::Diagnostic::message("cannot write output: standard output is closed");
        eprint!("{}", d.render(color));
        std::process::exit(bote::EXIT_INPUT);
    }
    let stdin = io::stdin();
    let mut stdin = stdin.lock();
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    let mut stderr = io::stderr().lock();
    let mut io = bote::Io {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        color,
        color_out,
        term_width,
        process_ends: true,
        interactive: io::stdin().is_terminal(),
    };
    let mut status = bote::run(std::env::args_os(), &mut io);
    if let Err(err) = io::Write::flush(&mut stdout)
        && err.kind() != io::ErrorKind::BrokenPipe
    {
        let d = bote::Diagnostic::message(format!("cannot write output: {err}"));
        eprint!("{}", d.render(color));
        status = bote::EXIT_INPUT;
    }
    std::process::exit(status);
}

/// The width to fit tables to when stdout is a terminal: `COLUMNS` if set
/// to a number, else the terminal's own width.
fn terminal_width() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    columns.or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
}

/// Was the process started with standard output closed (`bote eval 1+1 >&-`)?
/// The Rust runtime then opens `/dev/null` read-write in its place before
/// `main`, so the output would vanish without a word; a shell's
/// `> /dev/null` opens it write-only. Only Linux shows this (in `/proc`).
fn stdout_was_closed() -> bool {
    if !cfg!(target_os = "linux") || io::stdout().is_terminal() {
        return false;
    }
    let null =
        std::fs::read_link("/proc/self/fd/1").is_ok_and(|p| p == std::path::Path::new("/dev/null"));
    null && std::fs::read_to_string("/proc/self/fdinfo/1").is_ok_and(|info| {
        info.lines()
            .find_map(|l| l.strip_prefix("flags:"))
            .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
            .is_some_and(|flags| flags & 0o3 == 0o2)
    })
}
