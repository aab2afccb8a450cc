//! `bote practice`: the prompt loop over the core's questions
//! (`practice::questions`, `practice::drills`), the clock, and the history
//! file. At a terminal answers are read with the line editor; otherwise one
//! a line from standard input, each echoed after its prompt, so the
//! transcript reads whole.

use super::args::PracticeArgs;
use super::files;
use super::source::load_estimate;
use super::*;
use crate::practice::history::{self, Record};
use crate::practice::{Bands, Grade, Graded, Question, Reply};
use crate::quantity::count::Counts;
use rustyline::error::ReadlineError;
use std::fs::OpenOptions;
use std::path::PathBuf;

pub(super) fn practice_cmd(args: &PracticeArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let history_path = match &args.history {
        Some(path) => Some(PathBuf::from(path)),
        None => dirs::data_dir().map(|d| d.join("bote").join("practice.jsonl")),
    };
    if args.stats {
        let Some(path) = history_path else {
            return report(
                io,
                &Diagnostic::message("no data folder for the history; give --history FILE"),
            );
        };
        // Through the limit every file is read through (`--history
        // /dev/zero` ends), and as bytes: a line that is not UTF-8 is one
        // line that does not read, not a history lost.
        let bytes = match std::fs::metadata(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Vec::new(),
            _ => match files::read_bytes(&path) {
                Ok(bytes) => bytes,
                Err(msg) => return report(io, &Diagnostic::message(msg)),
            },
        };
        io.stdout.write_all(history::stats(&bytes).as_bytes())?;
        return Ok(0);
    }
    let bands = Bands {
        good: args.good,
        fair: args.fair,
    };
    if !(1.0 < bands.good && bands.good < bands.fair) {
        let msg = format!(
            "--good ({}) must be above 1 and below --fair ({})",
            args.good, args.fair
        );
        return report(io, &Diagnostic::message(msg));
    }
    let (title, from, questions, counts, calendar, assumptions) = if args.drill {
        let seed = args.seed.unwrap_or_else(clock_seed);
        (
            format!("a drill at seed {seed} (`--seed {seed}` repeats it)"),
            "drill".to_string(),
            crate::practice::drills(seed, usize::from(args.count.unwrap_or(6))),
            Counts::default(),
            crate::units::Calendar::default(),
            Vec::new(),
        )
    } else {
        let Some(target) = &args.target else {
            let msg = "name a preset or file to practise (`bote list`), or --drill";
            return report(io, &Diagnostic::message(msg));
        };
        let sampling = super::args::SamplingArgs {
            seed: args.seed,
            ..Default::default()
        };
        let ev = match load_estimate(target, &[], sampling, &Default::default(), false, io)? {
            Ok(ev) => ev,
            Err(status) => return Ok(status),
        };
        let assumptions = assumption_lines(&ev);
        let mut qs = crate::practice::questions(&ev);
        if let Some(n) = args.count {
            qs.truncate(usize::from(n));
        }
        (
            ev.estimate.title.clone(),
            target.clone(),
            qs,
            ev.estimate.counts.clone(),
            ev.estimate.calendar,
            assumptions,
        )
    };
    let mut out = Session {
        history: history_path,
        history_failed: false,
        editor: None,
        interactive: io.interactive,
    };
    let plural = if questions.len() == 1 { "" } else { "s" };
    say_line(
        io,
        &format!("Practice: {title}, {} question{plural}", questions.len()),
    )?;
    say_line(
        io,
        "Answer as bote reads figures (4k/s, 40 TB, 2 to 5 TB); h hint, s skip, q quit.",
    )?;
    say_line(
        io,
        &format!(
            "Within {}x of the figure is good, within {}x fair.",
            crate::practice::factor_text(bands.good),
            crate::practice::factor_text(bands.fair)
        ),
    )?;
    if !assumptions.is_empty() {
        writeln!(io.stdout, "\nAssumptions")?;
        for line in &assumptions {
            say_line(io, &format!("  {line}"))?;
        }
    }
    let mut card: Vec<[String; 4]> = Vec::new();
    'questions: for (n, q) in questions.iter().enumerate() {
        writeln!(io.stdout)?;
        let header = format!("[{}/{}] {}: {}", n + 1, questions.len(), q.kind, q.name);
        say_line(io, &header)?;
        if let Some(about) = &q.about {
            say_line(io, &format!("  {about}"))?;
        }
        loop {
            let Some(line) = out.read(io)? else {
                break 'questions;
            };
            match crate::practice::reply(q, &line, &counts, calendar, bands) {
                Reply::Quit => break 'questions,
                Reply::Hint => say_line(io, &format!("  hint: {}", q.hint))?,
                Reply::Again(why) => say_line(io, &format!("  {why}; try again"))?,
                Reply::Skip => {
                    say_line(io, &format!("  skipped: {}", q.shown))?;
                    if let Some(after) = &q.after {
                        say_line(io, &format!("  note: {after}"))?;
                    }
                    say_line(io, &format!("  {}", q.working))?;
                    if let Some(source) = &q.source {
                        say_line(io, &format!("  source: {source}"))?;
                    }
                    out.record(io, &from, q, "", None, "skipped")?;
                    card.push([
                        q.label.clone(),
                        "-".into(),
                        q.shown.clone(),
                        "skipped".into(),
                    ]);
                    break;
                }
                Reply::Answer(g) => {
                    say(io, q, &g)?;
                    out.record(io, &from, q, line.trim(), g.ratio, g.grade.word())?;
                    let off = format!("{} ({})", g.grade.word(), g.factor());
                    card.push([q.label.clone(), g.said.clone(), q.shown.clone(), off]);
                    break;
                }
            }
        }
    }
    score_card(io, &card)?;
    Ok(0)
}

/// The assumptions as the practice shows them: name, value, note.
fn assumption_lines(ev: &crate::estimate::Evaluated) -> Vec<String> {
    let est = &ev.estimate;
    let rows: Vec<(&str, String, Option<&str>)> = ev
        .rows
        .iter()
        .filter(|r| est.items[r.item].place == crate::estimate::Place::Assumption)
        .map(|r| {
            let item = &est.items[r.item];
            let value = crate::lang::statement::value_text(&r.shown, r.range.as_deref());
            (item.name.as_str(), value, item.note.as_deref())
        })
        .collect();
    let w = rows
        .iter()
        .map(|(n, _, _)| crate::text::width(n))
        .max()
        .unwrap_or(0);
    rows.into_iter()
        .map(|(name, value, note)| {
            let pad = " ".repeat(w - crate::text::width(name));
            match note {
                Some(note) => format!("{name}{pad}  {value}  ({note})"),
                None => format!("{name}{pad}  {value}"),
            }
        })
        .collect()
}

/// What bote says after an answer: the grade, the figure, how far off,
/// and how the figure is reached.
fn say(io: &mut Io<'_>, q: &Question, g: &Graded) -> io::Result<()> {
    let line = format!(
        "  {}: {}; you said {}, {}",
        g.grade.word(),
        q.shown,
        g.said,
        g.off()
    );
    say_line(io, &line)?;
    if let Some(by) = &g.by {
        say_line(io, &format!("  graded good: {by}"))?;
    }
    if let Some(after) = &q.after {
        say_line(io, &format!("  note: {after}"))?;
    }
    say_line(io, &format!("  {}", q.working))?;
    if let Some(source) = &q.source {
        say_line(io, &format!("  source: {source}"))?;
    }
    Ok(())
}

/// The score card: each question, the answer, the figure and the grade,
/// in columns.
fn score_card(io: &mut Io<'_>, card: &[[String; 4]]) -> io::Result<()> {
    if card.is_empty() {
        writeln!(io.stdout, "\nNo answers.")?;
        return Ok(());
    }
    let count = |grade: &str| card.iter().filter(|c| c[3].starts_with(grade)).count();
    let (good, fair, skipped) = (
        count(Grade::Good.word()),
        count(Grade::Fair.word()),
        count("skipped"),
    );
    let skipped_text = if skipped > 0 {
        format!(", {skipped} skipped")
    } else {
        String::new()
    };
    writeln!(io.stdout)?;
    say_line(
        io,
        &format!(
            "Score: {good} good, {fair} fair of {} answered{skipped_text}",
            card.len() - skipped
        ),
    )?;
    let head = ["question", "you said", "figure", "grade"].map(String::from);
    let width = |c: usize| {
        card.iter()
            .chain([&head])
            .map(|r| crate::text::width(&r[c]))
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1), width(2)];
    for row in std::iter::once(&head).chain(card) {
        let mut line = String::from(" ");
        for (cell, w) in row.iter().zip(widths) {
            line.push(' ');
            line.push_str(cell);
            line.push_str(&" ".repeat(w - crate::text::width(cell) + 1));
        }
        line.push(' ');
        line.push_str(&row[3]);
        // A row wider than the width wraps, its later lines indented.
        say_line(io, line.trim_end())?;
    }
    Ok(())
}

/// The session's input and history.
struct Session {
    history: Option<PathBuf>,
    /// Said once when the history cannot be written; practice goes on.
    history_failed: bool,
    editor: Option<rustyline::DefaultEditor>,
    interactive: bool,
}

impl Session {
    /// The next answer line; `None` at the end of the input.
    fn read(&mut self, io: &mut Io<'_>) -> io::Result<Option<String>> {
        io.stdout.flush()?;
        if self.interactive {
            if self.editor.is_none() {
                match rustyline::DefaultEditor::new() {
                    Ok(e) => self.editor = Some(e),
                    Err(e) => {
                        report(
                            io,
                            &Diagnostic::message(format!("cannot start the prompt: {e}")),
                        )?;
                        return Ok(None);
                    }
                }
            }
            let Some(editor) = self.editor.as_mut() else {
                return Ok(None);
            };
            return match editor.readline("> ") {
                Ok(line) => {
                    let _ = editor.add_history_entry(line.as_str());
                    Ok(Some(line))
                }
                Err(ReadlineError::Eof | ReadlineError::Interrupted) => Ok(None),
                Err(e) => {
                    report(
                        io,
                        &Diagnostic::message(format!("cannot read the prompt: {e}")),
                    )?;
                    Ok(None)
                }
            };
        }
        let mut line = Vec::new();
        match files::read_line(io.stdin, &mut line, crate::lang::lexer::MAX_EXPR_LEN)? {
            None | Some(files::Line::Endless) => Ok(None),
            Some(files::Line::TooLong) => {
                writeln!(io.stdout, "> (a line too long to read)")?;
                Ok(Some(String::new()))
            }
            Some(files::Line::Whole) => {
                let text = String::from_utf8_lossy(&line).trim_end().to_string();
                writeln!(io.stdout, "> {}", crate::text::printable(&text))?;
                Ok(Some(text))
            }
        }
    }

    /// Append one answer to the history: one line, one write, flushed to
    /// disk, so a crash never leaves an earlier line cut short.
    fn record(
        &mut self,
        io: &mut Io<'_>,
        from: &str,
        q: &Question,
        answer: &str,
        ratio: Option<f64>,
        grade: &str,
    ) -> io::Result<()> {
        let Some(path) = &self.history else {
            return Ok(());
        };
        let record = Record {
            time: now(),
            from: from.to_string(),
            kind: q.kind.clone(),
            question: q.name.clone(),
            answer: answer.to_string(),
            figure: q.shown.clone(),
            ratio,
            grade: grade.to_string(),
        };
        let written = (|| {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let mut file = OpenOptions::new()
                .create(true)
                .read(true)
                .append(true)
                .open(path)?;
            // A session killed mid-line left no newline: this record
            // starts a line of its own, or it and the torn line are lost.
            let mut line = record.line();
            if !ends_with_newline(&mut file)? {
                line.insert(0, '\n');
            }
            file.write_all(line.as_bytes())?;
            file.sync_data()
        })();
        if let Err(e) = written
            && !std::mem::replace(&mut self.history_failed, true)
        {
            writeln!(
                io.stderr,
                "warning: cannot write the history {}: {e}; practice goes on without it",
                files::shown(path)
            )?;
        }
        Ok(())
    }
}

/// Whether `file` is empty or ends with a newline (a file that cannot
/// seek, a FIFO, is taken as whole).
fn ends_with_newline(file: &mut std::fs::File) -> io::Result<bool> {
    use std::io::{Read, Seek, SeekFrom};
    let meta = file.metadata()?;
    if !meta.is_file() || meta.len() == 0 {
        return Ok(true);
    }
    file.seek(SeekFrom::End(-1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] == b'\n')
}

/// Print `text`, an indented line of the session, wrapped to the
/// terminal's width when there is one (later lines indented further).
/// What an answer or a file put in it is shown escaped: a control
/// character typed or piped in does not reach the terminal.
fn say_line(io: &mut Io<'_>, text: &str) -> io::Result<()> {
    write_fitted(io.stdout, io.term_width, &crate::text::printable(text))
}

/// Seconds since 1970.
fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A drill's seed when none is given: the clock, so each drill differs.
fn clock_seed() -> u64 {
    now() % 100_000
}
