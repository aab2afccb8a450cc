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
//! The note is read as CommonMark (`find.rs`), so the blocks are the ones
//! a renderer shows. The crc is of what bote wrote, so a region edited by
//! hand is told from a stale one and left alone unless forced; a region
//! with no end is left alone, forced or not. Everything outside the regions
//! is kept byte for byte, line endings included, and a note already up to
//! date comes back unchanged. This is text in, text out: reading and
//! writing the file is the command line's.

mod check;
mod find;
mod pad;

pub(crate) use check::check;

pub(crate) use pad::pad;

use crate::diagnostic::Diagnostic;
use crate::lang::env::Env;
use crate::lang::statement::{self, answer_text};
use crate::report::{self, Format, Options};
use find::{Found, Kind, Lines, Region, container_prefix, read, recorded_crc};
use std::fmt::Write as _;

/// The first words of a region's opening and closing lines.
const BEGIN: &str = "<!-- bote: results of the block above";
const END: &str = "<!-- bote: end -->";
/// What both begin with.
const MARK: &str = "<!-- bote:";

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
    /// Each region edited by hand and replaced all the same (`force`):
    /// its first and last lines (1-based) in the note as it was.
    pub(crate) forced: Vec<(usize, usize)>,
    /// Problems with the note's own shape: a region with no end, a block
    /// with no closing fence (1-based line, message). Each is left alone.
    pub(crate) malformed: Vec<(usize, String)>,
    /// What was changed, in order: all else is the note's, byte for byte.
    pub(crate) edits: Vec<Edit>,
}

/// One change to the note: `from..to` of the note (empty for a region
/// added) became `at..at + len` of the new text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Edit {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) at: usize,
    pub(crate) len: usize,
}

/// Fill in the results of every bote block of `note`, named `origin` in
/// errors. With `force`, a region edited by hand is replaced too; a region
/// with no end never is. Linear in the note's size, regions included.
pub(crate) fn fill(note: &str, origin: &str, force: bool) -> Filled {
    // A byte-order mark stays where it is, outside what is read.
    let bom = if note.starts_with('\u{feff}') {
        "\u{feff}".len()
    } else {
        0
    };
    let mut out = fill_text(&note[bom..], origin, force);
    if bom > 0 {
        out.text.insert(0, '\u{feff}');
        for e in &mut out.edits {
            e.from += bom;
            e.to += bom;
            e.at += bom;
        }
    }
    out
}

fn fill_text(note: &str, origin: &str, force: bool) -> Filled {
    let lines = Lines::new(note);
    let eol = if note.contains("\r\n") { "\r\n" } else { "\n" };
    let (blocks, headings, regions) = read(note, &lines);
    let mut out = Filled {
        blocks: blocks.len(),
        ..Filled::default()
    };
    let mut env = Env::default();
    let mut text = String::with_capacity(note.len() + 1024);
    // Up to here the note is copied as it is; `shift` is how many lines
    // the regions written so far added (or took away).
    let mut copied = 0;
    let mut shift: isize = 0;
    // The regions found so far (from, to): the blocks and headings in
    // them are bote's own, not the note's.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut span = 0;
    let mut heading = 0;
    let mut level = 0;
    for (n, block) in blocks.iter().enumerate() {
        if spans.last().is_some_and(|s| block.start < s.1) {
            // Inside a region: bote's text, or a hand-made block in it.
            out.blocks -= 1;
            continue;
        }
        while heading < headings.len() && headings[heading].at < block.start {
            let at = headings[heading].at;
            while span < spans.len() && spans[span].1 <= at {
                span += 1;
            }
            if spans.get(span).is_none_or(|s| at < s.0) {
                level = headings[heading].level;
            }
            heading += 1;
        }
        let Some(close) = block.close else {
            out.malformed.push((
                block.open + 1,
                "a bote block opens here and is never closed; bote leaves it alone".into(),
            ));
            continue;
        };
        let prefix = container_prefix(lines.text(close));
        let found = regions[n];
        let content: Vec<&str> = block
            .content
            .split_terminator('\n')
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
            .collect();
        let first = (block.first as isize + 1 + shift).max(1) as usize;
        let (body, failure) = match block.kind {
            Kind::Eval => eval_region(&content, first, origin, &mut env),
            Kind::Estimate { summary } => estimate_region(&content, first, origin, level, summary),
        };
        out.failed.extend(failure);
        // A blank line before the end, so that a table above it ends there
        // in every renderer.
        let body = format!("{body}\n");
        let crc = crc32fast::hash(body.as_bytes());
        let region_text = framed(&body, crc, prefix, eol);
        let region = match found {
            Found::None => None,
            Found::Region(r) => Some(r),
            Found::NoEnd(begin) => {
                out.malformed.push((
                    begin + 1,
                    format!(
                        "a bote region opens here and has no `{END}` line before the next \
                         block or region; bote leaves it alone"
                    ),
                ));
                continue;
            }
        };
        match region {
            Some(Region { begin, end }) => {
                spans.push((lines.start(begin), lines.end(end)));
                let old: String = (begin + 1..end)
                    .map(|i| {
                        let l = lines.text(i);
                        let l = l
                            .strip_prefix(prefix)
                            .or_else(|| {
                                l.strip_prefix(prefix.trim_end())
                                    .filter(|r| r.trim().is_empty())
                            })
                            .unwrap_or(l);
                        format!("{l}\n")
                    })
                    .collect();
                if old == body {
                    continue;
                }
                let recorded = recorded_crc(lines.text(begin));
                if recorded != Some(crc32fast::hash(old.as_bytes())) {
                    if !force {
                        out.edited.push(begin + 1);
                        continue;
                    }
                    out.forced.push((begin + 1, end + 1));
                }
                // Replace from the opening line to the end of the closing one.
                let from = lines.start(begin);
                let to = lines.end(end);
                text.push_str(&note[copied..from]);
                out.edits.push(Edit {
                    from,
                    to,
                    at: text.len(),
                    len: region_text.len(),
                });
                text.push_str(&region_text);
                shift += newlines(&region_text) as isize - newlines(&note[from..to]) as isize;
                copied = to;
                out.updated += 1;
            }
            None => {
                // A new region after the fence, a blank line before it.
                // The fence's own line ending (if any) now ends the region.
                let fence_end = lines.end(close);
                text.push_str(&note[copied..fence_end]);
                let added = format!("{eol}{}{eol}{region_text}", prefix.trim_end());
                out.edits.push(Edit {
                    from: fence_end,
                    to: fence_end,
                    at: text.len(),
                    len: added.len(),
                });
                text.push_str(&added);
                shift += newlines(&added) as isize;
                copied = fence_end;
                out.updated += 1;
            }
        }
    }
    text.push_str(&note[copied..]);
    out.text = text;
    out.malformed.sort_by_key(|m| m.0);
    out
}

/// A region as written: the opening line, `body` and the closing line,
/// each after `prefix` (a blank line after its trimmed self) and ended
/// with `eol`, the last one without.
fn framed(body: &str, crc: u32, prefix: &str, eol: &str) -> String {
    let mut out = String::with_capacity(body.len() + 160);
    let blank = prefix.trim_end();
    let _ = write!(
        out,
        "{prefix}{BEGIN}; `bote notes` rewrites them (crc {crc:08x}) -->{eol}"
    );
    for line in body.split_terminator('\n') {
        if line.is_empty() {
            out.push_str(blank);
        } else {
            out.push_str(prefix);
            out.push_str(line);
        }
        out.push_str(eol);
    }
    out.push_str(prefix);
    out.push_str(END);
    out
}

fn newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

/// Whether `line`, written in a region, would begin with a fence or an
/// HTML block (a bote marker among them) once read as Markdown: up to
/// three spaces, then ` ``` `, `~~~` or `<`.
fn would_open(line: &str) -> bool {
    let rest = line.trim_start_matches(' ');
    line.len() - rest.len() <= 3
        && (rest.starts_with("```") || rest.starts_with("~~~") || rest.starts_with('<'))
}

/// A line of a text block in a region, made safe: one that would close
/// the block or read as a marker is indented four spaces, which makes it
/// plain text in every renderer.
fn in_text_block(line: &str) -> String {
    if would_open(line) {
        format!("    {line}")
    } else {
        line.to_string()
    }
}

/// Markdown from the report, made safe: a line that would open a fence or
/// an HTML block (text from the estimate, such as its `about:`) gets a
/// backslash, which renders it as the text it is.
fn in_markdown(report: &str) -> String {
    let mut out = String::with_capacity(report.len());
    for line in report.split_inclusive('\n') {
        if would_open(line) {
            let rest = line.trim_start_matches(' ');
            out.push_str(&line[..line.len() - rest.len()]);
            out.push('\\');
            out.push_str(rest);
        } else {
            out.push_str(line);
        }
    }
    out
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
    let mut inner = String::new();
    for a in &answers {
        inner.push_str(a);
        inner.push('\n');
    }
    if !errors.is_empty() {
        inner.push('\n');
        inner.push_str(&errors);
    }
    (text_block(&inner), failure)
}

/// `inner` in a ` ```text ` block, each line made safe by [`in_text_block`].
fn text_block(inner: &str) -> String {
    let mut body = String::from("```text\n");
    for line in inner.lines() {
        body.push_str(&in_text_block(line));
        body.push('\n');
    }
    body.push_str("```\n");
    body
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
        e.into_runs(&[], sampling)
    });
    match evaluated {
        Ok(mut runs) => {
            let opts = Options {
                heading_level: (level + 1).min(6),
                summary_only: summary,
                ..Options::default()
            };
            let mut body = in_markdown(&match runs.len() {
                1 => report::render(&runs.remove(0).ev, Format::Markdown, opts),
                _ => report::render_runs(&runs, Format::Markdown, opts),
            });
            if !body.ends_with('\n') {
                body.push('\n');
            }
            (body, None)
        }
        Err(all) => {
            let mut inner = String::new();
            for d in &all.list {
                let mut d = d.clone();
                d.first_line = first_line;
                inner.push_str(&d.render(false));
            }
            if all.left_out > 0 {
                let _ = writeln!(inner, "... and {} more", all.left_out);
            }
            let body = text_block(&inner);
            let why = all.list.first().map(|d| {
                let mut d = d.clone();
                d.first_line = first_line;
                (d.line_col().0, d.message.clone())
            });
            (body, why)
        }
    }
}
