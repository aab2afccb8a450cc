//! Practice: an estimate's figures asked one at a time before they are
//! shown (`bote practice PRESET`), or short generated drills (`--drill`),
//! each answer graded by how far off it is, as a factor and in orders of
//! magnitude. The questions, the grading and the history's lines are
//! here, text in and text out; the prompt, the clock and the history file
//! are the command line's.

mod drill;
pub(crate) mod history;

pub(crate) use drill::drills;

use crate::estimate::{Evaluated, Place};
use crate::lang::env::Env;
use crate::lang::statement::{self, answer_text};
use crate::quantity::Quantity;
use crate::quantity::count::Counts;
use crate::units::Calendar;

/// One question: what is asked, and the figure it is graded against.
#[derive(Clone, Debug)]
pub(crate) struct Question {
    /// What kind of question it is, for the score card and the stats: an
    /// estimate's section (`qps`, `storage`) or a drill's kind.
    pub(crate) kind: String,
    /// What is asked for: a quantity's name, or a drill's question.
    pub(crate) name: String,
    /// The question in a few words, for the score card: the quantity's
    /// name, or the drill's kind.
    pub(crate) label: String,
    /// Said with the question: the quantity's note, or a drill's givens.
    pub(crate) about: Option<String>,
    /// The figure (an uncertain one's median).
    pub(crate) figure: Quantity,
    /// The figure as shown, with its 90% range when it has one.
    pub(crate) shown: String,
    /// How the figure is reached, with the numbers in.
    pub(crate) working: String,
    /// The expression with its names, without numbers.
    pub(crate) hint: String,
    /// Where the figure comes from, for a reference number.
    pub(crate) source: Option<String>,
}

/// How close an answer was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Grade {
    Good,
    Fair,
    Missed,
}

impl Grade {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Grade::Good => "good",
            Grade::Fair => "fair",
            Grade::Missed => "missed",
        }
    }
}

/// The bands of the grades: within `good` times the figure is good,
/// within `fair` times fair (2 and 10 unless `--good` and `--fair` say).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Bands {
    pub(crate) good: f64,
    pub(crate) fair: f64,
}

impl Default for Bands {
    fn default() -> Bands {
        Bands {
            good: 2.0,
            fair: 10.0,
        }
    }
}

/// A graded answer.
#[derive(Clone, Debug)]
pub(crate) struct Graded {
    /// The answer as bote read it (`40 TB`, `2 to 5 TB (90% range ...)`).
    pub(crate) said: String,
    /// The answer over the figure (an uncertain answer's median over it);
    /// `None` when the two have different signs or one is 0.
    pub(crate) ratio: Option<f64>,
    pub(crate) grade: Grade,
    /// For a range answer: whether the figure lies inside it.
    pub(crate) inside: Option<bool>,
}

impl Graded {
    /// How far off, in words: `2.1x high, 0.32 orders`, `right on`.
    pub(crate) fn off(&self) -> String {
        match self.ratio {
            None => "not comparable in sign or zero".into(),
            Some(r) if (r - 1.0).abs() < 0.005 => "right on".into(),
            Some(r) => format!("{}, {:.2} orders", self.factor(), r.max(1.0 / r).log10()),
        }
    }

    /// The factor off with its direction: `2.1x high`, `3x low`.
    pub(crate) fn factor(&self) -> String {
        match self.ratio {
            None => "-".into(),
            Some(r) if (r - 1.0).abs() < 0.005 => "right on".into(),
            Some(r) if r > 1.0 => format!("{}x high", factor_text(r)),
            Some(r) => format!("{}x low", factor_text(1.0 / r)),
        }
    }
}

/// A factor to two or three figures: `2.1`, `12`, `1.05`; from a million
/// on, its power of ten (`2e297`), not three hundred digits.
pub(crate) fn factor_text(f: f64) -> String {
    if f < 10.0 {
        let s = format!("{f:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else if f < 1e6 {
        format!("{f:.0}")
    } else {
        format!("{f:.0e}")
    }
}

/// The questions of an evaluated estimate: each derived quantity, in the
/// order it is computed (each after what it uses).
pub(crate) fn questions(ev: &Evaluated) -> Vec<Question> {
    let est = &ev.estimate;
    let explanations = ev.explanations();
    ev.order
        .iter()
        .filter_map(|&i| {
            let item = &est.items[i];
            let Place::Section(s) = item.place else {
                return None;
            };
            let row = ev.rows.iter().find(|r| r.item == i)?;
            let shown = statement::value_text(&row.shown, row.range.as_deref());
            Some(Question {
                kind: est.sections[s].clone(),
                name: item.name.clone(),
                label: item.name.clone(),
                about: item.note.clone(),
                figure: row.quantity,
                shown: row
                    .verdict
                    .as_ref()
                    .map_or(shown.clone(), |v| format!("{shown} ({v})")),
                working: explanations[i].clone(),
                hint: format!("{} = {}", item.name, item.shown_expr()),
                source: None,
            })
        })
        .collect()
}

/// What an answer line asks for.
#[derive(Debug)]
pub(crate) enum Reply {
    /// A figure, graded.
    Answer(Box<Graded>),
    Hint,
    Skip,
    Quit,
    /// Not an answer: why, to ask again.
    Again(String),
}

/// Read `line` as a reply to `q`: a figure in any form `bote eval` reads
/// (`4k/s`, `40 TB`, `~30 TB`, `2 to 5 TB`), or `h`/`hint`, `s`/`skip`,
/// `q`/`quit`. A figure of another kind is refused with what was expected.
pub(crate) fn reply(
    q: &Question,
    line: &str,
    counts: &Counts,
    calendar: Calendar,
    bands: Bands,
) -> Reply {
    let line = line.trim();
    match line.to_lowercase().as_str() {
        "" => {
            return Reply::Again(
                "type a figure, `h` for a hint, `s` to skip or `q` to quit".into(),
            );
        }
        "h" | "hint" | "?" => return Reply::Hint,
        "s" | "skip" => return Reply::Skip,
        "q" | "quit" | "exit" => return Reply::Quit,
        _ => {}
    }
    let mut env = Env::new(calendar).with_counts(counts.clone());
    let done = match statement::run(line, &mut env) {
        Ok(done) => done,
        Err(d) => return Reply::Again(d.message),
    };
    let answer = done.answer;
    // Counts are names, not kinds: `4000/s` answers `4,000 redirects/s`.
    let (want, got) = (
        q.figure.dim().uncounted(),
        answer.quantity.dim().uncounted(),
    );
    if want != got {
        let kind = |d: crate::quantity::dimension::Dimension| match d.base_units().as_str() {
            "" => "a plain number".to_string(),
            units => format!("{} ({units})", d.name()),
        };
        return Reply::Again(format!(
            "that is {}; the question asks for {}",
            kind(got),
            kind(want)
        ));
    }
    let (a, f) = (answer.quantity.si_value(), q.figure.si_value());
    let ratio = (a * f > 0.0).then(|| a / f);
    let grade = match ratio.map(|r| r.max(1.0 / r)) {
        Some(x) if x <= bands.good => Grade::Good,
        Some(x) if x <= bands.fair => Grade::Fair,
        _ => Grade::Missed,
    };
    let inside = answer
        .range
        .as_ref()
        .map(|r| r.spread.p5 <= f && f <= r.spread.p95);
    Reply::Answer(Box::new(Graded {
        said: answer_text(&answer),
        ratio,
        grade,
        inside,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question() -> Question {
        let figure = crate::lang::evaluate("3 TB", &Env::default())
            .unwrap()
            .quantity;
        Question {
            kind: "storage".into(),
            name: "total_storage".into(),
            label: "total_storage".into(),
            about: None,
            figure,
            shown: "3 TB".into(),
            working: String::new(),
            hint: String::new(),
            source: None,
        }
    }

    fn graded(line: &str) -> Graded {
        match reply(
            &question(),
            line,
            &Counts::default(),
            Calendar::default(),
            Bands::default(),
        ) {
            Reply::Answer(g) => *g,
            other => panic!("{line}: {other:?}"),
        }
    }

    #[test]
    fn grades_by_factor() {
        let g = graded("6.3 TB");
        assert_eq!(g.grade, Grade::Fair, "{g:?}");
        assert_eq!(g.off(), "2.1x high, 0.32 orders");
        assert_eq!(graded("5.7 TB").grade, Grade::Good);
        assert_eq!(graded("~2 TB").grade, Grade::Good);
        assert_eq!(graded("3e12 bytes").off(), "right on");
        assert_eq!(graded("500 GB").grade, Grade::Fair);
        assert_eq!(graded("500 GB").off(), "6x low, 0.78 orders");
        assert_eq!(graded("40 TB").grade, Grade::Missed);
        let range = graded("2 to 5 TB");
        assert_eq!(range.inside, Some(true));
        assert_eq!(graded("4 to 5 TB").inside, Some(false));
    }

    #[test]
    fn the_wrong_kind_of_figure_is_refused() {
        let Reply::Again(why) = reply(
            &question(),
            "40/s",
            &Counts::default(),
            Calendar::default(),
            Bands::default(),
        ) else {
            panic!()
        };
        assert_eq!(why, "that is rate (/s); the question asks for data (B)");
        assert!(matches!(
            reply(
                &question(),
                "h",
                &Counts::default(),
                Calendar::default(),
                Bands::default()
            ),
            Reply::Hint
        ));
    }
}
