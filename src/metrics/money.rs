//! Exact money. Every amount is rounded to whole cents once, when it is read; every sum is in
//! integer cents, so a total equals the sum of the inputs to the cent. Figures leave the engine
//! as JS numbers with at most two decimals.

use crate::rules::number::{decimal_literal, Plain};

/// Amounts must be smaller than this in magnitude (ten trillion in the input currency). It keeps
/// every total of up to 100,000 deals exactly representable as a JS number of cents.
pub const MAX_AMOUNT: f64 = 1e13;

/// Whole cents of a number, half a cent rounding away from zero as the number is written
/// (`1.005` → 101, although the binary double is a hair below 1.005). `None` for NaN,
/// infinities and magnitudes of [`MAX_AMOUNT`] or more.
pub fn cents_from_number(x: f64) -> Option<i64> {
    if !x.is_finite() || x.abs() >= MAX_AMOUNT {
        return None;
    }
    let scaled = x * 100.0;
    let frac = (scaled - scaled.trunc()).abs();
    if (frac - 0.5).abs() < 1e-6 {
        // A half cent: decide on the shortest decimal form of the number, the one JS prints.
        return cents_from_decimal(&Plain(x).to_string());
    }
    Some(scaled.round() as i64)
}

/// Whole cents of numeric text such as `"1250.5"`, `"-3"`, `" 7.25 "` or `"1e3"` (HubSpot
/// sends amounts as text). `None` when the text is not a number or is out of range.
pub fn cents_from_text(text: &str) -> Option<i64> {
    let s = text.trim();
    cents_from_decimal(s).or_else(|| decimal_literal(s).and_then(cents_from_number))
}

/// Plain decimal text (`[+-]digits[.digits]`) to cents, exactly; the third decimal decides the
/// rounding (half away from zero).
fn cents_from_decimal(s: &str) -> Option<i64> {
    let (negative, digits) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
        return None;
    }
    let int = int.trim_start_matches('0');
    if int.len() > 13 {
        return None;
    }
    let digit = |b: u8| i64::from(b - b'0');
    let mut cents = int.bytes().fold(0i64, |v, b| v * 10 + digit(b)) * 100;
    let mut frac = frac.bytes();
    cents += frac.next().map_or(0, digit) * 10 + frac.next().map_or(0, digit);
    if frac.next().is_some_and(|b| b >= b'5') {
        cents += 1;
    }
    if cents as f64 >= MAX_AMOUNT * 100.0 {
        return None;
    }
    Some(if negative { -cents } else { cents })
}

/// Cents as a JS number of currency units (`1999` → `19.99`).
pub fn to_money(cents: i128) -> f64 {
    cents as f64 / 100.0
}

/// `num / den` rounded to the nearest integer, halves away from zero; `den` must be positive.
pub fn div_round(num: i128, den: i128) -> i128 {
    let (q, r) = (num / den, num % den);
    if 2 * r.abs() >= den {
        q + num.signum()
    } else {
        q
    }
}

/// Median of whole cents, the mean of the two middle values (rounded to the cent) for an even
/// count. Reorders `values`; `None` when empty.
pub fn median_cents(values: &mut [i64]) -> Option<i64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let (below, &mut hi, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return Some(hi);
    }
    let lo = below.iter().copied().max().unwrap_or(hi);
    Some(div_round(i128::from(lo) + i128::from(hi), 2) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_to_the_cent_as_written() {
        assert_eq!(cents_from_number(0.1), Some(10));
        assert_eq!(cents_from_number(0.2), Some(20));
        assert_eq!(cents_from_number(1.005), Some(101));
        assert_eq!(cents_from_number(-1.005), Some(-101));
        assert_eq!(cents_from_number(2.675), Some(268));
        assert_eq!(cents_from_number(19.999), Some(2000));
        assert_eq!(cents_from_number(1234567.89), Some(123_456_789));
        assert_eq!(cents_from_number(f64::NAN), None);
        assert_eq!(cents_from_number(1e13), None);
    }

    #[test]
    fn text_amounts_are_exact() {
        assert_eq!(cents_from_text("500"), Some(50_000));
        assert_eq!(cents_from_text(" 3233.5 "), Some(323_350));
        assert_eq!(cents_from_text("-0.015"), Some(-2));
        assert_eq!(cents_from_text(".5"), Some(50));
        assert_eq!(cents_from_text("1e3"), Some(100_000));
        assert_eq!(cents_from_text("9999999999999.99"), Some(999_999_999_999_999));
        for bad in ["", ".", "abc", "1,000", "NaN", "inf", "10000000000000", "--1"] {
            assert_eq!(cents_from_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn tenths_sum_exactly() {
        let total: i128 = (0..1000).map(|_| i128::from(cents_from_number(0.1).unwrap())).sum();
        assert_eq!(to_money(total), 100.0);
        assert_eq!(to_money(i128::from(cents_from_number(0.1).unwrap() + cents_from_number(0.2).unwrap())), 0.3);
    }

    #[test]
    fn medians_and_rounding() {
        assert_eq!(median_cents(&mut []), None);
        assert_eq!(median_cents(&mut [5, 1, 3]), Some(3));
        assert_eq!(median_cents(&mut [4, 1, 3, 2]), Some(3)); // (2 + 3) / 2 = 2.5 → 3
        assert_eq!(median_cents(&mut [-4, -1]), Some(-3));
        assert_eq!(div_round(7, 2), 4);
        assert_eq!(div_round(-7, 2), -4);
        assert_eq!(div_round(10, 3), 3);
    }
}
