//! Pipeline configs from the CRMs' own definitions (HubSpot's pipelines API, Salesforce's
//! `OpportunityStage` records), overlays, and the two presets.

mod crm_support;

use std::collections::BTreeSet;

use pipescore::crm::{hubspot, salesforce};
use pipescore::gates::Pipeline;
use pipescore::{ErrorCode, ErrorKind};
use serde_json::{json, Value};

/// HubSpot's pipelines response for a custom pipeline with numeric stage ids, its closed stages
/// listed first and one stage archived.
fn custom_pipeline() -> Value {
    let stage = |id: &str, label: &str, order: u32, p: &str, closed: &str| {
        json!({"id": id, "label": label, "displayOrder": order, "metadata": {"probability": p, "isClosed": closed}, "archived": false})
    };
    let mut archived = stage("13", "Old stage", 4, "0.5", "false");
    archived["archived"] = json!(true);
    json!({"results": [
        {"id": "812", "label": "Renewals", "displayOrder": 1, "archived": false, "stages": [
            stage("16", "Renewed", 0, "1.0", "true"),
            stage("17", "Churned", 1, "0.0", "true"),
            stage("11", "Renewal due", 2, "0.3", "false"),
            stage("12", "Quote sent", 3, "0.7", "false"),
            archived
        ]},
        {"id": "900", "label": "Archived pipeline", "displayOrder": 2, "archived": true, "stages": []}
    ]})
}

#[test]
fn hubspot_pipelines_keep_the_portals_ids_and_put_open_stages_first() {
    let config = hubspot::pipelines(&custom_pipeline(), &Value::Null).unwrap();
    let pipeline = Pipeline::compile(&config).unwrap();
    assert_eq!(pipeline.pipelines().len(), 1, "the archived pipeline is left out");
    let stages: Vec<(String, f64, Option<&str>)> = serde_json::to_value(pipeline.stages()).unwrap().as_array().unwrap().iter()
        .map(|s| (s["id"].as_str().unwrap().to_owned(), s["probability"].as_f64().unwrap(), s["outcome"].as_str().map(|o| if o == "won" { "won" } else { "lost" })))
        .collect();
    assert_eq!(stages, [("11".to_owned(), 0.3, None), ("12".to_owned(), 0.7, None), ("16".to_owned(), 1.0, Some("won")), ("17".to_owned(), 0.0, Some("lost"))]);
    // A HubSpot deal in it resolves by the pipeline's id.
    let deal = hubspot::deal(&json!({"id": "1", "properties": {"pipeline": "812", "dealstage": "12", "amount": "900"}}), &hubspot::Options::default()).unwrap();
    let check = pipeline.check(&deal, 0).unwrap();
    assert_eq!((check.pipeline, check.stage.label.as_str(), check.next_stage), ("812", "Quote sent", Some("16")));
}

#[test]
fn a_hubspot_overlay_adds_criteria_by_pipeline_and_stage_label() {
    let overlay = json!({"pipelines": {"Renewals": {
        "label": "Renewals (with gates)",
        "stages": {"Renewal due": {"expectedDays": 30, "guidance": "Confirm the renewal date and the decision maker.",
            "exit": [{"id": "amount", "rule": {">": [{"var": "amount"}, 0]}, "message": "Set the renewal amount."}]},
            "12": {"forecastCategory": "Commit"}},
        "rules": {"allowBackward": false}
    }}});
    let config = hubspot::pipelines(&custom_pipeline(), &overlay).unwrap();
    let stage = &config["pipelines"][0]["stages"][0];
    assert_eq!((&stage["expectedDays"], &stage["guidance"]), (&json!(30), &json!("Confirm the renewal date and the decision maker.")));
    assert_eq!(config["pipelines"][0]["stages"][1]["forecastCategory"], json!("commit"));
    assert_eq!(config["pipelines"][0]["label"], json!("Renewals (with gates)"));
    let pipeline = Pipeline::compile(&config).unwrap();
    let deal = json!({"pipeline": "812", "stage": "11"});
    let verdict = pipeline.check_move(&deal, "12", 0).unwrap();
    assert!(!verdict.allowed);
    assert_eq!(verdict.reasons[0].criterion.as_deref(), Some("amount"));
}

#[test]
fn hubspot_definition_and_overlay_errors_point_where_they_are() {
    let mut bad = custom_pipeline();
    bad["results"][0]["stages"][0]["metadata"]["probability"] = json!("0.5");
    let e = hubspot::pipelines(&bad, &Value::Null).unwrap_err();
    assert_eq!((e.kind, e.code, e.path.as_str()), (ErrorKind::Config, ErrorCode::InvalidProbability, "$.results[0].stages[0].metadata.probability"));
    let mut bad = custom_pipeline();
    bad["results"][0]["stages"][2]["metadata"]["probability"] = json!("thirty");
    assert_eq!(hubspot::pipelines(&bad, &Value::Null).unwrap_err().path, "$.results[0].stages[2].metadata.probability");
    let mut bad = custom_pipeline();
    bad["results"][0]["stages"][2]["metadata"] = json!({"isClosed": "false"});
    let e = hubspot::pipelines(&bad, &Value::Null).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidProbability, "$.results[0].stages[2]"));
    let mut no_lost = custom_pipeline();
    no_lost["results"][0]["stages"].as_array_mut().unwrap().remove(1);
    let e = hubspot::pipelines(&no_lost, &Value::Null).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingTerminalStage, "$.results[0].stages"));

    let overlay = |o: Value| hubspot::pipelines(&custom_pipeline(), &json!({"pipelines": {"812": o}})).unwrap_err();
    let e = overlay(json!({"stages": {"Nope": {}}}));
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownStage, "$.pipelines[\"812\"].stages.Nope"));
    let e = overlay(json!({"stages": {"11": {"exit": [{"id": "x", "rule": {"frobnicate": []}}]}}}));
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownOperator, "$.pipelines[\"812\"].stages[\"11\"].exit[0].rule"));
    let e = overlay(json!({"stages": {"11": {"expectedDayz": 3}}}));
    assert_eq!(e.path, "$.pipelines[\"812\"].stages[\"11\"].expectedDayz");
    let e = overlay(json!({"id": "renewals"}));
    assert_eq!(e.path, "$.pipelines[\"812\"].id");
    let e = hubspot::pipelines(&custom_pipeline(), &json!({"pipelines": {"Sales": {}}})).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownPipeline, "$.pipelines.Sales"));
    let e = hubspot::pipelines(&custom_pipeline(), &json!({"stages": {}})).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownKey, "$.stages"));
    assert!(hubspot::pipeline(&custom_pipeline(), &Value::Null).unwrap_err().message.contains("hubspot.pipelines"));
    assert!(hubspot::pipelines(&custom_pipeline()["results"][0], &Value::Null).unwrap_err().message.contains("hubspot.pipeline"));
    let one = hubspot::pipeline(&custom_pipeline()["results"][0], &Value::Null).unwrap();
    assert_eq!(one["id"], json!("812"));
}

/// `OpportunityStage` records of a custom sales process.
fn custom_stages() -> Value {
    let stage = |api: &str, p: f64, category: &str, closed: bool, won: bool, order: u32, active: bool| {
        json!({"attributes": {"type": "OpportunityStage"}, "ApiName": api, "MasterLabel": api.replace('_', " "), "DefaultProbability": p,
            "ForecastCategory": category, "IsActive": active, "IsClosed": closed, "IsWon": won, "SortOrder": order})
    };
    json!({"totalSize": 5, "done": true, "records": [
        stage("Closed_Won", 100.0, "Closed", true, true, 5, true),
        stage("Discovery", 20.0, "Pipeline", false, false, 1, true),
        stage("Legacy", 30.0, "Pipeline", false, false, 2, false),
        stage("Commit", 80.0, "Forecast", false, false, 3, true),
        stage("Closed_Lost", 0.0, "Omitted", true, false, 6, true),
        stage("Upside", 60.0, "BestCase", false, false, 2, true)
    ]})
}

#[test]
fn salesforce_stages_by_sort_order_with_the_api_values_of_forecast_categories() {
    let overlay = json!({"id": "new_business", "label": "New business", "stages": {"Discovery": {"expectedDays": 14}}});
    let config = salesforce::stages_pipeline(&custom_stages(), &overlay).unwrap();
    let pipeline = Pipeline::compile(&config).unwrap();
    let stages: Vec<(String, String, f64, String)> = serde_json::to_value(pipeline.stages()).unwrap().as_array().unwrap().iter()
        .map(|s| (s["id"].as_str().unwrap().to_owned(), s["label"].as_str().unwrap().to_owned(), s["probability"].as_f64().unwrap(), s["forecastCategory"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(stages, [
        ("Discovery".to_owned(), "Discovery".to_owned(), 0.2, "pipeline".to_owned()),
        ("Upside".to_owned(), "Upside".to_owned(), 0.6, "best_case".to_owned()),
        ("Commit".to_owned(), "Commit".to_owned(), 0.8, "commit".to_owned()),
        ("Closed_Won".to_owned(), "Closed Won".to_owned(), 1.0, "closed".to_owned()),
        ("Closed_Lost".to_owned(), "Closed Lost".to_owned(), 0.0, "omitted".to_owned()),
    ], "the inactive Legacy stage is left out; Forecast is Commit, BestCase is Best Case");
    assert_eq!((pipeline.pipelines()[0].id.as_str(), pipeline.stages()[0].expected_days), ("new_business", Some(14)));
    let mut bad = custom_stages();
    bad["records"][0]["DefaultProbability"] = json!(90.0);
    let e = salesforce::stages_pipeline(&bad, &Value::Null).unwrap_err();
    assert_eq!((e.kind, e.code, e.path.as_str()), (ErrorKind::Config, ErrorCode::InvalidProbability, "$.records[0]"));
    bad["records"][0]["DefaultProbability"] = json!(190.0);
    assert_eq!(salesforce::stages_pipeline(&bad, &Value::Null).unwrap_err().path, "$.records[0].DefaultProbability");
    bad["records"][0]["attributes"]["type"] = json!("Opportunity");
    assert_eq!(salesforce::stages_pipeline(&bad, &Value::Null).unwrap_err().path, "$.records[0]");
}

/// The fields the adapters fill on deals, and those of a deal's contacts and activities.
const DEAL_FIELDS: &[&str] = &[
    "id", "name", "pipeline", "stage", "amount", "currency", "closeDate", "createdAt", "probability", "nextStep", "nextStepDate",
    "lastActivityAt", "contactCount", "source", "dealType", "lossReason", "owner", "ownerId", "forecastCategory", "outcome",
    "stageEnteredAt", "stageHistory", "closeDateHistory", "amountHistory", "contacts", "company", "industry", "activities", "updatedAt",
];
const ITEM_FIELDS: &[&str] = &["id", "name", "email", "role", "type", "at", "contact", "subject", "primary", "title", "lastActivityAt"];

/// The `var` names of a rule, with whether each is read inside `some`/`all`/`none` (of an
/// item) or of the deal.
fn vars(rule: &Value, inside: bool, out: &mut BTreeSet<(bool, String)>) {
    match rule {
        Value::Object(map) => {
            for (op, args) in map {
                match (op.as_str(), args) {
                    ("var", Value::String(name)) => {
                        out.insert((inside, name.clone()));
                    }
                    ("some" | "all" | "none", Value::Array(args)) => {
                        if let Some(list) = args.first() {
                            vars(list, inside, out);
                        }
                        for arg in args.iter().skip(1) {
                            vars(arg, true, out);
                        }
                    }
                    (_, other) => vars(other, inside, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| vars(item, inside, out)),
        _ => {}
    }
}

#[test]
fn the_presets_gate_only_on_fields_the_adapters_fill() {
    for (name, preset) in [("hubspot", hubspot::default_pipeline()), ("salesforce", salesforce::standard_pipeline())] {
        let pipeline = Pipeline::compile(&preset).unwrap_or_else(|e| panic!("{name}: {e}"));
        for stage in pipeline.stages() {
            if stage.outcome.is_none() {
                assert!(stage.expected_days.is_some() && !stage.guidance().is_empty(), "{name} {}", stage.id);
                assert!(stage.exit().iter().any(|c| c.severity == pipescore::gates::Severity::Required), "{name} {} gates nothing", stage.id);
            }
        }
        let mut read = BTreeSet::new();
        for stage in preset["stages"].as_array().unwrap() {
            for list in ["entry", "exit"] {
                for criterion in stage[list].as_array().into_iter().flatten() {
                    vars(&criterion["rule"], false, &mut read);
                }
            }
            for field in stage["requiredFields"].as_array().into_iter().flatten().chain(stage["keyFields"].as_array().into_iter().flatten()) {
                read.insert((false, field.as_str().unwrap().to_owned()));
            }
        }
        for (inside, field) in &read {
            let known = if *inside { ITEM_FIELDS } else { DEAL_FIELDS };
            assert!(known.contains(&field.as_str()), "{name} reads {field}, which no adapter fills");
        }
    }
}

#[test]
fn the_hubspot_preset_has_the_default_pipelines_stages() {
    let Some(response) = crm_support::payload("hubspot/DERIVED_hubspot_v3_pipelines_deals.json") else { return };
    let summary = |config: &Value| -> Vec<Value> {
        let pipeline = Pipeline::compile(config).unwrap();
        serde_json::to_value(pipeline.stages()).unwrap().as_array().unwrap().iter()
            .map(|s| json!([s["id"], s["label"], s["probability"], s["outcome"], s["order"]])).collect()
    };
    assert_eq!(summary(&hubspot::default_pipeline()), summary(&hubspot::pipelines(&response, &Value::Null).unwrap()));
    assert_eq!(hubspot::default_pipeline()["id"], response["results"][0]["id"]);
}
