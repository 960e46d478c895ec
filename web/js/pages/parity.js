// The equal-pay report (/pay/parity, 同工同酬; assessor): GET /api/v1/pay/
// parity?date=…, for each in-system rank that dispatched positions are
// compared with, the monthly pay of in-system staff (civil servants,
// public-institution and self-set staff on that rank with a recorded pay)
// and of dispatched staff (on those positions, by their grade) in post on
// the date: number, lowest, median and highest, and the median difference.
// Under the table a chart drawn as inline SVG with DOM calls: per rank two
// range marks side by side, in-system above dispatched, each a bar from
// lowest to highest with the median as a tick, on one yuan axis from 0.
// Posts with negotiated pay get their own small table (dispatched only).

import * as api from '../api.js';
import { el, applyTexts, showError } from '../i18n.js';
import { rankKey, named, yuan, sequenceKey, formKit, field, apiError, handledByShell } from '../staffing.js';
import { payTabs } from './pay.js';

export const title = 'parity.title';

const SVG = 'http://www.w3.org/2000/svg';
const SIDES = ['in_system', 'dispatched'];

const today = () => {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
};

// A round step for an axis up to max (fen): 1, 2 or 5 times a power of ten,
// giving 4 to 10 ticks.
function niceStep(max) {
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * pow >= raw) return m * pow;
  return 10 * pow;
}

function svgEl(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === 'i18n') n.dataset.i18n = v;
    else n.setAttribute(k, String(v));
  }
  if (text !== undefined) n.textContent = text;
  return n;
}

// The chart: rows of {rank, rank_name, in_system, dispatched}, drawn W
// units wide — the width it is shown at, in CSS pixels, so that its text
// keeps its size on a phone as on a wide screen.
export function parityChart(rows, W = 640) {
  const LEFT = 8;
  const RIGHT = 16;
  const LABEL = 18;
  const BAR = 16;
  const GAP = 14;
  const AXIS = 28;
  const group = LABEL + 2 * BAR + GAP;
  const H = rows.length * group + AXIS;
  let top = 0;
  for (const r of rows) for (const s of SIDES) top = Math.max(top, Number(r[s]?.max_fen) || 0);
  const step = niceStep(Math.max(top, 100000));
  const end = Math.ceil(top / step) * step || step * 5;
  const x = (fen) => LEFT + ((W - LEFT - RIGHT) * fen) / end;

  const svg = svgEl('svg', {
    viewBox: `0 0 ${W} ${H}`, class: 'parity-chart', role: 'img', id: 'parity-chart', width: '100%', 'data-width': W,
  });
  svg.dataset.i18nAttr = 'aria-label:parity.chart_label';

  // The axis: grid lines and yuan labels.
  const axis = svgEl('g', { class: 'chart-axis' });
  for (let v = 0; v <= end; v += step) {
    axis.append(svgEl('line', { x1: x(v), x2: x(v), y1: 0, y2: H - AXIS + 4, class: 'chart-grid' }));
    axis.append(svgEl('text', {
      x: x(v), y: H - AXIS + 18, class: 'chart-tick', 'text-anchor': v === 0 ? 'start' : (v === end ? 'end' : 'middle'),
    }, yuan(v)));
  }
  svg.append(axis);

  rows.forEach((r, i) => {
    const y0 = i * group;
    const g = svgEl('g', { class: 'chart-rank', 'data-rank': r.rank });
    const key = rankKey(r.rank);
    g.append(svgEl('text', { x: LEFT, y: y0 + LABEL - 5, class: 'chart-label', i18n: key }, key ? undefined : (r.rank_name ?? r.rank)));
    SIDES.forEach((side, k) => {
      const f = r[side] ?? {};
      const y = y0 + LABEL + k * BAR;
      const mark = svgEl('g', { class: `chart-mark chart-${side}`, 'data-side': side, 'data-count': String(f.count ?? 0) });
      if (!f.count) {
        mark.append(svgEl('text', { x: LEFT, y: y + BAR - 5, class: 'chart-nodata', i18n: `parity.${side}` }));
        mark.append(svgEl('text', { x: LEFT + 90, y: y + BAR - 5, class: 'chart-nodata', i18n: 'parity.no_data' }));
      } else {
        const x1 = x(f.min_fen);
        const x2 = x(f.max_fen);
        const xm = x(f.median_fen);
        const tip = svgEl('title');
        tip.textContent = `${yuan(f.min_fen)} – ${yuan(f.max_fen)}; ${yuan(f.median_fen)} (n=${f.count})`;
        mark.append(tip);
        mark.append(svgEl('rect', {
          x: x1, y: y + 4, width: Math.max(x2 - x1, 2), height: BAR - 8, rx: 2, class: 'chart-range',
          'data-min': f.min_fen, 'data-max': f.max_fen,
        }));
        mark.append(svgEl('rect', {
          x: xm - 1.5, y: y + 1, width: 3, height: BAR - 2, class: 'chart-median', 'data-median': f.median_fen,
        }));
        // The side's name after the bar, or before it when the bar ends near the right.
        const after = x2 + 6 < W - 90;
        mark.append(svgEl('text', {
          x: after ? x2 + 6 : x1 - 6, y: y + BAR - 4, class: 'chart-side', 'text-anchor': after ? 'start' : 'end',
          i18n: `parity.${side}`,
        }));
      }
      g.append(mark);
    });
    svg.append(g);
  });
  applyTexts(svg);
  return svg;
}

function statsCells(f) {
  const has = f && f.count;
  return [
    el('td', { class: 'num', 'data-testid': 'count', raw: String(f?.count ?? 0) }),
    ...['min_fen', 'median_fen', 'max_fen'].map((k) => el('td', {
      class: 'num', 'data-testid': k.replace('_fen', ''),
    }, has ? el('span', { raw: yuan(f[k]) }) : named(null, null))),
  ];
}

function diffCell(fen) {
  if (fen === null || fen === undefined) return el('td', { class: 'num', rowspan: '2', 'data-testid': 'diff' }, named(null, null));
  const n = Number(fen);
  return el('td', {
    class: `num diff ${n < 0 ? 'diff-neg' : n > 0 ? 'diff-pos' : ''}`, rowspan: '2', 'data-testid': 'diff',
    raw: `${n > 0 ? '+' : ''}${yuan(n)}`,
  });
}

function positionsList(list) {
  return el('ul', { class: 'parity-positions' }, (list ?? []).map((o) => {
    const key = sequenceKey(o.sequence);
    return el('li', {},
      el('span', { raw: o.name ?? '' }), ' ',
      el('span', { class: 'hint' }, '(', key ? el('span', { text: key }) : el('span', { raw: o.sequence ?? '' }), ` ${o.level ?? ''})`));
  }));
}

function parityTable(rows) {
  const body = rows.map((r) => el('tbody', { 'data-rank': r.rank },
    el('tr', { 'data-rank': r.rank, 'data-side': 'in_system' },
      el('th', { scope: 'rowgroup', rowspan: '2', class: 'parity-rank' },
        el('span', { class: 'rank-name' }, named(rankKey(r.rank), r.rank_name ?? r.rank)),
        positionsList(r.positions)),
      el('th', { scope: 'row', class: 'parity-side', text: 'parity.in_system' }),
      ...statsCells(r.in_system),
      diffCell(r.median_difference_fen)),
    el('tr', { 'data-rank': r.rank, 'data-side': 'dispatched' },
      el('th', { scope: 'row', class: 'parity-side', text: 'parity.dispatched' }),
      ...statsCells(r.dispatched))));
  return el('div', { class: 'table-wrap' },
    el('table', { class: 'table parity-table', id: 'parity-table' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: 'parity.col.rank' }),
        el('th', { scope: 'col', text: 'parity.col.side' }),
        el('th', { scope: 'col', class: 'num', text: 'parity.col.count' }),
        el('th', { scope: 'col', class: 'num', text: 'parity.col.min' }),
        el('th', { scope: 'col', class: 'num', text: 'parity.col.median' }),
        el('th', { scope: 'col', class: 'num', text: 'parity.col.max' }),
        el('th', { scope: 'col', class: 'num', 'data-i18n-attr': 'title:parity.diff_hint', text: 'parity.col.diff' }))),
      body));
}

function negotiatedTable(list) {
  return el('section', { class: 'parity-negotiated', 'aria-labelledby': 'parity-negotiated-heading' },
    el('h2', { id: 'parity-negotiated-heading', text: 'parity.negotiated' }),
    el('p', { class: 'hint', text: 'parity.negotiated_hint' }),
    el('div', { class: 'table-wrap' },
      el('table', { class: 'table', id: 'parity-negotiated' },
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: 'pay.col.position' }),
          el('th', { scope: 'col', class: 'num', text: 'parity.col.count' }),
          el('th', { scope: 'col', class: 'num', text: 'parity.col.min' }),
          el('th', { scope: 'col', class: 'num', text: 'parity.col.median' }),
          el('th', { scope: 'col', class: 'num', text: 'parity.col.max' }))),
        el('tbody', {}, list.map((o) => el('tr', { 'data-position-id': String(o.id) },
          el('th', { scope: 'row' }, positionsList([o])),
          ...statsCells(o.dispatched)))))));
}

export function render({ session, query }) {
  const isAssessor = (session?.account?.roles ?? []).includes('assessor');
  const date = el('input', { id: 'parity-date', name: 'date', type: 'date', required: true });
  date.value = /^\d{4}-\d{2}-\d{2}$/.test(query.get('date') ?? '') ? query.get('date') : today();
  const submit = el('button', { type: 'submit', id: 'parity-submit', class: 'btn btn-primary', text: 'parity.show' });
  const actions = el('div', { class: 'actions' }, submit);
  const kit = formKit('parity', { date }, { keyFor: (c) => (c === 'invalid_date' ? 'error.date' : `error.${c}`) });
  const form = el('form', { id: 'parity-form', class: 'form card parity-form', novalidate: true },
    el('div', { class: 'field-row' }, field('parity-date', 'parity.date', date), actions));
  const out = el('div', { id: 'parity-report', class: 'parity-report', 'aria-live': 'polite' });
  let observer = null;

  // The chart is drawn once its box has a width, and again when the width changes.
  function chartHolder(rows) {
    const holder = el('div', { class: 'chart-holder' });
    let drawn = 0;
    observer?.disconnect();
    observer = new ResizeObserver(() => {
      const w = Math.max(280, Math.floor(holder.clientWidth / 10) * 10);
      if (!holder.clientWidth || w === drawn) return;
      drawn = w;
      holder.replaceChildren(parityChart(rows, w));
    });
    observer.observe(holder);
    return holder;
  }

  async function load() {
    kit.clear();
    if (!date.value) return kit.local(date, 'person.need_date');
    out.setAttribute('aria-busy', 'true');
    submit.disabled = true;
    let report;
    try {
      report = await api.get('/pay/parity', { query: { date: date.value } });
    } catch (e) {
      const err = apiError(e);
      out.removeAttribute('aria-busy');
      submit.disabled = false;
      if (handledByShell(err)) throw err;
      kit.fail(err, actions);
      return;
    }
    submit.disabled = false;
    if (location.pathname === '/pay/parity') history.replaceState(null, '', `/pay/parity?date=${encodeURIComponent(report.date ?? date.value)}`);
    const rows = Array.isArray(report.rows) ? report.rows : [];
    const negotiated = Array.isArray(report.negotiated) ? report.negotiated : [];
    const parts = [el('p', { id: 'parity-on', class: 'parity-on', text: 'parity.on', args: { date: report.date ?? date.value } })];
    if (rows.length === 0) {
      parts.push(el('p', { id: 'parity-empty', class: 'hint', text: 'parity.empty' }));
    } else {
      parts.push(parityTable(rows));
      parts.push(el('figure', { class: 'card parity-figure' },
        el('figcaption', {},
          el('strong', { text: 'parity.chart' }), ' ',
          el('span', { class: 'legend' },
            el('span', { class: 'swatch swatch-in_system', 'aria-hidden': 'true' }), el('span', { text: 'parity.in_system' }), ' ',
            el('span', { class: 'swatch swatch-dispatched', 'aria-hidden': 'true' }), el('span', { text: 'parity.dispatched' }), ' · ',
            el('span', { text: 'parity.legend_range' }), '; ', el('span', { text: 'parity.legend_median' }))),
        chartHolder(rows)));
    }
    if (negotiated.length) parts.push(negotiatedTable(negotiated));
    out.replaceChildren(...parts);
    out.dataset.date = report.date ?? date.value;
    out.removeAttribute('aria-busy');
  }

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load().catch(() => {});
  });

  const root = el('section', { class: 'page page-parity', 'data-page': 'parity' },
    el('h1', { text: 'parity.title', tabindex: '-1' }),
    payTabs('/pay/parity', isAssessor),
    el('p', { class: 'hint', text: 'parity.intro' }),
    form, out);
  return load().then(() => root);
}
