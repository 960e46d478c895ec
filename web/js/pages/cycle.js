// A cycle's page (/cycles/{id}; assessor, reporter): GET /api/v1/cycles/{id}
// with its status and the steps draft → open → computed → confirmed, its
// subjects (unit, values entered, position once computed) and a subject's
// indicator values (GET …/values?subject=) with source, who and when.
//
// The assessor gives a subject its reporting unit (PUT …/subjects/{s}/unit),
// opens the cycle with a deadline (POST …/open), computes it (POST
// …/compute; a refused workbook lists every problem, as an import does),
// confirms it after a second step (POST …/confirm: frozen), enters and
// removes values until then, issues ballot codes per ratings component and
// rater group (POST …/tokens; printed on the sheet page) and follows the
// turnout (GET …/turnout). A reporter sees its own subjects (the API scopes
// them) and enters their values while the cycle is open; the server's
// refusals (cycle_not_open, deadline_passed, outside_scope, invalid_number)
// go under the field they name.

import * as api from '../api.js';
import { el, showError, applyTexts } from '../i18n.js';
import { STAFF_TYPES, loadAll, unitOptions, named, field, formKit, apiError, handledByShell } from '../staffing.js';
import { navigate } from '../app.js';
import { STATUSES, kindKey, statusTag, cycleKeyFor, problemsBox } from '../assess.js';
import { keepSheet } from './sheet.js';
import '../definition_texts.js';
import { sheetImport } from '../transfer.js';

export const title = 'cycle.title';

export async function render({ session, params, navigate, query }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  const id = params.id;
  const base = `/cycles/${encodeURIComponent(id)}`;
  const root = el('section', { class: 'page page-cycle', 'data-page': 'cycle', 'data-cycle-id': id });
  const back = el('p', { class: 'back' }, el('a', { href: '/cycles', id: 'cycle-back', text: 'cycle.back' }));

  let cycle;
  try {
    cycle = await api.get(base);
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(back, el('h1', { tabindex: '-1', text: 'cycle.not_found', 'data-testid': 'cycle-not-found' }));
      return root;
    }
    const box = el('div', { id: 'cycle-error', class: 'form-error', role: 'alert' });
    showError(box, err);
    root.append(back, el('h1', { tabindex: '-1', text: 'cycle.title' }), box);
    return root;
  }

  let units = [];
  try {
    units = await loadAll('/units');
  } catch (e) {
    if (handledByShell(apiError(e))) throw e;
  }
  const unitName = (uid) => (uid == null ? null : (units.find((u) => u.id === uid)?.name ?? `#${uid}`));
  const status = cycle.status;
  const computed = status === 'computed' || status === 'confirmed';
  const frozen = status === 'confirmed';
  // Whether this account may enter values now (the server decides in the end).
  const canEnter = isAssessor ? !frozen : status === 'open';
  // After a change of status the page is drawn again, with a note on top.
  const reload = (flash) => navigate(location.pathname, { replace: true, flash: { key: flash, kind: 'ok' } });
  root.dataset.status = status ?? '';

  // --- the head: name, kind, code, status and its steps ----------------------------

  const at = STATUSES.indexOf(status);
  const steps = el('ol', { id: 'cycle-steps', class: 'steps', i18nAttrs: { 'aria-label': 'cycle.steps' } },
    STATUSES.map((s, i) => {
      const state = i < at ? 'done' : (i === at ? 'current' : 'todo');
      return el('li', { class: `step step-${state}`, 'data-step': s, 'data-state': state, 'aria-current': i === at ? 'step' : null },
        el('span', { class: 'step-mark', 'aria-hidden': 'true', raw: String(i + 1) }),
        el('span', { class: 'step-name', text: `cycles.status.${s}` }),
        el('span', { class: 'step-hint', text: `cycle.step_hint.${s}` }));
    }));
  const fact = (key, node) => [el('dt', { text: key }), el('dd', {}, node)];
  const facts = el('dl', { class: 'facts cycle-facts' },
    fact('cycles.col.code', el('code', { id: 'cycle-code', raw: cycle.code ?? '' })),
    fact('cycles.col.kind', named(kindKey(cycle.kind), cycle.kind, { id: 'cycle-kind' })),
    fact('cycles.col.status', statusTag(status, { id: 'cycle-status' })),
    fact('cycles.col.deadline', named(null, cycle.deadline, { id: 'cycle-deadline', class: 'date' })),
    cycle.computed_at ? fact('cycle.computed_at', el('time', { id: 'cycle-computed-at', datetime: cycle.computed_at, time: cycle.computed_at })) : null,
    cycle.confirmed_at ? fact('cycle.confirmed_at', el('time', { id: 'cycle-confirmed-at', datetime: cycle.confirmed_at, time: cycle.confirmed_at })) : null);
  const resultsLink = computed
    ? el('p', { class: 'cycle-results' }, el('a', { href: `${base}/results`, id: 'cycle-results-link', class: 'btn btn-primary', text: 'cycle.results_link' }))
    : null;

  // --- the assessor's steps: open, compute, confirm ------------------------------

  let actionsCard = null;
  if (isAssessor && !frozen) {
    const parts = [];
    // Open for reporting with a deadline (also: change it, or open again after computing).
    const deadline = el('input', { id: 'open-deadline', name: 'deadline', type: 'date', required: true, 'aria-describedby': 'open-deadline-hint' });
    if (cycle.deadline) deadline.value = cycle.deadline;
    const openSubmit = el('button', {
      type: 'submit', id: 'open-submit', class: 'btn btn-primary', text: status === 'draft' ? 'cycle.open' : (status === 'open' ? 'cycle.open_change' : 'cycle.open_again'),
    });
    const openActions = el('div', { class: 'actions' }, openSubmit);
    const openKit = formKit('open', { deadline }, { keyFor: cycleKeyFor });
    const openForm = el('form', { id: 'open-form', class: 'form cycle-step-form', novalidate: true },
      el('h3', { text: 'cycle.open_title' }),
      field('open-deadline', 'cycle.deadline', deadline, 'cycle.deadline_hint'),
      openKit.done, openActions);
    openForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      openKit.clear();
      if (!deadline.value) return openKit.local(deadline, 'cycle.need_deadline');
      openSubmit.disabled = true;
      try {
        await api.post(`${base}/open`, { deadline: deadline.value });
        reload('cycle.opened');
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) openKit.fail(err, openActions);
        openSubmit.disabled = false;
      }
    });
    parts.push(openForm);

    // Compute: the engine on the cycle's workbook.
    const computeSubmit = el('button', { type: 'submit', id: 'compute-submit', class: 'btn btn-primary', text: computed ? 'cycle.compute_again' : 'cycle.compute' });
    const computeActions = el('div', { class: 'actions' }, computeSubmit);
    const computeError = el('div', { id: 'compute-error', class: 'form-error', role: 'alert', hidden: true });
    const problems = problemsBox('compute');
    const computeForm = el('form', { id: 'compute-form', class: 'form cycle-step-form', novalidate: true },
      el('h3', { text: 'cycle.compute_title' }),
      el('p', { class: 'hint', text: status === 'open' ? 'cycle.compute_hint_open' : 'cycle.compute_hint' }),
      computeError, computeActions, problems.node);
    computeForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      computeError.hidden = true;
      problems.clear();
      computeSubmit.disabled = true;
      computeForm.setAttribute('aria-busy', 'true');
      try {
        await api.post(`${base}/compute`);
        reload('cycle.computed');
      } catch (e) {
        const err = apiError(e);
        computeSubmit.disabled = false;
        computeForm.removeAttribute('aria-busy');
        if (handledByShell(err)) return;
        showError(computeError, err, cycleKeyFor);
        if (err.code === 'workbook_refused') problems.show(err);
      }
    });
    parts.push(computeForm);

    // Confirm, after a second step: it freezes the cycle.
    if (status === 'computed') {
      const start = el('button', { type: 'button', id: 'confirm-start', class: 'btn', text: 'cycle.confirm' });
      const yes = el('button', { type: 'button', id: 'confirm-yes', class: 'btn btn-primary', text: 'cycle.confirm_yes' });
      const no = el('button', { type: 'button', id: 'confirm-no', class: 'btn', text: 'cycle.confirm_no' });
      const confirmError = el('div', { id: 'confirm-error', class: 'form-error', role: 'alert', hidden: true });
      const box = el('div', { id: 'confirm-box', class: 'notice notice-warn confirm-box', role: 'group', hidden: true, 'aria-labelledby': 'confirm-warning' },
        el('p', { id: 'confirm-warning', text: 'cycle.confirm_warning' }),
        el('div', { class: 'actions' }, yes, no));
      start.addEventListener('click', () => {
        box.hidden = false;
        start.hidden = true;
        no.focus();
      });
      no.addEventListener('click', () => {
        box.hidden = true;
        start.hidden = false;
        start.focus();
      });
      yes.addEventListener('click', async () => {
        yes.disabled = no.disabled = true;
        confirmError.hidden = true;
        try {
          await api.post(`${base}/confirm`);
          reload('cycle.confirmed');
        } catch (e) {
          const err = apiError(e);
          yes.disabled = no.disabled = false;
          if (!handledByShell(err)) showError(confirmError, err, cycleKeyFor);
        }
      });
      parts.push(el('div', { id: 'confirm-form', class: 'form cycle-step-form' },
        el('h3', { text: 'cycle.confirm_title' }),
        el('p', { class: 'hint', text: 'cycle.confirm_hint' }),
        confirmError,
        el('div', { class: 'actions' }, start),
        box));
    }
    actionsCard = el('section', { id: 'cycle-actions', class: 'card cycle-actions', 'aria-labelledby': 'cycle-actions-h' },
      el('h2', { id: 'cycle-actions-h', text: 'cycle.actions' }),
      el('div', { class: 'cycle-step-forms' }, parts));
  }

  // --- the subjects ------------------------------------------------------------------

  const subjectBody = el('tbody');
  const valuesSubject = el('select', { id: 'values-subject', name: 'subject' });
  let subjects = [];

  function drawSubjects(c) {
    subjects = Array.isArray(c.subjects) ? c.subjects : [];
    subjectBody.replaceChildren(...subjects.map((s) => {
      const show = el('button', { type: 'button', class: 'btn btn-small subject-values', text: 'cycle.show_values', 'data-subject': s.subject });
      show.addEventListener('click', () => {
        valuesSubject.value = s.subject;
        loadValues();
        valuesCard.scrollIntoView({ block: 'start' });
        valuesSubject.focus();
      });
      const pos = s.position == null ? named(null, null)
        : (computed ? el('a', { href: `${base}/results/${encodeURIComponent(s.subject)}`, class: 'why-link', raw: String(s.position) }) : el('span', { raw: String(s.position) }));
      return el('tr', {
        'data-subject': s.subject, 'data-unit-id': s.unit_id == null ? '' : String(s.unit_id),
        'data-values': String(s.values ?? 0), 'data-position': s.position == null ? '' : String(s.position),
      },
      el('td', { 'data-testid': 'subject-id' }, el('code', { raw: s.subject })),
      el('th', { scope: 'row', 'data-testid': 'subject-name', raw: s.name ?? '' }),
      el('td', { 'data-testid': 'subject-category' }, named(null, s.category)),
      el('td', { 'data-testid': 'subject-unit' }, named(null, unitName(s.unit_id))),
      el('td', { class: 'num', 'data-testid': 'subject-value-count', raw: String(s.values ?? 0) }),
      el('td', { class: 'num', 'data-testid': 'subject-position' }, pos),
      el('td', { class: 'row-actions' }, show));
    }));
    // The subject choices of the forms, keeping what was chosen.
    for (const sel of [valuesSubject, unitSubject]) {
      if (!sel) continue;
      const keep = sel.value;
      sel.replaceChildren(...subjects.map((s) => el('option', { value: s.subject, raw: `${s.name ?? s.subject} (${s.subject})` })));
      if (subjects.some((s) => s.subject === keep)) sel.value = keep;
    }
  }

  async function reloadCycle() {
    try {
      const c = await api.get(base);
      drawSubjects(c);
    } catch (e) {
      if (handledByShell(apiError(e))) throw e;
    }
  }

  // The assessor gives a subject the unit whose reporters enter its values.
  let unitSubject = null;
  let unitForm = null;
  if (isAssessor && !frozen) {
    unitSubject = el('select', { id: 'subject-unit-subject', name: 'subject' });
    const unit = el('select', { id: 'subject-unit-unit', name: 'unit_id' });
    unitOptions(unit, units, [el('option', { value: '0', text: 'cycle.unit_none' })]);
    const submit = el('button', { type: 'submit', id: 'subject-unit-submit', class: 'btn btn-primary', text: 'cycle.unit_submit' });
    const actions = el('div', { class: 'actions' }, submit);
    const kit = formKit('subject-unit', { subject: unitSubject, unit_id: unit }, { keyFor: cycleKeyFor });
    unitSubject.addEventListener('change', () => {
      const s = subjects.find((x) => x.subject === unitSubject.value);
      unit.value = s?.unit_id == null ? '0' : String(s.unit_id);
    });
    unitForm = el('form', { id: 'subject-unit-form', class: 'form subject-unit-form', novalidate: true },
      el('h3', { text: 'cycle.unit_title' }),
      el('p', { class: 'hint', text: 'cycle.unit_hint' }),
      el('div', { class: 'field-row' },
        field('subject-unit-subject', 'cycle.subject', unitSubject),
        field('subject-unit-unit', 'cycle.unit', unit)),
      kit.done, actions);
    unitForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      if (!unitSubject.value) return kit.local(unitSubject, 'cycle.need_subject');
      submit.disabled = true;
      try {
        const c = await api.put(`${base}/subjects/${encodeURIComponent(unitSubject.value)}/unit`, { unit_id: Number(unit.value) });
        drawSubjects(c);
        const s = subjects.find((x) => x.subject === unitSubject.value);
        kit.done.replaceChildren(el('span', {
          text: unit.value === '0' ? 'cycle.unit_cleared' : 'cycle.unit_set',
          args: { subject: s?.name ?? unitSubject.value, unit: unitName(Number(unit.value)) ?? '' },
        }));
        kit.done.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
  }

  // --- subjects from the records (assessor, a draft) ------------------------------------------
  // People of a unit (and below, of a staff type) or the unit itself, in a
  // category with one of the subjects' schemes: POST …/subjects.
  let moreForm = null;
  const cycleSubjects = Array.isArray(cycle.subjects) ? cycle.subjects : [];
  if (isAssessor && status === 'draft') {
    const kind = el('select', { id: 'more-kind', name: 'kind' },
      el('option', { value: 'people', text: 'cycle.more_people' }), el('option', { value: 'units', text: 'cycle.more_unit' }));
    const unit = el('select', { id: 'more-unit', name: 'unit' });
    unitOptions(unit, units);
    const below = el('input', { id: 'more-below', name: 'below', type: 'checkbox' });
    const staff = el('select', { id: 'more-staff-type', name: 'staff_type' },
      el('option', { value: '', text: 'cycle.more_any' }), STAFF_TYPES.map((v) => el('option', { value: v, text: `staff.${v}` })));
    const category = el('input', { id: 'more-category', name: 'category', required: true, list: 'more-categories' });
    const categories = el('datalist', { id: 'more-categories' },
      [...new Set(cycleSubjects.map((x) => x.category).filter(Boolean))].map((c) => el('option', { value: c })));
    const scheme = el('select', { id: 'more-scheme', name: 'scheme' },
      [...new Set(cycleSubjects.map((x) => x.scheme).filter(Boolean))].map((c) => el('option', { value: c, raw: c })));
    const kit = formKit('more', { category, scheme, people: unit, units: unit }, { keyFor: cycleKeyFor });
    const submit = el('button', { type: 'submit', id: 'more-submit', class: 'btn', text: 'cycle.more_submit' });
    const actions = el('div', { class: 'actions' }, submit);
    moreForm = el('form', { id: 'more-form', class: 'form', novalidate: true },
      el('h3', { text: 'cycle.more_title' }), el('p', { class: 'hint', text: 'cycle.more_hint' }),
      el('div', { class: 'field-row' },
        field('more-kind', 'cycle.more_kind', kind), field('more-unit', 'cycle.unit', unit),
        field('more-staff-type', 'cycle.more_staff_type', staff), field('more-category', 'cycle.more_category', category),
        field('more-scheme', 'cycle.more_scheme', scheme)),
      el('div', { class: 'field field-check' }, below, el('label', { for: 'more-below', text: 'cycle.more_below' })),
      categories, actions);
    moreForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      kit.clear();
      submit.disabled = true;
      try {
        let body;
        if (kind.value === 'units') body = { units: [Number(unit.value)] };
        else {
          const found = await loadAll('/people', { unit_id: unit.value, below: below.checked ? 'true' : undefined,
            staff_type: staff.value || undefined });
          body = { people: found.map((x) => x.id) };
        }
        await api.post(`${base}/subjects`, { ...body, category: category.value.trim(), scheme: scheme.value });
        navigate(`${base}`, { replace: true });
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) throw err;
        kit.fail(err, actions);
      } finally {
        submit.disabled = false;
      }
    });
  }

  const subjectsCard = el('section', { id: 'subjects-card', class: 'card', 'aria-labelledby': 'subjects-h' },
    el('h2', { id: 'subjects-h', text: 'cycle.subjects' }),
    el('p', { class: 'hint', text: isAssessor ? 'cycle.subjects_hint' : 'cycle.subjects_hint_reporter' }),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table subjects-table', id: 'subjects-table' },
        el('thead', {}, el('tr', {},
          ['subject', 'name', 'category', 'unit', 'values', 'position'].map((k) => el('th', {
            scope: 'col', class: k === 'values' || k === 'position' ? 'num' : null, text: `cycle.col.${k}`,
          })),
          el('th', { scope: 'col', text: 'cycle.col.actions' }))),
        subjectBody)),
    unitForm,
    moreForm);

  // --- the schemes: a link each to its editor (assessor) ----------------------------------

  // The schemes are the subjects' distinct `scheme` ids; a scheme's file is
  // schemes/<id>.json (docs/ui.md: the scheme editor).
  let schemesCard = null;
  if (isAssessor) {
    const schemes = new Map();
    for (const s of Array.isArray(cycle.subjects) ? cycle.subjects : []) {
      if (!s.scheme) continue;
      if (!schemes.has(s.scheme)) schemes.set(s.scheme, []);
      schemes.get(s.scheme).push(s.name || s.subject);
    }
    if (schemes.size) {
      schemesCard = el('section', { id: 'schemes-card', class: 'card', 'aria-labelledby': 'schemes-h' },
        el('h2', { id: 'schemes-h', text: 'cycle.schemes' }),
        el('p', { class: 'hint', text: 'cycle.schemes_hint' }),
        el('ul', { id: 'scheme-list', class: 'scheme-list' }, [...schemes].map(([scheme, names]) => el('li', { 'data-scheme': scheme },
          el('a', { href: `${base}/schemes/${encodeURIComponent(scheme)}`, class: 'scheme-link', 'data-scheme': scheme },
            el('code', { raw: scheme }), ' · ', el('span', { text: status === 'draft' ? 'cycle.scheme_edit' : 'cycle.scheme_view' })), ' ',
          el('span', { class: 'hint scheme-users', text: 'cycle.scheme_users', args: { n: names.length, names: names.join('、') } })))));
    }
  }

  // --- the definition: a link to its page (cycle.json as a form, the what-if) ----------------

  const definitionCard = el('section', { id: 'definition-card', class: 'card', 'aria-labelledby': 'definition-h' },
    el('h2', { id: 'definition-h', text: 'def.title' }),
    el('p', { class: 'hint', text: 'def.card_hint' }),
    el('p', {}, el('a', { href: `${base}/definition`, id: 'definition-link',
      text: !isAssessor || status === 'confirmed' ? 'def.link_view' : (status === 'draft' ? 'def.link_edit' : 'def.link_whatif') })));

  // --- a subject's values ---------------------------------------------------------------

  const valuesBody = el('tbody');
  const valuesEmpty = el('p', { id: 'values-empty', class: 'hint', text: 'cycle.values_empty', hidden: true });
  const valuesTable = el('div', { class: 'table-wrap' },
    el('table', { class: 'table values-table', id: 'values-table' },
      el('thead', {}, el('tr', {},
        ['indicator', 'actual', 'target', 'source', 'by', 'at'].map((k) => el('th', { scope: 'col', text: `cycle.col.value_${k}` })),
        canEnter ? el('th', { scope: 'col', text: 'cycle.col.actions' }) : null)),
      valuesBody));
  const indicatorList = el('datalist', { id: 'value-indicators' });
  const indicator = el('input', { id: 'value-indicator', name: 'indicator', type: 'text', maxlength: '128', autocomplete: 'off', spellcheck: 'false', list: 'value-indicators', required: true, 'aria-describedby': 'value-indicator-hint' });
  const actual = el('input', { id: 'value-actual', name: 'actual', type: 'text', inputmode: 'decimal', maxlength: '40', autocomplete: 'off', required: true, 'aria-describedby': 'value-actual-hint' });
  const target = el('input', { id: 'value-target', name: 'target', type: 'text', inputmode: 'decimal', maxlength: '40', autocomplete: 'off' });
  const source = el('input', { id: 'value-source', name: 'source', type: 'text', maxlength: '200', autocomplete: 'off', 'aria-describedby': 'value-source-hint' });
  const valueSubmit = el('button', { type: 'submit', id: 'value-submit', class: 'btn btn-primary', text: 'cycle.value_submit' });
  const valueActions = el('div', { class: 'actions' }, valueSubmit);
  const valueKit = formKit('value', { subject: valuesSubject, indicator, actual, target, source }, { keyFor: cycleKeyFor });
  let valuesSeq = 0;

  function drawValues(items) {
    indicatorList.replaceChildren(...items.map((v) => el('option', { value: v.indicator })));
    valuesEmpty.hidden = items.length > 0;
    valuesTable.hidden = items.length === 0;
    valuesBody.replaceChildren(...items.map((v) => {
      let acts = null;
      if (canEnter) {
        const edit = el('button', { type: 'button', class: 'btn btn-small value-edit', text: 'cycle.value_edit', 'data-indicator': v.indicator });
        const remove = el('button', { type: 'button', class: 'btn btn-small value-remove', text: 'cycle.value_remove', 'data-indicator': v.indicator });
        edit.addEventListener('click', () => {
          indicator.value = v.indicator;
          actual.value = v.actual ?? '';
          target.value = v.target ?? '';
          source.value = v.source ?? '';
          actual.focus();
        });
        remove.addEventListener('click', async () => {
          valueKit.clear();
          remove.disabled = true;
          try {
            await api.del(`${base}/values`, { query: { subject: v.subject, indicator: v.indicator } });
            // The list first, then the word that it is done: what the
            // message says is on the page when it shows.
            await loadValues();
            valueKit.done.replaceChildren(el('span', { text: 'cycle.value_removed', args: { indicator: v.indicator } }));
            valueKit.done.hidden = false;
            await reloadCycle();
          } catch (e) {
            const err = apiError(e);
            remove.disabled = false;
            if (!handledByShell(err)) valueKit.fail(err, valueActions);
          }
        });
        acts = el('td', { class: 'row-actions' }, edit, ' ', remove);
      }
      return el('tr', { 'data-indicator': v.indicator, 'data-actual': v.actual ?? '' },
        el('th', { scope: 'row', 'data-testid': 'value-indicator' }, el('code', { raw: v.indicator })),
        el('td', { class: 'num', 'data-testid': 'value-actual' }, named(null, v.actual)),
        el('td', { class: 'num', 'data-testid': 'value-target' }, named(null, v.target)),
        el('td', { 'data-testid': 'value-source' }, named(null, v.source)),
        el('td', { 'data-testid': 'value-by' }, named(null, v.entered_by)),
        el('td', { 'data-testid': 'value-at' }, v.entered_at ? el('time', { datetime: v.entered_at, time: v.entered_at }) : named(null, null)),
        acts);
    }));
  }

  const valuesBox = el('div', { id: 'values-list', class: 'values-list' }, valuesEmpty, valuesTable);
  async function loadValues({ keepDone = false } = {}) {
    const mine = ++valuesSeq;
    if (!keepDone) valueKit.clear();
    const subject = valuesSubject.value;
    if (!subject) return;
    valuesBox.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.get(`${base}/values`, { query: { subject } });
      if (mine !== valuesSeq) return;
      drawValues(Array.isArray(answer.items) ? answer.items : []);
      valuesBox.dataset.subject = subject;
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) return;
      valueKit.fail(err, valueActions);
    } finally {
      if (mine === valuesSeq) valuesBox.removeAttribute('aria-busy');
    }
  }
  valuesSubject.addEventListener('change', () => loadValues());

  let valueForm = null;
  if (canEnter) {
    valueForm = el('form', { id: 'value-form', class: 'form value-form', novalidate: true },
      el('h3', { text: 'cycle.value_title' }),
      indicatorList,
      el('div', { class: 'field-row' },
        field('value-indicator', 'cycle.col.value_indicator', indicator, 'cycle.value_indicator_hint'),
        field('value-actual', 'cycle.col.value_actual', actual, 'cycle.value_actual_hint'),
        field('value-target', 'cycle.value_target', target),
        field('value-source', 'cycle.col.value_source', source, 'cycle.value_source_hint')),
      valueKit.done, valueActions);
    valueForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      valueKit.clear();
      if (!valuesSubject.value) return valueKit.local(valuesSubject, 'cycle.need_subject');
      if (!indicator.value.trim()) return valueKit.local(indicator, 'cycle.need_indicator');
      if (!actual.value.trim()) return valueKit.local(actual, 'cycle.need_actual');
      // The number goes as written: the server says what it does not take.
      const body = { subject: valuesSubject.value, indicator: indicator.value.trim(), actual: actual.value.trim() };
      if (target.value.trim()) body.target = target.value.trim();
      if (source.value.trim()) body.source = source.value.trim();
      valueSubmit.disabled = true;
      try {
        const answer = await api.put(`${base}/values`, body);
        ++valuesSeq;
        drawValues(Array.isArray(answer.items) ? answer.items : []);
        valuesBox.dataset.subject = body.subject;
        valueKit.done.replaceChildren(el('span', { text: 'cycle.value_saved', args: { indicator: body.indicator, actual: body.actual } }));
        valueKit.done.hidden = false;
        for (const n of [indicator, actual, target]) n.value = '';
        await reloadCycle();
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) valueKit.fail(err, valueActions);
      } finally {
        valueSubmit.disabled = false;
      }
    });
  }
  // The values of one's subjects as a sheet: download, fill, upload
  // (all rows or none; transfer.js' sheetImport).
  let valuesSheet = null;
  if (canEnter) {
    const sheetError = el('div', { id: 'values-import-error', class: 'form-error', role: 'alert', hidden: true });
    const sheet = sheetImport({
      prefix: 'values-import', path: `/imports/cycles/${encodeURIComponent(id)}/values`,
      submitText: 'cycle.values_import', sheetText: 'cycle.values_sheet',
      upload: async (fn, button) => {
        sheetError.hidden = true;
        button.disabled = true;
        try {
          const res = await fn();
          await loadValues();
          valueKit.done.replaceChildren(el('span', { text: 'cycle.values_imported', args: { n: res.rows ?? 0 } }));
          valueKit.done.hidden = false;
          return null;
        } catch (e) {
          const err = apiError(e);
          if (handledByShell(err)) throw err;
          showError(sheetError, err, cycleKeyFor);
          sheetError.hidden = false;
          return err;
        } finally {
          button.disabled = false;
        }
      },
    });
    valuesSheet = el('div', { id: 'values-import' },
      el('h3', { text: 'cycle.values_import' }), el('p', { class: 'hint', text: 'cycle.values_import_hint' }),
      sheet.form, sheetError, sheet.problems);
  }
  let valuesNote = null;
  if (frozen) valuesNote = el('p', { id: 'values-frozen', class: 'notice', text: 'cycle.values_frozen' });
  else if (!isAssessor && status !== 'open') valuesNote = el('p', { id: 'values-closed', class: 'notice', text: 'cycle.values_closed' });
  else if (!isAssessor && cycle.deadline) valuesNote = el('p', { id: 'values-deadline', class: 'hint', text: 'cycle.values_deadline', args: { date: cycle.deadline } });

  const valuesCard = el('section', { id: 'values-card', class: 'card', 'aria-labelledby': 'values-h' },
    el('h2', { id: 'values-h', text: 'cycle.values' }),
    el('p', { class: 'hint', text: 'cycle.values_hint' }),
    field('values-subject', 'cycle.subject', valuesSubject),
    valuesNote,
    valuesBox,
    valueForm,
    valuesSheet);

  // --- the service commissioners' figures as values (assessor) -----------------------------
  // POST …/commissioner-values: each figure into the indicator typed for it,
  // for the subjects linked to a commissioner; the values then show above.
  let commissionersCard = null;
  if (isAssessor && !frozen && subjects.some((x) => x.person_id)) {
    const FIGURES = ['mean_days_to_start', 'mean_rating', 'started', 'projects', 'steps_overdue'];
    const inputs = Object.fromEntries(FIGURES.map((f) => [f, el('input', { id: `cv-${f}`, name: f, autocomplete: 'off', spellcheck: 'false' })]));
    const cvKit = formKit('cv', inputs, { keyFor: cycleKeyFor });
    const cvSubmit = el('button', { type: 'submit', class: 'btn', id: 'cv-submit', text: 'cycle.cv_submit' });
    const cvActions = el('div', { class: 'actions' }, cvSubmit);
    const cvForm = el('form', { id: 'cv-form', class: 'form form-inline', novalidate: true },
      FIGURES.map((f) => field(`cv-${f}`, `cycle.cv.${f}`, inputs[f])), cvActions);
    cvForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      cvKit.clear();
      const indicators = {};
      for (const f of FIGURES) if (inputs[f].value.trim()) indicators[f] = inputs[f].value.trim();
      cvSubmit.disabled = true;
      try {
        const answer = await api.post(`${base}/commissioner-values`, { indicators });
        const done = Array.isArray(answer.subjects) ? answer.subjects : [];
        await loadValues({ keepDone: true });
        cvKit.done.replaceChildren(el('span', { text: 'cycle.cv_done', args: { n: done.length } }));
        cvKit.done.hidden = false;
        cvActions.after(cvKit.done);
      } catch (e) {
        const err = apiError(e);
        if (!handledByShell(err)) cvKit.fail(err, cvActions);
      } finally {
        cvSubmit.disabled = false;
      }
    });
    commissionersCard = el('section', { id: 'cv-card', class: 'card', 'aria-labelledby': 'cv-h' },
      el('h2', { id: 'cv-h', text: 'cycle.cv' }),
      el('p', { class: 'hint', text: 'cycle.cv_hint' }),
      cvForm);
  }

  // --- ballots: codes and turnout (assessor) ----------------------------------------------

  let ballotsCard = null;
  if (isAssessor) {
    const turnoutBody = el('tbody');
    const turnoutEmpty = el('p', { id: 'turnout-empty', class: 'hint', text: 'cycle.turnout_empty', hidden: true });
    const turnoutWrap = el('div', { class: 'table-wrap' },
      el('table', { class: 'table turnout-table', id: 'turnout-table' },
        el('thead', {}, el('tr', {},
          ['component', 'group', 'issued', 'spent', 'percent'].map((k) => el('th', {
            scope: 'col', class: ['issued', 'spent', 'percent'].includes(k) ? 'num' : null, text: `cycle.col.turnout_${k}`,
          })))),
        turnoutBody));
    const turnoutError = el('div', { id: 'turnout-error', class: 'form-error', role: 'alert', hidden: true });
    const refresh = el('button', { type: 'button', id: 'turnout-refresh', class: 'btn btn-small', text: 'cycle.turnout_refresh' });
    const turnoutBox = el('div', { id: 'turnout', class: 'turnout' }, turnoutError, turnoutEmpty, turnoutWrap);
    const componentList = el('datalist', { id: 'tokens-components' });
    const groupList = el('datalist', { id: 'tokens-groups' });

    const percent = (spent, issued) => (issued > 0 ? `${(Math.round((1000 * spent) / issued) / 10).toFixed(1)}%` : '—');
    const gauge = (spent, issued) => {
      const SVG = 'http://www.w3.org/2000/svg';
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('viewBox', '0 0 100 6');
      svg.setAttribute('preserveAspectRatio', 'none');
      svg.setAttribute('class', 'gauge turnout-gauge');
      svg.setAttribute('aria-hidden', 'true');
      const track = document.createElementNS(SVG, 'rect');
      track.setAttribute('width', '100');
      track.setAttribute('height', '6');
      track.setAttribute('class', 'gauge-track');
      const fill = document.createElementNS(SVG, 'rect');
      fill.setAttribute('width', String(issued > 0 ? Math.min(100, (100 * spent) / issued) : 0));
      fill.setAttribute('height', '6');
      fill.setAttribute('class', 'gauge-filled');
      svg.append(track, fill);
      return svg;
    };

    async function loadTurnout() {
      turnoutError.hidden = true;
      turnoutBox.setAttribute('aria-busy', 'true');
      try {
        const answer = await api.get(`${base}/turnout`);
        const items = Array.isArray(answer.items) ? answer.items : [];
        turnoutBody.replaceChildren(...items.map((x) => {
          const issued = Number(x.issued) || 0;
          const spent = Number(x.spent) || 0;
          return el('tr', { 'data-component': x.component, 'data-group': x.group, 'data-issued': String(issued), 'data-spent': String(spent) },
            el('th', { scope: 'row', 'data-testid': 'turnout-component' }, el('code', { raw: x.component })),
            el('td', { 'data-testid': 'turnout-group' }, el('code', { raw: x.group })),
            el('td', { class: 'num', 'data-testid': 'turnout-issued', raw: String(issued) }),
            el('td', { class: 'num', 'data-testid': 'turnout-spent', raw: String(spent) }),
            el('td', { class: 'num turnout-percent', 'data-testid': 'turnout-percent' },
              el('span', { raw: percent(spent, issued) }), gauge(spent, issued)));
        }));
        turnoutEmpty.hidden = items.length > 0;
        turnoutWrap.hidden = items.length === 0;
        const uniq = (xs) => [...new Set(xs)];
        componentList.replaceChildren(...uniq(items.map((x) => x.component)).map((v) => el('option', { value: v })));
        groupList.replaceChildren(...uniq(items.map((x) => x.group)).map((v) => el('option', { value: v })));
        turnoutBox.dataset.loaded = String(Date.now());
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) return;
        showError(turnoutError, err, cycleKeyFor);
      } finally {
        turnoutBox.removeAttribute('aria-busy');
      }
    }
    refresh.addEventListener('click', () => loadTurnout());

    let tokensForm = null;
    if (!frozen) {
      const component = el('input', { id: 'tokens-component', name: 'component', type: 'text', maxlength: '128', autocomplete: 'off', spellcheck: 'false', list: 'tokens-components', required: true, 'aria-describedby': 'tokens-component-hint' });
      const group = el('input', { id: 'tokens-group', name: 'group', type: 'text', maxlength: '128', autocomplete: 'off', spellcheck: 'false', list: 'tokens-groups', required: true });
      const count = el('input', { id: 'tokens-count', name: 'count', type: 'number', min: '1', max: '10000', step: '1', inputmode: 'numeric', required: true });
      count.value = '10';
      const submit = el('button', { type: 'submit', id: 'tokens-submit', class: 'btn btn-primary', text: 'cycle.tokens_submit' });
      const actions = el('div', { class: 'actions' }, submit);
      const kit = formKit('tokens', { component, group, count }, { keyFor: cycleKeyFor });
      tokensForm = el('form', { id: 'tokens-form', class: 'form tokens-form', novalidate: true },
        el('h3', { text: 'cycle.tokens_title' }),
        el('p', { class: 'hint', text: 'cycle.tokens_hint' }),
        componentList, groupList,
        el('div', { class: 'field-row' },
          field('tokens-component', 'cycle.tokens_component', component, 'cycle.tokens_component_hint'),
          field('tokens-group', 'cycle.tokens_group', group),
          field('tokens-count', 'cycle.tokens_count', count)),
        kit.done, actions);
      tokensForm.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        kit.clear();
        if (!component.value.trim()) return kit.local(component, 'cycle.need_component');
        if (!group.value.trim()) return kit.local(group, 'cycle.need_group');
        if (!/^\d{1,5}$/.test(count.value.trim()) || Number(count.value) < 1) return kit.local(count, 'cycle.need_count');
        submit.disabled = true;
        try {
          const answer = await api.post(`${base}/tokens`, { component: component.value.trim(), group: group.value.trim(), count: Number(count.value) });
          const tokens = Array.isArray(answer.tokens) ? answer.tokens : [];
          const sheet = {
            cycleId: id, cycleName: cycle.name, component: { id: answer.component ?? component.value.trim(), name: null },
            group: answer.group ?? group.value.trim(), tokens,
          };
          // The component's name, from the form a code opens (only while voting is open).
          if (tokens.length) {
            try {
              const form = await api.post('/ballot/form', { token: tokens[0] });
              sheet.component.name = form?.component?.name ?? null;
            } catch {
              /* not open yet: the sheet shows the component's id */
            }
          }
          const n = keepSheet(sheet);
          kit.done.replaceChildren(
            el('span', { text: 'cycle.tokens_done', args: { n: tokens.length, component: sheet.component.id, group: sheet.group } }), ' ',
            el('a', { href: `${base}/tokens/${n}`, id: 'tokens-print', class: 'btn btn-small', text: 'cycle.tokens_print' }));
          kit.done.dataset.count = String(tokens.length);
          kit.done.hidden = false;
          await loadTurnout();
        } catch (e) {
          const err = apiError(e);
          if (!handledByShell(err)) kit.fail(err, actions);
        } finally {
          submit.disabled = false;
        }
      });
    }

    ballotsCard = el('section', { id: 'ballots-card', class: 'card', 'aria-labelledby': 'ballots-h' },
      el('h2', { id: 'ballots-h', text: 'cycle.ballots' }),
      el('p', { class: 'hint', text: 'cycle.ballots_hint' }),
      el('div', { class: 'turnout-head' },
        el('h3', { text: 'cycle.turnout' }), refresh),
      turnoutBox,
      tokensForm);
    await loadTurnout();
  }

  drawSubjects(cycle);
  unitSubject?.dispatchEvent(new Event('change'));
  const wanted = query.get('subject');
  if (wanted && subjects.some((s) => s.subject === wanted)) valuesSubject.value = wanted;
  if (subjects.length) await loadValues();
  else valuesCard.hidden = true;

  root.append(...[
    back,
    el('h1', { id: 'cycle-name', tabindex: '-1', raw: cycle.name ?? cycle.code ?? '' }),
    steps,
    el('section', { class: 'card cycle-head', 'aria-labelledby': 'cycle-name' }, facts, resultsLink),
    frozen ? el('p', { id: 'cycle-frozen', class: 'notice notice-warn', text: 'cycle.frozen' }) : null,
    actionsCard,
    subjectsCard,
    definitionCard,
    schemesCard,
    valuesCard,
    commissionersCard,
    ballotsCard].filter(Boolean));
  applyTexts(root);
  return root;
}
