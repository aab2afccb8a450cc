//! The words that hold a sentence together (`a`, `the`, `for`) and the
//! adjectives before a noun (`new`, `daily`): never a count, never a unit.
//! Plain lists, so both the errors and the reading of a question use them.

/// Words that join a sentence and are never a count, nor suggested as one.
const FUNCTION_WORDS: [&str; 24] = [
    "a", "an", "the", "for", "at", "of", "per", "to", "in", "on", "by", "with", "and", "or",
    "each", "every", "from", "into", "over", "across", "as", "is", "are", "be",
];

/// Words that describe the count after them (`100M new URLs`): read past,
/// so the noun after them is the count.
pub(crate) const MODIFIERS: [&str; 21] = [
    "new",
    "active",
    "daily",
    "monthly",
    "weekly",
    "yearly",
    "hourly",
    "nightly",
    "annually",
    "unique",
    "total",
    "concurrent",
    "peak",
    "average",
    "avg",
    "extra",
    "additional",
    "distinct",
    "online",
    "paying",
    "returning",
];

/// Is `word` a glue word of a sentence, never a count?
pub(crate) fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word) || MODIFIERS.contains(&word) || OTHER_ADVERBS.contains(&word)
}

/// The count a word of how often stands for: `once` 1, `twice` 2, `thrice` 3
/// (`twice a day`, `1M users twice a day`); never a noun.
pub(crate) fn how_many_times(word: &str) -> Option<f64> {
    match word {
        "once" => Some(1.0),
        "twice" => Some(2.0),
        "thrice" => Some(3.0),
        _ => None,
    }
}

/// The number a cardinal word says (`one` to `twelve`, and the tens to
/// `ninety`), read as a figure before a magnitude word or a unit (`ten
/// million users`, `two billion`, `five minutes`).
pub(crate) fn cardinal(word: &str) -> Option<f64> {
    const WORDS: [(&str, f64); 20] = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("seventy", 70.0),
        ("eighty", 80.0),
        ("ninety", 90.0),
    ];
    WORDS.iter().find(|(w, _)| *w == word).map(|&(_, n)| n)
}

/// The unit of time a word of how often says "per" of, after a figure
/// (`10 GB hourly`, `1M requests daily`): an hour, a day, ... Before a
/// noun the word describes it instead (`100M daily users`: see
/// [`MODIFIERS`]).
pub(crate) fn per_adverb(word: &str) -> Option<&'static str> {
    match word {
        "hourly" => Some("hour"),
        "daily" | "nightly" => Some("day"),
        "weekly" => Some("week"),
        "monthly" => Some("month"),
        "yearly" | "annually" => Some("year"),
        _ => None,
    }
}

/// Words of how often that no one unit says (a quarter, two weeks): refused
/// after a figure with how to write them, never read past as a noun.
pub(crate) const OTHER_ADVERBS: [&str; 8] = [
    "quarterly",
    "biweekly",
    "fortnightly",
    "bimonthly",
    "biannually",
    "semiannually",
    "semiweekly",
    "secondly",
];

/// The words of the grammar beyond [`FUNCTION_WORDS`] (`3 times a day`,
/// `half an hour`, `between 1 and 3 TB`, `how many ... do I need`).
const GRAMMAR_WORDS: [&str; 14] = [
    "times", "once", "twice", "thrice", "half", "between", "how", "many", "much", "long", "what",
    "fit", "do", "need",
];

/// Is `word`, in lower case, a glue or grammar word, which a person may
/// write capitalised (`3 Times A Day`, `Between 1 And 3 TB`)?
pub(crate) fn is_glue_folded(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    FUNCTION_WORDS.contains(&lower.as_str())
        || GRAMMAR_WORDS.contains(&lower.as_str())
        || per_adverb(&lower).is_some()
        || OTHER_ADVERBS.contains(&lower.as_str())
}
