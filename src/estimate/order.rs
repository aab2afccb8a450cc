//! The dependency order of an estimate's quantities: each after every one
//! it uses. A name defined twice, an unknown name or a cycle is an error.

use super::*;
use crate::lang::error::{ExprError, ExprErrorKind};
use crate::span::Span;
use rustc_hash::FxHashMap;

/// The quantities each item's names refer to, one item after another:
/// item `i`'s are `list[starts[i]..starts[i + 1]]` (one allocation, not one
/// per item). Where a name is written is found again only for an error.
pub(super) struct Uses {
    list: Vec<u32>,
    starts: Vec<usize>,
}

impl Uses {
    pub(super) fn of(&self, item: usize) -> &[u32] {
        &self.list[self.starts[item]..self.starts[item + 1]]
    }
}

/// The use of a name that is no item but a sheet's (`ref.nic_25g`): its
/// slot is left unresolved and the name is looked up by name.
pub(super) const EXTERNAL: u32 = crate::lang::ast::Expr::UNRESOLVED;

impl Estimate {
    /// Indices of items with each item after everything it uses, what each
    /// item's names refer to, and the items that cannot be evaluated with
    /// why: a name defined twice (the second), or a name not known (the
    /// first in the item). A cycle is an error that ends the ordering.
    #[allow(clippy::type_complexity)]
    pub(super) fn order(
        &self,
    ) -> Result<(Vec<usize>, Uses, Vec<(usize, Option<LoadError>)>), LoadError> {
        // Items that cannot be evaluated, with why (none when an error
        // already reported is the reason).
        let mut problems: Vec<(usize, Option<LoadError>)> = Vec::new();
        // Names are unique across the whole file.
        let mut index: FxHashMap<&str, usize> =
            FxHashMap::with_capacity_and_hasher(self.items.len(), Default::default());
        for (i, item) in self.items.iter().enumerate() {
            if let Some(&first) = index.get(item.name.as_str()) {
                let message = format!("`{}` is defined twice", item.name);
                let mut d = error_at(&self.origin, &self.source_text, item.name_span, message);
                d.label = "defined again here".into();
                d.secondary = Some((self.items[first].name_span, "first defined here".into()));
                problems.push((i, Some(d)));
                continue;
            }
            index.insert(&item.name, i);
        }
        let mut uses = Uses {
            list: Vec::new(),
            starts: Vec::with_capacity(self.items.len() + 1),
        };
        for (i, item) in self.items.iter().enumerate() {
            uses.starts.push(uses.list.len());
            let mut reported = false;
            for (name, span, in_utilisation) in item.names() {
                match index.get(name) {
                    #[allow(clippy::cast_possible_truncation)] // MAX_QUANTITIES fits
                    Some(&j) => uses.list.push(j as u32),
                    // A sheet's name: evaluated before the items, by name.
                    None if self.sheets.lookup(name).is_some() => uses.list.push(EXTERNAL),
                    // One unknown name an item is enough to report, and a
                    // sheet's name may be in entries that failed to read.
                    None if reported => uses.list.push(EXTERNAL),
                    None if self.sheets.incomplete && sheets::Kind::of(name).is_some() => {
                        uses.list.push(EXTERNAL);
                        problems.push((i, None));
                        reported = true;
                    }
                    None => {
                        let e = match sheets::Kind::of(name) {
                            Some((kind, _)) => {
                                let known = self.sheets.names(kind);
                                crate::lang::env::unknown_name(
                                    name,
                                    known.iter().map(String::as_str),
                                    &self.counts,
                                    span,
                                )
                            }
                            // `2 KB/user` with no count `user`: a unit's place,
                            // where no quantity's name is offered.
                            None if !in_utilisation
                                && crate::lang::env::in_unit_position(&item.stmt.text, span) =>
                            {
                                crate::lang::env::unknown_unit(name, &self.counts, span)
                            }
                            None => {
                                let known = self.items.iter().map(|i| i.name.as_str());
                                crate::lang::env::unknown_name(name, known, &self.counts, span)
                            }
                        };
                        problems.push((i, Some(self.name_error(item, in_utilisation, &e))));
                        uses.list.push(EXTERNAL);
                        reported = true;
                    }
                }
            }
        }
        uses.starts.push(uses.list.len());
        // Iterative depth-first search: files of many thousands of chained
        // quantities must not overflow the stack.
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Active,
            Done,
        }
        let mut mark = vec![Mark::New; self.items.len()];
        let mut order = Vec::with_capacity(self.items.len());
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for root in 0..self.items.len() {
            if mark[root] != Mark::New {
                continue;
            }
            stack.push((root, 0));
            mark[root] = Mark::Active;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                if let Some(&dep) = uses.of(node).get(*next) {
                    let (dep, nth) = (dep as usize, *next);
                    *next += 1;
                    if dep == EXTERNAL as usize {
                        continue;
                    }
                    match mark[dep] {
                        Mark::New => {
                            mark[dep] = Mark::Active;
                            stack.push((dep, 0));
                        }
                        Mark::Active => {
                            let from = stack.iter().position(|&(n, _)| n == dep).unwrap_or(0);
                            let mut path: Vec<&str> = stack[from..]
                                .iter()
                                .map(|&(n, _)| self.items[n].name.as_str())
                                .collect();
                            path.push(&self.items[dep].name);
                            // The name just followed is the one that closes the cycle.
                            let (span, in_utilisation) = self.items[node]
                                .names()
                                .nth(nth)
                                .map_or((Span::default(), false), |(_, span, u)| (span, u));
                            let e = ExprError::new(ExprErrorKind::Cycle(path.join(" -> ")), span);
                            return Err(self.name_error(&self.items[node], in_utilisation, &e));
                        }
                        Mark::Done => {}
                    }
                } else {
                    mark[node] = Mark::Done;
                    order.push(node);
                    stack.pop();
                }
            }
        }
        Ok((order, uses, problems))
    }
}

#[cfg(test)]
mod tests {
    /// The names of `text`'s quantities in evaluation order, or the message.
    fn order_of(text: &str) -> Result<Vec<String>, String> {
        let est = super::super::load("t.yaml", text).map_err(|d| d.list[0].message.clone())?;
        let (order, _, problems) = est.order().map_err(|d| d.message.clone())?;
        if let Some((_, Some(d))) = problems.first() {
            return Err(d.message.clone());
        }
        Ok(order.iter().map(|&i| est.items[i].name.clone()).collect())
    }

    #[test]
    fn each_quantity_comes_after_what_it_uses() {
        let order =
            order_of("title: t\nassumptions:\n  a: 1\nq:\n  c: b * 2\n  b: a + 1\n  e: c + b\n")
                .unwrap();
        let at = |n: &str| order.iter().position(|o| o == n).unwrap();
        assert!(
            at("a") < at("b") && at("b") < at("c") && at("c") < at("e"),
            "{order:?}"
        );
    }

    #[test]
    fn errors() {
        let cases = [
            ("q:\n  b: b + 1\n", "circular definition: b -> b"),
            (
                "q:\n  b: c\n  c: x\n  x: b\n",
                "circular definition: b -> c -> x -> b",
            ),
            ("q:\n  b: nosuch * 2\n", "unknown name `nosuch`"),
            ("assumptions:\n  a: 1\nq:\n  a: 2\n", "`a` is defined twice"),
        ];
        for (body, want) in cases {
            let text = format!("title: t\n{body}");
            assert_eq!(order_of(&text).unwrap_err(), want, "{body}");
        }
    }
}
