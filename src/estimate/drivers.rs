//! What drives an uncertain quantity's spread: each range it depends on,
//! by its share of the spread.
//!
//! The share is from rank correlation: Spearman's rho between the draws of
//! the quantity and of each range it reads, squared and scaled to sum to
//! 100%. For the products and quotients estimates are made of, rho squared
//! is close to each range's share of the variance of the logarithm, so
//! shares add up as a person expects ("the read ratio is 80% of it").

use super::*;
use crate::lang::ast::Expr;
use crate::quantity::sample::{Centred, rank_correlation};

/// One range behind an uncertain quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct Driver {
    /// The quantity whose range it is (its place in [`Estimate::items`]),
    /// or `None` for a reference number or price (`ref.redis_ops`).
    pub item: Option<usize>,
    /// Its name: the quantity's, or the sheet entry's as written.
    pub name: String,
    /// Spearman's rank correlation with the quantity driven: its sign says
    /// whether the quantity rises (+) or falls (-) with it.
    pub correlation: f64,
    /// Its share of the spread, from 0 to 1; the shares sum to 1.
    pub share: f64,
}

impl Evaluated {
    /// The ranges behind row `r`, largest share first; empty for an exact value.
    pub fn drivers(&self, r: usize) -> Vec<Driver> {
        self.drivers_ranked(r, &mut Ranks::new(self))
    }

    /// [`Evaluated::drivers`] of every row, each range's draws ranked once
    /// however many quantities it drives.
    pub fn every_driver(&self) -> Vec<Vec<Driver>> {
        let mut ranks = Ranks::new(self);
        (0..self.rows.len())
            .map(|r| self.drivers_ranked(r, &mut ranks))
            .collect()
    }

    fn drivers_ranked(&self, r: usize, ranks: &mut Ranks<'_>) -> Vec<Driver> {
        // Rows are in item order: the row of item i is row i.
        let item = self.rows[r].item;
        if self.rows[r].range.is_none() {
            return Vec::new();
        }
        let mut drivers: Vec<Driver> = self
            .sources_of(item)
            .into_iter()
            .filter_map(|source| {
                let (a, b) = ranks.pair(item, source)?;
                let rho = rank_correlation(a, b);
                Some(Driver {
                    item: Some(source),
                    name: self.estimate.items[source].name.clone(),
                    correlation: rho,
                    share: rho * rho,
                })
            })
            .collect();
        // The reference numbers and prices it reads that are ranges, from
        // the same joint draws.
        for u in self.sheet_sources_of(item) {
            if let Some((a, b)) = ranks.pair_sheet(item, u) {
                let rho = rank_correlation(a, b);
                drivers.push(Driver {
                    item: None,
                    name: self.used[u].name.clone(),
                    correlation: rho,
                    share: rho * rho,
                });
            }
        }
        let total: f64 = drivers.iter().map(|d| d.share).sum();
        if total > 0.0 {
            for d in &mut drivers {
                d.share /= total;
            }
        }
        drivers.sort_by(|a, b| {
            b.share
                .total_cmp(&a.share)
                .then(a.item.is_none().cmp(&b.item.is_none()))
                .then(a.item.cmp(&b.item))
                .then(a.name.cmp(&b.name))
        });
        drivers
    }

    /// The uncertain sheet entries (by place in `used`) that `item` or
    /// anything it depends on reads.
    pub(crate) fn sheet_sources_of(&self, item: usize) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for i in self.depends_on(item) {
            for (name, _, _) in self.estimate.items[i].names() {
                if let Some(u) = self
                    .used
                    .iter()
                    .position(|u| u.name == name && u.draws.is_some())
                    && !out.contains(&u)
                {
                    out.push(u);
                }
            }
        }
        out.sort_unstable();
        out
    }

    /// The ranges `item` reads, itself or through what it uses, by name:
    /// quantities that write one, and reference numbers and prices that
    /// are one (even when `--point` collapsed them).
    pub(crate) fn ranged_inputs(&self, item: usize) -> Vec<String> {
        let mut deps = self.depends_on(item);
        deps.sort_unstable();
        let mut out: Vec<String> = Vec::new();
        for &i in &deps {
            let it = &self.estimate.items[i];
            if it.stmt.draws() {
                out.push(it.name.clone());
            }
        }
        for &i in &deps {
            for (name, _, _) in self.estimate.items[i].names() {
                let Some(u) = self.used.iter().find(|u| u.name == name) else {
                    continue;
                };
                let ranged = u.draws.is_some()
                    || crate::lang::parser::parse(&u.entry.value, &self.estimate.counts)
                        .is_ok_and(|s| s.draws());
                if ranged && !out.iter().any(|n| n == name) {
                    out.push(name.to_string());
                }
            }
        }
        out
    }

    /// `item` and every item it depends on.
    fn depends_on(&self, item: usize) -> Vec<usize> {
        let items = &self.estimate.items;
        let mut seen = vec![false; items.len()];
        let mut stack = vec![item];
        let mut all = Vec::new();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            all.push(i);
            for node in items[i].stmt.nodes.iter() {
                if let Expr::Name { slot, .. } = node
                    && let Some(&false) = seen.get(*slot as usize)
                {
                    stack.push(*slot as usize);
                }
            }
        }
        all
    }

    /// The items that `item` depends on, itself included, whose own
    /// expression writes a range or distribution: where its spread starts.
    fn sources_of(&self, item: usize) -> Vec<usize> {
        let items = &self.estimate.items;
        let mut seen = vec![false; items.len()];
        let mut stack = vec![item];
        let mut sources = Vec::new();
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            if items[i].stmt.draws() {
                sources.push(i);
            }
            for node in items[i].stmt.nodes.iter() {
                if let Expr::Name { slot, .. } = node
                    && let Some(&false) = seen.get(*slot as usize)
                {
                    stack.push(*slot as usize);
                }
            }
        }
        sources.sort_unstable();
        sources
    }
}

/// The draws a driver's share is computed from, at most: the first 10,000
/// of each quantity, the same joint draws for all. Each range's strata are
/// in their own random order, so these are a random sample of the joint
/// draws, and the correlation's standard error is at most 1/sqrt(10,000) =
/// 0.01, finer than the whole percentages shares are shown in. Ranking
/// every draw cost a JSON report at 100,000 draws twice the table's time
/// (docs/performance.md).
pub(crate) const DRIVER_DRAWS: usize = 10_000;

/// The ranks of each uncertain row's draws, computed when first asked for.
struct Ranks<'e> {
    ev: &'e Evaluated,
    of: Vec<Option<Centred>>,
    sheets: Vec<Option<Centred>>,
}

impl<'e> Ranks<'e> {
    fn new(ev: &'e Evaluated) -> Ranks<'e> {
        Ranks {
            ev,
            of: vec![None; ev.rows.len()],
            sheets: vec![None; ev.used.len()],
        }
    }

    /// The ranks of item `a`'s and sheet entry `u`'s first draws.
    fn pair_sheet(&mut self, a: usize, u: usize) -> Option<(&Centred, &Centred)> {
        let draws = &self.ev.rows[a].range.as_ref()?.draws;
        if self.of[a].is_none() {
            self.of[a] = Some(Centred::new(draws.ranks(DRIVER_DRAWS)));
        }
        let sheet = self.ev.used[u].draws.as_ref()?;
        if self.sheets[u].is_none() {
            self.sheets[u] = Some(Centred::new(sheet.ranks(DRIVER_DRAWS)));
        }
        Some((self.of[a].as_ref()?, self.sheets[u].as_ref()?))
    }

    /// The ranks of items `a`'s and `b`'s first [`DRIVER_DRAWS`] draws;
    /// `None` if either is exact.
    fn pair(&mut self, a: usize, b: usize) -> Option<(&Centred, &Centred)> {
        for item in [a, b] {
            let draws = &self.ev.rows[item].range.as_ref()?.draws;
            if self.of[item].is_none() {
                self.of[item] = Some(Centred::new(draws.ranks(DRIVER_DRAWS)));
            }
        }
        Some((self.of[a].as_ref()?, self.of[b].as_ref()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quantity::sample::ranks;

    /// At 100,000 draws, the shares from the first 10,000 are those from
    /// all of them, to within two percentage points.
    #[test]
    fn shares_from_a_sample_of_the_draws_are_those_from_all() {
        let text = presets::get("url-shortener").unwrap();
        let mut est = load("url-shortener", text).unwrap();
        est.sampling.samples = 100_000;
        let ev = est.evaluate().unwrap();
        let mut compared = 0;
        for r in 0..ev.rows.len() {
            let Some(range) = &ev.rows[r].range else {
                continue;
            };
            let all = Centred::new(ranks(range.draws.values()));
            let sampled = ev.drivers(r);
            let mut full: Vec<(usize, f64)> = ev
                .sources_of(ev.rows[r].item)
                .into_iter()
                .filter_map(|s| {
                    let draws = ev.rows[s].range.as_ref()?.draws.values();
                    let rho = rank_correlation(&all, &Centred::new(ranks(draws)));
                    Some((s, rho * rho))
                })
                .collect();
            let total: f64 = full.iter().map(|(_, s)| s).sum();
            for (_, s) in &mut full {
                *s /= total;
            }
            for d in &sampled {
                let (_, share) = full.iter().find(|(s, _)| Some(*s) == d.item).unwrap();
                assert!(
                    (d.share - share).abs() < 0.02,
                    "row {r}: {} vs {share}",
                    d.share
                );
                compared += 1;
            }
        }
        assert!(compared > 5, "{compared}");
    }
}
