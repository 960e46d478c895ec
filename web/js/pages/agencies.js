// The agencies page (/agencies; assessor): the staffing companies and
// social service centres from GET /api/v1/agencies, each with its service
// contracts (buying unit, staff type, document, headcount, the places taken
// today "filled" with a gauge, period, price in yuan). Each contract opens
// the employments under it (GET /api/v1/employments?contract_id=N), with
// links to the people. Two forms: add an agency (POST /agencies) and add a
// contract (POST /contracts: the price typed in yuan is sent as whole fen);
// a server error goes under the field its details[0].field names.

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';
import {
  PURCHASED, staffKey, named, loadAll, unitOptions, choices, field, formKit, apiError, handledByShell, yuan,
} from '../staffing.js';

export const title = 'agencies.title';

export const AGENCY_KINDS = ['staffing_company', 'social_service_centre'];
const kindKey = (k) => (AGENCY_KINDS.includes(k) ? `agencies.kind.${k}` : null);
// invalid_date's usual headline speaks of approval dates (units).
const keyFor = (code) => (code === 'invalid_date' ? 'error.date' : `error.${code}`);
// GB 32100: 18 digits and capital letters without I, O, S, V, Z.
const CREDIT_CODE = /^[0-9ABCDEFGHJKLMNPQRTUWXY]{18}$/;
const SVG = 'http://www.w3.org/2000/svg';

const today = () => {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

// "12,000,000.50" (yuan, commas allowed) → whole fen, or null when it is not an amount.
export function fenOf(text) {
  const s = String(text ?? '').trim().replace(/[,，\s]/g, '');
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

// Places taken against the headcount: the taken part in green, any excess in red.
function gauge(filled, headcount) {
  const quota = Math.max(0, Number(headcount) || 0);
  const taken = Math.max(0, Number(filled) || 0);
  const scale = Math.max(quota, taken, 1);
  const w = (n) => String(Math.round((n / scale) * 1000) / 10);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 100 8');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'gauge');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const rect = (x, width, cls) => {
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', x);
    r.setAttribute('y', '0');
    r.setAttribute('width', width);
    r.setAttribute('height', '8');
    r.setAttribute('class', cls);
    svg.append(r);
  };
  rect('0', w(quota), 'gauge-track');
  rect('0', w(Math.min(taken, quota)), 'gauge-filled');
  if (taken > quota) rect(w(quota), w(taken - quota), 'gauge-over');
  return svg;
}

// Where a contract's period stands today: before, within or after it.
function periodState(c) {
  const d = today();
  if (c.start_date && d < c.start_date) return 'future';
  if (c.end_date && d > c.end_date) return 'ended';
  return 'active';
}

export async function render() {
  let agencies = [];
  let units = [];
  const open = new Set(); // contracts whose employments are shown

  const summary = el('p', { id: 'agencies-summary', class: 'hint', 'aria-live': 'polite' });
  const error = el('div', { id: 'agencies-error', class: 'form-error', role: 'alert', hidden: true });
  const list = el('div', { id: 'agencies-list', class: 'agency-list' });

  // --- the employments under a contract ------------------------------------------

  const CONTRACT_COLS = ['document', 'unit', 'staff_type', 'headcount', 'filled', 'gauge', 'period', 'price', 'people'];

  async function fillPeople(c, cell) {
    cell.replaceChildren(el('p', { class: 'hint', text: 'app.loading' }));
    cell.setAttribute('aria-busy', 'true');
    let items;
    try {
      items = await loadAll('/employments', { contract_id: c.id });
    } catch (e) {
      const err = apiError(e);
      cell.removeAttribute('aria-busy');
      if (handledByShell(err)) return;
      const box = el('div', { class: 'form-error', role: 'alert' });
      showError(box, err);
      cell.replaceChildren(box);
      return;
    }
    cell.removeAttribute('aria-busy');
    if (items.length === 0) {
      cell.replaceChildren(el('p', { class: 'hint', 'data-testid': 'contract-people-empty', text: 'agencies.people_empty' }));
      return;
    }
    const d = today();
    const rowOf = (m) => {
      const current = m.start_date <= d && (m.end_date == null || m.end_date >= d);
      return el('tr', {
        'data-employment-id': String(m.id), 'data-person-id': String(m.person_id), 'data-current': String(current),
        class: current ? null : 'emp-ended',
      },
      el('th', { scope: 'row', 'data-testid': 'emp-person' },
        el('a', { href: `/people/${encodeURIComponent(m.person_id)}`, raw: m.person_name ?? `#${m.person_id}` })),
      el('td', { 'data-testid': 'emp-unit' }, named(null, m.unit_name)),
      el('td', { 'data-testid': 'emp-title' }, named(null, m.title)),
      el('td', { 'data-testid': 'emp-start', class: 'date' }, named(null, m.start_date)),
      el('td', { 'data-testid': 'emp-end', class: 'date' }, m.end_date
        ? el('span', { raw: m.end_date })
        : el('span', { class: 'tag tag-current', text: 'person.current' })));
    };
    cell.replaceChildren(el('table', { class: 'table contract-people-table', 'data-count': String(items.length) },
      el('caption', { class: 'visually-hidden', text: 'agencies.people_caption', args: { document: c.document ?? '' } }),
      el('thead', {}, el('tr', {},
        ['person', 'unit', 'title', 'start', 'end'].map((k) => el('th', { scope: 'col', text: `agencies.emp.${k}` })))),
      el('tbody', {}, items.map(rowOf))));
  }

  function contractRows(c) {
    const state = periodState(c);
    const full = Number(c.filled) >= Number(c.headcount);
    const peopleRow = el('tr', { class: 'contract-people', 'data-contract-id': String(c.id), hidden: true });
    const peopleCell = el('td', { colspan: String(CONTRACT_COLS.length), id: `contract-people-${c.id}`, 'data-testid': 'contract-people' });
    peopleRow.append(peopleCell);
    const toggle = el('button', {
      type: 'button', class: 'btn btn-small contract-people-toggle', 'data-testid': 'contract-people-toggle',
      'aria-expanded': 'false', 'aria-controls': peopleCell.id, text: 'agencies.show_people',
    });
    const setOpen = (yes) => {
      peopleRow.hidden = !yes;
      toggle.setAttribute('aria-expanded', String(yes));
      toggle.dataset.i18n = yes ? 'agencies.hide_people' : 'agencies.show_people';
      applyTexts(toggle);
      if (yes) open.add(c.id);
      else open.delete(c.id);
    };
    toggle.addEventListener('click', () => {
      const yes = peopleRow.hidden;
      setOpen(yes);
      if (yes) fillPeople(c, peopleCell);
    });
    const row = el('tr', {
      'data-contract-id': String(c.id), 'data-document': c.document ?? '', 'data-state': state, 'data-full': String(full),
    },
    el('th', { scope: 'row', 'data-testid': 'contract-document' },
      el('span', { raw: c.document ?? '' }),
      state !== 'active' ? el('span', { class: `tag tag-${state}`, 'data-testid': 'contract-state', text: `agencies.state.${state}` }) : null),
    el('td', { 'data-testid': 'contract-unit' },
      el('a', { href: `/people?unit_id=${encodeURIComponent(c.unit_id)}&below=true`, raw: c.unit_name ?? `#${c.unit_id}` })),
    el('td', { 'data-testid': 'contract-staff-type', 'data-value': c.staff_type ?? '' }, named(staffKey(c.staff_type), c.staff_type)),
    el('td', { class: 'num', 'data-testid': 'contract-headcount', raw: String(c.headcount ?? '') }),
    el('td', { class: `num${Number(c.filled) > Number(c.headcount) ? ' is-over' : ''}`, 'data-testid': 'contract-filled', raw: String(c.filled ?? 0) }),
    el('td', { class: 'contract-gauge', 'data-testid': 'contract-gauge' }, gauge(c.filled, c.headcount)),
    el('td', { 'data-testid': 'contract-period', class: 'period' },
      el('span', { class: 'date', 'data-testid': 'contract-start', raw: c.start_date ?? '' }), '–',
      el('span', { class: 'date', 'data-testid': 'contract-end', raw: c.end_date ?? '' })),
    el('td', { class: 'num', 'data-testid': 'contract-price', raw: yuan(c.price_fen) }),
    el('td', { class: 'row-actions' }, toggle));
    if (open.has(c.id)) {
      setOpen(true);
      fillPeople(c, peopleCell);
    }
    return [row, peopleRow];
  }

  function agencyCard(a) {
    const contracts = Array.isArray(a.contracts) ? a.contracts : [];
    const headingId = `agency-${a.id}-name`;
    const kind = kindKey(a.kind);
    return el('section', {
      class: 'card agency', 'data-agency-id': String(a.id), 'data-agency-name': a.name ?? '', 'data-kind': a.kind ?? '',
      'aria-labelledby': headingId,
    },
    el('h2', { id: headingId, class: 'agency-head' },
      el('span', { class: 'agency-name', 'data-testid': 'agency-name', raw: a.name ?? '' }),
      el('span', { class: 'unit-kind', 'data-testid': 'agency-kind', ...(kind ? { text: kind } : { raw: a.kind ?? '' }) })),
    el('dl', { class: 'agency-facts' },
      el('dt', { text: 'agencies.credit_code' }),
      el('dd', { 'data-testid': 'agency-credit-code' }, named(null, a.credit_code, { class: 'idnum' })),
      el('dt', { text: 'agencies.contact' }),
      el('dd', { 'data-testid': 'agency-contact' }, named(null, a.contact))),
    contracts.length
      ? el('div', { class: 'table-wrap' },
        el('table', { class: 'table contract-table', 'data-count': String(contracts.length) },
          el('caption', { class: 'visually-hidden', text: 'agencies.contracts_of', args: { name: a.name ?? '' } }),
          el('thead', {}, el('tr', {}, CONTRACT_COLS.map((k) => el('th', {
            scope: 'col', class: ['headcount', 'filled', 'price'].includes(k) ? 'num' : null, text: `agencies.col.${k}`,
          })))),
          el('tbody', {}, contracts.flatMap(contractRows))))
      : el('p', { class: 'hint', 'data-testid': 'agency-no-contracts', text: 'agencies.no_contracts' }));
  }

  function draw() {
    list.replaceChildren(...agencies.map(agencyCard));
    const contracts = agencies.reduce((n, a) => n + (a.contracts?.length ?? 0), 0);
    summary.dataset.i18n = agencies.length ? 'agencies.total' : 'agencies.empty';
    summary.dataset.i18nArgs = JSON.stringify({ agencies: agencies.length, contracts });
    applyTexts(summary);
  }

  // --- add an agency -------------------------------------------------------------

  const name = el('input', { id: 'agency-name', name: 'name', type: 'text', maxlength: '100', autocomplete: 'off', required: true });
  const kind = choices('agency-kind', AGENCY_KINDS, kindKey);
  const credit = el('input', {
    id: 'agency-credit-code', name: 'credit_code', type: 'text', maxlength: '18', autocomplete: 'off',
    spellcheck: 'false', autocapitalize: 'characters', class: 'idnum', 'aria-describedby': 'agency-credit-code-hint',
  });
  const contact = el('input', { id: 'agency-contact', name: 'contact', type: 'text', maxlength: '100', autocomplete: 'off' });
  const agencySubmit = el('button', { type: 'submit', id: 'agency-submit', class: 'btn btn-primary', text: 'agencies.add_submit' });
  const agencyActions = el('div', { class: 'actions' }, agencySubmit);
  const agencyKit = formKit('agency-add', { name, kind, credit_code: credit, contact });
  const agencyForm = el('form', { id: 'agency-add-form', class: 'form card', novalidate: true, 'aria-labelledby': 'agency-add-heading' },
    el('h2', { id: 'agency-add-heading', text: 'agencies.add_title' }),
    field('agency-name', 'agencies.name', name),
    field('agency-kind', 'agencies.kind', kind),
    field('agency-credit-code', 'agencies.credit_code_optional', credit, 'agencies.credit_code_hint'),
    field('agency-contact', 'agencies.contact_optional', contact),
    agencyKit.done, agencyActions);
  agencyForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    agencyKit.clear();
    const code = credit.value.trim().toUpperCase();
    if (!name.value.trim()) return agencyKit.local(name, 'agencies.need_name');
    if (code && !CREDIT_CODE.test(code)) return agencyKit.local(credit, 'agencies.need_credit_code');
    const body = { name: name.value.trim(), kind: kind.value };
    if (code) body.credit_code = code;
    if (contact.value.trim()) body.contact = contact.value.trim();
    agencySubmit.disabled = true;
    try {
      const answer = await api.post('/agencies', body);
      const made = answer?.agency;
      for (const n of [name, credit, contact]) n.value = '';
      await reload();
      if (made?.id != null) cAgency.value = String(made.id);
      agencyKit.done.dataset.i18n = 'agencies.added';
      agencyKit.done.dataset.i18nArgs = JSON.stringify({ name: made?.name ?? body.name });
      applyTexts(agencyKit.done);
      agencyKit.done.hidden = false;
    } catch (e) {
      const err = apiError(e);
      if (!handledByShell(err)) agencyKit.fail(err, agencyActions);
    } finally {
      agencySubmit.disabled = false;
    }
  });

  // --- add a contract ------------------------------------------------------------

  const cAgency = el('select', { id: 'contract-agency', name: 'agency_id', required: true });
  const cUnit = el('select', { id: 'contract-unit', name: 'unit_id', required: true });
  const cStaffType = choices('contract-staff-type', PURCHASED, staffKey);
  const cDocument = el('input', { id: 'contract-document', name: 'document', type: 'text', maxlength: '200', autocomplete: 'off', required: true });
  const cHeadcount = el('input', { id: 'contract-headcount', name: 'headcount', type: 'number', min: '1', step: '1', inputmode: 'numeric', required: true });
  const cStart = el('input', { id: 'contract-start-date', name: 'start_date', type: 'date', required: true });
  const cEnd = el('input', { id: 'contract-end-date', name: 'end_date', type: 'date', required: true });
  const cPrice = el('input', {
    id: 'contract-price', name: 'price_fen', type: 'text', inputmode: 'decimal', autocomplete: 'off', maxlength: '20',
    required: true, 'aria-describedby': 'contract-price-hint',
  });
  const contractSubmit = el('button', { type: 'submit', id: 'contract-submit', class: 'btn btn-primary', text: 'agencies.contract_submit' });
  const contractActions = el('div', { class: 'actions' }, contractSubmit);
  const contractKit = formKit('contract', {
    agency_id: cAgency, unit_id: cUnit, staff_type: cStaffType, document: cDocument, headcount: cHeadcount,
    start_date: cStart, end_date: cEnd, price_fen: cPrice,
  }, { keyFor });
  const contractForm = el('form', { id: 'contract-form', class: 'form card', novalidate: true, 'aria-labelledby': 'contract-heading' },
    el('h2', { id: 'contract-heading', text: 'agencies.contract_title' }),
    field('contract-agency', 'agencies.contract_agency', cAgency),
    field('contract-unit', 'agencies.contract_unit', cUnit),
    el('div', { class: 'field-row' },
      field('contract-staff-type', 'agencies.contract_staff_type', cStaffType),
      field('contract-headcount', 'agencies.contract_headcount', cHeadcount)),
    field('contract-document', 'agencies.contract_document', cDocument),
    el('div', { class: 'field-row' },
      field('contract-start-date', 'agencies.contract_start', cStart),
      field('contract-end-date', 'agencies.contract_end', cEnd)),
    field('contract-price', 'agencies.contract_price', cPrice, 'agencies.contract_price_hint'),
    contractKit.done, contractActions);
  contractForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    contractKit.clear();
    if (!cAgency.value) return contractKit.local(cAgency, 'agencies.need_agency');
    if (!cUnit.value) return contractKit.local(cUnit, 'agencies.need_unit');
    if (!cDocument.value.trim()) return contractKit.local(cDocument, 'agencies.need_document');
    // A whole number; its range is the server's to say.
    if (!/^\d{1,9}$/.test(cHeadcount.value.trim())) return contractKit.local(cHeadcount, 'agencies.need_headcount');
    if (!cStart.value) return contractKit.local(cStart, 'agencies.need_date');
    if (!cEnd.value) return contractKit.local(cEnd, 'agencies.need_date');
    const fen = fenOf(cPrice.value);
    if (fen === null) return contractKit.local(cPrice, 'agencies.need_price');
    const body = {
      agency_id: Number(cAgency.value), unit_id: Number(cUnit.value), staff_type: cStaffType.value,
      document: cDocument.value.trim(), headcount: Number(cHeadcount.value.trim()),
      start_date: cStart.value, end_date: cEnd.value, price_fen: fen,
    };
    contractSubmit.disabled = true;
    try {
      const answer = await api.post('/contracts', body);
      for (const n of [cDocument, cHeadcount, cStart, cEnd, cPrice]) n.value = '';
      await reload();
      contractKit.done.dataset.i18n = 'agencies.contract_added';
      contractKit.done.dataset.i18nArgs = JSON.stringify({ document: answer?.contract?.document ?? body.document });
      applyTexts(contractKit.done);
      contractKit.done.hidden = false;
    } catch (e) {
      const err = apiError(e);
      if (!handledByShell(err)) contractKit.fail(err, contractActions);
    } finally {
      contractSubmit.disabled = false;
    }
  });

  function refreshForms() {
    const keep = cAgency.value;
    cAgency.replaceChildren(
      el('option', { value: '', text: agencies.length ? 'people.choose' : 'agencies.no_agencies' }),
      ...agencies.map((a) => el('option', { value: String(a.id), raw: a.name ?? `#${a.id}` })));
    if ([...cAgency.options].some((o) => o.value === keep)) cAgency.value = keep;
    else if (agencies.length === 1) cAgency.value = String(agencies[0].id);
    unitOptions(cUnit, units, [el('option', { value: '', text: units.length ? 'people.choose' : 'units.no_units' })]);
  }

  async function reload() {
    error.hidden = true;
    list.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.get('/agencies');
      agencies = Array.isArray(answer?.items) ? answer.items : [];
    } catch (e) {
      list.removeAttribute('aria-busy');
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(error, err);
      return;
    }
    list.removeAttribute('aria-busy');
    draw();
    refreshForms();
  }

  try {
    units = await loadAll('/units');
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    showError(error, err);
  }
  await reload();

  return el('section', { class: 'page page-agencies', 'data-page': 'agencies' },
    el('h1', { text: 'agencies.title', tabindex: '-1' }),
    el('p', { class: 'hint', text: 'agencies.intro' }),
    error,
    el('div', { class: 'agencies-layout' },
      el('div', { class: 'agencies-col' }, summary, list),
      el('div', { class: 'agencies-forms' }, agencyForm, contractForm)));
}
