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
/// parser and its table of powers of five stay out of the `.wasm`.
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
    // Read as a `Value`, whose reader never reports a wrong type (that would link the
    // float-printing error path); a valid number only fails when it is too large for a double.
    serde_json::from_str::<serde_json::Value>(&json).ok().and_then(|v| v.as_f64()).unwrap_or(f64::INFINITY)
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

/// `x.clamp(lo, hi)` for `lo ≤ hi`, without `f64::clamp`'s check of that, whose panic message
/// would link core's float formatting.
pub(crate) fn clamp(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// An `f64` shown as Rust's `{}` shows it (`1`, `0.5`, `1000000000000000000000`, `-0`, `inf`,
/// `NaN`: shortest round-trip digits, never an exponent), written with the same digit printer
/// as [`format_number`], so core's float formatting is not linked.
/// Error messages quote numbers from configs and records with it.
#[derive(Clone, Copy)]
pub(crate) struct Plain(pub f64);

impl std::fmt::Display for Plain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        let sign = if n.is_sign_negative() && !n.is_nan() { "-" } else { "" };
        if n.is_nan() || n.is_infinite() || n == 0.0 {
            let word = if n.is_nan() { "NaN" } else if n == 0.0 { "0" } else { "inf" };
            return write!(f, "{sign}{word}");
        }
        let (digits, point) = round_half_up(shortest_digits(n.abs()), n.abs());
        let zeros = |k: i32| "0".repeat(k.max(0) as usize);
        match usize::try_from(point) {
            Ok(p) if p >= digits.len() => write!(f, "{sign}{digits}{}", zeros(point - digits.len() as i32)),
            Ok(p) if p > 0 => write!(f, "{sign}{}.{}", &digits[..p], &digits[p..]),
            _ => write!(f, "{sign}0.{}{digits}", zeros(-point)),
        }
    }
}

/// The shortest digits of `n` as Rust's printer picks them. When `n` lies exactly halfway
/// between the two closest shortest candidates, JS (and serde_json's printer) takes the one
/// ending in an even digit, Rust the one above: `1996622470849110.25` is `…110.2` in JS and
/// `…110.3` in Rust.
fn round_half_up((digits, point): (String, i32), n: f64) -> (String, i32) {
    let Ok(lower) = digits.parse::<u64>() else { return (digits, point) };
    let halfway = lower.checked_mul(10).and_then(|d| d.checked_add(5));
    if !halfway.is_some_and(|h| is_exactly(n, h, point - digits.len() as i32 - 1)) {
        return (digits, point);
    }
    // One more in the last digit, carrying; trailing zeros go (`…19` + 1 is `…2`).
    let upper = (lower + 1).to_string();
    let point = point + (upper.len() - digits.len()) as i32;
    (upper.trim_end_matches('0').to_owned(), point)
}

/// Whether the finite, positive `x` is exactly `digits × 10^exp`.
fn is_exactly(x: f64, digits: u64, exp: i32) -> bool {
    // x = m × 2^q, as the bits say.
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) as i32 & 0x7ff, bits & ((1 << 52) - 1));
    let (m, q) = if biased == 0 { (fraction, -1074) } else { (fraction | 1 << 52, biased - 1075) };
    // Odd parts and powers of two of both sides: digits × 10^exp = odd × 5^exp × 2^(twos + exp).
    let (m_twos, d_twos) = (m.trailing_zeros() as i32, digits.trailing_zeros() as i32);
    let (m_odd, d_odd) = (u128::from(m >> m_twos), u128::from(digits >> d_twos));
    let fives = |n: u128, k: i32| (0..k).try_fold(n, |acc, _| acc.checked_mul(5));
    if exp >= 0 {
        fives(d_odd, exp) == Some(m_odd) && d_twos + exp == m_twos + q
    } else {
        fives(m_odd, -exp) == Some(d_odd) && m_twos + q - exp == d_twos
    }
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
    fn plain_is_rust_display() {
        let mut seed = 3u64;
        let fixed = [0.0, -0.0, 1.0, -1.5, 0.1 + 0.2, 1e21, 1e22, 1e-7, 5e-324, f64::MAX, f64::MIN_POSITIVE, 123456.789, 1e15, 0.5];
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            seed
        };
        let random: Vec<f64> = (0..50_000).map(|_| f64::from_bits(next())).collect();
        // Exact halfway cases: quarters and halves of large integers, small multiples of powers of two.
        let halfway: Vec<f64> = (0..20_000)
            .map(|i| {
                let m = (next() >> 11) as f64;
                m * [0.25, 0.5, 0.125, 2.0, 1024.0, 1.0 / 1024.0][i % 6]
            })
            .collect();
        let specials = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, f64::from_bits(0x431c_5fab_9480_8959), 0.125, 2.5e-5, 2f64.powi(53)];
        for n in fixed.into_iter().chain(specials).chain(random).chain(halfway) {
            assert_eq!(Plain(n).to_string(), format!("{n}"), "{:x}", n.to_bits());
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
