//! An opportunity's history from `OpportunityHistory` (a snapshot of stage, amount, close
//! date, probability and forecast category at each change) and `OpportunityFieldHistory`
//! (one row per tracked field change: `Field`, `OldValue`, `NewValue`): stage, close-date and
//! amount histories, and when each field last changed.

use serde_json::{json, Value};

use super::record::{expect, SfRecord};
use crate::crm::build::{self, instant, As, Record};
use crate::crm::FieldMap;
use crate::error::{Error, ErrorCode, ErrorKind, Result};

/// The snapshot fields of `OpportunityHistory`: (field, pipescore field, read as).
const SNAPSHOT: &[(&str, &str, As)] = &[
    ("StageName", "stage", As::Text),
    ("CloseDate", "closeDate", As::Date),
    ("Amount", "amount", As::Number),
    ("Probability", "probability", As::Percent),
    ("ForecastCategory", "forecastCategory", As::Text),
];

/// The histories pipescore keeps: (pipescore field, list, entry's value name, entry's date
/// name).
const LISTS: &[(&str, &str, &str, &str)] = &[
    ("stage", "stageHistory", "stage", "enteredAt"),
    ("closeDate", "closeDateHistory", "closeDate", "changedAt"),
    ("amount", "amountHistory", "amount", "changedAt"),
];

/// One change: when, the pipescore field, the value it took.
type Change = (i64, String, Option<Value>);

/// A history record's `CreatedDate`, required.
fn created(row: &SfRecord<'_>) -> Result<i64> {
    row.date("CreatedDate")?.ok_or_else(|| {
        Error::input(ErrorCode::InvalidRecord, row.path.clone(), "a history record needs its CreatedDate, the date of the change")
    })
}

/// The changes in `OpportunityHistory` snapshots: each field's value at the first snapshot
/// and whenever it differs from the previous one, oldest first.
fn snapshots(rows: &[&SfRecord<'_>]) -> Result<Vec<Change>> {
    let mut dated = Vec::with_capacity(rows.len());
    for row in rows {
        expect(row, &["OpportunityHistory"], "an OpportunityHistory record", |_| "pass OpportunityHistory records as history".into())?;
        dated.push((created(row)?, *row));
    }
    crate::sort::sort_by(&mut dated, |a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    let mut previous: Vec<Option<Value>> = vec![None; SNAPSHOT.len()];
    for (i, (at, row)) in dated.iter().enumerate() {
        for (slot, &(name, field, kind)) in previous.iter_mut().zip(SNAPSHOT) {
            let value = match (field, row.plain(name)) {
                ("forecastCategory", Some((raw, path))) => build::forecast_category(raw, ErrorKind::Input, || path.clone())?.map(|c| json!(c)),
                _ => row.read(name, kind)?,
            };
            if (i == 0 && value.is_some()) || (i > 0 && *slot != value) {
                out.push((*at, field.to_owned(), value.clone()));
            }
            *slot = value;
        }
    }
    Ok(out)
}

/// The changes in `OpportunityFieldHistory` rows, oldest first, with each field's value before
/// its first recorded change (`OldValue`) dated at `since` (the opportunity's `CreatedDate`),
/// else just before that change. `field_of` names the pipescore field of a Salesforce field.
fn field_changes(rows: &[&SfRecord<'_>], since: Option<i64>, field_of: &dyn Fn(&str) -> String) -> Result<Vec<Change>> {
    let mut dated = Vec::with_capacity(rows.len());
    for row in rows {
        expect(row, &["OpportunityFieldHistory"], "an OpportunityFieldHistory record", |_| "pass OpportunityFieldHistory records as fieldHistory".into())?;
        let Some(name) = row.text("Field")? else {
            return Err(Error::input(ErrorCode::InvalidRecord, row.path.clone(), "a field history record needs its Field"));
        };
        if name.eq_ignore_ascii_case("created") || name.starts_with("opportunityCreated") {
            continue;
        }
        dated.push((created(row)?, field_of(&name), *row));
    }
    crate::sort::sort_by(&mut dated, |a, b| a.0.cmp(&b.0));
    let mut out = Vec::new();
    for (at, field, row) in &dated {
        let kind = match field.as_str() {
            "closeDate" => As::Date,
            "amount" => As::Number,
            "probability" => As::Percent,
            _ => As::Text,
        };
        if !out.iter().any(|(_, f, _): &Change| f == field) {
            if let Some(old) = row.read("OldValue", kind)? {
                out.push((since.filter(|s| s <= at).unwrap_or(*at), field.clone(), Some(old)));
            }
        }
        out.push((*at, field.clone(), row.read("NewValue", kind)?));
    }
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    Ok(out)
}

/// Puts the histories and `fieldUpdatedAt` of an opportunity created at `since` into
/// `record`: the stage, close-date and amount histories from the snapshots when there are any,
/// else from the field history; every change counts for `fieldUpdatedAt`.
pub(crate) fn apply(record: &mut Record, snapshot_rows: &[&SfRecord<'_>], field_rows: &[&SfRecord<'_>], since: Option<i64>, fields: &FieldMap, field_of: &dyn Fn(&str) -> Option<&'static str>) -> Result<()> {
    let name_of = |name: &str| match fields.target(name) {
        Some(target) => target.to_owned(),
        None => field_of(name).map_or_else(|| format!("custom.{name}"), str::to_owned),
    };
    let from_snapshots = snapshots(snapshot_rows)?;
    let from_fields = field_changes(field_rows, since, &name_of)?;
    for (at, field, _) in from_snapshots.iter().chain(&from_fields) {
        record.updated(field, *at);
    }
    for &(field, list, value_name, date_name) in LISTS {
        let source = if from_snapshots.iter().any(|(_, f, _)| f == field) { &from_snapshots } else { &from_fields };
        let mut entries: Vec<Value> = Vec::new();
        let mut last: Option<&Value> = None;
        for (at, _, value) in source.iter().filter(|(_, f, _)| f == field) {
            let Some(value) = value else { continue };
            if last == Some(value) {
                continue;
            }
            entries.push(json!({ value_name: value, date_name: instant(*at) }));
            last = Some(value);
        }
        if !entries.is_empty() {
            record.set(list, Value::Array(entries));
        }
    }
    Ok(())
}
