//! POSIX TZ rule strings (`EST5EDT,M3.2.0,M11.1.0`) and the arithmetic on them: the offset
//! from UTC at an instant, the local time of an instant and the instant of a local time.
//!
//! The grammar is POSIX's with RFC 8536's extensions (the footer of a TZif v3+ file): names in
//! angle brackets (`<+0545>`), transition times from −167 to 167 hours (`M3.4.4/50`,
//! `M3.5.0/-1`), offsets with minutes and seconds (`-5:45`). A DST offset may be below the
//! standard one (Europe/Dublin's `IST-1GMT0,M10.5.0,M3.5.0/1`).

use crate::time::{civil_from_days, days_from_civil, days_in_month, is_leap_year, DAY_MS};

/// A zone's rule: its standard offset and, when it observes daylight saving time, when that
/// starts and ends each year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneRule {
    /// Standard time's offset east of UTC, in seconds (New York: −18,000).
    pub std_offset: i32,
    /// Daylight saving time, if the zone observes it.
    pub dst: Option<Dst>,
}

/// Daylight saving time of a [`ZoneRule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dst {
    /// Offset east of UTC during DST, in seconds (New York: −14,400).
    pub offset: i32,
    /// When DST starts, in local standard time.
    pub start: Transition,
    /// When DST ends, in local daylight time.
    pub end: Transition,
}

/// A yearly transition: a day and a local time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The day of the year.
    pub day: DayRule,
    /// Seconds after that day's local midnight (−167 h to 167 h).
    pub time: i32,
}

/// How a transition's day is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRule {
    /// `Jn`: day 1–365, February 29 never counted.
    Julian(u16),
    /// `n`: day 0–365 counted from January 1, February 29 included.
    Ordinal(u16),
    /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (1–4, 5 = the last) of month `m`.
    Month { month: u8, week: u8, weekday: u8 },
}

/// Longest transition time RFC 8536 allows, in seconds.
const MAX_TIME: i32 = 167 * 3600;

impl ZoneRule {
    /// Reads a POSIX TZ string; `None` when it is malformed.
    pub fn parse(text: &str) -> Option<ZoneRule> {
        let mut p = Parser { s: text.as_bytes(), i: 0 };
        p.name()?;
        let std_offset = -p.clock(24)?;
        if p.done() {
            return Some(ZoneRule { std_offset, dst: None });
        }
        p.name()?;
        let offset = match p.peek() {
            Some(b',') | None => std_offset + 3600,
            _ => -p.clock(24)?,
        };
        // Without rules, POSIX leaves the dates to the implementation; the US rules are usual.
        let (start, end) = if p.done() {
            (month_rule(3, 2, 0, 7200), month_rule(11, 1, 0, 7200))
        } else {
            p.expect(b',')?;
            let start = p.transition()?;
            p.expect(b',')?;
            (start, p.transition()?)
        };
        p.done().then_some(ZoneRule { std_offset, dst: Some(Dst { offset, start, end }) })
    }

    /// The offset east of UTC at the instant `utc_ms`, in seconds.
    pub fn offset_at(&self, utc_ms: i64) -> i32 {
        let Some(dst) = self.dst else { return self.std_offset };
        let year = civil_from_days((utc_ms + i64::from(self.std_offset) * 1000).div_euclid(DAY_MS)).0;
        // The latest transition at or before the instant, among the neighbouring years'; a
        // start and an end at the same instant (DST all year) leave DST on.
        let mut latest: Option<(i64, bool)> = None;
        for y in year - 1..=year + 1 {
            for (at, is_start) in [(self.utc_of(dst.end, y, dst.offset), false), (self.utc_of(dst.start, y, self.std_offset), true)] {
                let later = latest.map_or(true, |(best, best_start)| at > best || (at == best && is_start && !best_start));
                if at <= utc_ms && later {
                    latest = Some((at, is_start));
                }
            }
        }
        match latest {
            Some((_, true)) => dst.offset,
            _ => self.std_offset,
        }
    }

    /// The local wall-clock time of an instant, as milliseconds counted like UTC's.
    pub fn local_ms(&self, utc_ms: i64) -> i64 {
        utc_ms + i64::from(self.offset_at(utc_ms)) * 1000
    }

    /// The instant of a local wall-clock time (milliseconds counted like UTC's). A time that
    /// happens twice (the hour DST ends) is its first occurrence; a time that never happens
    /// (the hour DST starts) is read with the offset before the change, so 02:30 on the
    /// night New York springs forward is 03:30 EDT. This is what JavaScript's `Temporal`
    /// ("compatible") and Python's `zoneinfo` (`fold=0`) do.
    pub fn utc_ms(&self, local_ms: i64) -> i64 {
        let Some(dst) = self.dst else { return local_ms - i64::from(self.std_offset) * 1000 };
        let candidates = [local_ms - i64::from(self.std_offset) * 1000, local_ms - i64::from(dst.offset) * 1000];
        let valid = |u: i64| self.local_ms(u) == local_ms;
        match (valid(candidates[0]), valid(candidates[1])) {
            (true, true) => candidates[0].min(candidates[1]),
            (true, false) => candidates[0],
            (false, true) => candidates[1],
            (false, false) => {
                let before = candidates[0].min(candidates[1]);
                local_ms - i64::from(self.offset_at(before)) * 1000
            }
        }
    }

    /// The instant of `transition` in `year`, whose local time has offset `offset`.
    fn utc_of(&self, transition: Transition, year: i64, offset: i32) -> i64 {
        let local = transition.day.day_number(year) * DAY_MS + i64::from(transition.time) * 1000;
        local - i64::from(offset) * 1000
    }
}

impl DayRule {
    /// The day (counted from 1970-01-01) this rule names in `year`.
    pub fn day_number(self, year: i64) -> i64 {
        let jan1 = days_from_civil(year, 1, 1);
        match self {
            DayRule::Julian(n) => {
                let n = i64::from(n);
                jan1 + n - 1 + i64::from(is_leap_year(year) && n >= 60)
            }
            DayRule::Ordinal(n) => jan1 + i64::from(n),
            DayRule::Month { month, week, weekday } => {
                let (month, week, weekday) = (i64::from(month), i64::from(week), i64::from(weekday));
                let first = days_from_civil(year, month, 1);
                // 1970-01-01 was a Thursday (weekday 4).
                let first_weekday = (first + 4).rem_euclid(7);
                let mut day = 1 + (weekday - first_weekday).rem_euclid(7) + (week - 1) * 7;
                while day > days_in_month(year, month) {
                    day -= 7;
                }
                first + day - 1
            }
        }
    }
}

fn month_rule(month: u8, week: u8, weekday: u8, time: i32) -> Transition {
    Transition { day: DayRule::Month { month, week, weekday }, time }
}

/// A cursor over a TZ string.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn done(&self) -> bool {
        self.i >= self.s.len()
    }

    fn expect(&mut self, c: u8) -> Option<()> {
        (self.peek()? == c).then(|| self.i += 1)
    }

    /// A zone abbreviation: three or more letters, or anything but `>` in angle brackets.
    fn name(&mut self) -> Option<()> {
        let start = self.i;
        if self.peek() == Some(b'<') {
            while self.peek()? != b'>' {
                self.i += 1;
            }
            self.i += 1;
            return (self.i - start >= 5).then_some(());
        }
        while self.peek().is_some_and(|c| c.is_ascii_alphabetic()) {
            self.i += 1;
        }
        (self.i - start >= 3).then_some(())
    }

    /// Digits as a number, at most `max`.
    fn number(&mut self, max: u32) -> Option<u32> {
        let start = self.i;
        let mut n: u32 = 0;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            n = n.checked_mul(10)?.checked_add(u32::from(c - b'0'))?;
            self.i += 1;
        }
        (self.i > start && n <= max).then_some(n)
    }

    /// `[+-]hh[:mm[:ss]]` in seconds, hours at most `max_hours`.
    fn clock(&mut self, max_hours: u32) -> Option<i32> {
        let sign = match self.peek() {
            Some(b'-') => {
                self.i += 1;
                -1
            }
            Some(b'+') => {
                self.i += 1;
                1
            }
            _ => 1,
        };
        let mut seconds = self.number(max_hours)? * 3600;
        for unit in [60, 1] {
            if self.peek() != Some(b':') {
                break;
            }
            self.i += 1;
            seconds += self.number(59)? * unit;
        }
        i32::try_from(seconds).ok().map(|s| sign * s)
    }

    /// A transition: a day rule and an optional `/time` (02:00 by default).
    fn transition(&mut self) -> Option<Transition> {
        let day = match self.peek()? {
            b'M' => {
                self.i += 1;
                let month = self.number(12)?;
                self.expect(b'.')?;
                let week = self.number(5)?;
                self.expect(b'.')?;
                let weekday = self.number(6)?;
                if month == 0 || week == 0 {
                    return None;
                }
                DayRule::Month { month: month as u8, week: week as u8, weekday: weekday as u8 }
            }
            b'J' => {
                self.i += 1;
                let n = self.number(365)?;
                if n == 0 {
                    return None;
                }
                DayRule::Julian(n as u16)
            }
            _ => DayRule::Ordinal(self.number(365)? as u16),
        };
        let time = if self.peek() == Some(b'/') {
            self.i += 1;
            self.clock(167)?
        } else {
            7200
        };
        (time.abs() <= MAX_TIME).then_some(Transition { day, time })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_iso8601;

    fn at(text: &str) -> i64 {
        parse_iso8601(text).unwrap()
    }

    #[test]
    fn parses_footers() {
        let ny = ZoneRule::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(ny.std_offset, -5 * 3600);
        let dst = ny.dst.unwrap();
        assert_eq!(dst.offset, -4 * 3600);
        assert_eq!(dst.start, month_rule(3, 2, 0, 7200));
        let lord_howe = ZoneRule::parse("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0").unwrap();
        assert_eq!((lord_howe.std_offset, lord_howe.dst.unwrap().offset), (37_800, 39_600));
        assert_eq!(ZoneRule::parse("<+0545>-5:45").unwrap(), ZoneRule { std_offset: 20_700, dst: None });
        let jerusalem = ZoneRule::parse("IST-2IDT,M3.4.4/26,M10.5.0").unwrap().dst.unwrap();
        assert_eq!(jerusalem.start.time, 26 * 3600);
        assert_eq!(ZoneRule::parse("<-02>2<-01>,M3.5.0/-1,M10.5.0/0").unwrap().dst.unwrap().start.time, -3600);
        assert_eq!(ZoneRule::parse("EST5EDT").unwrap().dst.unwrap().end, month_rule(11, 1, 0, 7200));
        assert_eq!(ZoneRule::parse("XYZ-3ABC,J60/1,300").unwrap().dst.unwrap().end.day, DayRule::Ordinal(300));
        for bad in
            ["", "E5", "EST", "EST5EDT,M3.2.0", "EST5EDT,M13.2.0,M11.1.0", "EST5EDT,M3.2.0,M11.1.0/168", "<+05", "EST5x", "EST5EDT,J0,J10", "EST99"]
        {
            assert_eq!(ZoneRule::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_rules_name_the_right_days() {
        let date = |rule: DayRule, year| civil_from_days(rule.day_number(year));
        assert_eq!(date(DayRule::Month { month: 3, week: 2, weekday: 0 }, 2026), (2026, 3, 8));
        assert_eq!(date(DayRule::Month { month: 3, week: 5, weekday: 0 }, 2026), (2026, 3, 29));
        assert_eq!(date(DayRule::Month { month: 10, week: 5, weekday: 0 }, 2026), (2026, 10, 25));
        assert_eq!(date(DayRule::Month { month: 4, week: 1, weekday: 0 }, 2026), (2026, 4, 5));
        assert_eq!(date(DayRule::Julian(60), 2024), (2024, 3, 1), "Jn skips February 29");
        assert_eq!(date(DayRule::Ordinal(59), 2024), (2024, 2, 29));
        assert_eq!(date(DayRule::Julian(365), 2026), (2026, 12, 31));
    }

    #[test]
    fn offsets_around_new_york_transitions() {
        let ny = ZoneRule::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        assert_eq!(ny.offset_at(at("2026-03-08T06:59:59Z")), -5 * 3600);
        assert_eq!(ny.offset_at(at("2026-03-08T07:00:00Z")), -4 * 3600);
        assert_eq!(ny.offset_at(at("2026-11-01T05:59:59Z")), -4 * 3600);
        assert_eq!(ny.offset_at(at("2026-11-01T06:00:00Z")), -5 * 3600);
        // 02:30 does not exist on 2026-03-08: read as 03:30 EDT.
        assert_eq!(ny.utc_ms(at("2026-03-08T02:30:00Z")), at("2026-03-08T07:30:00Z"));
        // 01:30 happens twice on 2026-11-01: the first, EDT.
        assert_eq!(ny.utc_ms(at("2026-11-01T01:30:00Z")), at("2026-11-01T05:30:00Z"));
        assert_eq!(ny.utc_ms(at("2026-07-01T12:00:00Z")), at("2026-07-01T16:00:00Z"));
    }

    #[test]
    fn southern_and_negative_dst() {
        let sydney = ZoneRule::parse("AEST-10AEDT,M10.1.0,M4.1.0/3").unwrap();
        assert_eq!(sydney.offset_at(at("2026-01-15T00:00:00Z")), 11 * 3600);
        assert_eq!(sydney.offset_at(at("2026-07-15T00:00:00Z")), 10 * 3600);
        let dublin = ZoneRule::parse("IST-1GMT0,M10.5.0,M3.5.0/1").unwrap();
        assert_eq!(dublin.offset_at(at("2026-01-15T00:00:00Z")), 0);
        assert_eq!(dublin.offset_at(at("2026-07-15T00:00:00Z")), 3600);
        let all_year = ZoneRule::parse("EST5EDT,0/0,J365/25").unwrap();
        for day in ["2026-01-01T05:00:00Z", "2026-06-01T00:00:00Z", "2026-12-31T23:59:59Z", "2027-01-01T04:30:00Z"] {
            assert_eq!(all_year.offset_at(at(day)), -4 * 3600, "{day}");
        }
    }
}
