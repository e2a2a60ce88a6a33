//! JS number semantics on `f64`: `Number(string)`, `parseFloat`, and `Number.prototype.toString`.

/// Whether `c` is JS `WhiteSpace` or `LineTerminator` (what `Number()` and `parseFloat` skip).
fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}'
            | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}' | '\u{feff}'
    )
}

/// Length of the longest prefix of `s` that is a JS `StrDecimalLiteral` (sign, `Infinity`,
/// digits with an optional fraction and exponent); 0 when there is none.
fn decimal_prefix_len(s: &[u8]) -> usize {
    let mut i = usize::from(matches!(s.first(), Some(b'+' | b'-')));
    if s[i..].starts_with(b"Infinity") {
        return i + 8;
    }
    let digits = |from: usize| s[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    let int_digits = digits(i);
    i += int_digits;
    let mut frac_digits = 0;
    if s.get(i) == Some(&b'.') {
        frac_digits = digits(i + 1);
        if int_digits + frac_digits > 0 {
            i += 1 + frac_digits;
        }
    }
    if int_digits + frac_digits == 0 {
        return 0;
    }
    if matches!(s.get(i), Some(b'e' | b'E')) {
        let sign = usize::from(matches!(s.get(i + 1), Some(b'+' | b'-')));
        let exp_digits = digits(i + 1 + sign);
        if exp_digits > 0 {
            i += 1 + sign + exp_digits;
        }
    }
    i
}

/// The value of a complete decimal literal found by [`decimal_prefix_len`].
fn decimal_value(literal: &str) -> f64 {
    let (negative, body) = match literal.as_bytes().first() {
        Some(b'-') => (true, &literal[1..]),
        Some(b'+') => (false, &literal[1..]),
        _ => (false, literal),
    };
    let magnitude = if body == "Infinity" { f64::INFINITY } else { unsigned_decimal(body) };
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

/// The nearest double to `digits[.digits][e[±]digits]` (either side of the point may be
/// empty), as `str::parse` gives it. The text is rewritten as a JSON number and read by
/// serde_json's exact float parser, the one every JSON number goes through, so core's own
/// parser and its 11 KB table of powers of five stay out of the `.wasm`.
fn unsigned_decimal(body: &str) -> f64 {
    let (mantissa, exponent) = body.split_once(['e', 'E']).map_or((body, None), |(m, e)| (m, Some(e)));
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let int = int.trim_start_matches('0');
    let mut json = String::with_capacity(body.len() + 2);
    json.push_str(if int.is_empty() { "0" } else { int });
    if !frac.is_empty() {
        json.push('.');
        json.push_str(frac);
    }
    if let Some(exponent) = exponent {
        json.push('e');
        json.push_str(exponent);
    }
    // A valid number only fails when it is too large for a double.
    serde_json::from_str(&json).unwrap_or(f64::INFINITY)
}

/// The value of `text` when all of it is a decimal literal (`[±]digits[.digits][e[±]digits]`,
/// or `Infinity`), as Rust's `str::parse::<f64>` reads it (whose `inf` and `NaN` spellings no
/// caller accepts anyway).
pub(crate) fn decimal_literal(text: &str) -> Option<f64> {
    (!text.is_empty() && decimal_prefix_len(text.as_bytes()) == text.len()).then(|| decimal_value(text))
}

/// Digits of a `0x` / `0o` / `0b` literal in `radix`; NaN when empty or invalid.
fn radix_value(digits: &str, radix: u32) -> f64 {
    if digits.is_empty() {
        return f64::NAN;
    }
    digits.chars().try_fold(0f64, |acc, c| c.to_digit(radix).map(|d| acc * f64::from(radix) + f64::from(d))).unwrap_or(f64::NAN)
}

/// JS `Number(text)`: whitespace-trimmed decimal, `Infinity`, or `0x`/`0o`/`0b` literal; empty
/// text is 0; anything else is NaN.
pub(crate) fn string_to_number(text: &str) -> f64 {
    let t = text.trim_matches(is_js_space);
    if t.is_empty() {
        return 0.0;
    }
    let lower_prefix = t.get(..2).map(str::to_ascii_lowercase);
    match lower_prefix.as_deref() {
        Some("0x") => radix_value(&t[2..], 16),
        Some("0o") => radix_value(&t[2..], 8),
        Some("0b") => radix_value(&t[2..], 2),
        _ if decimal_prefix_len(t.as_bytes()) == t.len() => decimal_value(t),
        _ => f64::NAN,
    }
}

/// JS `parseFloat(text)`: the longest decimal prefix after leading whitespace, else NaN.
pub(crate) fn parse_float(text: &str) -> f64 {
    let t = text.trim_start_matches(is_js_space);
    match decimal_prefix_len(t.as_bytes()) {
        0 => f64::NAN,
        n => decimal_value(&t[..n]),
    }
}

/// JS `Number.prototype.toString()` (radix 10): shortest round-trip digits, plain notation for
/// decimal exponents in `-7 < e < 21`, exponent notation (`1e+21`, `1.5e-7`) otherwise.
pub(crate) fn format_number(n: f64) -> String {
    if n.is_nan() {
        return "NaN".into();
    }
    if n == 0.0 {
        return "0".into();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity".into() } else { "-Infinity".into() };
    }
    let sign = if n < 0.0 { "-" } else { "" };
    let (digits, point) = shortest_digits(n.abs());
    format!("{sign}{}", place_point(&digits, point))
}

/// The shortest digits that round-trip `n` (finite, positive) and the position of the decimal
/// point after the first of them (JS's `n`; 1 for `1.5`, -6 for `1e-7`).
///
/// serde_json already carries a shortest round-trip float printer (ryu); its text (`1e21`,
/// `100.0`, `1.5e-7`, `0.001`) is normalised here rather than pulling in `core`'s own.
fn shortest_digits(n: f64) -> (String, i32) {
    let text = serde_json::Number::from_f64(n).map(|v| v.to_string()).unwrap_or_default();
    let (mantissa, exp) = text.split_once(['e', 'E']).unwrap_or((&text, "0"));
    let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i32;
    let all: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let leading = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_matches('0').to_owned();
    (digits, int_len - leading as i32 + exp.parse::<i32>().unwrap_or(0))
}

/// Lays out `digits` with the decimal point after `point` digits, the way JS does.
fn place_point(digits: &str, point: i32) -> String {
    let k = digits.len() as i32;
    if k <= point && point <= 21 {
        format!("{digits}{}", "0".repeat((point - k) as usize))
    } else if 0 < point && point <= 21 {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", "0".repeat((-point) as usize))
    } else {
        let e = point - 1;
        let exp_sign = if e >= 0 { "+" } else { "-" };
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        format!("{first}{rest}e{exp_sign}{}", e.abs())
    }
}

/// UTF-16 length of `s` (what JS `length` reports).
pub(crate) fn utf16_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.encode_utf16().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_js() {
        let cases = [
            (1.0, "1"), (-0.0, "0"), (0.1 + 0.2, "0.30000000000000004"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
            (123e-20, "1.23e-18"), (1e-7, "1e-7"), (1.5e-7, "1.5e-7"), (0.000001, "0.000001"), (-2.5, "-2.5"),
            (f64::INFINITY, "Infinity"), (f64::NEG_INFINITY, "-Infinity"), (f64::NAN, "NaN"), (123456.789, "123456.789"),
            (5e-324, "5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"), (100.0, "100"), (2f64.powi(53), "9007199254740992"),
        ];
        for (n, want) in cases {
            assert_eq!(format_number(n), want, "{n:e}");
        }
    }

    #[test]
    fn converts_strings_like_number() {
        let cases = [
            ("", 0.0), ("  12  ", 12.0), ("0x10", 16.0), ("0B11", 3.0), ("0o17", 15.0), ("-Infinity", f64::NEG_INFINITY),
            ("+5", 5.0), (".5", 0.5), ("5.", 5.0), ("1e3", 1000.0), ("\u{a0}7\n", 7.0),
        ];
        for (s, want) in cases {
            assert_eq!(string_to_number(s), want, "{s:?}");
        }
        for bad in ["3abc", "inf", "nan", "infinity", "-0x10", "0x", "1e", ".", "1_000", "\u{85}1", "1 2"] {
            assert!(string_to_number(bad).is_nan(), "{bad:?}");
        }
    }

    #[test]
    fn reads_decimals_exactly_as_str_parse() {
        let mut seed = 1u64;
        let mut next = |n: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let fixed = [
            "0", "1.", ".5", "007.250", "1e5", "1E-5", "1.e+3", "9007199254740993", "18446744073709551616", "1e400",
            "1e-400", "0e99999999999999999999", "2.2250738585072011e-308", "4.9406564584124654e-324", "1.7976931348623157e308",
            "1.7976931348623159e308", "0.1000000000000000055511151231257827", "123456789012345678901234567890e-20",
        ];
        let random = (0..20_000).map(|_| {
            let digits = |n: u64, next: &mut dyn FnMut(u64) -> u64| (0..n).map(|_| char::from(b'0' + next(10) as u8)).collect::<String>();
            let int = digits(next(25), &mut next);
            let frac = digits(next(25), &mut next);
            let mut s = if frac.is_empty() && int.is_empty() { "0".to_owned() } else { format!("{int}.{frac}") };
            if next(2) == 0 {
                s = format!("{s}e{}{}", ["", "+", "-"][next(3) as usize], next(400));
            }
            s
        });
        for text in fixed.iter().map(|s| s.to_string()).chain(random) {
            let want: f64 = text.parse().unwrap();
            assert_eq!(unsigned_decimal(&text).to_bits(), want.to_bits(), "{text}");
            assert_eq!(decimal_literal(&format!("-{text}")).map(f64::to_bits), Some((-want).to_bits()), "{text}");
        }
        for not_a_literal in ["", "inf", "NaN", "1e", ".", "1_0", " 1", "0x10"] {
            assert_eq!(decimal_literal(not_a_literal), None, "{not_a_literal:?}");
        }
    }

    #[test]
    fn parses_prefixes_like_parse_float() {
        let cases = [("3abc", 3.0), (" -.5e-1x", -0.05), ("1e", 1.0), ("1e+", 1.0), ("0x10", 0.0), ("Infinityx", f64::INFINITY), ("1,2", 1.0)];
        for (s, want) in cases {
            assert_eq!(parse_float(s), want, "{s:?}");
        }
        for bad in ["", "abc", "-", ".", "null", "true", "+-1"] {
            assert!(parse_float(bad).is_nan(), "{bad:?}");
        }
    }
}
