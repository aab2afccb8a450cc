//! One quantity of an estimate file: an assumption, a derived quantity or
//! a capacity verdict, each from its short form or its map of fields.

use super::*;

/// The fields of one quantity, in file order (YAML's reading has already
/// refused duplicates). A handful at most, so a list beats a hash map.
pub(super) struct Fields<'n>(Vec<(&'n str, &'n Node<'n>)>);

impl<'n> Fields<'n> {
    pub(super) fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.0.iter().find(|(k, _)| *k == key).map(|&(_, n)| n)
    }
}

impl Loader<'_> {
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
                let mut err = self.unknown_key(k, v, field, &allowed, &place());
                // `{ note: a, b }`: the comma ended the field before.
                if let (Some((before, _)), true) = (fields.0.last(), self.cut_by_comma(k, v)) {
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
    pub(super) fn assumption<'n>(
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
        let point = match fields.get("point") {
            Some(n) => {
                let text = self.expr_text(n, &|| format!("the point of `{name}`"))?;
                let stmt = self.parse_expr(text, n)?;
                if stmt.names().next().is_some() || stmt.draws() {
                    return Err(self
                        .err(n.span, format!("the `point` of `{name}` must be a figure"))
                        .tap_note(
                            "the figure the source computed with, such as `point: 100 redirects/url` \
                             for `value: 100 to 1000 redirects/url`",
                        ));
                }
                Some(Box::new((stmt, n.span)))
            }
            None => None,
        };
        Ok(Item {
            point,
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
            from_scenario: false,
            counts_from_file: None,
            capacity: None,
            broken: false,
        })
    }

    /// A quantity of a `capacity:` section: `load` and `per_box` (each an
    /// expression, or a map of resource to expression, with the same
    /// resources), and optional `utilisation`, `spares`, `zones`,
    /// `percentile`, `note` and `source`.
    pub(super) fn capacity<'n>(
        &self,
        key: &Node,
        value: &'n Node<'n>,
        section: usize,
        pending: &mut Vec<Pending<'n>>,
    ) -> Result<Item, LoadError> {
        use super::capacity::{Capacity, DEFAULT_UTILISATION, PERCENTILES, Resource};
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
        let load = need("load")?;
        // A wait target: each box one server, taking `service` a request,
        // so what one box handles at full use is one per service time.
        let service_text = match fields.get("service") {
            Some(n) => Some(self.expr_text(n, &|| format!("the service time of `{name}`"))?),
            None => None,
        };
        let queue = self.queue(&fields, &name, service_text, key)?;
        let per_box = match (service_text, fields.get("per_box")) {
            (Some(_), Some(p)) => {
                return Err(self
                    .err(p.span, format!("capacity `{name}` has both `per_box` and `service`"))
                    .tap_note("with `service`, one box is one server taking that long a request: leave out `per_box`"));
            }
            (Some(_), None) if matches!(load.value, Value::Map(_)) => {
                return Err(self
                    .err(
                        load.span,
                        format!(
                            "`load` of `{name}` is one expression when the verdict has a `service`"
                        ),
                    )
                    .tap_note("a wait target sizes one queue: `load: checkout_qps`"));
            }
            (Some(_), None) => fields.get("service").unwrap_or(load),
            (None, _) => need("per_box")?,
        };
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
        let (loads, mut pers) = (sides(load, "load")?, sides(per_box, "per_box")?);
        // With a `service`, one box handles one request per service time.
        let per_text;
        if let (Some(text), Some((_, per, node))) = (service_text, pers.first_mut()) {
            self.parse_expr(text, node)?;
            per_text = format!("1 / ({text})");
            *per = &per_text;
        }
        if loads.is_empty() {
            return Err(self
                .err(
                    load.span,
                    format!("the `load` of `{name}` names no resource"),
                )
                .tap_note(
                    "write one expression (`load: peak_qps`) or a map of resource to expression \
                     (`load: { memory: cache_size, network: peak_bandwidth }`)",
                ));
        }
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
                at: (node.span, per_node.span),
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
        // Read where it is used, so `ref.target_utilisation` is the one
        // the estimate's sheets give and an assumption may be named.
        let (utilisation, utilisation_at, utilisation_offset) = match fields.get("utilisation") {
            None => (DEFAULT_UTILISATION, key.span, None),
            Some(n) => {
                let text = self.expr_text(n, &|| format!("the utilisation of `{name}`"))?;
                (text, n.span, self.expr_offset(text, n))
            }
        };
        let utilisation = match fields.get("utilisation") {
            Some(n) => self.parse_expr(utilisation, n)?,
            None => parser::parse(utilisation, &self.counts)
                .map_err(|e| self.err(key.span, e.to_string()))?,
        };
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
        // What a box is called here: `tasks`, `shards`, `brokers`.
        // Blank, every count would read `15 s`; a control character in it
        // is shown escaped wherever the word is printed, as any text from
        // a file is.
        let (one, many) = match self.opt_text(&fields, "boxes")? {
            Some(word) if word.trim().is_empty() => {
                let at = fields.get("boxes").map_or(key.span, |n| n.span);
                return Err(self
                    .err(at, format!("the `boxes` of `{name}` is empty"))
                    .tap_note("name what one box is, in the plural: `boxes: tasks`"));
            }
            Some(word) => {
                crate::lang::phrasing::singular_and_plural(&crate::text::printable(word.trim()))
            }
            None => ("box".to_string(), "boxes".to_string()),
        };
        let expect = self.expect(&fields, &name, &[&many, &one])?;
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
            expect,
            note: self.opt_text(&fields, "note")?,
            source: self.opt_text(&fields, "source")?,
            overridden: false,
            from_scenario: false,
            counts_from_file: None,
            capacity: Some(Box::new(Capacity {
                noun: (one, many),
                resources,
                utilisation,
                utilisation_at,
                utilisation_offset,
                utilisation_default: fields.get("utilisation").is_none(),
                spares,
                zones,
                percentile,
                queue,
            })),
            broken: false,
            point: None,
        })
    }

    /// A capacity verdict's wait target, `wait_p99: 100 ms` (a figure),
    /// which needs the `service` time of one request on one box.
    fn queue(
        &self,
        fields: &Fields<'_>,
        name: &str,
        service: Option<&str>,
        key: &Node,
    ) -> Result<Option<super::capacity::Queue>, LoadError> {
        let target = fields.get("wait_p99");
        let (service, target) = match (service, target) {
            (None, None) => return Ok(None),
            (Some(service), Some(target)) => (service, target),
            (None, Some(t)) => {
                return Err(self
                    .err(
                        t.span,
                        format!("capacity `{name}` has a `wait_p99` but no `service`"),
                    )
                    .tap_note(
                        "the wait depends on how long one box takes a request: `service: 40 ms`",
                    ));
            }
            (Some(_), None) => {
                let at = fields.get("service").map_or(key.span, |n| n.span);
                return Err(self
                    .err(
                        at,
                        format!("capacity `{name}` has a `service` but no `wait_p99`"),
                    )
                    .tap_note("give the wait to size for: `wait_p99: 100 ms`"));
            }
        };
        let text = self.expr_text(target, &|| format!("the `wait_p99` of `{name}`"))?;
        let answer = crate::lang::evaluate_exact(text, &crate::lang::env::Env::default())
            .map_err(|e| self.expr_error(&e, text, target))?;
        let q = answer.quantity;
        if q.dim() != crate::quantity::dimension::Dimension::TIME || q.si_value() < 0.0 {
            let not = if q.si_value() < 0.0 {
                "a negative one".to_string()
            } else {
                q.dim().to_string()
            };
            return Err(self
                .err(target.span, format!("the `wait_p99` of `{name}` must be a time, not {not}"))
                .tap_note("the longest wait in queue the 99th-percentile request may see: `wait_p99: 100 ms`"));
        }
        Ok(Some(super::capacity::Queue {
            service: service.to_string(),
            max_wait: q.si_value(),
            max_wait_text: text.trim().to_string(),
            share: 0.99,
        }))
    }

    /// The published figure of quantity `name`, with its tolerance and
    /// note, if `fields` has one. A trailing word in `nouns` (`600 tasks`
    /// for a verdict of tasks) names what is counted and is read past.
    fn expect(
        &self,
        fields: &Fields<'_>,
        name: &str,
        nouns: &[&str],
    ) -> Result<Option<Box<Expect>>, LoadError> {
        let Some(n) = fields.get("expect") else {
            return Ok(None);
        };
        let tolerance = match fields.get("tolerance") {
            Some(t) => {
                let text = self.text(t, "`tolerance`")?;
                let q = crate::lang::evaluate_exact(text, &Env::default())
                    .map_err(|e| self.expr_error(&e, text, t))?
                    .quantity;
                if !q.dim().is_none() || q.si_value() < 0.0 {
                    return Err(self.err(
                        t.span,
                        "`tolerance` must be a plain fraction or percentage, such as `5%`",
                    ));
                }
                q.si_value()
            }
            None => DEFAULT_TOLERANCE,
        };
        let text = self.expr_text(n, &|| format!("the expected figure of `{name}`"))?;
        let text = nouns
            .iter()
            .find_map(|noun| {
                text.strip_suffix(noun)
                    .filter(|rest| rest.ends_with(char::is_whitespace))
            })
            .map_or(text, str::trim_end);
        let stmt = self.parse_expr(text, n)?;
        Ok(Some(Box::new(Expect {
            stmt,
            span: n.span,
            tolerance,
            note: self.opt_text(fields, "expect_note")?,
        })))
    }

    /// A quantity of section `section`; its expression is left in `pending`.
    pub(super) fn derived<'n>(
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
        let expect = self.expect(&fields, &name, &[])?;
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
            from_scenario: false,
            counts_from_file: None,
            capacity: None,
            broken: false,
            point: None,
        })
    }
}
