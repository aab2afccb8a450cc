"""The Twitter timeline estimate with every assumption a range (each the
preset's figure times 0.5 to 2, a 90% interval), in squigglepy: each input
sampled once, the derived quantities computed on the samples with numpy,
then the 5th, 50th and 95th percentiles of every quantity. Base units are
seconds and bytes; squigglepy has no units.

Usage: twitter.py SAMPLES  (prints the in-process time on stderr)
"""
import sys
import time

t0 = time.perf_counter()
import numpy as np
import squigglepy as sq

n = int(sys.argv[1])
sq.set_seed(1)
DAY, YEAR = 86_400.0, 365 * 86_400.0
preset = {
    "dau": 500e6, "reads_per_user": 5 / DAY, "posts_per_user": 0.2 / DAY,
    "peak_reads": 200e3, "peak_posts": 10e3, "avg_follows": 200.0,
    "post_size": 1000.0, "retention": 5 * YEAR, "timeline_length": 1000.0,
    "timeline_entry": 200.0, "edge_size": 30.0, "feed_latency": 0.2,
    "fanout_outage": 60.0,
}
t1 = time.perf_counter()
a = {k: sq.sample(sq.lognorm(v * 0.5, v * 2), n=n) for k, v in preset.items()}
q = dict(a)
q["feed_reads_per_day"] = a["dau"] * a["reads_per_user"] * DAY
q["read_qps"] = a["dau"] * a["reads_per_user"]
q["read_peak_factor"] = a["peak_reads"] / q["read_qps"]
q["posts_per_day"] = a["dau"] * a["posts_per_user"] * DAY
q["post_qps"] = a["dau"] * a["posts_per_user"]
q["fanout_writes"] = q["post_qps"] * a["avg_follows"]
q["peak_fanout_writes"] = a["peak_posts"] * a["avg_follows"]
q["posts_storage"] = a["dau"] * a["posts_per_user"] * a["retention"] * a["post_size"]
q["timeline_cache"] = a["dau"] * a["timeline_length"] * a["timeline_entry"]
q["follow_edges"] = a["dau"] * a["avg_follows"]
q["follow_graph"] = q["follow_edges"] * a["edge_size"]
q["timeline_read_bandwidth"] = a["peak_reads"] * a["timeline_length"] * a["timeline_entry"]
q["post_write_bandwidth"] = a["peak_posts"] * a["post_size"]
q["feed_reads_in_flight"] = a["peak_reads"] * a["feed_latency"]
q["fanout_backlog"] = q["peak_fanout_writes"] * a["fanout_outage"] * a["timeline_entry"]
out = {k: np.percentile(v, [5, 50, 95]) for k, v in q.items()}
t2 = time.perf_counter()
print(f"{out['posts_storage'][1] / 1e12:.3g} TB posts storage (median)")
print(f"in-process {1000 * (t2 - t1):.2f} ms sampling, {1000 * (t1 - t0):.1f} ms import", file=sys.stderr)
