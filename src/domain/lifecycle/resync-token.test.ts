import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { setupWorld, type World } from '../../../test/support/domain-setup.ts';
import { hmacKey, hotp } from '../../otp/hotp.ts';
import { totpStep } from '../../otp/totp.ts';
import { moveToken } from '../move-token.ts';
import { staffActor } from '../staff-actor.ts';
import type { OtpParams } from '../token.ts';
import { useTokenCode } from '../use-token.ts';
import { resyncToken } from './resync-token.ts';

const C1 = '10000000001';
/** RFC 4226 Appendix D and RFC 6238 Appendix B (SHA-1): "12345678901234567890". */
const RFC_SECRET = Buffer.from('12345678901234567890', 'ascii');
const KEY = hmacKey(RFC_SECRET);
const TOTP: OtpParams = { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 };
const HOTP: OtpParams = { type: 'hotp', algorithm: 'SHA1', digits: 6 };
const STAFF = staffActor('sato', 'お客様から時刻ずれの申し出', '192.0.2.10');

let w: World;
beforeEach(async () => {
  w = await setupWorld();
  await w.contract(C1);
});
afterEach(() => w.close());

async function rfcToken(serial: string, params: OtpParams): Promise<void> {
  await w.deps.store.transaction((tx) =>
    tx.tokens.insertBatch([{ serial, kind: 'hardware', model: 'hw1', params, sealed: w.deps.keyring.seal(serial, RFC_SECRET), counter: 0n, expiresAtMs: null, demo: false, contractId: C1, status: 'registered' }]),
  );
}

/** The code the server expects now plus `steps` (TOTP). */
function stepCode(steps: number): string {
  return hotp(KEY, totpStep(w.deps.now(), 30) + BigInt(steps), 6, 'SHA1');
}

const counterCode = (counter: number): string => hotp(KEY, BigInt(counter), 6, 'SHA1');

function pay(serial: string, code: string) {
  return w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial, code, purpose: 'payment', statuses: ['registered'] }));
}

function resync(serial: string, firstCode: string, secondCode: string, who = STAFF) {
  return resyncToken(w.deps, who, { serial, firstCode, secondCode });
}

test('RFC 4226 and 6238 test secret: the HOTP code at counter 0 is 755224, so the helpers compute the RFC values', () => {
  assert.equal(counterCode(0), '755224');
  assert.equal(counterCode(9), '520489');
});

test('a TOTP token running 37 steps ahead is found from two consecutive codes, and its next code then pays', async () => {
  await rfcToken('T1', TOTP);
  assert.equal((await pay('T1', stepCode(37))).kind, 'rejected', 'before the resync, the token is beyond the payment window');
  w.advance(30_000);
  const r = await resync('T1', stepCode(36), stepCode(37));
  assert.ok(r.ok, r.ok ? '' : r.code);
  assert.deepEqual([r.oldDrift, r.newDrift], [0, 37]);
  w.advance(30_000);
  const next = await pay('T1', stepCode(37));
  assert.equal(next.kind, 'accepted');
});

test('a TOTP pair at the edges of ±60 steps is found; one step beyond is refused', async () => {
  await rfcToken('T1', TOTP);
  assert.equal((await resync('T1', stepCode(-61), stepCode(-60))).ok, false);
  const behind = await resync('T1', stepCode(-60), stepCode(-59));
  assert.ok(behind.ok && behind.newDrift === -59);
  await rfcToken('T2', TOTP);
  assert.deepEqual(await resync('T2', stepCode(60), stepCode(61)), { ok: false, code: 'resync_refused', field: 'firstCode' });
  const ahead = await resync('T2', stepCode(59), stepCode(60));
  assert.ok(ahead.ok && ahead.newDrift === 60);
});

test('an HOTP token 500 presses ahead is found, its next counter becomes c + 2, and neither code works again', async () => {
  await rfcToken('H1', HOTP);
  assert.equal((await pay('H1', counterCode(501))).kind, 'rejected', 'beyond the payment look-ahead');
  const r = await resync('H1', counterCode(500), counterCode(501));
  assert.ok(r.ok, r.ok ? '' : r.code);
  assert.equal(r.consumedCounter, 501n);
  const token = await w.deps.store.transaction((tx) => tx.tokens.get('H1'));
  assert.deepEqual([token?.lastCounter, token?.counter], [501n, 502n]);
  assert.deepEqual(await pay('H1', counterCode(501)), { kind: 'rejected', reason: 'replayed', lockedNow: false });
  assert.equal((await pay('H1', counterCode(502))).kind, 'accepted');
});

test('HOTP looks at most 1,000 counters ahead: a pair starting at expected + 999 is found, at + 1,000 refused', async () => {
  await rfcToken('H1', HOTP);
  assert.deepEqual(await resync('H1', counterCode(1000), counterCode(1001)), { ok: false, code: 'resync_refused', field: 'firstCode' });
  assert.ok((await resync('H1', counterCode(999), counterCode(1000))).ok);
});

test('non-consecutive, reversed and replayed pairs are refused, and a refusal changes nothing', async () => {
  await rfcToken('H1', HOTP);
  assert.deepEqual(await resync('H1', counterCode(500), counterCode(502)), { ok: false, code: 'resync_refused', field: 'firstCode' });
  assert.deepEqual(await resync('H1', counterCode(501), counterCode(500)), { ok: false, code: 'resync_refused', field: 'firstCode' });
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get('H1')))?.lastCounter, null);
  assert.ok((await resync('H1', counterCode(500), counterCode(501))).ok);
  assert.deepEqual(await resync('H1', counterCode(500), counterCode(501)), { ok: false, code: 'otp_replayed', field: 'secondCode' });
  await rfcToken('T1', TOTP);
  w.advance(30_000);
  assert.ok((await resync('T1', stepCode(4), stepCode(5))).ok);
  assert.deepEqual(await resync('T1', stepCode(4), stepCode(5)), { ok: false, code: 'otp_replayed', field: 'secondCode' });
});

test('codes of the wrong length or not digits are bad input', async () => {
  await rfcToken('T1', TOTP);
  assert.deepEqual(await resync('T1', '12345', stepCode(1)), { ok: false, code: 'bad_format', field: 'firstCode' });
  assert.deepEqual(await resync('T1', stepCode(0), '１２３４５６'), { ok: false, code: 'bad_format', field: 'secondCode' });
});

test('a locked token is resynchronised but stays locked: lifting the lock is a separate action', async () => {
  await rfcToken('T1', TOTP);
  await w.deps.store.transaction((tx) => moveToken(tx, 'T1', ['registered'], 'locked'));
  assert.ok((await resync('T1', stepCode(10), stepCode(11))).ok);
  assert.equal((await w.deps.store.transaction((tx) => tx.tokens.get('T1')))?.status, 'locked');
});

test('a revoked token, an unknown serial and a missing 理由 are refused', async () => {
  await rfcToken('T1', TOTP);
  await w.deps.store.transaction((tx) => moveToken(tx, 'T1', ['registered'], 'revoked'));
  assert.deepEqual(await resync('T1', stepCode(0), stepCode(1)), { ok: false, code: 'token_final', field: 'serial' });
  assert.deepEqual(await resync('NOPE', stepCode(0), stepCode(1)), { ok: false, code: 'token_not_found', field: 'serial' });
  await rfcToken('T2', TOTP);
  assert.deepEqual(await resync('T2', stepCode(0), stepCode(1), staffActor('sato', ' ', 'cli')), { ok: false, code: 'required', field: 'reason' });
});

test('the resync is audited on the contract\'s chain with the staff member, the 理由 and the old and new drift', async () => {
  await rfcToken('T1', TOTP);
  w.advance(30_000);
  assert.ok((await resync('T1', stepCode(-4), stepCode(-3))).ok);
  assert.ok(!(await resync('T1', stepCode(0), stepCode(2))).ok);
  const entries = (await w.deps.store.transaction((tx) => tx.audit.entries(C1))).filter((e) => e.action === 'token.resync');
  assert.deepEqual(entries.map((e) => [e.actor, e.target, e.outcome, JSON.parse(e.detail)]), [
    ['staff:sato', 'T1', 'resynced', { oldDrift: 0, newDrift: -3, oldNextCounter: null, newNextCounter: null, reason: STAFF.reason }],
    ['staff:sato', 'T1', 'resync_refused', { reason: STAFF.reason }],
  ]);
  assert.ok(entries.every((e) => !e.detail.includes(stepCode(-3))), 'no code in the audit log');
});
