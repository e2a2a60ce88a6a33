//! Salesforce records through the adapter and then every engine, with the numbers a sales-ops
//! person works out by hand from the records: the payloads in
//! `shared/data/crm/api/salesforce/` (skipped with a message when absent), and records in
//! Salesforce's documented REST shape where a payload lacks what a figure needs (history,
//! contact roles, activities, leads).

mod crm_support;

use crm_support::{at, close, payload};
use pipescore::crm::salesforce::{self, Options};
use pipescore::gates::Pipeline;
use pipescore::health::{DealHealth, ScoreOptions};
use pipescore::metrics::compute_from_json;
use pipescore::scoring::{LeadScorer, Mode};
use serde_json::{json, Value};

/// The standard stages' table, as metrics' `stages` option takes it.
fn standard_stages() -> Value {
    serde_json::to_value(Pipeline::compile(&salesforce::standard_pipeline()).unwrap().stages()).unwrap()
}

/// Metrics of `deals` with the standard stages at `now`, as JSON.
fn metrics(deals: &[Value], now: &str) -> Value {
    let m = compute_from_json(&json!({"deals": deals}), &json!({"stages": standard_stages()}), at(now)).unwrap();
    serde_json::to_value(m).unwrap()
}

/// The health factor of `signal` in a report, as JSON.
fn factor(report: &pipescore::health::DealHealthReport, signal: &str) -> Value {
    let report = serde_json::to_value(report).unwrap();
    let found = report["factors"].as_array().unwrap().iter().find(|f| f["signal"] == signal).cloned();
    found.unwrap_or_else(|| panic!("no factor {signal} in {report}"))
}

#[test]
fn the_sample_org_query_counts_two_closed_won() {
    let Some(query) = payload("salesforce/DERIVED_rest_query_Opportunity_from_DE_sample.json") else { return };
    let deals = salesforce::opportunities(&query, &Options::default()).unwrap();
    assert_eq!(
        deals[0],
        json!({"id": "0064600000J5S5TAAV", "name": "Dickenson Mobile Generators", "stage": "Qualification", "amount": 15000,
            "probability": 0.1, "closeDate": "2018-08-22", "dealType": "New Customer", "source": "Purchased List",
            "outcome": "open", "forecastCategory": "pipeline", "owner": "00546000001l1cJAAQ", "ownerId": "00546000001l1cJAAQ",
            "createdAt": "2018-10-13T17:16:45.000Z", "updatedAt": "2018-10-13T17:16:45.000Z",
            "custom": {"AccountId": "0014600001TvgfZAAR", "ExpectedRevenue": 1500.0, "FiscalQuarter": 1, "FiscalYear": 2015,
                "SystemModstamp": "2018-10-13T17:16:45.000+0000"}}),
        "LastActivityDate and LastStageChangeDate are null, so they are absent"
    );
    let outcomes: Vec<&str> = deals.iter().map(|d| d["outcome"].as_str().unwrap()).collect();
    assert_eq!(outcomes, ["open", "open", "won", "won", "open"]);

    // Won: Express Logistics Standby Generator 220000 + GenePoint Standby Generator 85000 =
    // 305000, 2 deals. Open: 15000 (Qualification, 10%) + 125000 (Negotiation/Review, 90%) +
    // 15000 (Id. Decision Makers, 60%) = 155000; weighted 1500 + 112500 + 9000 = 123000, the
    // sum of the open records' own ExpectedRevenue.
    let m = metrics(&deals, "2018-11-01");
    assert_eq!(m["won"], json!({"count": 2, "value": 305000.0}));
    assert_eq!((&m["pipeline"]["count"], &m["pipeline"]["value"]), (&json!(3), &json!(155000.0)));
    assert_eq!(m["forecast"]["weighted"], json!(123000.0));
    let expected_revenue: f64 = query["records"].as_array().unwrap().iter().filter(|r| r["IsClosed"] == false).map(|r| r["ExpectedRevenue"].as_f64().unwrap()).sum();
    assert_eq!(expected_revenue, 123000.0);
    // Without a stage table too: IsWon says won, whatever the stage is called.
    let m = serde_json::to_value(compute_from_json(&json!({"deals": deals}), &Value::Null, at("2018-11-01")).unwrap()).unwrap();
    assert_eq!(m["won"], json!({"count": 2, "value": 305000.0}));

    // Each deal's stage is a standard stage, with the probability the record carries.
    let pipeline = Pipeline::compile(&salesforce::standard_pipeline()).unwrap();
    for deal in &deals {
        let check = pipeline.check(deal, at("2018-11-01")).unwrap();
        assert_eq!(check.stage.id, deal["stage"].as_str().unwrap());
        assert_eq!(check.stage.probability, deal["probability"].as_f64().unwrap());
    }

    // Deal health on 2018-11-01: Dickenson's close date, 2018-08-22, passed 9 + 30 + 31 + 1 =
    // 71 days ago; 0 from 14 days overdue.
    let health = DealHealth::with_pipeline(&Value::Null, pipeline).unwrap();
    let report = health.score(&deals[0], at("2018-11-01"), &ScoreOptions::default()).unwrap();
    let close_date = factor(&report, "close_date");
    assert_eq!((&close_date["detail"]["daysToClose"], &close_date["subScore"]), (&json!(-71), &json!(0.0)));
    assert_eq!(report.warnings[0].id, "overdue");
}

#[test]
fn the_lwc_recipes_sobject_tree_reads_stages_from_the_stage_table() {
    let Some(tree) = payload("salesforce/lwc_recipes_Opportunities_sobject_tree.json") else { return };
    let deals = salesforce::opportunities(&tree, &Options::default()).unwrap();
    assert_eq!(deals.len(), 20);
    assert_eq!(
        deals[3],
        json!({"name": "API Integration Project", "amount": 28500, "closeDate": "2025-01-15", "stage": "Closed Won",
            "custom": {"AccountId": "@AccountRef4"}}),
        "an import file has no Id, IsClosed or IsWon: the stage table decides the outcome"
    );
    // Won: API Integration Project 28500 + Compliance Audit Services 78000 = 106500. Lost:
    // Unified Communications Deal 278000. Win rate by count 2 / 3.
    let m = metrics(&deals, "2025-06-01");
    assert_eq!(m["won"], json!({"count": 2, "value": 106500.0}));
    assert_eq!(m["lost"], json!({"count": 1, "value": 278000.0}));
    assert!(close(m["winRate"]["byCount"]["value"].as_f64().unwrap(), 2.0 / 3.0));
    // Open, by stage (value → weighted at the stage's probability):
    //   Prospecting 52000 + 167000 = 219000 → 21900 (10%)
    //   Qualification 342000 + 42000 + 72500 = 456500 → 45650 (10%)
    //   Needs Analysis 67000 + 245000 = 312000 → 62400 (20%)
    //   Value Proposition 198000 + 112000 = 310000 → 155000 (50%)
    //   Id. Decision Makers 156000 + 93500 = 249500 → 149700 (60%)
    //   Perception Analysis 43500 + 398000 = 441500 → 309050 (70%)
    //   Proposal/Price Quote 125000 + 31500 = 156500 → 117375 (75%)
    //   Negotiation/Review 87500 + 189000 = 276500 → 248850 (90%)
    // 17 deals, 2421500, weighted 1109925.
    assert_eq!((&m["pipeline"]["count"], &m["pipeline"]["value"]), (&json!(17), &json!(2421500.0)));
    assert_eq!(m["forecast"]["weighted"], json!(1109925.0));
    let by_stage: Vec<(&str, f64)> =
        m["pipeline"]["byStage"].as_array().unwrap().iter().map(|s| (s["stage"].as_str().unwrap(), s["value"].as_f64().unwrap())).collect();
    assert_eq!(
        by_stage,
        [("Prospecting", 219000.0), ("Qualification", 456500.0), ("Needs Analysis", 312000.0), ("Value Proposition", 310000.0),
            ("Id. Decision Makers", 249500.0), ("Perception Analysis", 441500.0), ("Proposal/Price Quote", 156500.0),
            ("Negotiation/Review", 276500.0)]
    );
}

#[test]
fn the_lwc_recipes_graphql_response_reads_values_not_display_values() {
    let Some(response) = payload("salesforce/lwc_recipes_graphqlAllOpportunities_uiapi.json") else { return };
    let deals = salesforce::opportunities(&response, &Options::default()).unwrap();
    assert_eq!(deals.len(), 11);
    assert_eq!(
        deals[10],
        json!({"id": "006xx000001a2qIAAQ", "name": "United Oil Installations", "amount": 270000, "stage": "Closed Won",
            "owner": "005xx000001X80LAAS", "ownerId": "005xx000001X80LAAS"}),
        "Amount's value 270000.0, not its displayValue \"$270,000.00\"; IsClosed without IsWon leaves the outcome to the stage"
    );
    assert_eq!(deals[1]["outcome"], json!("open"));
    // Won (Closed Won): 60000 + 90000 + 220000 + 50000 + 90000 + 440000 + 270000 = 1220000, 7
    // deals. Open: 15000 (Id. Decision Makers, 60%) + 80000 (Value Proposition, 50%) + 120000
    // (Perception Analysis, 70%) + 100000 (Proposal/Price Quote, 75%) = 315000; weighted 9000 +
    // 40000 + 84000 + 75000 = 208000.
    let m = metrics(&deals, "2025-06-01");
    assert_eq!(m["won"], json!({"count": 7, "value": 1220000.0}));
    assert_eq!((&m["pipeline"]["count"], &m["pipeline"]["value"]), (&json!(4), &json!(315000.0)));
    assert_eq!(m["forecast"]["weighted"], json!(208000.0));
}

#[test]
fn the_opportunity_stage_query_is_the_standard_pipeline() {
    let Some(query) = payload("salesforce/DERIVED_rest_query_OpportunityStage_standard.json") else { return };
    let config = salesforce::stages_pipeline(&query, &Value::Null).unwrap();
    let from_org = Pipeline::compile(&config).unwrap();
    let preset = Pipeline::compile(&salesforce::standard_pipeline()).unwrap();
    let summary = |p: &Pipeline| serde_json::to_value(p.stages()).unwrap().as_array().unwrap().iter()
        .map(|s| json!([s["id"], s["label"], s["probability"], s["forecastCategory"], s["outcome"]])).collect::<Vec<_>>();
    assert_eq!(summary(&from_org), summary(&preset), "the preset has the org's ids, labels, probabilities, categories and outcomes");
    assert_eq!(summary(&from_org)[7], json!(["Negotiation/Review", "Negotiation/Review", 0.9, "pipeline", null]));
    assert_eq!(summary(&from_org)[9], json!(["Closed Lost", "Closed Lost", 0.0, "omitted", "lost"]));
}

/// An opportunity in the REST shape of `SELECT …, Owner.Name, Account.Name, Account.Industry,
/// (SELECT … FROM OpportunityHistories), (SELECT … FROM OpportunityContactRoles) FROM
/// Opportunity`.
fn acme() -> Value {
    let history = |stage: &str, amount: f64, close: &str, probability: f64, created: &str| {
        json!({"attributes": {"type": "OpportunityHistory"}, "StageName": stage, "Amount": amount, "CloseDate": close,
            "Probability": probability, "ForecastCategory": "Pipeline", "CreatedDate": created})
    };
    let role = |id: &str, role: &str, primary: bool, name: &str, email: &str| {
        json!({"attributes": {"type": "OpportunityContactRole"}, "ContactId": id, "Role": role, "IsPrimary": primary,
            "Contact": {"attributes": {"type": "Contact"}, "Name": name, "Email": email}})
    };
    json!({
        "attributes": {"type": "Opportunity", "url": "/services/data/v62.0/sobjects/Opportunity/0065g00000AbCdEAAV"},
        "Id": "0065g00000AbCdEAAV", "Name": "Acme - 200 seats", "StageName": "Proposal/Price Quote", "Amount": 48000.0,
        "CloseDate": "2026-12-15", "Probability": 75.0, "ForecastCategoryName": "Pipeline", "IsClosed": false, "IsWon": false,
        "CreatedDate": "2026-10-01T09:00:00.000+0000", "LastActivityDate": "2026-11-20", "OwnerId": "0055g00000XyZabAAB",
        "Owner": {"attributes": {"type": "User"}, "Name": "Sam Rivera"}, "NextStep": "Pricing call with procurement",
        "LeadSource": "Partner Referral", "Type": "New Customer", "Budget__c": 50000, "LastModifiedDate": "2026-11-20T15:00:00.000+0000",
        "Account": {"attributes": {"type": "Account"}, "Name": "Acme", "Industry": "Technology"},
        "OpportunityHistories": {"totalSize": 3, "done": true, "records": [
            history("Value Proposition", 60000.0, "2026-11-30", 50.0, "2026-10-20T09:00:00.000+0000"),
            history("Qualification", 60000.0, "2026-11-30", 10.0, "2026-10-01T09:00:00.000+0000"),
            history("Proposal/Price Quote", 48000.0, "2026-12-15", 75.0, "2026-11-12T09:00:00.000+0000")
        ]},
        "OpportunityContactRoles": {"totalSize": 2, "done": true, "records": [
            role("0035g00000AAAAAAA1", "Economic Buyer", true, "Dana Lee", "dana@acme.io"),
            role("0035g00000AAAAAAA2", "Technical Buyer", false, "Lee Chen", "lee@acme.io")
        ]}
    })
}

/// Tasks and Events about the opportunity, queried separately; `WhatId` in the 15-character
/// form of its id.
fn acme_activities() -> Value {
    json!({"totalSize": 3, "done": true, "records": [
        {"attributes": {"type": "Task"}, "Id": "00T1", "WhatId": "0065g00000AbCdE", "WhoId": "0035g00000AAAAAAA1", "Subject": "Call",
            "TaskSubtype": "Call", "CallType": "Outbound", "Status": "Completed", "IsClosed": true,
            "ActivityDate": "2026-11-21", "CompletedDateTime": "2026-11-21T11:00:00.000+0000"},
        {"attributes": {"type": "Event"}, "Id": "00U1", "WhatId": "0065g00000AbCdEAAV", "WhoId": "0035g00000AAAAAAA1",
            "Subject": "Pricing review", "StartDateTime": "2026-11-18T14:00:00.000+0000", "ActivityDate": "2026-11-18"},
        {"attributes": {"type": "Task"}, "Id": "00T2", "WhatId": "0065g00000AbCdE", "Subject": "Send the order form", "Status": "Not Started",
            "IsClosed": false, "ActivityDate": "2026-11-27"}
    ]})
}

#[test]
fn an_opportunity_with_history_roles_and_activities_by_hand() {
    let (query, activities) = (json!({"totalSize": 1, "done": true, "records": [acme()]}), acme_activities());
    let options = Options { activities: Some(&activities), ..Options::default() };
    let deal = salesforce::opportunities(&query, &options).unwrap().remove(0);
    assert_eq!((&deal["owner"], &deal["company"], &deal["industry"]), (&json!("Sam Rivera"), &json!("Acme"), &json!("Technology")));
    assert_eq!(deal["stageHistory"], json!([
        {"stage": "Qualification", "enteredAt": "2026-10-01T09:00:00.000Z"},
        {"stage": "Value Proposition", "enteredAt": "2026-10-20T09:00:00.000Z"},
        {"stage": "Proposal/Price Quote", "enteredAt": "2026-11-12T09:00:00.000Z"}
    ]));
    assert_eq!(deal["closeDateHistory"], json!([
        {"closeDate": "2026-11-30", "changedAt": "2026-10-01T09:00:00.000Z"},
        {"closeDate": "2026-12-15", "changedAt": "2026-11-12T09:00:00.000Z"}
    ]));
    assert_eq!(deal["amountHistory"], json!([
        {"amount": 60000, "changedAt": "2026-10-01T09:00:00.000Z"},
        {"amount": 48000, "changedAt": "2026-11-12T09:00:00.000Z"}
    ]));
    assert_eq!(deal["contacts"], json!([
        {"id": "0035g00000AAAAAAA1", "name": "Dana Lee", "email": "dana@acme.io", "primary": true, "role": "economic_buyer"},
        {"id": "0035g00000AAAAAAA2", "name": "Lee Chen", "email": "lee@acme.io", "primary": false, "role": "technical_buyer"}
    ]));
    assert_eq!(deal["activities"], json!([
        {"id": "00T1", "type": "call", "at": "2026-11-21T11:00:00.000Z", "contact": "0035g00000AAAAAAA1", "subject": "Call"},
        {"id": "00U1", "type": "meeting", "at": "2026-11-18T14:00:00.000Z", "contact": "0035g00000AAAAAAA1", "subject": "Pricing review"}
    ]));
    assert_eq!(deal["nextStepDate"], json!("2026-11-27T00:00:00.000Z"), "the open task's due date");
    assert_eq!(deal["custom"], json!({"Budget__c": 50000}));
    assert_eq!(
        deal["fieldUpdatedAt"],
        json!({"stage": "2026-11-12T09:00:00.000Z", "amount": "2026-11-12T09:00:00.000Z", "closeDate": "2026-11-12T09:00:00.000Z",
            "probability": "2026-11-12T09:00:00.000Z", "forecastCategory": "2026-10-01T09:00:00.000Z"})
    );

    let now = at("2026-11-24T09:00:00Z");
    let pipeline = Pipeline::compile(&salesforce::standard_pipeline()).unwrap();
    // Proposal/Price Quote: amount 48000 > 0 and the close date 2026-12-15 is ahead: 2 of 2.
    let check = pipeline.check(&deal, now).unwrap();
    assert_eq!((check.completeness, check.ready_to_advance), (100, true));
    let health = DealHealth::with_pipeline(&Value::Null, pipeline).unwrap();
    let report = health.score(&deal, now, &ScoreOptions::default()).unwrap();
    // In Proposal/Price Quote since 2026-11-12T09:00Z: 12 days against 10 expected, 1.2×:
    // 1 − 0.2 / 1.5 = 0.867.
    let stage = factor(&report, "stage_duration");
    assert_eq!((&stage["detail"]["daysInStage"], &stage["subScore"]), (&json!(12.0), &json!(0.867)));
    // The close date went from 2026-11-30 to 2026-12-15: 1 push. The amount from 60000 to
    // 48000: 20% below its peak.
    assert_eq!(factor(&report, "close_date_pushes")["detail"]["pushes"], json!(1));
    assert_eq!(factor(&report, "amount_changes")["detail"]["decreasePercent"], json!(20.0));
    // Latest activity: the call completed 2026-11-21T11:00Z, 2 days 22 hours ago (2.92).
    assert_eq!(factor(&report, "last_activity")["detail"]["daysSinceLastActivity"], json!(2.92));
    // The next step is due on 2026-11-27, in 3 days.
    assert_eq!(factor(&report, "next_step")["detail"], json!({"defined": true, "daysUntilDue": 3}));
    // Of decision maker, champion and economic buyer, the roles give the economic buyer.
    assert_eq!(factor(&report, "buyer_roles")["detail"], json!({"present": ["economic_buyer"], "missing": ["decision_maker", "champion"]}));
    // Weighted at Proposal/Price Quote's 75%: 36000.
    assert_eq!(metrics(&[deal], "2026-11-24")["forecast"]["weighted"], json!(36000.0));
}

#[test]
fn field_history_gives_the_pushes_when_there_are_no_snapshots() {
    let mut opportunity = acme();
    opportunity.as_object_mut().unwrap().remove("OpportunityHistories");
    let field_history = json!({"totalSize": 3, "done": true, "records": [
        {"attributes": {"type": "OpportunityFieldHistory"}, "OpportunityId": "0065g00000AbCdEAAV", "Field": "CloseDate",
            "OldValue": "2026-11-15", "NewValue": "2026-11-30", "DataType": "Date", "CreatedDate": "2026-10-10T09:00:00.000+0000"},
        {"attributes": {"type": "OpportunityFieldHistory"}, "OpportunityId": "0065g00000AbCdEAAV", "Field": "CloseDate",
            "OldValue": "2026-11-30", "NewValue": "2026-12-15", "DataType": "Date", "CreatedDate": "2026-11-12T09:00:00.000+0000"},
        {"attributes": {"type": "OpportunityFieldHistory"}, "OpportunityId": "0065g00000AbCdEAAV", "Field": "Budget__c",
            "OldValue": 40000, "NewValue": 50000, "DataType": "Currency", "CreatedDate": "2026-11-02T09:00:00.000+0000"}
    ]});
    let options = Options { field_history: Some(&field_history), ..Options::default() };
    let deal = salesforce::opportunity(&opportunity, &options).unwrap();
    // The close date before the first change (2026-11-15) dates from the opportunity's creation.
    assert_eq!(deal["closeDateHistory"], json!([
        {"closeDate": "2026-11-15", "changedAt": "2026-10-01T09:00:00.000Z"},
        {"closeDate": "2026-11-30", "changedAt": "2026-10-10T09:00:00.000Z"},
        {"closeDate": "2026-12-15", "changedAt": "2026-11-12T09:00:00.000Z"}
    ]));
    assert_eq!(deal["fieldUpdatedAt"]["custom.Budget__c"], json!("2026-11-02T09:00:00.000Z"));
    // 2026-11-15 → 11-30 → 12-15: pushed twice.
    let health = DealHealth::with_pipeline(&Value::Null, Pipeline::compile(&salesforce::standard_pipeline()).unwrap()).unwrap();
    let report = health.score(&deal, at("2026-11-24T09:00:00Z"), &ScoreOptions::default()).unwrap();
    assert_eq!(factor(&report, "close_date_pushes")["detail"]["pushes"], json!(2));
}

/// A Lead in the REST shape.
fn lead() -> Value {
    json!({"attributes": {"type": "Lead", "url": "/services/data/v62.0/sobjects/Lead/00Q5g00000LeAd1EAE"},
        "Id": "00Q5g00000LeAd1EAE", "FirstName": "Dana", "LastName": "Lee", "Name": "Dana Lee", "Email": "dana@acme.io",
        "Phone": "+1 415 555 0100", "Title": "VP of Sales", "Company": "Acme", "Industry": "Technology", "NumberOfEmployees": 240,
        "AnnualRevenue": 30000000.0, "Country": "USA", "LeadSource": "Purchased List", "Status": "Working - Contacted", "Rating": "Hot",
        "HasOptedOutOfEmail": false, "IsConverted": false, "ConvertedDate": null, "OwnerId": "0055g00000XyZabAAB",
        "CreatedDate": "2026-11-01T10:00:00.000+0000", "FirstCallDateTime": "2026-11-01T10:20:00.000+0000",
        "FirstEmailDateTime": "2026-11-01T10:05:00.000+0000"})
}

#[test]
fn a_lead_scores_with_salesforce_picklist_labels() {
    let record = lead();
    let lead = salesforce::lead(&record, &Options::default()).unwrap();
    assert_eq!((&lead["hot"], &lead["firstContactAt"], &lead["source"]), (&json!(true), &json!("2026-11-01T10:05:00.000Z"), &json!("Purchased List")));
    let scorer = LeadScorer::with_default_model().unwrap();
    let r = scorer.score(&lead, at("2026-11-24"), Mode::Strict).unwrap();
    let mut fired: Vec<(&str, f64)> = r.contributions.iter().map(|c| (c.rule, c.points)).collect();
    fired.sort_by(|a, b| a.0.cmp(b.0));
    // Fit: VP 15, Technology 10, 240 employees 15, $30M 10, "USA" 5 = 55, capped at 50; from a
    // purchased list −20: fit 30 (grade B: ≥ 20, < 35). No events: engagement 0, grade 4.
    assert_eq!(
        fired,
        [("mid_market", 15.0), ("purchased_list", -20.0), ("revenue_10m", 10.0), ("senior_title", 15.0), ("target_country", 5.0),
            ("target_industry", 10.0)]
    );
    assert_eq!((r.score, r.fit, r.engagement, r.grade, r.lifecycle), (30, 30, 0, "B4", "lead"));
    // The response SLA: a hot lead created at 10:00, first emailed at 10:05 (the call came at
    // 10:20): 5 minutes, within the 60-minute SLA.
    let m = serde_json::to_value(compute_from_json(&json!({"leads": [lead]}), &Value::Null, at("2026-11-24")).unwrap()).unwrap();
    assert_eq!((&m["responseSla"]["hotLeads"], &m["responseSla"]["withinSla"]), (&json!(1), &json!(1)));
}

#[test]
fn a_converted_lead_reaches_sql_and_opportunity() {
    let mut converted = lead();
    converted["IsConverted"] = json!(true);
    converted["ConvertedDate"] = json!("2026-11-10");
    converted["ConvertedOpportunityId"] = json!("0065g00000AbCdEAAV");
    converted["Rating"] = json!("Warm");
    let lead = salesforce::lead(&converted, &Options::default()).unwrap();
    assert_eq!((&lead["sqlAt"], &lead["opportunityAt"], &lead["hot"], &lead["converted"]), (&json!("2026-11-10"), &json!("2026-11-10"), &json!(false), &json!(true)));
    let m = serde_json::to_value(compute_from_json(&json!({"leads": [lead]}), &Value::Null, at("2026-11-24")).unwrap()).unwrap();
    let counts: Vec<u64> = m["funnel"]["stages"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [1, 1, 1, 1, 0], "an opportunity implies MQL and SQL; not won");
}
