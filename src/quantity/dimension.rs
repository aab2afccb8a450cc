//! Physical dimensions as exponent vectors over bote's base dimensions.
//!
//! Knows nothing of units or values: only how dimensions combine and how to
//! name them for a person ("data rate") and in base units ("B/s").

use std::fmt;

/// Base dimensions, in the order of [`Dimension`]'s exponent array.
const BASES: [(&str, &str); 4] = [
    ("data", "B"),
    ("time", "s"),
    ("length", "m"),
    ("money", "$"),
];

/// An exponent per base dimension: data (bytes), time (seconds), length
/// (metres), money (US dollars). Plain counts have every exponent zero.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dimension([i8; 4]);

impl Dimension {
    pub(crate) const NONE: Dimension = Dimension([0, 0, 0, 0]);
    pub(crate) const DATA: Dimension = Dimension([1, 0, 0, 0]);
    pub(crate) const TIME: Dimension = Dimension([0, 1, 0, 0]);
    pub(crate) const LENGTH: Dimension = Dimension([0, 0, 1, 0]);
    pub(crate) const MONEY: Dimension = Dimension([0, 0, 0, 1]);
    pub(crate) const RATE: Dimension = Dimension([0, -1, 0, 0]);
    pub(crate) const DATA_RATE: Dimension = Dimension([1, -1, 0, 0]);
    pub(crate) const AREA: Dimension = Dimension([0, 0, 2, 0]);
    pub(crate) const MONEY_RATE: Dimension = Dimension([0, -1, 0, 1]);
    /// A price of data: dollars per byte.
    pub(crate) const MONEY_PER_DATA: Dimension = Dimension([-1, 0, 0, 1]);

    /// Is this a plain number, with no dimension?
    pub fn is_none(self) -> bool {
        self == Dimension::NONE
    }

    /// Product of two dimensions; `None` if an exponent leaves `i8` range.
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
        let mut out = [0i8; 4];
        for (o, &e) in out.iter_mut().zip(&self.0) {
            let scaled = i32::from(e) * num;
            if den == 0 || scaled % den != 0 {
                return None;
            }
            *o = i8::try_from(scaled / den).ok()?;
        }
        Some(Dimension(out))
    }

    fn zip(self, other: Dimension, f: fn(i8, i8) -> Option<i8>) -> Option<Dimension> {
        let mut out = [0i8; 4];
        for ((o, a), b) in out.iter_mut().zip(self.0).zip(other.0) {
            *o = f(a, b)?;
        }
        Some(Dimension(out))
    }

    /// A name a person would use, such as "data rate"; falls back to the base units.
    pub fn name(self) -> String {
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
            _ => return self.base_units(),
        };
        known.to_string()
    }

    /// The dimension written in base units: `B/s`, `m^2`, `B*s`, `1/s`.
    pub fn base_units(self) -> String {
        let part = |e: i8, sym: &str| {
            if e.abs() == 1 {
                sym.to_string()
            } else {
                format!("{sym}^{}", e.abs())
            }
        };
        let num: Vec<String> = BASES
            .iter()
            .zip(self.0)
            .filter(|(_, e)| *e > 0)
            .map(|((_, s), e)| part(e, s))
            .collect();
        let den: Vec<String> = BASES
            .iter()
            .zip(self.0)
            .filter(|(_, e)| *e < 0)
            .map(|((_, s), e)| part(e, s))
            .collect();
        match (num.is_empty(), den.is_empty()) {
            (true, true) => String::new(),
            (false, true) => num.join("*"),
            (true, false) => format!("/{}", den.join("/")),
            (false, false) => format!("{}/{}", num.join("*"), den.join("/")),
        }
    }

    /// How to turn `self` into `target` by one multiplication or division by a
    /// base dimension, said as advice ("multiply by a time").
    pub(crate) fn fix_hint(self, target: Dimension) -> Option<String> {
        const NOUNS: [&str; 4] = ["a data size", "a time", "a length", "an amount of money"];
        for (i, noun) in NOUNS.iter().enumerate() {
            let mut base = [0i8; 4];
            base[i] = 1;
            let base = Dimension(base);
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
        if units.is_empty() {
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
            (Dimension([1, 1, 0, 0]), "B*s (B*s)"),
            (Dimension([0, -2, 0, 0]), "/s^2 (/s^2)"),
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
    fn powers() {
        assert_eq!(Dimension::AREA.pow(1, 2), Some(Dimension::LENGTH));
        assert_eq!(Dimension::TIME.pow(1, 2), None);
        assert_eq!(Dimension::NONE.pow(1, 3), Some(Dimension::NONE));
    }
}
