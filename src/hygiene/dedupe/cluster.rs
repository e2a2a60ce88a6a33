//! Clusters of matched pairs: records linked directly or through one another, found with a
//! union-find, in a deterministic order (clusters by their first record, records and pairs by
//! position).

/// Union-find over positions `0..n`, the smaller position always the root.
pub(crate) struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    /// `n` positions, each on its own.
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).map(|i| u32::try_from(i).unwrap_or(u32::MAX)).collect() }
    }

    /// The root of `x`'s set, halving paths on the way.
    pub(crate) fn find(&mut self, mut x: u32) -> u32 {
        loop {
            let Some(&parent) = self.parent.get(x as usize) else { return x };
            if parent == x {
                return x;
            }
            let grand = self.parent.get(parent as usize).copied().unwrap_or(parent);
            if let Some(slot) = self.parent.get_mut(x as usize) {
                *slot = grand;
            }
            x = grand;
        }
    }

    /// Joins the sets of `a` and `b`.
    pub(crate) fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (root, child) = if ra <= rb { (ra, rb) } else { (rb, ra) };
        if let Some(slot) = self.parent.get_mut(child as usize) {
            *slot = root;
        }
    }
}

/// The clusters of `pairs` (each `(a, b)`, `a < b`) among `n` positions: each a list of
/// positions in increasing order with the positions in `pairs` of its pairs, clusters in
/// the order of their first position.
pub(crate) fn clusters(n: usize, pairs: &[(u32, u32)]) -> Vec<(Vec<u32>, Vec<usize>)> {
    let mut sets = UnionFind::new(n);
    for &(a, b) in pairs {
        sets.union(a, b);
    }
    // Roots are the smallest position of their set, so clusters come out ordered by it.
    let mut by_root: std::collections::BTreeMap<u32, (Vec<u32>, Vec<usize>)> = std::collections::BTreeMap::new();
    for (k, &(a, _)) in pairs.iter().enumerate() {
        by_root.entry(sets.find(a)).or_default().1.push(k);
    }
    for (_, (members, pair_positions)) in by_root.iter_mut() {
        for &k in pair_positions.iter() {
            if let Some(&(a, b)) = pairs.get(k) {
                members.push(a);
                members.push(b);
            }
        }
        members.sort_unstable();
        members.dedup();
    }
    by_root.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_join_linked_pairs_in_order() {
        let pairs = [(5, 7), (0, 3), (3, 9), (2, 5)];
        let found = clusters(10, &pairs);
        assert_eq!(found, vec![(vec![0, 3, 9], vec![1, 2]), (vec![2, 5, 7], vec![0, 3])]);
        assert_eq!(clusters(3, &[]), Vec::<(Vec<u32>, Vec<usize>)>::new());
    }

    #[test]
    fn clusters_do_not_depend_on_the_order_of_pairs() {
        let pairs = [(1, 4), (4, 6), (0, 2), (6, 8), (2, 3)];
        let mut reversed = pairs;
        reversed.reverse();
        let members = |p: &[(u32, u32)]| clusters(9, p).into_iter().map(|(m, _)| m).collect::<Vec<_>>();
        assert_eq!(members(&pairs), members(&reversed));
        assert_eq!(members(&pairs), vec![vec![0, 2, 3], vec![1, 4, 6, 8]]);
    }
}
