// transfer: spreadsheets in and out (docs/api.md, "Imports and exports").
// Exports are plain links (the session cookie goes with them; the server
// names the file in Content-Disposition), so exportLinks() only keeps their
// addresses in step with a page's filters. importCard() is the assessor's
// import: choose the kind, download its template, upload a file (its bytes
// as the raw body of POST /imports/{kind}?name=…) and see either how many
// rows were imported or, when the server refuses the file (400
// import_refused: all rows or none), every problem by row and column.

import * as api from './api.js';
import { el, applyTexts, showError } from './i18n.js';
import { choices, field, apiError, handledByShell } from './staffing.js';

export const FORMATS = ['xlsx', 'csv'];
export const IMPORT_KINDS = ['people', 'employments', 'pay', 'assignments', 'projects'];

const ACCEPT = '.xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv';

// The address of a download under /api/v1 with query (empty values
// dropped) and format.
export function fileHref(path, query = {}, format = 'xlsx') {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  q.set('format', format);
  return `/api/v1${path}?${q}`;
}

// "导出：Excel CSV": links #PREFIX-xlsx and #PREFIX-csv to
// GET /api/v1/exports/{what}; set(query) changes the filters they carry.
export function exportLinks(prefix, what, query = {}) {
  const links = FORMATS.map((f) => el('a', {
    id: `${prefix}-${f}`, class: 'btn btn-small export-link', download: true, 'data-format': f,
    text: `export.${f}`, i18nAttrs: { title: `export.${f}_title` },
  }));
  const set = (q) => {
    for (const a of links) a.href = fileHref(`/exports/${what}`, q, a.dataset.format);
  };
  set(query);
  const node = el('div', { id: prefix, class: 'export-links', role: 'group', i18nAttrs: { 'aria-label': 'export.label' } },
    el('span', { class: 'export-label', text: 'export.label' }), ...links);
  return { node, set };
}

// The import card (assessor). onImported(answer) runs after a file was
// imported (to show the new rows).
export function importCard({ onImported } = {}) {
  const kind = choices('import-kind', IMPORT_KINDS, (k) => `import.kind.${k}`, [], { 'aria-describedby': 'import-kind-hint' });
  const kindHint = el('p', { id: 'import-kind-hint', class: 'hint field-hint' });
  const templates = FORMATS.map((f) => el('a', {
    id: `import-template-${f}`, class: 'btn btn-small', download: true, 'data-format': f, text: `import.template_${f}`,
  }));
  const file = el('input', { id: 'import-file', name: 'file', type: 'file', accept: ACCEPT, 'aria-describedby': 'import-file-hint' });
  const submit = el('button', { type: 'submit', id: 'import-submit', class: 'btn btn-primary', text: 'import.submit' });
  const actions = el('div', { class: 'actions' }, submit);
  const errorBox = el('div', { id: 'import-error', class: 'form-error', role: 'alert', hidden: true });
  const done = el('p', { id: 'import-done', class: 'notice notice-ok', role: 'status', hidden: true });
  const problemBody = el('tbody');
  const more = el('p', { id: 'import-more', class: 'hint', hidden: true });
  const problems = el('section', { id: 'import-problems', class: 'import-problems', hidden: true, 'aria-labelledby': 'import-problems-heading' },
    el('h3', { id: 'import-problems-heading', text: 'import.problems' }),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table import-problem-table', id: 'import-problem-table' },
        el('thead', {}, el('tr', {}, ['field', 'code', 'message'].map((k) => el('th', { scope: 'col', text: `import.col.${k}` })))),
        problemBody)),
    more,
    el('p', { id: 'import-nothing', class: 'notice notice-warn', text: 'import.nothing' }));

  const showKind = () => {
    kindHint.dataset.i18n = `import.hint.${kind.value}`;
    applyTexts(kindHint);
    for (const a of templates) a.href = fileHref(`/imports/${kind.value}/template`, {}, a.dataset.format);
  };
  kind.addEventListener('change', showKind);
  showKind();

  const clear = () => {
    errorBox.hidden = true;
    errorBox.replaceChildren();
    delete errorBox.dataset.code;
    done.hidden = true;
    problems.hidden = true;
    problemBody.replaceChildren();
    more.hidden = true;
    file.removeAttribute('aria-invalid');
  };

  const refused = (err) => {
    const list = err.details.filter((d) => d && typeof d === 'object');
    problemBody.replaceChildren(...list.map((d) => el('tr', { 'data-code': String(d.code ?? '') },
      el('td', { 'data-testid': 'problem-field', raw: String(d.field ?? '') }),
      el('td', { 'data-testid': 'problem-code' }, el('code', { raw: String(d.code ?? '') })),
      el('td', { 'data-testid': 'problem-message', raw: String(d.message ?? '') }))));
    const extra = Number(err.extra?.more) || 0;
    more.hidden = extra <= 0;
    if (extra > 0) {
      more.dataset.i18n = 'import.more';
      more.dataset.i18nArgs = JSON.stringify({ n: extra });
      applyTexts(more);
    }
    problems.dataset.count = String(list.length + extra);
    problems.hidden = false;
  };

  const form = el('form', { id: 'import-form', class: 'form', novalidate: true },
    el('p', { class: 'hint', text: 'import.intro' }),
    field('import-kind', 'import.kind', kind),
    kindHint,
    el('div', { class: 'field' },
      el('span', { class: 'field-label', text: 'import.templates' }),
      el('div', { class: 'template-links' }, templates)),
    el('div', { class: 'field', 'data-field': 'import-file' },
      el('label', { for: 'import-file', text: 'import.file' }), file,
      el('p', { id: 'import-file-hint', class: 'hint field-hint', text: 'import.file_hint' })),
    errorBox, done, actions);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clear();
    const chosen = file.files?.[0];
    if (!chosen) {
      errorBox.replaceChildren(el('strong', { text: 'import.need_file' }));
      errorBox.hidden = false;
      file.setAttribute('aria-invalid', 'true');
      file.focus();
      return;
    }
    const k = kind.value;
    submit.disabled = true;
    card.setAttribute('aria-busy', 'true');
    try {
      const answer = await api.upload(`/imports/${encodeURIComponent(k)}`, chosen, { query: { name: chosen.name } });
      done.replaceChildren(el('span', {
        text: 'import.done', args: { n: answer.imported ?? 0, file: chosen.name },
      }));
      done.dataset.imported = String(answer.imported ?? 0);
      done.dataset.kind = k;
      done.hidden = false;
      file.value = '';
      await onImported?.(answer);
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) return;
      showError(errorBox, err);
      if (err.code === 'import_refused') refused(err);
    } finally {
      submit.disabled = false;
      card.removeAttribute('aria-busy');
    }
  });

  const card = el('details', { id: 'import-card', class: 'card import-card' },
    el('summary', { id: 'import-toggle' }, el('h2', { text: 'import.title' })),
    form, problems);
  return card;
}

// A small import of one sheet into what a page shows (a campaign's scores
// or applications, a plan's entries): the links to its template, the
// file and a button; a refusal (import_refused) lists every problem in
// the table under the form. Ids start with prefix (PREFIX-form,
// PREFIX-file, PREFIX-submit, PREFIX-problems, PREFIX-template-xlsx).
// path is under /api/v1 (the template at path/template); query() adds to
// both; extra are fields before the links (call links() when they
// change). upload(fn, button) runs fn and answers the error, if any.
export function sheetImport({ prefix, path, query = () => ({}), upload, submitText, sheetText = 'import.templates', extra = [] }) {
  const sheets = FORMATS.map((f) => el('a', {
    id: `${prefix}-template-${f}`, class: 'btn btn-small', download: true, 'data-format': f, text: `import.template_${f}`,
  }));
  const links = () => {
    for (const a of sheets) a.href = fileHref(`${path}/template`, query(), a.dataset.format);
  };
  links();
  const file = el('input', { id: `${prefix}-file`, name: `${prefix}-file`, type: 'file', accept: '.xlsx,.csv' });
  const body = el('tbody');
  const problems = el('div', { class: 'table-wrap', id: `${prefix}-problems`, hidden: true },
    el('table', { class: 'table' },
      el('thead', {}, el('tr', {}, ['field', 'code', 'message'].map((k) => el('th', { scope: 'col', text: `import.col.${k}` })))),
      body));
  const submit = el('button', { type: 'submit', class: 'btn btn-primary', id: `${prefix}-submit`, text: submitText });
  const form = el('form', { id: `${prefix}-form`, class: 'form form-inline', novalidate: true }, ...extra,
    el('div', { class: 'field' }, el('span', { class: 'field-label', text: sheetText }),
      el('div', { class: 'template-links' }, sheets)),
    field(`${prefix}-file`, 'import.file', file), submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    problems.hidden = true;
    const chosen = file.files?.[0];
    if (!chosen) {
      file.setAttribute('aria-invalid', 'true');
      file.focus();
      return;
    }
    file.removeAttribute('aria-invalid');
    const refused = await upload(() => api.upload(path, chosen, { query: { ...query(), name: chosen.name } }), submit);
    const list = refused?.code === 'import_refused' ? (refused.details ?? []).filter((d) => d && typeof d === 'object') : [];
    body.replaceChildren(...list.map((d) => el('tr', { 'data-code': String(d.code ?? '') },
      el('td', { raw: String(d.field ?? '') }), el('td', {}, el('code', { raw: String(d.code ?? '') })),
      el('td', { raw: String(d.message ?? '') }))));
    problems.hidden = list.length === 0;
  });
  return { form, problems, links };
}
