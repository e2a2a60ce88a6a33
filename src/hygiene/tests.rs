use super::*;
use crate::error::ErrorCode;
use serde_json::json;

/// 2026-11-24T12:00:00Z.
const NOW: i64 = 1_795_521_600_000;

fn dataset() -> Value {
    json!({
        "deals": [
            { "id": "d1", "name": "Renewal", "account": "Acme", "owner": "ana", "source": "web", "stage": "Proposal", "closeDate": "2026-12-15", "updatedAt": "2026-11-20" },
            { "id": "d2", "name": "Expansion", "account": "Initech", "owner": "bo", "stage": "negotiation", "amount": "12000", "closeDate": "2026-10-01", "updatedAt": "2026-09-01" },
            { "id": "d3", "name": "Support add-on", "account": "ACME Inc.", "owner": "ana", "stage": "closed_won", "amount": 900, "finalAmount": 900, "contractTerms": "12 months", "closeDate": "2026-12-02" },
            { "id": "d4", "name": "Renewal", "account": "Acme", "stage": "demo", "closeDate": "2026-12-30", "amount": -5 }
        ],
        "leads": [
            { "id": "l1", "email": "cto@gmail.com", "firstName": "Sam", "lastName": "Ng", "company": "Globex", "employees": "5000", "source": "Web" },
            { "id": "l2", "email": "sam.ng@globex.com", "firstName": "Samuel", "lastName": "Ng", "company": "Globex Corp", "source": "web " }
        ],
        "accounts": [
            { "id": "a1", "name": "Acme", "domain": "acme.com", "employees": 0 },
            { "id": "a2", "name": "ACME Inc", "domain": "https://www.acme.com" }
        ]
    })
}

#[test]
fn the_default_config_compiles_and_is_complete() {
    let config = Hygiene::default_config();
    for section in ["pipeline", "duplicates", "completeness", "validation", "decay", "spellings"] {
        assert!(config.get(section).is_some(), "{section}");
    }
    let hygiene = Hygiene::with_default().unwrap();
    assert!(hygiene.deduper().is_some());
    let file: Value = serde_json::from_str(include_str!("default.json")).unwrap();
    assert_eq!(config["validation"], file["validation"]);
}

#[test]
fn a_report_covers_every_section() {
    let report = compute(&Hygiene::with_default().unwrap(), &dataset(), NOW).unwrap();
    assert_eq!(report.now, "2026-11-24T12:00:00.000Z");
    assert_eq!((report.records.deals, report.records.leads, report.records.contacts), (Some(4), Some(2), None));
    // Duplicates: d1 and d4 (same account, name and close month), l1 and l2, a1 and a2.
    let deals = report.duplicates.deals.as_ref().unwrap();
    assert_eq!(deals.clusters.iter().map(|c| c.records.iter().map(|r| r.index).collect::<Vec<_>>()).collect::<Vec<_>>(), [vec![0, 3]]);
    assert_eq!(report.duplicates.leads.as_ref().unwrap().clusters.len(), 1, "Sam and Samuel Ng at Globex");
    let accounts = report.duplicates.accounts.as_ref().unwrap();
    assert_eq!(accounts.clusters[0].pairs[0].matched.rule, "same_domain");
    assert_eq!(accounts.clusters[0].pairs[0].matched.also_matched, ["same_name"]);
    // Completeness: d1 misses its amount (Proposal), d4 its owner.
    let completeness = report.completeness.deals.as_ref().unwrap();
    let missing: Vec<(usize, Vec<String>)> = completeness.incomplete.iter().map(|i| (i.record.index, i.missing.clone())).collect();
    assert_eq!(missing, [(0, vec!["amount".to_owned()]), (3, vec!["owner".to_owned()])]);
    // Validation, most failing first.
    let failing: Vec<(&str, u64)> = report.validation.rules.iter().filter(|r| r.failing.count > 0).map(|r| (r.id.as_str(), r.failing.count)).collect();
    assert_eq!(
        failing,
        [("close_date_passed", 1), ("amount_after_proposal", 1), ("negative_amount", 1), ("free_mail_enterprise", 1), ("employees_not_positive", 1)]
    );
    let free_mail = report.validation.rules.iter().find(|r| r.id == "free_mail_enterprise").unwrap();
    let words: Vec<&str> = free_mail.records[0].failures.iter().map(|f| f.description.as_str()).collect();
    assert_eq!(words.len(), 2, "{words:?}");
    assert!(words[0].contains("@gmail.com") && words[1].contains("employees"), "{words:?}");
    assert_eq!(report.validation.failing_records.deals.as_ref().unwrap().count, 3);
    // Decay: open deals only; d2 is dated by updatedAt, 84 days ago.
    let decay = report.decay.objects.deals.as_ref().unwrap();
    assert_eq!(decay.applies_to, "open deals");
    assert_eq!(decay.stale_records.iter().map(|s| s.record.index).collect::<Vec<_>>(), [1]);
    assert_eq!(decay.undated_records.iter().map(|r| r.index).collect::<Vec<_>>(), [3]);
    assert_eq!(report.decay.expected.yearly_rate, 0.225);
    // Spellings: "Web" and "web " are one source.
    let sources = &report.spellings.leads.as_ref().unwrap()[0];
    assert_eq!(sources.groups[0].spellings.len(), 2);
    // Summary and notes.
    assert!(report.summary.iter().any(|h| h.section == "duplicates" && h.object == ObjectKind::Deals && h.tally.count == 1));
    assert_eq!(report.notes, Vec::<String>::new());
}

#[test]
fn reports_are_deterministic() {
    let hygiene = Hygiene::with_default().unwrap();
    let a = serde_json::to_string(&compute(&hygiene, &dataset(), NOW).unwrap()).unwrap();
    let b = serde_json::to_string(&hygiene.report(&dataset(), NOW).unwrap()).unwrap();
    assert_eq!(a, b);
    assert!(!a.contains("NaN") && !a.contains("Infinity"));
}

#[test]
fn sections_left_out_are_the_defaults_and_null_turns_them_off() {
    let hygiene = Hygiene::compile(&json!({ "duplicates": null, "pipeline": null, "validation": { "deals": [] }, "decay": {} })).unwrap();
    let report = compute(&hygiene, &dataset(), NOW).unwrap();
    assert!(report.duplicates.deals.is_none());
    assert!(report.notes.iter().any(|n| n == "deals: not checked for duplicates: the config has no match rules for them"), "{:?}", report.notes);
    assert!(report.notes.iter().any(|n| n.starts_with("deals: checked against their key fields only")), "{:?}", report.notes);
    assert!(report.notes.iter().any(|n| n == "deals: not validated: the config has no validation rules for them"));
    assert!(report.completeness.deals.as_ref().unwrap().fields.iter().all(|f| f.required_by == ["key fields"]));
    let e = Hygiene::compile(&json!({ "pipeline": null })).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NoPipelines, "$.validation.deals[0].stages"));
}

#[test]
fn config_errors_point_at_the_value() {
    let cases = [
        (json!({ "validaton": {} }), ErrorCode::InvalidShape, "$.validaton"),
        (json!({ "validation": { "deals": [{ "id": "x", "rule": { "nope": [] } }] } }), ErrorCode::UnknownOperator, "$.validation.deals[0].rule"),
        (json!({ "validation": { "leads": [{ "id": "x", "stages": "open", "rule": true }] } }), ErrorCode::InvalidShape, "$.validation.leads[0].stages"),
        (json!({ "validation": { "deals": [{ "id": "x", "stages": { "from": "quote" }, "rule": true }] } }), ErrorCode::UnknownStage, "$.validation.deals[0].stages.from"),
        (json!({ "validation": { "deals": [{ "id": "x", "stages": "opened", "rule": true }] } }), ErrorCode::InvalidShape, "$.validation.deals[0].stages"),
        (json!({ "duplicates": { "deals": { "rules": [], "blocking": {} } } }), ErrorCode::NoMatchRules, "$.duplicates.deals.rules"),
        (json!({ "pipeline": { "id": "p", "label": "P", "stages": [] } }), ErrorCode::NoOpenStage, "$.pipeline.stages"),
        (json!({ "completeness": { "deals": { "keyFields": ["amount", ""] } } }), ErrorCode::EmptyField, "$.completeness.deals.keyFields[1]"),
        (json!({ "completeness": { "deals": { "keyfields": [] } } }), ErrorCode::InvalidShape, "$.completeness.deals.keyfields"),
        (json!({ "decay": { "contacts": { "fields": { "email": 0 } } } }), ErrorCode::InvalidDecay, "$.decay.contacts.fields.email"),
        (json!({ "decay": { "contacts": { "fields": {} } } }), ErrorCode::InvalidDecay, "$.decay.contacts.fields"),
        (json!({ "decay": { "contacts": { "fields": { "email": -1 } } } }), ErrorCode::InvalidShape, "$.decay.contacts.fields.email"),
        (json!({ "spellings": { "deals": [{ "field": "product", "normalise": "soundex" }] } }), ErrorCode::InvalidShape, "$.spellings.deals[0].normalise"),
        (json!([]), ErrorCode::InvalidShape, "$"),
    ];
    for (config, code, path) in cases {
        let e = Hygiene::compile(&config).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (code, path), "{config}: {}", e.message);
    }
}

#[test]
fn input_errors_point_at_the_record() {
    let hygiene = Hygiene::with_default().unwrap();
    let cases = [
        (json!({ "deals": [{ "stage": "qualified" }] }), ErrorCode::UnknownStage, "$.deals[0].stage"),
        (json!({ "deals": [{ "stage": "demo", "account": "A", "closeDate": "12/01/2026" }] }), ErrorCode::InvalidDate, "$.deals[0].closeDate"),
        (json!({ "deals": [], "opportunities": [] }), ErrorCode::UnknownKey, "$.opportunities"),
        (json!({ "contacts": [{ "email": "a@b.co", "updatedAt": "yesterday" }] }), ErrorCode::InvalidDate, "$.contacts[0].updatedAt"),
        (json!({ "leads": [{ "email": "a@b.co", "owner": ["ana"] }] }), ErrorCode::InvalidText, "$.leads[0].owner"),
        (json!({ "accounts": [{ "name": "A", "industry": { "x": 1 } }] }), ErrorCode::InvalidText, "$.accounts[0].industry"),
    ];
    for (data, code, path) in cases {
        let e = compute(&hygiene, &data, NOW).unwrap_err();
        assert_eq!((e.code, e.path.as_str(), e.kind), (code, path, ErrorKind::Input), "{data}: {}", e.message);
    }
}
