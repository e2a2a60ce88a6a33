//! Time as plain data: instants are epoch milliseconds (`i64`, UTC), read from ISO-8601 strings
//! or numbers. Every evaluation takes its `now` explicitly, so results are deterministic.
//!
//! Accepted strings: `YYYY-MM-DD` (midnight UTC), and `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an
//! optional `Z` or `±HH[:MM]` offset (a space may stand for `T`). A date-time without an offset
//! is read as UTC — unlike `new Date()` in JS, which would use the machine's zone — so a result
//! never depends on where it was computed.

use serde_json::Value;

/// Milliseconds in one day.
pub const DAY_MS: i64 = 86_400_000;
/// Milliseconds in one hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in one minute.
pub const MINUTE_MS: i64 = 60_000;

/// Largest instant accepted, the same bound as JS `Date` (±8.64e15 ms).
const MAX_ABS_MS: f64 = 8.64e15;

/// Reads an instant from JSON: a finite number of epoch milliseconds or an ISO-8601 string.
/// Anything else (null, bool, garbage text, out-of-range numbers) is `None`.
pub fn timestamp_from_json(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_f64().and_then(timestamp_from_millis),
        Value::String(s) => parse_iso8601(s),
        _ => None,
    }
}

/// Epoch milliseconds from a JS number, rejecting NaN, infinities and values `Date` can't hold.
pub fn timestamp_from_millis(ms: f64) -> Option<i64> {
    (ms.is_finite() && ms.abs() <= MAX_ABS_MS).then(|| ms.floor() as i64)
}

/// Parses an ISO-8601 date or date-time into epoch milliseconds (see module docs for forms).
pub fn parse_iso8601(text: &str) -> Option<i64> {
    let s = text.trim().as_bytes();
    let mut p = Cursor { s, i: 0 };
    let year = p.digits(4)?;
    p.expect(b'-')?;
    let month = p.digits(2)?;
    p.expect(b'-')?;
    let day = p.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut ms = days_from_civil(year, month, day) * DAY_MS;
    if p.done() {
        return Some(ms);
    }
    if !matches!(p.next(), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let hour = p.digits(2)?;
    p.expect(b':')?;
    let minute = p.digits(2)?;
    let mut second = 0;
    let mut millis = 0;
    if p.peek() == Some(b':') {
        p.i += 1;
        second = p.digits(2)?;
        if matches!(p.peek(), Some(b'.' | b',')) {
            p.i += 1;
            millis = p.fraction_millis()?;
        }
    }
    if hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute, second, millis) != (0, 0, 0)) {
        return None;
    }
    ms += hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millis;
    match p.next() {
        None => Some(ms),
        Some(b'Z' | b'z') if p.done() => Some(ms),
        Some(sign @ (b'+' | b'-')) => {
            let oh = p.digits(2)?;
            if p.peek() == Some(b':') {
                p.i += 1;
            }
            let om = if p.done() { 0 } else { p.digits(2)? };
            if !p.done() || oh > 23 || om > 59 {
                return None;
            }
            let offset = oh * HOUR_MS + om * MINUTE_MS;
            Some(if sign == b'+' { ms - offset } else { ms + offset })
        }
        _ => None,
    }
}

struct Cursor<'a> {
    s: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }
    fn next(&mut self) -> Option<u8> {
        let c = self.peek();
        self.i += 1;
        c
    }
    fn done(&self) -> bool {
        self.i >= self.s.len()
    }
    fn expect(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }
    fn digits(&mut self, n: usize) -> Option<i64> {
        let chunk = self.s.get(self.i..self.i + n)?;
        let mut v = 0i64;
        for &c in chunk {
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + i64::from(c - b'0');
        }
        self.i += n;
        Some(v)
    }
    /// Reads 1+ fraction digits and returns them as whole milliseconds (truncated).
    fn fraction_millis(&mut self) -> Option<i64> {
        let start = self.i;
        let mut ms = 0;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            if self.i - start < 3 {
                ms = ms * 10 + i64::from(c - b'0');
            }
            self.i += 1;
        }
        let len = self.i - start;
        if len == 0 {
            return None;
        }
        for _ in len..3 {
            ms *= 10;
        }
        Some(ms)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1–12) of `year`.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The `(year, month, day)` of a day number counted from 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The UTC calendar date of an instant.
pub fn civil_from_millis(ms: i64) -> (i64, i64, i64) {
    civil_from_days(ms.div_euclid(DAY_MS))
}

/// Formats an instant as its UTC date, `YYYY-MM-DD`.
pub fn format_date(ms: i64) -> String {
    let (y, m, d) = civil_from_millis(ms);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Formats an instant as `YYYY-MM-DDTHH:MM:SS.sssZ`, like JS `Date.prototype.toISOString`.
pub fn format_datetime(ms: i64) -> String {
    let in_day = ms.rem_euclid(DAY_MS);
    format!(
        "{}T{:02}:{:02}:{:02}.{:03}Z",
        format_date(ms),
        in_day / HOUR_MS,
        in_day % HOUR_MS / MINUTE_MS,
        in_day % MINUTE_MS / 1000,
        in_day % 1000
    )
}

/// Fractional days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: i64, to: i64) -> f64 {
    (to - from) as f64 / DAY_MS as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn parses_dates_and_datetimes() {
        assert_eq!(parse_iso8601("1970-01-01"), Some(0));
        assert_eq!(parse_iso8601("2024-02-29"), Some(1_709_164_800_000));
        assert_eq!(parse_iso8601("2024-02-29T12:30:00Z"), Some(1_709_164_800_000 + 12 * HOUR_MS + 30 * MINUTE_MS));
        assert_eq!(parse_iso8601("2024-02-29T12:30:00.5Z"), Some(1_709_164_800_000 + 12 * HOUR_MS + 30 * MINUTE_MS + 500));
        assert_eq!(parse_iso8601("2024-02-29 12:30"), parse_iso8601("2024-02-29T12:30:00.000Z"));
        assert_eq!(parse_iso8601("2024-03-01T02:00:00+02:00"), parse_iso8601("2024-03-01T00:00:00Z"));
        assert_eq!(parse_iso8601("2024-03-01T00:00:00-0130"), parse_iso8601("2024-03-01T01:30:00Z"));
    }

    #[test]
    fn reads_salesforce_datetimes() {
        let at = parse_iso8601("2026-09-14T10:22:31Z").unwrap();
        assert_eq!(parse_iso8601("2026-09-14T10:22:31.000+0000"), Some(at));
        assert_eq!(parse_iso8601("2026-09-14T02:22:31.000-0800"), Some(at));
        assert_eq!(parse_iso8601("2026-09-14T12:22:31.250+0200"), Some(at + 250));
        assert_eq!(format_datetime(at), "2026-09-14T10:22:31.000Z");
    }

    #[test]
    fn rejects_impossible_or_malformed_text() {
        for bad in ["2023-02-29", "2024-13-01", "2024-00-10", "2024-1-01", "yesterday", "", "2024-01-01T25:00",
            "2024-01-01T10:00:00Zjunk", "2024-01-01T10", "2024-01-01T10:00:00+2"] {
            assert_eq!(parse_iso8601(bad), None, "{bad}");
        }
    }

    #[test]
    fn reads_json_instants() {
        assert_eq!(timestamp_from_json(&json!(86_400_000)), Some(DAY_MS));
        assert_eq!(timestamp_from_json(&json!("1970-01-02")), Some(DAY_MS));
        assert_eq!(timestamp_from_json(&json!(null)), None);
        assert_eq!(timestamp_from_json(&json!(true)), None);
        assert_eq!(timestamp_from_json(&json!(1e300)), None);
    }

    #[test]
    fn civil_round_trips() {
        for days in [-800_000, -1, 0, 1, 59, 60, 365, 10_957, 19_782, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(format_datetime(1_709_210_000_500), "2024-02-29T12:33:20.500Z");
    }
}
