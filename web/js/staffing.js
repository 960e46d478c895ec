// staffing: what the people, person and pay pages share: the staff types,
// ranks and post levels with their text keys, reading every page of a
// list, unit choices, and the form kit that puts a server error next to the
// field its details[0].field names (as the units page does).

import * as api from './api.js';
import { el, showError } from './i18n.js';

export const STAFF_TYPES = ['civil_servant', 'public_institution', 'self_set', 'dispatched', 'social_worker', 'seconded'];
// Bought from an agency under a service contract: no rank, pay from the scale.
export const PURCHASED = ['dispatched', 'social_worker'];
export const RANKS = ['inspector_1', 'inspector_2', 'researcher_1', 'researcher_2', 'researcher_3', 'researcher_4',
  'principal_1', 'principal_2', 'principal_3', 'principal_4', 'clerk_1', 'clerk_2'];
export const POST_LEVELS = ['bureau_chief', 'bureau_deputy', 'division_chief', 'division_deputy', 'section_chief', 'section_deputy'];
export const SCHOOL_TIERS = ['985', '211', 'other'];

export const staffKey = (v) => (STAFF_TYPES.includes(v) ? `staff.${v}` : null);
export const rankKey = (v) => (RANKS.includes(v) ? `rank.${v}` : null);
export const postLevelKey = (v) => (POST_LEVELS.includes(v) ? `units.line.post.${v}` : null);
export const tierKey = (v) => (SCHOOL_TIERS.includes(v) ? `tier.${v}` : null);

// A cell's content for a coded value: its name (translated), the code
// itself when it is not known, or a dash when there is none.
export function named(key, value, props = {}) {
  if (value === null || value === undefined || value === '') return el('span', { class: 'none', raw: '—', ...props });
  return key ? el('span', { text: key, ...props }) : el('span', { raw: String(value), ...props });
}

export const PAGE = 500;

// Every item of a paged list (GET path with query), following its pages.
export async function loadAll(path, query = {}) {
  const out = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.get(path, { query: { ...query, offset, limit: PAGE } });
    const items = Array.isArray(page.items) ? page.items : [];
    out.push(...items);
    const total = Number(page.total ?? out.length);
    if (items.length === 0 || out.length >= total) break;
  }
  return out;
}

// Options of a select listing units in tree order (indented by depth),
// after the given first options; keeps the chosen value when it is still there.
export function unitOptions(select, units, first = []) {
  const keep = select.value;
  const opts = [...first];
  for (const u of units) {
    const depth = Math.max(0, Number(u.depth) || 0);
    opts.push(el('option', { value: String(u.id), raw: `${'\u3000'.repeat(depth)}${u.name}` }));
  }
  select.replaceChildren(...opts);
  if ([...select.options].some((o) => o.value === keep)) select.value = keep;
}

// A select of values named by keyFn(value), after the given first options.
export function choices(id, values, keyFn, first = [], props = {}) {
  return el('select', { id, name: id, ...props }, first,
    values.map((v) => el('option', { value: v, text: keyFn(v) })));
}

// A labelled field: <div class="field"><label for=id>…</label> node</div>.
export const field = (id, key, node, hint) => el('div', { class: 'field', 'data-field': id },
  el('label', { for: id, text: key }), node,
  hint ? el('p', { class: 'hint field-hint', id: `${id}-hint`, text: hint }) : null);

// A checkbox with its label after it.
export const checkField = (id, key, node) => el('div', { class: 'field field-check', 'data-field': id },
  node, el('label', { for: id, text: key }));

// Any thrown value as an ApiError.
export const apiError = (e) => (e instanceof api.ApiError ? e : new api.ApiError(0, 'network', String(e)));

// Whether an error is one the shell handles itself (login page, password).
export const handledByShell = (err) => err.status === 401 || err.code === 'password_change_required';

// One form: its inputs by JSON field, an error box that moves next to the
// field the server names (details[0].field "$.id_number" → fields.id_number;
// aliases maps other names the server uses to a field), and a notice for
// success. keyFor maps an error code to its headline's key.
export function formKit(prefix, fields, { aliases = {}, keyFor } = {}) {
  const errorBox = el('div', { id: `${prefix}-error`, class: 'form-error', role: 'alert', hidden: true });
  const done = el('p', { id: `${prefix}-done`, class: 'notice notice-ok', role: 'status', hidden: true });
  // What describes each input before any error (a hint), to keep it.
  const described = new Map(Object.values(fields).map((n) => [n, n.getAttribute('aria-describedby')]));
  const clear = () => {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    delete errorBox.dataset.code;
    delete errorBox.dataset.field;
    for (const n of Object.values(fields)) {
      n.removeAttribute('aria-invalid');
      if (described.get(n)) n.setAttribute('aria-describedby', described.get(n));
      else n.removeAttribute('aria-describedby');
    }
    done.hidden = true;
  };
  const attach = (input) => {
    (input.closest('.field') ?? input.parentNode).append(errorBox);
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', [described.get(input), errorBox.id].filter(Boolean).join(' '));
    errorBox.dataset.field = input.id;
    if (!input.hidden && !input.disabled) input.focus();
  };
  // actions: where the box goes when no field is named (before it).
  const fail = (err, actions) => {
    showError(errorBox, err, keyFor);
    let name = (err.field || '').replace(/^\$\./, '').replace(/[[.].*$/, '');
    name = aliases[name] ?? name;
    const input = fields[name];
    if (input && !input.closest('[hidden]')) attach(input);
    else actions.before(errorBox);
  };
  // A check made in the browser, before asking the server.
  const local = (input, key) => {
    errorBox.replaceChildren(el('strong', { text: key }));
    errorBox.hidden = false;
    delete errorBox.dataset.code;
    attach(input);
  };
  return { errorBox, done, clear, fail, local };
}

// Money: whole fen shown as yuan with thousands separated: 1150000 → "11,500",
// 1150050 → "11,500.50". The same in both languages.
export function yuan(fen) {
  if (fen === null || fen === undefined || !Number.isFinite(Number(fen))) return '';
  const n = Math.round(Number(fen));
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  return `${sign}${whole}${cents ? `.${String(cents).padStart(2, '0')}` : ''}`;
}

// A post sequence's name: civilian, technical and other by their key; any
// other by the name the server gives.
export const SEQUENCES = ['civilian', 'technical', 'other'];
export const sequenceKey = (code) => (SEQUENCES.includes(code) ? `pay.sequence.${code}` : null);
