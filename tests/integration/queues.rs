//! The queueing functions through the language: units, counts, ranges
//! and errors. The closed forms themselves are checked against hand
//! arithmetic and a simulation beside the maths (`src/quantity/queue.rs`).

use crate::common::{assert_close, bote, value_of};
use bote::{Env, Value};

#[test]
fn the_stated_queues() {
    // M/M/1 at 8/s and 100 ms: ρ = 0.8, W_q = 0.8 / (10 - 8) = 400 ms,
    // p99 = ln(0.8 / 0.01) / 2 = 2.191 s, L_q = 0.64 / 0.2 = 3.2, and
    // P(Q > k) = 0.8^{k+2} ≤ 1% first at k = 19.
    // M/M/c at 100/s, 50 ms, 6 servers: C = 0.58752 (by the sums in
    // queue.rs), W_q = C / 20 s, p99 = ln(C / 0.01) / 20 s.
    let c6 = 0.587_516_450_460_613;
    let cases: &[(&str, f64, &str)] = &[
        ("erlang_c(8/s, 100 ms, 1)", 0.8, ""),
        ("wait(8/s, 100 ms, 1) -> ms", 400.0, "ms"),
        ("wait(8/s, 100 ms, 1, 99%)", 80f64.ln() / 2.0, "s"),
        ("queue_length(8/s, 100 ms, 1)", 3.2, ""),
        ("queue_length(8/s, 100 ms, 1, 99%)", 19.0, ""),
        ("erlang_c(100/s, 50 ms, 6)", c6, ""),
        ("wait(100/s, 50 ms, 6) -> ms", c6 / 20.0 * 1000.0, "ms"),
        (
            "wait(100/s, 50 ms, 6, 99%) -> ms",
            (c6 / 0.01).ln() / 20.0 * 1000.0,
            "ms",
        ),
        ("queue_length(100/s, 50 ms, 6)", 5.0 * c6, ""),
        ("servers_for(100/s, 50 ms, 100 ms, 99%)", 7.0, ""),
        // 10 Erlangs on 12: the Erlang C table's 0.4494.
        ("erlang_c(600/min, 1 s, 12)", 0.449_388_224_298_270_9, ""),
    ];
    for &(src, want, unit) in cases {
        let (got, got_unit) = value_of(src);
        assert_close(got, want, src);
        assert_eq!(got_unit, unit, "{src}");
    }
}

#[test]
fn a_count_on_arrivals_stays_on_the_queue() {
    let out = bote(&["eval", "queue_length(100 requests/s, 50 ms, 6, 99%)"], "");
    assert_eq!(out.stdout.trim(), "22 requests", "{}", out.stderr);
}

#[test]
fn a_range_gives_a_range_draw_by_draw() {
    // The wait rises with the arrivals, so the median wait of a range of
    // arrivals is the wait at the median arrivals, draw for draw.
    let env = Env::default();
    let ranged = bote::evaluate("wait(80/s to 100/s, 50 ms, 6, 99%)", &env).unwrap();
    let Value::Draws(d) = &ranged.value else {
        panic!("a range of arrivals gives a range of waits");
    };
    let median_arrivals = bote::evaluate("80/s to 100/s", &env).unwrap();
    let Value::Draws(a) = &median_arrivals.value else {
        panic!("a range");
    };
    let at_median = format!("wait({}/s, 50 ms, 6, 99%)", a.spread().p50);
    let want = bote::evaluate(&at_median, &env)
        .unwrap()
        .quantity
        .si_value();
    assert_close(d.spread().p50, want, "the median wait");
    assert!(d.spread().p5 < d.spread().p95);
    // A range of servers is drawn in whole servers.
    let (got, _) = value_of("servers_for(90/s to 110/s, 50 ms, 100 ms, 99%)");
    assert_eq!(got, got.round());
}

#[test]
fn an_unstable_queue_is_an_error_with_its_utilisation() {
    let out = bote(&["eval", "wait(12/s, 100 ms, 1)"], "");
    assert_eq!(out.status, 1);
    assert!(out.stdout.is_empty());
    assert!(
        out.stderr.contains("utilisation is 120%") && out.stderr.contains("(it needs at least 2)"),
        "{}",
        out.stderr
    );
}
