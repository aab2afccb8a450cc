//! Random notes, made from the pieces that trip a Markdown reader up:
//! fences of every CommonMark kind (backticks and tildes, long, indented,
//! unclosed, closed by a fence indented four spaces), blocks in list items,
//! quotes and HTML comments, headings of both kinds, and bote's markers
//! broken, duplicated, moved and made by hand; CRLF and a byte-order mark.
//! Each note is filled in with and without `--force`, and
//! `bote::fuzz::check_note` checks that nothing panics, that no byte
//! outside bote's regions changes, and that a second run is a no-op.
//! Seeded, so every run sees the same notes.

/// How many notes one run makes (docs/notes.md records it).
const NOTES: u64 = 2_000;

/// A small, fast, seeded generator (SplitMix64); the notes must not change
/// with a dependency's version.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
}

const BEGIN: &str =
    "<!-- bote: results of the block above; `bote notes` rewrites them (crc 00000000) -->";
const END: &str = "<!-- bote: end -->";

const PROSE: &[&str] = &[
    "Some prose.",
    "A line with `code` and a [link](https://example.com).",
    "# A heading",
    "## Sizing",
    "### Storage",
    "Setext heading",
    "===",
    "---",
    "- a list item",
    "1. a numbered item",
    "> a quote",
    "<!-- a comment -->",
    "<!--",
    "-->",
    "<div>",
    "</div>",
    "    indented code",
    "\tcode after a tab",
    "| a | b |",
    " ",
    "\t",
    ">",
    "> ",
    "",
    "",
    "",
];

const EVAL: &[&str] = &[
    "dau = 50M users",
    "dau * 2",
    "x = 5 MB",
    "x * 3 -> KB",
    "1 + 1",
    "5 gigabites",
    "# a comment",
    "",
    "```",
    "~~~",
    "<!-- bote: end -->",
    "a; b",
    "2 ^ 10",
];

const ESTIMATE: &[&str] = &[
    "title: T\nassumptions:\n  a: 5 MB\nsums:\n  total: a * 2",
    "title: T\nabout: \"```\"\nassumptions:\n  a: 5 MB\nsums:\n  total: a * 2",
    "title: T\nabout: \"<!-- bote: end -->\"\nassumptions:\n  a: 5 MB\nsums:\n  total: a",
    "title: \"# heading\"\nabout: \"~~~ <script>\"\nassumptions:\n  a: 1 GB\nsums:\n  b: a",
    "title: broken\nassumptions: [",
    "not: an estimate",
];

const INFO: &[&str] = &[
    "bote",
    "bote",
    "yaml bote",
    "yaml bote summary",
    "{bote}",
    "rust",
    "",
    "yaml",
];

/// A fenced block: its opening fence, content and (maybe) closing fence.
fn block(rng: &mut Rng) -> Vec<String> {
    let c = if rng.chance(70) { '`' } else { '~' };
    let n = 3 + rng.below(3);
    let fence: String = std::iter::repeat_n(c, n).collect();
    let info = rng.pick(INFO);
    let mut lines = vec![format!(
        "{}{fence}{}{info}",
        " ".repeat(rng.below(4)),
        if rng.chance(50) { " " } else { "" }
    )];
    if info.contains("yaml") {
        lines.extend(rng.pick(ESTIMATE).lines().map(String::from));
    } else {
        for _ in 0..rng.below(4) {
            lines.push(rng.pick(EVAL).to_string());
        }
    }
    match rng.below(10) {
        // Never closed.
        0 => {}
        // Indented four spaces: code, not a close.
        1 => lines.push(format!("    {fence}")),
        // Too short, or the other character.
        2 => lines.push(if c == '`' { "~~~".into() } else { "```".into() }),
        // Longer, indented, with trailing spaces.
        3 => lines.push(format!("  {fence}{c}  ")),
        _ => lines.push(fence),
    }
    lines
}

/// A hand-made or broken piece of a region.
fn markers(rng: &mut Rng) -> Vec<String> {
    let pick = rng.below(6);
    match pick {
        0 => vec![BEGIN.into()],
        1 => vec![END.into()],
        2 => vec![format!("{END} ")],
        3 => vec![BEGIN.into(), "hand-made".into(), END.into()],
        4 => vec![
            BEGIN.into(),
            "```text".into(),
            "1 + 1 = 2".into(),
            "```".into(),
            String::new(),
            END.into(),
        ],
        _ => vec![BEGIN.into(), "# a heading in a region".into(), END.into()],
    }
}

/// Lines in a container: a list item, a quote, or a quote in a list item.
fn contained(rng: &mut Rng, lines: Vec<String>) -> Vec<String> {
    let (first, rest) = match rng.below(5) {
        0 => ("- ", "  "),
        1 => ("> ", "> "),
        2 => ("- > ", "  > "),
        3 => ("1. ", "   "),
        _ => ("<!--\n", ""),
    };
    if first.starts_with("<!--") {
        let mut out = vec!["<!--".to_string()];
        out.extend(lines);
        out.push("-->".into());
        return out;
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| format!("{}{l}", if i == 0 { first } else { rest }))
        .collect()
}

/// A note of a few dozen lines.
fn note(rng: &mut Rng) -> Vec<String> {
    let mut lines = Vec::new();
    for _ in 0..3 + rng.below(12) {
        let piece = match rng.below(10) {
            0..=3 => vec![rng.pick(PROSE).to_string()],
            4..=6 => block(rng),
            7 => {
                let b = block(rng);
                contained(rng, b)
            }
            8 => markers(rng),
            _ => vec![String::new()],
        };
        lines.extend(piece);
    }
    lines
}

/// A filled note, then changed as a person might: a marker line deleted
/// or given a trailing space, a region duplicated or moved, a line of a
/// region edited.
fn tampered(rng: &mut Rng, filled: &str) -> Vec<String> {
    let mut lines: Vec<String> = filled.lines().map(String::from).collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let marked: Vec<usize> = (0..lines.len())
            .filter(|&i| lines[i].contains("<!-- bote:"))
            .collect();
        let at = if marked.is_empty() || rng.chance(20) {
            rng.below(lines.len())
        } else {
            marked[rng.below(marked.len())]
        };
        match rng.below(6) {
            0 => {
                lines.remove(at);
            }
            1 => lines[at].push(' '),
            2 => {
                // Duplicate the lines from here to the next end.
                let end = (at..lines.len())
                    .find(|&i| lines[i].ends_with(END))
                    .unwrap_or(at);
                let copy: Vec<String> = lines[at..=end].to_vec();
                let to = rng.below(lines.len() + 1);
                lines.splice(to..to, copy);
            }
            3 => {
                // Move them.
                let end = (at..lines.len())
                    .find(|&i| lines[i].ends_with(END))
                    .unwrap_or(at);
                let moved: Vec<String> = lines.drain(at..=end).collect();
                let to = rng.below(lines.len() + 1);
                lines.splice(to..to, moved);
            }
            4 => {
                let l = (at + 1).min(lines.len() - 1);
                lines[l].push_str(" (mine)");
            }
            _ => {
                let piece = markers(rng);
                lines.splice(at..at, piece);
            }
        }
    }
    lines
}

#[test]
fn random_notes_keep_every_byte_and_settle_in_one_run() {
    let mut rng = Rng(0x6b6f_7465_5f6e_6f74);
    let mut failures = Vec::new();
    for n in 0..NOTES {
        let mut lines = note(&mut rng);
        if rng.chance(50) {
            let filled = bote::fuzz::fill_note(&lines.join("\n"), rng.chance(50));
            lines = tampered(&mut rng, &filled);
        }
        let eol = if rng.chance(25) { "\r\n" } else { "\n" };
        let mut text = lines.join(eol);
        if rng.chance(70) {
            text.push_str(eol);
        } else if rng.chance(20) {
            // A last line of spaces and no newline: where a block never
            // closed ends (the notes fuzz target's second find).
            text.push_str(rng.pick(&[" ", "\t", "   "]));
        }
        if rng.chance(15) {
            text.insert(0, '\u{feff}');
        }
        for force in [false, true] {
            let checked = std::panic::catch_unwind(|| bote::fuzz::check_note(&text, force))
                .unwrap_or_else(|_| Err("it panicked".into()));
            if let Err(why) = checked {
                // To look at one: BOTE_NOTES_DUMP=folder keeps each that broke.
                if let Some(dir) = std::env::var_os("BOTE_NOTES_DUMP") {
                    let path = std::path::Path::new(&dir).join(format!("note-{n}-{force}.md"));
                    std::fs::write(path, &text).unwrap();
                }
                failures.push(format!("note {n} (force {force}): {why}\n{text}\n"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {NOTES} notes broke a promise; the first:\n{}",
        failures.len(),
        failures[0]
    );
}
