//! Fit letters (A–D), engagement numbers (1–4) and the matrix grade (`A1` … `D4`).

/// Every matrix grade, indexed by `[fit letter][engagement number]`.
const MATRIX: [[&str; 4]; 4] =
    [["A1", "A2", "A3", "A4"], ["B1", "B2", "B3", "B4"], ["C1", "C2", "C3", "C4"], ["D1", "D2", "D3", "D4"]];

/// Fit letters, best first.
const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

/// The thresholds of the three upper grades of each axis, strictly descending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Grades {
    /// Lowest fit of A, B and C.
    pub fit: [f64; 3],
    /// Lowest engagement of 1, 2 and 3.
    pub engagement: [f64; 3],
}

/// A lead's grades.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Grade {
    /// `"A"` (best) to `"D"`.
    pub fit: &'static str,
    /// 1 (most engaged) to 4.
    pub engagement: u8,
    /// The two together, e.g. `"A1"`.
    pub matrix: &'static str,
}

impl Grades {
    /// Grades a (rounded) fit and engagement: the first threshold reached, else the lowest.
    pub(crate) fn grade(&self, fit: i64, engagement: i64) -> Grade {
        let f = rank(&self.fit, fit);
        let e = rank(&self.engagement, engagement);
        Grade {
            fit: LETTERS.get(f).copied().unwrap_or("D"),
            engagement: e as u8 + 1,
            matrix: MATRIX.get(f).and_then(|row| row.get(e)).copied().unwrap_or("D4"),
        }
    }
}

/// Index of the first threshold `value` reaches; 3 when it reaches none.
fn rank(thresholds: &[f64; 3], value: i64) -> usize {
    thresholds.iter().position(|&t| value as f64 >= t).unwrap_or(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GRADES: Grades = Grades { fit: [40.0, 25.0, 10.0], engagement: [30.0, 15.0, 5.0] };

    #[test]
    fn thresholds_are_inclusive_lower_bounds() {
        assert_eq!(GRADES.grade(40, 30), Grade { fit: "A", engagement: 1, matrix: "A1" });
        assert_eq!(GRADES.grade(39, 29).matrix, "B2");
        assert_eq!(GRADES.grade(25, 15).matrix, "B2");
        assert_eq!(GRADES.grade(24, 14).matrix, "C3");
        assert_eq!(GRADES.grade(10, 5).matrix, "C3");
        assert_eq!(GRADES.grade(9, 4), Grade { fit: "D", engagement: 4, matrix: "D4" });
        assert_eq!(GRADES.grade(-100, 1000).matrix, "D1");
    }
}
