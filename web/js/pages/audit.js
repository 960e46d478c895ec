// The audit log (auditor only): GET /api/v1/audit, newest first, 50 a
// page, and a button that checks the hash chain (GET /api/v1/audit/verify).

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';

export const title = 'audit.title';

const LIMIT = 50;

function json(v) {
  return v === null || v === undefined ? '' : JSON.stringify(v, null, 2);
}

export function render() {
  const tbody = el('tbody');
  const summary = el('p', { id: 'audit-summary', class: 'hint', 'aria-live': 'polite' });
  const error = el('div', { id: 'audit-error', class: 'form-error', role: 'alert', hidden: true });
  const verifyOut = el('p', { id: 'audit-verify-result', role: 'status' });
  const prev = el('button', { type: 'button', class: 'btn', id: 'audit-prev', text: 'audit.prev' });
  const next = el('button', { type: 'button', class: 'btn', id: 'audit-next', text: 'audit.next' });
  const verify = el('button', { type: 'button', class: 'btn', id: 'audit-verify', text: 'audit.verify' });
  let offset = 0;

  async function load() {
    error.hidden = true;
    prev.disabled = next.disabled = true;
    let page;
    try {
      page = await api.get('/audit', { query: { offset, limit: LIMIT } });
    } catch (e) {
      if (e.status !== 401) showError(error, e);
      return;
    }
    const items = Array.isArray(page.items) ? page.items : [];
    tbody.replaceChildren(...items.map((it) => {
      const change = it.before != null || it.after != null
        ? el('details', {},
          el('summary', { raw: it.object ?? '' }),
          el('pre', { raw: [json(it.before), json(it.after)].filter(Boolean).join('\n→\n') }))
        : (it.object ?? '');
      return el('tr', {},
        el('td', { class: 'num', raw: String(it.seq ?? '') }),
        el('td', {}, it.at ? el('time', { datetime: it.at, time: it.at }) : ''),
        el('td', { raw: it.account ?? '' }),
        el('td', {}, el('code', { raw: it.action ?? '' })),
        el('td', {}, change),
        el('td', { raw: it.client ?? '' }));
    }));
    const total = Number(page.total ?? items.length);
    if (items.length === 0) {
      summary.dataset.i18n = 'audit.empty';
      delete summary.dataset.i18nArgs;
    } else {
      summary.dataset.i18n = 'audit.total';
      summary.dataset.i18nArgs = JSON.stringify({ total, from: offset + 1, to: offset + items.length });
    }
    applyTexts(summary);
    prev.disabled = offset === 0;
    next.disabled = offset + items.length >= total;
  }
  prev.addEventListener('click', () => { offset = Math.max(0, offset - LIMIT); load(); });
  next.addEventListener('click', () => { offset += LIMIT; load(); });
  verify.addEventListener('click', async () => {
    verify.disabled = true;
    try {
      const v = await api.get('/audit/verify');
      const p = v.ok
        ? el('p', { id: 'audit-verify-result', role: 'status', class: 'notice notice-ok', text: 'audit.verify_ok', args: { records: v.records } })
        : el('p', { id: 'audit-verify-result', role: 'status', class: 'notice notice-error', text: 'audit.verify_broken', args: { at: v.broken_at, reason: v.reason ?? '' } });
      document.getElementById('audit-verify-result')?.replaceWith(p);
    } catch (e) {
      if (e.status !== 401) showError(error, e);
    } finally {
      verify.disabled = false;
    }
  });

  const root = el('section', { class: 'page page-audit', 'data-page': 'audit' },
    el('h1', { text: 'audit.title', tabindex: '-1' }),
    el('div', { class: 'toolbar' }, verify),
    verifyOut,
    error,
    summary,
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table', id: 'audit-table' },
        el('thead', {}, el('tr', {},
          ['audit.seq', 'audit.at', 'audit.account', 'audit.action', 'audit.object', 'audit.client']
            .map((k) => el('th', { scope: 'col', text: k })))),
        tbody)),
    el('div', { class: 'pager' }, prev, next));
  load();
  return root;
}
