//! The M/M/c queue in closed form: Poisson arrivals at rate λ, exponential
//! service of mean `s` (rate μ = 1/s) on `c` identical servers, one FIFO
//! queue without a bound. Plain numbers in SI units in, plain numbers
//! out; the language checks dimensions and draws (`lang/queues.rs`).
//!
//! The offered load is a = λs Erlangs and the utilisation ρ = a/c. With
//! C the Erlang C probability that an arrival waits (Kleinrock, *Queueing
//! Systems* vol. 1, §3.5; Harchol-Balter, *Performance Modeling and
//! Design of Computer Systems*, ch. 14):
//!
//! - mean wait in queue W_q = C s / (c - a), and P(W > t) = C e^{-(cμ-λ)t};
//! - mean number waiting L_q = λ W_q = C ρ / (1 - ρ), and
//!   P(Q > k) = C ρ^{k+1} (the stationary distribution is geometric above
//!   c in system).
//!
//! Erlang C is computed from Erlang B by its recurrence
//! B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)), which stays within [0, 1]
//! for any number of servers (no factorial, no power of a), then
//! C = c B / (c - a (1 - B)).

/// Why a queue has no answer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum QueueError {
    /// Arrivals at or above what the servers can take: the utilisation
    /// (a/c, at least 1) and the servers.
    Unstable { utilisation: f64, servers: f64 },
    /// More servers than bote counts one by one.
    TooManyServers,
}

/// The most servers bote counts, one recurrence step each.
pub(crate) const MAX_SERVERS: f64 = 1e9;

/// Erlang B for `a` Erlangs on `c` servers, by the stable recurrence.
fn erlang_b(a: f64, c: u64) -> f64 {
    let mut b = 1.0;
    for k in 1..=c {
        #[allow(clippy::cast_precision_loss)]
        let k = k as f64;
        b = a * b / (k + a * b);
    }
    b
}

/// Erlang C from Erlang B on the same `c` servers.
fn c_from_b(a: f64, c: f64, b: f64) -> f64 {
    (c * b / (c - a * (1.0 - b))).clamp(0.0, 1.0)
}

/// Checks `a` Erlangs on `c` servers are a stable queue; `c` as a count.
fn stable(a: f64, c: f64) -> Result<u64, QueueError> {
    if c > MAX_SERVERS {
        return Err(QueueError::TooManyServers);
    }
    if a >= c {
        return Err(QueueError::Unstable {
            utilisation: a / c,
            servers: c,
        });
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    Ok(c as u64)
}

/// The probability an arrival waits: Erlang C for `a` Erlangs (λs) on `c`
/// whole servers.
pub(crate) fn erlang_c(a: f64, c: f64) -> Result<f64, QueueError> {
    let n = stable(a, c)?;
    if a == 0.0 {
        return Ok(0.0);
    }
    Ok(c_from_b(a, c, erlang_b(a, n)))
}

/// The time in queue of an arrival, for arrivals `lambda` (per second) on
/// `c` servers of mean service `s` (seconds): the mean, or with `q` the
/// time not exceeded by that share of arrivals.
pub(crate) fn wait(lambda: f64, s: f64, c: f64, q: Option<f64>) -> Result<f64, QueueError> {
    let a = lambda * s;
    let pw = erlang_c(a, c)?;
    Ok(wait_of(pw, a, s, c, q))
}

/// The wait for Erlang C `pw`, `a` Erlangs, service `s`, `c` servers.
fn wait_of(pw: f64, a: f64, s: f64, c: f64, q: Option<f64>) -> f64 {
    // Logarithms are libm's here and below: `f64::ln` would load the
    // system's libm.so at every start of bote, whatever the command.
    // cμ - λ, the rate at which the servers outrun arrivals.
    let spare = (c - a) / s;
    match q {
        None => pw / spare,
        // P(W > t) = C e^{-spare t} = 1 - q.
        Some(q) if pw <= 1.0 - q => 0.0,
        Some(q) => libm::log(pw / (1.0 - q)) / spare,
    }
}

/// The number waiting (not in service): the time-average mean, or with
/// `q` the smallest depth k with P(Q ≤ k) ≥ q, so the queue is deeper than
/// k at most 1 - q of the time.
pub(crate) fn queue_length(lambda: f64, s: f64, c: f64, q: Option<f64>) -> Result<f64, QueueError> {
    let a = lambda * s;
    let pw = erlang_c(a, c)?;
    let rho = a / c;
    Ok(match q {
        None => pw * rho / (1.0 - rho),
        // P(Q > k) = C ρ^{k+1} ≤ 1 - q.
        Some(q) if pw <= 1.0 - q => 0.0,
        Some(q) => {
            let steps = libm::log((1.0 - q) / pw) / libm::log(rho);
            // A double's noise on an exact step is that step.
            let near = steps.round();
            let steps = if (steps - near).abs() <= 1e-9 * near.max(1.0) {
                near
            } else {
                steps.ceil()
            };
            (steps - 1.0).max(0.0)
        }
    })
}

/// The fewest servers whose wait (mean, or at share `q`) is at most
/// `max_wait` seconds, for arrivals `lambda` per second of mean service
/// `s`. Never fewer than one, and always more than the offered load.
pub(crate) fn servers_for(
    lambda: f64,
    s: f64,
    max_wait: f64,
    q: Option<f64>,
) -> Result<f64, QueueError> {
    let a = lambda * s;
    if a == 0.0 {
        return Ok(1.0);
    }
    if a >= MAX_SERVERS {
        return Err(QueueError::TooManyServers);
    }
    // The first stable count: the smallest whole number above a.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let mut n = (a.floor() as u64 + 1).max(1);
    let mut b = erlang_b(a, n);
    loop {
        #[allow(clippy::cast_precision_loss)]
        let c = n as f64;
        // A wait a millionth over the target from a double's noise is on it.
        if wait_of(c_from_b(a, c, b), a, s, c, q) <= max_wait * (1.0 + 1e-9) {
            return Ok(c);
        }
        n += 1;
        #[allow(clippy::cast_precision_loss)]
        let k = n as f64;
        b = a * b / (k + a * b);
        if k > MAX_SERVERS {
            return Err(QueueError::TooManyServers);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, rel: f64) {
        assert!(
            (got - want).abs() <= rel * want.abs().max(1e-300),
            "got {got}, want {want}"
        );
    }

    /// Erlang C straight from its textbook formula, in exact-enough
    /// doubles for small c: a^c/c! · c/(c-a) over Σ_{k<c} a^k/k! + that.
    fn erlang_c_direct(a: f64, c: u32) -> f64 {
        let mut term = 1.0;
        let mut sum = 0.0;
        for k in 0..c {
            sum += term;
            term *= a / f64::from(k + 1);
        }
        let top = term * f64::from(c) / (f64::from(c) - a);
        top / (sum + top)
    }

    #[test]
    fn mm1_lambda_8_service_100ms() {
        // M/M/1: ρ = 0.8; C = ρ; W_q = ρ/(μ-λ) = 0.8/2 = 0.4 s;
        // L_q = ρ²/(1-ρ) = 3.2; P(W > t) = ρ e^{-2t} = 0.01 at t = ln 80 / 2.
        close(erlang_c(0.8, 1.0).unwrap(), 0.8, 1e-12);
        close(wait(8.0, 0.1, 1.0, None).unwrap(), 0.4, 1e-12);
        close(
            wait(8.0, 0.1, 1.0, Some(0.99)).unwrap(),
            80f64.ln() / 2.0,
            1e-12,
        );
        close(queue_length(8.0, 0.1, 1.0, None).unwrap(), 3.2, 1e-12);
        // P(Q > k) = 0.8^{k+2} ≤ 0.01: k + 2 ≥ ln 0.01 / ln 0.8 = 20.6, k = 19.
        assert_eq!(queue_length(8.0, 0.1, 1.0, Some(0.99)).unwrap(), 19.0);
        // Below the share that waits at all, the wait is zero.
        assert_eq!(wait(8.0, 0.1, 1.0, Some(0.1)).unwrap(), 0.0);
    }

    #[test]
    fn mmc_100_per_s_50ms_6_servers() {
        // a = 5 Erlangs on 6: Σ_{k<6} 5^k/k! = 1 + 5 + 12.5 + 20.8333 +
        // 26.0417 + 26.0417 = 91.4167; 5^6/6! · 6 = 21.7014 · 6 = 130.2083;
        // C = 130.2083 / 221.625 = 0.587514.
        let c = 130.208_333_333_333_3 / (91.416_666_666_666_7 + 130.208_333_333_333_3);
        close(erlang_c(5.0, 6.0).unwrap(), c, 1e-12);
        close(erlang_c_direct(5.0, 6), c, 1e-12);
        // W_q = C / (cμ - λ) = C / (120 - 100) s; L_q = λ W_q = 100 C / 20.
        close(wait(100.0, 0.05, 6.0, None).unwrap(), c / 20.0, 1e-12);
        close(
            queue_length(100.0, 0.05, 6.0, None).unwrap(),
            5.0 * c,
            1e-12,
        );
        close(
            wait(100.0, 0.05, 6.0, Some(0.99)).unwrap(),
            (c / 0.01).ln() / 20.0,
            1e-12,
        );
        // P(Q > k) = C (5/6)^{k+1} ≤ 0.01: k + 1 ≥ ln(0.01/C)/ln(5/6) = 22.35.
        assert_eq!(queue_length(100.0, 0.05, 6.0, Some(0.99)).unwrap(), 22.0);
    }

    #[test]
    fn erlang_c_table_10_erlangs_12_servers() {
        // The Erlang C table value: 10 Erlangs on 12 servers wait with
        // probability 0.4494 (as Erlang C tables print it, to four places),
        // and the direct formula agrees to the last digit.
        close(erlang_c(10.0, 12.0).unwrap(), 0.449_4, 1e-4);
        close(
            erlang_c(10.0, 12.0).unwrap(),
            erlang_c_direct(10.0, 12),
            1e-12,
        );
    }

    #[test]
    fn hundreds_of_servers_do_not_overflow() {
        // 500 Erlangs on 520 servers: 500^520 and 520! overflow a double.
        let c = erlang_c(500.0, 520.0).unwrap();
        assert!(c > 0.0 && c < 1.0, "{c}");
        // Far more servers than load: nobody waits, and nothing underflows
        // into an error.
        assert_eq!(erlang_c(1.0, 10_000.0).unwrap(), 0.0);
        let w = wait(1.0, 1.0, 10_000.0, Some(0.99)).unwrap();
        assert_eq!(w, 0.0);
        // Under 1% wait at all: the p99 wait is 0, the mean is not.
        assert!(erlang_c(313.36, 357.0).unwrap() < 0.01);
        assert_eq!(wait(313.36, 1.0, 357.0, Some(0.99)).unwrap(), 0.0);
        assert!(wait(313.36, 1.0, 357.0, None).unwrap() > 0.0);
    }

    #[test]
    fn unstable_queues_say_their_utilisation() {
        let Err(QueueError::Unstable {
            utilisation,
            servers,
        }) = wait(12.0, 0.1, 1.0, None)
        else {
            panic!("12/s at 100 ms on one server is unstable");
        };
        close(utilisation, 1.2, 1e-12);
        assert_eq!(servers, 1.0);
        assert!(matches!(
            erlang_c(6.0, 6.0),
            Err(QueueError::Unstable { .. })
        ));
    }

    #[test]
    fn servers_for_is_the_fewest() {
        // 5 Erlangs: p99 wait within 100 ms.
        let c = servers_for(100.0, 0.05, 0.1, Some(0.99)).unwrap();
        assert!(wait(100.0, 0.05, c, Some(0.99)).unwrap() <= 0.1);
        assert!(wait(100.0, 0.05, c - 1.0, Some(0.99)).map_or(true, |w| w > 0.1));
        assert_eq!(c, 7.0);
        // A zero target needs the wait's share to fall under 1%.
        let c = servers_for(100.0, 0.05, 0.0, Some(0.99)).unwrap();
        assert!(erlang_c(5.0, c).unwrap() <= 0.01);
        assert!(erlang_c(5.0, c - 1.0).unwrap() > 0.01);
        // Mean wait.
        let c = servers_for(8.0, 0.1, 0.4, None).unwrap();
        assert_eq!(c, 1.0);
    }

    /// What a discrete-event simulation of a FIFO M/M/c queue measured:
    /// the share that waited, the mean and 99th-percentile wait, and the
    /// mean and 99th-percentile number waiting an arrival finds (by PASTA,
    /// the time average).
    struct Measured {
        waited: f64,
        wait_mean: f64,
        wait_p99: f64,
        queue_mean: f64,
        queue_p99: f64,
    }

    /// `n` Poisson arrivals at `lambda` per second, exponential service of
    /// mean `s`, `c` servers, one FIFO queue; seeded. Each arrival takes
    /// the server that frees first (FIFO on identical servers), so its wait
    /// is that server's free time less its arrival; the queue it finds is
    /// the earlier arrivals still waiting at that moment.
    fn simulate(lambda: f64, s: f64, c: usize, n: usize, seed: u64) -> Measured {
        use rand::SeedableRng;
        use rand_distr::{Distribution, Exp};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(seed);
        let (gap, work) = (Exp::new(lambda).unwrap(), Exp::new(1.0 / s).unwrap());
        let mut free = vec![0.0_f64; c];
        let mut starts = std::collections::VecDeque::new();
        let (mut t, mut waits, mut found) = (0.0, Vec::with_capacity(n), Vec::with_capacity(n));
        for _ in 0..n {
            t += gap.sample(&mut rng);
            let (k, &at) = free
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .unwrap();
            let start = at.max(t);
            while starts.front().is_some_and(|&b: &f64| b <= t) {
                starts.pop_front();
            }
            #[allow(clippy::cast_precision_loss)]
            found.push(starts.len() as f64);
            if start > t {
                starts.push_back(start);
            }
            waits.push(start - t);
            free[k] = start + work.sample(&mut rng);
        }
        #[allow(clippy::cast_precision_loss)]
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
        let p99 = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() * 99 / 100]
        };
        #[allow(clippy::cast_precision_loss)]
        let waited = waits.iter().filter(|&&w| w > 0.0).count() as f64 / n as f64;
        Measured {
            waited,
            wait_mean: mean(&waits),
            wait_p99: p99(&mut waits),
            queue_mean: mean(&found),
            queue_p99: p99(&mut found),
        }
    }

    /// `servers_for` against the simulation: the fewest servers it gives
    /// keep the simulated p99 wait within the target, and one fewer does
    /// not (100/s at 50 ms within 100 ms: 7 servers, 87 ms; 6 wait 204 ms).
    #[test]
    fn servers_for_matches_a_simulation() {
        let c = servers_for(100.0, 0.05, 0.1, Some(0.99)).unwrap();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = c as usize;
        let enough = simulate(100.0, 0.05, n, 300_000, 7).wait_p99;
        let fewer = simulate(100.0, 0.05, n - 1, 300_000, 7).wait_p99;
        assert!(
            enough <= 0.1 && fewer > 0.1,
            "{n} servers: {enough} s; one fewer: {fewer} s"
        );
    }

    /// The closed forms against a million simulated arrivals, within a few
    /// percent (3%; sampling error at these loads is about 1%; the seed is
    /// fixed, so the test is deterministic). About a second in a debug build.
    #[test]
    fn closed_forms_match_a_simulation() {
        for (lambda, s, c) in [(8.0, 0.1, 1), (100.0, 0.05, 6), (10.0, 1.0, 12)] {
            let m = simulate(lambda, s, c, 1_000_000, 38);
            #[allow(clippy::cast_precision_loss)]
            let c = c as f64;
            let within = |what: &str, got: f64, want: f64, rel: f64| {
                eprintln!(
                    "{lambda}/s, {s} s, {c} servers: {what} simulated {got:.5}, closed form {want:.5} ({:+.2}%)",
                    (got / want - 1.0) * 100.0
                );
                assert!(
                    (got - want).abs() <= rel * want,
                    "{lambda}/s, {s} s, {c} servers: {what} simulated {got}, closed form {want}"
                );
            };
            within(
                "share waiting",
                m.waited,
                erlang_c(lambda * s, c).unwrap(),
                0.03,
            );
            within(
                "mean wait",
                m.wait_mean,
                wait(lambda, s, c, None).unwrap(),
                0.03,
            );
            within(
                "p99 wait",
                m.wait_p99,
                wait(lambda, s, c, Some(0.99)).unwrap(),
                0.03,
            );
            within(
                "mean queue",
                m.queue_mean,
                queue_length(lambda, s, c, None).unwrap(),
                0.03,
            );
            // A depth is whole: the simulated p99 is the closed form's or next to it.
            let depth = queue_length(lambda, s, c, Some(0.99)).unwrap();
            assert!(
                (m.queue_p99 - depth).abs() <= 1.0,
                "{lambda}/s: p99 depth simulated {}, closed form {depth}",
                m.queue_p99
            );
        }
    }

    /// Erlang C in log space, term by term (ln a^k/k! = k ln a - ln k!):
    /// an independent route for hundreds of servers, where the direct sums
    /// overflow a double.
    fn erlang_c_logs(a: f64, c: u32) -> f64 {
        let ln_term = |k: u32| f64::from(k) * a.ln() - libm::lgamma(f64::from(k) + 1.0);
        let top = ln_term(c) + (f64::from(c) / (f64::from(c) - a)).ln();
        let logs: Vec<f64> = (0..c).map(ln_term).chain([top]).collect();
        let max = logs.iter().copied().fold(f64::MIN, f64::max);
        let sum: f64 = logs.iter().map(|l| (l - max).exp()).sum();
        (top - max).exp() / sum
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 256, ..Default::default() })]

        /// Any stable queue, up to 800 servers: Erlang C agrees with the
        /// log-space sums, the waits are ordered, and `servers_for` is the
        /// fewest that meet the target.
        #[test]
        fn any_stable_queue(a in 0.01f64..700.0, extra in 1u32..80, ms in 1.0f64..500.0, target in 0.0f64..2.0) {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let c = a.floor() as u32 + extra;
            let pw = erlang_c(a, f64::from(c)).unwrap();
            let want = erlang_c_logs(a, c);
            proptest::prop_assert!((pw - want).abs() <= 1e-9 + 1e-7 * want, "{pw} vs {want}");
            let s = ms / 1000.0;
            let lambda = a / s;
            let mean = wait(lambda, s, f64::from(c), None).unwrap();
            let p50 = wait(lambda, s, f64::from(c), Some(0.5)).unwrap();
            let p99 = wait(lambda, s, f64::from(c), Some(0.99)).unwrap();
            // (The mean may pass the p99: when under 1% wait, the p99 is 0.)
            proptest::prop_assert!(p50 <= p99 && mean >= 0.0);
            if f64::from(c) - 1.0 > a {
                proptest::prop_assert!(wait(lambda, s, f64::from(c) - 1.0, None).unwrap() >= mean);
            }
            let max_wait = target * s;
            let n = servers_for(lambda, s, max_wait, Some(0.99)).unwrap();
            proptest::prop_assert!(wait(lambda, s, n, Some(0.99)).unwrap() <= max_wait * (1.0 + 1e-9));
            if n - 1.0 > a {
                proptest::prop_assert!(wait(lambda, s, n - 1.0, Some(0.99)).unwrap() > max_wait);
            }
        }
    }
}
