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
    let term_height = terminal_height();
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
        term_height,
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

/// The width to fit tables to: `COLUMNS` if set to a number, piped or
/// not (a shell does not export it unless asked: set, it is the user's
/// word), else the terminal's own width when stdout is a terminal.
fn terminal_width() -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok());
    if !io::stdout().is_terminal() {
        return columns;
    }
    columns.or_else(|| terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)))
}

/// The height of the terminal stdout goes to, in rows: `LINES` if set to
/// a number, else the terminal's own.
fn terminal_height() -> Option<usize> {
    if !io::stdout().is_terminal() {
        return None;
    }
    let lines = std::env::var("LINES")
        .ok()
        .and_then(|l| l.trim().parse().ok());
    lines.or_else(|| terminal_size::terminal_size().map(|(_, h)| usize::from(h.0)))
}
