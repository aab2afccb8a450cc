//! Evaluating a loaded estimate: every quantity in dependency order, each
//! shown in its unit, with its published figure checked.

use super::*;
use crate::diagnostic::Diagnostics;
use crate::lang::env::Env;
use crate::lang::eval;
use crate::quantity::dimension::Dimension;
use crate::quantity::grouped;
use crate::quantity::sample::{MAX_DRAWN, Value};
use crate::units::display::{self, DisplayUnit};
use std::fmt::Write as _;

impl Estimate {
    /// Evaluate every quantity, in dependency order; rows come back in file
    /// order. A name defined twice, an unknown name or a cycle is an error.
    pub fn evaluate(mut self) -> Result<Evaluated, Diagnostics> {
        let mut errors = std::mem::take(&mut self.load_errors);
        let fail = |mut errors: Diagnostics, origin: &str| {
            errors.sort(origin);
            Err(errors)
        };
        let (order, uses, unknown) = match self.order() {
            Ok(done) => done,
            Err(e) => {
                errors.push(*e);
                return fail(errors, &self.origin);
            }
        };
        // What failed to read or names an unknown quantity is not
        // evaluated, nor is anything that uses it: one error each.
        let mut failed: Vec<bool> = self.items.iter().map(|i| i.broken).collect();
        for (i, e) in unknown {
            failed[i] = true;
            if let Some(e) = e {
                errors.push(*e);
            }
        }
        for (i, item) in self.items.iter_mut().enumerate() {
            item.stmt.resolve(uses.of(i).iter().copied());
            // A capacity quantity's expression is its ratios written one
            // after another, so their names take its slots in turn.
            // Its utilisation's names come after them.
            if let Some(cap) = &mut item.capacity {
                let mut slots = uses.of(i).iter().copied();
                for r in &mut cap.resources {
                    let n = r.ratio.names().count();
                    r.ratio.resolve(slots.by_ref().take(n));
                }
                cap.utilisation.resolve(slots);
            }
        }
        for (name, span) in &self.summary {
            if !self.items.iter().any(|i| i.name == *name) {
                let known = self.items.iter().map(|i| i.name.as_str());
                let hint = crate::suggest::hint(name, known);
                let message =
                    format!("`summary` names `{name}`, which is no quantity of this file{hint}");
                errors.push(*error_at(&self.origin, &self.source_text, *span, message));
            }
        }
        let mut env = Env::with_slots(self.calendar, self.sampling, self.items.len());
        let used = match self.externals(&mut env) {
            Ok(used) => used,
            Err(e) => {
                errors.push(*e);
                return fail(errors, &self.origin);
            }
        };
        if let Err(e) = self.check_draws(&order, &uses, &env) {
            errors.push(*e);
            return fail(errors, &self.origin);
        }
        let mut rows: Vec<Option<Row>> = vec![None; self.items.len()];
        for &i in &order {
            let uses_failed = uses
                .of(i)
                .iter()
                .any(|&j| j != order::EXTERNAL && failed[j as usize]);
            if failed[i] || uses_failed {
                failed[i] = true;
                continue;
            }
            match self.evaluate_one(i, &env) {
                Ok((row, value)) => {
                    env.set_slot(i, value);
                    rows[i] = Some(row);
                }
                Err(e) => {
                    failed[i] = true;
                    errors.push(*e);
                }
            }
        }
        if !errors.is_empty() {
            return fail(errors, &self.origin);
        }
        // Every item was evaluated once. `filter_map` collects in place,
        // reusing the list; `flatten` (clippy's suggestion) copies it.
        #[allow(clippy::filter_map_identity)]
        let rows = rows.into_iter().filter_map(|row| row).collect();
        Ok(Evaluated {
            estimate: self,
            rows,
            used,
            order,
        })
    }

    /// Item `i`'s row and value: its expression, its verdict if it is a
    /// capacity quantity, and a `cost` line checked to be money per time.
    fn evaluate_one(&self, i: usize, env: &Env) -> Result<(Row, Value), LoadError> {
        let (row, value) = self.evaluate_item(i, env)?;
        let (row, value) = match &self.items[i].capacity {
            Some(cap) => self.size(i, cap, row, env)?,
            None => (row, value),
        };
        let item = &self.items[i];
        let cost = self.sections.iter().position(|s| s == "cost");
        if cost.is_some_and(|c| item.place == Place::Section(c))
            && value.dim() != crate::quantity::dimension::Dimension::MONEY_RATE
        {
            let e = ExprError::new(
                crate::lang::error::ExprErrorKind::Quantity {
                    error: crate::quantity::QuantityError::BadRange(format!(
                        "a line of `cost` is money per time (such as $/month), to add up per month, but this is {}",
                        value.dim()
                    )),
                    hint: None,
                },
                item.stmt.span(),
            );
            return Err(self.item_error(item, &e).tap_note(
                "a price of storage is per GB per month (`price.s3_standard`), of transfer per GB: multiply by GB per month",
            ));
        }
        Ok((row, value))
    }

    /// A capacity quantity's verdict: each resource's boxes at full use,
    /// at the chosen percentile when uncertain, sized into a count at the
    /// utilisation the file (or the estimate's `ref.target_utilisation`)
    /// gives. A load or per-box figure that is not above zero is an error.
    fn size(
        &self,
        i: usize,
        cap: &capacity::Capacity,
        mut row: Row,
        env: &Env,
    ) -> Result<(Row, Value), LoadError> {
        let item = &self.items[i];
        let mut values = Vec::with_capacity(cap.resources.len());
        // The first resource's load and per-box figure: a wait target's
        // arrivals and one over its service time.
        let mut queue_sides = None;
        let bad = |message: String| {
            self.quantity_error(item, crate::quantity::QuantityError::BadRange(message))
        };
        for r in &cap.resources {
            let key = format!("{}.{}", item.name, r.name);
            let (load, per) =
                eval::eval_quotient(&r.ratio, env, &key).map_err(|e| self.item_error(item, &e))?;
            let resource = if r.name == "load" {
                String::new()
            } else {
                format!(" ({})", r.name)
            };
            let sides = [
                ("load", &r.load, &load, r.at.0),
                ("per_box", &r.per_box, &per, r.at.1),
            ];
            for (field, text, v, span) in sides {
                if let Some(at) = not_positive(v) {
                    let shown = display::show(at, None, env.calendar).text;
                    let what = if text.trim() == shown {
                        String::new()
                    } else {
                        format!(" `{text}`")
                    };
                    let some = if matches!(v, Value::Draws(_)) {
                        " in some draws"
                    } else {
                        ""
                    };
                    let message = format!(
                        "`{field}`{resource}{what} of `{}` is {shown}{some}: it must be above zero",
                        item.name
                    );
                    return Err(error_at(&self.origin, &self.source_text, span, message).tap_note(
                        "a verdict counts the boxes a positive load needs, each handling a positive share",
                    ));
                }
            }
            let v = load
                .zip(&per, Quantity::checked_div, |a, b| a / b)
                .map_err(|e| self.item_error(item, &ExprError::quantity(e, item.stmt.span())))?;
            // A count over a count-free capacity (`entries/s` over
            // `ref.redis_ops`) is a number of boxes, as `-> /s` would be.
            if !v
                .dim()
                .converts_to(crate::quantity::dimension::Dimension::NONE)
            {
                return Err(bad(format!(
                    "{} `{}` over `per_box` `{}` is {}, not a number of boxes",
                    if r.name == "load" {
                        "the load".to_string()
                    } else {
                        format!("the {} load", r.name)
                    },
                    r.load,
                    r.per_box,
                    v.dim()
                )));
            }
            values.push(v);
            queue_sides.get_or_insert((load, per));
        }
        let (utilisation, by) = self.utilisation(item, cap, env)?;
        let waits = match (&cap.queue, &queue_sides) {
            (Some(q), Some((load, per))) => Some(self.wait_boxes(item, q, load, per)?),
            _ => None,
        };
        let wait_at = |d: usize| waits.as_ref().map(|w| w[d.min(w.len() - 1)]);
        // Draw by draw: the count each draw needs, with the same
        // utilisation, zones and spares; the verdict is the draw at the
        // chosen percentile of those counts.
        let draws = values.iter().find_map(Value::len);
        let ratios_at =
            |d: usize| -> Vec<f64> { values.iter().map(|v| v.at(d).si_value()).collect() };
        let (ratios, sized, counts) = match draws {
            None => (ratios_at(0), 0, None),
            Some(n) => {
                // One list of ratios, refilled for each draw.
                let mut ratios = Vec::with_capacity(values.len());
                let counts: Vec<capacity::Count> = (0..n)
                    .map(|d| {
                        ratios.clear();
                        ratios.extend(values.iter().map(|v| v.at(d).si_value()));
                        cap.count_with(&ratios, utilisation, wait_at(d))
                    })
                    .collect();
                let sized = cap.sized_draw(&counts);
                #[allow(clippy::cast_precision_loss)]
                let totals = counts.iter().map(|c| c.total as f64).collect();
                (
                    ratios_at(sized),
                    sized,
                    Some(Value::of_draws(totals, Dimension::NONE)),
                )
            }
        };
        // A count past what bote counts exactly (a `per_box` a unit off,
        // `1e-300 GB`) is an error at that `per_box`, not a count stuck at
        // the largest integer.
        if let Some((r, need)) = cap
            .resources
            .iter()
            .zip(&ratios)
            .map(|(r, x)| (r, x / utilisation))
            .find(|(_, need)| need.is_nan() || *need > capacity::MAX_BOXES)
        {
            let message = format!(
                "`{}` needs {need:.3e} boxes{}, more than bote counts ({})",
                item.name,
                if r.name == "load" {
                    String::new()
                } else {
                    format!(" for its {}", r.name)
                },
                crate::quantity::grouped(capacity::MAX_BOXES as usize),
            );
            return Err(
                error_at(&self.origin, &self.source_text, r.at.1, message).tap_note(format!(
                    "is `{}` what one box handles, in the unit meant?",
                    r.per_box
                )),
            );
        }
        row.sizing = Some(Box::new(capacity::Sizing {
            ratios: ratios.clone(),
            utilisation,
            count: cap.count_with(&ratios, utilisation, wait_at(sized)),
            draw_at: draws.map(|_| cap.percentile),
        }));
        let varies = matches!(counts, Some(Value::Draws(_)));
        let mut verdict = cap.verdict_of(
            cap.count_with(&ratios, utilisation, wait_at(sized)),
            &ratios,
            utilisation,
            by.as_deref(),
            varies,
        );
        if draws.is_some() && !varies {
            verdict
                .detail
                .push_str("; the same count in every draw of its range");
        }
        #[allow(clippy::cast_precision_loss)]
        let total = Quantity::number(verdict.total as f64).unwrap_or(Quantity::ZERO);
        row.quantity = total;
        row.shown = display::show(total, None, env.calendar);
        row.range = None;
        row.size_at = None;
        let value = match counts {
            Some(Value::Draws(d)) => {
                let spread = d.spread();
                let ends = |x: f64| {
                    display::show(
                        Quantity::number(x).unwrap_or(Quantity::ZERO),
                        None,
                        env.calendar,
                    )
                    .text
                };
                let median = display::show_figures(
                    Quantity::number(spread.p50).unwrap_or(Quantity::ZERO),
                    DisplayUnit {
                        label: "".into(),
                        size: 1.0,
                    },
                    Some(display::UNCERTAIN_FIGS),
                )
                .text;
                let _ = write!(verdict.detail, ", median {median}");
                verdict.headline = format!("{} at p{}", verdict.headline, cap.percentile);
                row.range = Some(Box::new(display::ShownRange {
                    spread,
                    text: format!("{} to {} {}", ends(spread.p5), ends(spread.p95), cap.noun.1),
                    unit_size: 1.0,
                    draws: d.clone(),
                }));
                row.size_at = Some(cap.percentile);
                Value::Draws(d)
            }
            _ => Value::Exact(total),
        };
        row.shown.text = verdict.headline;
        row.verdict = Some(verdict.detail);
        if let Some(x) = &item.expect {
            let mut checked = self.check(item, x, (total, None), None, env)?;
            // Published as the source counts them: `180 tasks`.
            if checked.shown.unit.is_empty() {
                let noun = if checked.shown.value == 1.0 {
                    &cap.noun.0
                } else {
                    &cap.noun.1
                };
                checked.shown.text = format!("{} {noun}", checked.shown.text);
            }
            row.expect = Some(Box::new(checked));
        }
        Ok((row, value))
    }

    /// The boxes a wait target needs, draw by draw (one figure when the
    /// load and service are exact): the fewest servers of an M/M/c queue
    /// with arrivals `load` and service one over `per` whose wait at the
    /// target's share is within it.
    fn wait_boxes(
        &self,
        item: &Item,
        q: &capacity::Queue,
        load: &Value,
        per: &Value,
    ) -> Result<Vec<u64>, LoadError> {
        let n = [load, per].iter().find_map(|v| v.len()).unwrap_or(1);
        let bad = |message: String| {
            self.quantity_error(item, crate::quantity::QuantityError::Queue(message))
        };
        if load.dim().uncounted() != Dimension::RATE {
            return Err(bad(format!(
                "the `load` of `{}` is {}, but a wait target needs a rate of requests (such as `100/s`)",
                item.name,
                load.dim()
            )));
        }
        (0..n)
            .map(|d| {
                let (lambda, s) = (load.at(d).si_value(), 1.0 / per.at(d).si_value());
                let c = crate::quantity::queue::servers_for(lambda, s, q.max_wait, Some(q.share))
                    .map_err(|_| {
                    bad(format!(
                        "`{}` needs more servers than bote counts to keep its wait within {}",
                        item.name, q.max_wait_text
                    ))
                })?;
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                Ok(c as u64)
            })
            .collect()
    }

    /// A verdict's utilisation, a fraction above 0 and at most 1, and where
    /// it came from when the file did not write it.
    fn utilisation(
        &self,
        item: &Item,
        cap: &capacity::Capacity,
        env: &Env,
    ) -> Result<(f64, Option<String>), LoadError> {
        let key = format!("{}.utilisation", item.name);
        let v = eval::eval_statement(&cap.utilisation, env, &key)
            .map_err(|e| self.name_error(item, true, &e))?;
        let at = |message: String| {
            error_at(&self.origin, &self.source_text, cap.utilisation_at, message)
        };
        let Some(q) = v.exact() else {
            return Err(at(
                "`utilisation` must be one figure, not a range: size for the share you will run at"
                    .into(),
            ));
        };
        if !q.dim().is_none() {
            return Err(at(format!(
                "`utilisation` must be a plain number, not {}",
                q.dim()
            )));
        }
        let u = q.si_value();
        if !(u > 0.0 && u <= 1.0) {
            return Err(at(
                "`utilisation` must be above 0% and at most 100%, such as `70%`".into(),
            ));
        }
        let by = cap.utilisation_default.then(|| {
            match self.sheets.lookup(capacity::DEFAULT_UTILISATION) {
                Some((_, e)) if e.origin != "built-in" => {
                    format!("{} from {}", capacity::DEFAULT_UTILISATION, e.origin)
                }
                _ => "bote's default".to_string(),
            }
        });
        Ok((u, by))
    }

    /// Evaluate every sheet name the items use (`ref.nic_25g`) into `env`,
    /// once each, in order of first use.
    fn externals(&self, env: &mut Env) -> Result<Vec<Used>, LoadError> {
        let mut used: Vec<Used> = Vec::new();
        for item in &self.items {
            for (name, span, in_utilisation) in item.names() {
                if sheets::Kind::of(name).is_none() || used.iter().any(|u| u.name == name) {
                    continue;
                }
                let Some((kind, entry)) = self.sheets.lookup(name) else {
                    continue;
                };
                // `egress: { value: price.egress }` in a user's sheet would
                // quietly read the built-in entry it means to replace.
                let itself = crate::lang::parser::parse(&entry.value, &self.counts)
                    .is_ok_and(|stmt| stmt.names().any(|(n, _)| n == name));
                if itself {
                    let e = ExprError::new(
                        crate::lang::error::ExprErrorKind::Quantity {
                            error: crate::quantity::QuantityError::BadRange(format!(
                                "`{name}` is defined as itself ({}, from {}); give it a figure",
                                entry.value, entry.origin
                            )),
                            hint: None,
                        },
                        span,
                    );
                    return Err(self.name_error(item, in_utilisation, &e));
                }
                let by = Env::new(self.calendar).sampling(self.sampling);
                let answer = crate::lang::evaluate_keyed(&entry.value, &by, name).map_err(|e| {
                    let e = ExprError::new(
                        crate::lang::error::ExprErrorKind::Quantity {
                            error: crate::quantity::QuantityError::BadRange(format!(
                                "`{name}` ({}, from {}) does not read: {e}",
                                entry.value, entry.origin
                            )),
                            hint: None,
                        },
                        span,
                    );
                    self.name_error(item, in_utilisation, &e)
                })?;
                let text = match &answer.range {
                    Some(r) => r.text.clone(),
                    None => answer.shown.text.clone(),
                };
                // As the sheet writes it (`25 Gbit/s`), when that is a figure.
                let text = if crate::lang::parser::parse(&entry.value, &self.counts)
                    .is_ok_and(|s| s.written_units().is_some())
                {
                    entry.value.clone()
                } else {
                    text
                };
                let tier = super::tiers::Tier::of(entry, &by).map_err(|problem| {
                    let e = ExprError::new(
                        crate::lang::error::ExprErrorKind::Quantity {
                            error: crate::quantity::QuantityError::BadRange(format!(
                                "`{name}` (from {}): {problem}",
                                entry.origin
                            )),
                            hint: None,
                        },
                        span,
                    );
                    self.name_error(item, in_utilisation, &e)
                })?;
                let draws = match &answer.value {
                    Value::Draws(d) => Some(d.clone()),
                    Value::Exact(_) => None,
                };
                env.set(name.to_string(), answer.value);
                used.push(Used {
                    draws,
                    name: name.to_string(),
                    kind,
                    entry: entry.clone(),
                    text,
                    quantity: answer.quantity,
                    tier,
                });
            }
        }
        Ok(used)
    }

    /// Refuse, before anything is drawn, an estimate whose draws would
    /// pass [`MAX_DRAWN`]: each quantity that may be uncertain (it draws,
    /// or uses one that does) holds an array of them, and each range makes
    /// one. The error names the `--samples` that fits.
    fn check_draws(&self, order: &[usize], uses: &order::Uses, env: &Env) -> Result<(), LoadError> {
        let samples = self.sampling.samples;
        if self.sampling.point {
            return Ok(());
        }
        let mut uncertain = vec![false; self.items.len()];
        let mut ranges = 0usize;
        for &i in order {
            let item = &self.items[i];
            let own =
                item.stmt.ranges() + item.capacity.as_ref().map_or(0, |c| c.utilisation.ranges());
            ranges += own;
            let sheet_range = || {
                item.names()
                    .any(|(n, _, _)| matches!(env.get(n), Some(Value::Draws(_))))
            };
            uncertain[i] = own > 0
                || uses
                    .of(i)
                    .iter()
                    .any(|&j| j != order::EXTERNAL && uncertain[j as usize])
                || sheet_range();
        }
        let quantities = uncertain.iter().filter(|&&u| u).count();
        let weight = quantities + ranges;
        let values = weight.saturating_mul(samples);
        if values <= MAX_DRAWN {
            return Ok(());
        }
        let most = (MAX_DRAWN / weight).max(2);
        Err(Box::new(
            crate::diagnostic::Diagnostic::message(format!(
                "{} uncertain {} and {} {} at {} draws each could need {} MB for their draws",
                grouped(quantities),
                if quantities == 1 {
                    "quantity"
                } else {
                    "quantities"
                },
                grouped(ranges),
                if ranges == 1 { "range" } else { "ranges" },
                grouped(samples),
                grouped(values / 125_000)
            ))
            .with_note(format!(
                "use --samples {most} or fewer (or --point for the medians alone)"
            )),
        ))
    }

    fn evaluate_item(&self, i: usize, env: &Env) -> Result<(Row, Value), LoadError> {
        let item = &self.items[i];
        let mut value = eval::eval_statement(&item.stmt, env, &item.name)
            .map_err(|e| self.item_error(item, &e))?;
        // `--point`: the figure the source computed with, where it says one.
        if let Some((point, at)) = item.point.as_deref().filter(|_| env.sampling.point) {
            let fail = |message: String| error_at(&self.origin, &self.source_text, *at, message);
            let figure = eval::eval_statement(point, env, &item.name)
                .map_err(|e| fail(format!("in the `point` of `{}`: {e}", item.name)))?;
            if figure.dim() != value.dim() {
                return Err(fail(format!(
                    "the `point` of `{}` is {} but its value is {}: write it as the value is written",
                    item.name,
                    figure.dim(),
                    value.dim()
                )));
            }
            value = figure;
        }
        if let Some(counted) = item.counts_from_file
            && !value.dim().has_counts()
            && let Some(counts) = counted.count_gap(value.dim())
            && counts.uncounted().is_none()
        {
            let one = Quantity::new(1.0, counts).unwrap_or(Quantity::ZERO);
            value = value
                .map(|q| q.checked_mul(one))
                .map_err(|e| self.item_error(item, &ExprError::quantity(e, item.stmt.span())))?;
        }
        if item.unit.is_none() {
            crate::lang::counts::check(&item.stmt, value.dim(), &|id| env.dim_of(&item.stmt, id))
                .map_err(|e| self.item_error(item, &e))?;
        }
        let unit = match &item.unit {
            Some(t) => {
                // `unit: per month` of money is `$/month`.
                let t = &*eval::target_for(t, value.dim());
                let size =
                    eval::target_size(t, env.calendar).map_err(|e| self.item_error(item, &e))?;
                if let Err(err) = value.at(0).in_unit(size) {
                    let e = eval::conversion_error(&item.stmt, env, err, item.stmt.span());
                    return Err(self
                        .item_error(item, &e)
                        .tap_note(format!("the `unit` is {}", t.label())));
                }
                Some(
                    eval::display_unit(t, value.at(0), env.calendar)
                        .map_err(|e| self.item_error(item, &e))?,
                )
            }
            // A percentage written as one stays one: `20%`, not 0.2.
            None if item.stmt.is_percentage() => Some(DisplayUnit::percent()),
            // Otherwise the units a single figure was written in
            // (`100M per day`). A `->` in the expression is already the
            // item's `unit` (the loader and `--set` put it there).
            None => item
                .stmt
                .written_units()
                .or_else(|| range_written_units(&item.stmt, &self.counts))
                .and_then(|t| eval::display_unit(&t, value.at(0), env.calendar).ok()),
        };
        let (quantity, shown, range) = display::show_value(&value, unit.clone(), env.calendar);
        // A verdict's published count is checked against the count, in `size`.
        let expect = match item.expect.as_ref().filter(|_| item.capacity.is_none()) {
            Some(x) => Some(Box::new(self.check(
                item,
                x,
                (quantity, range.as_deref()),
                unit.as_ref(),
                env,
            )?)),
            None => None,
        };
        let row = Row {
            item: i,
            quantity,
            shown,
            range,
            expect,
            verdict: None,
            size_at: None,
            sizing: None,
        };
        Ok((row, value))
    }
}

/// The units a range of figures was written in, as a single figure's are
/// kept: `20 to 100 views/user per day` is shown per day, as `5
/// views/user per day` is, not per hour.
fn range_written_units(
    stmt: &Statement,
    counts: &crate::quantity::count::Counts,
) -> Option<Target> {
    use crate::lang::ast::{BinOp, Expr, Func};
    if stmt.ranges() != 1 || stmt.names().next().is_some() {
        return None;
    }
    // `20 views/user per day to 100 views/user per day`: its high end's.
    if let Expr::Binary {
        op: BinOp::To, rhs, ..
    } = stmt.node(stmt.root())
    {
        return stmt.written_units_at(*rhs);
    }
    // `20 to 100 views/user per day`, `normal(10, 20) GB per day`: the
    // units the text has with the range read as one figure.
    let span = stmt.nodes.iter().find_map(|n| match n {
        Expr::Binary { op: BinOp::To, .. }
        | Expr::Call {
            func: Func::Normal | Func::Uniform | Func::Pert,
            ..
        } => Some(n.span()),
        _ => None,
    })?;
    let text = stmt.text.get(..span.start)?.to_string() + "1" + stmt.text.get(span.end..)?;
    crate::lang::parser::parse(&text, counts)
        .ok()?
        .written_units()
}

/// The first figure of `v` that is not above zero, if any.
fn not_positive(v: &Value) -> Option<Quantity> {
    match v {
        Value::Exact(q) => (q.si_value() <= 0.0).then_some(*q),
        Value::Draws(d) => d
            .values()
            .iter()
            .position(|&x| x <= 0.0 || x.is_nan())
            .map(|i| v.at(i)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Evaluation reads each name's value from the slot its estimate resolved it
    /// to. Every row must equal its expression evaluated by name instead, with
    /// the names' values as the estimate computed them: in every preset, and in
    /// a file that uses names in many positions (repeated, in calls, in groups
    /// with units, before their definitions, under `--set`).
    #[test]
    fn resolved_names_agree_with_lookup_by_name() {
        let mixed = "title: names\nassumptions:\n  a: 2 MB\n  b: 3\n  t: 5 min\nq:\n  \
            late: cc * b + a / b\n  cc: a * b - a\n  dd: max(cc, a, late) + (a + cc) / b\n  \
            ee: { expr: (dd - a) / t, unit: kB/s }\n  ff: -a + -(b * cc) / (b ^ 2)\n  \
            gg: min(ee * t, dd) * b^2 + late\n  hh: (a to (2 * a)) * b\n  ii: hh / late * (1 to 4) + hh / b / a - hh / hh\n";
        let mut texts: Vec<(String, String)> = super::presets::PRESETS
            .iter()
            .map(|(name, text)| (name.to_string(), text.to_string()))
            .collect();
        texts.push(("mixed".into(), mixed.into()));
        for (name, text) in &texts {
            for set in [None, Some(("b", "7"))] {
                let mut est = super::load(name, text).unwrap();
                if let (Some((k, v)), "mixed") = (set, name.as_str()) {
                    est.set(k, v).unwrap();
                }
                let ev = est.evaluate().unwrap();
                let value = |row: &Row| match &row.range {
                    Some(r) => Value::Draws(r.draws.clone()),
                    None => Value::Exact(row.quantity),
                };
                let mut by_name = Env::new(ev.estimate.calendar).sampling(ev.estimate.sampling);
                for row in &ev.rows {
                    by_name.set(&ev.estimate.items[row.item].name, value(row));
                }
                for row in &ev.rows {
                    let item = &ev.estimate.items[row.item];
                    // A capacity verdict is a count sized from its ratio, not the ratio.
                    if item.capacity.is_some() {
                        continue;
                    }
                    let mut stmt = item.stmt.clone();
                    stmt.resolve(std::iter::empty()); // forget the slots
                    let expected = eval::eval_statement(&stmt, &by_name, &item.name).unwrap();
                    assert_eq!(value(row), expected, "{name}: {}", item.name);
                }
            }
        }
    }
}
