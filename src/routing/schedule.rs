//! When a rep is available: working hours in their time zone (windows may cross midnight),
//! out-of-office ranges and holidays, all relative to `now`.

use super::config::{AwayConfig, HoursConfig};
use super::quoted;
use super::tz::{date_of_day, day_of_date, local_time, ZoneRule};
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::time::{parse_iso8601, DAY_MS};

/// Weekday names as written in `days`, Monday first.
pub const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// How far ahead the next available time is looked for, in days.
pub const HORIZON_DAYS: i64 = 62;

/// A rep's compiled schedule.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Schedule {
    /// The rep's zone rule.
    pub zone: ZoneRule,
    /// The zone's name, for messages.
    pub zone_name: String,
    /// For each weekday (Monday first), the working minutes `[from, to)` after local
    /// midnight, sorted; a window crossing midnight is split between its two days. `None`:
    /// no working hours are set, every hour counts.
    pub hours: Option<[Vec<(u16, u16)>; 7]>,
    /// Out-of-office ranges `[from, to)` as instants, sorted by start, with their reasons.
    pub away: Vec<(i64, i64, Option<String>)>,
    /// Holidays as local day numbers, sorted, without duplicates.
    pub holidays: Vec<i64>,
}

/// Whether a rep is available at an instant, and when that changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Availability {
    /// Available now.
    pub now: bool,
    /// Available now: when that ends (`None`: not within the horizon). Not available: when
    /// the rep is next available (`None`: not within the horizon).
    pub change: Option<i64>,
    /// Not available: why (`outside working hours`, `out of office (vacation)`, `on holiday`).
    pub reason: Option<String>,
}

impl Schedule {
    /// Compiles a schedule at `path` (a rep's, whose members sit at `path`).
    pub(crate) fn compile(
        zone: ZoneRule,
        zone_name: &str,
        hours: Option<&[HoursConfig]>,
        hours_path: &str,
        away: &[AwayConfig],
        holidays: &[(String, String)],
        path: &str,
    ) -> Result<Schedule> {
        let hours = match hours {
            Some(list) => Some(compile_hours(list, hours_path)?),
            None => None,
        };
        let away_path = key(path, "outOfOffice");
        let mut ranges = Vec::with_capacity(away.len());
        for (i, range) in away.iter().enumerate() {
            let at = index(&away_path, i);
            let from = bound(&zone, &range.from, false, &key(&at, "from"))?;
            let to = bound(&zone, &range.to, true, &key(&at, "to"))?;
            if to <= from {
                return Err(Error::config(ErrorCode::InvalidSchedule, key(&at, "to"), "an out-of-office range must end after it starts"));
            }
            ranges.push((from, to, range.reason.clone()));
        }
        crate::sort::sort_by(&mut ranges, |a, b| a.0.cmp(&b.0));
        let mut days = Vec::with_capacity(holidays.len());
        for (text, at) in holidays {
            match day_of_date(text) {
                Some(day) => days.push(day),
                None => {
                    return Err(Error::config(
                        ErrorCode::InvalidSchedule,
                        at.as_str(),
                        format!("a holiday is a date written YYYY-MM-DD (a whole day in the rep's time zone), found {}", quoted(text)),
                    ))
                }
            }
        }
        days.sort_unstable();
        days.dedup();
        Ok(Schedule { zone, zone_name: zone_name.to_owned(), hours, away: ranges, holidays: days })
    }

    /// Whether the rep is available at `now`, and until when (or from when).
    pub(crate) fn availability(&self, now: i64) -> Availability {
        let today = local_time(&self.zone, now).day;
        let free = self.free_intervals(today - 1, today + HORIZON_DAYS);
        if let Some(&(_, end)) = free.iter().find(|(s, e)| *s <= now && now < *e) {
            let horizon = self.zone.utc_ms((today + HORIZON_DAYS) * DAY_MS);
            return Availability { now: true, change: (end < horizon).then_some(end), reason: None };
        }
        let next = free.iter().find(|(s, _)| *s > now).map(|(s, _)| *s);
        Availability { now: false, change: next, reason: Some(self.unavailable_reason(now, today)) }
    }

    /// Why the rep is not available at `now` (local day `today`).
    fn unavailable_reason(&self, now: i64, today: i64) -> String {
        if let Some((_, _, reason)) = self.away.iter().find(|(s, e, _)| *s <= now && now < *e) {
            return match reason {
                Some(reason) => format!("out of office ({reason})"),
                None => "out of office".to_owned(),
            };
        }
        if self.holidays.binary_search(&today).is_ok() {
            return format!("on holiday ({})", date_of_day(today));
        }
        "outside working hours".to_owned()
    }

    /// The instants the rep is available between local days `from` and `to` (exclusive):
    /// working windows of the days that are not holidays, without out-of-office ranges,
    /// joined where they touch, sorted.
    fn free_intervals(&self, from: i64, to: i64) -> Vec<(i64, i64)> {
        let whole_day = [(0u16, 1440u16)];
        let mut out: Vec<(i64, i64)> = Vec::new();
        for day in from..to {
            if self.holidays.binary_search(&day).is_ok() {
                continue;
            }
            let weekday = (day + 3).rem_euclid(7) as usize;
            let windows: &[(u16, u16)] = match &self.hours {
                Some(days) => days.get(weekday).map_or(&[], Vec::as_slice),
                None => &whole_day,
            };
            for &(start, end) in windows {
                let at = |minute: u16| self.zone.utc_ms(day * DAY_MS + i64::from(minute) * 60_000);
                let (s, e) = (at(start), at(end));
                if e <= s {
                    continue;
                }
                match out.last_mut() {
                    Some(last) if last.1 >= s => last.1 = last.1.max(e),
                    _ => out.push((s, e)),
                }
            }
        }
        for &(away_start, away_end, _) in &self.away {
            out = out
                .into_iter()
                .flat_map(|(s, e)| {
                    let before = (s, e.min(away_start));
                    let after = (s.max(away_end), e);
                    [before, after].into_iter().filter(|(a, b)| a < b)
                })
                .collect();
        }
        out
    }

    /// An instant as the rep's local time, for messages: `2026-03-09 09:00 America/New_York`.
    pub(crate) fn local_text(&self, instant: i64) -> String {
        let local = local_time(&self.zone, instant);
        format!("{} {:02}:{:02} {}", date_of_day(local.day), local.minute / 60, local.minute % 60, self.zone_name)
    }
}

/// Working-hours windows by weekday.
fn compile_hours(list: &[HoursConfig], path: &str) -> Result<[Vec<(u16, u16)>; 7]> {
    let mut days: [Vec<(u16, u16)>; 7] = Default::default();
    for (i, window) in list.iter().enumerate() {
        let at = index(path, i);
        let from = minute_of_day(&window.from, false, &key(&at, "from"))?;
        let to = minute_of_day(&window.to, true, &key(&at, "to"))?;
        if from == to {
            return Err(Error::config(
                ErrorCode::InvalidSchedule,
                key(&at, "to"),
                "working hours end when they start; for the whole day write from \"00:00\" to \"24:00\"",
            ));
        }
        if window.days.is_empty() {
            return Err(Error::config(ErrorCode::InvalidSchedule, key(&at, "days"), "list at least one weekday (mon, tue, wed, thu, fri, sat, sun)"));
        }
        for (j, name) in window.days.iter().enumerate() {
            let Some(day) = WEEKDAYS.iter().position(|d| d.eq_ignore_ascii_case(name.trim())) else {
                return Err(Error::config(
                    ErrorCode::InvalidSchedule,
                    index(&key(&at, "days"), j),
                    format!("{} is not a weekday; write mon, tue, wed, thu, fri, sat or sun", quoted(name)),
                ));
            };
            if from < to {
                days[day].push((from, to));
            } else {
                // Crosses midnight: the evening on this day, the morning on the next.
                days[day].push((from, 1440));
                if to > 0 {
                    days[(day + 1) % 7].push((0, to));
                }
            }
        }
    }
    for windows in &mut days {
        windows.sort_unstable();
    }
    Ok(days)
}

/// `HH:MM` as minutes after midnight; `24:00` only as an end.
fn minute_of_day(text: &str, is_end: bool, path: &str) -> Result<u16> {
    let bytes = text.trim().as_bytes();
    let digit = |i: usize| bytes.get(i).filter(|b| b.is_ascii_digit()).map(|b| u16::from(b - b'0'));
    let parsed = match (bytes.len(), bytes.get(2)) {
        (5, Some(b':')) => (|| Some((digit(0)? * 10 + digit(1)?, digit(3)? * 10 + digit(4)?)))(),
        _ => None,
    };
    match parsed {
        Some((h, m)) if h < 24 && m < 60 => Ok(h * 60 + m),
        Some((24, 0)) if is_end => Ok(1440),
        _ => Err(Error::config(
            ErrorCode::InvalidSchedule,
            path,
            format!("a time of day is written HH:MM from 00:00 to 23:59 (24:00 as an end), found {}", quoted(text)),
        )),
    }
}

/// An out-of-office bound: a date (a whole local day; an end date includes its day), a
/// date-time with `Z` or an offset (that instant), or a date-time without one (local time).
fn bound(zone: &ZoneRule, text: &str, is_end: bool, path: &str) -> Result<i64> {
    let trimmed = text.trim();
    if let Some(day) = day_of_date(trimmed) {
        return Ok(zone.utc_ms((day + i64::from(is_end)) * DAY_MS));
    }
    let Some(instant) = parse_iso8601(trimmed) else {
        return Err(Error::config(
            ErrorCode::InvalidSchedule,
            path,
            format!(
                "write a date (\"2026-08-03\", a whole day in the rep's time zone) or a date-time (\"2026-08-03T13:00\" in the rep's time zone, or with Z or an offset), found {}",
                quoted(text)
            ),
        ));
    };
    let time_part = trimmed.get(10..).unwrap_or("");
    let has_offset = time_part.ends_with(['Z', 'z']) || time_part.contains(['+', '-']);
    Ok(if has_offset { instant } else { zone.utc_ms(instant) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(days: &[&str], from: &str, to: &str) -> HoursConfig {
        HoursConfig { days: days.iter().map(|d| (*d).to_owned()).collect(), from: from.to_owned(), to: to.to_owned() }
    }

    #[test]
    fn times_of_day() {
        assert_eq!(minute_of_day("09:30", false, "$"), Ok(570));
        assert_eq!(minute_of_day("24:00", true, "$"), Ok(1440));
        for bad in ["24:00", "9:30", "09:60", "0930", "ab:cd", ""] {
            assert_eq!(minute_of_day(bad, false, "$.x").unwrap_err().code, ErrorCode::InvalidSchedule, "{bad}");
        }
    }

    #[test]
    fn windows_across_midnight_split_between_days() {
        let days = compile_hours(&[hours(&["sun"], "22:00", "06:00"), hours(&["mon"], "09:00", "12:00")], "$").unwrap();
        assert_eq!(days[6], [(1320, 1440)]);
        assert_eq!(days[0], [(0, 360), (540, 720)]);
        let e = compile_hours(&[hours(&["mon", "funday"], "09:00", "17:00")], "$.workingHours").unwrap_err();
        assert_eq!(e.path, "$.workingHours[0].days[1]");
        assert_eq!(compile_hours(&[hours(&["mon"], "09:00", "09:00")], "$").unwrap_err().code, ErrorCode::InvalidSchedule);
    }

    #[test]
    fn out_of_office_bounds() {
        let ny = ZoneRule::parse("EST5EDT,M3.2.0,M11.1.0").unwrap();
        let t = |s| parse_iso8601(s).unwrap();
        assert_eq!(bound(&ny, "2026-03-10", false, "$"), Ok(t("2026-03-10T04:00:00Z")));
        assert_eq!(bound(&ny, "2026-03-10", true, "$"), Ok(t("2026-03-11T04:00:00Z")));
        assert_eq!(bound(&ny, "2026-03-10T13:00", false, "$"), Ok(t("2026-03-10T17:00:00Z")));
        assert_eq!(bound(&ny, "2026-03-10T13:00Z", false, "$"), Ok(t("2026-03-10T13:00:00Z")));
        assert_eq!(bound(&ny, "2026-03-10T13:00-05:00", false, "$"), Ok(t("2026-03-10T18:00:00Z")));
        assert_eq!(bound(&ny, "next week", false, "$.a").unwrap_err().path, "$.a");
    }
}
