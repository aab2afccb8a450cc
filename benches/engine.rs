//! In-process benchmarks: expression throughput, and how the cost of loading,
//! evaluating and rendering an estimate grows with its size.
//!
//! Run with `cargo bench --bench engine`. Budgets (checked by reading the
//! output, not asserted): 10,000 quantities under 50 ms, 100,000 under 0.5 s,
//! doubling the size at most 2.2x the time.

use bote::Env;
use bote::{Format, Options};

fn main() {
    divan::main();
}

/// The typical one-liner: parse, evaluate, convert, format.
#[divan::bench]
fn eval_expression(bencher: divan::Bencher) {
    let env = Env::default();
    bencher.bench(|| bote::evaluate(divan::black_box("1 Gbit/s * 50 ms -> MB"), &env).unwrap());
}

#[path = "support/shapes.rs"]
mod shapes;
use shapes::{Shape, generate};

fn run(shape: Shape, n: usize, bencher: divan::Bencher) {
    let text = generate(shape, n);
    bencher.bench(|| {
        let ev = bote::load("generated", &text)
            .and_then(bote::Estimate::evaluate)
            .unwrap_or_else(|d| panic!("{}", d.render(false)));
        bote::render(&ev, Format::Table, Options::default()).len()
    });
}

const SIZES: [usize; 4] = [1_000, 10_000, 20_000, 100_000];

#[divan::bench(args = SIZES, sample_count = 10)]
fn estimate_chain(bencher: divan::Bencher, n: usize) {
    run(Shape::Chain, n, bencher);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn estimate_fan_in(bencher: divan::Bencher, n: usize) {
    run(Shape::FanIn, n, bencher);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn estimate_mix(bencher: divan::Bencher, n: usize) {
    run(Shape::Mix, n, bencher);
}

/// The Twitter preset with every assumption a range (its figure times
/// `0.5 to 2`), as `benches/ranges.sh` builds it: load, draw, evaluate and
/// render, at 10,000 and 100,000 draws.
#[divan::bench(args = [10_000, 100_000], sample_count = 10)]
fn twitter_all_ranges(bencher: divan::Bencher, samples: usize) {
    let text = all_ranges(bote::presets::get("twitter-timeline").unwrap());
    bencher.bench(|| {
        let mut est = bote::load("twitter-ranges", &text).unwrap();
        est.set_sampling(bote::Sampling {
            samples,
            ..bote::Sampling::default()
        });
        let ev = est
            .evaluate()
            .unwrap_or_else(|d| panic!("{}", d.render(false)));
        bote::render(&ev, Format::Table, Options::default()).len()
    });
}

/// Every `value: X,` of a preset as `value: "(X) * (0.5 to 2)",`.
fn all_ranges(preset: &str) -> String {
    preset
        .lines()
        .map(|line| match line.split_once("value: ") {
            Some((head, rest)) => match rest.split_once(", ") {
                Some((value, tail)) => format!("{head}value: \"({value}) * (0.5 to 2)\", {tail}"),
                None => line.to_string(),
            },
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}
