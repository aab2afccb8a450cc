//! Drills: short generated questions on the conversions interviews lean
//! on, with round figures drawn from a seed, so a drill can be repeated.
//! Each is worked by the expression language, so its figure is bote's.

use super::Question;
use crate::lang::env::Env;
use crate::lang::statement::answer_text;
use crate::sheets::{self, Kind};
use rand::SeedableRng;
use rand::seq::IndexedRandom;
use rand_pcg::Pcg64Mcg;

/// The kinds of drill, in the order a drill goes round them.
pub(crate) const KINDS: [&str; 6] = [
    "daily volume to QPS",
    "size times count",
    "Little's law",
    "transfer time",
    "nines to downtime",
    "reference number",
];

/// `n` drill questions from `seed`, going round the kinds in turn.
pub(crate) fn drills(seed: u64, n: usize) -> Vec<Question> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    (0..n)
        .filter_map(|i| make(KINDS[i % KINDS.len()], &mut rng))
        .collect()
}

/// One of `choices`, drawn.
fn pick<'a>(choices: &'a [&'a str], rng: &mut Pcg64Mcg) -> &'a str {
    choices.choose(rng).copied().unwrap_or_default()
}

/// A question of `kind`; `None` only if its figure did not read (a test
/// reads every one).
fn make(kind: &'static str, rng: &mut Pcg64Mcg) -> Option<Question> {
    let (name, expr) = match kind {
        "daily volume to QPS" => {
            let n = pick(&["1", "2", "5", "10", "20", "50", "100", "200", "500"], rng);
            let m = pick(&["million", "billion"], rng);
            let what = pick(
                &["requests", "messages", "uploads", "searches", "page views"],
                rng,
            );
            (
                format!("{n} {m} {what} a day: how many a second?"),
                format!("{n} {m} / day -> /s"),
            )
        }
        "size times count" => {
            let n = pick(&["1", "2", "5", "10", "50", "100", "500"], rng);
            let m = pick(&["million", "billion"], rng);
            let size = pick(
                &[
                    "100 bytes",
                    "500 bytes",
                    "1 KB",
                    "4 KB",
                    "100 KB",
                    "1 MB",
                    "5 MB",
                ],
                rng,
            );
            (
                format!("{n} {m} records of {size} each: how much storage?"),
                format!("{n} {m} * {size}"),
            )
        }
        "Little's law" => {
            let rate = pick(
                &[
                    "100", "500", "1,000", "5,000", "10,000", "50,000", "100,000",
                ],
                rng,
            );
            let time = pick(
                &["5 ms", "10 ms", "20 ms", "50 ms", "100 ms", "200 ms", "2 s"],
                rng,
            );
            (
                format!(
                    "{rate} requests a second, each in the system for {time}: how many at once?"
                ),
                format!("{rate} /s * {time}"),
            )
        }
        "transfer time" => {
            let size = pick(
                &["10 GB", "100 GB", "500 GB", "1 TB", "10 TB", "100 TB"],
                rng,
            );
            let link = pick(
                &[
                    "100 Mbit/s",
                    "1 Gbit/s",
                    "10 Gbit/s",
                    "25 Gbit/s",
                    "100 Gbit/s",
                ],
                rng,
            );
            (
                format!("{size} over a {link} link: how long?"),
                format!("{size} / {link}"),
            )
        }
        "nines to downtime" => {
            let nines = pick(&["99%", "99.9%", "99.95%", "99.99%", "99.999%"], rng);
            let per = pick(&["year", "month"], rng);
            (
                format!("{nines} available: how much downtime a {per}?"),
                format!("(1 - {nines}) * 1 {per}"),
            )
        }
        _ => return reference(rng),
    };
    let answer = crate::lang::evaluate(&expr, &Env::default()).ok()?;
    Some(Question {
        kind: kind.to_string(),
        name,
        label: kind.to_string(),
        about: None,
        figure: answer.quantity,
        shown: answer_text(&answer),
        working: format!("{expr} = {}", answer_text(&answer)),
        hint: hint(kind).to_string(),
        source: None,
        after: None,
        also: super::Also::default(),
    })
}

/// What to remember for each kind of drill.
fn hint(kind: &str) -> &'static str {
    match kind {
        "daily volume to QPS" => {
            "a day is 86,400 s, about 10^5: a million a day is about 12 a second"
        }
        "size times count" => "multiply, then count the zeros: a billion KB is a TB",
        "Little's law" => "in the system at once = arrival rate x time in the system",
        "transfer time" => "size / rate; a byte is 8 bits: 1 Gbit/s moves 125 MB a second",
        "nines to downtime" => {
            "downtime = (1 - availability) x the period: 99.9% of a year is 8.76 h down"
        }
        _ => "",
    }
}

/// A question on one reference number, drawn from the built-in sheet: its
/// value (a range's median), with its source shown after.
fn reference(rng: &mut Pcg64Mcg) -> Option<Question> {
    let entries = &sheets::builtin_sheet(Kind::References).entries;
    let entry = entries.choose(rng)?;
    let answer = crate::lang::evaluate(&entry.value, &Env::default()).ok()?;
    let what = entry.what.clone().unwrap_or_else(|| entry.name.clone());
    Some(Question {
        kind: "reference number".into(),
        name: format!("ref.{}: {what}?", entry.name),
        label: format!("ref.{}", entry.name),
        // Its conditions may give it away (`today's is nearer 20 ns`): said
        // after, with the source.
        about: None,
        figure: answer.quantity,
        shown: answer_text(&answer),
        working: format!("ref.{} = {}", entry.name, entry.value),
        hint: "latencies climb by about 10x a step: memory ns, SSD 100 µs, a region's round trip 0.5 ms, a disk seek 10 ms".into(),
        after: None,
        also: super::Also::default(),
        source: Some({
            let mut s = match (&entry.source, &entry.date) {
                (Some(s), Some(d)) => format!("{s}; {d}"),
                (Some(s), None) => s.clone(),
                _ => "bote's reference sheet".into(),
            };
            if let Some(c) = &entry.conditions {
                s.push_str(&format!(" ({c})"));
            }
            s
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind's every figure reads, and the same seed gives the same drill.
    #[test]
    fn drills_read_and_repeat() {
        for seed in 0..200 {
            let qs = drills(seed, 12);
            assert_eq!(qs.len(), 12);
            assert!(qs.iter().all(|q| q.figure.si_value() > 0.0), "seed {seed}");
        }
        let a: Vec<String> = drills(7, 6).into_iter().map(|q| q.name).collect();
        let b: Vec<String> = drills(7, 6).into_iter().map(|q| q.name).collect();
        assert_eq!(a, b);
    }
}
