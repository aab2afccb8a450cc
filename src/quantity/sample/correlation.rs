//! Spearman's rank correlation, which says what drives an uncertain
//! quantity (`--why`, JSON `drivers`).

/// Spearman's rank correlation of two equally long lists of draws, from
/// their [`ranks`] (computed once per list by callers that pair one list
/// with many).
pub(crate) fn rank_correlation(ra: &[f64], rb: &[f64]) -> f64 {
    #[allow(clippy::cast_precision_loss)]
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

/// The rank of each value, 1-based, ties sharing their average rank.
///
/// The values are sorted with their places beside them, which keeps the
/// sort in one array rather than reading the values through indices.
pub(crate) fn ranks(v: &[f64]) -> Vec<f64> {
    #[allow(clippy::cast_possible_truncation)] // draws are capped far below 4 billion
    let mut order: Vec<(f64, u32)> = v.iter().enumerate().map(|(i, &x)| (x, i as u32)).collect();
    order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let mut ranks = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && order[j + 1].0 == order[i].0 {
            j += 1;
        }
        #[allow(clippy::cast_precision_loss)]
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &(_, k) in &order[i..=j] {
            ranks[k as usize] = rank;
        }
        i = j + 1;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_correlation_of_monotone_and_reversed() {
        let a: Vec<f64> = (0..100).map(f64::from).collect();
        let b: Vec<f64> = a.iter().map(|x| x * x).collect();
        let c: Vec<f64> = a.iter().map(|x| -x).collect();
        let (a, b, c) = (ranks(&a), ranks(&b), ranks(&c));
        assert!((rank_correlation(&a, &b) - 1.0).abs() < 1e-12);
        assert!((rank_correlation(&a, &c) + 1.0).abs() < 1e-12);
    }
}
