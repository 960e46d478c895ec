// assess: what the pages of assessment cycles share (docs/cycles.md,
// docs/api.md "Cycles" and "Ballots"): statuses and kinds with their text
// keys, the headlines of the cycle's error codes, the table of problems of
// a refused workbook, the cycle's heading, and ballot codes.

import { el, applyTexts } from './i18n.js';

export const STATUSES = ['draft', 'open', 'computed', 'confirmed'];
export const KINDS = ['annual', 'routine', 'special', 'term'];

export const statusKey = (s) => (STATUSES.includes(s) ? `cycles.status.${s}` : null);
export const kindKey = (k) => (KINDS.includes(k) ? `cycles.kind.${k}` : null);

// Codes whose headline on the cycle pages says more than the general one
// (outside_scope speaks of people elsewhere; invalid_date of approvals).
const CYCLE_CODES = ['outside_scope', 'invalid_date', 'unknown_subject', 'cycle_not_open', 'not_found'];
export const cycleKeyFor = (code) => (CYCLE_CODES.includes(code) ? `cycle.error.${code}` : `error.${code}`);

// The table of problems of a refused workbook (400 workbook_refused, like an
// import's import_refused): where, the code, the server's message. prefix
// names its ids (#PREFIX-problems, #PREFIX-problem-table, #PREFIX-more).
export function problemsBox(prefix) {
  const body = el('tbody');
  const more = el('p', { id: `${prefix}-more`, class: 'hint', hidden: true });
  const node = el('section', { id: `${prefix}-problems`, class: 'import-problems', hidden: true, 'aria-labelledby': `${prefix}-problems-heading` },
    el('h3', { id: `${prefix}-problems-heading`, text: 'import.problems' }),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table import-problem-table', id: `${prefix}-problem-table` },
        el('thead', {}, el('tr', {}, ['field', 'code', 'message'].map((k) => el('th', { scope: 'col', text: `import.col.${k}` })))),
        body)),
    more);
  const clear = () => {
    node.hidden = true;
    body.replaceChildren();
    more.hidden = true;
  };
  const show = (err) => {
    const list = err.details.filter((d) => d && typeof d === 'object');
    body.replaceChildren(...list.map((d) => el('tr', { 'data-code': String(d.code ?? '') },
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
    node.dataset.count = String(list.length + extra);
    node.hidden = false;
  };
  return { node, clear, show };
}

// A status as a tag: 草稿, 填报中, 已计算, 已确认.
export function statusTag(status, props = {}) {
  const key = statusKey(status);
  return el('span', { class: `tag status-tag status-${STATUSES.includes(status) ? status : 'other'}`, 'data-status': status ?? '', ...props },
    key ? el('span', { text: key }) : el('span', { raw: String(status ?? '') }));
}

// A decimal of results.csv ("87.5000") as it is; an empty cell as a dash.
export function cell(value) {
  if (value === null || value === undefined || value === '') return el('span', { class: 'none', raw: '—' });
  return el('span', { raw: String(value) });
}

// A ballot code as typed or read from a link: letters and digits only,
// upper case ("maz8 fu8j-eemv k52m" → "MAZ8FU8JEEMVK52M").
export const cleanCode = (s) => String(s ?? '').replace(/[^0-9A-Za-z]/g, '').toUpperCase();

// A code in groups of four for reading aloud and typing: "MAZ8 FU8J EEMV K52M".
export const groupedCode = (code) => code.replace(/(.{4})(?=.)/g, '$1 ');

// The language of explanations in the API (lang=zh|en) for the UI's.
export const apiLang = (uiLang) => (uiLang === 'en' ? 'en' : 'zh');
