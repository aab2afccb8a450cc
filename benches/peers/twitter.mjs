// The Twitter timeline estimate with every assumption a range (the preset's
// figure times 0.5 to 2, a 90% interval), in Squiggle, run by node with
// @quri/squiggle-lang; every quantity's 5th, 50th and 95th percentile is
// asked for. Base units are seconds and bytes; Squiggle has no units.
//
// Usage: node twitter.mjs SAMPLES  (prints the in-process time on stderr)
import { run } from "@quri/squiggle-lang";

const n = Number(process.argv[2]);
const preset = {
  dau: 500e6, reads_per_user: 5 / 86400, posts_per_user: 0.2 / 86400,
  peak_reads: 200e3, peak_posts: 10e3, avg_follows: 200, post_size: 1000,
  retention: 5 * 365 * 86400, timeline_length: 1000, timeline_entry: 200,
  edge_size: 30, feed_latency: 0.2, fanout_outage: 60,
};
const inputs = Object.entries(preset)
  .map(([k, v]) => `${k} = SampleSet.fromDist(${v * 0.5} to ${v * 2})`)
  .join("\n");
const derived = `
feed_reads_per_day = dau * reads_per_user * 86400
read_qps = dau * reads_per_user
read_peak_factor = peak_reads / read_qps
posts_per_day = dau * posts_per_user * 86400
post_qps = dau * posts_per_user
fanout_writes = post_qps * avg_follows
peak_fanout_writes = peak_posts * avg_follows
posts_storage = dau * posts_per_user * retention * post_size
timeline_cache = dau * timeline_length * timeline_entry
follow_edges = dau * avg_follows
follow_graph = follow_edges * edge_size
timeline_read_bandwidth = peak_reads * timeline_length * timeline_entry
post_write_bandwidth = peak_posts * post_size
feed_reads_in_flight = peak_reads * feed_latency
fanout_backlog = peak_fanout_writes * fanout_outage * timeline_entry
`;
const names = [...Object.keys(preset), ...derived.trim().split("\n").map((l) => l.split(" = ")[0])];
const summary = names
  .map((k) => `${k}: [quantile(${k}, 0.05), quantile(${k}, 0.5), quantile(${k}, 0.95)]`)
  .join(", ");
const code = `${inputs}\n${derived}\nresult = {${summary}}\nresult`;
const t0 = performance.now();
const out = await run(code, {
  environment: { sampleCount: n, xyPointLength: 1000, seed: "1" },
});
const t1 = performance.now();
if (!out.result.ok) {
  console.error(out.result.value.toString());
  process.exit(1);
}
const result = out.result.value.result.toString();
console.log(result.slice(0, 80));
console.error(`in-process ${(t1 - t0).toFixed(2)} ms`);
