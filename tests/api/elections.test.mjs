// The election of a social work station's head (S4; docs/api.md:
// Elections) on the demo data: candidates among the station's social
// workers, one-time voter tokens, secret ballots without an account, the
// tally with turnout, a winner only with more than half of the ballots
// cast, and the winner's concurrent posts — station head, community party
// secretary and residents' committee director — recorded without taking a
// place on any quota or contract.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { Client, expectError, newAccount, sqlite } from './client.mjs';

let s;
let asse;
let anon;
let station;
let community;
let workers;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-election-'));

before(async () => {
  const db = join(dir, 'kaohe.db');
  assert.equal(kaohe(['init', '--db', db]).status, 0);
  assert.equal(kaohe(['demo', '--db', db]).status, 0);
  s = await startServer({ db });
  asse = await newAccount(s, 'orgd2', { roles: 'assessor' });
  anon = new Client(s.url);
  station = Number(sqlite(db, "SELECT id FROM unit WHERE name = '泰丰社区社工站'"));
  community = Number(sqlite(db, "SELECT id FROM unit WHERE name = '泰丰社区'"));
  workers = (await asse.get(`/api/v1/employments?unit_id=${station}&current=true`)).json.items.map((m) => m.person_id);
  assert.equal(workers.length, 8);
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

const vote = (token, choice) => anon.post('/api/v1/election/vote', { token, choice });

test('setting up: a station, 2 or more distinct candidates', async () => {
  expectError(await asse.post('/api/v1/elections', { unit_id: community, title: 'x', candidates: workers.slice(0, 2) }),
    400, 'not_a_station', '$.unit_id');
  expectError(await asse.post('/api/v1/elections', { unit_id: station, title: 'x', candidates: workers.slice(0, 1) }),
    400, 'invalid_field', '$.candidates');
  expectError(await asse.post('/api/v1/elections', { unit_id: station, title: 'x', candidates: [workers[0], workers[0]] }),
    400, 'duplicate_candidate');
});

test('an election with a majority: tally, turnout, the winner and his posts', async () => {
  let res = await asse.post('/api/v1/elections', { unit_id: station, title: '泰丰社区社工站站长选举',
    candidates: workers.slice(0, 3) });
  assert.equal(res.status, 201, res.text);
  const id = res.json.id;
  assert.equal(res.json.status, 'draft');
  res = await asse.post(`/api/v1/elections/${id}/tokens`, { count: 9 });
  assert.equal(res.status, 201, res.text);
  const tokens = res.json.tokens;
  expectError(await anon.post('/api/v1/election/form', { token: tokens[0] }), 409, 'election_not_open');
  assert.equal((await asse.post(`/api/v1/elections/${id}/open`)).status, 200);
  res = await anon.post('/api/v1/election/form', { token: tokens[0] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.json.candidates.map((c) => c.person_id), workers.slice(0, 3));
  const [a, b] = workers;
  // 5 for a, 2 for b, 1 abstains; one token is never used.
  const choices = [a, a, a, a, a, b, b, 'abstain'];
  for (const [i, c] of choices.entries()) {
    res = await vote(tokens[i], String(c));
    assert.equal(res.status, 201, res.text);
  }
  expectError(await vote(tokens[0], String(a)), 409, 'token_spent');
  expectError(await vote(tokens[8], String(workers[5])), 400, 'unknown_candidate', '$.choice');
  res = await asse.post(`/api/v1/elections/${id}/close`);
  assert.equal(res.status, 200, res.text);
  // 8 ballots cast of 9 issued; a has 5 > 8 / 2.
  assert.equal(res.json.issued, 9);
  assert.equal(res.json.cast, 8);
  assert.deepEqual(res.json.candidates.map((c) => c.votes), [5, 2, 0]);
  assert.equal(res.json.abstain, 1);
  assert.equal(res.json.result, 'elected');
  assert.equal(res.json.winner_person_id, a);
  expectError(await vote(tokens[8], String(a)), 409, 'election_not_open');

  const before0 = (await asse.get(`/api/v1/units/${station}`)).json;
  res = await asse.post(`/api/v1/elections/${id}/appoint`, { start_date: '2026-07-01', document: '泰达社选〔2026〕1号' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.appointed, true);
  const posts = (await asse.get(`/api/v1/employments?person_id=${a}&current=true`)).json.items
    .filter((m) => m.concurrent).map((m) => [m.unit_id, m.title]).sort();
  assert.deepEqual(posts, [[community, '社区党组织书记'], [community, '社区居民委员会主任'], [station, '社工站站长']].sort());
  // No place taken: the station's social workers and the contract stay as they were.
  const after0 = (await asse.get(`/api/v1/units/${station}`)).json;
  assert.deepEqual(after0.figures, before0.figures);
  expectError(await asse.post(`/api/v1/elections/${id}/appoint`, { start_date: '2026-07-01', document: 'x' }),
    409, 'already_appointed');
  // Secrecy: no ballot in the audit log.
  assert.equal(sqlite(s.db, "SELECT count(*) FROM audit WHERE action LIKE '%vote%'"), '0');
});

test('without a majority nobody is elected', async () => {
  let res = await asse.post('/api/v1/elections', { unit_id: station, title: '第二次选举', candidates: workers.slice(3, 6) });
  const id = res.json.id;
  const tokens = (await asse.post(`/api/v1/elections/${id}/tokens`, { count: 8 })).json.tokens;
  await asse.post(`/api/v1/elections/${id}/open`);
  const [x, y, z] = workers.slice(3, 6);
  for (const [i, c] of [x, x, x, y, y, y, z, z].entries()) assert.equal((await vote(tokens[i], String(c))).status, 201);
  res = await asse.post(`/api/v1/elections/${id}/close`);
  assert.equal(res.json.result, 'no_majority');
  assert.equal(res.json.winner_person_id, null);
  expectError(await asse.post(`/api/v1/elections/${id}/appoint`, { start_date: '2026-07-01', document: 'x' }), 409, 'no_winner');
  expectError(await asse.post(`/api/v1/elections/${id}/close`), 409, 'wrong_status');
});
