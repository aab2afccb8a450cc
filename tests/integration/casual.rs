//! The hand-worked oracle of casual lines (`tests/cases/casual/*.txt`):
//! questions as people type them, each with the answer worked out by hand
//! apart from bote. Every line runs through `bote::eval_line`, the one
//! path `bote eval`, `--pad`, `bote notes` and the playground share, in
//! sessions (consecutive lines; a blank line starts a new one).
//!
//! A line `Q => A` is right when bote answers A (within 0.5%, or the
//! `~N%` written after it; count nouns set aside) or refuses; `Q =>! A`
//! must be answered; `Q => refuse` must be refused; `Q => any` must be
//! answered, whatever its figure (a session's step: `users = 5M`). A wrong number fails
//! the test, and so does a refusal of a `=>!` line; the refusals of `=>`
//! lines are counted and held under a ceiling, so the reader does not
//! buy its correctness with silence. An answer may end `| TEXT`: the
//! figure as bote shows it, noun and all, must then be TEXT (`8 servers *
//! 1000 RPS =>! 8000 /s | 8,000 /s`, not `8,000 servers/s`), for the
//! labels that the figures' check sets aside.

use bote::Env;

/// How many `=>` lines bote may refuse (40 of 1,776 today, 13 of them in
/// the second independent new user's, `newuser.txt`): refusing is allowed,
/// but a reader that refuses everything is no reader.
const MAX_REFUSED: usize = 50;

#[derive(Debug)]
enum Want {
    Value {
        expr: String,
        tolerance: f64,
        must: bool,
        /// The figure exactly as shown, when the line says it.
        shown: Option<String>,
    },
    Refusal,
    /// A step of a session (`users = 5M  => any`): answered, its figure
    /// the next lines check.
    Any,
}

struct Line {
    file: String,
    number: usize,
    question: String,
    want: Want,
}

fn sessions() -> Vec<Vec<Line>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/casual");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut session = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() {
                if !session.is_empty() {
                    out.push(std::mem::take(&mut session));
                }
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let (question, answer) = line
                .split_once("=>")
                .unwrap_or_else(|| panic!("{name}:{}: no `=>`", i + 1));
            let (must, answer) = match answer.strip_prefix('!') {
                Some(rest) => (true, rest.trim()),
                None => (false, answer.trim()),
            };
            let want = if answer == "refuse" {
                Want::Refusal
            } else if answer == "any" {
                Want::Any
            } else {
                let (answer, shown) = match answer.split_once(" | ") {
                    Some((a, shown)) => (a.trim(), Some(shown.trim().to_string())),
                    None => (answer, None),
                };
                let (expr, tolerance) = match answer.rsplit_once('~') {
                    Some((e, t)) if t.ends_with('%') => (
                        e.trim().to_string(),
                        t.trim_end_matches('%').parse::<f64>().unwrap() / 100.0,
                    ),
                    _ => (answer.to_string(), 0.005),
                };
                Want::Value {
                    expr,
                    tolerance,
                    must,
                    shown,
                }
            };
            session.push(Line {
                file: name.clone(),
                number: i + 1,
                question: question.trim().to_string(),
                want,
            });
        }
        if !session.is_empty() {
            out.push(session);
        }
    }
    out
}

#[test]
fn the_casual_oracle_holds() {
    let (mut right, mut refused) = (0, Vec::new());
    let mut wrong = Vec::new();
    for session in sessions() {
        let mut env = Env::default();
        for line in session {
            let place = format!("{}:{} `{}`", line.file, line.number, line.question);
            let got = bote::eval_line(&line.question, &mut env);
            // The reading `--explain` prints evaluates again, where the
            // line left off (as the expr fuzz target holds of any text).
            if let Ok((_, a)) = &got
                && let Err(e) = bote::evaluate(&a.input, &env)
                && !e.to_string().contains(" draws")
            {
                wrong.push(format!("{place}: its reading `{}` fails: {e}", a.input));
            }
            match (&line.want, got) {
                (Want::Refusal, Err(d)) => {
                    let text = d.render(false);
                    // A refusal says why: a label under its caret, a
                    // did-you-mean or the readings it will not choose between.
                    assert!(text.lines().count() > 1, "{place}: a bare refusal: {text}");
                    right += 1;
                }
                (Want::Any, Ok(_)) => right += 1,
                (Want::Any, Err(d)) => {
                    wrong.push(format!("{place}: must be answered, refused: {}", d.message));
                }
                (Want::Refusal, Ok((_, a))) => {
                    wrong.push(format!("{place}: must be refused, gave {}", a.shown.text));
                }
                (Want::Value { must, .. }, Err(d)) => {
                    let why = d.message.clone();
                    if *must {
                        wrong.push(format!("{place}: must be answered, refused: {why}"));
                    } else {
                        refused.push(format!("{place}: {why}"));
                    }
                }
                (
                    Want::Value {
                        expr,
                        tolerance,
                        shown,
                        ..
                    },
                    Ok((_, a)),
                ) => {
                    let want = bote::evaluate(expr, &Env::default())
                        .unwrap_or_else(|e| panic!("{place}: the oracle's `{expr}`: {e}"))
                        .quantity;
                    let got = a.quantity;
                    let same_kind = got.dim().uncounted() == want.dim().uncounted();
                    let (g, w) = (got.si_value(), want.si_value());
                    let close = if w == 0.0 {
                        g == 0.0
                    } else {
                        ((g - w) / w).abs() <= *tolerance
                    };
                    let says = shown.as_ref().is_none_or(|s| *s == a.shown.text);
                    if same_kind && close && says {
                        right += 1;
                    } else {
                        let as_shown = shown
                            .as_ref()
                            .map_or(String::new(), |s| format!(" shown as `{s}`"));
                        wrong.push(format!(
                            "{place}: gave {}, want {expr}{as_shown}",
                            a.shown.text
                        ));
                    }
                }
            }
        }
    }
    let total = right + refused.len() + wrong.len();
    eprintln!(
        "casual oracle: {total} lines, {right} right, {} refused (allowed), {} wrong",
        refused.len(),
        wrong.len()
    );
    for r in &refused {
        eprintln!("  refused {r}");
    }
    assert!(
        wrong.is_empty(),
        "{} wrong of {total}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(
        refused.len() <= MAX_REFUSED,
        "{} refusals of lines with an answer (at most {MAX_REFUSED})",
        refused.len()
    );
}
