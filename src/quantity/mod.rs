//! A value with a dimension, and the arithmetic that keeps dimensions honest.
//!
//! Values are held in base units (bytes, seconds, metres, dollars). Errors here
//! carry no source position: `eval` attaches the span where the operation was
//! written. Nothing here formats for display.

pub(crate) mod count;
pub(crate) mod dimension;
pub(crate) mod queue;
pub(crate) mod sample;

use dimension::Dimension;
use std::fmt;

/// A number with a dimension, in base units.
///
/// Kept as its own small type so a later range or sample-set value can replace
/// the single `f64` without touching every signature that passes quantities.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    value: f64,
    dim: Dimension,
}

/// Why an operation on quantities failed.
#[derive(Clone, Debug, PartialEq)]
pub enum QuantityError {
    /// Two sides of `+`, `-`, `min`, `max` or a conversion disagree.
    Mismatch {
        /// The operation, as a verb: `add`, `compare`, `convert between`.
        op: &'static str,
        /// The left side's dimension.
        left: Dimension,
        /// The right side's dimension.
        right: Dimension,
    },
    /// A divisor of zero.
    DivisionByZero,
    /// The result is too large for a double.
    Overflow,
    /// The result of non-zero operands is too close to zero for a double.
    Underflow,
    /// The operation has no defined result (0^-1, sqrt of a negative, ln 0).
    Undefined(&'static str),
    /// Exponent carries a dimension, or a dimension cannot be raised to it.
    BadPower(String),
    /// A range or distribution whose parameters make none.
    BadRange(String),
    /// A declared count multiplies a size, money or a length.
    Counted(String),
    /// A queue with no answer: arrivals its servers cannot keep up with,
    /// or an argument of the wrong kind (the message says which).
    Queue(String),
    /// An error in some draws of an uncertain quantity.
    InDraws {
        /// The error of the first draw that failed.
        error: Box<QuantityError>,
        /// How many draws failed.
        failed: usize,
        /// How many draws there were.
        of: usize,
    },
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::Mismatch { op, left, right } => {
                write!(f, "cannot {op} {left} and {right}")
            }
            QuantityError::DivisionByZero => f.write_str("division by zero"),
            QuantityError::Overflow => f.write_str("the result is too large to represent"),
            QuantityError::Underflow => {
                f.write_str("the result is too close to zero to represent (it underflows)")
            }
            QuantityError::Undefined(what) => write!(f, "{what} is undefined"),
            QuantityError::BadPower(why)
            | QuantityError::BadRange(why)
            | QuantityError::Counted(why)
            | QuantityError::Queue(why) => f.write_str(why),
            QuantityError::InDraws { error, failed, of } => {
                write!(
                    f,
                    "{error} in {} of {} draws",
                    grouped(*failed),
                    grouped(*of)
                )
            }
        }
    }
}

/// `12345` as `12,345`.
pub(crate) fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) type Result<T> = std::result::Result<T, QuantityError>;

/// Why two dimensions do not combine: more kinds of things counted than
/// one figure holds (`2 apples * 3 pears * 4 plums * 5 figs`), or an
/// exponent past what bote keeps.
fn combined(a: dimension::Dimension, b: dimension::Dimension) -> QuantityError {
    match a.too_many_counts(b) {
        Some(most) => QuantityError::Counted(format!(
            "this counts more than {most} kinds of things at once; bote keeps at most {most} in \
             one figure: leave the nouns off some of the figures"
        )),
        None => QuantityError::Overflow,
    }
}

impl Quantity {
    /// A plain zero.
    pub(crate) const ZERO: Quantity = Quantity {
        value: 0.0,
        dim: Dimension::NONE,
    };

    /// A plain one.
    pub(crate) const ONE: Quantity = Quantity {
        value: 1.0,
        dim: Dimension::NONE,
    };

    /// A quantity from a value in base units. Non-finite values are
    /// refused, and so is a value below the smallest normal double
    /// (about 2.2e-308): it has lost digits, and the literal `1e-310` is
    /// refused for the same reason.
    pub fn new(value: f64, dim: Dimension) -> Result<Quantity> {
        if value.is_finite() && !value.is_subnormal() {
            Ok(Quantity { value, dim })
        } else if value.is_subnormal() {
            Err(QuantityError::Underflow)
        } else {
            Err(QuantityError::Overflow)
        }
    }

    /// A plain number; non-finite values are refused.
    pub fn number(value: f64) -> Result<Quantity> {
        Quantity::new(value, Dimension::NONE)
    }

    /// The value in base units.
    pub fn si_value(self) -> f64 {
        self.value
    }

    /// The dimension.
    pub fn dim(self) -> Dimension {
        self.dim
    }

    pub(crate) fn checked_add(self, rhs: Quantity) -> Result<Quantity> {
        self.same_dim("add", rhs)?;
        Quantity::new(self.value + rhs.value, self.dim)
    }

    pub(crate) fn checked_sub(self, rhs: Quantity) -> Result<Quantity> {
        self.same_dim("subtract", rhs)?;
        Quantity::new(self.value - rhs.value, self.dim)
    }

    pub(crate) fn checked_mul(self, rhs: Quantity) -> Result<Quantity> {
        let dim = self
            .dim
            .times(rhs.dim)
            .ok_or_else(|| combined(self.dim, rhs.dim))?;
        Quantity::new(self.value * rhs.value, dim).and_then(underflow_check(self, rhs))
    }

    pub(crate) fn checked_div(self, rhs: Quantity) -> Result<Quantity> {
        if rhs.value == 0.0 {
            return Err(QuantityError::DivisionByZero);
        }
        let dim = self
            .dim
            .per(rhs.dim)
            .ok_or_else(|| combined(self.dim, rhs.dim))?;
        Quantity::new(self.value / rhs.value, dim).and_then(underflow_check(self, rhs))
    }

    pub(crate) fn negate(self) -> Quantity {
        Quantity {
            value: -self.value,
            dim: self.dim,
        }
    }

    /// `self ^ exp`. The exponent must be a plain number; a dimensioned base
    /// needs an exponent that keeps its dimension whole (`area ^ 0.5` is fine).
    pub(crate) fn pow(self, exp: Quantity) -> Result<Quantity> {
        if !exp.dim.is_none() {
            return Err(QuantityError::BadPower(format!(
                "an exponent must be a plain number, not {}",
                exp.dim
            )));
        }
        let dim = if self.dim.is_none() {
            Dimension::NONE
        } else {
            let (num, den) = small_fraction(exp.value).ok_or_else(|| {
                QuantityError::BadPower(format!(
                    "cannot raise {} to the power {}",
                    self.dim, exp.value
                ))
            })?;
            self.dim.pow(num, den).ok_or_else(|| {
                QuantityError::BadPower(format!(
                    "cannot raise {} to the power {}",
                    self.dim, exp.value
                ))
            })?
        };
        if self.value == 0.0 && exp.value < 0.0 {
            return Err(QuantityError::DivisionByZero);
        }
        if self.value < 0.0 && exp.value.fract() != 0.0 {
            return Err(QuantityError::Undefined(
                "a fractional power of a negative number",
            ));
        }
        let q = Quantity::new(libm::pow(self.value, exp.value), dim)?;
        if q.value == 0.0 && self.value != 0.0 {
            return Err(QuantityError::Underflow);
        }
        Ok(q)
    }

    /// Apply a function of a plain value that keeps the dimension (`ceil`, `abs`).
    pub(crate) fn map(self, f: fn(f64) -> f64) -> Result<Quantity> {
        Quantity::new(f(self.value), self.dim)
    }

    pub(crate) fn min(self, rhs: Quantity) -> Result<Quantity> {
        self.same_dim("compare", rhs)?;
        Ok(if rhs.value < self.value { rhs } else { self })
    }

    pub(crate) fn max(self, rhs: Quantity) -> Result<Quantity> {
        self.same_dim("compare", rhs)?;
        Ok(if rhs.value > self.value { rhs } else { self })
    }

    /// The value expressed in `unit` (a quantity holding one of that unit).
    pub(crate) fn in_unit(self, unit: Quantity) -> Result<f64> {
        if !self.dim.converts_to(unit.dim) {
            self.same_dim("convert between", unit)?;
        }
        let v = self.value / unit.value;
        if v.is_finite() {
            Ok(v)
        } else {
            Err(QuantityError::Overflow)
        }
    }

    pub(crate) fn same_dim(self, op: &'static str, rhs: Quantity) -> Result<()> {
        if self.dim == rhs.dim {
            Ok(())
        } else {
            Err(QuantityError::Mismatch {
                op,
                left: self.dim,
                right: rhs.dim,
            })
        }
    }
}

/// A product or quotient of two non-zero values that comes out as zero has
/// underflowed; reporting 0 there would be a confident wrong answer.
fn underflow_check(a: Quantity, b: Quantity) -> impl FnOnce(Quantity) -> Result<Quantity> {
    move |q| {
        if q.value == 0.0 && a.value != 0.0 && b.value != 0.0 {
            Err(QuantityError::Underflow)
        } else {
            Ok(q)
        }
    }
}

/// `x` as `num/den` with a small denominator, when it is one.
fn small_fraction(x: f64) -> Option<(i32, i32)> {
    for den in 1..=4 {
        let num = x * f64::from(den);
        if (num - num.round()).abs() < 1e-9 && num.abs() < 128.0 {
            #[allow(clippy::cast_possible_truncation)]
            return Some((num.round() as i32, den));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(v: f64, d: Dimension) -> Quantity {
        Quantity::new(v, d).unwrap()
    }

    #[test]
    fn dimensions_are_checked() {
        let err = q(5.0, Dimension::DATA)
            .checked_add(q(3.0, Dimension::TIME))
            .unwrap_err();
        assert_eq!(err.to_string(), "cannot add data (B) and time (s)");
    }

    #[test]
    fn overflow_underflow_and_zero() {
        let big = Quantity::number(1e308).unwrap();
        assert_eq!(
            big.checked_mul(Quantity::number(10.0).unwrap()),
            Err(QuantityError::Overflow)
        );
        let tiny = Quantity::number(1e-300).unwrap();
        assert!(tiny.checked_mul(tiny).is_err());
        assert_eq!(
            big.checked_div(Quantity::number(0.0).unwrap()),
            Err(QuantityError::DivisionByZero)
        );
        assert!(Quantity::number(f64::NAN).is_err());
    }

    #[test]
    fn powers_keep_dimensions_whole() {
        let area = q(4.0, Dimension::AREA);
        let half = Quantity::number(0.5).unwrap();
        assert_eq!(area.pow(half).unwrap(), q(2.0, Dimension::LENGTH));
        assert!(q(4.0, Dimension::TIME).pow(half).is_err());
        assert!(Quantity::number(-8.0).unwrap().pow(half).is_err());
    }
}
