//! `bote eval` at a terminal: a prompt with line editing and history
//! (rustyline), the same statements as piped input, `:help`, and errors
//! that keep the session going. Piped input never comes here.

use super::args::{EvalArgs, LANGUAGE};
use super::eval::eval_statement;
use super::*;
use crate::lang::env::Env;
use rustyline::error::ReadlineError;
use std::io;

const GREETING: &str = "bote: type an expression, or NAME = EXPR to name one; :help for the \
language, Ctrl-D to leave.";

const COMMANDS: &str = "\
Commands: :help (this), :names (what is defined), :quit (or Ctrl-D).
Ctrl-C clears the line; the arrows move through this session's history.";

/// Read statements at a prompt until end of input; the status is 1 if any
/// statement failed, as for piped input.
pub(super) fn repl(mut env: Env<'_>, args: &EvalArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(editor) => editor,
        Err(e) => {
            let d = Diagnostic::message(format!("cannot start the prompt: {e}"));
            return report(io, &d);
        }
    };
    writeln!(io.stdout, "{GREETING}")?;
    let mut status = 0;
    loop {
        io.stdout.flush()?;
        let line = match editor.readline("bote> ") {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                let d = Diagnostic::message(format!("cannot read the prompt: {e}"));
                return report(io, &d);
            }
        };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let _ = editor.add_history_entry(line);
        match line {
            ":help" | ":h" | "help" => {
                writeln!(io.stdout, "{LANGUAGE}\n\n{COMMANDS}")?;
                continue;
            }
            ":quit" | ":q" | ":exit" => break,
            ":names" => {
                for (name, v) in env.names() {
                    let (_, shown, range) =
                        crate::units::display::show_value(v, None, env.calendar);
                    let text = crate::lang::statement::value_text(&shown, range.as_deref());
                    writeln!(io.stdout, "{name} = {text}")?;
                }
                continue;
            }
            l if l.starts_with(':') => {
                let d = Diagnostic::message(format!("unknown command `{l}`; :help lists them"));
                report(io, &d)?;
                continue;
            }
            _ => {}
        }
        for src in line.split(';') {
            status = status.max(eval_statement(src.trim(), &mut env, args, 0, io)?);
        }
    }
    Ok(status)
}
