// api: a small wrapper around fetch for /api/v1 (see docs/api.md).
// JSON in and out, cookies same-origin, the CSRF token (kept in memory
// only, from the login answer or GET /session) on every request that is
// not GET/HEAD, and error bodies turned into thrown ApiError objects.

const BASE = '/api/v1';

let csrfToken = null;
const hooks = { unauthenticated: null, passwordChangeRequired: null };

// An error from the server (or the network), with the server's code,
// message and details, and field: the JSON path at fault ("$.new_password")
// taken from details[0].field, or null. extra: the error object's other
// members (an import's refusal has rows and more).
export class ApiError extends Error {
  constructor(status, code, message, details = [], extra = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = Array.isArray(details) ? details : [];
    this.field = this.details.find((d) => d && typeof d.field === 'string')?.field ?? null;
    this.extra = extra && typeof extra === 'object' ? extra : {};
  }
}

export function setCsrf(token) {
  csrfToken = token || null;
}

// fn(error) runs when any request (other than logging in) answers 401.
export function onUnauthenticated(fn) {
  hooks.unauthenticated = fn;
}

// fn(error) runs when a request answers 403 password_change_required.
export function onPasswordChangeRequired(fn) {
  hooks.passwordChangeRequired = fn;
}

// request('GET', '/session') → parsed JSON answer, or throws ApiError.
// opts.query: {name: value} added to the URL; opts.noAuthRedirect: a 401 is
// an answer to show, not a reason to go to the login page; opts.raw: bytes
// (a File, Blob or ArrayBuffer) sent as the body instead of JSON, with
// opts.contentType (default application/octet-stream).
export async function request(method, path, body, opts = {}) {
  let url = BASE + path;
  if (opts.query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (opts.raw !== undefined) {
    headers['Content-Type'] = opts.contentType ?? 'application/octet-stream';
    init.body = opts.raw;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let res;
  try {
    res = await fetch(url, init);
  } catch (e) {
    throw new ApiError(0, 'network', e?.message || 'network error');
  }

  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }

  if (res.ok) return data ?? {};

  const err = data && typeof data.error === 'object' && data.error
    ? new ApiError(res.status, String(data.error.code || `http_${res.status}`),
      String(data.error.message || ''), data.error.details, data.error)
    : new ApiError(res.status, `http_${res.status}`, res.statusText || `HTTP ${res.status}`);

  if (res.status === 401 && !opts.noAuthRedirect) {
    csrfToken = null;
    hooks.unauthenticated?.(err);
  } else if (res.status === 403 && err.code === 'password_change_required') {
    hooks.passwordChangeRequired?.(err);
  }
  throw err;
}

export const get = (path, opts) => request('GET', path, undefined, opts);
export const post = (path, body, opts) => request('POST', path, body ?? {}, opts);
export const put = (path, body, opts) => request('PUT', path, body ?? {}, opts);
export const del = (path, opts) => request('DELETE', path, undefined, opts);
// POST of a file's bytes as the raw body (an import).
export const upload = (path, bytes, opts) => request('POST', path, undefined, { ...opts, raw: bytes });

// --- the session ---------------------------------------------------------

// Logs in; answers {account, csrf, idle_seconds, expires_at}.
export async function login(username, password) {
  const s = await request('POST', '/session', { username, password }, { noAuthRedirect: true });
  setCsrf(s.csrf);
  return s;
}

// Who is logged in (same answer as login); throws ApiError 401 when nobody.
export async function session(opts) {
  const s = await get('/session', opts);
  setCsrf(s.csrf);
  return s;
}

export async function logout() {
  try {
    await del('/session', { noAuthRedirect: true });
  } finally {
    setCsrf(null);
  }
}

// Answers {account}.
export function changePassword(oldPassword, newPassword) {
  return put('/session/password', { old_password: oldPassword, new_password: newPassword });
}
