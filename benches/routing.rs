//! Native benchmark of lead routing (criterion): 100,000 leads routed against 10,000
//! accounts, generated here from a seeded generator. A third of the leads write to an
//! account's domain, a sixth give an account's name in another case with a legal form, a
//! tenth its name with a typo, and the rest are companies that are no account (free-mail
//! addresses, names made of the same 64 syllables and 24 words as the accounts'), which go
//! through every matching method before the territories and the round robin. Sizes: `BENCH_ROUTING_LEADS` (100000) and
//! `BENCH_ROUTING_ACCOUNTS` (10000). Usage: `cargo bench --bench routing`; `cargo test
//! --bench routing` runs each case once.
use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, SamplingMode, Throughput};
use serde_json::{json, Value};

use pipescore::routing::{AccountIndex, Router, RoutingState};

/// Monday 2026-03-09T15:00:00Z.
const NOW: i64 = 1_773_068_400_000;

/// A small seeded generator (SplitMix64), so every run routes the same leads.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: [&str; 64] = [
    "zo", "tex", "quad", "ron", "dal", "plex", "fin", "bio", "gen", "ko", "lab", "ma", "nex", "sun", "tri", "vex", "won", "hat", "ice", "jun",
    "lux", "mor", "pan", "sil", "ar", "bel", "cor", "dun", "el", "fa", "gor", "hen", "is", "jor", "kel", "lin", "mu", "nor", "ov", "pil", "qua",
    "ras", "sty", "tor", "ul", "ven", "wex", "yor", "zan", "bry", "cav", "dro", "esk", "fly", "gra", "hol", "ing", "jas", "kra", "lom", "mid",
    "nav", "orb", "pex",
];
const WORDS: [&str; 12] =
    ["Systems", "Labs", "Foods", "Logistics", "Energy", "Health", "Media", "Capital", "Robotics", "Textiles", "Motors", "Analytics"];
const COUNTRIES: [&str; 8] = ["US", "United States", "Germany", "FR", "United Kingdom", "Japan", "AU", "Brazil"];

fn size(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn company(rng: &mut Seeded) -> String {
    let syllables = 2 + rng.below(2);
    let mut name: String = (0..syllables).map(|_| SYLLABLES[rng.below(SYLLABLES.len())]).collect();
    if let Some(first) = name.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if rng.below(2) == 0 {
        name = format!("{name} {}", WORDS[rng.below(WORDS.len())]);
    }
    name
}

fn accounts(n: usize, rng: &mut Seeded) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let name = company(rng);
            let domain: String = name.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase() + ".com";
            json!({"id": format!("acc-{i}"), "name": name, "domain": domain, "phone": format!("+1 212 {:07}", i), "owner": format!("rep-{}", i % 20)})
        })
        .collect()
}

fn leads(n: usize, accounts: &[Value], rng: &mut Seeded) -> Vec<Value> {
    (0..n)
        .map(|i| {
            let account = &accounts[rng.below(accounts.len())];
            let name = account["name"].as_str().unwrap_or("");
            let (email, company) = match i % 30 {
                0..=9 => (format!("buyer{i}@{}", account["domain"].as_str().unwrap_or("")), company(rng)),
                10..=14 => (format!("lead{i}@gmail.com"), format!("{} Inc.", name.to_uppercase())),
                15..=17 => {
                    let mut chars: Vec<char> = name.chars().collect();
                    let mid = chars.len() / 2;
                    chars.swap(mid - 1, mid);
                    (format!("lead{i}@outlook.com"), chars.into_iter().collect())
                }
                _ => (format!("lead{i}@yahoo.com"), company(rng)),
            };
            json!({"lead": {"email": email, "company": company, "country": COUNTRIES[rng.below(COUNTRIES.len())],
                            "employees": 10 + rng.below(5000), "industry": "Software"}})
        })
        .collect()
}

fn config() -> Value {
    let reps: Vec<Value> = (0..20).map(|i| json!({"id": format!("rep-{i}"), "capPerDay": 100_000})).collect();
    json!({
        "timeZone": "America/New_York",
        "workingHours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "08:00", "to": "18:00"}],
        "reps": reps,
        "queues": [{"id": "inbound"}],
        "pools": [{"id": "sdr", "members": ["rep-0", {"rep": "rep-1", "weight": 2}, "rep-2", "rep-3", "rep-4"], "fallback": {"queue": "inbound"}}],
        "territories": [
            {"id": "emea", "countries": ["DE", "FR", "GB"], "employees": {"min": 1000}, "assign": {"rep": "rep-10"}},
            {"id": "apac", "countries": ["JP", "AU"], "employees": {"min": 1000}, "assign": {"rep": "rep-11"}},
            {"id": "na", "countries": ["US", "CA"], "employees": {"min": 1000}, "assign": {"rep": "rep-12"}}
        ],
        "rules": [
            {"id": "owner", "assign": {"accountOwner": true}},
            {"id": "territory", "assign": {"territories": "all"}},
            {"id": "rr", "assign": {"pool": "sdr"}}
        ],
        "defaultOwner": {"queue": "inbound"}
    })
}

fn routing(c: &mut criterion::Criterion) {
    let mut rng = Seeded(22);
    let accounts = accounts(size("BENCH_ROUTING_ACCOUNTS", 10_000), &mut rng);
    let leads = leads(size("BENCH_ROUTING_LEADS", 100_000), &accounts, &mut rng);
    let router = Router::compile(&config()).expect("the bench config compiles");
    let index = AccountIndex::build(&accounts).expect("the accounts index");
    let mut group = c.benchmark_group("routing");
    group.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements(accounts.len() as u64));
    group.bench_function(format!("AccountIndex::build ({} accounts)", accounts.len()), |b| {
        b.iter(|| AccountIndex::build(black_box(&accounts)).map(|i| i.len()))
    });
    group.throughput(Throughput::Elements(leads.len() as u64));
    group.bench_function(format!("route_many ({} leads, {} accounts)", leads.len(), accounts.len()), |b| {
        b.iter(|| {
            let mut state = RoutingState::new();
            router.route_many(black_box(&leads), Some(&index), &mut state, NOW).iter().filter(|d| d.is_ok()).count()
        })
    });
    group.bench_function(format!("route_many ({} leads, no accounts)", leads.len()), |b| {
        b.iter(|| {
            let mut state = RoutingState::new();
            router.route_many(black_box(&leads), None, &mut state, NOW).iter().filter(|d| d.is_ok()).count()
        })
    });
    group.finish();
    // What the leads matched, for the record (not timed).
    let mut state = RoutingState::new();
    let mut methods = std::collections::BTreeMap::new();
    for decision in router.route_many(&leads, Some(&index), &mut state, NOW).into_iter().flatten() {
        *methods.entry(decision.account.map_or("none", |m| m.method.name())).or_insert(0) += 1;
    }
    println!("account matches by method: {methods:?}");
}

criterion_group!(benches, routing);
criterion_main!(benches);
