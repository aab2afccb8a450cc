//! Capacity verdicts: a load against what one box handles, as a count of
//! boxes a person would trust. A `capacity:` section's quantity is
//!
//! ```yaml
//! capacity:
//!   cache_nodes:
//!     load:    { memory: timeline_cache, network: timeline_read_bandwidth }
//!     per_box: { memory: 64 GB, network: ref.nic_25g }
//!     spares: 2          # N+2; default 0
//!     zones: 3           # survive one zone of 3 down; default 1 (no zone loss)
//!     utilisation: 60%   # default ref.target_utilisation, 70%
//! ```
//!
//! For each resource, boxes = load / (per box x utilisation); the largest
//! binds. That count is rounded up, grown by k/(k-1) to survive one zone
//! of k, rounded up again, and the spares are added. An uncertain load is
//! sized at its 95th percentile (`percentile: 50`, `75` or `95`).
//!
//! A verdict may also size by a wait: `{ load: checkout_qps, service:
//! 40 ms, wait_p99: 100 ms }` makes each box one server of an M/M/c queue
//! (`quantity::queue`) and takes at least the fewest boxes whose p99 wait
//! in queue is within 100 ms, before zones and spares.

use crate::lang::ast::Statement;
use std::fmt::Write as _;

/// How one capacity quantity is sized.
#[derive(Clone, Debug)]
pub(crate) struct Capacity {
    /// What one box is called, and many (`task`, `tasks`; `box`, `boxes`).
    pub(crate) noun: (String, String),
    /// Each resource, with its load and per-box figure as written and
    /// their ratio, parsed.
    pub(crate) resources: Vec<Resource>,
    /// The busy share a box is sized to: the file's `utilisation`, or
    /// [`DEFAULT_UTILISATION`], evaluated with the estimate's names and
    /// sheets.
    pub(crate) utilisation: Statement,
    /// Where it is written (the quantity's name when it is the default),
    /// and where its text starts in the file when it can be pointed into.
    pub(crate) utilisation_at: crate::span::Span,
    pub(crate) utilisation_offset: Option<usize>,
    /// The file left `utilisation` out.
    pub(crate) utilisation_default: bool,
    pub(crate) spares: u32,
    pub(crate) zones: u32,
    /// The percentile of an uncertain load sized for: 50, 75 or 95.
    pub(crate) percentile: u8,
    /// A wait target, when the verdict sizes by one.
    pub(crate) queue: Option<Queue>,
}

/// A wait target: each box one server taking `service` per request, the
/// wait in queue at `share` of requests within `max_wait`.
#[derive(Clone, Debug)]
pub(crate) struct Queue {
    /// The service time as written (`40 ms`).
    pub(crate) service: String,
    /// The target in seconds, and as written (`100 ms`).
    pub(crate) max_wait: f64,
    pub(crate) max_wait_text: String,
    /// The share of requests within it: 0.99 for `wait_p99`.
    pub(crate) share: f64,
}

impl Queue {
    /// The key that set it: `wait_p99`.
    pub(crate) fn key(&self) -> String {
        format!("wait_p{}", plain(self.share * 100.0, 4))
    }
}

#[derive(Clone, Debug)]
pub(crate) struct Resource {
    /// `memory`, `network`; `load` when only one is given.
    pub(crate) name: String,
    pub(crate) load: String,
    pub(crate) per_box: String,
    /// Where the load and the per-box figure are written.
    pub(crate) at: (crate::span::Span, crate::span::Span),
    /// `(load) / (per_box)`, parsed: boxes at full use.
    pub(crate) ratio: Statement,
}

/// The utilisation of a verdict that names none: the reference entry, so
/// an estimate or `--references` file that overrides it is obeyed.
pub(crate) const DEFAULT_UTILISATION: &str = "ref.target_utilisation";

/// The most boxes a verdict counts: 2^50, where a count, its zone share
/// and its spares are still exact in a double (and no estimate comes
/// near).
pub(crate) const MAX_BOXES: f64 = 1_125_899_906_842_624.0;

/// The percentiles a load may be sized at.
pub(crate) const PERCENTILES: [u8; 3] = [50, 75, 95];

/// The boxes one draw (or an exact verdict) needs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Count {
    /// The resource that binds, by its place.
    pub(crate) bind: usize,
    /// Its boxes at the target utilisation, before rounding.
    pub(crate) need: f64,
    /// Rounded up.
    pub(crate) base: u64,
    /// Grown to survive a zone down.
    pub(crate) serving: u64,
    /// With the spares: the count.
    pub(crate) total: u64,
    /// The boxes the wait target needs, when there is one: `base` is at
    /// least this, and the wait binds when it is more than the
    /// utilisation asks.
    pub(crate) wait: Option<u64>,
}

impl Count {
    /// The wait target needs more boxes than the utilisation does.
    pub(crate) fn wait_binds(&self) -> bool {
        #[allow(clippy::cast_precision_loss)]
        self.wait.is_some_and(|w| w as f64 > up(self.need.max(0.0)))
    }
}

/// Rounded up, but not for a double's noise: 13.3 / 0.7 is 19, not
/// 19.000000000000004 and so 20.
fn up(x: f64) -> f64 {
    (x * (1.0 - 1e-12)).ceil()
}

/// A verdict's arithmetic, kept for `--explain`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Sizing {
    /// Each resource's boxes at full use, of the draw sized at when ranged.
    pub(crate) ratios: Vec<f64>,
    /// The target utilisation, a fraction.
    pub(crate) utilisation: f64,
    /// The count those make.
    pub(crate) count: Count,
    /// The percentile of the draw they are of, when the inputs are ranges.
    pub(crate) draw_at: Option<u8>,
}

/// A verdict, computed.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Verdict {
    /// Boxes in all, spares included.
    pub(crate) total: u64,
    /// The headline: `21 boxes` or `fits on one box`.
    pub(crate) headline: String,
    /// How it was reached: `19 + 2 spare; memory binds (...)`.
    pub(crate) detail: String,
}

impl Capacity {
    /// The text of the quantity's expression: the binding ratio at full use.
    pub(crate) fn expression(&self) -> String {
        let ratio = |r: &Resource| format!("({}) / ({})", r.load, r.per_box);
        match self.resources.as_slice() {
            [one] => ratio(one),
            all => format!(
                "max({})",
                all.iter().map(ratio).collect::<Vec<_>>().join(", ")
            ),
        }
    }

    /// The verdict's expression as a report shows it: each resource's load
    /// over what one box handles, as written (`north_america / task_qps`),
    /// with parentheses only where the reading needs them.
    pub(crate) fn written(&self) -> String {
        if let (Some(q), [r]) = (&self.queue, self.resources.as_slice()) {
            return format!("{} at {} each", r.load, q.service);
        }
        let group = |text: &str, divisor: bool| {
            let loose = text.contains('+')
                || text.contains(" - ")
                || [" to ", " per ", " at ", " for "]
                    .iter()
                    .any(|w| text.contains(w));
            let tight = divisor && (text.contains('*') || text.contains(" / "));
            if loose || tight {
                format!("({text})")
            } else {
                text.to_string()
            }
        };
        let ratio =
            |r: &Resource| format!("{} / {}", group(&r.load, false), group(&r.per_box, true));
        match self.resources.as_slice() {
            [one] => ratio(one),
            all => all
                .iter()
                .map(|r| format!("{}: {}", r.name, ratio(r)))
                .collect::<Vec<_>>()
                .join("; "),
        }
    }

    /// The count one draw needs, for boxes-at-full-use `ratios`, one per
    /// resource (in order), at `utilisation` (a fraction).
    #[cfg(test)]
    pub(crate) fn count(&self, ratios: &[f64], utilisation: f64) -> Count {
        self.count_with(ratios, utilisation, None)
    }

    /// The count one draw needs (as `count` makes it) with at least `wait` boxes before zones and
    /// spares: what the wait target needs.
    pub(crate) fn count_with(&self, ratios: &[f64], utilisation: f64, wait: Option<u64>) -> Count {
        let (bind, need) = ratios.iter().map(|r| r / utilisation).enumerate().fold(
            (0, f64::MIN),
            |best, (i, n)| if n > best.1 { (i, n) } else { best },
        );
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let base = (up(need.max(0.0)) as u64).max(1).max(wait.unwrap_or(0));
        let serving = if self.zones >= 2 {
            let k = f64::from(self.zones);
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                clippy::cast_precision_loss
            )]
            let s = up(base as f64 * k / (k - 1.0)) as u64;
            s
        } else {
            base
        };
        Count {
            bind,
            need,
            base,
            serving,
            total: serving.saturating_add(u64::from(self.spares)),
            wait,
        }
    }

    /// Which of the draws' counts the verdict is sized at: the draw at the
    /// chosen percentile of the counts (nearest rank, as every percentile
    /// bote shows), ties broken by the binding need, so the verdict's
    /// reasoning is that draw's.
    pub(crate) fn sized_draw(&self, counts: &[Count]) -> usize {
        let mut order: Vec<usize> = (0..counts.len()).collect();
        // The one rank, selected rather than sorted (10,000 draws sorted
        // were a quarter of a ranged preset's run); equal draws in their
        // order, as a stable sort would leave them.
        let by_count = |&a: &usize, &b: &usize| {
            let (x, y) = (&counts[a], &counts[b]);
            x.total
                .cmp(&y.total)
                .then(x.need.total_cmp(&y.need))
                .then(a.cmp(&b))
        };
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let rank = ((f64::from(self.percentile) / 100.0) * (counts.len().saturating_sub(1)) as f64)
            .round() as usize;
        let rank = rank.min(counts.len().saturating_sub(1));
        if order.is_empty() {
            return 0;
        }
        *order.select_nth_unstable_by(rank, by_count).1
    }

    /// The arithmetic that makes the count, as `--explain` says it:
    /// `390.6 at 100% → 559 at 70% → + 2 spare = 561`, each resource's
    /// boxes at full use first when there are several (`max(390.6, 12.8)`),
    /// of the draw sized at when ranged (`size_at`).
    pub(crate) fn arithmetic(
        &self,
        ratios: &[f64],
        utilisation: f64,
        count: Count,
        size_at: Option<u8>,
    ) -> String {
        let figure = |x: f64| plain(x, 4);
        let mut out = match ratios {
            [one] => figure(*one),
            all => format!(
                "max({}) = {}",
                all.iter()
                    .map(|r| figure(*r))
                    .collect::<Vec<_>>()
                    .join(", "),
                figure(all[count.bind])
            ),
        };
        if let Some(p) = size_at {
            let _ = write!(out, " (the p{p} draw)");
        }
        let pct = |f: f64| format!("{:.0}%", f * 100.0);
        let boxes = |n: u64| crate::quantity::grouped(usize::try_from(n).unwrap_or(usize::MAX));
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let by_use = (up(count.need.max(0.0)) as u64).max(1);
        match (&self.queue, count.wait) {
            (Some(q), Some(w)) if count.wait_binds() => {
                let _ = write!(
                    out,
                    " at 100% → {} at {}, but {} for a {} wait within {} \
                     (M/M/c: {} Erlangs, Erlang C {})",
                    boxes(by_use),
                    pct(utilisation),
                    boxes(w),
                    q.key().replace("wait_", ""),
                    q.max_wait_text,
                    figure(ratios[0]),
                    figure(erlang_c_of(ratios[0], w)),
                );
            }
            (Some(q), Some(w)) => {
                let _ = write!(
                    out,
                    " at 100% → {} at {} (a {} wait within {} needs {})",
                    boxes(count.base),
                    pct(utilisation),
                    q.key().replace("wait_", ""),
                    q.max_wait_text,
                    boxes(w)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    " at 100% → {} at {}",
                    boxes(count.base),
                    pct(utilisation)
                );
            }
        }
        if count.serving > count.base {
            let _ = write!(
                out,
                " → {} to survive a zone of {} down",
                crate::quantity::grouped(usize::try_from(count.serving).unwrap_or(usize::MAX)),
                self.zones
            );
        }
        if self.spares > 0 {
            let _ = write!(out, " → + {} spare", self.spares);
        }
        out
    }

    /// The verdict for boxes-at-full-use `ratios`, one per resource (in
    /// order), at `utilisation` (a fraction, said as `by` when it is not
    /// the file's own), `ranged` when any load is uncertain: then
    /// `ratios` are those of the draw the verdict is sized at.
    #[cfg(test)]
    pub(crate) fn verdict(
        &self,
        ratios: &[f64],
        utilisation: f64,
        by: Option<&str>,
        ranged: bool,
    ) -> Verdict {
        self.verdict_of(
            self.count(ratios, utilisation),
            ratios,
            utilisation,
            by,
            ranged,
        )
    }

    /// The verdict (as `verdict` makes it) of a count already made, one with a wait.
    pub(crate) fn verdict_of(
        &self,
        count: Count,
        ratios: &[f64],
        utilisation: f64,
        by: Option<&str>,
        ranged: bool,
    ) -> Verdict {
        let Count {
            bind,
            base,
            serving,
            total,
            ..
        } = count;
        let pct = |f: f64| format!("{:.0}%", f * 100.0);
        let target = match by {
            Some(by) => format!("target {}, {by}", pct(utilisation)),
            None => format!("target {}", pct(utilisation)),
        };
        let mut parts: Vec<String> = Vec::new();
        let headline = if total == 1 {
            format!("fits: {} of one {}", pct(ratios[bind]), self.noun.0)
        } else {
            let mut sum = vec![format!("{base}")];
            if serving > base {
                sum.push(format!(
                    "{} for a zone of {} down",
                    serving - base,
                    self.zones
                ));
            }
            if self.spares > 0 {
                sum.push(format!("{} spare", self.spares));
            }
            if sum.len() > 1 {
                parts.push(sum.join(" + "));
            }
            #[allow(clippy::cast_possible_truncation)]
            let total_text = crate::quantity::grouped(total as usize);
            format!("{total_text} {}", self.noun.1)
        };
        if self.resources.len() > 1 {
            let r = &self.resources[bind];
            parts.push(format!(
                "{} binds ({:.1} {}' worth)",
                r.name, ratios[bind], self.noun.1
            ));
        }
        if let (Some(q), Some(w)) = (&self.queue, count.wait) {
            let key = q.key().replace("wait_", "");
            parts.push(if count.wait_binds() {
                format!(
                    "the {key} wait binds: {w} {} keep it within {}",
                    if w == 1 { &self.noun.0 } else { &self.noun.1 },
                    q.max_wait_text
                )
            } else {
                format!(
                    "utilisation binds ({w} would keep the {key} wait within {})",
                    q.max_wait_text
                )
            });
        }
        parts.push(target);
        if ranged {
            parts.push(format!("sized at p{} of its range", self.percentile));
        }
        Verdict {
            total,
            headline,
            detail: parts.join("; "),
        }
    }
}

/// Erlang C of `a` Erlangs on `c` boxes, for `--explain` (0 if unstable,
/// which a wait-sized count never is).
#[allow(clippy::cast_precision_loss)]
fn erlang_c_of(a: f64, c: u64) -> f64 {
    crate::quantity::queue::erlang_c(a, c as f64).unwrap_or(0.0)
}

/// `x`, a number of boxes, to `figs` significant figures: `390.6`.
pub(crate) fn plain(x: f64, figs: usize) -> String {
    let q = crate::quantity::Quantity::number(x).unwrap_or(crate::quantity::Quantity::ZERO);
    let unit = crate::units::display::DisplayUnit {
        label: "".into(),
        size: 1.0,
    };
    crate::units::display::show_figures(q, unit, Some(figs)).text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cap(resources: &[&str], spares: u32, zones: u32) -> Capacity {
        Capacity {
            noun: ("box".into(), "boxes".into()),
            resources: resources
                .iter()
                .map(|n| Resource {
                    name: (*n).to_string(),
                    load: "l".into(),
                    per_box: "p".into(),
                    at: Default::default(),
                    ratio: Statement::default(),
                })
                .collect(),
            utilisation: Statement::default(),
            utilisation_at: crate::span::Span::default(),
            utilisation_offset: None,
            utilisation_default: false,
            spares,
            zones,
            percentile: 95,
            queue: None,
        }
    }

    #[test]
    fn rounding_spares_and_zones() {
        // 13.3 at full use / 70% = 19 boxes, + 2 spare = 21.
        let v = cap(&["load"], 2, 1).verdict(&[13.3], 0.7, None, false);
        assert_eq!((v.total, v.headline.as_str()), (21, "21 boxes"));
        assert!(
            v.detail.starts_with("19 + 2 spare; target 70%"),
            "{}",
            v.detail
        );
        // Exactly 7 boxes' worth at 70% is 10 boxes, not 11.
        assert_eq!(
            cap(&["load"], 0, 1).verdict(&[7.0], 0.7, None, false).total,
            10
        );
        // Surviving one zone of 3: 10 -> 15; of 2: 10 -> 20.
        let v = cap(&["load"], 1, 3).verdict(&[7.0], 0.7, None, false);
        assert_eq!(v.total, 16);
        assert!(
            v.detail
                .starts_with("10 + 5 for a zone of 3 down + 1 spare"),
            "{}",
            v.detail
        );
        assert_eq!(
            cap(&["load"], 0, 2).verdict(&[7.0], 0.7, None, false).total,
            20
        );
    }

    #[test]
    fn one_box_and_the_binding_resource() {
        let v = cap(&["load"], 0, 1).verdict(&[0.64], 0.7, None, false);
        assert_eq!((v.total, v.headline.as_str()), (1, "fits: 64% of one box"));
        // Over the target but under one box: two boxes, said as a count.
        assert_eq!(
            cap(&["load"], 0, 1).verdict(&[0.8], 0.7, None, false).total,
            2
        );
        let v = cap(&["cpu", "memory", "network"], 0, 1).verdict(&[2.0, 9.5, 4.0], 0.5, None, true);
        assert_eq!(v.total, 19);
        assert!(
            v.detail.contains("memory binds (9.5 boxes' worth)"),
            "{}",
            v.detail
        );
        assert!(
            v.detail.ends_with("sized at p95 of its range"),
            "{}",
            v.detail
        );
    }
}
