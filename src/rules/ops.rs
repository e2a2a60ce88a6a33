//! The operator table: names, arities and the groups the evaluator and explainer care about.

/// Every operator a rule may use: the standard JsonLogic set of json-logic-js 2.0.5 plus the
/// pipescore CRM extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Var, Missing, MissingSome, If, And, Or, Not, NotNot,
    Eq, Ne, StrictEq, StrictNe, Lt, Le, Gt, Ge,
    Add, Sub, Mul, Div, Mod, Min, Max,
    Map, Filter, Reduce, All, Some, None, Merge, In, Cat, Substr, Log,
    Now, DaysSince, DaysUntil, DateBefore, DateAfter, DateBetween, WithinLastDays, WithinNextDays,
    Contains, StartsWith, EndsWith, IsEmpty, Filled, Count,
}

/// How many arguments an operator takes: `(min, max)`; `None` is no upper bound.
type Arity = (usize, Option<usize>);

/// Any number of arguments (json-logic-js reads missing ones as `undefined`).
const ANY: Arity = (0, None);

/// `(name, operator, arity)`. Standard operators only reject counts json-logic-js throws on.
const TABLE: &[(&str, Op, Arity)] = &[
    ("var", Op::Var, ANY), ("missing", Op::Missing, ANY), ("missing_some", Op::MissingSome, (2, None)),
    ("if", Op::If, ANY), ("?:", Op::If, ANY), ("and", Op::And, ANY), ("or", Op::Or, ANY),
    ("!", Op::Not, ANY), ("!!", Op::NotNot, ANY),
    ("==", Op::Eq, ANY), ("!=", Op::Ne, ANY), ("===", Op::StrictEq, ANY), ("!==", Op::StrictNe, ANY),
    ("<", Op::Lt, ANY), ("<=", Op::Le, ANY), (">", Op::Gt, ANY), (">=", Op::Ge, ANY),
    ("+", Op::Add, ANY), ("-", Op::Sub, ANY), ("*", Op::Mul, (1, None)), ("/", Op::Div, ANY), ("%", Op::Mod, ANY),
    ("min", Op::Min, ANY), ("max", Op::Max, ANY),
    ("map", Op::Map, ANY), ("filter", Op::Filter, ANY), ("reduce", Op::Reduce, ANY),
    ("all", Op::All, ANY), ("some", Op::Some, ANY), ("none", Op::None, ANY),
    ("merge", Op::Merge, ANY), ("in", Op::In, ANY), ("cat", Op::Cat, ANY), ("substr", Op::Substr, ANY),
    ("log", Op::Log, ANY),
    ("now", Op::Now, (0, Some(0))), ("days_since", Op::DaysSince, (1, Some(1))), ("days_until", Op::DaysUntil, (1, Some(1))),
    ("date_before", Op::DateBefore, (2, Some(2))), ("date_after", Op::DateAfter, (2, Some(2))),
    ("date_between", Op::DateBetween, (3, Some(3))),
    ("within_last_days", Op::WithinLastDays, (2, Some(2))), ("within_next_days", Op::WithinNextDays, (2, Some(2))),
    ("contains", Op::Contains, (2, Some(2))), ("starts_with", Op::StartsWith, (2, Some(2))),
    ("ends_with", Op::EndsWith, (2, Some(2))), ("is_empty", Op::IsEmpty, (1, Some(1))), ("filled", Op::Filled, (1, Some(1))),
    ("count", Op::Count, (1, Some(2))),
];

impl Op {
    /// The operator called `name`, with its arity.
    pub(crate) fn lookup(name: &str) -> Option<(Op, Arity)> {
        TABLE.iter().find(|(n, ..)| *n == name).map(|&(_, op, arity)| (op, arity))
    }

    /// The operator's canonical name (`?:` is reported as `if`).
    pub(crate) fn name(self) -> &'static str {
        TABLE.iter().find(|(_, op, _)| *op == self).map_or("?", |(n, ..)| n)
    }

    /// All operator names, for suggestions in error messages.
    pub(crate) fn names() -> impl Iterator<Item = &'static str> {
        TABLE.iter().map(|(n, ..)| *n)
    }

    /// Whether the operator's second argument is evaluated once per array item, with the item
    /// as data (`map`, `filter`, `reduce`, `all`, `some`, `none`, `count`).
    pub(crate) fn scopes_second_arg(self) -> bool {
        matches!(self, Op::Map | Op::Filter | Op::Reduce | Op::All | Op::Some | Op::None | Op::Count)
    }
}

/// Describes an arity for an error message: "exactly 2 arguments", "at least 1 argument".
pub(crate) fn describe_arity((min, max): Arity) -> String {
    let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
    match max {
        Some(max) if max == min => format!("exactly {min} {}", plural(min)),
        Some(max) => format!("{min} to {max} arguments"),
        None => format!("at least {min} {}", plural(min)),
    }
}

/// The known operator closest to `name`: same up to case and `-`/`_`, or within an edit
/// distance of a quarter of its length.
pub(crate) fn suggest(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase().replace('-', "_");
    let allowed = lower.chars().count() / 4;
    Op::names().map(|n| (edit_distance(&lower, n), n)).filter(|(d, _)| *d <= allowed).min_by_key(|(d, _)| *d).map(|(_, n)| n)
}

/// Levenshtein distance between two short strings.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in Op::names().filter(|n| *n != "?:") {
            let (op, _) = Op::lookup(name).unwrap();
            assert_eq!(op.name(), name);
        }
        assert_eq!(Op::lookup("?:").map(|(op, _)| op), Some(Op::If));
        assert!(Op::lookup("method").is_none());
    }

    #[test]
    fn suggests_near_names() {
        assert_eq!(suggest("AND"), Some("and"));
        assert_eq!(suggest("days-since"), Some("days_since"));
        assert_eq!(suggest("starts_wth"), Some("starts_with"));
        assert_eq!(suggest("frobnicate"), None);
        assert_eq!(suggest("x"), None);
        assert_eq!(suggest("amount"), None);
        assert_eq!(describe_arity((2, Some(2))), "exactly 2 arguments");
        assert_eq!(describe_arity((1, None)), "at least 1 argument");
        assert_eq!(describe_arity((1, Some(2))), "1 to 2 arguments");
    }
}
