// A cycle's definition (/cycles/{id}/definition): its cycle.json as a form —
// the components with their weights (summed live) and, for ratings, the
// rater groups' weights (summed live), the scale, abstentions, trim and red
// line, for routine the points per rating; the grades with their minimum
// and quota; the routine rules (caps, requires); the bonus (mode, base in
// yuan kept as fen, coefficients). ASSESSMENT.md 5, 7, 8.
//
// The form edits a copy of the JSON object as read (GET …/files?path=
// cycle.json), each input bound to its JSON path, so every key the form
// does not know stays as it was. The assessor runs a what-if (POST
// …/whatif with the edited whole cycle.json; nothing is stored) in any
// state but confirmed, and saves (PUT …/files) while the cycle is a draft;
// a refusal (400 workbook_refused) lists every problem and marks the field
// each one names by its JSON path. A reporter reads only.

import * as api from '../api.js';
import { el, showError, applyTexts } from '../i18n.js';
import { apiError, handledByShell } from '../staffing.js';
import { statusTag, problemsBox, cycleKeyFor } from '../assess.js';
import { parseNumber, fmt, sumOk, same } from '../schemes.js';
import '../definition_texts.js';

export const title = 'def.title';

const FILE = 'cycle.json';
const CODES = ['workbook_refused', 'not_draft', 'cycle_confirmed'];
const keyFor = (code) => (CODES.includes(code) ? `def.error.${code}` : cycleKeyFor(code));
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const clone = (v) => JSON.parse(JSON.stringify(v));
const ROUTINE = ['good', 'fair', 'average', 'poor'];
const ROUNDINGS = ['floor', 'round', 'ceil'];

// A JSON path as the engine writes it: $.components[1].scale.excellent.
const pathText = (p) => `$${p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;
function getAt(obj, p) {
  let o = obj;
  for (const k of p) {
    if (o === null || typeof o !== 'object') return undefined;
    o = o[k];
  }
  return o;
}
function setAt(obj, p, v) {
  let o = obj;
  p.slice(0, -1).forEach((k, i) => {
    if (o[k] === null || typeof o[k] !== 'object') o[k] = typeof p[i + 1] === 'number' ? [] : {};
    o = o[k];
  });
  o[p[p.length - 1]] = v;
}
function deleteAt(obj, p) {
  const o = getAt(obj, p.slice(0, -1));
  if (o && typeof o === 'object') delete o[p[p.length - 1]];
}
const numText = (v) => (typeof v === 'number' ? String(v) : (v === undefined || v === null ? '' : String(v)));
const yuanText = (fen) => (Number.isInteger(fen) ? String(fen / 100) : '');

export async function render({ session, params }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  const id = params.id;
  const base = `/cycles/${encodeURIComponent(id)}`;
  const root = el('section', { class: 'page page-definition', 'data-page': 'definition', 'data-cycle-id': id });
  const back = el('p', { class: 'back' }, el('a', { href: base, id: 'def-back', text: 'def.back' }));

  let cycle;
  let saved;
  try {
    cycle = await api.get(base);
    const answer = await api.get(`${base}/files`, { query: { path: FILE } });
    saved = isObj(answer.content) ? answer.content : {};
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(el('p', { class: 'back' }, el('a', { href: '/cycles', id: 'def-back', text: 'cycle.back' })),
        el('h1', { tabindex: '-1', text: 'cycle.not_found', 'data-testid': 'cycle-not-found' }));
      return root;
    }
    const box = el('div', { id: 'def-load-error', class: 'form-error', role: 'alert' });
    showError(box, err, keyFor);
    root.append(back, el('h1', { tabindex: '-1', text: 'def.title' }), box);
    return root;
  }

  const status = cycle.status ?? '';
  // Inputs are live for the what-if in any state but confirmed; a save only
  // while the cycle is a draft (the server answers 409 not_draft otherwise).
  const live = isAssessor && status !== 'confirmed';
  const savable = live && status === 'draft';
  root.dataset.status = status;
  root.dataset.editable = String(live);
  root.dataset.savable = String(savable);

  let draft = clone(saved);        // the object edited: cycle.json as it will be sent
  const bad = new Map();           // path text → the input whose text is not a number
  const inputs = new Map();        // path text → input, for the server's problems

  // --- inputs bound to a path of the draft -----------------------------------------

  const labelled = (ids) => ids.filter(Boolean).join(' ');
  // kind: 'text', 'num' (required), 'opt' (empty: the key is dropped), 'yuan'.
  function field(p, kind, labels, props = {}) {
    const v = getAt(draft, p);
    const input = el('input', {
      type: 'text', class: `scheme-input def-input def-${kind}`, 'data-path': pathText(p), 'data-kind': kind,
      value: kind === 'yuan' ? yuanText(v) : numText(v), autocomplete: 'off', spellcheck: 'false',
      inputmode: kind === 'text' ? null : 'decimal', 'aria-labelledby': labelled(labels), disabled: !live, ...props,
    });
    input.jsonPath = p;
    inputs.set(pathText(p), input);
    return input;
  }
  function choice(p, options, labels, { fallback, props = {} } = {}) {
    const sel = el('select', {
      class: 'scheme-input def-select', 'data-path': pathText(p), 'data-kind': 'choice',
      'aria-labelledby': labelled(labels), disabled: !live, ...props,
    }, options.map(([value, key, raw]) => el('option', { value, text: key, raw })));
    const v = getAt(draft, p);
    if (v !== undefined && !options.some(([value]) => value === v)) sel.append(el('option', { value: String(v), raw: String(v) }));
    sel.value = v ?? fallback ?? options[0]?.[0] ?? '';
    sel.jsonPath = p;
    inputs.set(pathText(p), sel);
    return sel;
  }
  function onInput(input) {
    const p = input.jsonPath;
    const key = pathText(p);
    const s = input.value;
    bad.delete(key);
    if (input.dataset.kind === 'text') setAt(draft, p, s);
    else if (input.dataset.kind === 'opt' && s.trim() === '') {
      deleteAt(draft, p);
      // A map left empty (share_by_unit_grade) is dropped with its last entry.
      const parent = getAt(draft, p.slice(0, -1));
      if (isObj(parent) && Object.keys(parent).length === 0 && !isObj(getAt(saved, p.slice(0, -1)))) deleteAt(draft, p.slice(0, -1));
    } else {
      const v = parseNumber(s);
      if (v === null) bad.set(key, input);
      else setAt(draft, p, input.dataset.kind === 'yuan' ? Math.round(v * 100) : v);
    }
  }

  const gradeList = () => (Array.isArray(draft.grades) ? draft.grades : []).filter(isObj);
  const gradeOptions = () => gradeList().map((g) => [String(g.id ?? ''), null, g.name && g.name !== g.id ? `${g.name} (${g.id})` : String(g.id ?? '')]);
  const routineOptions = ROUTINE.map((r) => [r, `def.routine.${r}`]);
  const components = () => (Array.isArray(draft.components) ? draft.components : []);

  // --- components ------------------------------------------------------------------

  const compSum = el('p', { id: 'def-component-sum', class: 'scheme-sum', role: 'status' });
  const compBody = el('tbody');
  const compExtra = el('div', { class: 'def-component-parts' });
  function drawComponents() {
    compBody.replaceChildren(...components().map((c, i) => {
      if (!isObj(c)) return null;
      const rid = `def-c-${i}`;
      return el('tr', { 'data-component': String(c.id ?? ''), 'data-index': String(i) },
        el('th', { scope: 'row' }, el('code', { id: `${rid}-id`, raw: String(c.id ?? '') })),
        el('td', {}, field(['components', i, 'name'], 'text', ['def-ccol-name', `${rid}-id`], { maxlength: '1024' })),
        el('td', {}, el('span', { 'data-testid': 'component-kind', text: `def.kind.${c.kind}` })),
        el('td', { class: 'num' }, field(['components', i, 'weight'], 'num', ['def-ccol-weight', `${rid}-id`], { class: 'scheme-input def-input def-num def-weight' })));
    }).filter(Boolean));
    compExtra.replaceChildren(...components().map((c, i) => {
      if (!isObj(c)) return null;
      if (c.kind === 'ratings') return ratingsPart(c, i);
      if (c.kind === 'routine') return routinePart(c, i);
      return null;
    }).filter(Boolean));
  }

  function scaleFields(c, i, levels, rid) {
    return el('div', { class: 'params def-scale' }, levels.map((lv) => el('label', { class: 'param' },
      el('span', { class: 'param-name', id: `${rid}-lv-${lv}`, raw: lv }),
      field(['components', i, 'scale', lv], 'num', [`${rid}-scale`, `${rid}-lv-${lv}`], { class: 'scheme-input def-input def-num input-param' }))));
  }

  function ratingsPart(c, i) {
    const rid = `def-r-${i}`;
    const groups = Array.isArray(c.groups) ? c.groups : [];
    const levels = isObj(c.scale) ? Object.keys(c.scale) : [];
    const sum = el('span', { class: 'scheme-sum def-group-sum', 'data-testid': 'group-sum', 'data-component': String(c.id ?? '') });
    const groupTable = el('table', { class: 'table def-groups' },
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', id: `${rid}-gcol-id`, text: 'def.col.group' }),
        el('th', { scope: 'col', class: 'num', id: `${rid}-gcol-w`, text: 'def.col.weight' }))),
      el('tbody', {}, groups.map((g, k) => el('tr', { 'data-group': String(g?.id ?? '') },
        el('th', { scope: 'row' }, el('code', { id: `${rid}-g-${k}`, raw: String(g?.id ?? '') })),
        el('td', { class: 'num' }, field(['components', i, 'groups', k, 'weight'], 'num', [`${rid}-h`, `${rid}-gcol-w`, `${rid}-g-${k}`], { class: 'scheme-input def-input def-num def-weight' }))))));
    // Trim and the red line: a box each that adds or drops the object.
    const toggle = (key, make) => {
      const box = el('input', { type: 'checkbox', id: `${rid}-${key}-on`, class: 'def-toggle', 'data-toggle': key, disabled: !live });
      box.checked = isObj(c[key]);
      box.addEventListener('change', () => {
        if (box.checked) c[key] = isObj(getAt(saved, ['components', i, key])) ? clone(getAt(saved, ['components', i, key])) : make();
        else delete c[key];
        for (const k of [...bad.keys()]) if (k.startsWith(pathText(['components', i, key]))) bad.delete(k);
        redraw(`#${rid}-${key}-on`);
      });
      return box;
    };
    const trim = el('div', { class: 'def-trim params' },
      el('span', { class: 'check-inline' }, toggle('trim', () => ({ above: 5, drop: 1 })), el('label', { for: `${rid}-trim-on`, id: `${rid}-trim`, text: 'def.trim' })),
      isObj(c.trim) ? [
        el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-trim-above`, text: 'def.trim.above' }),
          field(['components', i, 'trim', 'above'], 'num', [`${rid}-trim`, `${rid}-trim-above`], { class: 'scheme-input def-input def-num input-param' })),
        el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-trim-drop`, text: 'def.trim.drop' }),
          field(['components', i, 'trim', 'drop'], 'num', [`${rid}-trim`, `${rid}-trim-drop`], { class: 'scheme-input def-input def-num input-param' }))] : null);
    const red = isObj(c.red_line) ? c.red_line : null;
    const redLine = el('div', { class: 'def-red-line params' },
      el('span', { class: 'check-inline' }, toggle('red_line', () => ({
        levels: levels.slice(-2), more_than: [1, 3], cap: gradeList().at(-2)?.id ?? gradeList().at(-1)?.id,
      })), el('label', { for: `${rid}-red_line-on`, id: `${rid}-red`, text: 'def.red_line' })),
      red ? [
        el('span', { class: 'param', role: 'group', 'aria-labelledby': `${rid}-red ${rid}-red-levels` },
          el('span', { class: 'param-name', id: `${rid}-red-levels`, text: 'def.red_line.levels' }),
          levels.map((lv) => {
            const box = el('input', { type: 'checkbox', id: `${rid}-red-${lv}`, 'data-level': lv, class: 'def-red-level', disabled: !live });
            box.checked = Array.isArray(red.levels) && red.levels.includes(lv);
            box.addEventListener('change', () => {
              const now = Array.isArray(red.levels) ? red.levels : [];
              red.levels = levels.filter((l) => (l === lv ? box.checked : now.includes(l)));
              refresh();
            });
            return el('span', { class: 'check-inline' }, box, el('label', { for: `${rid}-red-${lv}`, raw: lv }));
          })),
        el('span', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-red-more`, text: 'def.red_line.more_than' }),
          field(['components', i, 'red_line', 'more_than', 0], 'num', [`${rid}-red`, `${rid}-red-more`], { class: 'scheme-input def-input def-num input-param', 'aria-describedby': null }),
          ' / ',
          field(['components', i, 'red_line', 'more_than', 1], 'num', [`${rid}-red`, `${rid}-red-more`], { class: 'scheme-input def-input def-num input-param' })),
        el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-red-cap`, text: 'def.red_line.cap' }),
          choice(['components', i, 'red_line', 'cap'], gradeOptions(), [`${rid}-red`, `${rid}-red-cap`]))] : null);
    return el('fieldset', { class: 'card def-part def-ratings', 'data-component': String(c.id ?? '') },
      el('legend', { id: `${rid}-h`, text: 'def.ratings', args: { name: c.name ?? c.id ?? '', id: c.id ?? '' } }),
      el('h3', { id: `${rid}-groups`, text: 'def.groups' }),
      el('div', { class: 'table-wrap' }, groupTable), sum,
      el('h3', { id: `${rid}-scale`, text: 'def.scale' }),
      levels.length ? scaleFields(c, i, levels, rid) : el('p', { class: 'hint', raw: '0–100' }),
      el('div', { class: 'params def-abstain' }, el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-abstain`, text: 'def.abstain' }),
        choice(['components', i, 'abstain'], [['drop', 'def.abstain.drop'], ['zero', 'def.abstain.zero']], [`${rid}-h`, `${rid}-abstain`], { fallback: 'drop' }))),
      trim, redLine);
  }

  function routinePart(c, i) {
    const rid = `def-r-${i}`;
    return el('fieldset', { class: 'card def-part def-routine-scale', 'data-component': String(c.id ?? '') },
      el('legend', { id: `${rid}-h`, text: 'def.ratings', args: { name: c.name ?? c.id ?? '', id: c.id ?? '' } }),
      el('h3', { id: `${rid}-scale`, text: 'def.routine_scale' }),
      el('div', { class: 'params def-scale' }, ROUTINE.map((lv) => el('label', { class: 'param' },
        el('span', { class: 'param-name', id: `${rid}-lv-${lv}`, text: `def.routine.${lv}` }),
        field(['components', i, 'scale', lv], 'num', [`${rid}-h`, `${rid}-lv-${lv}`], { class: 'scheme-input def-input def-num input-param' })))));
  }

  // --- grades ------------------------------------------------------------------------

  const gradeBody = el('tbody');
  function drawGrades() {
    const list = Array.isArray(draft.grades) ? draft.grades : [];
    gradeBody.replaceChildren(...list.map((g, i) => {
      if (!isObj(g)) return null;
      const rid = `def-g-${i}`;
      const last = i === list.length - 1;
      const q = isObj(g.quota) ? g.quota : null;
      let quota;
      if (last) quota = el('span', { class: 'hint', text: 'def.last_grade' });
      else {
        const box = el('input', { type: 'checkbox', id: `${rid}-quota-on`, class: 'def-toggle', 'data-toggle': 'quota', disabled: !live });
        box.checked = Boolean(q);
        box.addEventListener('change', () => {
          if (box.checked) g.quota = isObj(getAt(saved, ['grades', i, 'quota'])) ? clone(getAt(saved, ['grades', i, 'quota'])) : { share: 0.2, rounding: 'floor' };
          else delete g.quota;
          for (const k of [...bad.keys()]) if (k.startsWith(pathText(['grades', i, 'quota']))) bad.delete(k);
          redraw(`#${rid}-quota-on`);
        });
        quota = el('div', { class: 'params def-quota' },
          el('span', { class: 'check-inline' }, box, el('label', { for: `${rid}-quota-on`, id: `${rid}-quota`, text: 'def.quota_on' })),
          q ? [
            el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-share`, text: 'def.quota.share' }),
              field(['grades', i, 'quota', 'share'], 'num', [`${rid}-id`, `${rid}-share`], { class: 'scheme-input def-input def-num input-param def-share' })),
            el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-rounding`, text: 'def.quota.rounding' }),
              choice(['grades', i, 'quota', 'rounding'], ROUNDINGS.map((r) => [r, `def.rounding.${r}`]), [`${rid}-id`, `${rid}-rounding`], { fallback: 'floor' })),
            el('span', { class: 'param', role: 'group', 'aria-labelledby': `${rid}-id ${rid}-byunit` },
              el('span', { class: 'param-name', id: `${rid}-byunit`, text: 'def.quota.by_unit' }),
              ROUTINE.map((u) => el('label', { class: 'param' }, el('span', { class: 'param-name', id: `${rid}-u-${u}`, text: `def.unit_grade.${u}` }),
                field(['grades', i, 'quota', 'share_by_unit_grade', u], 'opt', [`${rid}-id`, `${rid}-byunit`, `${rid}-u-${u}`], { class: 'scheme-input def-input def-opt input-param' }))))] : null);
      }
      return el('tr', { 'data-grade': String(g.id ?? ''), 'data-index': String(i) },
        el('th', { scope: 'row' }, el('code', { id: `${rid}-id`, raw: String(g.id ?? '') })),
        el('td', {}, field(['grades', i, 'name'], 'text', ['def-gcol-name', `${rid}-id`], { maxlength: '1024' })),
        el('td', { class: 'num' }, last && g.min === undefined ? el('span', { class: 'none', text: 'def.none' })
          : field(['grades', i, 'min'], 'num', ['def-gcol-min', `${rid}-id`], { class: 'scheme-input def-input def-num def-min' })),
        el('td', { class: 'params-cell' }, quota));
    }).filter(Boolean));
  }

  // --- routine rules -------------------------------------------------------------------

  const capsBody = el('tbody');
  const reqBody = el('tbody');
  const capsEmpty = el('p', { class: 'hint', id: 'def-caps-empty', text: 'def.caps_empty' });
  const reqEmpty = el('p', { class: 'hint', id: 'def-requires-empty', text: 'def.requires_empty' });
  const ruleList = (key) => (isObj(draft.routine) && Array.isArray(draft.routine[key]) ? draft.routine[key] : []);
  const removeButton = (key, k) => (live ? el('td', { class: 'row-actions' },
    el('button', { type: 'button', class: 'btn btn-small def-remove', 'data-list': key, 'data-index': String(k), text: 'def.remove' })) : null);
  function drawRoutine() {
    capsBody.replaceChildren(...ruleList('caps').map((r, k) => el('tr', { 'data-index': String(k) },
      el('td', {}, choice(['routine', 'caps', k, 'at_or_below'], routineOptions, ['def-capcol-below'])),
      el('td', { class: 'num' }, field(['routine', 'caps', k, 'count'], 'num', ['def-capcol-count'], { class: 'scheme-input def-input def-num input-param' })),
      el('td', {}, choice(['routine', 'caps', k, 'cap'], gradeOptions(), ['def-capcol-cap'])),
      removeButton('caps', k))));
    reqBody.replaceChildren(...ruleList('requires').map((r, k) => el('tr', { 'data-index': String(k) },
      el('td', {}, choice(['routine', 'requires', k, 'grade'], gradeOptions(), ['def-reqcol-grade'])),
      el('td', {}, choice(['routine', 'requires', k, 'at_or_above'], routineOptions, ['def-reqcol-above'])),
      el('td', { class: 'num' }, field(['routine', 'requires', k, 'count'], 'num', ['def-reqcol-count'], { class: 'scheme-input def-input def-num input-param' })),
      removeButton('requires', k))));
    capsEmpty.hidden = ruleList('caps').length > 0;
    reqEmpty.hidden = ruleList('requires').length > 0;
  }

  // --- bonus -----------------------------------------------------------------------------

  const bonusBox = el('div', { class: 'def-bonus-fields' });
  let lastBonus = isObj(saved.bonus) ? clone(saved.bonus) : null;
  function drawBonus() {
    const b = isObj(draft.bonus) ? draft.bonus : null;
    const mode = el('select', { id: 'def-bonus-mode', class: 'scheme-input def-select', disabled: !live },
      ['none', 'base', 'pool'].map((m) => el('option', { value: m, text: `def.bonus.${m}` })));
    mode.value = b ? (b.mode === 'base' || b.mode === 'pool' ? b.mode : 'none') : 'none';
    mode.addEventListener('change', () => {
      if (isObj(draft.bonus)) lastBonus = clone(draft.bonus);
      for (const k of [...bad.keys()]) if (k.startsWith('$.bonus')) bad.delete(k);
      if (mode.value === 'none') delete draft.bonus;
      else {
        const next = isObj(draft.bonus) ? draft.bonus : (lastBonus ? clone(lastBonus) : {});
        next.mode = mode.value;
        if (mode.value === 'base') next.base = Number.isInteger(next.base) ? next.base : (Number.isInteger(lastBonus?.base) ? lastBonus.base : 0);
        else delete next.base;
        if (!isObj(next.coefficients)) next.coefficients = Object.fromEntries(gradeList().map((g) => [g.id, 1]));
        draft.bonus = next;
      }
      redraw('#def-bonus-mode');
    });
    const parts = [el('label', { class: 'param' }, el('span', { class: 'param-name', text: 'def.bonus.mode' }), mode)];
    if (b && b.mode === 'base') {
      parts.push(el('label', { class: 'param' }, el('span', { class: 'param-name', id: 'def-bonus-base-l', text: 'def.bonus.base_yuan' }),
        field(['bonus', 'base'], 'yuan', ['def-bonus-base-l'], { id: 'def-bonus-base', class: 'scheme-input def-input def-yuan' })));
    }
    if (b) {
      const coeff = isObj(b.coefficients) ? b.coefficients : {};
      const ids = [...gradeList().map((g) => String(g.id ?? '')), ...Object.keys(coeff).filter((k) => !gradeList().some((g) => g.id === k))];
      parts.push(el('span', { class: 'param', role: 'group', 'aria-labelledby': 'def-bonus-coeff' },
        el('span', { class: 'param-name', id: 'def-bonus-coeff', text: 'def.bonus.coefficients' }),
        ids.map((g) => el('label', { class: 'param' }, el('span', { class: 'param-name', id: `def-coeff-${g}`, raw: gradeList().find((x) => x.id === g)?.name || g }),
          field(['bonus', 'coefficients', g], 'num', ['def-bonus-coeff', `def-coeff-${g}`], { class: 'scheme-input def-input def-num input-param', 'data-grade': g })))));
    }
    bonusBox.replaceChildren(el('div', { class: 'params' }, parts));
  }

  // --- the bar: problems, what-if, save -----------------------------------------------------

  const blockers = el('ul', { id: 'def-blockers', class: 'scheme-blockers', hidden: true });
  const clean = el('p', { id: 'def-clean', class: 'hint', text: 'def.clean', hidden: true });
  const errorBox = el('div', { id: 'def-error', class: 'form-error', role: 'alert', hidden: true });
  const done = el('p', { id: 'def-done', class: 'notice notice-ok', role: 'status', hidden: true, text: 'def.saved' });
  const problemList = problemsBox('def');
  const whatifButton = el('button', { type: 'button', id: 'def-whatif', class: 'btn', text: 'def.whatif' });
  const save = savable ? el('button', { type: 'button', id: 'def-save', class: 'btn btn-primary', text: 'def.save', disabled: true }) : null;
  const reset = el('button', { type: 'button', id: 'def-reset', class: 'btn', text: 'def.reset', disabled: true });
  const bar = live ? el('section', { id: 'def-bar', class: 'card scheme-save def-bar', 'aria-labelledby': 'def-bar-h' },
    el('h2', { id: 'def-bar-h', class: 'visually-hidden', text: 'def.save' }),
    blockers, clean, errorBox, done,
    el('div', { class: 'actions' }, whatifButton, save, reset),
    problemList.node) : null;
  const json = el('pre', { id: 'def-json', class: 'scheme-json' });
  const jsonBox = el('details', { id: 'def-json-box', class: 'card scheme-json-box' }, el('summary', { text: 'def.json' }), json);

  const sumOf = (list) => (Array.isArray(list) ? list : []).reduce((s, x) => s + (isObj(x) && typeof x.weight === 'number' ? x.weight : NaN), 0);
  const showSum = (node, sum) => {
    const ok = sumOk(sum);
    node.dataset.sum = fmt(sum);
    node.dataset.ok = String(ok);
    node.classList.toggle('is-bad', !ok);
    node.dataset.i18n = ok ? 'def.sum' : 'def.sum_bad';
    node.dataset.i18nArgs = JSON.stringify({ sum: fmt(sum) });
    applyTexts(node);
    return ok;
  };

  // What follows the values: sums, marks, the JSON, what may be done.
  function refresh() {
    const reasons = [];
    const top = sumOf(components());
    if (!showSum(compSum, top)) reasons.push(['component_sum', { sum: fmt(top) }]);
    for (const node of compExtra.querySelectorAll('.def-group-sum')) {
      const c = components().find((x) => isObj(x) && String(x.id ?? '') === node.dataset.component);
      const s = sumOf(c?.groups);
      if (!showSum(node, s)) reasons.push(['group_sum', { id: c?.id ?? '?', sum: fmt(s) }]);
    }
    for (const [key, input] of inputs) {
      if (bad.has(key)) input.setAttribute('aria-invalid', 'true');
      else if (!input.classList.contains('has-problem')) input.removeAttribute('aria-invalid');
    }
    for (const key of bad.keys()) reasons.push(['number', { field: key }]);
    json.textContent = JSON.stringify(draft, null, 2);
    if (!live) return;
    blockers.replaceChildren(...reasons.map(([code, args]) => el('li', { 'data-code': code, text: `def.problem.${code}`, args })));
    blockers.hidden = reasons.length === 0;
    const dirty = !same(draft, saved);
    clean.hidden = dirty || reasons.length > 0 || !savable;
    whatifButton.disabled = reasons.length > 0;
    if (save) {
      save.disabled = reasons.length > 0 || !dirty;
      save.dataset.blocked = String(reasons.length > 0);
    }
    reset.disabled = !dirty;
    root.dataset.dirty = String(dirty);
  }

  // Draws the form again from the draft, the focus kept on sel.
  function redraw(sel) {
    inputs.clear();
    drawComponents();
    drawGrades();
    drawRoutine();
    drawBonus();
    for (const [key] of bad) {
      const input = inputs.get(key);
      if (input) bad.set(key, input);
      else bad.delete(key);
    }
    refresh();
    if (sel) root.querySelector(sel)?.focus();
  }

  const clearProblems = () => {
    errorBox.hidden = true;
    problemList.clear();
    for (const n of root.querySelectorAll('.has-problem')) {
      n.classList.remove('has-problem');
      n.removeAttribute('aria-invalid');
    }
  };
  // A refusal: its headline, every problem, and the field each names marked
  // (the nearest bound input above the path: cycle.json $.grades[0].quota.share).
  function showRefusal(err) {
    showError(errorBox, err, keyFor);
    if (err.code !== 'workbook_refused') return;
    problemList.show(err);
    const rows = problemList.node.querySelectorAll('tbody tr');
    err.details.filter((d) => d && typeof d === 'object').forEach((d, i) => {
      const s = String(d.field ?? '');
      if (!s.startsWith(`${FILE} `)) return;
      let p = s.slice(FILE.length + 1);
      let input = null;
      while (p && !input) {
        input = inputs.get(p) ?? [...inputs.entries()].find(([k]) => k.startsWith(`${p}.`) || k.startsWith(`${p}[`))?.[1] ?? null;
        if (input) break;
        const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
        if (cut <= 0) break;
        p = p.slice(0, cut);
      }
      if (!input) return;
      input.classList.add('has-problem');
      input.setAttribute('aria-invalid', 'true');
      input.closest('tr')?.classList.add('has-problem');
      rows[i]?.setAttribute('data-path', input.dataset.path);
    });
  }

  // --- the what-if -------------------------------------------------------------------------

  const whatifCard = el('section', { id: 'whatif-card', class: 'card whatif-card', 'aria-labelledby': 'whatif-h', hidden: true });
  const gradeName = (gid) => {
    if (gid === null || gid === undefined || gid === '') return el('span', { class: 'none', raw: '—' });
    const g = gradeList().find((x) => x.id === gid) ?? (cycle.grades ?? []).find((x) => x?.id === gid);
    return el('span', { 'data-grade': gid, title: gid, raw: g?.name || gid });
  };
  const pair = (v, cls) => el('td', { class: `num ${cls}` }, v === null || v === undefined || v === '' ? el('span', { class: 'none', raw: '—' }) : el('span', { raw: String(v) }));
  function drawWhatif(answer, now) {
    const changes = Array.isArray(answer.changes) ? answer.changes : [];
    const draftRows = Array.isArray(answer.draft) ? answer.draft : [];
    const nowRows = now.map((it) => it.row ?? {});
    const th = (key, props = {}) => el('th', { scope: 'col', text: key, ...props });
    const table = el('table', { class: 'table whatif-changes', id: 'whatif-changes' },
      el('thead', {},
        el('tr', {}, el('th', { scope: 'col', rowspan: '2', text: 'def.col.subject' }),
          ['grade', 'total', 'rank'].map((k) => th(`def.col.${k}`, { colspan: '2', scope: 'colgroup', class: k === 'grade' ? null : 'num' }))),
        el('tr', {}, ['grade', 'total', 'rank'].flatMap((k) => [th('def.col.now', { class: k === 'grade' ? null : 'num' }), th('def.col.draft', { class: k === 'grade' ? null : 'num' })]))),
      el('tbody', {}, changes.map((c) => el('tr', { 'data-subject': String(c.subject ?? ''), 'data-now': String(c.grade?.[0] ?? ''), 'data-draft': String(c.grade?.[1] ?? '') },
        el('th', { scope: 'row' }, el('span', { raw: c.name || c.subject }), el('span', { class: 'hint subject-id' }, ' ', el('code', { raw: String(c.subject ?? '') }))),
        el('td', { 'data-column': 'grade-now' }, gradeName(c.grade?.[0])),
        el('td', { 'data-column': 'grade-draft', class: 'whatif-to' }, gradeName(c.grade?.[1])),
        pair(c.total?.[0], 'total-now'), pair(c.total?.[1], 'total-draft whatif-to'),
        pair(c.rank?.[0], 'rank-now'), pair(c.rank?.[1], 'rank-draft whatif-to')))));
    // Subjects per grade, now and in the draft, in the draft's order of grades.
    const count = (rows) => rows.reduce((m, r) => m.set(r.grade ?? '', (m.get(r.grade ?? '') ?? 0) + 1), new Map());
    const a = count(nowRows);
    const b = count(draftRows);
    const ids = [...gradeList().map((g) => g.id), ...[...a.keys(), ...b.keys()].filter((g) => !gradeList().some((x) => x.id === g))];
    const dist = el('table', { class: 'table whatif-dist', id: 'whatif-dist' },
      el('thead', {}, el('tr', {}, th('def.col.grade'), th('def.col.now', { class: 'num' }), th('def.col.draft', { class: 'num' }), th('def.col.delta', { class: 'num' }))),
      el('tbody', {}, [...new Set(ids)].map((g) => {
        const d = (b.get(g) ?? 0) - (a.get(g) ?? 0);
        return el('tr', { 'data-grade': g, 'data-now': String(a.get(g) ?? 0), 'data-draft': String(b.get(g) ?? 0) },
          el('th', { scope: 'row' }, gradeName(g)),
          el('td', { class: 'num', 'data-column': 'now', raw: String(a.get(g) ?? 0) }),
          el('td', { class: 'num', 'data-column': 'draft', raw: String(b.get(g) ?? 0) }),
          el('td', { class: `num whatif-delta${d ? ' is-changed' : ''}`, 'data-column': 'delta', raw: d > 0 ? `+${d}` : String(d) }));
      })));
    whatifCard.dataset.count = String(changes.length);
    whatifCard.replaceChildren(...[
      el('h2', { id: 'whatif-h', tabindex: '-1', text: 'def.whatif_title' }),
      el('p', { class: 'hint', text: 'def.whatif_hint' }),
      now.length ? null : el('p', { id: 'whatif-not-computed', class: 'notice', text: 'def.whatif_not_computed' }),
      el('div', { class: 'whatif-parts' },
        el('section', { class: 'whatif-part', 'aria-labelledby': 'whatif-changes-h' },
          el('h3', { id: 'whatif-changes-h', text: 'def.whatif_changes', args: { n: changes.length } }),
          changes.length ? el('div', { class: 'table-wrap' }, table) : el('p', { id: 'whatif-none', class: 'hint', text: 'def.whatif_none' })),
        el('section', { class: 'whatif-part', 'aria-labelledby': 'whatif-dist-h' },
          el('h3', { id: 'whatif-dist-h', text: 'def.whatif_dist' }),
          el('div', { class: 'table-wrap' }, dist)))].filter(Boolean));
    whatifCard.hidden = false;
  }

  // --- actions ----------------------------------------------------------------------------------

  if (live) {
    root.addEventListener('input', (ev) => {
      const input = ev.target;
      if (!input.jsonPath || input.tagName === 'SELECT') return;
      done.hidden = true;
      onInput(input);
      refresh();
    });
    root.addEventListener('change', (ev) => {
      const sel = ev.target;
      if (!sel.jsonPath || sel.tagName !== 'SELECT') return;
      done.hidden = true;
      setAt(draft, sel.jsonPath, sel.value);
      refresh();
    });
    root.addEventListener('click', (ev) => {
      const b = ev.target.closest('button.def-remove');
      if (!b) return;
      const list = ruleList(b.dataset.list);
      list.splice(Number(b.dataset.index), 1);
      for (const k of [...bad.keys()]) if (k.startsWith(`$.routine.${b.dataset.list}`)) bad.delete(k);
      redraw(`#def-add-${b.dataset.list}`);
    });
    const addRule = (key, make) => {
      if (!isObj(draft.routine)) draft.routine = {};
      if (!Array.isArray(draft.routine[key])) draft.routine[key] = [];
      draft.routine[key].push(make());
      redraw();
      const rows = (key === 'caps' ? capsBody : reqBody).rows;
      rows[rows.length - 1]?.querySelector('select, input')?.focus();
    };
    root.addEventListener('click', (ev) => {
      const b = ev.target.closest('#def-add-caps, #def-add-requires');
      if (!b) return;
      const g = gradeList();
      if (b.id === 'def-add-caps') addRule('caps', () => ({ at_or_below: 'average', count: 1, cap: g.at(1)?.id ?? g.at(-1)?.id }));
      else addRule('requires', () => ({ grade: g[0]?.id, at_or_above: 'good', count: 1 }));
    });

    reset.addEventListener('click', () => {
      draft = clone(saved);
      bad.clear();
      clearProblems();
      done.hidden = true;
      redraw('#def-whatif');
    });

    whatifButton.addEventListener('click', async () => {
      if (whatifButton.disabled) return;
      clearProblems();
      done.hidden = true;
      whatifButton.disabled = true;
      bar.setAttribute('aria-busy', 'true');
      try {
        const answer = await api.post(`${base}/whatif`, { cycle: draft });
        const now = await api.get(`${base}/results`);
        drawWhatif(answer, Array.isArray(now.items) ? now.items : []);
        applyTexts(whatifCard);
        whatifCard.querySelector('#whatif-h')?.focus();
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) return;
        whatifCard.hidden = true;
        showRefusal(err);
      } finally {
        bar.removeAttribute('aria-busy');
        refresh();
      }
    });

    save?.addEventListener('click', async () => {
      if (save.disabled) return;
      clearProblems();
      done.hidden = true;
      save.disabled = true;
      bar.setAttribute('aria-busy', 'true');
      const content = clone(draft);
      try {
        const answer = await api.put(`${base}/files`, { path: FILE, content });
        saved = isObj(answer.content) ? answer.content : content;
        draft = clone(saved);
        bad.clear();
        redraw();
        done.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) return;
        showRefusal(err);
        refresh();
      } finally {
        bar.removeAttribute('aria-busy');
      }
    });
  }

  redraw();

  // --- the page ---------------------------------------------------------------------------------

  let note = null;
  if (!isAssessor) note = ['role', 'def.readonly_role'];
  else if (status === 'confirmed') note = ['confirmed', 'def.readonly_confirmed'];
  else if (!savable) note = ['status', 'def.whatif_only'];
  const fact = (key, node) => [el('dt', { text: key }), el('dd', {}, node)];
  const colHead = (idp, key, cls) => el('th', { scope: 'col', id: idp, class: cls, text: key });
  root.append(...[
    back,
    el('h1', { id: 'def-title', tabindex: '-1', text: 'def.heading', args: { name: cycle.name ?? cycle.code ?? '' } }),
    el('section', { class: 'card def-head', 'aria-labelledby': 'def-title' },
      el('p', { class: 'hint', text: 'def.intro' }),
      el('dl', { class: 'facts' },
        fact('def.code', el('code', { id: 'def-code', raw: String(saved.id ?? cycle.code ?? '') })),
        fact('cycles.col.status', statusTag(status, { id: 'def-status' })),
        fact('def.file', el('code', { raw: FILE })))),
    note ? el('p', { id: 'def-readonly', class: 'notice notice-warn', 'data-reason': note[0], text: note[1] }) : null,
    el('section', { id: 'def-components', class: 'card', 'aria-labelledby': 'def-components-h' },
      el('h2', { id: 'def-components-h', text: 'def.components' }),
      el('p', { class: 'hint', text: 'def.components_hint' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table def-components-table', id: 'def-components-table' },
        el('thead', {}, el('tr', {},
          colHead('def-ccol-id', 'def.col.id'), colHead('def-ccol-name', 'def.col.name'),
          colHead('def-ccol-kind', 'def.col.kind'), colHead('def-ccol-weight', 'def.col.weight', 'num'))),
        compBody)),
      compSum,
      compExtra),
    el('section', { id: 'def-grades', class: 'card', 'aria-labelledby': 'def-grades-h' },
      el('h2', { id: 'def-grades-h', text: 'def.grades' }),
      el('p', { class: 'hint', text: 'def.grades_hint' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table def-grades-table', id: 'def-grades-table' },
        el('thead', {}, el('tr', {},
          colHead('def-gcol-id', 'def.col.id'), colHead('def-gcol-name', 'def.col.name'),
          colHead('def-gcol-min', 'def.col.min', 'num'), colHead('def-gcol-quota', 'def.col.quota'))),
        gradeBody))),
    el('section', { id: 'def-routine', class: 'card', 'aria-labelledby': 'def-routine-h' },
      el('h2', { id: 'def-routine-h', text: 'def.routine' }),
      el('p', { class: 'hint', text: 'def.routine_hint' }),
      el('h3', { id: 'def-caps-h', text: 'def.caps' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table def-caps', id: 'def-caps', 'aria-labelledby': 'def-caps-h' },
        el('thead', {}, el('tr', {},
          colHead('def-capcol-below', 'def.col.at_or_below'), colHead('def-capcol-count', 'def.col.count', 'num'),
          colHead('def-capcol-cap', 'def.col.cap'), live ? colHead(null, 'def.col.actions') : null)),
        capsBody)),
      capsEmpty,
      live ? el('div', { class: 'actions' }, el('button', { type: 'button', id: 'def-add-caps', class: 'btn btn-small', text: 'def.add_cap' })) : null,
      el('h3', { id: 'def-requires-h', text: 'def.requires' }),
      el('div', { class: 'table-wrap' }, el('table', { class: 'table def-requires', id: 'def-requires', 'aria-labelledby': 'def-requires-h' },
        el('thead', {}, el('tr', {},
          colHead('def-reqcol-grade', 'def.col.grade'), colHead('def-reqcol-above', 'def.col.at_or_above'),
          colHead('def-reqcol-count', 'def.col.count', 'num'), live ? colHead(null, 'def.col.actions') : null)),
        reqBody)),
      reqEmpty,
      live ? el('div', { class: 'actions' }, el('button', { type: 'button', id: 'def-add-requires', class: 'btn btn-small', text: 'def.add_require' })) : null),
    el('section', { id: 'def-bonus', class: 'card', 'aria-labelledby': 'def-bonus-h' },
      el('h2', { id: 'def-bonus-h', text: 'def.bonus' }),
      el('p', { class: 'hint', text: 'def.bonus_hint' }),
      bonusBox),
    whatifCard,
    bar,
    jsonBox].filter(Boolean));
  applyTexts(root);
  return root;
}
