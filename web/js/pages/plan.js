// One redeployment plan (/frontline/plans/{id}; assessor, reporter), from
// GET /api/v1/plans/{id} (docs/deployment.md, "Redeployment plans"): its
// state (draft, in progress, closed) with the buttons that move it — start
// under its document, close once nobody is pending; its counts as it
// proceeds — by route (with a bar each), by home unit, by receiving unit;
// its cadres (GET /plans/{id}/entries) filtered by decision, route, home and
// receiving unit, fifty a page, and downloadable as XLSX or CSV with the
// same filters (GET /exports/plans/{id}). The assessor adds a cadre found
// by name or all of a unit who match a filter (staff type, post levels,
// ranks), or a sheet of cadres with their routes (POST
// /imports/plans/{id}/entries: all or none, every problem by row and
// column); per pending cadre, proposes a route and receiving unit, decides
// (document, date, the assignment's period; when the receiving unit has no
// free place the server refuses, and the decision may be made again
// beyond the quota with a reason), or takes him off the plan. Every
// refusal is shown as the server answers it. A reporter sees the cadres of
// its units, read only.

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';
import {
  STAFF_TYPES, RANKS, POST_LEVELS, staffKey, rankKey, postLevelKey, loadAll, unitOptions, choices, field, checkField,
  formKit, apiError, handledByShell, named,
} from '../staffing.js';
import { exportLinks, sheetImport } from '../transfer.js';
import { today, frontlineTabs, personPicker } from '../deploy.js';
import { ROUTES, DECISIONS, routeKey, decisionKey, keyFor } from '../plan_texts.js';
import { planStateTag } from './plans.js';

export const title = 'pl.title';

const LIMIT = 50;
const any = () => el('option', { value: '', text: 'pl.any' });
const num = (v, testid, extra = {}) => el('td', { class: 'num', 'data-testid': testid, raw: String(v ?? 0), ...extra });

// A bar of a route's decided and pending cadres out of all the plan's.
function routeBar(r, total) {
  const part = (n, cls) => {
    const s = el('span', { class: cls });
    // Through the CSSOM: the CSP allows no style attributes.
    s.style.width = `${total ? (100 * n) / total : 0}%`;
    return s;
  };
  return el('span', { class: 'pl-bar', 'aria-hidden': 'true' },
    part(Number(r.decided ?? 0), 'pl-bar-decided'), part(Number(r.pending ?? 0), 'pl-bar-pending'));
}

function table(id, cols, rows, numeric = []) {
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'table pl-table', id },
      el('thead', {}, el('tr', {}, cols.map(([k, key]) => el('th', { scope: 'col', class: numeric.includes(k) ? 'num' : null, text: key })))),
      el('tbody', {}, rows)));
}

// The counts of a plan (docs/api.md: counts).
function countsView(c) {
  const line = el('p', { id: 'plan-count-line', class: 'pl-count-line' },
    ['total', 'decided', 'pending', 'unproposed'].map((k) => el('span', {
      class: `pl-count pl-count-${k}`, 'data-testid': `count-${k}`, 'data-value': String(c[k] ?? 0),
      text: `pl.count.${k}`, args: { n: c[k] ?? 0 },
    })));
  const routes = (c.by_route ?? []).map((r) => el('tr', { 'data-route': r.route },
    el('th', { scope: 'row' }, named(routeKey(r.route), r.route_zh ?? r.route)),
    num(r.pending, 'route-pending'), num(r.decided, 'route-decided'),
    el('td', { class: 'pl-bar-cell' }, routeBar(r, Number(c.total ?? 0)))));
  const homes = (c.by_home_unit ?? []).map((h) => el('tr', { 'data-unit-id': String(h.unit_id) },
    el('th', { scope: 'row', raw: h.unit ?? '' }),
    num(h.total, 'home-total'), num(h.pending, 'home-pending'), num(h.decided, 'home-decided'),
    ROUTES.map((r) => num(h[r], `home-${r}`))));
  const receiving = (c.by_receiving_unit ?? []).map((h) => el('tr', { 'data-unit-id': String(h.unit_id) },
    el('th', { scope: 'row', raw: h.unit ?? '' }),
    num(h.pending, 'receiving-pending'), num(h.decided, 'receiving-decided')));
  const none = () => el('p', { class: 'hint', text: 'pl.no_units' });
  return el('section', { id: 'plan-counts', class: 'card pl-counts', 'aria-labelledby': 'plan-counts-heading' },
    el('h2', { id: 'plan-counts-heading', text: 'pl.counts' }), line,
    el('div', { class: 'pl-count-grid' },
      el('div', {}, el('h3', { text: 'pl.by_route' }),
        table('plan-by-route', [['route', 'pl.ccol.route'], ['pending', 'pl.ccol.pending'], ['decided', 'pl.ccol.decided'], ['bar', 'pl.ccol.bar']],
          routes, ['pending', 'decided'])),
      el('div', {}, el('h3', { text: 'pl.by_receiving' }),
        receiving.length ? table('plan-by-receiving', [['unit', 'pl.ccol.unit'], ['pending', 'pl.ccol.proposed'], ['decided', 'pl.ccol.decided']],
          receiving, ['pending', 'decided']) : none())),
    el('h3', { text: 'pl.by_home' }),
    homes.length ? table('plan-by-home', [['unit', 'pl.ccol.unit'], ['total', 'pl.ccol.total'], ['pending', 'pl.ccol.pending'],
      ['decided', 'pl.ccol.decided'], ...ROUTES.map((r) => [r, `pl.route.${r}`])], homes,
    ['total', 'pending', 'decided', ...ROUTES]) : none());
}

export async function render({ params, session }) {
  const id = params.id;
  const base = `/plans/${encodeURIComponent(id)}`;
  const isAssessor = (session?.account?.roles ?? []).includes('assessor');
  const root = el('section', { class: 'page page-plan', 'data-page': 'plan', 'data-plan-id': id });
  const back = el('p', { class: 'back' }, el('a', { href: '/frontline/plans', id: 'plan-back', text: 'pl.back' }));
  let plan;
  try {
    plan = await api.get(base);
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(back, el('h1', { tabindex: '-1', text: 'pl.not_found' }));
      return root;
    }
    const box = el('div', { class: 'form-error', role: 'alert' });
    showError(box, err, keyFor);
    root.append(back, el('h1', { tabindex: '-1', text: 'pl.title' }), box);
    return root;
  }
  let units = [];
  if (isAssessor) {
    try {
      units = await loadAll('/units');
    } catch (e) {
      if (handledByShell(apiError(e))) throw e;
    }
  }

  const head = el('div', { id: 'plan-head' });
  const countsBox = el('div', { id: 'plan-counts-box' });
  const notice = el('p', { id: 'plan-notice', class: 'notice notice-ok', role: 'status', hidden: true });
  const say = (key, args) => {
    notice.replaceChildren(el('span', { text: key, args }));
    notice.hidden = false;
  };

  // --- the plan's state and the buttons that move it ----------------------------------
  const startDoc = el('input', { id: 'plan-start-document', name: 'document', type: 'text', maxlength: '200', autocomplete: 'off' });
  const startButton = el('button', { type: 'submit', id: 'plan-start', class: 'btn btn-primary', text: 'pl.start' });
  const startActions = el('div', { class: 'actions' }, startButton);
  const startKit = formKit('plan-start', { document: startDoc }, { keyFor });
  const startForm = el('form', { id: 'plan-start-form', class: 'form', novalidate: true },
    el('p', { class: 'hint', text: 'pl.start_hint' }), field('plan-start-document', 'pl.document', startDoc), startActions);
  startForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    startKit.clear();
    startButton.disabled = true;
    try {
      await api.post(`${base}/start`, startDoc.value.trim() ? { document: startDoc.value.trim() } : {});
      await refresh();
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      startKit.fail(err, startActions);
    } finally {
      startButton.disabled = false;
    }
  });
  const closeButton = el('button', { type: 'button', id: 'plan-close', class: 'btn btn-primary', text: 'pl.close' });
  const closeActions = el('div', { class: 'actions' }, closeButton);
  const closeKit = formKit('plan-close', {}, { keyFor });
  closeButton.addEventListener('click', async () => {
    closeKit.clear();
    closeButton.disabled = true;
    try {
      await api.post(`${base}/close`);
      await refresh();
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      closeKit.fail(err, closeActions);
    } finally {
      closeButton.disabled = false;
    }
  });
  const startCard = el('section', { id: 'plan-start-card', class: 'card', 'aria-labelledby': 'plan-start-heading' },
    el('h2', { id: 'plan-start-heading', text: 'pl.start_title' }), startForm);
  const closeCard = el('section', { id: 'plan-close-card', class: 'card' },
    el('p', { class: 'hint', text: 'pl.close_hint' }), closeActions);

  const fact = (key, value, testid) => [el('dt', { text: key }), el('dd', { 'data-testid': testid }, named(null, value))];
  function drawHead() {
    root.dataset.state = plan.state ?? '';
    if (!startDoc.value) startDoc.value = plan.document ?? '';
    // replaceChildren would write a null as text: only the nodes.
    head.replaceChildren(...[
      el('h1', { id: 'plan-name', tabindex: '-1', raw: plan.name ?? '' }),
      el('div', { class: 'card pl-facts' },
        el('p', {}, planStateTag(plan.state, 'plan-state')),
        el('dl', { class: 'facts' },
          fact('pl.document', plan.document, 'plan-document'),
          fact('pl.due_on', plan.due_on, 'plan-due'),
          fact('pl.started_on', plan.started_on, 'plan-started'),
          plan.closed_on ? fact('pl.closed_on', plan.closed_on, 'plan-closed') : null),
        plan.state === 'draft' ? el('p', { class: 'hint', text: 'pl.draft_note' }) : null,
        plan.state === 'closed' ? el('p', { class: 'hint', text: 'pl.closed_note' }) : null),
      isAssessor && plan.state === 'draft' ? startCard : null,
      isAssessor && plan.state === 'in_progress' ? closeCard : null].filter(Boolean));
  }

  // --- the entries: filters, list, paging, export ---------------------------------------
  const fDecision = choices('plan-f-decision', DECISIONS, decisionKey, [any()]);
  const fRoute = choices('plan-f-route', ROUTES, routeKey, [any()]);
  const fHome = el('select', { id: 'plan-f-home', name: 'home_unit_id' }, any());
  const fReceiving = el('select', { id: 'plan-f-receiving', name: 'receiving_unit_id' }, any());
  const exports = exportLinks('plan-export', `plans/${encodeURIComponent(id)}`);
  const summary = el('p', { id: 'plan-entries-summary', class: 'hint', 'aria-live': 'polite' });
  const listError = el('div', { id: 'plan-entries-error', class: 'form-error', role: 'alert', hidden: true });
  const list = el('div', { id: 'plan-entries' });
  const prev = el('button', { type: 'button', id: 'plan-prev', class: 'btn btn-small', text: 'pl.prev' });
  const next = el('button', { type: 'button', id: 'plan-next', class: 'btn btn-small', text: 'pl.next' });
  let offset = 0;

  // The units the counts name, as the choices of a filter.
  const unitChoices = (select, items) => {
    const keep = select.value;
    select.replaceChildren(any(), ...items.map((u) => el('option', { value: String(u.unit_id), raw: u.unit ?? '' })));
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  };

  const filters = () => {
    const q = {};
    if (fDecision.value) q.decision = fDecision.value;
    if (fRoute.value) q.route = fRoute.value;
    if (fHome.value) q.home_unit_id = fHome.value;
    if (fReceiving.value) q.receiving_unit_id = fReceiving.value;
    return q;
  };

  let openEntry = () => {};
  async function removeEntry(entry, button) {
    listError.hidden = true;
    notice.hidden = true;
    button.disabled = true;
    try {
      await api.del(`${base}/entries/${encodeURIComponent(entry.id)}`);
      say('pl.removed', { name: entry.person_name ?? '' });
      await refresh();
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(listError, err, keyFor);
      button.disabled = false;
    }
  }

  function entryRow(x) {
    const editable = isAssessor && plan.state !== 'closed' && x.decision === 'pending';
    const remove = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'entry-remove', text: 'pl.act.remove' });
    remove.addEventListener('click', () => { removeEntry(x, remove).catch(() => {}); });
    return el('tr', {
      'data-entry-id': String(x.id), 'data-person-name': x.person_name ?? '', 'data-decision': x.decision ?? '',
      'data-route': x.route ?? '', class: `pl-entry pl-${x.decision ?? ''}`,
    },
    el('th', { scope: 'row', 'data-testid': 'entry-person' },
      el('a', { href: `/people/${encodeURIComponent(x.person_id)}`, raw: x.person_name ?? '' })),
    el('td', { 'data-testid': 'entry-rank' }, named(rankKey(x.rank), x.rank_zh ?? x.rank)),
    el('td', { 'data-testid': 'entry-home' }, named(null, x.home_unit)),
    el('td', { 'data-testid': 'entry-route' }, named(routeKey(x.route), x.route_zh ?? x.route),
      x.route && x.decision === 'pending' ? el('span', { class: 'hint', text: 'pl.proposed' }) : null),
    el('td', { 'data-testid': 'entry-receiving' }, named(null, x.receiving_unit)),
    el('td', {}, el('span', {
      class: `tag tag-state tag-${x.decision === 'decided' ? 'done' : 'pending'}`, 'data-testid': 'entry-decision',
      text: decisionKey(x.decision) ?? undefined, raw: decisionKey(x.decision) ? undefined : String(x.decision ?? ''),
    })),
    el('td', { 'data-testid': 'entry-document' },
      x.document ? el('span', { class: 'doc', raw: x.document }) : null,
      x.decided_on ? el('span', { class: 'date', raw: x.decided_on }) : null,
      x.over_quota_reason ? el('span', { class: 'over-reason', 'data-testid': 'entry-over', text: 'pl.over', args: { reason: x.over_quota_reason } }) : null),
    isAssessor ? el('td', { class: 'row-actions' }, editable ? [
      el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'entry-handle', text: 'pl.act.handle', on: { click: () => openEntry(x) } }),
      remove] : null) : null);
  }

  async function loadEntries() {
    const q = filters();
    exports.set(q);
    const qs = new URLSearchParams(q).toString();
    list.setAttribute('aria-busy', 'true');
    listError.hidden = true;
    let page;
    try {
      page = await api.get(`${base}/entries`, { query: { ...q, offset, limit: LIMIT } });
    } catch (e) {
      list.removeAttribute('aria-busy');
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(listError, err, keyFor);
      return;
    }
    const items = Array.isArray(page.items) ? page.items : [];
    const total = Number(page.total ?? items.length);
    const cols = ['person', 'rank', 'home', 'route', 'receiving', 'decision', 'document'];
    if (isAssessor) cols.push('actions');
    list.replaceChildren(items.length
      ? el('div', { class: 'table-wrap' }, el('table', { class: 'table pl-entries-table', id: 'plan-entries-table', 'data-count': String(items.length) },
        el('thead', {}, el('tr', {}, cols.map((k) => el('th', { scope: 'col', text: `pl.ecol.${k}` })))),
        el('tbody', {}, items.map(entryRow))))
      : el('p', { class: 'hint', text: 'pl.entries_none' }));
    summary.dataset.i18n = 'pl.entries_total';
    summary.dataset.i18nArgs = JSON.stringify({ total, from: items.length ? offset + 1 : 0, to: offset + items.length });
    applyTexts(summary);
    prev.disabled = offset === 0;
    next.disabled = offset + items.length >= total;
    list.dataset.query = qs;
    list.dataset.offset = String(offset);
    list.dataset.total = String(total);
    list.removeAttribute('aria-busy');
  }
  for (const s of [fDecision, fRoute, fHome, fReceiving]) {
    s.addEventListener('change', () => { offset = 0; loadEntries().catch(() => {}); });
  }
  prev.addEventListener('click', () => { offset = Math.max(0, offset - LIMIT); loadEntries().catch(() => {}); });
  next.addEventListener('click', () => { offset += LIMIT; loadEntries().catch(() => {}); });

  async function refresh() {
    plan = await api.get(base);
    drawHead();
    countsBox.replaceChildren(countsView(plan.counts ?? {}));
    unitChoices(fHome, plan.counts?.by_home_unit ?? []);
    unitChoices(fReceiving, plan.counts?.by_receiving_unit ?? []);
    if (addCard) addCard.hidden = plan.state === 'closed';
    await loadEntries();
  }

  // --- one cadre: propose, decide (assessor) ------------------------------------------------
  let entryCard = null;
  if (isAssessor) {
    const what = el('h2', { id: 'plan-entry-heading' });
    const route = choices('plan-e-route', ROUTES, routeKey, [el('option', { value: '', text: 'fl.choose' })]);
    const receiving = el('select', { id: 'plan-e-receiving', name: 'receiving_unit_id' });
    unitOptions(receiving, units, [el('option', { value: '', text: 'fl.choose' })]);
    const proposeButton = el('button', { type: 'button', id: 'plan-propose', class: 'btn', text: 'pl.propose' });
    const proposeActions = el('div', { class: 'actions' }, proposeButton);
    const documentNo = el('input', { id: 'plan-e-document', name: 'document', type: 'text', maxlength: '200', autocomplete: 'off' });
    const decidedOn = el('input', { id: 'plan-e-decided-on', name: 'decided_on', type: 'date' });
    const start = el('input', { id: 'plan-e-start', name: 'start_date', type: 'date' });
    const end = el('input', { id: 'plan-e-end', name: 'end_date', type: 'date' });
    const purpose = el('input', { id: 'plan-e-purpose', name: 'purpose', type: 'text', maxlength: '500', autocomplete: 'off' });
    const allowOver = el('input', { id: 'plan-e-allow-over', name: 'allow_over', type: 'checkbox' });
    const reason = el('input', { id: 'plan-e-reason', name: 'reason', type: 'text', maxlength: '500', autocomplete: 'off' });
    const overBox = el('div', { id: 'plan-e-over', class: 'pl-over', hidden: true },
      el('p', { class: 'hint', text: 'pl.over_hint' }),
      checkField('plan-e-allow-over', 'pl.e.allow_over', allowOver), field('plan-e-reason', 'pl.e.reason', reason));
    const period = el('div', { class: 'field-row' }, field('plan-e-start', 'pl.e.start', start), field('plan-e-end', 'pl.e.end', end));
    const decideButton = el('button', { type: 'submit', id: 'plan-decide', class: 'btn btn-primary', text: 'pl.decide' });
    const cancel = el('button', { type: 'button', id: 'plan-e-cancel', class: 'btn', text: 'pl.cancel' });
    const decideActions = el('div', { class: 'actions' }, decideButton, cancel);
    const fields = {
      route, receiving_unit_id: receiving, document: documentNo, decided_on: decidedOn, start_date: start,
      end_date: end, purpose, reason,
    };
    const kit = formKit('plan-entry', fields, { keyFor });
    const decideBlock = el('div', { id: 'plan-decide-block' },
      el('h3', { text: 'pl.decide_title' }), el('p', { class: 'hint', text: 'pl.decide_hint' }),
      el('div', { class: 'field-row' }, field('plan-e-document', 'pl.e.document', documentNo), field('plan-e-decided-on', 'pl.e.decided_on', decidedOn)),
      period, el('div', { class: 'field-row' }, field('plan-e-purpose', 'pl.e.purpose', purpose)), overBox);
    const form = el('form', { id: 'plan-entry-form', class: 'form', novalidate: true },
      el('div', { class: 'field-row' }, field('plan-e-route', 'pl.e.route', route), field('plan-e-receiving', 'pl.e.receiving', receiving)),
      proposeActions, decideBlock, kit.done, decideActions);
    entryCard = el('section', { id: 'plan-entry-card', class: 'card end-card', hidden: true, role: 'region', 'aria-labelledby': 'plan-entry-heading' },
      what, form);
    let target = null;
    const stay = () => route.value === 'stay';
    const syncRoute = () => {
      receiving.disabled = stay();
      if (stay()) receiving.value = '';
      period.hidden = stay();
    };
    route.addEventListener('change', syncRoute);
    openEntry = (x) => {
      target = x;
      kit.clear();
      notice.hidden = true;
      what.dataset.i18n = 'pl.entry_title';
      what.dataset.i18nArgs = JSON.stringify({ name: x.person_name ?? '', unit: x.home_unit ?? '' });
      applyTexts(what);
      route.value = x.route ?? '';
      receiving.value = x.receiving_unit_id ? String(x.receiving_unit_id) : '';
      documentNo.value = '';
      decidedOn.value = today();
      if (!start.value) start.value = today();
      purpose.value = '';
      allowOver.checked = false;
      reason.value = '';
      overBox.hidden = true;
      decideBlock.hidden = plan.state !== 'in_progress';
      decideButton.hidden = plan.state !== 'in_progress';
      syncRoute();
      entryCard.dataset.entryId = String(x.id);
      entryCard.hidden = false;
      route.focus();
    };
    cancel.addEventListener('click', () => { entryCard.hidden = true; target = null; });
    proposeButton.addEventListener('click', async () => {
      kit.clear();
      if (!target) return;
      const body = { route: route.value };
      if (receiving.value && !stay()) body.receiving_unit_id = Number(receiving.value);
      proposeButton.disabled = true;
      try {
        target = await api.put(`${base}/entries/${encodeURIComponent(target.id)}/proposal`, body);
        kit.done.replaceChildren(el('span', { text: 'pl.proposed_done' }));
        kit.done.hidden = false;
        await refresh();
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) throw err;
        kit.fail(err, proposeActions);
      } finally {
        proposeButton.disabled = false;
      }
    });
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!target) return;
      const body = { document: documentNo.value.trim() };
      if (route.value) body.route = route.value;
      if (receiving.value && !stay()) body.receiving_unit_id = Number(receiving.value);
      if (decidedOn.value) body.decided_on = decidedOn.value;
      if (!stay()) {
        if (start.value) body.start_date = start.value;
        if (end.value) body.end_date = end.value;
      }
      if (purpose.value.trim()) body.purpose = purpose.value.trim();
      if (!overBox.hidden && allowOver.checked) {
        body.allow_over = true;
        body.reason = reason.value.trim();
      }
      decideButton.disabled = true;
      try {
        const made = await api.post(`${base}/entries/${encodeURIComponent(target.id)}/decision`, body);
        entryCard.hidden = true;
        target = null;
        say('pl.decided_done', { name: made.person_name ?? '' });
        await refresh();
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) throw err;
        if (err.code === 'quota_exceeded') overBox.hidden = false;
        kit.fail(err, decideActions);
      } finally {
        decideButton.disabled = false;
      }
    });
  }

  // --- add cadres (assessor) -----------------------------------------------------------------
  let addCard = null;
  if (isAssessor) {
    const person = personPicker('plan-person', 'pl.person');
    const oneSubmit = el('button', { type: 'submit', id: 'plan-add-one-submit', class: 'btn btn-primary', text: 'pl.add_submit' });
    const oneActions = el('div', { class: 'actions' }, oneSubmit);
    const oneKit = formKit('plan-add-one', { person_id: person.select }, { keyFor });
    const oneForm = el('form', { id: 'plan-add-one-form', class: 'form', novalidate: true },
      el('h3', { text: 'pl.add_one' }), el('div', { class: 'field-row' }, person.node), oneKit.done, oneActions);
    oneForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      oneKit.clear();
      if (!person.select.value) return oneKit.local(person.select, 'pl.need_person');
      oneSubmit.disabled = true;
      try {
        const made = await api.post(`${base}/entries`, { person_id: Number(person.select.value) });
        oneKit.done.replaceChildren(el('span', { text: 'pl.added_one', args: { name: made.person_name ?? '', unit: made.home_unit ?? '' } }));
        oneKit.done.hidden = false;
        await refresh();
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) throw err;
        oneKit.fail(err, oneActions);
      } finally {
        oneSubmit.disabled = false;
      }
    });

    const unit = el('select', { id: 'plan-b-unit', name: 'unit_id' });
    unitOptions(unit, units, [el('option', { value: '', text: 'fl.choose' })]);
    const below = el('input', { id: 'plan-b-below', name: 'below', type: 'checkbox' });
    const staffType = choices('plan-b-staff-type', STAFF_TYPES, staffKey, [any()]);
    const box = (prefix, values, keyOf) => values.map((v) => {
      const c = el('input', { id: `${prefix}-${v}`, type: 'checkbox', value: v, 'data-value': v });
      return el('label', { class: 'pl-check', for: `${prefix}-${v}` }, c, el('span', { text: keyOf(v) }));
    });
    const levels = el('fieldset', { id: 'plan-b-levels', class: 'pl-checks' }, el('legend', { text: 'pl.b.levels' }),
      box('plan-b-level', POST_LEVELS, postLevelKey));
    const ranks = el('fieldset', { id: 'plan-b-ranks', class: 'pl-checks' }, el('legend', { text: 'pl.b.ranks' }),
      box('plan-b-rank', RANKS, rankKey));
    const checked = (fs) => [...fs.querySelectorAll('input:checked')].map((c) => c.value);
    const bulkSubmit = el('button', { type: 'submit', id: 'plan-bulk-submit', class: 'btn btn-primary', text: 'pl.bulk_submit' });
    const bulkActions = el('div', { class: 'actions' }, bulkSubmit);
    const bulkKit = formKit('plan-bulk', { unit_id: unit, staff_type: staffType }, { keyFor });
    const bulkForm = el('form', { id: 'plan-bulk-form', class: 'form', novalidate: true },
      el('h3', { text: 'pl.bulk' }), el('p', { class: 'hint', text: 'pl.bulk_hint' }),
      el('div', { class: 'field-row' }, field('plan-b-unit', 'pl.b.unit', unit), checkField('plan-b-below', 'pl.b.below', below),
        field('plan-b-staff-type', 'pl.b.staff_type', staffType)),
      levels, ranks, bulkKit.done, bulkActions);
    bulkForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      bulkKit.clear();
      if (!unit.value) return bulkKit.local(unit, 'pl.need_unit');
      const body = { unit_id: Number(unit.value), below: below.checked };
      if (staffType.value) body.staff_type = staffType.value;
      if (checked(levels).length) body.levels = checked(levels);
      if (checked(ranks).length) body.ranks = checked(ranks);
      bulkSubmit.disabled = true;
      try {
        const res = await api.post(`${base}/entries/bulk`, body);
        bulkKit.done.replaceChildren(el('span', { text: 'pl.bulk_done', args: { added: res.added ?? 0, already: res.already ?? 0 } }));
        bulkKit.done.dataset.added = String(res.added ?? 0);
        bulkKit.done.hidden = false;
        await refresh();
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) throw err;
        bulkKit.fail(err, bulkActions);
      } finally {
        bulkSubmit.disabled = false;
      }
    });
    // A sheet of cadres with their routes (transfer.js' sheetImport).
    const sheetError = el('div', { id: 'plan-import-error', class: 'form-error', role: 'alert', hidden: true });
    const sheet = sheetImport({
      prefix: 'plan-import', path: `/imports/plans/${encodeURIComponent(id)}/entries`, submitText: 'pl.import',
      upload: async (fn, button) => {
        sheetError.hidden = true;
        button.disabled = true;
        try {
          const res = await fn();
          say('pl.imported', { n: res.imported ?? 0 });
          await refresh();
          return null;
        } catch (e) {
          const err = apiError(e);
          if (handledByShell(err)) throw err;
          showError(sheetError, err, keyFor);
          sheetError.hidden = false;
          return err;
        } finally {
          button.disabled = false;
        }
      },
    });
    const importForm = el('div', { id: 'plan-import' },
      el('h3', { text: 'pl.import' }), el('p', { class: 'hint', text: 'pl.import_hint' }), sheet.form, sheetError, sheet.problems);
    addCard = el('details', { id: 'plan-add-cadres', class: 'card pl-add' },
      el('summary', { id: 'plan-add-cadres-toggle' }, el('h2', { text: 'pl.add' })), bulkForm, oneForm, importForm);
  }

  await refresh();
  root.append(...[back, frontlineTabs('/frontline/plans', isAssessor), head, countsBox, notice,
    el('section', { class: 'pl-entries', 'aria-labelledby': 'plan-entries-heading' },
      el('h2', { id: 'plan-entries-heading', text: 'pl.entries' }),
      el('form', { id: 'plan-filter-form', class: 'form card fl-filters', role: 'search', novalidate: true, on: { submit: (ev) => ev.preventDefault() } },
        el('div', { class: 'field-row' }, field('plan-f-decision', 'pl.filter.decision', fDecision), field('plan-f-route', 'pl.filter.route', fRoute),
          field('plan-f-home', 'pl.filter.home', fHome), field('plan-f-receiving', 'pl.filter.receiving', fReceiving))),
      el('div', { class: 'toolbar' }, summary, exports.node),
      listError, list, el('div', { class: 'pager' }, prev, next)),
    entryCard, addCard].filter(Boolean));
  return root;
}
