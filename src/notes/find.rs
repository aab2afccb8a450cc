//! Reading a note: the bote blocks and headings a CommonMark renderer
//! sees (pulldown-cmark, from source offsets), and the region bote wrote
//! after each block. It finds; it does not write.

use super::{BEGIN, END, MARK};

/// What a block holds, from its fence's info string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// ` ```bote `: eval statements.
    Eval,
    /// ` ```yaml bote `: an estimate file; `summary` for the summary alone.
    Estimate { summary: bool },
}

/// Where each line of the note starts, to go from a byte offset to a line
/// and back in logarithmic time.
pub(super) struct Lines<'a> {
    note: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(super) fn new(note: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            note.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1)
                .filter(|&i| i < note.len()),
        );
        if note.is_empty() {
            starts.clear();
        }
        Lines { note, starts }
    }

    pub(super) fn len(&self) -> usize {
        self.starts.len()
    }

    /// The line (0-based) holding byte `at`.
    pub(super) fn of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at).saturating_sub(1)
    }

    pub(super) fn start(&self, i: usize) -> usize {
        self.starts[i]
    }

    /// Where line `i`'s text ends, before its `\r\n` or `\n`.
    pub(super) fn end(&self, i: usize) -> usize {
        let next = self.starts.get(i + 1).copied().unwrap_or(self.note.len());
        let bytes = self.note.as_bytes();
        let mut end = next;
        if end > self.starts[i] && bytes[end - 1] == b'\n' {
            end -= 1;
            if end > self.starts[i] && bytes[end - 1] == b'\r' {
                end -= 1;
            }
        }
        end
    }

    /// Line `i`'s text, without its line ending.
    pub(super) fn text(&self, i: usize) -> &'a str {
        &self.note[self.start(i)..self.end(i)]
    }
}

/// A bote block, as CommonMark reads the note.
#[derive(Debug)]
pub(super) struct Block {
    pub(super) kind: Kind,
    /// The line of its opening fence.
    pub(super) open: usize,
    /// The line of its closing fence; `None` when it is never closed.
    pub(super) close: Option<usize>,
    /// Its content, without what the container (a list item, a quote)
    /// puts before each line.
    pub(super) content: String,
    /// Its first content line.
    pub(super) first: usize,
    /// Where the block starts in the note.
    pub(super) start: usize,
}

/// A heading the parser found: where it starts, and its level.
pub(super) struct Heading {
    pub(super) at: usize,
    pub(super) level: usize,
}

/// The bote blocks and the headings of `note`, as a CommonMark renderer
/// reads it: a fence in an HTML comment is no block, one indented four
/// spaces closes nothing.
pub(super) fn parse(note: &str, lines: &Lines<'_>) -> (Vec<Block>, Vec<Heading>) {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
    let mut blocks = Vec::new();
    let mut headings = Vec::new();
    // The bote block being read: it, and where its content ends so far.
    let mut open: Option<(Block, Option<usize>)> = None;
    let mut in_code = false;
    for (event, range) in Parser::new(note).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => headings.push(Heading {
                at: range.start,
                level: level as usize,
            }),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                in_code = true;
                if let Some(kind) = block_kind(&info) {
                    let line = lines.of(range.start);
                    let block = Block {
                        kind,
                        open: line,
                        // The last line of the block, for now.
                        close: Some(lines.of(range.end.saturating_sub(1).max(range.start))),
                        content: String::new(),
                        first: line + 1,
                        start: range.start,
                    };
                    open = Some((block, None));
                }
            }
            Event::Text(text) if in_code => {
                if let Some((block, last)) = &mut open {
                    if last.is_none() {
                        block.first = lines.of(range.start);
                    }
                    *last = Some(range.end);
                    block.content.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                if let Some((mut block, last)) = open.take() {
                    // Closed when its last line is neither the opening
                    // fence nor content: a closing fence.
                    let end = block.close.unwrap_or(block.open);
                    let content_end = last.map(|e| lines.of(e.saturating_sub(1)));
                    let closed = end > block.open
                        && content_end.is_none_or(|c| c < end)
                        && closes(lines.text(block.open), lines.text(end));
                    if !closed {
                        block.close = None;
                    }
                    blocks.push(block);
                }
            }
            _ => {}
        }
    }
    (blocks, headings)
}

/// A note's bote blocks and headings, and what follows each block (in
/// the same order; nothing for a block never closed). The inside of a
/// region is bote's, so it must not change how the rest reads: a region
/// whose code block lost its closing fence would otherwise hide every
/// block below it until bote rewrote it, and a second run would differ
/// from the first. So the note is read again with each region's inside
/// masked (plain letters, the container's `>`s and spaces kept), until
/// the regions found stop changing: twice for almost any note.
pub(super) fn read(note: &str, lines: &Lines<'_>) -> (Vec<Block>, Vec<Heading>, Vec<Found>) {
    let mut masked: Option<String> = None;
    let mut before: Option<Vec<(usize, usize)>> = None;
    let mut round = 0;
    loop {
        round += 1;
        let text = masked.as_deref().unwrap_or(note);
        let (blocks, headings) = parse(text, lines);
        let found: Vec<Found> = blocks
            .iter()
            .enumerate()
            .map(|(n, block)| {
                let Some(close) = block.close else {
                    return Found::None;
                };
                // A region never runs past the next bote block.
                let next = blocks.get(n + 1).map_or(lines.len(), |b| lines.of(b.start));
                find_region(lines, close, next, container_prefix(lines.text(close)))
            })
            .collect();
        let spans: Vec<(usize, usize)> = found
            .iter()
            .filter_map(|f| match f {
                Found::Region(r) => Some((r.begin, r.end)),
                _ => None,
            })
            .collect();
        // Stable; or no region at all; or, past a few rounds, as good as
        // it gets (a note made to flip would otherwise run forever).
        if before.as_ref() == Some(&spans) || (spans.is_empty() && masked.is_none()) || round > 6 {
            return (blocks, headings, found);
        }
        masked = Some(mask(note, lines, &spans));
        before = Some(spans);
    }
}

/// `note` with the lines strictly inside each span (opening and closing
/// line) made plain text of the same length: every byte after a line's
/// leading `>`s, spaces and tabs becomes `a`, so offsets and lines stay.
fn mask(note: &str, lines: &Lines<'_>, spans: &[(usize, usize)]) -> String {
    let mut bytes = note.as_bytes().to_vec();
    for &(begin, end) in spans {
        for i in begin + 1..end {
            let text = lines.text(i);
            let lead = text.len() - text.trim_start_matches([' ', '\t', '>']).len();
            for b in &mut bytes[lines.start(i) + lead..lines.end(i)] {
                *b = b'a';
            }
        }
    }
    String::from_utf8(bytes).unwrap_or_else(|_| note.to_string())
}

/// Whether `close` is a closing fence for the fence that opens `open`:
/// after the container's `>`s and spaces, at least as many of the same
/// character, then nothing but spaces. (The parser ends a block never
/// closed at the end of its container, after blank lines perhaps.)
fn closes(open: &str, close: &str) -> bool {
    let Some(at) = open.find(['`', '~']) else {
        return false;
    };
    let fence = &open[at..];
    let c = fence.chars().next().unwrap_or('`');
    let n = fence.len() - fence.trim_start_matches(c).len();
    let rest = close.trim_start_matches([' ', '\t', '>']);
    let run = rest.len() - rest.trim_start_matches(c).len();
    run >= n && rest[run..].trim().is_empty()
}

/// A region found after a block: its opening and closing lines.
#[derive(Clone, Copy)]
pub(super) struct Region {
    pub(super) begin: usize,
    pub(super) end: usize,
}

/// What follows a block's closing fence.
#[derive(Clone, Copy)]
pub(super) enum Found {
    /// No region: the first line that is not blank is the note's.
    None,
    /// A region, opening and closing line.
    Region(Region),
    /// A region that opens on this line and has no end before the next
    /// block or opening line.
    NoEnd(usize),
}

/// The region after the closing fence on line `close`, if there is one:
/// the first line after it that is not blank opens it, and the first
/// `<!-- bote: end -->` line after that closes it, before line `next`
/// (where the next bote block opens) and before another opening line.
/// Every line is read after the container's `prefix`.
pub(super) fn find_region(lines: &Lines<'_>, close: usize, next: usize, prefix: &str) -> Found {
    let inside = |i: usize| -> Option<&str> {
        let l = lines.text(i);
        l.strip_prefix(prefix).or_else(|| {
            l.strip_prefix(prefix.trim_end())
                .filter(|r| r.trim().is_empty())
        })
    };
    let mut at = close + 1;
    while at < next && inside(at).is_some_and(|l| l.trim().is_empty()) {
        at += 1;
    }
    if at >= next || !inside(at).is_some_and(|l| l.starts_with(BEGIN)) {
        return Found::None;
    }
    let begin = at;
    for i in begin + 1..next {
        match inside(i) {
            Some(l) if l == END => return Found::Region(Region { begin, end: i }),
            // Another opening line, or an end changed by hand (a space
            // after it): which line ends this region is a guess bote
            // does not make.
            _ if marker_like(lines.text(i), prefix) => break,
            _ => {}
        }
    }
    Found::NoEnd(begin)
}

/// Whether a reader would take `line` for one of bote's markers in a
/// region written after `prefix`: in as many quotes (`>`s) as the prefix,
/// and after the last `>` at most three spaces more than the prefix has.
/// A line bote wrote four spaces in, to keep it from reading as one, is
/// not; nor is one quoted once more, which is text in a quote.
pub(super) fn marker_like(line: &str, prefix: &str) -> bool {
    let rest = line.trim_start_matches([' ', '\t', '>']);
    let quotes = |lead: &str| lead.matches('>').count();
    let indent = |lead: &str| {
        let after = lead.rfind('>').map_or(lead, |i| &lead[i + 1..]);
        after
            .chars()
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum::<usize>()
    };
    let lead = &line[..line.len() - rest.len()];
    rest.starts_with(MARK) && quotes(lead) == quotes(prefix) && indent(lead) <= indent(prefix) + 3
}

/// What the container puts before each line of a block, read from its
/// closing fence's line: spaces in a list item, `> ` in a quote. A region
/// is written with it, so that it sits where the block does.
pub(super) fn container_prefix(close_line: &str) -> &str {
    let at = close_line.find(['`', '~']).unwrap_or(0);
    &close_line[..at]
}

/// The crc an opening line records, if it records one.
pub(super) fn recorded_crc(line: &str) -> Option<u32> {
    let at = line.find("(crc ")? + 5;
    let hex = line.get(at..at + 8)?;
    u32::from_str_radix(hex, 16).ok()
}

/// What a fence's info string asks of bote: ` ```bote ` is eval,
/// ` ```yaml bote ` an estimate (`summary` for the summary alone).
fn block_kind(info: &str) -> Option<Kind> {
    let words: Vec<&str> = info
        .split(|c: char| c.is_whitespace() || matches!(c, '{' | '}' | ',' | '.'))
        .filter(|w| !w.is_empty())
        .collect();
    if !words.contains(&"bote") {
        return None;
    }
    if words.iter().any(|w| *w == "yaml" || *w == "yml") {
        Some(Kind::Estimate {
            summary: words.contains(&"summary"),
        })
    } else if words[0] == "bote" {
        Some(Kind::Eval)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_info_strings() {
        assert_eq!(block_kind("bote"), Some(Kind::Eval));
        assert_eq!(
            block_kind("yaml bote"),
            Some(Kind::Estimate { summary: false })
        );
        assert_eq!(
            block_kind("yaml {bote}"),
            Some(Kind::Estimate { summary: false })
        );
        assert_eq!(
            block_kind("yaml bote summary"),
            Some(Kind::Estimate { summary: true })
        );
        assert_eq!(block_kind("yaml"), None);
        assert_eq!(block_kind("rust"), None);
        assert_eq!(block_kind(""), None);
    }

    #[test]
    fn markers_and_prefixes() {
        assert_eq!(container_prefix("```"), "");
        assert_eq!(container_prefix("  > ~~~~"), "  > ");
        // A marker after the prefix and up to three spaces reads as one;
        // four spaces in, it is text.
        assert!(marker_like("<!-- bote: end -->", ""));
        assert!(marker_like("   <!-- bote: end --> ", ""));
        assert!(!marker_like("    <!-- bote: end -->", ""));
        assert!(marker_like("  > <!-- bote: results", "  > "));
        assert!(!marker_like("  >     <!-- bote: end -->", "  > "));
        assert!(!marker_like("<!-- not bote -->", ""));
        assert!(!marker_like("> <!-- bote: end -->", ""));
        assert!(!marker_like("> > <!-- bote: end -->", "> "));
    }

    #[test]
    fn blocks_as_commonmark_reads_them() {
        let blocks = |note: &str| {
            let lines = Lines::new(note);
            parse(note, &lines)
                .0
                .iter()
                .map(|b| (b.open, b.close, b.content.clone()))
                .collect::<Vec<_>>()
        };
        // Closed by a longer fence, not by one four spaces in.
        assert_eq!(
            blocks("~~~bote\n1\n    ~~~\n~~~~\n"),
            [(0, Some(3), "1\n    ~~~\n".to_string())]
        );
        // Commented out: none. Never closed: no closing line.
        assert_eq!(blocks("<!--\n```bote\n1\n```\n-->\n"), []);
        assert_eq!(blocks("```bote\n1\n"), [(0, None, "1\n".to_string())]);
        assert_eq!(blocks("```bote\n1\n\n "), [(0, None, "1\n\n".to_string())]);
        // In a quote: the content without the `> `.
        assert_eq!(
            blocks("> ```bote\n> 1 + 1\n> ```\n"),
            [(0, Some(2), "1 + 1\n".to_string())]
        );
    }
}
