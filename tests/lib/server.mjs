// Starts a real `kaohe serve` on a free loopback port with a fresh SQLite
// database, for the API and browser tests. Nothing is mocked: the binary
// under test is the one `make test` built (KAOHE_BIN), the database is a
// real file in a temporary folder, and requests go over real HTTP.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const KAOHE = resolve(process.env.KAOHE_BIN ?? 'build/kaohe');

// Runs a kaohe command; returns { status, stdout, stderr }.
export function kaohe(args, opts = {}) {
  try {
    const stdout = execFileSync(KAOHE, args, {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts,
    });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

// Parses the one-time passwords `kaohe init` prints:
//   "  admin  sysadmin  <password>"
export function parseInitPasswords(stdout) {
  const out = {};
  for (const m of stdout.matchAll(/^\s+(\S+)\s+(sysadmin|secadmin|auditor)\s+(\S+)\s*$/gm))
    out[m[1]] = m[3];
  return out;
}

// Starts a server. env: extra KAOHE_* settings (e.g. short session limits).
// Returns { url, db, dir, passwords, stop(), kill(), restart() }.
export async function startServer({ env = {}, db } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'kaohe-test-'));
  db = db ?? join(dir, 'kaohe.db');
  const init = kaohe(['init', '--db', db]);
  if (init.status !== 0) throw new Error(`kaohe init failed: ${init.stderr}`);
  const passwords = parseInitPasswords(init.stdout);
  const s = { db, dir, passwords, env, log: '' };
  await launch(s);
  s.stop = () => stop(s, 'SIGTERM');
  s.kill = () => stop(s, 'SIGKILL');
  s.restart = async () => { await stop(s, 'SIGTERM'); await launch(s); };
  s.cleanup = async () => { await stop(s, 'SIGTERM'); rmSync(dir, { recursive: true, force: true }); };
  return s;
}

function launch(s) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(KAOHE, ['serve', '--db', s.db, '--port', '0'], {
      env: { ...process.env, ...s.env }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    s.child = child;
    const from = s.log.length; // after a restart, only this run's lines
    let done = false;
    const timer = setTimeout(() => {
      if (!done) { done = true; child.kill('SIGKILL'); reject(new Error(`server did not start:\n${s.log}`)); }
    }, 15000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      s.log += chunk;
      const m = s.log.slice(from).match(/listening on (http:\/\/[^\s/]+)\//);
      if (m && !done) {
        done = true;
        clearTimeout(timer);
        s.url = m[1];
        resolvePromise(s);
      }
    });
    child.on('exit', (code, signal) => {
      s.exit = { code, signal };
      if (!done) { done = true; clearTimeout(timer); reject(new Error(`server exited (${code ?? signal}):\n${s.log}`)); }
    });
  });
}

function stop(s, signal) {
  return new Promise((resolvePromise) => {
    const child = s.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolvePromise(s.exit);
    child.once('exit', (code, sig) => resolvePromise({ code, signal: sig }));
    child.kill(signal);
  });
}
