//! How a quantity is shown: the unit a person would say, rounded to
//! significant figures before the prefix is chosen (999.96 kB is 1 MB).
//!
//! Never mixes decimal and binary prefixes unless a target asks, and never
//! rounds a value that is not 1 (or 100%) to exactly 1 (or 100%).

use crate::quantity::Quantity;
use crate::quantity::dimension::Dimension;
use crate::quantity::sample::{Draws, Spread, Value};
use crate::units::{self, Calendar, Size};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Significant figures shown by default.
pub(crate) const SIG_FIGS: usize = 4;

/// A unit to show a quantity in: its label and the size of one of it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct DisplayUnit {
    /// Borrowed for the units bote picks itself (most rows), owned for targets.
    pub(crate) label: Cow<'static, str>,
    /// One of this unit, in base units.
    pub(crate) size: f64,
}

impl DisplayUnit {
    /// Percent: one is a hundredth.
    pub(crate) fn percent() -> DisplayUnit {
        DisplayUnit {
            label: Cow::Borrowed("%"),
            size: 0.01,
        }
    }
}

/// A quantity as shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// The value in `unit`, unrounded.
    pub value: f64,
    /// The unit's label: `MB`, `/s`, `%`, `$`, or empty for a plain number.
    pub unit: Cow<'static, str>,
    /// The rounded value with its unit, ready to print: `3.04 TB`, `38.58 /s`.
    pub text: String,
}

/// Significant figures of an uncertain value: its median and the ends of
/// its 90% range. The Latin hypercube puts them within a fraction of a
/// percent at the default 10,000 draws, so a third figure is meaningful;
/// a fourth would claim more than an estimate's inputs ever know.
pub(crate) const UNCERTAIN_FIGS: usize = 3;

/// An uncertain quantity as shown: its median is the row's [`Shown`];
/// this is the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownRange {
    /// The percentiles, in base units.
    pub spread: Spread,
    /// The 90% range in the median's unit: `1.2 TB to 9 TB`.
    pub text: String,
    /// One of the unit it is shown in, in base units.
    pub unit_size: f64,
    /// The draws, for the sensitivity and the histogram.
    pub draws: Draws,
}

/// Show `v`: an exact value as [`show`] does, an uncertain one as its
/// median (to [`UNCERTAIN_FIGS`]) with its 90% range in the same unit.
/// The quantity returned is the value, or the median.
pub(crate) fn show_value(
    v: &Value,
    unit: Option<DisplayUnit>,
    calendar: Calendar,
) -> (Quantity, Shown, Option<Box<ShownRange>>) {
    let draws = match v {
        Value::Exact(q) => return (*q, show(*q, unit, calendar), None),
        Value::Draws(d) => d,
    };
    let spread = draws.spread();
    let q = |v: f64| Quantity::new(v, draws.dim()).unwrap_or(Quantity::ZERO);
    let median = q(spread.p50);
    let unit = unit.unwrap_or_else(|| auto_unit(median, calendar));
    let unit_size = unit.size;
    let figs = Some(UNCERTAIN_FIGS);
    let shown = show_figures(median, unit.clone(), figs);
    let lo = show_figures(q(spread.p5), unit.clone(), figs);
    let hi = show_figures(q(spread.p95), unit, figs);
    let range = ShownRange {
        spread,
        text: range_text(&lo, &hi),
        unit_size,
        draws: draws.clone(),
    };
    (median, shown, Some(Box::new(range)))
}

/// `1.2 to 9 TB`: two ends in one unit, said once, as people say ranges
/// (and as bote reads them back). Money keeps its sign on both ends
/// (`$2,000 to $5,000/month`).
pub(crate) fn range_text(lo: &Shown, hi: &Shown) -> String {
    // The words both ends finish with (`TB`, `million /s`), said once;
    // a plural (`days`) is dropped with its singular (`1 day to 5 days`).
    let words = |t: &str| t.split(' ').map(str::to_string).collect::<Vec<_>>();
    let (mut a, b) = (words(&lo.text), words(&hi.text));
    let numeric = |w: &str| w.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '$');
    let mut common = 0;
    while common + 1 < a.len() && common < b.len() {
        let (x, y) = (&a[a.len() - 1 - common], &b[b.len() - 1 - common]);
        let same = x == y || format!("{x}s") == *y || *x == format!("{y}s");
        if numeric(x) || !same {
            break;
        }
        common += 1;
    }
    a.truncate(a.len() - common);
    let mut low = a.join(" ");
    // Money said per something: `$2,000/month` to `$5,000/month`.
    if let Some(per) = lo.unit.strip_prefix('$').filter(|p| p.starts_with('/'))
        && lo.unit == hi.unit
    {
        low = low.strip_suffix(per).map_or(low.clone(), str::to_string);
    }
    format!("{low} to {}", hi.text)
}

/// Show `q` in `unit` if given, else in the unit chosen for its dimension.
pub(crate) fn show(q: Quantity, unit: Option<DisplayUnit>, calendar: Calendar) -> Shown {
    let unit = unit.unwrap_or_else(|| auto_unit(q, calendar));
    show_figures(q, unit, None)
}

/// Show `q` in `unit`, to `figs` significant figures, or by default to
/// [`SIG_FIGS`] with every whole digit below a million kept.
pub(crate) fn show_figures(q: Quantity, unit: DisplayUnit, figs: Option<usize>) -> Shown {
    let value = q.si_value() / unit.size;
    let label = &*unit.label;
    let mut text = String::with_capacity(24 + label.len());
    match label {
        "%" => {
            push_number(&mut text, value, 100.0, figs);
            text.push('%');
        }
        "" => push_words(&mut text, value, figs),
        l if l.starts_with('/') || matches!(l, "QPS" | "RPS" | "TPS") || counted_label(l) => {
            push_words(&mut text, value, figs);
            text.push(' ');
            text.push_str(l);
        }
        l if l == "$" || l.starts_with("$/") => {
            // The sign goes before the dollar sign: -$5.
            push_money(&mut text, value, figs);
            let sign = if text.starts_with('-') { "-" } else { "" };
            text.replace_range(..sign.len(), &format!("{sign}$"));
            text.push_str(&l[1..]);
        }
        l if l.starts_with('$') => {
            push_words(&mut text, value, figs);
            text.push(' ');
            text.push_str(l);
        }
        l => {
            // One rule for every figure: words past a million
            // (`5 billion min/day`, as `20 million requests`).
            push_words_guarded(&mut text, value, 0.0, figs);
            text.push(' ');
            text.push_str(l);
            // `30 days`, `24 bits`: the units bote names in words take a plural.
            if matches!(l, "day" | "week" | "month" | "year" | "bit")
                && round_sig(value, SIG_FIGS) != 1.0
            {
                text.push('s');
            }
        }
    }
    Shown {
        value,
        unit: unit.label,
        text,
    }
}

/// A unit on a ladder: its symbol and size, looked up in the catalog once.
type Step = (&'static str, Size);

fn steps(symbols: &[&'static str]) -> Vec<Step> {
    symbols
        .iter()
        .map(|&s| (s, units::lookup(s).map_or(Size::Fixed(1.0), |d| d.size)))
        .collect()
}

static DATA_STEPS: LazyLock<Vec<Step>> =
    LazyLock::new(|| steps(&["B", "kB", "MB", "GB", "TB", "PB", "EB"]));
/// Data, where less than a byte is said in bits (`ceil(0.3 bit)` is
/// `1 bit`, not `0.125 B`); a rate keeps the byte ladder.
static DATA_AMOUNT_STEPS: LazyLock<Vec<Step>> =
    LazyLock::new(|| steps(&["bit", "B", "kB", "MB", "GB", "TB", "PB", "EB"]));
static TIME_STEPS: LazyLock<Vec<Step>> =
    LazyLock::new(|| steps(&["ns", "µs", "ms", "s", "min", "h", "d", "year"]));
static LENGTH_STEPS: LazyLock<Vec<Step>> = LazyLock::new(|| steps(&["m", "km"]));
static POWER_STEPS: LazyLock<Vec<Step>> = LazyLock::new(|| steps(&["W", "kW", "MW", "GW"]));
/// Energy as a data centre's bill says it: in watt-hours.
static ENERGY_STEPS: LazyLock<Vec<Step>> = LazyLock::new(|| steps(&["Wh", "kWh", "MWh", "GWh"]));

/// Prefix ladders for the dimensions that have one, smallest first.
fn ladder(dim: Dimension) -> Option<&'static [Step]> {
    match dim {
        Dimension::DATA => Some(&DATA_AMOUNT_STEPS),
        Dimension::DATA_RATE => Some(&DATA_STEPS),
        Dimension::TIME => Some(&TIME_STEPS),
        Dimension::LENGTH | Dimension::AREA => Some(&LENGTH_STEPS),
        Dimension::POWER => Some(&POWER_STEPS),
        Dimension::ENERGY => Some(&ENERGY_STEPS),
        _ => None,
    }
}

/// `unit`, which names no count, said of a value `q` that has counts:
/// the counts joined on as a person says them (`requests`, `requests/s`,
/// `B/request`, `$/user`). A unit that names them already is returned as is.
pub(crate) fn with_counts(unit: DisplayUnit, q: Quantity) -> DisplayUnit {
    let dim = q.dim();
    if !dim.has_counts() {
        return unit;
    }
    let many = round_sig((q.si_value() / unit.size).abs(), SIG_FIGS) != 1.0;
    let (mut up, mut down) = (Vec::new(), Vec::new());
    for (id, e) in dim.counts() {
        let power = if e.abs() == 1 {
            String::new()
        } else {
            format!("^{}", e.abs())
        };
        if e > 0 {
            up.push(format!("{}{power}", id.name(many)));
        } else {
            down.push(format!("/{}{power}", id.name(false)));
        }
    }
    // `$2e-7/request` is said as people price it: `$0.20/million requests`.
    let per_million = unit.label == "$"
        && up.is_empty()
        && down.len() == 1
        && dim.counts().all(|(_, e)| e == -1)
        && (q.si_value() / unit.size).abs() < 1e-4
        && q.si_value() != 0.0;
    if per_million && let Some((id, _)) = dim.counts().next() {
        return DisplayUnit {
            label: Cow::Owned(format!("$/million {}", id.name(true))),
            size: unit.size * 1e-6,
        };
    }
    let (up, down) = (up.join("*"), down.concat());
    let label = &*unit.label;
    // What is per a count comes before what is per a time: `reads/user/day`,
    // `$/user/month`, `B/request`.
    let (head, tail) = label.split_at(label.find('/').unwrap_or(label.len()));
    let label = match head {
        // `QPS` names what it counts.
        "QPS" | "RPS" | "TPS" => format!("{head}{down}{tail}"),
        "" => format!("{up}{down}{tail}"),
        h if up.is_empty() => format!("{h}{down}{tail}"),
        h if units::magnitude_word(h).is_some() => format!("{h} {up}{down}{tail}"),
        h => format!("{h}*{up}{down}{tail}"),
    };
    DisplayUnit {
        label: Cow::Owned(label),
        size: unit.size,
    }
}

/// Does `label` start with a count's name (`requests/s`, not `MB` or `/s`)?
fn counted_label(label: &str) -> bool {
    let first = label.split(['/', '*', '^', ' ']).next().unwrap_or("");
    first.starts_with(|c: char| c.is_alphabetic())
        && units::lookup(first).is_none()
        && units::magnitude_word(first).is_none()
}

/// The unit a person would choose for `q`.
pub(crate) fn auto_unit(q: Quantity, calendar: Calendar) -> DisplayUnit {
    let dim = q.dim();
    if dim.has_counts() {
        let base = Quantity::new(q.si_value(), dim.uncounted()).unwrap_or(Quantity::ZERO);
        return with_counts(auto_unit(base, calendar), q);
    }
    let plain = |label: &'static str| DisplayUnit {
        label: Cow::Borrowed(label),
        size: 1.0,
    };
    match dim {
        Dimension::NONE => return plain(""),
        Dimension::RATE => return rate_unit(q.si_value()),
        Dimension::MONEY => return plain("$"),
        Dimension::MONEY_RATE => return money_rate_unit(calendar),
        // Prices of data are said per gigabyte: `$0.02/GB`, not `$2e-11/B`.
        Dimension::MONEY_PER_DATA => {
            return DisplayUnit {
                label: Cow::Borrowed("$/GB"),
                size: 1e-9,
            };
        }
        // Storage is priced per gigabyte-month: `$0.023/GB/month`.
        Dimension::MONEY_PER_DATA_TIME => {
            return DisplayUnit {
                label: Cow::Borrowed("$/GB/month"),
                size: 1e-9 / calendar.month_s,
            };
        }
        _ => {}
    }
    let Some(steps) = ladder(dim) else {
        return DisplayUnit {
            label: Cow::Owned(dim.base_units()),
            size: 1.0,
        };
    };
    let power = if dim == Dimension::AREA { 2 } else { 1 };
    let size_of = |size: Size| {
        let side = calendar.seconds(size);
        if power == 2 { side * side } else { side }
    };
    // Round first, then pick the largest unit the rounded value reaches.
    let rounded = round_sig(q.si_value().abs(), SIG_FIGS);
    let mut chosen = steps[0];
    for &step in steps {
        if rounded >= size_of(step.1) * 0.999_999_999 {
            chosen = step;
        }
    }
    let (chosen, size) = (chosen.0, size_of(chosen.1));
    let one = round_sig(rounded / size, SIG_FIGS) == 1.0;
    let name = match chosen {
        "d" if one => "day",
        "d" => "days",
        "year" if one => "year",
        "year" => "years",
        s => s,
    };
    let label = match (dim, name) {
        (Dimension::DATA_RATE, _) => match DATA_RATE_LABELS.iter().find(|(s, _)| *s == name) {
            Some(&(_, rate)) => Cow::Borrowed(rate),
            None => Cow::Owned(format!("{name}/s")),
        },
        (Dimension::AREA, "m") => Cow::Borrowed("m^2"),
        (Dimension::AREA, "km") => Cow::Borrowed("km^2"),
        (Dimension::AREA, _) => Cow::Owned(format!("{name}^2")),
        _ => Cow::Borrowed(name),
    };
    DisplayUnit { label, size }
}

/// Money over time is said per month, as bills and budgets are
/// (`$2,000/month`, `$73/month` for ten cents an hour).
fn money_rate_unit(calendar: Calendar) -> DisplayUnit {
    DisplayUnit {
        label: Cow::Borrowed("$/month"),
        size: 1.0 / calendar.month_s,
    }
}

/// Rates print per second, unless under one a second: then per minute, hour or day.
fn rate_unit(per_second: f64) -> DisplayUnit {
    let r = round_sig(per_second.abs(), SIG_FIGS);
    let (label, seconds) = match r {
        r if r >= 1.0 || r == 0.0 => ("/s", 1.0),
        r if r * 60.0 >= 1.0 => ("/min", 60.0),
        r if r * 3600.0 >= 1.0 => ("/h", 3600.0),
        _ => ("/day", 86_400.0),
    };
    DisplayUnit {
        label: Cow::Borrowed(label),
        size: 1.0 / seconds,
    }
}

/// The data-rate label for each step of the data ladder.
const DATA_RATE_LABELS: [(&str, &str); 7] = [
    ("B", "B/s"),
    ("kB", "kB/s"),
    ("MB", "MB/s"),
    ("GB", "GB/s"),
    ("TB", "TB/s"),
    ("PB", "PB/s"),
    ("EB", "EB/s"),
];

/// `v` rounded to `n` significant figures.
pub(crate) fn round_sig(v: f64, n: usize) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    // Half away from zero, as people round. The result may carry binary noise
    // (0.30000000000000004); number_text prints it with a fixed number of decimals.
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let exp = libm::log10(v.abs()).floor() as i32;
    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
    let shift = n as i32 - 1 - exp;
    let scale = pow10(shift);
    let r = if scale.is_finite() && scale != 0.0 {
        (v * scale).round() / scale
    } else {
        v
    };
    if r.is_finite() { r } else { v }
}

/// `10f64.powi(n)`, the same bits, without the loop for the common
/// exponents: every power of ten to 1e22 is exact in an f64, and so is each
/// step `powi` takes to reach one, so a table and one division agree with it.
fn pow10(n: i32) -> f64 {
    const TABLE: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    match usize::try_from(n.unsigned_abs())
        .ok()
        .and_then(|i| TABLE.get(i))
    {
        Some(&p) if n >= 0 => p,
        Some(&p) => 1.0 / p,
        None => 10f64.powi(n),
    }
}

/// Plain numbers, rates and money say large values in words: 1.08 billion.
/// Below a million every whole digit is kept (999,999, not 1 million).
fn push_words(out: &mut String, v: f64, figs: Option<usize>) {
    push_words_guarded(out, v, 1.0, figs);
}

/// [`push_words`], keeping more digits where `v` would round to `guard`.
fn push_words_guarded(out: &mut String, v: f64, guard: f64, figs: Option<usize>) {
    let r = round_sig(v, figs.unwrap_or(SIG_FIGS)).abs();
    for (word, factor) in units::MAGNITUDE_WORDS.iter().rev() {
        // Rounding may leave binary noise just under the factor (1e12).
        let reached = r >= *factor * (1.0 - 1e-12);
        if *word != "thousand" && v.abs() >= 1e6 && reached && r < 1e15 {
            push_number(out, v / factor, 0.0, figs);
            out.push(' ');
            out.push_str(word);
            return;
        }
    }
    push_number(out, v, guard, figs);
}

/// An amount of money: as [`push_words`], but an exact amount
/// from ten dollars to a thousand that is not whole is said in cents, as money is
/// written: $207.36, $0.10, not $207.4 or $0.1. A rough figure keeps the
/// figures it has.
fn push_money(out: &mut String, v: f64, figs: Option<usize>) {
    let exact = figs.is_none();
    if exact && (10.0..1e3).contains(&v.abs()) && round_sig(v.fract(), SIG_FIGS) != 0.0 {
        let cents = (v * 100.0).round() / 100.0;
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let int_digits = libm::log10(cents.abs()).floor() as usize + 1;
        push_number(out, cents, 0.0, Some(int_digits + 2));
    } else {
        push_words(out, v, figs);
    }
    if exact && out.rsplit_once('.').is_some_and(|(_, d)| d.len() == 1) {
        out.push('0');
    }
}

/// `v` to [`SIG_FIGS`] significant figures with thousands separators. When
/// `v` is not `guard` but would round to it, more digits are kept (so
/// 99.9999999% never prints as 100%).
#[cfg(test)]
pub(crate) fn number_text(v: f64, guard: f64) -> String {
    let mut out = String::with_capacity(24);
    push_number(&mut out, v, guard, None);
    out
}

/// `number_text`, written onto the end of `out`. Large estimates show
/// thousands of numbers, so the digits are written by hand rather than
/// through `format!`.
fn push_number(out: &mut String, v: f64, guard: f64, figs: Option<usize>) {
    // Whole numbers below a million keep every digit: 28,935, not 28,940;
    // an uncertain one is shown to the figures it has.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let int_digits = if figs.is_none() && v.abs() >= 1.0 && v.abs() < 1e6 {
        libm::log10(v.abs()).floor() as usize + 1
    } else {
        0
    };
    let mut n = figs.unwrap_or(SIG_FIGS).max(int_digits);
    // An uncertain value may round onto 1 or 100%: it is rough anyway.
    let guard = if figs.is_some() { 0.0 } else { guard };
    while n < 17 && v != guard && guard != 0.0 && round_sig(v, n) == guard {
        n += 1;
    }
    let r = round_sig(v, n);
    if r != 0.0 && (r.abs() >= 1e15 || r.abs() < 1e-6) {
        let text = format!("{:.*e}", n - 1, r);
        let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
        out.push_str(trim_zeros(mantissa));
        out.push('e');
        out.push_str(exp);
        return;
    }
    #[allow(clippy::cast_possible_truncation)]
    let magnitude = if r == 0.0 {
        0
    } else {
        libm::log10(r.abs()).floor() as i64
    };
    let decimals = u32::try_from(i64::try_from(n).unwrap_or(4) - 1 - magnitude).unwrap_or(0);
    // The digits as one integer: r has at most 17 significant digits and is
    // under 1e15, so with its decimals it fits a u64.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_possible_wrap
    )]
    let scaled = (r.abs() * pow10(decimals as i32)).round() as u64;
    let unit = 10u64.pow(decimals);
    let (int, frac) = (scaled / unit, scaled % unit);
    if r < 0.0 && scaled != 0 {
        out.push('-');
    }
    let mut buf = [0u8; 20];
    let whole = digits(int, 1, &mut buf);
    for (i, &d) in whole.iter().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(char::from(d));
    }
    if frac != 0 {
        out.push('.');
        let frac = digits(frac, decimals as usize, &mut buf);
        let end = frac.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1);
        for &d in &frac[..end] {
            out.push(char::from(d));
        }
    }
}

/// The decimal digits of `n`, zero-padded to at least `width`, in `buf`.
fn digits(mut n: u64, width: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut start = buf.len();
    while n > 0 || buf.len() - start < width {
        start -= 1;
        #[allow(clippy::cast_possible_truncation)] // a digit
        let d = (n % 10) as u8;
        buf[start] = b'0' + d;
        n /= 10;
        if start == 0 {
            break;
        }
    }
    &buf[start..]
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64, d: Dimension) -> Quantity {
        Quantity::new(v, d).unwrap()
    }

    /// The straightforward reading of [`number_text`]'s rules, through
    /// `format!`; the hand-written digits must match it.
    fn reference(v: f64, guard: f64) -> String {
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let int_digits = if v.abs() >= 1.0 && v.abs() < 1e6 {
            v.abs().log10().floor() as usize + 1
        } else {
            0
        };
        let mut n = SIG_FIGS.max(int_digits);
        while n < 17 && v != guard && guard != 0.0 && round_sig(v, n) == guard {
            n += 1;
        }
        let r = round_sig(v, n);
        if r != 0.0 && (r.abs() >= 1e15 || r.abs() < 1e-6) {
            let text = format!("{:.*e}", n - 1, r);
            let (mantissa, exp) = text.split_once('e').unwrap_or((&text, "0"));
            return format!("{}e{exp}", trim_zeros(mantissa));
        }
        #[allow(clippy::cast_possible_truncation)]
        let magnitude = if r == 0.0 {
            0
        } else {
            r.abs().log10().floor() as i64
        };
        let decimals = u32::try_from(i64::try_from(n).unwrap_or(4) - 1 - magnitude).unwrap_or(0);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_possible_wrap
        )]
        let scaled = (r.abs() * 10f64.powi(decimals as i32)).round() as u64;
        let unit = 10u64.pow(decimals);
        let (int, frac) = (scaled / unit, scaled % unit);
        let mut out = String::new();
        if r < 0.0 && scaled != 0 {
            out.push('-');
        }
        let digits = int.to_string();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        if frac != 0 {
            let frac = format!("{frac:0width$}", width = decimals as usize);
            out.push('.');
            out.push_str(frac.trim_end_matches('0'));
        }
        out
    }

    #[test]
    fn pow10_is_powi() {
        for n in -400..400 {
            assert_eq!(pow10(n).to_bits(), 10f64.powi(n).to_bits(), "10^{n}");
        }
    }

    #[test]
    fn hand_written_digits_match_format() {
        use proptest::prelude::*;
        use proptest::strategy::ValueTree;
        use proptest::test_runner::TestRunner;
        let mut runner = TestRunner::deterministic();
        let values = prop_oneof![
            any::<f64>(),
            -1e7..1e7f64,
            -2.0..2.0f64,
            (0u64..10_000_000).prop_map(|n| n as f64 / 1000.0),
            (-20i32..20).prop_map(|e| 10f64.powi(e)),
            (-20i32..20).prop_map(|e| 0.999_96 * 10f64.powi(e)),
        ];
        for _ in 0..50_000 {
            let v = values.new_tree(&mut runner).unwrap().current();
            if !v.is_finite() {
                continue;
            }
            for guard in [0.0, 1.0, 100.0] {
                assert_eq!(
                    number_text(v, guard),
                    reference(v, guard),
                    "{v:e} guard {guard}"
                );
            }
        }
    }

    #[test]
    fn readable_units() {
        let cases = [
            (q(3e12, Dimension::DATA), "3 TB"),
            (q(3.04e12, Dimension::DATA), "3.04 TB"),
            (q(999_960.0, Dimension::DATA), "1 MB"),
            (q(6.25e6, Dimension::DATA), "6.25 MB"),
            (q(38.58, Dimension::RATE), "38.58 /s"),
            (q(12_500.0, Dimension::RATE), "12,500 /s"),
            (q(1.25e6, Dimension::RATE), "1.25 million /s"),
            (q(2.0 / 86_400.0, Dimension::RATE), "2 /day"),
            (q(0.5, Dimension::RATE), "30 /min"),
            (q(1.08e9, Dimension::NONE), "1.08 billion"),
            (q(2e6, Dimension::DATA_RATE), "2 MB/s"),
            (q(3153.6, Dimension::TIME), "52.56 min"),
            (q(86_400.0, Dimension::TIME), "1 day"),
            (q(5.0 * 31_536_000.0, Dimension::TIME), "5 years"),
            (q(0.2, Dimension::TIME), "200 ms"),
            (q(5e9, Dimension::MONEY), "$5 billion"),
            (q(50.0, Dimension::MONEY), "$50"),
            (q(0.0, Dimension::NONE), "0"),
            (q(-1234.5, Dimension::NONE), "-1,235"),
            (q(4.0e6, Dimension::AREA), "4 km^2"),
            (
                q(2.0, Dimension::DATA.times(Dimension::TIME).unwrap()),
                "2 B*s",
            ),
        ];
        for (quantity, want) in cases {
            assert_eq!(show(quantity, None, Calendar::default()).text, want);
        }
    }

    #[test]
    fn never_rounds_to_one_or_a_hundred_percent() {
        let pct = DisplayUnit {
            label: "%".into(),
            size: 0.01,
        };
        assert_eq!(
            show(
                q(0.999_999_999, Dimension::NONE),
                Some(pct.clone()),
                Calendar::default()
            )
            .text,
            "99.9999999%"
        );
        assert_eq!(
            show(
                q(0.9999, Dimension::NONE),
                Some(pct.clone()),
                Calendar::default()
            )
            .text,
            "99.99%"
        );
        assert_eq!(
            show(
                q(1.0, Dimension::NONE),
                Some(pct.clone()),
                Calendar::default()
            )
            .text,
            "100%"
        );
        assert_eq!(
            show(q(0.999_999_9, Dimension::NONE), None, Calendar::default()).text,
            "0.9999999"
        );
    }
}
