//! `bote eval`: expressions from the command line or standard input.

use super::args::{EvalArgs, EvalFormat};
use super::files::{self, Line};
use super::*;
use crate::diagnostic::Diagnostic;
use crate::lang::Answer;
use crate::lang::env::Env;
use crate::lang::evaluate_keyed;
use crate::lang::statement::{self, answer_text};
use crate::span::Span;
use std::io;

/// The environment `bote eval` starts in: the calendar, counts and
/// `--let` bindings its flags give, or the error one of them is.
pub(super) fn environment(args: &EvalArgs) -> Result<Env<'_>, Box<Diagnostic>> {
    let calendar = calendar_from(args.month.as_deref(), args.year.as_deref())?;
    let mut counts = crate::quantity::count::Counts::default();
    for entry in &args.counts {
        let (word, plural) = match entry.trim().split_once(':') {
            Some((w, p)) => (w.trim(), Some(p.trim())),
            None => (entry.trim(), None),
        };
        if let Err((_, why)) = crate::lang::declare_count(&mut counts, word, plural, &[]) {
            let d = Diagnostic::new(why, "--counts", entry, Span::new(0, entry.len()));
            return Err(Box::new(d));
        }
    }
    let mut env = Env::new(calendar)
        .sampling(
            args.sampling
                .apply(crate::quantity::sample::Sampling::default()),
        )
        .with_counts(counts);
    for binding in &args.lets {
        let (name, expr) = split_binding(binding, "--let")?;
        if env.get(name).is_some() {
            let start = binding.find(name).unwrap_or(0);
            let span = Span::new(start, start + name.len());
            let message = format!("`{name}` is given twice with --let; a name is defined once");
            return Err(Box::new(Diagnostic::new(message, "--let", binding, span)));
        }
        match evaluate_keyed(expr, &env, name) {
            Ok(a) => env.set(name, a.value),
            Err(e) => return Err(Box::new(e.diagnostic(&format!("--let {name}"), expr))),
        }
    }
    Ok(env)
}

/// `bote eval` on its arguments, or on standard input's lines.
pub(super) fn eval_cmd(mut env: Env<'_>, args: &EvalArgs, io: &mut Io<'_>) -> io::Result<i32> {
    if !args.expr.is_empty() {
        let mut status = 0;
        for statement in statements(&args.expr) {
            for src in statement.split(';') {
                status = status.max(eval_statement(src.trim(), &mut env, args, 0, io)?);
            }
        }
        return Ok(status);
    }
    let mut status = 0;
    let mut line = Vec::new();
    let max = crate::lang::lexer::MAX_EXPR_LEN;
    for number in 1.. {
        let Some(read) = files::read_line(io.stdin, &mut line, max)? else {
            break;
        };
        // One bad line is reported and skipped; the rest still count.
        let mut skip = |msg: String| -> io::Result<()> {
            if args.format == EvalFormat::Json {
                let obj = serde_json::json!({ "expression": null, "line": number, "error": msg });
                writeln!(io.stdout, "{obj}")?;
            } else {
                writeln!(io.stdout)?;
            }
            report(io, &Diagnostic::message(msg)).map(|_| ())
        };
        if read == Line::Endless {
            let max = crate::quantity::grouped(files::MAX_FILE_BYTES);
            let msg = format!(
                "line {number} of standard input runs past {max} bytes without an end; stopped reading"
            );
            report(io, &Diagnostic::message(msg))?;
            return Ok(EXIT_INPUT);
        }
        if read == Line::TooLong {
            status = EXIT_INPUT;
            let max = crate::quantity::grouped(max);
            skip(format!(
                "line {number} of standard input is longer than {max} bytes; skipped"
            ))?;
            continue;
        }
        // A byte-order mark an editor put first is not part of the text.
        if number == 1 && line.starts_with("\u{feff}".as_bytes()) {
            line.drain(..3);
        }
        let Ok(text) = std::str::from_utf8(&line) else {
            status = EXIT_INPUT;
            skip(format!(
                "line {number} of standard input is not UTF-8 text; skipped"
            ))?;
            continue;
        };
        let text = text.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        for src in text.split(';') {
            status = status.max(eval_statement(src.trim(), &mut env, args, number, io)?);
        }
    }
    Ok(status)
}

/// The statements of `bote eval`'s arguments: an argument of the form
/// `NAME = EXPR` is a statement of its own, and the others are joined with
/// spaces (so `bote eval 5 GB / 2` needs no quotes). `;` separates
/// statements within either.
fn statements(args: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for arg in args {
        if statement::is_definition(arg) {
            if !words.is_empty() {
                out.push(words.join(" "));
                words.clear();
            }
            out.push(arg.clone());
        } else {
            words.push(arg.trim());
        }
    }
    if !words.is_empty() {
        out.push(words.join(" "));
    }
    out
}

/// One statement: a definition, which names its value for the statements
/// after it and prints it, or an expression. `line` is its line of standard
/// input (0 for the command line).
pub(super) fn eval_statement(
    src: &str,
    env: &mut Env<'_>,
    args: &EvalArgs,
    line: usize,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    let done = match statement::run(src, env) {
        Ok(done) => done,
        Err(d) => return fail(src, &d, args, line, io),
    };
    let answer = &done.answer;
    let named = |text: &str| match &done.name {
        Some(name) if done.redefined => format!("{name} = {text} (redefined)"),
        Some(name) => format!("{name} = {text}"),
        None => text.to_string(),
    };
    match args.format {
        EvalFormat::Text if args.explain => writeln!(
            io.stdout,
            "{}  =  {}",
            named(&answer.input),
            answer_text(answer)
        )?,
        EvalFormat::Text => writeln!(io.stdout, "{}", named(&answer_text(answer)))?,
        EvalFormat::Json => {
            let mut obj = answer_json(answer, env.sampling);
            if let Some(name) = &done.name {
                obj["name"] = name.as_str().into();
                if done.redefined {
                    obj["redefined"] = true.into();
                }
            }
            if let Some(w) = &answer.warning {
                obj["warning"] = w.as_str().into();
            }
            writeln!(io.stdout, "{obj}")?;
        }
    }
    if let Some(w) = &answer.warning {
        write_fitted(io.stderr, io.term_width, &format!("warning: {w}"))?;
    }
    Ok(0)
}

/// Report a failed statement. It prints an empty line (text) or an error
/// object (JSON) in place of its answer, so output line `n` is always the
/// answer to input `n`; on standard input the error names its line.
fn fail(
    src: &str,
    d: &Diagnostic,
    args: &EvalArgs,
    line: usize,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    if args.format == EvalFormat::Json {
        let obj = serde_json::json!({ "expression": src, "error": d.message });
        writeln!(io.stdout, "{obj}")?;
    } else if line > 0 {
        writeln!(io.stdout)?;
    }
    let mut d = d.clone();
    if line > 0 {
        d.origin = "<stdin>".into();
        d.first_line = line;
    }
    report(io, &d)
}

/// The JSON object for one answer; its fields are a documented contract.
pub(crate) fn answer_json(
    a: &Answer,
    sampling: crate::quantity::sample::Sampling,
) -> serde_json::Value {
    let mut obj = serde_json::json!({
        "input": a.input,
        "value": crate::report::machine_value(a.shown.value),
        "unit": a.shown.unit,
        "text": a.shown.text,
        "dimension": a.quantity.dim().name(),
        "si_value": crate::report::machine_value(a.quantity.si_value()),
        "si_unit": a.quantity.dim().base_units(),
    });
    if let Some(r) = &a.range {
        obj["range"] =
            serde_json::to_value(crate::report::range_json(r, sampling)).unwrap_or_default();
    }
    obj
}
