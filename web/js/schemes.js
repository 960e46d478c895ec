// schemes: a cycle's indicator schemes (指标体系; ASSESSMENT.md section 3,
// docs/assessment.md) as the scheme editor holds them — no DOM here.
//
// A scheme file is either whole (indicators and adjustments) or `extends` a
// base and lists patches: a node named by id takes the fields given, a
// `"remove": true` drops it, an unknown id is a new node added last under
// its `parent`. resolve() applies them exactly as the engine does
// (src/io/scheme_build.c), so the page can show what a customised scheme
// becomes. The editor works on a model of the resulting tree in which every
// node knows where it comes from (origin `own` in a whole scheme; `base` or
// `new` in one that extends) and removed base nodes stay in place, flagged;
// toContent() turns the model back into the file — for a customised scheme
// the shortest patch list against the base, checked by resolving it again.

export const RULE_KINDS = ['ratio', 'linear', 'step', 'threshold', 'rank', 'relative', 'score'];
// The parameters each rule kind takes (any other is refused by the engine).
export const RULE_PARAMS = {
  ratio: ['target', 'cap', 'better'],
  linear: ['floor', 'target', 'cap', 'better'],
  step: ['target', 'per_unit', 'at_target', 'cap', 'better'],
  threshold: ['target', 'cap', 'better'],
  rank: ['step', 'min', 'cap', 'better'],
  relative: ['cap', 'better'],
  score: ['cap'],
};
// The order parameters are written in.
export const PARAMS = ['target', 'floor', 'per_unit', 'at_target', 'step', 'min', 'cap', 'better'];
export const ADJ_KINDS = ['bonus', 'deduction', 'veto'];
// Siblings must sum to 100 within this (ASSESSMENT.md section 3).
export const SUM_EPS = 1e-9;
// The engine's limit on an id (bytes).
const ID_MAX = 128;

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const copy = (v) => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));
const given = (v) => v !== undefined && v !== null;
export const isGiven = given;

// Deep equality of JSON values, whatever the order of keys.
export function same(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (!isObj(a) || !isObj(b)) return false;
  const ka = Object.keys(a).filter((k) => a[k] !== undefined);
  const kb = Object.keys(b).filter((k) => b[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
}

export class SchemeError extends Error {
  constructor(code, id) {
    super(`${code}: ${id}`);
    this.code = code;
    this.id = id;
  }
}

// The node with this id anywhere in list: {list, at, parent} or null.
function findNode(list, id, parent = null) {
  for (let i = 0; i < list.length; i++) {
    if (list[i].id === id) return { list, at: i, parent };
    if (Array.isArray(list[i].children)) {
      const f = findNode(list[i].children, id, list[i]);
      if (f) return f;
    }
  }
  return null;
}

// Applies doc's patches to tree ({indicators, adjustments}, changed in
// place), in the order written, indicators first.
export function applyPatches(tree, doc) {
  for (const p of Array.isArray(doc.indicators) ? doc.indicators : []) {
    const f = findNode(tree.indicators, p.id);
    if (f) {
      if (p.remove === true) {
        f.list.splice(f.at, 1);
        continue;
      }
      if (given(p.parent) && p.parent !== (f.parent ? f.parent.id : null)) throw new SchemeError('bad_patch', p.id);
      const n = f.list[f.at];
      for (const k of ['name', 'unit', 'weight']) if (given(p[k])) n[k] = p[k];
      const rule = given(p.rule);
      const children = Array.isArray(p.children);
      if (rule) n.rule = copy(p.rule);
      if (children) n.children = copy(p.children);
      if (rule && !children) delete n.children;
      if (children && !rule) delete n.rule;
      continue;
    }
    if (p.remove === true) throw new SchemeError('unknown_indicator', p.id);
    const node = copy(p);
    delete node.parent;
    delete node.remove;
    if (!given(p.parent)) {
      tree.indicators.push(node);
      continue;
    }
    const pf = findNode(tree.indicators, p.parent);
    if (!pf) throw new SchemeError('unknown_parent', p.parent);
    const parent = pf.list[pf.at];
    if (!Array.isArray(parent.children)) parent.children = [];
    parent.children.push(node);
  }
  for (const p of Array.isArray(doc.adjustments) ? doc.adjustments : []) {
    const at = tree.adjustments.findIndex((a) => a.id === p.id);
    if (p.remove === true) {
      if (at < 0) throw new SchemeError('unknown_adjustment', p.id);
      tree.adjustments.splice(at, 1);
      continue;
    }
    const adj = copy(p);
    delete adj.remove;
    if (at < 0) tree.adjustments.push(adj);
    else if (given(p.kind)) tree.adjustments[at] = adj; // a new kind: the whole adjustment anew
    else for (const k of ['name', 'max', 'cap']) if (given(p[k])) tree.adjustments[at][k] = p[k];
  }
  return tree;
}

// What doc becomes: {indicators, adjustments}, following its `extends`
// through load(id) → the base's document (or undefined when there is none).
export function resolve(doc, load, seen = new Set()) {
  if (!given(doc.extends)) {
    return { indicators: copy(doc.indicators ?? []), adjustments: copy(doc.adjustments ?? []) };
  }
  if (seen.has(doc.id)) throw new SchemeError('extends_loop', doc.id);
  seen.add(doc.id);
  const base = load(doc.extends);
  if (!base) throw new SchemeError('unknown_base', doc.extends);
  return applyPatches(resolve(base, load, seen), doc);
}

// --- the model -------------------------------------------------------------

let seq = 0;
const newKey = () => `n${++seq}`;

// A node of the model: {key, id, name, weight, unit, rule, children (null
// for a leaf), origin, removed, base (the base's node for origin base)}.
function modelNode(spec, origin, base, removed = false) {
  return {
    key: newKey(),
    id: spec.id,
    name: spec.name,
    weight: spec.weight,
    unit: spec.unit,
    rule: Array.isArray(spec.children) ? null : (isObj(spec.rule) ? copy(spec.rule) : null),
    children: null,
    origin,
    removed,
    base,
  };
}

// The nodes of a base subtree, all flagged removed (a removal in place).
function removedTree(spec) {
  const n = modelNode(spec, 'base', spec, true);
  if (Array.isArray(spec.children)) n.children = spec.children.map(removedTree);
  return n;
}

// id → {node, parent (id or null), index} over a tree of specs.
function indexOf(list, parent = null, out = new Map()) {
  list.forEach((n, index) => {
    if (!out.has(n.id)) out.set(n.id, { node: n, parent, index });
    if (Array.isArray(n.children)) indexOf(n.children, n.id, out);
  });
  return out;
}

export function newNode(kind) {
  const n = modelNode({ id: '', weight: 0 }, 'new', null);
  if (kind === 'group') n.children = [];
  else n.rule = { kind: 'score' };
  return n;
}

export function newAdjustment() {
  return { key: newKey(), id: '', name: undefined, kind: 'bonus', max: undefined, cap: undefined, origin: 'new', removed: false, base: null };
}

function modelAdj(a, origin, base, removed = false) {
  return { key: newKey(), id: a.id, name: a.name, kind: a.kind, max: a.max, cap: a.cap, origin, removed, base };
}

// The model of doc. base: the resolved base ({indicators, adjustments}) of
// a scheme that extends one, else null.
export function buildModel(doc, base) {
  if (!base) {
    const own = (spec) => {
      const n = modelNode(spec, 'own', null);
      if (Array.isArray(spec.children)) n.children = spec.children.map(own);
      return n;
    };
    return {
      indicators: (Array.isArray(doc.indicators) ? doc.indicators : []).map(own),
      adjustments: (Array.isArray(doc.adjustments) ? doc.adjustments : []).map((a) => modelAdj(a, 'own', null)),
    };
  }
  const effective = applyPatches(copy(base), doc);
  const baseIndex = indexOf(base.indicators);
  const placed = new Set();
  // A node is the base's when the base has its id at the same place
  // (the same parent); otherwise it is new (added, or moved: removed and
  // added again).
  const make = (spec, parentId, parentNew) => {
    const b = baseIndex.get(spec.id);
    const isBase = !parentNew && b && b.parent === parentId && !placed.has(spec.id);
    if (isBase) placed.add(spec.id);
    const n = modelNode(spec, isBase ? 'base' : 'new', isBase ? b.node : null);
    if (Array.isArray(spec.children)) n.children = spec.children.map((c) => make(c, spec.id, !isBase));
    return n;
  };
  const indicators = effective.indicators.map((s) => make(s, null, false));
  // The base's nodes that are gone stay in place, flagged removed: each
  // after the last of its base siblings before it that is still there.
  const byId = new Map();
  const walk = (list) => list.forEach((n) => {
    if (n.origin === 'base') byId.set(n.id, n);
    if (n.children) walk(n.children);
  });
  walk(indicators);
  const restore = (specs, list) => {
    specs.forEach((spec, i) => {
      const there = byId.get(spec.id);
      if (there) {
        if (Array.isArray(spec.children) && there.children) restore(spec.children, there.children);
        return;
      }
      let at = 0;
      for (let k = i - 1; k >= 0; k--) {
        const before = list.findIndex((n) => n.origin === 'base' && n.id === specs[k].id);
        if (before >= 0) {
          at = before + 1;
          break;
        }
      }
      list.splice(at, 0, removedTree(spec));
    });
  };
  restore(base.indicators, indicators);

  const adjustments = effective.adjustments.map((a) => {
    const b = base.adjustments.find((x) => x.id === a.id);
    return modelAdj(a, b ? 'base' : 'new', b ?? null);
  });
  base.adjustments.forEach((b, i) => {
    if (adjustments.some((a) => a.origin === 'base' && a.id === b.id)) return;
    let at = 0;
    for (let k = i - 1; k >= 0; k--) {
      const before = adjustments.findIndex((a) => a.origin === 'base' && a.id === base.adjustments[k].id);
      if (before >= 0) {
        at = before + 1;
        break;
      }
    }
    adjustments.splice(at, 0, modelAdj(b, 'base', b, true));
  });
  return { indicators, adjustments };
}

export const live = (list) => (list ?? []).filter((n) => !n.removed);

// Every node of the model in pre-order, with its depth and parent; removed
// ones too (and what is under them, flagged `under_removed`).
export function eachNode(model, fn) {
  const walk = (list, depth, parent, gone) => list.forEach((n) => {
    fn(n, { depth, parent, gone: gone || n.removed });
    if (n.children) walk(n.children, depth + 1, n, gone || n.removed);
  });
  walk(model.indicators, 0, null, false);
}

// --- files out ---------------------------------------------------------------

// A rule as written: kind first, then its parameters in their order
// (those its kind does not take left out).
export function ruleSpec(rule) {
  if (!isObj(rule)) return rule;
  const out = { kind: rule.kind };
  const takes = RULE_PARAMS[rule.kind] ?? PARAMS;
  for (const k of Object.keys(rule)) if (k !== 'kind' && given(rule[k]) && takes.includes(k)) out[k] = rule[k];
  return out;
}

const nameOf = (n) => (typeof n.name === 'string' && n.name.trim() !== '' ? n.name : undefined);
const unitOf = (n) => (typeof n.unit === 'string' && n.unit.trim() !== '' ? n.unit : undefined);

// A whole node as written in a file (what is removed left out).
export function nodeSpec(n) {
  const o = { id: n.id };
  if (nameOf(n) !== undefined) o.name = n.name;
  o.weight = n.weight;
  if (unitOf(n) !== undefined) o.unit = n.unit;
  if (n.children) o.children = live(n.children).map(nodeSpec);
  else o.rule = ruleSpec(n.rule);
  return o;
}

export function adjSpec(a) {
  const o = { id: a.id };
  if (nameOf(a) !== undefined) o.name = a.name;
  o.kind = a.kind;
  if (a.kind !== 'veto' && given(a.max)) o.max = a.max;
  if (a.kind === 'veto' && typeof a.cap === 'string' && a.cap !== '') o.cap = a.cap;
  return o;
}

// What the model means, as specs (a base node's empty name or unit is the base's).
function effectiveOf(model) {
  const node = (n) => {
    const o = {
      id: n.id,
      name: nameOf(n) ?? (n.origin === 'base' ? n.base.name : undefined),
      weight: n.weight,
      unit: unitOf(n) ?? (n.origin === 'base' ? n.base.unit : undefined),
    };
    if (n.children) o.children = live(n.children).map(node);
    else o.rule = ruleSpec(n.rule);
    return o;
  };
  const adj = (a) => {
    const o = adjSpec(a);
    if (o.name === undefined && a.origin === 'base') o.name = a.base.name;
    return o;
  };
  return { indicators: live(model.indicators).map(node), adjustments: live(model.adjustments).map(adj) };
}

// The resolved specs, in the same shape as effectiveOf's.
function normal(tree) {
  const node = (n) => {
    const o = { id: n.id, name: n.name, weight: n.weight, unit: n.unit };
    if (Array.isArray(n.children)) o.children = n.children.map(node);
    else o.rule = ruleSpec(n.rule);
    return o;
  };
  const adj = (a) => {
    const o = { id: a.id, name: a.name, kind: a.kind };
    if (a.kind !== 'veto' && given(a.max)) o.max = a.max;
    if (a.kind === 'veto' && given(a.cap)) o.cap = a.cap;
    return o;
  };
  return { indicators: tree.indicators.map(node), adjustments: tree.adjustments.map(adj) };
}

// Whether base's children (specs) and the model's (with removed ones in
// place) differ only by removals and nodes added last.
function appendOnly(children, baseChildren) {
  let last = -1;
  let added = false;
  for (const c of children) {
    if (c.origin === 'base') {
      const at = baseChildren.findIndex((b) => b.id === c.id);
      if (added || at <= last) return false;
      last = at;
    } else {
      added = true;
    }
  }
  return true;
}

// The patches of a customised scheme: {removals, changes, additions} of
// indicators and of adjustments.
function patches(model, doc) {
  const ind = { removals: [], changes: [], additions: [] };
  // Where the file gave a node's whole list of children, it still does.
  const listed = new Set((Array.isArray(doc.indicators) ? doc.indicators : [])
    .filter((p) => isObj(p) && Array.isArray(p.children)).map((p) => p.id));
  // A field the file gave, even as the base has it, stays given.
  const wrote = new Map((Array.isArray(doc.indicators) ? doc.indicators : [])
    .filter((p) => isObj(p) && p.remove !== true).map((p) => [p.id, p]));
  const keeps = (n, k) => wrote.get(n.id)?.[k] !== undefined && wrote.get(n.id)[k] === n[k];
  const walk = (list, parent) => {
    for (const n of list) {
      if (n.removed) {
        if (n.origin === 'base') ind.removals.push({ id: n.id, remove: true });
        continue;
      }
      if (n.origin === 'new') {
        const o = nodeSpec(n);
        if (parent) o.parent = parent.id;
        ind.additions.push(o);
        continue;
      }
      const b = n.base;
      const o = { id: n.id };
      if (nameOf(n) !== undefined && (n.name !== b.name || keeps(n, 'name'))) o.name = n.name;
      if (n.weight !== b.weight || keeps(n, 'weight')) o.weight = n.weight;
      if (unitOf(n) !== undefined && (n.unit !== b.unit || keeps(n, 'unit'))) o.unit = n.unit;
      if (!n.children) {
        if (Array.isArray(b.children) || !same(ruleSpec(n.rule), ruleSpec(b.rule))) o.rule = ruleSpec(n.rule);
      } else if (!Array.isArray(b.children) || listed.has(n.id) || !appendOnly(n.children, b.children)) {
        o.children = live(n.children).map(nodeSpec);
      }
      if (Object.keys(o).length > 1) ind.changes.push(o);
      if (n.children && !o.children) walk(n.children, n);
    }
  };
  walk(model.indicators, null);

  const adj = { removals: [], changes: [], additions: [] };
  for (const a of model.adjustments) {
    if (a.removed) {
      if (a.origin === 'base') adj.removals.push({ id: a.id, remove: true });
      continue;
    }
    if (a.origin === 'new') {
      adj.additions.push(adjSpec(a));
      continue;
    }
    const b = a.base;
    if (a.kind !== b.kind) {
      adj.changes.push(adjSpec(a));
      continue;
    }
    const o = { id: a.id };
    let whole = false;
    if (nameOf(a) !== undefined && a.name !== b.name) o.name = a.name;
    if (a.kind !== 'veto' && a.max !== b.max) {
      if (given(a.max)) o.max = a.max;
      else whole = true;
    }
    if (a.kind === 'veto' && (a.cap || undefined) !== (b.cap || undefined)) {
      if (a.cap) o.cap = a.cap;
      else whole = true; // back to the default cap: only a whole adjustment says so
    }
    if (whole) adj.changes.push(adjSpec(a));
    else if (Object.keys(o).length > 1) adj.changes.push(o);
  }
  return { ind, adj };
}

// The patch entries in the order the file had them where it had them
// (an entry of the same id, a removal matching a removal), new ones after.
function inAuthorsOrder(entries, before) {
  const list = Array.isArray(before) ? before : [];
  const rank = (e) => {
    const at = list.findIndex((p) => isObj(p) && p.id === e.id && (p.remove === true) === (e.remove === true));
    return at < 0 ? Infinity : at;
  };
  return entries.map((e, i) => ({ e, r: rank(e), i })).sort((x, y) => (x.r - y.r) || (x.i - y.i)).map((x) => x.e);
}

// The file for the model: {content, ok}. doc: the file as read (its id,
// name, extends and the order of its keys and patches); base: the resolved
// base or null. ok is false when the patches would not give the model back
// (the page then refuses to save).
export function toContent(model, doc, base, name) {
  const head = { id: doc.id };
  const scheme = typeof name === 'string' && name.trim() !== '' ? name : undefined;
  if (scheme !== undefined) head.name = scheme;
  if (!base) {
    const content = { ...head, indicators: live(model.indicators).map(nodeSpec) };
    const adjs = live(model.adjustments).map(adjSpec);
    if (adjs.length || Array.isArray(doc.adjustments)) content.adjustments = adjs;
    return { content, ok: true };
  }
  head.extends = doc.extends;
  const { ind, adj } = patches(model, doc);
  const want = effectiveOf(model);
  const build = (order) => {
    const content = { ...head };
    const indicators = order(ind, doc.indicators);
    const adjustments = order(adj, doc.adjustments);
    if (indicators.length || Array.isArray(doc.indicators)) content.indicators = indicators;
    if (adjustments.length || Array.isArray(doc.adjustments)) content.adjustments = adjustments;
    return content;
  };
  const check = (content) => {
    try {
      return same(normal(applyPatches(copy(base), content)), want);
    } catch {
      return false;
    }
  };
  const canonical = (p) => [...p.removals, ...p.changes, ...p.additions];
  for (const order of [(p, before) => inAuthorsOrder(canonical(p), before), canonical]) {
    const content = build(order);
    if (check(content)) return { content, ok: true };
  }
  return { content: build(canonical), ok: false };
}

// --- checks ------------------------------------------------------------------

export const sumOf = (list) => live(list).reduce((s, n) => s + (typeof n.weight === 'number' ? n.weight : NaN), 0);
export const sumOk = (sum) => Number.isFinite(sum) && Math.abs(sum - 100) <= SUM_EPS;

// A number as a person writes it: "5", "-0.5", "1e3"; null when it is not one.
export function parseNumber(text) {
  const s = String(text ?? '').trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return null;
  const v = Number(s);
  return Number.isFinite(v) ? v : null;
}

// A sum or weight for reading: at most 6 decimals, no trailing zeros.
export const fmt = (x) => (Number.isFinite(x) ? String(Math.round(x * 1e6) / 1e6) : '—');

const idProblem = (id) => {
  if (typeof id !== 'string' || id === '') return 'id_empty';
  if (/[\u0000-\u001f\u007f]/.test(id)) return 'id_bad';
  if (new TextEncoder().encode(id).length > ID_MAX) return 'id_long';
  return null;
};

// What stops a save, found in the browser: [{code, key (the node's or
// adjustment's), id, sum}]. The server checks the rest (rules, grades …).
export function problems(model, bad = new Set()) {
  const out = [];
  const ids = new Map();
  const seen = (id, key) => {
    if (!id) return;
    if (ids.has(id)) out.push({ code: 'id_twice', key, id });
    else ids.set(id, key);
  };
  const top = sumOf(model.indicators);
  if (live(model.indicators).length === 0) out.push({ code: 'no_indicators', key: null });
  else if (!sumOk(top)) out.push({ code: 'top_sum', key: null, sum: top });
  eachNode(model, (n, { gone }) => {
    if (gone) return;
    const p = idProblem(n.id);
    if (p) out.push({ code: p, key: n.key, id: n.id });
    seen(n.id, n.key);
    if (!Number.isFinite(n.weight) || n.weight < 0 || n.weight > 100) out.push({ code: 'weight', key: n.key, id: n.id });
    if (n.children) {
      const sum = sumOf(n.children);
      if (live(n.children).length === 0) out.push({ code: 'empty_group', key: n.key, id: n.id });
      else if (!sumOk(sum)) out.push({ code: 'sum', key: n.key, id: n.id, sum });
    } else if (!n.rule || !RULE_KINDS.includes(n.rule.kind)) {
      out.push({ code: 'rule', key: n.key, id: n.id });
    }
  });
  for (const a of live(model.adjustments)) {
    const p = idProblem(a.id);
    if (p) out.push({ code: p, key: a.key, id: a.id });
    seen(a.id, a.key);
    if (a.kind !== 'veto' && (!Number.isFinite(a.max) || a.max < 0)) out.push({ code: 'max', key: a.key, id: a.id });
  }
  for (const key of bad) out.push({ code: 'number', key });
  return out;
}

// How a base node or adjustment differs from the base: [{field, from, to}].
export function changesOf(n) {
  if (n.origin !== 'base' || n.removed) return [];
  const b = n.base;
  const out = [];
  if (nameOf(n) !== undefined && n.name !== b.name) out.push({ field: 'name', from: b.name ?? b.id, to: n.name });
  if ('children' in n && 'rule' in n) {
    if (n.weight !== b.weight) out.push({ field: 'weight', from: b.weight, to: n.weight });
    if (unitOf(n) !== undefined && n.unit !== b.unit) out.push({ field: 'unit', from: b.unit, to: n.unit });
    if (!n.children && (Array.isArray(b.children) || !same(ruleSpec(n.rule), ruleSpec(b.rule)))) {
      out.push({ field: 'rule', from: b.rule, to: ruleSpec(n.rule) });
    }
    if (n.children && (!Array.isArray(b.children) || !appendOnly(n.children, b.children))) out.push({ field: 'children' });
  } else {
    if (n.kind !== b.kind) out.push({ field: 'kind', from: b.kind, to: n.kind });
    if (n.kind !== 'veto' && n.max !== b.max) out.push({ field: 'max', from: b.max, to: n.max });
    if (n.kind === 'veto' && (n.cap || undefined) !== (b.cap || undefined)) out.push({ field: 'cap', from: b.cap, to: n.cap });
  }
  return out;
}

// A rule in a line: "ratio target=5 cap=1.2".
export const ruleText = (rule) => (isObj(rule)
  ? [rule.kind, ...PARAMS.filter((k) => given(rule[k])).map((k) => `${k}=${rule[k]}`)].join(' ')
  : '—');

// Where a refusal's field ("schemes/x.json $.indicators[2].weight") points
// in the content saved: the key of the model node or adjustment written
// there, or null. paths: JSON path → key, from pathsOf().
export function keyAt(field, file, paths) {
  const s = String(field ?? '');
  if (!s.startsWith(`${file} `)) return null;
  let p = s.slice(file.length + 1);
  while (p) {
    if (paths.has(p)) return paths.get(p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) break;
    p = p.slice(0, cut);
  }
  return null;
}

// JSON path → model key for the entries of content (ids matched).
export function pathsOf(content, model) {
  const nodes = new Map();
  eachNode(model, (n) => {
    if (!nodes.has(n.id) || !n.removed) nodes.set(n.id, n.key);
  });
  const adjs = new Map(model.adjustments.map((a) => [a.id, a.key]));
  const out = new Map();
  const walk = (list, at) => (Array.isArray(list) ? list : []).forEach((e, i) => {
    const p = `${at}[${i}]`;
    if (isObj(e) && nodes.has(e.id)) out.set(p, nodes.get(e.id));
    if (isObj(e)) walk(e.children, `${p}.children`);
  });
  walk(content.indicators, '$.indicators');
  (Array.isArray(content.adjustments) ? content.adjustments : []).forEach((e, i) => {
    if (isObj(e) && adjs.has(e.id)) out.set(`$.adjustments[${i}]`, adjs.get(e.id));
  });
  return out;
}
