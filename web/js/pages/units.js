// The units page (assessor, reporter): the tree of units from
// GET /api/v1/units (pre-order with depth; a reporter sees its own unit and
// what lies below it), each unit's kind, functions and, per quota line, its
// own and rolled-up figures with a small gauge. A unit with sub-units can be
// collapsed and expanded. Each unit links to the People page filtered to
// it and the units below it (/people?unit_id=N&below=true). The assessor also gets two forms: add a unit
// (POST /units) and set a quota line (PUT /units/{id}/quotas); a server
// error is shown next to the field named in details[0].field. The units
// with their figures can be downloaded as XLSX or CSV (GET /exports/units).
// Each unit also names who is out of it on a frontline assignment (its
// home unit) and who is in (its working unit), from GET /assignments: those
// current, ending soon or overdue (docs/deployment.md).

import * as api from '../api.js';
import { el, showError, applyTexts } from '../i18n.js';
import { exportLinks } from '../transfer.js';

export const title = 'units.title';

export const KINDS = ['committee', 'department', 'affiliate', 'zone', 'park', 'district', 'community', 'station'];
export const LINES = {
  staff: ['civil_servant', 'public_institution', 'self_set', 'dispatched', 'social_worker', 'seconded'],
  post: ['bureau_chief', 'bureau_deputy', 'division_chief', 'division_deputy', 'section_chief', 'section_deputy'],
};
const FIGURES = ['quota', 'filled', 'vacant', 'over'];
const PAGE = 500;
const MAX_DEPTH_CLASS = 8;
const SVG = 'http://www.w3.org/2000/svg';

// Every unit, following the pages of the list.
async function loadAll() {
  const units = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.get('/units', { query: { offset, limit: PAGE } });
    const items = Array.isArray(page.items) ? page.items : [];
    units.push(...items);
    const total = Number(page.total ?? units.length);
    if (items.length === 0 || units.length >= total) break;
  }
  return units;
}

const lineKey = (lineKind, line) => `units.line.${lineKind}.${line}`;

// Filled against quota: a grey track, the filled part in the accent colour,
// any excess over the quota in red (the bar is then scaled to filled).
function gauge(f) {
  const quota = Math.max(0, Number(f.quota) || 0);
  const filled = Math.max(0, Number(f.filled) || 0);
  const scale = Math.max(quota, filled, 1);
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
  rect('0', w(Math.min(filled, quota)), 'gauge-filled');
  if (filled > quota) rect(w(quota), w(filled - quota), 'gauge-over');
  return svg;
}

function figureCells(f, scope) {
  return FIGURES.map((k) => el('td', {
    class: `num${k === 'over' && Number(f?.[k]) > 0 ? ' is-over' : ''}`,
    'data-testid': `${scope}-${k}`,
    raw: String(f?.[k] ?? 0),
  }));
}

function figuresTable(unit) {
  const figs = Array.isArray(unit.figures) ? unit.figures : [];
  if (figs.length === 0) return el('p', { class: 'hint unit-nofig', text: 'units.no_quota' });
  const quotas = Array.isArray(unit.quotas) ? unit.quotas : [];
  const rows = [];
  for (const f of figs) {
    const own = quotas.find((q) => q.line_kind === f.line_kind && q.line === f.line);
    const label = el('th', { scope: 'rowgroup', rowspan: '2', class: 'fig-line' },
      el('span', { text: lineKey(f.line_kind, f.line) }),
      el('span', { class: 'fig-kind', text: `units.line_kind.${f.line_kind}` }),
      own ? el('span', { class: 'fig-doc' }, el('span', { raw: own.document ?? '' }), ' ', el('span', { raw: own.approved_on ?? '' })) : null);
    const figKey = `${f.line_kind}:${f.line}`;
    rows.push(el('tr', { 'data-figure': figKey, 'data-scope': 'own' },
      label,
      el('td', { class: 'fig-scope', text: 'units.own' }),
      ...figureCells(f.own, 'own'),
      el('td', { class: 'fig-gauge' }, gauge(f.own ?? {}))));
    rows.push(el('tr', { 'data-figure': figKey, 'data-scope': 'rolled', class: 'fig-rolled' },
      el('td', { class: 'fig-scope', text: 'units.rolled' }),
      ...figureCells(f.rolled, 'rolled'),
      el('td', { class: 'fig-gauge' }, gauge(f.rolled ?? {}))));
  }
  return el('div', { class: 'table-wrap fig-wrap' },
    el('table', { class: 'table fig-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'units.line' }),
        el('th', { scope: 'col', text: 'units.scope' }),
        ...FIGURES.map((k) => el('th', { scope: 'col', class: 'num', text: `units.fig.${k}` })),
        el('th', { scope: 'col', text: 'units.gauge' }))),
      el('tbody', {}, rows)));
}

export function render({ session }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  let units = [];
  const collapsed = new Set();

  const summary = el('p', { id: 'units-summary', class: 'hint', 'aria-live': 'polite' });
  const error = el('div', { id: 'units-error', class: 'form-error', role: 'alert', hidden: true });
  const tree = el('ul', { id: 'units-tree', class: 'unit-tree', 'data-testid': 'units-tree' });
  const expandAll = el('button', { type: 'button', class: 'btn', id: 'units-expand-all', text: 'units.expand_all' });
  const collapseAll = el('button', { type: 'button', class: 'btn', id: 'units-collapse-all', text: 'units.collapse_all' });

  // --- the tree ------------------------------------------------------------

  const childrenOf = () => {
    const m = new Map();
    for (const u of units) {
      if (u.parent_id == null) continue;
      if (!m.has(u.parent_id)) m.set(u.parent_id, []);
      m.get(u.parent_id).push(u);
    }
    return m;
  };

  // Hides every unit below a collapsed one (the list is in pre-order).
  function applyCollapse() {
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const li of tree.children) {
      const id = Number(li.dataset.unitId);
      let hidden = false;
      for (let p = byId.get(id)?.parent_id; p != null; p = byId.get(p)?.parent_id) {
        if (collapsed.has(p)) { hidden = true; break; }
      }
      li.hidden = hidden;
      const toggle = li.querySelector('.unit-toggle');
      if (toggle) {
        const open = !collapsed.has(id);
        toggle.setAttribute('aria-expanded', String(open));
        toggle.dataset.i18nAttr = `aria-label:${open ? 'units.collapse' : 'units.expand'};title:${open ? 'units.collapse' : 'units.expand'}`;
        applyTexts(toggle);
      }
    }
  }

  function unitRow(u, kids) {
    const depth = Math.max(0, Number(u.depth) || 0);
    const hasKids = (kids.get(u.id) ?? []).length > 0;
    const toggle = hasKids
      ? el('button', {
        type: 'button', class: 'unit-toggle', 'aria-expanded': 'true',
        'aria-controls': 'units-tree', 'data-testid': 'unit-toggle',
        on: { click: () => { if (collapsed.has(u.id)) collapsed.delete(u.id); else collapsed.add(u.id); applyCollapse(); } },
      }, el('span', { class: 'unit-chevron', 'aria-hidden': 'true' }))
      : el('span', { class: 'unit-toggle-spacer', 'aria-hidden': 'true' });
    const functions = Array.isArray(u.functions) && u.functions.length
      ? el('p', { class: 'unit-functions' },
        el('span', { class: 'unit-label', text: 'units.functions' }),
        el('span', { raw: u.functions.join('、'), 'data-testid': 'unit-functions' }))
      : null;
    const li = el('li', {
      class: `unit depth-${Math.min(depth, MAX_DEPTH_CLASS)}`,
      'data-unit-id': String(u.id), 'data-unit-name': u.name ?? '', 'data-depth': String(depth),
    },
    el('div', { class: 'unit-head' },
      toggle,
      el('span', { class: 'unit-name', raw: u.name ?? '', 'data-testid': 'unit-name' }),
      el('span', { class: 'unit-kind', 'data-testid': 'unit-kind', text: KINDS.includes(u.kind) ? `units.kind.${u.kind}` : undefined, raw: KINDS.includes(u.kind) ? undefined : (u.kind ?? '') }),
      // Drill-down: the people of this unit and the units below it.
      el('a', {
        class: 'unit-people', 'data-testid': 'unit-people',
        href: `/people?unit_id=${encodeURIComponent(u.id)}&below=true`,
      }, el('span', { text: 'units.people_link' }), el('span', { class: 'visually-hidden', raw: ` — ${u.name ?? ''}` }))),
    el('div', { class: 'unit-body' }, functions, frontline(u.id), figuresTable(u)));
    return li;
  }

  // Who is out of and into a unit on a frontline assignment today.
  let away = [];
  const ACTIVE = ['current', 'ending_soon', 'overdue'];
  function frontline(id) {
    const out = away.filter((a) => a.home_unit_id === id);
    const into = away.filter((a) => a.working_unit_id === id);
    if (!out.length && !into.length) return null;
    const names = (list, other) => list.map((a, i) => el('span', { class: 'unit-fl-person' }, i ? '、' : '',
      el('a', { href: `/people/${encodeURIComponent(a.person_id)}`, raw: a.person_name ?? '' }),
      el('span', { class: 'hint', raw: `（${a.kind_zh ?? ''}·${a[other] ?? ''}）` })));
    return el('div', { class: 'unit-frontline', 'data-testid': 'unit-frontline' },
      out.length ? el('p', { 'data-testid': 'unit-out', 'data-count': String(out.length) },
        el('span', { class: 'unit-label', text: 'fl.unit_out', args: { n: out.length } }), names(out, 'working_unit')) : null,
      into.length ? el('p', { 'data-testid': 'unit-in', 'data-count': String(into.length) },
        el('span', { class: 'unit-label', text: 'fl.unit_in', args: { n: into.length } }), names(into, 'home_unit')) : null);
  }

  function drawTree() {
    const kids = childrenOf();
    tree.replaceChildren(...units.map((u) => unitRow(u, kids)));
    applyCollapse();
    summary.dataset.i18n = units.length ? 'units.total' : 'units.empty';
    summary.dataset.i18nArgs = JSON.stringify({ total: units.length });
    applyTexts(summary);
    expandAll.hidden = collapseAll.hidden = !units.some((u) => kids.has(u.id));
  }

  expandAll.addEventListener('click', () => { collapsed.clear(); applyCollapse(); });
  collapseAll.addEventListener('click', () => {
    for (const u of units) if (units.some((c) => c.parent_id === u.id)) collapsed.add(u.id);
    applyCollapse();
  });

  // --- forms (assessor) ----------------------------------------------------

  const unitOptions = (select, { root }) => {
    const keep = select.value;
    const opts = [];
    if (root) opts.push(el('option', { value: '', text: 'units.parent_none' }));
    else if (units.length === 0) opts.push(el('option', { value: '', text: 'units.no_units' }));
    for (const u of units) {
      const depth = Math.max(0, Number(u.depth) || 0);
      opts.push(el('option', { value: String(u.id), raw: `${'\u3000'.repeat(depth)}${u.name}` }));
    }
    select.replaceChildren(...opts);
    if ([...select.options].some((o) => o.value === keep)) select.value = keep;
  };

  // One form: its inputs by JSON field, an error box that moves next to the
  // field the server names, and a notice for success.
  function formKit(prefix, fields) {
    const errorBox = el('div', { id: `${prefix}-error`, class: 'form-error', role: 'alert', hidden: true });
    const done = el('p', { id: `${prefix}-done`, class: 'notice notice-ok', role: 'status', hidden: true });
    const clear = () => {
      errorBox.hidden = true;
      errorBox.replaceChildren();
      delete errorBox.dataset.code;
      delete errorBox.dataset.field;
      for (const n of Object.values(fields)) {
        n.removeAttribute('aria-invalid');
        n.removeAttribute('aria-describedby');
      }
      done.hidden = true;
    };
    const fail = (err, actions) => {
      showError(errorBox, err);
      const name = (err.field || '').replace(/^\$\./, '').replace(/\[.*$/, '');
      const input = fields[name];
      if (input) {
        input.closest('.field').append(errorBox);
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', errorBox.id);
        errorBox.dataset.field = input.id;
        input.focus();
      } else {
        actions.before(errorBox);
      }
    };
    // A check made in the browser, before asking the server.
    const local = (input, key) => {
      errorBox.replaceChildren(el('strong', { text: key }));
      errorBox.hidden = false;
      input.closest('.field').append(errorBox);
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', errorBox.id);
      errorBox.dataset.field = input.id;
      input.focus();
    };
    return { errorBox, done, clear, fail, local };
  }

  const field = (id, key, node) => el('div', { class: 'field', 'data-field': id },
    el('label', { for: id, text: key }), node);
  const select = (id, options) => el('select', { id, name: id }, options);

  let addForm = null;
  let quotaForm = null;
  let refreshForms = () => {};

  if (isAssessor) {
    // Add a unit.
    const name = el('input', { id: 'unit-name', name: 'name', type: 'text', maxlength: '100', autocomplete: 'off', required: true });
    const kind = select('unit-kind', KINDS.map((k) => el('option', { value: k, text: `units.kind.${k}` })));
    const parent = select('unit-parent', []);
    const addSubmit = el('button', { type: 'submit', id: 'unit-submit', class: 'btn btn-primary', text: 'units.add_submit' });
    const addActions = el('div', { class: 'actions' }, addSubmit);
    const addKit = formKit('unit-add', { name, kind, parent_id: parent });
    addForm = el('form', { id: 'unit-add-form', class: 'form card', novalidate: true, 'aria-labelledby': 'unit-add-heading' },
      el('h2', { id: 'unit-add-heading', text: 'units.add_title' }),
      field('unit-name', 'units.name', name),
      field('unit-kind', 'units.kind', kind),
      field('unit-parent', 'units.parent', parent),
      addKit.done, addActions);
    addForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      addKit.clear();
      if (!name.value.trim()) return addKit.local(name, 'units.need_name');
      addSubmit.disabled = true;
      try {
        const body = { name: name.value.trim(), kind: kind.value, parent_id: parent.value ? Number(parent.value) : null };
        const answer = await api.post('/units', body);
        name.value = '';
        await reload();
        const made = answer?.unit;
        if (made) parent.value = String(made.id);
        addKit.done.dataset.i18n = 'units.added';
        addKit.done.dataset.i18nArgs = JSON.stringify({ name: made?.name ?? body.name });
        applyTexts(addKit.done);
        addKit.done.hidden = false;
      } catch (e) {
        const err = e instanceof api.ApiError ? e : new api.ApiError(0, 'network', String(e));
        if (err.status !== 401 && err.code !== 'password_change_required') addKit.fail(err, addActions);
      } finally {
        addSubmit.disabled = false;
      }
    });

    // Set a quota line.
    const qUnit = select('quota-unit', []);
    const lineKind = select('quota-line-kind', Object.keys(LINES).map((k) => el('option', { value: k, text: `units.line_kind.${k}` })));
    const line = select('quota-line', []);
    const fillLines = () => {
      line.replaceChildren(...LINES[lineKind.value].map((l) => el('option', { value: l, text: lineKey(lineKind.value, l) })));
    };
    lineKind.addEventListener('change', fillLines);
    fillLines();
    const count = el('input', { id: 'quota-count', name: 'count', type: 'number', min: '0', max: '1000000', step: '1', inputmode: 'numeric', required: true });
    const documentNo = el('input', { id: 'quota-document', name: 'document', type: 'text', maxlength: '200', autocomplete: 'off', required: true });
    const approvedOn = el('input', { id: 'quota-approved-on', name: 'approved_on', type: 'date', min: '1949-01-01', required: true });
    const qSubmit = el('button', { type: 'submit', id: 'quota-submit', class: 'btn btn-primary', text: 'units.quota_submit' });
    const qActions = el('div', { class: 'actions' }, qSubmit);
    const qKit = formKit('quota', {
      unit: qUnit, line_kind: lineKind, line, count, document: documentNo, approved_on: approvedOn,
    });
    quotaForm = el('form', { id: 'quota-form', class: 'form card', novalidate: true, 'aria-labelledby': 'quota-heading' },
      el('h2', { id: 'quota-heading', text: 'units.quota_title' }),
      field('quota-unit', 'units.quota_unit', qUnit),
      el('div', { class: 'field-row' },
        field('quota-line-kind', 'units.line_kind', lineKind),
        field('quota-line', 'units.line', line)),
      el('div', { class: 'field-row' },
        field('quota-count', 'units.count', count),
        field('quota-approved-on', 'units.approved_on', approvedOn)),
      field('quota-document', 'units.document', documentNo),
      qKit.done, qActions);
    quotaForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      qKit.clear();
      if (!qUnit.value) return qKit.local(qUnit, 'units.need_unit');
      if (count.value.trim() === '' || !/^\d+$/.test(count.value.trim())) return qKit.local(count, 'units.need_count');
      qSubmit.disabled = true;
      try {
        const body = {
          line_kind: lineKind.value, line: line.value, count: Number(count.value.trim()),
          document: documentNo.value.trim(), approved_on: approvedOn.value,
        };
        await api.put(`/units/${encodeURIComponent(qUnit.value)}/quotas`, body);
        await reload();
        qKit.done.dataset.i18n = 'units.quota_set';
        applyTexts(qKit.done);
        qKit.done.hidden = false;
      } catch (e) {
        const err = e instanceof api.ApiError ? e : new api.ApiError(0, 'network', String(e));
        if (err.status !== 401 && err.code !== 'password_change_required') qKit.fail(err, qActions);
      } finally {
        qSubmit.disabled = false;
      }
    });

    refreshForms = () => {
      unitOptions(parent, { root: true });
      unitOptions(qUnit, { root: false });
    };
  }

  async function reload() {
    error.hidden = true;
    try {
      units = await loadAll();
    } catch (e) {
      if (e.status !== 401) showError(error, e);
      return;
    }
    try {
      const page = await api.get('/assignments');
      away = (Array.isArray(page.items) ? page.items : []).filter((a) => ACTIVE.includes(a.state));
    } catch {
      away = []; // the tree does without them
    }
    const ids = new Set(units.map((u) => u.id));
    for (const id of [...collapsed]) if (!ids.has(id)) collapsed.delete(id);
    drawTree();
    refreshForms();
  }

  const root = el('section', { class: 'page page-units', 'data-page': 'units' },
    el('h1', { text: 'units.title', tabindex: '-1' }),
    el('p', { class: 'hint', text: isAssessor ? 'units.intro_assessor' : 'units.intro_reporter' }),
    error,
    el('div', { class: 'units-layout' },
      el('div', { class: 'units-tree-col' },
        el('div', { class: 'toolbar' }, expandAll, collapseAll, exportLinks('units-export', 'units').node),
        summary,
        tree),
      isAssessor ? el('div', { class: 'units-forms' }, addForm, quotaForm) : null));
  return reload().then(() => root);
}
