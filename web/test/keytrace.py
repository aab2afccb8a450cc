"""Where a keystroke's time goes (issue 39), with the page test's own probe.

    python3 web/test/keytrace.py [--keys N] [DIST]         # trace N keystrokes (30) in headless Chromium; per key and median:
                                                          # the key's task, the input handler, the layout after it, the frame
    python3 web/test/keytrace.py --compare DIST DIST ...  # no trace: alternate batches over builds, in one browser at one load,
                                                          # beside "floor", a page of one textarea and one figure
                                                          # (--batches B, 12, and --keys K, 20, a batch)

The probe is `PROBE` of web/test/test_page.py, read from that file, and the
keys are sent as its `measure_keys` sends them ("1" and Backspace in turn
after `value: 500`), so the figures are the test's. The trace is Chromium's
own (--trace-startup, JSON), read here for the page's renderer main thread:

  task      keydown dispatched to the end of the task that handled the key
            (keydown, keypress, beforeinput, input and the edit are one task)
  input     the page's input handler (run in wasm, JSON.parse, paint, the editor)
  layout    layout after the handler, inside the task: Blink lays out the
            document to place the caret, so the report's and the editor's
            changes are laid out there, not in the frame
  gap       end of that task to the start of the frame's main-thread work
            (BeginMainFrame): near 0 when the frame was already due
  frame     BeginMainFrame: rAF callbacks, pre-paint, paint, commit
  probe     what the test's probe measured for the key

Needs what test_page.py needs (chromium, chromedriver, selenium) and a built
web/dist (web/build.sh). Scratch files go to a temporary directory.
"""
import ast, bisect, collections, functools, http.server, json, os, socketserver, statistics, sys, tempfile, threading, time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

HERE = os.path.dirname(os.path.abspath(__file__))
WEB = os.path.dirname(HERE)


def test_probe():
    """PROBE as test_page.py defines it, without running that file."""
    tree = ast.parse(open(os.path.join(HERE, "test_page.py")).read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "PROBE" for t in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit("no PROBE in test_page.py")


PROBE = test_probe()

# The floor: the least a page can do for a key (its textarea as long as the
# preset's, one figure changed per key), under the same probe and browser.
FLOOR = """<!doctype html><html><head><meta charset="utf-8"></head><body>
<textarea id="source" rows="20" cols="60" spellcheck="false">%s</textarea>
<div id="report"><span id="v">0</span></div>
<script>
const s = document.getElementById('source'), v = document.getElementById('v');
s.addEventListener('input', () => { v.textContent = s.value.length; });
document.body.dataset.ready = 'yes';
</script></body></html>""" % "\n".join(f"  key{i}: {{ value: 500, unit: things }}" for i in range(45))


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".svg": "image/svg+xml"}

    def log_message(self, *args):
        pass


def serve(root):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=root))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/"


def browser(extra=()):
    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,768", "--force-device-scale-factor=1", *extra]:
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def keys(d, url, n):
    """test_page.py's measure_keys on a fresh load of `url`: the probe's figure per key."""
    d.get(url)
    WebDriverWait(d, 30).until(lambda d: d.execute_script("return document.body.dataset.ready === 'yes'"))
    d.execute_script("localStorage.clear()")
    time.sleep(0.3)
    d.execute_script(PROBE)
    d.execute_script("window.__m.keys = []")
    el = d.find_element(By.ID, "source")
    el.click()
    d.execute_script("const t = document.getElementById('source'); const i = t.value.indexOf('value: 500') + 10; t.setSelectionRange(i, i);")
    for i in range(n):
        ActionChains(d).send_keys("1" if i % 2 == 0 else Keys.BACKSPACE).perform()
        WebDriverWait(d, 5).until(lambda d: d.execute_script("return window.__m.keys.length") > i)
    return d.execute_script("return window.__m.keys")


def stats(xs):
    xs = sorted(xs)
    return {"n": len(xs), "median": round(statistics.median(xs), 1), "p95": round(xs[max(0, int(len(xs) * 0.95) - 1)], 1),
            "min": round(xs[0], 1)}


def load():
    return float(open("/proc/loadavg").read().split()[0])


def compare(dists, batches=12, per=20):
    root = tempfile.mkdtemp(prefix="keytrace-")
    names = []
    for i, dist in enumerate(dists):
        name = f"{i}-{os.path.basename(os.path.normpath(dist))}"
        os.symlink(os.path.abspath(dist), os.path.join(root, name))
        names.append((name, dist))
    os.makedirs(os.path.join(root, "floor"))
    open(os.path.join(root, "floor", "index.html"), "w").write(FLOOR)
    names.append(("floor", "one textarea, one figure"))
    base = serve(root)
    d = browser()
    got = collections.defaultdict(list)
    loads = []
    try:
        for b in range(batches):
            name = names[b % len(names)][0]
            got[name] += keys(d, base + name + "/", per)
            loads.append(load())
    finally:
        d.quit()
    print(f"alternate batches of {per} keys, {batches} batches, load average {min(loads)} to {max(loads)}")
    for name, what in names:
        print(f"  {what:40s} {stats(got[name])}")


def trace(dist, n):
    out = tempfile.mkdtemp(prefix="keytrace-")
    path = os.path.join(out, "trace.json")
    duration = 25
    cats = ("devtools.timeline,disabled-by-default-devtools.timeline,disabled-by-default-devtools.timeline.frame,"
            "cc,viz,input,benchmark,toplevel")
    base = serve(os.path.abspath(dist))
    d = browser([f"--trace-startup={cats}", f"--trace-startup-file={path}", f"--trace-startup-duration={duration}",
                 "--trace-startup-format=json"])
    t0 = time.time()
    try:
        probe = keys(d, base, n)
        at = load()
        # The trace is written when its duration ends, by a browser still open.
        while not os.path.exists(path) and time.time() - t0 < duration + 90:
            time.sleep(1)
    finally:
        d.quit()
    rows = breakdown(json.load(open(path))["traceEvents"])
    print(f"{len(rows)} keys traced (load average {at}); ms from the keydown's dispatch; trace in {path}")
    cols = ("task", "input", "layout", "gap", "frame", "prepaint", "paint", "commit", "done", "probe")
    print("  key " + " ".join(f"{c:>8s}" for c in cols))
    for i, r in enumerate(rows):
        r["probe"] = probe[i] if i < len(probe) else float("nan")
        print(f"  {('1' if r['char'] else 'BS'):>3s} " + " ".join(f"{r.get(c, float('nan')):8.1f}" for c in cols))
    print("  med " + " ".join(f"{statistics.median([r[c] for r in rows if c in r]):8.1f}" for c in cols))


def breakdown(ev):
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in ev if e.get("ph") == "M" and e["name"] == "thread_name"}
    mains = collections.Counter(e["pid"] for e in ev if names.get((e.get("pid"), e.get("tid"))) == "CrRendererMain")
    page = None
    for pid, _ in mains.most_common():
        if any(e["pid"] == pid and e["name"] == "EventDispatch" and e["args"].get("data", {}).get("type") == "keydown" for e in ev):
            page = pid
            break
    main = sorted((e for e in ev if e.get("pid") == page and names.get((page, e.get("tid"))) == "CrRendererMain"
                   and e.get("ph") == "X"), key=lambda e: e["ts"])
    starts = [e["ts"] for e in main]

    def within(t0, t1, name):
        return [e for e in main[bisect.bisect_left(starts, t0):bisect.bisect_right(starts, t1)] if e["name"] == name]

    def dispatch(e):
        return e["args"].get("data", {}).get("type") if e["name"] == "EventDispatch" else None

    downs = [e for e in main if dispatch(e) == "keydown"]
    rows = []
    for i, k in enumerate(downs):
        t0 = k["ts"]
        t1 = downs[i + 1]["ts"] if i + 1 < len(downs) else t0 + 500_000
        press = [e for e in within(t0, t0 + 5000, "EventDispatch") if dispatch(e) == "keypress"]
        task = press[0] if press else k
        end = task["ts"] + task["dur"]
        inp = [e for e in within(t0, end, "EventDispatch") if dispatch(e) == "input"]
        after = inp[0]["ts"] + inp[0]["dur"] if inp else t0
        r = {"char": bool(press), "task": (end - t0) / 1000, "input": inp[0]["dur"] / 1000 if inp else 0.0,
             "layout": sum(e["dur"] for e in within(after, end, "Layout")) / 1000}
        # The first frame after the task is the one that renders the change.
        frames = within(end, t1, "ProxyMain::BeginMainFrame")
        if frames:
            f = max((e for e in frames if e["ts"] == frames[0]["ts"]), key=lambda e: e["dur"])
            f_end = f["ts"] + f["dur"]
            r.update(gap=(f["ts"] - end) / 1000, frame=f["dur"] / 1000, done=(f_end - t0) / 1000,
                     prepaint=sum(e["dur"] for e in within(f["ts"], f_end, "PrePaint")) / 1000,
                     paint=sum(e["dur"] for e in within(f["ts"], f_end, "Paint")) / 1000,
                     commit=sum(e["dur"] for e in within(f["ts"], f_end, "Commit")) / 1000)
        rows.append(r)
    return rows


if __name__ == "__main__":
    argv = sys.argv[1:]
    opt = {"--keys": None, "--batches": 12}
    for k in opt:
        if k in argv:
            i = argv.index(k)
            opt[k] = int(argv[i + 1])
            del argv[i:i + 2]
    if argv and argv[0] == "--compare":
        compare(argv[1:] or [os.path.join(WEB, "dist")], opt["--batches"], opt["--keys"] or 20)
    else:
        trace(argv[0] if argv else os.path.join(WEB, "dist"), opt["--keys"] or 30)
