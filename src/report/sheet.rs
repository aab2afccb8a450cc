//! A reference or price sheet as a listing: `bote refs`, `bote prices`
//! and the README's tables.

use crate::sheets::{Kind, builtin_sheet};

/// The whole sheet as a Markdown table, as the README carries it (a test
/// keeps the two the same).
pub(crate) fn markdown(kind: Kind) -> String {
    let sheet = builtin_sheet(kind);
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::new();
    if kind == Kind::References {
        out.push_str("| name | value | what | kind | source | date |\n|---|---|---|---|---|---|\n");
    } else {
        out.push_str("| name | value | what | source | date |\n|---|---|---|---|---|\n");
    }
    for e in &sheet.entries {
        let mut row = format!(
            "| `{}.{}` | {} | {} |",
            kind.prefix(),
            e.name,
            cell(&e.value),
            cell(e.what.as_deref().unwrap_or(""))
        );
        if kind == Kind::References {
            row.push_str(&format!(" {} |", e.kind.as_deref().unwrap_or("")));
        }
        row.push_str(&format!(
            " {} | {} |\n",
            cell(e.source.as_deref().unwrap_or("")),
            e.date.as_deref().unwrap_or("")
        ));
        out.push_str(&row);
    }
    out
}
