//! `bote refs` and `bote prices`: the built-in reference numbers and price
//! sheet, each entry with its value, what it is, its source and its date.

use super::args::SheetFormat;
use super::*;
use crate::report::json::JsonEntry;
use crate::sheets::{Entry, Kind, builtin_sheet};

/// Print the sheet of `kind`, only entries whose name or description
/// contains `filter` (any case) when one is given.
pub(super) fn sheet_cmd(
    kind: Kind,
    filter: Option<&str>,
    format: SheetFormat,
    io: &mut Io<'_>,
) -> io::Result<i32> {
    let sheet = builtin_sheet(kind);
    let wanted = |e: &&Entry| {
        filter.is_none_or(|f| {
            let f = f.to_lowercase();
            e.name.to_lowercase().contains(&f)
                || e.what
                    .as_deref()
                    .is_some_and(|w| w.to_lowercase().contains(&f))
        })
    };
    let entries: Vec<&Entry> = sheet.entries.iter().filter(wanted).collect();
    if entries.is_empty() {
        let names = sheet.entries.iter().map(|e| e.name.as_str());
        let hint = crate::suggest::hint(filter.unwrap_or(""), names);
        return report(
            io,
            &Diagnostic::message(format!("no entry matches `{}`{hint}", filter.unwrap_or(""))),
        );
    }
    let name = |e: &Entry| format!("{}.{}", kind.prefix(), e.name);
    match format {
        SheetFormat::Json => {
            let list: Vec<JsonEntry> = entries.iter().map(|e| JsonEntry::new(name(e), e)).collect();
            let text = serde_json::to_string_pretty(&list).map_err(io::Error::other)?;
            writeln!(io.stdout, "{text}")?;
        }
        SheetFormat::Markdown => io
            .stdout
            .write_all(crate::report::sheet::markdown(kind).as_bytes())?,
        SheetFormat::Text => {
            let text = crate::report::sheet::text(kind, sheet, &entries, io.term_width);
            io.stdout.write_all(text.as_bytes())?;
        }
    }
    Ok(0)
}
