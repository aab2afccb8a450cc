//! The promises `bote notes` makes about any note, checked: filling it in
//! does not panic, changes no byte outside bote's regions, replaces only
//! whole regions (never a block or text of the note's), and a second run
//! changes nothing. The random-note test and the `notes` fuzz target call
//! this; it is no part of bote's interface.

use super::find::{Lines, marker_like, parse};
use super::{BEGIN, END, Filled, fill};

/// Fill in `note` twice (`force` both times) and check the promises;
/// why not, if one is broken.
pub(crate) fn check(note: &str, force: bool) -> Result<(), String> {
    let first = fill(note, "note.md", force);
    kept_outside(note, &first)?;
    let second = fill(&first.text, "note.md", force);
    if second.text != first.text {
        let at = first
            .text
            .bytes()
            .zip(second.text.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(first.text.len().min(second.text.len()));
        return Err(format!(
            "a second run changed the note at byte {at}: {:?} became {:?}",
            excerpt(&first.text, at),
            excerpt(&second.text, at)
        ));
    }
    if second.updated != 0 {
        return Err(format!("a second run wrote {} regions", second.updated));
    }
    Ok(())
}

/// Every byte outside the edits is the note's, and each edit replaced a
/// whole region (or nothing) with a whole region.
fn kept_outside(note: &str, filled: &Filled) -> Result<(), String> {
    let new = &filled.text;
    let body = note.strip_prefix('\u{feff}').unwrap_or(note);
    let bom = note.len() - body.len();
    let blocks: Vec<usize> = parse(body, &Lines::new(body))
        .0
        .iter()
        .map(|b| b.start + bom)
        .collect();
    let (mut i, mut o) = (0, 0);
    for e in &filled.edits {
        let kept = note
            .get(i..e.from)
            .ok_or_else(|| format!("edit at {}..{} out of order", e.from, e.to))?;
        if new.get(o..o + kept.len()) != Some(kept) || o + kept.len() != e.at {
            return Err(format!(
                "a byte of the note changed between {i} and {}",
                e.from
            ));
        }
        let old = &note[e.from..e.to];
        if !old.is_empty() {
            whole_region(old).map_err(|w| format!("bote replaced {old:?}: {w}"))?;
            if let Some(b) = blocks.iter().find(|&&b| b > e.from && b < e.to) {
                return Err(format!(
                    "bote replaced a block of the note (at {b}): {old:?}"
                ));
            }
        }
        let written = new
            .get(e.at..e.at + e.len)
            .ok_or("an edit runs past the new text")?;
        // A region added comes after a line break and a blank line.
        let region = if old.is_empty() {
            written
                .splitn(3, '\n')
                .nth(2)
                .ok_or("a region added without a blank line before it")?
        } else {
            written
        };
        whole_region(region).map_err(|w| format!("bote wrote {written:?}: {w}"))?;
        i = e.to;
        o = e.at + e.len;
    }
    if new.get(o..) != note.get(i..) {
        return Err(format!("a byte of the note changed after {i}"));
    }
    Ok(())
}

/// Whether `text` is one region: an opening line first, a closing line
/// last, and neither in between (after the container's prefix).
fn whole_region(text: &str) -> Result<(), String> {
    let lines: Vec<&str> = text.lines().collect();
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Err("empty".into());
    };
    let Some(at) = first.find(BEGIN) else {
        return Err("it does not open with a region's first line".into());
    };
    let prefix = &first[..at];
    if last.strip_prefix(prefix) != Some(END) {
        return Err("it does not end with a region's last line".into());
    }
    // Inside, a line a reader would take for a marker.
    let marker = |l: &str| marker_like(l, prefix);
    if lines[1..lines.len() - 1].iter().any(|l| marker(l)) {
        return Err("a marker line inside it".into());
    }
    Ok(())
}

/// A few characters of `text` around byte `at`.
fn excerpt(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(40);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (at + 40).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    &text[from..to]
}
