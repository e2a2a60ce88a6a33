//! `options.filter`: which deals and leads count, by owner, source, segment or product.
//!
//! Each given key keeps the records whose field equals one of its values (exactly, as group
//! keys are compared); keys combine with AND. `product` applies to deals only, since leads have
//! none. Quotas are not filtered: they describe the team.

use serde::de::Error as _;
use serde_json::Value;

use super::input::{Deal, Lead};
use crate::config::{deserialize_via_from_json, impl_from_json, DeError, FromJson};

/// One value or a list of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OneOrMany {
    /// A single accepted value.
    One(String),
    /// Any of these values.
    Many(Vec<String>),
}

impl OneOrMany {
    fn accepts(&self, value: Option<&str>) -> bool {
        let Some(value) = value else { return false };
        match self {
            OneOrMany::One(one) => one == value,
            OneOrMany::Many(many) => many.iter().any(|m| m == value),
        }
    }
}

/// Record filter of the metrics options.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Owning reps to keep.
    pub owner: Option<OneOrMany>,
    /// Lead sources to keep.
    pub source: Option<OneOrMany>,
    /// Segments to keep.
    pub segment: Option<OneOrMany>,
    /// Products to keep (deals only).
    pub product: Option<OneOrMany>,
}

/// A text, or a list of texts; anything else does not match (serde's `untagged` wording).
impl FromJson for OneOrMany {
    fn from_json(value: &Value) -> Result<OneOrMany, DeError> {
        let texts = |items: &[Value]| items.iter().map(|v| v.as_str().map(str::to_owned)).collect::<Option<Vec<_>>>();
        match value {
            Value::String(one) => Some(OneOrMany::One(one.clone())),
            Value::Array(items) => texts(items).map(OneOrMany::Many),
            _ => None,
        }
        .ok_or_else(|| DeError::custom("data did not match any variant of untagged enum OneOrMany"))
    }
}

impl_from_json!(struct Filter, deny {
    owner: "owner" = None,
    source: "source" = None,
    segment: "segment" = None,
    product: "product" = None,
});

deserialize_via_from_json!(OneOrMany, Filter);

/// Whether `value` passes an optional condition.
fn passes(condition: &Option<OneOrMany>, value: &Option<String>) -> bool {
    condition.as_ref().map_or(true, |c| c.accepts(value.as_deref()))
}

impl Filter {
    /// Whether the deal counts.
    pub fn keeps_deal(&self, deal: &Deal) -> bool {
        passes(&self.owner, &deal.owner)
            && passes(&self.source, &deal.source)
            && passes(&self.segment, &deal.segment)
            && passes(&self.product, &deal.product)
    }

    /// Whether the lead counts (`product` does not apply to leads).
    pub fn keeps_lead(&self, lead: &Lead) -> bool {
        passes(&self.owner, &lead.owner) && passes(&self.source, &lead.source) && passes(&self.segment, &lead.segment)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::metrics::compute_from_json;

    fn deals() -> Value {
        json!([
            {"owner": "ana", "source": "web", "segment": "smb", "product": "core", "amount": 100.10, "closeDate": "2024-02-01", "outcome": "won"},
            {"owner": "ana", "source": "event", "segment": "smb", "product": "pro", "amount": 50, "closeDate": "2024-02-03", "outcome": "lost"},
            {"owner": "bo", "source": "web", "segment": "ent", "product": "core", "amount": 300.05, "closeDate": "2024-02-05", "outcome": "won"},
            {"owner": null, "source": "web", "amount": 7, "closeDate": "2024-02-06", "outcome": "won"}
        ])
    }

    fn metrics(deals: Value, filter: Value) -> Value {
        let options = if filter.is_null() { json!({}) } else { json!({ "filter": filter }) };
        let leads = json!([{"owner": "ana", "source": "web"}, {"owner": "bo", "source": "event"}]);
        serde_json::to_value(compute_from_json(&json!({"deals": deals, "leads": leads}), &options, 0).unwrap()).unwrap()
    }

    #[test]
    fn filtering_equals_computing_on_the_kept_records() {
        let all = deals();
        let kept: Vec<Value> = all.as_array().unwrap().iter().filter(|d| d["owner"] == "ana").cloned().collect();
        let filtered = metrics(all.clone(), json!({"owner": "ana"}));
        assert_eq!(filtered["won"], json!({"count": 1, "value": 100.1}));
        assert_eq!(filtered["lost"]["count"], 1);
        assert_eq!(filtered["won"], metrics(Value::Array(kept), Value::Null)["won"]);
        assert_eq!(filtered["funnel"]["stages"][0]["count"], 1, "leads are filtered too");
    }

    #[test]
    fn lists_and_several_keys_combine() {
        let m = metrics(deals(), json!({"owner": ["ana", "bo"], "source": "web"}));
        assert_eq!(m["won"], json!({"count": 2, "value": 400.15}));
        let m = metrics(deals(), json!({"product": "core"}));
        assert_eq!(m["won"]["count"], 2);
        assert_eq!(m["funnel"]["stages"][0]["count"], 2, "product does not filter leads");
        let none = metrics(deals(), json!({"segment": "nobody"}));
        assert_eq!(none["won"]["count"], 0);
        assert!(none["winRate"]["byCount"]["value"].is_null());
    }

    #[test]
    fn a_bad_filter_is_an_input_error_at_its_path() {
        let err = compute_from_json(&json!({}), &json!({"filter": {"ownr": "ana"}}), 0).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_SHAPE", "$.filter.ownr"));
        let err = compute_from_json(&json!({}), &json!({"filter": {"owner": 5}}), 0).unwrap_err();
        assert_eq!(err.path, "$.filter.owner");
    }
}
