//! Stable sorting with one small copy of the sorting code for the whole crate.
//!
//! `slice::sort_by` is compiled again for every element type and comparator, and each copy of
//! each copy of its driftsort adds kilobytes of `.wasm`.
//! [`sort_by`] sorts the items' indices instead, with the comparator behind a `dyn` reference,
//! by a plain merge sort (stable, `n log n` comparisons); the small per-type part only moves
//! the items into the order found. The lists sorted are short (contributions, stage history,
//! group keys), where the standard sorts' extra speed does not show.

use std::cmp::Ordering;

/// Sorts `items` by `cmp`, keeping equal items in their order (as `slice::sort_by` does).
pub(crate) fn sort_by<T>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let order = sorted_order(items.len(), &|a, b| cmp(&items[a], &items[b]));
    // `order[k]` is where the item for position `k` started; positions before `k` are done, so
    // one that started there has since been swapped away: follow `order` to where it is now.
    for (k, &start) in order.iter().enumerate() {
        let mut at = start;
        while at < k {
            at = order[at];
        }
        items.swap(k, at);
    }
}

/// The indices `0..len` sorted by `cmp`, equal ones in increasing order: a bottom-up merge
/// sort, merging runs of 1, 2, 4… between two buffers.
fn sorted_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    let mut merged = vec![0; len];
    let mut run = 1;
    while run < len {
        for (pair, out) in order.chunks(2 * run).zip(merged.chunks_mut(2 * run)) {
            let (left, right) = pair.split_at(run.min(pair.len()));
            let (mut l, mut r) = (left.iter().peekable(), right.iter().peekable());
            for slot in out {
                // Take from the right only when its item sorts strictly first: stable.
                let from_right = match (l.peek(), r.peek()) {
                    (Some(&&a), Some(&&b)) => cmp(a, b) == Ordering::Greater,
                    (None, _) => true,
                    (Some(_), None) => false,
                };
                if let Some(&i) = if from_right { r.next() } else { l.next() } {
                    *slot = i;
                }
            }
        }
        std::mem::swap(&mut order, &mut merged);
        run *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut seed = 7u64;
        for len in [0, 1, 2, 3, 5, 8, 20, 33, 100, 500] {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    ((seed >> 60) as u8, i)
                })
                .collect();
            let mut expected = items.clone();
            expected.sort_by_key(|a| a.0);
            let mut got = items.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, expected, "len {len}");
            let mut reversed = items;
            sort_by(&mut reversed, |a, b| b.1.cmp(&a.1));
            assert!(reversed.windows(2).all(|w| w[0].1 > w[1].1), "len {len}");
        }
    }
}
