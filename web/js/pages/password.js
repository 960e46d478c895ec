// The password page: old password, new password twice. The browser only
// checks that the two new ones match; the rules are shown (and ticked as
// the user types) but the server decides, and its error is shown next to
// the field it names in details[0].field.

import * as api from '../api.js';
import { el, t, showError } from '../i18n.js';

export const title = 'pw.title';

// The policy, as the server applies it (docs/api.md, Change password).
const RULES = [
  { key: 'pw.rule_length', ok: (pw) => [...pw].length >= 10 },
  {
    key: 'pw.rule_classes',
    ok: (pw) => [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length >= 3,
  },
  {
    key: 'pw.rule_username',
    ok: (pw, user) => pw !== '' && !(user.length >= 3 && pw.toLowerCase().includes(user.toLowerCase())),
  },
  { key: 'pw.rule_old', ok: (pw, user, old) => pw !== '' && pw !== old },
];

export function render({ session, setSession, navigate }) {
  const account = session.account;
  const input = (id, autocomplete) => el('input', {
    id, name: id, type: 'password', autocomplete, required: true,
  });
  const oldPw = input('pw-old', 'current-password');
  const newPw = input('pw-new', 'new-password');
  const repeat = input('pw-repeat', 'new-password');
  oldPw.dataset.autofocus = '';
  // A hidden user name lets password managers file the new password.
  const userHint = el('input', {
    type: 'text', name: 'username', autocomplete: 'username', value: account.username,
    hidden: true, readonly: true, tabindex: '-1', 'aria-hidden': 'true',
  });

  const error = el('div', { id: 'pw-error', class: 'form-error', role: 'alert', hidden: true });
  const submit = el('button', { id: 'pw-submit', type: 'submit', class: 'btn btn-primary', text: 'pw.submit' });

  const policyItems = RULES.map((r) => el('li', { 'data-rule': r.key },
    el('span', { class: 'rule-mark', 'aria-hidden': 'true' }),
    el('span', { text: r.key }),
    el('span', { class: 'visually-hidden rule-state', text: 'pw.unmet' })));
  const policy = el('div', { class: 'policy', id: 'pw-policy' },
    el('p', { class: 'policy-title', text: 'pw.policy' }),
    el('ul', {}, policyItems));

  const field = (id, key, node, extra) => el('div', { class: 'field', 'data-field': id },
    el('label', { for: id, text: key }), node, extra);
  const oldField = field('pw-old', 'pw.old', oldPw);
  const newField = field('pw-new', 'pw.new', newPw, policy);
  const repeatField = field('pw-repeat', 'pw.repeat', repeat);
  newPw.setAttribute('aria-describedby', 'pw-policy');

  const actions = el('div', { class: 'actions' }, submit);
  const form = el('form', { class: 'form', novalidate: true, 'aria-labelledby': 'pw-heading' },
    userHint, oldField, newField, repeatField, actions);

  const tick = () => {
    RULES.forEach((r, i) => {
      const met = r.ok(newPw.value, account.username, oldPw.value);
      const li = policyItems[i];
      li.classList.toggle('met', met);
      const state = li.querySelector('.rule-state');
      state.dataset.i18n = met ? 'pw.met' : 'pw.unmet';
      state.textContent = t(state.dataset.i18n);
    });
  };
  newPw.addEventListener('input', tick);
  oldPw.addEventListener('input', tick);
  tick();

  const clearError = () => {
    error.hidden = true;
    error.replaceChildren();
    delete error.dataset.code;
    delete error.dataset.field;
    for (const n of [oldPw, newPw, repeat]) {
      n.removeAttribute('aria-invalid');
      const ids = (n.getAttribute('aria-describedby') || '').split(' ').filter((x) => x && x !== 'pw-error');
      if (ids.length) n.setAttribute('aria-describedby', ids.join(' '));
      else n.removeAttribute('aria-describedby');
    }
    actions.before(error);
  };
  // Puts the error box right under the input it is about.
  const attach = (inputEl) => {
    inputEl.after(error);
    inputEl.setAttribute('aria-invalid', 'true');
    const ids = (inputEl.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
    inputEl.setAttribute('aria-describedby', ['pw-error', ...ids].join(' '));
    error.dataset.field = inputEl.id;
    inputEl.focus();
  };
  const localError = (inputEl, key) => {
    error.replaceChildren(el('strong', { text: key }));
    error.hidden = false;
    attach(inputEl);
  };
  clearError();

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearError();
    if (!oldPw.value) return localError(oldPw, 'pw.need_old');
    if (!newPw.value) return localError(newPw, 'pw.need_new');
    if (newPw.value !== repeat.value) return localError(repeat, 'pw.mismatch');
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    submit.dataset.i18n = 'pw.submitting';
    submit.textContent = t('pw.submitting');
    try {
      const answer = await api.changePassword(oldPw.value, newPw.value);
      setSession({ account: answer.account ?? { ...account, must_change: false } });
      navigate('/home', { flash: { key: 'pw.done', kind: 'ok' } });
    } catch (e) {
      const err = e instanceof api.ApiError ? e : new api.ApiError(0, 'network', String(e));
      if (err.status === 401 || err.code === 'password_change_required') return;
      showError(error, err, (code) => (code === 'invalid_credentials' ? 'error.invalid_credentials_old' : `error.${code}`));
      if (err.field === '$.old_password' || (!err.field && err.code === 'invalid_credentials')) {
        oldPw.value = '';
        attach(oldPw);
      } else if (err.field === '$.new_password' || err.code === 'weak_password') {
        repeat.value = '';
        attach(newPw);
      } else {
        error.focus?.();
      }
    } finally {
      submit.disabled = false;
      form.removeAttribute('aria-busy');
      submit.dataset.i18n = 'pw.submit';
      submit.textContent = t('pw.submit');
    }
  });

  return el('section', { class: 'page page-password', 'data-page': 'password' },
    el('h1', { id: 'pw-heading', text: 'pw.title', tabindex: '-1' }),
    account.must_change ? el('p', { class: 'notice notice-warn', id: 'pw-must-change', text: 'pw.must_change' }) : null,
    form);
}
