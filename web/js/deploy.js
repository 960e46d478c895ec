// deploy: what the frontline pages (frontline.js, projects.js, project.js,
// commissioners.js, plans.js, plan.js), the person page and the units page share
// (docs/deployment.md): the kinds and states of assignments with their
// text keys, a state's tag, the table of assignments, the section's tabs,
// a project's progress, the error headlines of the frontline, and the
// search of a person for a form.

import * as api from './api.js';
import { el, has } from './i18n.js';
import { named } from './staffing.js';

export const KINDS = ['secondment', 'frontline', 'grassroots', 'commissioner'];
export const STATES = ['planned', 'current', 'ending_soon', 'overdue', 'ended'];

export const kindKey = (k) => (KINDS.includes(k) ? `fl.kind.${k}` : null);
export const stateKey = (s) => (STATES.includes(s) ? `fl.state.${s}` : null);

// Today as yyyy-mm-dd in the browser's time zone (the server's dates are
// local dates too).
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// A frontline error's headline: fl.error.CODE when the frontline says it
// more precisely, else error.CODE (invalid_date: the plain date one).
export const keyFor = (code) => {
  if (has(`fl.error.${code}`)) return `fl.error.${code}`;
  return code === 'invalid_date' ? 'error.date' : `error.${code}`;
};

export function stateTag(state) {
  return el('span', {
    class: `tag tag-state tag-${String(state ?? '').replace('_', '-')}`, 'data-testid': 'fl-state', 'data-state': state ?? '',
    text: stateKey(state) ?? undefined, raw: stateKey(state) ? undefined : String(state ?? ''),
  });
}

// The tabs of the frontline section; projects and commissioners are the
// assessor's, redeployment plans everyone's (a reporter sees its units').
export function frontlineTabs(current, isAssessor) {
  const tab = (path, key, id) => el('a', {
    href: path, id, text: key, class: 'tab', 'aria-current': path === current ? 'page' : null,
  });
  return el('nav', { class: 'tabs', i18nAttrs: { 'aria-label': 'nav.frontline' } },
    tab('/frontline', 'fl.tab_assignments', 'fl-tab-assignments'),
    isAssessor ? tab('/frontline/projects', 'fl.tab_projects', 'fl-tab-projects') : null,
    isAssessor ? tab('/frontline/commissioners', 'fl.tab_commissioners', 'fl-tab-commissioners') : null,
    tab('/frontline/plans', 'fl.tab_plans', 'fl-tab-plans'));
}

// A table of assignments (id: the table's id). columns: which of person,
// kind, home, working, period, state, purpose; onEnd(a): a button "end" on
// each assignment not ended (the assessor's).
export function assignmentsTable(id, items, { columns, onEnd } = {}) {
  const cols = columns ?? ['person', 'kind', 'home', 'working', 'period', 'state', 'purpose'];
  const cell = {
    person: (a) => el('th', { scope: 'row', 'data-testid': 'fl-person' },
      el('a', { href: `/people/${encodeURIComponent(a.person_id)}`, raw: a.person_name ?? '' })),
    kind: (a) => el('td', { 'data-testid': 'fl-kind', 'data-value': a.kind ?? '' }, named(kindKey(a.kind), a.kind_zh ?? a.kind)),
    home: (a) => el('td', { 'data-testid': 'fl-home' }, named(null, a.home_unit)),
    working: (a) => el('td', { 'data-testid': 'fl-working' }, named(null, a.working_unit)),
    period: (a) => el('td', { 'data-testid': 'fl-period', class: 'date' },
      el('span', { raw: `${a.start_date ?? ''} – ${a.end_date ?? ''}` }),
      a.ended_on ? el('span', { class: 'hint fl-ended-on', text: 'fl.ended_on', args: { date: a.ended_on } }) : null),
    state: (a) => el('td', {}, stateTag(a.state)),
    purpose: (a) => el('td', { 'data-testid': 'fl-purpose' },
      el('span', { raw: a.purpose ?? '' }),
      a.document ? el('span', { class: 'doc', raw: a.document }) : null),
  };
  const head = cols.map((k) => el('th', { scope: 'col', text: `fl.col.${k}` }));
  if (onEnd) head.push(el('th', { scope: 'col', text: 'fl.col.actions' }));
  const rows = items.map((a) => el('tr', {
    'data-assignment-id': String(a.id), 'data-person-name': a.person_name ?? '', 'data-state': a.state ?? '',
    class: `fl-row fl-${String(a.state ?? '').replace('_', '-')}`,
  }, cols.map((k) => cell[k](a)),
  onEnd ? el('td', { class: 'row-actions' }, a.ended_on == null && a.state !== 'ended'
    ? el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'fl-end-button', text: 'fl.end', on: { click: () => onEnd(a) } })
    : null) : null));
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'table fl-table', id, 'data-count': String(items.length) },
      el('thead', {}, el('tr', {}, head)),
      el('tbody', {}, rows)));
}

// A project's progress: "3 / 5" with a bar, and the overdue steps flagged.
export function progress(p) {
  const all = Array.isArray(p.steps) ? p.steps.length : 0;
  const done = Number(p.steps_done ?? 0);
  const overdue = Number(p.steps_overdue ?? 0);
  const filled = el('span', { class: 'fl-bar-done' });
  // Through the CSSOM: the CSP allows no style attributes.
  filled.style.width = `${all ? Math.round((100 * done) / all) : 0}%`;
  const bar = el('span', { class: 'fl-bar', 'aria-hidden': 'true' }, filled);
  return el('span', { class: 'fl-progress', 'data-testid': 'project-progress', 'data-done': String(done), 'data-all': String(all) },
    bar, el('span', { text: 'fl.steps_done', args: { done, all } }),
    overdue ? el('span', { class: 'tag tag-overdue', 'data-testid': 'project-overdue', text: 'fl.steps_overdue', args: { n: overdue } }) : null);
}

// A person picked by name: a search box, a button and a select of the
// people found (GET /people?q=…, at most 20). Answers { node, select }.
export function personPicker(id, labelKey) {
  const q = el('input', { id: `${id}-q`, type: 'search', maxlength: '50', autocomplete: 'off', 'aria-describedby': `${id}-hint` });
  const find = el('button', { type: 'button', class: 'btn btn-small', id: `${id}-find`, text: 'fl.find' });
  const select = el('select', { id, name: id }, el('option', { value: '', text: 'fl.find_first' }));
  const search = async () => {
    const text = q.value.trim();
    if (!text) return;
    const page = await api.get('/people', { query: { q: text, limit: 20 } });
    const items = Array.isArray(page.items) ? page.items : [];
    select.replaceChildren(items.length ? null : el('option', { value: '', text: 'fl.found_none' }),
      ...items.map((p) => el('option', { value: String(p.id), raw: `${p.name}（${p.id_number ?? ''}）` })));
    select.dataset.found = String(items.length);
  };
  find.addEventListener('click', () => { search().catch(() => {}); });
  q.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') { ev.preventDefault(); search().catch(() => {}); }
  });
  const node = el('div', { class: 'field', 'data-field': id },
    el('label', { for: `${id}-q`, text: labelKey }),
    el('div', { class: 'fl-picker' }, q, find),
    el('p', { class: 'hint field-hint', id: `${id}-hint`, text: 'fl.find_hint' }),
    el('label', { for: id, class: 'visually-hidden', text: labelKey }), select);
  return { node, select };
}
