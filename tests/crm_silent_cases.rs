//! The silent wrong answers of issue 19 that come from CRM records passed without an adapter,
//! and the CRM vocabularies of the default lead model: each now gets the right number or an
//! error once the records go through `pipescore::crm`.

mod crm_support;

use crm_support::at;
use pipescore::crm::{hubspot, salesforce};
use pipescore::gates::Pipeline;
use pipescore::health::{DealHealth, ScoreOptions};
use pipescore::metrics::compute_from_json;
use pipescore::scoring::{LeadScorer, Mode};
use pipescore::ErrorCode;
use serde_json::{json, Value};

/// A HubSpot contact as the contacts API returns it.
fn hubspot_contact() -> Value {
    json!({"id": "301", "properties": {"email": "ravi@globex.example", "jobtitle": "Director of Finance", "industry": "FINANCIAL_SERVICES",
        "numemployees": "500-1000", "country": "USA", "hs_analytics_source": "PAID_SEARCH"},
        "createdAt": "2026-11-01T09:00:00Z", "updatedAt": "2026-11-01T09:00:00Z", "archived": false})
}

/// The rules that fire for `lead` with the default model, sorted.
fn fired(lead: &Value) -> Vec<String> {
    let scorer = LeadScorer::with_default_model().unwrap();
    let score = scorer.score(lead, at("2026-11-24"), Mode::Strict).unwrap();
    let mut rules: Vec<String> = score.contributions.iter().map(|c| c.rule.to_owned()).collect();
    rules.sort();
    rules
}

#[test]
fn a_hubspot_contact_and_a_list_page_score_their_fit() {
    // Director 15, FINANCIAL_SERVICES 10, at least 500 employees (mid-market) 15, "USA" 5: 45.
    let scorer = LeadScorer::with_default_model().unwrap();
    let lead = hubspot::contact(&hubspot_contact(), &hubspot::Options::default()).unwrap();
    let score = scorer.score(&lead, at("2026-11-24"), Mode::Strict).unwrap();
    assert_eq!((score.score, score.fit, score.grade), (45, 45, "A4"));
    let page = json!({"results": [hubspot_contact(), hubspot_contact()], "paging": {"next": {"after": "302"}}});
    for lead in hubspot::contacts(&page, &hubspot::Options::default()).unwrap() {
        assert_eq!(scorer.score(&lead, at("2026-11-24"), Mode::Strict).unwrap().score, 45);
    }
}

#[test]
fn a_hubspot_deal_is_checked_against_its_own_pipeline() {
    let deal = hubspot::deal(
        &json!({"id": "9", "properties": {"dealname": "Globex", "pipeline": "default", "dealstage": "appointmentscheduled", "amount": "500"}}),
        &hubspot::Options::default(),
    )
    .unwrap();
    // `pipeline: "default"` resolves to HubSpot's default sales pipeline.
    let pipeline = Pipeline::compile(&hubspot::default_pipeline()).unwrap();
    assert_eq!(pipeline.pipeline_of(&deal).unwrap().id, "default");
    // Moving on needs an associated contact and a logged meeting: 0 of 2, not allowed.
    let verdict = pipeline.check_move(&deal, "qualifiedtobuy", at("2026-11-24")).unwrap();
    assert!(!verdict.allowed);
    let reasons: Vec<_> = verdict.reasons.iter().filter_map(|r| r.criterion.as_deref()).collect();
    assert_eq!(reasons, ["contact_associated", "first_meeting_logged"]);
    // HubSpot's pipeline has no "discovery" stage: an error naming the stages, not a yes.
    let e = pipeline.check_move(&deal, "discovery", at("2026-11-24")).unwrap_err();
    assert_eq!(e.code, ErrorCode::UnknownStage);
    assert!(e.message.contains("appointmentscheduled"), "{}", e.message);
    // HubSpot's "500" is the number 500 for every engine.
    assert_eq!(deal["amount"], json!(500));
    let health = DealHealth::with_pipeline(&Value::Null, pipeline).unwrap();
    assert!(health.score(&deal, at("2026-11-24"), &ScoreOptions::default()).is_ok());
}

#[test]
fn salesforce_closed_won_counts_as_won() {
    let query = json!({"totalSize": 3, "done": true, "records": [
        {"attributes": {"type": "Opportunity"}, "Id": "006A", "StageName": "Closed Won", "Amount": 220000.0, "CloseDate": "2018-07-06", "IsClosed": true, "IsWon": true},
        {"attributes": {"type": "Opportunity"}, "Id": "006B", "StageName": "Closed Won", "Amount": 85000.0, "CloseDate": "2018-08-13", "IsClosed": true, "IsWon": true},
        {"attributes": {"type": "Opportunity"}, "Id": "006C", "StageName": "Qualification", "Amount": 15000.0, "CloseDate": "2018-08-22", "IsClosed": false, "IsWon": false}
    ]});
    let deals = salesforce::opportunities(&query, &salesforce::Options::default()).unwrap();
    let m = serde_json::to_value(compute_from_json(&json!({"deals": deals}), &Value::Null, at("2018-09-01")).unwrap()).unwrap();
    assert_eq!(m["won"], json!({"count": 2, "value": 305000.0}));
}

#[test]
fn epoch_seconds_from_a_crm_are_an_error_not_1970() {
    let record = json!({"id": "1", "properties": {"dealstage": "appointmentscheduled", "closedate": 1797724800}});
    let e = hubspot::deal(&record, &hubspot::Options::default()).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidDate, "$.properties.closedate"));
    assert!(e.message.contains("epoch seconds"), "{}", e.message);
}

#[test]
fn countries_by_name_or_code() {
    for country in ["US", "USA", "United States", "United States of America", "united kingdom", "UK", "GBR", "Deutschland", "The Netherlands", "NZL"] {
        assert_eq!(fired(&json!({"country": country})), ["target_country"], "{country}");
    }
    for country in ["Brazil", "BR", "India", "Untied States"] {
        assert!(fired(&json!({"country": country})).is_empty(), "{country}");
    }
}

#[test]
fn industries_in_hubspots_enumeration_and_salesforces_labels() {
    for industry in ["COMPUTER_SOFTWARE", "INTERNET", "INFORMATION_TECHNOLOGY_AND_SERVICES", "COMPUTER_NETWORK_SECURITY", "COMPUTER_NETWORKING",
        "FINANCIAL_SERVICES", "Technology", "Finance", "Computer Software", "Financial Services"] {
        assert_eq!(fired(&json!({"industry": industry})), ["target_industry"], "{industry}");
    }
    for industry in ["RETAIL", "HOSPITAL_HEALTH_CARE", "Healthcare", "Retail", "Manufacturing", "CONSTRUCTION"] {
        assert!(fired(&json!({"industry": industry})).is_empty(), "{industry}");
    }
}

#[test]
fn lead_sources_in_both_crms_vocabularies() {
    for source in ["Purchased List", "purchased_list", "PURCHASED_LIST"] {
        assert_eq!(fired(&json!({"source": source})), ["purchased_list"], "{source}");
    }
    // Salesforce's other LeadSource labels and HubSpot's hs_analytics_source values are not
    // scored by the default model (it has no rule on them).
    for source in ["Web", "Phone Inquiry", "Partner Referral", "Other", "ORGANIC_SEARCH", "PAID_SEARCH", "EMAIL_MARKETING", "SOCIAL_MEDIA",
        "REFERRALS", "OTHER_CAMPAIGNS", "DIRECT_TRAFFIC", "OFFLINE", "PAID_SOCIAL"] {
        assert!(fired(&json!({"source": source})).is_empty(), "{source}");
    }
}

#[test]
fn decision_making_buying_roles_count_as_senior() {
    for role in ["decision_maker", "DECISION_MAKER", "BUDGET_HOLDER", "EXECUTIVE_SPONSOR", "Decision Maker", "Economic Buyer", "economic_buyer",
        "Economic Decision Maker"] {
        assert_eq!(fired(&json!({"buyingRole": role})), ["senior_title"], "{role}");
    }
    for role in ["champion", "CHAMPION", "INFLUENCER", "END_USER", "BLOCKER", "Technical Buyer", "Business User"] {
        assert!(fired(&json!({"buyingRole": role})).is_empty(), "{role}");
    }
    // Through the adapter: CHAMPION first, DECISION_MAKER second still counts.
    let record = json!({"id": "1", "properties": {"email": "a@globex.example", "hs_buying_role": "CHAMPION;DECISION_MAKER"}});
    let lead = hubspot::contact(&record, &hubspot::Options::default()).unwrap();
    assert_eq!((&lead["buyingRole"], &lead["buyingRoles"]), (&json!("champion"), &json!(["champion", "decision_maker"])));
    assert_eq!(fired(&lead), ["senior_title"]);
    // A VP who is also the decision maker is one senior decision maker: 15 points, once.
    assert_eq!(fired(&json!({"jobTitle": "VP Sales", "buyingRole": "DECISION_MAKER"})), ["senior_title"]);
}
