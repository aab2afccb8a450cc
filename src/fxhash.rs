//! A fast, non-cryptographic hasher for bote's name tables (the FxHash
//! function used inside rustc). Names come from the user's own files, so
//! there is no flooding attack to defend against, and SipHash was a tenth of
//! the instructions of evaluating a large estimate.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A `HashMap` keyed with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

#[derive(Clone, Copy, Default)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_names_hash_apart() {
        let mut map: FxHashMap<String, usize> = FxHashMap::default();
        for i in 0..10_000 {
            map.insert(format!("q{i}"), i);
        }
        assert_eq!(map.len(), 10_000);
        assert_eq!(map.get("q4321"), Some(&4321));
        assert_eq!(map.get("q10000"), None);
    }
}
