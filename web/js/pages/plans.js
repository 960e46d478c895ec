// The redeployment plans (/frontline/plans; assessor, reporter): a
// restructuring's 调整安置方案 (S5, docs/deployment.md) from GET
// /api/v1/plans, newest first: each plan's name (opening its page), state,
// document, due date, and its cadres — all, pending, decided, with a bar
// of the decided share. A reporter sees the plans with cadres of its units,
// counted over those. The assessor draws up a plan (POST /plans: name,
// document, due date; a draft), which opens its page.

import * as api from '../api.js';
import { el, showError } from '../i18n.js';
import { field, formKit, apiError, handledByShell, named } from '../staffing.js';
import { frontlineTabs } from '../deploy.js';
import { navigate } from '../app.js';
import { keyFor, planStateKey } from '../plan_texts.js';

export const title = 'pl.title';

// A plan's state as a tag.
export function planStateTag(state, id) {
  return el('span', {
    id, class: `tag tag-state tag-plan-${String(state ?? '').replace('_', '-')}`, 'data-testid': 'plan-state',
    'data-state': state ?? '', text: planStateKey(state) ?? undefined, raw: planStateKey(state) ? undefined : String(state ?? ''),
  });
}

// The decided share of a plan's cadres as a bar.
function decidedBar(p) {
  const total = Number(p.total ?? 0);
  const decided = Number(p.decided ?? 0);
  const filled = el('span', { class: 'fl-bar-done' });
  // Through the CSSOM: the CSP allows no style attributes.
  filled.style.width = `${total ? Math.round((100 * decided) / total) : 0}%`;
  return el('span', { class: 'fl-progress' }, el('span', { class: 'fl-bar', 'aria-hidden': 'true' }, filled),
    el('span', { raw: total ? `${Math.round((100 * decided) / total)}%` : '—' }));
}

function planRow(p) {
  const num = (k) => el('td', { class: 'num', 'data-testid': `plan-${k}`, raw: String(p[k] ?? 0) });
  return el('tr', { 'data-plan-id': String(p.id), 'data-plan-name': p.name ?? '', 'data-state': p.state ?? '' },
    el('th', { scope: 'row', 'data-testid': 'plan-name' }, el('a', { href: `/frontline/plans/${encodeURIComponent(p.id)}`, raw: p.name ?? '' })),
    el('td', {}, planStateTag(p.state)),
    el('td', { 'data-testid': 'plan-document' }, named(null, p.document)),
    el('td', { class: 'date', 'data-testid': 'plan-due' }, named(null, p.due_on)),
    num('total'), num('pending'), num('decided'),
    el('td', {}, decidedBar(p)));
}

export async function render({ session }) {
  const isAssessor = (session?.account?.roles ?? []).includes('assessor');
  const root = el('section', { class: 'page page-plans', 'data-page': 'plans' },
    el('h1', { text: 'pl.title', tabindex: '-1' }),
    frontlineTabs('/frontline/plans', isAssessor),
    el('p', { class: 'hint', text: isAssessor ? 'pl.intro' : 'pl.intro_reporter' }));
  const listError = el('div', { id: 'plans-error', class: 'form-error', role: 'alert', hidden: true });
  const list = el('div', { id: 'plans-list' });
  try {
    const items = (await api.get('/plans')).items ?? [];
    list.dataset.count = String(items.length);
    list.replaceChildren(items.length
      ? el('div', { class: 'table-wrap' },
        el('table', { class: 'table plans-table', id: 'plans-table' },
          el('thead', {}, el('tr', {}, ['name', 'state', 'document', 'due_on', 'total', 'pending', 'decided', 'progress']
            .map((k) => el('th', { scope: 'col', class: ['total', 'pending', 'decided'].includes(k) ? 'num' : null, text: `pl.col.${k}` })))),
          el('tbody', {}, items.map(planRow))))
      : el('p', { id: 'plans-empty', class: 'hint', text: 'pl.empty' }));
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    showError(listError, err, keyFor);
  }
  root.append(listError, list);
  if (!isAssessor) return root;

  // --- draw up a plan ---------------------------------------------------------------
  const name = el('input', { id: 'plan-name-input', name: 'name', type: 'text', maxlength: '100', autocomplete: 'off', required: true });
  const documentNo = el('input', { id: 'plan-document-input', name: 'document', type: 'text', maxlength: '200', autocomplete: 'off' });
  const due = el('input', { id: 'plan-due-input', name: 'due_on', type: 'date' });
  const submit = el('button', { type: 'submit', id: 'plan-add-submit', class: 'btn btn-primary', text: 'pl.create' });
  const actions = el('div', { class: 'actions' }, submit);
  const kit = formKit('plan-add', { name, document: documentNo, due_on: due }, { keyFor });
  const form = el('form', { id: 'plan-add-form', class: 'form', novalidate: true },
    el('div', { class: 'field-row' }, field('plan-name-input', 'pl.f.name', name)),
    el('div', { class: 'field-row' }, field('plan-document-input', 'pl.f.document', documentNo), field('plan-due-input', 'pl.f.due_on', due)),
    kit.done, actions);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    kit.clear();
    if (!name.value.trim()) return kit.local(name, 'pl.need_name');
    const body = { name: name.value.trim() };
    if (documentNo.value.trim()) body.document = documentNo.value.trim();
    if (due.value) body.due_on = due.value;
    submit.disabled = true;
    try {
      const made = await api.post('/plans', body);
      navigate(`/frontline/plans/${made.id}`);
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      kit.fail(err, actions);
    } finally {
      submit.disabled = false;
    }
  });
  root.append(el('details', { id: 'plan-add', class: 'card plan-add' },
    el('summary', { id: 'plan-add-toggle' }, el('h2', { text: 'pl.new' })), form));
  return root;
}
