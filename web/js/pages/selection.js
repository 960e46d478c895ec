// One campaign of open selection or recruitment (/selections/{id};
// assessor), from GET /api/v1/selections/{id}: its posts with their
// eligibility rules (and a form to add one while applications are open),
// the application form (find a person by name, choose the post), and the
// applications by post in ranking order with the check's reasons, the
// scores (entered in the table at the written and interview stages), the
// total, rank and place; the buttons of each stage: save scores, make the
// shortlist, rank; withdraw and appoint once ranked. Every action is the
// server's (docs/deployment.md); its refusal is shown as it answers. The
// applications download as XLSX or CSV (GET /exports/selections/{id}),
// while the campaign is open, applications collected in a sheet are
// imported (POST /imports/selections/{id}/applications), and while a
// stage takes scores its sheet can be downloaded, filled in
// by the exam centre and imported (POST /imports/selections/{id}/scores:
// all or none, every problem listed by row and column).

import * as api from '../api.js';
import { el, t, showError } from '../i18n.js';
import {
  STAFF_TYPES, RANKS, staffKey, rankKey, loadAll, unitOptions, field, formKit, apiError, handledByShell,
} from '../staffing.js';
import { reasonText } from '../selection_texts.js';
import { exportLinks, sheetImport } from '../transfer.js';

export const title = 'sel.title';

const EDUS = ['doctor', 'master', 'bachelor', 'college'];
const input = (id, props = {}) => el('input', { id, name: id, ...props });
const optional = (id, values, keyOf) => el('select', { id, name: id },
  el('option', { value: '', text: 'sel.any' }), values.map((v) => el('option', { value: v, text: keyOf(v) })));

// A post's rules as one line of text.
function rulesText(r = {}) {
  const parts = [];
  if (r.age_min != null) parts.push(t('sel.rule.age_min', { n: r.age_min }));
  if (r.age_max != null) parts.push(t('sel.rule.age_max', { n: r.age_max }));
  if (r.rank_lowest) parts.push(t('sel.rule.rank_lowest', { r: t(rankKey(r.rank_lowest) ?? r.rank_lowest) }));
  if (r.rank_highest) parts.push(t('sel.rule.rank_highest', { r: t(rankKey(r.rank_highest) ?? r.rank_highest) }));
  if (r.years_min) parts.push(t('sel.rule.years_min', { n: r.years_min }));
  if (r.education) parts.push(t('sel.rule.education', { e: t(`sel.edu.${r.education}`) }));
  if (r.school_tier) parts.push(t('sel.rule.school_tier', { t: r.school_tier }));
  if (r.staff_types?.length) parts.push(t('sel.rule.staff_types', { s: r.staff_types.map((s) => t(staffKey(s) ?? s)).join('、') }));
  return parts.length ? parts.join('；') : t('sel.rule.none');
}

const score = (v) => (v === null || v === undefined ? '' : String(Math.round(v * 10000) / 10000));

// The import of a stage's scores: the stage, its sheet to download, the
// file (transfer.js' sheetImport). upload(fn, button) runs the import.
function scoresImport(id, stages, upload) {
  const stage = el('select', { id: 'scores-stage', name: 'scores-stage' },
    stages.map((v) => el('option', { value: v, text: `sel.stage.${v}` })));
  const sheet = sheetImport({
    prefix: 'scores', path: `/imports/selections/${encodeURIComponent(id)}/scores`, query: () => ({ stage: stage.value }),
    upload, submitText: 'sel.import_scores', sheetText: 'sel.scores_sheet', extra: [field('scores-stage', 'sel.f.stage', stage)],
  });
  stage.addEventListener('change', sheet.links);
  return [el('h3', { text: 'sel.import_scores' }), el('p', { class: 'hint', text: 'sel.scores_hint' }), sheet.form, sheet.problems];
}

// The import of applications collected in a sheet, while the campaign is
// open: each checked for eligibility as when made here.
function applicationsImport(id, upload) {
  const sheet = sheetImport({
    prefix: 'apps-import', path: `/imports/selections/${encodeURIComponent(id)}/applications`,
    upload, submitText: 'sel.import_apps',
  });
  return [el('h3', { text: 'sel.import_apps' }), el('p', { class: 'hint', text: 'sel.apps_hint' }), sheet.form, sheet.problems];
}

export async function render({ params }) {
  const id = params.id;
  const base = `/selections/${encodeURIComponent(id)}`;
  const root = el('section', { class: 'page page-selection', 'data-page': 'selection' });
  const units = await loadAll('/units').catch(() => []);

  async function draw(notice) {
    const c = await api.get(base);
    const s = c.selection;
    const postsById = Object.fromEntries(c.posts.map((p) => [p.id, p]));
    root.dataset.state = s.state;
    const head = [
      el('h1', { raw: s.name, tabindex: '-1', id: 'selection-name' }),
      el('p', {},
        el('span', { class: 'tag', text: `sel.kind.${s.kind}` }), ' ',
        el('span', { class: `tag tag-${s.state}`, id: 'selection-state', 'data-state': s.state, text: `sel.state.${s.state}` }), ' ',
        el('span', { class: 'hint', text: 'sel.weights', args: { w: s.written_weight, i: s.interview_weight, r: s.ratio } }), ' ',
        el('span', { class: 'hint', text: 'sel.document', args: { d: s.document } })),
    ];
    const error = el('div', { id: 'selection-error', class: 'form-error', role: 'alert', hidden: true });
    const done = el('p', { id: 'selection-done', class: 'notice notice-ok', role: 'status', hidden: !notice, text: notice ? 'sel.saved' : null });
    // Runs an action; on success draws the page again, else shows the
    // refusal and answers it.
    const act = async (fn, button) => {
      error.hidden = true;
      if (button) button.disabled = true;
      try {
        await fn();
        await draw(true);
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) throw err;
        showError(error, err);
        error.hidden = false;
        error.scrollIntoView?.({ block: 'nearest' });
        return err;
      } finally {
        if (button) button.disabled = false;
      }
    };

    // --- posts -----------------------------------------------------------------
    const postsSection = el('section', { class: 'card', id: 'selection-posts' }, el('h2', { text: 'sel.posts' }));
    if (c.posts.length === 0) postsSection.append(el('p', { class: 'hint', text: 'sel.no_posts' }));
    else {
      postsSection.append(el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'posts-table' },
        el('thead', {}, el('tr', {}, ['unit', 'title', 'places', 'rules', 'applications', 'eligible', 'appointed']
          .map((k) => el('th', { scope: 'col', text: `sel.pcol.${k}` })))),
        el('tbody', {}, c.posts.map((p) => el('tr', { 'data-post-id': String(p.id) },
          el('td', { raw: p.unit }), el('th', { scope: 'row', raw: p.title }),
          el('td', { class: 'num', raw: String(p.places) }),
          el('td', { 'data-testid': 'post-rules', raw: rulesText(p.rules) }),
          el('td', { class: 'num', raw: String(p.applications) }),
          el('td', { class: 'num', raw: String(p.eligible) }),
          el('td', { class: 'num', raw: String(p.appointed) })))))));
    }
    if (s.state === 'open') {
      const f = {
        unit_id: el('select', { id: 'post-unit', name: 'post-unit' }),
        title: input('post-title', { required: true }),
        staff_type: el('select', { id: 'post-staff-type', name: 'post-staff-type' },
          STAFF_TYPES.map((v) => el('option', { value: v, text: staffKey(v) }))),
        rank: optional('post-rank', RANKS, rankKey),
        places: input('post-places', { type: 'number', min: '1', value: '1' }),
        age_max: input('post-age-max', { type: 'number', min: '16', max: '70' }),
        rank_lowest: optional('post-rank-lowest', RANKS, rankKey),
        years_min: input('post-years-min', { type: 'number', min: '0', max: '70' }),
        education: optional('post-education', EDUS, (v) => `sel.edu.${v}`),
        school_tier: optional('post-school-tier', ['211', '985'], (v) => `sel.tier.${v}`),
      };
      unitOptions(f.unit_id, units);
      const kit = formKit('post-new', f, { aliases: { 'rules.age_max': 'age_max' } });
      const submit = el('button', { type: 'submit', class: 'btn', id: 'post-add', text: 'sel.add_post' });
      const actions = el('div', { class: 'form-actions' }, submit);
      const form = el('form', { id: 'post-form', class: 'form form-inline', novalidate: true },
        field('post-unit', 'sel.f.unit', f.unit_id), field('post-title', 'sel.f.title', f.title),
        field('post-staff-type', 'sel.f.staff_type', f.staff_type), field('post-rank', 'sel.f.rank', f.rank),
        field('post-places', 'sel.f.places', f.places), field('post-age-max', 'sel.f.age_max', f.age_max),
        field('post-rank-lowest', 'sel.f.rank_lowest', f.rank_lowest),
        field('post-years-min', 'sel.f.years_min', f.years_min),
        field('post-education', 'sel.f.education', f.education),
        field('post-school-tier', 'sel.f.school_tier', f.school_tier), actions);
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        kit.clear();
        const rules = {};
        if (f.age_max.value) rules.age_max = Number(f.age_max.value);
        if (f.rank_lowest.value) rules.rank_lowest = f.rank_lowest.value;
        if (f.years_min.value) rules.years_min = Number(f.years_min.value);
        if (f.education.value) rules.education = f.education.value;
        if (f.school_tier.value) rules.school_tier = f.school_tier.value;
        try {
          await api.post(`${base}/posts`, {
            unit_id: Number(f.unit_id.value), title: f.title.value, staff_type: f.staff_type.value,
            rank: f.rank.value || null, places: Number(f.places.value), rules,
          });
          await draw(true);
        } catch (e) {
          const err = apiError(e);
          if (handledByShell(err)) throw err;
          kit.fail(err, actions);
        }
      });
      postsSection.append(el('h3', { text: 'sel.add_post' }), form);
    }

    // --- applying ------------------------------------------------------------------
    let applySection = null;
    if (s.state === 'open' && c.posts.length) {
      const search = input('apply-search', { type: 'search' });
      const person = el('select', { id: 'apply-person', name: 'apply-person' });
      const post = el('select', { id: 'apply-post', name: 'apply-post' },
        c.posts.map((p) => el('option', { value: String(p.id), raw: `${p.unit} · ${p.title}` })));
      const find = el('button', { type: 'button', class: 'btn', id: 'apply-find', text: 'sel.find' });
      // Finding fills the choice of people; the page is not drawn again.
      find.addEventListener('click', async () => {
        error.hidden = true;
        try {
          const page = await api.get('/people', { query: { q: search.value, limit: 20 } });
          person.replaceChildren(...(page.items ?? []).map((x) => el('option', { value: String(x.id), raw: `${x.name} (${x.birth_date})` })));
        } catch (e) {
          const err = apiError(e);
          if (handledByShell(err)) throw err;
          showError(error, err);
          error.hidden = false;
        }
      });
      const submit = el('button', { type: 'button', class: 'btn btn-primary', id: 'apply-submit', text: 'sel.apply' });
      submit.addEventListener('click', () => act(() => api.post(`${base}/applications`,
        { post_id: Number(post.value), person_id: Number(person.value) }), submit));
      applySection = el('section', { class: 'card', id: 'selection-apply' }, el('h2', { text: 'sel.apply' }),
        el('div', { class: 'form form-inline' },
          field('apply-search', 'sel.f.search', search), find, field('apply-person', 'sel.f.person', person),
          field('apply-post', 'sel.f.post', post), submit));
    }

    // --- applications and scores ------------------------------------------------------------
    const apps = c.applications;
    const writtenOpen = s.state === 'open' || s.state === 'written';
    const interviewOpen = s.state === 'interview';
    const written = new Map();
    const interview = new Map();
    const appointBox = {
      start_date: input('appoint-start', { type: 'date' }),
      document: input('appoint-document'),
      reason: input('appoint-reason'),
    };
    const rows = apps.map((a) => {
      const p = postsById[a.post_id];
      const canWrite = writtenOpen && a.eligible && a.state === 'applied';
      const canInterview = interviewOpen && a.shortlisted && a.state === 'applied';
      const w = canWrite ? input(`written-${a.id}`, { type: 'number', min: '0', max: '100', step: 'any', value: score(a.written), class: 'score', 'aria-label': `${a.person_name} ${t('sel.acol.written')}` }) : null;
      const iv = canInterview ? input(`interview-${a.id}`, { type: 'number', min: '0', max: '100', step: 'any', value: score(a.interview), class: 'score', 'aria-label': `${a.person_name} ${t('sel.acol.interview')}` }) : null;
      if (w) written.set(a.id, w);
      if (iv) interview.set(a.id, iv);
      const actions = el('td', { class: 'row-actions' });
      if (s.state === 'ranked' && a.state === 'applied' && a.place !== null) {
        const appoint = el('button', { type: 'button', class: 'btn btn-small btn-primary', 'data-testid': 'appoint', text: 'sel.appoint' });
        appoint.addEventListener('click', () => act(() => api.post(`${base}/applications/${a.id}/appoint`, {
          start_date: appointBox.start_date.value, document: appointBox.document.value,
          allow_over: appointBox.reason.value.trim() !== '', reason: appointBox.reason.value || null,
        }), appoint));
        const withdraw = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'withdraw', text: 'sel.withdraw' });
        withdraw.addEventListener('click', () => act(() => api.post(`${base}/applications/${a.id}/withdraw`, {}), withdraw));
        actions.append(appoint, ' ', withdraw);
      }
      return el('tr', {
        'data-application-id': String(a.id), 'data-person': a.person_name, 'data-eligible': String(a.eligible),
        'data-shortlisted': String(a.shortlisted), 'data-state': a.state, 'data-place': a.place ?? '',
      },
      el('td', { class: 'num', 'data-testid': 'place', raw: a.place ?? '' }),
      el('th', { scope: 'row' }, el('a', { href: `/people/${a.person_id}`, raw: a.person_name })),
      el('td', { raw: p ? p.title : '' }),
      el('td', { 'data-testid': 'eligibility' },
        el('span', { class: `tag ${a.eligible ? 'tag-ok' : 'tag-warn'}`, text: a.eligible ? 'sel.eligible' : 'sel.ineligible' }),
        a.shortlisted ? [' ', el('span', { class: 'tag', 'data-testid': 'shortlisted', text: 'sel.shortlisted' })] : null,
        a.reasons.length ? el('ul', { class: 'reasons' }, a.reasons.map((r) => el('li', { 'data-code': r.code, raw: reasonText(r) }))) : null),
      el('td', { class: 'num', 'data-testid': 'written' }, w ?? score(a.written)),
      el('td', { class: 'num', 'data-testid': 'interview' }, iv ?? score(a.interview)),
      el('td', { class: 'num', 'data-testid': 'total', raw: score(a.total) }),
      el('td', { class: 'num', 'data-testid': 'rank', raw: a.rank ?? '' }),
      el('td', { 'data-testid': 'app-state', text: a.state === 'applied' ? null : `sel.astate.${a.state}` }),
      actions);
    });
    const appsSection = el('section', { class: 'card', id: 'selection-applications' }, el('h2', { text: 'sel.applications' }));
    if (apps.length === 0) appsSection.append(el('p', { class: 'hint', text: 'sel.no_applications' }));
    else {
      appsSection.append(el('div', { class: 'table-wrap' }, el('table', { class: 'table', id: 'applications-table' },
        el('thead', {}, el('tr', {}, ['place', 'person', 'post', 'eligible', 'written', 'interview', 'total', 'rank', 'state', 'actions']
          .map((k) => el('th', { scope: 'col', text: `sel.acol.${k}` })))),
        el('tbody', {}, rows))));
    }
    const buttons = el('div', { class: 'form-actions', id: 'selection-actions' });
    const scoresOf = (m) => [...m].map(([appId, node]) => ({
      application_id: appId, score: node.value.trim() === '' ? null : Number(node.value),
    }));
    const button = (id, key, fn) => {
      const b = el('button', { type: 'button', class: 'btn', id, text: key });
      b.addEventListener('click', () => act(fn, b));
      buttons.append(b, ' ');
    };
    if (written.size) button('save-written', 'sel.save_written', () => api.post(`${base}/scores`, { stage: 'written', scores: scoresOf(written) }));
    if (s.state === 'written' && s.interview_weight > 0) button('make-shortlist', 'sel.shortlist', () => api.post(`${base}/shortlist`, {}));
    if (interview.size) button('save-interview', 'sel.save_interview', () => api.post(`${base}/scores`, { stage: 'interview', scores: scoresOf(interview) }));
    if (s.state === 'interview' || (s.state === 'written' && s.interview_weight === 0)) button('rank', 'sel.rank', () => api.post(`${base}/rank`, {}));
    if (s.state === 'ranked') {
      buttons.append(field('appoint-start', 'sel.f.start_date', appointBox.start_date),
        field('appoint-document', 'sel.f.appoint_document', appointBox.document),
        field('appoint-reason', 'sel.f.reason', appointBox.reason));
    }
    appsSection.append(buttons);

    // --- spreadsheets: the export, and scores from the exam centre ---------------------
    const sheetsSection = el('section', { class: 'card', id: 'selection-sheets' }, el('h2', { text: 'sel.sheets' }),
      exportLinks('selection-export', `selections/${encodeURIComponent(id)}`).node);
    const stages = [writtenOpen ? 'written' : null, interviewOpen ? 'interview' : null].filter(Boolean);
    if (s.state === 'open' && c.posts.length) sheetsSection.append(...applicationsImport(id, act));
    if (stages.length && apps.length) sheetsSection.append(...scoresImport(id, stages, act));
    root.replaceChildren(...[...head, error, done, postsSection, applySection, appsSection, sheetsSection].filter(Boolean));
  }

  try {
    await draw(false);
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    const box = el('div', { id: 'selection-error', class: 'form-error', role: 'alert' });
    showError(box, err);
    root.replaceChildren(box);
  }
  return root;
}
