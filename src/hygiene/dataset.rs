//! Reading a hygiene dataset (`{ deals, leads, contacts, accounts }`): its lists, the ids of
//! their records, and each deal's pipeline and stage.

use serde_json::Value;

use super::records::{in_list, record_id, require_object, ByObject, ObjectKind};
use crate::error::{Error, ErrorCode, Result};
use crate::gates::{unknown_stage_message, Pipeline, PipelineDefinition, Stage};
use crate::matching::similarity::levenshtein;
use crate::path::key;
use crate::read::{self, CrmShape, StageNames};

/// One list of a dataset, with its records' ids.
pub(crate) struct List<'a> {
    pub records: &'a [Value],
    pub ids: Vec<Option<String>>,
}

/// A dataset's lists, each checked to hold objects with readable ids.
pub(crate) struct Dataset<'a> {
    pub lists: ByObject<List<'a>>,
}

/// Reads `dataset`. Input errors: `INVALID_RECORD` (not an object; a record that is not an
/// object or is a CRM's own shape, at `$.deals[3]`), `UNKNOWN_KEY` (a member other than the
/// four lists, with the nearest one), `NOT_A_LIST`, `INVALID_TEXT` (an `id` that is a list or
/// an object).
pub(crate) fn read(dataset: &Value) -> Result<Dataset<'_>> {
    let expected = "the dataset must be an object { deals, leads, contacts, accounts } of lists of records";
    if let Some(shape) = CrmShape::of(dataset) {
        return Err(Error::input(ErrorCode::InvalidRecord, "$", format!("{expected}; {}", shape.advice())));
    }
    let Value::Object(members) = dataset else {
        let message = format!("{expected}, found {}", read::describe(dataset.into()));
        return Err(Error::input(ErrorCode::InvalidRecord, "$", message));
    };
    let mut lists = ByObject::default();
    for (name, value) in members {
        let Some(kind) = ObjectKind::ALL.into_iter().find(|k| k.key() == name) else {
            return Err(unknown_key(name));
        };
        let at = key("$", name);
        let records = match value {
            Value::Null => continue,
            Value::Array(items) => items.as_slice(),
            other => {
                let message = format!("{name} must be a list of {} records, found {}", kind.singular(), read::describe(other.into()));
                return Err(Error::input(ErrorCode::NotAList, at, message));
            }
        };
        let mut ids = Vec::with_capacity(records.len());
        for (i, record) in records.iter().enumerate() {
            let checked = require_object(record, kind).and_then(|()| match CrmShape::of(record) {
                Some(shape) => Err(Error::input(ErrorCode::InvalidRecord, "$", format!("this {} is a CRM's own record; {}", kind.singular(), shape.advice()))),
                None => record_id(record),
            });
            ids.push(checked.map_err(|e| in_list(e, kind, i, true))?);
        }
        *lists.slot(kind) = Some(List { records, ids });
    }
    Ok(Dataset { lists })
}

/// `UNKNOWN_KEY` for a dataset member, naming the nearest list.
fn unknown_key(name: &str) -> Error {
    let lower = name.to_lowercase();
    let nearest = ObjectKind::ALL.into_iter().map(|k| (levenshtein(&lower, k.key()), k.key())).min_by_key(|(d, _)| *d);
    let hint = match nearest {
        Some((d, known)) if d <= 3 => format!(" — did you mean \"{known}\"?"),
        _ => String::new(),
    };
    let message = format!("the dataset has no list \"{name}\"{hint}; its lists are deals, leads, contacts and accounts");
    Error::input(ErrorCode::UnknownKey, key("$", name), message)
}

/// A deal's stage: positions of its pipeline and of the stage in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DealStage {
    pub pipeline: usize,
    pub stage: usize,
}

/// The pipelines deals are read against, with their stage names.
#[derive(Debug, Clone)]
pub(crate) struct Stages {
    pipeline: Pipeline,
    names: Vec<StageNames>,
}

impl Stages {
    /// The stages of `pipeline`'s pipelines.
    pub(crate) fn new(pipeline: Pipeline) -> Stages {
        let names = pipeline.pipelines().iter().map(|p| StageNames::new(p.stages().iter().map(|s| (s.id.as_str(), Some(s.label.as_str()))))).collect();
        Stages { pipeline, names }
    }

    /// The pipelines.
    pub(crate) fn pipelines(&self) -> &[PipelineDefinition] {
        self.pipeline.pipelines()
    }

    /// Where the stage named `name` is in each pipeline.
    pub(crate) fn find(&self, name: &str) -> Vec<Option<usize>> {
        self.names.iter().map(|n| n.find(name)).collect()
    }

    /// The stage at `at`.
    pub(crate) fn stage(&self, at: DealStage) -> Option<&Stage> {
        self.pipelines().get(at.pipeline)?.stages().get(at.stage)
    }

    /// The stage of `deal`: its `pipeline` (the first when absent) and its `stage` by id or
    /// label in any case; `None` when it has no stage. Input errors, at paths from the deal's
    /// `$`: `UNKNOWN_PIPELINE`, `UNKNOWN_STAGE`, `INVALID_TEXT`.
    pub(crate) fn of(&self, deal: &Value) -> Result<Option<DealStage>> {
        let pipeline_id = read::text(deal.get("pipeline")).map_err(|e| e.at("$.pipeline"))?;
        let pipeline = match pipeline_id.as_deref() {
            None => 0,
            Some(id) => self.pipelines().iter().position(|p| p.id == id).ok_or_else(|| self.pipeline.unknown_pipeline(id, "$.pipeline"))?,
        };
        let Some(name) = read::text(deal.get("stage")).map_err(|e| e.at("$.stage"))? else { return Ok(None) };
        let (Some(names), Some(definition)) = (self.names.get(pipeline), self.pipelines().get(pipeline)) else { return Ok(None) };
        match names.find(&name) {
            Some(stage) => Ok(Some(DealStage { pipeline, stage })),
            None => Err(Error::input(ErrorCode::UnknownStage, "$.stage", unknown_stage_message(&name, definition.stages()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_lists_and_their_ids() {
        let data = json!({ "deals": [{ "id": 1 }, {}], "leads": null, "accounts": [] });
        let d = read(&data).unwrap();
        let deals = d.lists.deals.as_ref().unwrap();
        assert_eq!(deals.ids, [Some("1".to_owned()), None]);
        assert!(d.lists.leads.is_none() && d.lists.contacts.is_none());
        assert_eq!(d.lists.accounts.as_ref().map(|l| l.records.len()), Some(0));
    }

    #[test]
    fn refuses_what_is_not_a_dataset() {
        let e = read(&json!({ "deal": [] })).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownKey, "$.deal"));
        assert!(e.message.contains("did you mean \"deals\""), "{}", e.message);
        let e = read(&json!({ "deals": {} })).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::NotAList, "$.deals"));
        let e = read(&json!({ "contacts": [{}, 3] })).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$.contacts[1]"));
        let e = read(&json!({ "contacts": [{ "id": "1", "properties": { "email": "a@b.co" } }] })).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$.contacts[0]"));
        assert!(e.message.contains("HubSpot adapter"), "{}", e.message);
        let e = read(&json!({ "results": [] })).err().unwrap();
        assert_eq!(e.code, ErrorCode::InvalidRecord);
        assert!(e.message.contains("HubSpot list page"), "{}", e.message);
        let e = read(&json!([])).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$"));
        let e = read(&json!({ "deals": [{ "id": {} }] })).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidText, "$.deals[0].id"));
    }

    #[test]
    fn deals_stages_by_id_or_label_in_any_case() {
        let stages = Stages::new(Pipeline::compile(&Pipeline::default_config()).unwrap());
        let at = |deal: Value| stages.of(&deal);
        assert_eq!(at(json!({ "stage": "Closed Won" })).unwrap(), Some(DealStage { pipeline: 0, stage: 5 }));
        assert_eq!(at(json!({ "stage": "PROPOSAL" })).unwrap(), Some(DealStage { pipeline: 0, stage: 3 }));
        assert_eq!(at(json!({ "stage": "" })).unwrap(), None);
        let e = at(json!({ "stage": "qualified" })).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownStage, "$.stage"));
        let e = at(json!({ "stage": "demo", "pipeline": "other" })).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownPipeline, "$.pipeline"));
        assert_eq!(stages.find("negotiation"), [Some(4)]);
    }
}
