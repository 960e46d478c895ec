// Why a subject got its result (/cycles/{id}/results/{subject}; assessor,
// reporter): GET /api/v1/cycles/{id}/results/{subject}?lang=zh|en, in the
// UI's language (asked again when it changes): the row (position, total,
// grade, cap, bonus), the engine's explanation as preformatted text (the
// words of `kaohe assess explain`), and from the trace the indicators
// (id, value, target, s, points) and the components (weight, score); the
// first-level indicators' shares of their most against the category's
// mean (`profile`), as a radar chart (a table beside it says the same).

import * as api from '../api.js';
import { el, showError, getLang, onLangChange } from '../i18n.js';
import { yuan, named, apiError, handledByShell } from '../staffing.js';
import { apiLang, cell, cycleKeyFor } from '../assess.js';

export const title = 'explain.title';

const SVG = 'http://www.w3.org/2000/svg';
function svgEl(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

// The radar of first-level shares (0-100 %): rings at 25 % steps, an axis
// per indicator, the subject's polygon and the category mean's (dashed).
// With fewer than three indicators a radar says nothing: bars instead.
function radar(items) {
  const size = 360;
  const c = size / 2;
  const R = c - 70;
  const n = items.length;
  const svg = svgEl('svg', { viewBox: `0 0 ${size} ${size}`, class: 'radar-chart', id: 'profile-chart', role: 'img',
    'data-count': n });
  const at = (i, v) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const r = (R * Math.max(0, Math.min(v, 100))) / 100;
    return [c + r * Math.cos(a), c + r * Math.sin(a)];
  };
  if (n < 3) {
    items.forEach((x, i) => {
      const y = 40 + i * 70;
      svg.append(svgEl('text', { x: 10, y, class: 'chart-label' }, x.name));
      svg.append(svgEl('rect', { x: 10, y: y + 8, width: (x.rate / 100) * 300, height: 16, class: 'radar-subject' }));
      svg.append(svgEl('rect', { x: 10, y: y + 28, width: (x.mean_rate / 100) * 300, height: 16, class: 'radar-mean' }));
    });
    return svg;
  }
  for (const ring of [25, 50, 75, 100]) {
    svg.append(svgEl('polygon', { points: items.map((_, i) => at(i, ring).join(',')).join(' '), class: 'chart-grid radar-ring' }));
  }
  items.forEach((x, i) => {
    const [x2, y2] = at(i, 100);
    svg.append(svgEl('line', { x1: c, y1: c, x2, y2, class: 'chart-grid' }));
    const [lx, ly] = at(i, 118);
    svg.append(svgEl('text', { x: lx, y: ly, 'text-anchor': 'middle', 'dominant-baseline': 'middle', class: 'chart-tick' }, x.name));
  });
  svg.append(svgEl('polygon', { points: items.map((x, i) => at(i, x.mean_rate).join(',')).join(' '), class: 'radar-mean' }));
  svg.append(svgEl('polygon', { points: items.map((x, i) => at(i, x.rate).join(',')).join(' '), class: 'radar-subject' }));
  return svg;
}

// A share to one decimal, without a trailing .0.
const pct = (v) => String(Number(Number(v).toFixed(1)));

function profileCard(items) {
  return el('section', { class: 'card', 'aria-labelledby': 'profile-h', id: 'profile' },
    el('h2', { id: 'profile-h', text: 'explain.profile' }),
    el('p', { class: 'hint', text: 'explain.profile_hint', args: { n: items.length } }),
    el('div', { class: 'radar-wrap' }, radar(items),
      el('ul', { class: 'radar-legend' },
        el('li', { class: 'legend-subject', text: 'explain.profile_subject' }),
        el('li', { class: 'legend-mean', text: 'explain.profile_mean' }))),
    el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'profile-table' },
      el('thead', {}, el('tr', {}, ['name', 'points', 'max', 'rate', 'mean_rate'].map((k) => el('th', {
        scope: 'col', class: k === 'name' ? null : 'num', text: `explain.profile_col.${k}` })))),
      el('tbody', {}, items.map((x) => el('tr', { 'data-indicator': x.id },
        el('th', { scope: 'row', raw: x.name }),
        el('td', { class: 'num', raw: String(x.points) }),
        el('td', { class: 'num', raw: String(x.max) }),
        el('td', { class: 'num', 'data-testid': 'profile-rate', raw: pct(x.rate) }),
        el('td', { class: 'num', 'data-testid': 'profile-mean', raw: pct(x.mean_rate) })))))));
}

// A number of the trace as it is (null: no value).
const num = (v) => (v === null || v === undefined ? named(null, null) : el('span', { raw: String(v) }));

// The trace's indicators as objects: each is a row of numbers named by
// the trace's indicator_columns (docs/assessment.md); an object is taken as
// it is.
function indicatorObjects(trace) {
  const cols = Array.isArray(trace.indicator_columns) ? trace.indicator_columns : [];
  return (Array.isArray(trace.indicators) ? trace.indicators : []).map((x) => (Array.isArray(x)
    ? Object.fromEntries(cols.map((c, i) => [c, x[i] ?? null]))
    : x ?? {}));
}

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
  // Grades by their names in the cycle's definition (the id when none).
  const names = new Map((answer.grades ?? []).filter((g) => g?.id).map((g) => [g.id, g.name ?? g.id]));
  const gradeName = (id) => names.get(id) ?? id;
  const trace = answer.trace ?? {};
  const indicators = indicatorObjects(trace);
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
        fact('results.col.grade', r.grade ? el('span', { id: 'explain-grade', 'data-grade': r.grade, title: r.grade, raw: gradeName(r.grade) }) : cell('')),
        r.cap ? fact('results.col.cap', el('span', { id: 'explain-cap', 'data-grade': r.cap, title: r.cap, raw: gradeName(r.cap) })) : null,
        r.bonus !== undefined && r.bonus !== '' ? fact('results.col.bonus', el('span', { id: 'explain-bonus', raw: yuan(r.bonus) })) : null)),
    el('section', { class: 'card', 'aria-labelledby': 'explanation-h' },
      el('h2', { id: 'explanation-h', text: 'explain.explanation' }),
      text),
    Array.isArray(answer.profile) && answer.profile.length ? profileCard(answer.profile) : null,
    indicators.length
      ? el('section', { class: 'card', 'aria-labelledby': 'trace-indicators-h' },
        el('h2', { id: 'trace-indicators-h', text: 'explain.indicators' }),
        el('p', { class: 'hint', text: 'explain.indicators_hint' }),
        indicatorsTable(indicators))
      : null,
    Array.isArray(trace.components) && trace.components.length
      ? el('section', { class: 'card', 'aria-labelledby': 'trace-components-h' },
        el('h2', { id: 'trace-components-h', text: 'explain.components' }),
        componentsTable(trace.components))
      : null].filter(Boolean));
  return root;
}
