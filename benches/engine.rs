//! In-process benchmarks: expression throughput, and how the cost of loading,
//! evaluating and rendering an estimate grows with its size.
//!
//! Run with `cargo bench --bench engine`. Budgets (checked by reading the
//! output, not asserted): 10,000 quantities under 50 ms, 100,000 under 0.5 s,
//! doubling the size at most 2.2x the time.

use bote::eval::Env;
use bote::report::{self, Format, Options};
use std::fmt::Write as _;

fn main() {
    divan::main();
}

/// The typical one-liner: parse, evaluate, convert, format.
#[divan::bench]
fn eval_expression(bencher: divan::Bencher) {
    let env = Env::default();
    bencher.bench(|| bote::evaluate(divan::black_box("1 Gbit/s * 50 ms -> MB"), &env).unwrap());
}

/// The shapes of generated estimate files.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// Each quantity uses the one before: depth n.
    Chain,
    /// An 8-way tree: each quantity sums eight of the ones below it.
    FanIn,
    /// Assumptions with units, then quantities mixing both shapes and conversions.
    Mix,
}

/// An estimate file of `n` derived quantities (plus three assumptions).
pub fn generate(shape: Shape, n: usize) -> String {
    let mut s = String::from(
        "title: generated\nassumptions:\n  base: 1 KB\n  rate: 100 /s\n  t: 5 min\nqps:\n",
    );
    for i in 0..n {
        let expr = match shape {
            Shape::Chain if i == 0 => "base".to_string(),
            Shape::Chain => format!("q{} + base", i - 1),
            Shape::FanIn if i < 8 => format!("base * {}", i + 1),
            Shape::FanIn => {
                let first = (i - 8) / 8 * 8;
                let sum = (first..first + 8)
                    .map(|j| format!("q{j}"))
                    .collect::<Vec<_>>()
                    .join(" + ");
                format!("({sum}) / 8")
            }
            Shape::Mix if i == 0 => "rate * t * base".to_string(),
            Shape::Mix => match i % 3 {
                0 => format!(
                    "{{ expr: q{} + rate * t * base, unit: MB, note: mixed }}",
                    i - 1
                ),
                1 => format!("max(q{}, base * {i})", i / 2),
                _ => format!("{{ expr: q{} / t * 1 min, unit: kB }}", i - 1),
            },
        };
        let _ = writeln!(s, "  q{i}: {expr}");
    }
    s
}

fn run(shape: Shape, n: usize, bencher: divan::Bencher) {
    let text = generate(shape, n);
    bencher.bench(|| {
        let ev = bote::estimate::load("generated", &text)
            .and_then(bote::estimate::Estimate::evaluate)
            .unwrap_or_else(|d| panic!("{}", d.message));
        report::render(&ev, Format::Table, Options::default()).len()
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
