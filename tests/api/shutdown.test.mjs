// Graceful shutdown: SIGTERM during a burst of requests. The server exits
// with 0 within a few seconds, the database is intact, and every request
// that got an answer has its audit record.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, kaohe } from '../lib/server.mjs';
import { Client, sqlite } from './client.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.cleanup(); });

async function burstThenSignal(signal) {
  const s = await startServer();
  servers.push(s);
  const N = 20;
  let signalled = false;
  let signalAt = 0;
  const exited = new Promise((resolve) => s.child.once('exit', (code, sig) => resolve({ code, sig, at: Date.now() })));
  const requests = Array.from({ length: N }, (_, i) => {
    const name = `ghost${String(i).padStart(2, '0')}`;
    return new Client(s.url).login(name, 'Wrong-Passw0rd!').then(
      (res) => {
        // Signal as soon as the first answer is in, with the rest in flight.
        if (!signalled) { signalled = true; signalAt = Date.now(); s.child.kill(signal); }
        return { name, res };
      },
      (error) => ({ name, error }),
    );
  });
  const results = await Promise.all(requests);
  const exit = await exited;
  assert.ok(signalled, 'at least one request was answered before the signal');
  assert.equal(exit.code, 0, `exit code after ${signal}: ${JSON.stringify(exit)}\n${s.log.slice(-2000)}`);
  assert.equal(exit.sig, null);
  assert.ok(exit.at - signalAt < 5000, `exited ${exit.at - signalAt} ms after the signal`);
  assert.match(s.log, /stopped/);

  const answered = results.filter((r) => r.res);
  assert.ok(answered.length >= 1);
  for (const { res } of answered) {
    assert.equal(res.status, 401, res.text);
    assert.equal(res.json.error.code, 'invalid_credentials');
  }

  assert.equal(sqlite(s.db, 'PRAGMA integrity_check'), 'ok');
  const verify = kaohe(['audit', 'verify', '--db', s.db]);
  assert.equal(verify.status, 0, verify.stdout + verify.stderr);
  const objects = sqlite(s.db, "SELECT object FROM audit WHERE action = 'session.login_failed'").split('\n');
  for (const { name } of answered)
    assert.ok(objects.includes(`account:${name}`), `the answered login of ${name} has its audit record`);
  // Each attempt is recorded at most once.
  assert.equal(new Set(objects).size, objects.length);
  return {
    answered: answered.map((r) => r.name),
    unanswered: results.filter((r) => r.error).map((r) => `${r.name} (${r.error.cause?.code ?? r.error.message})`),
    audited: objects.map((o) => o.replace(/^account:/, '')),
    log: s.log,
  };
}

let sigterm;

test('SIGTERM during a burst of logins: exit 0, database intact, answered requests audited', async () => {
  sigterm = await burstThenSignal('SIGTERM');
});

test('graceful: every request the server carried out before stopping got its answer', () => {
  // The server logs "finishing requests in progress, then stopping". A
  // request whose work was done (its audit record is written) must not be
  // cut off without its answer: the client would see a network error for
  // an action that happened.
  assert.ok(sigterm, 'the SIGTERM test ran');
  const cutOff = sigterm.audited.filter((name) => !sigterm.answered.includes(name));
  assert.deepEqual(cutOff, [],
    `carried out (audited) but not answered: ${cutOff.join(', ')}\n`
    + `client errors: ${sigterm.unanswered.join(', ')}\n`
    + `server log:\n${sigterm.log.split('\n').filter((l) => /aborted|SIGTERM|stopped/.test(l)).slice(0, 8).join('\n')}`);
});

test('SIGINT does the same', async () => {
  await burstThenSignal('SIGINT');
});

test('a stopped server\'s database opens again with its data', async () => {
  const s = await startServer();
  servers.push(s);
  const before = sqlite(s.db, 'SELECT count(*) FROM audit');
  const stopped = await s.stop();
  assert.equal(stopped.code, 0);
  await s.restart();
  const res = await new Client(s.url).get('/api/v1/health');
  assert.equal(res.status, 200);
  assert.equal(sqlite(s.db, 'SELECT count(*) FROM audit'), before);
});
