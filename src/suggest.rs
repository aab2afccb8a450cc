//! Did-you-mean: the known words closest to a misspelt one, and the label
//! that offers them. Every suggestion bote makes comes from here.

/// The closest of `known` to `word`, best first, at most three.
pub(crate) fn closest<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out = ranked(word, known);
    out.truncate(3);
    out
}

/// Every one of `known` close enough to `word`, best first, without repeats.
///
/// A difference of case only is closest (so `mb` offers both `MB` and `Mb`),
/// then a word that `word` begins (`giga` for `gigabytes`), then the
/// optimal-string-alignment distance (a swap of two neighbours counts
/// once, so `usres` finds `users`) up to a quarter of the word's length,
/// and at least one from three letters on. A word of one or two letters is
/// too short to guess from (`x` is no misspelt `$`), and `tweets` is no
/// misspelt `weeks`.
pub(crate) fn ranked<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let len = word.chars().count();
    let limit = if len <= 2 { 0 } else { (len / 4).max(1) };
    let mut scored: Vec<(usize, &str)> = known
        .into_iter()
        .filter(|c| *c != word)
        .filter_map(|c| {
            let d = if c.eq_ignore_ascii_case(word) {
                0
            } else if word.len() >= 3 && c.starts_with(word) {
                1
            } else {
                strsim::osa_distance(word, c)
            };
            (d <= limit).then_some((d, c))
        })
        .collect();
    scored.sort_by_key(|&(d, c)| (d, c.len(), c));
    let mut out: Vec<&str> = Vec::new();
    for (_, c) in scored {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// "did you mean `a` or `b`?", or `None` with nothing to offer.
pub(crate) fn label<S: AsRef<str>>(suggestions: &[S]) -> Option<String> {
    if suggestions.is_empty() {
        return None;
    }
    let list: Vec<String> = suggestions
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect();
    Some(format!("did you mean {}?", list.join(" or ")))
}

/// "; did you mean `a`?" for the closest of `known` to `word`, or nothing:
/// the tail of a one-line message.
pub(crate) fn hint<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> String {
    closest(word, known)
        .first()
        .map(|h| format!("; did you mean `{h}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_near_misses() {
        let names = ["users", "user_rate", "msgs"];
        assert_eq!(closest("usres", names), ["users"]);
        assert_eq!(closest("user", names), ["users", "user_rate"]);
        assert_eq!(closest("zzz", names), Vec::<&str>::new());
        assert_eq!(closest("mb", ["MB", "Mb", "kB", "m"]), ["MB", "Mb"]);
        assert_eq!(closest("x", ["$", "B", "d"]), Vec::<&str>::new());
        assert_eq!(closest("tweets", ["weeks", "week"]), Vec::<&str>::new());
        assert_eq!(closest("sek", ["sec", "secs"]), ["sec"]);
    }

    #[test]
    fn labels() {
        assert_eq!(label(&["a", "b"]).unwrap(), "did you mean `a` or `b`?");
        assert_eq!(label::<&str>(&[]), None);
    }
}
