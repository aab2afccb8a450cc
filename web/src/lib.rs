//! bote in the browser: the core, compiled to WebAssembly, behind a few
//! functions that take and give text. The page (`web/static/app.js`)
//! renders what they return; nothing here knows the DOM.

use bote::{Env, Format, Options};
use wasm_bindgen::prelude::*;

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

/// Run the estimate `yaml` with each `[name, expression]` of `sets_json`
/// set, as `--set` does. JSON: `{"report": <the JSON report>, "markdown":
/// <the report in Markdown>}` when it runs; `{"errors": <the rendered
/// errors, as a terminal `columns` wide shows them (0: no limit)>}` when
/// it does not.
#[wasm_bindgen]
pub fn run(yaml: &str, sets_json: &str, columns: u32) -> String {
    let sets: Vec<(String, String)> = serde_json::from_str(sets_json).unwrap_or_default();
    let width = (columns > 0).then(|| (columns as usize).max(bote::MIN_WIDTH));
    let fail = |text: String| serde_json::json!({ "errors": text }).to_string();
    let mut est = match bote::load("estimate.yaml", yaml) {
        Ok(est) => est,
        Err(all) => return fail(all.render_fitted(false, width)),
    };
    for (name, expr) in &sets {
        if let Err(d) = est.set(name, expr) {
            return fail(d.render_fitted(false, width));
        }
    }
    let ev = match est.evaluate() {
        Ok(ev) => ev,
        Err(all) => return fail(all.render_fitted(false, width)),
    };
    let report = bote::render(&ev, Format::Json, Options::default());
    let markdown = bote::render(
        &ev,
        Format::Markdown,
        Options {
            heading_level: 2,
            ..Options::default()
        },
    );
    let report: serde_json::Value = serde_json::from_str(&report).unwrap_or_default();
    serde_json::json!({ "report": report, "markdown": markdown }).to_string()
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
