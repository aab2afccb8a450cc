//! The command line: argument parsing and the subcommands, writing to the
//! streams it is handed. The binary supplies the streams and the colour
//! decision, and turns the returned status into the process exit code.

mod args;
mod diff;
mod eval;
mod files;
mod new;
mod notes;
mod pager;
mod practice;
mod repl;
mod run;
pub(crate) mod sheets;
mod source;
mod watch;

use crate::diagnostic::Diagnostic;
use crate::lang::env::Env;
use crate::units::Calendar;
use args::{Cli, ColorChoice, Command};
use eval::eval_cmd;
use run::{check_cmd, list_cmd, run_cmd, show_cmd};
use std::ffi::OsString;
use std::io::{self, BufRead, Write};

/// The streams and terminal facts a command runs with.
pub struct Io<'a> {
    /// Where `bote eval` and `bote run -` read their input.
    pub stdin: &'a mut dyn BufRead,
    /// Where answers and reports go.
    pub stdout: &'a mut dyn Write,
    /// Where errors go.
    pub stderr: &'a mut dyn Write,
    /// Whether to colour what goes to stderr (diagnostics).
    pub color: bool,
    /// Whether to colour what goes to stdout (table reports).
    pub color_out: bool,
    /// The width to fit output to: the terminal's stdout goes to, or an
    /// explicit `$COLUMNS` (piped too), or `--width`.
    pub term_width: Option<usize>,
    /// Its height, in rows: a report taller than it is paged.
    pub term_height: Option<usize>,
    /// The process ends when this run does, so what it built need not be
    /// freed. The binary sets it; a test or any other caller running bote
    /// in its own process leaves it false, and nothing leaks.
    pub process_ends: bool,
    /// Standard input is a terminal: `bote eval` with no expression prompts.
    pub interactive: bool,
}

/// Exit status: the input was bad.
pub const EXIT_INPUT: i32 = 1;
/// Exit status: the command line was bad.
pub const EXIT_USAGE: i32 = 2;

/// Run bote with `args` (including the program name); returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> i32 {
    // `COLUMNS=3`, or a terminal ten columns wide, is fitted as `--width`'s
    // least: one character a line helps nobody.
    io.term_width = io.term_width.map(|w| w.max(crate::report::MIN_WIDTH));
    // Help fits the terminal it is printed on.
    let mut command = <Cli as clap::CommandFactory>::command();
    if let Some(w) = io.term_width {
        command = command.term_width(w);
    }
    let (matches, parsed) = match command.try_get_matches_from_mut(negative_expressions(args)) {
        Ok(m) => {
            let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&m);
            (Some(m), cli)
        }
        Err(e) => (None, Err(e)),
    };
    // The command tree is not needed again; freeing it piece by piece was a
    // twentieth of `bote eval`'s start-up, for memory the process returns anyway.
    if io.process_ends {
        std::mem::forget(command);
    }
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            let text = if io.color {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let (stream, code) = if e.use_stderr() {
                (&mut *io.stderr, EXIT_USAGE)
            } else {
                (&mut *io.stdout, 0)
            };
            return match stream.write_all(text.as_bytes()) {
                Ok(()) => code,
                Err(err) => write_failed(&err, io.stderr),
            };
        }
    };
    match cli.color {
        ColorChoice::Auto => {}
        ColorChoice::Always => (io.color, io.color_out) = (true, true),
        ColorChoice::Never => (io.color, io.color_out) = (false, false),
    }
    let result = match cli.command {
        Command::Eval(args) => match eval::environment(&args) {
            Ok(env) if args.pad.is_some() => {
                let file = args.pad.clone().unwrap_or_default();
                notes::pad_cmd(env, &args, &file, io)
            }
            Ok(env) if args.expr.is_empty() && io.interactive => repl::repl(env, &args, io),
            Ok(env) => eval_cmd(env, &args, io),
            Err(d) => report(io, &d),
        },
        Command::Run(args) if args.watch => watch::watch(&args, io),
        Command::Run(args) => run_cmd(&args, cli.paging, io),
        Command::Check {
            targets,
            sampling,
            sheets,
            width,
        } => {
            fit(io, width);
            check_cmd(&targets, sampling, &sheets, io)
        }
        Command::Diff(mut args) => {
            // A `--set` written after NEW is NEW's.
            if let Some(m) = matches.as_ref().and_then(|m| m.subcommand_matches("diff")) {
                let new_at = m
                    .indices_of("targets")
                    .and_then(|mut i| i.next_back())
                    .unwrap_or(0);
                args.new_sets = m
                    .indices_of("sets")
                    .map(|i| i.map(|at| at > new_at).collect())
                    .unwrap_or_default();
            }
            diff::diff_cmd(&args, io)
        }
        Command::List => list_cmd(io),
        Command::Refs {
            filter,
            format,
            width,
        } => {
            fit(io, width);
            sheets::sheet_cmd(
                crate::sheets::Kind::References,
                filter.as_deref(),
                format,
                io,
            )
        }
        Command::Prices {
            filter,
            format,
            width,
        } => {
            fit(io, width);
            sheets::sheet_cmd(crate::sheets::Kind::Prices, filter.as_deref(), format, io)
        }
        Command::Show { preset } => show_cmd(&preset, io),
        // Generated into memory, then written as any output is: clap's
        // generators panic on a write error (a full disk, a closed pipe).
        Command::Completions { shell } => {
            let mut cmd = <args::Cli as clap::CommandFactory>::command();
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cmd, "bote", &mut script);
            io.stdout.write_all(&script).map(|()| 0)
        }
        Command::New { name, from, force } => new::new_cmd(&name, from.as_deref(), force, io),
        Command::Notes(args) => notes::notes_cmd(&args, io),
        Command::Practice(args) => {
            fit(io, args.width);
            practice::practice_cmd(&args, io)
        }
        Command::Schema => io
            .stdout
            .write_all(crate::format::schema().as_bytes())
            .map(|()| 0),
        Command::Man { dir } => man_cmd(dir.as_deref(), io),
    };
    result.unwrap_or_else(|err| write_failed(&err, io.stderr))
}

/// `bote man`: bote.1 on standard output, or with `--dir` bote.1 and a
/// page per subcommand written into that folder (each whole or not at
/// all), so that every `bote-COMMAND(1)` the first page names exists.
fn man_cmd(dir: Option<&std::path::Path>, io: &mut Io<'_>) -> io::Result<i32> {
    // No `help` subcommand: it would be named, and has no page.
    let mut cmd = <args::Cli as clap::CommandFactory>::command().disable_help_subcommand(true);
    cmd.build();
    let render = |cmd: &clap::Command| -> io::Result<(String, Vec<u8>)> {
        let man = clap_mangen::Man::new(cmd.clone());
        let mut page = Vec::new();
        man.render(&mut page)?;
        Ok((man.get_filename(), page))
    };
    let Some(dir) = dir else {
        let (_, page) = render(&cmd)?;
        io.stdout.write_all(&page)?;
        return Ok(0);
    };
    let mut pages = vec![render(&cmd)?];
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        pages.push(render(&sub.clone().version(env!("CARGO_PKG_VERSION")))?);
    }
    let written = std::fs::create_dir_all(dir).and_then(|()| {
        pages
            .iter()
            .try_for_each(|(name, page)| files::write_atomic(&dir.join(name), page))
    });
    if let Err(e) = written {
        let msg = format!(
            "cannot write the manual pages into {}: {e}",
            files::shown(dir)
        );
        return report(io, &Diagnostic::message(msg));
    }
    writeln!(
        io.stdout,
        "wrote {} manual pages into {} (bote.1, bote-run.1, ...)",
        pages.len(),
        files::shown(dir)
    )?;
    Ok(0)
}

/// `--width N`: what is fitted to the terminal's width is fitted to N.
fn fit(io: &mut Io<'_>, width: Option<u16>) {
    if let Some(w) = width {
        io.term_width = Some(usize::from(w));
    }
}

/// `bote eval '-5 bytes'` is an expression, not a flag: after `eval`, an
/// argument of dashes and then something other than a letter (`-5`,
/// `--5`) gets a leading space, which clap reads as a value and the lexer skips.
fn negative_expressions(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    let Some(eval) = args.iter().skip(1).position(|a| a == "eval") else {
        return args;
    };
    for arg in &mut args[eval + 2..] {
        // `-5`, `--5` (minus minus five), `-(1 + 2)`; not `-x`, `--let`
        // or the `--` that ends the flags.
        let expression = arg.to_str().is_some_and(|a| {
            let rest = a.trim_start_matches('-');
            a.starts_with('-') && rest.chars().next().is_some_and(|c| !c.is_alphabetic())
        });
        if expression {
            let mut spaced = OsString::from(" ");
            spaced.push(&*arg);
            *arg = spaced;
        }
    }
    args
}

/// A closed pipe ends quietly (`bote … | head -1`); any other write error is reported.
fn write_failed(err: &io::Error, stderr: &mut dyn Write) -> i32 {
    if err.kind() == io::ErrorKind::BrokenPipe {
        return 0;
    }
    let d = Diagnostic::message(format!("cannot write output: {err}"));
    let _ = stderr.write_all(d.render(false).as_bytes());
    EXIT_INPUT
}

/// Report an error in a command-line expression; returns the status for it.
/// Write `line` to `w`, wrapped to `width` columns when there is a width
/// (a terminal's), later lines indented by four.
fn write_fitted(w: &mut dyn Write, width: Option<usize>, line: &str) -> io::Result<()> {
    for part in crate::text::wrap_hanging(line, width.unwrap_or(usize::MAX), 4) {
        writeln!(w, "{part}")?;
    }
    Ok(())
}

fn report(io: &mut Io<'_>, d: &Diagnostic) -> io::Result<i32> {
    io.stderr
        .write_all(d.render_fitted(io.color, io.term_width).as_bytes())?;
    Ok(EXIT_INPUT)
}

/// Parse `NAME=EXPR`, rejecting names the expression language reserves.
/// A bad binding is an error in the input (exit 1), as a bad expression
/// is; only what clap rejects is a usage error (exit 2).
fn split_binding<'s>(binding: &'s str, flag: &str) -> Result<(&'s str, &'s str), Box<Diagnostic>> {
    let Some((name, expr)) = binding.split_once('=') else {
        let span = crate::span::Span::new(0, binding.len());
        let message = format!("{flag} expects NAME=EXPR, such as {flag} users=10M");
        return Err(Box::new(Diagnostic::new(message, flag, binding, span)));
    };
    let trimmed = name.trim();
    if let Some(problem) = crate::lang::parser::name_problem(trimmed) {
        let start = name.len() - name.trim_start().len();
        let span = crate::span::Span::new(start, start + trimmed.len());
        return Err(Box::new(Diagnostic::new(problem, flag, binding, span)));
    }
    Ok((trimmed, expr))
}

/// Evaluate the length of a month or year given on the command line.
pub(crate) fn calendar_from(
    month: Option<&str>,
    year: Option<&str>,
) -> Result<Calendar, Box<Diagnostic>> {
    let mut calendar = Calendar::default();
    for (flag, text, slot) in [("--year", year, 1), ("--month", month, 0)] {
        let Some(text) = text else { continue };
        let env = Env::new(calendar);
        let answer = crate::lang::evaluate_exact(text, &env)
            .map_err(|e| Box::new(e.diagnostic(flag, text)))?;
        let q = answer.quantity;
        if q.dim() != crate::quantity::dimension::Dimension::TIME || q.si_value() <= 0.0 {
            let span = crate::span::Span::new(0, text.len());
            let message = format!("{flag} must be a positive time, such as '30 days'");
            return Err(Box::new(Diagnostic::new(message, flag, text, span)));
        }
        let which = if slot == 1 { "year" } else { "month" };
        if let Some(problem) = Calendar::length_problem(which, q.si_value()) {
            let span = crate::span::Span::new(0, text.len());
            return Err(Box::new(Diagnostic::new(
                format!("{flag}: {problem}"),
                flag,
                text,
                span,
            )));
        }
        if slot == 1 {
            calendar.year_s = q.si_value();
            if month.is_none() {
                calendar.month_s = q.si_value() / 12.0;
            }
        } else {
            calendar.month_s = q.si_value();
        }
    }
    Ok(calendar)
}
