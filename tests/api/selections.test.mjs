// Open selection campaigns (S5; docs/deployment.md: Open selection): a
// post's eligibility rules with every refusal's reason, the written exam,
// the shortlist at 1:2 with a tie at the cut, interview scores only for
// the shortlisted, the ranking by the engine with a tie on the total
// broken by the written score, appointment only of the next in line,
// withdrawal, the receiving unit's quota, the present post ended and the
// new one started, and the states of a campaign. Worked by hand below.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { idNumber } from '../lib/idnum.mjs';
import { auditRecords, activate, expectError, newAccount, strong } from './client.mjs';

let s;
let asse;
let auditor;
let sel;
const u = {};
const p = {};
const post = {};
const app = {};

const job = (over) => ({
  staff_type: 'civil_servant', title: '科员', start_document: '珠组任〔2020〕1号', ...over,
});

before(async () => {
  s = await startServer();
  auditor = await activate(s.url, 'auditor', s.passwords.auditor, strong());
  asse = await newAccount(s, 'orgd', { roles: 'assessor' });
  const unit = async (body) => {
    const res = await asse.post('/api/v1/units', body);
    assert.equal(res.status, 201, res.text);
    return res.json.unit.id;
  };
  u.committee = await unit({ name: '横琴新区管委会', kind: 'committee' });
  u.econ = await unit({ name: '经济发展局', kind: 'department', parent_id: u.committee });
  u.home = await unit({ name: '香洲区发改局', kind: 'department', parent_id: u.committee });
  u.talent = await unit({ name: '人才服务中心', kind: 'department', parent_id: u.committee });
  // The receiving unit: one civil-servant place, already filled.
  let res = await asse.put(`/api/v1/units/${u.econ}/quotas`, {
    document: '珠编〔2012〕3号', approved_on: '2012-01-01', line_kind: 'staff', line: 'civil_servant', count: 1 });
  assert.equal(res.status, 200, res.text);
  res = await asse.put(`/api/v1/units/${u.home}/quotas`, {
    document: '珠编〔2012〕4号', approved_on: '2012-01-01', line_kind: 'staff', line: 'civil_servant', count: 20 });
  assert.equal(res.status, 200, res.text);
  // [key, name, birth, education, school tier, rank, since]
  const people = [
    ['incumbent', '在岗人', '19800101', '21', null, 'principal_2', '2015-01-01', u.econ],
    ['li', '李一', '19920501', '21', null, 'principal_3', '2023-01-01'],
    ['wang', '王二', '19901201', '21', null, 'principal_2', '2020-01-01'],
    ['zhang', '张三', '19930101', '21', null, 'clerk_1', '2020-01-01'],
    ['zhao', '赵四', '19940301', '21', null, 'principal_4', '2025-06-01'],
    ['qian', '钱五', '19910601', '21', null, 'principal_4', '2022-01-01'],
    ['sun', '孙六', '19950701', '14', null, 'principal_3', '2021-07-01'],
    ['zhou', '周七', '19930909', '21', null, 'principal_4', '2023-01-01'],
    ['g1', '吴甲', '20000301', '14', '985'],
    ['g2', '郑乙', '20010101', '14', 'other'],
    ['g3', '冯丙', '19950101', '21', '211'],
  ];
  let seq = 11;
  for (const [key, name, birth, education, tier, rank, since, unitId] of people) {
    res = await asse.post('/api/v1/people', { name, id_number: idNumber('440402', birth, seq++), ethnicity: '01',
      political_status: '01', education, school_tier: tier, unit_id: rank ? (unitId ?? u.home) : null });
    assert.equal(res.status, 201, res.text);
    p[key] = res.json.person.id;
    if (rank) {
      res = await asse.post('/api/v1/employments', job({ person_id: p[key], unit_id: unitId ?? u.home, rank,
        start_date: since }));
      assert.equal(res.status, 201, res.text);
    }
  }
});
after(async () => { await s?.cleanup(); });

test('a campaign and its posts: bad input refused with the field', async () => {
  const base = { name: '横琴新区2026年面向全市公开选拔', kind: 'selection', as_of: '2026-12-01',
    written_weight: 40, ratio: 2, document: '珠组通〔2026〕18号' };
  expectError(await asse.post('/api/v1/selections', { ...base, written_weight: 0 }), 400, 'invalid_weight',
    '$.written_weight');
  expectError(await asse.post('/api/v1/selections', { ...base, as_of: '2026-02-30' }), 400, 'invalid_date', '$.as_of');
  expectError(await asse.post('/api/v1/selections', { ...base, kind: 'lottery' }), 400, 'invalid_field', '$.kind');
  let res = await asse.post('/api/v1/selections', base);
  assert.equal(res.status, 201, res.text);
  sel = res.json.selection.id;
  assert.equal(res.json.selection.state, 'open');
  assert.equal(res.json.selection.interview_weight, 60);

  const rules = { age_max: 35, rank_lowest: 'principal_4', rank_highest: 'principal_1', years_min: 2,
    education: 'bachelor', staff_types: ['civil_servant'] };
  const postA = { unit_id: u.econ, title: '综合科科长', staff_type: 'civil_servant', post_level: 'section_chief',
    rank: 'principal_3', places: 1, rules };
  expectError(await asse.post(`/api/v1/selections/${sel}/posts`, { ...postA, rules: { ...rules, age_min: 40 } }),
    400, 'invalid_rule', '$.rules.age_max');
  expectError(await asse.post(`/api/v1/selections/${sel}/posts`, { ...postA, rules: { height: 170 } }),
    400, 'unknown_field', '$.rules.height');
  expectError(await asse.post(`/api/v1/selections/${sel}/posts`, { ...postA, rules: { education: 'phd' } }),
    400, 'invalid_rule', '$.rules.education');
  expectError(await asse.post(`/api/v1/selections/${sel}/posts`, { ...postA, places: 0 }), 400, 'invalid_field',
    '$.places');
  res = await asse.post(`/api/v1/selections/${sel}/posts`, postA);
  assert.equal(res.status, 201, res.text);
  post.a = res.json.posts[0].id;
  res = await asse.post(`/api/v1/selections/${sel}/posts`, { unit_id: u.talent, title: '综合管理岗',
    staff_type: 'self_set', places: 1, rules: { age_max: 30, education: 'master', school_tier: '211' } });
  assert.equal(res.status, 201, res.text);
  post.b = res.json.posts[1].id;
  assert.deepEqual(res.json.posts[1].rules, { age_max: 30, education: 'master', school_tier: '211' });
});

test('applications are checked against the post, each refusal with its reasons', async () => {
  const apply = async (key, postId) => {
    const res = await asse.post(`/api/v1/selections/${sel}/applications`, { post_id: postId, person_id: p[key] });
    assert.equal(res.status, 201, res.text);
    app[key] = res.json.application.id;
    return res.json.application;
  };
  const codes = (a) => a.reasons.map((r) => r.code);
  // On 2026-12-01: 李一 born 1992-05-01 is 34, principal_3 for 3 years.
  assert.equal((await apply('li', post.a)).eligible, true);
  // 王二 born 1990-12-01 turned 36 that day: too old (the post: at most 35).
  let a = await apply('wang', post.a);
  assert.equal(a.eligible, false);
  assert.deepEqual(codes(a), ['too_old']);
  assert.equal(a.reasons[0].age, 36);
  assert.equal(a.reasons[0].limit, 35);
  assert.deepEqual(codes(await apply('zhang', post.a)), ['rank_too_low']);
  // 赵四: principal_4 since 2025-06-01, one full year of the two.
  a = await apply('zhao', post.a);
  assert.deepEqual(codes(a), ['years_too_short']);
  assert.equal(a.reasons[0].years, 1);
  for (const k of ['qian', 'sun', 'zhou']) assert.equal((await apply(k, post.a)).eligible, true);
  // Graduates: 吴甲 26, master's, 985: eligible; 郑乙's school is not on
  // the 211 list; 冯丙 is 31 with a bachelor's.
  assert.equal((await apply('g1', post.b)).eligible, true);
  assert.deepEqual(codes(await apply('g2', post.b)), ['school_tier']);
  assert.deepEqual(codes(await apply('g3', post.b)), ['too_old', 'education']);
  // One post a person in a campaign.
  expectError(await asse.post(`/api/v1/selections/${sel}/applications`, { post_id: post.b, person_id: p.li }),
    409, 'already_applied', '$.person_id');
  const res = await asse.get(`/api/v1/selections/${sel}`);
  assert.equal(res.json.posts[0].applications, 7);
  assert.equal(res.json.posts[0].eligible, 4);
});

test('written exam, shortlist at 1:2 with the tie at the cut, interviews only for the shortlisted', async () => {
  // Ranking before the interviews is refused.
  expectError(await asse.post(`/api/v1/selections/${sel}/rank`, {}), 409, 'wrong_state');
  // An ineligible applicant takes no score; the whole list is refused.
  expectError(await asse.post(`/api/v1/selections/${sel}/scores`, { stage: 'written', scores: [
    { application_id: app.li, score: 80 }, { application_id: app.wang, score: 99 }] }),
  409, 'not_examined', '$.scores[1].application_id');
  expectError(await asse.post(`/api/v1/selections/${sel}/scores`, { stage: 'written', scores: [
    { application_id: app.li, score: 100.5 }] }), 400, 'invalid_score', '$.scores[0].score');
  let res = await asse.get(`/api/v1/selections/${sel}`);
  assert.equal(res.json.selection.state, 'open');
  assert.ok(res.json.applications.every((a) => a.written === null));
  // Written: 钱五 86, 李一 80, 孙六 80, 周七 70; 吴甲 75 on post B.
  res = await asse.post(`/api/v1/selections/${sel}/scores`, { stage: 'written', scores: [
    { application_id: app.qian, score: 86 }, { application_id: app.li, score: 80 },
    { application_id: app.sun, score: 80 }, { application_id: app.zhou, score: 70 },
    { application_id: app.g1, score: 75 }] });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.selection.state, 'written');
  // No more applications once the exam is written.
  expectError(await asse.post(`/api/v1/selections/${sel}/applications`, { post_id: post.b, person_id: p.incumbent }),
    409, 'wrong_state');
  res = await asse.post(`/api/v1/selections/${sel}/shortlist`, {});
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.selection.state, 'interview');
  const byId = (list) => Object.fromEntries(list.map((a) => [a.id, a]));
  let apps = byId(res.json.applications);
  // One place at 1:2: places 1 and 2 (钱五 86, 李一 80); 孙六 ties 李一 at
  // the cut with 80 and goes through; 周七 (70) does not.
  assert.equal(apps[app.qian].shortlisted, true);
  assert.equal(apps[app.li].shortlisted, true);
  assert.equal(apps[app.sun].shortlisted, true);
  assert.equal(apps[app.zhou].shortlisted, false);
  assert.equal(apps[app.g1].shortlisted, true);
  assert.equal(apps[app.li].place, 2);
  assert.equal(apps[app.sun].place, 3);
  assert.equal(apps[app.sun].rank, 2);
  expectError(await asse.post(`/api/v1/selections/${sel}/scores`, { stage: 'interview', scores: [
    { application_id: app.zhou, score: 99 }] }), 409, 'not_examined', '$.scores[0].application_id');
  // Interviews: 钱五 86, 李一 90, 孙六 88; 吴甲 absent (no score).
  res = await asse.post(`/api/v1/selections/${sel}/scores`, { stage: 'interview', scores: [
    { application_id: app.qian, score: 86 }, { application_id: app.li, score: 90 },
    { application_id: app.sun, score: 88 }] });
  assert.equal(res.status, 200, res.text);
  res = await asse.post(`/api/v1/selections/${sel}/rank`, {});
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.selection.state, 'ranked');
  apps = byId(res.json.applications);
  // Totals at 40/60: 钱五 0.4 x 86 + 0.6 x 86 = 86; 李一 32 + 54 = 86;
  // 孙六 32 + 52.8 = 84.8. 钱五 and 李一 tie on 86: the written score
  // decides (86 > 80). Competition ranks 1, 1, 3.
  assert.equal(apps[app.qian].total, 86);
  assert.equal(apps[app.li].total, 86);
  assert.equal(apps[app.sun].total, 84.8);
  assert.deepEqual([apps[app.qian].place, apps[app.li].place, apps[app.sun].place], [1, 2, 3]);
  assert.deepEqual([apps[app.qian].rank, apps[app.li].rank, apps[app.sun].rank], [1, 1, 3]);
  assert.equal(apps[app.zhou].place, null);
  // 吴甲: written 75 x 0.4 = 30, no interview: 30.
  assert.equal(apps[app.g1].total, 30);
  // The order of the list: post A's by place, then the unranked.
  const order = res.json.applications.filter((a) => a.post_id === post.a).map((a) => a.id);
  assert.deepEqual(order.slice(0, 3), [app.qian, app.li, app.sun]);
});

test('appointment: the next in line only, the quota checked, the present post ended', async () => {
  const appoint = (key, over = {}) => asse.post(`/api/v1/selections/${sel}/applications/${app[key]}/appoint`,
    { start_date: '2027-01-01', document: '珠组任〔2026〕66号', ...over });
  let err = expectError(await appoint('li'), 409, 'not_next_in_line');
  assert.match(err.message, /1 application/);
  const out = await asse.post(`/api/v1/selections/${sel}/applications/${app.qian}/withdraw`, {});
  assert.equal(out.status, 200, out.text);
  assert.equal(out.json.application.state, 'withdrawn');
  // 经济发展局 has one civil-servant place, filled: refused, then allowed
  // with a reason.
  err = expectError(await appoint('li'), 409, 'quota_exceeded', '$.staff_type');
  assert.match(err.message, /经济发展局/);
  let res = await appoint('li', { allow_over: true, reason: '选调到岗，原在岗人年内转任' });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.application.state, 'appointed');
  const emp = res.json.application.employment_id;
  res = await asse.get(`/api/v1/people/${p.li}`);
  assert.equal(res.status, 200, res.text);
  res = await asse.get(`/api/v1/employments?person_id=${p.li}`);
  const jobs = res.json.items;
  const now = jobs.find((j) => j.id === emp);
  assert.equal(now.unit_id, u.econ);
  assert.equal(now.title, '综合科科长');
  assert.equal(now.rank, 'principal_3');
  assert.equal(now.start_date, '2027-01-01');
  const old = jobs.find((j) => j.id !== emp);
  assert.equal(old.end_date, '2026-12-31');
  assert.equal(old.end_document, '珠组任〔2026〕66号');
  // The place is filled: 孙六 is not appointed on top.
  expectError(await appoint('sun'), 409, 'post_filled');
  // Ranking again after an appointment is refused.
  expectError(await asse.post(`/api/v1/selections/${sel}/rank`, {}), 409, 'wrong_state');
  // Audited: the campaign, the scores, the appointment.
  const recs = await auditRecords(auditor, 'action=selection.appoint');
  assert.equal(recs.length, 1);
  assert.equal(recs[0].object, `selection:${sel}`);
  res = await asse.get('/api/v1/selections');
  assert.equal(res.json.items[0].appointed, 1);
});

test('only the organisation department runs campaigns', async () => {
  const rep = await newAccount(s, 'rep1', { roles: 'reporter', unit: u.econ });
  expectError(await rep.get('/api/v1/selections'), 403, 'forbidden');
  expectError(await asse.get('/api/v1/selections/999999'), 404, 'not_found');
});
