//! Reading an estimate file: YAML to the model, checking every key and
//! parsing every expression. It does not order or evaluate anything.

use super::*;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::format;
use crate::lang::ast::{Statement, Target};
use crate::lang::env::Env;
use crate::lang::error::ExprError;
use crate::lang::parser;
use crate::quantity::count::Counts;
use crate::quantity::dimension::Dimension;
use crate::quantity::sample;
use crate::span::Span;
use crate::units::Calendar;
use crate::yaml::{self, Node, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

mod quantity;
mod top;

use quantity::Fields;

/// Read an estimate from YAML text: its shape, keys and expressions, every
/// error found at once. Whether its names are unique, known and free of
/// cycles is found when it is evaluated, where they are indexed anyway.
pub fn load(origin: &str, src: &str) -> Result<Estimate, Diagnostics> {
    let est = load_owned(origin, src.to_string())?;
    if est.load_errors.is_empty() {
        Ok(est)
    } else {
        Err(est.load_errors)
    }
}

/// [`load()`], keeping `src` as the estimate's source text rather than a copy
/// of it (large files are megabytes). Only an error that hides the rest
/// (the YAML does not read, the counts do not declare) is returned as one;
/// the others are kept in the estimate, for [`Estimate::evaluate`] to
/// report with its own.
pub(crate) fn load_owned(origin: &str, src: String) -> Result<Estimate, Diagnostics> {
    let (mut est, errors) = read(origin, &src)?;
    est.source_text = src;
    est.load_errors = errors;
    Ok(est)
}

fn read(origin: &str, src: &str) -> Result<(Estimate, Diagnostics), Diagnostics> {
    if src.len() > yaml::MAX_FILE_BYTES {
        let message = format!(
            "the file is {} bytes; the limit is {} bytes",
            src.len(),
            yaml::MAX_FILE_BYTES
        );
        return Err(error_at(origin, src, Span::new(0, 0), message).into());
    }
    if src.trim().is_empty() {
        let message =
            "the estimate file is empty; it needs at least a `title` and some `assumptions`";
        return Err(error_at(origin, src, Span::new(0, 0), message).into());
    }
    let root = yaml::parse(src).map_err(|e| {
        let mut err = error_at(origin, src, e.span, e.message);
        if let Some(first) = e.first {
            err.label = "written again here".into();
            err.secondary = Some((first, "first written here".into()));
        }
        Diagnostics::from(match e.note {
            Some(note) => err.tap_note(note),
            None => err,
        })
    })?;
    if root.value == Value::Null {
        let message =
            "the estimate file has no content; it needs at least a `title` and some `assumptions`";
        return Err(error_at(origin, src, Span::new(0, 0), message).into());
    }
    let loader = Loader {
        origin,
        src,
        units: RefCell::default(),
        counts: Counts::default(),
    };
    // Counts are units: declared before any expression is read.
    let counts = loader.counts(&root)?;
    let loader = Loader { counts, ..loader };
    loader.estimate(&root)
}

struct Loader<'a> {
    origin: &'a str,
    src: &'a str,
    /// Each `unit:` text read so far: a large file repeats a few units.
    units: RefCell<FxHashMap<String, Box<Target>>>,
    /// The counts the file declares.
    counts: Counts,
}

/// An item's expression, read but not yet parsed: the text, and the node
/// it came from (to place an error). Each item leaves one, in item order.
struct Pending<'n> {
    text: &'n str,
    node: &'n Node<'n>,
}

/// How many quantities the estimate in `root` holds, if it is well formed:
/// the entries of its assumptions and sections.
fn quantities(root: &Node) -> usize {
    let Value::Map(entries) = &root.value else {
        return 0;
    };
    entries
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.text(),
                Some(
                    "title"
                        | "about"
                        | "source"
                        | "calendar"
                        | "references"
                        | "prices"
                        | "scenarios"
                )
            )
        })
        .map(|(_, v)| match &v.value {
            Value::Map(m) => m.len(),
            _ => 0,
        })
        .sum()
}

/// From this many items on, a second thread parses half of them. Below
/// it, starting the thread costs more than it saves. (Formatting the rows
/// in two halves as well was measured, and gained nothing.)
const IN_TWO_FROM: usize = 2_000;

/// Run `work` over `items`: over both halves at once on two threads when
/// there are many, else over all of them here. `work` is given the index
/// of its first item and returns what it found wrong; both halves' come
/// back, the first half's first.
///
/// `work` must not print: the binary holds stderr's lock for the whole run,
/// so a second thread writing to it would wait forever.
fn in_two<T: Send, E: Send>(
    items: &mut [T],
    work: impl Fn(usize, &mut [T]) -> Vec<E> + Sync,
) -> Vec<E> {
    if items.len() >= IN_TWO_FROM {
        let half = items.len() / 2;
        let (first, second) = items.split_at_mut(half);
        let work = &work;
        let done = std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .spawn_scoped(scope, move || work(half, second))
                .ok()?;
            let mut mine = work(0, first);
            let theirs = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            mine.extend(theirs);
            Some(mine)
        });
        if let Some(done) = done {
            return done;
        }
        // No second thread to be had: do it all here.
    }
    work(0, items)
}

impl Loader<'_> {
    fn err(&self, span: Span, message: impl Into<String>) -> LoadError {
        error_at(self.origin, self.src, span, message)
    }

    fn map<'n>(
        &self,
        node: &'n Node<'n>,
        what: &str,
    ) -> Result<&'n [(Node<'n>, Node<'n>)], LoadError> {
        match &node.value {
            Value::Map(entries) => Ok(entries),
            _ => Err(self.err(
                node.span,
                format!(
                    "{what} must be a map of `key: value` lines, but this is {}",
                    node.kind_name()
                ),
            )),
        }
    }

    fn text<'n>(&self, node: &'n Node, what: &str) -> Result<&'n str, LoadError> {
        match &node.value {
            Value::Text(t) => Ok(t),
            Value::Bool => Err(self.err(
                node.span,
                format!("{what} reads as a yes/no value in YAML; quote it if you meant the text"),
            )),
            _ => Err(self.err(
                node.span,
                format!("{what} must be text, but this is {}", node.kind_name()),
            )),
        }
    }

    fn key<'n>(&self, node: &'n Node) -> Result<&'n str, LoadError> {
        self.text(node, "a key")
    }

    /// An unknown key, with did-you-mean; and, when the key is the rest
    /// of a value a comma cut off (see [`Loader::cut_by_comma`]), how to
    /// keep the comma.
    fn unknown_key(
        &self,
        key: &Node,
        value: &Node,
        name: &str,
        allowed: &[&str],
        place: &str,
    ) -> LoadError {
        let mut d = Diagnostic::unknown_key(self.origin, self.src, key.span, name, allowed, place);
        if self.cut_by_comma(key, value) {
            d = d.with_note("in `{ … }` a comma ends the value: quote an expression that holds one, as `expr: \"max(a, b)\"`");
        }
        Box::new(d)
    }

    /// Whether the entry `key: value` is the rest of a value that a comma
    /// ended in a flow map: `{ note: one, two }` reads `two` as a key with
    /// no value and no colon.
    fn cut_by_comma(&self, key: &Node, value: &Node) -> bool {
        yaml::cut_by_comma(self.src, key, value)
    }

    /// The estimate in `root`, and every error found in it that others do
    /// not hide. Items are read first and their expressions parsed after,
    /// all together (see [`Loader::parse_into`]). An item that fails stays
    /// in the list, marked broken, so a name that uses it is not also
    /// reported as unknown.
    fn estimate(&self, root: &Node) -> Result<(Estimate, Diagnostics), Diagnostics> {
        let mut pending = Vec::new();
        let (mut est, mut errors) = self.read(root, &mut pending)?;
        for e in self.parse_into(&mut est.items, &pending) {
            errors.push(*e);
        }
        // A capacity quantity's expression is its ratios, written out.
        for item in est.items.iter_mut().filter(|i| !i.broken) {
            if let Some(cap) = &item.capacity {
                let text = cap.expression();
                match parser::parse(&text, &self.counts) {
                    Ok(stmt) => item.stmt = stmt,
                    Err(e) => {
                        let message = format!("in `{}`: {e}", item.name);
                        errors.push(*self.err(item.expr_at, message));
                        item.broken = true;
                    }
                }
                item.expr_offset = None;
            }
        }
        errors.sort(self.origin);
        Ok((est, errors))
    }

    /// Parse each item's pending expression into it (in two halves at once
    /// when there are many); an item that fails is marked broken, and its
    /// error returned with the others.
    fn parse_into(&self, items: &mut [Item], pending: &[Pending]) -> Vec<LoadError> {
        debug_assert_eq!(items.len(), pending.len());
        let counts = &self.counts;
        let failed = in_two(items, |from, items| {
            let mut scratch = parser::Scratch::default();
            let mut failed = Vec::new();
            for (i, item) in items.iter_mut().enumerate().filter(|(_, i)| !i.broken) {
                let text = pending[from + i].text;
                match parser::parse_in(&mut scratch, text, counts) {
                    Ok(stmt) => {
                        // Without a `unit`, a quantity shows in its expression's `->` unit.
                        if item.unit.is_none() {
                            item.unit.clone_from(&stmt.target);
                        }
                        item.stmt = stmt;
                    }
                    Err(e) => {
                        item.broken = true;
                        failed.push((from + i, e));
                    }
                }
            }
            failed
        });
        failed
            .into_iter()
            .map(|(i, e)| {
                let p = &pending[i];
                // `replicas: 3 replicas` is no `3 * replicas`: a quantity
                // is never offered in terms of itself.
                let own = &items[i].name;
                let e = e.name_used_as_unit(p.text, |w| {
                    w != own && items.iter().any(|item| item.name == w)
                });
                self.expr_error(&e, p.text, p.node)
            })
            .collect()
    }

    /// Where an expression's text starts in the file, when the file holds it verbatim.
    fn expr_offset(&self, text: &str, node: &Node) -> Option<usize> {
        let at = node.span.start;
        let rest = self.src.get(at..)?;
        if rest.starts_with(text) {
            Some(at)
        } else if (rest.starts_with('"') || rest.starts_with('\'')) && rest[1..].starts_with(text) {
            Some(at + 1)
        } else {
            None
        }
    }

    /// An expression error placed in the file.
    fn expr_error(&self, e: &ExprError, text: &str, node: &Node) -> LoadError {
        let offset = self.expr_offset(text, node);
        Box::new(placed(e, self.origin, self.src, offset, node.span, text))
    }

    /// A `unit:` field's target, read once per distinct text.
    fn unit(&self, text: &str, node: &Node) -> Result<Box<Target>, LoadError> {
        if let Some(t) = self.units.borrow().get(text) {
            return Ok(t.clone());
        }
        let target = Box::new(
            parser::parse_target(text, &self.counts)
                .map_err(|e| self.expr_error(&e, text, node))?,
        );
        self.units
            .borrow_mut()
            .insert(text.to_string(), target.clone());
        Ok(target)
    }

    fn parse_expr(&self, text: &str, node: &Node) -> Result<Statement, LoadError> {
        parser::parse(text, &self.counts).map_err(|e| self.expr_error(&e, text, node))
    }

    fn name(&self, key: &Node) -> Result<(String, Span), LoadError> {
        let name = self.key(key)?;
        if let Some(problem) = parser::name_problem(name) {
            return Err(self.err(key.span, problem));
        }
        Ok((name.to_string(), key.span))
    }

    /// The text of a node that must hold an expression. `what` names it in an
    /// error, and is only called then.
    fn expr_text<'n>(
        &self,
        node: &'n Node,
        what: &dyn Fn() -> String,
    ) -> Result<&'n str, LoadError> {
        if let Value::Text(t) = &node.value
            && !t.trim().is_empty()
        {
            return Ok(t);
        }
        let what = what();
        match &node.value {
            Value::Text(_) => Err(self.err(node.span, format!("{what} is empty"))),
            Value::Null => Err(self.err(
                node.span,
                format!("{what} is missing: write an expression such as `5 years`"),
            )),
            Value::Bool => {
                let raw = self.src.get(node.span.start..node.span.end).unwrap_or("");
                Err(self.err(node.span, format!("{what} `{raw}` reads as a yes/no value in YAML, not an expression; quote it if it is a name")))
            }
            _ => Err(self.err(
                node.span,
                format!(
                    "{what} must be an expression, but this is {}",
                    node.kind_name()
                ),
            )),
        }
    }

    fn opt_text(&self, fields: &Fields<'_>, key: &str) -> Result<Option<String>, LoadError> {
        match fields.get(key) {
            None => Ok(None),
            Some(Node {
                value: Value::Text(t),
                ..
            }) => Ok(Some(t.to_string())),
            // Only an error needs the field's name spelt out.
            Some(n) => self
                .text(n, &format!("`{key}`"))
                .map(|t| Some(t.to_string())),
        }
    }
}
