// What operators watch: /metrics (Prometheus text, configured addresses only), one JSON access line per
// request with a request id, and logs that never hold a secret, whatever a client sends where.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO } from '../../src/demo-data.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { setupApi } from '../api/api-fixture.ts';
import { userAgent } from '../user/agent.ts';
import { C, SERIAL, setupUserApp } from '../user/fixture.ts';
import { createApp } from '../../src/web/app.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function captureLog(): { write(line: string): void; lines(): Record<string, unknown>[]; text(): string } {
  const chunks: string[] = [];
  return {
    write: (line) => void chunks.push(line),
    lines: () => chunks.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>),
    text: () => chunks.join(''),
  };
}

function metricValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

test('verifications are counted by result, with their latency, and a replay is counted as replayed', async (t) => {
  const metrics = createMetrics();
  const f = await setupApi(undefined, { metrics });
  t.after(() => f.close());
  await f.register('user01', SERIAL.hw1);
  const code = await f.otp(SERIAL.hw1);
  assert.equal((await f.verify({ contract: C, login: 'user01', otp: code })).statusCode, 200);
  await f.verify({ contract: C, login: 'user01', otp: code });
  await f.verify({ contract: C, login: 'user01', otp: await f.wrongOtp(SERIAL.hw1) });
  const text = (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.equal(metricValue(text, 'bizotp_otp_verifications_total', 'action="api.otp.verify",result="accepted"'), 1);
  assert.equal(metricValue(text, 'bizotp_otp_verifications_total', 'action="api.otp.verify",result="replayed"'), 1);
  assert.equal(metricValue(text, 'bizotp_otp_verifications_total', 'action="api.otp.verify",result="invalid"'), 1);
  assert.equal(metricValue(text, 'bizotp_otp_verification_duration_seconds_count', 'result="rejected"'), 2);
  assert.equal(metricValue(text, 'bizotp_http_request_duration_seconds_count', 'route="/api/v1/otp/verify",status="200"'), 3);
  // SQLite's group commit reported its groups (one per transaction at least, here in sequence).
  assert.ok(Number(/bizotp_sqlite_group_commit_size_count (\d+)/.exec(text)?.[1]) >= 4);
});

test('the CPU of each thread is counted: the serving thread, and on SQLite as serve opens it the verify reader and writer', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-thread-cpu-'));
  const metrics = createMetrics();
  const f = await setupApi(join(dir, 'bizotp.sqlite'), { metrics, sqliteVerifyWriter: true });
  t.after(async () => {
    await f.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await f.register('user01', SERIAL.hw1);
  assert.equal((await f.verify({ contract: C, login: 'user01', otp: await f.otp(SERIAL.hw1) })).json().result, 'accepted');
  const scrape = async (): Promise<number[]> => {
    const text = (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
    return ['serving', 'verify_reader', 'verify_writer'].map((thread) => metricValue(text, 'bizotp_thread_cpu_seconds_total', `thread="${thread}"`));
  };
  const first = await scrape();
  // Each thread has run (the reader read the code's token, the writer committed it): more than nothing.
  for (const seconds of first) assert.ok(seconds > 0, `${first.join(', ')}`);
  const second = await scrape();
  for (const [i, seconds] of second.entries()) assert.ok(seconds >= first[i]!, 'a counter never goes back');
});

test('a thread started again counts from zero: what it used since is added to its counter', async () => {
  const metrics = createMetrics();
  // Readings of one thread: its first start, then a second start (a new threadId) that has already used more.
  const readings = [[1, 5_000_000], [1, 7_000_000], [2, 2_000_000], [3, 9_000_000]] as const;
  let n = 0;
  metrics.watchThreads?.(async () => {
    const [instance, micros] = readings[Math.min(n++, readings.length - 1)]!;
    return [{ thread: 'verify_writer', instance, userMicros: micros, systemMicros: 500_000 }];
  });
  const read = async (): Promise<number> => metricValue(await metrics.registry.metrics(), 'bizotp_thread_cpu_seconds_total', 'thread="verify_writer"');
  assert.equal(await read(), 5.5);
  assert.equal(await read(), 7.5);
  assert.equal(await read(), 10, 'started again: 2.5 s more, not 5 s less');
  assert.equal(await read(), 19.5, 'started again, already past the last reading: all 9.5 s of it');
});

test('logins are counted by audience and result, and a lock caused by failures is counted', async (t) => {
  const metrics = createMetrics();
  const f = await setupUserApp(undefined, { metrics });
  t.after(() => f.close());
  const u = userAgent(f.app);
  await u.login('user01');
  for (let i = 0; i < 5; i++) {
    f.clock.advance(10_000); // past the progressive delay (test/login-delay.test.ts), so each guess is checked
    await userAgent(f.app).login('user02', 'wrong-password');
  }
  const text = (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.equal(metricValue(text, 'bizotp_logins_total', 'audience="user",result="success"'), 1);
  assert.ok(metricValue(text, 'bizotp_logins_total', 'audience="user",result="user_login_failed"') >= 4);
  assert.equal(metricValue(text, 'bizotp_locks_total', 'what="user_login"'), 1);
});

test('/metrics answers loopback only by default, and refuses a client named by a trusted proxy', async (t) => {
  const f = await setupUserApp();
  t.after(() => f.close());
  const proxied = createApp(f.deps, { secureCookies: false, logger: false, trustedProxies: ['127.0.0.1'] });
  const narrowed = createApp(f.deps, { secureCookies: false, logger: false, metricsAllow: ['10.0.0.0/8'] });
  t.after(() => proxied.close());
  t.after(() => narrowed.close());
  assert.equal((await f.app.inject({ method: 'GET', url: '/metrics' })).statusCode, 200);
  assert.equal((await proxied.inject({ method: 'GET', url: '/metrics', headers: { 'x-forwarded-for': '203.0.113.9' } })).statusCode, 403);
  assert.equal((await narrowed.inject({ method: 'GET', url: '/metrics' })).statusCode, 403);
  assert.equal((await narrowed.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3' })).statusCode, 200);
});

test('every request gets one JSON access line with its request id, which a trusted proxy may set and nobody else', async (t) => {
  const log = captureLog();
  const f = await setupUserApp();
  t.after(() => f.close());
  const app = createApp(f.deps, { secureCookies: false, logger: true, logStream: log, trustedProxies: ['10.0.0.1'] });
  t.after(() => app.close());
  const direct = await app.inject({ method: 'GET', url: '/user/login', headers: { 'x-request-id': 'chosen-by-client' } });
  const proxied = await app.inject({ method: 'GET', url: '/healthz', remoteAddress: '10.0.0.1', headers: { 'x-request-id': 'nginx-0001', 'x-forwarded-for': '198.51.100.7' } });
  assert.notEqual(direct.headers['x-request-id'], 'chosen-by-client');
  assert.match(String(direct.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  assert.equal(proxied.headers['x-request-id'], 'nginx-0001');
  const lines = log.lines().filter((l) => l.msg === 'request');
  assert.equal(lines.length, 2);
  assert.deepEqual(
    lines.map((l) => [l.method, l.route, l.status, l.requestId, l.ip, l.audience]),
    [
      ['GET', '/user/login', 200, direct.headers['x-request-id'], '127.0.0.1', 'user'],
      ['GET', '/healthz', 200, 'nginx-0001', '198.51.100.7', 'ops'],
    ],
  );
  assert.equal(typeof lines[0]?.durationMs, 'number');
  assert.match(String(lines[0]?.time), /^\d{4}-\d\d-\d\dT/);
});

test('no secret reaches the logs: passwords, PINs, OTPs, API keys, session cookies and idempotency keys, wherever sent', async (t) => {
  const log = captureLog();
  const f = await setupApi(undefined, { logStream: log });
  t.after(() => f.close());
  const canaries: string[] = [DEMO.adminPassword, DEMO.confirmPin, DEMO.userPassword, DEMO.userConfirmPin, f.key, 'Canary-Pw-93f1c2', 'CanaryIdem-77ab'];
  await f.register('user01', SERIAL.hw1);
  // Logins (failed and successful) and a payment with its OTP, through the screens.
  const u = userAgent(f.app);
  await userAgent(f.app).login('user01', 'Canary-Pw-93f1c2');
  await u.login('user01');
  const draftId = await u.prepareTransfer();
  const payOtp = await f.otp(SERIAL.hw1);
  canaries.push(payOtp);
  await u.post('/user/payments/execute', { draftId, otp: payOtp });
  for (const value of u.cookies.values()) canaries.push(value);
  // Administrator login and the API, including secrets where no client should put them.
  await f.app.inject({ method: 'POST', url: '/login', payload: { contractId: C, password: DEMO.adminPassword } });
  f.clock.advance(60_000);
  const apiOtp = await f.otp(SERIAL.hw1);
  canaries.push(apiOtp);
  await f.app.inject({
    method: 'POST',
    url: `/api/v1/otp/verify?key=${f.key}`,
    headers: { authorization: `Bearer ${f.key}`, 'content-type': 'application/json', 'idempotency-key': 'CanaryIdem-77ab' },
    payload: JSON.stringify({ contract: C, login: 'user01', otp: apiOtp }),
  });
  await f.app.inject({ method: 'GET', url: `/login?password=Canary-Pw-93f1c2`, headers: { cookie: `bizotp_sid=${[...u.cookies.values()][0] ?? ''}` } });
  const text = log.text();
  assert.ok(log.lines().filter((l) => l.msg === 'request').length >= 8, 'the run was logged');
  for (const canary of canaries) assert.equal(text.includes(canary), false, `a secret (${canary.slice(0, 3)}…) is in the log`);
});
