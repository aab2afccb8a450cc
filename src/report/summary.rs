//! The answer first: the few figures a person opens a report for, before
//! the tables that show how they were reached. The file may name them
//! (`summary: [peak_read_qps, total_storage]`, then the cost total); by
//! default they are each section's last quantity (sections build up to
//! their result), every capacity verdict, the cost total, and how many
//! published figures the estimate reproduced.

use super::*;
use crate::text;

/// One headline figure.
pub(crate) struct Headline<'e> {
    /// The section it is in, as the file names it (`qps`, `capacity`).
    pub(crate) section: &'e str,
    /// The quantity's name, or `cost total`.
    pub(crate) name: &'e str,
    /// Its value as shown (`28,935 reads/s`, `561 boxes`, `$1,492/month`).
    pub(crate) text: String,
    /// An uncertain value's 90% range.
    pub(crate) range: Option<Cow<'e, str>>,
    /// The median, when the figure is not it: a verdict sized at p95
    /// of its draws' counts.
    pub(crate) median: Option<String>,
    /// What a figure drawn from such a verdict's counts is (see
    /// [`from_sized`]).
    pub(crate) sized: Option<String>,
}

/// What a report opens with.
pub(crate) struct Summary<'e> {
    pub(crate) headlines: Vec<Headline<'e>>,
    /// How the published figures fared: `✓ 8 of 8 published figures
    /// reproduced`, or `✗ 1 of 8 ...`; none when the file publishes none.
    pub(crate) check: Option<String>,
    /// Prices used beyond the volume their tier holds for, days converted
    /// by hand.
    pub(crate) warnings: Vec<String>,
}

/// A cost section's total as a headline of the summary.
fn cost_headline(section: &str, total: crate::estimate::CostTotal) -> Headline<'_> {
    Headline {
        section,
        name: "cost total",
        text: total.shown.text,
        range: total.range.map(|r| Cow::Owned(r.text)),
        median: None,
        sized: None,
    }
}

/// The summary of `ev`.
pub(crate) fn summary(ev: &Evaluated) -> Summary<'_> {
    let est = &ev.estimate;
    let mut headlines = Vec::new();
    if est.summary.is_empty() {
        for (s, section) in est.sections.iter().enumerate() {
            let rows: Vec<&Row> = rows_in(ev, Place::Section(s)).collect();
            let verdicts: Vec<&&Row> = rows.iter().filter(|r| r.verdict.is_some()).collect();
            if let Some(total) = ev.cost_total(s) {
                headlines.push(cost_headline(section, total));
            } else if !verdicts.is_empty() {
                headlines.extend(verdicts.into_iter().map(|r| headline(ev, r)));
            } else if let Some(last) = rows.last() {
                headlines.push(headline(ev, last));
            }
        }
    } else {
        for (name, _) in &est.summary {
            if let Some(row) = ev.rows.iter().find(|r| est.items[r.item].name == *name) {
                headlines.push(headline(ev, row));
            }
        }
        // The figures the file names, and then the cost total, which no
        // name can pick.
        for (s, section) in est.sections.iter().enumerate() {
            if let Some(total) = ev.cost_total(s) {
                headlines.push(cost_headline(section, total));
            }
        }
    }
    let total = ev.expectations();
    let failed = ev.failed_expectations().count();
    let check = (total > 0).then(|| {
        let off = ev.off_by_more_than_a_percent();
        if failed == 0 && off > 0 {
            let s = if total == 1 { "" } else { "s" };
            format!("✓ {total} of {total} published figure{s} within tolerance, {off} off by more than 1%")
        } else if failed == 0 {
            let s = if total == 1 { "" } else { "s" };
            format!("✓ {total} of {total} published figure{s} reproduced")
        } else {
            let s = if total == 1 { "" } else { "s" };
            format!("✗ {failed} of {total} published figure{s} not reproduced")
        }
    });
    Summary {
        headlines,
        check,
        warnings: ev.beyond_tiers().into_iter().chain(ev.by_hand()).collect(),
    }
}

impl Summary<'_> {
    /// The summary as lines of text: each figure after its name, names
    /// lined up, its range after it; wrapped to `width` when given.
    pub(crate) fn lines(&self, width: Option<usize>) -> Vec<String> {
        let name_w = self
            .headlines
            .iter()
            .map(|h| text::width(h.name))
            .max()
            .unwrap_or(0);
        let mut out = Vec::new();
        let fits = |line: &str| width.is_none_or(|w| text::width(line) <= w);
        let wrapped = |line: &str, indent: usize| -> Vec<String> {
            text::wrap_hanging(line, width.unwrap_or(usize::MAX), indent)
                .into_iter()
                .map(Cow::into_owned)
                .collect()
        };
        let mut push = |line: String| out.extend(wrapped(&line, name_w + 4));
        for h in &self.headlines {
            let pad = " ".repeat(name_w - text::width(h.name));
            let line = format!("  {}{pad}  {}", h.name, h.text);
            match h.range_words() {
                // The range beside the figure when it fits, else under it.
                Some(r) => {
                    let whole = format!("{line}  ({r})");
                    if fits(&whole) {
                        push(whole);
                    } else {
                        push(line);
                        push(format!("{}({r})", " ".repeat(name_w + 4)));
                    }
                }
                None => push(line),
            }
        }
        if let Some(check) = &self.check {
            out.extend(wrapped(&format!("  {check}"), 4));
        }
        for warning in &self.warnings {
            out.extend(wrapped(&format!("  warning: {warning}"), 4));
        }
        out
    }
}

impl Headline<'_> {
    /// What is said in brackets after the figure: `90% range 4 to 7`, or,
    /// when the figure is not the median, `median 4, 90% range 4 to 7`.
    pub(crate) fn range_words(&self) -> Option<String> {
        let r = self.range.as_deref()?;
        Some(match (&self.median, &self.sized) {
            (Some(m), _) => format!("median {m}, 90% range {r}"),
            (None, Some(s)) => format!("{s}; 90% range {r}"),
            (None, None) => format!("90% range {r}"),
        })
    }
}

/// The headline of `row`.
fn headline<'e>(ev: &'e Evaluated, row: &'e Row) -> Headline<'e> {
    let est = &ev.estimate;
    let item = &est.items[row.item];
    let section = match item.place {
        Place::Assumption => "assumptions",
        Place::Section(s) => est.sections[s].as_str(),
    };
    Headline {
        section,
        name: item.name.as_str(),
        text: row.shown.text.clone(),
        range: row.range.as_ref().map(|r| Cow::Borrowed(r.text.as_str())),
        median: row.size_at.and(row.range.as_ref()).map(|r| {
            let unit = crate::units::display::DisplayUnit {
                label: "".into(),
                size: r.unit_size,
            };
            let q = crate::quantity::Quantity::new(r.spread.p50, r.draws.dim())
                .unwrap_or(crate::quantity::Quantity::ZERO);
            crate::units::display::show_figures(
                q,
                unit,
                Some(crate::units::display::UNCERTAIN_FIGS),
            )
            .text
        }),
        sized: from_sized(ev, row),
    }
}

/// The summary for the JSON report.
#[derive(serde::Serialize)]
pub(crate) struct JsonSummary<'e> {
    figures: Vec<JsonHeadline<'e>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

#[derive(serde::Serialize)]
struct JsonHeadline<'e> {
    section: &'e str,
    name: &'e str,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    range: Option<Cow<'e, str>>,
    /// The median, when `text` is not it (a verdict sized at p95).
    #[serde(skip_serializing_if = "Option::is_none")]
    median: Option<String>,
}

impl<'e> Summary<'e> {
    /// The summary as the JSON report carries it.
    pub(crate) fn into_json(self) -> JsonSummary<'e> {
        JsonSummary {
            figures: self
                .headlines
                .into_iter()
                .map(|h| JsonHeadline {
                    section: h.section,
                    name: h.name,
                    text: h.text,
                    range: h.range,
                    median: h.median,
                })
                .collect(),
            check: self.check,
            warnings: self.warnings,
        }
    }
}
