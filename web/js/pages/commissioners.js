// The service commissioners page (/frontline/commissioners; assessor):
// GET /api/v1/commissioners: per commissioner (服务专员代办制, S5) the
// projects followed, how many have started construction, the mean days
// from signing to start, and the approval steps overdue today — the
// figures a cycle can take as the commissioner's indicator values.

import * as api from '../api.js';
import { el, showError } from '../i18n.js';
import { apiError, handledByShell, named } from '../staffing.js';
import { frontlineTabs } from '../deploy.js';

export const title = 'fl.commissioners_title';

// Mean days with one decimal, or a dash before any start.
const mean = (v) => (v === null || v === undefined ? null : (Math.round(Number(v) * 10) / 10).toString());

export async function render() {
  const root = el('section', { class: 'page page-commissioners', 'data-page': 'commissioners' },
    el('h1', { text: 'fl.commissioners_title', tabindex: '-1' }),
    frontlineTabs('/frontline/commissioners', true),
    el('p', { class: 'hint', text: 'fl.commissioners_intro' }));
  let page;
  try {
    page = await api.get('/commissioners');
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    const box = el('div', { id: 'commissioners-error', class: 'form-error', role: 'alert' });
    showError(box, err);
    root.append(box);
    return root;
  }
  const items = (Array.isArray(page.items) ? page.items : []).sort((a, b) => String(a.name).localeCompare(String(b.name), 'zh-CN'));
  root.append(items.length
    ? el('div', { class: 'table-wrap' },
      el('table', { class: 'table commissioners-table', id: 'commissioners-table' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'fl.ccol.name' }),
          ['projects', 'started', 'mean', 'overdue'].map((k) => el('th', { scope: 'col', class: 'num', text: `fl.ccol.${k}` })),
          el('th', { scope: 'col', class: 'num', text: 'fl.mean_rating' }))),
        el('tbody', {}, items.map((c) => el('tr', { 'data-person-id': String(c.person_id), 'data-name': c.name ?? '' },
          el('th', { scope: 'row' }, el('a', { href: `/people/${encodeURIComponent(c.person_id)}`, raw: c.name ?? '' })),
          el('td', { class: 'num', 'data-testid': 'c-projects', raw: String(c.projects ?? 0) }),
          el('td', { class: 'num', 'data-testid': 'c-started', raw: String(c.started ?? 0) }),
          el('td', { class: 'num', 'data-testid': 'c-mean' }, named(null, mean(c.mean_days_to_start))),
          el('td', { class: `num${c.steps_overdue ? ' overdue' : ''}`, 'data-testid': 'c-overdue', raw: String(c.steps_overdue ?? 0) }),
          el('td', { class: 'num', 'data-testid': 'c-rating' }, named(null, mean(c.mean_rating))))))))
    : el('p', { id: 'commissioners-empty', class: 'hint', text: 'fl.commissioners_empty' }));
  return root;
}
