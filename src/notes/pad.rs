//! The notepad view (`bote eval --pad FILE`): each line of a plain text
//! page with its answer beside it, the answers in one column flush right,
//! as Soulver and numr show a page. Blank lines and `#` comments are kept
//! as they are. Each line is answered by [`statement::run`], as `bote eval`
//! answers it, and a definition carries to the lines after it.

use crate::lang::env::Env;
use crate::lang::statement::{self, answer_text};
use crate::text;

/// The page `src` with its answers, and whether any line failed. At most
/// `width` columns wide when given (a long line then has its answer on the
/// line below, flush right).
pub(crate) fn pad(src: &str, env: &mut Env<'_>, width: Option<usize>) -> (String, bool) {
    // Each line, its answer, and whether that is an error.
    let mut rows: Vec<(&str, Option<String>, bool)> = Vec::new();
    let mut failed = false;
    for line in src.lines() {
        let line = line.trim_end();
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            rows.push((line, None, false));
            continue;
        }
        let mut error = false;
        let answers: Vec<String> = trimmed
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| match statement::run(s, env) {
                Ok(done) if done.redefined => format!("{} (redefined)", answer_text(&done.answer)),
                Ok(done) => answer_text(&done.answer),
                Err(d) => {
                    error = true;
                    d.headline()
                }
            })
            .collect();
        failed |= error;
        rows.push((line, Some(answers.join("; ")), error));
    }
    // An error is said after its line, and sets no column.
    let answered = || rows.iter().filter(|(_, a, e)| a.is_some() && !e);
    let line_w = answered()
        .map(|(l, _, _)| text::width(l))
        .max()
        .unwrap_or(0);
    let answer_w = answered()
        .filter_map(|(_, a, _)| a.as_deref().map(text::width))
        .max()
        .unwrap_or(0);
    // The answers' right edge: after the widest line and a gap, or the
    // page's width when that is narrower.
    let gap = 4;
    let edge = match width {
        Some(w) => (line_w + gap + answer_w).min(w),
        None => line_w + gap + answer_w,
    };
    let mut out = String::new();
    for (line, answer, error) in rows {
        let Some(answer) = answer else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        let (lw, aw) = (text::width(line), text::width(&answer));
        out.push_str(line);
        if error {
            out.push_str("  ");
        } else if lw + 2 + aw <= edge {
            out.push_str(&" ".repeat(edge - lw - aw));
        } else {
            // No room beside the line: the answer goes under it, flush right.
            out.push('\n');
            out.push_str(&" ".repeat(edge.saturating_sub(aw)));
        }
        out.push_str(&answer);
        out.push('\n');
    }
    (out, failed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_line_up_flush_right() {
        let page = "# sizing\ndau = 500M users\n\nrequests = dau * 5 / day\nrequests * 2 KB/user\n";
        let (out, failed) = pad(page, &mut Env::default(), None);
        assert!(!failed);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "# sizing");
        assert_eq!(lines[2], "");
        let ends: Vec<usize> = [1, 3, 4].iter().map(|&i| text::width(lines[i])).collect();
        assert!(ends.iter().all(|&e| e == ends[0]), "{out}");
        assert!(lines[1].ends_with("500 million users"), "{out}");
        assert!(lines[3].ends_with("28,935 users/s"), "{out}");
    }

    #[test]
    fn a_failed_line_says_so_and_the_rest_go_on() {
        let (out, failed) = pad("x = 5 GB\n5 gigabites\nx * 2\n", &mut Env::default(), None);
        assert!(failed);
        assert!(out.contains(" unknown unit `gigabites`"), "{out}");
        assert!(out.lines().nth(2).unwrap().ends_with("10 GB"), "{out}");
    }
}
