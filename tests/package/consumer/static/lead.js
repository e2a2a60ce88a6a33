// The lean `pipescore/lead` build in a plain <script type="module"> page, as a marketing page
// would load it to score a form as it is filled.
import { LeadScorer } from '../node_modules/pipescore/lead/web.js';

const result = new LeadScorer().score(
  { jobTitle: 'VP Sales', employees: 120, events: [{ type: 'demo_request', at: new Date('2026-11-20') }] },
  { now: new Date('2026-11-24'), mode: 'partial' },
);
document.getElementById('out').textContent = JSON.stringify({ score: result.score, grade: result.grade, lifecycle: result.lifecycle });
