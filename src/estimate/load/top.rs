//! The top level of an estimate file: its keys, the sections, and the
//! settings read before any expression (counts, calendar, seed, samples).

use super::*;

impl Loader<'_> {
    /// The estimate in `root`, and the errors found reading it. An error
    /// in one key or one quantity is kept and reading goes on; only what
    /// hides the rest (the file is not a map, or holds too many
    /// quantities) ends it.
    pub(super) fn read<'n>(
        &self,
        root: &'n Node<'n>,
        pending: &mut Vec<Pending<'n>>,
    ) -> Result<(Estimate, Diagnostics), Diagnostics> {
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
            summary: Vec::new(),
            load_errors: Diagnostics::default(),
            scenarios: Vec::new(),
            scenario: None,
        };
        let mut errors = Diagnostics::default();
        // Items are large and files may hold many: allocate their list, and
        // that of their expressions (one each), once.
        let n = quantities(root).min(MAX_QUANTITIES + 1);
        est.items.reserve_exact(n);
        pending.reserve_exact(n);
        let mut title_seen = false;
        // A top-level key that failed may have been the title (`titel:`,
        // `title: [t]`), or the sheet a `ref.` name is in: what follows
        // from it is not reported again.
        let mut top_failed = false;
        for (key, value) in entries {
            let read = self.top_key(key, value, &mut est, pending, &mut errors);
            match read {
                Ok(title) => title_seen |= title,
                Err(e) => {
                    errors.push(*e);
                    top_failed = true;
                    if matches!(key.text(), Some("references" | "prices")) {
                        est.sheets.incomplete = true;
                    }
                }
            }
            if est.items.len() > MAX_QUANTITIES {
                let message = format!("the file holds more than {MAX_QUANTITIES} quantities");
                return Err(self.err(key.span, message).into());
            }
        }
        if !title_seen && !top_failed {
            errors.push(*self.err(Span::new(0, 0), "the estimate file has no `title`"));
        }
        for item in est
            .items
            .iter()
            .filter(|i| self.counts.lookup(&i.name).is_some())
        {
            let message = format!(
                "`{}` is declared as a count, so it cannot name a quantity",
                item.name
            );
            errors.push(*self.err(item.name_span, message).tap_note(
                "a count is a unit (`10M users`, `5 requests/user`); rename the quantity, \
                 as `total_users`, or the count",
            ));
        }
        self.check_scenarios(&est, &mut errors);
        if est.items.is_empty() && errors.is_empty() {
            let end = self.src.trim_end().len();
            return Err(self
                .err(Span::new(end, end), "the estimate file has no quantities")
                .tap_note(
                    "add `assumptions:` and a section such as `qps:`, each a map of \
                     `name: expression` (`bote show url-shortener` shows a whole file)",
                )
                .into());
        }
        Ok((est, errors))
    }

    /// Read one top-level `key: value` into `est`: a setting, or a section
    /// whose quantities are read one by one, an error in one kept in
    /// `errors` and reading going on. `true` when it was the title.
    fn top_key<'n>(
        &self,
        key: &'n Node<'n>,
        value: &'n Node<'n>,
        est: &mut Estimate,
        pending: &mut Vec<Pending<'n>>,
        errors: &mut Diagnostics,
    ) -> Result<bool, LoadError> {
        let name = self.key(key)?;
        match name {
            "title" => {
                est.title = self.text(value, "`title`")?.to_string();
                return Ok(true);
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
            "summary" => {
                let Value::Seq(names) = &value.value else {
                    return Err(self
                        .err(
                            value.span,
                            format!(
                                "`summary` must be a list, but this is {}",
                                value.kind_name()
                            ),
                        )
                        .tap_note(
                            "name the quantities in brackets: `summary: [peak_qps, storage]`",
                        ));
                };
                for n in names {
                    est.summary
                        .push((self.text(n, "a quantity's name")?.to_string(), n.span));
                }
            }
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
            "scenarios" => est.scenarios = self.scenarios(value)?,
            "calendar" => {
                est.calendar = self.calendar(value)?;
                est.calendar_from_file = true;
            }
            "assumptions" => {
                for (k, v) in self.map(value, "`assumptions`")? {
                    let item = self.assumption(k, v, pending);
                    self.keep(item, k, Place::Assumption, est, pending, errors);
                }
            }
            section => {
                if !matches!(value.value, Value::Map(_)) {
                    return Err(self.section_not_a_map(key, value, section));
                }
                est.sections.push(section.to_string());
                let index = est.sections.len() - 1;
                for (k, v) in self.map(value, &format!("section `{section}`"))? {
                    // In `capacity:`, a quantity with a `load` is a verdict;
                    // one with an `expr` is an ordinary quantity.
                    let verdict = section == "capacity"
                        && matches!(&v.value, Value::Map(m) if m.iter().any(|(k, _)| k.text() == Some("load")));
                    let item = if verdict {
                        self.capacity(k, v, index, pending)
                    } else {
                        self.derived(k, v, index, pending)
                    };
                    self.keep(item, k, Place::Section(index), est, pending, errors);
                }
            }
        }
        Ok(false)
    }

    /// Add a quantity read, or, when reading it failed, its error and a
    /// broken stand-in under its name (so a use of the name is not also
    /// an unknown name), with an empty expression pending in its place.
    fn keep<'n>(
        &self,
        item: Result<Item, LoadError>,
        key: &'n Node<'n>,
        place: Place,
        est: &mut Estimate,
        pending: &mut Vec<Pending<'n>>,
        errors: &mut Diagnostics,
    ) {
        match item {
            Ok(item) => est.items.push(item),
            Err(e) => {
                errors.push(*e);
                // A read that fails may have left its expression pending.
                pending.truncate(est.items.len());
                if let Ok((name, name_span)) = self.name(key) {
                    est.items
                        .push(Item::broken(name, name_span, place, key.span));
                    pending.push(Pending {
                        text: "",
                        node: key,
                    });
                }
            }
        }
    }

    /// A top-level key whose value is not a map. A known section name
    /// (`storage: 12`) gets told what a section holds; any other key may be
    /// a misspelt one.
    fn section_not_a_map(&self, key: &Node, value: &Node, section: &str) -> LoadError {
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
        self.unknown_key(key, value, section, &all, "the top level").tap_note(
            "a top-level key other than these starts a section, which must be a map of quantities",
        )
    }

    /// The counts `counts:` declares, if the file has the key: a list
    /// whose entries are a singular (`request`, plural by rule), or a
    /// one-key map to the plural (`person: people`) or to a list of the
    /// plural then short forms (`request: [requests, req]`).
    pub(super) fn counts(&self, root: &Node) -> Result<Counts, LoadError> {
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
    pub(super) fn whole(
        &self,
        node: &Node,
        key: &str,
        min: u64,
        max: u64,
    ) -> Result<u64, LoadError> {
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

    pub(super) fn calendar(&self, node: &Node) -> Result<Calendar, LoadError> {
        let mut cal = Calendar::default();
        let mut month_set = false;
        for (k, v) in self.map(node, "`calendar`")? {
            let which = self.key(k)?;
            if !format::allows(format::Place::Calendar, which) {
                return Err(self.unknown_key(
                    k,
                    v,
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
            if let Some(problem) = Calendar::length_problem(which, q.si_value()) {
                return Err(self.err(v.span, format!("`calendar.{which}`: {problem}")));
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
}

impl Loader<'_> {
    /// `scenarios:`, a map of scenario name to a map of assumption to the
    /// expression that replaces it there: `viral: { dau: 50M users }`.
    fn scenarios(&self, node: &Node) -> Result<Vec<Scenario>, LoadError> {
        let mut out: Vec<Scenario> = Vec::new();
        for (k, v) in self.map(node, "`scenarios`")? {
            let name = self.text(k, "a scenario's name")?.trim().to_string();
            if name == "base" {
                return Err(self
                    .err(k.span, "`base` is the file's own assumptions")
                    .tap_note("every report shows `base` first; give this scenario another name"));
            }
            let entries = self.map(v, &format!("scenario `{name}`"))?;
            let mut overrides = Vec::with_capacity(entries.len());
            for (ok, ov) in entries {
                let (which, name_span) = self.name(ok)?;
                let text = self.expr_text(ov, &|| format!("`{which}` in scenario `{name}`"))?;
                let stmt = self.parse_expr(text, ov)?;
                overrides.push(Override {
                    name: which,
                    name_span,
                    stmt,
                    at: ov.span,
                    offset: self.expr_offset(text, ov),
                });
            }
            out.push(Scenario { name, overrides });
        }
        Ok(out)
    }

    /// Each scenario's overrides name an assumption of the file: a name
    /// that is none is an error at its line, with the closest there is.
    fn check_scenarios(&self, est: &Estimate, errors: &mut Diagnostics) {
        let assumptions = || {
            est.items
                .iter()
                .filter(|i| i.place == Place::Assumption)
                .map(|i| i.name.as_str())
        };
        for scenario in &est.scenarios {
            for o in &scenario.overrides {
                match est.items.iter().find(|i| i.name == o.name) {
                    Some(item) if item.place == Place::Assumption => {}
                    Some(item) => errors.push(
                        *self
                            .err(
                                o.name_span,
                                format!(
                                    "scenario `{}`: `{}` is derived from other quantities; only assumptions can be set",
                                    scenario.name, o.name
                                ),
                            )
                            .tap_note(format!("it is computed as `{}`", item.expr_text())),
                    ),
                    None => {
                        let hint = crate::suggest::closest(&o.name, assumptions());
                        let mut d = self.err(
                            o.name_span,
                            format!(
                                "scenario `{}`: `{}` is not an assumption of this file",
                                scenario.name, o.name
                            ),
                        );
                        d.label = crate::suggest::label(&hint[..hint.len().min(1)])
                            .unwrap_or_else(|| "not an assumption".into());
                        let all: Vec<&str> = assumptions().collect();
                        errors.push(*d.tap_note(format!("assumptions: {}", all.join(", "))));
                    }
                }
            }
        }
    }
}
