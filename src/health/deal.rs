//! A deal read for scoring: its identity (`id`, `pipeline`, `stage`) and its data, validated
//! and with every date parsed, independent of the config, the pipeline and `now`. Scoring
//! reports the errors found here in the order the fields are checked: the deal not being an
//! object, then `pipeline`, then `stage` (which may close the deal), then the data.

use std::borrow::Cow;

use serde_json::Value;

use super::facts::{owned, DealData, Text};
use super::record::DealFields;
use crate::error::{Error, ErrorCode, Result};
use crate::gates::{id_value, require_object};

/// A deal, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deal<'a> {
    /// `id`, when it is text or a number.
    pub id: Option<Cow<'a, Value>>,
    /// The pipeline `pipeline` names (`None`: the default one), or why it names none.
    pub pipeline: Result<Option<Text<'a>>>,
    /// The stage `stage` names (`None` when missing or blank), or why it names none.
    pub stage: Result<Option<Text<'a>>>,
    /// Everything else, or the first error reading it.
    pub data: Result<DealData<'a>>,
}

impl<'a> Deal<'a> {
    /// Reads a deal. Input error: `INVALID_RECORD` at `$` when it is not an object.
    pub(crate) fn read(deal: &'a Value) -> Result<Deal<'a>> {
        let fields = DealFields::read(require_object(deal, "the record")?);
        let stage = match fields.stage {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.as_str()).filter(|s| !s.trim().is_empty()).map(Text::Borrowed)),
            Some(_) => Err(Error::input(
                ErrorCode::InvalidRecord,
                "$.stage",
                "stage must be the id of a stage (a non-empty string)",
            )),
        };
        Ok(Deal {
            id: fields.id.filter(|v| v.is_string() || v.is_number()).map(Cow::Borrowed),
            pipeline: id_value(fields.pipeline, "pipeline").map(|id| id.map(Text::Borrowed)),
            stage,
            data: DealData::read(&fields),
        })
    }

    /// The same, owning its text.
    pub(crate) fn into_owned(self) -> Deal<'static> {
        Deal {
            id: self.id.map(|id| Cow::Owned(id.into_owned())),
            pipeline: self.pipeline.map(|id| id.map(owned)),
            stage: self.stage.map(|id| id.map(owned)),
            data: self.data.map(DealData::into_owned),
        }
    }
}
