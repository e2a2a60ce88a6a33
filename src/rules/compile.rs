//! JSON → [`Node`] tree, with the depth and size limits checked before recursing.

use serde_json::{Map, Value};

use super::node::{Const, Node, VarNode, VarPath};
use super::ops::{describe_arity, suggest, Op};
use crate::error::{Error, ErrorCode, Result};
use crate::path;

/// Deepest nesting a rule may have: every operator, array and object is one level (values
/// inside the deepest one are fine).
pub const MAX_DEPTH: usize = 64;
/// Most values (operators, arguments, literals and their contents) a rule may have.
pub const MAX_NODES: usize = 10_000;

/// Where a value sits in the rule, as a chain of steps kept on the stack; rendered as a JSON
/// path only when an error needs it.
#[derive(Clone, Copy)]
struct Loc<'p> {
    parent: Option<&'p Loc<'p>>,
    step: Step<'p>,
}

#[derive(Clone, Copy)]
enum Step<'p> {
    Root,
    Key(&'p str),
    Index(usize),
}

impl<'p> Loc<'p> {
    fn child(&'p self, step: Step<'p>) -> Loc<'p> {
        Loc { parent: Some(self), step }
    }

    fn render(&self) -> String {
        let mut steps = vec![self.step];
        let mut at = self.parent;
        while let Some(loc) = at {
            steps.push(loc.step);
            at = loc.parent;
        }
        steps.iter().rev().fold(String::new(), |out, step| match step {
            Step::Root => "$".to_owned(),
            Step::Key(k) => path::key(&out, k),
            Step::Index(i) => path::index(&out, *i),
        })
    }
}

/// Compiles a JsonLogic rule into a node tree.
pub(crate) fn compile(rule: &Value) -> Result<Node> {
    Compiler { nodes: 0 }.node(rule, Loc { parent: None, step: Step::Root }, 1)
}

struct Compiler {
    nodes: usize,
}

impl Compiler {
    /// Counts one value at `depth` (the number of operators, arrays and objects it is in, plus
    /// one), failing when a limit is passed.
    fn enter(&mut self, value: &Value, loc: Loc<'_>, depth: usize) -> Result<()> {
        if depth > MAX_DEPTH && (value.is_array() || value.is_object()) {
            return Err(Error::config(
                ErrorCode::TooDeep,
                loc.render(),
                format!("the rule is nested more than {MAX_DEPTH} levels deep here; split it into smaller rules"),
            ));
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Error::config(
                ErrorCode::TooLarge,
                loc.render(),
                format!("the rule has more than {MAX_NODES} parts (operators, arguments and values); split it into smaller rules"),
            ));
        }
        Ok(())
    }

    fn node(&mut self, value: &Value, loc: Loc<'_>, depth: usize) -> Result<Node> {
        self.enter(value, loc, depth)?;
        Ok(match value {
            Value::Null => Node::Const(Const::Null),
            Value::Bool(b) => Node::Const(Const::Bool(*b)),
            Value::Number(n) => Node::Const(Const::Num(n.as_f64().unwrap_or(f64::NAN))),
            Value::String(s) => Node::Const(Const::Str(s.as_str().into())),
            Value::Array(items) => {
                let nodes = self.list(items, loc, depth)?;
                if nodes.iter().all(|n| n.as_const().is_some()) {
                    Node::Const(Const::Array(Box::new(value.clone())))
                } else {
                    Node::Array(nodes.into())
                }
            }
            Value::Object(map) => match single_entry(map) {
                Some((name, args)) => self.operator(name, args, loc, depth)?,
                None => {
                    self.literal_members(map, loc, depth)?;
                    Node::Const(Const::Object(Box::new(value.clone())))
                }
            },
        })
    }

    fn list(&mut self, items: &[Value], loc: Loc<'_>, depth: usize) -> Result<Vec<Node>> {
        items.iter().enumerate().map(|(i, item)| self.node(item, loc.child(Step::Index(i)), depth + 1)).collect()
    }

    /// Checks the limits inside an object that is a literal (never evaluated).
    fn literal_members(&mut self, map: &Map<String, Value>, loc: Loc<'_>, depth: usize) -> Result<()> {
        for (key, member) in map {
            self.literal(member, loc.child(Step::Key(key)), depth + 1)?;
        }
        Ok(())
    }

    fn literal(&mut self, value: &Value, loc: Loc<'_>, depth: usize) -> Result<()> {
        self.enter(value, loc, depth)?;
        match value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.literal(item, loc.child(Step::Index(i)), depth + 1)?;
                }
                Ok(())
            }
            Value::Object(map) => self.literal_members(map, loc, depth),
            _ => Ok(()),
        }
    }

    fn operator(&mut self, name: &str, args: &Value, loc: Loc<'_>, depth: usize) -> Result<Node> {
        let (op, arity) = Op::lookup(name).ok_or_else(|| unknown_operator(name, loc))?;
        let here = loc.child(Step::Key(name));
        let nodes = match args {
            Value::Array(items) => self.list(items, here, depth)?,
            single => vec![self.node(single, here, depth + 1)?],
        };
        let (min, max) = arity;
        if nodes.len() < min || max.is_some_and(|max| nodes.len() > max) {
            return Err(Error::config(
                ErrorCode::WrongArity,
                loc.render(),
                format!("\"{name}\" takes {}, but has {}", describe_arity(arity), nodes.len()),
            ));
        }
        Ok(match op {
            Op::Var => var_node(nodes),
            _ => Node::Op(op, nodes.into()),
        })
    }
}

/// The only key and value of a one-key object (an operator application).
fn single_entry(map: &Map<String, Value>) -> Option<(&str, &Value)> {
    let mut entries = map.iter();
    match (entries.next(), entries.next()) {
        (Some((k, v)), None) => Some((k, v)),
        _ => None,
    }
}

/// A `var` with its path resolved now when the first argument is constant.
fn var_node(args: Vec<Node>) -> Node {
    let path = match args.first() {
        None => Some(VarPath::Whole),
        Some(Node::Const(c)) => Some(VarPath::of(&c.val(0))),
        Some(_) => None,
    };
    Node::Var(Box::new(VarNode { path, args: args.into(), slot: None }))
}

fn unknown_operator(name: &str, loc: Loc<'_>) -> Error {
    let hint = match suggest(name) {
        Some(known) => format!(" — did you mean \"{known}\"?"),
        None => " (an object with exactly one key is read as an operator call)".to_owned(),
    };
    Error::config(ErrorCode::UnknownOperator, loc.render(), format!("unknown operator \"{name}\"{hint}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(rule: Value) -> Error {
        compile(&rule).expect_err("should not compile")
    }

    #[test]
    fn reports_unknown_operators_where_they_are() {
        let e = err(json!({"and": [true, {"frob": [1]}]}));
        assert_eq!((e.code.as_str(), e.path.as_str()), ("UNKNOWN_OPERATOR", "$.and[1]"));
        let e = err(json!({"!": {"AND": []}}));
        assert_eq!(e.path, "$[\"!\"]");
        assert!(e.message.contains("did you mean \"and\""), "{}", e.message);
    }

    #[test]
    fn checks_arity() {
        let e = err(json!({"if": [true, {"*": []}]}));
        assert_eq!((e.code.as_str(), e.path.as_str()), ("WRONG_ARITY", "$.if[1]"));
        assert_eq!(err(json!({"missing_some": [1]})).code, "WRONG_ARITY");
        assert_eq!(err(json!({"days_since": []})).message, "\"days_since\" takes exactly 1 argument, but has 0");
    }

    #[test]
    fn limits_depth_and_size() {
        let mut deep = json!(true);
        for _ in 0..=MAX_DEPTH {
            deep = json!({"!": deep});
        }
        assert_eq!(err(deep.clone()).code, "TOO_DEEP");
        assert!(compile(&deep["!"]).is_ok());
        assert_eq!(err(json!({"and": [deep["!"].clone()]})).code, "TOO_DEEP");
        let big = Value::Array((0..MAX_NODES).map(Value::from).collect());
        assert_eq!(err(big).code, "TOO_LARGE");
        let literal = json!({"a": 1, "b": Value::Array((0..MAX_NODES).map(Value::from).collect())});
        assert_eq!(err(literal).code, "TOO_LARGE");
    }

    #[test]
    fn prebuilds_constants_and_paths() {
        assert!(matches!(compile(&json!([1, [2, "x"], {"a": 1, "b": 2}])).unwrap(), Node::Const(Const::Array(_))));
        assert!(matches!(compile(&json!([1, {"var": "a"}])).unwrap(), Node::Array(_)));
        let Node::Var(var) = compile(&json!({"var": ["a.0.b", 1]})).unwrap() else { panic!("not a var") };
        assert!(matches!(&var.path, Some(VarPath::Keys(name, segs)) if &**name == "a.0.b" && segs[1].index == Some(0)));
    }
}
