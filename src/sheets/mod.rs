//! Reference numbers (`ref.ssd_random_read`) and prices
//! (`price.s3_standard`): named quantities with a source and a date, read
//! from YAML. The built-in sheets are `reference/numbers.yaml` and
//! `prices/aws-us-east-1.yaml`; a user's file (`--references`, `--prices`)
//! or an estimate's `references:`/`prices:` key replaces or adds entries.

mod read;

pub(crate) use read::{entries, read};
use std::sync::{LazyLock, OnceLock};

/// Which sheet a name is looked up in, by the word before its dot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `ref.NAME`: reference numbers.
    References,
    /// `price.NAME`: a price sheet.
    Prices,
}

impl Kind {
    /// `ref` or `price`: how names in this sheet start.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Kind::References => "ref",
            Kind::Prices => "price",
        }
    }

    /// The kind a name such as `ref.nic_25g` belongs to, and its entry name.
    pub(crate) fn of(name: &str) -> Option<(Kind, &str)> {
        let (prefix, entry) = name.split_once('.')?;
        let kind = match prefix {
            "ref" => Kind::References,
            "price" => Kind::Prices,
            _ => return None,
        };
        Some((kind, entry))
    }
}

/// One named figure.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    pub(crate) name: String,
    /// The value as written, a bote expression (`100 µs`, `$0.023 / GB / month`).
    pub(crate) value: String,
    pub(crate) what: Option<String>,
    pub(crate) source: Option<String>,
    /// When the figure was measured or read: `2026-03-08`, `2026-06` or `2009`.
    pub(crate) date: Option<String>,
    /// measured, spec, classic or rule (references only).
    pub(crate) kind: Option<String>,
    pub(crate) conditions: Option<String>,
    /// The volume a price holds over and up to, as written (`50 TB`,
    /// `10 TB / month`): a tier's bounds.
    pub(crate) over: Option<String>,
    pub(crate) up_to: Option<String>,
    /// Where the entry came from: `built-in`, a file, `the estimate`.
    pub(crate) origin: String,
}

/// A sheet: its title and date (prices), and its entries.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Sheet {
    pub(crate) title: String,
    /// The date the whole sheet was read (a price sheet's `date:`).
    pub(crate) date: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) entries: Vec<Entry>,
}

static REFERENCES: LazyLock<Sheet> = LazyLock::new(|| {
    builtin(
        "reference/numbers.yaml",
        include_str!("../../reference/numbers.yaml"),
    )
});
static PRICES: LazyLock<Sheet> = LazyLock::new(|| {
    builtin(
        "prices/aws-us-east-1.yaml",
        include_str!("../../prices/aws-us-east-1.yaml"),
    )
});

/// A built-in sheet; a test loads each, so one that fails is never shipped.
fn builtin(origin: &str, text: &str) -> Sheet {
    read(origin, text, "built-in").unwrap_or_default()
}

static PRICE_HEAD: LazyLock<Sheet> = LazyLock::new(|| {
    let text = include_str!("../../prices/aws-us-east-1.yaml");
    // The lines before the entries, and the first entry (a sheet has one).
    let entries = text.find("\nentries:\n").map_or(text.len(), |at| at + 10);
    let first = text[entries..]
        .find('\n')
        .map_or(text.len(), |at| entries + at + 1);
    builtin("prices/aws-us-east-1.yaml", &text[..first])
});

/// The built-in price sheet's title and date (with its first entry only),
/// for a report's heading: reading every entry for them was most of the
/// run of a preset that cites one price. A test holds them to the whole
/// sheet's.
pub(crate) fn builtin_price_head() -> &'static Sheet {
    &PRICE_HEAD
}

/// The built-in sheets' entries one line each, each read on first use:
/// an estimate that names `ref.target_utilisation` reads that line, not
/// the whole sheet (which cost a capacity preset's run a fifth of its
/// instructions). A test holds each line's entry to the whole sheet's.
struct Lines {
    entries: Vec<(&'static str, &'static str, OnceLock<Option<Entry>>)>,
}

impl Lines {
    fn of(text: &'static str) -> Lines {
        let entries = text
            .lines()
            .skip_while(|l| *l != "entries:")
            .filter_map(|line| {
                let rest = line.strip_prefix("  ")?;
                let (name, _) = rest.split_once(':')?;
                let is_name =
                    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
                is_name.then_some((name, line, OnceLock::new()))
            })
            .collect();
        Lines { entries }
    }
}

static REFERENCE_LINES: LazyLock<Lines> =
    LazyLock::new(|| Lines::of(include_str!("../../reference/numbers.yaml")));
static PRICE_LINES: LazyLock<Lines> =
    LazyLock::new(|| Lines::of(include_str!("../../prices/aws-us-east-1.yaml")));

/// The built-in entry `name` of `kind`, read from its own line; the whole
/// sheet's when its line does not read alone.
fn builtin_entry(kind: Kind, name: &str) -> Option<&'static Entry> {
    let lines = match kind {
        Kind::References => &REFERENCE_LINES,
        Kind::Prices => &PRICE_LINES,
    };
    let whole = || builtin_sheet(kind).entries.iter().find(|e| e.name == name);
    let Some((_, line, cell)) = lines.entries.iter().find(|(n, _, _)| *n == name) else {
        return whole();
    };
    cell.get_or_init(|| {
        let doc = format!("title: one entry\nentries:\n{line}\n");
        read("built-in", &doc, "built-in")
            .ok()
            .and_then(|sheet| sheet.entries.into_iter().next())
    })
    .as_ref()
    .or_else(whole)
}

/// The built-in sheet of `kind`.
pub(crate) fn builtin_sheet(kind: Kind) -> &'static Sheet {
    match kind {
        Kind::References => &REFERENCES,
        Kind::Prices => &PRICES,
    }
}

/// Days since 1970-01-01 of `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a missing
/// month or day is its first).
pub(crate) fn days_from(date: &str) -> Option<i64> {
    let mut parts = date.split('-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let d: i64 = parts.next().map_or(Some(1), |p| p.parse().ok())?;
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days_in_month = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if parts.next().is_some()
        || !(1..=12).contains(&m)
        || !(1..=days_in_month).contains(&d)
        || !(1000..=9999).contains(&y)
    {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The sheets an estimate reads names from: its own entries, a user's
/// file, then the built-in sheet, first match wins.
#[derive(Clone, Debug, Default)]
pub(crate) struct Sheets {
    /// Entries from the estimate's `references:` and `prices:` keys.
    pub(crate) own: Vec<(Kind, Entry)>,
    /// A user's sheets, from `--references FILE` and `--prices FILE`.
    pub(crate) files: Vec<(Kind, Sheet)>,
    /// The estimate's own entries failed to read (their error is
    /// reported), so a name not found may be one of them.
    pub(crate) incomplete: bool,
}

impl Sheets {
    /// The entry `name` (as `ref.NAME` or `price.NAME`) stands for.
    pub(crate) fn lookup(&self, name: &str) -> Option<(Kind, &Entry)> {
        let (kind, entry) = Kind::of(name)?;
        let own = self
            .own
            .iter()
            .find(|(k, e)| *k == kind && e.name == entry)
            .map(|(_, e)| e);
        let file = || {
            self.files
                .iter()
                .filter(|(k, _)| *k == kind)
                .find_map(|(_, s)| s.entries.iter().find(|e| e.name == entry))
        };
        let built = || builtin_entry(kind, entry);
        own.or_else(file).or_else(built).map(|e| (kind, e))
    }

    /// Every entry of `kind` that can be looked up, the one in force for
    /// each name.
    pub(crate) fn entries(&self, kind: Kind) -> Vec<&Entry> {
        let mut out: Vec<&Entry> = Vec::new();
        let own = self.own.iter().filter(|(k, _)| *k == kind).map(|(_, e)| e);
        let files = self
            .files
            .iter()
            .filter(|(k, _)| *k == kind)
            .flat_map(|(_, s)| s.entries.iter());
        for e in own.chain(files).chain(builtin_sheet(kind).entries.iter()) {
            if !out.iter().any(|o| o.name == e.name) {
                out.push(e);
            }
        }
        out
    }

    /// Every name of `kind` that can be looked up, for did-you-mean.
    pub(crate) fn names(&self, kind: Kind) -> Vec<String> {
        self.entries(kind)
            .into_iter()
            .map(|e| format!("{}.{}", kind.prefix(), e.name))
            .collect()
    }

    /// A user's price sheet (`--prices FILE`), if one is given.
    pub(crate) fn price_file(&self) -> Option<&Sheet> {
        self.files
            .iter()
            .find(|(k, _)| *k == Kind::Prices)
            .map(|(_, s)| s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in entry has a source and a date, and a description.
    #[test]
    fn every_builtin_entry_is_sourced_and_dated() {
        for kind in [Kind::References, Kind::Prices] {
            let sheet = builtin_sheet(kind);
            assert!(sheet.entries.len() >= 10, "{kind:?}");
            for e in &sheet.entries {
                assert!(
                    e.source.as_deref().is_some_and(|s| !s.is_empty()),
                    "{}: no source",
                    e.name
                );
                assert!(e.date.is_some(), "{}: no date", e.name);
                assert!(e.what.is_some(), "{}: no description", e.name);
                if kind == Kind::References {
                    assert!(e.kind.is_some(), "{}: no kind", e.name);
                }
            }
        }
        assert!(builtin_sheet(Kind::Prices).date.is_some());
        let (head, whole) = (builtin_price_head(), builtin_sheet(Kind::Prices));
        assert_eq!(
            (&head.title, &head.date, &head.region, head.entries.len()),
            (&whole.title, &whole.date, &whole.region, 1)
        );
    }

    /// Each built-in entry read from its own line is the whole sheet's.
    #[test]
    fn an_entry_read_alone_is_the_sheets() {
        for kind in [Kind::References, Kind::Prices] {
            for e in &builtin_sheet(kind).entries {
                assert_eq!(builtin_entry(kind, &e.name), Some(e), "{}", e.name);
            }
        }
    }

    #[test]
    fn dates() {
        assert_eq!(days_from("1970-01-01"), Some(0));
        assert_eq!(days_from("2000-03-01"), Some(11_017));
        assert_eq!(days_from("2026-06"), days_from("2026-06-01"));
        assert_eq!(days_from("2026-13-01"), None);
        assert_eq!(days_from("2026-02-30"), None);
        assert_eq!(days_from("2026-02-29"), None);
        assert_eq!(
            days_from("2028-02-29"),
            days_from("2028-03-01").map(|d| d - 1)
        );
        assert_eq!(days_from("2026-04-31"), None);
        assert_eq!(days_from("June 2026"), None);
    }
}
