//! The adapters on hand-made records in the CRMs' documented shapes: every mapped field, blank
//! values, values that can't be read (with the path into the CRM record), records of the wrong
//! kind, joins and options; and every payload in `shared/data/crm/api/` through its adapter.

mod crm_support;

use pipescore::crm::{hubspot, salesforce, FieldMap};
use pipescore::ErrorCode;
use serde_json::{json, Value};

#[test]
fn every_payload_goes_through_its_adapter() {
    let names = crm_support::payload_names();
    for name in &names {
        let Some(payload) = crm_support::payload(name) else { return };
        let count = match name.as_str() {
            "hubspot/DERIVED_hubspot_v3_pipelines_deals.json" => {
                hubspot::pipelines(&payload, &Value::Null).unwrap()["pipelines"][0]["stages"].as_array().unwrap().len()
            }
            "hubspot/hubspot_v3_companies_list_page.json" => hubspot::companies(&payload, &hubspot::Options::default()).unwrap().len(),
            "hubspot/hubspot_v3_contacts_list_page.json" | "hubspot/hubspot_v3_contacts_with_propertiesWithHistory.json" => {
                hubspot::contacts(&payload, &hubspot::Options::default()).unwrap().len()
            }
            "hubspot/hubspot_v3_deals_list_page.json" => hubspot::deals(&payload, &hubspot::Options::default()).unwrap().len(),
            "salesforce/DERIVED_rest_query_OpportunityStage_standard.json" => {
                salesforce::stages_pipeline(&payload, &Value::Null).unwrap()["stages"].as_array().unwrap().len()
            }
            "salesforce/DERIVED_rest_query_Opportunity_from_DE_sample.json"
            | "salesforce/lwc_recipes_Opportunities_sobject_tree.json"
            | "salesforce/lwc_recipes_graphqlAllOpportunities_uiapi.json" => {
                salesforce::opportunities(&payload, &salesforce::Options::default()).unwrap().len()
            }
            other => panic!("{other} has no adapter test: add it here and to crm_hubspot.rs or crm_salesforce.rs"),
        };
        let expected = match name.as_str() {
            "hubspot/DERIVED_hubspot_v3_pipelines_deals.json" => 7,
            "salesforce/DERIVED_rest_query_OpportunityStage_standard.json" => 10,
            "salesforce/DERIVED_rest_query_Opportunity_from_DE_sample.json" => 5,
            "salesforce/lwc_recipes_Opportunities_sobject_tree.json" => 20,
            "salesforce/lwc_recipes_graphqlAllOpportunities_uiapi.json" => 11,
            _ => 2,
        };
        assert_eq!(count, expected, "{name}");
    }
    assert!(names.is_empty() || names.len() == 9, "{names:?}");
}

/// A HubSpot deal with every property the adapter maps.
fn full_deal() -> Value {
    json!({
        "id": "42",
        "properties": {
            "dealname": "Initech renewal", "pipeline": "812", "dealstage": "a1b2c3d4-0000-4000-8000-000000000001",
            "amount": "50000.00", "deal_currency_code": "EUR", "closedate": "2026-12-15", "createdate": "2026-09-01T08:00:00Z",
            "hs_deal_stage_probability": "0.6", "hs_next_step": "Security review", "notes_next_activity_date": "2026-11-28T10:00:00.000Z",
            "notes_last_contacted": "2026-11-20T15:00:00.000Z", "num_associated_contacts": "3", "hs_analytics_source": "REFERRALS",
            "dealtype": "existingbusiness", "closed_lost_reason": "", "hubspot_owner_id": "77", "hs_manual_forecast_category": "BEST_CASE",
            "hs_is_closed_won": "false", "hs_is_closed": "false",
            "hs_v2_date_entered_current_stage": "2026-11-02T08:00:00.000Z",
            "hs_v2_date_entered_ffff0000_1111_2222_3333_444455556666": "2026-09-01T08:00:00.000Z",
            "hs_v2_date_entered_a1b2c3d4_0000_4000_8000_000000000001": "2026-11-02T08:00:00.000Z",
            "hs_date_entered_a1b2c3d4_0000_4000_8000_000000000001": "2026-11-01T00:00:00.000Z",
            "hs_v2_date_exited_ffff0000_1111_2222_3333_444455556666": "2026-11-02T08:00:00.000Z",
            "hs_v2_time_in_current_stage": "1900800000", "hs_lastmodifieddate": "2026-11-20T15:00:00.000Z",
            "hs_object_id": "42", "security_review__c": "passed", "blank_one": null
        },
        "createdAt": "2026-09-01T08:00:00Z", "updatedAt": "2026-11-20T15:00:00.000Z", "archived": false
    })
}

#[test]
fn a_hubspot_deal_maps_every_property() {
    let deal = hubspot::deal(&full_deal(), &hubspot::Options::default()).unwrap();
    assert_eq!(
        deal,
        json!({
            "id": "42", "name": "Initech renewal", "pipeline": "812", "stage": "a1b2c3d4-0000-4000-8000-000000000001",
            "amount": 50000, "currency": "EUR", "closeDate": "2026-12-15", "createdAt": "2026-09-01T08:00:00.000Z",
            "probability": 0.6, "nextStep": "Security review", "nextStepDate": "2026-11-28T10:00:00.000Z",
            "lastActivityAt": "2026-11-20T15:00:00.000Z", "contactCount": 3, "source": "REFERRALS", "dealType": "existingbusiness",
            "owner": "77", "ownerId": "77", "forecastCategory": "best_case", "outcome": "open",
            "stageEnteredAt": "2026-11-02T08:00:00.000Z",
            "stageHistory": [
                {"stage": "ffff0000_1111_2222_3333_444455556666", "enteredAt": "2026-09-01T08:00:00.000Z"},
                {"stage": "a1b2c3d4-0000-4000-8000-000000000001", "enteredAt": "2026-11-02T08:00:00.000Z"}
            ],
            "updatedAt": "2026-11-20T15:00:00.000Z",
            "custom": {"security_review__c": "passed"}
        }),
        "the stage whose id HubSpot wrote with _ is the current one when it matches dealstage; v2 dates win over v1"
    );
}

#[test]
fn hubspot_outcomes_from_the_closed_flags() {
    let outcome = |props: Value| {
        let mut record = json!({"id": "1", "properties": {"dealstage": "x"}});
        record["properties"].as_object_mut().unwrap().extend(props.as_object().unwrap().clone());
        hubspot::deal(&record, &hubspot::Options::default()).unwrap().get("outcome").cloned()
    };
    assert_eq!(outcome(json!({"hs_is_closed_won": "true"})), Some(json!("won")));
    assert_eq!(outcome(json!({"hs_is_closed_won": "false", "hs_is_closed": "true"})), Some(json!("lost")));
    assert_eq!(outcome(json!({"hs_is_closed_lost": "true"})), Some(json!("lost")));
    assert_eq!(outcome(json!({"hs_is_closed": "false"})), Some(json!("open")));
    assert_eq!(outcome(json!({"hs_is_closed_won": "false"})), None, "not won may be open or lost");
    assert_eq!(outcome(json!({})), None);
}

#[test]
fn blank_hubspot_properties_stay_absent() {
    let record = json!({"id": "1", "properties": {"dealname": "Blank", "amount": "", "closedate": null, "hs_next_step": "  ",
        "hs_is_closed_won": "", "hs_manual_forecast_category": ""}});
    let deal = hubspot::deal(&record, &hubspot::Options::default()).unwrap();
    assert_eq!(deal, json!({"id": "1", "name": "Blank"}));
}

#[test]
fn archived_and_deleted_records_say_so() {
    let record = json!({"id": "1", "properties": {"dealstage": "x"}, "archived": true, "archivedAt": "2026-11-01T00:00:00Z"});
    assert_eq!(hubspot::deal(&record, &hubspot::Options::default()).unwrap()["archived"], json!(true));
    let live = json!({"id": "1", "properties": {"dealstage": "x"}, "archived": false});
    assert_eq!(hubspot::deal(&live, &hubspot::Options::default()).unwrap().get("archived"), None);
    let deleted = json!({"attributes": {"type": "Opportunity"}, "Id": "006", "StageName": "Prospecting", "IsDeleted": true});
    assert_eq!(salesforce::opportunity(&deleted, &salesforce::Options::default()).unwrap()["archived"], json!(true));
}

#[test]
fn hubspot_values_that_cant_be_read_are_errors_at_their_path() {
    let cases = [
        ("amount", json!("1,200"), ErrorCode::InvalidNumber, "must be a number"),
        ("closedate", json!("11/24/2026"), ErrorCode::InvalidDate, "must be a date"),
        ("createdate", json!("1797724800"), ErrorCode::InvalidDate, "epoch seconds"),
        ("hs_is_closed_won", json!("yes"), ErrorCode::InvalidBoolean, "true or false"),
        ("hs_manual_forecast_category", json!("MAYBE"), ErrorCode::UnknownValue, "forecast category"),
        ("dealname", json!(["a"]), ErrorCode::InvalidText, "must be text"),
    ];
    for (name, value, code, says) in cases {
        let mut second = json!({"id": "2", "properties": {"dealstage": "appointmentscheduled"}});
        second["properties"][name] = value;
        let page = json!({"results": [{"id": "1", "properties": {"dealstage": "appointmentscheduled"}}, second]});
        let e = hubspot::deals(&page, &hubspot::Options::default()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, format!("$.results[1].properties.{name}").as_str()), "{name}");
        assert!(e.message.contains(says), "{name}: {}", e.message);
    }
    let mut record = full_deal();
    record["propertiesWithHistory"] = json!({"amount": [{"value": "1", "timestamp": "yesterday"}]});
    let e = hubspot::deal(&record, &hubspot::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidDate, "$.propertiesWithHistory.amount[0].timestamp"));
    let contact = json!({"id": "3", "properties": {"email": "a@b.co", "numemployees": "lots"}});
    let e = hubspot::contact(&contact, &hubspot::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidNumber, "$.properties.numemployees"));
}

#[test]
fn hubspot_records_of_the_wrong_kind_say_what_they_are() {
    let contact = json!({"id": "1", "properties": {"email": "maria@example.com", "firstname": "Maria"}});
    let e = hubspot::deals(&json!({"results": [contact.clone()]}), &hubspot::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$.results[0]"));
    assert_eq!(e.message, "this is a HubSpot contact (it has email, firstname), not a HubSpot deal: read it with hubspot.contact");
    let by_association = json!({"id": "1", "properties": {}, "associations": {"deals": {"results": [{"id": "9", "type": "contact_to_deal"}]}}});
    assert!(hubspot::deal(&by_association, &hubspot::Options::default()).unwrap_err().message.starts_with("this is a HubSpot contact"));
    let deal = json!({"id": "1", "properties": {"dealname": "x", "dealstage": "y"}});
    let e = hubspot::contact(&deal, &hubspot::Options::default()).unwrap_err();
    assert!(e.message.contains("HubSpot deal") && e.message.contains("hubspot.deal"), "{}", e.message);
    let company = json!({"id": "1", "properties": {"name": "Acme", "domain": "acme.io"}});
    assert!(hubspot::deal(&company, &hubspot::Options::default()).unwrap_err().message.contains("HubSpot company"));
    let salesforce = json!({"attributes": {"type": "Opportunity"}, "StageName": "Prospecting"});
    let e = hubspot::deal(&salesforce, &hubspot::Options::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::InvalidRecord);
    assert!(e.message.contains("Salesforce record") && e.message.contains("salesforce.opportunity"), "{}", e.message);
    let e = hubspot::deal(&json!({"results": []}), &hubspot::Options::default()).unwrap_err();
    assert!(e.message.contains("hubspot.deals"), "{}", e.message);
    let e = hubspot::deals(&deal, &hubspot::Options::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotAList);
    assert!(e.message.contains("singular"), "{}", e.message);
    let e = hubspot::deals(&json!([42]), &hubspot::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$[0]"));
    let e = hubspot::deal(&json!({"id": "1", "properties": {"hs_object_id": "1"}}), &hubspot::Options::default()).unwrap_err();
    assert!(e.message.contains("holds none of the fields pipescore reads (dealname, dealstage"), "{}", e.message);
}

#[test]
fn a_hubspot_contact_maps_every_property() {
    let record = json!({"id": "5", "properties": {
        "email": "ada@acme.io", "firstname": "Ada", "lastname": "Byron", "phone": "+44 20 7946 0000", "jobtitle": "Head of RevOps",
        "company": "Acme", "industry": "FINANCIAL_SERVICES", "numemployees": "1000+", "annualrevenue": "5000000", "country": "United Kingdom",
        "hs_analytics_source": "PAID_SEARCH", "lifecyclestage": "salesqualifiedlead", "hs_lead_status": "IN_PROGRESS",
        "createdate": "2026-10-01T09:00:00.000Z", "hs_email_optout": "true", "notes_last_contacted": "2026-11-03T10:00:00.000Z",
        "hs_analytics_num_page_views": "30", "hs_analytics_num_visits": "9", "num_conversion_events": "2", "hs_email_open": "6", "hs_email_click": "3",
        "hs_lifecyclestage_marketingqualifiedlead_date": "2026-10-05T09:00:00.000Z", "hs_v2_date_entered_salesqualifiedlead": "2026-10-20T09:00:00.000Z",
        "hs_date_entered_opportunity": "", "hs_lifecyclestage_customer_date": null, "hs_first_outreach_date": "2026-10-05T09:30:00.000Z",
        "hubspot_owner_id": "77", "hs_buying_role": "CHAMPION;BUDGET_HOLDER",
        "hs_analytics_first_visit_timestamp": "2026-10-01T08:55:00.000Z", "hs_analytics_first_url": "https://acme.example/blog",
        "first_conversion_date": "2026-10-01T09:00:00.000Z", "first_conversion_event_name": "Newsletter",
        "hs_email_last_click_date": "2026-11-01T08:00:00.000Z", "engagements_last_meeting_booked": "2026-10-19T13:00:00.000Z",
        "lastmodifieddate": "2026-11-03T10:00:00.000Z", "hs_object_id": "5"
    }});
    let lead = hubspot::contact(&record, &hubspot::Options::default()).unwrap();
    assert_eq!(
        lead,
        json!({
            "id": "5", "email": "ada@acme.io", "firstName": "Ada", "lastName": "Byron", "phone": "+44 20 7946 0000", "jobTitle": "Head of RevOps",
            "company": "Acme", "industry": "FINANCIAL_SERVICES", "employees": 1000, "annualRevenue": 5000000, "country": "United Kingdom",
            "source": "PAID_SEARCH", "lifecycleStage": "salesqualifiedlead", "leadStatus": "IN_PROGRESS", "createdAt": "2026-10-01T09:00:00.000Z",
            "unsubscribed": true, "lastActivityAt": "2026-11-03T10:00:00.000Z", "pageViews": 30, "visits": 9, "formSubmissions": 2,
            "emailOpens": 6, "emailClicks": 3, "mqlAt": "2026-10-05T09:00:00.000Z", "sqlAt": "2026-10-20T09:00:00.000Z",
            "firstContactAt": "2026-10-05T09:30:00.000Z", "owner": "77", "ownerId": "77",
            "buyingRole": "champion", "buyingRoles": ["champion", "economic_buyer"],
            "events": [
                {"type": "page_view", "at": "2026-10-01T08:55:00.000Z", "url": "https://acme.example/blog"},
                {"type": "form_submit", "at": "2026-10-01T09:00:00.000Z", "name": "Newsletter"},
                {"type": "meeting_booked", "at": "2026-10-19T13:00:00.000Z"},
                {"type": "email_click", "at": "2026-11-01T08:00:00.000Z"}
            ],
            "updatedAt": "2026-11-03T10:00:00.000Z"
        })
    );
}

#[test]
fn hubspot_engagements_as_activities() {
    let activity = |record: Value| hubspot::engagement(&record).unwrap();
    let email = json!({"id": "e1", "properties": {"hs_timestamp": "2026-11-20T10:00:00Z", "hs_email_direction": "INCOMING_EMAIL", "hs_email_subject": "Re: pricing"}});
    assert_eq!(activity(email), Some(json!({"id": "e1", "type": "email_received", "at": "2026-11-20T10:00:00.000Z", "subject": "Re: pricing"})));
    let no_show = json!({"id": "m1", "properties": {"hs_timestamp": "2026-11-20T10:00:00Z", "hs_meeting_outcome": "NO_SHOW"}});
    assert_eq!(activity(no_show).unwrap()["type"], json!("no_show"));
    let open_task = json!({"id": "t1", "properties": {"hs_timestamp": "2026-11-28T10:00:00Z", "hs_task_status": "NOT_STARTED"}});
    assert_eq!(activity(open_task), None, "a task not done is a plan, not an activity");
    let by_association = json!({"id": "n1", "properties": {"hs_timestamp": "2026-11-20T10:00:00Z"},
        "associations": {"deals": {"results": [{"id": "7", "type": "note_to_deal"}]}}});
    assert_eq!(activity(by_association).unwrap()["type"], json!("note"));
    let unknown = json!({"id": "x", "properties": {"hs_timestamp": "2026-11-20T10:00:00Z"}});
    let e = hubspot::engagement(&unknown).unwrap_err();
    assert!(e.message.contains("grouped by kind"), "{}", e.message);
    let undated = json!({"id": "c", "properties": {"hs_call_title": "Intro"}});
    assert_eq!(hubspot::engagement(&undated).unwrap_err().path, "$.properties.hs_timestamp");
    let grouped = json!({"calls": [{"id": "c2", "properties": {"hs_timestamp": "2026-11-20T10:00:00Z"}}],
        "tasks": {"results": [{"id": "t2", "properties": {"hs_timestamp": "2026-11-19T10:00:00Z", "hs_task_status": "COMPLETED"}}]}});
    let types: Vec<Value> = hubspot::engagements(&grouped).unwrap().into_iter().map(|a| a["type"].clone()).collect();
    assert_eq!(types, [json!("call"), json!("task")]);
    let e = hubspot::engagements(&json!({"letters": []})).unwrap_err();
    assert_eq!(e.path, "$.letters");
}

#[test]
fn hubspot_options_are_checked() {
    let e = hubspot::Options::from_json(&json!({"contact": []})).unwrap_err();
    assert_eq!(e.path, "$.contact");
    assert!(e.message.contains("contact"), "{}", e.message);
    let options = json!({"fields": {"pain_points": "painPoints"}});
    let options = hubspot::Options::from_json(&options).unwrap();
    let record = json!({"id": "1", "properties": {"dealstage": "x", "pain_points": "Manual forecasting", "other": "y"}});
    let deal = hubspot::deal(&record, &options).unwrap();
    assert_eq!((&deal["painPoints"], &deal["custom"]), (&json!("Manual forecasting"), &json!({"other": "y"})));
    let mut taken = FieldMap::new();
    taken.insert("amount_in_eur", "amount");
    let e = hubspot::deal(&record, &hubspot::Options { fields: taken, ..hubspot::Options::default() }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidOption, "$.fields.amount_in_eur"));
    let e = hubspot::Options::from_json(&json!({"fields": {"x": "a.b"}})).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidOption, "$.fields.x"));
    let engagements = json!([]);
    let options = hubspot::Options { engagements: Some(&engagements), ..hubspot::Options::default() };
    let e = hubspot::contact(&json!({"id": "1", "properties": {"email": "a@b.co"}}), &options).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidOption, "$.engagements"));
    assert!(hubspot::Options::from_json(&Value::Null).is_ok());
}

/// A Salesforce Opportunity with every field the adapter maps.
fn full_opportunity() -> Value {
    json!({
        "attributes": {"type": "Opportunity", "url": "/services/data/v62.0/sobjects/Opportunity/006A"},
        "Id": "006A", "Name": "Initech renewal", "StageName": "Negotiation/Review", "Amount": 50000.0, "CurrencyIsoCode": "EUR",
        "CloseDate": "2026-12-15", "CreatedDate": "2026-09-01T08:00:00.000+0000", "Probability": 90.0, "NextStep": "Redlines",
        "LastActivityDate": "2026-11-20", "LeadSource": "Web", "Type": "Existing Customer - Upgrade",
        "LastStageChangeDate": "2026-11-02T08:00:00.000+0000", "LastModifiedDate": "2026-11-20T15:00:00.000+0000",
        "ForecastCategoryName": "Commit", "IsClosed": false, "IsWon": false, "OwnerId": "005A",
        "Owner": {"attributes": {"type": "User"}, "Name": "Sam Rivera"},
        "Account": {"attributes": {"type": "Account"}, "Name": "Initech", "Industry": "Finance", "Website": "initech.example"},
        "Loss_Reason__c": null, "Security_Review__c": "Passed"
    })
}

#[test]
fn a_salesforce_opportunity_maps_every_field_in_rest_and_ui_api_shapes() {
    let expected = json!({
        "id": "006A", "name": "Initech renewal", "stage": "Negotiation/Review", "amount": 50000, "currency": "EUR",
        "closeDate": "2026-12-15", "createdAt": "2026-09-01T08:00:00.000Z", "probability": 0.9, "nextStep": "Redlines",
        "lastActivityAt": "2026-11-20", "source": "Web", "dealType": "Existing Customer - Upgrade",
        "stageEnteredAt": "2026-11-02T08:00:00.000Z", "updatedAt": "2026-11-20T15:00:00.000Z", "company": "Initech", "industry": "Finance",
        "owner": "Sam Rivera", "ownerId": "005A", "forecastCategory": "commit", "outcome": "open",
        "custom": {"Security_Review__c": "Passed"}
    });
    assert_eq!(salesforce::opportunity(&full_opportunity(), &salesforce::Options::default()).unwrap(), expected);
    // The same record from the UI API, each field { value, displayValue }.
    let rest = full_opportunity();
    let mut fields = serde_json::Map::new();
    for (name, value) in rest.as_object().unwrap().iter().filter(|(k, _)| !matches!(k.as_str(), "attributes" | "Id" | "Owner" | "Account")) {
        fields.insert(name.clone(), json!({"value": value, "displayValue": null}));
    }
    fields.insert("Owner".into(), json!({"value": {"apiName": "User", "fields": {"Name": {"value": "Sam Rivera", "displayValue": null}}}, "displayValue": "Sam Rivera"}));
    fields.insert("Account".into(), json!({"value": {"apiName": "Account", "fields": {"Name": {"value": "Initech", "displayValue": null},
        "Industry": {"value": "Finance", "displayValue": "Finance"}, "Website": {"value": "initech.example", "displayValue": null}}}, "displayValue": "Initech"}));
    let ui = json!({"apiName": "Opportunity", "id": "006A", "fields": fields});
    assert_eq!(salesforce::opportunity(&ui, &salesforce::Options::default()).unwrap(), expected);
    let mut map = FieldMap::new();
    map.insert("Account.Website", "website");
    let deal = salesforce::opportunity(&full_opportunity(), &salesforce::Options { fields: map, ..salesforce::Options::default() }).unwrap();
    assert_eq!(deal["website"], json!("initech.example"));
}

#[test]
fn salesforce_values_that_cant_be_read_are_errors_at_their_path() {
    let cases = [
        ("Amount", json!("1,200"), ErrorCode::InvalidNumber),
        ("Probability", json!(120), ErrorCode::InvalidNumber),
        ("CloseDate", json!("15/12/2026"), ErrorCode::InvalidDate),
        ("IsWon", json!("Y"), ErrorCode::InvalidBoolean),
        ("ForecastCategoryName", json!("Upside Maybe"), ErrorCode::UnknownValue),
    ];
    for (name, value, code) in cases {
        let mut second = full_opportunity();
        second[name] = value;
        let query = json!({"totalSize": 2, "done": true, "records": [full_opportunity(), second]});
        let e = salesforce::opportunities(&query, &salesforce::Options::default()).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, format!("$.records[1].{name}").as_str()), "{name}");
    }
    let ui = json!({"apiName": "Opportunity", "id": "006A", "fields": {"Amount": {"value": "lots", "displayValue": "lots"}}});
    let e = salesforce::opportunity(&ui, &salesforce::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidNumber, "$.fields.Amount.value"));
    let graphql = json!({"uiapi": {"query": {"Opportunity": {"edges": [{"node": {"Id": "1", "CloseDate": {"value": "soon"}}}]}}}});
    let e = salesforce::opportunities(&graphql, &salesforce::Options::default()).unwrap_err();
    assert_eq!(e.path, "$.uiapi.query.Opportunity.edges[0].node.CloseDate.value");
    let blank = json!({"attributes": {"type": "Opportunity"}, "Id": "006B", "StageName": "Prospecting", "Amount": null, "NextStep": ""});
    assert_eq!(salesforce::opportunity(&blank, &salesforce::Options::default()).unwrap(), json!({"id": "006B", "stage": "Prospecting"}));
}

#[test]
fn salesforce_records_of_the_wrong_kind_say_what_they_are() {
    let lead = json!({"attributes": {"type": "Lead"}, "Id": "00Q", "Company": "Acme", "Status": "Open - Not Contacted"});
    let query = json!({"totalSize": 2, "done": true, "records": [full_opportunity(), lead.clone()]});
    let e = salesforce::opportunities(&query, &salesforce::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$.records[1]"));
    assert_eq!(e.message, "this is a Salesforce Lead record, not an Opportunity: read it with salesforce.lead");
    let e = salesforce::lead(&full_opportunity(), &salesforce::Options::default()).unwrap_err();
    assert!(e.message.contains("salesforce.opportunity"), "{}", e.message);
    let graphql = json!({"uiapi": {"query": {"Lead": {"edges": [{"node": {"Company": {"value": "Acme"}}}]}}}});
    assert_eq!(salesforce::opportunities(&graphql, &salesforce::Options::default()).unwrap_err().path, "$.uiapi.query.Lead.edges[0].node");
    let hubspot = json!({"id": "1", "properties": {"dealstage": "closedwon"}});
    let e = salesforce::opportunity(&hubspot, &salesforce::Options::default()).unwrap_err();
    assert!(e.message.contains("HubSpot") && e.message.contains("hubspot.deal"), "{}", e.message);
    let e = salesforce::opportunities(&json!({"results": [hubspot]}), &salesforce::Options::default()).unwrap_err();
    assert!(e.message.contains("HubSpot list page"), "{}", e.message);
    let e = salesforce::opportunities(&full_opportunity(), &salesforce::Options::default()).unwrap_err();
    assert_eq!(e.code, ErrorCode::NotAList);
    let e = salesforce::opportunity(&json!({"attributes": {"type": "Opportunity"}, "Name": "Only a name"}), &salesforce::Options::default()).unwrap_err();
    assert!(e.message.contains("holds none of the fields pipescore reads (StageName"), "{}", e.message);
}

#[test]
fn salesforce_joins_match_by_opportunity_id_in_either_length() {
    let roles = json!([{"attributes": {"type": "OpportunityContactRole"}, "OpportunityId": "0064600000J5S5T", "ContactId": "003A", "Role": "Decision Maker"},
        {"attributes": {"type": "OpportunityContactRole"}, "OpportunityId": "0064600000J5S5UAAV", "ContactId": "003B", "Role": "Influencer"}]);
    let opportunities = json!([
        {"attributes": {"type": "Opportunity"}, "Id": "0064600000J5S5TAAV", "StageName": "Prospecting"},
        {"attributes": {"type": "Opportunity"}, "Id": "0064600000J5S5UAAV", "StageName": "Prospecting"}
    ]);
    let options = salesforce::Options { contact_roles: Some(&roles), ..salesforce::Options::default() };
    let deals = salesforce::opportunities(&opportunities, &options).unwrap();
    assert_eq!(deals[0]["contacts"], json!([{"id": "003A", "role": "decision_maker"}]));
    assert_eq!(deals[1]["contacts"], json!([{"id": "003B", "role": "influencer"}]));
    let unmatched = json!([{"attributes": {"type": "OpportunityContactRole"}, "ContactId": "003C", "Role": "Other"}]);
    let options = salesforce::Options { contact_roles: Some(&unmatched), ..salesforce::Options::default() };
    let e = salesforce::opportunities(&opportunities, &options).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$.contactRoles[0]"));
    assert!(e.message.contains("OpportunityId"), "{}", e.message);
    let one = salesforce::opportunity(&opportunities[0], &options).unwrap();
    assert_eq!(one["contacts"], json!([{"id": "003C", "role": "other"}]), "for one opportunity, the roles given are its own");
    let wrong = json!([{"attributes": {"type": "Task"}, "OpportunityId": "0064600000J5S5T"}]);
    let options = salesforce::Options { history: Some(&wrong), ..salesforce::Options::default() };
    assert_eq!(salesforce::opportunities(&opportunities, &options).unwrap_err().path, "$.history[0]");
}

#[test]
fn salesforce_activities_by_type() {
    let records = json!({"totalSize": 5, "done": true, "records": [
        {"attributes": {"type": "Task"}, "Id": "1", "TaskSubtype": "Call", "CallType": "Inbound", "ActivityDate": "2026-11-20", "IsClosed": true},
        {"attributes": {"type": "Task"}, "Id": "2", "TaskSubtype": "Email", "ActivityDate": "2026-11-19", "Status": "Completed"},
        {"attributes": {"type": "Task"}, "Id": "3", "Type": "Other", "CreatedDate": "2026-11-18T10:00:00.000+0000"},
        {"attributes": {"type": "Event"}, "Id": "4", "StartDateTime": "2026-11-17T10:00:00.000+0000"},
        {"attributes": {"type": "Task"}, "Id": "5", "IsClosed": false, "ActivityDate": "2026-11-30"}
    ]});
    let activities = salesforce::activities(&records).unwrap();
    let seen: Vec<(Value, Value)> = activities.iter().map(|a| (a["type"].clone(), a["at"].clone())).collect();
    assert_eq!(seen, [
        (json!("inbound_call"), json!("2026-11-20")),
        (json!("email"), json!("2026-11-19")),
        (json!("task"), json!("2026-11-18T10:00:00.000Z")),
        (json!("meeting"), json!("2026-11-17T10:00:00.000Z"))
    ]);
    let e = salesforce::activities(&json!([{"attributes": {"type": "Event"}, "Id": "6"}])).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$[0]"));
}

#[test]
fn salesforce_options_are_checked() {
    let e = salesforce::Options::from_json(&json!({"contactRole": []})).unwrap_err();
    assert_eq!(e.path, "$.contactRole");
    let history = json!([]);
    let options = salesforce::Options { history: Some(&history), ..salesforce::Options::default() };
    let lead = json!({"attributes": {"type": "Lead"}, "Company": "Acme"});
    let e = salesforce::lead(&lead, &options).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidOption, "$.history"));
    let options = json!({"history": history, "fields": {"Loss_Reason__c": "lossReason"}});
    let options = salesforce::Options::from_json(&options).unwrap();
    assert!(options.history.is_some());
    let mut lost = full_opportunity();
    lost["Loss_Reason__c"] = json!("Price");
    assert_eq!(salesforce::opportunity(&lost, &options).unwrap()["lossReason"], json!("Price"));
}
