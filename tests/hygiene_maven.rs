//! The hygiene report on the Maven Analytics "CRM Sales Opportunities" data (8,800 deals and
//! 85 accounts, `../shared/data/crm/maven/`), checked against counts made here with plain
//! loops: the 1,425 deals without an account, the product written `GTXPro` in the pipeline
//! and `GTX Pro` in the product list, and the stages' required fields. Skips with a message
//! when the data is absent.

#[path = "support/shared_data.rs"]
mod shared_data;

use pipescore::hygiene::{compute, Hygiene, HygieneReport};
use serde_json::{json, Value};

/// Rows of a small CSV without quoted fields (checked), header dropped.
fn read_csv(name: &str) -> Option<Vec<Vec<String>>> {
    let path = shared_data::shared_data("the Maven hygiene tests")?.join("crm/maven").join(name);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} is not available", path.display());
        return None;
    };
    assert!(!text.contains('"'), "{name} has quoted fields");
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty());
    let width = lines.next()?.split(',').count();
    Some(lines.map(|l| l.split(',').map(str::to_owned).collect::<Vec<_>>()).inspect(|r| assert_eq!(r.len(), width)).collect())
}

fn blank_is_null(cell: &str) -> Value {
    if cell.is_empty() {
        Value::Null
    } else {
        json!(cell)
    }
}

/// The Maven pipeline: Prospecting and Engaging open, Won and Lost closed; closed deals need
/// their close date, won ones their value.
fn config(products: &[String]) -> Value {
    json!({
        "pipeline": { "id": "maven", "label": "Maven", "stages": [
            { "id": "prospecting", "label": "Prospecting", "probability": 0.1, "forecastCategory": "pipeline", "expectedDays": 30 },
            { "id": "engaging", "label": "Engaging", "probability": 0.5, "forecastCategory": "best_case", "expectedDays": 60 },
            { "id": "won", "label": "Won", "probability": 1, "forecastCategory": "closed", "outcome": "won", "requiredFields": ["closeDate", "amount"] },
            { "id": "lost", "label": "Lost", "probability": 0, "forecastCategory": "omitted", "outcome": "lost", "requiredFields": ["closeDate"] }
        ] },
        "duplicates": null,
        "completeness": {
            "deals": { "keyFields": ["account", "owner", "product"], "groupBy": ["owner", "stage"] },
            "accounts": { "keyFields": ["name", "industry", "employees", "country"] }
        },
        "validation": {
            "deals": [
                { "id": "engaged_before_closed", "label": "Engaged before closed", "stages": "closed",
                  "rule": { "!": { "date_before": [{ "var": "closeDate" }, { "var": "engagedAt" }] } } },
                { "id": "won_value", "label": "Won deals carry a value", "stages": "won", "rule": { ">": [{ "var": "amount" }, 0] } }
            ],
            "accounts": []
        },
        "decay": {},
        "spellings": {
            "deals": [{ "field": "product", "known": products }, { "field": "account" }],
            "accounts": [{ "field": "industry" }]
        }
    })
}

struct Maven {
    pipeline: Vec<Vec<String>>,
    report: HygieneReport,
}

/// 2018-01-01: after the last date in the data.
const NOW: i64 = 1_514_764_800_000;

fn maven() -> Option<Maven> {
    let pipeline = read_csv("sales_pipeline.csv")?;
    let accounts = read_csv("accounts.csv")?;
    let products: Vec<String> = read_csv("products.csv")?.into_iter().map(|r| r[0].clone()).collect();
    let deals: Vec<Value> = pipeline
        .iter()
        .map(|r| {
            json!({ "id": r[0], "owner": r[1], "product": r[2], "account": blank_is_null(&r[3]), "stage": r[4],
                    "engagedAt": blank_is_null(&r[5]), "closeDate": blank_is_null(&r[6]), "amount": blank_is_null(&r[7]) })
        })
        .collect();
    let accounts: Vec<Value> = accounts
        .iter()
        .map(|r| json!({ "id": r[0], "name": r[0], "industry": r[1], "employees": r[4], "country": r[5], "revenue": r[3] }))
        .collect();
    let hygiene = Hygiene::compile(&config(&products)).unwrap();
    let report = compute(&hygiene, &json!({ "deals": deals, "accounts": accounts }), NOW).unwrap();
    Some(Maven { pipeline, report })
}

#[test]
fn the_1425_deals_without_an_account_are_counted() {
    let Some(m) = maven() else { return };
    let without: Vec<usize> = m.pipeline.iter().enumerate().filter(|(_, r)| r[3].is_empty()).map(|(i, _)| i).collect();
    assert_eq!(without.len(), 1425);
    let deals = m.report.completeness.deals.as_ref().unwrap();
    let account = deals.fields.iter().find(|f| f.field == "account").unwrap();
    assert_eq!(account.filled.explanation, "7375 of 8800 deals: account filled, out of those that should have it");
    assert_eq!(account.missing.iter().map(|r| r.index).collect::<Vec<_>>(), without);
    assert_eq!(account.missing[0].id.as_deref(), Some(m.pipeline[without[0]][0].as_str()));
    // The stages' required fields: every closed deal has its close date, every won one its value.
    for (field, stages) in [("closeDate", &["Won", "Lost"][..]), ("amount", &["Won"][..])] {
        let expected = m.pipeline.iter().filter(|r| stages.contains(&r[4].as_str())).count() as u64;
        let fill = deals.fields.iter().find(|f| f.field == field).unwrap();
        assert_eq!((fill.filled.count, fill.filled.out_of), (expected, expected), "{field}");
    }
    assert_eq!(deals.complete.count, 8800 - 1425);
    // By stage: the deals without an account, per stage.
    let by_stage = deals.groups.iter().find(|g| g.by == "stage").unwrap();
    for group in &by_stage.groups {
        let label = group.label.as_deref().unwrap();
        let expected = m.pipeline.iter().filter(|r| r[4] == label && r[3].is_empty()).count() as u64;
        let missing = group.missing.iter().find(|c| c.field == "account").map_or(0, |c| c.records);
        assert_eq!(missing, expected, "{label}");
    }
    assert_eq!(by_stage.groups.iter().map(|g| g.value.as_deref().unwrap()).collect::<Vec<_>>(), ["prospecting", "engaging", "won", "lost"]);
}

#[test]
fn gtxpro_is_the_known_product_gtx_pro_spelled_another_way() {
    let Some(m) = maven() else { return };
    let gtxpro: Vec<usize> = m.pipeline.iter().enumerate().filter(|(_, r)| r[2] == "GTXPro").map(|(i, _)| i).collect();
    assert_eq!(gtxpro.len(), 1480);
    let products = &m.report.spellings.deals.as_ref().unwrap()[0];
    assert_eq!(products.field, "product");
    assert_eq!(products.groups.len(), 1, "only GTX Pro has two spellings");
    let group = &products.groups[0];
    assert_eq!((group.key.as_str(), group.keep.as_str()), ("gtxpro", "GTX Pro"));
    assert_eq!(group.reason, "\"GTX Pro\" is a known value of product");
    let written: Vec<(&str, bool, u64)> = group.spellings.iter().map(|s| (s.value.as_str(), s.known, s.count)).collect();
    assert_eq!(written, [("GTX Pro", true, 0), ("GTXPro", false, 1480)]);
    assert_eq!(group.spellings[1].records.iter().map(|r| r.index).collect::<Vec<_>>(), gtxpro);
    assert_eq!(products.to_fix.explanation, "1480 of 8800 deals with a product: written another way than the spelling to keep");
    // Accounts are spelled one way throughout the pipeline.
    assert!(m.report.spellings.deals.as_ref().unwrap()[1].groups.is_empty());
}

#[test]
fn closed_deals_are_validated_against_their_dates() {
    let Some(m) = maven() else { return };
    let rules = &m.report.validation.rules;
    let dates = rules.iter().find(|r| r.id == "engaged_before_closed").unwrap();
    let closed = m.pipeline.iter().filter(|r| r[4] == "Won" || r[4] == "Lost").count() as u64;
    let inverted = m.pipeline.iter().filter(|r| !r[5].is_empty() && !r[6].is_empty() && r[6] < r[5]).count() as u64;
    assert_eq!((dates.checked.count, dates.failing.count), (closed, inverted));
    let won = rules.iter().find(|r| r.id == "won_value").unwrap();
    let zero = m.pipeline.iter().filter(|r| r[4] == "Won" && r[7].parse::<f64>().map_or(true, |v| v <= 0.0)).count() as u64;
    assert_eq!(won.failing.count, zero);
    assert!(m.report.notes.iter().any(|n| n == "deals: not checked for duplicates: the config has no match rules for them"));
    assert!(m.report.notes.iter().any(|n| n == "accounts: not validated: the config has no validation rules for them"));
}
