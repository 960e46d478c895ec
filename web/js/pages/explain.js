// Why a subject got its result (/cycles/{id}/results/{subject}; assessor,
// reporter): GET /api/v1/cycles/{id}/results/{subject}?lang=zh|en, in the
// UI's language (asked again when it changes): the row (position, total,
// grade, cap, bonus), the engine's explanation as preformatted text (the
// words of `kaohe assess explain`), and from the trace the indicators
// (id, value, target, s, points) and the components (weight, score).

import * as api from '../api.js';
import { el, showError, getLang, onLangChange } from '../i18n.js';
import { yuan, named, apiError, handledByShell } from '../staffing.js';
import { apiLang, cell, cycleKeyFor } from '../assess.js';

export const title = 'explain.title';

// A number of the trace as it is (null: no value).
const num = (v) => (v === null || v === undefined ? named(null, null) : el('span', { raw: String(v) }));

function indicatorsTable(list) {
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'table trace-table', id: 'trace-indicators' },
      el('thead', {}, el('tr', {},
        ['id', 'value', 'target', 's', 'points'].map((k) => el('th', { scope: 'col', class: k === 'id' ? null : 'num', text: `explain.col.${k}` })))),
      el('tbody', {}, list.map((x) => el('tr', { 'data-indicator': x.id ?? '' },
        el('th', { scope: 'row', 'data-testid': 'trace-id' }, el('code', { raw: x.id ?? '' })),
        el('td', { class: 'num', 'data-testid': 'trace-value' }, num(x.value)),
        el('td', { class: 'num', 'data-testid': 'trace-target' }, num(x.target)),
        el('td', { class: 'num', 'data-testid': 'trace-s' }, num(x.s)),
        el('td', { class: 'num', 'data-testid': 'trace-points' }, num(x.points)))))));
}

function componentsTable(list) {
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'table trace-table', id: 'trace-components' },
      el('thead', {}, el('tr', {},
        ['component', 'kind', 'weight', 'score'].map((k) => el('th', { scope: 'col', class: k === 'weight' || k === 'score' ? 'num' : null, text: `explain.col.${k}` })))),
      el('tbody', {}, list.map((c) => el('tr', { 'data-component': c.id ?? '' },
        el('th', { scope: 'row' }, el('span', { raw: c.name ?? c.id ?? '' }), ' ', el('code', { class: 'hint', raw: c.id ?? '' })),
        el('td', {}, el('code', { raw: c.kind ?? '' })),
        el('td', { class: 'num' }, num(c.weight)),
        el('td', { class: 'num' }, num(c.score)))))));
}

export async function render({ params }) {
  const { id, subject } = params;
  const base = `/cycles/${encodeURIComponent(id)}`;
  const path = `${base}/results/${encodeURIComponent(subject)}`;
  const root = el('section', { class: 'page page-explain', 'data-page': 'explain', 'data-cycle-id': id, 'data-subject': subject });
  const back = el('p', { class: 'back' }, el('a', { href: `${base}/results`, id: 'explain-back', text: 'explain.back' }));

  let answer;
  try {
    answer = await api.get(path, { query: { lang: apiLang(getLang()) } });
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(back, el('h1', { tabindex: '-1', text: 'explain.not_found', 'data-testid': 'explain-not-found' }));
      return root;
    }
    const box = el('div', { id: 'explain-error', class: 'form-error', role: 'alert' });
    showError(box, err, cycleKeyFor);
    root.append(back, el('h1', { tabindex: '-1', text: 'explain.title' }), box);
    return root;
  }

  const r = answer.row ?? {};
  const trace = answer.trace ?? {};
  const text = el('pre', { id: 'explanation', class: 'explanation', 'data-lang': apiLang(getLang()), raw: answer.explanation ?? '' });
  const fact = (key, node) => [el('dt', { text: key }), el('dd', {}, node)];

  // The explanation follows the UI's language; the rest is numbers and ids.
  const off = onLangChange(async (lang) => {
    if (!root.isConnected) { off(); return; }
    try {
      const again = await api.get(path, { query: { lang: apiLang(lang) } });
      if (!root.isConnected) return;
      text.textContent = again.explanation ?? '';
      text.dataset.lang = apiLang(lang);
    } catch {
      /* keep the text shown */
    }
  });

  root.append(...[back,
    el('h1', { id: 'explain-name', tabindex: '-1', raw: answer.name ?? subject }),
    el('section', { class: 'card' },
      el('dl', { class: 'facts' },
        fact('explain.subject', el('code', { raw: subject })),
        fact('results.col.position', el('span', { id: 'explain-position', raw: String(answer.position ?? '') })),
        fact('results.col.total', el('span', { id: 'explain-total' }, cell(r.total))),
        fact('results.col.grade', r.grade ? el('code', { id: 'explain-grade', raw: r.grade }) : cell('')),
        r.cap ? fact('results.col.cap', el('code', { id: 'explain-cap', raw: r.cap })) : null,
        r.bonus !== undefined && r.bonus !== '' ? fact('results.col.bonus', el('span', { id: 'explain-bonus', raw: yuan(r.bonus) })) : null)),
    el('section', { class: 'card', 'aria-labelledby': 'explanation-h' },
      el('h2', { id: 'explanation-h', text: 'explain.explanation' }),
      text),
    Array.isArray(trace.indicators) && trace.indicators.length
      ? el('section', { class: 'card', 'aria-labelledby': 'trace-indicators-h' },
        el('h2', { id: 'trace-indicators-h', text: 'explain.indicators' }),
        el('p', { class: 'hint', text: 'explain.indicators_hint' }),
        indicatorsTable(trace.indicators))
      : null,
    Array.isArray(trace.components) && trace.components.length
      ? el('section', { class: 'card', 'aria-labelledby': 'trace-components-h' },
        el('h2', { id: 'trace-components-h', text: 'explain.components' }),
        componentsTable(trace.components))
      : null].filter(Boolean));
  return root;
}
