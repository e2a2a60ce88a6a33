//! Metrics on the Maven Analytics "CRM Sales Opportunities" data (8,800 deals), checked against
//! figures computed independently here with plain loops over the CSV: own CSV reader, own date
//! arithmetic, own sums in cents. Skips with a message when `../shared/data/crm/maven/` is absent.
//!
//! Data facts: deal_stage is Won / Lost / Engaging / Prospecting; open deals (Engaging,
//! Prospecting) have no close date or value; Prospecting rows have no engage date; lost deals
//! have a close value of 0; dates run 2016-10-20 to 2017-12-31.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pipescore::metrics::compute_from_json;
use serde_json::{json, Value};

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/crm/maven")
}

/// Rows of a small CSV without quoted fields (checked), header dropped, CRLF tolerated.
fn read_csv(name: &str) -> Option<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(data_dir().join(name)).ok()?;
    assert!(!text.contains('"'), "{name} has quoted fields; this reader does not handle them");
    let mut lines = text.lines().map(|l| l.trim_end_matches('\r')).filter(|l| !l.is_empty());
    let header = lines.next()?;
    let width = header.split(',').count();
    Some(lines.map(|l| {
        let cells: Vec<String> = l.split(',').map(str::to_owned).collect();
        assert_eq!(cells.len(), width, "{name}: {l}");
        cells
    }).collect())
}

struct Opp {
    id: String,
    agent: String,
    product: String,
    office: String,
    stage: String,
    engage: Option<String>,
    close: Option<String>,
    cents: Option<i64>,
}

fn opt(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

fn load() -> Option<Vec<Opp>> {
    let pipeline = read_csv("sales_pipeline.csv")?;
    let teams: BTreeMap<String, String> = read_csv("sales_teams.csv")?.into_iter().map(|r| (r[0].clone(), r[2].clone())).collect();
    Some(pipeline.into_iter().map(|r| Opp {
        office: teams[&r[1]].clone(),
        id: r[0].clone(),
        agent: r[1].clone(),
        product: r[2].clone(),
        stage: r[4].clone(),
        engage: opt(&r[5]),
        close: opt(&r[6]),
        cents: opt(&r[7]).map(|v| v.parse::<i64>().expect("whole close values") * 100),
    }).collect())
}

/// Days since 1970-01-01 of `YYYY-MM-DD`, by counting (independent of pipescore's calendar code).
fn day_number(date: &str) -> i64 {
    let p: Vec<i64> = date.split('-').map(|x| x.parse().unwrap()).collect();
    let leap = |y: i64| (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let mut days = (1970..p[0]).map(|y| if leap(y) { 366 } else { 365 }).sum::<i64>();
    let months = [31, if leap(p[0]) { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    days += months[..(p[1] - 1) as usize].iter().sum::<i64>();
    days + p[2] - 1
}

fn quarter(date: &str) -> String {
    let month: u32 = date[5..7].parse().unwrap();
    format!("{}-Q{}", &date[..4], (month - 1) / 3 + 1)
}

fn deals_json(opps: &[Opp]) -> Value {
    let deals: Vec<Value> = opps.iter().map(|o| json!({
        "id": o.id, "owner": o.agent, "product": o.product, "segment": o.office, "stage": o.stage,
        "engagedAt": o.engage, "closeDate": o.close, "amount": o.cents.map(|c| c as f64 / 100.0),
    })).collect();
    json!({ "deals": deals })
}

/// 2018-01-01: after the last date in the data.
const NOW: i64 = 1_514_764_800_000;

fn metrics(input: &Value, options: Value) -> Value {
    serde_json::to_value(compute_from_json(input, &options, NOW).unwrap()).unwrap()
}

/// Independent tallies of closed deals.
#[derive(Default)]
struct Closed {
    won: u64,
    lost: u64,
    won_cents: i64,
    sizes: Vec<i64>,
    cycles: Vec<i64>,
}

impl Closed {
    fn add(&mut self, o: &Opp) {
        match o.stage.as_str() {
            "Won" => {
                self.won += 1;
                self.won_cents += o.cents.unwrap();
                self.sizes.push(o.cents.unwrap());
                self.cycles.push(day_number(o.close.as_deref().unwrap()) - day_number(o.engage.as_deref().unwrap()));
            }
            "Lost" => self.lost += 1,
            _ => {}
        }
    }

    fn median(v: &[i64]) -> f64 {
        let mut v = v.to_vec();
        v.sort_unstable();
        let n = v.len();
        if n % 2 == 1 { v[n / 2] as f64 } else { (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0 }
    }

    /// Compares with a result's closed-deal figures.
    fn check(&self, m: &Value, label: &str) {
        assert_eq!(m["won"]["count"].as_u64(), Some(self.won), "{label} won");
        assert_eq!(m["lost"]["count"].as_u64(), Some(self.lost), "{label} lost");
        assert_eq!(m["won"]["value"].as_f64(), Some(self.won_cents as f64 / 100.0), "{label} won value to the cent");
        let closed = self.won + self.lost;
        let rate = (closed > 0).then(|| self.won as f64 / closed as f64);
        assert_eq!(m["winRate"]["byCount"]["value"].as_f64(), rate, "{label} win rate");
        if self.won == 0 {
            assert!(m["dealSize"]["mean"].is_null());
            return;
        }
        let mean_cents = (self.won_cents as f64 / self.won as f64).round();
        assert_eq!(m["dealSize"]["mean"].as_f64(), Some(mean_cents / 100.0), "{label} mean deal size");
        assert_eq!(m["dealSize"]["median"].as_f64(), Some((Self::median(&self.sizes) / 100.0 * 100.0).round() / 100.0), "{label} median deal size");
        let mean_days = self.cycles.iter().sum::<i64>() as f64 / self.cycles.len() as f64;
        assert_eq!(m["salesCycle"]["mean"].as_f64(), Some((mean_days * 100.0).round() / 100.0), "{label} mean cycle");
        assert_eq!(m["salesCycle"]["median"].as_f64(), Some(Self::median(&self.cycles)), "{label} median cycle");
    }
}

fn by_key(m: &Value) -> BTreeMap<Option<String>, &Value> {
    m["groups"].as_array().unwrap().iter().map(|g| (g["key"].as_str().map(str::to_owned), &g["metrics"])).collect()
}

#[test]
fn maven_crm_opportunities() {
    let Some(opps) = load() else {
        println!("SKIP maven_crm_opportunities: {} not found (needs ../shared/data/crm/maven)", data_dir().display());
        return;
    };
    assert_eq!(opps.len(), 8800);
    let input = deals_json(&opps);

    // Overall, all time.
    let mut all = Closed::default();
    opps.iter().for_each(|o| all.add(o));
    let open: Vec<&Opp> = opps.iter().filter(|o| o.stage == "Engaging" || o.stage == "Prospecting").collect();
    let m = metrics(&input, json!({}));
    all.check(&m, "all");
    let total_cents: i64 = opps.iter().filter_map(|o| o.cents).sum();
    assert_eq!(m["pipelineCreated"], json!({"count": 8800, "value": total_cents as f64 / 100.0}));
    assert_eq!(m["pipeline"]["count"].as_u64(), Some(open.len() as u64));
    let prospecting = open.iter().filter(|o| o.stage == "Prospecting").count() as u64;
    assert_eq!(m["pipeline"]["byStage"][0]["count"].as_u64(), Some(prospecting));
    assert_eq!(m["forecast"]["unknownStages"], json!([{"stage": "Engaging", "count": open.len() as u64 - prospecting, "value": 0.0}]));
    // Lost deals carry a value of 0 in this data, so the win rate by value is 100%.
    assert_eq!(m["winRate"]["byValue"]["value"], 1.0);
    // Velocity from independent figures (open × win rate × mean size ÷ mean cycle).
    let per_day = open.len() as f64 * (all.won as f64 / (all.won + all.lost) as f64)
        * (all.won_cents as f64 / all.won as f64 / 100.0) / (all.cycles.iter().sum::<i64>() as f64 / all.cycles.len() as f64);
    let got = m["velocity"]["perDay"].as_f64().unwrap();
    assert!((got - per_day).abs() / per_day < 1e-4, "velocity {got} vs {per_day}");
    println!("Maven, all time: {} won, {} lost, win rate {:.4}, won total {:.2}, mean deal {:.2}, median deal {:.2}, cycle mean {:.2} / median {} days, {} open, velocity {:.2}/day",
        all.won, all.lost, all.won as f64 / (all.won + all.lost) as f64, all.won_cents as f64 / 100.0,
        all.won_cents as f64 / all.won as f64 / 100.0, Closed::median(&all.sizes) / 100.0,
        all.cycles.iter().sum::<i64>() as f64 / all.cycles.len() as f64, Closed::median(&all.cycles), open.len(), got);

    // By owner, product and regional office (as segment).
    for (group_by, key_of) in [
        ("owner", (|o: &Opp| o.agent.clone()) as fn(&Opp) -> String),
        ("product", |o: &Opp| o.product.clone()),
        ("segment", |o: &Opp| o.office.clone()),
    ] {
        let mut expected: BTreeMap<String, Closed> = BTreeMap::new();
        let mut open_count: BTreeMap<String, u64> = BTreeMap::new();
        for o in &opps {
            expected.entry(key_of(o)).or_default().add(o);
            if o.close.is_none() {
                *open_count.entry(key_of(o)).or_default() += 1;
            }
        }
        let m = metrics(&input, json!({"groupBy": group_by}));
        let groups = by_key(&m);
        assert_eq!(groups.len(), expected.len(), "{group_by} groups");
        for (key, closed) in &expected {
            let g = groups[&Some(key.clone())];
            closed.check(g, &format!("{group_by}={key}"));
            assert_eq!(g["pipeline"]["count"].as_u64(), Some(open_count.get(key).copied().unwrap_or(0)), "{group_by}={key} open");
        }
        let keys: Vec<_> = m["groups"].as_array().unwrap().iter().map(|g| g["key"].as_str().unwrap().to_owned()).collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]), "{group_by} keys sorted");
    }

    // By quarter: closed deals by close quarter, pipeline created by engage quarter; open and
    // undated deals in the null group.
    let mut closed_q: BTreeMap<String, Closed> = BTreeMap::new();
    let mut created_q: BTreeMap<String, u64> = BTreeMap::new();
    for o in &opps {
        if let Some(c) = &o.close {
            closed_q.entry(quarter(c)).or_default().add(o);
        }
        if let Some(e) = &o.engage {
            *created_q.entry(quarter(e)).or_default() += 1;
        }
    }
    let m = metrics(&input, json!({"groupBy": "quarter"}));
    let groups = by_key(&m);
    for (q, closed) in &closed_q {
        closed.check(groups[&Some(q.clone())], q);
    }
    for (q, n) in &created_q {
        assert_eq!(groups[&Some(q.clone())]["pipelineCreated"]["count"].as_u64(), Some(*n), "{q} created");
    }
    let none = groups[&None];
    assert_eq!((none["pipeline"]["count"].as_u64(), none["pipelineCreated"]["count"].as_u64()), (Some(open.len() as u64), Some(prospecting)));
    println!("Maven by quarter (close date): {}", closed_q.iter()
        .map(|(q, c)| format!("{q} {} won / {} lost, {:.2}", c.won, c.lost, c.won_cents as f64 / 100.0)).collect::<Vec<_>>().join("; "));

    // By month, won counts by close month.
    let m = metrics(&input, json!({"groupBy": "month"}));
    let groups = by_key(&m);
    let mut won_month: BTreeMap<String, u64> = BTreeMap::new();
    for o in opps.iter().filter(|o| o.stage == "Won") {
        *won_month.entry(o.close.as_deref().unwrap()[..7].to_owned()).or_default() += 1;
    }
    for (month, n) in &won_month {
        assert_eq!(groups[&Some(month.clone())]["won"]["count"].as_u64(), Some(*n), "{month}");
    }

    // A period: Q2 2017, start inclusive, end exclusive, by close date; created by engage date.
    let in_q2 = |d: &Option<String>| d.as_deref().is_some_and(|d| ("2017-04-01".."2017-07-01").contains(&d));
    let mut q2 = Closed::default();
    opps.iter().filter(|o| in_q2(&o.close)).for_each(|o| q2.add(o));
    let m = metrics(&input, json!({"period": {"start": "2017-04-01", "end": "2017-07-01"}}));
    q2.check(&m, "Q2 2017");
    let created: Vec<&Opp> = opps.iter().filter(|o| in_q2(&o.engage)).collect();
    let created_cents: i64 = created.iter().filter_map(|o| o.cents).sum();
    assert_eq!(m["pipelineCreated"], json!({"count": created.len(), "value": created_cents as f64 / 100.0}));
    assert_eq!(m["pipeline"]["count"], 0); // open deals have no expected close date in this data

    // Quotas: every agent carries 250,000 for 2017; attainment = won in 2017 / quota.
    let agents: Vec<&str> = {
        let mut a: Vec<&str> = opps.iter().map(|o| o.agent.as_str()).collect();
        a.sort_unstable();
        a.dedup();
        a
    };
    let mut with_quotas = input.clone();
    with_quotas["quotas"] = json!({"reps": agents.iter().map(|a| json!({"owner": a, "quota": 250_000})).collect::<Vec<_>>()});
    let m = metrics(&with_quotas, json!({"period": {"start": "2017-01-01", "end": "2018-01-01"}}));
    for rep in m["quotas"]["reps"].as_array().unwrap() {
        let owner = rep["owner"].as_str().unwrap();
        let won: i64 = opps.iter().filter(|o| o.agent == owner && o.stage == "Won" && o.close.as_deref().is_some_and(|c| c.starts_with("2017")))
            .map(|o| o.cents.unwrap()).sum();
        assert_eq!(rep["won"].as_f64(), Some(won as f64 / 100.0), "{owner}");
        assert_eq!(rep["attainment"]["value"].as_f64(), Some(won as f64 / 25_000_000.0), "{owner}");
    }
}

#[test]
fn maven_result_is_all_finite_numbers() {
    let Some(opps) = load() else {
        println!("SKIP maven_result_is_all_finite_numbers: {} not found", data_dir().display());
        return;
    };
    fn walk(v: &Value) {
        match v {
            Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{n}"),
            Value::Array(a) => a.iter().for_each(walk),
            Value::Object(o) => o.values().for_each(walk),
            _ => {}
        }
    }
    for group_by in ["owner", "product", "segment", "month", "quarter", "source"] {
        walk(&metrics(&deals_json(&opps), json!({"groupBy": group_by, "period": "last_year"})));
    }
}
