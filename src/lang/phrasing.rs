//! A question as people type it (`150M DAU * 2 posts/day`, `100M new URLs
//! a month`): which plain nouns after a figure `bote eval` reads as counts,
//! and which words are the sentence's glue rather than units. The grammar
//! itself (`a day` as `per day`, `at`, `for`) is the parser's; this file
//! only decides about words.

use super::lexer::{Tok, Token, lex};
use crate::quantity::count::{Counts, plural_of};

pub(crate) use super::glue::{MODIFIERS, is_function_word};

/// Is `word` a misspelt unit: a unit's spelling in another case (`mbs`,
/// `GBS`), or within one edit (a swap of two letters counts as one) of a
/// unit's, magnitude's or prefix's spelling for words of six letters and
/// more (`gigabites`, `secnods`), or of the name of a unit of data or
/// time or a magnitude word for words of four and five (`byts`, `hourz`,
/// `yeras`, `bilion`), unless the word is a common count
/// ([`COMMON_COUNTS`]: `tours` is no misspelt `hours`). A word that is a
/// unit bote does not carry (`gallons`) is held back the same way, so the
/// parser names it rather than counting it.
pub(crate) fn is_misspelt_unit(word: &str) -> bool {
    let lower = word.to_lowercase();
    let bare = lower.strip_suffix('s').unwrap_or(&lower);
    if COMMON_COUNTS.contains(&lower.as_str()) || COMMON_COUNTS.contains(&bare) {
        return false;
    }
    if UNCARRIED_UNITS.contains(&bare) || UNCARRIED_UNITS.contains(&lower.as_str()) {
        return true;
    }
    let len = word.chars().count();
    let lower_len = lower.chars().count();
    // Within one edit: no nearer than their lengths' difference, so the
    // edit distance is worked out only for spellings of about this length
    // (it was most of a question's time).
    let close = |u: &str| {
        let u = u.to_lowercase();
        u.chars().count().abs_diff(lower_len) <= 1 && strsim::damerau_levenshtein(&lower, &u) <= 1
    };
    let long = len >= 6
        && crate::units::all_spellings()
            .chain(crate::units::MAGNITUDE_WORDS.iter().map(|(w, _)| *w))
            .chain(crate::units::PREFIX_WORDS)
            .any(&close);
    let short = len >= 4 && crate::units::word_names().any(|u| u.len() >= 4 && close(u));
    // `MBsp`, `GBSp`: a symbol's letters, one out of place.
    let symbol = len >= 4
        && word.chars().filter(char::is_ascii_uppercase).count() >= 2
        && crate::units::all_spellings().any(|u| {
            u.len() >= 4
                && u.chars().count().abs_diff(len) <= 1
                && strsim::damerau_levenshtein(word, u) <= 1
        });
    let cased = crate::units::all_spellings().any(|u| {
        let u = u.to_lowercase();
        u == lower || u == bare
    });
    cased || long || short || symbol
}

/// Nouns people count that lie one letter from a unit's name (`tours` and
/// `hours`, `geeks` and `weeks`): read as counts, never as misspelt units.
const COMMON_COUNTS: [&str; 16] = [
    "bite", "gear", "geek", "tour", "seek", "peek", "weed", "pear", "tear", "peer", "deer", "beer",
    // Short forms of the nouns of system design: `msgs` is no misspelt `megs`.
    "msg", "reqs", "req", "txn",
];

/// Units bote does not carry (mass, volume, temperature, speed, decades)
/// and magnitudes in other words or scales (`mil`, `lakh`, `quarter`),
/// held back from being read as counts: `3 gallons` and `5 mil users` are
/// refused, not 3 or 5 of a noun.
const UNCARRIED_UNITS: [&str; 35] = [
    "gallon",
    "liter",
    "litre",
    "ton",
    "tonne",
    "ounce",
    "oz",
    "lb",
    "lbs",
    "pound",
    "kg",
    "kilogram",
    "gram",
    "gramme",
    "inch",
    "inche",
    "yard",
    "acre",
    "mph",
    "kph",
    "kmh",
    "celsius",
    "fahrenheit",
    "kilo",
    "mil",
    "mill",
    "mio",
    "mln",
    "bil",
    "lakh",
    "crore",
    "decade",
    "century",
    "quarter",
    "grand",
];

/// Could `word` be a noun: a word with a vowel (`tweets`, `users`), an
/// acronym of capitals (`DAU`, `URLs`), or a short form people count
/// (`msgs`, `txns`)? `xx` and `zz` are none of them.
fn is_noun_like(word: &str) -> bool {
    word.chars().any(|c| "aeiouyAEIOUY".contains(c))
        || word.chars().filter(char::is_ascii_uppercase).count() >= 2
        || COMMON_COUNTS.contains(&word.strip_suffix('s').unwrap_or(word))
}

/// What `bote eval` makes of a line before parsing it: the nouns it reads
/// as counts (each `(singular, plural)`), and the text with the modifiers
/// before them blanked out and the words of the sentence in lower case
/// (same length, so every position stays).
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Reading {
    pub(crate) counts: Vec<(String, String)>,
    pub(crate) text: String,
}

/// The plain nouns in `src` that follow a figure (`150M DAU`, `2 posts/day`,
/// `1 billion requests per day`, `500 bytes per URL`) and are not a unit, a
/// magnitude, a function, a keyword, a glue word, a misspelt unit, a
/// count already declared. A defined name of the same spelling does not
/// stop it: right after a figure a word is a unit or a noun (`5 requests
/// per second` is five, whatever `requests` was defined as).
pub(crate) fn read(src: &str, counts: &Counts, is_name: &dyn Fn(&str) -> bool) -> Reading {
    let mut tokens = Vec::new();
    let mut reading = Reading {
        counts: Vec::new(),
        text: src.to_string(),
    };
    // `10K QPS.`, `... at 200 KB?`: a sentence's last stop is no operator.
    let end = src.trim_end();
    let stop = match end.as_bytes() {
        [.., b'?' | b'!'] => true,
        [.., before, b'.'] => !before.is_ascii_digit(),
        _ => false,
    };
    if stop {
        blank(
            &mut reading.text,
            crate::span::Span::new(end.len() - 1, end.len()),
        );
    }
    if lex(&reading.text, &mut tokens).is_err() {
        return reading;
    }
    fold_glue(&mut reading.text, &tokens, is_name);
    let folded = reading.text.clone();
    let src = folded.as_str();
    let word = |t: &Token| (t.tok == Tok::Ident).then(|| t.text(src));
    // After a figure: a number, then any units, magnitude words, counts,
    // `/` or `per` that continue it.
    let mut after_figure = false;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let next_is = |tok: Tok| tokens.get(i + 1).is_some_and(|n| n.tok == tok);
        match (t.tok, word(&t)) {
            (Tok::Number { .. }, _) => after_figure = true,
            // `how many requests per second is ...`: the noun asked for.
            (Tok::Ident, Some(w))
                if w.eq_ignore_ascii_case("many")
                    && i > 0
                    && word(&tokens[i - 1]).is_some_and(|p| p.eq_ignore_ascii_case("how")) =>
            {
                after_figure = true;
            }
            // `a billion requests`, `a million users`, `ten million
            // users`: a figure in words.
            (Tok::Ident, Some(w))
                if (matches!(w, "a" | "an") || super::glue::cardinal(w).is_some())
                    && !is_name(w)
                    && tokens.get(i + 1).and_then(word).is_some_and(|n| {
                        crate::units::magnitude_entry(&n.to_ascii_lowercase()).is_some()
                    }) =>
            {
                after_figure = true;
            }
            (Tok::Slash, _) => {}
            // `1 GB of logs per day`, `1 hour of video`: `of` and a plain
            // noun after a figure say what it is of, and are read past.
            (Tok::Ident, Some("of"))
                if after_figure
                    && tokens.get(i + 1).and_then(word).is_some_and(|n| {
                        is_noun_like(n)
                            && !is_unit_word(n, counts)
                            && !is_function_word(n)
                            && !super::parser::is_reserved_word(n)
                            && !is_misspelt_unit(n)
                    })
                    && tokens.get(i + 2).is_none_or(|t| {
                        !matches!(t.tok, Tok::Number { .. } | Tok::LParen | Tok::Dollar)
                    }) =>
            {
                let noun = tokens[i + 1];
                blank(&mut reading.text, t.span);
                blank(&mut reading.text, noun.span);
                i += 2;
                continue;
            }
            (Tok::Ident, Some(w)) if after_figure => {
                // `2 TB daily growth`, `$50 monthly fee`: after a figure with
                // a unit (or money), a word of how often is per, and the noun
                // after it says what the figure is.
                let unit_before = i > 0
                    && (word(&tokens[i - 1]).is_some_and(|p| crate::units::lookup(p).is_some())
                        || matches!(tokens[i - 1].tok, Tok::Number { .. })
                            && i > 1
                            && tokens[i - 2].tok == Tok::Dollar);
                if unit_before && !is_name(w) && super::glue::per_adverb(w).is_some() {
                    if let Some(n) = tokens.get(i + 1)
                        && let Some(nw) = word(n)
                        && crate::units::lookup(nw).is_none()
                        && !is_function_word(nw)
                        && !is_unit_word(nw, counts)
                        && !is_name(nw)
                        && tokens.get(i + 2).is_none_or(|t| t.tok != Tok::LParen)
                    {
                        blank(&mut reading.text, n.span);
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                // (`each` after a figure is the parser's: `at 1000 RPS each`
                // says which reading, `each second` is per second.)
                let unit_like = is_unit_word(w, counts) || matches!(w, "per" | "every" | "each");
                if unit_like {
                    i += 1;
                    continue;
                }
                // `new` before a noun: blank it and look at the noun; so
                // each of several (`daily active users`).
                let noun_after = tokens[i + 1..]
                    .iter()
                    .map_while(word)
                    .find(|n| !MODIFIERS.contains(n))
                    .is_some_and(|n| crate::units::lookup(n).is_none() && !is_function_word(n));
                if MODIFIERS.contains(&w) && noun_after {
                    blank(&mut reading.text, t.span);
                    i += 1;
                    continue;
                }
                let plain = is_noun_like(w)
                    && !is_function_word(w)
                    && super::glue::how_many_times(w).is_none()
                    && !super::parser::is_reserved_word(w)
                    && !w.contains('.')
                    && !is_misspelt_unit(w)
                    && !next_is(Tok::LParen);
                // `50,000 drivers updating every 4 seconds`: a word in -ing
                // after a count is what the count does, not a second count.
                let doing = w.len() >= 5
                    && w.ends_with("ing")
                    && i > 0
                    && word(&tokens[i - 1]).is_some_and(|prev| {
                        reading
                            .counts
                            .iter()
                            .any(|(one, many)| prev == one || prev == many)
                    });
                if plain && doing {
                    blank(&mut reading.text, t.span);
                } else if plain {
                    let pair = singular_and_plural(w);
                    if !reading.counts.contains(&pair) {
                        reading.counts.push(pair);
                    }
                } else {
                    after_figure = false;
                }
            }
            _ => after_figure = false,
        }
        i += 1;
    }
    reading
}

/// `3 Times A Day`, `Between 1 And 3 TB`: the words of the sentence in
/// `text` in lower case, as the grammar reads them; never a unit's or a
/// defined name's spelling. The same length, so every token's place stays.
fn fold_glue(text: &mut String, tokens: &[Token], is_name: &dyn Fn(&str) -> bool) {
    for t in tokens.iter().filter(|t| t.tok == Tok::Ident) {
        let word = &text[t.span.start..t.span.end];
        let fold = word.bytes().any(|b| b.is_ascii_uppercase())
            && super::glue::is_glue_folded(word)
            && crate::units::lookup(word).is_none()
            && !is_name(word);
        if fold {
            let lower = word.to_ascii_lowercase();
            text.replace_range(t.span.start..t.span.end, &lower);
        }
    }
}

/// Does `word` read as a unit where a unit may stand: a catalog unit in
/// any spelling the parser takes (its case folded where that is one unit,
/// or several it will refuse to choose between), a magnitude word in any
/// case, a prefix written as a word, or a declared count?
fn is_unit_word(word: &str, counts: &Counts) -> bool {
    super::parser::unit_here(word, counts).is_some()
        || matches!(
            crate::units::lookup_folded(word),
            Some(crate::units::Folded::Many(_))
        )
        || crate::units::PREFIX_WORDS.contains(&word)
}

/// Blank the word at `span` out of `text` in place, keeping every
/// position: the parser never sees it, and errors still point right.
fn blank(text: &mut String, span: crate::span::Span) {
    text.replace_range(span.start..span.end, &" ".repeat(span.end - span.start));
}

/// The singular and plural of a noun written either way: `URLs` is `URL`
/// and `URLs`, `queries` is `query` and `queries`, `DAU` is `DAU` and `DAUs`.
pub(crate) fn singular_and_plural(word: &str) -> (String, String) {
    if let Some(&(one, many)) = crate::quantity::count::IRREGULAR
        .iter()
        .find(|(one, many)| *one == word || *many == word)
    {
        return (one.to_string(), many.to_string());
    }
    let candidates = [
        word.strip_suffix("ies").map(|s| format!("{s}y")),
        word.strip_suffix("es").map(str::to_string),
        word.strip_suffix('s')
            .filter(|s| !s.ends_with('s'))
            .map(str::to_string),
    ];
    for singular in candidates.into_iter().flatten() {
        if !singular.is_empty() && plural_of(&singular) == word {
            return (singular, word.to_string());
        }
    }
    (word.to_string(), plural_of(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts_in(src: &str) -> Vec<String> {
        read(src, &Counts::default(), &|_| false)
            .counts
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    #[test]
    fn nouns_after_figures_are_counts() {
        let cases: [(&str, &[&str]); 10] = [
            ("150M DAU * 2 posts/day", &["DAU", "post"]),
            ("1 billion requests per day in QPS", &["request"]),
            ("100M new URLs a month at 500 bytes for 5 years", &["URL"]),
            ("500 bytes per URL", &["URL"]),
            ("5 gigabites", &[]),
            ("3,000 miles", &[]),
            ("1 billion a day in QPS", &[]),
            ("dau * 2", &[]),
            ("5 queries + 3 boxes", &["query", "box"]),
            ("50,000 drivers updating every 4 seconds", &["driver"]),
        ];
        for (src, want) in cases {
            assert_eq!(counts_in(src), want, "{src}");
        }
    }

    #[test]
    fn a_modifier_is_blanked_in_place() {
        let r = read("100M new URLs", &Counts::default(), &|_| false);
        assert_eq!(r.text, "100M     URLs");
    }

    #[test]
    fn singulars() {
        assert_eq!(singular_and_plural("URLs"), ("URL".into(), "URLs".into()));
        assert_eq!(
            singular_and_plural("queries"),
            ("query".into(), "queries".into())
        );
        assert_eq!(singular_and_plural("DAU"), ("DAU".into(), "DAUs".into()));
        assert_eq!(
            singular_and_plural("matches"),
            ("match".into(), "matches".into())
        );
        assert_eq!(
            singular_and_plural("posts"),
            ("post".into(), "posts".into())
        );
    }
}
