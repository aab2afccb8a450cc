//! `bote diff OLD NEW`: two estimates, each with its own `--set`s, and
//! what moved between them.

use super::args::{DiffArgs, RunFormat, SheetArgs};
use super::source::load_estimate;
use super::*;
use crate::report::{self, Format};

pub(super) fn diff_cmd(args: &DiffArgs, io: &mut Io<'_>) -> io::Result<i32> {
    let json = args.format == RunFormat::Json;
    let mut evs = Vec::with_capacity(2);
    for (k, target) in args.targets.iter().enumerate() {
        let sets: Vec<String> = args
            .sets
            .iter()
            .enumerate()
            .filter(|(i, _)| args.new_sets.get(*i).copied().unwrap_or(false) == (k == 1))
            .map(|(_, s)| s.clone())
            .collect();
        match load_estimate(
            target,
            &sets,
            args.sampling,
            &SheetArgs::default(),
            json,
            io,
        )? {
            Ok(ev) => evs.push((ev, sets)),
            Err(status) => return Ok(status),
        }
    }
    let name = |k: usize| {
        let (_, sets) = &evs[k];
        let mut n = args.targets[k].clone();
        for s in sets {
            n.push_str(" --set ");
            n.push_str(s);
        }
        n
    };
    let (old, new) = (name(0), name(1));
    let d = crate::estimate::diff(&evs[0].0, &evs[1].0);
    let format = match args.format {
        RunFormat::Markdown => Format::Markdown,
        RunFormat::Json => Format::Json,
        _ => Format::Table,
    };
    let width = args.width.map(usize::from).or(io.term_width);
    let text = report::render_diff(&d, (&old, &new), format, width);
    io.stdout.write_all(text.as_bytes())?;
    Ok(i32::from(args.exit_code && d.differs()))
}
