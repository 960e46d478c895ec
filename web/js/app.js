// app: the shell. Knows who is logged in, draws the header and the
// navigation, routes the address bar to a page, and switches languages.
//
// Routing uses real paths (/login, /password, /home, ...) with the History
// API; the server answers index.html for any non-/api path without a file
// extension, so a reload keeps the page. A page is a module under pages/
// that exports `title` (an i18n key) and `render(ctx)`, which returns (or
// resolves to) one element carrying data-page="<name>".

import * as api from './api.js';
import { applyTexts, getLang, setLang, onLangChange, t, el } from './i18n.js';
import * as loginPage from './pages/login.js';
import * as passwordPage from './pages/password.js';
import * as homePage from './pages/home.js';

// Every page: where it lives, how to load it, who may open it.
// public: open without a session. roles: any one of them is enough
// (none listed: any logged-in account). Pages not everyone needs are loaded
// on first use with import(), so the shell does not wait for them.
const ROUTES = {
  '/login': { load: async () => loginPage, public: true },
  '/password': { load: async () => passwordPage },
  '/home': { load: async () => homePage },
  '/units': { load: () => import('./pages/units.js'), roles: ['assessor', 'reporter'] },
  '/people': { load: () => import('./pages/people.js'), roles: ['assessor', 'reporter'] },
  '/people/{id}': { load: () => import('./pages/person.js'), roles: ['assessor', 'reporter'] },
  '/agencies': { load: () => import('./pages/agencies.js'), roles: ['assessor'] },
  '/pay': { load: () => import('./pages/pay.js'), roles: ['assessor', 'reporter'] },
  '/pay/parity': { load: () => import('./pages/parity.js'), roles: ['assessor'] },
  '/frontline': { load: () => import('./pages/frontline.js'), roles: ['assessor', 'reporter'] },
  '/frontline/projects': { load: () => import('./pages/projects.js'), roles: ['assessor'] },
  '/frontline/projects/{id}': { load: () => import('./pages/project.js'), roles: ['assessor'] },
  '/frontline/commissioners': { load: () => import('./pages/commissioners.js'), roles: ['assessor'] },
  '/frontline/plans': { load: () => import('./pages/plans.js'), roles: ['assessor', 'reporter'] },
  '/frontline/plans/{id}': { load: () => import('./pages/plan.js'), roles: ['assessor', 'reporter'] },
  '/cycles': { load: () => import('./pages/cycles.js'), roles: ['assessor', 'reporter'] },
  '/cycles/{id}': { load: () => import('./pages/cycle.js'), roles: ['assessor', 'reporter'] },
  '/cycles/{id}/results': { load: () => import('./pages/results.js'), roles: ['assessor', 'reporter'] },
  '/cycles/{id}/results/{subject:text}': { load: () => import('./pages/explain.js'), roles: ['assessor', 'reporter'] },
  '/cycles/{id}/tokens/{sheet}': { load: () => import('./pages/sheet.js'), roles: ['assessor'] },
  '/cycles/{id}/schemes/{name:text}': { load: () => import('./pages/scheme.js'), roles: ['assessor', 'reporter'] },
  '/cycles/{id}/definition': { load: () => import('./pages/definition.js'), roles: ['assessor', 'reporter'] },
  // The rater's ballot: no account, with or without a session.
  '/vote': { load: () => import('./pages/vote.js'), public: true },
  '/selections': { load: () => import('./pages/selections.js'), roles: ['assessor'] },
  '/selections/{id}': { load: () => import('./pages/selection.js'), roles: ['assessor'] },
  '/audit': { load: () => import('./pages/audit.js'), roles: ['auditor'] },
};

// A path with {name} parts (`/people/{id}`) matches any positive whole
// number there; the page gets it as ctx.params.name (a string). A part
// written {name:text} (`/cycles/{id}/results/{subject:text}`) matches any
// one path segment, given to the page decoded (a subject id is free text).
function findRoute(path) {
  if (Object.prototype.hasOwnProperty.call(ROUTES, path)) return { r: ROUTES[path], params: {} };
  for (const [pattern, r] of Object.entries(ROUTES)) {
    if (!pattern.includes('{')) continue;
    const names = [];
    const re = new RegExp(`^${pattern.replace(/\{(\w+)(:text)?\}/g, (m, name, kind) => {
      names.push(name);
      return kind ? '([^/]+)' : '([1-9][0-9]{0,17})';
    })}$`);
    const m = re.exec(path);
    if (!m) continue;
    try {
      return { r, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])])) };
    } catch {
      return { r: null, params: {} }; // a malformed %-escape
    }
  }
  return { r: null, params: {} };
}

// The navigation, in order. An item shows only to accounts holding one of
// its roles; it is marked current on its path and on the paths below it
// (/people/7 marks /people). Future sections go here, with their route in
// ROUTES and their texts (nav.*) in i18n.js.
const NAV = [
  { path: '/home', text: 'nav.home' },
  { path: '/units', text: 'nav.units', roles: ['assessor', 'reporter'] },
  { path: '/people', text: 'nav.people', roles: ['assessor', 'reporter'] },
  { path: '/agencies', text: 'nav.agencies', roles: ['assessor'] },
  { path: '/pay', text: 'nav.pay', roles: ['assessor', 'reporter'] },
  { path: '/frontline', text: 'nav.frontline', roles: ['assessor', 'reporter'] },
  { path: '/cycles', text: 'nav.assessment', roles: ['assessor', 'reporter'] },
  { path: '/selections', text: 'nav.selections', roles: ['assessor'] },
  { path: '/audit', text: 'nav.audit', roles: ['auditor'] },
  { path: '/password', text: 'nav.password' },
];

const state = {
  session: null,    // {account, csrf, idle_seconds, expires_at} or null
  flash: null,      // {key, kind} shown once above the next page
  titleKey: null,   // i18n key of the current page's title
  renderSeq: 0,     // drops a page that finished loading after a newer one
  expiryTimer: 0,
};

const $ = (sel) => document.querySelector(sel);

// The NAV path the current page belongs to: the longest one that is the
// path itself or a folder above it.
function currentNav(path) {
  let best = null;
  for (const item of NAV) {
    if ((path === item.path || path.startsWith(`${item.path}/`)) && (!best || item.path.length > best.length)) best = item.path;
  }
  return best;
}

function hasRole(roles) {
  if (!roles || roles.length === 0) return true;
  const mine = state.session?.account?.roles ?? [];
  return roles.some((r) => mine.includes(r));
}

// --- session ---------------------------------------------------------------

export function getSession() {
  return state.session;
}

// Keeps the login answer (or GET /session answer); an answer with only
// {account} (the password change) updates the account and keeps the rest.
export function setSession(s) {
  if (s && state.session && !s.expires_at) s = { ...state.session, ...s };
  state.session = s;
  clearTimeout(state.expiryTimer);
  if (s?.expires_at) {
    const ms = new Date(s.expires_at).getTime() - Date.now();
    if (Number.isFinite(ms)) {
      // The absolute limit: when it passes, the server has ended the session.
      state.expiryTimer = setTimeout(() => sessionEnded(), Math.min(Math.max(ms, 0) + 1000, 2 ** 31 - 1));
    }
  }
  drawHeader();
}

function sessionEnded() {
  const had = state.session !== null;
  setSession(null);
  if (location.pathname !== '/login') {
    navigate('/login', { replace: true, flash: had ? { key: 'login.session_ended', kind: 'warn' } : null });
  }
}

api.onUnauthenticated(() => sessionEnded());
api.onPasswordChangeRequired(() => {
  if (state.session) state.session.account.must_change = true;
  if (location.pathname !== '/password') navigate('/password', { replace: true });
});

async function logout() {
  const button = $('#logout');
  button.disabled = true;
  try {
    await api.logout();
  } catch {
    /* the session may be gone already; we leave either way */
  }
  button.disabled = false;
  setSession(null);
  navigate('/login', { replace: true, flash: { key: 'login.logged_out', kind: 'ok' } });
}

// --- header ----------------------------------------------------------------

function drawHeader() {
  const s = state.session;
  const loggedIn = Boolean(s);
  const mustChange = Boolean(s?.account?.must_change);
  $('#nav').hidden = !loggedIn;
  $('#user-box').hidden = !loggedIn;
  $('#logout').hidden = !loggedIn;
  document.body.classList.toggle('logged-in', loggedIn);

  const list = $('#nav-list');
  list.replaceChildren();
  if (!loggedIn) return;
  for (const item of NAV) {
    if (!hasRole(item.roles)) continue;
    // While the password must change, only that page is open.
    if (mustChange && item.path !== '/password') continue;
    const a = el('a', { href: item.path, text: item.text, 'data-nav': item.path });
    if (item.path === currentNav(location.pathname)) a.setAttribute('aria-current', 'page');
    list.append(el('li', {}, a));
  }
  const name = $('#user-name');
  name.textContent = s.account.display_name || s.account.username;
  name.title = s.account.username;
}

function markCurrentNav() {
  const current = currentNav(location.pathname);
  for (const a of document.querySelectorAll('#nav-list a')) {
    if (a.dataset.nav === current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

function setTitle(key) {
  state.titleKey = key;
  document.title = key ? `${t(key)} · ${t('app.title')}` : t('app.title');
}

// --- routing ---------------------------------------------------------------

export function navigate(path, { replace = false, flash = null } = {}) {
  state.flash = flash;
  if (path !== location.pathname + location.search) {
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }
  route(true);
}

function messagePage(name, textKey) {
  return el('section', { class: 'page page-message', 'data-page': name },
    el('h1', { text: textKey, tabindex: '-1' }),
    el('p', {}, el('a', { href: '/home', text: 'app.back_home' })));
}

async function route(moved = false) {
  const seq = ++state.renderSeq;
  let path = location.pathname.replace(/\/+$/, '') || '/';
  if (path === '/index.html') path = '/';
  const s = state.session;

  if (path === '/') {
    history.replaceState(null, '', s ? '/home' : '/login');
    return route(moved);
  }
  const { r, params } = findRoute(path);
  if (r && !r.public && !s) {
    history.replaceState(null, '', '/login');
    return route(moved);
  }
  if (s && path === '/login') {
    history.replaceState(null, '', s.account.must_change ? '/password' : '/home');
    return route(moved);
  }
  // A public page other than the login (the ballot) opens whatever the session.
  if (s && s.account.must_change && path !== '/password' && path !== '/login' && !r?.public) {
    history.replaceState(null, '', '/password');
    return route(moved);
  }

  drawHeader();
  markCurrentNav();
  const main = $('#main');
  let root;
  let titleKey = null;
  if (!r) {
    root = messagePage('not-found', 'app.not_found');
    titleKey = 'app.not_found';
  } else if (!hasRole(r.roles)) {
    root = messagePage('forbidden', 'error.forbidden');
    titleKey = 'error.forbidden';
  } else {
    main.setAttribute('aria-busy', 'true');
    try {
      const mod = await r.load();
      if (seq !== state.renderSeq) return;
      root = await mod.render(ctx(params));
      titleKey = mod.title ?? null;
    } catch (e) {
      if (seq !== state.renderSeq) return;
      if (e instanceof api.ApiError && (e.status === 401 || e.code === 'password_change_required')) return;
      console.error(e);
      root = messagePage('error', 'app.load_failed');
    } finally {
      if (seq === state.renderSeq) main.removeAttribute('aria-busy');
    }
    if (seq !== state.renderSeq) return;
  }

  const parts = [];
  if (state.flash) {
    parts.push(el('p', { id: 'flash', class: `notice notice-${state.flash.kind || 'info'}`, role: 'status', text: state.flash.key }));
    state.flash = null;
  }
  parts.push(root);
  main.replaceChildren(...parts);
  setTitle(titleKey);

  // Move the focus to the new page so keyboards and screen readers follow.
  if (moved) {
    const target = root.querySelector('[data-autofocus]') || root.querySelector('h1');
    target?.focus();
  } else {
    root.querySelector('[data-autofocus]')?.focus();
  }
}

// params: the {name} parts of the route's path; query: the address's
// ?query (a page that keeps its state there, like the people list, reads it).
function ctx(params = {}) {
  return {
    session: state.session,
    setSession,
    navigate,
    params,
    query: new URLSearchParams(location.search),
  };
}

// Same-origin links to a page go through the router instead of a reload.
function onClick(ev) {
  if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
  const a = ev.target.closest?.('a[href]');
  if (!a || a.target || a.hasAttribute('download') || a.getAttribute('href').startsWith('#')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !findRoute(url.pathname).r) return;
  ev.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

// --- start -----------------------------------------------------------------

async function start() {
  document.documentElement.lang = getLang();
  applyTexts(document);

  const sw = $('#lang-switch');
  sw.value = getLang();
  sw.addEventListener('change', () => setLang(sw.value));
  onLangChange((lang) => {
    sw.value = lang;
    setTitle(state.titleKey);
  });

  $('#logout').addEventListener('click', logout);
  document.addEventListener('click', onClick);
  window.addEventListener('popstate', () => route(true));

  try {
    setSession(await api.session({ noAuthRedirect: true }));
  } catch {
    setSession(null); // 401: nobody is logged in (or the server is unreachable)
  }
  await route(false);
}

start();
