//! HubSpot records through the adapter and then every engine, with the numbers a sales-ops
//! person works out by hand from the records: the payloads in `shared/data/crm/api/hubspot/`
//! (skipped with a message when absent), and records in HubSpot's documented v3 shape where a
//! payload lacks what a figure needs (stage history, buying roles, engagements).

mod crm_support;

use crm_support::{at, close, payload};
use pipescore::crm::hubspot::{self, Options};
use pipescore::gates::Pipeline;
use pipescore::health::{Band, DealHealth, ScoreOptions};
use pipescore::metrics::compute_from_json;
use pipescore::scoring::{LeadScorer, Mode};
use serde_json::{json, Value};

/// The health factor of `signal` in a report, as JSON.
fn factor(report: &pipescore::health::DealHealthReport, signal: &str) -> Value {
    let report = serde_json::to_value(report).unwrap();
    let found = report["factors"].as_array().unwrap().iter().find(|f| f["signal"] == signal).cloned();
    found.unwrap_or_else(|| panic!("no factor {signal} in {report}"))
}

/// The stage table of a pipeline config, as metrics' `stages` option takes it.
fn stages_of(config: &Value) -> Value {
    serde_json::to_value(Pipeline::compile(config).unwrap().pipelines()[0].stages()).unwrap()
}

#[test]
fn the_deals_list_page_resolves_its_default_pipeline_and_counts_its_open_pipeline() {
    let Some(page) = payload("hubspot/hubspot_v3_deals_list_page.json") else { return };
    let Some(pipelines) = payload("hubspot/DERIVED_hubspot_v3_pipelines_deals.json") else { return };
    let deals = hubspot::deals(&page, &Options::default()).unwrap();
    assert_eq!(
        deals[0],
        json!({"id": "6744192456", "name": "With Atul", "pipeline": "default", "stage": "qualifiedtobuy", "amount": 500,
            "createdAt": "2023-02-24T03:01:01.147Z", "updatedAt": "2023-02-24T03:01:01.711Z"}),
        "closedate is null in the payload, so the deal has no closeDate"
    );
    assert_eq!(deals[1]["amount"], json!(3233));

    // The portal's own pipelines: "default" resolves, and both deals are in Qualified To Buy (40%).
    let from_portal = Pipeline::compile(&hubspot::pipelines(&pipelines, &Value::Null).unwrap()).unwrap();
    for deal in &deals {
        let check = from_portal.check(deal, at("2023-03-10")).unwrap();
        assert_eq!((check.pipeline, check.stage.id.as_str(), check.stage.label.as_str()), ("default", "qualifiedtobuy", "Qualified To Buy"));
        assert_eq!(check.stage.probability, 0.4);
    }

    // Metrics with the portal's stage table: nothing won; 2 open deals worth 500 + 3233 = 3733;
    // weighted at Qualified To Buy's 40%: 0.4 × 3733 = 1493.2.
    let options = json!({"stages": stages_of(&hubspot::pipelines(&pipelines, &Value::Null).unwrap()["pipelines"][0])});
    let m = serde_json::to_value(compute_from_json(&json!({"deals": deals}), &options, at("2023-03-10")).unwrap()).unwrap();
    assert_eq!(m["won"], json!({"count": 0, "value": 0.0}));
    assert_eq!((&m["pipeline"]["count"], &m["pipeline"]["value"]), (&json!(2), &json!(3733.0)));
    assert!(close(m["forecast"]["weighted"].as_f64().unwrap(), 1493.2));
}

#[test]
fn the_deals_list_page_against_the_default_pipeline_preset() {
    let Some(page) = payload("hubspot/hubspot_v3_deals_list_page.json") else { return };
    let deals = hubspot::deals(&page, &Options::default()).unwrap();
    let preset = Pipeline::compile(&hubspot::default_pipeline()).unwrap();
    let now = at("2023-03-10T03:01:01.147Z");

    // Qualified To Buy asks for an amount (500: met), a close date (null: unmet) and a decision
    // maker among the contacts (none associated: unmet); the champion is only recommended.
    // 1 of 3 required criteria: 33%.
    let check = preset.check(&deals[0], now).unwrap();
    let unmet: Vec<_> = check.exit.unmet.iter().filter_map(|c| c.id.as_deref()).collect();
    assert_eq!(unmet, ["close_date", "decision_maker", "champion"]);
    assert_eq!((check.exit.completeness, check.ready_to_advance), (33, false));
    let verdict = preset.check_move(&deals[0], "presentationscheduled", now).unwrap();
    assert!(!verdict.allowed);
    let reasons: Vec<_> = verdict.reasons.iter().filter_map(|r| r.criterion.as_deref()).collect();
    assert_eq!(reasons, ["close_date", "decision_maker"]);

    // Deal health: the deal was created 14 days before now; the preset's typical cycle is the
    // sum of its expected stage days, 7 + 14 + 10 + 10 + 10 = 51; days in stage can't be known
    // (the payload has no stage history), so that signal is skipped.
    let health = DealHealth::with_pipeline(&Value::Null, preset).unwrap();
    let report = health.score(&deals[0], now, &ScoreOptions::default()).unwrap();
    let age = factor(&report, "deal_age");
    assert_eq!((&age["detail"]["ageDays"], &age["detail"]["cycleDays"]), (&json!(14.0), &json!(51.0)));
    assert!(report.skipped.iter().any(|s| s.signal == "stage_duration"));
}

/// A deal in HubSpot's documented shape with the history a real portal returns when asked
/// (`propertiesWithHistory=dealstage,closedate,amount`) and its associations.
fn presentation_deal() -> Value {
    json!({
        "id": "7001",
        "properties": {
            "dealname": "Acme expansion", "pipeline": "default", "dealstage": "presentationscheduled",
            "amount": "48000.00", "closedate": "2026-12-15T00:00:00.000Z", "createdate": "2026-10-01T09:00:00.000Z",
            "hs_next_step": "Send the proposal", "notes_last_contacted": "2026-11-20T15:00:00.000Z",
            "num_associated_contacts": "2", "hubspot_owner_id": "52368047", "hs_is_closed": "false", "hs_is_closed_won": "false",
            "hs_lastmodifieddate": "2026-11-20T15:00:00.000Z", "hs_object_id": "7001", "budget_range": "40-60k"
        },
        "propertiesWithHistory": {
            "dealstage": [
                {"value": "presentationscheduled", "timestamp": "2026-11-10T09:00:00.000Z", "sourceType": "CRM_UI"},
                {"value": "qualifiedtobuy", "timestamp": "2026-10-15T09:00:00.000Z", "sourceType": "CRM_UI"},
                {"value": "appointmentscheduled", "timestamp": "2026-10-01T09:00:00.000Z", "sourceType": "CRM_UI"}
            ],
            "closedate": [
                {"value": "2026-12-15T00:00:00.000Z", "timestamp": "2026-11-10T09:00:00.000Z", "sourceType": "CRM_UI"},
                {"value": "2026-11-30T00:00:00.000Z", "timestamp": "2026-10-01T09:00:00.000Z", "sourceType": "CRM_UI"}
            ],
            "amount": [
                {"value": "48000.00", "timestamp": "2026-11-10T09:00:00.000Z", "sourceType": "CRM_UI"},
                {"value": "60000.00", "timestamp": "2026-10-15T09:00:00.000Z", "sourceType": "CRM_UI"}
            ]
        },
        "associations": {
            "contacts": {"results": [{"id": "901", "type": "deal_to_contact"}, {"id": "902", "type": "deal_to_contact"}]},
            "meetings": {"results": [{"id": "m1", "type": "deal_to_meeting"}]},
            "calls": {"results": [{"id": "c1", "type": "deal_to_call"}]}
        },
        "createdAt": "2026-10-01T09:00:00.000Z", "updatedAt": "2026-11-20T15:00:00.000Z", "archived": false
    })
}

/// A contact in HubSpot's documented shape, with the properties the default lead model and the
/// funnel read.
fn dana() -> Value {
    json!({
        "id": "901",
        "properties": {
            "email": "dana@acme.io", "firstname": "Dana", "lastname": "Lee", "jobtitle": "VP of Sales", "company": "Acme",
            "industry": "COMPUTER_SOFTWARE", "numemployees": "100-500", "annualrevenue": "30000000", "country": "United States",
            "hs_analytics_source": "ORGANIC_SEARCH", "lifecyclestage": "marketingqualifiedlead", "hs_buying_role": "DECISION_MAKER",
            "hs_lifecyclestage_lead_date": "2026-10-01T09:00:00.000Z",
            "hs_lifecyclestage_marketingqualifiedlead_date": "2026-11-10T09:00:00.000Z",
            "hs_analytics_num_page_views": "12", "hs_analytics_num_visits": "4", "num_conversion_events": "1",
            "hs_analytics_last_visit_timestamp": "2026-11-22T10:00:00.000Z", "hs_analytics_last_url": "https://acme.example/pricing",
            "recent_conversion_date": "2026-11-19T10:00:00.000Z", "recent_conversion_event_name": "Contact us",
            "hs_email_optout": "false", "hubspot_owner_id": "52368047", "createdate": "2026-10-01T09:00:00.000Z",
            "notes_last_contacted": "2026-11-20T16:00:00.000Z"
        },
        "createdAt": "2026-10-01T09:00:00.000Z", "updatedAt": "2026-11-22T10:00:00.000Z", "archived": false
    })
}

/// The deal's meeting and call, as the engagements API lists them by kind.
fn engagements() -> Value {
    json!({
        "meetings": {"results": [{"id": "m1", "properties": {"hs_timestamp": "2026-11-12T15:00:00.000Z", "hs_meeting_title": "Presentation",
            "hs_meeting_outcome": "COMPLETED"}, "associations": {"contacts": {"results": [{"id": "901", "type": "meeting_event_to_contact"}]}}}]},
        "calls": {"results": [{"id": "c1", "properties": {"hs_timestamp": "2026-11-20T16:00:00.000Z", "hs_call_title": "Dana called back",
            "hs_call_direction": "INBOUND"}, "associations": {"contacts": {"results": [{"id": "901", "type": "call_to_contact"}]}}}]}
    })
}

#[test]
fn a_deal_with_history_gives_days_in_stage_pushes_and_amount_drop_by_hand() {
    let (contacts, engagements) = (json!({"results": [dana()]}), engagements());
    let owners = json!({"results": [{"id": "52368047", "firstName": "Sam", "lastName": "Rivera", "email": "sam@seller.example"}]});
    let options = Options { contacts: Some(&contacts), engagements: Some(&engagements), owners: Some(&owners), ..Options::default() };
    let deal = hubspot::deal(&presentation_deal(), &options).unwrap();
    assert_eq!(deal["stageEnteredAt"], Value::Null, "no hs_v2_date_entered_ property: the history says it");
    assert_eq!(
        deal["stageHistory"],
        json!([
            {"stage": "appointmentscheduled", "enteredAt": "2026-10-01T09:00:00.000Z"},
            {"stage": "qualifiedtobuy", "enteredAt": "2026-10-15T09:00:00.000Z"},
            {"stage": "presentationscheduled", "enteredAt": "2026-11-10T09:00:00.000Z"}
        ])
    );
    assert_eq!((&deal["owner"], &deal["ownerId"], &deal["outcome"]), (&json!("Sam Rivera"), &json!("52368047"), &json!("open")));
    assert_eq!(deal["contacts"], json!([
        {"id": "901", "name": "Dana Lee", "email": "dana@acme.io", "role": "decision_maker", "lastActivityAt": "2026-11-20T16:00:00.000Z"},
        {"id": "902"}
    ]));
    assert_eq!(deal["activities"], json!([
        {"id": "m1", "type": "meeting", "at": "2026-11-12T15:00:00.000Z", "contact": "901", "subject": "Presentation"},
        {"id": "c1", "type": "inbound_call", "at": "2026-11-20T16:00:00.000Z", "contact": "901", "subject": "Dana called back"}
    ]));
    assert_eq!(deal["custom"], json!({"budget_range": "40-60k"}));
    assert_eq!(deal["fieldUpdatedAt"]["stage"], json!("2026-11-10T09:00:00.000Z"));

    let now = at("2026-11-24T09:00:00Z");
    let preset = Pipeline::compile(&hubspot::default_pipeline()).unwrap();
    // Presentation Scheduled: the presentation was logged 12 days ago (within 30) and the next
    // step is set: 2 of 2 required criteria; the budget holder is recommended and missing.
    let check = preset.check(&deal, now).unwrap();
    assert_eq!((check.exit.completeness, check.ready_to_advance), (100, true));
    let unmet: Vec<_> = check.exit.unmet.iter().filter_map(|c| c.id.as_deref()).collect();
    assert_eq!(unmet, ["budget_holder"]);
    let verdict = preset.check_move(&deal, "decisionmakerboughtin", now).unwrap();
    assert!(verdict.allowed, "{:?}", verdict.reasons);

    let health = DealHealth::with_pipeline(&Value::Null, preset).unwrap();
    let report = health.score(&deal, now, &ScoreOptions::default()).unwrap();
    // In Presentation Scheduled since 2026-11-10T09:00Z: 14 days against 10 expected, 1.4×;
    // the curve gives 1 up to 1× and 0 from 2.5×: 1 − 0.4 / 1.5 = 0.733.
    let stage = factor(&report, "stage_duration");
    assert_eq!(stage["detail"], json!({"daysInStage": 14.0, "expectedDays": 10.0, "ratio": 1.4}));
    assert_eq!(stage["subScore"], json!(0.733));
    // The close date moved from 2026-11-30 to 2026-12-15: 1 push.
    assert_eq!(factor(&report, "close_date_pushes")["detail"]["pushes"], json!(1));
    // The amount fell from 60000 to 48000: 20% below its peak; 1 at 0%, 0 at 50%: 0.6.
    let amount = factor(&report, "amount_changes");
    assert_eq!((&amount["detail"]["decreasePercent"], &amount["subScore"]), (&json!(20.0), &json!(0.6)));
    // Latest activity: the inbound call at 2026-11-20T16:00Z, 3 days 17 hours before now
    // (3.708, shown to 2 decimals); created 2026-10-01T09:00Z, 30 + 24 = 54 days ago.
    let last = factor(&report, "last_activity");
    assert_eq!(last["detail"], json!({"activities": 2, "daysSinceCreated": 54.0, "daysSinceLastActivity": 3.71}));
    // Of decision maker, champion and economic buyer, the contacts have the decision maker.
    let roles = factor(&report, "buyer_roles");
    assert_eq!(roles["detail"], json!({"present": ["decision_maker"], "missing": ["champion", "economic_buyer"]}));
    assert_ne!(report.band, Band::Closed);
}

#[test]
fn a_won_deal_gives_days_in_each_stage_and_the_won_value() {
    let won = json!({
        "id": "7002",
        "properties": {"dealname": "Globex", "pipeline": "default", "dealstage": "closedwon", "amount": "36000",
            "closedate": "2026-10-12T00:00:00.000Z", "createdate": "2026-09-01T00:00:00.000Z", "hs_is_closed_won": "true", "hs_is_closed": "true"},
        "propertiesWithHistory": {"dealstage": [
            {"value": "closedwon", "timestamp": "2026-10-12T00:00:00.000Z"},
            {"value": "contractsent", "timestamp": "2026-10-05T00:00:00.000Z"},
            {"value": "presentationscheduled", "timestamp": "2026-09-25T00:00:00.000Z"},
            {"value": "qualifiedtobuy", "timestamp": "2026-09-11T00:00:00.000Z"},
            {"value": "appointmentscheduled", "timestamp": "2026-09-01T00:00:00.000Z"}
        ]}
    });
    let Some(page) = payload("hubspot/hubspot_v3_deals_list_page.json") else { return };
    let mut deals = hubspot::deals(&page, &Options::default()).unwrap();
    deals.push(hubspot::deal(&won, &Options::default()).unwrap());
    assert_eq!(deals[2]["outcome"], json!("won"));
    let options = json!({"stages": stages_of(&hubspot::default_pipeline())});
    let m = serde_json::to_value(compute_from_json(&json!({"deals": deals}), &options, at("2026-11-24")).unwrap()).unwrap();
    // Won: the one closed-won deal, 36000. Open: the two payload deals, 3733.
    assert_eq!(m["won"], json!({"count": 1, "value": 36000.0}));
    assert_eq!(m["pipeline"]["value"], json!(3733.0));
    // Days in each stage the won deal passed through: 09-01 → 09-11 is 10 days in Appointment
    // Scheduled, 09-11 → 09-25 is 14 in Qualified To Buy, 09-25 → 10-05 is 10 in Presentation
    // Scheduled, 10-05 → 10-12 is 7 in Contract Sent; it skipped Decision Maker Bought-In.
    let days: Vec<(String, u64, Option<f64>)> = m["daysInStage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["stage"].as_str().unwrap().to_owned(), s["deals"].as_u64().unwrap(), s["averageDays"].as_f64()))
        .collect();
    assert_eq!(
        days,
        [
            ("appointmentscheduled".to_owned(), 1, Some(10.0)),
            ("qualifiedtobuy".to_owned(), 1, Some(14.0)),
            ("presentationscheduled".to_owned(), 1, Some(10.0)),
            ("decisionmakerboughtin".to_owned(), 0, None),
            ("contractsent".to_owned(), 1, Some(7.0)),
        ]
    );
}

#[test]
fn a_contact_scores_through_the_adapter_with_every_contribution_by_hand() {
    let scorer = LeadScorer::with_default_model().unwrap();
    let now = at("2026-11-24T10:00:00Z");
    let lead = hubspot::contact(&dana(), &Options::default()).unwrap();
    assert_eq!(lead["employees"], json!(100), "HubSpot's range 100-500 reads as at least 100");
    assert_eq!(lead["events"], json!([
        {"type": "form_submit", "at": "2026-11-19T10:00:00.000Z", "name": "Contact us"},
        {"type": "page_view", "at": "2026-11-22T10:00:00.000Z", "url": "https://acme.example/pricing"}
    ]));
    let r = scorer.score(&lead, now, Mode::Strict).unwrap();
    let mut fired: Vec<(&str, f64)> = r.contributions.iter().map(|c| (c.rule, c.points)).collect();
    fired.sort_by(|a, b| a.0.cmp(b.0));
    // Fit: VP title 15, COMPUTER_SOFTWARE 10, at least 100 employees (mid-market) 15, $30M
    // revenue 10, "United States" 5: 55, capped at the group's 50.
    // Engagement: the pricing-page visit 2 days ago, 10 × 0.5^(2/30), and as a page view,
    // 1 × 0.5^(2/30); the form 5 days ago, 8 × 0.5^(5/30): 9.548 + 0.955 + 7.127 = 17.630.
    // Score: 50 + 17.630 = 67.63, rounded 68; fit grade A (≥ 35), engagement grade 3 (≥ 5,
    // < 20); an MQL (score ≥ 60 and fit ≥ 20, no demo request for SQL).
    assert_eq!(
        fired,
        [("form_submit", 8.0), ("mid_market", 15.0), ("page_view", 1.0), ("pricing_page", 10.0), ("revenue_10m", 10.0),
            ("senior_title", 15.0), ("target_country", 5.0), ("target_industry", 10.0)]
    );
    let decayed = |rule: &str| r.contributions.iter().find(|c| c.rule == rule).unwrap().decayed;
    assert!(close(decayed("pricing_page"), 10.0 * 0.5f64.powf(2.0 / 30.0)));
    assert!(close(decayed("form_submit"), 8.0 * 0.5f64.powf(5.0 / 30.0)));
    assert_eq!((r.score, r.fit, r.grade, r.lifecycle), (68, 50, "A3", "mql"));
}

#[test]
fn contacts_with_history_give_the_funnel_and_when_each_field_changed() {
    let Some(page) = payload("hubspot/hubspot_v3_contacts_with_propertiesWithHistory.json") else { return };
    let leads = hubspot::contacts(&page, &Options::default()).unwrap();
    // Maria: created 2023-06-28, an opportunity from 2023-07-01 (hs_lifecyclestage_opportunity_date).
    assert_eq!((&leads[0]["createdAt"], &leads[0]["opportunityAt"]), (&json!("2023-06-28T13:55:47.572Z"), &json!("2023-07-01T21:28:01.332Z")));
    assert_eq!((&leads[0]["source"], &leads[0]["company"], &leads[0]["pageViews"]), (&json!("OFFLINE"), &json!("HubSpot"), &json!(0)));
    // Brian's email changed on 2023-07-01 (the later of its two history entries).
    assert_eq!(leads[1]["email"], json!("thisisnewemail@hubspot.com"));
    assert_eq!(leads[1]["fieldUpdatedAt"]["email"], json!("2023-07-01T23:34:57.837Z"));
    assert_eq!(leads[1]["updatedAt"], json!("2023-07-01T23:34:57.865Z"));
    // Funnel: 2 leads; Maria reached opportunity, which implies MQL and SQL; Brian only lead.
    let m = serde_json::to_value(compute_from_json(&json!({"leads": leads}), &Value::Null, at("2023-08-01")).unwrap()).unwrap();
    let counts: Vec<u64> = m["funnel"]["stages"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [2, 1, 1, 1, 0]);
    // Neither sample contact has a title, industry, size, revenue or country, hubspot.com is not
    // free mail and they have no dated touchpoint: 0 points each, grade D4, not an error.
    let scorer = LeadScorer::with_default_model().unwrap();
    for lead in &leads {
        let r = scorer.score(lead, at("2023-08-01"), Mode::Strict).unwrap();
        assert_eq!((r.score, r.grade, r.contributions.len()), (0, "D4", 0));
    }
}

#[test]
fn the_contacts_and_companies_pages_map_every_record() {
    let Some(contacts) = payload("hubspot/hubspot_v3_contacts_list_page.json") else { return };
    let Some(companies) = payload("hubspot/hubspot_v3_companies_list_page.json") else { return };
    let leads = hubspot::contacts(&contacts, &Options::default()).unwrap();
    assert_eq!(
        leads[1],
        json!({"id": "51", "email": "bh@hubspot.com", "firstName": "Brian", "lastName": "Halligan (Sample Contact)",
            "createdAt": "2023-02-24T03:00:13.789Z", "updatedAt": "2023-02-24T03:00:25.112Z"})
    );
    let accounts = hubspot::companies(&companies, &Options::default()).unwrap();
    assert_eq!(
        accounts[1],
        json!({"id": "7086464459", "name": "U.S. Food and Drug Administration", "domain": "fda.gov",
            "createdAt": "2023-02-24T03:25:40.027Z", "updatedAt": "2023-02-24T03:25:53.252Z"})
    );
    // A company joins the contacts its associations name: its name fills the contact's company.
    let mut company = companies["results"][0].clone();
    company["associations"] = json!({"contacts": {"results": [{"id": "1", "type": "company_to_contact"}]}});
    let joined = json!([company]);
    let leads = hubspot::contacts(&contacts, &Options { companies: Some(&joined), ..Options::default() }).unwrap();
    assert_eq!((&leads[0]["company"], &leads[1]["company"]), (&json!("Hubspot, Inc."), &Value::Null));
}

#[test]
fn contacts_join_a_deal_through_their_own_associations() {
    let Some(page) = payload("hubspot/hubspot_v3_contacts_with_propertiesWithHistory.json") else { return };
    // Both sample contacts name deal 8078784221 in associations.deals; the deal names none.
    let deal = json!({"id": "8078784221", "properties": {"dealname": "Sample deal", "dealstage": "appointmentscheduled", "pipeline": "default"}});
    let joined = hubspot::deal(&deal, &Options { contacts: Some(&page), ..Options::default() }).unwrap();
    let names: Vec<&str> = joined["contacts"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Maria", "Brian"]);
    let other = json!({"id": "1", "properties": {"dealname": "Another deal", "dealstage": "appointmentscheduled"}});
    let none = hubspot::deals(&json!([other]), &Options { contacts: Some(&page), ..Options::default() }).unwrap();
    assert_eq!(none[0].get("contacts"), None, "their associations name another deal");
}
