//! Where in a text something is: a byte range. Tokens, expression nodes,
//! YAML nodes and diagnostics all point with it.

/// A byte range in the text an error or token came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(crate) struct Span {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub(crate) fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    /// This span moved right by `offset` bytes.
    pub(crate) fn shift(self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}
