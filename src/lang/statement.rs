//! One statement as `bote eval` takes it, from a line of text: a definition
//! (`dau = 500M users`), which names its value for the statements after it,
//! or an expression. The plain nouns after figures are declared as counts
//! first (`150M DAU`), as a person types a question. `bote eval`, its
//! notepad view (`--pad`) and `bote notes` all answer through here, so a
//! line means the same wherever it is written.

use super::env::Env;
use super::parser::name_problem;
use super::{Answer, evaluate, evaluate_keyed};
use crate::diagnostic::Diagnostic;
use crate::span::Span;
use crate::units::display::{Shown, ShownRange};

/// What a statement did.
#[derive(Debug)]
pub(crate) struct Done {
    /// The name it defined, if it was a definition.
    pub(crate) name: Option<String>,
    /// Whether that name held a value before (a what-if: `dau = 80M`).
    pub(crate) redefined: bool,
    pub(crate) answer: Answer,
}

/// Run the statement `src` in `env`: define its name there, or evaluate it.
/// The error is a diagnostic into `src` (its origin left empty for the
/// caller to name).
pub(crate) fn run(typed: &str, env: &mut Env<'_>) -> Result<Done, Box<Diagnostic>> {
    // What is read (a label's colon made `=` or blanked: the same length,
    // so every place in it is a place in what was typed, which errors quote).
    let read_as = labelled(typed);
    let src: &str = &read_as;
    let (name, expr, offset) = match definition(src) {
        None => {
            let shadowed = noun_over_name(src, env);
            let read = read_counts(src, env);
            // The blanked reading has the same length, so an error's
            // place in it is its place in `src`, quoted as typed.
            return match evaluate(&read, env) {
                Ok(mut answer) => {
                    if let Some(w) = shadowed {
                        answer.warning.get_or_insert(w);
                    }
                    Ok(Done {
                        name: None,
                        redefined: false,
                        answer,
                    })
                }
                Err(e) => Err(Box::new(e.diagnostic("", typed))),
            };
        }
        Some(Ok(parts)) => parts,
        Some(Err(message)) => {
            return Err(Box::new(Diagnostic::new(
                message,
                "",
                typed,
                Span::new(0, typed.len()),
            )));
        }
    };
    let name_at = src.find(name).unwrap_or(0);
    let name_span = Span::new(name_at, name_at + name.len());
    // A scratchpad is for what-ifs: `dau = 80M` after `dau = 50M` is the
    // new value for the lines after it (estimate files keep one definition
    // per name; they do not come here).
    let redefined = env.get(name).is_some();
    if let Some(problem) = name_problem(name) {
        return Err(Box::new(Diagnostic::new(problem, "", typed, name_span)));
    }
    let read = read_counts(expr, env);
    match evaluate_keyed(&read, env, name) {
        Ok(answer) => {
            env.set(name.to_string(), answer.value.clone());
            Ok(Done {
                name: Some(name.to_string()),
                redefined,
                answer,
            })
        }
        Err(e) => {
            let mut d = e.diagnostic("", typed);
            d.span = e.span.shift(offset);
            Err(Box::new(d))
        }
    }
}

/// Is `src` a definition, `NAME = EXPR`, whatever its name? (`x = ` is
/// one with no expression, and an error.)
pub(crate) fn is_definition(src: &str) -> bool {
    matches!(definition(&labelled(src)), Some(Ok((name, _, _))) if name_problem(name).is_none())
}

/// A line with a label, as notes are written: `peak qps: 3 * avg_qps`,
/// `storage per day: 100M * 1 KB`. A label that is a name (`qps: 5000`)
/// defines it, as `qps = 5000` does; one of several words is read past.
/// A label is words (a letter first) before a `:` and a space, with no
/// `=` in the line; a ratio (`100:1`) is none.
fn labelled(src: &str) -> std::borrow::Cow<'_, str> {
    let Some(colon) = src.find(": ") else {
        return src.into();
    };
    let label = src[..colon].trim();
    let words = label.starts_with(|c: char| c.is_alphabetic())
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-' | '\'' | '(' | ')' | '/'));
    // What follows reads as an expression: a figure, or a name and then an
    // operator or the end (`peak: qps * 3`), not prose (`note: a tab is ...`).
    let rest = src[colon + 2..].trim_start();
    let first_word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let after = rest[first_word.len()..].trim_start();
    let expression = !rest.starts_with(|c: char| c.is_alphabetic())
        || after.is_empty()
        || after.starts_with(['*', '/', '+', '-', '^', '(']);
    if !words || !expression || src.contains('=') || rest.is_empty() {
        return src.into();
    }
    let mut out = src.to_string();
    if name_problem(label).is_none() && !label.contains(' ') {
        out.replace_range(colon..=colon, "=");
    } else {
        let end = colon + 1;
        out.replace_range(..end, &" ".repeat(end));
    }
    out.into()
}

/// `NAME = EXPR` split into the name, the expression and where the
/// expression starts; `None` when `src` defines nothing; an error for a
/// definition with no expression (`x =`).
fn definition(src: &str) -> Option<Result<(&str, &str, usize), String>> {
    let eq = src.find('=')?;
    let name = src[..eq].trim();
    let rest = &src[eq + 1..];
    if name.is_empty() || rest.starts_with('=') {
        return None;
    }
    if rest.trim().is_empty() {
        return Some(Err(format!(
            "`{name} =` defines a name, but there is no expression after `=`"
        )));
    }
    Some(Ok((name, rest, eq + 1)))
}

/// A question as people type it: each plain noun after a figure in `src`
/// (`150M DAU`, `2 posts/day`) is declared as a count in `env`, which
/// `--explain` shows; the text to evaluate comes back, with a modifier
/// before such a noun (`100M new URLs`) blanked in place.
fn read_counts(src: &str, env: &mut Env<'_>) -> String {
    let reading = super::phrasing::read(src, &env.counts, &|w| env.get(w).is_some());
    for (one, many) in &reading.counts {
        // A noun that cannot be declared stays a word the parser reports.
        if super::declare_count(&mut env.counts, one, Some(many), &[]).is_ok()
            && let Some(id) = env.counts.lookup(one)
        {
            env.counts.guess(id);
        }
    }
    reading.text
}

/// Right after a figure a word is a unit or a noun, never a name (`5
/// requests per second` is five, whatever `requests` is defined as); when
/// such a word is also a defined name, the other reading is said beside
/// the answer: `2 * users` for the name.
fn noun_over_name(src: &str, env: &Env<'_>) -> Option<String> {
    let mut tokens = Vec::new();
    super::lexer::lex(src, &mut tokens).ok()?;
    tokens.windows(2).find_map(|pair| {
        let [figure, word] = pair else { return None };
        let number = matches!(figure.tok, super::lexer::Tok::Number { .. });
        let w = word.text(src);
        (number && word.tok == super::lexer::Tok::Ident && env.get(w).is_some()).then(|| {
            format!(
                "`{} {w}` reads `{w}` as a noun after its figure; for your name `{w}`, write `{} * {w}`",
                figure.text(src),
                figure.text(src)
            )
        })
    })
}

/// An answer as printed: its value, or an uncertain one's median and
/// 90% range, on one line.
pub(crate) fn answer_text(a: &Answer) -> String {
    value_text(&a.shown, a.range.as_deref())
}

/// A value as `bote eval` prints it: the figure, and an uncertain one's
/// 90% range after it.
pub(crate) fn value_text(shown: &Shown, range: Option<&ShownRange>) -> String {
    match range {
        Some(r) => format!("{} (90% range {})", shown.text, r.text),
        None => shown.text.clone(),
    }
}
