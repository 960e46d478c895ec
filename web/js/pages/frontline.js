// The frontline page (/frontline; assessor, reporter): frontline
// assignments (S5, docs/deployment.md) from GET /api/v1/assignments. First
// what the organisation department follows up: the overdue assignments
// (their planned end passed and nobody ended them) and those ending within
// 30 days; then the whole list filtered by kind and state (the filters
// live in the address: /frontline?kind=grassroots&state=current), which
// can be downloaded as XLSX or CSV with the same filters
// (GET /exports/assignments). A reporter sees what the API gives it: the
// assignments of its units at either end. The assessor also sends a cadre
// (POST /assignments: the person found by name, the kind, the home unit —
// the person's current one when none is chosen — the working unit, the
// period, the purpose, the document, who assesses meanwhile; an overlap is
// refused naming the assignment in the way) and ends one on its actual
// last day (POST /assignments/{id}/end).

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';
import { loadAll, unitOptions, choices, field, formKit, apiError, handledByShell } from '../staffing.js';
import { exportLinks } from '../transfer.js';
import {
  KINDS, STATES, kindKey, stateKey, keyFor, today, frontlineTabs, assignmentsTable, personPicker,
} from '../deploy.js';

export const title = 'fl.title';

export async function render({ session, query }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  const root = el('section', { class: 'page page-frontline', 'data-page': 'frontline' },
    el('h1', { text: 'fl.title', tabindex: '-1' }),
    frontlineTabs('/frontline', isAssessor),
    el('p', { class: 'hint', text: isAssessor ? 'fl.intro_assessor' : 'fl.intro_reporter' }));

  let openEnd = () => {};
  const onEnd = isAssessor ? (a) => openEnd(a) : null;

  // --- follow-up: overdue and ending soon ------------------------------------------

  const followUp = el('div', { class: 'fl-follow' });
  async function loadFollowUp() {
    const [overdue, soon] = await Promise.all([
      api.get('/assignments', { query: { state: 'overdue' } }),
      api.get('/assignments', { query: { state: 'ending_soon' } })]);
    const box = (id, key, hint, items, cls) => el('section', { id, class: `card fl-follow-card ${cls}`, 'aria-labelledby': `${id}-heading` },
      el('h2', { id: `${id}-heading` }, el('span', { text: key }), el('span', { class: 'fl-count', 'data-testid': 'fl-count', raw: String(items.length) })),
      el('p', { class: 'hint', text: hint }),
      items.length ? assignmentsTable(`${id}-table`, items, { columns: ['person', 'kind', 'home', 'working', 'period', 'state'], onEnd })
        : el('p', { class: 'hint', text: 'fl.none' }));
    followUp.replaceChildren(
      box('fl-overdue', 'fl.overdue', 'fl.overdue_hint', overdue.items ?? [], 'fl-follow-overdue'),
      box('fl-ending', 'fl.ending_soon', 'fl.ending_soon_hint', soon.items ?? [], 'fl-follow-soon'));
  }

  // --- the list with its filters ---------------------------------------------------

  const any = () => el('option', { value: '', text: 'fl.any' });
  const kind = choices('fl-kind', KINDS, kindKey, [any()]);
  const state = choices('fl-state', STATES, stateKey, [any()]);
  const exports = exportLinks('fl-export', 'assignments');
  const listError = el('div', { id: 'fl-error', class: 'form-error', role: 'alert', hidden: true });
  const summary = el('p', { id: 'fl-summary', class: 'hint', 'aria-live': 'polite' });
  const list = el('div', { id: 'fl-list', class: 'fl-list' });
  kind.value = KINDS.includes(query.get('kind')) ? query.get('kind') : '';
  state.value = STATES.includes(query.get('state')) ? query.get('state') : '';

  const filters = () => {
    const q = {};
    if (kind.value) q.kind = kind.value;
    if (state.value) q.state = state.value;
    return q;
  };

  async function loadList() {
    const q = filters();
    exports.set(q);
    const qs = new URLSearchParams(q).toString();
    if (location.pathname === '/frontline') history.replaceState(null, '', `/frontline${qs ? `?${qs}` : ''}`);
    list.setAttribute('aria-busy', 'true');
    listError.hidden = true;
    let page;
    try {
      page = await api.get('/assignments', { query: q });
    } catch (e) {
      list.removeAttribute('aria-busy');
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(listError, err);
      return;
    }
    const items = Array.isArray(page.items) ? page.items : [];
    list.replaceChildren(items.length ? assignmentsTable('fl-table', items, { onEnd }) : el('p', { class: 'hint', text: 'fl.empty' }));
    summary.dataset.i18n = 'fl.total';
    summary.dataset.i18nArgs = JSON.stringify({ total: items.length });
    applyTexts(summary);
    list.dataset.query = qs;
    list.removeAttribute('aria-busy');
  }
  for (const s of [kind, state]) s.addEventListener('change', () => { loadList().catch(() => {}); });

  async function reload() {
    await Promise.all([loadFollowUp(), loadList()]);
  }

  // --- end an assignment (assessor) ----------------------------------------------------

  let endCard = null;
  if (isAssessor) {
    const what = el('p', { id: 'fl-end-what' });
    const endDate = el('input', { id: 'fl-end-date', name: 'ended_on', type: 'date', required: true });
    const submit = el('button', { type: 'submit', id: 'fl-end-submit', class: 'btn btn-primary', text: 'fl.end_submit' });
    const cancel = el('button', { type: 'button', id: 'fl-end-cancel', class: 'btn', text: 'fl.cancel' });
    const actions = el('div', { class: 'actions' }, submit, cancel);
    const kit = formKit('fl-end', { ended_on: endDate }, { keyFor });
    let target = null;
    const form = el('form', { id: 'fl-end-form', class: 'form', novalidate: true },
      what, field('fl-end-date', 'fl.end_date', endDate), actions);
    endCard = el('div', { id: 'fl-end-card', class: 'card end-card', hidden: true, role: 'region', 'aria-labelledby': 'fl-end-heading' },
      el('h2', { id: 'fl-end-heading', text: 'fl.end_title' }), form);
    openEnd = (a) => {
      target = a;
      kit.clear();
      what.dataset.i18n = 'fl.end_what';
      what.dataset.i18nArgs = JSON.stringify({ name: a.person_name ?? '', unit: a.working_unit ?? '', start: a.start_date ?? '', end: a.end_date ?? '' });
      applyTexts(what);
      endDate.value = a.end_date && a.end_date < today() ? a.end_date : today();
      endCard.dataset.assignmentId = String(a.id);
      endCard.hidden = false;
      endDate.focus();
    };
    cancel.addEventListener('click', () => { endCard.hidden = true; target = null; });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!target) return;
      if (!endDate.value) return kit.local(endDate, 'fl.need_date');
      submit.disabled = true;
      try {
        await api.post(`/assignments/${encodeURIComponent(target.id)}/end`, { ended_on: endDate.value });
        endCard.hidden = true;
        target = null;
        await reload();
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
  }

  // --- send a cadre (assessor) -------------------------------------------------------

  let addCard = null;
  let units = [];
  if (isAssessor) {
    const person = personPicker('fl-person', 'fl.person');
    const addKind = choices('fl-add-kind', KINDS, kindKey);
    const home = el('select', { id: 'fl-home', name: 'home_unit_id' });
    const working = el('select', { id: 'fl-working', name: 'working_unit_id' });
    const start = el('input', { id: 'fl-start', name: 'start_date', type: 'date', required: true });
    const end = el('input', { id: 'fl-end', name: 'end_date', type: 'date', required: true });
    const purpose = el('input', { id: 'fl-purpose', name: 'purpose', type: 'text', maxlength: '500', autocomplete: 'off', required: true });
    const documentNo = el('input', { id: 'fl-document', name: 'document', type: 'text', maxlength: '200', autocomplete: 'off', required: true });
    const assessedBy = choices('fl-assessed-by', ['working', 'home'], (v) => `fl.assessed_by.${v}`);
    const submit = el('button', { type: 'submit', id: 'fl-add-submit', class: 'btn btn-primary', text: 'fl.add_submit' });
    const actions = el('div', { class: 'actions' }, submit);
    const fields = {
      person_id: person.select, kind: addKind, home_unit_id: home, working_unit_id: working, start_date: start,
      end_date: end, purpose, document: documentNo, assessed_by: assessedBy,
    };
    const kit = formKit('fl-add', fields, { keyFor });
    const form = el('form', { id: 'fl-add-form', class: 'form', novalidate: true },
      el('p', { class: 'hint', text: 'fl.add_hint' }),
      el('div', { class: 'field-row' }, person.node, field('fl-add-kind', 'fl.kind', addKind)),
      el('div', { class: 'field-row' }, field('fl-home', 'fl.home', home), field('fl-working', 'fl.working', working)),
      el('div', { class: 'field-row' }, field('fl-start', 'fl.start', start), field('fl-end', 'fl.end_planned', end),
        field('fl-assessed-by', 'fl.assessed_by_label', assessedBy)),
      el('div', { class: 'field-row' }, field('fl-purpose', 'fl.purpose', purpose), field('fl-document', 'fl.document', documentNo)),
      kit.done, actions);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!person.select.value) return kit.local(person.select, 'fl.need_person');
      if (!working.value) return kit.local(working, 'fl.need_working');
      if (!start.value) return kit.local(start, 'fl.need_date');
      if (!end.value) return kit.local(end, 'fl.need_date');
      if (!purpose.value.trim()) return kit.local(purpose, 'fl.need_purpose');
      if (!documentNo.value.trim()) return kit.local(documentNo, 'fl.need_document');
      const body = {
        person_id: Number(person.select.value), kind: addKind.value, working_unit_id: Number(working.value),
        start_date: start.value, end_date: end.value, purpose: purpose.value.trim(), document: documentNo.value.trim(),
        assessed_by: assessedBy.value,
      };
      if (home.value) body.home_unit_id = Number(home.value);
      submit.disabled = true;
      try {
        const made = await api.post('/assignments', body);
        kit.done.replaceChildren(el('span', { text: 'fl.added', args: { name: made.person_name ?? '', unit: made.working_unit ?? '' } }));
        kit.done.dataset.assignmentId = String(made.id ?? '');
        kit.done.hidden = false;
        for (const n of [purpose, documentNo, start, end]) n.value = '';
        await reload();
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
    addCard = el('details', { id: 'fl-add', class: 'card fl-add' },
      el('summary', { id: 'fl-add-toggle' }, el('h2', { text: 'fl.add_title' })), form);
    try {
      units = await loadAll('/units');
    } catch (e) {
      if (handledByShell(apiError(e))) throw e;
    }
    unitOptions(home, units, [el('option', { value: '', text: 'fl.home_current' })]);
    unitOptions(working, units, [el('option', { value: '', text: 'fl.choose' })]);
  }

  try {
    await reload();
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    showError(listError, err);
  }

  root.append(
    followUp,
    endCard,
    el('section', { class: 'fl-all', 'aria-labelledby': 'fl-all-heading' },
      el('h2', { id: 'fl-all-heading', text: 'fl.all' }),
      el('form', { id: 'fl-filter-form', class: 'form card fl-filters', role: 'search', novalidate: true, on: { submit: (ev) => ev.preventDefault() } },
        el('div', { class: 'field-row' }, field('fl-kind', 'fl.kind', kind), field('fl-state', 'fl.state_label', state))),
      el('div', { class: 'toolbar' }, summary, exports.node),
      listError, list),
    addCard);
  return root;
}
