// The login page: user name, password, and the server's answer when it
// says no (wrong credentials, locked until a time, disabled).

import * as api from '../api.js';
import { el, t, showError } from '../i18n.js';

export const title = 'login.title';

export function render({ setSession, navigate }) {
  const username = el('input', {
    id: 'login-username', name: 'username', type: 'text', autocomplete: 'username',
    autocapitalize: 'none', spellcheck: 'false', required: true, 'data-autofocus': true,
  });
  const password = el('input', {
    id: 'login-password', name: 'password', type: 'password',
    autocomplete: 'current-password', required: true,
  });
  const error = el('div', { id: 'login-error', class: 'form-error', role: 'alert', hidden: true });
  const submit = el('button', { id: 'login-submit', type: 'submit', class: 'btn btn-primary', text: 'login.submit' });

  const form = el('form', { class: 'form', novalidate: true, 'aria-labelledby': 'login-heading' },
    el('div', { class: 'field' },
      el('label', { for: 'login-username', text: 'login.username' }), username),
    el('div', { class: 'field' },
      el('label', { for: 'login-password', text: 'login.password' }), password),
    error,
    el('div', { class: 'actions' }, submit));

  const clearError = () => {
    error.hidden = true;
    error.replaceChildren();
    delete error.dataset.code;
    username.removeAttribute('aria-invalid');
    password.removeAttribute('aria-invalid');
    form.querySelectorAll('[aria-describedby]').forEach((n) => n.removeAttribute('aria-describedby'));
  };
  const localError = (input, key) => {
    error.replaceChildren(el('strong', { text: key }));
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', 'login-error');
    input.focus();
  };

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearError();
    if (!username.value.trim()) return localError(username, 'login.need_username');
    if (!password.value) return localError(password, 'login.need_password');
    submit.disabled = true;
    submit.dataset.i18n = 'login.submitting';
    submit.textContent = t('login.submitting');
    form.setAttribute('aria-busy', 'true');
    try {
      const s = await api.login(username.value.trim(), password.value);
      setSession(s);
      navigate(s.account.must_change ? '/password' : '/home', { replace: true });
    } catch (e) {
      const err = e instanceof api.ApiError ? e : new api.ApiError(0, 'network', String(e));
      showError(error, err);
      password.value = '';
      const bad = err.field === '$.username' ? username : password;
      bad.setAttribute('aria-invalid', 'true');
      bad.setAttribute('aria-describedby', 'login-error');
      bad.focus();
    } finally {
      submit.disabled = false;
      submit.dataset.i18n = 'login.submit';
      submit.textContent = t('login.submit');
      form.removeAttribute('aria-busy');
    }
  });

  return el('section', { class: 'page page-login', 'data-page': 'login' },
    el('div', { class: 'login-card' },
      el('div', { class: 'login-brand' },
        el('img', { src: '/favicon.svg', alt: '', width: '48', height: '48' }),
        el('div', {},
          el('p', { class: 'login-product' },
            el('span', { class: 'product-zh', lang: 'zh-CN', raw: '考核' }), ' ',
            el('span', { class: 'product-latin', lang: 'en', raw: 'kaohe' })),
          el('p', { class: 'login-tagline', id: 'login-tagline', text: 'app.tagline' }))),
      el('h1', { id: 'login-heading', text: 'login.title', tabindex: '-1' }),
      form,
      el('p', { class: 'hint', text: 'login.hint' })));
}
