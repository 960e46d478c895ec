// One investment project (/frontline/projects/{id}; assessor): GET
// /api/v1/projects/{id}: its investor, industry, amount, unit and service
// commissioner, the signing and the target start, and its approval steps
// as a timeline — each step's authority, its due date against its
// completion, the overdue ones in red. A pending step is marked done on a
// date (POST /projects/{id}/steps/{step}/done). The start of construction
// is recorded on a date (POST /projects/{id}/start); while a step is not
// done the server refuses it (409 steps_pending) and its reason is shown.
// Once started, the days from signing to start. The enterprise's rating of
// its commissioner (0-100, POST /projects/{id}/rating) is recorded below.

import * as api from '../api.js';
import { el, showError } from '../i18n.js';
import { field, formKit, apiError, handledByShell, named, yuan } from '../staffing.js';
import { keyFor, today, frontlineTabs, progress } from '../deploy.js';

export const title = 'fl.project_title';

export async function render({ params }) {
  const id = params.id;
  const root = el('section', { class: 'page page-project', 'data-page': 'project', 'data-project-id': id });
  const back = el('p', { class: 'back' }, el('a', { href: '/frontline/projects', id: 'project-back', text: 'fl.back_projects' }));
  const body = el('div');
  const stepError = el('div', { id: 'step-error', class: 'form-error', role: 'alert', hidden: true });
  let p;

  const fact = (key, node, testid) => [el('dt', { text: key }), el('dd', { 'data-testid': testid }, node)];

  function stepItem(s) {
    const dateIn = el('input', { type: 'date', class: 'ap-date', 'data-testid': 'step-date', value: today(), 'aria-label': s.name });
    const done = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': 'step-done', text: 'fl.step_done' });
    done.addEventListener('click', async () => {
      stepError.hidden = true;
      done.disabled = true;
      try {
        p = await api.post(`/projects/${encodeURIComponent(id)}/steps/${encodeURIComponent(s.id)}/done`, { done_on: dateIn.value });
        draw();
      } catch (e) {
        const err = apiError(e);
        if (handledByShell(err)) return;
        showError(stepError, err, keyFor);
        li.append(stepError);
        done.disabled = false;
      }
    });
    const li = el('li', { class: `ap-step ap-step-${s.state}`, 'data-step-id': String(s.id), 'data-state': s.state ?? '', 'data-step-name': s.name ?? '' },
      el('span', { class: 'ap-dot', 'aria-hidden': 'true' }),
      el('div', { class: 'ap-body' },
        el('p', { class: 'ap-head' },
          el('strong', { class: 'ap-name', raw: `${s.position}. ${s.name ?? ''}` }),
          el('span', { class: 'ap-authority', raw: s.authority ?? '' }),
          el('span', { class: `tag tag-step tag-${s.state}`, 'data-testid': 'step-state', text: `fl.step.${s.state}` })),
        el('p', { class: 'ap-dates' },
          el('span', { 'data-testid': 'step-due', text: 'fl.due_on', args: { date: s.due_on ?? '' } }),
          s.done_on ? el('span', { 'data-testid': 'step-done-on', text: 'fl.done_on', args: { date: s.done_on } }) : null),
        s.state === 'done' ? null : el('div', { class: 'ap-actions' }, dateIn, done)));
    return li;
  }

  // The start of construction: a date and the button; the server's refusal
  // (steps_pending, cannot_start) under it.
  const startDate = el('input', { id: 'project-start-date', name: 'started_on', type: 'date', required: true, value: today() });
  const startButton = el('button', { type: 'submit', id: 'project-start', class: 'btn btn-primary', text: 'fl.start_submit' });
  const startActions = el('div', { class: 'actions' }, startButton);
  const startKit = formKit('project-start', { started_on: startDate }, { keyFor });
  const startForm = el('form', { id: 'project-start-form', class: 'form', novalidate: true },
    el('p', { class: 'hint', text: 'fl.start_hint' }),
    field('project-start-date', 'fl.start_date', startDate), startActions);
  startForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    startKit.clear();
    if (!startDate.value) return startKit.local(startDate, 'fl.need_date');
    startButton.disabled = true;
    try {
      p = await api.post(`/projects/${encodeURIComponent(id)}/start`, { started_on: startDate.value });
      draw();
    } catch (e) {
      const err = apiError(e);
      if (!handledByShell(err)) startKit.fail(err, startActions);
    } finally {
      startButton.disabled = false;
    }
  });
  // The enterprise's rating of the commissioner.
  const ratingScore = el('input', { id: 'project-rating', name: 'rating', type: 'number', min: '0', max: '100', step: '1' });
  const ratingDate = el('input', { id: 'project-rating-date', name: 'rated_on', type: 'date', value: today() });
  const ratingButton = el('button', { type: 'submit', id: 'project-rate', class: 'btn', text: 'fl.rating_submit' });
  const ratingActions = el('div', { class: 'actions' }, ratingButton);
  const ratingKit = formKit('project-rating', { rating: ratingScore, rated_on: ratingDate }, { keyFor });
  const ratingForm = el('form', { id: 'project-rating-form', class: 'form form-inline', novalidate: true },
    field('project-rating', 'fl.rating_score', ratingScore), field('project-rating-date', 'fl.rating_date', ratingDate),
    ratingActions);
  ratingForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    ratingKit.clear();
    ratingButton.disabled = true;
    try {
      p = await api.post(`/projects/${encodeURIComponent(id)}/rating`, {
        rating: ratingScore.value === '' ? null : Number(ratingScore.value), rated_on: ratingDate.value });
      draw();
    } catch (e) {
      const err = apiError(e);
      if (!handledByShell(err)) ratingKit.fail(err, ratingActions);
    } finally {
      ratingButton.disabled = false;
    }
  });
  const ratingCard = el('section', { id: 'project-rating-card', class: 'card', 'aria-labelledby': 'project-rating-heading' },
    el('h2', { id: 'project-rating-heading', text: 'fl.rating' }), el('p', { class: 'hint', text: 'fl.rating_hint' }),
    ratingForm);

  const startCard = el('section', { id: 'project-start-card', class: 'card', 'aria-labelledby': 'project-start-heading' },
    el('h2', { id: 'project-start-heading', text: 'fl.start_title' }), startForm);

  function draw() {
    const steps = Array.isArray(p.steps) ? p.steps : [];
    root.dataset.started = String(Boolean(p.started_on));
    body.replaceChildren(
      el('h1', { id: 'project-name', tabindex: '-1', raw: p.name ?? '' }),
      el('div', { class: 'card project-facts' },
        el('dl', { class: 'facts' },
          fact('fl.investor', named(null, p.investor), 'project-investor'),
          fact('fl.industry', named(null, p.industry), 'project-industry'),
          fact('fl.amount', el('span', { raw: yuan(p.amount_fen) }), 'project-amount'),
          fact('fl.project_unit', named(null, p.unit), 'project-unit'),
          fact('fl.commissioner', p.commissioner_id
            ? el('a', { href: `/people/${encodeURIComponent(p.commissioner_id)}`, raw: p.commissioner ?? '' })
            : named(null, null), 'project-commissioner'),
          fact('fl.signed_on', el('span', { raw: p.signed_on ?? '' }), 'project-signed'),
          fact('fl.target_start', el('span', { raw: p.target_start ?? '' }), 'project-target'),
          fact('fl.progress', progress(p), 'project-progress-fact'),
          fact('fl.started_on', p.started_on
            ? el('span', { id: 'project-started-on', raw: p.started_on })
            : el('span', { class: 'tag tag-future', text: 'fl.not_started' }), 'project-started'),
          p.started_on ? fact('fl.days_to_start', el('strong', { id: 'project-days', raw: String(p.days_to_start ?? '') }), 'project-days') : null,
          fact('fl.rating', p.rating === null || p.rating === undefined
            ? el('span', { class: 'none', text: 'fl.rating_none' })
            : el('span', { id: 'project-rating-given', text: 'fl.rating_given', args: { score: p.rating, date: p.rated_on ?? '' } }),
          'project-rating-fact'))),
      el('section', { class: 'card project-steps', 'aria-labelledby': 'steps-heading' },
        el('h2', { id: 'steps-heading', text: 'fl.steps_title' }),
        el('ol', { id: 'project-steps', class: 'step-timeline', 'data-count': String(steps.length) }, steps.map(stepItem))),
      p.started_on ? null : startCard,
      p.commissioner_id ? ratingCard : null);
  }

  try {
    p = await api.get(`/projects/${encodeURIComponent(id)}`);
  } catch (e) {
    const err = apiError(e);
    if (handledByShell(err)) throw err;
    if (err.status === 404) {
      root.append(back, el('h1', { tabindex: '-1', text: 'fl.project_not_found' }));
      return root;
    }
    const box = el('div', { class: 'form-error', role: 'alert' });
    showError(box, err);
    root.append(back, el('h1', { tabindex: '-1', text: 'fl.project_title' }), box);
    return root;
  }
  draw();
  root.append(back, frontlineTabs('/frontline/projects', true), body);
  return root;
}
