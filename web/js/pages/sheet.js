// The printable sheet of ballot codes (/cycles/{id}/tokens/{sheet};
// assessor). The server answers the codes of an issue once
// (POST /api/v1/cycles/{id}/tokens) and keeps only their hashes, so the
// cycle page hands them to this page in memory (keepSheet): they are never
// written to localStorage or to the address, and a reload loses them.
// Printed on A4, one slip per code to cut out: the cycle, the component,
// the rater group, the 16-character code and the short link
// <origin>/vote#CODE (the code after # never reaches the server's log).

import { el } from '../i18n.js';
import { cleanCode, groupedCode } from '../assess.js';

export const title = 'sheet.title';

// The sheets issued in this page's life: number → {cycleId, cycleName,
// component: {id, name}, group, tokens}.
const sheets = new Map();
let last = 0;

// Keeps a sheet; answers its number (the {sheet} of the address).
export function keepSheet(sheet) {
  last += 1;
  sheets.set(String(last), sheet);
  return last;
}

// The short link a slip carries.
export const voteLink = (code) => `${location.origin}/vote#${cleanCode(code)}`;

function slip(s, code) {
  const c = cleanCode(code);
  const component = s.component?.name && s.component.name !== s.component.id
    ? `${s.component.name} (${s.component.id})` : (s.component?.id ?? '');
  return el('li', { class: 'slip', 'data-token': c },
    el('p', { class: 'slip-cycle', raw: s.cycleName ?? '' }),
    el('p', { class: 'slip-what' },
      el('span', { class: 'slip-label', text: 'sheet.component' }), ' ',
      el('span', { class: 'slip-component', raw: component }), ' · ',
      el('span', { class: 'slip-label', text: 'sheet.group' }), ' ',
      el('span', { class: 'slip-group', raw: s.group ?? '' })),
    el('p', { class: 'slip-code-line' },
      el('span', { class: 'slip-label', text: 'sheet.code' }), ' ',
      el('span', { class: 'slip-code', raw: groupedCode(c) })),
    el('p', { class: 'slip-link-line' },
      el('span', { class: 'slip-label', text: 'sheet.link' }), ' ',
      el('span', { class: 'slip-link', raw: voteLink(c) })),
    el('p', { class: 'slip-note', text: 'sheet.note' }));
}

export function render({ params }) {
  const s = sheets.get(String(params.sheet));
  const back = el('p', { class: 'back' }, el('a', { href: `/cycles/${encodeURIComponent(params.id)}`, id: 'sheet-back', text: 'sheet.back' }));
  const root = el('section', { class: 'page page-sheet', 'data-page': 'sheet', 'data-cycle-id': params.id });
  if (!s || String(s.cycleId) !== String(params.id)) {
    root.append(back,
      el('h1', { tabindex: '-1', text: 'sheet.title' }),
      el('p', { id: 'sheet-missing', class: 'notice notice-warn', text: 'sheet.missing' }));
    return root;
  }
  const print = el('button', { type: 'button', id: 'sheet-print', class: 'btn btn-primary', text: 'sheet.print' });
  print.addEventListener('click', () => window.print());
  root.dataset.count = String(s.tokens.length);
  root.append(
    el('div', { class: 'sheet-head' },
      back,
      el('h1', { tabindex: '-1', text: 'sheet.title' }),
      el('p', { id: 'sheet-summary', text: 'sheet.summary', args: { n: s.tokens.length, cycle: s.cycleName ?? '', component: s.component?.name ?? s.component?.id ?? '', group: s.group ?? '' } }),
      el('p', { class: 'notice notice-warn', text: 'sheet.once' }),
      el('div', { class: 'actions' }, print)),
    el('ul', { id: 'sheet-slips', class: 'slips' }, s.tokens.map((t) => slip(s, t))));
  return root;
}
