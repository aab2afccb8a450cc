//! Physical dimensions as exponent vectors over bote's base dimensions.
//!
//! Knows nothing of units or values: only how dimensions combine and how to
//! name them for a person ("data rate") and in base units ("B/s").

use super::count::CountId;
use std::fmt;

/// Base dimensions, in the order of [`Dimension`]'s exponent array.
const BASES: [(&str, &str); 5] = [
    ("data", "B"),
    ("time", "s"),
    ("length", "m"),
    ("money", "$"),
    ("energy", "J"),
];

/// An exponent per base dimension: data (bytes), time (seconds), length
/// (metres), money (US dollars), energy (joules: a capacity planner meets
/// power and energy, never mass, so energy is a base of its own), and per
/// declared count (`request`, see
/// `quantity/count.rs`). Plain numbers have every exponent zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dimension {
    base: [i8; 5],
    /// Counts with a non-zero exponent, by ascending id, then empty
    /// slots (id 0): a count's id and its exponent.
    counts: [(u16, i8); COUNT_SLOTS],
}

/// The most distinct counts one dimension holds (`B/request/user` holds two).
const COUNT_SLOTS: usize = 3;

impl Dimension {
    pub(crate) const NONE: Dimension = Dimension::of([0, 0, 0, 0, 0]);
    pub(crate) const DATA: Dimension = Dimension::of([1, 0, 0, 0, 0]);
    pub(crate) const TIME: Dimension = Dimension::of([0, 1, 0, 0, 0]);
    pub(crate) const LENGTH: Dimension = Dimension::of([0, 0, 1, 0, 0]);
    pub(crate) const MONEY: Dimension = Dimension::of([0, 0, 0, 1, 0]);
    pub(crate) const RATE: Dimension = Dimension::of([0, -1, 0, 0, 0]);
    pub(crate) const DATA_RATE: Dimension = Dimension::of([1, -1, 0, 0, 0]);
    pub(crate) const AREA: Dimension = Dimension::of([0, 0, 2, 0, 0]);
    pub(crate) const MONEY_RATE: Dimension = Dimension::of([0, -1, 0, 1, 0]);
    /// A price of data: dollars per byte.
    pub(crate) const MONEY_PER_DATA: Dimension = Dimension::of([-1, 0, 0, 1, 0]);
    /// A price of storage: dollars per byte per second.
    pub(crate) const MONEY_PER_DATA_TIME: Dimension = Dimension::of([-1, -1, 0, 1, 0]);
    pub(crate) const ENERGY: Dimension = Dimension::of([0, 0, 0, 0, 1]);
    /// Energy per time: watts.
    pub(crate) const POWER: Dimension = Dimension::of([0, -1, 0, 0, 1]);

    const fn of(base: [i8; 5]) -> Dimension {
        Dimension {
            base,
            counts: [(0, 0); COUNT_SLOTS],
        }
    }

    /// One of the count `id`.
    pub(crate) fn count(id: CountId) -> Dimension {
        let mut d = Dimension::NONE;
        d.counts[0] = (id.0, 1);
        d
    }

    /// The power of data in this dimension: 1 for `B/s`, 2 for `B^2`.
    pub(crate) fn data_power(self) -> i8 {
        self.base[0]
    }

    /// The power of time in this dimension: 1 for `B*s`, -1 for a rate.
    pub(crate) fn time_power(self) -> i8 {
        self.base[1]
    }

    /// This dimension without its counts: `B/request` is data.
    pub fn uncounted(self) -> Dimension {
        Dimension::of(self.base)
    }

    /// This dimension with the counts `drop` says removed, whatever their
    /// exponent: `B*tweet/s` without `tweet` is `B/s`.
    pub(crate) fn dropping(self, drop: &dyn Fn(CountId) -> bool) -> Dimension {
        let mut d = self.uncounted();
        for (id, e) in self.counts().filter(|&(id, _)| !drop(id)) {
            for _ in 0..e.unsigned_abs() {
                let one = Dimension::count(id);
                d = if e > 0 { d.times(one) } else { d.per(one) }.unwrap_or(d);
            }
        }
        d
    }

    /// Does this dimension hold a count?
    pub(crate) fn has_counts(self) -> bool {
        self.counts[0].0 != 0
    }

    /// The counts and their exponents: `(request, -1)` for `B/request`.
    pub(crate) fn counts(self) -> impl Iterator<Item = (CountId, i8)> {
        self.counts
            .into_iter()
            .filter(|&(id, _)| id != 0)
            .map(|(id, e)| (CountId(id), e))
    }

    /// Is this a plain number, with no dimension?
    pub fn is_none(self) -> bool {
        self == Dimension::NONE
    }

    /// Product of two dimensions; `None` if an exponent leaves `i8` range
    /// or the product holds more counts than a dimension can.
    /// Whether `self` and `other` together count more kinds of things than
    /// one dimension holds ([`COUNT_SLOTS`]): why a product of them fails.
    pub(crate) fn too_many_counts(self, other: Dimension) -> Option<usize> {
        let mut ids: Vec<CountId> = self
            .counts()
            .chain(other.counts())
            .map(|(id, _)| id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        (ids.len() > COUNT_SLOTS).then_some(COUNT_SLOTS)
    }

    pub(crate) fn times(self, other: Dimension) -> Option<Dimension> {
        self.zip(other, i8::checked_add)
    }

    pub(crate) fn per(self, other: Dimension) -> Option<Dimension> {
        self.zip(other, i8::checked_sub)
    }

    /// Raise to a rational power given as `num/den`; `None` unless every
    /// exponent stays an integer (the square root of an area is a length, the
    /// square root of a time is nothing).
    pub(crate) fn pow(self, num: i32, den: i32) -> Option<Dimension> {
        let scale = |e: i8| {
            let scaled = i32::from(e) * num;
            if den == 0 || scaled % den != 0 {
                return None;
            }
            i8::try_from(scaled / den).ok()
        };
        if num == 0 && den != 0 {
            return Some(Dimension::NONE);
        }
        let mut out = Dimension::NONE;
        for (o, &e) in out.base.iter_mut().zip(&self.base) {
            *o = scale(e)?;
        }
        for (o, &(id, e)) in out.counts.iter_mut().zip(&self.counts) {
            *o = (id, scale(e)?);
        }
        Some(out)
    }

    fn zip(self, other: Dimension, f: fn(i8, i8) -> Option<i8>) -> Option<Dimension> {
        let mut out = Dimension::NONE;
        for ((o, a), b) in out.base.iter_mut().zip(self.base).zip(other.base) {
            *o = f(a, b)?;
        }
        if !self.has_counts() && !other.has_counts() {
            return Some(out);
        }
        // Both lists are sorted by id: merge them.
        let (mut a, mut b) = (self.counts().peekable(), other.counts().peekable());
        let mut n = 0;
        loop {
            let (id, e) = match (a.peek().copied(), b.peek().copied()) {
                (None, None) => break,
                (Some((x, ex)), Some((y, ey))) if x == y => {
                    a.next();
                    b.next();
                    (x, f(ex, ey)?)
                }
                (Some((x, ex)), Some((y, _))) if x < y => {
                    a.next();
                    (x, f(ex, 0)?)
                }
                (Some((x, ex)), None) => {
                    a.next();
                    (x, f(ex, 0)?)
                }
                (_, Some((y, ey))) => {
                    b.next();
                    (y, f(0, ey)?)
                }
            };
            if e != 0 {
                *out.counts.get_mut(n)? = (id.0, e);
                n += 1;
            }
        }
        Some(out)
    }

    /// A name a person would use, such as "data rate"; falls back to the base units.
    pub fn name(self) -> String {
        if self.has_counts() {
            return self.counted_name();
        }
        let known = match self {
            Dimension::NONE => "number",
            Dimension::DATA => "data",
            Dimension::TIME => "time",
            Dimension::LENGTH => "length",
            Dimension::MONEY => "money",
            Dimension::RATE => "rate",
            Dimension::DATA_RATE => "data rate",
            Dimension::AREA => "area",
            Dimension::MONEY_RATE => "money rate",
            Dimension::ENERGY => "energy",
            Dimension::POWER => "power",
            _ => return self.base_units(),
        };
        known.to_string()
    }

    /// `requests`, `requests per user`, `data per request`, `request rate`.
    fn counted_name(self) -> String {
        let names = |many: bool, up: bool| {
            self.counts()
                .filter(|&(_, e)| (e > 0) == up)
                .map(|(id, _)| id.name(many))
                .collect::<Vec<_>>()
        };
        let (num, den) = (names(true, true), names(false, false));
        let base = self.uncounted();
        let mut out = match (base, num.is_empty()) {
            (Dimension::NONE, true) => "number".to_string(),
            (Dimension::NONE, false) => num.join(" × "),
            (Dimension::RATE, false) => format!("{} rate", names(false, true).join(" × ")),
            (_, true) => base.name(),
            (_, false) => format!("{} × {}", base.name(), num.join(" × ")),
        };
        for d in den {
            out.push_str(" per ");
            out.push_str(&d);
        }
        out
    }

    /// The dimension written in base units: `B/s`, `m^2`, `B*s`, `1/s`,
    /// counts by their names (`B/request`).
    pub fn base_units(self) -> String {
        let part = |e: i8, sym: &str| {
            if e.abs() == 1 {
                sym.to_string()
            } else {
                format!("{sym}^{}", e.abs())
            }
        };
        let parts = |up: bool| -> Vec<String> {
            let bases = BASES
                .iter()
                .zip(self.base)
                .filter(|&(_, e)| e != 0 && (e > 0) == up)
                .map(|((_, s), e)| part(e, s));
            let counts = self
                .counts()
                .filter(|&(_, e)| (e > 0) == up)
                .map(|(id, e)| part(e, &id.name(false)));
            bases.chain(counts).collect()
        };
        let (num, den) = (parts(true), parts(false));
        match (num.is_empty(), den.is_empty()) {
            (true, true) => String::new(),
            (false, true) => num.join("*"),
            (true, false) => format!("/{}", den.join("/")),
            (false, false) => format!("{}/{}", num.join("*"), den.join("/")),
        }
    }

    /// Can a value of this dimension be shown in a unit of `want`? When
    /// the two are the same; and when `want` names no count and is a plain
    /// number or a pure rate (`million`, `/s`, `QPS`), which say how many
    /// of whatever is counted: requests per second are a rate.
    pub(crate) fn converts_to(self, want: Dimension) -> bool {
        self == want
            || (!want.has_counts()
                && self.base == want.base
                && matches!(want, Dimension::NONE | Dimension::RATE))
    }

    /// When `self` and `want` differ only in their counts, the counts
    /// between them (`self / want`): `request` when `self` has one request
    /// too many, `/request` when it lacks one.
    pub(crate) fn count_gap(self, want: Dimension) -> Option<Dimension> {
        if self.base == want.base && self != want {
            self.per(want)
        } else {
            None
        }
    }

    /// How to turn `self` into `target` by one multiplication or division by a
    /// base dimension, said as advice ("multiply by a time").
    pub(crate) fn fix_hint(self, target: Dimension) -> Option<String> {
        const NOUNS: [&str; 5] = [
            "a data size",
            "a time",
            "a length",
            "an amount of money",
            "an energy",
        ];
        for (i, noun) in NOUNS.iter().enumerate() {
            let mut base = [0i8; 5];
            base[i] = 1;
            let base = Dimension::of(base);
            if self.times(base) == Some(target) {
                return Some(format!("multiply by {noun}"));
            }
            if self.per(base) == Some(target) {
                return Some(format!("divide by {noun}"));
            }
        }
        None
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let units = self.base_units();
        if units.is_empty() || units == self.name() {
            write!(f, "{}", self.name())
        } else {
            write!(f, "{} ({units})", self.name())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_units() {
        let cases = [
            (Dimension::DATA_RATE, "data rate (B/s)"),
            (Dimension::RATE, "rate (/s)"),
            (Dimension::NONE, "number"),
            (Dimension::of([1, 1, 0, 0, 0]), "B*s"),
            (Dimension::of([0, -2, 0, 0, 0]), "/s^2"),
        ];
        for (dim, want) in cases {
            assert_eq!(dim.to_string(), want);
        }
    }

    #[test]
    fn hints() {
        assert_eq!(
            Dimension::DATA_RATE.fix_hint(Dimension::DATA).as_deref(),
            Some("multiply by a time")
        );
        assert_eq!(
            Dimension::DATA.fix_hint(Dimension::DATA_RATE).as_deref(),
            Some("divide by a time")
        );
        assert_eq!(
            Dimension::NONE.fix_hint(Dimension::MONEY).as_deref(),
            Some("multiply by an amount of money")
        );
        assert_eq!(Dimension::DATA.fix_hint(Dimension::LENGTH), None);
    }

    #[test]
    fn counts_are_dimensions() {
        let req = Dimension::count(CountId::intern("request", "requests").unwrap());
        let user = Dimension::count(CountId::intern("user", "users").unwrap());
        let per_user = req.per(user).unwrap();
        assert_eq!(per_user.to_string(), "requests per user (request/user)");
        assert_eq!(per_user.times(user), Some(req));
        let bytes_each = Dimension::DATA.per(req).unwrap();
        assert_eq!(bytes_each.to_string(), "data per request (B/request)");
        let rate = req.per(Dimension::TIME).unwrap();
        assert_eq!(rate.to_string(), "request rate (request/s)");
        assert_eq!(rate.times(bytes_each), Some(Dimension::DATA_RATE));
        assert_eq!(req.to_string(), "requests (request)");
        // The order counts are met in does not matter.
        assert_eq!(user.times(req), req.times(user));
        assert_eq!(req.per(req), Some(Dimension::NONE));
        assert_eq!(req.pow(2, 1).unwrap().per(req), Some(req));
        assert_eq!(
            Dimension::DATA_RATE
                .times(req)
                .unwrap()
                .count_gap(Dimension::DATA_RATE),
            Some(req)
        );
        assert_eq!(Dimension::DATA.count_gap(Dimension::TIME), None);
    }

    #[test]
    fn powers() {
        assert_eq!(Dimension::AREA.pow(1, 2), Some(Dimension::LENGTH));
        assert_eq!(Dimension::TIME.pow(1, 2), None);
        assert_eq!(Dimension::NONE.pow(1, 3), Some(Dimension::NONE));
    }
}
