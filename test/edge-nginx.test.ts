// The production edge for real: Debian's nginx (configured from deploy/ as shipped, only ports and paths
// changed) with a throwaway certificate, in front of two `bizotp serve` processes on one PostgreSQL database,
// loaded through the CLI. Clients speak from different loopback addresses (127.0.0.2, 127.0.0.3); nginx
// names them in X-Forwarded-For and the instances trust only nginx. Everything runs on 127.0.0.0/8.

import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDeps } from '../src/compose.ts';
import { loadConfig } from '../src/config.ts';
import type { DomainDeps } from '../src/domain/deps.ts';
import { registerToken } from '../src/domain/registration.ts';
import { BANK_CHAIN } from '../src/domain/audit.ts';
import { hmacKey, hotp } from '../src/otp/hotp.ts';
import { totp } from '../src/otp/totp.ts';
import { createEdge, type Edge, NGINX, request, type Server } from './support/edge-harness.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';

const CONTRACT = '20000000001';
const ADMIN_PASSWORD = 'edge4dmin1';
const CONFIRM_PIN = 'edgek4kunin';
const HOTP_SERIAL = '40000000000001';
const TOTP_SERIAL = '40000000000002';
const HOTP_SECRET = Buffer.from('3132333435363738393031323334353637383930', 'hex');
const TOTP_SECRET = Buffer.from('0102030405060708090a0b0c0d0e0f1011121314', 'hex');
const CLIENT_A = '127.0.0.2';
const CLIENT_B = '127.0.0.3';

const skip = POSTGRES_URL === undefined ? 'BIZOTP_TEST_POSTGRES_URL is not set (see README, Tests)' : !existsSync(NGINX) ? `${NGINX} is missing: apt-get install nginx` : false;

describe('behind a real nginx, two instances on one PostgreSQL', { skip, timeout: 300_000 }, () => {
  let edge: Edge;
  let deps: DomainDeps;
  let key = '';
  let servers: [Server, Server];
  let origin = '';
  let hotpCounter = 0n;

  const verify = (base: string, login: string, otp: string, localAddress?: string): Promise<{ status: number; result: string; reason?: string }> =>
    request(`${base}/api/v1/otp/verify`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contract: CONTRACT, login, otp }),
      ...(localAddress === undefined ? {} : { localAddress }),
    }).then((a) => ({ status: a.status, ...(a.status === 200 ? (JSON.parse(a.body) as { result: string; reason?: string }) : { result: `http_${a.status}` }) }));

  const nextHotp = (): string => hotp(hmacKey(HOTP_SECRET), hotpCounter++, 6, 'SHA1');

  /** The administrator's login form through nginx, from `localAddress`: GET for the CSRF cookie, then POST. */
  async function adminLogin(localAddress: string, contractId: string, password: string): Promise<number> {
    const form = await request(`${origin}/login`, { localAddress });
    const cookie = (form.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const posted = await request(`${origin}/login`, {
      method: 'POST',
      localAddress,
      headers: { cookie, origin, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ contractId, password, _csrf: csrf }).toString(),
    });
    return posted.status;
  }

  before(async () => {
    markPostgresSuiteRan();
    const url = await freshPostgresDatabase('edge_nginx');
    edge = await createEdge(url);
    origin = edge.origin;
    // The operator's path: migrate, then load everything with the CLI.
    edge.cli(['migrate']);
    edge.cli(['contracts', 'create', '--id', CONTRACT, '--name', 'エッジ商事'], `${ADMIN_PASSWORD}\n${CONFIRM_PIN}\n`);
    for (const login of ['user01', 'user02']) edge.cli(['users', 'create', '--contract', CONTRACT, '--login', login, '--name', `利用者${login}`], 'riyou0001\nkakunin002\n');
    const csv = join(edge.dir, 'seeds.csv');
    writeFileSync(
      csv,
      `serial,type,algorithm,digits,step,counter,secret_hex,expiry,model\n${HOTP_SERIAL},hotp,SHA1,6,,0,${HOTP_SECRET.toString('hex')},,\n${TOTP_SERIAL},totp,SHA1,6,30,0,${TOTP_SECRET.toString('hex')},,\n`,
    );
    edge.cli(['tokens', 'import', csv, '--model', 'hw1', '--allow-plaintext']);
    edge.cli(['tokens', 'issue', HOTP_SERIAL, '--to', TOTP_SERIAL, '--contract', CONTRACT, '--operator', 'edge-test', '--reason', '結合試験']);
    key = edge.cli(['apikeys', 'create', '--name', 'edge-teller']).trim().split('\n').at(-1)?.trim() ?? '';
    // Registration as the administrator's screen does it, through the domain with the same key and database.
    deps = await openDeps(loadConfig(edge.env, () => {}), () => Date.now(), { schema: 'require-current' });
    const who = { actor: `admin:${CONTRACT}`, ip: '127.0.0.1' };
    const first = await registerToken(deps, who, { contractId: CONTRACT, form: 'per_user', loginId: 'user01', serial: HOTP_SERIAL, otp: nextHotp(), confirmPin: CONFIRM_PIN });
    const second = await registerToken(deps, who, { contractId: CONTRACT, form: 'per_user', loginId: 'user02', serial: TOTP_SERIAL, otp: totp(hmacKey(TOTP_SECRET), Date.now(), { algorithm: 'SHA1', digits: 6, stepSeconds: 30 }), confirmPin: CONFIRM_PIN });
    assert.ok(first.ok && second.ok, 'both tokens registered');
    servers = await Promise.all([edge.serve(), edge.serve()]);
    await edge.nginx([servers[0].port, servers[1].port]);
  });

  after(async () => {
    await deps?.store.close();
    await edge?.stopAll();
  });

  test('each client\'s own address reaches the audit log, not the proxy\'s', async () => {
    assert.equal(await adminLogin(CLIENT_A, CONTRACT, 'wrong0pass1'), 422);
    assert.equal(await adminLogin(CLIENT_B, CONTRACT, ADMIN_PASSWORD), 303);
    const entries = await deps.store.transaction((tx) => tx.audit.entries(CONTRACT));
    const logins = entries.filter((e) => e.action === 'admin.login').map((e) => [e.outcome, e.ip]);
    assert.deepEqual(logins, [
      ['login_failed', CLIENT_A],
      ['success', CLIENT_B],
    ]);
    // The access log of whichever instance answered names the client too, under nginx's request id.
    const logged = servers.map((s) => s.output()).join('');
    assert.match(logged, /"route":"\/login","status":303,"durationMs":[\d.]+,"ip":"127\.0\.0\.3"/);
  });

  test('one client\'s failed logins do not throttle another\'s', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25 && !statuses.includes(429); i++) statuses.push(await adminLogin(CLIENT_A, '29999999999', 'wrong0pass1'));
    assert.ok(statuses.includes(429), `client A was throttled (${statuses.join(',')})`);
    assert.equal(await adminLogin(CLIENT_B, CONTRACT, ADMIN_PASSWORD), 303, 'client B logs in at once');
    const bank = await deps.store.transaction((tx) => tx.audit.entries(BANK_CHAIN));
    assert.ok(bank.some((e) => e.action === 'admin.login' && e.ip === CLIENT_A), 'A\'s refusals are audited under A\'s address');
    assert.equal(bank.some((e) => e.action === 'admin.login' && e.ip === '127.0.0.1'), false, 'none under the proxy\'s');
  });

  test('a token locked through nginx is locked on both instances', async () => {
    const code = (): string => totp(hmacKey(TOTP_SECRET), Date.now(), { algorithm: 'SHA1', digits: 6, stepSeconds: 30 });
    const wrong = (): string => String((Number(code()) + 1) % 1_000_000).padStart(6, '0');
    const answers: string[] = [];
    for (let i = 0; i < 8 && !answers.includes('locked'); i++) answers.push((await verify(origin, 'user02', wrong(), CLIENT_A)).reason ?? '');
    assert.equal(answers.at(-1), 'locked', answers.join(','));
    for (const s of servers) assert.equal((await verify(`http://127.0.0.1:${s.port}`, 'user02', code())).reason, 'locked', `instance on ${s.port}`);
  });

  test('/metrics is denied through nginx and served on an instance\'s loopback port, with verifications and pool usage', async () => {
    assert.equal((await request(`${origin}/metrics`, { localAddress: CLIENT_A })).status, 403);
    const texts = await Promise.all(servers.map(async (s) => (await request(`http://127.0.0.1:${s.port}/metrics`)).body));
    const all = texts.join('\n');
    assert.match(all, /bizotp_otp_verifications_total\{action="api\.otp\.verify",result="locked"\} \d+/);
    assert.match(all, /bizotp_locks_total\{what="token"\} 1/);
    assert.match(all, /bizotp_logins_total\{audience="admin",result="success"\} \d+/);
    for (const text of texts) assert.match(text, /bizotp_pg_pool_connections\{state="total"\} \d+/);
  });

  test('killing one instance mid-load loses no accepted verification, and the other keeps serving', async () => {
    const [victim, survivor] = servers;
    const accepted: { otp: string; counter: bigint }[] = [];
    let afterKill = 0;
    for (let i = 0; i < 30; i++) {
      if (i === 10) victim.process.kill('SIGKILL');
      const counter = hotpCounter;
      const otp = nextHotp();
      const answer = await verify(origin, 'user01', otp, CLIENT_B).catch(() => ({ status: 0, result: 'no_answer' }));
      if (answer.result === 'accepted') {
        accepted.push({ otp, counter });
        if (i > 10) afterKill++;
      }
    }
    assert.ok(accepted.length >= 20, `most codes were accepted (${accepted.length} of 30)`);
    assert.ok(afterKill >= 10, `the survivor served after the kill (${afterKill})`);
    // Every code answered "accepted" is spent in PostgreSQL: the token's last consumed counter is at or past
    // each (it only moves forward), so none can be accepted again, on any instance.
    const token = await deps.store.transaction((tx) => tx.tokens.get(HOTP_SERIAL));
    const highest = accepted.at(-1)?.counter ?? -1n;
    assert.ok(token?.lastCounter !== null && (token?.lastCounter ?? -1n) >= highest, `last consumed ${token?.lastCounter} ≥ ${highest}`);
    // On the survivor: the newest accepted code is "replayed"; older ones (outside an HOTP window, which starts
    // at the last consumed counter) are refused too — three of them, below the token's lock.
    assert.equal((await verify(`http://127.0.0.1:${survivor.port}`, 'user01', accepted.at(-1)?.otp ?? '')).reason, 'replayed');
    for (const older of [accepted[0], accepted[9], accepted[accepted.length - 2]]) {
      assert.equal((await verify(`http://127.0.0.1:${survivor.port}`, 'user01', older?.otp ?? '')).result, 'rejected', `${older?.otp} refused`);
    }
    assert.equal((await verify(origin, 'user01', nextHotp())).result, 'accepted', 'and it still accepts new codes');
  });
});
