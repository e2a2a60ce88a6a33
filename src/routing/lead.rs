//! What is routed: the lead, what the caller knows about it (its score), and the fields the
//! router reads itself, read through [`crate::read`].

use std::borrow::Cow;

use serde::Serialize;
use serde_json::{Map, Value};

use super::config::FieldsConfig;
use crate::config::{from_json, impl_from_json, need, object, DeError, FromJson};
use crate::error::{ErrorKind, Result};
use crate::path;
use crate::read;
use crate::scoring::LeadScore;

/// One lead to route, with what the caller knows about it.
///
/// As JSON: `{ "lead": { … }, "score"?: { … }, "context"?: { … } }`. Rules read it as
/// `lead.*`, `score.*`, `context.*`, plus `account.*` and `accountMatch.*` for the matched
/// account (see the module docs).
#[derive(Debug, Clone, PartialEq)]
pub struct RouteInput<'a> {
    /// The lead's fields, as the CRM or the form gives them.
    pub lead: &'a Value,
    /// The lead's score, grade and lifecycle, if known.
    pub score: Option<ScoreFacts>,
    /// Anything else rules may read (`context.*`): the page, the campaign, the caller's own.
    pub context: Option<&'a Value>,
}

/// A lead's score as rules read it (`score.total`, `score.grade`…): what [`LeadScore`]
/// gives, or what the caller passes in.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScoreFacts {
    /// The combined score (`LeadScore::score`).
    pub total: Option<f64>,
    /// The fit score.
    pub fit: Option<f64>,
    /// The engagement score.
    pub engagement: Option<f64>,
    /// Fit letter and engagement number, e.g. `"A1"`.
    pub grade: Option<String>,
    /// `"A"` to `"D"`.
    pub fit_grade: Option<String>,
    /// 1 to 4.
    pub engagement_grade: Option<f64>,
    /// The lifecycle stage.
    pub lifecycle: Option<String>,
}

impl From<&LeadScore<'_>> for ScoreFacts {
    fn from(score: &LeadScore<'_>) -> Self {
        ScoreFacts {
            total: Some(score.score as f64),
            fit: Some(score.fit as f64),
            engagement: Some(score.engagement as f64),
            grade: Some(score.grade.to_owned()),
            fit_grade: Some(score.fit_grade.to_owned()),
            engagement_grade: Some(f64::from(score.engagement_grade)),
            lifecycle: Some(score.lifecycle.to_owned()),
        }
    }
}

/// The input's shape: an object of `lead` (required), `score` and `context`. Checked
/// without copying the lead, which is then borrowed.
struct InputShape;

impl FromJson for InputShape {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        let mut lead = None;
        object(value, "struct RouteInput", &["lead", "score", "context"], true, &mut |i, _| {
            if i == 0 {
                lead = Some(());
            }
            Ok(())
        })?;
        need(lead, "lead").map(|()| InputShape)
    }
}

/// A score object as written: a [`LeadScore`] as JSON (its `groups` and `contributions` are
/// accepted, not read) or the same with `total` for `score` (`total` wins when both are given).
struct ScoreSpec {
    score: Option<Value>,
    total: Option<Value>,
    fit: Option<Value>,
    engagement: Option<Value>,
    grade: Option<Value>,
    fit_grade: Option<Value>,
    engagement_grade: Option<Value>,
    lifecycle: Option<Value>,
    _groups: Option<Value>,
    _contributions: Option<Value>,
}

impl_from_json!(struct ScoreSpec, deny {
    score: "score" = None,
    total: "total" = None,
    fit: "fit" = None,
    engagement: "engagement" = None,
    grade: "grade" = None,
    fit_grade: "fitGrade" = None,
    engagement_grade: "engagementGrade" = None,
    lifecycle: "lifecycle" = None,
    _groups: "groups" = None,
    _contributions: "contributions" = None,
});

impl<'a> RouteInput<'a> {
    /// A lead with nothing else known about it.
    pub fn new(lead: &'a Value) -> RouteInput<'a> {
        RouteInput { lead, score: None, context: None }
    }

    /// The same input with a score.
    pub fn with_score(mut self, score: ScoreFacts) -> RouteInput<'a> {
        self.score = Some(score);
        self
    }

    /// Reads `{ lead, score?, context? }`. Input errors: `INVALID_SHAPE` for another shape or
    /// an unknown member, `INVALID_NUMBER`/`INVALID_TEXT` for a score member that can't be
    /// read (at `$.score.total`…).
    pub fn from_json(input: &'a Value) -> Result<RouteInput<'a>> {
        let _: InputShape = from_json(input, ErrorKind::Input)?;
        let lead = input.get("lead").unwrap_or(&Value::Null);
        let context = input.get("context").filter(|c| !c.is_null());
        let score = match input.get("score") {
            None | Some(Value::Null) => None,
            Some(score) => Some(ScoreFacts::from_json(score, "$.score")?),
        };
        Ok(RouteInput { lead, score, context })
    }

    /// The data routing rules read: `{ lead, score, account, accountMatch, context }`.
    pub(crate) fn rule_data(&self, account: Option<(&Value, Value)>) -> Value {
        let mut data = Map::with_capacity(5);
        data.insert("lead".to_owned(), self.lead.clone());
        data.insert("score".to_owned(), self.score.as_ref().map_or(Value::Null, ScoreFacts::to_value));
        let (record, matched) = account.map_or((Value::Null, Value::Null), |(record, matched)| (record.clone(), matched));
        data.insert("account".to_owned(), record);
        data.insert("accountMatch".to_owned(), matched);
        data.insert("context".to_owned(), self.context.cloned().unwrap_or(Value::Null));
        Value::Object(data)
    }
}

impl ScoreFacts {
    /// Reads a score object at `at`; see [`RouteInput::from_json`].
    pub fn from_json(value: &Value, at: &str) -> Result<ScoreFacts> {
        let spec: ScoreSpec = from_json(value, ErrorKind::Input).map_err(|e| e.within(at))?;
        let number = |v: &Option<Value>, name: &str| read::number(v.as_ref()).map_err(|e| e.at(&path::key(at, name)));
        let text = |v: &Option<Value>, name: &str| read::text(v.as_ref()).map(|t| t.map(Cow::into_owned)).map_err(|e| e.at(&path::key(at, name)));
        let total = match number(&spec.total, "total")? {
            Some(total) => Some(total),
            None => number(&spec.score, "score")?,
        };
        Ok(ScoreFacts {
            total,
            fit: number(&spec.fit, "fit")?,
            engagement: number(&spec.engagement, "engagement")?,
            grade: text(&spec.grade, "grade")?,
            fit_grade: text(&spec.fit_grade, "fitGrade")?,
            engagement_grade: number(&spec.engagement_grade, "engagementGrade")?,
            lifecycle: text(&spec.lifecycle, "lifecycle")?,
        })
    }

    /// As rules read it.
    pub fn to_value(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The lead fields the router reads itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct LeadFacts<'a> {
    pub email: Option<Cow<'a, str>>,
    pub website: Option<Cow<'a, str>>,
    pub company: Option<Cow<'a, str>>,
    pub phone: Option<Cow<'a, str>>,
    pub country: Option<Cow<'a, str>>,
    pub state: Option<Cow<'a, str>>,
    pub postal_code: Option<Cow<'a, str>>,
    pub industry: Option<Cow<'a, str>>,
    pub employees: Option<f64>,
    pub revenue: Option<f64>,
}

impl<'a> LeadFacts<'a> {
    /// Reads `lead`'s fields named in `fields`; errors are at `$.lead.<field>`.
    pub(crate) fn read(lead: &'a Value, fields: &FieldsConfig) -> Result<LeadFacts<'a>> {
        if !lead.is_object() {
            return Err(read::not_an_object(lead, "$.lead", "The lead", "{ email, company, country, employees }"));
        }
        let at = |field: &str| path::key("$.lead", field);
        let text = |field: &str| read::text(lead.get(field)).map_err(|e| e.at(&at(field)));
        let number = |field: &str| read::number(lead.get(field)).map_err(|e| e.at(&at(field)));
        Ok(LeadFacts {
            email: text(&fields.email)?,
            website: text(&fields.website)?,
            company: text(&fields.company)?,
            phone: text(&fields.phone)?,
            country: text(&fields.country)?,
            state: text(&fields.state)?,
            postal_code: text(&fields.postal_code)?,
            industry: text(&fields.industry)?,
            employees: number(&fields.employees)?,
            revenue: number(&fields.revenue)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorCode;
    use serde_json::json;

    #[test]
    fn reads_inputs_and_scores() {
        let input = json!({"lead": {"email": "a@b.com"}, "score": {"score": 72, "grade": "A1", "fitGrade": "A", "groups": []}});
        let read = RouteInput::from_json(&input).unwrap();
        assert_eq!(read.lead, &json!({"email": "a@b.com"}));
        let score = read.score.unwrap();
        assert_eq!((score.total, score.grade.as_deref(), score.engagement_grade), (Some(72.0), Some("A1"), None));
        assert_eq!(score.to_value()["fitGrade"], json!("A"));
        let e = RouteInput::from_json(&json!({"lead": {}, "scor": {}})).unwrap_err();
        assert_eq!((e.code, e.path.as_str(), e.kind), (ErrorCode::InvalidShape, "$.scor", ErrorKind::Input));
        let e = RouteInput::from_json(&json!({"lead": {}, "score": {"total": "high"}})).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidNumber, "$.score.total"));
        assert_eq!(RouteInput::from_json(&json!({"score": {}})).unwrap_err().path, "$");
    }

    #[test]
    fn reads_lead_fields_by_the_contract() {
        let fields = crate::config::from_json::<FieldsConfig>(&json!({"employees": "NumberOfEmployees"}), ErrorKind::Config).unwrap();
        let lead = json!({"NumberOfEmployees": "1200", "company": 42, "country": " "});
        let facts = LeadFacts::read(&lead, &fields).unwrap();
        assert_eq!((facts.employees, facts.company.as_deref(), facts.country), (Some(1200.0), Some("42"), None));
        let e = LeadFacts::read(&json!({"NumberOfEmployees": "1,200"}), &fields).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidNumber, "$.lead.NumberOfEmployees"));
        assert_eq!(LeadFacts::read(&json!([]), &fields).unwrap_err().path, "$.lead");
    }
}
