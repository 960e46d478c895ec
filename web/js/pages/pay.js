// The pay scale page (/pay; assessor, reporter): GET /api/v1/pay/scale, the
// parallel post and pay scale of dispatched staff (docs/pay.md): each post
// sequence (文职, 技术, 其它) with its positions by level — the range of
// salary grades each is paid within, the monthly pay of those grades and the
// in-system rank it is compared with — and its grades with their monthly
// pay in yuan. Positions with negotiated pay (the special posts) are marked
// and have no range. A small bar per position shows where its range lies
// among the sequence's grades.

import * as api from '../api.js';
import { el, showError } from '../i18n.js';
import { rankKey, named, yuan, sequenceKey, apiError, handledByShell } from '../staffing.js';

export const title = 'pay.title';

const SVG = 'http://www.w3.org/2000/svg';

// The tabs of the pay section; parity is the assessor's.
export function payTabs(current, isAssessor) {
  const tab = (path, key, id) => el('a', {
    href: path, id, text: key, class: 'tab', 'aria-current': path === current ? 'page' : null,
  });
  return el('nav', { class: 'tabs', 'aria-label': 'Pay', i18nAttrs: { 'aria-label': 'nav.pay' } },
    tab('/pay', 'pay.tab_scale', 'pay-tab-scale'),
    isAssessor ? tab('/pay/parity', 'pay.tab_parity', 'pay-tab-parity') : null);
}

// Where a position's grades lie among grades 1..n: a track with the range filled.
function rangeBar(min, max, n) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${n * 10} 8`);
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.setAttribute('class', 'grade-bar');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  for (let g = 1; g <= n; g++) {
    const r = document.createElementNS(SVG, 'rect');
    r.setAttribute('x', String((g - 1) * 10 + 0.5));
    r.setAttribute('y', '0');
    r.setAttribute('width', '9');
    r.setAttribute('height', '8');
    r.setAttribute('class', g >= min && g <= max ? 'grade-in' : 'grade-out');
    svg.append(r);
  }
  return svg;
}

function sequenceCard(q) {
  const grades = Array.isArray(q.grades) ? q.grades : [];
  const positions = Array.isArray(q.positions) ? q.positions : [];
  const pay = new Map(grades.map((g) => [g.grade, g.monthly_fen]));
  const key = sequenceKey(q.code);
  const heading = el('h2', { id: `pay-seq-${q.code}-heading` },
    key ? el('span', { text: key }) : el('span', { raw: q.name ?? q.code ?? '' }),
    key && q.name ? el('span', { class: 'seq-name', raw: q.name }) : null);

  const positionRows = [...positions].sort((a, b) => b.level - a.level).map((o) => {
    const ranged = !o.negotiated && o.min_grade != null && o.max_grade != null;
    const gradesCell = ranged
      ? el('span', { text: o.min_grade === o.max_grade ? 'pay.grade_n' : 'pay.grade_range', args: { min: o.min_grade, max: o.max_grade, n: o.min_grade } })
      : el('span', { class: 'tag tag-negotiated', 'data-testid': 'negotiated', text: 'pay.negotiated' });
    const payCell = ranged
      ? el('span', { raw: pay.has(o.min_grade) && pay.has(o.max_grade) ? (o.min_grade === o.max_grade ? yuan(pay.get(o.min_grade)) : `${yuan(pay.get(o.min_grade))} – ${yuan(pay.get(o.max_grade))}`) : '' })
      : named(null, null);
    return el('tr', {
      'data-position-id': String(o.id), 'data-position-name': o.name ?? '', 'data-level': String(o.level),
      'data-negotiated': String(Boolean(o.negotiated)), class: o.negotiated ? 'position-special' : null,
    },
    el('td', { class: 'num', 'data-testid': 'position-level', raw: String(o.level ?? '') }),
    el('th', { scope: 'row', 'data-testid': 'position-name' },
      el('span', { raw: o.name ?? '' }),
      o.negotiated ? el('span', { class: 'tag tag-special', text: 'pay.special' }) : null),
    el('td', { 'data-testid': 'position-grades' }, gradesCell),
    el('td', { class: 'range-cell' }, ranged && grades.length ? rangeBar(o.min_grade, o.max_grade, grades.length) : null),
    el('td', { class: 'num', 'data-testid': 'position-pay' }, payCell),
    el('td', { 'data-testid': 'position-rank' }, named(rankKey(o.comparable_rank), o.comparable_rank_name ?? o.comparable_rank)));
  });

  const positionsTable = positions.length
    ? el('div', { class: 'table-wrap' },
      el('table', { class: 'table pay-positions', 'data-testid': 'positions' },
        el('caption', { class: 'visually-hidden', text: 'pay.positions' }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', class: 'num', text: 'pay.col.level' }),
          el('th', { scope: 'col', text: 'pay.col.position' }),
          el('th', { scope: 'col', text: 'pay.col.grades' }),
          el('th', { scope: 'col', text: 'pay.col.range' }),
          el('th', { scope: 'col', class: 'num', text: 'pay.col.pay' }),
          el('th', { scope: 'col', text: 'pay.col.rank' }))),
        el('tbody', {}, positionRows)))
    : el('p', { class: 'hint', text: 'pay.no_positions' });

  const gradesTable = grades.length
    ? el('div', { class: 'table-wrap' },
      el('table', { class: 'table pay-grades', 'data-testid': 'grades' },
        el('caption', { class: 'visually-hidden', text: 'pay.grades' }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', class: 'num', text: 'pay.col.grade' }),
          el('th', { scope: 'col', class: 'num', text: 'pay.col.pay' }))),
        el('tbody', {}, grades.map((g) => el('tr', { 'data-grade': String(g.grade) },
          el('td', { class: 'num', raw: String(g.grade) }),
          el('td', { class: 'num', 'data-testid': 'grade-pay', raw: yuan(g.monthly_fen) }))))))
    : el('p', { class: 'hint', text: 'pay.no_grades' });

  return el('section', { class: 'card pay-sequence', 'data-sequence': q.code ?? '', 'aria-labelledby': `pay-seq-${q.code}-heading` },
    heading,
    el('p', { class: 'hint', text: 'pay.sequence_counts', args: { positions: positions.length, grades: grades.length } }),
    el('div', { class: 'pay-sequence-body' },
      el('div', { class: 'pay-positions-col' }, el('h3', { text: 'pay.positions' }), positionsTable),
      el('div', { class: 'pay-grades-col' }, el('h3', { text: 'pay.grades' }), gradesTable)));
}

export async function render({ session }) {
  const isAssessor = (session?.account?.roles ?? []).includes('assessor');
  const root = el('section', { class: 'page page-pay', 'data-page': 'pay' },
    el('h1', { text: 'pay.title', tabindex: '-1' }),
    payTabs('/pay', isAssessor),
    el('p', { class: 'hint', text: 'pay.intro' }));
  let scale;
  try {
    scale = await api.get('/pay/scale');
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    const box = el('div', { id: 'pay-error', class: 'form-error', role: 'alert' });
    showError(box, err);
    root.append(box);
    return root;
  }
  const sequences = Array.isArray(scale.sequences) ? scale.sequences : [];
  root.append(sequences.length
    ? el('div', { id: 'pay-scale', class: 'pay-scale' }, sequences.map(sequenceCard))
    : el('p', { id: 'pay-empty', class: 'hint', text: 'pay.empty' }));
  return root;
}
