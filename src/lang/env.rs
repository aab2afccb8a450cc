//! The environment an expression is evaluated in: named quantities (by
//! name, or by slot for an estimate's resolved names), the calendar, how
//! ranges are drawn and the declared counts; and the error for a name it
//! does not hold, with did-you-mean.

use crate::lang::ast::{Expr, NodeId, Statement};
use crate::lang::error::{ExprError, ExprErrorKind};
use crate::quantity::count::Counts;
use crate::quantity::dimension::Dimension;
use crate::quantity::sample::{Sampling, Value};
use crate::span::Span;
use crate::units::{self, Calendar};
use rustc_hash::FxHashMap;
use std::borrow::Cow;

/// Named quantities and the calendar that month and year follow. Names
/// are borrowed from whoever defined them (an estimate's items, `--let`),
/// or owned when they were made as the input went (`name = EXPR` lines).
#[derive(Clone, Debug, Default)]
pub struct Env<'a> {
    values: FxHashMap<Cow<'a, str>, Value>,
    /// Values by slot, for names an estimate has resolved (see `Expr::Name`).
    slots: Vec<Option<Value>>,
    pub(crate) calendar: Calendar,
    /// How ranges are drawn.
    pub(crate) sampling: Sampling,
    /// The counts declared (`--counts`, an estimate's `counts:`), read as units.
    pub(crate) counts: Counts,
}

impl<'a> Env<'a> {
    /// An environment with no names, under `calendar`.
    pub fn new(calendar: Calendar) -> Env<'a> {
        Env {
            calendar,
            ..Env::default()
        }
    }

    /// An environment for `n` resolved names, set with [`Env::set_slot`].
    pub(crate) fn with_slots(calendar: Calendar, sampling: Sampling, n: usize) -> Env<'a> {
        Env {
            values: FxHashMap::default(),
            slots: vec![None; n],
            calendar,
            sampling,
            counts: Counts::default(),
        }
    }

    /// This environment, reading `counts` as units.
    pub(crate) fn with_counts(mut self, counts: Counts) -> Env<'a> {
        self.counts = counts;
        self
    }

    /// This environment, drawing ranges as `sampling` says.
    pub fn sampling(mut self, sampling: Sampling) -> Env<'a> {
        self.sampling = sampling;
        self
    }

    /// The value in `slot`, if an estimate has put one there.
    pub(crate) fn slot(&self, slot: u32) -> Option<&Value> {
        self.slots.get(slot as usize)?.as_ref()
    }

    pub(crate) fn set_slot(&mut self, slot: usize, v: Value) {
        if let Some(s) = self.slots.get_mut(slot) {
            *s = Some(v);
        }
    }

    /// The dimension of the name at node `id` of `stmt`, if it is defined.
    pub(crate) fn dim_of(&self, stmt: &Statement, id: NodeId) -> Option<Dimension> {
        let Expr::Name { span, slot } = stmt.node(id) else {
            return None;
        };
        if let Some(Some(v)) = self.slots.get(*slot as usize) {
            return Some(v.dim());
        }
        self.get(stmt.text_at(Span::from(*span))).map(Value::dim)
    }

    /// Define `name` (or redefine it) as `v`. A name keeps its draws but
    /// not their order (the hint that makes a range's percentiles cheap,
    /// 4 bytes a draw): what names hold stays the 8 bytes a draw that
    /// bote's bound on draws held at once counts, as `bote eval` lines
    /// add ranges.
    pub fn set(&mut self, name: impl Into<Cow<'a, str>>, v: impl Into<Value>) {
        self.values.insert(name.into(), v.into().unordered());
    }

    /// Every name defined by name (not by slot), sorted, with its value.
    pub(crate) fn names(&self) -> Vec<(&str, &Value)> {
        let mut all: Vec<(&str, &Value)> = self.values.iter().map(|(k, v)| (&**k, v)).collect();
        all.sort_by(|a, b| a.0.cmp(b.0));
        all
    }

    /// How many draws the names hold (a name that shares another's draws
    /// is counted again: an upper bound).
    pub(crate) fn draws_held(&self) -> usize {
        let held = |v: &Value| match v {
            Value::Draws(d) => d.values().len(),
            Value::Exact(_) => 0,
        };
        self.values.values().map(held).sum::<usize>()
            + self.slots.iter().flatten().map(held).sum::<usize>()
    }

    /// The value `name` stands for, if it is defined.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.values.get(name)
    }

    /// The error for `name` at `span` of `src`, which no one defined.
    pub(super) fn unknown(&self, name: &str, src: &str, span: Span) -> ExprError {
        if in_unit_position(src, span) {
            return unknown_unit(name, &self.counts, span);
        }
        unknown_name(name, self.values.keys().map(|k| &**k), &self.counts, span)
    }
}

/// Does the word at `span` of `src` stand where a unit does: right after a
/// `/` (`2 KB/user`) or after `per`, `every` or `each`? There a name is
/// never suggested for it (`users` for `user` would divide by the users).
pub(crate) fn in_unit_position(src: &str, span: Span) -> bool {
    let before = src.get(..span.start).unwrap_or("");
    before.ends_with('/') || {
        let word = before
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        before.len() > before.trim_end().len() && matches!(word, "per" | "every" | "each")
    }
}

/// The error for a word in a unit's place that is no unit: the units and
/// counts it is close to, or how to declare it as a count.
pub(crate) fn unknown_unit(word: &str, counts: &Counts, span: Span) -> ExprError {
    ExprError::new(
        ExprErrorKind::UnknownUnit {
            word: word.to_string(),
            suggestions: units::suggest_units(word, counts),
        },
        span,
    )
}

impl Env<'_> {}

/// The error for a name nobody defined, with the closest of `known` (or of
/// the units, if no name is close) as suggestions. `inf` and `NaN` get their own.
pub(crate) fn unknown_name<'a>(
    name: &str,
    known: impl Iterator<Item = &'a str>,
    counts: &'a Counts,
    span: Span,
) -> ExprError {
    if matches!(
        name.to_ascii_lowercase().as_str(),
        "inf" | "infinity" | "nan"
    ) {
        return ExprError::new(ExprErrorKind::NotFinite(name.to_string()), span);
    }
    let mut suggestions: Vec<String> =
        crate::suggest::closest(name, known.chain(counts.spellings()))
            .into_iter()
            .map(String::from)
            .collect();
    if suggestions.is_empty() {
        // A name that looks like a unit may be a misspelt unit.
        suggestions = units::suggest_units(name, counts);
    }
    ExprError::new(
        ExprErrorKind::UnknownName {
            name: name.to_string(),
            suggestions,
        },
        span,
    )
}
