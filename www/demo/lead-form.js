// Lead form demo: <pipescore-lead-form> scores the sign-up form live; the page listens to
// pipescore-score and offers a meeting to A-grade, engaged leads.
import '../widgets/lead-form.js';
import { h, render } from '../widgets/dom.js';
import { now, sampleLeads } from '../data/sample.js';

const widget = document.getElementById('lead-form');
const form = document.getElementById('signup');
const offer = document.getElementById('offer');
widget.now = now;

/** Puts `lead` (a sample visitor) into the form, then asks the widget to re-score. */
function fill(lead) {
  form.reset();
  for (const field of form.elements) {
    if (field.type === 'checkbox') field.checked = field.name === 'events' ? (lead.events ?? []).includes(field.value) : Boolean(lead[field.name]);
    else if (field.name && lead[field.name] != null) field.value = String(lead[field.name]);
  }
  widget.refresh();
}

render(document.getElementById('samples'), Object.entries(sampleLeads).map(([label, lead]) =>
  h('button', { type: 'button', class: 'secondary', onclick: () => fill(lead) }, label)));
document.getElementById('clear').addEventListener('click', () => fill({}));

widget.addEventListener('pipescore-score', (event) => {
  const { fitGrade, engagementGrade } = event.detail;
  const qualifies = fitGrade === 'A' && engagementGrade <= 2;
  offer.hidden = !qualifies;
  if (qualifies) {
    const name = form.elements.firstName.value.trim();
    document.getElementById('offer-text').textContent =
      `${name ? `${name}, you` : 'You'} look like a great fit. Pick a time with an account executive today — no waiting for a call back.`;
  }
});
document.getElementById('book').addEventListener('click', () => {
  document.getElementById('booked').textContent = 'Demo page: a scheduling calendar would open here.';
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  document.getElementById('sent').textContent = 'Thanks! (Demo page: nothing was sent.)';
});
