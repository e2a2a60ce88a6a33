//! `+ - * / % min max` with json-logic-js's coercions: `+` and `*` use `parseFloat`, the
//! others JS `Number()`.

use super::coerce::{to_js_string, to_number};
use super::eval::{all_args, arg, Env};
use super::node::Node;
use super::number::parse_float;
use super::ops::Op;
use super::value::Val;

/// JS `parseFloat(v)` (which first converts `v` to a string, so `-0` comes back as `0`).
fn parse_float_val(v: &Val<'_>) -> f64 {
    match v {
        Val::Num(n) if *n == 0.0 => 0.0,
        Val::Num(n) => *n,
        Val::Str(s) => parse_float(s),
        other => parse_float(&to_js_string(other)),
    }
}

/// Evaluates an arithmetic operator.
pub(crate) fn eval<'a>(op: Op, args: &'a [Node], data: &Val<'a>, env: &Env) -> Val<'a> {
    let num = |i: usize| to_number(&arg(args, i, data, env));
    match op {
        Op::Add => Val::Num(args.iter().fold(0.0, |sum, n| parse_float_val(&Val::Num(sum)) + parse_float_val(&n.eval(data, env)))),
        Op::Mul => multiply(all_args(args, data, env)),
        Op::Sub => match (arg(args, 0, data, env), arg(args, 1, data, env)) {
            (a, Val::Undef) => Val::Num(-to_number(&a)),
            (a, b) => Val::Num(to_number(&a) - to_number(&b)),
        },
        Op::Div => Val::Num(num(0) / num(1)),
        Op::Mod => Val::Num(num(0) % num(1)),
        Op::Min => Val::Num(extreme(all_args(args, data, env), true)),
        _ => Val::Num(extreme(all_args(args, data, env), false)),
    }
}

/// `*`: `reduce` without a start value, so a single argument comes back unconverted.
fn multiply(values: Vec<Val<'_>>) -> Val<'_> {
    let mut values = values.into_iter();
    let first = values.next().unwrap_or(Val::Undef);
    values.fold(first, |product, v| Val::Num(parse_float_val(&product) * parse_float_val(&v)))
}

/// JS `Math.min` / `Math.max`: NaN if any argument is NaN, ±Infinity when there are none,
/// and `-0` below `+0`.
fn extreme(values: Vec<Val<'_>>, min: bool) -> f64 {
    let start = if min { f64::INFINITY } else { f64::NEG_INFINITY };
    values.iter().map(to_number).fold(start, |best, n| {
        if best.is_nan() || n.is_nan() {
            f64::NAN
        } else if n == best && n == 0.0 {
            // Equal zeros: min prefers -0, max prefers +0.
            if min == n.is_sign_negative() { n } else { best }
        } else if (n < best) == min {
            n
        } else {
            best
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_and_max_like_math() {
        assert_eq!(extreme(vec![], true), f64::INFINITY);
        assert_eq!(extreme(vec![], false), f64::NEG_INFINITY);
        assert!(extreme(vec![Val::Num(1.0), Val::string("x")], true).is_nan());
        assert!(extreme(vec![Val::Num(0.0), Val::Num(-0.0)], true).is_sign_negative());
        assert!(extreme(vec![Val::Num(-0.0), Val::Num(0.0)], false).is_sign_positive());
        assert_eq!(extreme(vec![Val::string("3"), Val::Null, Val::Num(2.0)], false), 3.0);
    }

    #[test]
    fn multiply_returns_a_single_argument_as_is() {
        assert!(matches!(multiply(vec![Val::string("3")]), Val::Str(s) if s == "3"));
        assert_eq!(parse_float_val(&multiply(vec![Val::Num(-1.0), Val::Num(0.0), Val::Num(5.0)])), 0.0);
        assert!(matches!(multiply(vec![Val::Num(-1.0), Val::Num(0.0), Val::Num(5.0)]), Val::Num(n) if n == 0.0 && n.is_sign_positive()));
    }
}
