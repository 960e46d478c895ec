// A cycle's results (/cycles/{id}/results; assessor, reporter): GET
// /api/v1/cycles/{id}/results in ranking order, a row per subject with
// every column of results.csv (docs/assessment.md): category, pool, the
// score of each component, total, rank, pool rank, grade, cap and bonus
// (whole fen, shown in yuan), and a "why" link to the subject's
// explanation. Above the table, the number of subjects per grade as a small
// SVG bar chart. A reporter sees its own subjects (the API scopes them).
// Components and grades are named, and grades ordered, from the cycle's
// definition (GET /api/v1/cycles/{id}: `components`, `grades`).

import * as api from '../api.js';
import { el, showError, applyTexts } from '../i18n.js';
import { yuan, apiError, handledByShell } from '../staffing.js';
import { cell, statusTag, cycleKeyFor } from '../assess.js';

export const title = 'results.title';

const SVG = 'http://www.w3.org/2000/svg';
// The fixed columns of results.csv; any other is a component's score.
const HEAD = ['subject', 'name', 'category', 'pool'];
const TAIL = ['total', 'rank', 'pool_rank', 'grade', 'cap', 'bonus'];

function svgEl(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) n.setAttribute(k, String(v));
  if (text !== undefined) n.textContent = text;
  return n;
}

// Subjects per grade, in the definition's order (best first); a grade the
// definition lacks (none should) comes after, by the mean total of its
// subjects. names maps a grade id to its name.
export function gradeCounts(items, grades = [], names = new Map()) {
  const by = new Map();
  for (const it of items) {
    const g = it.row?.grade ?? '';
    const e = by.get(g) ?? { grade: g, count: 0, sum: 0 };
    e.count += 1;
    e.sum += Number(it.row?.total) || 0;
    by.set(g, e);
  }
  const order = new Map(grades.map((g, i) => [g.id, i]));
  const rankOf = (e) => (order.has(e.grade) ? order.get(e.grade) : grades.length);
  return [...by.values()]
    .map((e) => ({ ...e, name: names.get(e.grade) ?? e.grade }))
    .sort((a, b) => rankOf(a) - rankOf(b) || b.sum / b.count - a.sum / a.count);
}

// The bar chart of counts per grade: a bar each, its count above it and the
// grade under it; drawn at its natural size (shrunk on a narrow screen).
export function gradeChart(counts) {
  const BAR = 44;
  const GAP = 24;
  const TOP = 22;
  const PLOT = 120;
  const LABEL = 22;
  const LEFT = 12;
  const W = Math.max(240, LEFT * 2 + counts.length * (BAR + GAP) - GAP);
  const H = TOP + PLOT + LABEL;
  const max = Math.max(1, ...counts.map((c) => c.count));
  const svg = svgEl('svg', {
    viewBox: `0 0 ${W} ${H}`, width: W, class: 'grade-chart', id: 'grade-chart', role: 'img',
  });
  svg.dataset.i18nAttr = 'aria-label:results.chart_label';
  svg.append(svgEl('line', { x1: 0, x2: W, y1: TOP + PLOT, y2: TOP + PLOT, class: 'chart-base' }));
  counts.forEach((c, i) => {
    const x = LEFT + i * (BAR + GAP);
    const h = Math.round((PLOT * c.count) / max);
    const g = svgEl('g', { class: 'grade-bar', 'data-grade': c.grade, 'data-count': c.count });
    g.append(svgEl('title', {}, `${c.name ?? c.grade}: ${c.count}`));
    g.append(svgEl('rect', { x, y: TOP + PLOT - h, width: BAR, height: Math.max(h, 1), class: 'chart-bar' }));
    g.append(svgEl('text', { x: x + BAR / 2, y: TOP + PLOT - h - 6, 'text-anchor': 'middle', class: 'chart-count' }, String(c.count)));
    g.append(svgEl('text', { x: x + BAR / 2, y: TOP + PLOT + 16, 'text-anchor': 'middle', class: 'chart-label' }, c.name || c.grade || '—'));
    svg.append(g);
  });
  applyTexts(svg);
  return svg;
}

export async function render({ params }) {
  const id = params.id;
  const base = `/cycles/${encodeURIComponent(id)}`;
  const root = el('section', { class: 'page page-results', 'data-page': 'results', 'data-cycle-id': id });
  const back = el('p', { class: 'back' }, el('a', { href: base, id: 'results-back', text: 'results.back' }));

  let cycle;
  let answer;
  try {
    cycle = await api.get(base);
    answer = await api.get(`${base}/results`);
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(el('p', { class: 'back' }, el('a', { href: '/cycles', id: 'results-back', text: 'cycle.back' })),
        el('h1', { tabindex: '-1', text: 'cycle.not_found', 'data-testid': 'cycle-not-found' }));
      return root;
    }
    const box = el('div', { id: 'results-error', class: 'form-error', role: 'alert' });
    showError(box, err, cycleKeyFor);
    root.append(back, el('h1', { tabindex: '-1', text: 'results.title' }), box);
    return root;
  }
  const items = Array.isArray(answer.items) ? answer.items : [];
  root.dataset.status = cycle.status ?? '';
  root.append(back,
    el('h1', { tabindex: '-1', text: 'results.heading', args: { name: cycle.name ?? cycle.code ?? '' } }),
    el('p', { class: 'results-status' }, statusTag(cycle.status), ' ',
      cycle.computed_at ? el('span', { class: 'hint' }, el('span', { text: 'cycle.computed_at' }), ' ', el('time', { datetime: cycle.computed_at, time: cycle.computed_at })) : null));
  if (items.length === 0) {
    root.append(el('p', { id: 'results-empty', class: 'notice', text: 'results.empty' }));
    return root;
  }

  // The component columns, in the order of the row; named by the definition.
  const keys = Object.keys(items[0].row ?? {});
  const components = keys.filter((k) => !HEAD.includes(k) && !TAIL.includes(k));
  const names = new Map((cycle.components ?? []).filter((c) => c?.id && c.name).map((c) => [c.id, c.name]));
  const grades = (cycle.grades ?? []).filter((g) => g?.id);
  const gradeNames = new Map(grades.map((g) => [g.id, g.name ?? g.id]));
  const gradeCell = (id) => (id ? el('span', { 'data-grade': id, title: id, raw: gradeNames.get(id) ?? id }) : cell(''));

  const counts = gradeCounts(items, grades, gradeNames);
  const legend = el('ul', { class: 'grade-legend', id: 'grade-counts' },
    counts.map((c) => el('li', { 'data-grade': c.grade, 'data-count': String(c.count) },
      el('span', { raw: c.name || '—' }), ' ', el('span', { text: 'results.count', args: { n: c.count } }))));
  const chart = el('figure', { class: 'card grade-figure', id: 'grade-figure' },
    el('figcaption', {}, el('strong', { text: 'results.chart' }), ' ', el('span', { class: 'hint', text: 'results.chart_hint' })),
    el('div', { class: 'grade-chart-box' }, gradeChart(counts)),
    legend);

  const th = (key, props = {}) => el('th', { scope: 'col', ...props, text: key });
  const head = el('tr', {},
    th('results.col.position', { class: 'num' }),
    th('results.col.name'),
    th('results.col.category'),
    th('results.col.pool'),
    components.map((c) => el('th', { scope: 'col', class: 'num', 'data-component': c, title: c, raw: names.get(c) ?? c })),
    ['total', 'rank', 'pool_rank'].map((k) => th(`results.col.${k}`, { class: 'num' })),
    th('results.col.grade'),
    th('results.col.cap'),
    th('results.col.bonus', { class: 'num' }),
    th('results.col.why'));
  const rows = items.map((it) => {
    const r = it.row ?? {};
    const why = `${base}/results/${encodeURIComponent(it.subject)}`;
    return el('tr', { 'data-subject': it.subject, 'data-position': String(it.position ?? ''), 'data-grade': r.grade ?? '' },
      el('td', { class: 'num', 'data-column': 'position', raw: String(it.position ?? '') }),
      el('th', { scope: 'row', 'data-column': 'name' }, el('a', { href: why, raw: it.name ?? r.name ?? it.subject }),
        el('span', { class: 'hint subject-id' }, ' ', el('code', { raw: it.subject }))),
      el('td', { 'data-column': 'category' }, cell(r.category)),
      el('td', { 'data-column': 'pool' }, cell(r.pool)),
      components.map((c) => el('td', { class: 'num', 'data-column': c }, cell(r[c]))),
      ['total', 'rank', 'pool_rank'].map((k) => el('td', { class: 'num', 'data-column': k }, cell(r[k]))),
      el('td', { 'data-column': 'grade' }, gradeCell(r.grade)),
      el('td', { 'data-column': 'cap' }, gradeCell(r.cap)),
      el('td', { class: 'num', 'data-column': 'bonus', 'data-fen': r.bonus ?? '' }, r.bonus === '' || r.bonus == null ? cell('') : el('span', { raw: yuan(r.bonus) })),
      el('td', { 'data-column': 'why' }, el('a', { href: why, class: 'why-link', text: 'results.why' })));
  });
  root.append(
    el('p', { id: 'results-summary', class: 'hint', text: 'results.total', args: { n: items.length } }),
    chart,
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table results-table', id: 'results-table' },
        el('thead', {}, head),
        el('tbody', {}, rows))),
    el('p', { class: 'hint', text: 'results.bonus_hint' }));
  return root;
}
