//! Quantile functions written out: the standard normal's (for the strata
//! every range is drawn from) and the median of a Beta (for PERT's shown
//! median and `--point`).

/// The standard normal distribution's quantile function: Acklam's
/// rational approximation (relative error under 1.2e-9), then one step of
/// Halley's method on `libm::erfc`, which brings it to the last few bits
/// of a double (a test checks it against statrs to 1e-13). Written here,
/// not taken from statrs, because statrs calls the system maths library:
/// loading `libm.so` costs every bote command, ranges or not, a tenth of a
/// hello-world's start (measured: docs/performance.md).
pub(crate) fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] = [
        7.784_695_709_041_462e-3,
        3.224_671_290_700_398e-1,
        2.445_134_137_142_996,
        3.754_408_661_907_416,
    ];
    const LOW: f64 = 0.024_25;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    let x = if p < LOW {
        tail(libm::sqrt(-2.0 * libm::log(p)))
    } else if p > 1.0 - LOW {
        -tail(libm::sqrt(-2.0 * libm::log(1.0 - p)))
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    };
    // Halley: e is how far the normal distribution function at x is from p.
    let e = 0.5 * libm::erfc(-x / std::f64::consts::SQRT_2) - p;
    let u = e * libm::sqrt(2.0 * std::f64::consts::PI) * libm::exp(x * x / 2.0);
    x - u / (1.0 + x * u / 2.0)
}

/// The median of Beta(a, b) on 0..1 (a, b >= 1, as PERT's are): the
/// density integrated by Simpson's rule after x = sin^2(t), which leaves
/// 2 sin^(2a-1)(t) cos^(2b-1)(t), smooth on 0..pi/2, and the half-way
/// point found by bisection on t. Only `--point` and a pert's shown median
/// use it; a test holds it to statrs's inverse to 1e-8.
pub(super) fn beta_median(a: f64, b: f64) -> f64 {
    let density = |t: f64| {
        2.0 * libm::pow(libm::sin(t), 2.0 * a - 1.0) * libm::pow(libm::cos(t), 2.0 * b - 1.0)
    };
    let integral = |to: f64| {
        let steps = 400;
        #[allow(clippy::cast_precision_loss)]
        let h = to / steps as f64;
        let mut sum = density(0.0) + density(to);
        for i in 1..steps {
            #[allow(clippy::cast_precision_loss)]
            let t = i as f64 * h;
            sum += density(t) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        sum * h / 3.0
    };
    let whole = integral(std::f64::consts::FRAC_PI_2);
    let (mut lo, mut hi) = (0.0, std::f64::consts::FRAC_PI_2);
    for _ in 0..60 {
        let mid = (lo + hi) / 2.0;
        if integral(mid) < whole / 2.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let s = libm::sin((lo + hi) / 2.0);
    s * s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written quantile function against statrs's (a dev-only
    /// dependency, kept out of the binary: see `normal_quantile`).
    #[test]
    fn normal_quantile_matches_statrs() {
        use statrs::distribution::{ContinuousCDF, Normal};
        let normal = Normal::new(0.0, 1.0).unwrap();
        for i in 1..100_000 {
            let p = f64::from(i) / 100_000.0;
            let (got, want) = (normal_quantile(p), normal.inverse_cdf(p));
            assert!(
                (got - want).abs() < 1e-13 * want.abs().max(1.0),
                "p = {p}: {got} vs {want}"
            );
        }
        for p in [1e-12, 1e-9, 5e-5, 1.0 - 5e-5, 1.0 - 1e-9] {
            let (got, want) = (normal_quantile(p), normal.inverse_cdf(p));
            assert!((got / want - 1.0).abs() < 1e-9, "p = {p}: {got} vs {want}");
        }
    }

    #[test]
    fn beta_median_matches_statrs() {
        for (a, b) in [
            (1.0, 5.0),
            (13.0 / 9.0, 41.0 / 9.0),
            (3.0, 3.0),
            (4.2, 1.8),
            (5.0, 1.0),
        ] {
            let want = statrs::function::beta::inv_beta_reg(a, b, 0.5);
            let got = beta_median(a, b);
            assert!((got - want).abs() < 1e-8, "Beta({a}, {b}): {got} vs {want}");
        }
    }
}
