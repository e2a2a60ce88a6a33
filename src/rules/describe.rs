//! Plain-language descriptions of a failing condition, for a CRM admin:
//! `amount must be >= 10000 (is 5000)`, `budget_range is empty`.

use super::coerce::to_number;
use super::crm::{self, timestamp};
use super::eval::{arg, Env};
use super::node::{Const, Node, VarPath};
use super::number::{format_number, Plain};
use super::ops::Op;
use super::value::Val;

/// Longest text shown for a value before it is cut with `…`.
const MAX_SHOWN: usize = 40;
/// Most list items shown.
const MAX_ITEMS: usize = 5;

/// Describes why `node` did not evaluate to `want` (`true`: it should have been truthy).
pub(crate) fn describe<'a>(node: &'a Node, data: &Val<'a>, env: &Env, want: bool) -> String {
    let args = node.args();
    let is = |i: usize| show(&arg(args, i, data, env));
    let not = if want { "" } else { "not " };
    match node.op() {
        None => format!("this condition is always {}", !want),
        Some(op @ (Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe | Op::Lt | Op::Le | Op::Gt | Op::Ge)) => {
            comparison(op, args, data, env, want)
        }
        Some(Op::In) => membership(args, data, env, want),
        Some(op @ (Op::Contains | Op::StartsWith | Op::EndsWith)) => {
            let verb = match op {
                Op::Contains => "contain",
                Op::StartsWith => "start with",
                _ => "end with",
            };
            format!("{} must {not}{verb} {} (is {})", subject_at(args, 0), reference_at(args, 1, data, env), is(0))
        }
        Some(op @ (Op::IsEmpty | Op::Filled)) if (op == Op::Filled) == want => format!("{} is empty", subject_at(args, 0)),
        Some(Op::IsEmpty | Op::Filled) => format!("{} must be empty (is {})", subject_at(args, 0), is(0)),
        Some(op @ (Op::WithinLastDays | Op::WithinNextDays)) => {
            let span = if op == Op::WithinLastDays { "last" } else { "next" };
            let days = format_number(to_number(&arg(args, 1, data, env)));
            format!("{} must {not}be within the {span} {days} days (is {})", subject_at(args, 0), when(&arg(args, 0, data, env), env))
        }
        Some(op @ (Op::DateBefore | Op::DateAfter)) => {
            let rel = if op == Op::DateBefore { "before" } else { "after" };
            format!("{} must {not}be {rel} {} (is {})", subject_at(args, 0), reference_at(args, 1, data, env), is(0))
        }
        Some(Op::DateBetween) => format!(
            "{} must {not}be between {} and {} (is {})",
            subject_at(args, 0),
            reference_at(args, 1, data, env),
            reference_at(args, 2, data, env),
            is(0)
        ),
        Some(op @ (Op::Missing | Op::MissingSome)) => missing(op, node, data, env, want),
        Some(op @ (Op::Some | Op::All | Op::None)) => quantifier(op, args, data, env, want),
        Some(_) => truthiness(node, &node.eval(data, env), want),
    }
}

/// `a must be >= 10` / `a must be between 1 and 5`; a constant on the left is moved right.
fn comparison<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env, want: bool) -> String {
    let not = if want { "" } else { "not " };
    if matches!(op, Op::Lt | Op::Le) && args.len() >= 3 && !matches!(arg(args, 2, data, env), Val::Undef) {
        let strictly = if op == Op::Lt { "strictly " } else { "" };
        return format!(
            "{} must {not}be {strictly}between {} and {} (is {})",
            subject_at(args, 1),
            reference_at(args, 0, data, env),
            reference_at(args, 2, data, env),
            show(&arg(args, 1, data, env))
        );
    }
    let (Some(left), Some(right)) = (args.first(), args.get(1)) else {
        return format!("\"{}\" with fewer than two values is {}", op.name(), !want);
    };
    let (left, right, op) = if left.as_const().is_some() && right.as_const().is_none() {
        (right, left, mirror(op))
    } else {
        (left, right, op)
    };
    let op = if want { op } else { negate(op) };
    let relation = match op {
        Op::Eq | Op::StrictEq => "be",
        Op::Ne | Op::StrictNe => "not be",
        other => match other.name() {
            "<" => "be <",
            "<=" => "be <=",
            ">" => "be >",
            _ => "be >=",
        },
    };
    format!("{} must {relation} {} (is {})", subject(left), reference(right, data, env), show(&left.eval(data, env)))
}

/// The comparison with its sides swapped (`1 < x` is `x > 1`).
fn mirror(op: Op) -> Op {
    match op {
        Op::Lt => Op::Gt,
        Op::Gt => Op::Lt,
        Op::Le => Op::Ge,
        Op::Ge => Op::Le,
        other => other,
    }
}

/// The opposite comparison (what must hold when the condition must be false).
fn negate(op: Op) -> Op {
    match op {
        Op::Eq => Op::Ne,
        Op::Ne => Op::Eq,
        Op::StrictEq => Op::StrictNe,
        Op::StrictNe => Op::StrictEq,
        Op::Lt => Op::Ge,
        Op::Ge => Op::Lt,
        Op::Gt => Op::Le,
        _ => Op::Gt,
    }
}

/// `industry must be one of "SaaS", "Fintech" (is "Retail")` / `tags must include "vip"`.
fn membership<'a>(args: &'a [Node], data: &Val<'a>, env: &Env, want: bool) -> String {
    let not = if want { "" } else { "not " };
    let (Some(needle), Some(haystack)) = (args.first(), args.get(1)) else {
        return format!("\"in\" with fewer than two values is {}", !want);
    };
    match (needle.as_const(), haystack.as_const()) {
        (_, Some(Const::Array(_))) => {
            let options = haystack.eval(data, env);
            let listed = options.as_list().map(|l| show_items(l.iter())).unwrap_or_default();
            format!("{} must {not}be one of {listed} (is {})", subject(needle), show(&needle.eval(data, env)))
        }
        (Some(_), None) => format!(
            "{} must {not}include {} (is {})",
            subject(haystack),
            show(&needle.eval(data, env)),
            show(&haystack.eval(data, env))
        ),
        _ => format!(
            "{} must {not}be in {} (is {})",
            subject(needle),
            reference(haystack, data, env),
            show(&needle.eval(data, env))
        ),
    }
}

/// `a, b are missing` / `needs 2 of a, b, c (missing: b, c)`.
fn missing<'a>(op: Op, node: &'a Node, data: &Val<'a>, env: &Env, want: bool) -> String {
    let mut keys = Vec::new();
    node.collect_fields(&mut keys);
    let result = node.eval(data, env);
    let absent: Vec<String> = result.as_list().map(|l| l.iter().map(|k| plain(&k)).collect()).unwrap_or_default();
    let list = |names: &[String]| names.join(", ");
    match (op, want) {
        (Op::Missing, false) if absent.len() == 1 => format!("{} is missing", list(&absent)),
        (Op::Missing, false) => format!("{} are missing", list(&absent)),
        (Op::Missing, true) => format!("one of {} must be missing (none is)", list(&keys)),
        (_, false) => {
            let need = show(&arg(node.args(), 0, data, env));
            format!("at least {need} of {} must be filled in (missing: {})", list(&keys), list(&absent))
        }
        (_, true) => format!("too few of {} are missing (none is)", list(&keys)),
    }
}

/// `some`, `all` and `none`, with how many items matched.
fn quantifier<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env, want: bool) -> String {
    let source = arg(args, 0, data, env);
    let items: Vec<Val<'a>> = source.as_list().map(|l| l.iter().collect()).unwrap_or_default();
    let matching = items.iter().filter(|item| args.get(1).is_some_and(|rule| rule.test(item, env))).count();
    let name = subject_at(args, 0);
    let tally = if items.is_empty() { "it has no items".to_owned() } else { format!("{matching} of {} do", items.len()) };
    // Whether the requirement is "some/every item must match" (true) or "no item may" (false).
    match (op, want) {
        (Op::Some, true) | (Op::None, false) => format!("at least one item of {name} must match ({tally})"),
        (Op::All, true) => format!("every item of {name} must match ({tally})"),
        (Op::All, false) => format!("not every item of {name} may match ({tally})"),
        _ => format!("no item of {name} may match ({tally})"),
    }
}

/// A value that had to be truthy (or falsy).
fn truthiness(node: &Node, value: &Val<'_>, want: bool) -> String {
    let name = subject(node);
    let shown = show(value);
    match (value, want) {
        (Val::Bool(_), _) => format!("{name} must be {want} (is {shown})"),
        (Val::Num(_), true) => format!("{name} must not be 0 (is {shown})"),
        (_, true) => format!("{name} must not be empty (is {shown})"),
        (_, false) => format!("{name} must be empty, false or 0 (is {shown})"),
    }
}

/// How long ago (or ahead) a date is, for window checks.
fn when(value: &Val<'_>, env: &Env) -> String {
    match timestamp(value) {
        None if value.is_nullish() => "missing".to_owned(),
        None => format!("{}, not a date", show(value)),
        Some(t) => {
            let days = crate::time::days_between(t, crm::now(env));
            if days >= 0.0 {
                format!("{} days ago", Plain(round(days)))
            } else {
                format!("in {} days", Plain(round(-days)))
            }
        }
    }
}

/// What a node reads, in words: a field name, `days since last_activity_at`, `now`…
pub(crate) fn subject(node: &Node) -> String {
    let inner = |i: usize| subject_at(node.args(), i);
    match node {
        Node::Const(c) => show(&c.val(0)),
        Node::Var(var) => match &var.path {
            Some(VarPath::Keys(name, _)) => name.to_string(),
            Some(VarPath::Whole) => "the record".to_owned(),
            None => format!("the field named by {}", inner(0)),
        },
        Node::Array(_) => "the list".to_owned(),
        Node::Op(op, args) => match op {
            Op::Now => "now".to_owned(),
            Op::DaysSince => format!("days since {}", inner(0)),
            Op::DaysUntil => format!("days until {}", inner(0)),
            Op::Count if args.len() > 1 => format!("number of matching {}", inner(0)),
            Op::Count => format!("number of {}", inner(0)),
            Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Mod if args.len() > 1 => {
                args.iter().map(subject).collect::<Vec<_>>().join(&format!(" {} ", op.name()))
            }
            _ => format!("{}({})", op.name(), args.iter().map(subject).collect::<Vec<_>>().join(", ")),
        },
    }
}

/// The subject of the `i`-th argument (`nothing` when absent).
fn subject_at(args: &[Node], i: usize) -> String {
    args.get(i).map_or_else(|| "nothing".to_owned(), subject)
}

/// The reference text of the `i`-th argument (`nothing` when absent).
fn reference_at<'a>(args: &'a [Node], i: usize, data: &Val<'a>, env: &Env) -> String {
    args.get(i).map_or_else(|| "nothing".to_owned(), |n| reference(n, data, env))
}

/// The other side of a comparison: a constant as a value, anything else named with its value.
fn reference<'a>(node: &'a Node, data: &Val<'a>, env: &Env) -> String {
    match node {
        Node::Const(c) => show(&c.val(0)),
        Node::Op(Op::Now, _) => "now".to_owned(),
        _ => format!("{} ({})", subject(node), show(&node.eval(data, env))),
    }
}

/// A value for a sentence: strings quoted, null and undefined as `missing`, long text cut.
pub(crate) fn show(value: &Val<'_>) -> String {
    match value {
        Val::Undef | Val::Null => "missing".to_owned(),
        Val::Str(s) => format!("\"{}\"", cut(s)),
        Val::Num(n) => format_number(round(*n)),
        Val::Bool(b) => b.to_string(),
        _ => match value.as_list() {
            Some(list) => format!("[{}]", show_items(list.iter())),
            None => "an object".to_owned(),
        },
    }
}

/// A list item: nested arrays and objects are not opened (records may nest deeply).
fn show_shallow(value: &Val<'_>) -> String {
    match value.as_list() {
        Some(list) if list.len() > 0 => "[…]".to_owned(),
        Some(_) => "[]".to_owned(),
        None if value.is_container() => "an object".to_owned(),
        None => show(value),
    }
}

/// A value in a list of names: strings unquoted.
fn plain(value: &Val<'_>) -> String {
    match value {
        Val::Str(s) => cut(s),
        other => show(other),
    }
}

/// The first few items, comma-separated.
fn show_items<'a>(items: impl Iterator<Item = Val<'a>>) -> String {
    let mut shown: Vec<String> = Vec::new();
    for (i, item) in items.enumerate() {
        if i == MAX_ITEMS {
            shown.push("…".to_owned());
            break;
        }
        shown.push(show_shallow(&item));
    }
    shown.join(", ")
}

/// Text cut to [`MAX_SHOWN`] characters.
fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// A number rounded for reading: two decimals, or four significant digits below 1.
fn round(n: f64) -> f64 {
    if !n.is_finite() || n.fract() == 0.0 {
        return n;
    }
    let scale = if n.abs() >= 1.0 { 100.0 } else { 10f64.powi(3 - n.abs().log10().floor() as i32) };
    let rounded = (n * scale).round() / scale;
    if rounded.is_finite() {
        rounded
    } else {
        n
    }
}
