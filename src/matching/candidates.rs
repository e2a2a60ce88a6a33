//! Blocking: finding, among many names, the few worth comparing with a similarity measure,
//! without comparing every pair.
//!
//! A [`CandidateIndex`] lists the names by their character trigrams (of the text padded with
//! a space at each end, so `acme` has ` ac`, `acm`, `cme`, `me `). A query's candidates are
//! the names that share enough distinct trigrams with it, measured by the Dice coefficient
//! `2 × shared / (trigrams of one + trigrams of the other)`. One typo changes at most three
//! trigrams, so long near-identical names share most of theirs. A short name has few
//! trigrams, and one swapped pair of letters can leave a single one shared (`isdom`,
//! `idsom`), so names of at most [`SHORT_NAME`] characters are also candidates for each other
//! when they start with the same character and differ in length by at most one. Other names
//! are never looked at, and a common word shared by many names (`Systems`) is kept from
//! making them all candidates by a limit on how many are returned, the best first.
//!
//! ```
//! use pipescore::matching::candidates::{dice, CandidateIndex};
//! let index = CandidateIndex::new(["acme", "betasoloin", "betatech", "isdom"]);
//! assert_eq!(index.candidates("betasolion", 0.5, 10), [1]);
//! assert_eq!(index.candidates("idsom", 0.5, 10), [3]);
//! assert!((dice("betasoloin", "betasolion") - 0.6).abs() < 1e-9);
//! ```

use std::collections::HashMap;

/// The distinct trigrams of `text` padded with a space at each end, each packed into a
/// `u64` (three characters of 21 bits), sorted. Text of no characters has none.
pub fn trigrams(text: &str) -> Vec<u64> {
    if text.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = std::iter::once(' ').chain(text.chars()).chain(std::iter::once(' ')).collect();
    let mut grams: Vec<u64> = chars.windows(3).map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2])).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// The Dice coefficient of two texts' trigram sets, in `[0, 1]` (1 for equal texts, 0 when
/// either has none).
pub fn dice(a: &str, b: &str) -> f64 {
    let (a, b) = (trigrams(a), trigrams(b));
    dice_of(shared(&a, &b), a.len(), b.len())
}

/// `2 × shared / (a + b)`; 0 when both are empty.
fn dice_of(shared: usize, a: usize, b: usize) -> f64 {
    if a + b == 0 {
        return 0.0;
    }
    2.0 * shared as f64 / (a + b) as f64
}

/// How many items two sorted, distinct lists share.
fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Names of at most this many characters are also compared by first character and length.
pub const SHORT_NAME: usize = 8;

/// Names listed for finding candidates; see the module docs.
#[derive(Debug, Clone, Default)]
pub struct CandidateIndex {
    /// For each trigram, the positions of the names that have it, ascending.
    postings: HashMap<u64, Vec<u32>>,
    /// How many distinct trigrams each name has.
    sizes: Vec<u16>,
    /// Short names by first character and length in characters.
    short: HashMap<(char, usize), Vec<u32>>,
}

impl CandidateIndex {
    /// Lists `names`; a name's position in the iterator is what
    /// [`CandidateIndex::candidates`] returns for it.
    pub fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> CandidateIndex {
        let mut index = CandidateIndex::default();
        for (position, name) in names.into_iter().enumerate() {
            let grams = trigrams(name);
            index.sizes.push(u16::try_from(grams.len()).unwrap_or(u16::MAX));
            for gram in grams {
                index.postings.entry(gram).or_default().push(position as u32);
            }
            if let Some(key) = short_key(name) {
                index.short.entry(key).or_default().push(position as u32);
            }
        }
        index
    }

    /// How many names are listed.
    pub fn len(&self) -> usize {
        self.sizes.len()
    }

    /// Whether no name is listed.
    pub fn is_empty(&self) -> bool {
        self.sizes.is_empty()
    }

    /// The positions of the names whose trigrams' Dice coefficient with `name`'s is at least
    /// `min_dice` (above 0), at most `limit` of them (those of the highest coefficients, the
    /// first listed on a tie), and for a short name the short names of the same first
    /// character and nearly the same length; ascending.
    pub fn candidates(&self, name: &str, min_dice: f64, limit: usize) -> Vec<u32> {
        let grams = trigrams(name);
        // Shared trigrams per name, counted in one pass over the postings.
        let mut shared = vec![0u16; self.sizes.len()];
        let mut touched: Vec<u32> = Vec::new();
        for gram in &grams {
            for &position in self.postings.get(gram).map_or(&[][..], Vec::as_slice) {
                if let Some(count) = shared.get_mut(position as usize) {
                    if *count == 0 {
                        touched.push(position);
                    }
                    *count = count.saturating_add(1);
                }
            }
        }
        let floor = min_dice.max(f64::MIN_POSITIVE);
        let mut scored: Vec<(f64, u32)> = touched
            .into_iter()
            .filter_map(|position| {
                let count = shared.get(position as usize).copied().unwrap_or(0);
                let size = self.sizes.get(position as usize).copied().unwrap_or(0);
                let dice = dice_of(usize::from(count), grams.len(), usize::from(size));
                (dice >= floor).then_some((dice, position))
            })
            .collect();
        let best_first = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if scored.len() > limit {
            if limit > 0 {
                scored.select_nth_unstable_by(limit - 1, best_first);
            }
            scored.truncate(limit);
        }
        let mut out: Vec<u32> = scored.into_iter().map(|(_, position)| position).collect();
        if let Some((first, len)) = short_key(name) {
            for near in len.saturating_sub(1)..=len + 1 {
                out.extend(self.short.get(&(first, near)).into_iter().flatten());
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The first character and the length in characters of a name of at most [`SHORT_NAME`].
fn short_key(name: &str) -> Option<(char, usize)> {
    let len = name.chars().count();
    (len <= SHORT_NAME).then(|| name.chars().next().map(|first| (first, len))).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trigrams_of_padded_text() {
        assert_eq!(trigrams("ab").len(), 2, "' ab' and 'ab '");
        assert_eq!(trigrams("aaaa").len(), 3, "' aa', 'aaa', 'aa ' once each");
        assert!(trigrams("").is_empty());
        assert_eq!(trigrams("é").len(), 1);
    }

    #[test]
    fn dice_measures_shared_trigrams() {
        assert_eq!(dice("acme", "acme"), 1.0);
        assert_eq!(dice("acme", "zzzz"), 0.0);
        assert_eq!(dice("", ""), 0.0);
        assert!((dice("codehow", "codehwo") - 4.0 / 7.0).abs() < 1e-9);
    }

    #[test]
    fn candidates_share_enough_trigrams() {
        let names = ["acme", "acme labs", "betatech", "betasoloin", "zotware", "isdom", "inity"];
        let index = CandidateIndex::new(names);
        assert_eq!(index.len(), 7);
        assert_eq!(index.candidates("acme", 0.5, 10), [0, 1]);
        assert_eq!(index.candidates("acme", 0.9, 10), [0]);
        assert_eq!(index.candidates("betasolion", 0.3, 10), [2, 3]);
        assert_eq!(index.candidates("betasolion", 0.3, 1), [3], "the highest coefficient first");
        assert_eq!(index.candidates("idsom", 0.9, 10), [5, 6], "short names: same first letter, length ±1");
        assert_eq!(index.candidates("idsom", 0.9, 0), [5, 6], "short names beyond the limit");
        assert_eq!(index.candidates("isdomxyzw", 0.9, 10), Vec::<u32>::new(), "not short");
        assert_eq!(index.candidates("qqq", 0.1, 10), Vec::<u32>::new());
        assert_eq!(index.candidates("", 0.1, 10), Vec::<u32>::new());
        for (i, name) in names.iter().enumerate() {
            assert!(index.candidates(name, 1.0, 1).contains(&(i as u32)));
        }
    }
}
