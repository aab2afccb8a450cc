//! Reference numbers, prices, capacity verdicts and cost: end to end
//! through `bote run`, `check`, `refs` and `prices`. The rules of a verdict
//! (rounding, spares, zones, the binding resource) are unit tests in
//! `src/estimate/capacity.rs`; the errors are case files under
//! `tests/cases/errors/` (`ref-*`, `price-*`, `cost-*`, `capacity-*`, `sheet-*`).

use crate::common::{bote, folder};
use serde_json::Value;

fn run_json(yaml: &str) -> Value {
    let out = bote(&["run", "-", "--format", "json"], yaml);
    assert_eq!(out.status, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn quantity<'a>(json: &'a Value, name: &str) -> &'a Value {
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["quantities"].as_array().unwrap())
        .find(|q| q["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

/// 3 TB in S3 Standard at $0.023 per GB-month is $69 a month: a price is a
/// quantity, dimensions checked, and a month is the calendar's.
#[test]
fn a_price_end_to_end() {
    let json = run_json(
        "title: t\nassumptions:\n  stored: { value: 3 TB }\ncost:\n  bill: { expr: stored * price.s3_standard }\n",
    );
    let bill = quantity(&json, "bill");
    assert_eq!(bill["text"], "$69/month");
    assert_eq!(bill["dimension"], "money rate");
    let refs = json["references"].as_array().unwrap();
    assert_eq!(refs[0]["name"], "price.s3_standard");
    assert_eq!(refs[0]["date"], "2026-04-09");
    assert_eq!(refs[0]["from"], "built-in");
    // An hour's price over the calendar's month: 730 hours at $0.0816.
    let out = bote(&["eval", "price.general_box -> $/month"], "");
    assert_eq!(out.stdout, "$59.57/month\n", "{}", out.stderr);
}

/// An estimate's own entries replace the built-in ones, and say so.
#[test]
fn overrides_of_references_and_prices() {
    let yaml = "title: t\nreferences:\n  nic_25g: { value: 20 Gbit/s, source: our measurement, date: 2026-11 }\n\
                prices:\n  s3_standard: { value: $0.02 / GB / month, source: our contract, date: 2026-10 }\n\
                assumptions:\n  stored: { value: 1000 GB }\nqps:\n  send: { expr: stored / ref.nic_25g, unit: s }\n\
                cost:\n  bill: { expr: stored * price.s3_standard }\n";
    let json = run_json(yaml);
    assert_eq!(quantity(&json, "send")["text"], "400 s");
    assert_eq!(quantity(&json, "bill")["text"], "$20/month");
    let table = bote(&["run", "-"], yaml).stdout;
    assert!(table.contains("References used\n  ref.nic_25g = 20 Gbit/s (our measurement; 2026-11) [from this estimate]"), "{table}");
    assert!(
        table.contains("Prices: AWS us-east-1 list prices, read 2026-06-17"),
        "{table}"
    );
}

/// `bote check` warns of a price read more than a year ago, and of no other.
#[test]
fn a_stale_price_is_warned_of() {
    let with = |date: &str| {
        format!(
            "title: t\nprices:\n  egress: {{ value: $0.12 / GB, source: an old invoice, date: {date} }}\n\
             assumptions:\n  sent: {{ value: 10 TB / month }}\ncost:\n  bill: {{ expr: sent * price.egress }}\n"
        )
    };
    let dir = folder("stale");
    let (old, new) = (dir.join("old.yaml"), dir.join("new.yaml"));
    std::fs::write(&old, with("2021-05")).unwrap();
    let today = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    // A date inside the year: 1970 + days, as YYYY is enough.
    let year = 1970 + today / 365;
    std::fs::write(
        &new,
        with(&(year - 1).to_string())
            .replace(&format!("date: {} ", year - 1), &format!("date: {year} ")),
    )
    .unwrap();
    let out = bote(&["check", old.to_str().unwrap()], "");
    assert_eq!(out.status, 0);
    assert!(
        out.stderr.contains("warning:") && out.stderr.contains("`price.egress` was read 2021-05"),
        "{}",
        out.stderr
    );
    let out = bote(&["check", new.to_str().unwrap()], "");
    assert!(!out.stderr.contains("warning"), "{}", out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verdicts_read_at_a_glance() {
    let json = run_json(
        "title: t\nassumptions:\n  cache: { value: 100 TB }\n  reads: { value: 40 GB/s }\n  small: { value: 100 GB }\n\
         capacity:\n  nodes: { load: { memory: cache, network: reads }, per_box: { memory: 256 GB, network: ref.nic_25g }, spares: 2 }\n\
         \x20 one: { load: small, per_box: 256 GB }\n\
         cost:\n  boxes: { expr: nodes * price.general_box }\n  disks: { expr: cache * price.ebs_gp3 }\n",
    );
    let nodes = quantity(&json, "nodes");
    // 100 TB / 256 GB = 390.6 boxes' worth; / 70% = 558.0, so 559; + 2.
    assert_eq!(nodes["text"], "561 boxes");
    assert!(
        nodes["verdict"]
            .as_str()
            .unwrap()
            .starts_with("559 + 2 spare; memory binds"),
        "{nodes}"
    );
    assert_eq!(quantity(&json, "one")["text"], "fits: 39% of one box");
    // A verdict is a count later lines can use: 561 boxes at $59.57 a month.
    assert_eq!(quantity(&json, "boxes")["text"], "$33,418/month");
    let table = bote(&["run", "-"], "title: t\nassumptions:\n  cache: { value: 100 TB }\ncapacity:\n  n: { load: cache, per_box: 256 GB }\ncost:\n  a: { expr: n * price.general_box }\n  b: { expr: cache * price.ebs_gp3 }\n").stdout;
    assert!(
        table.contains("Total: $41,299/month (a 81%, b 19%)"),
        "{table}"
    );
}

#[test]
fn refs_and_prices_list_filter_and_explain() {
    let out = bote(&["refs", "nic"], "");
    assert_eq!(out.status, 0);
    assert!(
        out.stdout
            .starts_with("ref.nic_10g   10 Gbit/s   10 Gigabit Ethernet line rate\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("[spec; IEEE 802.3by; 2016-06]"),
        "{}",
        out.stdout
    );
    let json: Value =
        serde_json::from_str(&bote(&["refs", "--format", "json", "classic"], "").stdout).unwrap();
    assert!(
        json.as_array()
            .unwrap()
            .iter()
            .all(|e| e["kind"] == "classic"),
        "{json}"
    );
    let out = bote(&["prices", "egress"], "");
    assert!(
        out.stdout
            .starts_with("AWS us-east-1 list prices, read 2026-06-17\n"),
        "{}",
        out.stdout
    );
    let out = bote(&["refs", "nosuch"], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr.contains("no entry matches `nosuch`"),
        "{}",
        out.stderr
    );
}

/// `--prices FILE` replaces built-in prices, and the report says whose.
#[test]
fn a_price_sheet_of_ones_own() {
    let dir = folder("prices");
    let file = dir.join("ours.yaml");
    std::fs::write(
        &file,
        "title: Our prices\ndate: 2026-11-01\nentries:\n  s3_standard: { value: $0.018 / GB / month, source: our contract, date: 2026-11-01 }\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let out = bote(
        &[
            "run",
            "url-shortener",
            "--scenario",
            "base",
            "--prices",
            path,
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status, 0, "{}", out.stderr);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    // 3 TB at $0.018 per GB-month, not the built-in $0.023.
    assert_eq!(quantity(&json, "storage_cost")["text"], "$54/month");
    let out = bote(&["run", "url-shortener", "--prices", path], "");
    assert!(
        out.stdout
            .contains("Prices: Our prices, read 2026-11-01; then AWS us-east-1 list prices"),
        "{}",
        out.stdout
    );
    std::fs::write(
        &file,
        "title: Bad\nentries:\n  s3_standard: { value: $0.018 / GB / month, dated: 2026 }\n",
    )
    .unwrap();
    let out = bote(&["run", "url-shortener", "--prices", path], "");
    assert_eq!(out.status, 1);
    assert!(
        out.stderr
            .contains("unknown key `dated` in entry `s3_standard`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `date`?"),
        "{}",
        out.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A verdict and cost from ranged inputs, recomputed here draw by draw from
/// the inputs' own draws (same seed), by arithmetic written apart from
/// `estimate/capacity.rs`: each draw's count, the count the verdict is
/// sized at, each cost line's draws and the total's percentiles.
#[test]
fn verdict_and_cost_distributions_match_a_draw_by_draw_recount() {
    let yaml = "title: recount\nassumptions:\n  events: 1M /s to 3M /s\n  per_worker: 80k /s to 140k /s\n  \
        state: 2 TB to 6 TB\n  bandwidth: 20 GB/s\n\
        capacity:\n  workers: { load: events, per_box: per_worker, zones: 3, spares: 1 }\n  \
        cache: { load: { memory: state, network: bandwidth }, per_box: { memory: 256 GB, network: 25 Gbit/s }, spares: 2, utilisation: 60% }\n\
        cost:\n  worker_cost: workers * $150/month\n  cache_cost: cache * $900/month\n";
    let est = bote::load("recount", yaml).unwrap();
    let ev = est.evaluate().unwrap();
    let draws = |name: &str| -> Vec<f64> {
        let row = ev
            .rows
            .iter()
            .find(|r| ev.estimate.items[r.item].name == name)
            .unwrap();
        row.range
            .as_ref()
            .unwrap_or_else(|| panic!("{name} has no range"))
            .draws
            .values()
            .to_vec()
    };
    let (events, per, state) = (draws("events"), draws("per_worker"), draws("state"));
    let n = events.len();
    assert_eq!(n, 10_000);
    // Rounded up, forgiving a double's last bits (13.3 / 0.7 is 19).
    let ceil = |x: f64| (x - 1e-9 * x.abs()).ceil();
    let workers: Vec<f64> = (0..n)
        .map(|i| {
            let base = ceil(events[i] / per[i] / 0.70).max(1.0);
            ceil(base * 3.0 / 2.0) + 1.0
        })
        .collect();
    let nic = 25e9 / 8.0;
    let cache: Vec<f64> = (0..n)
        .map(|i| {
            let memory = state[i] / 256e9 / 0.60;
            let network = 20e9 / nic / 0.60;
            ceil(memory.max(network)).max(1.0) + 2.0
        })
        .collect();
    assert_eq!(draws("workers"), workers, "workers, draw by draw");
    assert_eq!(draws("cache"), cache, "cache, draw by draw");
    let nearest = |v: &[f64], p: f64| {
        let mut s = v.to_vec();
        s.sort_by(f64::total_cmp);
        s[(p * (s.len() - 1) as f64).round() as usize]
    };
    let json = run_json(yaml);
    for (name, counts) in [("workers", &workers), ("cache", &cache)] {
        let q = quantity(&json, name);
        assert_eq!(q["size_at"], 95, "{name}");
        assert_eq!(
            q["value"].as_f64().unwrap(),
            nearest(counts, 0.95),
            "{name}"
        );
        assert_eq!(
            q["range"]["p5"].as_f64().unwrap(),
            nearest(counts, 0.05),
            "{name}"
        );
        assert_eq!(
            q["range"]["p95"].as_f64().unwrap(),
            nearest(counts, 0.95),
            "{name}"
        );
        assert!(q["text"].as_str().unwrap().ends_with(" at p95"), "{q}");
    }
    // Cost per month, each line from its boxes in the same draw.
    let month = 365.0 / 12.0 * 86_400.0;
    let worker_cost: Vec<f64> = workers.iter().map(|w| w * 150.0).collect();
    let cache_cost: Vec<f64> = cache.iter().map(|c| c * 900.0).collect();
    for (name, want) in [("worker_cost", &worker_cost), ("cache_cost", &cache_cost)] {
        let got: Vec<f64> = draws(name).iter().map(|v| v * month).collect();
        for (g, w) in got.iter().zip(want.iter()) {
            assert!((g - w).abs() <= 1e-9 * w, "{name}: {g} vs {w}");
        }
    }
    let total: Vec<f64> = (0..n).map(|i| worker_cost[i] + cache_cost[i]).collect();
    let range = &json["cost"]["total"]["range"];
    let median = {
        let mut s = total.clone();
        s.sort_by(f64::total_cmp);
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    };
    for (key, want) in [
        ("p5", nearest(&total, 0.05)),
        ("p50", median),
        ("p95", nearest(&total, 0.95)),
    ] {
        let got = range[key].as_f64().unwrap();
        assert!(
            (got - want).abs() <= 1e-6 * want,
            "total {key}: {got} vs {want}"
        );
    }
    assert!((json["cost"]["total"]["value"].as_f64().unwrap() - median).abs() <= 1e-6 * median);
    // The total's label says what its figure is.
    let table = bote(&["run", "-", "--width", "200"], yaml).stdout;
    let line = table.lines().find(|l| l.starts_with("Total:")).unwrap();
    assert!(
        line.contains("the median of the lines summed draw by draw (90% range"),
        "{line}"
    );
    assert!(!table.contains("sum of the lines' medians"), "{table}");
}

/// The three presets with ranged verdicts or cost show those ranges in
/// their summary, at 80 columns, within the first 24 lines.
#[test]
fn verdict_and_cost_ranges_open_the_report() {
    for (preset, name, wants) in [
        (
            "twitter-timeline",
            "fanout_workers",
            "54 boxes at p95  (median 41, 90% range 32 to 54 boxes)",
        ),
        (
            "uber-dispatch",
            "global_ingest_brokers",
            "7 boxes at p95  (median 4, 90% range 4 to 7 boxes)",
        ),
        (
            "url-shortener",
            "cost total",
            "$1,410/month  (90% range $494 to $4,320/month)",
        ),
    ] {
        // A single run's summary: url-shortener's scenarios are side by side.
        let out = crate::common::bote_at(Some(80), &["run", preset, "--scenario", "base"], b"");
        let head: Vec<&str> = out.stdout.lines().take(24).collect();
        let line = head
            .iter()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("{preset}: no {name} in\n{}", head.join("\n")));
        assert!(line.ends_with(wants), "{preset}: {line}");
        assert!(head.iter().all(|l| bote::width(l) <= 80), "{preset}");
    }
}

/// `--why` on a verdict names the ranges that drive its count, reference
/// numbers included; an exact verdict whose inputs are ranges says so, and
/// `--point` says it collapsed them.
#[test]
fn why_on_verdicts_and_costs() {
    let out = bote(&["run", "twitter-timeline", "--why", "fanout_workers"], "");
    assert!(
        out.stdout
            .contains("54 boxes at p95; median 41, 90% range 32 to 54 boxes"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("ref.redis_ops ████"), "{}", out.stdout);
    let out = bote(&["run", "uber-dispatch", "--why", "geo_index_shards"], "");
    assert!(
        out.stdout.contains(
            "`geo_index_shards` is 2 boxes in every draw: it reads ranges (`update_interval`, `ref.redis_ops`)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("nothing it depends on"),
        "{}",
        out.stdout
    );
    let out = bote(
        &[
            "run",
            "url-shortener",
            "--point",
            "--why",
            "redirect_egress_cost",
        ],
        "",
    );
    assert!(
        out.stdout
            .contains("at --point: the ranges it reads (`read_ratio`) are taken at their point"),
        "{}",
        out.stdout
    );
    let out = bote(
        &[
            "run",
            "url-shortener",
            "--why",
            "redirect_egress_cost",
            "--format",
            "json",
        ],
        "",
    );
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["drivers"][0]["name"], "read_ratio");
    let out = bote(
        &[
            "run",
            "hot-key",
            "--why",
            "hot_key_copies",
            "--format",
            "json",
        ],
        "",
    );
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["drivers"][0]["name"], "ref.redis_ops", "{v}");
    assert_eq!(v["range"]["p95"], 2.0, "{v}");
}

/// `--explain` of a verdict prints the arithmetic that makes the count,
/// with reference numbers and prices substituted.
#[test]
fn explain_of_a_verdict_is_its_arithmetic() {
    let out = bote(
        &["run", "twitter-timeline", "--explain", "--width", "400"],
        "",
    );
    let line = |name: &str| {
        out.stdout
            .lines()
            .find(|l| l.starts_with(&format!("  {name} = ")))
            .unwrap_or_else(|| panic!("no {name}"))
            .to_string()
    };
    assert!(
        line("cache_nodes").ends_with(
            "= max(100 TB / 256 gigabytes, 40 GB/s / 25 Gbit/s) = max(390.6, 12.8) = 390.6 at 100% → 559 at 70% → + 2 spare = 561 boxes"
        ),
        "{}",
        line("cache_nodes")
    );
    assert!(
        line("fanout_workers").ends_with(
            "= 2 million entries/s / (80,000 to 140,000 /s) = 25 (the p95 draw) at 100% → 36 at 70% → 54 to survive a zone of 3 down = 54 boxes at p95 (median 41; 90% range 32 to 54 boxes)"
        ),
        "{}",
        line("fanout_workers")
    );
    assert!(
        line("cache_memory_cost")
            .ends_with("= 561 boxes * 256 gigabytes * $2 / GB / month = $287,232/month"),
        "{}",
        line("cache_memory_cost")
    );
}

/// `summary:` names the figures a report opens with; the cost total is
/// still there after them.
#[test]
fn a_chosen_summary_keeps_the_cost_total() {
    let yaml = "title: t\nsummary: [b]\nassumptions:\n  a: 2 TB\nstorage:\n  b: a * 3\n\
        cost:\n  c: b * price.s3_standard\n  e: a * price.s3_standard\n";
    let out = bote(&["run", "-", "--summary", "--width", "80"], yaml);
    assert_eq!(out.status, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.starts_with("  "))
            .collect::<Vec<_>>(),
        ["  b           6 TB", "  cost total  $184/month"],
        "{}",
        out.stdout
    );
}

/// Every report figure docs/estimates.md quotes in its prose is what bote
/// prints (its console examples are run by `readme.rs`).
#[test]
fn the_figures_docs_quote_are_printed() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/estimates.md")).unwrap();
    // Prose wraps: compare with every run of spaces and newlines as one space.
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let docs = flat(&docs);
    let quotes: [(&str, &[&str]); 9] = [
        ("561 boxes", &["run", "twitter-timeline"]),
        (
            "559 + 2 spare; memory binds (390.6 boxes' worth); target 70%",
            &["run", "twitter-timeline"],
        ),
        (
            "Total: $291,247/month (cache_memory_cost 99%, post_storage_cost 1%)",
            &["run", "twitter-timeline"],
        ),
        (
            "Total: $1,410/month, the median of the lines summed draw by draw (90% range $494 to $4,320/month; shares of the mean: redirect_egress_cost 96%, storage_cost 4%)",
            &["run", "url-shortener", "--scenario", "base"],
        ),
        ("54 boxes at p95", &["run", "twitter-timeline"]),
        (
            "median 41, 90% range 32 to 54 boxes",
            &["run", "twitter-timeline"],
        ),
        (
            "390.6 at 100% → 559 at 70% → + 2 spare = 561 boxes",
            &["run", "twitter-timeline", "--explain"],
        ),
        (
            "✓ 8 of 8 published figures within tolerance, 3 off by more than 1%",
            &["run", "twitter-timeline"],
        ),
        ("30,000 reads/s ✓ -3.5%", &["run", "twitter-timeline"]),
    ];
    for (quote, args) in quotes {
        assert!(
            docs.contains(quote),
            "docs/estimates.md no longer quotes `{quote}`"
        );
        let mut args = args.to_vec();
        args.extend(["--width", "1000"]);
        let out = flat(&bote(&args, "").stdout);
        assert!(
            out.contains(quote),
            "bote {} does not print `{quote}`",
            args.join(" ")
        );
    }
    // The figure the docs once quoted, which the preset never printed.
    assert!(!docs.contains("$291,430"));
}

/// A cost line over a verdict sized at p95 is priced draw by draw from
/// each draw's count (issue 35), so its figure is the median's cost, not
/// the sized count's: the summary and the row say so, and, the line being
/// the count times exact factors, what the sized count costs.
#[test]
fn a_cost_over_a_sized_verdict_says_what_its_figure_is() {
    let yaml = "\
title: Rate limiter
assumptions:
  rps: 1M /s
  ops_per_request: 2
qps:
  redis_ops: { expr: rps * ops_per_request, unit: /s }
capacity:
  redis_nodes: { load: redis_ops, per_box: ref.redis_ops }
cost:
  redis_cost: redis_nodes * price.general_box
budget:
  padded: redis_nodes * price.general_box * (1 to 2)
";
    let json = run_json(yaml);
    let nodes = quantity(&json, "redis_nodes");
    let (sized, median) = (
        nodes["si_value"].as_f64().unwrap(),
        nodes["range"]["p50"].as_f64().unwrap(),
    );
    let cost = quantity(&json, "redis_cost");
    // The figure is the cost of the median count (in $/month).
    assert_eq!(cost["unit"], "$/month");
    let sized_cost = cost["value"].as_f64().unwrap() / median * sized;
    for format in ["table", "markdown"] {
        let out = bote(&["run", "-", "--format", format, "--width", "400"], yaml);
        assert_eq!(out.status, 0, "{}", out.stderr);
        let said = format!(
            "priced draw by draw from redis_nodes' counts, so at its median {median} boxes; \
             at the {sized} boxes it is sized at, $"
        );
        // Once in the summary, once in the row's note.
        assert_eq!(
            out.stdout.matches(&said).count(),
            2,
            "{format}\n{}",
            out.stdout
        );
        let figure: f64 = out.stdout.split(&said).nth(1).unwrap()[..]
            .split('/')
            .next()
            .unwrap()
            .replace(',', "")
            .parse()
            .unwrap();
        assert!(
            (figure - sized_cost).abs() <= 0.001 * sized_cost,
            "{figure} is not {sized} boxes' {sized_cost}"
        );
        // A line with a ranged factor too says what its figure is, and no
        // figure for the sized count.
        assert!(
            out.stdout.contains(&format!(
                "figured draw by draw from redis_nodes' counts, not from the {sized} boxes it is sized at"
            )),
            "{format}\n{}",
            out.stdout
        );
    }
}
