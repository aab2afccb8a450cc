//! The unit catalog: every unit bote reads, with its names, dimension and
//! size in base units, plus the magnitude words and did-you-mean lookup.
//!
//! Where uom defines a unit (information, time, length, information rate) its
//! symbol, names and conversion factor come from uom, so bote never types a
//! factor uom already knows. What uom lacks (KB, Mbps, week, month, money) is
//! listed here. This module must not evaluate or format anything.

pub(crate) mod display;

use crate::quantity::count::Counts;
use crate::quantity::dimension::Dimension;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;
use uom::Conversion;
use uom::si::Unit as UomUnit;

/// How big one of a unit is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Size {
    /// A fixed number of base units.
    Fixed(f64),
    /// A calendar month, whose length the environment chooses.
    Month,
    /// A calendar year, whose length the environment chooses.
    Year,
}

/// One unit in the catalog.
#[derive(Debug)]
pub(crate) struct UnitDef {
    /// The symbol bote prints (`MB`, `kbit`, `min`).
    pub(crate) symbol: &'static str,
    pub(crate) singular: &'static str,
    pub(crate) plural: &'static str,
    /// Every spelling the reader accepts, case-sensitive.
    pub(crate) aliases: Vec<&'static str>,
    pub(crate) dim: Dimension,
    pub(crate) size: Size,
}

/// Units are the same unit when they share a symbol; symbols are unique.
impl PartialEq for UnitDef {
    fn eq(&self, other: &UnitDef) -> bool {
        self.symbol == other.symbol
    }
}

/// Lengths of a month and a year in seconds. Reports print which one was used.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Calendar {
    /// The length of a month, in seconds.
    pub month_s: f64,
    /// The length of a year, in seconds.
    pub year_s: f64,
}

impl Default for Calendar {
    /// A 365-day year (uom's `year`) and a month of exactly a twelfth of it,
    /// so twelve months make a year and "100M a month for 5 years" is 6 billion.
    fn default() -> Self {
        let year_s = uom::si::time::year::coefficient();
        Calendar {
            month_s: year_s / 12.0,
            year_s,
        }
    }
}

impl Calendar {
    /// Why `seconds` cannot be the length of a `month` or a `year`
    /// (`which`), if it cannot: a calendar's month is 28 to 31 days and
    /// its year 360 to 366, so `year: 1 day` or `month: 30` is refused
    /// rather than scaling every monthly figure by it.
    pub(crate) fn length_problem(which: &str, seconds: f64) -> Option<String> {
        let (lo, hi, example) = if which == "month" {
            (28.0, 31.0, "30 days")
        } else {
            (360.0, 366.0, "360 days")
        };
        let days = seconds / 86_400.0;
        (!(lo..=hi).contains(&days))
            .then(|| format!("a {which} is {lo} to {hi} days in any calendar, such as `{example}`"))
    }

    pub(crate) fn seconds(self, size: Size) -> f64 {
        match size {
            Size::Fixed(v) => v,
            Size::Month => self.month_s,
            Size::Year => self.year_s,
        }
    }

    /// The calendar in words, for report headers: "month = 30.42 days, year = 365 days".
    pub(crate) fn describe(self) -> String {
        let days = |s: f64| {
            let d = s / 86_400.0;
            if (d - d.round()).abs() < 1e-9 {
                format!("{d:.0} days")
            } else {
                format!("{d:.2} days")
            }
        };
        format!(
            "month = {}, year = {}",
            days(self.month_s),
            days(self.year_s)
        )
    }
}

/// Magnitude words a number may be followed by, and their factors, smallest
/// first (the short scale, as numbat, fend and GNU units read them).
pub(crate) const MAGNITUDE_WORDS: [(&str, f64); 8] = [
    ("dozen", 12.0),
    ("hundred", 1e2),
    ("thousand", 1e3),
    ("million", 1e6),
    ("billion", 1e9),
    ("trillion", 1e12),
    ("quadrillion", 1e15),
    ("quintillion", 1e18),
];

/// The plural of each magnitude word (`hundreds`, `millions`), read as the word.
pub(crate) const MAGNITUDE_PLURALS: [(&str, &str); 8] = [
    ("dozens", "dozen"),
    ("hundreds", "hundred"),
    ("thousands", "thousand"),
    ("millions", "million"),
    ("billions", "billion"),
    ("trillions", "trillion"),
    ("quadrillions", "quadrillion"),
    ("quintillions", "quintillion"),
];

/// A unit prefix written as a word of its own, as in `5 kilo bytes` or
/// `2 mega bits`: it joins the unit after it (`kilo bytes` is `kilobytes`),
/// and is never a magnitude alone (`5 kilo` is refused, not 5,000).
pub(crate) const PREFIX_WORDS: [&str; 15] = [
    "kilo", "mega", "giga", "tera", "peta", "exa", "kibi", "mebi", "gibi", "tebi", "pebi", "exbi",
    "milli", "micro", "nano",
];

/// Suffixes written straight after digits (`100M`, `2.5bn`), and the word each stands for.
pub(crate) const MAGNITUDE_SUFFIXES: [(&str, &str); 8] = [
    ("k", "thousand"),
    ("K", "thousand"),
    ("M", "million"),
    ("B", "billion"),
    ("bn", "billion"),
    ("Bn", "billion"),
    ("BN", "billion"),
    ("T", "trillion"),
];

pub(crate) fn magnitude_word(word: &str) -> Option<f64> {
    magnitude_entry(word).map(|&(_, f)| f)
}

/// The entry of [`MAGNITUDE_WORDS`] that `word` names, in the singular
/// (`hundred`) or the plural (`hundreds`).
pub(crate) fn magnitude_entry(word: &str) -> Option<&'static (&'static str, f64)> {
    let singular = MAGNITUDE_PLURALS
        .iter()
        .find(|(p, _)| *p == word)
        .map_or(word, |&(_, s)| s);
    MAGNITUDE_WORDS.iter().find(|(w, _)| *w == singular)
}

fn uom<U: UomUnit + Conversion<f64, T = f64>>(dim: Dimension, extra: &[&'static str]) -> UnitDef {
    let mut aliases = vec![U::abbreviation(), U::singular(), U::plural()];
    aliases.extend_from_slice(extra);
    UnitDef {
        symbol: U::abbreviation(),
        singular: U::singular(),
        plural: U::plural(),
        aliases,
        dim,
        size: Size::Fixed(U::coefficient()),
    }
}

/// A unit uom lacks or names differently than people type it.
fn own(
    symbol: &'static str,
    (singular, plural): (&'static str, &'static str),
    aliases: &[&'static str],
    dim: Dimension,
    size: Size,
) -> UnitDef {
    let mut all = vec![symbol, singular, plural];
    all.extend_from_slice(aliases);
    UnitDef {
        symbol,
        singular,
        plural,
        aliases: all,
        dim,
        size,
    }
}

/// A bit-based uom unit shown under its `kbit` style symbol rather than uom's
/// `kb`, which too many people read as kilobytes.
fn bits<U: UomUnit + Conversion<f64, T = f64>>(
    symbol: &'static str,
    extra: &[&'static str],
) -> UnitDef {
    let mut def = uom::<U>(Dimension::DATA, extra);
    def.symbol = symbol;
    def.aliases.retain(|a| *a != "b" && *a != "kb");
    def.aliases.push(symbol);
    def
}

fn bit_rate<U: UomUnit + Conversion<f64, T = f64>>(
    symbol: &'static str,
    extra: &[&'static str],
) -> UnitDef {
    let mut def = uom::<U>(Dimension::DATA_RATE, extra);
    def.symbol = symbol;
    def.aliases.retain(|a| !a.ends_with("b/s"));
    def.aliases.push(symbol);
    def
}

/// A uom unit under a symbol of bote's choosing (uom writes `kW · h`; a
/// person types `kWh`), with that symbol also read.
fn symbol<U: UomUnit + Conversion<f64, T = f64>>(
    dim: Dimension,
    symbol: &'static str,
    extra: &[&'static str],
) -> UnitDef {
    let mut def = uom::<U>(dim, extra);
    def.aliases.retain(|a| !a.contains('·') && !a.contains(' '));
    def.symbol = symbol;
    def.aliases.push(symbol);
    def
}

/// The whole catalog, built once on first use.
pub(crate) static CATALOG: LazyLock<Vec<UnitDef>> = LazyLock::new(|| {
    use uom::si::{energy as e, frequency as f, power as p};
    use uom::si::{information as i, information_rate as r, length as l, time as t};
    let (data, time, len) = (Dimension::DATA, Dimension::TIME, Dimension::LENGTH);
    let (energy, power, rate) = (Dimension::ENERGY, Dimension::POWER, Dimension::RATE);
    let day = t::day::coefficient();
    vec![
        uom::<i::byte>(data, &["Byte", "Bytes"]),
        uom::<i::kilobyte>(
            data,
            &[
                "KB", "KBs", "kBs", "kbyte", "kbytes", "KByte", "KBytes", "kByte", "kBytes",
            ],
        ),
        uom::<i::megabyte>(
            data,
            &["MBs", "MByte", "MBytes", "Mbyte", "Mbytes", "meg", "megs"],
        ),
        uom::<i::gigabyte>(
            data,
            &["GBs", "GByte", "GBytes", "Gbyte", "Gbytes", "gig", "gigs"],
        ),
        uom::<i::terabyte>(data, &["TBs", "TByte", "TBytes", "Tbyte", "Tbytes"]),
        uom::<i::petabyte>(data, &["PBs", "PByte", "PBytes"]),
        uom::<i::exabyte>(data, &[]),
        uom::<i::kibibyte>(data, &[]),
        uom::<i::mebibyte>(data, &[]),
        uom::<i::gibibyte>(data, &[]),
        uom::<i::tebibyte>(data, &["tebibyte", "tebibytes"]),
        uom::<i::pebibyte>(data, &[]),
        uom::<i::exbibyte>(data, &[]),
        bits::<i::bit>("bit", &[]),
        bits::<i::kilobit>("kbit", &["Kb", "Kbit", "kbits", "Kbits"]),
        bits::<i::megabit>("Mbit", &["Mbits"]),
        bits::<i::gigabit>("Gbit", &["Gbits"]),
        bits::<i::terabit>("Tbit", &["Tbits"]),
        bits::<i::petabit>("Pbit", &["Pbits"]),
        bit_rate::<r::bit_per_second>("bit/s", &["bps"]),
        bit_rate::<r::kilobit_per_second>("kbit/s", &["kbps", "Kbps"]),
        bit_rate::<r::megabit_per_second>("Mbit/s", &["Mbps", "mbps"]),
        bit_rate::<r::gigabit_per_second>("Gbit/s", &["Gbps", "gbps"]),
        bit_rate::<r::terabit_per_second>("Tbit/s", &["Tbps", "tbps"]),
        uom::<t::nanosecond>(time, &["nsec", "nsecs", "nanos", "nanosec", "nanosecs"]),
        uom::<t::microsecond>(
            time,
            &[
                "us",
                "μs",
                "usec",
                "usecs",
                "micros",
                "microsec",
                "microsecs",
            ],
        ),
        uom::<t::millisecond>(time, &["msec", "msecs", "millis", "millisec", "millisecs"]),
        uom::<t::second>(time, &["sec", "secs"]),
        uom::<t::minute>(time, &["mins"]),
        uom::<t::hour>(time, &["hr", "hrs"]),
        uom::<t::day>(time, &[]),
        own(
            "week",
            ("week", "weeks"),
            &["wk", "wks"],
            time,
            Size::Fixed(7.0 * day),
        ),
        own(
            "fortnight",
            ("fortnight", "fortnights"),
            &[],
            time,
            Size::Fixed(14.0 * day),
        ),
        own("month", ("month", "months"), &["mo"], time, Size::Month),
        own("year", ("year", "years"), &["yr", "yrs"], time, Size::Year),
        uom::<l::meter>(len, &["metre", "metres"]),
        uom::<l::kilometer>(len, &["kilometre", "kilometres"]),
        uom::<l::mile>(len, &[]),
        uom::<l::foot>(len, &[]),
        // Cycles per second: `3 GHz * 1 ms` is three million cycles.
        uom::<f::hertz>(rate, &[]),
        uom::<f::kilohertz>(rate, &[]),
        uom::<f::megahertz>(rate, &[]),
        uom::<f::gigahertz>(rate, &[]),
        uom::<p::watt>(power, &[]),
        uom::<p::kilowatt>(power, &[]),
        uom::<p::megawatt>(power, &[]),
        uom::<p::gigawatt>(power, &[]),
        uom::<e::joule>(energy, &[]),
        uom::<e::kilojoule>(energy, &[]),
        uom::<e::megajoule>(energy, &[]),
        symbol::<e::watt_hour>(energy, "Wh", &[]),
        symbol::<e::kilowatt_hour>(energy, "kWh", &[]),
        symbol::<e::megawatt_hour>(energy, "MWh", &[]),
        symbol::<e::gigawatt_hour>(energy, "GWh", &[]),
        // How this field writes a rate of requests: one per second. bote
        // shows them only when asked (`unit: QPS`, `-> QPS`).
        own(
            "QPS",
            ("QPS", "QPS"),
            &[],
            Dimension::RATE,
            Size::Fixed(1.0),
        ),
        own(
            "RPS",
            ("RPS", "RPS"),
            &[],
            Dimension::RATE,
            Size::Fixed(1.0),
        ),
        own(
            "TPS",
            ("TPS", "TPS"),
            &[],
            Dimension::RATE,
            Size::Fixed(1.0),
        ),
        // Bytes a second as people abbreviate them: `MBps`, `GBps` (the
        // capital B is the byte, as in `MB`).
        own(
            "kB/s",
            ("kB/s", "kB/s"),
            &["kBps", "KBps"],
            Dimension::DATA_RATE,
            Size::Fixed(1e3),
        ),
        own(
            "MB/s",
            ("MB/s", "MB/s"),
            &["MBps"],
            Dimension::DATA_RATE,
            Size::Fixed(1e6),
        ),
        own(
            "GB/s",
            ("GB/s", "GB/s"),
            &["GBps"],
            Dimension::DATA_RATE,
            Size::Fixed(1e9),
        ),
        own(
            "TB/s",
            ("TB/s", "TB/s"),
            &["TBps"],
            Dimension::DATA_RATE,
            Size::Fixed(1e12),
        ),
        own(
            "IOPS",
            ("IOPS", "IOPS"),
            &[],
            Dimension::RATE,
            Size::Fixed(1.0),
        ),
        own(
            "FPS",
            ("FPS", "FPS"),
            &[],
            Dimension::RATE,
            Size::Fixed(1.0),
        ),
        // Requests a minute, as dashboards count them.
        own(
            "RPM",
            ("RPM", "RPM"),
            &[],
            Dimension::RATE,
            Size::Fixed(1.0 / 60.0),
        ),
        own(
            "cent",
            ("cent", "cents"),
            &[],
            Dimension::MONEY,
            Size::Fixed(0.01),
        ),
        own(
            "$",
            ("dollar", "dollars"),
            &["USD"],
            Dimension::MONEY,
            Size::Fixed(1.0),
        ),
    ]
});

/// Every spelling to its unit, for constant-time lookup.
static SPELLINGS: LazyLock<FxHashMap<&'static str, &'static UnitDef>> = LazyLock::new(|| {
    let count = CATALOG.iter().map(|u| u.aliases.len()).sum();
    let mut map = FxHashMap::with_capacity_and_hasher(count, Default::default());
    map.extend(
        CATALOG
            .iter()
            .flat_map(|u| u.aliases.iter().map(move |&a| (a, u))),
    );
    map
});

/// Each ASCII byte that occurs in some spelling, as a bit. Most names in an
/// estimate (`read_qps`, `q12`) hold a byte no unit does, and skip the hash.
static SPELLING_BYTES: LazyLock<u128> = LazyLock::new(|| {
    all_spellings()
        .flat_map(str::bytes)
        .filter(u8::is_ascii)
        .fold(0, |mask, b| mask | 1 << b)
});

/// The unit spelled exactly `name`, if any.
pub(crate) fn lookup(name: &str) -> Option<&'static UnitDef> {
    let mask = *SPELLING_BYTES;
    if name.bytes().any(|b| b.is_ascii() && mask & (1 << b) == 0) {
        return None;
    }
    SPELLINGS.get(name).copied()
}

/// What a unit's spelling in another case could be (`Hours`, `gbps`, `MS`).
#[derive(Debug)]
pub(crate) enum Folded {
    /// One unit: `Hours` can only be hours.
    One(&'static UnitDef),
    /// Several: `gb` is a gigabyte or a gigabit, and bote will not choose.
    Many(Vec<&'static UnitDef>),
}

/// Every spelling in lower case, to the units it spells in some case, each
/// with whether that spelling may be written in another case: a word
/// (`hours`, `seconds`) or an acronym of three capitals or more (`QPS`,
/// `IOPS`) may, a symbol (`MB`, `Mb`, `GBs`) may not (qalc's rule).
static FOLDED: LazyLock<FxHashMap<String, Vec<(&'static UnitDef, bool)>>> = LazyLock::new(|| {
    let mut map: FxHashMap<String, Vec<(&'static UnitDef, bool)>> = FxHashMap::default();
    for unit in CATALOG.iter() {
        for a in &unit.aliases {
            let word = a.len() >= 3 && a.bytes().all(|b| b.is_ascii_lowercase());
            let acronym = a.len() >= 3 && a.bytes().all(|b| b.is_ascii_uppercase());
            let units = map.entry(a.to_lowercase()).or_default();
            match units.iter_mut().find(|(u, _)| *u == unit) {
                Some((_, foldable)) => *foldable |= word || acronym,
                None => units.push((unit, word || acronym)),
            }
        }
    }
    map
});

/// The units `word` spells when case is set aside, for a word no unit
/// spells exactly: one unit when every reading is that unit and it is a
/// word or acronym (so `Hours`, `SECONDS`, `qps`), several when the
/// readings differ (`gb`, `Mbps` against `MBps`); `None` otherwise (`mbs`,
/// `GBS`, which only a symbol's case could decide).
pub(crate) fn lookup_folded(word: &str) -> Option<Folded> {
    let units = FOLDED.get(&word.to_lowercase())?;
    match units.as_slice() {
        [(one, true)] => Some(Folded::One(one)),
        [_] => None,
        _ => Some(Folded::Many(units.iter().map(|(u, _)| *u).collect())),
    }
}

/// Every unit and every spelling bote accepts for it, as the Markdown
/// table docs/language.md carries (a test keeps the two the same).
pub fn spelling_table() -> String {
    let mut out = String::from("| unit | kind | spellings (case-sensitive) |\n|---|---|---|\n");
    for unit in CATALOG.iter() {
        let mut seen: Vec<&str> = Vec::new();
        for a in &unit.aliases {
            if !seen.contains(a) {
                seen.push(a);
            }
        }
        let spellings: Vec<String> = seen.iter().map(|a| format!("`{a}`")).collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            unit.symbol,
            unit.dim.name(),
            spellings.join(" ")
        ));
    }
    out
}

/// The catalog entry whose symbol is `symbol`.
#[cfg(test)]
pub(crate) fn by_symbol(symbol: &str) -> Option<&'static UnitDef> {
    CATALOG.iter().find(|u| u.symbol == symbol)
}

/// Every spelling of every unit, for did-you-mean.
pub(crate) fn all_spellings() -> impl Iterator<Item = &'static str> {
    CATALOG.iter().flat_map(|u| u.aliases.iter().copied())
}

/// The names of the units of data and time in words (`bytes`, `hours`,
/// `days`), and the magnitude words: the spellings a short word one letter
/// away from is taken for a misspelling of (`byts`, `dayz`, `bilion`).
/// Bits are left out (`bots`, `hits`), and so are lengths (`files`, `mile`).
pub(crate) fn word_names() -> impl Iterator<Item = &'static str> {
    CATALOG
        .iter()
        .filter(|u| (u.dim == Dimension::DATA || u.dim == Dimension::TIME) && u.singular != "bit")
        .filter(|u| !u.singular.ends_with("bit"))
        .flat_map(|u| [u.singular, u.plural])
        .chain(MAGNITUDE_WORDS.iter().map(|(w, _)| *w))
}

/// Close unit spellings for a misspelt unit, one spelling per unit.
pub(crate) fn suggest_units(word: &str, counts: &Counts) -> Vec<String> {
    let fixed = all_spellings().chain(MAGNITUDE_WORDS.iter().map(|(w, _)| *w));
    let spellings = fixed.map(|w| -> &str { w }).chain(counts.spellings());
    let mut seen: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for c in crate::suggest::ranked(word, spellings) {
        let owner = match (lookup(c), counts.lookup(c)) {
            (Some(u), _) => u.symbol.to_string(),
            (None, Some(id)) => id.name(false),
            (None, None) => c.to_string(),
        };
        if !seen.contains(&owner) {
            seen.push(owner);
            out.push(c.to_string());
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use uom::si::{information as i, information_rate as r, length as l, time as t};

    /// Every catalog entry that uom also defines must agree with uom on its
    /// factor, and every uom abbreviation it lists must resolve to it.
    #[test]
    fn catalog_matches_uom() {
        fn check<U: UomUnit + Conversion<f64, T = f64>>(symbol: &str) {
            let def = by_symbol(symbol).unwrap_or_else(|| panic!("{symbol} missing"));
            assert_eq!(def.size, Size::Fixed(U::coefficient()), "{symbol}");
            assert!(def.aliases.contains(&U::singular()), "{symbol}");
            assert!(def.aliases.contains(&U::plural()), "{symbol}");
        }
        check::<i::byte>("B");
        check::<i::kilobyte>("kB");
        check::<i::megabyte>("MB");
        check::<i::gigabyte>("GB");
        check::<i::terabyte>("TB");
        check::<i::petabyte>("PB");
        check::<i::exabyte>("EB");
        check::<i::kibibyte>("KiB");
        check::<i::mebibyte>("MiB");
        check::<i::gibibyte>("GiB");
        check::<i::tebibyte>("TiB");
        check::<i::pebibyte>("PiB");
        check::<i::exbibyte>("EiB");
        check::<i::bit>("bit");
        check::<i::kilobit>("kbit");
        check::<i::megabit>("Mbit");
        check::<i::gigabit>("Gbit");
        check::<i::terabit>("Tbit");
        check::<i::petabit>("Pbit");
        check::<r::bit_per_second>("bit/s");
        check::<r::kilobit_per_second>("kbit/s");
        check::<r::megabit_per_second>("Mbit/s");
        check::<r::gigabit_per_second>("Gbit/s");
        check::<r::terabit_per_second>("Tbit/s");
        check::<t::nanosecond>("ns");
        check::<t::microsecond>("µs");
        check::<t::millisecond>("ms");
        check::<t::second>("s");
        check::<t::minute>("min");
        check::<t::hour>("h");
        check::<t::day>("d");
        check::<l::meter>("m");
        check::<l::kilometer>("km");
        // Units of our own, checked against uom's base where one exists.
        assert_eq!(
            lookup("week").unwrap().size,
            Size::Fixed(7.0 * t::day::coefficient())
        );
        assert_eq!(Calendar::default().year_s, t::year::coefficient());
        assert_eq!(lookup("KB").unwrap().symbol, "kB");
        assert_eq!(lookup("Mbps").unwrap().symbol, "Mbit/s");
    }

    #[test]
    fn no_spelling_is_claimed_twice() {
        let mut seen = std::collections::HashSet::new();
        for s in all_spellings() {
            let owner = lookup(s).unwrap().symbol;
            assert!(
                seen.insert((s, owner)) || lookup(s).unwrap().symbol == owner,
                "{s}"
            );
            let owners: Vec<_> = CATALOG
                .iter()
                .filter(|u| u.aliases.contains(&s))
                .map(|u| u.symbol)
                .collect();
            assert_eq!(owners.len(), 1, "{s} is claimed by {owners:?}");
        }
    }

    #[test]
    fn case_matters() {
        assert_eq!(lookup("Mb").unwrap().symbol, "Mbit");
        assert_eq!(lookup("MB").unwrap().symbol, "MB");
        assert!(lookup("mb").is_none());
        assert!(lookup("b").is_none());
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            crate::suggest::closest("gigabites", all_spellings()).first(),
            Some(&"gigabits")
        );
        let mb = crate::suggest::closest("mb", all_spellings());
        assert!(mb.contains(&"MB") && mb.contains(&"Mb"), "{mb:?}");
        assert!(crate::suggest::closest("zzzzzz", all_spellings()).is_empty());
    }
}
