//! Ranges: a quantity known only as a spread, carried as draws.
//!
//! An uncertain quantity is an array of draws, one per sample, and every
//! operation works on whole arrays: evaluating an expression walks its tree
//! once, whatever the sample count. A name used twice reads the same array,
//! so `x - x` is exactly 0. Exact values stay single numbers and pay nothing.
//!
//! Draws are a Latin hypercube: each range takes every one of n equally
//! likely strata once, through its quantile function, in an order shuffled
//! by a seeded generator (PCG, from `rand_pcg`). A seed gives the same
//! draws on every run and platform (the maths is the pure-Rust `libm`).
//! Each range literal has its own order, keyed by the quantity it is
//! written in and its place there: changing one assumption leaves every
//! other draw alone.

use super::{Quantity, QuantityError, Result, dimension::Dimension};
use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_distr::{Distribution, Pert};
use rand_pcg::Pcg64Mcg;
use std::cell::RefCell;
use std::sync::{Arc, OnceLock};

mod correlation;
mod percentile;
mod quantile;

pub(crate) use correlation::{Centred, rank_correlation, ranks};
use percentile::order_statistics;
use quantile::beta_median;
pub(crate) use quantile::normal_quantile;

/// Draws per uncertain quantity unless `--samples` or `samples:` says
/// otherwise. A range's own percentiles are then as written (the strata
/// fix them); a quantity of several ranges has its median within about
/// 0.4% and its 5th and 95th percentiles within about 2% of a million
/// draws' (measured: docs/sampling.md). Plain Monte Carlo's
/// error at this count, 2.1/sqrt(n) standard deviations, is 1.5% for a
/// tenfold range.
pub(crate) const DEFAULT_SAMPLES: usize = 10_000;

/// The seed unless `--seed` or `seed:` says otherwise.
pub(crate) const DEFAULT_SEED: u64 = 1;

/// The most draws bote takes: 8 bytes per draw per uncertain quantity, so
/// 8 MB each at most (a 30-quantity estimate at a million draws takes
/// about 250 MB).
pub(crate) const MAX_SAMPLES: usize = 1_000_000;

/// The most draws bote holds or makes at once, 8 bytes each: 256 MB. An
/// estimate counts each quantity that may be uncertain and each range it
/// draws; `bote eval`, the names it holds and the ranges of the line.
/// Past it, the error names the `--samples` that fits.
pub(crate) const MAX_DRAWN: usize = 32_000_000;

/// The z-score of the 95th percentile of a normal distribution.
const Z95: f64 = 1.644_853_626_951_472_2;

/// How ranges are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sampling {
    /// Draws per uncertain quantity.
    pub samples: usize,
    /// The seed every stream derives from.
    pub seed: u64,
    /// Collapse every range to its median (`--point`).
    pub point: bool,
}

impl Default for Sampling {
    fn default() -> Sampling {
        Sampling {
            samples: DEFAULT_SAMPLES,
            seed: DEFAULT_SEED,
            point: false,
        }
    }
}

/// A quantity known exactly, or as draws from a distribution.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// One figure.
    Exact(Quantity),
    /// Draws of an uncertain figure, all of one dimension.
    Draws(Draws),
}

/// The draws of an uncertain quantity, in base units. Shared, not copied,
/// by every name that reads them.
#[derive(Clone, Debug)]
pub struct Draws {
    dim: Dimension,
    values: Arc<[f64]>,
    /// The draws' places from the smallest draw up, when how they were made
    /// suggests it: draw `by[r]` of a range is its stratum r, and the
    /// strata rise with their number; a quantity computed from one range
    /// and exact figures (`x * 2`, `x / 4 s`, `ceil(x)`) shares its range's
    /// list, and usually its order or the reverse. Only a hint, shared and
    /// never copied: [`Draws::rising`] checks it once, in one pass, before
    /// the percentiles or the ranks read it (a range's own draws need no
    /// check), and they select or sort as before when it does not hold
    /// (selection was a quarter of a ranged preset's run, ranking half of
    /// its JSON).
    /// Behind a pointer: a value is held per quantity and on the
    /// evaluator's stack, and most are not ranges.
    sorted: Option<Arc<Hint>>,
}

/// The places of draws from the smallest up, as [`Draws::sorted`] has them.
#[derive(Debug)]
struct Hint {
    by: Arc<[u32]>,
    /// Known to hold, without a check: a range's own draws.
    rises: bool,
    /// Whether the draws rise along `by` (`Some(false)`), fall along it
    /// (`Some(true)`) or neither, once checked: the percentiles and the
    /// ranks both ask.
    checked: OnceLock<Option<bool>>,
}

impl Hint {
    fn new(by: Arc<[u32]>, rises: bool) -> Option<Arc<Hint>> {
        Some(Arc::new(Hint {
            by,
            rises,
            checked: OnceLock::new(),
        }))
    }
}

/// A [`Draws::sorted`] hint that held: the draws rise along `by`, or fall
/// along it when `reversed`.
#[derive(Clone, Copy)]
struct Rising<'a> {
    by: &'a [u32],
    reversed: bool,
}

impl Rising<'_> {
    /// The place of the draw of sorted rank `r` (0-based).
    fn place(self, r: usize) -> usize {
        let r = if self.reversed {
            self.by.len() - 1 - r
        } else {
            r
        };
        self.by[r] as usize
    }
}

impl PartialEq for Draws {
    fn eq(&self, other: &Draws) -> bool {
        self.dim == other.dim && self.values == other.values
    }
}

/// The sorted ranks of `n` draws [`Draws::spread`] reads: the 5th and
/// 25th percentiles, the two middle draws (one when `n` is odd), the 75th
/// and the 95th (nearest rank).
fn spread_ranks(n: usize) -> [usize; 6] {
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let rank = |p: f64| ((p * (n - 1) as f64).round() as usize).min(n - 1);
    // The median is the middle draw, or the mean of the two middle ones.
    let (m_lo, m_hi) = if n % 2 == 1 {
        (n / 2, n / 2)
    } else {
        (n / 2 - 1, n / 2)
    };
    [rank(0.05), rank(0.25), m_lo, m_hi, rank(0.75), rank(0.95)]
}

impl Draws {
    /// The dimension of every draw.
    pub fn dim(&self) -> Dimension {
        self.dim
    }

    /// The draws, in base units.
    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// The percentiles, mean and count of the draws.
    pub fn spread(&self) -> Spread {
        let n = self.values.len();
        let (found, mean) = match self.rising() {
            #[allow(clippy::cast_precision_loss)]
            Some(rising) => (
                spread_ranks(n).map(|r| self.values[rising.place(r)]),
                self.values.iter().sum::<f64>() / n as f64,
            ),
            None => order_statistics(&self.values, spread_ranks(n)),
        };
        Spread {
            p5: found[0],
            p25: found[1],
            p50: (found[2] + found[3]) / 2.0,
            p75: found[4],
            p95: found[5],
            mean,
            samples: n,
        }
    }

    /// The ranks of the first `first` draws (all of them when fewer), as
    /// [`ranks`] gives them: read along the [`Draws::sorted`] hint when it
    /// holds, sorted when it does not.
    pub(crate) fn ranks(&self, first: usize) -> Vec<f64> {
        let m = first.min(self.values.len());
        let Some(rising) = self.rising() else {
            return ranks(&self.values[..m]);
        };
        let by = rising.by.iter().map(|&i| i as usize);
        if rising.reversed {
            ranks_along(&self.values, by.rev(), m)
        } else {
            ranks_along(&self.values, by, m)
        }
    }

    /// The [`Draws::sorted`] hint, if the draws rise (or fall) along it:
    /// one pass over their sort keys, which order as the doubles do.
    fn rising(&self) -> Option<Rising<'_>> {
        let hint = self.sorted.as_ref()?;
        let by = &*hint.by;
        if by.len() != self.values.len() {
            return None;
        }
        let reversed = *hint.checked.get_or_init(|| {
            let key = |&i: &u32| percentile::sort_key(self.values[i as usize]);
            if hint.rises || by.iter().map(key).is_sorted() {
                Some(false)
            } else if by.iter().rev().map(key).is_sorted() {
                Some(true)
            } else {
                None
            }
        });
        Some(Rising {
            by,
            reversed: reversed?,
        })
    }

    /// Where `v` falls among the draws, as a percentile (0 to 100).
    pub fn rank_of(&self, v: f64) -> f64 {
        let below = self.values.iter().filter(|&&d| d < v).count();
        let equal = self.values.iter().filter(|&&d| d == v).count();
        #[allow(clippy::cast_precision_loss)]
        let p = (below as f64 + equal as f64 / 2.0) / self.values.len() as f64;
        100.0 * p
    }
}

/// The ranks of the first `m` of `values`, as [`ranks`] gives them, from
/// their places in rising order.
fn ranks_along(values: &[f64], places: impl Iterator<Item = usize> + Clone, m: usize) -> Vec<f64> {
    let places = places.filter(|&i| i < m);
    let key = |i: usize| percentile::sort_key(values[i] + 0.0);
    let mut out = vec![0.0; m];
    // Nearly always no two draws are equal: the draw r places up has rank
    // r + 1, as a double (exact, as average_ties's is).
    let (mut rank, mut last) = (1.0, None);
    for i in places.clone() {
        let k = key(i);
        if last == Some(k) {
            let mut in_order: Vec<(u64, u32)> = Vec::with_capacity(m);
            #[allow(clippy::cast_possible_truncation)] // draws are capped far below 4 billion
            in_order.extend(places.map(|i| (key(i), i as u32)));
            correlation::average_ties(&in_order, &mut out);
            return out;
        }
        out[i] = rank;
        rank += 1.0;
        last = Some(k);
    }
    out
}

/// A summary of draws, in base units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// The 5th percentile: the low end of the 90% range.
    pub p5: f64,
    /// The 25th percentile.
    pub p25: f64,
    /// The median.
    pub p50: f64,
    /// The 75th percentile.
    pub p75: f64,
    /// The 95th percentile: the high end of the 90% range.
    pub p95: f64,
    /// The mean.
    pub mean: f64,
    /// How many draws.
    pub samples: usize,
}

/// A distribution, by the parameters its draws are made from.
#[derive(Clone, Copy, Debug)]
enum Quantile {
    LogNormal {
        mu: f64,
        sigma: f64,
    },
    Normal {
        mean: f64,
        sd: f64,
    },
    Uniform {
        lo: f64,
        hi: f64,
    },
    /// PERT: a Beta on `lo..hi` whose mode is `mode`.
    Pert {
        lo: f64,
        mode: f64,
        hi: f64,
    },
}

/// Which distribution a range literal or function draws from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// `LOW to HIGH`: lognormal, LOW and HIGH its 5th and 95th percentiles.
    Range,
    /// `normal(mean, sd)`.
    Normal,
    /// `uniform(low, high)`.
    Uniform,
    /// `pert(min, likely, max)`.
    Pert,
}

impl Value {
    /// The dimension.
    pub fn dim(&self) -> Dimension {
        match self {
            Value::Exact(q) => q.dim(),
            Value::Draws(d) => d.dim,
        }
    }

    /// The single figure, if the value is exact.
    pub fn exact(&self) -> Option<Quantity> {
        match self {
            Value::Exact(q) => Some(*q),
            Value::Draws(_) => None,
        }
    }

    /// Draw from `shape` with parameters `args` (exact quantities), from
    /// the stream `key`. Parameters that leave no spread give an exact value.
    pub(crate) fn draw(
        shape: Shape,
        args: &[Quantity],
        sampling: Sampling,
        key: u64,
    ) -> Result<Value> {
        let dim = args.first().map_or(Dimension::NONE, |q| q.dim());
        for q in &args[1..] {
            if q.dim() != dim {
                return Err(QuantityError::Mismatch {
                    op: shape.verb(),
                    left: dim,
                    right: q.dim(),
                });
            }
        }
        let v: Vec<f64> = args.iter().map(|q| q.si_value()).collect();
        let bad = |why: &str| Err(QuantityError::BadRange(why.into()));
        let exact = |v: f64| Quantity::new(v, dim).map(Value::Exact);
        // Each shape as its median and its quantile function.
        let (median, quantile) = match shape {
            Shape::Range => {
                let (lo, hi) = (v[0], v[1]);
                if lo <= 0.0 || hi <= 0.0 {
                    return bad(
                        "both ends of `LOW to HIGH` must be above zero (it is lognormal); \
                         for a range through zero use `normal(mean, sd)` or `uniform(low, high)`",
                    );
                }
                if lo > hi {
                    return bad("the low end of the range is above the high end");
                }
                if lo == hi {
                    return exact(lo);
                }
                let (ln_lo, ln_hi) = (libm::log(lo), libm::log(hi));
                let (mu, sigma) = ((ln_lo + ln_hi) / 2.0, (ln_hi - ln_lo) / (2.0 * Z95));
                (libm::exp(mu), Quantile::LogNormal { mu, sigma })
            }
            Shape::Normal => {
                let (mean, sd) = (v[0], v[1]);
                if sd < 0.0 {
                    return bad(
                        "the standard deviation of `normal(mean, sd)` must not be negative",
                    );
                }
                if sd == 0.0 {
                    return exact(mean);
                }
                (mean, Quantile::Normal { mean, sd })
            }
            Shape::Uniform => {
                let (lo, hi) = (v[0], v[1]);
                if lo > hi {
                    return bad("the low end of `uniform(low, high)` is above the high end");
                }
                if lo == hi {
                    return exact(lo);
                }
                ((lo + hi) / 2.0, Quantile::Uniform { lo, hi })
            }
            Shape::Pert => {
                let (lo, mode, hi) = (v[0], v[1], v[2]);
                if !(lo <= mode && mode <= hi) {
                    return bad("`pert(min, likely, max)` needs min <= likely <= max");
                }
                if lo == hi {
                    return exact(lo);
                }
                let a = 1.0 + 4.0 * (mode - lo) / (hi - lo);
                let b = 1.0 + 4.0 * (hi - mode) / (hi - lo);
                let pert = Quantile::Pert { lo, mode, hi };
                (lo + (hi - lo) * beta_median(a, b), pert)
            }
        };
        if sampling.point {
            return exact(median);
        }
        // Latin hypercube: draw i takes the middle of stratum order[i] of
        // n equally likely strata, the strata in a random order. Every
        // stratum is drawn once, so a range's own percentiles come out as
        // written (`100 to 1000` shows 100 to 1,000), and the order, shared
        // by nothing else, keeps ranges independent of each other.
        let n = sampling.samples;
        thread_local! {
            // Reused, as `order_statistics` reuses its keys.
            static ORDER: RefCell<Vec<u32>> = const { RefCell::new(Vec::new()) };
        }
        ORDER.with(|order| {
            let mut order = order.borrow_mut();
            order.clear();
            order.extend(0..u32::try_from(n).unwrap_or(u32::MAX));
            order.shuffle(&mut Pcg64Mcg::seed_from_u64(key));
            Value::stratified(&order, quantile, dim, key)
        })
    }

    /// The draws of `quantile` at the middles of the strata in `order`
    /// (`key` seeds what a shape must draw besides).
    fn stratified(order: &[u32], quantile: Quantile, dim: Dimension, key: u64) -> Result<Value> {
        let n = order.len();
        let scores = normal_scores(n);
        // One loop per shape, so the common one (lognormal) is a tight loop.
        let values: Arc<[f64]> = match quantile {
            Quantile::LogNormal { mu, sigma } => order
                .iter()
                .map(|&k| libm::exp(mu + sigma * scores[k as usize]))
                .collect(),
            Quantile::Normal { mean, sd } => order
                .iter()
                .map(|&k| mean + sd * scores[k as usize])
                .collect(),
            Quantile::Uniform { lo, hi } => {
                #[allow(clippy::cast_precision_loss)]
                let p = |k: u32| (f64::from(k) + 0.5) / n as f64;
                order.iter().map(|&k| lo + (hi - lo) * p(k)).collect()
            }
            // A Beta has no quantile function in closed form: its draws are
            // n plain draws (rand_distr's), sorted, so that stratum k takes
            // the k-th smallest. The order is still the hypercube's; only
            // the values carry ordinary sampling error.
            Quantile::Pert { lo, mode, hi } => {
                let Ok(pert) = Pert::new(lo, hi).with_mode(mode) else {
                    return Err(QuantityError::BadRange("`pert` could not be drawn".into()));
                };
                let mut rng = Pcg64Mcg::seed_from_u64(key.rotate_left(32));
                let mut sorted: Vec<f64> = (0..n).map(|_| pert.sample(&mut rng)).collect();
                sorted.sort_by(f64::total_cmp);
                order.iter().map(|&k| sorted[k as usize]).collect()
            }
        };
        // Stratum k's draw rises with k (the scores are in order, and each
        // shape's function of them is non-decreasing): the draw of sorted
        // rank k is the one drawn from stratum k.
        let mut by: Arc<[u32]> = std::iter::repeat_n(0, n).collect();
        if let Some(by) = Arc::get_mut(&mut by) {
            #[allow(clippy::cast_possible_truncation)] // draws are capped far below 4 billion
            for (i, &k) in order.iter().enumerate() {
                by[k as usize] = i as u32;
            }
        }
        Ok(Value::from_draws(values, dim)?.sorted_by(Hint::new(by, true)))
    }

    /// The value without the hint [`Draws::sorted`], and the memory it holds.
    pub(crate) fn unordered(self) -> Value {
        self.sorted_by(None)
    }

    /// The value with the hint [`Draws::sorted`] (nothing for an exact one).
    fn sorted_by(mut self, sorted: Option<Arc<Hint>>) -> Value {
        if let Value::Draws(d) = &mut self {
            d.sorted = sorted;
        }
        self
    }

    /// The [`Draws::sorted`] hint a value computed from `values` inherits:
    /// that of the one uncertain value among them, or of several that share it.
    fn hint_of(values: &[&Value]) -> Option<Arc<Hint>> {
        let mut by: Option<&Arc<[u32]>> = None;
        for v in values {
            if let Value::Draws(d) = v {
                match (by, &d.sorted) {
                    (None, Some(s)) => by = Some(&s.by),
                    (Some(b), Some(s)) if Arc::ptr_eq(b, &s.by) => {}
                    _ => return None,
                }
            }
        }
        Hint::new(by?.clone(), false)
    }

    /// Draws of `dim` computed outside the language (a verdict's count
    /// per draw); all alike, they are that figure exactly.
    pub(crate) fn of_draws(values: Vec<f64>, dim: Dimension) -> Value {
        Value::collapse(values.into(), dim)
    }

    /// Draws of `dim`, each checked to be finite.
    fn from_draws(values: Arc<[f64]>, dim: Dimension) -> Result<Value> {
        if values.iter().any(|v| !v.is_finite()) {
            return Err(QuantityError::Overflow);
        }
        Ok(Value::collapse(values, dim))
    }

    /// Draws that are all the same figure are that figure, exactly: `x - x`
    /// is 0, not a range from 0 to 0.
    fn collapse(values: Arc<[f64]>, dim: Dimension) -> Value {
        match values.first() {
            Some(&first) if values.iter().all(|&v| v == first) => {
                Value::Exact(Quantity { value: first, dim })
            }
            _ => Value::Draws(Draws {
                dim,
                values,
                sorted: None,
            }),
        }
    }

    /// How many draws, or `None` for an exact value.
    pub(crate) fn len(&self) -> Option<usize> {
        match self {
            Value::Exact(_) => None,
            Value::Draws(d) => Some(d.values.len()),
        }
    }

    /// Draw `i` as a quantity (an exact value is every draw).
    pub(crate) fn at(&self, i: usize) -> Quantity {
        match self {
            Value::Exact(q) => *q,
            Value::Draws(d) => Quantity {
                value: d.values[i],
                dim: d.dim,
            },
        }
    }

    fn raw(&self) -> Lane<'_> {
        match self {
            Value::Exact(q) => Lane::Same(q.value),
            Value::Draws(d) => Lane::Each(&d.values),
        }
    }

    /// `checked(self, rhs)` draw by draw; `fast` computes the same value
    /// without the checks, which run only where a result looks wrong (not
    /// finite, or zero from two non-zero operands).
    pub(crate) fn zip(
        &self,
        rhs: &Value,
        checked: fn(Quantity, Quantity) -> Result<Quantity>,
        fast: impl Fn(f64, f64) -> f64 + Copy,
    ) -> Result<Value> {
        let n = match (self.len(), rhs.len()) {
            (None, None) => return checked(self.at(0), rhs.at(0)).map(Value::Exact),
            (Some(n), _) | (None, Some(n)) => n,
        };
        let dim = checked(self.at(0), rhs.at(0))?.dim();
        let (a, b) = (self.raw(), rhs.raw());
        // Collected straight into the shared list: no copy after.
        let out: Arc<[f64]> = match (a, b) {
            (Lane::Each(a), Lane::Each(b)) => a.iter().zip(b).map(|(&x, &y)| fast(x, y)).collect(),
            (Lane::Each(a), Lane::Same(y)) => a.iter().map(|&x| fast(x, y)).collect(),
            (Lane::Same(x), Lane::Each(b)) => b.iter().map(|&y| fast(x, y)).collect(),
            (Lane::Same(x), Lane::Same(y)) => std::iter::repeat_n(fast(x, y), n).collect(),
        };
        // Nearly always every result is normal (finite, non-zero, not
        // below the smallest normal double): checked in one
        // pass the compiler can vectorise, before looking draw by draw.
        let hint = || Value::hint_of(&[self, rhs]);
        if out.iter().all(|r| r.is_normal()) {
            return Ok(Value::collapse(out, dim).sorted_by(hint()));
        }
        let suspect = |i: usize| {
            let r = out[i];
            !r.is_finite() || r.is_subnormal() || (r == 0.0 && a.get(i) != 0.0 && b.get(i) != 0.0)
        };
        let mut failed = 0;
        let mut first = None;
        for i in (0..n).filter(|&i| suspect(i)) {
            if let Err(e) = checked(self.at(i), rhs.at(i)) {
                failed += 1;
                first.get_or_insert(e);
            }
        }
        if let Some(error) = first {
            return Err(in_draws(error, failed, n));
        }
        Ok(Value::collapse(out, dim).sorted_by(hint()))
    }

    /// `f` applied draw by draw.
    pub(crate) fn map(&self, f: impl Fn(Quantity) -> Result<Quantity>) -> Result<Value> {
        Value::map_all(&[self], |q| f(q[0]))
    }

    /// `f` of several values, draw by draw: exact when all are exact, else
    /// as many draws as the uncertain ones hold (all hold the same count).
    pub(crate) fn map_all(
        values: &[&Value],
        f: impl Fn(&[Quantity]) -> Result<Quantity>,
    ) -> Result<Value> {
        let mut args: Vec<Quantity> = values.iter().map(|v| v.at(0)).collect();
        let Some(n) = values.iter().find_map(|v| v.len()) else {
            return f(&args).map(Value::Exact);
        };
        let mut out = Vec::with_capacity(n);
        let (mut failed, mut first, mut dim) = (0, None, Dimension::NONE);
        for i in 0..n {
            for (a, v) in args.iter_mut().zip(values) {
                *a = v.at(i);
            }
            match f(&args) {
                Ok(q) => {
                    dim = q.dim;
                    out.push(q.value);
                }
                Err(e) => {
                    failed += 1;
                    first.get_or_insert(e);
                    out.push(0.0);
                }
            }
        }
        if let Some(error) = first {
            return Err(in_draws(error, failed, n));
        }
        Ok(Value::collapse(out.into(), dim).sorted_by(Value::hint_of(values)))
    }
}

impl From<Quantity> for Value {
    fn from(q: Quantity) -> Value {
        Value::Exact(q)
    }
}

/// One operand of [`Value::zip`]: the same figure for every draw, or one each.
#[derive(Clone, Copy)]
enum Lane<'a> {
    Same(f64),
    Each(&'a [f64]),
}

impl Lane<'_> {
    fn get(self, i: usize) -> f64 {
        match self {
            Lane::Same(v) => v,
            Lane::Each(v) => v[i],
        }
    }
}

/// An error that happened in some draws only says how many.
fn in_draws(error: QuantityError, failed: usize, of: usize) -> QuantityError {
    if matches!(
        error,
        QuantityError::Mismatch { .. } | QuantityError::BadPower(_)
    ) {
        return error;
    }
    QuantityError::InDraws {
        error: Box::new(error),
        failed,
        of,
    }
}

impl Shape {
    fn verb(self) -> &'static str {
        match self {
            Shape::Range => "make a range of",
            Shape::Normal | Shape::Uniform | Shape::Pert => "make a distribution of",
        }
    }
}

/// The standard normal score of the middle of each of `n` equal strata,
/// computed once per sample count and shared by every range.
fn normal_scores(n: usize) -> Arc<[f64]> {
    thread_local! {
        static SCORES: RefCell<Option<Arc<[f64]>>> = const { RefCell::new(None) };
    }
    SCORES.with(|cell| {
        let mut cached = cell.borrow_mut();
        if let Some(z) = cached.as_ref().filter(|z| z.len() == n) {
            return z.clone();
        }
        // The scores are symmetric about the middle: the upper half is the
        // lower half negated, exactly, so a symmetric range's median is exact.
        #[allow(clippy::cast_precision_loss)]
        let lower: Vec<f64> = (0..n / 2)
            .map(|k| normal_quantile((k as f64 + 0.5) / n as f64))
            .collect();
        let middle = (n % 2 == 1).then_some(0.0);
        let z: Arc<[f64]> = lower
            .iter()
            .copied()
            .chain(middle)
            .chain(lower.iter().rev().map(|z| -z))
            .collect();
        *cached = Some(z.clone());
        z
    })
}

/// The stream for the range at node `node` of the quantity `name` under
/// `seed`: FNV-1a of the three, written out because a key must not change
/// between Rust releases or platforms, which the standard library's hasher
/// does not promise.
pub(crate) fn stream_key(seed: u64, name: &str, node: u32) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let bytes = seed
        .to_le_bytes()
        .into_iter()
        .chain(name.bytes())
        .chain(node.to_le_bytes());
    for b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64) -> Quantity {
        Quantity::number(v).unwrap()
    }

    fn range(lo: f64, hi: f64, samples: usize) -> Draws {
        let sampling = Sampling {
            samples,
            ..Sampling::default()
        };
        match Value::draw(Shape::Range, &[q(lo), q(hi)], sampling, 7).unwrap() {
            Value::Draws(d) => d,
            Value::Exact(_) => panic!("a range with distinct ends has draws"),
        }
    }

    /// `a to b` puts a and b at the 5th and 95th percentiles, to within the
    /// sampling error: for plain Monte Carlo one standard error of the p5
    /// estimate is 2.1/sqrt(n) standard deviations of ln x; the Latin
    /// hypercube does far better, and four of those is the bound checked.
    #[test]
    fn range_percentiles_match_the_lognormal() {
        for (lo, hi) in [(100.0, 1000.0), (1.0, 5.0), (3e12, 5e12)] {
            let n = DEFAULT_SAMPLES;
            let s = range(lo, hi, n).spread();
            let sigma = (f64::ln(hi) - f64::ln(lo)) / (2.0 * Z95);
            #[allow(clippy::cast_precision_loss)]
            let allowed = 4.0 * 2.114 / (n as f64).sqrt() * sigma;
            assert!((s.p5.ln() - lo.ln()).abs() < allowed, "p5 {} vs {lo}", s.p5);
            assert!(
                (s.p95.ln() - hi.ln()).abs() < allowed,
                "p95 {} vs {hi}",
                s.p95
            );
            let median = (lo * hi).sqrt();
            assert!(
                (s.p50.ln() - median.ln()).abs() < allowed,
                "p50 {} vs {median}",
                s.p50
            );
        }
    }

    #[test]
    fn same_seed_same_draws_other_key_other_draws() {
        let a = Value::draw(Shape::Range, &[q(1.0), q(9.0)], Sampling::default(), 3).unwrap();
        let b = Value::draw(Shape::Range, &[q(1.0), q(9.0)], Sampling::default(), 3).unwrap();
        let c = Value::draw(Shape::Range, &[q(1.0), q(9.0)], Sampling::default(), 4).unwrap();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn equal_ends_are_exact() {
        let v = Value::draw(Shape::Range, &[q(5.0), q(5.0)], Sampling::default(), 0).unwrap();
        assert_eq!(v, Value::Exact(q(5.0)));
    }

    #[test]
    fn errors_in_some_draws_say_how_many() {
        let x = Value::draw(Shape::Normal, &[q(0.0), q(1.0)], Sampling::default(), 0).unwrap();
        let err = Value::Exact(q(1.0))
            .zip(
                &x.map(|v| v.map(f64::round)).unwrap(),
                Quantity::checked_div,
                |a, b| a / b,
            )
            .unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("division by zero in "), "{text}");
        assert!(text.ends_with(" of 10,000 draws"), "{text}");
    }

    /// Percentiles and ranks read along the [`Draws::sorted`] hint are
    /// those selection and sorting find, bit for bit: for every shape and
    /// size, for quantities computed from a range that keep its order,
    /// reverse it or tie draws, and for some that break it (where the
    /// hint must be found not to hold).
    #[test]
    fn percentiles_and_ranks_along_the_hint_match_selection_and_sorting() {
        let shapes: [(Shape, &[f64]); 5] = [
            (Shape::Range, &[100.0, 1000.0]),
            (Shape::Range, &[3e12, 5e12]),
            (Shape::Normal, &[-2.0, 5.0]),
            (Shape::Uniform, &[1.0, 1.5]),
            (Shape::Pert, &[1.0, 2.0, 9.0]),
        ];
        let mul =
            |x: &Value, k: f64| x.zip(&Value::Exact(q(k)), Quantity::checked_mul, |a, b| a * b);
        let mut held = [0, 0];
        for (shape, args) in shapes {
            for n in (2..40).chain([999, 1000, 10_000, 100_001]) {
                let sampling = Sampling {
                    samples: n,
                    ..Sampling::default()
                };
                let args: Vec<Quantity> = args.iter().map(|&v| q(v)).collect();
                let x = Value::draw(shape, &args, sampling, 11).unwrap();
                let rounded = |v: &Value| v.map(|q| q.map(f64::round)).unwrap();
                let square = x.zip(&x, Quantity::checked_mul, |a, b| a * b).unwrap();
                let values = [
                    // Keep the order, reverse it, tie draws (rounded), and
                    // break it (a square through zero; a rounded reverse
                    // folded at its middle).
                    (mul(&x, 3.0).unwrap(), true),
                    (mul(&x, -0.5).unwrap(), true),
                    (rounded(&mul(&x, 0.1).unwrap()), true),
                    (x.clone(), true),
                    (square, shape != Shape::Normal),
                    (x.map(|q| q.map(|v| (v - 4.0).abs())).unwrap(), false),
                ];
                for (v, monotone) in values {
                    let Value::Draws(d) = v else {
                        continue;
                    };
                    let holds = d.rising().is_some();
                    if monotone {
                        assert!(holds, "{shape:?} at {n}");
                    }
                    held[usize::from(holds)] += 1;
                    let plain = Draws {
                        sorted: None,
                        ..d.clone()
                    };
                    assert_eq!(d.spread(), plain.spread(), "{shape:?} at {n}");
                    for first in [n, n / 2 + 1, 7, 10_000] {
                        assert_eq!(d.ranks(first), plain.ranks(first), "{shape:?} at {n}");
                    }
                }
            }
        }
        // Both paths were taken, many times.
        assert!(held[0] > 50 && held[1] > 200, "{held:?}");
    }

    /// Selection finds what sorting would, for every size from the
    /// smallest bote allows, with ties.
    #[test]
    fn percentiles_by_selection_match_sorting() {
        let mut rng = Pcg64Mcg::seed_from_u64(9);
        for n in (2..60).chain([999, 1000, 10_000]) {
            let mut order: Vec<u32> = (0..u32::try_from(n).unwrap()).collect();
            order.shuffle(&mut rng);
            let values: Vec<f64> = order.iter().map(|&k| f64::from(k % 17)).collect();
            let draws = Draws {
                dim: Dimension::NONE,
                values: values.clone().into(),
                sorted: None,
            };
            let mut sorted = values;
            sorted.sort_by(f64::total_cmp);
            #[allow(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss
            )]
            let at = |p: f64| sorted[(p * (n - 1) as f64).round() as usize];
            let median = if n % 2 == 1 {
                sorted[n / 2]
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
            };
            let s = draws.spread();
            assert_eq!(
                (s.p5, s.p25, s.p50, s.p75, s.p95),
                (at(0.05), at(0.25), median, at(0.75), at(0.95)),
                "n = {n}"
            );
        }
    }
}
