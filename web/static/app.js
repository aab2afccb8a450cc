// bote in the browser. The estimate runs in bote's own core, compiled to
// WebAssembly (pkg/, built by web/build.sh); this file draws what it
// returns: the summary first, the assumptions with an input (and a slider,
// for a range) each, one table per section, and the errors as the terminal
// shows them. The page's state (the file and the changed assumptions) goes
// into the link's fragment, compressed, to share.

import init, { presets, run, Calc } from "./pkg/bote_web.js";

const $ = (id) => document.getElementById(id);
const state = { yaml: "", sets: new Map(), preset: "", markdown: "" };
const timings = { ready: null, runs: [] };
window.__bote = timings;

/** Text as HTML. */
function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// ---- the editor's highlighting: keys, sections, comments, strings, numbers
function highlight(text) {
  const out = text.split("\n").map((line) => {
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
  });
  return out.join("\n") + "\n";
}

function syncEditor() {
  $("highlight").innerHTML = highlight($("source").value);
  const pre = $("highlight").parentElement;
  pre.scrollTop = $("source").scrollTop;
  pre.scrollLeft = $("source").scrollLeft;
}

// ---- running and drawing
let pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    refresh();
  });
}

function refresh() {
  const t0 = performance.now();
  const out = JSON.parse(run(state.yaml, JSON.stringify([...state.sets]), columns()));
  const t1 = performance.now();
  if (out.errors) {
    $("report").innerHTML = `<h2>The estimate does not run</h2><pre class="errors">${esc(out.errors)}</pre>`;
    state.markdown = "";
  } else {
    // The sliders' ends are the ranges as the file writes them.
    if (!state.base) {
      if (state.sets.size === 0) state.base = new Map(out.report.assumptions.map((q) => [q.name, q]));
      else rememberBase();
    }
    $("report").innerHTML = draw(out.report);
    state.markdown = out.markdown;
    wireInputs();
  }
  const t2 = performance.now();
  timings.runs.push({ evaluate: t1 - t0, draw: t2 - t1, total: t2 - t0 });
  if (timings.ready === null) timings.ready = performance.now();
}

/** How many characters of the error pane's monospace fit across the report. */
let charWidth = 0;
function columns() {
  if (!charWidth) charWidth = measureChar();
  return Math.max(20, Math.floor(($("report").clientWidth - 32) / charWidth));
}

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

function rangeText(q) {
  return q.range ? esc(q.range.text) : "";
}

function draw(r) {
  let h = `<div class="report"><h2 class="title">${esc(r.title)}</h2>`;
  if (r.about) h += `<p class="about">${esc(r.about)}</p>`;
  // The answer first.
  h += `<div class="summary" id="summary"><dl>`;
  for (const f of r.summary.figures) {
    h += `<dt>${esc(f.name)}</dt><dd data-name="${esc(f.name)}">${esc(f.text)}`;
    if (f.range) h += ` <span class="range">(90% range ${esc(f.range)})</span>`;
    h += `</dd>`;
  }
  h += `</dl>`;
  if (r.summary.check) {
    const fail = r.summary.check.startsWith("✗");
    h += `<p class="check${fail ? " fail" : ""}">${esc(r.summary.check)}</p>`;
  }
  for (const w of r.summary.warnings ?? []) h += `<p class="warn">warning: ${esc(w)}</p>`;
  h += `</div>`;
  // The assumptions, each with its input.
  h += `<h2>Assumptions</h2><div class="tablewrap"><table id="assumptions"><thead><tr><th>name</th><th>value</th><th>set</th><th class="note">note</th></tr></thead><tbody>`;
  for (const q of r.assumptions) {
    const changed = state.sets.has(q.name);
    const expr = changed ? state.sets.get(q.name) : q.expr;
    let slider = "";
    if (q.range || changed) {
      const base = state.base?.get(q.name) ?? q;
      if (base.range) {
        const lo = Math.log(base.range.p5), hi = Math.log(base.range.p95);
        const v = Math.log(Math.min(Math.max(q.value, base.range.p5), base.range.p95));
        slider = `<input type="range" min="0" max="1000" value="${Math.round(((v - lo) / (hi - lo || 1)) * 1000)}"
          data-name="${esc(q.name)}" data-lo="${base.range.p5}" data-hi="${base.range.p95}" data-unit="${esc(q.unit)}"
          aria-label="${esc(q.name)} within its 90% range">`;
      }
    }
    h += `<tr class="${changed ? "changed" : ""}" data-name="${esc(q.name)}"><td class="name">${esc(q.name)}</td>
      <td class="num">${esc(q.text)}${q.range ? `<br><small>${rangeText(q)}</small>` : ""}</td>
      <td><div class="set"><input type="text" value="${esc(expr)}" data-name="${esc(q.name)}" aria-label="set ${esc(q.name)}">${slider}
      ${changed ? `<button class="reset" data-name="${esc(q.name)}" type="button">reset</button>` : ""}</div></td>
      <td class="note">${esc(q.note)}</td></tr>`;
  }
  h += `</tbody></table></div>`;
  for (const s of r.sections) {
    const ranged = s.quantities.some((q) => q.range);
    const published = s.quantities.some((q) => q.expect);
    h += `<h2>${esc(s.name)}</h2><div class="tablewrap"><table data-section="${esc(s.name)}"><thead><tr><th>name</th><th>value</th>`;
    if (ranged) h += `<th>90% range</th>`;
    if (published) h += `<th>published</th>`;
    h += `<th class="expr">expression</th><th class="note">note</th></tr></thead><tbody>`;
    for (const q of s.quantities) {
      h += `<tr data-name="${esc(q.name)}"><td class="name">${esc(q.name)}</td><td class="num value">${esc(q.text)}</td>`;
      if (ranged) h += `<td class="num">${rangeText(q)}</td>`;
      if (published) {
        const e = q.expect;
        h += e ? `<td class="num ${e.ok ? "ok" : "fail"}">${esc(e.text)} ${e.ok ? "✓" : "✗"}</td>` : `<td></td>`;
      }
      const note = [q.verdict, q.note].filter(Boolean).join("; ");
      h += `<td class="expr">${esc(q.expr)}</td><td class="note">${esc(note)}</td></tr>`;
    }
    h += `</tbody></table></div>`;
  }
  if (r.cost) h += `<p class="total">Cost: ${esc(r.cost.total.text)}</p>`;
  if (r.references?.length) {
    h += `<h2>References and prices used</h2><ul class="refs">`;
    for (const e of r.references) h += `<li><code>${esc(e.name)}</code> = ${esc(e.text)}: ${esc(e.what)} <small>(${esc(e.source)}; ${esc(e.date)})</small></li>`;
    h += `</ul>`;
  }
  return h + `</div>`;
}

function wireInputs() {
  for (const input of document.querySelectorAll('#assumptions input[type=text]')) {
    input.addEventListener("change", () => setAssumption(input.dataset.name, input.value.trim()));
  }
  for (const slider of document.querySelectorAll('#assumptions input[type=range]')) {
    slider.addEventListener("input", () => {
      const lo = Math.log(+slider.dataset.lo), hi = Math.log(+slider.dataset.hi);
      const v = Math.exp(lo + ((hi - lo) * slider.value) / 1000);
      const figure = Number(v.toPrecision(3));
      setAssumption(slider.dataset.name, `${figure} ${slider.dataset.unit}`.trim());
    });
  }
  for (const button of document.querySelectorAll("#assumptions .reset")) {
    button.addEventListener("click", () => {
      state.sets.delete(button.dataset.name);
      refresh();
    });
  }
}

function setAssumption(name, expr) {
  if (!expr) state.sets.delete(name);
  else state.sets.set(name, expr);
  refresh();
}

/** The assumptions as the file has them, for the sliders' ends. */
function rememberBase() {
  const out = JSON.parse(run(state.yaml, "[]", 0));
  state.base = new Map((out.report?.assumptions ?? []).map((q) => [q.name, q]));
}

// ---- sharing: the file and the changes, deflated, in the fragment
async function pack(obj) {
  const bytes = new TextEncoder().encode(JSON.stringify(obj));
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  const packed = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = "";
  for (const b of packed) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function unpack(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return JSON.parse(await new Response(stream).text());
}

function say(text) {
  $("status").textContent = text;
  setTimeout(() => { if ($("status").textContent === text) $("status").textContent = ""; }, 4000);
}

async function share() {
  const data = await pack({ y: state.yaml, s: [...state.sets], p: state.preset });
  const url = `${location.origin}${location.pathname}#v1=${data}`;
  history.replaceState(null, "", url);
  try {
    await navigator.clipboard.writeText(url);
    say("link copied");
  } catch {
    say("link in the address bar");
  }
  return url;
}

async function copyMarkdown() {
  window.__markdown = state.markdown;
  try {
    await navigator.clipboard.writeText(state.markdown);
    say("Markdown copied");
  } catch {
    // Without clipboard permission: select it in a hidden field instead.
    const area = document.createElement("textarea");
    area.value = state.markdown;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    say(ok ? "Markdown copied" : "copy failed: select the report instead");
  }
}

// ---- the eval box
const calc = { session: null, log: [] };
function evalLine(line) {
  if (!line.trim()) return;
  const out = JSON.parse(calc.session.eval(line));
  const li = document.createElement("li");
  if (out.error) {
    li.innerHTML = `<pre>${esc(out.error)}</pre>`;
  } else {
    li.innerHTML = `${esc(line)} = <span class="ans">${esc(out.text)}</span>` +
      (out.warning ? `<pre class="warn">warning: ${esc(out.warning)}</pre>` : "");
  }
  $("evallog").prepend(li);
  while ($("evallog").children.length > 12) $("evallog").lastChild.remove();
}

// ---- start
function loadPreset(name, list) {
  const p = list.find((x) => x.name === name) ?? list[0];
  state.preset = p.name;
  state.yaml = p.text;
  state.sets = new Map();
  $("source").value = state.yaml;
  $("preset").value = p.name;
  syncEditor();
  state.base = null;
  refresh();
}

async function main() {
  await init();
  const list = JSON.parse(presets());
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

  const hash = location.hash.match(/^#v1=([A-Za-z0-9_-]+)/);
  if (hash) {
    try {
      const saved = await unpack(hash[1]);
      state.yaml = saved.y;
      state.sets = new Map(saved.s);
      state.preset = saved.p && saved.y === list.find((x) => x.name === saved.p)?.text ? saved.p : "";
      $("source").value = state.yaml;
      $("preset").value = state.preset;
      syncEditor();
      state.base = null;
      refresh();
    } catch {
      say("that link did not read; here is a preset");
      loadPreset("url-shortener", list);
    }
  } else {
    loadPreset("url-shortener", list);
  }

  $("preset").addEventListener("change", () => { if ($("preset").value) loadPreset($("preset").value, list); });
  $("source").addEventListener("input", () => {
    state.yaml = $("source").value;
    state.preset = "";
    $("preset").value = "";
    syncEditor();
    state.base = null;
    schedule();
  });
  $("source").addEventListener("scroll", syncEditor);
  $("share").addEventListener("click", share);
  $("copy").addEventListener("click", copyMarkdown);
  $("evalform").addEventListener("submit", (e) => {
    e.preventDefault();
    evalLine($("evalinput").value);
    $("evalinput").select();
  });
  document.body.dataset.ready = "yes";
  if ("serviceWorker" in navigator) navigator.serviceWorker.register("sw.js").catch(() => {});
}

main();
