//! `bote new` and `bote schema`: starting an estimate file, and the JSON
//! Schema editors use to complete and explain one.

use super::files;
use super::*;
use crate::estimate::presets;
use std::path::{Path, PathBuf};

/// The file name the starter's first line points editors at.
const SCHEMA_FILE: &str = "bote.schema.json";

/// The first line of every file `bote new` writes.
const SCHEMA_COMMENT: &str = "# yaml-language-server: $schema=bote.schema.json\n";

/// The starter: a few assumptions and one quantity in each section, with
/// a published figure to check (10M users x 20 requests a day is 2,315 /s).
const STARTER: &str = r#"# A bote estimate. Run it: bote run FILE   Check its published figures: bote check FILE
# Expressions read as people say them: 10M, 20 per day, 2 KB, 100 to 1000 (a range).
title: TITLE
about: What is being sized, in one line.
source: Where the figures come from (a book, an article, your own guess).
# What is counted: each is a unit of its own, so a figure missing its "per request" is an error.
counts: [user, request]
assumptions:
  # name: EXPR, or { value: EXPR, note: ..., source: ... }
  dau: { value: 10M users, note: daily active users }
  requests_per_user: { value: 20 requests/user per day, note: requests each user makes }
  request_size: { value: 2 KB/request, note: one request with its response }
  latency: { value: 50 ms to 200 ms, note: "time a request spends in the service (a range)" }
  outage: { value: 5 min, note: how long a consumer may be down }
  server_rate: { value: 1000 requests/s, note: "your guess: requests one server handles" }
# Other worlds beside this one (base), shown side by side by bote run; uncomment to try.
# An override may use its own base value: dau * 1.4^2 is base's dau grown 40% a year, twice.
# scenarios:
#   year 3: { dau: dau * 1.4^2 }
#   launch week: { requests_per_user: 60 requests/user per day }
# Every other top-level key is a section of derived quantities:
# name: EXPR, or { expr, unit, expect (the published figure), tolerance, note, source }
qps:
  request_rate: { expr: dau * requests_per_user, unit: requests/s, expect: 2300 requests/s, note: 10M users x 20 a day }
bandwidth:
  request_bandwidth: { expr: request_rate * request_size, unit: MB/s }
storage:
  requests_per_year: { expr: request_rate * 1 year * request_size, unit: TB, note: if every request were kept }
concurrency:
  in_flight: { expr: request_rate * latency, note: "Little's law: rate x time in the system" }
buffers:
  backlog: { expr: request_rate * outage * request_size, unit: MB, note: what queues while a consumer is down }
# A capacity verdict: load / (per box x 70%), rounded up, plus spares (zones: k survives one of k down).
capacity:
  servers: { load: request_rate, per_box: server_rate, spares: 1 }
# Money per month, added up. price.NAME is a dated price (bote prices), ref.NAME a reference number (bote refs).
cost:
  server_cost: { expr: servers * price.general_box }
  storage_cost: { expr: request_rate * 90 days * request_size * price.s3_standard, note: "the last 90 days of requests in S3 (36 TB: the first tier, up to 50 TB)" }
"#;

pub(super) fn new_cmd(
    name: &str,
    from: Option<&str>,
    force: bool,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    if name.trim().is_empty() {
        let msg = "bote new needs a name for the file, such as `bote new chat-service`";
        return report(io, &Diagnostic::message(msg));
    }
    let path = with_extension(name);
    let body = match from {
        Some(preset) => match presets::get(preset) {
            Some(text) => text.to_string(),
            None => return report(io, &super::run::no_such_preset(preset)),
        },
        None => {
            let title = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("My estimate")
                .replace(['-', '_'], " ");
            STARTER
                .replacen("TITLE", &title, 1)
                .replace("FILE", &files::shown(&path).to_string())
        }
    };
    // A dangling symbolic link is taken too: writing through it would
    // create a file somewhere else.
    if files::taken(&path) && !force {
        let msg = format!(
            "`{}` exists; bote new does not overwrite a file (--force does)",
            files::shown(&path)
        );
        return report(io, &Diagnostic::message(msg));
    }
    let text = format!("{SCHEMA_COMMENT}{body}");
    if let Err(e) = files::write_atomic(&path, text.as_bytes()) {
        let msg = format!("cannot write `{}`: {e}", files::shown(&path));
        return report(io, &Diagnostic::message(msg));
    }
    writeln!(io.stdout, "wrote {}", files::shown(&path))?;
    // The schema the first line names, beside the file, unless one is there.
    let schema = path.with_file_name(SCHEMA_FILE);
    if !files::taken(&schema) {
        if let Err(e) = files::write_atomic(&schema, crate::format::schema().as_bytes()) {
            let msg = format!("cannot write `{}`: {e}", files::shown(&schema));
            return report(io, &Diagnostic::message(msg));
        }
        writeln!(
            io.stdout,
            "wrote {} (for editor completion)",
            files::shown(&schema)
        )?;
    }
    writeln!(io.stdout, "next: bote run {}", files::shown(&path))?;
    Ok(0)
}

/// `name`, with `.yaml` added when it has no extension.
fn with_extension(name: &str) -> PathBuf {
    let path = Path::new(name);
    if path.extension().is_some() {
        path.to_path_buf()
    } else {
        path.with_extension("yaml")
    }
}
