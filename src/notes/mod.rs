//! Estimates that live in a Markdown note. `bote notes FILE.md` finds two
//! kinds of fenced block and writes each one's results in a region of its
//! own right after it:
//!
//! - ` ```bote `: lines of `bote eval`; a definition carries to the lines
//!   and blocks after it. The region holds each line's answer.
//! - ` ```yaml bote `: a whole estimate file. The region holds its report
//!   in Markdown, its title one level below the heading the block sits
//!   under (` ```yaml bote summary ` for the summary alone).
//!
//! A region is two HTML comments, which a rendered note does not show:
//!
//! ```text
//! <!-- bote: results of the block above; `bote notes` rewrites them (crc 1a2b3c4d) -->
//! ...
//! <!-- bote: end -->
//! ```
//!
//! The crc is of what bote wrote, so a region edited by hand is told from a
//! stale one and left alone unless forced. Everything outside the regions
//! is kept byte for byte, line endings included, and a note already up to
//! date comes back unchanged. This is text in, text out: reading and
//! writing the file is the command line's.

mod pad;

pub(crate) use pad::pad;

use crate::diagnostic::Diagnostic;
use crate::lang::env::Env;
use crate::lang::statement::{self, answer_text};
use crate::report::{self, Format, Options};
use std::fmt::Write as _;

/// The first words of a region's opening and closing lines.
const BEGIN: &str = "<!-- bote: results of the block above";
const END: &str = "<!-- bote: end -->";

/// What a block holds, from its fence's info string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// ` ```bote `: eval statements.
    Eval,
    /// ` ```yaml bote `: an estimate file; `summary` for the summary alone.
    Estimate { summary: bool },
}

/// One line of the note: where it starts and ends, before its `\r\n` or `\n`.
#[derive(Clone, Copy, Debug)]
struct Line {
    start: usize,
    end: usize,
}

impl Line {
    /// The line's text in `note`.
    fn text(self, note: &str) -> &str {
        &note[self.start..self.end]
    }
}

/// A bote block found in the note.
#[derive(Debug)]
struct Block {
    kind: Kind,
    /// Its content lines (between the fences), as indices into the lines.
    first: usize,
    last_exclusive: usize,
    /// The closing fence's line.
    close: usize,
    /// The heading level it sits under (0 at the top of the note).
    level: usize,
}

/// What filling a note did.
#[derive(Debug, Default)]
pub(crate) struct Filled {
    /// The note with every region brought up to date (edited ones left).
    pub(crate) text: String,
    /// How many bote blocks the note holds.
    pub(crate) blocks: usize,
    /// How many regions were written anew (stale, or missing).
    pub(crate) updated: usize,
    /// Each block that failed: the line (1-based) of its first error, and
    /// what went wrong.
    pub(crate) failed: Vec<(usize, String)>,
    /// Each region edited by hand and left as it was (1-based line).
    pub(crate) edited: Vec<usize>,
    /// Problems with the note's own shape: a region with no end, a block
    /// with no closing fence (1-based line, message).
    pub(crate) malformed: Vec<(usize, String)>,
}

/// Fill in the results of every bote block of `note`, named `origin` in
/// errors. With `force`, a region edited by hand is replaced too.
pub(crate) fn fill(note: &str, origin: &str, force: bool) -> Filled {
    let lines = split_lines(note);
    let eol = if note.contains("\r\n") { "\r\n" } else { "\n" };
    let text_of = |l: &Line| l.text(note);
    let (blocks, mut malformed) = find_blocks(note, &lines);
    let mut out = Filled {
        blocks: blocks.len(),
        ..Filled::default()
    };
    let mut env = Env::default();
    let mut text = String::with_capacity(note.len() + 1024);
    // Up to here the note is copied as it is.
    let mut copied = 0;
    for block in &blocks {
        let content: Vec<&str> = (block.first..block.last_exclusive)
            .map(|i| text_of(&lines[i]))
            .collect();
        // Lines are counted in the note as written: the regions above this
        // block may have grown or shrunk.
        let shift =
            text.matches('\n').count() as isize - note[..copied].matches('\n').count() as isize;
        let line_no = |i: usize| (i as isize + 1 + shift).max(1) as usize;
        let first = line_no(block.first);
        let (body, failure) = match block.kind {
            Kind::Eval => eval_region(&content, first, origin, &mut env),
            Kind::Estimate { summary } => {
                estimate_region(&content, first, origin, block.level, summary)
            }
        };
        out.failed.extend(failure);
        // A blank line before the end, so that a table above it ends there
        // in every renderer.
        let body = format!("{body}\n");
        let crc = crc32fast::hash(body.as_bytes());
        let mut region =
            format!("{BEGIN}; `bote notes` rewrites them (crc {crc:08x}) -->\n{body}{END}");
        if eol == "\r\n" {
            region = region.replace('\n', "\r\n");
        }
        // An existing region: the first line after the fence that is not
        // blank, if it opens one.
        let after = block.close + 1;
        let mut at = after;
        while at < lines.len() && text_of(&lines[at]).trim().is_empty() {
            at += 1;
        }
        let existing = (at < lines.len() && text_of(&lines[at]).starts_with(BEGIN)).then_some(at);
        match existing {
            Some(begin) => {
                let Some(end) = (begin + 1..lines.len()).find(|&i| text_of(&lines[i]) == END)
                else {
                    malformed.push((
                        begin + 1,
                        format!(
                            "a bote region opens here and has no `{END}` line; bote leaves it alone"
                        ),
                    ));
                    continue;
                };
                let old: String = (begin + 1..end)
                    .map(|i| format!("{}\n", text_of(&lines[i])))
                    .collect();
                let recorded = recorded_crc(text_of(&lines[begin]));
                if old == body {
                    continue;
                }
                if recorded != Some(crc32fast::hash(old.as_bytes())) && !force {
                    out.edited.push(begin + 1);
                    continue;
                }
                // Replace from the opening line to the end of the closing one.
                text.push_str(&note[copied..lines[begin].start]);
                text.push_str(&region);
                copied = lines[end].end;
                out.updated += 1;
            }
            None => {
                // A new region after the fence, a blank line before it.
                // The fence's own line ending (if any) now ends the region.
                let fence_end = lines[block.close].end;
                text.push_str(&note[copied..fence_end]);
                text.push_str(eol);
                text.push_str(eol);
                text.push_str(&region);
                copied = fence_end;
                out.updated += 1;
            }
        }
    }
    text.push_str(&note[copied..]);
    out.text = text;
    out.malformed = malformed;
    out
}

/// The crc an opening line records, if it records one.
fn recorded_crc(line: &str) -> Option<u32> {
    let at = line.find("(crc ")? + 5;
    let hex = line.get(at..at + 8)?;
    u32::from_str_radix(hex, 16).ok()
}

/// The note's lines, with where each starts and ends.
fn split_lines(note: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < note.len() {
        let newline = note[start..].find('\n').map_or(note.len(), |i| start + i);
        let end = if note[..newline].ends_with('\r') {
            newline - 1
        } else {
            newline
        };
        lines.push(Line { start, end });
        start = newline + 1;
    }
    lines
}

/// The bote blocks of the note, in order, and the problems of its shape.
fn find_blocks(note: &str, lines: &[Line]) -> (Vec<Block>, Vec<(usize, String)>) {
    let text_of = |l: &Line| l.text(note);
    let mut blocks = Vec::new();
    let mut problems = Vec::new();
    let mut level = 0;
    let mut i = 0;
    while i < lines.len() {
        let line = text_of(&lines[i]);
        if let Some(h) = heading_level(line) {
            level = h;
        }
        let Some((fence, info)) = fence(line) else {
            i += 1;
            continue;
        };
        // The block runs to a closing fence of the same kind, at least as long.
        let close = (i + 1..lines.len()).find(|&j| {
            let l = text_of(&lines[j]).trim_start();
            l.len() - l.trim_start_matches(fence.0).len() >= fence.1
                && l.trim_start_matches(fence.0).trim().is_empty()
                && l.len() - l.trim_start().len() <= 3
        });
        let kind = block_kind(info);
        let Some(close) = close else {
            if kind.is_some() {
                problems.push((
                    i + 1,
                    "a bote block opens here and is never closed; bote leaves it alone".into(),
                ));
            }
            break;
        };
        if let Some(kind) = kind {
            blocks.push(Block {
                kind,
                first: i + 1,
                last_exclusive: close,
                close,
                level,
            });
        }
        i = close + 1;
    }
    (blocks, problems)
}

/// A fence's character and length, and its info string, if `line` opens
/// one (up to three spaces in, three or more backticks or tildes).
fn fence(line: &str) -> Option<((char, usize), &str)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = trimmed.len() - trimmed.trim_start_matches(c).len();
    if n < 3 {
        return None;
    }
    let info = trimmed[n..].trim();
    // A backtick fence's info string has no backtick.
    if c == '`' && info.contains('`') {
        return None;
    }
    Some(((c, n), info))
}

/// What a fence's info string asks of bote: ` ```bote ` is eval,
/// ` ```yaml bote ` an estimate (`summary` for the summary alone).
fn block_kind(info: &str) -> Option<Kind> {
    let words: Vec<&str> = info
        .split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    if !words.contains(&"bote") {
        return None;
    }
    if words.iter().any(|w| *w == "yaml" || *w == "yml") {
        Some(Kind::Estimate {
            summary: words.contains(&"summary"),
        })
    } else if words[0] == "bote" {
        Some(Kind::Eval)
    } else {
        None
    }
}

/// An ATX heading's level (`## Sizing` is 2).
fn heading_level(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let n = trimmed.len() - trimmed.trim_start_matches('#').len();
    let rest = &trimmed[n..];
    ((1..=6).contains(&n) && (rest.is_empty() || rest.starts_with(' '))).then_some(n)
}

/// An eval block's region: each statement's answer, `name = value` for a
/// definition and `expression = value` otherwise, in a text block; an
/// error as bote eval prints it, pointing at the note's line.
fn eval_region(
    content: &[&str],
    first_line: usize,
    origin: &str,
    env: &mut Env<'_>,
) -> (String, Option<(usize, String)>) {
    let mut answers = Vec::new();
    let mut errors = String::new();
    let mut failure = None;
    for (n, line) in content.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        for src in trimmed.split(';') {
            let src = src.trim();
            if src.is_empty() {
                continue;
            }
            match statement::run(src, env) {
                Ok(done) => {
                    let said = match &done.name {
                        Some(name) if done.redefined => {
                            format!("{name} = {} (redefined)", answer_text(&done.answer))
                        }
                        Some(name) => format!("{name} = {}", answer_text(&done.answer)),
                        None => format!("{src} = {}", answer_text(&done.answer)),
                    };
                    answers.push(said);
                    if let Some(w) = &done.answer.warning {
                        answers.push(format!("  (warning: {w})"));
                    }
                }
                Err(d) => {
                    let line_no = first_line + n;
                    answers.push(format!("{src} = (error: see below)"));
                    failure.get_or_insert_with(|| (line_no, d.message.clone()));
                    errors.push_str(&located(*d, origin, line_no).render(false));
                }
            }
        }
    }
    let mut body = String::from("```text\n");
    for a in &answers {
        body.push_str(a);
        body.push('\n');
    }
    if !errors.is_empty() {
        body.push('\n');
        body.push_str(&errors);
    }
    body.push_str("```\n");
    (body, failure)
}

/// `d`, an error in one line of the note, pointing at that line of `origin`.
fn located(mut d: Diagnostic, origin: &str, line: usize) -> Diagnostic {
    d.origin = origin.to_string();
    d.first_line = line;
    d
}

/// An estimate block's region: its report in Markdown, its title at
/// `level + 1`, or its errors, each pointing at the note's lines.
fn estimate_region(
    content: &[&str],
    first_line: usize,
    origin: &str,
    level: usize,
    summary: bool,
) -> (String, Option<(usize, String)>) {
    let mut yaml = String::new();
    for line in content {
        yaml.push_str(line);
        yaml.push('\n');
    }
    // A block with scenarios shows them side by side, as `bote run` does.
    let evaluated = crate::estimate::load_owned(origin, yaml).and_then(|e| {
        let sampling = e.sampling();
        e.runs(&[], sampling)
    });
    match evaluated {
        Ok(mut runs) => {
            let opts = Options {
                heading_level: (level + 1).min(6),
                summary_only: summary,
                ..Options::default()
            };
            let mut body = match runs.len() {
                1 => report::render(&runs.remove(0).ev, Format::Markdown, opts),
                _ => report::render_runs(&runs, Format::Markdown, opts),
            };
            if !body.ends_with('\n') {
                body.push('\n');
            }
            (body, None)
        }
        Err(all) => {
            let mut body = String::from("```text\n");
            for d in &all.list {
                let mut d = d.clone();
                d.first_line = first_line;
                body.push_str(&d.render(false));
            }
            if all.left_out > 0 {
                let _ = writeln!(body, "... and {} more", all.left_out);
            }
            body.push_str("```\n");
            let why = all.list.first().map(|d| {
                let mut d = d.clone();
                d.first_line = first_line;
                (d.line_col().0, d.message.clone())
            });
            (body, why)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_info_strings() {
        assert_eq!(block_kind("bote"), Some(Kind::Eval));
        assert_eq!(
            block_kind("yaml bote"),
            Some(Kind::Estimate { summary: false })
        );
        assert_eq!(
            block_kind("yaml {bote}"),
            Some(Kind::Estimate { summary: false })
        );
        assert_eq!(
            block_kind("yaml bote summary"),
            Some(Kind::Estimate { summary: true })
        );
        assert_eq!(block_kind("yaml"), None);
        assert_eq!(block_kind("rust"), None);
        assert_eq!(block_kind(""), None);
    }

    #[test]
    fn fences_and_headings() {
        assert_eq!(fence("```bote"), Some((('`', 3), "bote")));
        assert_eq!(fence("  ~~~~ yaml bote "), Some((('~', 4), "yaml bote")));
        assert_eq!(fence("    ```bote"), None);
        assert_eq!(fence("``"), None);
        assert_eq!(heading_level("## Sizing"), Some(2));
        assert_eq!(heading_level("#hashtag"), None);
        assert_eq!(heading_level("#######"), None);
    }
}
