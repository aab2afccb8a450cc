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
    },
    Failed {
        errors: String,
        /// The change whose expression failed, when one did.
        bad_set: Option<String>,
    },
}

fn evaluate(yaml: &str, sets_json: &str, width: Option<usize>) -> Outcome {
    let fail = |errors: String, bad_set: Option<String>| Outcome::Failed { errors, bad_set };
    if yaml.len() > MAX_FILE_BYTES {
        return fail(
            format!(
                "error: the file is {} MiB; bote reads files up to 16 MiB",
                yaml.len() >> 20
            ),
            None,
        );
    }
    let sets: Vec<(String, String)> = serde_json::from_str(sets_json).unwrap_or_default();
    let mut est = match bote::load("estimate.yaml", yaml) {
        Ok(est) => est,
        Err(all) => return fail(all.render_fitted(false, width), None),
    };
    let mut leftover = Vec::new();
    for (name, expr) in &sets {
        if !est.items.iter().any(|i| &i.name == name) {
            leftover.push(name.clone());
            continue;
        }
        if let Err(d) = est.set(name, expr) {
            return fail(d.render_fitted(false, width), Some(name.clone()));
        }
    }
    match est.evaluate() {
        Ok(ev) => Outcome::Ran {
            ev: Box::new(ev),
            leftover,
        },
        Err(all) => fail(all.render_fitted(false, width), None),
    }
}

/// Run the estimate `yaml` with each `[name, expression]` of `sets_json`
/// set, as `--set` does. JSON: `{"report": <the JSON report>, "hists":
/// {name: HIST}, "leftover": [names], "left_out": n}` when it runs (a
/// change that names no quantity of the file is left out and named in
/// `leftover`; past [`MAX_ROWS`] quantities the report is the summary
/// alone and `left_out` says how many were left out); `{"errors": <the
/// rendered errors, as a terminal `columns` wide shows them (0: no
/// limit)>, "bad_set": name|null}` when it does not. A HIST is a range's
/// draws counted in bars between `lo` and `hi` (in the figure's unit, on a
/// log scale when `log`), with its `p5`, `p50` and `p95` to mark.
#[wasm_bindgen]
pub fn run(yaml: &str, sets_json: &str, columns: u32) -> String {
    let width = (columns > 0).then(|| (columns as usize).max(bote::MIN_WIDTH));
    match evaluate(yaml, sets_json, width) {
        Outcome::Failed { errors, bad_set } => {
            serde_json::json!({ "errors": errors, "bad_set": bad_set }).to_string()
        }
        Outcome::Ran { ev, leftover } => {
            let left_out = if ev.rows.len() > MAX_ROWS {
                ev.rows.len()
            } else {
                0
            };
            let opts = Options {
                summary_only: left_out > 0,
                ..Options::default()
            };
            // The report is JSON already: spliced in, not parsed and written again.
            let report = bote::render(&ev, Format::Json, opts);
            let mut out = String::with_capacity(report.len() + 4096);
            out.push_str("{\"report\":");
            out.push_str(report.trim_end());
            let _ = write!(
                out,
                ",\"leftover\":{},\"left_out\":{left_out},\"hists\":{{",
                serde_json::Value::from(leftover)
            );
            if left_out == 0 {
                hists(&ev, &mut out);
            }
            out.push_str("}}");
            out
        }
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
            for &d in range.draws.values() {
                let x = scale(d / unit);
                if x >= lo && x < hi {
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let i = (((x - lo) / step) as usize).min(BINS - 1);
                    bins[i] += 1;
                }
            }
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

/// The report in Markdown (its title a `##` heading), for notes; the
/// errors as text when the estimate does not run. Made only when asked:
/// the page does not pay for it on every keystroke.
#[wasm_bindgen]
pub fn markdown(yaml: &str, sets_json: &str) -> String {
    match evaluate(yaml, sets_json, None) {
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
