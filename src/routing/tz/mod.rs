//! Time zones without the host: IANA names mapped to their current rules, and local time.
//!
//! `zones.txt` maps every IANA time zone name (canonical zones and their aliases, such as
//! `US/Eastern`) to the POSIX TZ string of its TZif file's footer, which describes the rules
//! in force now (see [`posix`]). It is generated from the system's zoneinfo by
//! `scripts/gen-timezones.py`; run it again after a tzdata release to pick up new rules.
//!
//! The rules are the current ones, not the history: local times of instants before a zone's
//! last change of rules come out with today's offset. Routing asks what time it is for a rep
//! *now*, which is what they answer. Results are the same natively and in wasm.

pub mod posix;

use crate::error::{Error, ErrorCode, Result};
use crate::matching::similarity::jaro_winkler;
use crate::time::{civil_from_days, days_from_civil, DAY_MS, MINUTE_MS};
pub use posix::ZoneRule;

/// The table: a rule, a tab, the names that follow it; `#` starts a comment line.
const ZONES: &str = include_str!("zones.txt");

/// A named time zone and its current rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeZone {
    /// The IANA name, as the table spells it (`America/New_York`).
    pub name: String,
    /// Its current rule.
    pub rule: ZoneRule,
}

/// A local date and time of day in some zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalTime {
    /// The local date's day number, counted from 1970-01-01.
    pub day: i64,
    /// Minutes since local midnight (0–1439).
    pub minute: u32,
    /// The weekday, 0 = Monday … 6 = Sunday.
    pub weekday: u8,
    /// The offset east of UTC in force, in seconds.
    pub offset: i32,
}

impl TimeZone {
    /// The zone named `name` (an IANA name in any case, e.g. `America/New_York`, `utc`,
    /// `Asia/Calcutta`). An unknown name is an `UNKNOWN_TIME_ZONE` config error at `$`
    /// naming the nearest known one.
    pub fn named(name: &str) -> Result<TimeZone> {
        for (rule, names) in lines() {
            if let Some(found) = names.split(' ').find(|n| n.eq_ignore_ascii_case(name.trim())) {
                return match ZoneRule::parse(rule) {
                    Some(rule) => Ok(TimeZone { name: found.to_owned(), rule }),
                    None => Err(Error::internal(format!("the embedded rule of {found} ({rule}) can't be read"))),
                };
            }
        }
        let mut message = format!("{} is not an IANA time zone name", super::quoted(name));
        if let Some(nearest) = nearest(name) {
            message.push_str(&format!("; did you mean \"{nearest}\"?"));
        }
        message.push_str(" Time zones are written like \"America/New_York\", \"Europe/Berlin\" or \"UTC\".");
        Err(Error::config(ErrorCode::UnknownTimeZone, "$", message))
    }

    /// The local date and time of the instant `utc_ms`.
    pub fn local(&self, utc_ms: i64) -> LocalTime {
        local_time(&self.rule, utc_ms)
    }

    /// The instant of `minute` minutes after local midnight of day `day` (counted from
    /// 1970-01-01); see [`ZoneRule::utc_ms`] for times that happen twice or never.
    pub fn instant(&self, day: i64, minute: u32) -> i64 {
        self.rule.utc_ms(day * DAY_MS + i64::from(minute) * MINUTE_MS)
    }
}

/// The local date and time of `utc_ms` under `rule`.
pub fn local_time(rule: &ZoneRule, utc_ms: i64) -> LocalTime {
    let offset = rule.offset_at(utc_ms);
    let local = utc_ms + i64::from(offset) * 1000;
    let day = local.div_euclid(DAY_MS);
    LocalTime {
        day,
        minute: (local.rem_euclid(DAY_MS) / MINUTE_MS) as u32,
        // 1970-01-01 was a Thursday (3 counting from Monday = 0).
        weekday: (day + 3).rem_euclid(7) as u8,
        offset,
    }
}

/// The day number of a date written `YYYY-MM-DD`, if it is one.
pub fn day_of_date(text: &str) -> Option<i64> {
    let ms = crate::time::parse_iso8601(text.trim())?;
    (text.trim().len() == 10).then(|| ms.div_euclid(DAY_MS))
}

/// A day number as `YYYY-MM-DD`.
pub fn date_of_day(day: i64) -> String {
    let (y, m, d) = civil_from_days(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A day number's month as `YYYY-MM`.
pub fn month_of_day(day: i64) -> String {
    let (y, m, _) = civil_from_days(day);
    format!("{y:04}-{m:02}")
}

/// The day number of the first day of the month after day `day`'s.
pub fn next_month_start(day: i64) -> i64 {
    let (y, m, _) = civil_from_days(day);
    if m == 12 {
        days_from_civil(y + 1, 1, 1)
    } else {
        days_from_civil(y, m + 1, 1)
    }
}

/// Every name the table knows, in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    lines().flat_map(|(_, names)| names.split(' '))
}

/// The table's `(rule, names)` lines.
fn lines() -> impl Iterator<Item = (&'static str, &'static str)> {
    ZONES.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
}

/// The known name nearest to `name`: compared whole and by its last part (`New York` is
/// near `America/New_York`), case and spaces ignored.
pub fn nearest(name: &str) -> Option<&'static str> {
    let wanted: String = name.trim().to_ascii_lowercase().replace(' ', "_");
    let mut best: Option<(f64, &'static str)> = None;
    for known in names() {
        let lower = known.to_ascii_lowercase();
        let last = lower.rsplit('/').next().unwrap_or(&lower);
        let score = jaro_winkler(&wanted, &lower).max(jaro_winkler(&wanted, last));
        if best.map_or(true, |(b, _)| score > b) {
            best = Some((score, known));
        }
    }
    best.filter(|(score, _)| *score >= 0.7).map(|(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_iso8601;

    #[test]
    fn every_embedded_rule_parses() {
        let mut count = 0;
        for (rule, names) in lines() {
            assert!(ZoneRule::parse(rule).is_some(), "{rule} ({names})");
            count += names.split(' ').count();
        }
        assert!(count > 500, "{count} names");
    }

    #[test]
    fn names_in_any_case_and_aliases() {
        assert_eq!(TimeZone::named("America/New_York").unwrap().rule, ZoneRule::parse("EST5EDT,M3.2.0,M11.1.0").unwrap());
        assert_eq!(TimeZone::named("america/new_york").unwrap().name, "America/New_York");
        assert_eq!(TimeZone::named("US/Eastern").unwrap().rule, TimeZone::named("America/New_York").unwrap().rule);
        assert_eq!(TimeZone::named("UTC").unwrap().rule.std_offset, 0);
        assert_eq!(TimeZone::named("Asia/Calcutta").unwrap().rule.std_offset, 19_800);
    }

    #[test]
    fn unknown_names_suggest_the_nearest() {
        let e = TimeZone::named("America/New_Yrok").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownTimeZone, "$"));
        assert!(e.message.contains("did you mean \"America/New_York\"?"), "{}", e.message);
        assert!(TimeZone::named("Berlin").unwrap_err().message.contains("\"Europe/Berlin\""));
        assert!(TimeZone::named("EST5EDT,M3.2.0,M11.1.0").is_err(), "a rule is not a name");
    }

    #[test]
    fn local_time_of_an_instant() {
        let berlin = TimeZone::named("Europe/Berlin").unwrap();
        let t = parse_iso8601("2026-03-29T00:59:59Z").unwrap();
        let local = berlin.local(t);
        assert_eq!((date_of_day(local.day), local.minute, local.weekday, local.offset), ("2026-03-29".to_owned(), 119, 6, 3600));
        assert_eq!(berlin.local(t + 1000).minute, 3 * 60);
        assert_eq!(berlin.instant(day_of_date("2026-03-29").unwrap(), 2 * 60 + 30), parse_iso8601("2026-03-29T01:30:00Z").unwrap());
        assert_eq!(day_of_date("2026-02-30"), None);
        assert_eq!(day_of_date("2026-02-03T00:00"), None);
        assert_eq!(month_of_day(day_of_date("2026-12-31").unwrap()), "2026-12");
        assert_eq!(date_of_day(next_month_start(day_of_date("2026-12-31").unwrap())), "2027-01-01");
    }
}
