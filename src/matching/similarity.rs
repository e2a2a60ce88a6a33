//! String similarity on Unicode characters (not bytes): Jaro, Jaro-Winkler and Levenshtein.
//! Compare normalised forms (see [`super::normalize`]); these measures are case-sensitive.

/// Jaro similarity in `[0, 1]`: 1 for equal strings, 0 when no characters match (two empty
/// strings are equal). ASCII text of up to 64 bytes is compared without allocating.
pub fn jaro(a: &str, b: &str) -> f64 {
    const STACK: usize = 64;
    if a.is_ascii() && b.is_ascii() && b.len() <= STACK {
        let (mut used, mut matched) = ([false; STACK], [0u8; STACK]);
        return jaro_of(a.as_bytes(), b.as_bytes(), &mut used, &mut matched);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    jaro_of(&a, &b, &mut vec![false; b.len()], &mut vec!['\0'; a.len().min(b.len())])
}

/// Jaro over two sequences; `used` has room for `b`, `matched` for the shorter one.
fn jaro_of<T: Copy + PartialEq>(a: &[T], b: &[T], used: &mut [bool], matched: &mut [T]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (a.len().max(b.len()) / 2).saturating_sub(1);
    let mut matches = 0;
    for (i, &ca) in a.iter().enumerate() {
        let from = i.saturating_sub(window);
        let to = (i + window + 1).min(b.len());
        for j in from..to {
            if !used[j] && b[j] == ca {
                used[j] = true;
                if let Some(slot) = matched.get_mut(matches) {
                    *slot = ca;
                }
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let b_matched = b.iter().zip(used.iter()).filter(|(_, used)| **used).map(|(c, _)| *c);
    let half_transpositions = matched.iter().take(matches).zip(b_matched).filter(|(x, y)| **x != *y).count();
    let m = matches as f64;
    let t = (half_transpositions / 2) as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - t) / m) / 3.0
}

/// Jaro-Winkler similarity in `[0, 1]`: Jaro, raised for a common prefix of up to 4
/// characters with the standard scaling factor 0.1.
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let j = jaro(a, b);
    let prefix = a.chars().zip(b.chars()).take(4).take_while(|(x, y)| x == y).count();
    j + prefix as f64 * 0.1 * (1.0 - j)
}

/// Levenshtein edit distance: the fewest insertions, deletions and substitutions of single
/// characters that turn `a` into `b`.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Levenshtein distance as a similarity in `[0, 1]`: `1 − distance / length of the longer`
/// (1 for two empty strings).
pub fn levenshtein_similarity(a: &str, b: &str) -> f64 {
    let longest = a.chars().count().max(b.chars().count());
    if longest == 0 {
        return 1.0;
    }
    1.0 - levenshtein(a, b) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(x: f64, y: f64) -> bool {
        (x - y).abs() < 5e-4
    }

    #[test]
    fn jaro_winkler_matches_the_published_examples() {
        // Winkler (1990) and the usual reference values.
        assert!(close(jaro("martha", "marhta"), 0.9444), "{}", jaro("martha", "marhta"));
        assert!(close(jaro_winkler("martha", "marhta"), 0.9611));
        assert!(close(jaro("dixon", "dicksonx"), 0.7667));
        assert!(close(jaro_winkler("dixon", "dicksonx"), 0.8133));
        assert!(close(jaro_winkler("dwayne", "duane"), 0.84));
        assert_eq!(jaro_winkler("acme", "acme"), 1.0);
        assert_eq!(jaro("", ""), 1.0);
        assert_eq!(jaro("abc", ""), 0.0);
        assert_eq!(jaro("abc", "xyz"), 0.0);
        assert_eq!(jaro("é", "é"), 1.0);
        assert!(close(jaro("ab", "aé"), jaro("ab", "ax")), "on characters, not bytes");
        let long = "x".repeat(70);
        assert_eq!(jaro(&long, &long), 1.0, "longer than the stack buffers");
        assert_eq!(jaro("münchen", "munchen"), jaro("m\u{fc}nchen", "munchen"));
    }

    #[test]
    fn levenshtein_counts_single_character_edits() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("flaw", "lawn"), 2);
        assert_eq!(levenshtein("gtxpro", "gtx pro"), 1);
        assert_eq!(levenshtein("café", "cafe"), 1);
        assert!(close(levenshtein_similarity("gtxpro", "gtx pro"), 1.0 - 1.0 / 7.0));
        assert_eq!(levenshtein_similarity("", ""), 1.0);
    }
}
