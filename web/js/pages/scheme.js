// A scheme's editor (/cycles/{id}/schemes/{name}; 一区一体系): the
// indicator tree of the scheme whose id is NAME (its file found in GET
// /api/v1/cycles/{id}/files; schemes/NAME.json when none has that id)
// as nested rows — name, weight, points, unit, the rule's kind and its
// parameters — with the weights of every group summed as one types; the
// adjustments (bonus, deduction, veto); and, for a scheme that `extends` a
// base (whose file is read too, found the same way), what it changes:
// indicators replaced (weight, rule, name, unit), removed and added.
//
// Editing is for the assessor while the cycle is a draft; otherwise the page
// is read-only with a note. A save (PUT …/files {path, content}) is offered
// only when every group sums to 100 and nothing else is wrong in the
// browser; the server checks the whole workbook with it and a refusal
// (400 workbook_refused) lists every problem, each row of the tree it names
// marked. The model and the patches: schemes.js.

import * as api from '../api.js';
import { el, showError, applyTexts } from '../i18n.js';
import { apiError, handledByShell } from '../staffing.js';
import { statusTag, problemsBox } from '../assess.js';
import * as S from '../schemes.js';

export const title = 'scheme.title';

const SCHEME_CODES = ['workbook_refused', 'not_draft', 'not_found'];
const keyFor = (code) => (SCHEME_CODES.includes(code) ? `scheme.error.${code}` : `error.${code}`);
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

// A node's text set again with new arguments.
function setText(node, key, args) {
  node.dataset.i18n = key;
  if (args) node.dataset.i18nArgs = JSON.stringify(args);
  else delete node.dataset.i18nArgs;
  applyTexts(node);
}

const num = (v) => (v === undefined || v === null ? '' : String(v));

export async function render({ session, params }) {
  const roles = session?.account?.roles ?? [];
  const isAssessor = roles.includes('assessor');
  const id = params.id;
  const name = params.name;
  const base = `/cycles/${encodeURIComponent(id)}`;
  // A scheme's file: the one whose JSON has its id (GET …/files lists
  // them), else schemes/<id>.json as the workbook names them.
  const filesById = new Map();
  const pathOf = (sid) => filesById.get(sid) ?? `schemes/${sid}.json`;
  let file = pathOf(name);
  const root = el('section', { class: 'page page-scheme', 'data-page': 'scheme', 'data-cycle-id': id, 'data-scheme': name });
  const back = el('p', { class: 'back' }, el('a', { href: base, id: 'scheme-back', text: 'scheme.back' }));
  const fail = (key, args, err) => {
    const box = el('div', { id: 'scheme-load-error', class: 'form-error', role: 'alert', hidden: true });
    if (err) showError(box, err, keyFor);
    root.append(back, el('h1', { tabindex: '-1', text: key, args, 'data-testid': 'scheme-not-found' }), box);
    root.dataset.failed = 'true';
    return root;
  };

  // The cycle (status, subjects, grades), the file and its bases.
  let cycle;
  try {
    cycle = await api.get(base);
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    return err.status === 404 ? fail('cycle.not_found') : fail('scheme.title', null, err);
  }
  const read = async (path) => {
    try {
      const answer = await api.get(`${base}/files`, { query: { path } });
      return isObj(answer.content) ? answer.content : null;
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err) || err.status !== 404) throw err;
      return null;
    }
  };
  let doc;
  const docs = new Map();
  let baseTree = null;
  try {
    const list = await api.get(`${base}/files`);
    for (const f of Array.isArray(list.items) ? list.items : []) {
      if (typeof f.id === 'string' && f.path.startsWith('schemes/') && !filesById.has(f.id)) filesById.set(f.id, f.path);
    }
    file = pathOf(name);
    doc = await read(file);
    if (!doc) return fail('scheme.not_found', { file });
    // The chain of bases, each in the file of its id.
    for (let cur = doc, i = 0; S.isGiven(cur.extends) && !docs.has(cur.extends) && i < 16; i++) {
      const path = pathOf(cur.extends);
      const next = await read(path);
      if (!next) return fail('scheme.base_missing', { file: path });
      docs.set(cur.extends, next);
      cur = next;
    }
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    return fail('scheme.title', null, err);
  }
  const extended = S.isGiven(doc.extends);
  if (extended) {
    try {
      baseTree = S.resolve(docs.get(doc.extends), (sid) => docs.get(sid));
    } catch (e) {
      if (!(e instanceof S.SchemeError)) throw e;
      return fail('scheme.base_broken', { base: doc.extends, code: e.code, id: e.id });
    }
  }

  const status = cycle.status;
  const editable = isAssessor && status === 'draft';
  const grades = Array.isArray(cycle.grades) ? cycle.grades : [];
  // A veto without a cap caps at the grade `competent` (docs/assessment.md).
  const defaultCap = grades.find((g) => g.id === 'competent')?.name || 'competent';
  const users = (Array.isArray(cycle.subjects) ? cycle.subjects : []).filter((s) => s.scheme === doc.id);
  root.dataset.editable = String(editable);
  root.dataset.status = status ?? '';
  if (extended) root.dataset.extends = doc.extends;

  // --- the state -------------------------------------------------------------

  let saved = doc;               // the file as the server has it
  let model;                     // what is being edited (schemes.js)
  let schemeName;                // the scheme's own name
  let initial;                   // the content of the file as read, written out again
  let current = null;            // {content, ok} of the model now
  const bad = new Set();         // `${key}:${field}` of inputs that are not numbers
  const start = () => {
    model = S.buildModel(saved, baseTree);
    schemeName = saved.name;
    bad.clear();
    initial = S.toContent(model, saved, baseTree, schemeName).content;
  };
  start();
  const byKey = () => {
    const m = new Map();
    S.eachNode(model, (n, info) => m.set(n.key, { n, ...info }));
    return m;
  };

  // --- the head ----------------------------------------------------------------

  const fact = (key, node) => [el('dt', { text: key }), el('dd', {}, node)];
  const nameInput = editable ? el('input', {
    id: 'scheme-name', name: 'name', type: 'text', maxlength: '1024', autocomplete: 'off', class: 'scheme-input scheme-name-input',
  }) : null;
  const title = el('h1', { id: 'scheme-title', tabindex: '-1', raw: doc.name || doc.id });
  const facts = el('dl', { class: 'facts scheme-facts' },
    fact('scheme.id', el('code', { id: 'scheme-id', raw: doc.id ?? '' })),
    fact('scheme.file', el('code', { id: 'scheme-file', raw: file })),
    fact('scheme.cycle', el('a', { href: base, id: 'scheme-cycle', raw: cycle.name ?? cycle.code ?? '' })),
    fact('cycles.col.status', statusTag(status, { id: 'scheme-status' })),
    extended ? fact('scheme.base', el('a', {
      href: `${base}/schemes/${encodeURIComponent(doc.extends)}`, id: 'scheme-base-link',
    }, el('code', { raw: doc.extends }))) : null,
    fact('scheme.users', users.length
      ? el('span', { id: 'scheme-users', raw: users.map((s) => s.name || s.subject).join('、') })
      : el('span', { id: 'scheme-users', class: 'none', text: extended ? 'scheme.users_none' : 'scheme.users_base' })),
    editable ? fact('scheme.name', nameInput) : null);
  let note = null;
  if (!editable) {
    note = el('p', {
      id: 'scheme-readonly', class: 'notice notice-warn', 'data-reason': isAssessor ? 'status' : 'role',
      text: isAssessor ? 'scheme.readonly_status' : 'scheme.readonly_role',
    });
  }

  // --- the tree ----------------------------------------------------------------

  const COLS = ['indicator', 'weight', 'points', 'unit', 'rule', 'params'];
  if (editable) COLS.push('actions');
  const treeBody = el('tbody');
  const topSum = el('p', { id: 'scheme-top-sum', class: 'scheme-sum' });
  const tree = el('table', { class: 'table scheme-tree', id: 'scheme-tree' },
    el('thead', {}, el('tr', {}, COLS.map((k) => el('th', {
      scope: 'col', id: `scheme-col-${k}`, class: ['weight', 'points'].includes(k) ? 'num' : null, text: `scheme.col.${k}`,
    })))),
    treeBody);
  const addTop = editable ? el('div', { class: 'actions scheme-add-top' },
    el('button', { type: 'button', id: 'add-top-leaf', class: 'btn btn-small', 'data-add': 'leaf', text: 'scheme.add_top_leaf' }),
    el('button', { type: 'button', id: 'add-top-group', class: 'btn btn-small', 'data-add': 'group', text: 'scheme.add_top_group' })) : null;

  const rowId = (n) => `node-${n.key}`;
  const labelled = (n, col) => `scheme-col-${col} ${rowId(n)}-id`;
  const textInput = (n, fieldName, value, props = {}) => el('input', {
    type: 'text', class: `scheme-input input-${fieldName}`, 'data-field': fieldName, value: value ?? '',
    autocomplete: 'off', spellcheck: 'false', 'aria-labelledby': labelled(n, props.col ?? fieldName), ...props, col: null,
  });
  const paramInput = (n, p) => {
    const v = n.rule?.[p];
    if (p === 'better') {
      const sel = el('select', { class: 'scheme-input input-param', 'data-field': 'param', 'data-param': p, 'aria-labelledby': `${rowId(n)}-p-${p} ${rowId(n)}-id` },
        el('option', { value: '', text: 'scheme.better.default' }),
        el('option', { value: 'higher', text: 'scheme.better.higher' }),
        el('option', { value: 'lower', text: 'scheme.better.lower' }));
      sel.value = v === 'higher' || v === 'lower' ? v : '';
      return sel;
    }
    return el('input', {
      type: 'text', inputmode: 'decimal', class: 'scheme-input input-param', 'data-field': 'param', 'data-param': p,
      value: num(v), autocomplete: 'off', 'aria-labelledby': `${rowId(n)}-p-${p} ${rowId(n)}-id`,
    });
  };
  const paramsText = (rule) => {
    if (!isObj(rule)) return el('span', { class: 'none', raw: '—' });
    const ps = S.PARAMS.filter((p) => S.isGiven(rule[p]));
    if (!ps.length) return el('span', { class: 'none', text: 'scheme.no_params' });
    return el('span', { class: 'params-text' }, ps.map((p) => el('span', { class: 'param-text', 'data-param': p },
      el('span', { class: 'param-name', text: `scheme.param.${p}` }), ' ',
      p === 'better' ? el('span', { text: `scheme.better.${rule[p]}` }) : el('span', { class: 'param-value', raw: String(rule[p]) }))));
  };

  function nodeRow(n, { depth, parent, gone }) {
    const live = editable && !gone;
    const group = Boolean(n.children);
    const line = el('div', { class: 'node-line' });
    const head = el('div', { class: 'node-head' }, line);
    const cell = el('th', { scope: 'row', class: `node-cell depth-${Math.min(depth, 7)}` }, head);
    if (live && n.origin === 'new') {
      line.append(el('input', {
        type: 'text', id: `${rowId(n)}-id`, class: 'scheme-input input-id', 'data-field': 'id', value: n.id ?? '',
        maxlength: '128', autocomplete: 'off', spellcheck: 'false', i18nAttrs: { placeholder: 'scheme.id_placeholder', title: 'scheme.id_hint' },
      }));
    } else {
      line.append(el('code', { id: `${rowId(n)}-id`, class: 'node-code', 'data-testid': 'node-id', raw: n.id }));
    }
    // How the node stands against the base: a tag beside its id.
    if (extended) line.append(el('span', { class: 'tag change-tag', 'data-testid': 'node-change' }));
    if (live) {
      const input = textInput(n, 'name', n.name, { maxlength: '1024', col: 'indicator' });
      const fallback = n.origin === 'base' ? (n.base.name ?? n.id) : n.id;
      if (fallback) input.setAttribute('placeholder', fallback);
      head.append(input);
    } else {
      head.append(el('span', { class: 'node-name', 'data-testid': 'node-name', raw: n.name || (n.origin === 'base' ? n.base?.name : '') || n.id }));
    }
    const weight = live
      ? textInput(n, 'weight', num(n.weight), { inputmode: 'decimal', maxlength: '24' })
      : el('span', { class: 'node-weight', 'data-testid': 'node-weight', raw: S.fmt(n.weight) });
    const unit = group ? null : (live ? textInput(n, 'unit', n.unit, { maxlength: '1024' })
      : el('span', { 'data-testid': 'node-unit', raw: n.unit || (n.origin === 'base' ? n.base?.unit : '') || '' }));
    let rule;
    let ps = null;
    if (group) {
      rule = el('span', { class: 'node-sum', 'data-testid': 'node-sum' });
    } else if (live) {
      rule = el('select', { class: 'scheme-input input-kind', 'data-field': 'kind', 'aria-labelledby': labelled(n, 'rule') },
        S.RULE_KINDS.map((k) => el('option', { value: k, text: `scheme.rule.${k}` })));
      rule.value = n.rule?.kind ?? 'score';
      ps = el('div', { class: 'params' }, (S.RULE_PARAMS[n.rule?.kind] ?? []).map((p) => el('label', { class: 'param', 'data-param': p },
        el('span', { id: `${rowId(n)}-p-${p}`, class: 'param-name', text: `scheme.param.${p}` }), paramInput(n, p))));
    } else {
      rule = el('span', { 'data-testid': 'node-rule', 'data-kind': n.rule?.kind ?? '', text: `scheme.rule.${n.rule?.kind}` });
      ps = paramsText(n.rule);
    }
    const cells = [
      cell,
      el('td', { class: 'num' }, weight),
      el('td', { class: 'num' }, el('span', { class: 'node-points', 'data-testid': 'node-points' })),
      el('td', {}, unit),
      ...(group ? [el('td', { class: 'group-sum-cell', colspan: '2' }, rule)]
        : [el('td', {}, rule), el('td', { class: 'params-cell' }, ps)]),
    ];
    if (editable) {
      const acts = el('td', { class: 'row-actions' });
      if (!gone || n.removed) {
        if (n.origin === 'base' && (!parent || !parent.removed)) {
          const box = el('input', { type: 'checkbox', id: `${rowId(n)}-remove`, class: 'node-remove', 'data-field': 'remove' });
          box.checked = n.removed;
          acts.append(el('span', { class: 'check-inline' }, box, el('label', { for: `${rowId(n)}-remove`, text: 'scheme.remove_flag' })));
        } else if (n.origin !== 'base') {
          acts.append(el('button', { type: 'button', class: 'btn btn-small node-delete', 'data-act': 'delete', text: 'scheme.delete' }));
        }
      }
      if (group && !gone) {
        acts.append(' ',
          el('button', { type: 'button', class: 'btn btn-small node-add-leaf', 'data-act': 'add-leaf', text: 'scheme.add_leaf' }), ' ',
          el('button', { type: 'button', class: 'btn btn-small node-add-group', 'data-act': 'add-group', text: 'scheme.add_group' }));
      }
      cells.push(acts);
    }
    return el('tr', {
      id: rowId(n), class: `node${gone ? ' is-removed' : ''}${group ? ' is-group' : ''}`, 'data-key': n.key, 'data-id': n.id ?? '',
      'data-depth': String(depth), 'data-kind': group ? 'group' : 'leaf', 'data-origin': n.origin, 'data-removed': String(Boolean(gone)),
    }, cells);
  }

  // Draws the tree again, keeping the focus on the same input of the same node.
  function drawTree() {
    const a = document.activeElement;
    const tr = a?.closest?.('#scheme-tree tr[data-key]');
    const keep = tr && treeBody.contains(a) ? { key: tr.dataset.key, field: a.dataset.field, param: a.dataset.param, act: a.dataset.act } : null;
    const rows = [];
    S.eachNode(model, (n, info) => rows.push(nodeRow(n, info)));
    treeBody.replaceChildren(...rows);
    if (keep) focusIn(keep.key, keep);
  }
  function focusIn(key, { field: f, param, act } = {}) {
    const tr = treeBody.querySelector(`tr[data-key="${key}"]`);
    if (!tr) return;
    const sel = param ? `[data-param="${param}"].scheme-input` : (f ? `[data-field="${f}"]` : (act ? `[data-act="${act}"]` : 'input, select, button'));
    (tr.querySelector(sel) ?? tr.querySelector('input, select, button'))?.focus();
  }

  // --- the adjustments ---------------------------------------------------------

  const adjBody = el('tbody');
  const ACOLS = ['adj_id', 'adj_name', 'adj_kind', 'adj_limit'];
  if (extended) ACOLS.push('change');
  if (editable) ACOLS.push('actions');
  const adjEmpty = el('p', { id: 'scheme-adjustments-empty', class: 'hint', text: 'scheme.adjustments_empty', hidden: true });
  const adjTable = el('div', { class: 'table-wrap' }, el('table', { class: 'table scheme-adjustments', id: 'scheme-adjustments' },
    el('thead', {}, el('tr', {}, ACOLS.map((k) => el('th', { scope: 'col', id: `scheme-acol-${k}`, text: `scheme.col.${k}` })))),
    adjBody));
  const adjAdd = editable ? el('div', { class: 'actions' },
    el('button', { type: 'button', id: 'adj-add', class: 'btn btn-small', text: 'scheme.adj_add' })) : null;

  function adjRow(a) {
    const live = editable && !a.removed;
    const rid = `adj-${a.key}`;
    const lab = (col) => `scheme-acol-${col} ${rid}-id`;
    const idCell = live && a.origin === 'new'
      ? el('input', { type: 'text', id: `${rid}-id`, class: 'scheme-input input-id', 'data-field': 'id', value: a.id ?? '', maxlength: '128', autocomplete: 'off', spellcheck: 'false', i18nAttrs: { placeholder: 'scheme.id_placeholder' } })
      : el('code', { id: `${rid}-id`, 'data-testid': 'adj-id', raw: a.id });
    let nameCell;
    let kindCell;
    let limitCell;
    if (live) {
      nameCell = el('input', { type: 'text', class: 'scheme-input input-name', 'data-field': 'name', value: a.name ?? '', maxlength: '1024', autocomplete: 'off', 'aria-labelledby': lab('adj_name') });
      if (a.origin === 'base') nameCell.setAttribute('placeholder', a.base.name ?? a.id);
      kindCell = el('select', { class: 'scheme-input input-kind', 'data-field': 'kind', 'aria-labelledby': lab('adj_kind') },
        S.ADJ_KINDS.map((k) => el('option', { value: k, text: `scheme.adj.${k}` })));
      kindCell.value = a.kind;
      if (a.kind === 'veto') {
        limitCell = el('label', { class: 'param' }, el('span', { id: `${rid}-cap`, class: 'param-name', text: 'scheme.adj_cap' }),
          el('select', { class: 'scheme-input input-cap', 'data-field': 'cap', 'aria-labelledby': `${rid}-cap ${rid}-id` },
            el('option', { value: '', text: 'scheme.adj_cap_default', args: { grade: defaultCap } }),
            grades.map((g) => el('option', { value: g.id, raw: g.name && g.name !== g.id ? `${g.name} (${g.id})` : g.id })),
            a.cap && !grades.some((g) => g.id === a.cap) ? el('option', { value: a.cap, raw: a.cap }) : null));
        limitCell.querySelector('select').value = a.cap ?? '';
      } else {
        limitCell = el('label', { class: 'param' }, el('span', { id: `${rid}-max`, class: 'param-name', text: 'scheme.adj_max' }),
          el('input', { type: 'text', inputmode: 'decimal', class: 'scheme-input input-param', 'data-field': 'max', value: num(a.max), autocomplete: 'off', 'aria-labelledby': `${rid}-max ${rid}-id` }));
      }
    } else {
      nameCell = el('span', { 'data-testid': 'adj-name', raw: a.name || a.base?.name || a.id });
      kindCell = el('span', { 'data-testid': 'adj-kind', text: `scheme.adj.${a.kind}` });
      const grade = grades.find((g) => g.id === a.cap);
      limitCell = a.kind === 'veto'
        ? el('span', { 'data-testid': 'adj-limit' }, el('span', { class: 'param-name', text: 'scheme.adj_cap' }), ' ',
          a.cap ? el('span', { raw: grade?.name || a.cap }) : el('span', { text: 'scheme.adj_cap_default', args: { grade: defaultCap } }))
        : el('span', { 'data-testid': 'adj-limit' }, el('span', { class: 'param-name', text: 'scheme.adj_max' }), ' ', el('span', { raw: num(a.max) }));
    }
    const cells = [el('th', { scope: 'row' }, idCell), el('td', {}, nameCell), el('td', {}, kindCell), el('td', {}, limitCell)];
    if (extended) cells.push(el('td', {}, el('span', { class: 'tag change-tag', 'data-testid': 'adj-change' })));
    if (editable) {
      const acts = el('td', { class: 'row-actions' });
      if (a.origin === 'base') {
        const box = el('input', { type: 'checkbox', id: `${rid}-remove`, class: 'node-remove', 'data-field': 'remove' });
        box.checked = a.removed;
        acts.append(el('span', { class: 'check-inline' }, box, el('label', { for: `${rid}-remove`, text: 'scheme.remove_flag' })));
      } else {
        acts.append(el('button', { type: 'button', class: 'btn btn-small node-delete', 'data-act': 'delete', text: 'scheme.delete' }));
      }
      cells.push(acts);
    }
    return el('tr', {
      id: rid, class: `adj${a.removed ? ' is-removed' : ''}`, 'data-key': a.key, 'data-id': a.id ?? '', 'data-kind': a.kind,
      'data-origin': a.origin, 'data-removed': String(a.removed),
    }, cells);
  }

  function drawAdjustments() {
    const a = document.activeElement;
    const tr = a?.closest?.('#scheme-adjustments tr[data-key]');
    const keep = tr && adjBody.contains(a) ? { key: tr.dataset.key, field: a.dataset.field } : null;
    adjBody.replaceChildren(...model.adjustments.map(adjRow));
    adjEmpty.hidden = model.adjustments.length > 0;
    adjTable.hidden = model.adjustments.length === 0;
    if (keep) adjBody.querySelector(`tr[data-key="${keep.key}"] [data-field="${keep.field}"]`)?.focus();
  }

  // --- the diff against the base ---------------------------------------------------

  const diffLists = {};
  let diffCard = null;
  if (extended) {
    const part = (kind) => {
      diffLists[kind] = el('ul', { id: `diff-${kind}`, class: `diff-list diff-${kind}` });
      const empty = el('p', { id: `diff-${kind}-empty`, class: 'hint', text: 'scheme.diff_none' });
      diffLists[kind].empty = empty;
      return el('section', { class: `diff-part diff-part-${kind}`, 'aria-labelledby': `diff-${kind}-h` },
        el('h3', { id: `diff-${kind}-h` }, el('span', { class: `tag change-tag change-${kind}`, text: `scheme.change.${kind}` }),
          ' ', el('span', { id: `diff-${kind}-count`, class: 'diff-count' })),
        diffLists[kind], empty);
    };
    diffCard = el('section', { id: 'scheme-diff', class: 'card scheme-diff', 'aria-labelledby': 'scheme-diff-h' },
      el('h2', { id: 'scheme-diff-h', text: 'scheme.diff', args: { base: doc.extends } }),
      el('p', { class: 'hint', text: 'scheme.diff_hint' }),
      el('div', { class: 'diff-parts' }, part('replaced'), part('removed'), part('added')));
  }

  const changeText = (c) => {
    const show = (v) => {
      if (isObj(v)) return S.ruleText(v);
      if (v === undefined || v === null || v === '') return '—';
      return typeof v === 'number' ? S.fmt(v) : String(v);
    };
    if (c.field === 'children') return el('span', { class: 'diff-change', 'data-field': 'children', text: 'scheme.diff_children' });
    return el('span', { class: 'diff-change', 'data-field': c.field, 'data-from': show(c.from), 'data-to': show(c.to) },
      el('span', { text: `scheme.field.${c.field}` }), ' ',
      el('span', { class: 'diff-from', raw: show(c.from) }), ' → ', el('span', { class: 'diff-to', raw: show(c.to) }));
  };

  function drawDiff() {
    if (!extended) return;
    const items = { replaced: [], removed: [], added: [] };
    const act = (kind, key) => (editable ? el('button', {
      type: 'button', class: 'btn btn-small diff-act', 'data-act': kind, 'data-key': key, text: `scheme.diff_act.${kind}`,
    }) : null);
    const label = (x) => [el('code', { raw: x.id || '?' }), ' ', el('span', { class: 'diff-name', raw: x.name || x.base?.name || '' })];
    S.eachNode(model, (n, { parent, gone }) => {
      if (n.removed && !(parent && parent.removed)) {
        const below = [];
        S.eachNode({ indicators: n.children ?? [] }, (c) => below.push(c));
        items.removed.push(el('li', { 'data-id': n.id, 'data-key': n.key, 'data-of': 'indicator' }, label(n),
          below.length ? el('span', { class: 'diff-note', text: 'scheme.diff_below', args: { n: below.length } }) : null, act('restore', n.key)));
      } else if (!gone && n.origin === 'new' && !(parent && parent.origin === 'new')) {
        const below = [];
        S.eachNode({ indicators: n.children ?? [] }, (c) => below.push(c));
        items.added.push(el('li', { 'data-id': n.id, 'data-key': n.key, 'data-of': 'indicator' }, label(n),
          el('span', { class: 'diff-note', text: 'scheme.diff_weight', args: { weight: S.fmt(n.weight) } }),
          parent ? el('span', { class: 'diff-note', text: 'scheme.diff_under', args: { parent: parent.id } }) : null,
          below.length ? el('span', { class: 'diff-note', text: 'scheme.diff_below', args: { n: below.length } }) : null,
          act('drop', n.key)));
      } else if (!gone && n.origin === 'base') {
        const cs = S.changesOf(n);
        if (cs.length) items.replaced.push(el('li', { 'data-id': n.id, 'data-key': n.key, 'data-of': 'indicator', 'data-fields': cs.map((c) => c.field).join(' ') },
          label(n), el('span', { class: 'diff-changes' }, cs.map(changeText)), act('revert', n.key)));
      }
    });
    for (const a of model.adjustments) {
      if (a.removed) items.removed.push(el('li', { 'data-id': a.id, 'data-key': a.key, 'data-of': 'adjustment' }, label(a), el('span', { class: 'diff-note', text: 'scheme.diff_adjustment' }), act('restore', a.key)));
      else if (a.origin === 'new') items.added.push(el('li', { 'data-id': a.id, 'data-key': a.key, 'data-of': 'adjustment' }, label(a), el('span', { class: 'diff-note', text: 'scheme.diff_adjustment' }), act('drop', a.key)));
      else if (a.origin === 'base') {
        const cs = S.changesOf(a);
        if (cs.length) items.replaced.push(el('li', { 'data-id': a.id, 'data-key': a.key, 'data-of': 'adjustment', 'data-fields': cs.map((c) => c.field).join(' ') },
          label(a), el('span', { class: 'diff-changes' }, cs.map(changeText)), act('revert', a.key)));
      }
    }
    for (const [kind, list] of Object.entries(diffLists)) {
      list.replaceChildren(...items[kind]);
      list.hidden = items[kind].length === 0;
      list.empty.hidden = items[kind].length > 0;
      list.dataset.count = String(items[kind].length);
      setText(diffCard.querySelector(`#diff-${kind}-count`), 'scheme.diff_count', { n: items[kind].length });
    }
  }

  // --- saving ---------------------------------------------------------------------

  const blockers = el('ul', { id: 'scheme-blockers', class: 'scheme-blockers', hidden: true });
  const clean = el('p', { id: 'scheme-clean', class: 'hint', text: 'scheme.clean', hidden: true });
  const errorBox = el('div', { id: 'scheme-error', class: 'form-error', role: 'alert', hidden: true });
  const done = el('p', { id: 'scheme-done', class: 'notice notice-ok', role: 'status', hidden: true, text: 'scheme.saved' });
  const problemList = problemsBox('scheme');
  const save = el('button', { type: 'button', id: 'scheme-save', class: 'btn btn-primary', text: 'scheme.save', disabled: true });
  const reset = el('button', { type: 'button', id: 'scheme-reset', class: 'btn', text: 'scheme.reset', disabled: true });
  const json = el('pre', { id: 'scheme-json', class: 'scheme-json' });
  const saveBar = editable ? el('section', { id: 'scheme-save-bar', class: 'card scheme-save', 'aria-labelledby': 'scheme-save-h' },
    el('h2', { id: 'scheme-save-h', class: 'visually-hidden', text: 'scheme.save_title' }),
    blockers, clean, errorBox, done,
    el('div', { class: 'actions' }, save, reset),
    problemList.node) : null;
  const jsonBox = el('details', { id: 'scheme-json-box', class: 'card scheme-json-box' },
    el('summary', { text: extended ? 'scheme.json_patch' : 'scheme.json' }), json);

  // Everything that follows the values: sums, points, marks, the diff, the
  // file and whether it may be saved.
  function refresh() {
    const nodes = byKey();
    const found = S.problems(model, new Set([...bad].map((k) => k.split(':')[0])));
    const wrong = new Set(found.map((p) => p.key).filter(Boolean));
    // Points, down the tree from 100.
    const points = new Map();
    const walk = (list, above) => S.live(list).forEach((n) => {
      const p = above * (Number.isFinite(n.weight) ? n.weight : NaN) / 100;
      points.set(n.key, p);
      if (n.children) walk(n.children, p);
    });
    walk(model.indicators, 100);
    for (const tr of treeBody.rows) {
      const { n, gone } = nodes.get(tr.dataset.key) ?? {};
      if (!n) continue;
      tr.dataset.id = n.id ?? '';
      const pts = tr.querySelector('.node-points');
      pts.textContent = gone ? '' : S.fmt(points.get(n.key));
      if (n.children) {
        const sum = S.sumOf(n.children);
        const ok = S.sumOk(sum) && S.live(n.children).length > 0;
        const box = tr.querySelector('.node-sum');
        tr.dataset.sum = S.fmt(sum);
        tr.dataset.sumOk = String(ok);
        tr.classList.toggle('sum-bad', !gone && !ok);
        box.classList.toggle('is-bad', !gone && !ok);
        if (S.live(n.children).length === 0) setText(box, 'scheme.sum_empty');
        else setText(box, ok || gone ? 'scheme.sum' : 'scheme.sum_bad', { sum: S.fmt(sum) });
      }
      if (extended) {
        const change = gone ? 'removed' : (n.origin === 'new' ? 'added' : (S.changesOf(n).length ? 'replaced' : 'same'));
        tr.dataset.change = change;
        const tag = tr.querySelector('.change-tag');
        tag.className = `tag change-tag change-${change}`;
        setText(tag, `scheme.change.${change}`);
      }
      tr.classList.toggle('is-wrong', wrong.has(n.key));
      for (const input of tr.querySelectorAll('[data-field="id"], [data-field="weight"]')) {
        const p = found.find((x) => x.key === n.key && (input.dataset.field === 'weight' ? x.code === 'weight' : x.code.startsWith('id_')));
        if (p) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
      for (const input of tr.querySelectorAll('[data-field="param"]')) {
        if (bad.has(`${n.key}:${input.dataset.param}`)) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      }
    }
    for (const tr of adjBody.rows) {
      const a = model.adjustments.find((x) => x.key === tr.dataset.key);
      if (!a) continue;
      tr.dataset.id = a.id ?? '';
      tr.classList.toggle('is-wrong', wrong.has(a.key));
      const max = tr.querySelector('[data-field="max"]');
      if (max) {
        if (bad.has(`${a.key}:max`) || found.some((x) => x.key === a.key && x.code === 'max')) max.setAttribute('aria-invalid', 'true');
        else max.removeAttribute('aria-invalid');
      }
      if (extended) {
        const change = a.removed ? 'removed' : (a.origin === 'new' ? 'added' : (S.changesOf(a).length ? 'replaced' : 'same'));
        tr.dataset.change = change;
        const tag = tr.querySelector('.change-tag');
        tag.className = `tag change-tag change-${change}`;
        setText(tag, `scheme.change.${change}`);
      }
    }
    const top = S.sumOf(model.indicators);
    const topOk = S.sumOk(top);
    topSum.dataset.sum = S.fmt(top);
    topSum.dataset.ok = String(topOk);
    topSum.classList.toggle('is-bad', !topOk);
    setText(topSum, topOk ? 'scheme.top_sum' : 'scheme.top_sum_bad', { sum: S.fmt(top) });
    drawDiff();

    current = S.toContent(model, saved, baseTree, schemeName);
    json.textContent = JSON.stringify(current.content, null, 2);
    if (!editable) return;
    const reasons = found.map((p) => {
      const n = p.key ? (nodes.get(p.key)?.n ?? model.adjustments.find((a) => a.key === p.key)) : null;
      return el('li', { 'data-code': p.code, 'data-key': p.key ?? '' },
        el('span', { text: `scheme.problem.${p.code}`, args: { id: n?.id || p.id || '?', sum: S.fmt(p.sum) } }));
    });
    if (!current.ok && reasons.length === 0) reasons.push(el('li', { 'data-code': 'patch', text: 'scheme.problem.patch' }));
    blockers.replaceChildren(...reasons);
    blockers.hidden = reasons.length === 0;
    const dirty = !S.same(current.content, initial);
    clean.hidden = dirty || reasons.length > 0;
    save.disabled = reasons.length > 0 || !dirty;
    save.dataset.blocked = String(reasons.length > 0);
    reset.disabled = !dirty;
    root.dataset.dirty = String(dirty);
  }

  function drawAll() {
    if (nameInput) nameInput.value = schemeName ?? '';
    drawTree();
    drawAdjustments();
    refresh();
  }

  // --- editing ---------------------------------------------------------------------

  const listOf = (key) => {
    let out = null;
    const walk = (list) => list.forEach((n) => {
      if (n.key === key) out = list;
      else if (n.children) walk(n.children);
    });
    walk(model.indicators);
    return out;
  };

  if (editable) {
    nameInput.addEventListener('input', () => {
      schemeName = nameInput.value;
      refresh();
    });
    const edited = () => {
      done.hidden = true;
    };
    treeBody.addEventListener('input', (ev) => {
      const input = ev.target;
      const tr = input.closest('tr[data-key]');
      const n = byKey().get(tr?.dataset.key)?.n;
      if (!n || input.tagName === 'SELECT' || input.type === 'checkbox') return;
      edited();
      const f = input.dataset.field;
      if (f === 'id') n.id = input.value.trim();
      else if (f === 'name') n.name = input.value;
      else if (f === 'unit') n.unit = input.value;
      else if (f === 'weight') {
        const v = S.parseNumber(input.value);
        n.weight = v === null ? NaN : v;
      } else if (f === 'param') {
        const p = input.dataset.param;
        const v = S.parseNumber(input.value);
        bad.delete(`${n.key}:${p}`);
        if (input.value.trim() === '') delete n.rule[p];
        else if (v === null) {
          delete n.rule[p];
          bad.add(`${n.key}:${p}`);
        } else n.rule[p] = v;
      }
      refresh();
    });
    treeBody.addEventListener('change', (ev) => {
      const input = ev.target;
      const tr = input.closest('tr[data-key]');
      const n = byKey().get(tr?.dataset.key)?.n;
      if (!n) return;
      const f = input.dataset.field;
      if (f === 'kind') {
        edited();
        const kind = input.value;
        const rule = { kind };
        for (const p of S.RULE_PARAMS[kind]) if (S.isGiven(n.rule?.[p])) rule[p] = n.rule[p];
        for (const p of S.PARAMS) if (!S.RULE_PARAMS[kind].includes(p)) bad.delete(`${n.key}:${p}`);
        n.rule = rule;
        drawTree();
        refresh();
      } else if (f === 'param' && input.tagName === 'SELECT') {
        edited();
        if (input.value) n.rule.better = input.value;
        else delete n.rule.better;
        refresh();
      } else if (f === 'remove') {
        edited();
        n.removed = input.checked;
        drawTree();
        refresh();
      }
    });
    const add = (list, kind) => {
      const n = S.newNode(kind);
      list.push(n);
      edited();
      drawTree();
      refresh();
      focusIn(n.key, { field: 'id' });
    };
    treeBody.addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-act]');
      if (!b) return;
      const key = b.closest('tr[data-key]')?.dataset.key;
      const { n, parent } = byKey().get(key) ?? {};
      if (!n) return;
      if (b.dataset.act === 'delete') {
        const list = listOf(key);
        list.splice(list.indexOf(n), 1);
        edited();
        drawTree();
        refresh();
        // The focus to where another could be added.
        if (parent) focusIn(parent.key, { act: 'add-leaf' });
        else addTop.querySelector('button')?.focus();
      } else if (b.dataset.act === 'add-leaf') add(n.children, 'leaf');
      else if (b.dataset.act === 'add-group') add(n.children, 'group');
    });
    addTop.addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-add]');
      if (b) add(model.indicators, b.dataset.add);
    });

    const adjOf = (ev) => model.adjustments.find((a) => a.key === ev.target.closest('tr[data-key]')?.dataset.key);
    adjBody.addEventListener('input', (ev) => {
      const a = adjOf(ev);
      const input = ev.target;
      if (!a || input.tagName === 'SELECT' || input.type === 'checkbox') return;
      edited();
      if (input.dataset.field === 'id') a.id = input.value.trim();
      else if (input.dataset.field === 'name') a.name = input.value;
      else if (input.dataset.field === 'max') {
        const v = S.parseNumber(input.value);
        bad.delete(`${a.key}:max`);
        if (input.value.trim() === '') a.max = undefined;
        else if (v === null) {
          a.max = undefined;
          bad.add(`${a.key}:max`);
        } else a.max = v;
      }
      refresh();
    });
    adjBody.addEventListener('change', (ev) => {
      const a = adjOf(ev);
      const input = ev.target;
      if (!a) return;
      if (input.dataset.field === 'kind') {
        a.kind = input.value;
        if (a.kind === 'veto') {
          a.max = undefined;
          bad.delete(`${a.key}:max`);
        } else a.cap = undefined;
        if (a.origin === 'base' && a.kind === a.base.kind) {
          a.max = a.base.max;
          a.cap = a.base.cap;
        }
      } else if (input.dataset.field === 'cap') a.cap = input.value || undefined;
      else if (input.dataset.field === 'remove') a.removed = input.checked;
      else return;
      edited();
      drawAdjustments();
      refresh();
    });
    adjBody.addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-act="delete"]');
      const a = b && adjOf(ev);
      if (!a) return;
      model.adjustments.splice(model.adjustments.indexOf(a), 1);
      edited();
      drawAdjustments();
      refresh();
    });
    adjAdd.addEventListener('click', () => {
      const a = S.newAdjustment();
      model.adjustments.push(a);
      edited();
      drawAdjustments();
      refresh();
      adjBody.querySelector(`tr[data-key="${a.key}"] [data-field="id"]`)?.focus();
    });

    // The diff's own actions: back to the base's values, restore, drop.
    diffCard?.addEventListener('click', (ev) => {
      const b = ev.target.closest('button[data-act]');
      if (!b) return;
      const key = b.dataset.key;
      const node = byKey().get(key)?.n;
      const adj = model.adjustments.find((a) => a.key === key);
      const x = node ?? adj;
      if (!x) return;
      if (b.dataset.act === 'restore') x.removed = false;
      else if (b.dataset.act === 'drop') {
        if (node) listOf(key).splice(listOf(key).indexOf(node), 1);
        else model.adjustments.splice(model.adjustments.indexOf(adj), 1);
      } else if (b.dataset.act === 'revert') {
        const o = x.base;
        if (node) {
          Object.assign(node, { name: o.name, weight: o.weight, unit: o.unit });
          if (!Array.isArray(o.children)) {
            node.rule = JSON.parse(JSON.stringify(o.rule ?? { kind: 'score' }));
            node.children = null;
          }
          for (const k of [...bad]) if (k.startsWith(`${key}:`)) bad.delete(k);
        } else {
          Object.assign(adj, { name: o.name, kind: o.kind, max: o.max, cap: o.cap });
          bad.delete(`${key}:max`);
        }
      }
      edited();
      drawTree();
      drawAdjustments();
      refresh();
    });

    reset.addEventListener('click', () => {
      start();
      errorBox.hidden = true;
      problemList.clear();
      done.hidden = true;
      drawAll();
      save.focus();
    });

    save.addEventListener('click', async () => {
      if (!current?.ok || save.disabled) return;
      errorBox.hidden = true;
      done.hidden = true;
      problemList.clear();
      for (const tr of root.querySelectorAll('tr.has-problem')) tr.classList.remove('has-problem');
      const content = current.content;
      save.disabled = true;
      saveBar.setAttribute('aria-busy', 'true');
      try {
        const answer = await api.put(`${base}/files`, { path: file, content });
        saved = isObj(answer.content) ? answer.content : content;
        start();
        drawAll();
        title.textContent = saved.name || saved.id;
        done.hidden = false;
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) return;
        showError(errorBox, err, keyFor);
        if (err.code === 'workbook_refused') {
          problemList.show(err);
          // The rows the refusal names, marked in the tree.
          const paths = S.pathsOf(content, model);
          const rows = problemList.node.querySelectorAll('tbody tr');
          err.details.filter((d) => d && typeof d === 'object').forEach((d, i) => {
            const key = S.keyAt(d.field, file, paths);
            if (!key) return;
            rows[i]?.setAttribute('data-key', key);
            root.querySelector(`tr[data-key="${key}"]`)?.classList.add('has-problem');
          });
        }
        refresh();
      } finally {
        saveBar.removeAttribute('aria-busy');
      }
    });
  }

  drawAll();

  const treeCard = el('section', { id: 'scheme-tree-card', class: 'card', 'aria-labelledby': 'scheme-tree-h' },
    el('h2', { id: 'scheme-tree-h', text: 'scheme.tree' }),
    el('p', { class: 'hint', text: editable ? 'scheme.tree_hint' : 'scheme.tree_hint_readonly' }),
    topSum,
    el('div', { class: 'table-wrap' }, tree),
    addTop);
  const adjCard = el('section', { id: 'scheme-adj-card', class: 'card', 'aria-labelledby': 'scheme-adj-h' },
    el('h2', { id: 'scheme-adj-h', text: 'scheme.adjustments' }),
    el('p', { class: 'hint', text: 'scheme.adjustments_hint' }),
    adjEmpty, adjTable, adjAdd);

  root.append(...[
    back,
    title,
    el('section', { class: 'card scheme-head', 'aria-labelledby': 'scheme-title' }, facts),
    note,
    diffCard,
    treeCard,
    adjCard,
    saveBar,
    jsonBox].filter(Boolean));
  applyTexts(root);
  return root;
}
