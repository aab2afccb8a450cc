//! The file formats, declared once: every key of an estimate file and of a
//! reference or price sheet, what it holds and what it means. The loaders
//! (`estimate/load/`, `sheets/read.rs`) take their lists of allowed keys,
//! and so their did-you-mean, from here, and `bote schema` is generated
//! from here (`schema/estimate.schema.json` is that output, committed, and
//! a test keeps the two equal). This file reads nothing and knows no YAML.

use serde_json::{Map, Value, json};

/// A map a key may be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Place {
    /// The top level of an estimate file (any other key starts a section).
    Top,
    /// An assumption written as a map: `{ value, note, source }`.
    Assumption,
    /// A quantity of a section written as a map: `{ expr, unit, ... }`.
    Derived,
    /// A capacity verdict: `{ load, per_box, ... }`.
    Capacity,
    /// `calendar:`.
    Calendar,
    /// The top level of a sheet file (`--references`, `--prices`).
    Sheet,
    /// One entry of a sheet, or of an estimate's `references:`/`prices:`.
    Entry,
}

/// What a key's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Holds {
    /// Free text, printed as written.
    Text,
    /// A bote expression.
    Expression,
    /// A whole number, written as an expression (`100k`).
    Whole,
    /// An expression, or a map of resource to expression.
    Resources,
    /// One of a few words or numbers.
    OneOf(&'static [&'static str]),
    /// A date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    Date,
    /// A list of count names (`counts:`).
    Counts,
    /// A map of name to sheet entry (`references:`, `prices:`, `entries:`).
    Entries,
    /// The map of assumptions.
    Assumptions,
    /// The `calendar:` map.
    Calendar,
    /// A list of the file's quantity names (`summary:`).
    Names,
    /// A map of scenario name to a map of assumption to expression.
    Scenarios,
}

/// One key: where it goes, its name, what it holds, whether it must be
/// there, and what it means (the schema's description, for editors).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Key {
    pub(crate) place: Place,
    pub(crate) name: &'static str,
    pub(crate) holds: Holds,
    pub(crate) required: bool,
    pub(crate) about: &'static str,
}

const fn key(place: Place, name: &'static str, holds: Holds, about: &'static str) -> Key {
    Key {
        place,
        name,
        holds,
        required: false,
        about,
    }
}

const fn must(place: Place, name: &'static str, holds: Holds, about: &'static str) -> Key {
    Key {
        place,
        name,
        holds,
        required: true,
        about,
    }
}

/// What a reference entry's `kind` may be.
pub(crate) const KINDS: [&str; 4] = ["measured", "spec", "classic", "rule"];

/// The percentiles a capacity verdict may size an uncertain load at.
pub(crate) const PERCENTILES: [&str; 3] = ["50", "75", "95"];

use Holds::{
    Assumptions, Calendar, Counts, Date, Entries, Expression, Names, OneOf, Resources, Scenarios,
    Text, Whole,
};
use Place::{Assumption, Capacity, Derived, Entry, Sheet, Top};

/// Every key, in the order `allowed here` lists them.
pub(crate) const KEYS: &[Key] = &[
    must(Top, "title", Text, "What is being sized, printed first."),
    key(
        Top,
        "about",
        Text,
        "One line on what the estimate is about.",
    ),
    key(
        Top,
        "source",
        Text,
        "Where the figures come from: a book, an article, a brief.",
    ),
    key(
        Top,
        "counts",
        Counts,
        "Count units this file declares, such as [user, request]. Each is a dimension of its own: `10M users * 5 requests/user` is 50 million requests, and `4000 requests/s * 500 B` (a forgotten `/request`) is an error. Plurals follow by rule; give an irregular one as `person: people`, or the plural then short forms as `request: [requests, req]`.",
    ),
    key(
        Top,
        "references",
        Entries,
        "Reference numbers of this estimate's own, used as `ref.NAME`; they replace built-in entries of the same name (`bote refs` lists those). Each is `NAME: { value: 64 GB, source: ..., date: YYYY-MM-DD }`.",
    ),
    key(
        Top,
        "prices",
        Entries,
        "Prices of this estimate's own, used as `price.NAME`; they replace entries of the built-in sheet (`bote prices` lists it). Each is `NAME: { value: $0.02 / GB / month, source: ..., date: YYYY-MM-DD }`.",
    ),
    key(
        Top,
        "calendar",
        Calendar,
        "The length of a month and a year; by default a year is 365 days and a month a twelfth of it.",
    ),
    key(
        Top,
        "seed",
        Whole,
        "The seed ranges are drawn with (default 1): the same seed gives the same output, byte for byte. `--seed` overrides it.",
    ),
    key(
        Top,
        "samples",
        Whole,
        "Draws per uncertain quantity, 2 to 1,000,000 (default 10,000). `--samples` overrides it.",
    ),
    key(
        Top,
        "summary",
        Names,
        "The quantities a report opens with, as `[peak_read_qps, total_storage, cache_nodes]`, then the cost total; by default each section's last quantity, every capacity verdict and the cost total.",
    ),
    key(
        Top,
        "scenarios",
        Scenarios,
        "Other worlds to size beside the file's own (`base`): each a name and the assumptions it replaces, as `year 3: { dau: dau * 1.4^2 }` (an override may use its own base value) or `viral: { dau: 50M users }`. `bote run` shows them side by side, one column each; `--scenario NAME` shows one.",
    ),
    key(
        Top,
        "assumptions",
        Assumptions,
        "The inputs: `name: EXPR` or `name: { value, note, source }`.",
    ),
    must(
        Assumption,
        "value",
        Expression,
        "The figure, with its unit: `10M`, `2 KB`, `100 to 1000`.",
    ),
    key(
        Assumption,
        "point",
        Expression,
        "For a range: the figure its source computed with, which `--point` takes instead of the median (`point: 100 redirects/url` for `100 to 1000 redirects/url`).",
    ),
    key(
        Assumption,
        "note",
        Text,
        "What the figure is, printed beside it.",
    ),
    key(
        Assumption,
        "source",
        Text,
        "Where it comes from, printed in brackets.",
    ),
    must(
        Derived,
        "expr",
        Expression,
        "How it is computed from other quantities: `users * requests_per_user`.",
    ),
    key(
        Derived,
        "unit",
        Text,
        "The unit to show it in: `MB/s`, `/s`, `TB per day`, `QPS`, `%`.",
    ),
    key(
        Derived,
        "expect",
        Expression,
        "The figure the source published, checked within `tolerance`: `4000 /s`, `~3500 QPS`, `3 to 5 TB`.",
    ),
    key(
        Derived,
        "tolerance",
        Expression,
        "How far from `expect` still agrees, as a fraction or percentage (default 10%).",
    ),
    key(
        Derived,
        "note",
        Text,
        "What the quantity is, printed beside it.",
    ),
    key(
        Derived,
        "source",
        Text,
        "Where the published figure comes from.",
    ),
    key(
        Derived,
        "expect_note",
        Text,
        "A remark on the published figure (say, how the source rounded it).",
    ),
    must(
        Capacity,
        "load",
        Resources,
        "The load: an expression, or a map of resource to expression (`{ memory: cache_size, network: peak_bandwidth }`).",
    ),
    key(
        Capacity,
        "per_box",
        Resources,
        "What one box handles, with the same resources as `load` (`{ memory: 256 GB, network: ref.nic_25g }`). Needed unless `service` is given.",
    ),
    key(
        Capacity,
        "service",
        Expression,
        "With `wait_p99`, instead of `per_box`: the mean time one box spends on one request (`40 ms`); each box is one server of an M/M/c queue.",
    ),
    key(
        Capacity,
        "wait_p99",
        Expression,
        "With `service`: the longest wait in queue the 99th-percentile request may see (`100 ms`); the verdict is at least the fewest boxes that keep it (Erlang C).",
    ),
    key(
        Capacity,
        "utilisation",
        Expression,
        "The busy share a box is sized to (default `ref.target_utilisation`, 70%).",
    ),
    key(
        Capacity,
        "spares",
        Whole,
        "Boxes added for failures (N+1 is 1); default 0.",
    ),
    key(
        Capacity,
        "zones",
        Whole,
        "Zones the boxes spread over; with k >= 2 the count survives one zone down (x k/(k-1)). Default 1.",
    ),
    key(
        Capacity,
        "percentile",
        OneOf(&PERCENTILES),
        "The percentile of an uncertain load to size at: 50, 75 or 95 (default).",
    ),
    key(
        Capacity,
        "boxes",
        Text,
        "What a box is called here, in the plural: `tasks`, `shards`, `brokers` (default `boxes`).",
    ),
    key(
        Capacity,
        "expect",
        Expression,
        "The count the source published, checked within `tolerance`: `600`, `600 tasks`, `~20`.",
    ),
    key(
        Capacity,
        "tolerance",
        Expression,
        "How far from `expect` still agrees, as a fraction or percentage (default 10%).",
    ),
    key(
        Capacity,
        "expect_note",
        Text,
        "A remark on the published count (say, how the source rounded it).",
    ),
    key(Capacity, "note", Text, "What the verdict is about."),
    key(Capacity, "source", Text, "Where its figures come from."),
    key(
        Place::Calendar,
        "month",
        Expression,
        "A positive time, such as `30 days`.",
    ),
    key(
        Place::Calendar,
        "year",
        Expression,
        "A positive time, such as `360 days`.",
    ),
    must(Sheet, "title", Text, "What the sheet holds."),
    key(Sheet, "cloud", Text, "The provider a price sheet is for."),
    key(Sheet, "region", Text, "The region a price sheet is for."),
    key(Sheet, "date", Date, "When the whole sheet was read."),
    must(
        Sheet,
        "entries",
        Entries,
        "The figures: `NAME: { value, what, source, date }`.",
    ),
    must(
        Entry,
        "value",
        Expression,
        "The figure, a bote expression: `100 µs`, `$0.023 / GB / month`, `250 µs to 500 µs`.",
    ),
    key(Entry, "what", Text, "What it measures or prices."),
    key(Entry, "source", Text, "Where the figure comes from."),
    key(
        Entry,
        "date",
        Date,
        "When it was measured or read: YYYY-MM-DD, YYYY-MM or YYYY.",
    ),
    key(
        Entry,
        "kind",
        OneOf(&KINDS),
        "A benchmark, a rated figure, a teaching figure, or a rule of thumb.",
    ),
    key(
        Entry,
        "conditions",
        Text,
        "Measured on what, under which load.",
    ),
    key(
        Entry,
        "over",
        Expression,
        "A price tier's lower bound: the volume it holds over (`50 TB`, `10 TB / month`); a use below it is warned of.",
    ),
    key(
        Entry,
        "up_to",
        Expression,
        "A price tier's upper bound: the volume it holds for (`50 TB`, `10 TB / month`); a use beyond it is warned of.",
    ),
];

/// The keys allowed in `place`, in declared order.
pub(crate) fn names(place: Place) -> Vec<&'static str> {
    KEYS.iter()
        .filter(|k| k.place == place)
        .map(|k| k.name)
        .collect()
}

/// Whether `name` is a key of `place`.
pub(crate) fn allows(place: Place, name: &str) -> bool {
    KEYS.iter().any(|k| k.place == place && k.name == name)
}

/// The JSON Schema (draft-07) of estimate files, as `bote schema` prints
/// it and editors read it.
pub(crate) fn schema() -> String {
    let mut top = object(Top);
    top.insert(
        "$schema".into(),
        "http://json-schema.org/draft-07/schema#".into(),
    );
    top.insert(
        "$id".into(),
        "https://github.com/bote-estimates/bote/schema/estimate.schema.json".into(),
    );
    top.insert("title".into(), "bote estimate file".into());
    top.insert(
        "description".into(),
        "Named assumptions and the quantities derived from them, grouped in sections, each beside the figure its source published. `bote run FILE` evaluates it; `bote check FILE` checks the published figures.".into(),
    );
    // Any other top-level key is a section.
    top.insert(
        "additionalProperties".into(),
        json!({ "$ref": "#/definitions/section" }),
    );
    let expression = json!({
        "type": ["string", "number"],
        "description": "A bote expression: `10M`, `500 bytes`, `20 per day`, `100 to 1000`, `users * 5 per day`, `$0.02 per GB`.",
    });
    let short_or = |place: Place, about: &str| {
        let mut long = object(place);
        if !about.is_empty() {
            long.insert("description".into(), about.into());
        }
        json!({ "oneOf": [{ "$ref": "#/definitions/expression" }, long] })
    };
    let mut capacity = object(Capacity);
    capacity.insert(
        "description".into(),
        "A capacity verdict (in a `capacity:` section): boxes = load / (per box x utilisation), the largest resource binding, rounded up, grown by k/(k-1) to survive one zone of k, plus spares. An uncertain load is sized at its 95th percentile.".into(),
    );
    let definitions = json!({
        "expression": expression,
        "assumption": short_or(Assumption, ""),
        "derived": short_or(Derived, ""),
        "capacity": capacity,
        "section": {
            "type": "object",
            "description": "A section of derived quantities, printed as one table under its name (qps, storage, bandwidth, concurrency, buffers, or your own).",
            "additionalProperties": {
                "anyOf": [{ "$ref": "#/definitions/derived" }, { "$ref": "#/definitions/capacity" }]
            },
        },
        "sheetEntry": {
            "description": "A named figure with where it comes from.",
            "oneOf": [{ "type": ["string", "number"] }, object(Entry)],
        },
    });
    top.insert("definitions".into(), definitions);
    let mut text = serde_json::to_string_pretty(&Value::Object(top)).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema of a map of `place`: its keys, those it needs, and no others.
fn object(place: Place) -> Map<String, Value> {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for k in KEYS.iter().filter(|k| k.place == place) {
        let mut schema = match k.holds {
            Text | Date => json!({ "type": "string" }),
            Expression | Resources if place == Entry => json!({ "type": ["string", "number"] }),
            Expression => json!({ "$ref": "#/definitions/expression" }),
            Whole => json!({ "type": ["integer", "string"] }),
            Resources => json!({ "oneOf": [
                { "$ref": "#/definitions/expression" },
                { "type": "object", "additionalProperties": { "$ref": "#/definitions/expression" } },
            ] }),
            OneOf(words) => {
                let mut values: Vec<Value> = Vec::new();
                // Numbers are written bare in YAML, as numbers or as text.
                for w in words {
                    if let Ok(n) = w.parse::<i64>() {
                        values.push(n.into());
                    }
                }
                values.extend(words.iter().map(|w| Value::from(*w)));
                json!({ "enum": values })
            }
            Counts => json!({
                "type": "array",
                "items": { "oneOf": [
                    { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" },
                    {
                        "type": "object", "minProperties": 1, "maxProperties": 1,
                        "additionalProperties": { "oneOf": [
                            { "type": "string" },
                            { "type": "array", "minItems": 1, "items": { "type": "string" } },
                        ] },
                    },
                ] },
            }),
            Entries => json!({
                "type": "object",
                "additionalProperties": { "$ref": "#/definitions/sheetEntry" },
            }),
            Assumptions => json!({
                "type": "object",
                "additionalProperties": { "$ref": "#/definitions/assumption" },
            }),
            Calendar => Value::Object(object(Place::Calendar)),
            Names => json!({
                "type": "array",
                "items": { "type": "string", "pattern": "^[A-Za-z_][A-Za-z0-9_]*$" },
            }),
            Scenarios => json!({
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "description": "A scenario: each assumption it replaces, with the expression that replaces it.",
                    "additionalProperties": { "$ref": "#/definitions/expression" },
                },
            }),
        };
        if let Value::Object(fields) = &mut schema {
            fields.insert("description".into(), k.about.into());
        }
        properties.insert(k.name.into(), schema);
        if k.required {
            required.push(Value::from(k.name));
        }
    }
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    if !required.is_empty() {
        out.insert("required".into(), required.into());
    }
    out.insert("properties".into(), properties.into());
    // In `{ … }` a comma cuts a plain value (`{ value: 12,500 QPS }` reads a
    // key `500 QPS` with no value); bote joins it back, so an editor must
    // not flag it. A key with a value of its own is still refused.
    let cut = matches!(
        place,
        Assumption | Derived | Capacity | Entry | Place::Calendar
    );
    let extra = if cut {
        json!({
            "type": "null",
            "description": "The rest of a value a comma cut off in `{ … }` (`12,500 QPS`, `one replica, two zones`): bote joins it back on."
        })
    } else {
        false.into()
    };
    out.insert("additionalProperties".into(), extra);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schema is what `bote schema` generates: change the
    /// declaration above, then run `cargo run -- schema > schema/estimate.schema.json`.
    #[test]
    fn the_committed_schema_is_the_generated_one() {
        let committed = include_str!("../schema/estimate.schema.json");
        assert!(
            committed == schema(),
            "schema/estimate.schema.json is stale: run `cargo run -- schema > schema/estimate.schema.json`"
        );
    }

    #[test]
    fn names_are_unique_in_each_place() {
        for k in KEYS {
            let same = KEYS
                .iter()
                .filter(|o| o.place == k.place && o.name == k.name)
                .count();
            assert_eq!(same, 1, "{} declared twice", k.name);
        }
    }
}
