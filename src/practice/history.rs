//! The practice history: one JSON line per answer, appended, so that a
//! crash never cuts an earlier line short; and `--stats`, what it says
//! per kind of question: how many, the median factor off, and the trend.

use serde::{Deserialize, Serialize};

/// One answered (or skipped) question.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub(crate) struct Record {
    /// Seconds since 1970 when it was answered.
    pub(crate) time: u64,
    /// The preset or file practised, or `drill`.
    pub(crate) from: String,
    /// The kind of question: a section, or a drill's kind.
    pub(crate) kind: String,
    pub(crate) question: String,
    /// The answer as typed; empty when skipped.
    pub(crate) answer: String,
    /// The figure as shown.
    pub(crate) figure: String,
    /// The answer over the figure; absent when skipped or not comparable.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub(crate) ratio: Option<f64>,
    /// `good`, `fair`, `missed` or `skipped`.
    pub(crate) grade: String,
}

impl Record {
    /// The record as one line of JSON, with its newline.
    pub(crate) fn line(&self) -> String {
        let mut s = serde_json::to_string(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// The stats of a history's bytes: a table per kind of question. Lines
/// that do not read (a hand edit, a line torn by a killed session, bytes
/// that are not UTF-8) are counted and said, not fatal.
pub(crate) fn stats(bytes: &[u8]) -> String {
    let mut bad = 0;
    let mut kinds: Vec<(String, Vec<f64>, usize)> = Vec::new();
    for line in bytes
        .split(|&b| b == b'\n')
        .filter(|l| !l.trim_ascii().is_empty())
    {
        let Ok(r) = serde_json::from_slice::<Record>(line) else {
            bad += 1;
            continue;
        };
        let at = match kinds.iter().position(|(k, _, _)| *k == r.kind) {
            Some(at) => at,
            None => {
                kinds.push((r.kind.clone(), Vec::new(), 0));
                kinds.len() - 1
            }
        };
        match r.ratio {
            Some(ratio) if ratio > 0.0 => kinds[at].1.push(ratio.max(1.0 / ratio)),
            _ => kinds[at].2 += 1,
        }
    }
    if kinds.is_empty() {
        return "no answers yet: `bote practice url-shortener` or `bote practice --drill`\n".into();
    }
    let rows: Vec<[String; 4]> = kinds
        .iter()
        .map(|(kind, factors, skipped)| {
            let trend = match factors.len() {
                0..=3 => "too few to say".to_string(),
                n => {
                    let (old, new) = factors.split_at(n / 2);
                    let (a, b) = (median(old), median(new));
                    let way = if b < a / 1.1 {
                        "closer"
                    } else if b > a * 1.1 {
                        "further off"
                    } else {
                        "steady"
                    };
                    format!(
                        "{way}: {}x then {}x",
                        super::factor_text(a),
                        super::factor_text(b)
                    )
                }
            };
            let answered = if *skipped > 0 {
                format!("{} (+{skipped} skipped)", factors.len())
            } else {
                factors.len().to_string()
            };
            let off = if factors.is_empty() {
                "-".to_string()
            } else {
                format!("{}x", super::factor_text(median(factors)))
            };
            // A hand-edited history is text from a file: escaped.
            [
                crate::text::printable(kind).into_owned(),
                answered,
                off,
                trend,
            ]
        })
        .collect();
    let head = [
        "kind",
        "answered",
        "median off",
        "trend (earlier half, later half)",
    ];
    let widths: Vec<usize> = (0..4)
        .map(|c| {
            rows.iter()
                .map(|r| crate::text::width(&r[c]))
                .chain([head[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in std::iter::once(head.map(String::from)).chain(rows) {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - crate::text::width(c))))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    match bad {
        0 => {}
        1 => out.push_str("(1 line of the history did not read and was left out)\n"),
        _ => out.push_str(&format!(
            "({bad} lines of the history did not read and were left out)\n"
        )),
    }
    out
}

fn median(xs: &[f64]) -> f64 {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_per_kind_with_a_trend() {
        let mut text = String::new();
        for (i, ratio) in [8.0, 0.2, 5.0, 3.0, 1.5, 1.2, 0.9, 1.1].iter().enumerate() {
            let r = Record {
                time: i as u64,
                from: "drill".into(),
                kind: "Little's law".into(),
                question: "q".into(),
                answer: "a".into(),
                figure: "f".into(),
                ratio: Some(*ratio),
                grade: "good".into(),
            };
            text.push_str(&r.line());
        }
        text.push_str("{not json\n");
        let out = stats(text.as_bytes());
        assert!(out.contains("Little's law  8         "), "{out}");
        assert!(out.contains("closer: 5x then 1.2x"), "{out}");
        assert!(out.contains("1 line of the history did not read"), "{out}");
    }
}
