// The campaigns of open selection and recruitment (/selections; assessor):
// GET /api/v1/selections as a table (name linking to the campaign's page,
// kind, the day ages count to, stage, posts, applications, appointed), and
// a form to start one (POST /api/v1/selections), which opens its page.

import * as api from '../api.js';
import { el } from '../i18n.js';
import { field, formKit, apiError, handledByShell } from '../staffing.js';
import { navigate } from '../app.js';
import '../selection_texts.js';

export const title = 'sel.title';

const input = (id, props = {}) => el('input', { id, name: id, ...props });

export async function render() {
  const root = el('section', { class: 'page page-selections', 'data-page': 'selections' },
    el('h1', { text: 'sel.title', tabindex: '-1' }),
    el('p', { class: 'hint', text: 'sel.intro' }));
  const list = (await api.get('/selections')).items ?? [];
  if (list.length === 0) root.append(el('p', { id: 'selections-empty', class: 'notice', text: 'sel.empty' }));
  else {
    root.append(el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'selections-table' },
      el('thead', {}, el('tr', {}, ['name', 'kind', 'as_of', 'state', 'posts', 'applications', 'appointed']
        .map((k) => el('th', { scope: 'col', text: `sel.col.${k}` })))),
      el('tbody', {}, list.map((c) => el('tr', { 'data-selection-id': String(c.id), 'data-state': c.state },
        el('th', { scope: 'row' }, el('a', { href: `/selections/${c.id}`, raw: c.name })),
        el('td', { text: `sel.kind.${c.kind}` }),
        el('td', { class: 'date', raw: c.as_of }),
        el('td', {}, el('span', { class: `tag tag-${c.state}`, text: `sel.state.${c.state}` })),
        el('td', { class: 'num', raw: String(c.posts) }),
        el('td', { class: 'num', raw: String(c.applications) }),
        el('td', { class: 'num', raw: String(c.appointed) })))))));
  }

  // --- a new campaign -------------------------------------------------------------
  const f = {
    name: input('sel-name', { required: true, maxlength: '100' }),
    kind: el('select', { id: 'sel-kind', name: 'sel-kind' },
      ['selection', 'recruitment'].map((k) => el('option', { value: k, text: `sel.kind.${k}` }))),
    as_of: input('sel-as-of', { type: 'date', required: true }),
    written_weight: input('sel-written-weight', { type: 'number', min: '1', max: '100', value: '50' }),
    ratio: input('sel-ratio', { type: 'number', min: '1', max: '10', value: '3' }),
    document: input('sel-document', { required: true }),
  };
  const kit = formKit('sel-new', f);
  const submit = el('button', { type: 'submit', class: 'btn btn-primary', id: 'sel-create', text: 'sel.create' });
  const actions = el('div', { class: 'form-actions' }, submit);
  const form = el('form', { id: 'sel-new-form', class: 'card form', novalidate: true },
    el('h2', { text: 'sel.new' }),
    field('sel-name', 'sel.f.name', f.name), field('sel-kind', 'sel.f.kind', f.kind),
    field('sel-as-of', 'sel.f.as_of', f.as_of), field('sel-written-weight', 'sel.f.written_weight', f.written_weight),
    field('sel-ratio', 'sel.f.ratio', f.ratio), field('sel-document', 'sel.f.document', f.document),
    actions);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    kit.clear();
    submit.disabled = true;
    try {
      const res = await api.post('/selections', {
        name: f.name.value, kind: f.kind.value, as_of: f.as_of.value,
        written_weight: Number(f.written_weight.value), ratio: Number(f.ratio.value), document: f.document.value,
      });
      navigate(`/selections/${res.selection.id}`);
    } catch (e) {
      const err = apiError(e);
      if (handledByShell(err)) throw err;
      kit.fail(err, actions);
    } finally {
      submit.disabled = false;
    }
  });
  root.append(form);
  return root;
}
