//! Evaluating a node tree against data. Nothing here allocates unless an operator builds a
//! value (an array, a string); reading the record only borrows it.

use std::cell::Cell;

use super::coerce::{less_than, loose_eq, strict_eq};
use super::node::{Const, Node};
use super::ops::Op;
use super::value::Val;
use super::{arith, crm, lists, text, var, EvalContext};

/// Per-evaluation state: the context, plus a counter that gives every evaluation of a literal
/// array its own identity (json-logic-js builds a new array each time).
pub(crate) struct Env {
    /// The evaluation's `now`, epoch milliseconds.
    pub(crate) now: i64,
    generation: Cell<u32>,
}

impl Env {
    /// State for one evaluation.
    pub(crate) fn new(ctx: &EvalContext) -> Self {
        Env { now: ctx.now, generation: Cell::new(0) }
    }

    /// A generation number not used before in this evaluation.
    fn fresh_generation(&self) -> u32 {
        let next = self.generation.get().wrapping_add(1).max(1);
        self.generation.set(next);
        next
    }
}

/// The `i`-th argument, evaluated (`undefined` when absent).
pub(crate) fn arg<'a>(args: &'a [Node], i: usize, data: &Val<'a>, env: &Env) -> Val<'a> {
    args.get(i).map_or(Val::Undef, |n| n.eval(data, env))
}

/// All arguments, evaluated.
pub(crate) fn all_args<'a>(args: &'a [Node], data: &Val<'a>, env: &Env) -> Vec<Val<'a>> {
    args.iter().map(|n| n.eval(data, env)).collect()
}

impl Node {
    /// The node's value for `data`.
    pub(crate) fn eval<'a>(&'a self, data: &Val<'a>, env: &Env) -> Val<'a> {
        match self {
            Node::Const(c @ Const::Array(_)) => c.val(env.fresh_generation()),
            Node::Const(c) => c.val(0),
            Node::Array(items) => Val::array(all_args(items, data, env)),
            Node::Var(var) => var.eval(data, env),
            Node::Op(op, args) => eval_op(*op, args, data, env),
        }
    }

    /// Whether the node's value is truthy, without building values `and`/`or`/`!`/`if` would
    /// only test.
    pub(crate) fn test<'a>(&'a self, data: &Val<'a>, env: &Env) -> bool {
        match self {
            Node::Op(Op::And, args) => !args.is_empty() && args.iter().all(|a| a.test(data, env)),
            Node::Op(Op::Or, args) => args.iter().any(|a| a.test(data, env)),
            Node::Op(Op::Not, args) => !args.first().is_some_and(|a| a.test(data, env)),
            Node::Op(Op::NotNot, args) => args.first().is_some_and(|a| a.test(data, env)),
            Node::Op(Op::If, args) => if_branch(args, data, env).is_some_and(|n| n.test(data, env)),
            Node::Op(op @ (Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe | Op::Lt | Op::Le | Op::Gt | Op::Ge), args) => {
                compare(*op, args, data, env)
            }
            Node::Const(c) => c.val(0).truthy(),
            _ => self.eval(data, env).truthy(),
        }
    }
}

/// The branch an `if` chain takes: the value after the first truthy condition, else the
/// trailing else-value, else none (`null`).
pub(crate) fn if_branch<'a>(args: &'a [Node], data: &Val<'a>, env: &Env) -> Option<&'a Node> {
    let mut pairs = args.chunks_exact(2);
    for pair in pairs.by_ref() {
        if pair[0].test(data, env) {
            return Some(&pair[1]);
        }
    }
    pairs.remainder().first()
}

/// Evaluates `and` (first falsy or last) and `or` (first truthy or last); empty is `undefined`.
fn and_or<'a>(args: &'a [Node], stop_when: bool, data: &Val<'a>, env: &Env) -> Val<'a> {
    let mut current = Val::Undef;
    for node in args {
        current = node.eval(data, env);
        if current.truthy() == stop_when {
            break;
        }
    }
    current
}

/// Compares the first two arguments with `cmp`; for `<` and `<=` a defined third argument
/// makes it a "between" test.
fn compare<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env) -> bool {
    let (a, b) = (arg(args, 0, data, env), arg(args, 1, data, env));
    let holds = |x: &Val<'_>, y: &Val<'_>| holds(op, x, y);
    let first = holds(&a, &b);
    if !matches!(op, Op::Lt | Op::Le) || args.len() < 3 {
        return first;
    }
    match arg(args, 2, data, env) {
        Val::Undef => first,
        c => first && holds(&b, &c),
    }
}

/// Whether `x op y` holds for a comparison operator (`== != === !== < <= > >=`; any other
/// operator is read as `>=`).
pub(crate) fn holds(op: Op, x: &Val<'_>, y: &Val<'_>) -> bool {
    match op {
        Op::Eq => loose_eq(x, y),
        Op::Ne => !loose_eq(x, y),
        Op::StrictEq => strict_eq(x, y),
        Op::StrictNe => !strict_eq(x, y),
        Op::Lt => less_than(x, y) == Some(true),
        Op::Gt => less_than(y, x) == Some(true),
        Op::Le => less_than(y, x) == Some(false),
        _ => less_than(x, y) == Some(false),
    }
}

/// Evaluates one operator.
fn eval_op<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    match op {
        Op::If => if_branch(args, data, env).map_or(Val::Null, |n| n.eval(data, env)),
        Op::And => and_or(args, false, data, env),
        Op::Or => and_or(args, true, data, env),
        Op::Not => Val::Bool(!arg(args, 0, data, env).truthy()),
        Op::NotNot => Val::Bool(arg(args, 0, data, env).truthy()),
        Op::Eq | Op::Ne | Op::StrictEq | Op::StrictNe | Op::Lt | Op::Le | Op::Gt | Op::Ge => {
            Val::Bool(compare(op, args, data, env))
        }
        Op::Var => var::eval_var(None, args, data, env),
        Op::Missing => Val::array(var::missing(data, all_args(args, data, env))),
        Op::MissingSome => Val::array(var::missing_some(data, &arg(args, 0, data, env), &arg(args, 1, data, env))),
        Op::Log => arg(args, 0, data, env),
        Op::Add | Op::Sub | Op::Mul | Op::Div | Op::Mod | Op::Min | Op::Max => arith::eval(op, args, data, env),
        Op::Map | Op::Filter | Op::Reduce | Op::All | Op::Some | Op::None | Op::Merge | Op::In | Op::Count => {
            lists::eval(op, args, data, env)
        }
        Op::Cat | Op::Substr | Op::Contains | Op::StartsWith | Op::EndsWith => text::eval(op, args, data, env),
        Op::Now
        | Op::DaysSince
        | Op::DaysUntil
        | Op::DateBefore
        | Op::DateAfter
        | Op::DateBetween
        | Op::WithinLastDays
        | Op::WithinNextDays
        | Op::IsEmpty
        | Op::Filled => crm::eval(op, args, data, env),
    }
}
