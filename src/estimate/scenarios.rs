//! Scenarios: runs of one loaded file with some assumptions replaced.
//!
//! The file's own assumptions are the scenario `base`; each named scenario
//! replaces some of them (an expression, which may use the assumption's own
//! base value), and everything else is computed again. `--set` applies on
//! top of every scenario. Laying the runs side by side is `report`'s job.

use super::*;
use crate::diagnostic::Diagnostics;

/// A named scenario of an estimate file: `viral: { dau: 50M users }`.
#[derive(Clone, Debug)]
pub(crate) struct Scenario {
    pub(crate) name: String,
    pub(crate) overrides: Vec<Override>,
}

/// One assumption a scenario replaces.
#[derive(Clone, Debug)]
pub(crate) struct Override {
    /// The assumption's name, and where it is written in the scenario.
    pub(crate) name: String,
    pub(crate) name_span: Span,
    /// The replacing expression, as parsed.
    pub(crate) stmt: Statement,
    /// Where the expression is in the file, and where its text starts
    /// when the file holds it verbatim.
    pub(crate) at: Span,
    pub(crate) offset: Option<usize>,
}

/// One evaluated run: `base` or a scenario, with what it replaced.
#[derive(Clone, Debug)]
pub struct Run {
    /// `base`, or the scenario's name.
    pub name: String,
    /// Each assumption replaced, as `(name, expression)`: the scenario's,
    /// then the command line's `--set`s.
    pub overrides: Vec<(String, String)>,
    /// The run's report.
    pub ev: Evaluated,
}

impl Estimate {
    /// The names of the file's scenarios, in file order (`base` not among them).
    pub fn scenario_names(&self) -> impl Iterator<Item = &str> {
        self.scenarios.iter().map(|s| s.name.as_str())
    }

    /// This estimate with the scenario `name`'s overrides applied, or, for
    /// `base`, as it is. An unknown name is `Err` with the names there are.
    pub fn with_scenario(&self, name: &str) -> Result<Estimate, LoadError> {
        self.clone().into_scenario(name)
    }

    /// [`Estimate::with_scenario`] of this estimate itself, not of a copy:
    /// the estimate of a large file is most of a run's memory, so a run
    /// that comes last takes it rather than holding it twice.
    fn into_scenario(mut self, name: &str) -> Result<Estimate, LoadError> {
        let scenarios = std::mem::take(&mut self.scenarios);
        if name == "base" {
            return Ok(self);
        }
        let Some(scenario) = scenarios.iter().find(|s| s.name == name) else {
            let names = scenarios.iter().map(|s| s.name.as_str());
            let hint = crate::suggest::hint(name, names);
            let all: Vec<&str> = std::iter::once("base")
                .chain(scenarios.iter().map(|s| s.name.as_str()))
                .collect();
            return Err(Box::new(
                Diagnostic::message(format!(
                    "--scenario: `{name}` is not a scenario of `{}`{hint}",
                    self.title
                ))
                .with_note(format!("scenarios: {}", all.join(", "))),
            ));
        };
        self.scenario = Some(name.to_string());
        for o in &scenario.overrides {
            self.apply_override(scenario, o).map_err(|mut e| {
                in_scenario(&mut e, &scenario.name);
                e
            })?;
        }
        Ok(self)
    }

    /// Replace the assumption `o` names, as `--set` does, but with errors
    /// placed at the scenario's line in the file. An override that uses
    /// its own name (`dau: dau * 1.4^2`) means the file's figure there.
    fn apply_override(&mut self, scenario: &Scenario, o: &Override) -> Result<(), LoadError> {
        let Some(item) = self.items.iter().find(|i| i.name == o.name) else {
            // The loader has reported it.
            return Ok(());
        };
        let own = o.stmt.names().any(|(n, _)| n == o.name);
        let text = if own {
            let base = format!("({})", item.stmt.display_with(&|_| None));
            let mut t = o
                .stmt
                .display_with(&|n| (n == o.name).then(|| base.clone()));
            if let Some(target) = &o.stmt.target {
                let _ = write!(t, " -> {}", target.label());
            }
            t
        } else {
            o.stmt.text.to_string()
        };
        let origin = format!("scenario `{}`: {}", scenario.name, o.name);
        if let Err(mut d) = self.set_from(&o.name, &text, &origin) {
            // An error in the expression as written points into the file
            // (the file's text is copied only then: it may be megabytes).
            if let (false, Some(offset)) = (own, o.offset)
                && d.source == o.stmt.text.as_ref()
            {
                d.origin.clone_from(&self.origin);
                d.source.clone_from(&self.source_text);
                d.span = d.span.shift(offset);
            }
            return Err(d);
        }
        let Some(item) = self.items.iter_mut().find(|i| i.name == o.name) else {
            return Ok(());
        };
        item.from_scenario = true;
        if !own {
            item.expr_offset = o.offset;
            item.expr_at = o.at;
        }
        Ok(())
    }

    /// The runs a report of this estimate shows: `base`, then each
    /// scenario, each with the `--set`s in `sets` on top and drawn as
    /// `sampling` says (every run with the same draws, so a ratio between
    /// two runs is the scenario's doing and not the sampling's).
    pub fn runs(
        &self,
        sets: &[(String, String)],
        sampling: Sampling,
    ) -> Result<Vec<Run>, Diagnostics> {
        self.clone().into_runs(sets, sampling)
    }

    /// [`Estimate::runs`], the last run taking this estimate instead of a
    /// copy of it: a file without scenarios is then never held twice (at
    /// the largest input bote accepts, a second copy was over a third of
    /// the peak memory).
    pub fn into_runs(
        self,
        sets: &[(String, String)],
        sampling: Sampling,
    ) -> Result<Vec<Run>, Diagnostics> {
        let names: Vec<String> = std::iter::once("base".to_string())
            .chain(self.scenario_names().map(str::to_string))
            .collect();
        let Some((last, first)) = names.split_last() else {
            return Ok(Vec::new());
        };
        let mut runs = Vec::with_capacity(names.len());
        for name in first {
            runs.push(self.run(name, sets, sampling)?);
        }
        runs.push(self.into_run(last, sets, sampling)?);
        Ok(runs)
    }

    /// One run of [`Estimate::runs`].
    pub fn run(
        &self,
        name: &str,
        sets: &[(String, String)],
        sampling: Sampling,
    ) -> Result<Run, Diagnostics> {
        self.clone().into_run(name, sets, sampling)
    }

    /// [`Estimate::run`] of this estimate itself, not of a copy.
    pub fn into_run(
        self,
        name: &str,
        sets: &[(String, String)],
        sampling: Sampling,
    ) -> Result<Run, Diagnostics> {
        let mut overrides: Vec<(String, String)> = self
            .scenarios
            .iter()
            .filter(|s| s.name == name)
            .flat_map(|s| &s.overrides)
            .map(|o| (o.name.clone(), o.stmt.text.to_string()))
            .collect();
        let mut est = self
            .into_scenario(name)
            .map_err(|e| Diagnostics::from(*e))?;
        for (n, expr) in sets {
            est.set(n, expr).map_err(|e| Diagnostics::from(*e))?;
            // The last value given for a name is the one that holds.
            overrides.retain(|(o, _)| o != n);
            overrides.push((n.clone(), expr.clone()));
        }
        est.set_sampling(sampling);
        let scenario = est.scenario.clone();
        let ev = est.evaluate().map_err(|mut all| {
            if let Some(s) = &scenario {
                for d in &mut all.list {
                    in_scenario(d, s);
                }
            }
            all
        })?;
        Ok(Run {
            name: name.to_string(),
            overrides,
            ev,
        })
    }
}

/// An error of a scenario's run names the scenario.
fn in_scenario(d: &mut Diagnostic, name: &str) {
    if !d.message.starts_with("scenario `") {
        d.message = format!("scenario `{name}`: {}", d.message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "title: t\nassumptions:\n  dau: 10M\n  rate: 5 per day\nscenarios:\n  year 3: { dau: dau * 1.4^2 }\n  busy: { rate: 20 per day }\nqps:\n  q: { expr: dau * rate, unit: /s }\n";

    fn figure(run: &Run, name: &str) -> f64 {
        let ev = &run.ev;
        ev.rows
            .iter()
            .find(|r| ev.estimate.items[r.item].name == name)
            .map(|r| r.quantity.si_value())
            .unwrap()
    }

    #[test]
    fn each_scenario_is_a_run_of_the_file_with_its_overrides() {
        let est = load("t", FILE).unwrap();
        let runs = est.runs(&[], est.sampling()).unwrap();
        let names: Vec<&str> = runs.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["base", "year 3", "busy"]);
        let q: Vec<f64> = runs.iter().map(|r| figure(r, "q")).collect();
        // An override by its own base value: 10M grown 1.96 times.
        assert!((q[1] / q[0] - 1.96).abs() < 1e-12, "{q:?}");
        assert!((q[2] / q[0] - 4.0).abs() < 1e-12, "{q:?}");
        assert_eq!(runs[1].overrides, [("dau".into(), "dau * 1.4^2".into())]);
        // --set on top of every scenario, the last value holding.
        let sets = [("rate".to_string(), "10 per day".to_string())];
        let runs = est.runs(&sets, est.sampling()).unwrap();
        assert!((figure(&runs[2], "q") / figure(&runs[0], "q") - 1.0).abs() < 1e-12);
        assert_eq!(runs[2].overrides, [("rate".into(), "10 per day".into())]);
    }

    #[test]
    fn base_is_not_a_scenario_name_and_an_unknown_name_is_refused() {
        let text = FILE.replace("busy:", "base:");
        let errors = load("t", &text).unwrap_err();
        assert!(errors.list[0].message.contains("`base` is the file's own"));
        let est = load("t", FILE).unwrap();
        let e = est.with_scenario("yaer 3").unwrap_err();
        assert!(
            e.message.contains("did you mean `year 3`?"),
            "{}",
            e.message
        );
    }
}
