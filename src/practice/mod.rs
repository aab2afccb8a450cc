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
    /// Said after the answer, not with the question: a note that quotes
    /// the figure or its published value would give the answer away.
    pub(crate) after: Option<String>,
    /// What else an answer may be good against, each in base units with
    /// how it is said: the figure's 90% range, the source's published
    /// figure, and the figure at the source's own points.
    pub(crate) also: Also,
}

/// Other figures a good answer may stand near: an uncertain figure is not
/// only its median.
#[derive(Clone, Debug, Default)]
pub(crate) struct Also {
    /// The figure's 90% range, p5 and p95, in base units.
    pub(crate) range: Option<(f64, f64)>,
    /// The source's published figure, and how it is said (`4,000 redirects/s`).
    pub(crate) published: Option<(f64, String)>,
    /// The figure at the source's `point:` figures, as shown, and the
    /// points said (`read_ratio 100 redirects/url`).
    pub(crate) point: Option<(f64, String, String)>,
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
    /// For a range answer: its high end over its low end.
    pub(crate) width: Option<f64>,
    /// What made a point answer good when the median alone would not:
    /// `inside the figure's 90% range`, `within 2x of the source's 4,000
    /// redirects/s, at read_ratio 100 redirects/url`.
    pub(crate) by: Option<String>,
}

impl Graded {
    /// How far off, in words: `2.1x high, 0.32 orders`, `right on`.
    pub(crate) fn off(&self) -> String {
        // A range is graded by whether it holds the figure and by its
        // width, never "right on".
        if let (Some(inside), Some(width)) = (self.inside, self.width) {
            let held = if inside { "holds it" } else { "misses it" };
            return format!("your range {held}, {}x wide", width_text(width));
        }
        match self.ratio {
            None => "not comparable in sign or zero".into(),
            Some(r) if (r - 1.0).abs() < 0.005 => "right on".into(),
            Some(r) => format!(
                "{}, {:.2} orders",
                self.factor(),
                libm::log10(r.max(1.0 / r))
            ),
        }
    }

    /// The factor off with its direction: `2.1x high`, `3x low`.
    pub(crate) fn factor(&self) -> String {
        if let (Some(inside), Some(width)) = (self.inside, self.width) {
            let held = if inside { "holds it" } else { "misses it" };
            return format!("{held}, {}x wide", width_text(width));
        }
        match self.ratio {
            None => "-".into(),
            Some(r) if (r - 1.0).abs() < 0.005 => "right on".into(),
            Some(r) if r > 1.0 => format!("{}x high", factor_text(r)),
            Some(r) => format!("{}x low", factor_text(1.0 / r)),
        }
    }
}

/// A range's width, to two figures: its ends are drawn, so `1 to 250000`
/// is 250,000x wide, not 249,086x.
fn width_text(w: f64) -> String {
    factor_text(crate::units::display::round_sig(w, 2))
}

/// A factor to two or three figures: `2.1`, `12`, `1.05`; from a million
/// on, its power of ten (`2e297`), not three hundred digits.
pub(crate) fn factor_text(f: f64) -> String {
    if f < 10.0 {
        let s = format!("{f:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else if f < 1e6 {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        crate::quantity::grouped(f.round() as usize)
    } else {
        format!("{f:.0e}")
    }
}

/// The questions of an evaluated estimate: each derived quantity, in the
/// order it is computed (each after what it uses).
pub(crate) fn questions(ev: &Evaluated) -> Vec<Question> {
    let est = &ev.estimate;
    let explanations = ev.explanations();
    // The estimate at the source's own `point:` figures, when it gives any.
    let at_points = est
        .items
        .iter()
        .any(|i| i.point.is_some())
        .then(|| {
            let mut e = est.clone();
            e.sampling.point = true;
            e.evaluate().ok()
        })
        .flatten();
    ev.order
        .iter()
        .filter_map(|&i| {
            let item = &est.items[i];
            let Place::Section(s) = item.place else {
                return None;
            };
            let row = ev.rows.iter().find(|r| r.item == i)?;
            let shown = statement::value_text(&row.shown, row.range.as_deref());
            let published = row
                .expect
                .as_ref()
                .filter(|c| c.high.is_none())
                .map(|c| (c.quantity.si_value(), c.shown.text.clone()));
            let point = at_points.as_ref().and_then(|p| point_figure(ev, p, i));
            // A note that quotes the answer is said after it.
            let mut figures = vec![row.shown.value];
            figures.extend(row.expect.as_ref().map(|c| c.shown.value));
            let gives_away = item
                .note
                .as_deref()
                .is_some_and(|n| quotes_a_figure(n, &figures));
            let (about, after) = if gives_away {
                (None, item.note.clone())
            } else {
                (item.note.clone(), None)
            };
            Some(Question {
                kind: est.sections[s].clone(),
                name: item.name.clone(),
                label: item.name.clone(),
                about,
                after,
                also: Also {
                    range: row.range.as_ref().map(|r| (r.spread.p5, r.spread.p95)),
                    published,
                    point,
                },
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

/// Item `i`'s figure in `points` (the estimate at its `point:` figures),
/// when that differs from the median: as shown, with the points said.
fn point_figure(ev: &Evaluated, points: &Evaluated, i: usize) -> Option<(f64, String, String)> {
    let row = points.rows.iter().find(|r| r.item == i)?;
    let said: Vec<String> = ev
        .ranged_inputs(i)
        .iter()
        .filter_map(|name| {
            let r = points
                .rows
                .iter()
                .find(|r| points.estimate.items[r.item].name == *name)?;
            points.estimate.items[r.item]
                .point
                .is_some()
                .then(|| format!("{name} {}", r.shown.text))
        })
        .collect();
    (!said.is_empty()).then(|| {
        (
            row.quantity.si_value(),
            row.shown.text.clone(),
            said.join(", "),
        )
    })
}

/// Whether `note` quotes one of `figures` (as shown, in their units): a
/// number in it within 10% of one (`38`, `~40`, `4K`).
fn quotes_a_figure(note: &str, figures: &[f64]) -> bool {
    let mut numbers = Vec::new();
    let bytes: Vec<char> = note.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == '.' || bytes[i] == ',')
            {
                i += 1;
            }
            let text: String = bytes[start..i].iter().filter(|c| **c != ',').collect();
            let text = text.trim_end_matches('.');
            let scale = match bytes.get(i) {
                Some('k' | 'K') => 1e3,
                Some('M') => 1e6,
                Some('B') if bytes.get(i + 1).is_none_or(|c| !c.is_alphabetic()) => 1e9,
                _ => 1.0,
            };
            if let Ok(v) = text.parse::<f64>() {
                numbers.push(v * scale);
            }
        } else {
            i += 1;
        }
    }
    numbers.iter().any(|n| {
        figures
            .iter()
            .any(|f| *f != 0.0 && *n != 0.0 && (n / f - 1.0).abs() <= 0.10)
    })
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
    let (grade, inside, width, by) = match answer.range.as_ref() {
        // A range: whether it holds the figure (or its published value),
        // and how wide it is. A range wide enough to hold anything says
        // little: its ends must lie within the bands' factor of each other.
        Some(r) => {
            let (lo, hi) = (r.spread.p5, r.spread.p95);
            let holds = |x: f64| lo <= x && x <= hi;
            let inside = holds(f)
                || q.also.published.as_ref().is_some_and(|(p, _)| holds(*p))
                || q.also.point.as_ref().is_some_and(|(p, _, _)| holds(*p));
            let width = if lo > 0.0 { hi / lo } else { f64::INFINITY };
            let grade = if !inside {
                // Missed the figure: as close as its nearer end, at best fair.
                let near = if hi < f { f / hi } else { lo / f };
                match near {
                    x if x.is_finite() && x > 0.0 && x <= bands.fair => Grade::Fair,
                    _ => Grade::Missed,
                }
            } else if width <= bands.good * bands.good {
                Grade::Good
            } else if width <= bands.fair * bands.fair {
                Grade::Fair
            } else {
                Grade::Missed
            };
            (grade, Some(inside), Some(width), None)
        }
        None => {
            let band = |x: f64, y: f64| {
                let r = x / y;
                (x * y > 0.0).then(|| r.max(1.0 / r))
            };
            let grade = match band(a, f) {
                Some(x) if x <= bands.good => Grade::Good,
                Some(x) if x <= bands.fair => Grade::Fair,
                _ => Grade::Missed,
            };
            // Good against what an uncertain figure also is: inside its
            // 90% range, or near the source's own figure.
            let good = |x: f64| band(a, x).is_some_and(|b| b <= bands.good);
            let by = if grade == Grade::Good {
                None
            } else if let Some((_, text)) = q.also.published.as_ref().filter(|(p, _)| good(*p)) {
                Some(match &q.also.point {
                    Some((_, _, points)) => format!(
                        "within {}x of the source's {text}, at {points}",
                        factor_text(bands.good)
                    ),
                    None => format!("within {}x of the source's {text}", factor_text(bands.good)),
                })
            } else if let Some((_, text, points)) =
                q.also.point.as_ref().filter(|(p, _, _)| good(*p))
            {
                Some(format!(
                    "within {}x of {text}, the figure at the source's {points}",
                    factor_text(bands.good)
                ))
            } else if q.also.range.is_some_and(|(lo, hi)| lo <= a && a <= hi) {
                Some("inside the figure's 90% range".to_string())
            } else {
                None
            };
            let grade = if by.is_some() { Grade::Good } else { grade };
            (grade, None, None, by)
        }
    };
    Reply::Answer(Box::new(Graded {
        said: answer_text(&answer),
        ratio,
        grade,
        inside,
        width,
        by,
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
            after: None,
            also: Also::default(),
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

    /// A range answer is graded by whether it holds the figure and by its
    /// width: one wide enough to hold anything is not "right on".
    #[test]
    fn a_range_answer_is_graded_by_holding_and_width() {
        let g = graded("1 TB to 250000 TB");
        assert_eq!((g.grade, g.inside), (Grade::Missed, Some(true)), "{g:?}");
        assert_eq!(g.off(), "your range holds it, 250,000x wide");
        assert_ne!(g.factor(), "right on");
        let g = graded("2 to 5 TB");
        assert_eq!(
            (g.grade, g.off().as_str()),
            (Grade::Good, "your range holds it, 2.5x wide")
        );
        assert_eq!(graded("1 to 50 TB").grade, Grade::Fair);
        let g = graded("4 to 5 TB");
        assert_eq!((g.grade, g.inside), (Grade::Fair, Some(false)));
        assert_eq!(graded("40 to 50 TB").grade, Grade::Missed);
    }

    /// An uncertain figure is not only its median: an answer inside its
    /// 90% range, or near the source's published or point figure, is good,
    /// and says which.
    #[test]
    fn good_against_the_range_the_published_figure_or_the_points() {
        let mut q = question();
        q.also = Also {
            range: Some((1.1e12, 9e12)),
            published: Some((0.4e12, "400 GB".into())),
            point: Some((0.38e12, "380 GB".into(), "ratio 100".into())),
        };
        let grade = |line: &str| match reply(
            &q,
            line,
            &Counts::default(),
            Calendar::default(),
            Bands::default(),
        ) {
            Reply::Answer(g) => *g,
            other => panic!("{other:?}"),
        };
        let g = grade("8.5 TB");
        assert_eq!(g.grade, Grade::Good);
        assert_eq!(g.by.as_deref(), Some("inside the figure's 90% range"));
        let g = grade("450 GB");
        assert_eq!(g.grade, Grade::Good);
        assert_eq!(
            g.by.as_deref(),
            Some("within 2x of the source's 400 GB, at ratio 100")
        );
        assert_eq!(grade("3 TB").by, None);
        assert_eq!(grade("50 TB").grade, Grade::Missed);
    }

    #[test]
    fn a_note_that_quotes_the_answer_is_held_back() {
        assert!(quotes_a_figure(
            "the source rounds 38 up to ~40",
            &[38.05, 40.0]
        ));
        assert!(quotes_a_figure(
            "the source's 4K is the 100:1 end of the range",
            &[12_000.0, 4_000.0]
        ));
        assert!(!quotes_a_figure(
            "redirects per new URL (100:1 to 1000:1)",
            &[12_000.0]
        ));
        assert!(!quotes_a_figure("memory to hold the hot set", &[600.0]));
        assert!(quotes_a_figure("exactly 511 TB (7 x 73)", &[511.0, 500.0]));
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
