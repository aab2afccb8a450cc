//! Count units an estimate declares (`counts: [user, request]`): each is a
//! dimension of its own, so `500 B` where `500 B/request` was meant is
//! caught instead of printed.
//!
//! A count is known by a number in one table for the whole process, so a
//! [`Dimension`](super::dimension::Dimension) that carries counts stays a
//! small `Copy` value and can still name them in an error. The table only
//! grows: the same word declared twice is the same count.

use std::sync::{LazyLock, RwLock};

/// A declared count, by its place in the process's table of count names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct CountId(pub(super) u16);

/// A count's names: what it is said as, one and many.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Names {
    singular: Box<str>,
    plural: Box<str>,
}

static TABLE: LazyLock<RwLock<Vec<Names>>> = LazyLock::new(|| RwLock::new(Vec::new()));

/// The most distinct counts one process may name; far beyond any estimate.
const MAX_COUNTS: usize = 60_000;

impl CountId {
    /// The count called `singular` (many: `plural`), added to the table the
    /// first time it is named. `None` only if the table is full.
    pub(crate) fn intern(singular: &str, plural: &str) -> Option<CountId> {
        let find = |table: &[Names]| {
            table
                .iter()
                .position(|n| &*n.singular == singular)
                .and_then(|i| u16::try_from(i + 1).ok())
        };
        if let Some(id) = find(&TABLE.read().unwrap_or_else(|e| e.into_inner())) {
            return Some(CountId(id));
        }
        let mut table = TABLE.write().unwrap_or_else(|e| e.into_inner());
        if let Some(id) = find(&table) {
            return Some(CountId(id));
        }
        if table.len() >= MAX_COUNTS {
            return None;
        }
        table.push(Names {
            singular: singular.into(),
            plural: plural.into(),
        });
        u16::try_from(table.len()).ok().map(CountId)
    }

    /// The count's name for one (`request`) or for many (`requests`).
    pub(crate) fn name(self, many: bool) -> String {
        let table = TABLE.read().unwrap_or_else(|e| e.into_inner());
        let names = table.get(usize::from(self.0) - 1);
        match names {
            Some(n) if many => n.plural.to_string(),
            Some(n) => n.singular.to_string(),
            None => String::from("count"),
        }
    }
}

/// The plural English gives `word` by rule: `request` to `requests`,
/// `query` to `queries`, `match` to `matches`. Irregular plurals
/// (`person: [people]`) are declared by hand.
pub(crate) fn plural_of(word: &str) -> String {
    if let Some(&(_, many)) = IRREGULAR.iter().find(|(one, _)| *one == word) {
        return many.to_string();
    }
    let consonant_y = word.strip_suffix('y').filter(|stem| {
        stem.chars()
            .last()
            .is_some_and(|c| !"aeiou".contains(c.to_ascii_lowercase()))
    });
    if let Some(stem) = consonant_y {
        format!("{stem}ies")
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| word.ends_with(e))
    {
        format!("{word}es")
    } else {
        format!("{word}s")
    }
}

/// Nouns whose plural takes no `s`, as people write counts of them (`7B
/// people`, `10M children`).
pub(crate) const IRREGULAR: [(&str, &str); 6] = [
    ("person", "people"),
    ("child", "children"),
    ("man", "men"),
    ("woman", "women"),
    ("mouse", "mice"),
    ("foot", "feet"),
];

/// The counts one estimate (or one `bote eval`) declared, with every
/// spelling that names each.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Counts {
    /// Each spelling and the count it names, in declaration order.
    spellings: Vec<(String, CountId)>,
    /// Each count's singular, in declaration order.
    declared: Vec<(String, CountId)>,
    /// The counts `bote eval` read from a question's nouns (`150M DAU`)
    /// rather than the person declared, in the order they came.
    guessed: Vec<CountId>,
}

impl Counts {
    /// Declare `singular`, said in the plural as `plural` (by rule when
    /// `None`), also spelt as each of `short`. Clashes are the caller's to
    /// check first. `None` only if the process's table of counts is full.
    pub(crate) fn declare(
        &mut self,
        singular: &str,
        plural: Option<&str>,
        short: &[String],
    ) -> Option<CountId> {
        let plural = plural.map_or_else(|| plural_of(singular), str::to_string);
        let id = CountId::intern(singular, &plural)?;
        self.declared.push((singular.to_string(), id));
        for s in [singular, plural.as_str()]
            .into_iter()
            .chain(short.iter().map(String::as_str))
        {
            if !self.spellings.iter().any(|(w, _)| w == s) {
                self.spellings.push((s.to_string(), id));
            }
        }
        Some(id)
    }

    /// Mark `id`, just declared, as read from a question's nouns.
    pub(crate) fn guess(&mut self, id: CountId) {
        if !self.guessed.contains(&id) {
            self.guessed.push(id);
        }
    }

    /// Where `id` came among the counts read from the question's nouns;
    /// `None` if it was declared by hand.
    pub(crate) fn guessed_at(&self, id: CountId) -> Option<usize> {
        self.guessed.iter().position(|&g| g == id)
    }

    /// Whether any count was read from a question's nouns.
    pub(crate) fn guessed_at_any(&self) -> bool {
        !self.guessed.is_empty()
    }

    /// The count spelt exactly `word`, if one is declared.
    pub(crate) fn lookup(&self, word: &str) -> Option<CountId> {
        self.spellings
            .iter()
            .find(|(w, _)| w == word)
            .map(|&(_, id)| id)
    }

    /// Every spelling of every declared count, for did-you-mean.
    pub(crate) fn spellings(&self) -> impl Iterator<Item = &str> {
        self.spellings.iter().map(|(w, _)| w.as_str())
    }

    /// The declared counts' names, in declaration order.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.declared.iter().map(|(w, _)| w.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        for (one, many) in [
            ("request", "requests"),
            ("query", "queries"),
            ("day", "days"),
            ("match", "matches"),
            ("box", "boxes"),
            ("bus", "buses"),
        ] {
            assert_eq!(plural_of(one), many);
        }
    }

    #[test]
    fn a_word_is_one_count_everywhere() {
        let a = CountId::intern("widget", "widgets").unwrap();
        let b = CountId::intern("widget", "widgets").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.name(true), "widgets");
        let mut counts = Counts::default();
        counts
            .declare("person", Some("people"), &["ppl".into()])
            .unwrap();
        assert_eq!(counts.lookup("ppl"), counts.lookup("person"));
        let id = counts.lookup("people").unwrap();
        assert_eq!(counts.lookup("person"), Some(id));
        assert_eq!(id.name(true), "people");
        assert_eq!(counts.names().collect::<Vec<_>>(), ["person"]);
    }
}
