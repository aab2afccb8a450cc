//! The command line: argument parsing and the subcommands, writing to the
//! streams it is handed. The binary supplies the streams and the colour
//! decision, and turns the returned status into the process exit code.

use crate::diagnostic::Diagnostic;
use crate::estimate::presets;
use crate::estimate::{self, Evaluated};
use crate::lang::eval::Env;
use crate::report::{self, Format};
use crate::units::Calendar;
use crate::{Answer, evaluate};
use clap::{Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::io::{self, BufRead, Read, Write};

const ABOUT: &str = "Back-of-the-envelope calculator for system-design estimates";

const EXAMPLES: &str = "\
Examples:
  bote eval '100M / month -> /s'            # 100 million a month, per second
  bote eval '4000/s * 500 bytes -> MB/s'    # read bandwidth
  bote eval '1 Gbit/s * 50 ms -> MB'        # bandwidth-delay product
  bote eval --let dau=500M 'dau * 5 / day'  # name a quantity first
  bote list                                 # the built-in presets
  bote run twitter-timeline                 # a preset's estimate, as tables
  bote run url-shortener --set read_ratio=1000 --format markdown";

#[derive(Parser, Debug)]
#[command(name = "bote", version, about = ABOUT, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour output: auto (a terminal, and NO_COLOR unset), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Evaluate expressions with units and print the results.
    #[command(after_long_help = EVAL_HELP)]
    Eval(EvalArgs),
    /// Run an estimate (a preset or a YAML file) and print its report.
    #[command(after_long_help = RUN_HELP)]
    Run(RunArgs),
    /// Check that estimates reproduce their published figures; exits 1 if any do not.
    Check {
        /// Presets or files; with none, every preset.
        #[arg(value_name = "PRESET|FILE")]
        targets: Vec<String>,
    },
    /// List the built-in presets.
    List,
    /// Print a preset's YAML, to copy into a file of your own and edit.
    Show {
        #[arg(value_name = "PRESET")]
        preset: String,
    },
}

const RUN_HELP: &str = "\
Examples:
  bote run twitter-timeline
  bote run url-shortener --set read_ratio=1000 --explain
  bote run my-estimate.yaml --format markdown >> notes.md
  bote run stripe-payments --format json | jq '.sections[0]'

Exit status: 0 on success, 1 on an error in the estimate, 2 on a usage error.";

#[derive(clap::Args, Debug)]
struct RunArgs {
    /// A preset name (see `bote list`), the path of an estimate file, or `-`
    /// to read one from standard input.
    #[arg(value_name = "PRESET|FILE")]
    target: String,
    /// Override an assumption for this run, as NAME=EXPR (repeatable).
    #[arg(long = "set", value_name = "NAME=EXPR")]
    sets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RunFormat::Table)]
    format: RunFormat,
    /// Show each derivation with the numbers substituted.
    #[arg(long)]
    explain: bool,
    /// Fit tables to this many columns [default: on a terminal, $COLUMNS or
    /// the terminal's width; piped, no limit].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    width: Option<u16>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RunFormat {
    Table,
    Markdown,
    Json,
    Csv,
}

const EVAL_HELP: &str = "\
Numbers: 12  2.5  1e9  1_000_000  12,500  99.99%  $50
Magnitudes: thousand million billion trillion, or k K M B bn T written straight
  after the digits: 100M is 100 million, 2.5B is 2.5 billion. With a space,
  `500 B` is 500 bytes; 100MB is 100 megabytes.
Units: B kB KB MB GB TB PB EB, KiB MiB GiB TiB PiB, bit kbit Mbit Gbit (Kb Mb Gb),
  bps kbps Mbps Gbps, ns us ms s min h day week month year, m km, $ USD.
Operators: + - * / ^ (or **), `per`; a unit after a number binds tighter than /,
  so `50000 / 4 s` is 12,500 /s.
Conversion: EXPR -> UNIT (or `to`, `in`): `100M / month -> /s`, `99.9% * 99.9% -> %`.
Functions: ceil floor round min max abs sqrt ln log10 log2.
Calendar: a year is 365 days and a month is a twelfth of it unless --month/--year say otherwise.

With no EXPR, reads one expression per line from standard input (blank lines
and lines starting with # are skipped).

Exit status: 0 on success, 1 on an error in the input, 2 on a usage error.";

#[derive(clap::Args, Debug)]
struct EvalArgs {
    /// The expression; several words are joined with spaces. Quote it in the shell.
    #[arg(allow_negative_numbers = true, num_args = 0.., value_name = "EXPR")]
    expr: Vec<String>,
    /// Define a name first, as NAME=EXPR (repeatable; later ones may use earlier ones).
    #[arg(long = "let", value_name = "NAME=EXPR")]
    lets: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = EvalFormat::Text)]
    format: EvalFormat,
    /// Also show how the expression was read, magnitudes and units spelled out.
    #[arg(long)]
    explain: bool,
    /// Length of a month, e.g. '30 days' (default: a twelfth of the year).
    #[arg(long, value_name = "EXPR")]
    month: Option<String>,
    /// Length of a year, e.g. '360 days' (default: 365 days).
    #[arg(long, value_name = "EXPR")]
    year: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum EvalFormat {
    Text,
    Json,
}

/// The streams and terminal facts a command runs with.
pub struct Io<'a> {
    pub stdin: &'a mut dyn BufRead,
    pub stdout: &'a mut dyn Write,
    pub stderr: &'a mut dyn Write,
    /// Whether to colour what goes to stderr (diagnostics).
    pub color: bool,
    /// Whether to colour what goes to stdout (table reports).
    pub color_out: bool,
    /// The width of the terminal stdout goes to, if it goes to one.
    pub term_width: Option<usize>,
}

/// Exit status: the input was bad.
pub const EXIT_INPUT: i32 = 1;
/// Exit status: the command line was bad.
pub const EXIT_USAGE: i32 = 2;

/// Run bote with `args` (including the program name); returns the exit status.
pub fn run(args: impl IntoIterator<Item = OsString>, io: &mut Io<'_>) -> i32 {
    let cli = match Cli::try_parse_from(negative_expressions(args)) {
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
        Command::Eval(args) => eval_cmd(&args, io),
        Command::Run(args) => run_cmd(&args, io),
        Command::Check { targets } => check_cmd(&targets, io),
        Command::List => list_cmd(io),
        Command::Show { preset } => show_cmd(&preset, io),
    };
    result.unwrap_or_else(|err| write_failed(&err, io.stderr))
}

/// `bote eval '-5 bytes'` is an expression, not a flag: after `eval`, an
/// argument that starts with `-` and then neither a letter nor another `-`
/// gets a leading space, which clap reads as a value and the lexer skips.
fn negative_expressions(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    let Some(eval) = args.iter().skip(1).position(|a| a == "eval") else {
        return args;
    };
    for arg in &mut args[eval + 2..] {
        let expression = arg.to_str().is_some_and(|a| {
            let mut chars = a.chars();
            chars.next() == Some('-')
                && chars.next().is_some_and(|c| c != '-' && !c.is_alphabetic())
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
    let _ = writeln!(stderr, "error: cannot write output: {err}");
    EXIT_INPUT
}

/// Report an error in a command-line expression; returns the status for it.
fn report(io: &mut Io<'_>, d: &Diagnostic) -> io::Result<i32> {
    io.stderr.write_all(d.render(io.color).as_bytes())?;
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
pub fn calendar_from(month: Option<&str>, year: Option<&str>) -> Result<Calendar, Box<Diagnostic>> {
    let mut calendar = Calendar::default();
    for (flag, text, slot) in [("--year", year, 1), ("--month", month, 0)] {
        let Some(text) = text else { continue };
        let env = Env::new(calendar);
        let answer =
            evaluate(text, &env).map_err(|e| Box::new(Diagnostic::from_expr(&e, flag, text)))?;
        let q = answer.quantity;
        if q.dim() != crate::quantity::dimension::Dimension::TIME || q.si_value() <= 0.0 {
            let span = crate::span::Span::new(0, text.len());
            let message = format!("{flag} must be a positive time, such as '30 days'");
            return Err(Box::new(Diagnostic::new(message, flag, text, span)));
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

fn eval_cmd(args: &EvalArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let calendar = match calendar_from(args.month.as_deref(), args.year.as_deref()) {
        Ok(c) => c,
        Err(d) => return report(io, &d),
    };
    let mut env = Env::new(calendar);
    for binding in &args.lets {
        let (name, expr) = match split_binding(binding, "--let") {
            Ok(pair) => pair,
            Err(d) => return report(io, &d),
        };
        match evaluate(expr, &env) {
            Ok(a) => env.set(name, a.quantity),
            Err(e) => {
                return report(
                    io,
                    &Diagnostic::from_expr(&e, &format!("--let {name}"), expr),
                );
            }
        }
    }
    if !args.expr.is_empty() {
        let src = args.expr.join(" ");
        return eval_one(src.trim(), &env, args, 0, io);
    }
    let mut status = 0;
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        if io.stdin.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            // One bad line is reported and skipped; the rest still count.
            status = EXIT_INPUT;
            let msg = format!("line {number} of standard input is not UTF-8 text; skipped");
            if args.format == EvalFormat::Json {
                let obj = serde_json::json!({ "expression": null, "line": number, "error": msg });
                writeln!(io.stdout, "{obj}")?;
            } else {
                writeln!(io.stdout)?;
            }
            writeln!(io.stderr, "error: {msg}")?;
            continue;
        };
        let src = text.trim();
        if src.is_empty() || src.starts_with('#') {
            continue;
        }
        status = status.max(eval_one(src, &env, args, number, io)?);
    }
    Ok(status)
}

/// Evaluate one expression and print its answer; `line` is its line of
/// standard input (0 for the command line). A failed expression prints an
/// empty line (text) or an error object (JSON), so output line `n` is
/// always the answer to input `n`.
fn eval_one(
    src: &str,
    env: &Env,
    args: &EvalArgs,
    line: usize,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    match evaluate(src, env) {
        Ok(answer) => {
            match args.format {
                EvalFormat::Text if args.explain => {
                    writeln!(io.stdout, "{}  =  {}", answer.input, answer.shown.text)?
                }
                EvalFormat::Text => writeln!(io.stdout, "{}", answer.shown.text)?,
                EvalFormat::Json => writeln!(io.stdout, "{}", answer_json(&answer))?,
            }
            Ok(0)
        }
        Err(e) => {
            if args.format == EvalFormat::Json {
                let obj = serde_json::json!({ "expression": src, "error": e.to_string() });
                writeln!(io.stdout, "{obj}")?;
            } else if line > 0 {
                writeln!(io.stdout)?;
            }
            let mut d = Diagnostic::from_expr(&e, "", src);
            if line > 0 {
                d.origin = "<stdin>".into();
                d.first_line = line;
            }
            report(io, &d)
        }
    }
}

/// The JSON object for one answer; its fields are a documented contract.
pub fn answer_json(a: &Answer) -> serde_json::Value {
    serde_json::json!({
        "input": a.input,
        "value": a.shown.value,
        "unit": a.shown.unit,
        "text": a.shown.text,
        "dimension": a.quantity.dim().name(),
        "si_value": a.quantity.si_value(),
        "si_unit": a.quantity.dim().base_units(),
    })
}

/// Read a preset or an estimate file into text, with a name for messages.
fn source_of(target: &str) -> Result<(String, String), String> {
    if let Some(text) = presets::get(target) {
        return Ok((format!("preset {target}"), text.to_string()));
    }
    let path = std::path::Path::new(target);
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let names = presets::PRESETS.iter().map(|(n, _)| *n);
            let hint = match crate::suggest::closest(target, names).first() {
                Some(h) => format!("; did you mean the preset `{h}`?"),
                None => "; `bote list` shows the presets".into(),
            };
            return Err(format!("no preset or file named `{target}`{hint}"));
        }
        Err(e) => return Err(format!("cannot read `{target}`: {e}")),
    };
    if meta.is_dir() {
        return Err(format!(
            "`{target}` is a directory; give an estimate file (.yaml) or a preset name"
        ));
    }
    if meta.len() > crate::yaml::MAX_FILE_BYTES as u64 {
        return Err(format!(
            "`{target}` is {} bytes; bote reads estimate files of at most {} bytes",
            meta.len(),
            crate::yaml::MAX_FILE_BYTES
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read `{target}`: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{target}` is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok((target.to_string(), text))
}

/// An estimate file from standard input (`bote run -`).
fn read_stdin(stdin: &mut dyn BufRead) -> io::Result<Result<(String, String), String>> {
    let max = crate::yaml::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    stdin.take(max as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > max {
        return Ok(Err(format!(
            "standard input holds more than {max} bytes; bote reads estimate files of at most {max} bytes"
        )));
    }
    Ok(String::from_utf8(bytes)
        .map(|text| ("<stdin>".to_string(), text))
        .map_err(|e| {
            format!(
                "standard input is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        }))
}

/// Load and evaluate one estimate, applying `--set`s; errors are reported.
fn load_estimate(
    target: &str,
    sets: &[String],
    io: &mut Io<'_>,
) -> io::Result<Result<Evaluated, i32>> {
    let source = if target == "-" {
        read_stdin(io.stdin)?
    } else {
        source_of(target)
    };
    let (origin, text) = match source {
        Ok(pair) => pair,
        Err(msg) => {
            writeln!(io.stderr, "error: {msg}")?;
            return Ok(Err(EXIT_INPUT));
        }
    };
    let mut est = match estimate::load_owned(&origin, text) {
        Ok(e) => e,
        Err(d) => return report(io, &d).map(Err),
    };
    for set in sets {
        let (name, expr) = match split_binding(set, "--set") {
            Ok(pair) => pair,
            Err(d) => return report(io, &d).map(Err),
        };
        if let Err(d) = est.set(name, expr) {
            return report(io, &d).map(Err);
        }
    }
    match est.evaluate() {
        Ok(ev) => Ok(Ok(ev)),
        Err(d) => report(io, &d).map(Err),
    }
}

fn run_cmd(args: &RunArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let ev = match load_estimate(&args.target, &args.sets, io)? {
        Ok(ev) => ev,
        Err(status) => return Ok(status),
    };
    let format = match args.format {
        RunFormat::Table => Format::Table,
        RunFormat::Markdown => Format::Markdown,
        RunFormat::Json => Format::Json,
        RunFormat::Csv => Format::Csv,
    };
    let opts = report::Options {
        explain: args.explain,
        color: io.color_out,
        width: args.width.map(usize::from).or(io.term_width),
    };
    report::write(&ev, format, opts, io.stdout)?;
    // The process ends next; freeing a large estimate node by node would cost
    // as much as a tenth of the run (measured on 10,000 quantities).
    std::mem::forget(ev);
    Ok(0)
}

fn check_cmd(targets: &[String], io: &mut Io<'_>) -> io::Result<i32> {
    let all: Vec<String> = if targets.is_empty() {
        presets::PRESETS
            .iter()
            .map(|(n, _)| (*n).to_string())
            .collect()
    } else {
        targets.to_vec()
    };
    let mut status = 0;
    for target in &all {
        let ev = match load_estimate(target, &[], io)? {
            Ok(ev) => ev,
            Err(s) => {
                status = status.max(s);
                continue;
            }
        };
        let total = ev.expectations();
        let failed: Vec<_> = ev.failed_expectations().collect();
        if failed.is_empty() {
            writeln!(
                io.stdout,
                "ok    {target}: {total} published figures reproduced"
            )?;
            continue;
        }
        status = EXIT_INPUT;
        writeln!(
            io.stdout,
            "FAIL  {target}: {} of {total} published figures not reproduced",
            failed.len()
        )?;
        for row in failed {
            let item = &ev.estimate.items[row.item];
            if let (Some(c), Some(x)) = (&row.expect, &item.expect) {
                let why = match c.off_by {
                    Some(_) => format!("{}, tolerance {:.0}%", c.off_text(1), x.tolerance * 100.0),
                    None => "only an exact 0 matches a published 0".into(),
                };
                writeln!(
                    io.stdout,
                    "      {}: computed {}, published {} ({why})",
                    item.name, row.shown.text, c.shown.text,
                )?;
            }
        }
    }
    Ok(status)
}

fn list_cmd(io: &mut Io<'_>) -> io::Result<i32> {
    let width = presets::PRESETS
        .iter()
        .map(|(n, _)| n.len())
        .max()
        .unwrap_or(0);
    for (name, text) in presets::PRESETS {
        writeln!(io.stdout, "{name:<width$}  {}", presets::title(text))?;
    }
    Ok(0)
}

fn show_cmd(name: &str, io: &mut Io<'_>) -> io::Result<i32> {
    match presets::get(name) {
        Some(text) => {
            io.stdout.write_all(text.as_bytes())?;
            Ok(0)
        }
        None => {
            let names = presets::PRESETS.iter().map(|(n, _)| *n);
            let hint = crate::suggest::closest(name, names)
                .first()
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            writeln!(
                io.stderr,
                "error: no preset named `{name}`{hint} (`bote list` shows them)"
            )?;
            Ok(EXIT_INPUT)
        }
    }
}
