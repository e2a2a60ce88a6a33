// Writes www/data/sample.js: a deterministic, realistic CRM sample for the demo pages — two
// years of deals for seven reps (stage history, activities, contacts with roles, close-date
// pushes, the fields the default pipeline's criteria read), the lead funnel, quarterly quotas
// and a few showcase deals. Same seed, same file. Usage: node scripts/make-sample-data.mjs
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'www', 'data', 'sample.js');

/** The instant the demo pages evaluate at, so the sample always looks current. */
const NOW = Date.parse('2026-11-24T12:00:00Z');
const START = Date.parse('2024-11-25T00:00:00Z');
const DAY = 86_400_000;

// ─── Seeded randomness ──────────────────────────────────────────────────────────────────
let seed = 9;
/** mulberry32: a small, fast, seedable PRNG returning [0, 1). */
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const chance = (p) => random() < p;
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi) => lo + random() * (hi - lo);
const int = (lo, hi) => Math.floor(between(lo, hi + 1));
/** Picks a key of `weights` ({ key: weight }) in proportion to its weight. */
function weighted(weights) {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (const [key, w] of Object.entries(weights)) if ((r -= w) < 0) return key;
  return Object.keys(weights)[0];
}
const day = (t) => new Date(t).toISOString().slice(0, 10);
const instant = (t) => new Date(Math.round(t / 60_000) * 60_000).toISOString().replace(':00.000Z', 'Z');
/** The same UTC day as `t`, at a random minute of office hours (08:00–18:00), not after NOW. */
const office = (t) => Math.min(NOW - 3_600_000, t - (t % DAY) + between(8, 18) * 3_600_000);

// ─── The business ───────────────────────────────────────────────────────────────────────
const OWNERS = [
  { owner: 'Priya Shah', startDate: '2023-02-01', skill: 1.15 },
  { owner: 'Marcus Bell', startDate: '2023-06-12', skill: 1.0 },
  { owner: 'Elena Rossi', startDate: '2024-01-08', skill: 1.05 },
  { owner: 'Tom Okafor', startDate: '2024-04-15', skill: 0.9 },
  { owner: 'Hannah Weber', startDate: '2024-09-02', skill: 1.0 },
  { owner: 'Diego Alvarez', startDate: '2025-03-03', skill: 0.95 },
  { owner: 'Grace Kim', startDate: '2026-07-01', skill: 0.85 },
];
/** Share of deals, and how much a source lifts the odds of winning. */
const SOURCES = {
  website: { share: 26, win: 1.0 }, referral: { share: 12, win: 1.45 }, paid_search: { share: 18, win: 0.7 },
  events: { share: 12, win: 0.95 }, outbound: { share: 20, win: 0.8 }, partner: { share: 12, win: 1.25 },
};
const SEGMENTS = {
  smb: { share: 45, amount: [6_000, 18_000], pace: 0.7, products: { Starter: 7, Growth: 3 } },
  mid_market: { share: 38, amount: [18_000, 70_000], pace: 1.0, products: { Growth: 6, Enterprise: 2, 'Analytics add-on': 2 } },
  enterprise: { share: 17, amount: [70_000, 260_000], pace: 1.6, products: { Enterprise: 8, 'Analytics add-on': 2 } },
};
const STAGES = [
  { id: 'prospecting', days: 7, loss: 0.22 }, { id: 'discovery', days: 14, loss: 0.3 }, { id: 'demo', days: 10, loss: 0.24 },
  { id: 'proposal', days: 14, loss: 0.26 }, { id: 'negotiation', days: 10, loss: 0.18 },
];
const INDUSTRIES = ['Computer Software', 'Financial Services', 'Logistics', 'Healthcare', 'Manufacturing', 'Retail', 'Internet', 'Education', 'Telecommunications'];
const PREFIXES = ['North', 'Blue', 'Silver', 'Iron', 'Bright', 'Cedar', 'Copper', 'Harbor', 'Summit', 'Pioneer', 'Granite', 'Lumen', 'Maple', 'Orbit', 'Quarry', 'Redwood', 'Sterling', 'Tidal', 'Vertex', 'Willow'];
const SUFFIXES = ['wave', 'stone', 'field', 'point', 'line', 'bridge', 'works', 'gate', 'path', 'peak'];
const KINDS = ['Logistics', 'Health', 'Systems', 'Labs', 'Analytics', 'Foods', 'Energy', 'Retail', 'Software', 'Partners'];
const FIRST = ['Dana', 'Alex', 'Sam', 'Jordan', 'Maya', 'Noah', 'Lena', 'Omar', 'Iris', 'Victor', 'Chloe', 'Ravi', 'Nina', 'Felix', 'Ada', 'Yusuf', 'Clara', 'Ben', 'Sofia', 'Kenji'];
const LAST = ['Reyes', 'Nguyen', 'Fischer', 'Patel', 'Moreau', 'Jensen', 'Costa', 'Novak', 'Lindqvist', 'Haddad', 'Brennan', 'Tanaka', 'Schmidt', 'Okoro', 'Laurent'];
const TITLES = { decision_maker: 'VP of Sales', economic_buyer: 'CFO', champion: 'Sales Operations Manager', signer: 'General Counsel', admin: 'CRM Administrator', user: 'Account Executive', influencer: 'Head of RevOps' };
const PAINS = ['Forecasts built by hand in spreadsheets', 'Reps skip qualification steps', 'No view of deal risk until quarter end', 'Lead routing is slow and leads go cold', 'Pipeline reviews take a full day each week'];
const BUDGETS = { smb: ['$5k–$15k', '$10k–$20k'], mid_market: ['$20k–$40k', '$40k–$75k'], enterprise: ['$75k–$150k', '$150k–$300k'] };
const FEATURES = ['Deal health', 'Forecast roll-up', 'Stage gates', 'Lead scoring', 'Pipeline dashboard', 'CRM extension'];
const OBJECTIONS = ['Price against the current tool', 'Security review needed', 'Worried about rep adoption', 'None raised', 'Needs Salesforce and HubSpot support'];
const NEXT_STEPS = ['Security review call', 'Send proposal', 'Pricing call with the CFO', 'Technical deep dive', 'Reference call with a customer', 'Legal review of the MSA'];
const TERMS = ['12 months, billed annually upfront', '24 months, billed annually', '12 months, billed quarterly', '36 months, 8% multi-year discount'];
const LOSS = ['Chose a competitor', 'Price', 'No decision', 'Timing', 'Missing feature', 'Lost the champion'];

const usedCompanies = new Set();
function company() {
  for (;;) {
    const name = `${pick(PREFIXES)}${pick(SUFFIXES)} ${pick(KINDS)}`;
    if (!usedCompanies.has(name)) return usedCompanies.add(name), name;
  }
}
const roundAmount = (x) => Math.round(x / 500) * 500;

/** Deals are created more often as the business grows (~0.5/day two years ago, ~0.9/day now). */
function creationTimes() {
  const times = [];
  for (let t = START; t < NOW - 2 * DAY; ) {
    const growth = (t - START) / (NOW - START);
    t += (DAY / (0.55 + 0.6 * growth)) * -Math.log(1 - random());
    times.push(office(t));
  }
  return times.filter((t) => t < NOW - DAY);
}

/**
 * Simulates one deal from creation: it walks the stages (an occasional step back, an
 * occasional stall) until it is won or lost; the walk is cut at NOW for deals still open.
 */
function simulate(createdAt, owner, source, segment) {
  const history = [];
  let t = createdAt;
  let index = chance(0.3) ? 1 : 0; // some deals are created in Discovery (inbound, SDR-qualified)
  const stall = chance(0.3) ? between(2, 4) : 1;
  const winLift = SOURCES[source].win * owner.skill;
  for (;;) {
    const stage = STAGES[index];
    history.push({ stage: stage.id, enteredAt: t });
    const days = stage.days * SEGMENTS[segment].pace * stall * between(0.5, 1.6);
    if (t + days * DAY > NOW) return { history, outcome: 'open' };
    t = office(t + days * DAY);
    if (chance(Math.min(0.9, stage.loss / winLift))) {
      // Lost deals often linger, untouched, before the rep closes them out.
      const closedAt = t + (chance(0.6) ? between(5, 75) * DAY : 0);
      return closedAt > NOW ? { history, outcome: 'open', fading: true } : { history, outcome: 'lost', closedAt: office(closedAt) };
    }
    if (index > 1 && chance(0.06)) index -= 1; // back to an earlier stage
    else if (index === STAGES.length - 1) return { history, outcome: 'won', closedAt: t };
    else index += 1;
  }
}

// ─── Deals ──────────────────────────────────────────────────────────────────────────────
const deals = []; // open deals, as full records
/** A closed deal row: [id, owner, source, segment, product, amount, loss reason, [stage, entered, stage, entered…]]. */
const closedRows = [];
let nextId = 1001;
for (const createdAt of creationTimes()) {
  const owner = OWNERS[int(0, OWNERS.length - 1)];
  if (Date.parse(owner.startDate) > createdAt) continue;
  const source = weighted(Object.fromEntries(Object.entries(SOURCES).map(([k, v]) => [k, v.share])));
  const segment = weighted(Object.fromEntries(Object.entries(SEGMENTS).map(([k, v]) => [k, v.share])));
  const product = weighted(SEGMENTS[segment].products);
  const amount = roundAmount(between(...SEGMENTS[segment].amount) * (product === 'Analytics add-on' ? 0.4 : 1));
  const { history, outcome, closedAt, fading } = simulate(createdAt, owner, source, segment);
  const deal = { id: `D-${nextId++}`, owner: owner.owner, source, segment, product, amount, createdAt: day(createdAt) };
  if (outcome === 'open') Object.assign(deal, openDeal(deal, history, createdAt, fading));
  else {
    const stage = outcome === 'won' ? 'closed_won' : 'closed_lost';
    const stages = [...history, { stage, enteredAt: closedAt }].flatMap((h) => [h.stage, day(h.enteredAt)]);
    closedRows.push([deal.id, deal.owner, source, segment, product, amount, outcome === 'lost' ? pick(LOSS) : null, stages]);
    continue;
  }
  deals.push(deal);
}

/** The fields of an open deal: everything its reps would have filled in by its stage; a fading deal has gone quiet. */
function openDeal(base, history, createdAt, fading) {
  const name = company();
  const stageIndex = STAGES.findIndex((s) => s.id === history.at(-1).stage);
  const enteredAt = history.at(-1).enteredAt;
  const past = (i) => stageIndex > i; // the deal left stage i forwards: its exit criteria were met
  const here = (i, p) => stageIndex === i && chance(p);
  const contacts = makeContacts(stageIndex, base.segment);
  const daysLeft = STAGES.slice(stageIndex).reduce((sum, s) => sum + s.days, 0) * SEGMENTS[base.segment].pace;
  let closeAt = enteredAt + daysLeft * between(0.6, 1.3) * DAY;
  const pushes = chance(0.3) ? int(1, 3) : 0;
  const closeDateHistory = [];
  for (let i = pushes; i >= 0; i -= 1) closeDateHistory.push({ closeDate: day(closeAt - i * between(12, 25) * DAY), changedAt: day(createdAt + (pushes - i) * (NOW - createdAt) / (pushes + 2)) });
  closeAt = Date.parse(closeDateHistory.at(-1).closeDate);
  const quiet = fading || chance(0.2) ? between(12, 45) : between(0, 6); // days since the last touch
  const deal = {
    id: base.id, name: `${name} — ${base.product}`, company: name, ...base, industry: chance(0.9) ? pick(INDUSTRIES) : undefined,
    stage: STAGES[stageIndex].id, stageEnteredAt: instant(enteredAt), closeDate: day(closeAt),
    stageHistory: history.map((h) => ({ stage: h.stage, enteredAt: instant(h.enteredAt) })),
    closeDateHistory: pushes ? closeDateHistory : undefined,
    contacts, activities: makeActivities(contacts, createdAt, NOW - quiet * DAY, stageIndex),
  };
  if (past(1) || here(1, 0.6)) deal.painPoints = pick(PAINS);
  if (past(1) || here(1, 0.5)) deal.budgetRange = pick(BUDGETS[base.segment]);
  if (past(1) || here(1, 0.45)) deal.timeline = `Decision by ${day(closeAt)}`;
  const demoEntered = history.find((h) => h.stage === 'demo')?.enteredAt;
  if (past(1) || here(1, 0.3)) deal.demoDate = day(demoEntered ? demoEntered + between(1, 4) * DAY : NOW + between(2, 9) * DAY);
  if (past(2) || here(2, 0.6)) deal.demoAttendees = contacts.slice(0, 3).map((c) => `${c.name} (${c.title})`).join(', ');
  if (past(2) || here(2, 0.6)) deal.featuresOfInterest = [pick(FEATURES), pick(FEATURES)].filter((f, i, a) => a.indexOf(f) === i).join(', ');
  if (past(2) || here(2, 0.5)) deal.objections = pick(OBJECTIONS);
  if (past(2) || here(2, 0.5)) deal.nextSteps = pick(NEXT_STEPS);
  if (stageIndex < 2 && chance(0.25)) delete deal.amount; // not sized yet
  if (past(3) || here(3, 0.6)) deal.terms = pick(TERMS);
  if (past(3) || here(3, 0.55)) deal.decisionDate = day(closeAt - 3 * DAY);
  if (here(4, 0.6)) deal.contractSentAt = instant(office(enteredAt + between(1, 4) * DAY));
  if (chance(0.12) && deal.amount) deal.amountHistory = [{ amount: roundAmount(deal.amount * between(1.1, 1.5)), changedAt: day(createdAt + 2 * DAY) }, { amount: deal.amount, changedAt: day(enteredAt) }];
  if (chance(0.8)) Object.assign(deal, { nextStep: pick(NEXT_STEPS), nextStepDate: day(NOW + between(-10, 12) * DAY) });
  return deal;
}

/** Contacts with buying roles: more of them, and more senior, the further the deal got. */
function makeContacts(stageIndex, segment) {
  const roles = ['champion'];
  if (stageIndex >= 2 || chance(0.5)) roles.push('decision_maker');
  if (stageIndex >= 3 || (segment === 'enterprise' && chance(0.5))) roles.push('economic_buyer');
  if (stageIndex >= 4 && chance(0.8)) roles.push('signer');
  if (chance(0.4)) roles.push(pick(['admin', 'user', 'influencer']));
  if (stageIndex === 0 && chance(0.5)) roles.splice(0, roles.length, pick(['champion', 'user']));
  const first = [...FIRST].sort(() => random() - 0.5);
  return roles.map((role, i) => ({ id: `c${i + 1}`, name: `${first[i]} ${pick(LAST)}`, role, title: TITLES[role] }));
}

/** A deal's activity log between its creation and its last touch; meetings with the buyer. */
function makeActivities(contacts, from, lastTouch, stageIndex) {
  const count = int(3, 6) + stageIndex * 2;
  const activities = [{ type: 'meeting', at: instant(office(from + between(0.5, 3) * DAY)), contact: contacts[0].id }];
  for (let i = 1; i < count; i += 1) {
    const at = from + ((i + random()) / count) * (lastTouch - from);
    const type = weighted({ email: 5, call: 3, meeting: 2, reply: 2, email_received: 1, demo: stageIndex >= 2 ? 1 : 0 });
    activities.push({ type, at: instant(office(at)), contact: pick(contacts).id });
  }
  return activities.sort((a, b) => a.at.localeCompare(b.at));
}

// ─── Showcase deals (hand-written, dated from NOW) ──────────────────────────────────────
const ago = (days) => instant(NOW - days * DAY);
const ahead = (days) => day(NOW + days * DAY);
const showcaseContacts = (names) => names.map(([name, role], i) => ({ id: `c${i + 1}`, name, role, title: TITLES[role] }));

const healthy = {
  id: 'D-2001', name: 'Brightwave Logistics — Enterprise', company: 'Brightwave Logistics', owner: 'Priya Shah', source: 'referral',
  segment: 'enterprise', product: 'Enterprise', industry: 'Logistics', amount: 148_000, createdAt: day(NOW - 74 * DAY),
  stage: 'negotiation', stageEnteredAt: ago(5), closeDate: ahead(12),
  closeDateHistory: [{ closeDate: ahead(5), changedAt: day(NOW - 50 * DAY) }, { closeDate: ahead(12), changedAt: day(NOW - 6 * DAY) }],
  stageHistory: [['prospecting', 74], ['discovery', 54], ['demo', 38], ['proposal', 26], ['negotiation', 5]].map(([stage, d]) => ({ stage, enteredAt: ago(d) })),
  contacts: showcaseContacts([['Dana Reyes', 'champion'], ['Victor Haddad', 'decision_maker'], ['Clara Jensen', 'economic_buyer'], ['Omar Patel', 'signer']]),
  activities: [[58, 'meeting', 'c1'], [40, 'demo', 'c2'], [30, 'meeting', 'c3'], [20, 'call', 'c1'], [16, 'email', 'c3'], [12, 'meeting', 'c2'], [9, 'email_received', 'c4'], [6, 'meeting', 'c3'], [3, 'call', 'c1'], [1, 'meeting', 'c4']]
    .map(([d, type, contact]) => ({ type, at: ago(d), contact })),
  painPoints: PAINS[0], budgetRange: '$150k–$300k', timeline: `Signature by ${ahead(10)}`, demoDate: ahead(-40),
  demoAttendees: 'Dana Reyes (Sales Operations Manager), Victor Haddad (VP of Sales)', featuresOfInterest: 'Forecast roll-up, Deal health',
  objections: 'Security review needed', nextSteps: 'Security review call', terms: TERMS[1], decisionDate: ahead(9), contractSentAt: ago(3),
  nextStep: 'Redlines call with legal', nextStepDate: ahead(2),
};
const atRisk = {
  id: 'D-2002', name: 'Copperline Health — Growth', company: 'Copperline Health', owner: 'Tom Okafor', source: 'paid_search',
  segment: 'mid_market', product: 'Growth', industry: 'Healthcare', amount: 38_000, createdAt: day(NOW - 81 * DAY),
  stage: 'proposal', stageEnteredAt: ago(24), closeDate: ahead(8),
  stageHistory: [['discovery', 81], ['demo', 60], ['proposal', 24]].map(([stage, d]) => ({ stage, enteredAt: ago(d) })),
  closeDateHistory: [[ahead(-40), 80], [ahead(-10), 45], [ahead(-2), 20], [ahead(8), 6]].map(([closeDate, d]) => ({ closeDate, changedAt: ago(d).slice(0, 10) })),
  amountHistory: [{ amount: 52_000, changedAt: ago(60).slice(0, 10) }, { amount: 38_000, changedAt: ago(12).slice(0, 10) }],
  contacts: showcaseContacts([['Nina Brennan', 'champion'], ['Ben Costa', 'user']]),
  activities: [[79, 'meeting', 'c1'], [62, 'demo', 'c1'], [40, 'reply', 'c1'], [25, 'meeting', 'c1'], [11, 'email', 'c1'], [8, 'email', 'c1']]
    .map(([d, type, contact]) => ({ type, at: ago(d), contact })),
  painPoints: PAINS[3], budgetRange: '$40k–$75k', timeline: 'Before their Q1 hiring push', demoDate: ahead(-60),
  demoAttendees: 'Nina Brennan (Sales Operations Manager)', featuresOfInterest: 'Lead scoring', objections: 'Price against the current tool',
  nextSteps: 'Send proposal', terms: TERMS[2], nextStep: 'Chase proposal feedback', nextStepDate: ahead(-5),
};
const xss = {
  id: 'D-2003', name: '<img src=x onerror=alert(1)>', company: '<img src=x onerror=alert(1)>', owner: 'Elena Rossi', source: 'website',
  segment: 'smb', product: 'Starter', industry: 'Internet', amount: 9_500, createdAt: day(NOW - 20 * DAY),
  stage: 'demo', stageEnteredAt: ago(6), closeDate: ahead(21),
  stageHistory: [['prospecting', 20], ['discovery', 15], ['demo', 6]].map(([stage, d]) => ({ stage, enteredAt: ago(d) })),
  contacts: showcaseContacts([['<script>alert(2)</script>', 'champion'], ['Ada Novak', 'decision_maker']]),
  activities: [[19, 'meeting', 'c1'], [16, 'call', 'c2'], [13, 'demo', 'c1'], [12, 'email', 'c1']].map(([d, type, contact]) => ({ type, at: ago(d), contact })),
  painPoints: '"><svg onload=alert(3)>', budgetRange: '$5k–$15k', timeline: 'This quarter', demoDate: ahead(-5),
  demoAttendees: 'Ada Novak (VP of Sales)', nextStep: 'Send the recording', nextStepDate: ahead(1),
};
deals.push(healthy, atRisk, xss);

// ─── Leads: the funnel behind the deals ─────────────────────────────────────────────────
/** A lead row: [createdAt, source, owner, segment, hot, minutes to first contact, days to MQL, SQL, opportunity, won]. */
const leadRows = [];
for (let t = START; t < NOW; ) {
  const growth = (t - START) / (NOW - START);
  t += (DAY / (0.9 + 0.9 * growth)) * -Math.log(1 - random());
  if (t >= NOW) break;
  const source = weighted({ website: 34, referral: 8, paid_search: 26, events: 12, outbound: 12, partner: 8 });
  const owners = OWNERS.filter((o) => Date.parse(o.startDate) <= t);
  const lift = SOURCES[source].win;
  const steps = [];
  for (const [p, days] of [[0.32, 4], [0.45, 6], [0.7, 5], [0.27, 40]]) {
    if (!chance(Math.min(0.95, p * lift))) break;
    steps.push(Math.round(((steps.at(-1) ?? 0) + between(0.3, 1.7) * days) * 10) / 10);
  }
  while (steps.length && t + steps.at(-1) * DAY > NOW) steps.pop();
  const hot = steps.length > 0 && chance(0.5);
  const response = hot ? Math.round(chance(0.7) ? between(3, 55) : between(61, 600)) : null;
  const reached = hot && t + (response ?? 0) * 60_000 > NOW ? null : response;
  leadRows.push([instant(t), source, pick(owners).owner, weighted({ smb: 5, mid_market: 4, enterprise: 1 }), hot ? 1 : 0, reached, ...steps]);
}

// ─── Quotas: quarterly ──────────────────────────────────────────────────────────────────
const quotas = {
  companyTarget: 900_000, salesShare: 0.9,
  reps: OWNERS.map((o) => ({ owner: o.owner, startDate: o.startDate, quota: o.owner === 'Priya Shah' ? 170_000 : 140_000 })),
  ramp: [0, 0, 0.25, 0.5, 0.5, 0.75, 0.75, 0.75],
};

/** Sample visitors for the lead form demo. */
const sampleLeads = {
  'VP at a software company': { firstName: 'Dana', lastName: 'Reyes', email: 'dana@northwave.example', jobTitle: 'VP of Sales', company: 'Northwave Software', industry: 'Computer Software', employees: 500, annualRevenue: 30_000_000, country: 'US', events: ['demo_request', 'pricing_page_view', 'webinar_attended'] },
  'Manager at a retailer': { firstName: 'Sam', lastName: 'Moreau', email: 'sam@maplefoods.example', jobTitle: 'Sales Manager', company: 'Maple Foods', industry: 'Retail', employees: 25, annualRevenue: 5_000_000, country: 'FR', events: ['content_download'] },
  'Student, free-mail address': { firstName: 'Kenji', lastName: 'Tanaka', email: 'kenji.t@gmail.com', jobTitle: 'Student', company: '', industry: 'Education', employees: 5, country: 'JP', isStudent: true, events: ['page_view'] },
};

// ─── Write ──────────────────────────────────────────────────────────────────────────────
const clean = (value) => JSON.parse(JSON.stringify(value)); // drops undefined fields
const lines = (list) => `[\n${list.map((x) => `  ${JSON.stringify(clean(x))},`).join('\n')}\n]`;
const text = `// Sample CRM data for the pipescore demo pages. GENERATED by scripts/make-sample-data.mjs
// (seeded, deterministic): edit the script, not this file. Everything is fictitious.

/** The instant the demo pages evaluate at, so the sample always looks current. */
export const now = '${new Date(NOW).toISOString()}';

/** The reps, with their start dates. */
export const owners = ${JSON.stringify(OWNERS.map(({ owner, startDate }) => ({ owner, startDate })))};

// Closed deals, compact: [id, owner, source, segment, product, amount, loss reason (null when
// won), [stage, date entered, stage, date entered, …]] — created when the first stage was
// entered, closed when the last (closed_won / closed_lost) was.
const CLOSED_ROWS = ${lines(closedRows)};

/** Open deals: everything the stage gates and deal health read (contacts with roles, activities, close-date pushes, criteria fields). */
export const openDeals = ${lines(deals)};

/** All deals, closed and open, as computeMetrics reads them. */
export const deals = [
  ...CLOSED_ROWS.map(([id, owner, source, segment, product, amount, lossReason, stages]) => {
    const stageHistory = [];
    for (let i = 0; i < stages.length; i += 2) stageHistory.push({ stage: stages[i], enteredAt: stages[i + 1] });
    const last = stageHistory.at(-1);
    const deal = { id, owner, source, segment, product, amount, createdAt: stageHistory[0].enteredAt, closeDate: last.enteredAt, stage: last.stage, stageHistory };
    if (lossReason) deal.lossReason = lossReason;
    return deal;
  }),
  ...openDeals,
];

/** Showcase deals (also in \`openDeals\` and \`deals\`): a healthy one, one at risk, one with a hostile name. */
export const showcase = {
  healthy: openDeals.find((d) => d.id === '${healthy.id}'),
  atRisk: openDeals.find((d) => d.id === '${atRisk.id}'),
  xss: openDeals.find((d) => d.id === '${xss.id}'),
};

/** Quarterly targets: the company target and each rep's quota for one quarter. */
export const quotas = ${JSON.stringify(quotas)};

// Leads, compact: [createdAt, source, owner, segment, hot (1/0), minutes to first contact
// (null: not yet), then days from creation to MQL, SQL, opportunity and won, as far as it got].
const LEAD_ROWS = ${lines(leadRows)};

/** Leads for the funnel and the response SLA, as computeMetrics reads them. */
export const leads = LEAD_ROWS.map(([createdAt, source, owner, segment, hot, firstContact, ...steps]) => {
  const t = Date.parse(createdAt);
  const at = (days) => new Date(t + days * 86400000).toISOString();
  const lead = { createdAt, source, owner, segment };
  if (hot) lead.hot = true;
  if (firstContact != null) lead.firstContactAt = at(firstContact / 1440);
  ['mqlAt', 'sqlAt', 'opportunityAt', 'wonAt'].forEach((field, i) => { if (steps[i] != null) lead[field] = at(steps[i]); });
  return lead;
});

/** Sample visitors to fill the lead form with. \`events\` lists event types that happened today. */
export const sampleLeads = ${JSON.stringify(sampleLeads, null, 2)};
`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, text);
const won = closedRows.filter((r) => r[6] === null).length;
console.log(`wrote ${out}: ${closedRows.length + deals.length} deals (${deals.length} open, ${won} won), ${leadRows.length} leads, ${(text.length / 1024).toFixed(0)} KB`);
