// The people page (assessor, reporter): GET /api/v1/people with a search
// (part of a name, or a whole ID number), filters (unit with or without the
// units below, staff type, rank, gender, age, education), an order (pinyin,
// surname strokes, birth date) and paging. The filters live in the address
// (/people?q=王&sort=stroke), so a reload, a bookmark or the way back from a
// person keeps them. ID numbers are shown masked, as the API gives them.
// A reporter sees what the API gives it: its unit and below. The list can be
// downloaded as XLSX or CSV with the same filters and order
// (GET /api/v1/exports/people). The assessor also gets the import of
// spreadsheets (transfer.js: templates, upload, every problem of a refused
// file). The assessor and reporters get the form to add a person
// (POST /api/v1/people; a reporter's unit choices are its own units, and the
// server answers 403 outside_scope, shown under the unit, for any other).

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';
import { codes, codeKey, genderKey } from '../codes.js';
import {
  STAFF_TYPES, RANKS, SCHOOL_TIERS, staffKey, rankKey, tierKey, named, loadAll, unitOptions,
  choices, field, checkField, formKit, apiError, handledByShell,
} from '../staffing.js';
import { exportLinks, importCard } from '../transfer.js';

export const title = 'people.title';

const SORTS = ['pinyin', 'stroke', 'birth'];
const LIMITS = ['20', '50', '100'];
const DEFAULT_LIMIT = '50';
// The filters, by their name in the address and in the API's query.
const FILTERS = ['q', 'unit_id', 'below', 'staff_type', 'rank', 'gender', 'age_min', 'age_max', 'education', 'sort'];

export function render({ session, query }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  const canAdd = isAssessor || roles.includes('reporter');
  let units = [];
  let unitNames = new Map();
  let offset = Math.max(0, Number.parseInt(query.get('offset') ?? '0', 10) || 0);
  let seq = 0;

  // --- the filters -----------------------------------------------------------

  const any = () => el('option', { value: '', text: 'people.any' });
  const q = el('input', { id: 'people-q', name: 'q', type: 'search', maxlength: '50', autocomplete: 'off', 'aria-describedby': 'people-q-hint' });
  const unit = el('select', { id: 'people-unit', name: 'unit_id' });
  const below = el('input', { id: 'people-below', name: 'below', type: 'checkbox' });
  const staffType = choices('people-staff-type', STAFF_TYPES, staffKey, [any()]);
  const rank = choices('people-rank', RANKS, rankKey, [any()]);
  const gender = choices('people-gender', ['1', '2'], genderKey, [any()]);
  const ageMin = el('input', { id: 'people-age-min', name: 'age_min', type: 'number', min: '0', max: '150', step: '1', inputmode: 'numeric' });
  const ageMax = el('input', { id: 'people-age-max', name: 'age_max', type: 'number', min: '0', max: '150', step: '1', inputmode: 'numeric' });
  const education = choices('people-education', codes('education'), (c) => codeKey('education', c, { coded: true }), [any()]);
  const sort = choices('people-sort', SORTS, (s) => `people.sort.${s}`);
  const limit = el('select', { id: 'people-limit', name: 'limit' }, LIMITS.map((n) => el('option', { value: n, raw: n })));
  const inputs = {
    q, unit_id: unit, below, staff_type: staffType, rank, gender, age_min: ageMin, age_max: ageMax, education, sort,
  };
  const searchButton = el('button', { type: 'submit', id: 'people-search', class: 'btn btn-primary', text: 'people.search' });
  const clearButton = el('button', { type: 'button', id: 'people-clear', class: 'btn', text: 'people.clear' });
  const filterActions = el('div', { class: 'actions' }, searchButton, clearButton);
  const filterKit = formKit('people-filter', { ...inputs, limit });

  // The address's query into the inputs (unknown values are dropped).
  function fromQuery(params) {
    for (const [name, input] of Object.entries(inputs)) {
      const v = params.get(name) ?? '';
      if (input.type === 'checkbox') input.checked = v === 'true';
      else input.value = v;
    }
    if (!sort.value) sort.value = 'pinyin';
    limit.value = LIMITS.includes(params.get('limit')) ? params.get('limit') : DEFAULT_LIMIT;
  }

  // The inputs as the API's query (and the address's).
  function toQuery() {
    const out = {};
    for (const [name, input] of Object.entries(inputs)) {
      if (input.type === 'checkbox') {
        if (input.checked) out[name] = 'true';
      } else if (input.value.trim() !== '') {
        out[name] = input.value.trim();
      }
    }
    if (!out.unit_id) delete out.below;
    if (out.sort === 'pinyin') delete out.sort;
    return out;
  }

  // --- the list --------------------------------------------------------------

  const summary = el('p', { id: 'people-summary', class: 'hint', 'aria-live': 'polite' });
  const listError = el('div', { id: 'people-error', class: 'form-error', role: 'alert', hidden: true });
  const tbody = el('tbody');
  const table = el('table', { class: 'table people-table', id: 'people-table' },
    el('thead', {}, el('tr', {},
      ['name', 'gender', 'birth_date', 'id_number', 'unit', 'staff_type', 'rank']
        .map((k) => el('th', { scope: 'col', text: `people.col.${k}` })))),
    tbody);
  const results = el('div', { id: 'people-results', class: 'people-results' },
    summary, el('div', { class: 'table-wrap' }, table));
  // The list as a file, with the filters and order shown (not the paging).
  const exports = exportLinks('people-export', 'people');
  const prev = el('button', { type: 'button', class: 'btn', id: 'people-prev', text: 'people.prev' });
  const next = el('button', { type: 'button', class: 'btn', id: 'people-next', text: 'people.next' });

  function row(p) {
    const unitName = p.unit_id == null ? null : (unitNames.get(p.unit_id) ?? `#${p.unit_id}`);
    return el('tr', { 'data-person-id': String(p.id), 'data-person-name': p.name ?? '' },
      el('th', { scope: 'row', 'data-testid': 'person-name' },
        el('a', { href: `/people/${encodeURIComponent(p.id)}`, raw: p.name ?? '' })),
      el('td', { 'data-testid': 'person-gender' }, named(genderKey(p.gender), p.gender)),
      el('td', { 'data-testid': 'person-birth-date' }, named(null, p.birth_date, { class: 'date' })),
      el('td', { 'data-testid': 'person-id-number' }, named(null, p.id_number, { class: 'idnum' })),
      el('td', { 'data-testid': 'person-unit' }, named(null, unitName)),
      el('td', { 'data-testid': 'person-staff-type', 'data-value': p.staff_type ?? '' }, named(staffKey(p.staff_type), p.staff_type)),
      el('td', { 'data-testid': 'person-rank', 'data-value': p.rank ?? '' }, named(rankKey(p.rank), p.rank)));
  }

  function setSummary(key, args) {
    summary.dataset.i18n = key;
    if (args) summary.dataset.i18nArgs = JSON.stringify(args);
    else delete summary.dataset.i18nArgs;
    applyTexts(summary);
  }

  async function load() {
    const mine = ++seq;
    filterKit.clear();
    listError.hidden = true;
    const filters = toQuery();
    exports.set(filters);
    const lim = Number(limit.value);
    // Keep the filters in the address, without making a new history entry.
    const addr = new URLSearchParams(filters);
    if (offset) addr.set('offset', String(offset));
    if (limit.value !== DEFAULT_LIMIT) addr.set('limit', limit.value);
    const qs = addr.toString();
    if (location.pathname === '/people') history.replaceState(null, '', `/people${qs ? `?${qs}` : ''}`);

    results.setAttribute('aria-busy', 'true');
    prev.disabled = next.disabled = true;
    let page;
    try {
      page = await api.get('/people', { query: { ...filters, offset, limit: lim } });
    } catch (e) {
      if (mine !== seq) return;
      results.removeAttribute('aria-busy');
      const err = apiError(e);
      if (handledByShell(err)) return;
      if (err.field) filterKit.fail(err, filterActions);
      else showError(listError, err);
      return;
    }
    if (mine !== seq) return;
    const items = Array.isArray(page.items) ? page.items : [];
    const total = Number(page.total ?? items.length);
    if (items.length === 0 && offset > 0 && total > 0) {
      // The page is past the end (the list shrank): go to the last one.
      offset = Math.max(0, Math.floor((total - 1) / lim) * lim);
      load();
      return;
    }
    tbody.replaceChildren(...items.map(row));
    if (items.length === 0) setSummary('people.empty');
    else setSummary('people.total', { total, from: offset + 1, to: offset + items.length });
    prev.disabled = offset === 0;
    next.disabled = offset + items.length >= total;
    results.dataset.query = qs;
    results.dataset.sort = filters.sort ?? 'pinyin';
    results.dataset.total = String(total);
    results.removeAttribute('aria-busy');
  }

  const apply = () => { offset = 0; load(); };
  const filterForm = el('form', { id: 'people-filter-form', class: 'form card people-filters', novalidate: true, role: 'search', 'aria-labelledby': 'people-filter-heading' },
    el('h2', { id: 'people-filter-heading', class: 'visually-hidden', text: 'people.filters' }),
    el('div', { class: 'field-row' },
      field('people-q', 'people.q', q, 'people.q_hint'),
      el('div', { class: 'field-group' },
        field('people-unit', 'people.unit', unit),
        checkField('people-below', 'people.below', below))),
    el('div', { class: 'field-row' },
      field('people-staff-type', 'people.staff_type', staffType),
      field('people-rank', 'people.rank', rank),
      field('people-gender', 'people.gender', gender),
      field('people-education', 'people.education', education)),
    el('div', { class: 'field-row' },
      field('people-age-min', 'people.age_min', ageMin),
      field('people-age-max', 'people.age_max', ageMax),
      field('people-sort', 'people.sort', sort),
      field('people-limit', 'people.limit', limit)),
    filterActions);
  filterForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    filterKit.clear();
    for (const a of [ageMin, ageMax]) {
      const v = a.value.trim();
      if (v !== '' && !(/^\d{1,3}$/.test(v) && Number(v) <= 150)) return filterKit.local(a, 'people.need_age');
    }
    apply();
  });
  // Choices apply at once; typed text on submit (Enter or the button).
  for (const s of [unit, staffType, rank, gender, education, sort, limit]) s.addEventListener('change', apply);
  below.addEventListener('change', () => { if (unit.value) apply(); });
  clearButton.addEventListener('click', () => {
    fromQuery(new URLSearchParams());
    apply();
  });
  prev.addEventListener('click', () => { offset = Math.max(0, offset - Number(limit.value)); load(); });
  next.addEventListener('click', () => { offset += Number(limit.value); load(); });

  // --- add a person (assessor, reporter) ----------------------------------------

  let addCard = null;
  const addUnit = el('select', { id: 'person-unit', name: 'unit_id' });
  if (canAdd) {
    const choose = () => el('option', { value: '', text: 'people.choose' });
    const name = el('input', { id: 'person-name', name: 'name', type: 'text', maxlength: '50', autocomplete: 'off', required: true });
    const idNumber = el('input', {
      id: 'person-id-number', name: 'id_number', type: 'text', maxlength: '18', autocomplete: 'off',
      spellcheck: 'false', autocapitalize: 'characters', required: true, class: 'idnum',
    });
    const ethnicity = choices('person-ethnicity', codes('ethnicity'), (c) => codeKey('ethnicity', c), [choose()], { required: true });
    const political = choices('person-political-status', codes('political_status'), (c) => codeKey('political_status', c), [choose()], { required: true });
    const edu = choices('person-education', codes('education'), (c) => codeKey('education', c, { coded: true }), [choose()], { required: true });
    const school = el('input', { id: 'person-school', name: 'school', type: 'text', maxlength: '100', autocomplete: 'off' });
    const tier = choices('person-school-tier', SCHOOL_TIERS, tierKey, [el('option', { value: '', text: 'people.not_given' })]);
    const phone = el('input', { id: 'person-phone', name: 'phone', type: 'tel', maxlength: '20', autocomplete: 'off', inputmode: 'tel' });
    const submit = el('button', { type: 'submit', id: 'person-submit', class: 'btn btn-primary', text: 'people.add_submit' });
    const actions = el('div', { class: 'actions' }, submit);
    const fields = {
      name, id_number: idNumber, ethnicity, political_status: political, education: edu, school, school_tier: tier, phone, unit_id: addUnit,
    };
    // gender and birth_date are read from the ID number: their errors belong there.
    const kit = formKit('person-add', fields, { aliases: { gender: 'id_number', birth_date: 'id_number' } });
    ethnicity.value = '01';
    const form = el('form', { id: 'person-add-form', class: 'form', novalidate: true },
      el('p', { class: 'hint', text: 'people.add_hint' }),
      el('div', { class: 'field-row' },
        field('person-name', 'people.name', name),
        field('person-id-number', 'people.id_number', idNumber)),
      el('div', { class: 'field-row' },
        field('person-ethnicity', 'people.ethnicity', ethnicity),
        field('person-political-status', 'people.political_status', political),
        field('person-education', 'people.education', edu)),
      el('div', { class: 'field-row' },
        field('person-school', 'people.school', school),
        field('person-school-tier', 'people.school_tier', tier),
        field('person-phone', 'people.phone', phone)),
      field('person-unit', 'people.unit', addUnit),
      kit.done, actions);
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!name.value.trim()) return kit.local(name, 'people.need_name');
      if (!idNumber.value.trim()) return kit.local(idNumber, 'people.need_id_number');
      if (!isAssessor && !addUnit.value) return kit.local(addUnit, 'people.need_unit');
      const body = {
        name: name.value.trim(), id_number: idNumber.value.trim(),
        ethnicity: ethnicity.value, political_status: political.value, education: edu.value,
        unit_id: addUnit.value ? Number(addUnit.value) : null,
      };
      if (school.value.trim()) body.school = school.value.trim();
      if (tier.value) body.school_tier = tier.value;
      if (phone.value.trim()) body.phone = phone.value.trim();
      submit.disabled = true;
      try {
        const answer = await api.post('/people', body);
        const made = answer?.person ?? {};
        for (const n of [name, idNumber, school, phone]) n.value = '';
        tier.value = '';
        kit.done.replaceChildren(
          el('span', { text: 'people.added', args: { name: made.name ?? body.name } }), ' ',
          made.id != null ? el('a', { href: `/people/${made.id}`, id: 'person-add-open', text: 'people.open_added' }) : null);
        kit.done.hidden = false;
        await load();
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
    addCard = el('details', { id: 'person-add', class: 'card people-add' },
      el('summary', { id: 'person-add-toggle' }, el('h2', { text: 'people.add_title' })),
      form);
  }

  // --- start -------------------------------------------------------------------

  async function start() {
    try {
      units = await loadAll('/units');
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(listError, err);
    }
    unitNames = new Map(units.map((u) => [u.id, u.name]));
    unitOptions(unit, units, [el('option', { value: '', text: 'people.unit_any' })]);
    // A reporter keeps people in its own units: no "none" for it.
    unitOptions(addUnit, units, [el('option', { value: '', text: isAssessor ? 'people.none' : 'people.choose' })]);
    if (!isAssessor && units.length === 1) addUnit.value = String(units[0].id);
    fromQuery(query);
    await load();
  }

  const root = el('section', { class: 'page page-people', 'data-page': 'people' },
    el('h1', { text: 'people.title', tabindex: '-1' }),
    el('p', { class: 'hint', text: isAssessor ? 'people.intro_assessor' : 'people.intro_reporter' }),
    filterForm,
    listError,
    el('div', { class: 'toolbar people-tools' }, exports.node),
    results,
    el('div', { class: 'pager' }, prev, next),
    isAssessor ? importCard({ onImported: () => load() }) : null,
    addCard);
  return start().then(() => root);
}
