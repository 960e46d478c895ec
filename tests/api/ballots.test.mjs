// Anonymous ballots (docs/api.md: Ballots; docs/cycles.md): one-time
// tokens per rater group, the form a token's holder sees, one ballot per
// token (also when the same token is sent many times at once), checks of
// subjects and levels, turnout, secrecy (no table or log joins a token to
// what it chose), the ballots counted in the cycle's ratings, and a crash
// test: kill -9 during a stream of ballots, and every acknowledged ballot
// is there exactly once after the restart.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { kaohe, startServer } from '../lib/server.mjs';
import { Client, expectError, newAccount, sqlite } from './client.mjs';

let s;
let asse;
let id;
let anon;
const dir = mkdtempSync(join(tmpdir(), 'kaohe-ballots-'));

const issue = async (group, count, component = 'evaluation') => {
  const res = await asse.post(`/api/v1/cycles/${id}/tokens`, { component, group, count });
  assert.equal(res.status, 201, res.text);
  return res.json.tokens;
};
const vote = (token, ratings) => anon.post('/api/v1/ballot', { token, ratings });

before(async () => {
  s = await startServer();
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const r = kaohe(['cycle', 'import', 'examples/liangjiang-2026', '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  id = (await asse.get('/api/v1/cycles')).json.items[0].id;
  anon = new Client(s.url);
});
after(async () => {
  await s?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

test('tokens: issued per component and group, 16 characters, checked', async () => {
  const tokens = await issue('leaders', 3);
  assert.equal(tokens.length, 3);
  for (const t of tokens) assert.match(t, /^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{16}$/);
  assert.equal(new Set(tokens).size, 3);
  expectError(await asse.post(`/api/v1/cycles/${id}/tokens`, { component: 'performance', group: 'leaders', count: 1 }),
    400, 'unknown_component', '$.component');
  expectError(await asse.post(`/api/v1/cycles/${id}/tokens`, { component: 'evaluation', group: 'aliens', count: 1 }),
    400, 'unknown_group', '$.group');
  expectError(await asse.post(`/api/v1/cycles/${id}/tokens`, { component: 'evaluation', group: 'leaders', count: 0 }),
    400, 'invalid_field', '$.count');
  // Only hashes are stored.
  for (const t of tokens) assert.equal(sqlite(s.db, `SELECT count(*) FROM ballot_token WHERE token_hash = '${t}'`), '0');
});

test('the form: closed until the cycle opens, then the subjects and the scale', async () => {
  const [t] = await issue('peers', 1);
  expectError(await anon.post('/api/v1/ballot/form', { token: t }), 409, 'cycle_not_open');
  const res0 = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2099-12-31' });
  assert.equal(res0.status, 200, res0.text);
  const res = await anon.post('/api/v1/ballot/form', { token: t });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.component.id, 'evaluation');
  assert.equal(res.json.group, 'peers');
  assert.deepEqual(res.json.levels, ['excellent', 'competent', 'basic', 'incompetent']);
  assert.equal(res.json.subjects.length, 23);
  assert.equal(res.json.subjects[0].subject, 'wang_jianguo');
  expectError(await anon.post('/api/v1/ballot/form', { token: 'ABCDEFGHJKMNPQRS' }), 404, 'unknown_token', '$.token');
});

test('one ballot per token; bad ballots spend nothing', async () => {
  const [t] = await issue('staff', 1);
  expectError(await vote(t, [{ subject: 'nobody', level: 'excellent' }]), 400, 'unknown_subject', '$.ratings');
  expectError(await vote(t, [{ subject: 'wang_jianguo', level: 'great' }]), 400, 'invalid_level', '$.ratings');
  expectError(await vote(t, [{ subject: 'wang_jianguo', level: 'excellent' }, { subject: 'wang_jianguo', level: 'basic' }]),
    400, 'duplicate_subject');
  expectError(await vote(t, []), 400, 'invalid_field', '$.ratings');
  let res = await vote(t, [{ subject: 'wang_jianguo', level: 'excellent' }, { subject: 'luo_xiaoyan', level: 'abstain' }]);
  assert.equal(res.status, 201, res.text);
  expectError(await vote(t, [{ subject: 'wang_jianguo', level: 'basic' }]), 409, 'token_spent', '$.token');
  expectError(await anon.post('/api/v1/ballot/form', { token: t }), 409, 'token_spent');
});

test('a questionnaire: its questions on the form, checked answers, results per question', async () => {
  const q = (body) => asse.post(`/api/v1/cycles/${id}/questions`, { component: 'survey', ...body });
  let res = await q({ kind: 'choice', text: '贵企业所属行业', options: ['制造业', '服务业', '其他'] });
  assert.equal(res.status, 201, res.text);
  res = await q({ kind: 'scale', text: '对营商环境的总体满意度（1-5）', required: true });
  res = await q({ kind: 'text', text: '意见和建议' });
  const [choice, scale, text] = res.json.items.map((x) => x.id);
  expectError(await q({ kind: 'choice', text: '只有一个选项', options: ['是'] }), 400, 'invalid_field', '$.options');
  expectError(await q({ kind: 'poll', text: 'x' }), 400, 'invalid_field', '$.kind');
  const tokens = await issue('enterprise', 3, 'survey');
  res = await anon.post('/api/v1/ballot/form', { token: tokens[0] });
  assert.deepEqual(res.json.questions.map((x) => [x.kind, x.required]), [['choice', false], ['scale', true], ['text', false]]);
  assert.deepEqual(res.json.questions[0].options, ['制造业', '服务业', '其他']);
  const send = (token, answers, ratings) => anon.post('/api/v1/ballot', { token, answers, ...(ratings ? { ratings } : {}) });
  expectError(await send(tokens[0], [{ question_id: choice, answer: '0' }]), 400, 'answer_required', '$.answers');
  expectError(await send(tokens[0], [{ question_id: choice, answer: '3' }, { question_id: scale, answer: '4' }]),
    400, 'invalid_answer');
  expectError(await send(tokens[0], [{ question_id: scale, answer: '6' }]), 400, 'invalid_answer');
  res = await send(tokens[0], [{ question_id: choice, answer: '0' }, { question_id: scale, answer: '4' },
    { question_id: text, answer: '希望进一步压缩审批时限' }], [{ subject: 'wang_jianguo', level: 'satisfied' }]);
  assert.equal(res.status, 201, res.text);
  // A response to the questionnaire alone.
  res = await send(tokens[1], [{ question_id: choice, answer: '0' }, { question_id: scale, answer: '5' }]);
  assert.equal(res.status, 201, res.text);
  res = await send(tokens[2], [{ question_id: choice, answer: '2' }, { question_id: scale, answer: '3' }]);
  assert.equal(res.status, 201, res.text);
  res = await asse.get(`/api/v1/cycles/${id}/questions?component=survey`);
  assert.equal(res.status, 200, res.text);
  const [r1, r2, r3] = res.json.items;
  assert.deepEqual(r1.counts, [{ answer: 0, count: 2 }, { answer: 2, count: 1 }]);
  // (4 + 5 + 3) / 3 = 4.
  assert.equal(r2.mean, 4);
  assert.equal(r2.answered, 3);
  assert.deepEqual(r3.texts, ['希望进一步压缩审批时限']);
});

test('the same token sent 30 times at once counts once', async () => {
  const [t] = await issue('staff', 1);
  const before0 = Number(sqlite(s.db, `SELECT coalesce(sum(n), 0) FROM ballot_count WHERE subject = 'tang_xiaobing'`));
  const all = await Promise.all(Array.from({ length: 30 }, () => vote(t, [{ subject: 'tang_xiaobing', level: 'competent' }])));
  assert.equal(all.filter((r) => r.status === 201).length, 1);
  assert.equal(all.filter((r) => r.status === 409 && r.json.error.code === 'token_spent').length, 29);
  assert.equal(Number(sqlite(s.db, `SELECT coalesce(sum(n), 0) FROM ballot_count WHERE subject = 'tang_xiaobing'`)), before0 + 1);
});

test('secrecy: no time or key joins a token to a ballot; nothing in the audit or the log', async () => {
  const cols = (t) => sqlite(s.db, `SELECT group_concat(name) FROM pragma_table_info('${t}')`);
  assert.equal(cols('ballot_token'), 'token_hash,cycle_id,component,grp,batch,spent');
  assert.equal(cols('ballot_count'), 'cycle_id,component,grp,subject,level,n');
  const actions = sqlite(s.db, "SELECT group_concat(DISTINCT action) FROM audit WHERE action LIKE '%ballot%' OR action LIKE 'cycle.%'");
  assert.doesNotMatch(actions, /ballot/);
  assert.match(s.log, /POST \/api\/v1\/ballot 201/);
  for (const t of sqlite(s.db, 'SELECT token_hash FROM ballot_token').split('\n')) assert.ok(!s.log.includes(t));
});

test('turnout per group, and the ballots counted in the cycle\'s ratings', async () => {
  const res = await asse.get(`/api/v1/cycles/${id}/turnout`);
  assert.equal(res.status, 200, res.text);
  const byGroup = Object.fromEntries(res.json.items.map((x) => [x.group, [x.issued, x.spent]]));
  assert.deepEqual(byGroup, { enterprise: [3, 3], leaders: [3, 0], peers: [1, 0], staff: [2, 2] });
  // Computing ends the voting (open it again to go on).
  const r = kaohe(['cycle', 'export', String(id), join(dir, 'wb'), '--db', s.db]);
  assert.equal(r.status, 0, r.stderr);
  const orig = readFileSync('examples/liangjiang-2026/ratings.csv', 'utf8');
  const now = readFileSync(join(dir, 'wb', 'ratings.csv'), 'utf8');
  assert.ok(now.startsWith(orig.endsWith('\n') ? orig : `${orig}\n`));
  assert.deepEqual(now.slice(orig.length).trim().split('\n').sort(), [
    'evaluation,luo_xiaoyan,staff,abstain',
    'evaluation,tang_xiaobing,staff,competent',
    'evaluation,wang_jianguo,staff,excellent',
    'survey,wang_jianguo,enterprise,satisfied',
  ]);
  const c = await asse.post(`/api/v1/cycles/${id}/compute`);
  assert.equal(c.status, 200, c.text);
});

test('kill -9 during a stream of ballots: every acknowledged ballot is there once', async () => {
  // Computing closed the voting; open it again.
  expectError(await anon.post('/api/v1/ballot', { token: (await issue('leaders', 1))[0],
    ratings: [{ subject: 'li_xiaomei', level: 'basic' }] }), 409, 'cycle_not_open');
  const reopened = await asse.post(`/api/v1/cycles/${id}/open`, { deadline: '2099-12-31' });
  assert.equal(reopened.status, 200, reopened.text);
  const tokens = await issue('leaders', 400);
  const acked = [];
  let next = 0;
  let killed = false;
  const worker = async () => {
    while (next < tokens.length && !killed) {
      const t = tokens[next++];
      try {
        const res = await vote(t, [{ subject: 'li_xiaomei', level: 'basic' }]);
        if (res.status === 201) acked.push(t);
      } catch { /* the connection died with the server */ }
      if (acked.length >= 150 && !killed) { killed = true; await s.kill(); }
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
  assert.ok(acked.length >= 150, `${acked.length} acknowledged before the kill`);
  await s.restart();
  const spent = Number(sqlite(s.db, `SELECT count(*) FROM ballot_token WHERE grp = 'leaders' AND spent = 1`));
  const counted = Number(sqlite(s.db, `SELECT coalesce(sum(n), 0) FROM ballot_count WHERE subject = 'li_xiaomei' AND grp = 'leaders'`));
  // Each spent token is exactly one counted ballot; every acknowledged one
  // is among them (some sent ballots may have committed without an answer).
  assert.equal(counted, spent);
  assert.ok(spent >= acked.length, `${spent} spent, ${acked.length} acknowledged`);
  anon = new Client(s.url);
  for (const t of acked.slice(0, 20)) expectError(await vote(t, [{ subject: 'li_xiaomei', level: 'basic' }]), 409, 'token_spent');
  const fresh = tokens.slice(next);
  if (fresh.length) {
    const res = await vote(fresh[0], [{ subject: 'li_xiaomei', level: 'basic' }]);
    assert.equal(res.status, 201, res.text);
  }
});

test('SIGTERM during a stream of ballots: a clean stop, every acknowledged ballot there once', async () => {
  asse.url = s.url; // the server was restarted on another port
  anon = new Client(s.url);
  const tokens = await issue('peers', 300);
  const acked = [];
  let next = 0;
  let stopping = null;
  const worker = async () => {
    while (next < tokens.length && !stopping) {
      const t = tokens[next++];
      try {
        const res = await vote(t, [{ subject: 'li_xiaomei', level: 'competent' }]);
        if (res.status === 201) acked.push(t);
      } catch { /* the connection closed with the server */ }
      if (acked.length >= 100 && !stopping) stopping = s.stop();
    }
  };
  await Promise.all(Array.from({ length: 24 }, worker));
  // Stopped by itself, with status 0: no ballot left waiting on a
  // connection the server had already let go of.
  assert.deepEqual(await stopping, { code: 0, signal: null });
  await s.restart();
  asse.url = s.url;
  anon = new Client(s.url);
  const spent = Number(sqlite(s.db, `SELECT count(*) FROM ballot_token WHERE grp = 'peers' AND spent = 1`));
  const counted = Number(sqlite(s.db, `SELECT coalesce(sum(n), 0) FROM ballot_count WHERE subject = 'li_xiaomei' AND grp = 'peers'`));
  assert.equal(counted, spent);
  assert.ok(spent >= acked.length, `${spent} spent, ${acked.length} acknowledged`);
});

test('QR codes of short links for the printed sheets', async () => {
  asse.url = s.url; // the server was restarted on another port
  // 38 bytes in byte mode at level M need version 3 (capacity 42; version
  // 2 holds 26): 29 modules, 37 with the 4-module quiet zone on each side.
  const text = 'http://127.0.0.1/vote#ABCDEFGHJKMNPQRS';
  assert.equal(text.length, 38);
  const res = await asse.post('/api/v1/qr', { text });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('content-type'), 'image/svg+xml');
  assert.match(res.text, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 37 37"/);
  // The top-left finder pattern begins with a row of 7 dark modules at
  // (4, 4), and so does the top-right one at (4 + 29 - 7, 4).
  assert.match(res.text, /d="M4 4h7v1h-7z/);
  assert.match(res.text, /M26 4h7v1h-7z/);
  expectError(await asse.post('/api/v1/qr', { text: 'x'.repeat(513) }), 400, 'invalid_field', '$.text');
  expectError(await anon.post('/api/v1/qr', { text }), 401, 'unauthenticated');
});
