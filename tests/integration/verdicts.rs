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
        &["run", "url-shortener", "--prices", path, "--format", "json"],
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
