// bote in the browser. The estimate runs in bote's own core, compiled to
// WebAssembly (pkg/, built by web/build.sh); this file draws what it
// returns: the summary first, the assumptions with an input (and a slider,
// for a range) each, one table per section, a small histogram beside each
// range, and the errors as the terminal shows them. A file with scenarios
// gets a picker (base first) over that report, and on request the
// summaries side by side with each changed figure's ratio to base.
//
// The report is built once per shape (its parts' names and columns) and
// then updated in place: a keystroke or a slider's step changes text and
// a few attributes, never the controls the user is holding. While the
// file has an error the last good report stays, marked stale.
//
// The page's state (the file, the changed assumptions and the scenario
// shown) goes into the link's fragment, compressed, to share (`#v1=`, or
// `#v2=` with a scenario), and into the browser's storage as a draft, to
// offer back after a reload.

import init, { presets, run, drivers, side_by_side, markdown, Calc } from "./pkg/bote_web.js";

/** The core's own limit on a file; a link or draft holding more is refused before it is read. */
const MAX_BYTES = 16 * 1024 * 1024;
/** Past this the editor is plain text: highlighting megabytes costs seconds. */
const HIGHLIGHT_MAX = 200_000;
/** Past this a link's file is not put in the editor (run it in a terminal). */
const EDITOR_MAX = 2 * 1024 * 1024;
/** At most this many changes in a link or a draft, each at most this long. */
const MAX_SETS = 10_000, MAX_EXPR = 10_000;
const DRAFT = "bote.draft.v1";

const $ = (id) => document.getElementById(id);
const state = { yaml: "", sets: new Map(), preset: "", scenario: "", base: null, baseOf: null };
const timings = { ready: null, runs: [] };
window.__bote = timings;
let list = [];

/** Text as HTML. */
function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---- the editor's highlighting: keys, sections, comments, strings, numbers
function highlightLine(line) {
  {
    const m = line.match(/^(\s*)([^#\s][^:#]*?)(:)(\s|$)(.*)$/);
    let head = "", rest = line;
    if (m) {
      const cls = m[1] === "" ? "hl-section" : "hl-key";
      head = esc(m[1]) + `<span class="${cls}">${esc(m[2])}</span>${esc(m[3])}${esc(m[4])}`;
      rest = m[5];
    }
    const hash = rest.search(/(^|\s)#/);
    let body = rest, comment = "";
    if (hash >= 0 && !/["'].*#.*["']/.test(rest)) {
      body = rest.slice(0, hash);
      comment = rest.slice(hash);
    }
    body = esc(body)
      .replace(/(&quot;.*?&quot;)/g, '<span class="hl-string">$1</span>')
      .replace(/(^|[\s{,:])(\$?\d[\d,._]*(?:\.\d+)?)/g, '$1<span class="hl-num">$2</span>');
    return head + body + (comment ? `<span class="hl-comment">${esc(comment)}</span>` : "");
  }
}

/** Highlight the editor's text, one span a line, redrawing only the lines that changed. */
let shownLines = [];
function highlight(text) {
  const code = $("highlight");
  if (text.length > HIGHLIGHT_MAX) {
    if (shownLines.length) code.textContent = "";
    shownLines = [];
    return;
  }
  const lines = text.split("\n");
  if (lines.length !== shownLines.length || code.childElementCount !== lines.length) {
    code.innerHTML = lines.map((l) => `<span>${highlightLine(l)}\n</span>`).join("");
  } else {
    const spans = code.children;
    for (let i = 0; i < lines.length; i++) if (lines[i] !== shownLines[i]) spans[i].innerHTML = highlightLine(lines[i]) + "\n";
  }
  shownLines = lines;
}

let gutterLines = 0;
function syncEditor() {
  const text = $("source").value;
  const plain = text.length > HIGHLIGHT_MAX;
  $("source").classList.toggle("plain", plain);
  highlight(text);
  // Line numbers, for the errors' line:column.
  let lines = 1;
  for (let i = text.indexOf("\n"); i >= 0 && lines < 100_000; i = text.indexOf("\n", i + 1)) lines++;
  if (lines !== gutterLines) {
    gutterLines = lines;
    $("gutter").textContent = Array.from({ length: lines }, (_, i) => i + 1).join("\n") + "\n";
  }
  // Reading the textarea's scroll forces a layout: once, in the frame, not per key.
  requestAnimationFrame(scrollEditor);
}

function scrollEditor() {
  const pre = $("highlight").parentElement;
  pre.scrollTop = $("source").scrollTop;
  pre.scrollLeft = $("source").scrollLeft;
  $("gutter").scrollTop = $("source").scrollTop;
}

// ---- running: at once for the first change in a frame, then once a frame
let pending = false, ranThisFrame = false;
function schedule() {
  if (!ranThisFrame) {
    ranThisFrame = true;
    requestAnimationFrame(() => { ranThisFrame = false; });
    refresh();
    return;
  }
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    refresh();
  });
}

function setsJson() {
  return JSON.stringify([...state.sets]);
}

function refresh() {
  const t0 = performance.now();
  // The sliders' ends are the ranges as the file (and its scenario) writes them.
  const baseOf = `${state.scenario}\0${state.yaml}`;
  if (state.baseOf !== baseOf) {
    state.baseOf = baseOf;
    state.base = null;
    view.ranged = new Set();
  }
  if (!state.base && state.sets.size) rememberBase();
  // Last: what drives a figure is read from the run the page shows.
  const out = JSON.parse(run(state.yaml, setsJson(), state.scenario, columns()));
  const t1 = performance.now();
  if (out.errors) showErrors(out);
  else paint(out);
  saveDraftSoon();
  const t2 = performance.now();
  timings.runs.push({ evaluate: t1 - t0, draw: t2 - t1, total: t2 - t0 });
  if (timings.runs.length > 2000) timings.runs.splice(0, 1000);
  if (timings.ready === null) timings.ready = performance.now();
}

/** How many characters of the error pane's monospace fit across it. Kept
 * until the window's size changes: reading a width forces a layout, and a
 * layout in the middle of a keystroke's run is a second one in its frame. */
let charWidth = 0, fit = 0;
function columns() {
  if (!charWidth) charWidth = measureChar();
  if (!fit) fit = Math.max(20, Math.floor(($("errors").parentElement.clientWidth - 32) / charWidth));
  return fit;
}
addEventListener("resize", () => { fit = 0; });

function measureChar() {
  const probe = document.createElement("pre");
  probe.className = "errors";
  probe.style.cssText = "position:absolute;visibility:hidden;padding:0;border:0";
  probe.textContent = "0".repeat(100);
  document.body.append(probe);
  const width = probe.getBoundingClientRect().width / 100;
  probe.remove();
  return width || 8;
}

// ---- errors: beside the editor; the last good report stays, marked stale
function showErrors(out) {
  const pane = $("errors");
  pane.hidden = false;
  // The web has no command line: say what the page calls a change.
  const text = out.errors.replace(/--set /g, "your change to ").replace(/set on the command line/g, "changed on the page");
  if (pane.firstChild?.textContent !== text) {
    let h = `<pre class="errors">${esc(text)}</pre><p class="fixes">`;
    if (out.bad_set && state.sets.has(out.bad_set)) {
      h += `<button type="button" data-reset="${esc(out.bad_set)}">reset ${esc(out.bad_set)} to the file's value</button> `;
    }
    if (state.sets.size) h += `<button type="button" data-reset="">reset every change</button>`;
    pane.innerHTML = h + `</p>`;
  }
  const report = $("report");
  if (view.good) {
    report.classList.add("stale");
    $("stalenote").hidden = false;
  } else {
    report.classList.remove("stale");
    $("r-empty").hidden = false;
    $("r-empty").textContent = "The estimate does not run: the error is under the file.";
  }
}

function hideErrors() {
  const pane = $("errors");
  if (!pane.hidden) {
    pane.hidden = true;
    pane.textContent = "";
  }
  if ($("report").classList.contains("stale")) $("report").classList.remove("stale");
  hide($("stalenote"), true);
  hide($("r-empty"), true);
}

// ---- the report, by parts, each rebuilt only when its shape changes
const view = { keys: new Map(), cells: new Map(), good: null, why: "", ranged: new Set() };

function paint(out) {
  const r = out.report;
  // A section keeps its range column while its file is the same: a slider that
  // makes a range exact must not rebuild the tables under the user's hand.
  for (const s of r.sections) if (s.quantities.some((q) => q.range)) view.ranged.add(s.name);
  if (!state.base && state.sets.size === 0) state.base = new Map(r.assumptions.map((q) => [q.name, q]));
  hideErrors();
  const active = document.activeElement;
  const hold = active && $("report").contains(active) ? [active.dataset.name, active.type] : null;
  let rebuilt = false;
  rebuilt |= part("r-head", [r.title, r.about], () =>
    `<h2 class="title">${esc(r.title)}</h2>` + (r.about ? `<p class="about">${esc(r.about)}</p>` : ""));
  rebuilt |= part("r-scenarios", out.scenarios ?? [], () => drawScenarios(out.scenarios ?? []));
  const leftover = (out.leftover ?? []).filter((n) => state.sets.has(n));
  part("r-leftover", leftover.map((n) => [n, state.sets.get(n)]), () => leftover.map((n) =>
    `<p class="leftover">Your change <code>${esc(n)} = ${esc(state.sets.get(n))}</code> names no quantity of this file (renamed or removed), so it is left out.
     <button type="button" data-reset="${esc(n)}">forget it</button></p>`).join(""));
  part("r-limit", out.left_out, () => out.left_out
    ? `<p class="leftover">This file has ${out.left_out.toLocaleString("en")} quantities: the page shows the summary alone. Run it with <code>bote run</code> in a terminal for every table.</p>` : "");
  rebuilt |= part("r-summary", [r.summary.figures.map((f) => f.name), !!r.summary.check], () => drawSummary(r));
  rebuilt |= part("r-assumptions", [r.assumptions.map((q) => [q.name, !!state.base?.get(q.name)?.range])], () => drawAssumptions(r));
  const sectionsKey = r.sections.map((s) => [s.name, s.quantities.map((q) => q.name), view.ranged.has(s.name), s.quantities.some((q) => q.expect)]);
  rebuilt |= part("r-sections", sectionsKey, () => r.sections.map(drawSection).join(""));
  rebuilt |= part("r-tail", [!!r.cost, r.references], () => drawTail(r));
  if (rebuilt) index();
  update(r, out.hists ?? {});
  updateScenarios(out);
  if (hold && document.activeElement !== active) {
    const again = $("report").querySelector(`[data-name="${CSS.escape(hold[0] ?? "")}"][type="${CSS.escape(hold[1] ?? "")}"]`);
    again?.focus();
  }
  view.good = out;
  timings.rebuilt = (timings.rebuilt ?? 0) + (rebuilt ? 1 : 0);
}

/** Rebuild part `id` when its shape `key` changed; true when it did. */
function part(id, key, html) {
  const k = JSON.stringify(key);
  if (view.keys.get(id) === k) return false;
  view.keys.set(id, k);
  (timings.parts ??= []).push(id);
  $(id).innerHTML = html();
  return true;
}

const HIST = `<svg class="hist" viewBox="0 0 60 16" width="60" height="16" aria-hidden="true"><path class="bars"/><path class="mid"/><line class="p50" y1="0" y2="16"/></svg>`;

function drawSummary(r) {
  let h = `<div class="summary" id="summary"><dl>`;
  for (const f of r.summary.figures) {
    h += `<dt>${esc(f.name)}</dt><dd data-fig="${esc(f.name)}"><span class="v"></span>`;
    h += ` ${HIST} <span class="range"></span>`;
    h += `</dd>`;
  }
  h += `</dl>`;
  if (r.summary.check) h += `<p class="check"></p>`;
  h += `<div class="warns"></div>`;
  return h + `</div>`;
}

function drawAssumptions(r) {
  if (!r.assumptions.length) return "";
  let h = `<h2>Assumptions</h2><div class="tablewrap"><table id="assumptions"><thead><tr><th>name</th><th>value</th><th>set</th><th class="note">note</th></tr></thead><tbody>`;
  for (const q of r.assumptions) {
    const base = state.base?.get(q.name);
    let slider = "";
    if (base?.range) {
      slider = `<input type="range" min="0" max="1000" step="1"
        data-name="${esc(q.name)}" data-lo="${base.range.p5}" data-hi="${base.range.p95}" data-unit="${esc(q.unit)}"
        aria-label="${esc(q.name)}, within its 90% range">`;
    }
    h += `<tr data-name="${esc(q.name)}"><td class="name">${esc(q.name)}</td>
      <td class="num value"><span class="v"></span><br><small class="r"></small>${base?.range || q.range ? HIST : ""}</td>
      <td><div class="set"><input type="text" enterkeyhint="done" data-name="${esc(q.name)}" aria-label="set ${esc(q.name)}">${slider}
      <button class="reset" data-reset="${esc(q.name)}" type="button" hidden>reset</button></div></td>
      <td class="note"></td></tr>`;
  }
  return h + `</tbody></table></div>`;
}

function drawSection(s) {
  const ranged = view.ranged.has(s.name);
  const published = s.quantities.some((q) => q.expect);
  let h = `<h2>${esc(s.name)}</h2><div class="tablewrap"><table data-section="${esc(s.name)}"><thead><tr><th>name</th><th>value</th>`;
  if (ranged) h += `<th>90% range</th>`;
  if (published) h += `<th>published</th>`;
  h += `<th class="expr">expression</th><th class="note">note</th></tr></thead><tbody>`;
  for (const q of s.quantities) {
    const why = q.range ? `<button type="button" class="why" data-why="${esc(q.name)}" title="what drives its range">${esc(q.name)}</button>` : esc(q.name);
    h += `<tr data-name="${esc(q.name)}"><td class="name">${why}</td><td class="num value"><span class="v"></span></td>`;
    if (ranged) h += `<td class="num rng"><span class="r"></span>${HIST}</td>`;
    if (published) h += `<td class="num pub"></td>`;
    h += `<td class="expr"></td><td class="note"></td></tr>`;
  }
  return h + `</tbody></table></div>`;
}

function drawTail(r) {
  let h = r.cost ? `<p class="total">Cost: <span class="v"></span></p>` : "";
  if (r.references?.length) {
    h += `<h2>References and prices used</h2><ul class="refs">`;
    for (const e of r.references) h += `<li><code>${esc(e.name)}</code> = ${esc(e.text)}: ${esc(e.what)} <small>(${esc(e.source)}; ${esc(e.date)})</small></li>`;
    h += `</ul>`;
  }
  return h;
}

/** Find each updatable cell once per rebuild. */
function index() {
  view.cells.clear();
  const report = $("report");
  for (const tr of report.querySelectorAll("tr[data-name]")) {
    view.cells.set(tr.dataset.name, {
      tr,
      v: tr.querySelector(".value .v"),
      r: tr.querySelector(".r"),
      hist: tr.querySelector("svg.hist"),
      pub: tr.querySelector(".pub"),
      expr: tr.querySelector(".expr"),
      note: tr.querySelector(".note"),
      input: tr.querySelector("input[type=text]"),
      slider: tr.querySelector("input[type=range]"),
      reset: tr.querySelector(".reset"),
    });
  }
  view.figs = [...report.querySelectorAll("#summary dd")].map((dd) => ({
    dd, v: dd.querySelector(".v"), r: dd.querySelector(".range"), hist: dd.querySelector("svg.hist"),
  }));
}

// A keystroke writes only what differs: an attribute set to the value it
// already has is still a mutation, and costs a style, layout and paint of
// what it is on (issue 39).
function text(el, t) {
  if (el && el.textContent !== t) el.textContent = t;
}

function hide(el, hidden) {
  if (el && el.hidden !== hidden) el.hidden = hidden;
}

function attr(el, name, v) {
  if (el.getAttribute(name) !== v) el.setAttribute(name, v);
}

const shownWarns = new WeakMap();
function update(r, hists) {
  const figs = view.figs ?? [];
  r.summary.figures.forEach((f, i) => {
    const c = figs[i];
    if (!c) return;
    text(c.v, f.text);
    text(c.r, f.range ? `(90% range ${f.range})` : "");
    drawHist(c.hist, hists[f.name]);
  });
  const check = $("r-summary").querySelector(".check");
  if (check && r.summary.check) {
    text(check, r.summary.check);
    check.classList.toggle("fail", r.summary.check.startsWith("✗"));
  }
  const warns = $("r-summary").querySelector(".warns");
  const said = (r.summary.warnings ?? []).map((w) => `<p class="warn">warning: ${esc(w)}</p>`).join("");
  // Compared with what was written, not with innerHTML: the browser's
  // serialization escapes quotes differently, so that never matched.
  if (warns && shownWarns.get(warns) !== said) {
    warns.innerHTML = said;
    shownWarns.set(warns, said);
  }
  for (const q of r.assumptions) {
    const c = view.cells.get(q.name);
    if (!c) continue;
    const changed = state.sets.has(q.name);
    c.tr.classList.toggle("changed", changed);
    // Replaced by the scenario shown, not by the user.
    c.tr.classList.toggle("scen", !changed && !!q.overridden);
    text(c.v, q.text);
    text(c.r, q.range?.text ?? "");
    drawHist(c.hist, hists[q.name]);
    text(c.note, q.note ?? "");
    const expr = changed ? state.sets.get(q.name) : q.expr;
    if (c.input && document.activeElement !== c.input && c.input.value !== expr) c.input.value = expr;
    if (c.input) c.input.classList.toggle("changed", changed);
    hide(c.reset, !changed);
    if (c.slider) {
      const lo = Math.log(+c.slider.dataset.lo), hi = Math.log(+c.slider.dataset.hi);
      // A slider in the user's hand (or under the keyboard) is where they put it:
      // its figure, rounded, would pull it back a step.
      if (c.slider !== document.activeElement) {
        const v = Math.log(Math.min(Math.max(q.value, +c.slider.dataset.lo), +c.slider.dataset.hi));
        const pos = String(Math.round(((v - lo) / (hi - lo || 1)) * 1000));
        if (c.slider.value !== pos) c.slider.value = pos;
      }
      const said = `${q.text}${q.range ? `, 90% range ${q.range.text}` : ""}`;
      if (c.slider.getAttribute("aria-valuetext") !== said) c.slider.setAttribute("aria-valuetext", said);
    }
  }
  for (const s of r.sections) {
    for (const q of s.quantities) {
      const c = view.cells.get(q.name);
      if (!c) continue;
      text(c.v, q.text);
      text(c.r, q.range?.text ?? "");
      drawHist(c.hist, hists[q.name]);
      if (c.pub) {
        const e = q.expect;
        text(c.pub, e ? `${e.text} ${e.ok ? "✓" : "✗"}` : "");
        c.pub.classList.toggle("ok", !!e?.ok);
        c.pub.classList.toggle("fail", !!e && !e.ok);
      }
      text(c.expr, q.expr ?? "");
      text(c.note, [q.verdict, q.note].filter(Boolean).join("; "));
    }
  }
  if (r.cost) text($("r-tail").querySelector(".total .v"), r.cost.total.text);
  drawWhy(r);
}

// ---- scenarios: a picker (base first) over the ordinary report, and the
// summaries side by side, when the file has `scenarios:`
function drawScenarios(names) {
  if (!names.length) return "";
  let h = `<fieldset class="scenarios"><legend>Scenario</legend><div class="picks">`;
  for (const n of names) {
    h += `<label><input type="radio" name="scenario" value="${esc(n)}"> ${esc(n)}</label>`;
  }
  h += `</div><label class="sbs"><input type="checkbox" id="sbs"> side by side</label></fieldset>`;
  return h + `<p class="scnote" hidden></p><div id="sbs-view" hidden></div>`;
}

/** The picker shows the scenario that ran; a chosen one the file no longer has is said. */
function updateScenarios(out) {
  const box = $("r-scenarios");
  if (!out.scenarios?.length) return;
  for (const r of box.querySelectorAll("input[name=scenario]")) {
    const on = r.value === out.scenario;
    if (r.checked !== on) r.checked = on;
    r.parentElement.classList.toggle("on", on);
  }
  const note = box.querySelector(".scnote");
  const missing = state.scenario && state.scenario !== out.scenario;
  hide(note, !missing);
  text(note, missing ? `This file has no scenario “${state.scenario}” now: showing base.` : "");
  drawSideBySide();
}

/** The scenarios side by side, each with the page's changes on top: only while shown (each is a run). */
function drawSideBySide() {
  const pane = $("sbs-view"), on = $("sbs")?.checked;
  if (!pane) return;
  hide(pane, !on);
  if (!on) {
    if (pane.innerHTML) pane.innerHTML = "";
    return;
  }
  const out = JSON.parse(side_by_side(state.yaml, setsJson(), columns()));
  if (out.errors) {
    pane.innerHTML = `<pre class="errors">${esc(out.errors)}</pre>`;
    return;
  }
  const shown = state.scenario && out.runs.includes(state.scenario) ? state.scenario : "base";
  let h = `<div class="tablewrap"><table class="sbs"><thead><tr><th>figure</th>`;
  for (const n of out.runs) {
    h += `<th class="${n === shown ? "on" : ""}"><button type="button" data-scenario="${esc(n)}" aria-pressed="${n === shown}">${esc(n)}</button></th>`;
  }
  h += `</tr></thead>`;
  for (const b of out.blocks.filter((b) => b.key === "summary" || b.key === "assumptions")) {
    h += `<tbody><tr class="block"><th colspan="${out.runs.length + 1}">${b.key === "summary" ? "Summary" : "Assumptions replaced"}</th></tr>`;
    for (const l of b.lines) {
      h += `<tr><td class="name">${esc(l.name)}</td>`;
      l.cells.forEach((c, i) => {
        h += `<td class="num${out.runs[i] === shown ? " on" : ""}" data-run="${esc(out.runs[i])}">${esc(c.text)}`;
        if (c.ratio) h += ` <span class="ratio">${esc(c.ratio)}</span>`;
        if (c.marked) h += ` <span class="mark" title="changes a verdict">!</span>`;
        if (c.range) h += `<br><small>(${esc(c.range)})</small>`;
        h += `</td>`;
      });
      h += `</tr>`;
    }
    h += `</tbody>`;
  }
  h += `</table></div><p class="legend">×: the figure's ratio to base; <span class="mark">!</span>: a verdict changes (a box count, a published figure no longer met, a price past its tier).</p>`;
  if (pane.innerHTML === h) return;
  const held = pane.contains(document.activeElement) ? document.activeElement.dataset.scenario : undefined;
  pane.innerHTML = h;
  if (held !== undefined) pane.querySelector(`button[data-scenario="${CSS.escape(held)}"]`)?.focus();
}

function pickScenario(name) {
  const next = name === "base" ? "" : name;
  if (next === state.scenario) return;
  state.scenario = next;
  refresh();
}

// ---- pictures: a range's draws as bars, the 90% range darker, the median marked
function drawHist(svg, h) {
  if (!svg) return;
  // An SVG element has no `hidden` property: the attribute, then.
  if (!h) {
    if (!svg.hasAttribute("hidden")) svg.setAttribute("hidden", "");
    return;
  }
  if (svg.hasAttribute("hidden")) svg.removeAttribute("hidden");
  const W = 60, H = 15, n = h.bins.length, w = W / n;
  const max = Math.max(1, ...h.bins);
  const sc = (v) => (h.log ? Math.log(Math.max(v, 1e-300)) : v);
  const x = (v) => ((sc(v) - sc(h.lo)) / (sc(h.hi) - sc(h.lo) || 1)) * W;
  const x5 = x(h.p5), x95 = x(h.p95);
  let bars = "", mid = "";
  h.bins.forEach((b, i) => {
    if (!b) return;
    const y = H - Math.max(0.8, (b / max) * (H - 1));
    const seg = `M${(i * w).toFixed(1)} ${H}V${y.toFixed(1)}h${(w - 0.4).toFixed(1)}V${H}z`;
    const c = (i + 0.5) * w;
    if (c >= x5 && c <= x95) mid += seg;
    else bars += seg;
  });
  const [pb, pm, line] = svg.children;
  if (pb.getAttribute("d") !== bars) pb.setAttribute("d", bars);
  if (pm.getAttribute("d") !== mid) pm.setAttribute("d", mid);
  const x50 = x(h.p50).toFixed(1);
  attr(line, "x1", x50);
  attr(line, "x2", x50);
}

/** The figure picked: what drives its range, as a tornado (what --why prints). */
function drawWhy(r) {
  const box = $("r-why");
  const q = view.why && r.sections.flatMap((s) => s.quantities).find((x) => x.name === view.why);
  // One figure's drivers, from the run on screen: the report leaves them out.
  const found = q?.range ? JSON.parse(drivers(q.name)) : [];
  if (!found.length) {
    if (box.innerHTML) box.innerHTML = "";
    delete box.dataset.key;
    return;
  }
  const rows = found.slice(0, 8);
  const key = JSON.stringify([q.name, rows.map((d) => [d.name, d.share.toFixed(3), Math.sign(d.correlation)])]);
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  let h = `<div class="why"><h3>What moves <code>${esc(q.name)}</code> <button type="button" class="close" data-why="" aria-label="close">×</button></h3><table>`;
  for (const d of rows) {
    const pct = Math.round(d.share * 100);
    const left = d.correlation < 0;
    h += `<tr><td class="name">${esc(d.name)}</td><td class="bar"><span class="half">${left ? `<i class="neg" data-w="${pct}"></i>` : ""}</span><span class="half">${left ? "" : `<i class="pos" data-w="${pct}"></i>`}</span></td><td class="num">${pct}% ${left ? "(falls as it rises)" : ""}</td></tr>`;
  }
  box.innerHTML = h + `</table></div>`;
  // Widths through the CSSOM: the Content-Security-Policy forbids style attributes.
  for (const i of box.querySelectorAll("i[data-w]")) i.style.width = `${i.dataset.w}%`;
}

function onReportInput(e) {
  const t = e.target;
  if (t.type === "range") {
    const lo = Math.log(+t.dataset.lo), hi = Math.log(+t.dataset.hi);
    const v = Math.exp(lo + ((hi - lo) * t.value) / 1000);
    const figure = Number(v.toPrecision(3));
    setAssumption(t.dataset.name, `${figure} ${t.dataset.unit}`.trim());
  }
}

function onReportClick(e) {
  const b = e.target.closest("button");
  if (!b) return;
  if (b.dataset.reset !== undefined) {
    if (b.dataset.reset) state.sets.delete(b.dataset.reset);
    else state.sets.clear();
    refresh();
  } else if (b.dataset.scenario !== undefined) {
    pickScenario(b.dataset.scenario);
  } else if (b.dataset.why !== undefined) {
    view.why = view.why === b.dataset.why ? "" : b.dataset.why;
    if (view.good) drawWhy(view.good.report);
    if (view.why) $("r-why").scrollIntoView({ block: "nearest" });
  }
}

function setAssumption(name, expr) {
  if (!expr) state.sets.delete(name);
  else state.sets.set(name, expr);
  schedule();
}

/** The assumptions as the file has them, for the sliders' ends. */
function rememberBase() {
  const out = JSON.parse(run(state.yaml, "[]", state.scenario, 0));
  state.base = new Map((out.report?.assumptions ?? []).map((q) => [q.name, q]));
}

// ---- notices: a line under the header, with its buttons
function notice(html, actions = {}) {
  const n = $("notice");
  n.innerHTML = html;
  n.hidden = !html;
  n.onclick = (e) => {
    const a = e.target.closest("button")?.dataset.act;
    if (a && actions[a]) actions[a]();
  };
}

function say(text) {
  $("status").textContent = text;
  setTimeout(() => { if ($("status").textContent === text) $("status").textContent = ""; }, 4000);
}

// ---- sharing: the file and the changes, deflated, in the fragment
async function pack(obj) {
  const bytes = new TextEncoder().encode(JSON.stringify(obj));
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = "";
  for (let i = 0; i < packed.length; i += 0x8000) bin += String.fromCharCode(...packed.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

class LinkError extends Error {}

/** A `v1` or `v2` fragment back to its object, inflating at most MAX_BYTES: a bomb stops there. */
async function unpack(text) {
  if (text.length > MAX_BYTES) throw new LinkError("the link is longer than bote reads");
  let bin;
  try {
    bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  } catch {
    throw new LinkError("the link is cut or changed: its data does not decode");
  }
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const chunks = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > MAX_BYTES) {
        reader.cancel().catch(() => {});
        throw new LinkError("the link unpacks to more than 16 MiB, more than bote reads");
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof LinkError) throw e;
    throw new LinkError("the link is cut or changed: its data does not unpack");
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { all.set(c, at); at += c.length; }
  let saved;
  try {
    saved = JSON.parse(new TextDecoder().decode(all));
  } catch {
    throw new LinkError("the link is cut or changed: its data is not bote's");
  }
  return checkSaved(saved, LinkError);
}

/** A saved page (link or draft) checked before any of it reaches the page. */
function checkSaved(saved, Err) {
  const ok = saved && typeof saved === "object" && typeof saved.y === "string" && Array.isArray(saved.s ?? []);
  if (!ok) throw new Err("the link holds no estimate");
  const sets = saved.s ?? [];
  if (sets.length > MAX_SETS) throw new Err(`the link changes ${sets.length.toLocaleString("en")} assumptions; bote reads at most ${MAX_SETS.toLocaleString("en")}`);
  for (const p of sets) {
    if (!Array.isArray(p) || p.length !== 2 || typeof p[0] !== "string" || typeof p[1] !== "string" || p[0].length > 200 || p[1].length > MAX_EXPR) {
      throw new Err("the link's changes are not bote's");
    }
  }
  if (saved.y.length > EDITOR_MAX) {
    throw new Err(`the link's file is ${(saved.y.length / 1048576).toFixed(1)} MB, more than the page's editor takes (${EDITOR_MAX / 1048576} MB); run it with bote in a terminal`);
  }
  const c = typeof saved.c === "string" && saved.c.length <= 200 ? saved.c : "";
  return { y: saved.y, s: sets, p: typeof saved.p === "string" ? saved.p : "", c };
}

async function share() {
  // v2 carries the scenario shown; without one the link stays v1, which
  // every page since December 2026 opens.
  const data = await pack(snapshot());
  const url = `${location.origin}${location.pathname}#v${state.scenario ? 2 : 1}=${data}`;
  history.replaceState(null, "", url);
  lastHash = location.hash;
  try {
    await navigator.clipboard.writeText(url);
    say("link copied");
  } catch {
    say("link in the address bar");
  }
  return url;
}

async function copyMarkdown() {
  const md = markdown(state.yaml, setsJson(), state.scenario);
  window.__markdown = md;
  try {
    await navigator.clipboard.writeText(md);
    say("Markdown copied");
  } catch {
    // Without clipboard permission: select it in a hidden field instead.
    const area = document.createElement("textarea");
    area.value = md;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    say(ok ? "Markdown copied" : "copy failed: select the report instead");
  }
}

// ---- the eval box
const calc = { session: null };
function evalLine(line) {
  if (!line.trim() || !calc.session) return;
  if (line.length > MAX_EXPR) {
    addAnswer(`<pre>error: the line is ${line.length.toLocaleString("en")} characters; the box takes ${MAX_EXPR.toLocaleString("en")}</pre>`);
    return;
  }
  const out = JSON.parse(calc.session.eval(line));
  if (out.error) addAnswer(`<pre>${esc(out.error)}</pre>`);
  else addAnswer(`${esc(line)} = <span class="ans">${esc(out.text)}</span>` + (out.warning ? `<pre class="warn">warning: ${esc(out.warning)}</pre>` : ""));
}

function addAnswer(html) {
  const li = document.createElement("li");
  li.innerHTML = html;
  $("evallog").prepend(li);
  while ($("evallog").children.length > 12) $("evallog").lastChild.remove();
}

// ---- the page's state: loaded, kept as a draft, undone
function snapshot() {
  const saved = { y: state.yaml, s: [...state.sets], p: state.preset };
  if (state.scenario) saved.c = state.scenario;
  return saved;
}

function edited() {
  if (!state.yaml) return false;
  const p = list.find((x) => x.name === state.preset);
  return state.sets.size > 0 || !!state.scenario || !p || p.text !== state.yaml;
}

function apply(saved) {
  state.yaml = saved.y;
  state.sets = new Map(saved.s);
  state.scenario = saved.c ?? "";
  const p = list.find((x) => x.name === saved.p);
  state.preset = p && p.text === saved.y ? p.name : "";
  $("source").value = state.yaml;
  $("preset").value = state.preset;
  syncEditor();
  refresh();
}

/** Replace the page's state, offering the old one back when it held edits. */
function replaceWith(saved, what) {
  const before = edited() ? snapshot() : null;
  apply(saved);
  if (before) {
    notice(`${esc(what)} replaced your edits. <button type="button" data-act="undo">Undo</button>`, {
      undo: () => { apply(before); notice(""); },
    });
  } else notice("");
}

let draftTimer = 0;
function saveDraftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    if (!edited()) return; // a preset as shipped is no draft; an older draft stays
    try {
      localStorage.setItem(DRAFT, JSON.stringify({ ...snapshot(), t: Date.now() }));
    } catch {
      // Storage full or off: the draft is not kept, and the page says nothing.
    }
  }, 300);
}

function offerDraft() {
  let draft;
  try {
    draft = JSON.parse(localStorage.getItem(DRAFT) ?? "null");
    if (!draft) return;
    draft = { ...checkSaved(draft, Error), t: draft.t };
  } catch {
    return;
  }
  const same = draft.y === state.yaml && JSON.stringify(draft.s) === JSON.stringify([...state.sets]) && draft.c === state.scenario;
  if (same) return;
  const when = new Date(draft.t || Date.now()).toLocaleString();
  const what = (draft.p ? `${draft.p}, ${draft.s.length} change${draft.s.length === 1 ? "" : "s"}` : "your own file") + (draft.c ? `, scenario ${draft.c}` : "");
  notice(`Your draft from ${esc(when)} (${esc(what)}) is kept in this browser.
    <button type="button" data-act="restore">Restore it</button> <button type="button" data-act="drop">Discard it</button>`, {
    restore: () => replaceWith(draft, "The draft"),
    drop: () => { localStorage.removeItem(DRAFT); notice(""); },
  });
}

let lastHash = "";
/** Open the link in the fragment; false when there is none. An unreadable link changes nothing on the page. */
async function openLink() {
  lastHash = location.hash;
  const t0 = performance.now();
  try {
    return await openLinkAt();
  } finally {
    (timings.links ??= []).push(performance.now() - t0);
  }
}

async function openLinkAt() {
  const m = location.hash.match(/^#v(\d+)=([A-Za-z0-9_-]*)$/);
  if (!m) return false;
  try {
    if (m[1] !== "1" && m[1] !== "2") throw new LinkError(`the link was made by a newer bote (format v${m[1]}); this page reads v1 and v2`);
    const saved = await unpack(m[2]);
    replaceWith(saved, "The link");
  } catch (e) {
    const why = e instanceof LinkError ? e.message : "the link did not read";
    if (!state.yaml) loadPreset("url-shortener");
    notice(`That link did not open: ${esc(why)}. <button type="button" data-act="ok">OK</button>`, { ok: () => notice("") });
    return true;
  }
  return true;
}

function loadPreset(name) {
  const p = list.find((x) => x.name === name) ?? list[0];
  replaceWith({ y: p.text, s: [], p: p.name, c: "" }, `The preset ${p.name}`);
}

async function main() {
  await init();
  list = JSON.parse(presets());
  for (const p of list) {
    const o = document.createElement("option");
    o.value = p.name;
    o.textContent = `${p.name}: ${p.title}`;
    $("preset").append(o);
  }
  const custom = document.createElement("option");
  custom.value = "";
  custom.textContent = "(your own)";
  $("preset").append(custom);
  calc.session = new Calc();

  const report = $("report");
  report.addEventListener("input", onReportInput);
  report.addEventListener("click", onReportClick);
  report.addEventListener("change", (e) => {
    const t = e.target;
    if (t.type === "text" && t.dataset.name) setAssumption(t.dataset.name, t.value.trim());
    else if (t.name === "scenario") pickScenario(t.value);
    else if (t.id === "sbs") drawSideBySide();
  });
  report.addEventListener("keydown", (e) => {
    // Enter sets the box at once and keeps the caret in it.
    if (e.key === "Enter" && e.target.type === "text" && e.target.dataset.name) {
      e.preventDefault();
      setAssumption(e.target.dataset.name, e.target.value.trim());
    }
  });
  $("errors").addEventListener("click", onReportClick);

  if (!(await openLink())) {
    loadPreset("url-shortener");
    offerDraft();
  }
  addEventListener("hashchange", () => { if (location.hash !== lastHash) openLink(); });

  $("preset").addEventListener("change", () => { if ($("preset").value) loadPreset($("preset").value); });
  $("source").addEventListener("input", () => {
    state.yaml = $("source").value;
    const p = list.find((x) => x.name === state.preset);
    if (!p || p.text !== state.yaml) {
      state.preset = "";
      if ($("preset").value !== "") $("preset").value = "";
    }
    const t0 = performance.now();
    syncEditor();
    (timings.editor ??= []).push(performance.now() - t0);
    if (timings.editor.length > 2000) timings.editor.splice(0, 1000);
    if (state.yaml.length > MAX_BYTES) {
      showErrors({ errors: `error: the file is ${(state.yaml.length / 1048576).toFixed(1)} MiB; bote reads files up to 16 MiB` });
      return;
    }
    schedule();
  });
  $("source").addEventListener("scroll", scrollEditor);
  // A paste of megabytes is refused before it reaches the editor: a textarea
  // laying out a million lines holds the tab for minutes.
  $("source").addEventListener("beforeinput", (e) => {
    const added = e.data ?? e.dataTransfer?.getData("text/plain") ?? "";
    const t = e.target;
    const size = t.value.length - (t.selectionEnd - t.selectionStart) + added.length;
    if (added.length > 1000 && size > EDITOR_MAX) {
      e.preventDefault();
      notice(`That text was not pasted: the file would be ${(size / 1048576).toFixed(1)} MB, more than the page's editor takes (${EDITOR_MAX / 1048576} MB); run it with bote in a terminal. <button type="button" data-act="ok">OK</button>`, { ok: () => notice("") });
    }
  });
  $("share").addEventListener("click", share);
  $("copy").addEventListener("click", copyMarkdown);
  $("evalinput").addEventListener("keydown", (e) => {
    if (e.key !== "Enter") return;
    e.preventDefault();
    evalLine($("evalinput").value);
    $("evalinput").select();
  });
  $("evalgo").addEventListener("click", () => evalLine($("evalinput").value));
  for (const el of document.querySelectorAll("[data-wait]")) el.disabled = false;
  document.body.dataset.ready = "yes";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
}

main().catch((e) => {
  $("r-empty").hidden = false;
  $("r-empty").textContent = `bote did not start in this browser: ${e.message ?? e}`;
});
