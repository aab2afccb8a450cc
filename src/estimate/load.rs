//! Reading an estimate file: YAML to the model, checking every key and
//! parsing every expression. It does not order or evaluate anything.

use super::*;
use crate::diagnostic::Diagnostic;
use crate::format;
use crate::lang::ast::{Statement, Target};
use crate::lang::error::ExprError;
use crate::lang::eval::Env;
use crate::lang::parser;
use crate::quantity::count::Counts;
use crate::quantity::dimension::Dimension;
use crate::quantity::sample;
use crate::span::Span;
use crate::units::Calendar;
use crate::yaml::{self, Node, Value};
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Read an estimate from YAML text: its shape, keys and expressions.
/// Whether its names are unique, known and free of cycles is found when it
/// is evaluated, where they are indexed anyway.
pub fn load(origin: &str, src: &str) -> Result<Estimate, LoadError> {
    load_owned(origin, src.to_string())
}

/// [`load()`], keeping `src` as the estimate's source text rather than a copy
/// of it (large files are megabytes).
pub(crate) fn load_owned(origin: &str, src: String) -> Result<Estimate, LoadError> {
    let mut est = read(origin, &src)?;
    est.source_text = src;
    Ok(est)
}

fn read(origin: &str, src: &str) -> Result<Estimate, LoadError> {
    if src.len() > yaml::MAX_FILE_BYTES {
        let message = format!(
            "the file is {} bytes; the limit is {} bytes",
            src.len(),
            yaml::MAX_FILE_BYTES
        );
        return Err(error_at(origin, src, Span::new(0, 0), message));
    }
    if src.trim().is_empty() {
        let message =
            "the estimate file is empty; it needs at least a `title` and some `assumptions`";
        return Err(error_at(origin, src, Span::new(0, 0), message));
    }
    let root = yaml::parse(src).map_err(|e| {
        let mut err = error_at(origin, src, e.span, e.message);
        if let Some(first) = e.first {
            err.label = "written again here".into();
            err.secondary = Some((first, "first written here".into()));
        }
        match e.note {
            Some(note) => err.tap_note(note),
            None => err,
        }
    })?;
    if root.value == Value::Null {
        let message =
            "the estimate file has no content; it needs at least a `title` and some `assumptions`";
        return Err(error_at(origin, src, Span::new(0, 0), message));
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

/// The fields of one quantity, in file order (YAML's reading has already
/// refused duplicates). A handful at most, so a list beats a hash map.
struct Fields<'n>(Vec<(&'n str, &'n Node<'n>)>);

impl<'n> Fields<'n> {
    fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.0.iter().find(|(k, _)| *k == key).map(|&(_, n)| n)
    }
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
                Some("title" | "about" | "source" | "calendar" | "references" | "prices")
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
/// of its first item; of two errors, the first half's is returned.
///
/// `work` must not print: the binary holds stderr's lock for the whole run,
/// so a second thread writing to it would wait forever.
fn in_two<T: Send, E: Send>(
    items: &mut [T],
    work: impl Fn(usize, &mut [T]) -> Result<(), E> + Sync,
) -> Result<(), E> {
    if items.len() >= IN_TWO_FROM {
        let half = items.len() / 2;
        let (first, second) = items.split_at_mut(half);
        let work = &work;
        let done = std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .spawn_scoped(scope, move || work(half, second))
                .ok()?;
            let mine = work(0, first);
            let theirs = other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Some(mine.and(theirs))
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

    fn unknown_key(&self, key: &Node, name: &str, allowed: &[&str], place: &str) -> LoadError {
        let mut d = Diagnostic::unknown_key(self.origin, self.src, key.span, name, allowed, place);
        if name.contains(['(', ')', '*', '/', '+', ' ']) {
            d = d.with_note("in `{ … }` a comma ends the value: quote an expression that holds one, as `expr: \"max(a, b)\"`");
        }
        Box::new(d)
    }

    /// The estimate in `root`. Items are read first and their expressions
    /// parsed after, all together (see [`Loader::parse_into`]); an error
    /// comes out as if each were parsed where it was read: a parse error
    /// before any error found later in the file.
    fn estimate(&self, root: &Node) -> Result<Estimate, LoadError> {
        let mut pending = Vec::new();
        let mut est = match self.read(root, &mut pending) {
            Ok(est) => est,
            Err(read_error) => {
                // An expression read before the error would have failed first.
                let mut scratch = parser::Scratch::default();
                for p in &pending {
                    parser::parse_in(&mut scratch, p.text, &self.counts)
                        .map_err(|e| self.expr_error(&e, p.text, p.node))?;
                }
                return Err(read_error);
            }
        };
        self.parse_into(&mut est.items, &pending)?;
        // A capacity quantity's expression is its ratios, written out.
        for item in &mut est.items {
            if let Some(cap) = &item.capacity {
                let text = cap.expression();
                item.stmt = parser::parse(&text, &self.counts)
                    .map_err(|e| self.err(item.expr_at, format!("in `{}`: {e}", item.name)))?;
                item.expr_offset = None;
            }
        }
        Ok(est)
    }

    /// Parse each item's pending expression into it (in two halves at once
    /// when there are many); the first error in file order if any fails.
    fn parse_into(&self, items: &mut [Item], pending: &[Pending]) -> Result<(), LoadError> {
        debug_assert_eq!(items.len(), pending.len());
        let counts = &self.counts;
        in_two(items, |from, items| {
            let mut scratch = parser::Scratch::default();
            for (i, item) in items.iter_mut().enumerate() {
                let text = pending[from + i].text;
                let stmt =
                    parser::parse_in(&mut scratch, text, counts).map_err(|e| (from + i, e))?;
                // Without a `unit`, a quantity shows in its expression's `->` unit.
                if item.unit.is_none() {
                    item.unit.clone_from(&stmt.target);
                }
                item.stmt = stmt;
            }
            Ok(())
        })
        .map_err(|(i, e)| {
            let p = &pending[i];
            let e = e.name_used_as_unit(p.text, |w| items.iter().any(|item| item.name == w));
            self.expr_error(&e, p.text, p.node)
        })
    }

    fn read<'n>(
        &self,
        root: &'n Node<'n>,
        pending: &mut Vec<Pending<'n>>,
    ) -> Result<Estimate, LoadError> {
        let entries = self.map(root, "an estimate file")?;
        let mut est = Estimate {
            origin: self.origin.to_string(),
            // `load_owned` moves the text in once reading is done.
            source_text: String::new(),
            title: String::new(),
            about: None,
            source: None,
            calendar: Calendar::default(),
            calendar_from_file: false,
            items: Vec::new(),
            sections: Vec::new(),
            sampling: Sampling::default(),
            counts: self.counts.clone(),
            sheets: crate::sheets::Sheets::default(),
        };
        // Items are large and files may hold many: allocate their list, and
        // that of their expressions (one each), once.
        let n = quantities(root).min(MAX_QUANTITIES + 1);
        est.items.reserve_exact(n);
        pending.reserve_exact(n);
        let mut title_seen = false;
        for (key, value) in entries {
            let name = self.key(key)?;
            match name {
                "title" => {
                    est.title = self.text(value, "`title`")?.to_string();
                    title_seen = true;
                }
                "about" => est.about = Some(self.text(value, "`about`")?.to_string()),
                "source" => est.source = Some(self.text(value, "`source`")?.to_string()),
                "seed" => {
                    est.sampling.seed = self.whole(value, "seed", 0, u64::from(u32::MAX))?;
                }
                "samples" => {
                    let max = sample::MAX_SAMPLES as u64;
                    let n = self.whole(value, "samples", 2, max)?;
                    est.sampling.samples = usize::try_from(n).unwrap_or(sample::MAX_SAMPLES);
                }
                // Read before everything else (see `Loader::counts`).
                "counts" => {}
                "references" | "prices" => {
                    let kind = if name == "prices" {
                        crate::sheets::Kind::Prices
                    } else {
                        crate::sheets::Kind::References
                    };
                    let entries =
                        crate::sheets::entries(value, self.origin, self.src, "this estimate")?;
                    est.sheets
                        .own
                        .extend(entries.into_iter().map(|e| (kind, e)));
                }
                "calendar" => {
                    est.calendar = self.calendar(value)?;
                    est.calendar_from_file = true;
                }
                "assumptions" => {
                    for (k, v) in self.map(value, "`assumptions`")? {
                        let item = self.assumption(k, v, pending)?;
                        est.items.push(item);
                    }
                }
                section => {
                    if !matches!(value.value, Value::Map(_)) {
                        return Err(self.section_not_a_map(key, section));
                    }
                    est.sections.push(section.to_string());
                    let index = est.sections.len() - 1;
                    for (k, v) in self.map(value, &format!("section `{section}`"))? {
                        // In `capacity:`, a quantity with a `load` is a verdict;
                        // one with an `expr` is an ordinary quantity.
                        let verdict = section == "capacity"
                            && matches!(&v.value, Value::Map(m) if m.iter().any(|(k, _)| k.text() == Some("load")));
                        let item = if verdict {
                            self.capacity(k, v, index, pending)?
                        } else {
                            self.derived(k, v, index, pending)?
                        };
                        est.items.push(item);
                    }
                }
            }
            if est.items.len() > MAX_QUANTITIES {
                return Err(self.err(
                    key.span,
                    format!("the file holds more than {MAX_QUANTITIES} quantities"),
                ));
            }
        }
        if !title_seen {
            return Err(self.err(Span::new(0, 0), "the estimate file has no `title`"));
        }
        if let Some(item) = est
            .items
            .iter()
            .find(|i| self.counts.lookup(&i.name).is_some())
        {
            return Err(self
                .err(
                    item.name_span,
                    format!(
                        "`{}` is declared as a count, so it cannot name a quantity",
                        item.name
                    ),
                )
                .tap_note(
                    "a count is a unit (`10M users`, `5 requests/user`); rename the quantity, \
                     as `total_users`, or the count",
                ));
        }
        if est.items.is_empty() {
            let end = self.src.trim_end().len();
            return Err(self
                .err(Span::new(end, end), "the estimate file has no quantities")
                .tap_note(
                    "add `assumptions:` and a section such as `qps:`, each a map of \
                     `name: expression` (`bote show url-shortener` shows a whole file)",
                ));
        }
        Ok(est)
    }

    /// A top-level key whose value is not a map. A known section name
    /// (`storage: 12`) gets told what a section holds; any other key may be
    /// a misspelt one.
    fn section_not_a_map(&self, key: &Node, section: &str) -> LoadError {
        const SECTIONS: [&str; 5] = ["storage", "bandwidth", "qps", "concurrency", "buffers"];
        if SECTIONS.contains(&section) || section == "assumptions" {
            return self
                .err(
                    key.span,
                    format!("`{section}` is a section, which must be a map of quantities"),
                )
                .tap_note(format!(
                    "write each quantity on its own line under it, indented: \
                     `{section}:` then `  name: expression`"
                ));
        }
        let mut all = format::names(format::Place::Top);
        all.extend(SECTIONS);
        self.unknown_key(key, section, &all, "the top level").tap_note(
            "a top-level key other than these starts a section, which must be a map of quantities",
        )
    }

    /// The counts `counts:` declares, if the file has the key: a list
    /// whose entries are a singular (`request`, plural by rule), or a
    /// one-key map to the plural (`person: people`) or to a list of the
    /// plural then short forms (`request: [requests, req]`).
    fn counts(&self, root: &Node) -> Result<Counts, LoadError> {
        let mut counts = Counts::default();
        let Value::Map(entries) = &root.value else {
            return Ok(counts);
        };
        let Some((_, node)) = entries.iter().find(|(k, _)| k.text() == Some("counts")) else {
            return Ok(counts);
        };
        let Value::Seq(list) = &node.value else {
            return Err(self
                .err(
                    node.span,
                    format!("`counts` must be a list, but this is {}", node.kind_name()),
                )
                .tap_note("write the names in brackets: `counts: [user, request]`"));
        };
        for entry in list {
            // Each spelling with where it is written: the singular first.
            let mut forms: Vec<(&str, Span)> = Vec::new();
            match &entry.value {
                Value::Map(m) if m.len() == 1 => {
                    let (k, v) = &m[0];
                    forms.push((self.text(k, "a count")?, k.span));
                    match &v.value {
                        Value::Seq(items) if items.is_empty() => {
                            return Err(self.err(
                                v.span,
                                "an empty list: give the plural, then any short forms",
                            ));
                        }
                        Value::Seq(items) => {
                            for item in items {
                                forms.push((self.text(item, "a spelling of a count")?, item.span));
                            }
                        }
                        _ => forms.push((self.text(v, "a count's plural")?, v.span)),
                    }
                }
                _ => forms.push((self.text(entry, "a count")?, entry.span)),
            }
            let (word, at) = forms[0];
            let plural = forms.get(1).map(|&(p, _)| p);
            let short: Vec<String> = forms
                .iter()
                .skip(2)
                .map(|(s, _)| (*s).to_string())
                .collect();
            crate::lang::declare_count(&mut counts, word, plural, &short).map_err(|(i, why)| {
                let span = forms.get(i).map_or(at, |&(_, span)| span);
                self.err(span, why)
            })?;
        }
        Ok(counts)
    }

    /// A whole number from `min` to `max` for the top-level `key`
    /// (`seed: 42`, `samples: 100k`).
    fn whole(&self, node: &Node, key: &str, min: u64, max: u64) -> Result<u64, LoadError> {
        let text = self.text(node, &format!("`{key}`"))?;
        let answer = crate::lang::evaluate_exact(text, &Env::default())
            .map_err(|e| self.expr_error(&e, text, node))?;
        let v = answer.quantity.si_value();
        #[allow(clippy::cast_precision_loss)]
        let fits = answer.quantity.dim().is_none()
            && v.fract() == 0.0
            && v >= min as f64
            && v <= max as f64;
        if !fits {
            let words = |n: u64| crate::quantity::grouped(usize::try_from(n).unwrap_or(usize::MAX));
            let (min, max) = (words(min), words(max));
            return Err(self.err(
                node.span,
                format!("`{key}` must be a whole number from {min} to {max}"),
            ));
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(v as u64)
    }

    fn calendar(&self, node: &Node) -> Result<Calendar, LoadError> {
        let mut cal = Calendar::default();
        let mut month_set = false;
        for (k, v) in self.map(node, "`calendar`")? {
            let which = self.key(k)?;
            if !format::allows(format::Place::Calendar, which) {
                return Err(self.unknown_key(
                    k,
                    which,
                    &format::names(format::Place::Calendar),
                    "`calendar`",
                ));
            }
            let text = self.text(v, &format!("`calendar.{which}`"))?;
            let answer = crate::lang::evaluate_exact(text, &Env::new(cal))
                .map_err(|e| self.expr_error(&e, text, v))?;
            let q = answer.quantity;
            if q.dim() != Dimension::TIME || q.si_value() <= 0.0 {
                return Err(self.err(
                    v.span,
                    format!("`calendar.{which}` must be a positive time, such as `30 days`"),
                ));
            }
            if which == "month" {
                cal.month_s = q.si_value();
                month_set = true;
            } else {
                cal.year_s = q.si_value();
                if !month_set {
                    cal.month_s = q.si_value() / 12.0;
                }
            }
        }
        Ok(cal)
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

    /// The fields of a quantity written as a map, or its lone expression
    /// (short form) filed under `short`. An unknown key is an error, with a
    /// note when it belongs to the other kind of quantity.
    fn fields<'n>(
        &self,
        value: &'n Node,
        place_of_keys: format::Place,
        short: &'static str,
        place: &dyn Fn() -> String,
    ) -> Result<Fields<'n>, LoadError> {
        let mut fields = Fields(Vec::new());
        let Value::Map(entries) = &value.value else {
            fields.0.push((short, value));
            return Ok(fields);
        };
        for (k, v) in entries {
            let field = self.key(k)?;
            if !format::allows(place_of_keys, field) {
                let allowed = format::names(place_of_keys);
                let mut err = self.unknown_key(k, field, &allowed, &place());
                // `{ note: a, b }`: the comma ended the field before.
                let flow = self
                    .src
                    .get(value.span.start..)
                    .is_some_and(|t| t.starts_with('{'));
                let typo = err.label != "not a key bote knows";
                if let (Some((before, _)), true, false) = (fields.0.last(), flow, typo) {
                    err.notes
                        .retain(|n| !n.starts_with("in `{ … }` a comma ends the value"));
                    let example = match *before {
                        "expr" | "value" | "expect" => "max(a, b)",
                        _ => "one, two",
                    };
                    err.notes.push(format!(
                        "in `{{ … }}` a comma ends the value: the `{before}` before this \
                         stopped at the comma; quote it if it holds one, as \
                         `{before}: \"{example}\"`"
                    ));
                }
                let note = if short == "value" && format::allows(format::Place::Derived, field) {
                    "assumptions take a `value`; `expr`, `unit` and `expect` belong to quantities in a section"
                } else if short == "expr" && field == "value" {
                    "`value` is for assumptions; a quantity in a section is derived with `expr`"
                } else {
                    return Err(err);
                };
                return Err(err.tap_note(note));
            }
            fields.0.push((field, v));
        }
        Ok(fields)
    }

    /// An assumption; its expression is left in `pending`.
    fn assumption<'n>(
        &self,
        key: &Node,
        value: &'n Node<'n>,
        pending: &mut Vec<Pending<'n>>,
    ) -> Result<Item, LoadError> {
        let (name, name_span) = self.name(key)?;
        let place = || format!("assumption `{name}`");
        let fields = self.fields(value, format::Place::Assumption, "value", &place)?;
        let Some(value_node) = fields.get("value") else {
            return Err(self.err(key.span, format!("assumption `{name}` has no `value`")));
        };
        let expr_text = self.expr_text(value_node, &|| format!("the value of `{name}`"))?;
        pending.push(Pending {
            text: expr_text,
            node: value_node,
        });
        Ok(Item {
            expr_offset: self.expr_offset(expr_text, value_node),
            expr_at: value_node.span,
            name,
            name_span,
            place: Place::Assumption,
            unit: None,
            stmt: Statement::default(),
            expect: None,
            note: self.opt_text(&fields, "note")?,
            source: self.opt_text(&fields, "source")?,
            overridden: false,
            counts_from_file: None,
            capacity: None,
        })
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

    /// A quantity of a `capacity:` section: `load` and `per_box` (each an
    /// expression, or a map of resource to expression, with the same
    /// resources), and optional `utilisation`, `spares`, `zones`,
    /// `percentile`, `note` and `source`.
    fn capacity<'n>(
        &self,
        key: &Node,
        value: &'n Node<'n>,
        section: usize,
        pending: &mut Vec<Pending<'n>>,
    ) -> Result<Item, LoadError> {
        use super::capacity::{Capacity, PERCENTILES, Resource};
        let (name, name_span) = self.name(key)?;
        let place = || format!("capacity `{name}`");
        let fields = self.fields(value, format::Place::Capacity, "load", &place)?;
        let need = |k: &str| {
            fields.get(k).ok_or_else(|| {
                self.err(key.span, format!("capacity `{name}` has no `{k}`"))
                    .tap_note(
                        "a capacity quantity is `{ load: EXPR, per_box: EXPR }`, or maps of \
                     resource to expression: `load: { memory: ..., network: ... }`",
                    )
            })
        };
        let (load, per_box) = (need("load")?, need("per_box")?);
        // Each side as (resource, text, node): one unnamed, or a map.
        let sides = |node: &'n Node<'n>,
                     what: &str|
         -> Result<Vec<(String, &'n str, &'n Node<'n>)>, LoadError> {
            match &node.value {
                Value::Map(m) => m
                    .iter()
                    .map(|(k, v)| {
                        let r = self.key(k)?.to_string();
                        let text = self.expr_text(v, &|| format!("the {what} of `{name}`"))?;
                        Ok((r, text, v))
                    })
                    .collect(),
                _ => Ok(vec![(
                    "load".to_string(),
                    self.expr_text(node, &|| format!("the {what} of `{name}`"))?,
                    node,
                )]),
            }
        };
        let (loads, pers) = (sides(load, "load")?, sides(per_box, "per_box")?);
        let mut resources = Vec::with_capacity(loads.len());
        for (r, text, node) in &loads {
            self.parse_expr(text, node)?;
            let Some((_, per, per_node)) = pers.iter().find(|(p, _, _)| p == r) else {
                return Err(self
                    .err(node.span, format!("`per_box` of `{name}` has no `{r}`"))
                    .tap_note("give `load` and `per_box` the same resources"));
            };
            self.parse_expr(per, per_node)?;
            let ratio_text = format!("({text}) / ({per})");
            let ratio = self.parse_expr(&ratio_text, node)?;
            resources.push(Resource {
                name: r.clone(),
                load: (*text).to_string(),
                per_box: (*per).to_string(),
                ratio,
            });
        }
        if let Some((r, _, node)) = pers
            .iter()
            .find(|(p, _, _)| !loads.iter().any(|(l, _, _)| l == p))
        {
            return Err(self
                .err(node.span, format!("`load` of `{name}` has no `{r}`"))
                .tap_note("give `load` and `per_box` the same resources"));
        }
        // The default is `ref.target_utilisation`'s figure (a test keeps
        // them equal), without reading the whole reference sheet for it.
        let (utilisation, utilisation_default) = match fields.get("utilisation") {
            None => (0.7, true),
            Some(n) => {
                let text = self.text(n, "`utilisation`")?;
                let q = crate::lang::evaluate_exact(text, &Env::default())
                    .map_err(|e| self.expr_error(&e, text, n))?
                    .quantity;
                if !q.dim().is_none() {
                    return Err(self.err(
                        n.span,
                        format!("`utilisation` must be a plain number, not {}", q.dim()),
                    ));
                }
                (q.si_value(), false)
            }
        };
        if !(utilisation > 0.0 && utilisation <= 1.0) {
            let at = fields.get("utilisation").map_or(key.span, |n| n.span);
            return Err(self.err(
                at,
                "`utilisation` must be above 0% and at most 100%, such as `70%`",
            ));
        }
        let whole = |k: &str, default: u64, min: u64, max: u64| -> Result<u32, LoadError> {
            let v = fields
                .get(k)
                .map_or(Ok(default), |n| self.whole(n, k, min, max))?;
            Ok(u32::try_from(v).unwrap_or(u32::MAX))
        };
        let spares = whole("spares", 0, 0, 1000)?;
        let zones = whole("zones", 1, 1, 100)?;
        let percentile = whole("percentile", 95, 0, 100)?;
        let percentile = u8::try_from(percentile).unwrap_or(95);
        if !PERCENTILES.contains(&percentile) {
            let at = fields.get("percentile").map_or(key.span, |n| n.span);
            return Err(self.err(at, "`percentile` is 50, 75 or 95"));
        }
        let (_, first, first_node) = loads[0];
        pending.push(Pending {
            text: first,
            node: first_node,
        });
        Ok(Item {
            expr_offset: None,
            expr_at: load.span,
            name,
            name_span,
            place: Place::Section(section),
            stmt: Statement::default(),
            unit: None,
            expect: None,
            note: self.opt_text(&fields, "note")?,
            source: self.opt_text(&fields, "source")?,
            overridden: false,
            counts_from_file: None,
            capacity: Some(Box::new(Capacity {
                resources,
                utilisation,
                utilisation_default,
                spares,
                zones,
                percentile,
            })),
        })
    }

    /// A quantity of section `section`; its expression is left in `pending`.
    fn derived<'n>(
        &self,
        key: &Node,
        value: &'n Node<'n>,
        section: usize,
        pending: &mut Vec<Pending<'n>>,
    ) -> Result<Item, LoadError> {
        let (name, name_span) = self.name(key)?;
        let place = || format!("quantity `{name}`");
        let fields = self.fields(value, format::Place::Derived, "expr", &place)?;
        let Some(expr_node) = fields.get("expr") else {
            return Err(self.err(key.span, format!("quantity `{name}` has no `expr`")));
        };
        let expr_text = self.expr_text(expr_node, &|| format!("the expression of `{name}`"))?;
        pending.push(Pending {
            text: expr_text,
            node: expr_node,
        });
        let unit = match fields.get("unit") {
            Some(n) => {
                let text = self.text(n, "`unit`")?;
                Some(self.unit(text, n)?)
            }
            None => None,
        };
        let tolerance = match fields.get("tolerance") {
            Some(n) => {
                let text = self.text(n, "`tolerance`")?;
                let q = crate::lang::evaluate_exact(text, &Env::default())
                    .map_err(|e| self.expr_error(&e, text, n))?
                    .quantity;
                if !q.dim().is_none() || q.si_value() < 0.0 {
                    return Err(self.err(
                        n.span,
                        "`tolerance` must be a plain fraction or percentage, such as `5%`",
                    ));
                }
                q.si_value()
            }
            None => DEFAULT_TOLERANCE,
        };
        let expect = match fields.get("expect") {
            Some(n) => {
                let text = self.expr_text(n, &|| format!("the expected figure of `{name}`"))?;
                let stmt = self.parse_expr(text, n)?;
                Some(Box::new(Expect {
                    stmt,
                    span: n.span,
                    tolerance,
                    note: self.opt_text(&fields, "expect_note")?,
                }))
            }
            None => None,
        };
        Ok(Item {
            expr_offset: self.expr_offset(expr_text, expr_node),
            expr_at: expr_node.span,
            name,
            name_span,
            place: Place::Section(section),
            stmt: Statement::default(),
            unit,
            expect,
            note: self.opt_text(&fields, "note")?,
            source: self.opt_text(&fields, "source")?,
            overridden: false,
            counts_from_file: None,
            capacity: None,
        })
    }
}
