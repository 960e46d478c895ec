// The investment projects page (/frontline/projects; assessor): the signed
// projects followed by Liangjiang's service commissioners (S5,
// docs/deployment.md) from GET /api/v1/projects, newest signing first, each
// with its commissioner, its approval progress (steps done of all, the
// overdue ones flagged), the target start of construction and, once
// started, the days from signing to start. Each opens its own page. The
// list with every step downloads as XLSX or CSV (GET /exports/projects).
// The form adds a project (POST /projects) with its commissioner, found by
// name; its approval steps are the template's (docs/api.md: Projects),
// shown with their due dates counted from the signing date as it is typed.

import * as api from '../api.js';
import { el, showError } from '../i18n.js';
import { loadAll, unitOptions, field, formKit, apiError, handledByShell, named, yuan } from '../staffing.js';
import { exportLinks } from '../transfer.js';
import { keyFor, frontlineTabs, progress, personPicker } from '../deploy.js';

export const title = 'fl.projects_title';

// The server's template (app/projects.c, docs/api.md): name, authority,
// days after the signing it is due. Shown only; the server makes the steps.
const TEMPLATE = [
  ['项目备案', '发展改革局', 15], ['用地手续', '规划和自然资源局', 60], ['规划许可', '规划和自然资源局', 90],
  ['环境影响评价', '生态环境局', 90], ['施工许可', '建设管理局', 120],
];

function addDays(iso, n) {
  const [y, m, d] = iso.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return t.toISOString().slice(0, 10);
}

function projectRow(p) {
  return el('tr', { 'data-project-id': String(p.id), 'data-project-name': p.name ?? '', class: p.steps_overdue ? 'project-late' : null },
    el('th', { scope: 'row', 'data-testid': 'project-name' },
      el('a', { href: `/frontline/projects/${encodeURIComponent(p.id)}`, raw: p.name ?? '' }),
      el('span', { class: 'hint project-investor', raw: p.investor ?? '' })),
    el('td', { 'data-testid': 'project-industry' }, named(null, p.industry)),
    el('td', { class: 'num', 'data-testid': 'project-amount', raw: yuan(p.amount_fen) }),
    el('td', { 'data-testid': 'project-commissioner' }, named(null, p.commissioner)),
    el('td', { class: 'date', 'data-testid': 'project-signed', raw: p.signed_on ?? '' }),
    el('td', { 'data-testid': 'project-steps' }, progress(p)),
    el('td', { class: 'date', 'data-testid': 'project-target', raw: p.target_start ?? '' }),
    el('td', { 'data-testid': 'project-started' }, p.started_on
      ? el('span', { text: 'fl.started_days', args: { date: p.started_on, days: p.days_to_start } })
      : el('span', { class: 'tag tag-future', text: 'fl.not_started' })));
}

export async function render() {
  const root = el('section', { class: 'page page-projects', 'data-page': 'projects' },
    el('h1', { text: 'fl.projects_title', tabindex: '-1' }),
    frontlineTabs('/frontline/projects', true),
    el('p', { class: 'hint', text: 'fl.projects_intro' }));
  const listError = el('div', { id: 'projects-error', class: 'form-error', role: 'alert', hidden: true });
  const list = el('div', { id: 'projects-list' });

  async function load() {
    let page;
    try {
      page = await api.get('/projects');
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      showError(listError, err);
      return;
    }
    const items = Array.isArray(page.items) ? page.items : [];
    list.dataset.count = String(items.length);
    list.replaceChildren(items.length
      ? el('div', { class: 'table-wrap' },
        el('table', { class: 'table projects-table', id: 'projects-table' },
          el('thead', {}, el('tr', {}, ['name', 'industry', 'amount', 'commissioner', 'signed', 'steps', 'target', 'started']
            .map((k) => el('th', { scope: 'col', class: k === 'amount' ? 'num' : null, text: `fl.pcol.${k}` })))),
          el('tbody', {}, items.map(projectRow))))
      : el('p', { class: 'hint', text: 'fl.projects_empty' }));
  }

  // --- add a project ----------------------------------------------------------------

  const name = el('input', { id: 'project-name-input', name: 'name', type: 'text', maxlength: '100', autocomplete: 'off', required: true });
  const investor = el('input', { id: 'project-investor', name: 'investor', type: 'text', maxlength: '100', autocomplete: 'off', required: true });
  const industry = el('input', { id: 'project-industry', name: 'industry', type: 'text', maxlength: '50', autocomplete: 'off', required: true });
  const amount = el('input', { id: 'project-amount', name: 'amount', type: 'text', inputmode: 'decimal', autocomplete: 'off', 'aria-describedby': 'project-amount-hint' });
  const unit = el('select', { id: 'project-unit', name: 'unit_id' });
  const commissioner = personPicker('project-commissioner', 'fl.commissioner');
  const signed = el('input', { id: 'project-signed', name: 'signed_on', type: 'date', required: true });
  const target = el('input', { id: 'project-target', name: 'target_start', type: 'date', required: true });
  const stepsBody = el('tbody');
  const drawTemplate = () => stepsBody.replaceChildren(...TEMPLATE.map(([n, auth, days], i) => el('tr', {},
    el('td', { class: 'num', raw: String(i + 1) }), el('td', { raw: n }), el('td', { raw: auth }),
    el('td', { class: 'date', 'data-testid': 'template-due' }, signed.value
      ? el('span', { raw: addDays(signed.value, days) })
      : el('span', { text: 'fl.due_after', args: { days } })))));
  signed.addEventListener('change', drawTemplate);
  drawTemplate();
  const submit = el('button', { type: 'submit', id: 'project-add-submit', class: 'btn btn-primary', text: 'fl.project_add_submit' });
  const actions = el('div', { class: 'actions' }, submit);
  const fields = {
    name, investor, industry, amount_fen: amount, unit_id: unit, commissioner_id: commissioner.select,
    signed_on: signed, target_start: target,
  };
  const kit = formKit('project-add', fields, { keyFor });
  const form = el('form', { id: 'project-add-form', class: 'form', novalidate: true },
    el('div', { class: 'field-row' }, field('project-name-input', 'fl.project_name', name),
      field('project-investor', 'fl.investor', investor), field('project-industry', 'fl.industry', industry)),
    el('div', { class: 'field-row' }, field('project-amount', 'fl.amount', amount, 'fl.amount_hint'),
      field('project-unit', 'fl.project_unit', unit)),
    el('div', { class: 'field-row' }, commissioner.node),
    el('div', { class: 'field-row' }, field('project-signed', 'fl.signed_on', signed), field('project-target', 'fl.target_start', target)),
    el('h3', { text: 'fl.template_steps' }),
    el('div', { class: 'table-wrap' }, el('table', { class: 'table template-table', id: 'template-table' },
      el('thead', {}, el('tr', {}, ['position', 'step', 'authority', 'due'].map((k) => el('th', { scope: 'col', text: `fl.scol.${k}` })))),
      stepsBody)),
    kit.done, actions);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    kit.clear();
    for (const [n, key] of [[name, 'fl.need_project_name'], [investor, 'fl.need_investor'], [industry, 'fl.need_industry']]) {
      if (!n.value.trim()) return kit.local(n, key);
    }
    const a = amount.value.trim().replace(/,/g, '');
    if (a !== '' && !/^\d{1,13}(\.\d{1,2})?$/.test(a)) return kit.local(amount, 'fl.need_amount');
    if (!unit.value) return kit.local(unit, 'fl.need_unit');
    if (!signed.value) return kit.local(signed, 'fl.need_date');
    if (!target.value) return kit.local(target, 'fl.need_date');
    const [whole, cents = ''] = (a || '0').split('.');
    const body = {
      name: name.value.trim(), investor: investor.value.trim(), industry: industry.value.trim(),
      amount_fen: Number(whole) * 100 + Number(cents.padEnd(2, '0')), unit_id: Number(unit.value),
      signed_on: signed.value, target_start: target.value,
    };
    if (commissioner.select.value) body.commissioner_id = Number(commissioner.select.value);
    submit.disabled = true;
    try {
      const made = await api.post('/projects', body);
      kit.done.replaceChildren(el('span', { text: 'fl.project_added', args: { name: made.name ?? body.name } }), ' ',
        el('a', { href: `/frontline/projects/${made.id}`, id: 'project-add-open', text: 'fl.open' }));
      kit.done.hidden = false;
      for (const n of [name, investor, industry, amount]) n.value = '';
      await load();
    } catch (e) {
      const err = apiError(e);
      if (!handledByShell(err)) kit.fail(err, actions);
    } finally {
      submit.disabled = false;
    }
  });

  let units = [];
  try {
    units = await loadAll('/units');
  } catch (e) {
    if (handledByShell(apiError(e))) throw e;
  }
  unitOptions(unit, units, [el('option', { value: '', text: 'fl.choose' })]);
  await load();

  root.append(
    el('div', { class: 'toolbar' }, exportLinks('projects-export', 'projects').node),
    listError, list,
    el('details', { id: 'project-add', class: 'card project-add' },
      el('summary', { id: 'project-add-toggle' }, el('h2', { text: 'fl.project_add_title' })), form));
  return root;
}
