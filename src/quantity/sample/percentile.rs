//! Percentiles of draws without sorting them: bucket counting of
//! order-preserving integer keys, then selection within a bucket.

use std::cell::RefCell;

/// Buckets [`order_statistics`] sorts draws into.
const BUCKETS: usize = 2048;

/// The draws of sorted rank `ranks` (ascending), and the mean, found
/// without sorting: the draws are counted into buckets of their sort keys
/// (which spread a lognormal's draws evenly, being close to its logarithm),
/// and each rank is then selected among the few draws of its bucket. Three
/// passes over the draws instead of quickselect's eight or so: the whole
/// run of a 28-quantity estimate with every input a range takes 25%
/// fewer instructions (see docs/performance.md).
pub(super) fn order_statistics(values: &[f64], ranks: [usize; 6]) -> ([f64; 6], f64) {
    thread_local! {
        // Kept between calls: freeing and allocating a list this long each
        // time costs the page faults of fresh memory (measured: a tenth of
        // a 10,000-draw run).
        static KEYS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
    }
    KEYS.with(|keys| {
        let mut keys = keys.borrow_mut();
        keys.clear();
        keys.extend(values.iter().map(|&x| sort_key(x)));
        let (mut lo, mut hi) = (u64::MAX, 0);
        for &k in keys.iter() {
            lo = lo.min(k);
            hi = hi.max(k);
        }
        #[allow(clippy::cast_precision_loss)]
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        (order_statistics_of(&keys, (lo, hi), ranks), mean)
    })
}

/// [`order_statistics`] of the sort keys `keys`, whose least and greatest
/// are `lo` and `hi`.
fn order_statistics_of(keys: &[u64], (lo, hi): (u64, u64), ranks: [usize; 6]) -> [f64; 6] {
    if lo == hi {
        return [from_sort_key(lo); 6];
    }
    // The bucket of key k is (k - lo) >> shift, the shift the least that
    // fits the keys' span into BUCKETS.
    let span = hi - lo;
    let shift = (64 - span.leading_zeros()).saturating_sub(BUCKETS.trailing_zeros());
    #[allow(clippy::cast_possible_truncation)]
    let bucket = |k: u64| ((k - lo) >> shift) as usize;
    let mut counts = vec![0u32; BUCKETS];
    for &k in keys {
        counts[bucket(k)] += 1;
    }
    // The bucket each rank falls in, and its rank within that bucket.
    let mut targets = [(0usize, 0usize); 6];
    let (mut b, mut before) = (0usize, 0usize);
    for (t, &r) in targets.iter_mut().zip(&ranks) {
        while before + counts[b] as usize <= r {
            before += counts[b] as usize;
            b += 1;
        }
        *t = (b, r - before);
    }
    // The keys of those buckets (at most six), then a selection in each.
    const NONE: u8 = u8::MAX;
    let mut list_of = vec![NONE; BUCKETS];
    let mut lists: Vec<Vec<u64>> = Vec::with_capacity(6);
    for &(b, _) in &targets {
        if list_of[b] == NONE {
            list_of[b] = u8::try_from(lists.len()).unwrap_or(NONE);
            lists.push(Vec::with_capacity(counts[b] as usize));
        }
    }
    for &k in keys {
        let l = list_of[bucket(k)];
        if l != NONE {
            lists[usize::from(l)].push(k);
        }
    }
    let mut found = [0.0; 6];
    for (f, &(b, within)) in found.iter_mut().zip(&targets) {
        let (_, k, _) = lists[usize::from(list_of[b])].select_nth_unstable(within);
        *f = from_sort_key(*k);
    }
    found
}

/// `x` as an integer whose order is the order of the doubles: a negative
/// number's bits flipped, a positive one's sign bit set.
pub(super) fn sort_key(x: f64) -> u64 {
    let bits = x.to_bits();
    #[allow(clippy::cast_sign_loss, clippy::cast_possible_wrap)]
    let mask = ((bits as i64 >> 63) as u64) | (1 << 63);
    bits ^ mask
}

fn from_sort_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}
