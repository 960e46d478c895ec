// The home page: who is logged in, with which roles, until when.

import * as api from '../api.js';
import { el } from '../i18n.js';

export const title = 'home.title';

export async function render({ setSession }) {
  // Asks the server again, so roles granted since the login show up (and an
  // ended session goes back to the login page).
  const session = await api.session();
  setSession(session);
  const a = session.account;
  const roles = Array.isArray(a.roles) ? a.roles : [];
  const name = a.display_name || a.username;

  const row = (key, value) => [el('dt', { text: key }), el('dd', {}, value)];
  const roleList = roles.length
    ? el('ul', { id: 'home-roles', class: 'role-list' },
      roles.map((r) => el('li', { class: 'role-tag', roleName: r, 'data-role': r })))
    : el('p', { id: 'home-roles', class: 'role-none', 'data-role': '' }, '—');

  const info = el('dl', { class: 'facts' },
    row('home.username', el('span', { id: 'home-username', raw: a.username })),
    row('home.display_name', el('span', { id: 'home-display-name', raw: a.display_name || '' })),
    row('home.roles', roleList),
    session.expires_at
      ? row('home.expires', el('time', { id: 'home-expires', datetime: session.expires_at, time: session.expires_at }))
      : null);

  return el('section', { class: 'page page-home', 'data-page': 'home' },
    el('h1', { id: 'home-greeting', text: 'home.greeting', args: { name }, tabindex: '-1' }),
    roles.length === 0 ? el('p', { id: 'home-no-roles', class: 'notice notice-warn', role: 'note', text: 'home.no_roles' }) : null,
    el('section', { class: 'card', 'aria-labelledby': 'home-account-h' },
      el('h2', { id: 'home-account-h', text: 'home.account' }),
      info,
      session.idle_seconds
        ? el('p', { class: 'hint', text: 'home.idle', args: { minutes: Math.round(session.idle_seconds / 60) } })
        : null),
    el('section', { class: 'card', 'aria-labelledby': 'home-sections-h' },
      el('h2', { id: 'home-sections-h', text: 'home.sections' }),
      el('p', { class: 'hint', text: 'home.coming' })));
}
