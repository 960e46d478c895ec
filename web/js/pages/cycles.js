// The assessment cycles (/cycles; assessor, reporter): GET /api/v1/cycles,
// newest first, as a table of code (a link to the cycle's page), name,
// kind, status and reporting deadline. A reporter sees the cycles with a
// subject of its unit or below (the API scopes it). Cycles are made from a
// workbook folder: on the command line (`kaohe cycle import`), or here by
// the assessor, who uploads the folder as a ZIP (POST /cycles) or copies
// a cycle as next year's draft (POST /cycles/{id}/copy; docs/cycles.md).

import * as api from '../api.js';
import { el, showError } from '../i18n.js';
import { loadAll, named, field, formKit, apiError, handledByShell } from '../staffing.js';
import { navigate } from '../app.js';
import { problemsBox } from '../assess.js';
import { kindKey, statusTag } from '../assess.js';

export const title = 'cycles.title';

export async function render({ session }) {
  const isAssessor = (session?.account?.roles ?? []).includes('assessor');
  const root = el('section', { class: 'page page-cycles', 'data-page': 'cycles' },
    el('h1', { text: 'cycles.title', tabindex: '-1' }),
    el('p', { class: 'hint', text: isAssessor ? 'cycles.intro_assessor' : 'cycles.intro_reporter' }));

  let cycles;
  try {
    cycles = await loadAll('/cycles');
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    const box = el('div', { id: 'cycles-error', class: 'form-error', role: 'alert' });
    showError(box, err);
    root.append(box);
    return root;
  }

  const newCard = isAssessor ? newCycleCard(cycles) : null;
  if (cycles.length === 0) {
    root.append(el('p', { id: 'cycles-empty', class: 'notice', text: isAssessor ? 'cycles.empty_assessor' : 'cycles.empty_reporter' }), newCard);
    return root;
  }
  const rows = cycles.map((c) => el('tr', {
    'data-cycle-id': String(c.id), 'data-cycle-code': c.code ?? '', 'data-status': c.status ?? '',
  },
  el('td', { 'data-testid': 'cycle-code' }, el('a', { href: `/cycles/${encodeURIComponent(c.id)}`, raw: c.code || `#${c.id}` })),
  el('th', { scope: 'row', 'data-testid': 'cycle-name', raw: c.name ?? '' }),
  el('td', { 'data-testid': 'cycle-kind' }, named(kindKey(c.kind), c.kind)),
  el('td', { 'data-testid': 'cycle-status' }, statusTag(c.status)),
  el('td', { 'data-testid': 'cycle-deadline', class: 'date' }, named(null, c.deadline))));
  root.append(
    el('p', { id: 'cycles-summary', class: 'hint', text: 'cycles.total', args: { n: cycles.length } }),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table cycles-table', id: 'cycles-table' },
        el('thead', {}, el('tr', {},
          ['code', 'name', 'kind', 'status', 'deadline'].map((k) => el('th', { scope: 'col', text: `cycles.col.${k}` })))),
        el('tbody', {}, rows))),
    newCard);
  return root;
}

// A new cycle: a copy of one (next year's, with its schemes, subjects and
// reporting units) or a workbook folder uploaded as a ZIP. A refused
// workbook lists its problems (assess.js' problemsBox).
function newCycleCard(cycles) {
  const from = el('select', { id: 'copy-from', name: 'copy-from' },
    cycles.map((c) => el('option', { value: String(c.id), raw: `${c.name ?? c.code} (${c.code})` })));
  const code = el('input', { id: 'copy-code', name: 'code', required: true, spellcheck: 'false', autocomplete: 'off' });
  const name = el('input', { id: 'copy-name', name: 'name', required: true });
  const kit = formKit('copy', { code, name });
  const submit = el('button', { type: 'submit', class: 'btn btn-primary', id: 'copy-submit', text: 'cycles.copy_submit' });
  const actions = el('div', { class: 'actions' }, submit);
  const copyForm = el('form', { id: 'copy-form', class: 'form form-inline', novalidate: true },
    field('copy-from', 'cycles.copy_from', from), field('copy-code', 'cycles.copy_code', code),
    field('copy-name', 'cycles.copy_name', name), actions);
  copyForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    kit.clear();
    submit.disabled = true;
    try {
      const made = await api.post(`/cycles/${encodeURIComponent(from.value)}/copy`, { code: code.value.trim(), name: name.value.trim() });
      navigate(`/cycles/${made.id}`);
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      kit.fail(err, actions);
    } finally {
      submit.disabled = false;
    }
  });
  if (cycles.length === 0) copyForm.hidden = true;

  const file = el('input', { id: 'zip-file', name: 'zip-file', type: 'file', accept: '.zip,application/zip' });
  const zipSubmit = el('button', { type: 'submit', class: 'btn', id: 'zip-submit', text: 'cycles.zip_submit' });
  const zipError = el('div', { id: 'zip-error', class: 'form-error', role: 'alert', hidden: true });
  const zipProblems = problemsBox('zip');
  const zipForm = el('form', { id: 'zip-form', class: 'form form-inline', novalidate: true },
    field('zip-file', 'cycles.zip_file', file), el('div', { class: 'actions' }, zipSubmit));
  zipForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    zipError.hidden = true;
    zipProblems.clear();
    const chosen = file.files?.[0];
    if (!chosen) {
      file.setAttribute('aria-invalid', 'true');
      file.focus();
      return;
    }
    file.removeAttribute('aria-invalid');
    zipSubmit.disabled = true;
    try {
      const made = await api.upload('/cycles', chosen, { contentType: 'application/zip' });
      navigate(`/cycles/${made.id}`);
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(zipError, err);
      zipError.hidden = false;
      if (err.code === 'workbook_refused') zipProblems.show(err);
    } finally {
      zipSubmit.disabled = false;
    }
  });
  return el('section', { id: 'new-cycle', class: 'card', 'aria-labelledby': 'new-cycle-h' },
    el('h2', { id: 'new-cycle-h', text: 'cycles.new' }),
    el('h3', { text: 'cycles.copy' }), el('p', { class: 'hint', text: 'cycles.copy_hint' }), copyForm,
    el('h3', { text: 'cycles.zip' }), el('p', { class: 'hint', text: 'cycles.zip_hint' }), zipForm, zipError, zipProblems.node);
}
