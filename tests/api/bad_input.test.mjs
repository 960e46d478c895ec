// Bad input (docs/api.md: Conventions): malformed or unexpected bodies,
// wrong content types and methods, unknown routes and ids, paging limits,
// static path traversal. The server must answer each with the documented
// error and stay up. body_limit is 2048 bytes here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../lib/server.mjs';
import { Client, activate, expectError, rawHttp, strong } from './client.mjs';

let s;
let admin;
let sec;
let anon;

before(async () => {
  s = await startServer({ env: { KAOHE_BODY_LIMIT: '2048' } });
  admin = await activate(s.url, 'admin', s.passwords.admin, strong());
  sec = await activate(s.url, 'secadmin', s.passwords.secadmin, strong());
  anon = new Client(s.url);
});
after(async () => { await s?.cleanup(); });

const LOGIN = '/api/v1/session';
const login = (body, opts) => anon.request('POST', LOGIN, body, opts);

test('malformed JSON: 400 invalid_json, the message says line and column', async () => {
  const cases = ['{"username": }', '{"username":"admin",', '{', 'nonsense', '{"username":"admin"}}',
    '{"a":1,\n "b": tru}'];
  for (const body of cases) {
    const err = expectError(await login(body), 400, 'invalid_json');
    assert.match(err.message, /line \d+, column \d+/, `${body}: ${err.message}`);
  }
  const err = expectError(await login('{"a":1,\n "b": tru}'), 400, 'invalid_json');
  assert.match(err.message, /line 2, column/, err.message);
  // An empty body, too.
  expectError(await login(''), 400, 'invalid_json');
});

test('a body that is JSON but not an object: 400', async () => {
  for (const body of ['[]', '[{"username":"admin","password":"x"}]', '"admin"', '42', 'null', 'true']) {
    const res = await login(body);
    expectError(res, 400, 'invalid_json');
  }
});

test('duplicate keys: 400 invalid_json', async () => {
  expectError(await login('{"username":"admin","username":"auditor","password":"x"}'), 400, 'invalid_json');
  expectError(await sec.put('/api/v1/users/2/roles', '{"roles":["cadre"],"roles":["sysadmin"]}'), 400, 'invalid_json');
});

test('an unknown field: 400 unknown_field at $.x', async () => {
  expectError(await login({ username: 'admin', password: 'x', x: 1 }), 400, 'unknown_field', '$.x');
  expectError(await admin.post('/api/v1/users', { username: 'bruno', x: true }), 400, 'unknown_field', '$.x');
  expectError(await admin.put('/api/v1/session/password',
    { old_password: admin.password, new_password: strong(), x: null }), 400, 'unknown_field', '$.x');
  expectError(await sec.put('/api/v1/users/2/roles', { roles: [], x: 'y' }), 400, 'unknown_field', '$.x');
});

test('a missing field: 400 missing_field at its path', async () => {
  expectError(await login({ username: 'admin' }), 400, 'missing_field', '$.password');
  expectError(await login({}), 400, 'missing_field');
  expectError(await admin.post('/api/v1/users', { display_name: 'x' }), 400, 'missing_field', '$.username');
  expectError(await admin.put('/api/v1/session/password', { old_password: admin.password }), 400,
    'missing_field', '$.new_password');
});

test('a field of the wrong type: 400 invalid_field at its path', async () => {
  expectError(await login({ username: 5, password: 'x' }), 400, 'invalid_field', '$.username');
  expectError(await login({ username: 'admin', password: ['x'] }), 400, 'invalid_field', '$.password');
  expectError(await login({ username: { a: 1 }, password: 'x' }), 400, 'invalid_field', '$.username');
  expectError(await admin.post('/api/v1/users', { username: 'bruno', display_name: 3 }), 400, 'invalid_field',
    '$.display_name');
  expectError(await sec.put('/api/v1/users/2/roles', { roles: ['cadre'], unit_id: 'one' }), 400, 'invalid_field',
    '$.unit_id');
  expectError(await sec.put('/api/v1/users/2/roles', { roles: ['cadre'], unit_id: 1.5 }), 400, 'invalid_field',
    '$.unit_id');
});

test('an invalid user name or display name: 400 at the field', async () => {
  for (const username of ['ab', 'Bruno', '1bruno', 'bru no', 'bruno!', 'x'.repeat(100), 'brüno']) {
    const res = await admin.post('/api/v1/users', { username });
    assert.equal(res.status, 400, `${username}: ${res.text}`);
    expectError(res, 400, res.json.error.code, '$.username');
  }
  for (const display of ['', 'a\u0007b', 'a\nb']) {
    const res = await admin.post('/api/v1/users', { username: 'bruno', display_name: display });
    assert.equal(res.status, 400, `${JSON.stringify(display)}: ${res.text}`);
    expectError(res, 400, res.json.error.code, '$.display_name');
  }
  const list = await admin.get('/api/v1/users');
  assert.ok(!list.json.items.some((a) => a.username === 'bruno'));
});

test('invalid UTF-8 in the body: 400 invalid_utf8', async () => {
  const head = new TextEncoder().encode('{"username":"ad');
  const tail = new TextEncoder().encode('min","password":"x"}');
  const body = new Uint8Array([...head, 0xC3, 0x28, ...tail]);
  expectError(await login(body), 400, 'invalid_utf8');
  // An overlong encoding of '/' and a lone continuation byte, too.
  expectError(await login(new Uint8Array([...head, 0xC0, 0xAF, ...tail])), 400, 'invalid_utf8');
  expectError(await login(new Uint8Array([...head, 0x80, ...tail])), 400, 'invalid_utf8');
  // Valid UTF-8 is fine (an unknown user).
  expectError(await login({ username: '管理员', password: '密码密码密码密码密码' }), 401, 'invalid_credentials');
});

test('a JSON string with \\u0000: 400', async () => {
  expectError(await login('{"username":"ad\\u0000min","password":"x"}'), 400, 'invalid_json');
  expectError(await admin.post('/api/v1/users', '{"username":"bruno","display_name":"a\\u0000b"}'), 400,
    'invalid_json');
});

test('a body over body_limit: 413 body_too_large', async () => {
  const big = JSON.stringify({ username: 'admin', password: 'x'.repeat(3000) });
  assert.ok(big.length > 3000);
  expectError(await login(big), 413, 'body_too_large');
  // Without a Content-Length (chunked), found while reading.
  const chunked = await fetch(s.url + LOGIN, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: new ReadableStream({
      start(controller) {
        for (let i = 0; i < 3; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(1000)));
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    }),
    duplex: 'half',
  });
  const text = await chunked.text();
  expectError({ status: chunked.status, headers: chunked.headers, json: JSON.parse(text), text }, 413, 'body_too_large');
  // Just under the limit is read (and then judged on its content).
  const fits = JSON.stringify({ username: 'admin', password: 'x'.repeat(1900) });
  expectError(await login(fits), 401, 'invalid_credentials');
});

test('a wrong content type: 415 unsupported_media_type', async () => {
  const body = JSON.stringify({ username: 'admin', password: admin.password });
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', 'text/json']) {
    expectError(await login(body, { headers: { 'Content-Type': type } }), 415, 'unsupported_media_type');
  }
  expectError(await login(body, { headers: { 'Content-Type': null } }), 415, 'unsupported_media_type');
  expectError(await admin.post('/api/v1/users', JSON.stringify({ username: 'bruno' }),
    { headers: { 'Content-Type': 'text/plain' } }), 415, 'unsupported_media_type');
  // The charset parameter is allowed.
  const ok = await login(body, { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
  assert.equal(ok.status, 200, ok.text);
});

test('a charset other than utf-8: 415 unsupported_media_type', async () => {
  // docs/api.md: "application/json (a ; charset=utf-8 parameter is
  // allowed); anything else is refused with 415".
  const body = JSON.stringify({ username: 'admin', password: admin.password });
  for (const type of ['application/json; charset=iso-8859-1', 'application/json; charset=utf-16']) {
    expectError(await login(body, { headers: { 'Content-Type': type } }), 415, 'unsupported_media_type');
  }
});

test('an unknown API route: 404 not_found', async () => {
  for (const path of ['/api/v1/nope', '/api/v2/health', '/api', '/api/', '/api/v1', '/api/v1/users/1/nope',
    '/api/v1/health/', '/api/v1/users/1/roles/2']) {
    expectError(await anon.get(path), 404, 'not_found');
  }
  expectError(await admin.post('/api/v1/nope', {}), 404, 'not_found');
});

test('a wrong method on a known path: 405 method_not_allowed with Allow', async () => {
  const cases = [
    ['PATCH', '/api/v1/users', 'GET, POST'],
    ['DELETE', '/api/v1/health', 'GET'],
    ['PUT', '/api/v1/session', 'POST, GET, DELETE'],
    ['GET', '/api/v1/session/password', 'PUT'],
    ['DELETE', '/api/v1/users/2', 'GET'],
    ['GET', '/api/v1/users/2/lock', 'POST'],
    ['POST', '/api/v1/audit', 'GET'],
  ];
  for (const [method, path, allow] of cases) {
    const res = await admin.request(method, path);
    expectError(res, 405, 'method_not_allowed');
    const got = res.headers.get('allow')?.split(',').map((m) => m.trim()).sort();
    assert.deepEqual(got, allow.split(', ').sort(), `${method} ${path}: Allow ${res.headers.get('allow')}`);
  }
});

test('a non-numeric, negative, zero or unknown {id}: 404 not_found', async () => {
  for (const id of ['abc', '-1', '0', '1x', '+1', '1.0', '99999', '99999999999999999999999', '%20', '0x1']) {
    expectError(await admin.get(`/api/v1/users/${id}`), 404, 'not_found');
    expectError(await admin.post(`/api/v1/users/${id}/unlock`), 404, 'not_found');
  }
});

test('paging: limit above 500 or not a number: 400', async () => {
  for (const q of ['limit=1000', 'limit=501', 'limit=-1', 'limit=abc', 'offset=-5', 'offset=x', 'limit=']) {
    expectError(await admin.get(`/api/v1/users?${q}`), 400, 'invalid_field');
  }
  const ok = await admin.get('/api/v1/users?limit=500&offset=0');
  assert.equal(ok.status, 200);
  assert.equal(ok.json.limit, 500);
  assert.deepEqual(Object.keys(ok.json).sort(), ['items', 'limit', 'offset', 'total']);
  const page = await admin.get('/api/v1/users?limit=1&offset=1');
  assert.deepEqual([page.json.items.length, page.json.offset, page.json.limit, page.json.total], [1, 1, 1, 3]);
  const dflt = await admin.get('/api/v1/users');
  assert.deepEqual([dflt.json.offset, dflt.json.limit], [0, 50]);
});

test('static files: no path traversal; unknown pages get the index page', async () => {
  const index = await fetch(`${s.url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  const indexText = await index.text();
  for (const path of ['/../../etc/passwd', '/%2e%2e/etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2fetc%2fpasswd', '/static/../../../etc/passwd', '/../../etc/passwd.txt', '/..%5c..%5cetc/passwd',
    '/%2e%2e%2f%2e%2e%2fetc%2fhostname.txt', '/....//etc/passwd']) {
    const res = await rawHttp(s.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.ok(!/root:.*:0:0:/.test(res.body), `${path} leaked /etc/passwd`);
    if (res.status === 200) assert.equal(res.body, indexText, `${path}: only the index page, if anything`);
  }
  for (const path of ['/home', '/users/12', '/audit']) {
    const res = await fetch(s.url + path);
    assert.equal(res.status, 200, path);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    assert.equal(await res.text(), indexText);
  }
  const missing = await fetch(`${s.url}/nope.js`);
  assert.equal(missing.status, 404);
  const post = await fetch(`${s.url}/home`, { method: 'POST' });
  assert.equal(post.status, 405);
});

test('static files from --web-dir: no path traversal out of the folder', async () => {
  const web = join(s.dir, 'web');
  mkdirSync(join(web, 'css'), { recursive: true });
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>disk</title>\n');
  writeFileSync(join(web, 'css', 'a.css'), 'body{}\n');
  writeFileSync(join(s.dir, 'secret.txt'), 'TOP-SECRET\n');
  const w = await startServer({ env: { KAOHE_WEB_DIR: web } });
  try {
    assert.equal(await (await fetch(`${w.url}/css/a.css`)).text(), 'body{}\n');
    assert.equal(await (await fetch(`${w.url}/home`)).text(), '<!doctype html><title>disk</title>\n');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/css/../../secret.txt',
      '/css/%2e%2e/%2e%2e/secret.txt', `/${join(s.dir, 'secret.txt')}`, `//${join(s.dir, 'secret.txt')}`]) {
      const res = await rawHttp(w.url, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      assert.ok(!res.body.includes('TOP-SECRET'), `${path} leaked a file outside web_dir`);
      assert.notEqual(res.status, 200, `${path}: ${res.status}`);
    }
  } finally {
    await w.cleanup();
  }
});

test('after all that, the server is alive and never exited', async () => {
  const res = await anon.get('/api/v1/health');
  assert.equal(res.status, 200);
  assert.deepEqual(res.json, { status: 'ok', version: res.json.version, schema: res.json.schema });
  assert.match(res.json.version, /^\d+\.\d+\.\d+/);
  assert.equal(typeof res.json.schema, 'number');
  assert.equal(s.exit, undefined, `the server exited: ${JSON.stringify(s.exit)}\n${s.log.slice(-2000)}`);
  assert.equal(s.child.exitCode, null);
  assert.equal(s.child.signalCode, null);
  assert.equal((await admin.get('/api/v1/session')).status, 200);
});
