//! `bote diff`: what moved between two evaluated runs of estimates, by
//! quantity name. Printing it is `report`'s job.

use super::*;

/// A figure in both runs that differs.
#[derive(Clone, Debug)]
pub struct Change {
    /// `assumptions`, a section's name, or `cost` for the cost total.
    pub section: String,
    /// The quantity's name, or `cost total`.
    pub name: String,
    /// As each report shows it, with an uncertain one's 90% range.
    pub old: (String, Option<String>),
    /// The new figure, as `old`.
    pub new: (String, Option<String>),
    /// Both in base units.
    pub old_si: f64,
    /// The new figure in base units.
    pub new_si: f64,
    /// `new / old`, when both are figures of one kind and old is not 0.
    pub ratio: Option<f64>,
    /// The two are of different kinds (`50 million users` and a plain
    /// `300 million`): no ratio, and the report says why.
    pub unit_changed: bool,
    /// A capacity verdict (a count of boxes).
    pub verdict: bool,
    /// A published figure met in the old run and missed in the new, or
    /// the other way: `Some(true)` when now met.
    pub published: Option<bool>,
}

/// What moved between two runs.
#[derive(Clone, Debug, Default)]
pub struct Diff {
    /// Changed figures, biggest change first.
    pub changes: Vec<Change>,
    /// Quantities only the new run has, as `(section, name, figure)`.
    pub added: Vec<(String, String, String)>,
    /// Quantities only the old run has.
    pub removed: Vec<(String, String, String)>,
}

impl Diff {
    /// Whether anything moved.
    pub fn differs(&self) -> bool {
        !(self.changes.is_empty() && self.added.is_empty() && self.removed.is_empty())
    }
}

fn section_of(ev: &Evaluated, row: &Row) -> String {
    match ev.estimate.items[row.item].place {
        Place::Assumption => "assumptions".into(),
        Place::Section(s) => ev.estimate.sections[s].clone(),
    }
}

fn figure(row: &Row) -> (String, Option<String>) {
    (
        row.shown.text.clone(),
        row.range.as_ref().map(|r| r.text.clone()),
    )
}

/// What moved from `old` to `new`: each quantity of the same name whose
/// figure (or range) differs, the cost total, and what either lacks.
pub fn diff(old: &Evaluated, new: &Evaluated) -> Diff {
    let name = |ev: &Evaluated, r: &Row| ev.estimate.items[r.item].name.clone();
    let by_name: FxHashMap<String, &Row> = new.rows.iter().map(|r| (name(new, r), r)).collect();
    let mut out = Diff::default();
    for o in &old.rows {
        let n = name(old, o);
        let Some(nr) = by_name.get(&n) else {
            out.removed
                .push((section_of(old, o), n, o.shown.text.clone()));
            continue;
        };
        let (a, b) = (figure(o), figure(nr));
        let met = |r: &Row| r.expect.as_ref().map(|c| c.ok);
        let published = match (met(o), met(nr)) {
            (Some(x), Some(y)) if x != y => Some(y),
            _ => None,
        };
        if a == b && published.is_none() {
            continue;
        }
        out.changes.push(change(
            section_of(new, nr),
            n,
            (a, o.quantity),
            (b, nr.quantity),
            o.verdict.is_some() || nr.verdict.is_some(),
            published,
        ));
    }
    let old_names: FxHashMap<String, ()> = old.rows.iter().map(|r| (name(old, r), ())).collect();
    for r in &new.rows {
        let n = name(new, r);
        if !old_names.contains_key(&n) {
            out.added
                .push((section_of(new, r), n, r.shown.text.clone()));
        }
    }
    let total = |ev: &Evaluated| (0..ev.estimate.sections.len()).find_map(|s| ev.cost_total(s));
    if let (Some(a), Some(b)) = (total(old), total(new)) {
        let fa = (
            a.shown.text.clone(),
            a.range.as_ref().map(|r| r.text.clone()),
        );
        let fb = (
            b.shown.text.clone(),
            b.range.as_ref().map(|r| r.text.clone()),
        );
        if fa != fb {
            out.changes.push(change(
                "cost".into(),
                "cost total".into(),
                (fa, a.quantity),
                (fb, b.quantity),
                false,
                None,
            ));
        }
    }
    // Biggest change first: by how many times over (or under); a figure
    // of another kind, or from 0, before any ratio.
    // libm's, not the system's: `f64::ln` would load libm.so for every command.
    let size = |c: &Change| c.ratio.map_or(f64::INFINITY, |r| libm::log(r).abs());
    out.changes.sort_by(|a, b| size(b).total_cmp(&size(a)));
    out
}

fn change(
    section: String,
    name: String,
    (old, oq): ((String, Option<String>), Quantity),
    (new, nq): ((String, Option<String>), Quantity),
    verdict: bool,
    published: Option<bool>,
) -> Change {
    let (a, b) = (oq.si_value(), nq.si_value());
    let ratio =
        (oq.dim() == nq.dim() && a != 0.0 && (b / a).is_finite() && b / a > 0.0).then_some(b / a);
    Change {
        section,
        name,
        old,
        new,
        old_si: a,
        new_si: b,
        ratio,
        unit_changed: oq.dim() != nq.dim(),
        verdict,
        published,
    }
}
