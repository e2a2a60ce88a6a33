//! Duplicate detection on generated near-duplicates of the HubSpot and Salesforce sample
//! records (`../shared/data/crm/api/`, `../shared/data/crm/salesforce-sample/`), with known
//! ground truth: the pairs the default rules put in one cluster against the pairs that share
//! a base record. The figures asserted here are the ones `docs/hygiene.md` reports; the
//! generator (`tests/support/hygiene_gen.rs`) is seeded with [`SEED`]. `SHOW_ERRORS=1`
//! prints the pairs wrongly found and those missed. Skips with a message when the data is
//! absent.

#[path = "support/hygiene_gen.rs"]
mod gen;
#[path = "support/shared_data.rs"]
mod shared_data;

use gen::{Company, Generated, Rng, Scores};
use pipescore::hygiene::{Deduper, DuplicateReport, ObjectKind};
use serde_json::{json, Map, Value};

/// The generator's seed, as `docs/hygiene.md` gives it.
const SEED: u64 = 20_261_124;

fn data(path: &str) -> Option<String> {
    let full = shared_data::shared_data(path)?.join("crm").join(path);
    match std::fs::read_to_string(&full) {
        Ok(text) => Some(text),
        Err(_) => {
            eprintln!("skipped: {} is not available", full.display());
            None
        }
    }
}

fn json_file(path: &str) -> Option<Value> {
    data(path).map(|t| serde_json::from_str(&t).expect("valid JSON"))
}

/// The Salesforce sample org's accounts, named as their opportunities name them (the export
/// holds only their ids).
const SALESFORCE_ACCOUNTS: &[(&str, &str)] = &[
    ("0014600001TvgfZAAR", "Dickenson"),
    ("0014600001TvgfbAAB", "United Oil"),
    ("0014600001TvgfcAAB", "Express Logistics"),
    ("0014600001TvgfgAAB", "GenePoint"),
    ("0014600001TvgfaAAB", "Grand Hotels"),
    ("0014600001TvgfWAAR", "Edge"),
    ("0014600001TvgfdAAB", "University of AZ"),
    ("0014600001TvgfYAAR", "Pyramid"),
    ("0014600001TvgfXAAR", "Burlington Textiles"),
];

/// The sample companies: HubSpot's two, and the Salesforce org's accounts (with a domain
/// made from the name, as the export has none).
fn companies(rng: &mut Rng) -> Option<Vec<Company>> {
    let page = json_file("api/hubspot/hubspot_v3_companies_list_page.json")?;
    let mut out: Vec<Company> = page["results"]
        .as_array()?
        .iter()
        .map(|c| Company::new(c["properties"]["name"].as_str().unwrap_or(""), c["properties"]["domain"].as_str().unwrap_or(""), rng))
        .collect();
    for (_, name) in SALESFORCE_ACCOUNTS {
        let domain = format!("{}.com", name.to_lowercase().replace(' ', ""));
        out.push(Company::new(name, &domain, rng));
    }
    Some(out)
}

/// HubSpot's sample contacts, as pipescore contacts (their company from the history file).
fn hubspot_people() -> Option<Vec<Value>> {
    let page = json_file("api/hubspot/hubspot_v3_contacts_list_page.json")?;
    let history = json_file("api/hubspot/hubspot_v3_contacts_with_propertiesWithHistory.json")?;
    let company = |id: &str| {
        history["results"].as_array().and_then(|r| r.iter().find(|c| c["id"] == id)).and_then(|c| c["properties"]["company"].as_str()).unwrap_or("")
    };
    Some(
        page["results"]
            .as_array()?
            .iter()
            .map(|c| {
                let p = &c["properties"];
                json!({ "firstName": p["firstname"], "lastName": p["lastname"], "email": p["email"], "company": company(c["id"].as_str().unwrap_or("")), "phone": null })
            })
            .collect(),
    )
}

/// The pairs the report puts in one cluster, as `(i, j)` with `i < j`.
fn predicted(report: &DuplicateReport) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for cluster in &report.clusters {
        let members: Vec<usize> = cluster.records.iter().map(|r| r.index).collect();
        for (k, &a) in members.iter().enumerate() {
            for &b in &members[k + 1..] {
                out.push((a, b));
            }
        }
    }
    out
}

fn score(kind: ObjectKind, generated: &Generated) -> Scores {
    let report = Deduper::with_default().unwrap().dedupe(kind, &generated.records).unwrap();
    let scores = Scores::of(&predicted(&report), &generated.true_pairs());
    if std::env::var("SHOW_ERRORS").is_ok() {
        let truth: std::collections::BTreeSet<_> = generated.true_pairs().into_iter().collect();
        let found: std::collections::BTreeSet<_> = predicted(&report).into_iter().collect();
        for (a, b) in found.difference(&truth) {
            eprintln!("false pair: {} | {}", generated.records[*a], generated.records[*b]);
        }
        for (a, b) in truth.difference(&found) {
            eprintln!("missed pair: {} | {}", generated.records[*a], generated.records[*b]);
        }
    }
    eprintln!(
        "{}: {} records, {} true pairs, {} predicted; precision {:.4}, recall {:.4} ({} TP, {} FP, {} FN); {} pairs compared",
        kind.key(),
        generated.records.len(),
        generated.true_pairs().len(),
        predicted(&report).len(),
        scores.precision(),
        scores.recall(),
        scores.true_positives,
        scores.false_positives,
        scores.false_negatives,
        report.pairs_compared.count
    );
    scores
}

#[test]
fn contacts_generated_from_the_hubspot_and_salesforce_samples() {
    let mut rng = Rng::new(SEED);
    let (Some(companies), Some(seeds)) = (companies(&mut rng), hubspot_people()) else { return };
    let generated = gen::contacts(&mut rng, &companies, &seeds, 1000, 0.3);
    let s = score(ObjectKind::Contacts, &generated);
    assert_eq!((s.true_positives, s.false_positives, s.false_negatives), (938, 7, 8), "update docs/hygiene.md with the new figures");
}

/// The sample companies written again: case, a legal suffix, a typo, the domain as a URL or
/// left out.
fn accounts(rng: &mut Rng, companies: &[Company]) -> Generated {
    let mut out = Generated { records: Vec::new(), family: Vec::new() };
    for (family, company) in companies.iter().enumerate() {
        out.records.push(json!({ "name": company.name, "domain": company.domain }));
        out.family.push(family);
        for _ in 0..rng.below(3) {
            let name = match rng.below(3) {
                0 => company.name.to_uppercase(),
                1 => format!("{}{}", company.name, rng.pick(&[" Inc.", " Corp", ", LLC", " Ltd"])),
                _ => gen::typo(rng, &company.name),
            };
            let domain = match rng.below(3) {
                0 => json!(format!("https://www.{}/", company.domain)),
                1 => json!(company.domain.to_uppercase()),
                _ => Value::Null,
            };
            out.records.push(json!({ "name": name, "domain": domain }));
            out.family.push(family);
        }
    }
    out
}

#[test]
fn accounts_generated_from_the_samples() {
    let mut rng = Rng::new(SEED);
    let Some(companies) = companies(&mut rng) else { return };
    let generated = accounts(&mut rng, &companies);
    let s = score(ObjectKind::Accounts, &generated);
    assert_eq!((s.true_positives, s.false_positives, s.false_negatives), (8, 0, 1), "update docs/hygiene.md with the new figures");
}

/// Rows of the Salesforce sample org's `Opportunity.csv` (every field quoted, no commas or
/// quotes inside them: checked).
fn salesforce_opportunities() -> Option<Vec<Map<String, Value>>> {
    let text = data("salesforce-sample/Opportunity.csv")?;
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let split = |l: &str| -> Vec<String> {
        let cells: Vec<String> = l.trim_end_matches('\r').split("\",\"").map(|c| c.trim_matches('"').to_owned()).collect();
        cells
    };
    let header = split(lines.next()?);
    Some(
        lines
            .map(|l| {
                let cells = split(l);
                assert_eq!(cells.len(), header.len(), "{l}");
                header.iter().cloned().zip(cells.into_iter().map(Value::String)).collect()
            })
            .collect(),
    )
}

/// An opportunity as a pipescore deal, its account named.
fn deal(row: &Map<String, Value>) -> Value {
    let account_id = row["AccountId"].as_str().unwrap_or("");
    let account = SALESFORCE_ACCOUNTS.iter().find(|(id, _)| *id == account_id).map_or(account_id, |(_, n)| n);
    json!({
        "id": row["Id"], "name": row["Name"], "account": account, "stage": row["StageName"],
        "amount": row["Amount"], "closeDate": row["CloseDate"].as_str().map(|d| d.replace(' ', "T")),
    })
}

#[test]
fn the_salesforce_sample_holds_three_groups_of_duplicate_opportunities() {
    let Some(rows) = salesforce_opportunities() else { return };
    let deals: Vec<Value> = rows.iter().map(deal).collect();
    let report = Deduper::with_default().unwrap().dedupe(ObjectKind::Deals, &deals).unwrap();
    // Independently: rows sharing account, name (any case) and close month.
    let mut groups: std::collections::BTreeMap<(String, String, String), Vec<usize>> = std::collections::BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        let key = (r["AccountId"].as_str().unwrap().to_owned(), r["Name"].as_str().unwrap().to_lowercase(), r["CloseDate"].as_str().unwrap()[..7].to_owned());
        groups.entry(key).or_default().push(i);
    }
    let mut expected: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
    expected.sort();
    let found: Vec<Vec<usize>> = report.clusters.iter().map(|c| c.records.iter().map(|r| r.index).collect()).collect();
    assert_eq!(found, expected);
    let names: Vec<&str> = report.clusters.iter().map(|c| deals[c.records[0].index]["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["United Oil Refinery Generators", "Edge Emergency Generator", "United Oil Installations"]);
    assert_eq!(report.duplicate_records.explanation, "4 of 31 deals: in a cluster beyond its first record, what merging would remove");
}

/// The sample's opportunities, one per account, name and close month, written again: the
/// name's case or a typo, a suffix on the account, the close date moved within its month or
/// into the next one, another amount.
fn deals(rng: &mut Rng, rows: &[Map<String, Value>]) -> Generated {
    let mut bases: Vec<Value> = Vec::new();
    for row in rows {
        let d = deal(row);
        let key = |v: &Value| (v["account"].clone(), v["name"].as_str().unwrap_or("").to_lowercase(), v["closeDate"].as_str().unwrap_or("")[..7].to_owned());
        if !bases.iter().any(|b| key(b) == key(&d)) {
            bases.push(d);
        }
    }
    let mut out = Generated { records: Vec::new(), family: Vec::new() };
    for (family, base) in bases.iter().enumerate() {
        out.records.push(base.clone());
        out.family.push(family);
        for _ in 0..rng.below(3) {
            let mut d = base.clone();
            let name = base["name"].as_str().unwrap_or("").to_owned();
            let date = base["closeDate"].as_str().unwrap_or("").to_owned();
            match rng.below(4) {
                0 => d["name"] = json!(name.to_uppercase()),
                1 => d["name"] = json!(gen::typo(rng, &name)),
                2 => d["account"] = json!(format!("{}{}", base["account"].as_str().unwrap_or(""), rng.pick(&[" Inc.", " Corp", " Ltd"]))),
                _ => d["amount"] = json!(format!("{}", rng.below(500) * 1000)),
            }
            let day: u32 = date[8..10].parse().unwrap_or(1);
            let moved = if rng.chance(0.2) {
                // Into the next month: the default rule, which needs the same close month, misses it.
                let (y, m): (i32, u32) = (date[..4].parse().unwrap(), date[5..7].parse().unwrap());
                let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
                format!("{y:04}-{m:02}-{:02}", day.min(28))
            } else {
                format!("{}-{:02}", &date[..7], 1 + rng.below(28))
            };
            d["closeDate"] = json!(moved);
            out.records.push(d);
            out.family.push(family);
        }
    }
    out
}

#[test]
fn deals_generated_from_the_salesforce_sample() {
    let mut rng = Rng::new(SEED);
    let Some(rows) = salesforce_opportunities() else { return };
    let generated = deals(&mut rng, &rows);
    let s = score(ObjectKind::Deals, &generated);
    assert_eq!((s.true_positives, s.false_positives, s.false_negatives), (35, 0, 11), "update docs/hygiene.md with the new figures");
}
