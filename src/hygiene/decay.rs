//! Decay: records whose tracked fields have not been updated for longer than each field
//! allows. A field's date is its own (`fieldUpdatedAt.<field>`, which the CRM adapters fill
//! from HubSpot's `propertiesWithHistory` and Salesforce field history) or else the record's
//! (`updatedAt`); a filled field with neither is undated, reported apart, never fresh or stale.

use serde::Serialize;
use serde_json::Value;

use super::applies::AppliesTo;
use super::config::{DecayConfig, DecayObjectConfig};
use super::dataset::{DealStage, List, Stages};
use super::records::{field, field_path, in_list, ObjectKind, RecordRef, Tally};
use crate::error::{Error, ErrorCode, Result};
use crate::gates::FieldTest;
use crate::path::key;
use crate::read;
use crate::rules::EvalContext;
use crate::time::{format_datetime, DAY_MS};

/// The published rate of B2B contact data decay, per month, shown for reference.
pub const EXPECTED_MONTHLY_DECAY: f64 = 0.021;
/// The same rate compounded over a year: 1 − (1 − 0.021)^12 ≈ 0.225.
pub const EXPECTED_YEARLY_DECAY: f64 = 0.225;

/// One object's decay check, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Decay {
    kind: ObjectKind,
    /// Each tracked field with the days after which it is stale.
    fields: Vec<(FieldTest, u32)>,
    applies: AppliesTo,
    field_dates: String,
    record_date: String,
}

/// Where a field's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DateSource {
    /// The field's own date (`fieldUpdatedAt.<field>`).
    Field,
    /// The record's last update (`updatedAt`): the field may be older than that.
    Record,
}

/// How stale one object's records are.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectDecay {
    /// The records the check applies to (e.g. `open deals`), in words.
    pub applies_to: String,
    /// Records with a tracked field filled, out of the object's records: those checked.
    pub checked: Tally,
    /// Checked records with a tracked field older than it may be.
    pub stale: Tally,
    /// Checked records whose tracked fields all have a date within their limit.
    pub fresh: Tally,
    /// Checked records with a tracked field that has no date, and none stale: not fresh,
    /// not stale.
    pub undated: Tally,
    /// Each tracked field.
    pub fields: Vec<FieldDecay>,
    /// The stale records, by position, with their stale fields.
    pub stale_records: Vec<StaleRecord>,
    /// The undated records, by position.
    pub undated_records: Vec<RecordRef>,
}

/// One tracked field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldDecay {
    /// The field.
    pub field: String,
    /// Days after its last update at which it counts as stale.
    pub stale_after_days: u32,
    /// Checked records with the field filled.
    pub filled: u64,
    /// Of those with a date, how many are stale.
    pub stale: Tally,
    /// Filled but without any date.
    pub undated: u64,
    /// Dated by the field's own date.
    pub dated_by_field: u64,
    /// Dated by the record's last update only.
    pub dated_by_record: u64,
}

/// A record with stale fields.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaleRecord {
    /// The record.
    pub record: RecordRef,
    /// Its stale fields.
    pub fields: Vec<StaleField>,
}

/// A field older than it may be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaleField {
    /// The field.
    pub field: String,
    /// When it was last updated, as far as the record says.
    pub last_updated: String,
    /// Whole days since then.
    pub age_days: i64,
    /// The field's limit.
    pub stale_after_days: u32,
    /// Whether the date is the field's own or the record's.
    pub date_from: DateSource,
}

/// The published decay of B2B contact data, for reference only.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExpectedDecay {
    /// Share of contact records going stale per month.
    pub monthly_rate: f64,
    /// The same, compounded over a year.
    pub yearly_rate: f64,
    /// What the figure is and is not.
    pub note: String,
}

impl ExpectedDecay {
    /// The reference figures.
    pub fn reference() -> ExpectedDecay {
        ExpectedDecay {
            monthly_rate: EXPECTED_MONTHLY_DECAY,
            yearly_rate: EXPECTED_YEARLY_DECAY,
            note: "An industry estimate for B2B contact data (about 2.1% a month, 22.5% a year; MarketingSherpa), shown for comparison. It is not computed from these records and is not applied to any record: staleness here comes from each record's own dates.".to_owned(),
        }
    }
}

/// Compiles the decay check of `kind` from its config at `at` (`$.decay.contacts`).
pub(crate) fn compile(kind: ObjectKind, config: &DecayObjectConfig, common: &DecayConfig, stages: Option<&Stages>, at: &str) -> Result<Decay> {
    let fields_at = key(at, "fields");
    if config.fields.is_empty() {
        return Err(Error::config(ErrorCode::InvalidDecay, fields_at, format!("list the fields whose age is checked for {}", kind.key())));
    }
    let mut fields = Vec::with_capacity(config.fields.len());
    for (name, &days) in &config.fields {
        let field_at = key(&fields_at, name);
        if days == 0 {
            return Err(Error::config(ErrorCode::InvalidDecay, field_at, format!("{name}: a field is stale after a whole number of days of at least 1")));
        }
        fields.push((FieldTest::new(name, &field_at)?, days));
    }
    for (name, member) in [(&common.field_dates, "fieldDates"), (&common.record_date, "recordDate")] {
        if name.trim().is_empty() {
            return Err(Error::config(ErrorCode::EmptyField, key("$.decay", member), "a field name cannot be empty"));
        }
    }
    let applies = AppliesTo::compile(kind, config.stages.as_ref(), config.when.as_ref(), stages, at)?;
    Ok(Decay { kind, fields, applies, field_dates: common.field_dates.clone(), record_date: common.record_date.clone() })
}

/// A field's state in one record.
enum FieldState {
    Empty,
    Undated,
    Dated { at: i64, source: DateSource },
}

impl Decay {
    /// Checks a list at `ctx.now`. Input errors: `INVALID_DATE` for a field date or record
    /// date that is not a date (`$.contacts[3].fieldUpdatedAt.email`), `INVALID_RECORD` for a
    /// field-dates member that is not an object.
    pub(crate) fn check(&self, list: &List<'_>, stages: &[Option<DealStage>], ctx: &EvalContext) -> Result<ObjectDecay> {
        let noun = self.kind.key();
        let mut tallies: Vec<FieldDecay> = self
            .fields
            .iter()
            .map(|(f, days)| FieldDecay {
                field: f.field.clone(),
                stale_after_days: *days,
                filled: 0,
                stale: Tally::new(0, 0, noun, ""),
                undated: 0,
                dated_by_field: 0,
                dated_by_record: 0,
            })
            .collect();
        let mut stale_counts = vec![0u64; self.fields.len()];
        let (mut checked, mut fresh) = (0u64, 0u64);
        let mut stale_records = Vec::new();
        let mut undated_records = Vec::new();
        for (i, record) in list.records.iter().enumerate() {
            if !self.applies.applies(record, stages.get(i).copied().flatten(), ctx) {
                continue;
            }
            let states = self.states(record, ctx).map_err(|e| in_list(e, self.kind, i, true))?;
            if states.iter().all(|s| matches!(s, FieldState::Empty)) {
                continue;
            }
            checked += 1;
            let mut stale_fields = Vec::new();
            let mut any_undated = false;
            for (k, state) in states.iter().enumerate() {
                let (Some(tally), Some((test, days))) = (tallies.get_mut(k), self.fields.get(k)) else { continue };
                match *state {
                    FieldState::Empty => continue,
                    FieldState::Undated => {
                        tally.filled += 1;
                        tally.undated += 1;
                        any_undated = true;
                    }
                    FieldState::Dated { at, source } => {
                        tally.filled += 1;
                        match source {
                            DateSource::Field => tally.dated_by_field += 1,
                            DateSource::Record => tally.dated_by_record += 1,
                        }
                        let age_days = (ctx.now - at).div_euclid(DAY_MS);
                        if ctx.now - at > i64::from(*days) * DAY_MS {
                            if let Some(n) = stale_counts.get_mut(k) {
                                *n += 1;
                            }
                            stale_fields.push(StaleField {
                                field: test.field.clone(),
                                last_updated: format_datetime(at),
                                age_days,
                                stale_after_days: *days,
                                date_from: source,
                            });
                        }
                    }
                }
            }
            let reference = RecordRef { index: i, id: list.ids.get(i).cloned().flatten() };
            if !stale_fields.is_empty() {
                stale_records.push(StaleRecord { record: reference, fields: stale_fields });
            } else if any_undated {
                undated_records.push(reference);
            } else {
                fresh += 1;
            }
        }
        for (tally, stale) in tallies.iter_mut().zip(stale_counts) {
            let dated = tally.dated_by_field + tally.dated_by_record;
            let what = format!("{} last updated more than {} days ago", tally.field, tally.stale_after_days);
            tally.stale = Tally::new(stale, dated, &format!("{noun} with a dated {}", tally.field), &what);
        }
        let total = list.records.len() as u64;
        let applies_to = self.applies.description().to_owned();
        Ok(ObjectDecay {
            checked: Tally::new(checked, total, noun, &format!("{applies_to} with a tracked field filled, which are checked")),
            stale: Tally::new(stale_records.len() as u64, checked, &format!("{noun} checked"), "a tracked field older than its limit"),
            fresh: Tally::new(fresh, checked, &format!("{noun} checked"), "every tracked field dated within its limit"),
            undated: Tally::new(undated_records.len() as u64, checked, &format!("{noun} checked"), "a tracked field with no date at all, none stale"),
            applies_to,
            fields: tallies,
            stale_records,
            undated_records,
        })
    }

    /// Each tracked field's state in `record`.
    fn states(&self, record: &Value, ctx: &EvalContext) -> Result<Vec<FieldState>> {
        let dates = record.get(&self.field_dates);
        if let Some(other) = dates.filter(|d| !d.is_object() && !d.is_null()) {
            let message = format!("{} must be an object of dates by field, e.g. {{ \"email\": \"2026-01-31\" }}, found {}", self.field_dates, read::describe(other.into()));
            return Err(Error::input(ErrorCode::InvalidRecord, key("$", &self.field_dates), message));
        }
        let record_date = read::date(field(record, &self.record_date)).map_err(|e| e.at(&field_path(&self.record_date)))?;
        self.fields
            .iter()
            .map(|(test, _)| {
                if !test.is_filled_json(record, ctx) {
                    return Ok(FieldState::Empty);
                }
                let own = read::date(dates.and_then(|d| d.get(&test.field))).map_err(|e| e.at(&key(&key("$", &self.field_dates), &test.field)))?;
                Ok(match (own, record_date) {
                    (Some(at), _) => FieldState::Dated { at, source: DateSource::Field },
                    (None, Some(at)) => FieldState::Dated { at, source: DateSource::Record },
                    (None, None) => FieldState::Undated,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// 2026-01-31T00:00:00Z.
    const NOW: i64 = 1_769_817_600_000;

    fn check(records: &[Value]) -> Result<ObjectDecay> {
        let config: DecayObjectConfig = crate::config::from_json(&json!({ "fields": { "email": 365, "jobTitle": 180 } }), crate::error::ErrorKind::Config).unwrap();
        let decay = compile(ObjectKind::Contacts, &config, &DecayConfig::default(), None, "$.decay.contacts").unwrap();
        let list = List { records, ids: vec![None; records.len()] };
        decay.check(&list, &[], &EvalContext::new(NOW))
    }

    #[test]
    fn fields_are_dated_by_their_own_date_then_the_record() {
        let contacts = [
            json!({ "email": "a@x.co", "jobTitle": "CFO", "fieldUpdatedAt": { "jobTitle": "2025-01-01" }, "updatedAt": "2026-01-30" }),
            json!({ "email": "b@x.co", "updatedAt": "2024-06-01" }),
            json!({ "email": "c@x.co", "jobTitle": "VP", "fieldUpdatedAt": { "email": "2026-01-01" } }),
            json!({ "email": "d@x.co", "updatedAt": "2026-01-01T12:00:00Z" }),
            json!({ "phone": "1" }),
        ];
        let d = check(&contacts).unwrap();
        assert_eq!(d.checked.explanation, "4 of 5 contacts: all contacts with a tracked field filled, which are checked");
        assert_eq!((d.stale.count, d.fresh.count, d.undated.count), (2, 1, 1));
        let first = &d.stale_records[0];
        assert_eq!(first.fields.len(), 1);
        let title = &first.fields[0];
        assert_eq!((title.field.as_str(), title.age_days, title.date_from), ("jobTitle", 395, DateSource::Field));
        assert_eq!(title.last_updated, "2025-01-01T00:00:00.000Z");
        assert_eq!(d.stale_records[1].fields[0].date_from, DateSource::Record);
        assert_eq!(d.undated_records.iter().map(|r| r.index).collect::<Vec<_>>(), [2], "jobTitle has no date: neither fresh nor stale");
        let email = &d.fields[0];
        assert_eq!((email.field.as_str(), email.filled, email.dated_by_field, email.dated_by_record, email.undated), ("email", 4, 1, 3, 0));
        assert_eq!(email.stale.explanation, "1 of 4 contacts with a dated email: email last updated more than 365 days ago");
    }

    #[test]
    fn unreadable_dates_are_errors() {
        let e = check(&[json!({ "email": "a@x.co", "fieldUpdatedAt": { "email": "last week" } })]).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidDate, "$.contacts[0].fieldUpdatedAt.email"));
        let e = check(&[json!({ "email": "a@x.co", "updatedAt": 1_700_000_000 })]).unwrap_err();
        assert!(e.message.contains("epoch seconds"), "{}", e.message);
        let e = check(&[json!({ "email": "a@x.co", "fieldUpdatedAt": "2026-01-01" })]).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$.contacts[0].fieldUpdatedAt"));
    }
}
