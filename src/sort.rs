//! Stable sorting with one copy of the sorting code for the whole crate.
//!
//! `slice::sort_by` is compiled again for every element type and comparator, and each copy of
//! its driftsort is several KB of `.wasm`. [`sort_by`] sorts the items' indices instead, with
//! the comparator behind a `dyn` reference, so the standard sort is instantiated once; ties
//! are broken by index, which makes the result exactly that of a stable sort. The small
//! per-type part only moves the items into the order found.

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

/// The indices `0..len` sorted by `cmp`, equal ones in increasing order.
fn sorted_order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
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
            expected.sort_by(|a, b| a.0.cmp(&b.0));
            let mut got = items.clone();
            sort_by(&mut got, |a, b| a.0.cmp(&b.0));
            assert_eq!(got, expected, "len {len}");
            let mut reversed = items;
            sort_by(&mut reversed, |a, b| b.1.cmp(&a.1));
            assert!(reversed.windows(2).all(|w| w[0].1 > w[1].1), "len {len}");
        }
    }
}
