//! The CSV report: a header row, then one row per quantity; its columns
//! are documented in docs/json.md and are a stable contract.

use super::*;
use crate::estimate::{Evaluated, Place};
use crate::text::printable;
use std::fmt::Write as _;

/// A field, quoted when it must be; control characters are escaped (a
/// newline in a note becomes a space), so each quantity stays one line.
pub(super) fn csv_field(s: &str) -> String {
    let s = printable(s);
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per quantity, assumptions first (section `assumptions`).
pub(super) fn render(ev: &Evaluated, summary_only: bool) -> String {
    // With `--summary`, only the headline figures' rows (a cost total is
    // its section's `total` row).
    let headlines = summary_only.then(|| super::summary::summary(ev).headlines);
    let shown = |section: &str, name: &str| {
        headlines.as_ref().is_none_or(|h| {
            h.iter().any(|x| {
                x.section == section
                    && (x.name == name || name == "total" && x.name == "cost total")
            })
        })
    };
    // Three columns more when some quantity is a range: its 5th, 50th and
    // 95th percentiles, in its unit (empty for exact quantities).
    let ranges = ev.rows.iter().any(|r| r.range.is_some());
    let mut out =
        String::from("section,name,value,unit,text,si_value,si_unit,expr,expect,expect_ok,note");
    // One column more, after `note` and before the percentiles (which are
    // read from the end), when some published figure is reproduced but more
    // than 1% away: by how much (`+1.4%`), for every published figure.
    let offs = ev.off_by_more_than_a_percent() > 0;
    out.push_str(if offs { ",expect_off_by" } else { "" });
    out.push_str(if ranges { ",p5,p50,p95\n" } else { "\n" });
    let est = &ev.estimate;
    let places =
        std::iter::once(Place::Assumption).chain((0..est.sections.len()).map(Place::Section));
    for place in places {
        for row in rows_in(ev, place) {
            let item = &est.items[row.item];
            let section = match place {
                Place::Assumption => "assumptions",
                Place::Section(s) => &est.sections[s],
            };
            if !shown(section, &item.name) {
                continue;
            }
            let (expect, ok, off) = match &row.expect {
                Some(c) => (c.shown.text.clone(), c.ok.to_string(), c.off_percent()),
                None => (String::new(), String::new(), String::new()),
            };
            let fields = [
                section.to_string(),
                item.name.clone(),
                machine_value(row.shown.value).to_string(),
                row.shown.unit.to_string(),
                row.shown.text.clone(),
                machine_value(row.quantity.si_value()).to_string(),
                row.quantity.dim().base_units(),
                item.shown_expr().to_string(),
                expect,
                ok,
                note_of(ev, row).into_owned(),
            ];
            let mut line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            if offs {
                line.push(csv_field(&off));
            }
            if ranges {
                let p = |v: fn(&crate::quantity::sample::Spread) -> f64| {
                    row.range.as_ref().map_or(String::new(), |r| {
                        machine_value(v(&r.spread) / r.unit_size).to_string()
                    })
                };
                line.extend([p(|s| s.p5), p(|s| s.p50), p(|s| s.p95)]);
            }
            let _ = writeln!(out, "{}", line.join(","));
        }
        // A cost section's total, as a row of its own: `cost,total,...`.
        if let Place::Section(s) = place
            && shown(&est.sections[s], "total")
            && let Some(total) = ev.cost_total(s)
        {
            let (q, shown) = (total.quantity, &total.shown);
            let names: Vec<&str> = rows_in(ev, place)
                .map(|r| est.items[r.item].name.as_str())
                .collect();
            let fields = [
                est.sections[s].clone(),
                "total".to_string(),
                machine_value(shown.value).to_string(),
                shown.unit.to_string(),
                shown.text.clone(),
                machine_value(q.si_value()).to_string(),
                q.dim().base_units(),
                names.join(" + "),
                String::new(),
                String::new(),
                cost_total(ev, s).unwrap_or_default(),
            ];
            let mut line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            if offs {
                line.push(String::new());
            }
            if ranges {
                let p = |v: fn(&crate::quantity::sample::Spread) -> f64| {
                    total.range.as_ref().map_or(String::new(), |r| {
                        machine_value(v(&r.spread) / r.unit_size).to_string()
                    })
                };
                line.extend([p(|s| s.p5), p(|s| s.p50), p(|s| s.p95)]);
            }
            let _ = writeln!(out, "{}", line.join(","));
        }
    }
    out
}
