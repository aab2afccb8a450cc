//! Generated estimate files for the benchmarks: the in-process ones
//! (`benches/engine.rs`) and the whole-process ones (`bench/processes.sh`,
//! through `examples/generate.rs`) read the same shapes.

use std::fmt::Write as _;

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

impl Shape {
    /// Each shape by the name `examples/generate.rs` takes.
    #[allow(dead_code)] // the in-process benchmarks name their shapes themselves
    pub const ALL: [(&'static str, Shape); 3] = [
        ("chain", Shape::Chain),
        ("fan-in", Shape::FanIn),
        ("mix", Shape::Mix),
    ];
}
