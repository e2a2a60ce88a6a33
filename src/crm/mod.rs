//! CRM adapters: HubSpot and Salesforce records in, pipescore's own record shapes out, so
//! every engine reads a CRM's data with the right numbers and no glue code.
//!
//! ```
//! use pipescore::crm::{hubspot, salesforce};
//! use pipescore::gates::Pipeline;
//! use serde_json::json;
//!
//! let page = json!({"results": [{"id": "6744192456", "properties": {
//!     "dealname": "With Atul", "dealstage": "qualifiedtobuy", "pipeline": "default",
//!     "amount": "500", "closedate": null, "createdate": "2023-02-24T03:01:01.147Z"}}]});
//! let deals = hubspot::deals(&page, &hubspot::Options::default()).unwrap();
//! assert_eq!(deals[0]["amount"], json!(500));
//! assert_eq!(deals[0]["stage"], json!("qualifiedtobuy"));
//! let pipeline = Pipeline::compile(&hubspot::default_pipeline()).unwrap();
//! assert_eq!(pipeline.pipeline_of(&deals[0]).unwrap().id, "default");
//!
//! let query = json!({"totalSize": 1, "done": true, "records": [{
//!     "attributes": {"type": "Opportunity"}, "Id": "0064600000J5S5VAAV", "StageName": "Closed Won",
//!     "Amount": 220000.0, "Probability": 100.0, "IsClosed": true, "IsWon": true}]});
//! let opportunities = salesforce::opportunities(&query, &salesforce::Options::default()).unwrap();
//! assert_eq!(opportunities[0]["outcome"], json!("won"));
//! assert_eq!(opportunities[0]["probability"], json!(1));
//! ```
//!
//! Every value is read through [`crate::read`] (HubSpot sends every property as text:
//! `"50000.00"`, `"true"`); a value that can't be read is an input error at its path in the
//! CRM payload (`$.results[3].properties.amount`). A field the payload lacks stays absent: the
//! adapters never invent data. CRM fields pipescore does not map are carried under `custom`
//! with their CRM names (criteria read them with `{"var": "custom.budget__c"}`), or under a
//! field of the caller's choosing with the `fields` option. A record that is not of the kind
//! asked for (a contact given to `hubspot::deal`, a Salesforce Lead given to
//! `salesforce::opportunity`, a HubSpot object given to the Salesforce adapter) is an
//! `INVALID_RECORD` error at its path saying what it is and what was expected.
//!
//! [`hubspot::pipelines`] and [`salesforce::stages_pipeline`] turn the CRMs' own pipeline
//! definitions into pipeline configs for [`crate::gates::Pipeline::compile`], with an overlay
//! of exit criteria, guidance and expected days; [`hubspot::default_pipeline`] and
//! [`salesforce::standard_pipeline`] are ready-made ones for the CRMs' stock stages. The field
//! mapping tables are in `docs/crm.md`.

mod build;
pub mod hubspot;
mod options;
mod overlay;
pub mod salesforce;
mod vocabulary;

pub use options::FieldMap;
