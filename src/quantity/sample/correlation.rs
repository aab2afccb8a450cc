//! Spearman's rank correlation, which says what drives an uncertain
//! quantity (`--why`, JSON `drivers`).

/// Spearman's rank correlation of two equally long lists of draws, from
/// their [`Centred`] ranks (made once per list by callers that pair one
/// list with many).
pub(crate) fn rank_correlation(a: &Centred, b: &Centred) -> f64 {
    let cov = a
        .ranks
        .iter()
        .zip(&b.ranks)
        .fold(0.0, |cov, (x, y)| cov + x * y);
    if a.squares == 0.0 || b.squares == 0.0 {
        0.0
    } else {
        cov / (a.squares * b.squares).sqrt()
    }
}

/// A list's [`ranks`] less their mean, and the sum of their squares: the
/// part of [`rank_correlation`] that is the same whatever the list is paired
/// with, done once.
#[derive(Clone, Debug)]
pub(crate) struct Centred {
    ranks: Vec<f64>,
    squares: f64,
}

impl Centred {
    pub(crate) fn new(mut ranks: Vec<f64>) -> Centred {
        #[allow(clippy::cast_precision_loss)]
        let mean = (ranks.len() as f64 + 1.0) / 2.0;
        let mut squares = 0.0;
        for x in &mut ranks {
            *x -= mean;
            squares += *x * *x;
        }
        Centred { ranks, squares }
    }
}

/// [`ranks`]'s working lists: the sort keys, where each bucket starts, and
/// the (key, place) pairs in bucket order.
type Scratch = (Vec<u64>, Vec<u32>, Vec<(u64, u32)>);

/// The rank of each value, 1-based, ties sharing their average rank.
///
/// Ranked without a comparison sort: the values' sort keys (integers that
/// order as the doubles do, close to their logarithm) are counted into
/// about n/4 buckets of equal width, placed bucket by bucket, and only
/// each bucket's few values sorted. Draws of estimates are spread evenly
/// enough in those keys that this is linear; sorting all of them was 2.8 M
/// instructions per 10,000 draws, most of a JSON report's drivers
/// (docs/performance.md). The ranks are exactly a sort's: a test holds
/// them to it.
pub(crate) fn ranks(v: &[f64]) -> Vec<f64> {
    use super::percentile::sort_key;
    use std::cell::RefCell;
    thread_local! {
        // Kept between calls, as `order_statistics` keeps its keys: fresh
        // lists this long each time cost their page faults again.
        static SCRATCH: RefCell<Scratch> = const { RefCell::new((Vec::new(), Vec::new(), Vec::new())) };
    }
    let n = v.len();
    let mut ranks = vec![0.0; n];
    if n == 0 {
        return ranks;
    }
    SCRATCH.with(|scratch| {
        let (keys, start, order) = &mut *scratch.borrow_mut();
        // `+ 0.0` makes -0 into 0, so equal values have equal keys.
        keys.clear();
        keys.extend(v.iter().map(|&x| sort_key(x + 0.0)));
        let (mut lo, mut hi) = (u64::MAX, 0);
        for &k in keys.iter() {
            lo = lo.min(k);
            hi = hi.max(k);
        }
        // The bucket of key k is (k - lo) >> shift, the shift the least
        // that fits the keys' span into `buckets`.
        let buckets = (n / 4).next_power_of_two().clamp(16, 1 << 16);
        let shift = (64 - (hi - lo).leading_zeros()).saturating_sub(buckets.trailing_zeros());
        #[allow(clippy::cast_possible_truncation)]
        let bucket = |k: u64| ((k - lo) >> shift) as usize;
        start.clear();
        start.resize(buckets + 1, 0);
        for &k in keys.iter() {
            start[bucket(k) + 1] += 1;
        }
        for b in 0..buckets {
            start[b + 1] += start[b];
        }
        // Each value into its bucket's next place (`start[b]` moves up to
        // where bucket b + 1 began).
        order.clear();
        order.resize(n, (0, 0));
        #[allow(clippy::cast_possible_truncation)] // draws are capped far below 4 billion
        for (i, &k) in keys.iter().enumerate() {
            let b = bucket(k);
            order[start[b] as usize] = (k, i as u32);
            start[b] += 1;
        }
        let mut from = 0;
        for &to in &start[..buckets] {
            let to = to as usize;
            match &mut order[from..to] {
                [] | [_] => {}
                // Most buckets hold a few values: sorted in place, without
                // the general sort's set-up for each.
                few if few.len() <= 16 => {
                    for i in 1..few.len() {
                        let mut j = i;
                        while j > 0 && few[j - 1].0 > few[j].0 {
                            few.swap(j - 1, j);
                            j -= 1;
                        }
                    }
                }
                many => many.sort_unstable_by_key(|&(k, _)| k),
            }
            from = to;
        }
        average_ties(order, &mut ranks);
    });
    ranks
}

/// The ranks, 1-based, of the (sort key, place) pairs `in_order`, which
/// are in the order of their keys, into `ranks` at their places: equal
/// keys share their average rank.
pub(super) fn average_ties(in_order: &[(u64, u32)], ranks: &mut [f64]) {
    let n = in_order.len();
    // The rank of place i, i + 1, kept as a double: exact, as the
    // averages are, and no conversion for the values without a tie.
    let (mut i, mut next) = (0, 1.0);
    while i < n {
        let (key, k) = in_order[i];
        if i + 1 == n || in_order[i + 1].0 != key {
            ranks[k as usize] = next;
            next += 1.0;
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j + 1 < n && in_order[j + 1].0 == key {
            j += 1;
        }
        #[allow(clippy::cast_precision_loss)]
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &(_, k) in &in_order[i..=j] {
            ranks[k as usize] = rank;
        }
        i = j + 1;
        #[allow(clippy::cast_precision_loss)]
        let after = (i + 1) as f64;
        next = after;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_correlation_of_monotone_and_reversed() {
        let a: Vec<f64> = (0..100).map(f64::from).collect();
        let b: Vec<f64> = a.iter().map(|x| x * x).collect();
        let c: Vec<f64> = a.iter().map(|x| -x).collect();
        let [a, b, c] = [a, b, c].map(|v| Centred::new(ranks(&v)));
        assert!((rank_correlation(&a, &b) - 1.0).abs() < 1e-12);
        assert!((rank_correlation(&a, &c) + 1.0).abs() < 1e-12);
    }

    /// Spearman's rho as it was computed before the centred ranks were
    /// kept per list: the means taken off and the squares summed per pair.
    fn rho_per_pair(ra: &[f64], rb: &[f64]) -> f64 {
        let n = ra.len() as f64;
        let mean = (n + 1.0) / 2.0;
        let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
        for (x, y) in ra.iter().zip(rb) {
            cov += (x - mean) * (y - mean);
            va += (x - mean) * (x - mean);
            vb += (y - mean) * (y - mean);
        }
        if va == 0.0 || vb == 0.0 {
            0.0
        } else {
            cov / (va * vb).sqrt()
        }
    }

    /// The correlation from centred ranks is the one computed per pair,
    /// bit for bit, with ties, constant lists and lists of every size.
    #[test]
    fn centred_ranks_give_the_per_pair_correlation() {
        let mut uniform = xorshift(0x2545_f491_4f6c_dd1d_u64);
        for n in [1, 2, 3, 10, 999, 10_000] {
            let lists: Vec<Vec<f64>> = vec![
                (0..n).map(|_| uniform()).collect(),
                (0..n).map(|_| (uniform() * 4.0).floor()).collect(),
                vec![7.0; n],
                (0..n).map(|i| i as f64).collect(),
            ];
            let ranked: Vec<Vec<f64>> = lists.iter().map(|v| ranks(v)).collect();
            for a in &ranked {
                for b in &ranked {
                    let got = rank_correlation(&Centred::new(a.clone()), &Centred::new(b.clone()));
                    assert_eq!(got.to_bits(), rho_per_pair(a, b).to_bits(), "{n}");
                }
            }
        }
    }

    /// A plain xorshift from `state`: uniform doubles in [0, 1).
    fn xorshift(mut state: u64) -> impl FnMut() -> f64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// The ranks of a sort of (value, place) pairs, ties averaged: what
    /// [`ranks`] must give.
    fn sorted_ranks(v: &[f64]) -> Vec<f64> {
        let mut order: Vec<(f64, usize)> = v.iter().copied().zip(0..).collect();
        order.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut out = vec![0.0; v.len()];
        let mut i = 0;
        while i < order.len() {
            let mut j = i;
            while j + 1 < order.len() && order[j + 1].0 == order[i].0 {
                j += 1;
            }
            for &(_, k) in &order[i..=j] {
                out[k] = (i + j) as f64 / 2.0 + 1.0;
            }
            i = j + 1;
        }
        out
    }

    #[test]
    fn ranks_are_a_sorts_with_ties_signs_and_clusters() {
        let mut uniform = xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut cases: Vec<Vec<f64>> = vec![
            vec![],
            vec![3.0],
            vec![2.0, 2.0, 2.0],
            vec![0.0, -0.0, 1.0, -1.0, 0.0],
            vec![1e300, 1e-300, -1e300, 5.0, 5.0, f64::MIN_POSITIVE],
        ];
        for n in [2, 7, 60, 1_000, 10_000] {
            // Lognormal-like, normal through zero, a few values repeated,
            // and one outlier that puts nearly all in one bucket.
            cases.push((0..n).map(|_| (uniform() * 20.0).exp()).collect());
            cases.push((0..n).map(|_| uniform() - 0.5).collect());
            cases.push((0..n).map(|_| (uniform() * 5.0).floor()).collect());
            let mut outlier: Vec<f64> = (0..n).map(|_| 1.0 + uniform()).collect();
            outlier[0] = 1e200;
            cases.push(outlier);
        }
        for v in &cases {
            assert_eq!(ranks(v), sorted_ranks(v), "{} values", v.len());
        }
    }
}
