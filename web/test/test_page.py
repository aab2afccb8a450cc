"""The playground in a real browser: Debian's chromium, headless, driven by
chromedriver through Selenium. Serves web/dist/ on 127.0.0.1, then checks a
preset's figure, an error's message and caret, that a slider moves a figure
that depends on it, that a share link opens the same view in a fresh page,
and that the page works offline once loaded. Records the timings and takes
screenshots at desktop and phone widths.

    python3 web/test/test_page.py [OUT_DIR]      # after web/build.sh

Prints the timings as JSON and exits non-zero on the first failure.
"""
import functools, http.server, json, os, socketserver, statistics, sys, threading, time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIST = os.path.join(ROOT, "dist")
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "browser")
os.makedirs(OUT, exist_ok=True)


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm", ".js": "text/javascript"}

    def log_message(self, *args):
        pass


def serve():
    handler = functools.partial(Quiet, directory=DIST)
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(width, height):
    opts = Options()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                f"--window-size={width},{height}", "--force-device-scale-factor=1"]:
        opts.add_argument(arg)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)


def ready(driver):
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.body.dataset.ready === 'yes'"))


def figure(driver, name):
    """The value cell of quantity `name` in the report's tables."""
    return driver.execute_script(
        "const r = document.querySelector(`#report tr[data-name='${arguments[0]}'] td.value`); return r && r.textContent;",
        name)


def summary(driver):
    return driver.find_element(By.ID, "summary").text


def check(cond, what):
    if not cond:
        raise SystemExit(f"FAIL: {what}")
    print(f"ok    {what}")


server = serve()
url = f"http://127.0.0.1:{server.server_address[1]}/"
d = browser(1280, 900)
timings = {}
try:
    # A cold load: the page, the wasm, the first report.
    t0 = time.time()
    d.get(url)
    ready(d)
    timings["interactive_ms"] = d.execute_script("return window.__bote.ready")
    timings["load_wall_ms"] = (time.time() - t0) * 1000
    check("URL shortener" in d.find_element(By.ID, "report").text, "a preset runs on load")
    check("total_storage" in summary(d) and "3 TB" in summary(d), "the summary comes first with the storage, 3 TB")
    check(figure(d, "write_qps") == "38.05 urls/s", f"write_qps is 38.05 urls/s ({figure(d, 'write_qps')})")
    d.save_screenshot(os.path.join(OUT, "desktop.png"))

    # A preset re-evaluated and redrawn, ranges included: time many runs.
    d.execute_script("window.__bote.runs = []")
    slider = "#assumptions input[type=range][data-name='read_ratio']"
    for i in range(40):
        d.execute_script(
            "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('input'));",
            slider, str(100 + i * 20))
    runs = d.execute_script("return window.__bote.runs")
    totals = sorted(r["total"] for r in runs)
    timings["rerun_median_ms"] = statistics.median(totals)
    timings["rerun_p90_ms"] = totals[int(len(totals) * 0.9)]
    timings["evaluate_median_ms"] = statistics.median(r["evaluate"] for r in runs)
    timings["draw_median_ms"] = statistics.median(r["draw"] for r in runs)
    check(len(runs) == 40, "each slider move re-ran the estimate")

    # The slider moves what depends on it.
    before = figure(d, "read_qps")
    d.execute_script(
        "const s = document.querySelector(arguments[0]); s.value = '1000'; s.dispatchEvent(new Event('input'));", slider)
    after = figure(d, "read_qps")
    check(before != after and after.startswith("38,0"), f"read_ratio at its top moves read_qps ({before} -> {after})")
    check("changed" in d.find_element(By.CSS_SELECTOR, "#assumptions tr[data-name='read_ratio']").get_attribute("class"),
          "the changed assumption is marked")
    changed_summary = summary(d)

    # Share: a fresh page from the link shows the same figures.
    d.find_element(By.ID, "share").click()
    WebDriverWait(d, 5).until(lambda d: "#v1=" in d.current_url)
    link = d.current_url
    fresh = browser(1280, 900)
    try:
        fresh.get(link)
        ready(fresh)
        check(summary(fresh) == changed_summary, "a share link opens the same figures in a fresh page")
        check(figure(fresh, "read_qps") == after, "with the changed assumption")
    finally:
        fresh.quit()

    # An error: the same message and caret as the terminal.
    d.execute_script(
        "const t = document.getElementById('source'); t.value = t.value.replace('value: 500 bytes/url', 'value: 500 gigabites/url');"
        "t.dispatchEvent(new Event('input'));")
    WebDriverWait(d, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "pre.errors"))
    err = d.find_element(By.CSS_SELECTOR, "pre.errors").text
    check("error: unknown unit `gigabites`" in err and "^^^^^^^^^" in err and "did you mean" in err,
          "a typo shows the terminal's message, caret and did-you-mean")

    # The eval box.
    box = d.find_element(By.ID, "evalinput")
    box.send_keys("50,000 drivers every 4 seconds\n")
    WebDriverWait(d, 5).until(lambda d: "12,500 drivers/s" in d.find_element(By.ID, "evallog").text)
    check(True, "the eval box answers 50,000 drivers every 4 seconds with 12,500 drivers/s")

    # Markdown for notes.
    d.find_element(By.ID, "preset").send_keys("littles")
    WebDriverWait(d, 5).until(lambda d: "Little" in d.find_element(By.ID, "report").text)
    d.find_element(By.ID, "copy").click()
    md = d.execute_script("return window.__markdown")
    check(md.startswith("## Little's law capacity planning"), "Copy Markdown gives the report as Markdown")

    # Offline once loaded: the service worker serves the page with the server gone.
    d.get(url)
    ready(d)
    WebDriverWait(d, 10).until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller") or d.refresh() or False)
    server.shutdown()
    server.server_close()
    d.get(url)
    ready(d)
    check("URL shortener" in d.find_element(By.ID, "report").text, "the page works offline once loaded")

    # A phone's width (emulated: a desktop window is never that narrow).
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    d.get(url)
    ready(d)
    width = d.execute_script("return document.documentElement.scrollWidth")
    check(width <= 390, f"nothing is wider than a phone's screen ({width}px)")
    d.save_screenshot(os.path.join(OUT, "phone.png"))
finally:
    d.quit()

wasm = os.path.join(DIST, "pkg", "bote_web_bg.wasm")
import gzip
with open(wasm, "rb") as f:
    timings["wasm_gzip_bytes"] = len(gzip.compress(f.read(), 9))
check(timings["wasm_gzip_bytes"] < 1_000_000, f"the compressed wasm is under 1 MB ({timings['wasm_gzip_bytes']} bytes)")
check(timings["rerun_median_ms"] < 16, f"a preset re-runs and redraws within a frame (median {timings['rerun_median_ms']:.1f} ms)")
check(timings["interactive_ms"] < 1000, f"interactive within 1 s of a cold load ({timings['interactive_ms']:.0f} ms)")
print(json.dumps(timings, indent=2))
with open(os.path.join(OUT, "timings.json"), "w") as f:
    json.dump(timings, f, indent=2)
