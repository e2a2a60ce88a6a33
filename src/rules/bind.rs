//! Binding a rule to a read plan: each `var` with a constant path in a planned scope reads a
//! cell of its row instead of walking the record.
//!
//! Binding adds the paths the rule reads to a [`PlanBuilder`] and records in each such `var`
//! the cell it reads. The bound rule evaluates rows ([`Val::Row`](super::value::Val)) exactly
//! as the rule evaluates the records' JSON:
//! - a `var` with a constant path reads its cell; absent is "not found", as with JSON;
//! - `all`, `some`, `none` and `count` over a `var` with a constant path read it as a list of
//!   sub-records, and their sub-rule is bound to the items' scope;
//! - reads no path describes (`{"var": ""}`, a computed path, `missing`, `missing_some`) make
//!   the scope keep each row's JSON, which those reads use;
//! - `map`, `filter` and `reduce`, whose results can hold the items themselves, read their
//!   list as a value, and their sub-rule reads the items' JSON.
//!
//! A bound rule given JSON data instead of a row walks the JSON as before.

use super::node::{Node, VarPath};
use super::ops::Op;
use crate::record::{PlanBuilder, ScopeId};

/// Binds `node`, evaluated with data of `scope` (`None`: data no plan describes, such as the
/// `{current, accumulator}` of `reduce`).
pub(crate) fn bind(node: &mut Node, plan: &mut PlanBuilder, scope: Option<ScopeId>) {
    match node {
        Node::Const(_) => {}
        Node::Array(items) => items.iter_mut().for_each(|item| bind(item, plan, scope)),
        Node::Var(var) => {
            if let Some(s) = scope {
                match &var.path {
                    Some(VarPath::Keys(name, _)) => var.slot = Some((s, plan.path(s, name))),
                    Some(VarPath::Whole) | None => plan.keep_json(s),
                }
            }
            let constant_path = matches!(var.path, Some(VarPath::Keys(..)));
            for (i, arg) in var.args.iter_mut().enumerate() {
                if !(constant_path && i == 0) {
                    bind(arg, plan, scope);
                }
            }
        }
        Node::Op(op, args) => {
            let op = *op;
            if let (Op::Missing | Op::MissingSome, Some(s)) = (op, scope) {
                plan.keep_json(s);
            }
            if !op.scopes_second_arg() {
                args.iter_mut().for_each(|arg| bind(arg, plan, scope));
                return;
            }
            let lists_items = matches!(op, Op::All | Op::Some | Op::None | Op::Count);
            let mut item_scope = None;
            for (i, arg) in args.iter_mut().enumerate() {
                match (i, arg) {
                    (0, Node::Var(var)) if lists_items && scope.is_some() && matches!(var.path, Some(VarPath::Keys(..))) => {
                        let (Some(s), Some(VarPath::Keys(name, _))) = (scope, &var.path) else { continue };
                        let (slot, items) = plan.list(s, name);
                        var.slot = Some((s, slot));
                        item_scope = Some(items);
                        var.args.iter_mut().skip(1).for_each(|default| bind(default, plan, scope));
                    }
                    (1, sub_rule) => bind(sub_rule, plan, item_scope),
                    (_, other) => bind(other, plan, scope),
                }
            }
        }
    }
}
