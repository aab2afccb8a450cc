//! bote in the browser: the core, compiled to WebAssembly, behind a few
//! functions that take and give text. The page (`web/static/app.js`)
//! renders what they return; nothing here knows the DOM.

use bote::{Env, Evaluated, Format, Options};
use std::fmt::Write as _;
use wasm_bindgen::prelude::*;

/// The largest file the page hands the core, as the core's own limit
/// (16 MiB): the page checks it too, before it touches the editor.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// Past this many quantities the page shows the summary alone: a table of
/// 100,000 rows is no use on a screen and costs the tab its memory.
pub const MAX_ROWS: usize = 2_000;

/// Bars in each range's histogram.
const BINS: usize = 24;

/// The presets, as JSON: `[{"name", "title", "text"}]`.
#[wasm_bindgen]
pub fn presets() -> String {
    let list: Vec<serde_json::Value> = bote::PRESETS
        .iter()
        .map(|(name, text)| {
            serde_json::json!({
                "name": name,
                "title": bote::presets::title(text),
                "text": text,
            })
        })
        .collect();
    serde_json::Value::Array(list).to_string()
}

/// The estimate with the page's changes made, or what stops it.
enum Outcome {
    Ran {
        ev: Box<Evaluated>,
        /// Changes that name no quantity of the file (renamed since).
        leftover: Vec<String>,
        /// The file's scenarios, `base` first; empty when it has none.
        scenarios: Vec<String>,
        /// The scenario run: the one asked for, or `base` when the file
        /// has no scenario of that name (renamed or removed since).
        scenario: String,
    },
    Failed {
        errors: String,
        /// The change whose expression failed, when one did.
        bad_set: Option<String>,
    },
}

/// The file `yaml` loaded, and its scenarios (`base` first, or none).
fn load(yaml: &str, width: Option<usize>) -> Result<(bote::Estimate, Vec<String>), String> {
    if yaml.len() > MAX_FILE_BYTES {
        return Err(format!(
            "error: the file is {} MiB; bote reads files up to 16 MiB",
            yaml.len() >> 20
        ));
    }
    let est = bote::load("estimate.yaml", yaml).map_err(|all| all.render_fitted(false, width))?;
    let mut names: Vec<String> = est.scenario_names().map(str::to_string).collect();
    if !names.is_empty() {
        names.insert(0, "base".to_string());
    }
    Ok((est, names))
}

/// The page's changes, `[[name, expression]]`, split into those that name
/// a quantity of `est` and those that do not.
fn sets_of(est: &bote::Estimate, sets_json: &str) -> (Vec<(String, String)>, Vec<String>) {
    let sets: Vec<(String, String)> = serde_json::from_str(sets_json).unwrap_or_default();
    let (known, leftover): (Vec<_>, Vec<_>) = sets
        .into_iter()
        .partition(|(name, _)| est.items.iter().any(|i| &i.name == name));
    (known, leftover.into_iter().map(|(name, _)| name).collect())
}

/// Run scenario `scenario` of `yaml` (`base`, or "" for the file itself)
/// with the page's changes on top, as `bote run --scenario NAME --set`.
fn evaluate(yaml: &str, sets_json: &str, scenario: &str, width: Option<usize>) -> Outcome {
    let fail = |errors: String, bad_set: Option<String>| Outcome::Failed { errors, bad_set };
    let (est, scenarios) = match load(yaml, width) {
        Ok(loaded) => loaded,
        Err(errors) => return fail(errors, None),
    };
    let (sets, leftover) = sets_of(&est, sets_json);
    let scenario = if scenarios.iter().any(|s| s == scenario) {
        scenario
    } else {
        "base"
    };
    match est.run(scenario, &sets, est.sampling()) {
        Ok(run) => Outcome::Ran {
            ev: Box::new(run.ev),
            leftover,
            scenarios,
            scenario: scenario.to_string(),
        },
        Err(all) => {
            // Which change failed, to offer its reset: the first that does
            // not read on the scenario's file.
            let bad_set = est.with_scenario(scenario).ok().and_then(|mut e| {
                sets.iter()
                    .find(|(name, expr)| e.set(name, expr).is_err())
                    .map(|(name, _)| name.clone())
            });
            fail(all.render_fitted(false, width), bad_set)
        }
    }
}

/// Run scenario `scenario` of the estimate `yaml` (`""` or `base`: the
/// file itself) with each `[name, expression]` of `sets_json` set, as
/// `bote run --scenario NAME --set` does. JSON: `{"report": <the JSON
/// report, without drivers>, "hists": {name: HIST}, "leftover": [names],
/// "left_out": n, "scenarios": [names], "scenario": name}` when it runs (a
/// change that names no quantity of the file is left out and named in
/// `leftover`; past [`MAX_ROWS`] quantities the report is the summary
/// alone and `left_out` says how many were left out; `scenarios` is the
/// file's, `base` first, or empty; `scenario` the one run, `base` when
/// the file has none of that name); `{"errors": <the rendered errors, as
/// a terminal `columns` wide shows them (0: no limit)>, "bad_set":
/// name|null}` when it does not. A HIST is a range's draws counted in bars
/// between `lo` and `hi` (in the figure's unit, on a log scale when
/// `log`), with its `p5`, `p50` and `p95` to mark. The drivers, the most
/// costly part of a report, are left out: [`drivers`] gives one figure's.
#[wasm_bindgen]
pub fn run(yaml: &str, sets_json: &str, scenario: &str, columns: u32) -> String {
    match evaluate(yaml, sets_json, scenario, width_of(columns)) {
        Outcome::Failed { errors, bad_set } => {
            serde_json::json!({ "errors": errors, "bad_set": bad_set }).to_string()
        }
        Outcome::Ran {
            ev,
            leftover,
            scenarios,
            scenario,
        } => {
            let left_out = if ev.rows.len() > MAX_ROWS {
                ev.rows.len()
            } else {
                0
            };
            let opts = Options {
                summary_only: left_out > 0,
                no_drivers: true,
                ..Options::default()
            };
            // The report is JSON already: spliced in, not parsed and written again.
            let report = bote::render(&ev, Format::Json, opts);
            let mut out = String::with_capacity(report.len() + 4096);
            out.push_str("{\"report\":");
            out.push_str(report.trim_end());
            let _ = write!(
                out,
                ",\"leftover\":{},\"left_out\":{left_out},\"scenarios\":{},\"scenario\":{},\"hists\":{{",
                serde_json::Value::from(leftover),
                serde_json::Value::from(scenarios),
                serde_json::Value::from(scenario),
            );
            if left_out == 0 {
                hists(&ev, &mut out);
            }
            out.push_str("}}");
            LAST.with(|last| *last.borrow_mut() = Some(ev));
            out
        }
    }
}

thread_local! {
    /// The last estimate [`run`] ran, for [`drivers`] to read without
    /// running it again.
    static LAST: std::cell::RefCell<Option<Box<Evaluated>>> = const { std::cell::RefCell::new(None) };
}

fn width_of(columns: u32) -> Option<usize> {
    (columns > 0).then(|| (columns as usize).max(bote::MIN_WIDTH))
}

/// What drives the range of quantity `name` in the estimate [`run`] ran
/// last: JSON `[{"name", "correlation", "share"}]`, largest share first
/// (as the JSON report's `drivers`); `[]` for an exact figure or none.
/// Made for one figure, when the page shows its tornado: every figure's,
/// in every run, would cost each keystroke most of its time.
#[wasm_bindgen]
pub fn drivers(name: &str) -> String {
    LAST.with(|last| {
        let last = last.borrow();
        let Some(ev) = last.as_deref() else {
            return "[]".to_string();
        };
        let Some(r) = ev
            .rows
            .iter()
            .position(|row| ev.estimate.items[row.item].name == name)
        else {
            return "[]".to_string();
        };
        let list: Vec<serde_json::Value> = ev
            .drivers(r)
            .iter()
            .map(|d| serde_json::json!({ "name": d.name, "correlation": d.correlation, "share": d.share }))
            .collect();
        serde_json::Value::Array(list).to_string()
    })
}

/// The file's scenarios side by side (`base` first), each with the page's
/// changes on top, as `bote run` shows them: the JSON of
/// [`bote::side_by_side_json`] (each changed figure with its ratio to base), or
/// `{"errors"}` when a run does not.
#[wasm_bindgen]
pub fn side_by_side(yaml: &str, sets_json: &str, columns: u32) -> String {
    let width = width_of(columns);
    let runs = load(yaml, width).and_then(|(est, _)| {
        let (sets, _) = sets_of(&est, sets_json);
        est.runs(&sets, est.sampling())
            .map_err(|all| all.render_fitted(false, width))
    });
    match runs {
        Ok(runs) => bote::side_by_side_json(&runs),
        Err(errors) => serde_json::json!({ "errors": errors }).to_string(),
    }
}

/// Each ranged row's histogram, as `"name": HIST` pairs.
fn hists(ev: &Evaluated, out: &mut String) {
    let mut first = true;
    for row in &ev.rows {
        let Some(range) = &row.range else { continue };
        let name = &ev.estimate.items[row.item].name;
        let unit = if range.unit_size > 0.0 {
            range.unit_size
        } else {
            1.0
        };
        let s = range.spread;
        let (p5, p50, p95) = (s.p5 / unit, s.p50 / unit, s.p95 / unit);
        let log = p5 > 0.0 && p95 / p5 > 4.0;
        let scale = |v: f64| if log { v.ln() } else { v };
        // The 90% range in the middle, a quarter of it again either side.
        let (a, b) = (scale(p5), scale(p95));
        let pad = ((b - a) * 0.25).max(f64::MIN_POSITIVE);
        let (lo, hi) = (a - pad, b + pad);
        let mut bins = [0u32; BINS];
        let step = (hi - lo) / BINS as f64;
        if step.is_finite() && step > 0.0 {
            count(&mut bins, range.draws.values(), unit, (lo, step, log));
        }
        let unscale = |v: f64| if log { v.exp() } else { v };
        if !first {
            out.push(',');
        }
        first = false;
        let _ = write!(
            out,
            "{}:{}",
            serde_json::Value::from(name.as_str()),
            serde_json::json!({
                "lo": unscale(lo), "hi": unscale(hi), "log": log,
                "p5": p5, "p50": p50, "p95": p95, "bins": bins.to_vec(),
            })
        );
    }
}

/// Count `draws` (in units of `unit`) into `bins`, the first starting at
/// `lo` and each `step` wide, on a log scale when `log`. A draw's bar is
/// guessed from a rough logarithm, then put right against the bars' exact
/// edges: a true logarithm of each draw (10,000 a range) made the page's
/// run a quarter slower in wasm (4.8 ms against 3.8, url-shortener).
fn count(bins: &mut [u32; BINS], draws: &[f64], unit: f64, (lo, step, log): (f64, f64, bool)) {
    // In log2 terms, for the rough guess.
    let (lo2, step2) = if log {
        (lo / std::f64::consts::LN_2, step / std::f64::consts::LN_2)
    } else {
        (lo, step)
    };
    #[allow(clippy::cast_precision_loss)]
    let edges: [f64; BINS + 1] = std::array::from_fn(|i| {
        let e = lo + step * i as f64;
        (if log { e.exp() } else { e }) * unit
    });
    for &d in draws {
        if !(d >= edges[0] && d < edges[BINS]) {
            continue;
        }
        let x = if log { log2_rough(d / unit) } else { d / unit };
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let mut i = ((x - lo2) / step2).clamp(0.0, (BINS - 1) as f64) as usize;
        while i > 0 && d < edges[i] {
            i -= 1;
        }
        while i < BINS - 1 && d >= edges[i + 1] {
            i += 1;
        }
        bins[i] += 1;
    }
}

/// log2 of a positive `x`, to within about 0.01 (a quadratic through the
/// mantissa): good for a guess that exact comparisons then correct.
fn log2_rough(x: f64) -> f64 {
    let bits = x.to_bits();
    #[allow(clippy::cast_possible_wrap)]
    let exponent = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000) - 1.0;
    #[allow(clippy::cast_precision_loss)]
    let e = exponent as f64;
    e + m * (1.3466 - 0.3466 * m)
}

/// The report of scenario `scenario` in Markdown (its title a `##` heading), for notes; the
/// errors as text when the estimate does not run. Made only when asked:
/// the page does not pay for it on every keystroke.
#[wasm_bindgen]
pub fn markdown(yaml: &str, sets_json: &str, scenario: &str) -> String {
    match evaluate(yaml, sets_json, scenario, None) {
        Outcome::Failed { errors, .. } => errors,
        Outcome::Ran { ev, .. } => bote::render(
            &ev,
            Format::Markdown,
            Options {
                heading_level: 2,
                ..Options::default()
            },
        ),
    }
}

/// A `bote eval` session: definitions carry from line to line.
#[wasm_bindgen]
#[derive(Default)]
pub struct Calc {
    env: Env<'static>,
}

#[wasm_bindgen]
impl Calc {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Calc {
        Calc::default()
    }

    /// One line: JSON `{"name", "text", "input", "warning"}`, or `{"error"}` with the
    /// error as the terminal renders it.
    pub fn eval(&mut self, line: &str) -> String {
        match bote::eval_line(line, &mut self.env) {
            Ok((name, answer)) => serde_json::json!({
                "name": name,
                "text": bote::answer_text(&answer),
                "input": answer.input,
                "warning": answer.warning,
            })
            .to_string(),
            Err(d) => serde_json::json!({ "error": d.render(false) }).to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guessed-and-corrected bars agree with a plain search of the
    /// edges, on a log scale and a linear one, at the edges too.
    #[test]
    fn count_agrees_with_a_search_of_the_edges() {
        let mut x = 0.5f64;
        let mut draws: Vec<f64> = (0..20_000)
            .map(|_| {
                x = (x * 3.987_654_321 * (1.0 - x)).clamp(1e-9, 1.0 - 1e-9);
                (x * 14.0).exp() * 1e-3
            })
            .collect();
        draws.extend([0.0, -1.0, f64::NAN, f64::INFINITY, 1e-310]);
        for (lo, hi, log, unit) in [
            (-2.0, 9.0, true, 1.0),
            (0.5, 900.0, false, 1.0),
            (-7.0, 4.0, true, 1e-3),
        ] {
            let step = (hi - lo) / BINS as f64;
            let edges: Vec<f64> = (0..=BINS)
                .map(|i| {
                    let e = lo + step * i as f64;
                    (if log { f64::exp(e) } else { e }) * unit
                })
                .collect();
            draws.extend(edges.iter().copied());
            let mut want = [0u32; BINS];
            for &d in &draws {
                let i = edges.partition_point(|&e| e <= d);
                if (1..=BINS).contains(&i) {
                    want[i - 1] += 1;
                }
            }
            let mut got = [0u32; BINS];
            count(&mut got, &draws, unit, (lo, step, log));
            assert_eq!(got, want, "lo {lo} hi {hi} log {log}");
            assert!(want.iter().sum::<u32>() > 1000);
        }
    }
}
