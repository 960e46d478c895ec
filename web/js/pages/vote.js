// The rater's ballot (/vote; public: no account). The code comes from the
// address's fragment (/vote#CODE: the part after # is never sent to the
// server, so no access log holds it) or is typed in; it is then taken out
// of the address. POST /api/v1/ballot/form {token} answers the cycle, the
// component, the rater group, the subjects and the levels (and whether
// abstaining is allowed; with no scale a rating is a number 0–100);
// POST /api/v1/ballot {token, ratings:[{subject, level}]} counts the
// ballot and spends the code, then a thank-you. Every subject must be
// answered (弃权 / abstain is an answer). A questionnaire's own questions,
// when the form lists them (choice, a scale of 1 to 5, text), follow the
// subjects and go as "answers": [{question_id, answer}] (a choice by its
// option's index); required ones must be answered. The refusals
// unknown_token, token_spent and cycle_not_open are said plainly.
// Phone-sized first.

import * as api from '../api.js';
import { el, showError, has } from '../i18n.js';
import { apiError } from '../staffing.js';
import { cleanCode } from '../assess.js';

export const title = 'vote.title';

const keyFor = (code) => (has(`vote.error.${code}`) ? `vote.error.${code}` : `error.${code}`);

// A level's name: the usual ones have a text, any other shows its id.
const levelProps = (level) => (has(`vote.level.${level}`) ? { text: `vote.level.${level}` } : { raw: level });

export function render() {
  const root = el('section', { class: 'page page-vote', 'data-page': 'vote' });
  const heading = el('h1', { tabindex: '-1', text: 'vote.title' });

  // --- the code -------------------------------------------------------------------
  const code = el('input', {
    id: 'vote-code', name: 'code', type: 'text', maxlength: '40', autocomplete: 'off', autocapitalize: 'characters',
    spellcheck: 'false', class: 'vote-code-input', 'aria-describedby': 'vote-code-hint', required: true,
  });
  const start = el('button', { type: 'submit', id: 'vote-start', class: 'btn btn-primary', text: 'vote.start' });
  const codeError = el('div', { id: 'vote-code-error', class: 'form-error', role: 'alert', hidden: true });
  const codeForm = el('form', { id: 'vote-code-form', class: 'form card vote-code-form', novalidate: true },
    el('div', { class: 'field', 'data-field': 'vote-code' },
      el('label', { for: 'vote-code', text: 'vote.code' }), code,
      el('p', { id: 'vote-code-hint', class: 'hint field-hint', text: 'vote.code_hint' })),
    codeError,
    el('div', { class: 'actions' }, start));

  const ballotBox = el('div', { id: 'vote-ballot-box' });
  const thanks = el('section', { id: 'vote-thanks', class: 'notice notice-ok vote-thanks', role: 'status', hidden: true, tabindex: '-1' },
    el('h2', { text: 'vote.thanks_title' }),
    el('p', { text: 'vote.thanks' }));

  function fail(box, err) {
    showError(box, err, keyFor);
    box.hidden = false;
  }

  async function openBallot(token) {
    codeError.hidden = true;
    thanks.hidden = true;
    ballotBox.replaceChildren();
    if (token.length !== 16) {
      codeError.replaceChildren(el('strong', { text: 'vote.need_code' }));
      codeError.dataset.code = 'bad_code';
      codeError.hidden = false;
      code.setAttribute('aria-invalid', 'true');
      code.focus();
      return;
    }
    code.removeAttribute('aria-invalid');
    start.disabled = true;
    root.setAttribute('aria-busy', 'true');
    let form;
    try {
      form = await api.post('/ballot/form', { token }, { noAuthRedirect: true });
    } catch (e) {
      fail(codeError, apiError(e));
      code.setAttribute('aria-invalid', 'true');
      return;
    } finally {
      start.disabled = false;
      root.removeAttribute('aria-busy');
    }
    ballotBox.replaceChildren(ballot(token, form));
    codeForm.hidden = true;
    ballotBox.querySelector('h2')?.focus();
  }

  // --- the ballot -------------------------------------------------------------------
  function ballot(token, form) {
    const subjects = Array.isArray(form.subjects) ? form.subjects : [];
    const levels = Array.isArray(form.levels) ? form.levels : [];
    const numeric = Boolean(form.numeric);
    const abstain = form.abstain !== false;
    const error = el('div', { id: 'vote-error', class: 'form-error', role: 'alert', hidden: true });
    const submit = el('button', { type: 'submit', id: 'vote-submit', class: 'btn btn-primary vote-submit', text: 'vote.submit' });
    const other = el('button', { type: 'button', id: 'vote-other', class: 'btn', text: 'vote.other_code' });
    other.addEventListener('click', () => {
      ballotBox.replaceChildren();
      codeForm.hidden = false;
      code.value = '';
      code.focus();
    });

    const answers = subjects.map((s, i) => {
      const name = `vote-${i}`;
      const legend = el('legend', {}, el('span', { class: 'vote-subject-name', raw: s.name ?? s.subject }));
      const set = el('fieldset', { class: 'vote-subject', 'data-subject': s.subject }, legend);
      const choices = el('div', { class: 'vote-choices' });
      let read;
      if (numeric) {
        const input = el('input', { type: 'number', min: '0', max: '100', step: 'any', inputmode: 'decimal', id: `${name}-n`, name, class: 'vote-number' });
        const skip = el('input', { type: 'checkbox', id: `${name}-abstain`, name: `${name}-abstain`, value: 'abstain' });
        skip.addEventListener('change', () => { input.disabled = skip.checked; });
        choices.append(
          el('label', { class: 'vote-number-label', for: `${name}-n` }, el('span', { text: 'vote.points' }), input),
          abstain ? el('label', { class: 'vote-choice vote-abstain', for: `${name}-abstain` }, skip, el('span', { text: 'vote.abstain' })) : null);
        read = () => {
          if (skip.checked) return 'abstain';
          const v = input.value.trim();
          return v !== '' && Number.isFinite(Number(v)) && Number(v) >= 0 && Number(v) <= 100 ? String(Number(v)) : null;
        };
      } else {
        const opts = [...levels, ...(abstain ? ['abstain'] : [])];
        opts.forEach((level, k) => {
          const rid = `${name}-${k}`;
          const input = el('input', { type: 'radio', id: rid, name, value: level });
          choices.append(el('label', { class: `vote-choice${level === 'abstain' ? ' vote-abstain' : ''}`, for: rid, 'data-level': level },
            input, el('span', level === 'abstain' ? { text: 'vote.abstain' } : levelProps(level))));
        });
        read = () => set.querySelector(`input[name="${name}"]:checked`)?.value ?? null;
      }
      set.append(choices);
      set.addEventListener('change', () => set.classList.remove('is-missing'));
      return { s, set, read };
    });

    // The questionnaire's questions, if any.
    const questions = (Array.isArray(form.questions) ? form.questions : []).map((q, i) => {
      const name = `vote-q-${i}`;
      const set = el('fieldset', { class: 'vote-subject vote-question', 'data-question-id': String(q.id), 'data-kind': q.kind ?? '' },
        el('legend', {}, el('span', { raw: q.text ?? '' }),
          q.required ? el('span', { class: 'vote-required', text: 'vote.required' }) : null));
      let read;
      if (q.kind === 'text') {
        const area = el('textarea', { id: `${name}-text`, name, rows: '3', maxlength: '500', class: 'vote-text', i18nAttrs: { 'aria-label': 'vote.answer' } });
        set.append(area);
        read = () => (area.value.trim() ? area.value.trim() : null);
      } else {
        const opts = q.kind === 'scale' ? ['1', '2', '3', '4', '5'] : (Array.isArray(q.options) ? q.options : []);
        const choices = el('div', { class: 'vote-choices' });
        opts.forEach((label, k) => {
          const rid = `${name}-${k}`;
          const value = q.kind === 'scale' ? label : String(k);
          choices.append(el('label', { class: 'vote-choice', for: rid, 'data-answer': value },
            el('input', { type: 'radio', id: rid, name, value }), el('span', { raw: String(label) })));
        });
        if (q.kind === 'scale') choices.append(el('span', { class: 'hint vote-scale-hint', text: 'vote.scale_hint' }));
        set.append(choices);
        read = () => set.querySelector(`input[name="${name}"]:checked`)?.value ?? null;
      }
      set.addEventListener('change', () => set.classList.remove('is-missing'));
      set.addEventListener('input', () => set.classList.remove('is-missing'));
      return { q, set, read };
    });

    const formEl = el('form', { id: 'vote-form', class: 'form vote-form', novalidate: true, 'data-subjects': String(subjects.length) },
      el('header', { class: 'card vote-head' },
        el('h2', { id: 'vote-cycle', tabindex: '-1', raw: form.cycle ?? '' }),
        el('p', { class: 'vote-what' },
          el('span', { id: 'vote-component', raw: form.component?.name ?? form.component?.id ?? '' }),
          ' · ',
          el('span', { text: 'vote.group' }), ' ',
          el('code', { id: 'vote-group', raw: form.group ?? '' })),
        el('p', { class: 'hint', text: 'vote.secret' }),
        el('p', { class: 'hint', text: 'vote.every', args: { n: subjects.length } })),
      el('div', { class: 'vote-subjects' }, answers.map((a) => a.set)),
      questions.length
        ? el('section', { id: 'vote-questions', class: 'vote-subjects vote-questions', 'aria-labelledby': 'vote-questions-h' },
          el('h3', { id: 'vote-questions-h', text: 'vote.questions' }),
          questions.map((x) => x.set))
        : null,
      error,
      el('div', { class: 'actions vote-actions' }, submit, other));

    formEl.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      error.hidden = true;
      const ratings = [];
      const missing = [];
      for (const a of answers) {
        const level = a.read();
        if (level === null) missing.push(a);
        else ratings.push({ subject: a.s.subject, level });
      }
      const replies = [];
      for (const x of questions) {
        const answer = x.read();
        if (answer !== null) replies.push({ question_id: x.q.id, answer });
        else if (x.q.required) missing.push(x);
      }
      for (const a of [...answers, ...questions]) a.set.classList.toggle('is-missing', missing.includes(a));
      if (missing.length) {
        error.replaceChildren(el('strong', { text: 'vote.missing', args: { n: missing.length } }));
        error.dataset.code = 'missing';
        error.hidden = false;
        missing[0].set.querySelector('input, textarea')?.focus();
        return;
      }
      submit.disabled = true;
      formEl.setAttribute('aria-busy', 'true');
      try {
        const body = { token, ratings };
        if (replies.length) body.answers = replies;
        await api.post('/ballot', body, { noAuthRedirect: true });
        ballotBox.replaceChildren();
        code.value = '';
        thanks.hidden = false;
        thanks.focus();
      } catch (e) {
        fail(error, apiError(e));
        submit.disabled = false;
      } finally {
        formEl.removeAttribute('aria-busy');
      }
    });
    return formEl;
  }

  codeForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    openBallot(cleanCode(code.value));
  });

  root.append(heading,
    el('p', { class: 'hint', text: 'vote.intro' }),
    codeForm, ballotBox, thanks);

  // A code in the fragment: use it, and take it out of the address.
  let fragment = location.hash.slice(1);
  try { fragment = decodeURIComponent(fragment); } catch { /* as it is */ }
  const fromLink = cleanCode(fragment);
  if (fromLink) {
    history.replaceState(null, '', location.pathname + location.search);
    code.value = fromLink;
    openBallot(fromLink);
  }
  return root;
}
