//! Blocking: which pairs of records are compared at all. Records sharing the value of a
//! blocking key form a block and every pair inside a block is compared; a sorted
//! neighbourhood adds the pairs of records close to each other in the order of a key. A block
//! larger than the cap is not compared, and is reported.

use super::prepare::Prepared;

/// Separates the parts of a key value.
pub(crate) const PART_SEPARATOR: char = '\u{1f}';

/// One part of a key: a prepared value, or its first or last characters.
#[derive(Debug, Clone)]
pub(crate) struct KeyPart {
    /// The prepared value's position in a row.
    pub feature: usize,
    pub first: Option<usize>,
    pub last: Option<usize>,
}

/// A compiled blocking key.
#[derive(Debug, Clone)]
pub(crate) struct BlockKey {
    pub id: String,
    pub parts: Vec<KeyPart>,
}

/// Sorted neighbourhood: records in the order of a key, each paired with the next
/// `window − 1`.
#[derive(Debug, Clone)]
pub(crate) struct Neighbourhood {
    pub parts: Vec<KeyPart>,
    pub window: usize,
}

/// How an object's records are blocked.
#[derive(Debug, Clone)]
pub(crate) struct Blocking {
    pub keys: Vec<BlockKey>,
    pub neighbourhood: Option<Neighbourhood>,
    /// Blocks with more records than this are not compared.
    pub max_block_size: usize,
}

/// The key value of a row: its parts joined, `None` when a part is blank (a blank value
/// never puts records in one block).
pub(crate) fn key_value(parts: &[KeyPart], row: &[Option<Prepared>]) -> Option<String> {
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        let text = super::compare::value(row, part.feature)?.text();
        if i > 0 {
            out.push(PART_SEPARATOR);
        }
        match (part.first, part.last) {
            (Some(n), _) => out.extend(text.chars().take(n)),
            (None, Some(n)) => out.extend(text.chars().skip(text.chars().count().saturating_sub(n))),
            (None, None) => out.push_str(text),
        }
    }
    Some(out)
}

/// Key values of records, each with the record's position, sorted by value then position:
/// one key's blocks (runs of one value), or a neighbourhood's order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sorted {
    entries: Vec<(Box<str>, u32)>,
}

impl Sorted {
    /// Sorts `entries`.
    pub(crate) fn new(mut entries: Vec<(Box<str>, u32)>) -> Sorted {
        entries.sort_unstable();
        Sorted { entries }
    }

    /// Adds the value of a record whose position is above every other's.
    pub(crate) fn push(&mut self, value: Box<str>, position: u32) {
        let at = self.after(&value);
        self.entries.insert(at, (value, position));
    }

    /// Where a record with `value`, placed after every other, would go.
    pub(crate) fn after(&self, value: &str) -> usize {
        self.entries.partition_point(|(v, _)| **v <= *value)
    }

    /// The entries with `value`.
    pub(crate) fn block(&self, value: &str) -> &[(Box<str>, u32)] {
        let from = self.entries.partition_point(|(v, _)| **v < *value);
        self.entries.get(from..self.after(value)).unwrap_or(&[])
    }

    /// Every entry, in order.
    pub(crate) fn entries(&self) -> &[(Box<str>, u32)] {
        &self.entries
    }

    /// The runs of entries sharing a value.
    pub(crate) fn runs(&self) -> impl Iterator<Item = &[(Box<str>, u32)]> {
        self.entries.chunk_by(|a, b| a.0 == b.0)
    }
}

/// A key value as reports show it: parts joined with ` | `.
pub(crate) fn shown_value(value: &str) -> String {
    value.replace(PART_SEPARATOR, " | ")
}

/// The pairs within a block of `members` (increasing positions), each as `a << 32 | b` with
/// `a < b`.
pub(crate) fn block_pairs(members: &[u32], out: &mut Vec<u64>) {
    for (i, &a) in members.iter().enumerate() {
        for &b in members.iter().skip(i + 1) {
            out.push(pair(a, b));
        }
    }
}

/// A pair of positions packed into one sortable number, the smaller first.
pub(crate) fn pair(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    u64::from(lo) << 32 | u64::from(hi)
}

/// The two positions of a packed pair.
pub(crate) fn unpair(p: u64) -> (u32, u32) {
    ((p >> 32) as u32, p as u32)
}

/// The number of pairs among `n` records.
pub(crate) fn pairs_among(n: u64) -> u64 {
    n.saturating_mul(n.saturating_sub(1)) / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_values_join_prefixes_and_suffixes() {
        let row = vec![Some(Prepared::Text("smith".into())), Some(Prepared::Text("14155550100".into())), None];
        let part = |feature, first, last| KeyPart { feature, first, last };
        assert_eq!(key_value(&[part(0, Some(3), None), part(1, None, Some(7))], &row).as_deref(), Some("smi\u{1f}5550100"));
        assert_eq!(key_value(&[part(0, Some(10), None)], &row).as_deref(), Some("smith"));
        assert_eq!(key_value(&[part(0, None, None), part(2, None, None)], &row), None, "a blank part leaves the record out");
        assert_eq!(shown_value("smi\u{1f}acm"), "smi | acm");
    }

    #[test]
    fn sorted_values_form_blocks() {
        let entry = |v: &str, p: u32| (Box::<str>::from(v), p);
        let mut sorted = Sorted::new(vec![entry("b", 2), entry("a", 1), entry("b", 0)]);
        sorted.push("b".into(), 3);
        sorted.push("c".into(), 4);
        let positions = |e: &[(Box<str>, u32)]| e.iter().map(|x| x.1).collect::<Vec<_>>();
        assert_eq!(positions(sorted.block("b")), [0, 2, 3]);
        assert_eq!(positions(sorted.block("x")), Vec::<u32>::new());
        assert_eq!(sorted.runs().map(positions).collect::<Vec<_>>(), [vec![1], vec![0, 2, 3], vec![4]]);
        assert_eq!(sorted.after("b"), 4);
    }

    #[test]
    fn pairs_are_packed_smaller_first() {
        let mut out = Vec::new();
        block_pairs(&[2, 5, 9], &mut out);
        assert_eq!(out.iter().map(|&p| unpair(p)).collect::<Vec<_>>(), [(2, 5), (2, 9), (5, 9)]);
        assert_eq!(unpair(pair(7, 3)), (3, 7));
        assert_eq!(pairs_among(100_000), 4_999_950_000);
        assert_eq!(pairs_among(0), 0);
    }
}
