// The assessment cycles (/cycles; assessor, reporter): GET /api/v1/cycles,
// newest first, as a table of code (a link to the cycle's page), name,
// kind, status and reporting deadline. A reporter sees the cycles with a
// subject of its unit or below (the API scopes it). Cycles are made from a
// workbook folder with `kaohe cycle import` (docs/cycles.md).

import { el, showError } from '../i18n.js';
import { loadAll, named, apiError, handledByShell } from '../staffing.js';
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

  if (cycles.length === 0) {
    root.append(el('p', { id: 'cycles-empty', class: 'notice', text: isAssessor ? 'cycles.empty_assessor' : 'cycles.empty_reporter' }));
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
        el('tbody', {}, rows))));
  return root;
}
