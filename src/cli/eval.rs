//! `bote eval`: expressions from the command line or standard input.

use super::args::{EvalArgs, EvalFormat};
use super::*;
use crate::diagnostic::Diagnostic;
use crate::lang::eval::Env;
use crate::{Answer, evaluate};
use std::io;

pub(super) fn eval_cmd(args: &EvalArgs, io: &mut Io<'_>) -> io::Result<i32> {
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
            report(io, &Diagnostic::message(msg))?;
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
pub(crate) fn answer_json(a: &Answer) -> serde_json::Value {
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
