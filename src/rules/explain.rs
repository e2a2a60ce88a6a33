//! Why a rule passed or failed: the failing leaf conditions under `and`/`or`/`!`/`if`.

use serde::Serialize;
use serde_json::Value;

use super::describe::describe;
use super::eval::{if_branch, Env};
use super::node::Node;
use super::ops::Op;
use super::value::Val;

/// The result of [`Rule::explain`](super::Rule::explain).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Explanation {
    /// The rule's value, as [`Rule::evaluate`](super::Rule::evaluate) returns it.
    pub value: Value,
    /// Whether the value is truthy.
    pub passed: bool,
    /// When it did not pass: the conditions that made it fail (empty when it passed).
    pub failures: Vec<FailedCondition>,
}

/// One condition that made a rule fail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FailedCondition {
    /// The condition's operator (`>=`, `filled`, `within_last_days`, `var`…), or `value` for a
    /// constant.
    pub operator: String,
    /// The record fields the condition reads (`var` paths and `missing` keys).
    pub fields: Vec<String>,
    /// What was expected and what was found, e.g. `amount must be >= 10000 (is 5000)`.
    pub description: String,
}

/// The failing conditions of `root`, which evaluated falsy.
pub(crate) fn failures<'a>(root: &'a Node, data: &Val<'a>, env: &Env) -> Vec<FailedCondition> {
    let mut out = Vec::new();
    blame(root, data, env, true, &mut out);
    out
}

/// Collects the leaves that made `node` differ from `want` (its truthiness is `!want`).
///
/// Under `and`/`or` the culprits are exactly the children whose truthiness differs from
/// `want`, whichever the operator and polarity; `!` flips the polarity; `if` follows the
/// branch it took. Every failing child of an `and` is listed, not just the first.
fn blame<'a>(node: &'a Node, data: &Val<'a>, env: &Env, want: bool, out: &mut Vec<FailedCondition>) {
    let before = out.len();
    match node {
        Node::Op(Op::And | Op::Or, args) => {
            for child in args.iter().filter(|c| c.test(data, env) != want) {
                blame(child, data, env, want, out);
            }
        }
        Node::Op(Op::Not, args) => args.iter().take(1).for_each(|c| blame(c, data, env, !want, out)),
        Node::Op(Op::NotNot, args) => args.iter().take(1).for_each(|c| blame(c, data, env, want, out)),
        Node::Op(Op::If, args) => {
            if let Some(branch) = if_branch(args, data, env).filter(|b| b.as_const().is_none()) {
                blame(branch, data, env, want, out);
            }
        }
        _ => {}
    }
    if out.len() == before {
        out.push(leaf(node, data, env, want));
    }
}

/// A leaf condition that evaluated to `!want`.
fn leaf<'a>(node: &'a Node, data: &Val<'a>, env: &Env, want: bool) -> FailedCondition {
    let mut fields = Vec::new();
    node.collect_fields(&mut fields);
    FailedCondition {
        operator: node.op().map_or("value", Op::name).to_owned(),
        fields,
        description: describe(node, data, env, want),
    }
}
