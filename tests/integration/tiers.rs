//! Prices used beyond their tier: a sheet entry's `over` and `up_to` say the
//! volume it holds for, and a quantity proportional to it that prices a
//! volume outside is said in the report (every format) and by `bote check`.

use crate::common::bote;

/// An estimate that stores `stored` and prices it with `price`.
fn storing(stored: &str, expr: &str) -> String {
    format!(
        "title: t\nassumptions:\n  stored: {{ value: {stored} }}\n  reads: {{ value: 20 TB / month }}\n\
         spend:\n  c: {{ expr: {expr} }}\n"
    )
}

#[test]
fn a_price_beyond_its_tier_is_said_in_every_format_and_by_check() {
    let file = storing("180 TB", "stored * price.s3_standard");
    let table = bote(&["run", "-", "--width", "80"], &file);
    assert_eq!(table.status, 0, "{}", table.stderr);
    // 180 TB at $0.023 is $4,140 a month, and the summary says why it is off.
    assert!(table.stdout.contains("$4,140/month"), "{}", table.stdout);
    let summary: String = table.stdout.split("Summary").nth(1).unwrap().into();
    assert!(
        summary
            .contains("warning: `c` prices 180 TB at `price.s3_standard`, which holds up to 50 TB")
            && summary.contains("`price.s3_standard_50tb` holds 180 TB"),
        "{summary}"
    );

    let md = bote(&["run", "-", "--format", "markdown"], &file);
    assert!(md.stdout.contains("- **warning**: "), "{}", md.stdout);

    let json = bote(&["run", "-", "--format", "json"], &file);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let warnings = v["summary"]["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");

    let check = bote(&["check", "-"], &file);
    assert_eq!(
        check.status, 0,
        "a warning, not a failure: {}",
        check.stderr
    );
    assert!(
        check.stderr.contains("warning: -: `c` prices 180 TB"),
        "{}",
        check.stderr
    );
}

#[test]
fn within_the_tier_or_not_proportional_nothing_is_said() {
    for (stored, expr) in [
        // Within the first tier.
        ("40 TB", "stored * price.s3_standard"),
        // In the 50 to 500 TB tier, priced at it.
        ("180 TB", "stored * price.s3_standard_50tb"),
        // Per month: 20 TB a month at the 10 to 50 TB egress tier.
        ("1 TB", "reads * price.egress_10tb"),
        // A price divided by is not one a volume is priced at.
        ("180 TB", "$1000 / month / price.s3_standard"),
    ] {
        let out = bote(&["run", "-", "--format", "json"], &storing(stored, expr));
        assert_eq!(out.status, 0, "{expr}: {}", out.stderr);
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert!(
            v["summary"]["warnings"].is_null(),
            "{expr}: {}",
            v["summary"]
        );
    }
}

#[test]
fn below_a_tier_and_an_estimates_own_tiers() {
    // 20 TB a month at the over-150-TB price: the cheap tier is not yet earned.
    let out = bote(
        &["check", "-"],
        &storing("1 TB", "reads * price.egress_150tb"),
    );
    assert!(
        out.stderr.contains(
            "prices 20 TB/month at `price.egress_150tb`, which holds over 150 TB/month; \
             `price.egress_10tb` holds 20 TB/month"
        ),
        "{}",
        out.stderr
    );
    // An estimate's own price with a tier of its own.
    let file = "title: t\nprices:\n  cold: { value: $0.01 / GB / month, up_to: 1 PB, source: a quote, date: 2026-11 }\n\
                assumptions:\n  stored: { value: 3 PB }\ncost:\n  c: { expr: stored * price.cold }\n";
    let out = bote(&["check", "-"], file);
    assert!(
        out.stderr
            .contains("`c` prices 3 PB at `price.cold`, which holds up to 1 PB"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_tier_that_does_not_read_is_an_error_that_says_which() {
    for (tier, says) in [
        ("up_to: 5 to 10 TB", "its `up_to` (5 to 10 TB) is a range"),
        ("up_to: lots", "its `up_to` (lots) does not read"),
        (
            "over: 10 TB, up_to: 5 TB",
            "its `over` (10 TB) is not below its `up_to` (5 TB)",
        ),
        (
            "over: 10 TB, up_to: 5 TB / month",
            "measure different things",
        ),
        ("up_to: 0 TB", "is not above 0"),
    ] {
        let file = format!(
            "title: t\nprices:\n  cold: {{ value: $0.01 / GB / month, {tier} }}\n\
             assumptions:\n  stored: {{ value: 3 PB }}\ncost:\n  c: {{ expr: stored * price.cold }}\n"
        );
        let out = bote(&["run", "-"], &file);
        assert_eq!(out.status, 1, "{tier}");
        assert!(out.stderr.contains(says), "{tier}: {}", out.stderr);
        // The error points at the use, in the file.
        assert!(out.stderr.contains("stored * price.cold"), "{}", out.stderr);
    }
}

/// In a file too, a day converted by hand is said in the summary and by
/// `bote check`; the figure stands.
#[test]
fn a_day_converted_by_hand_in_a_file_is_said() {
    let file = "title: t\nassumptions:\n  dau: { value: 500M }\nqps:\n  reads: { expr: dau * 10 / day / 86400, unit: /s }\n";
    let out = bote(&["run", "-", "--format", "json"], file);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let warnings = v["summary"]["warnings"].as_array().unwrap();
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .starts_with("`reads`: `/ 86400` divides by a plain number"),
        "{warnings:?}"
    );
    // 5e9 a day / 86,400 is 57,870 a day: 0.67 a second, as computed.
    assert_eq!(v["sections"][0]["quantities"][0]["text"], "0.6698 /s");
    let check = bote(&["check", "-"], file);
    assert!(
        check.stderr.contains("warning: -: `reads`: `/ 86400`"),
        "{}",
        check.stderr
    );
    // Written with its unit, nothing is said.
    let fine = file.replace(" / 86400", "");
    let out = bote(&["check", "-"], &fine);
    assert_eq!(out.stderr, "");
}
