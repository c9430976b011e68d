// When a token counts a failure and when it is locked (product.md §4): the status is the one field that says
// "locked"; an expired token and a replayed code are refused without counting toward the lock, while at most
// 5 wrong codes are ever evaluated; and a registration never touches a token of another contract — on SQLite
// and on PostgreSQL, through the same domain path every channel uses.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../src/domain/policy.ts';
import { registerToken } from '../src/domain/registration.ts';
import type { StoreTx } from '../src/domain/store-ports.ts';
import { type TokenUse, useTokenCode } from '../src/domain/use-token.ts';
import { unlockToken } from '../src/domain/users.ts';
import { PIN, setupWorld, WHO, type World } from './support/domain-setup.ts';
import { interleave } from './support/interleave.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';

const CONTRACT = '10000000001';
const OTHER = '10000000002';
const PARALLEL = 50;
/** A correct ご契約先確認暗証番号 is checked in two transactions (lockout.ts) before the registration's own. */
const CONFIRM_PIN_CHECK_TRANSACTIONS = 2;

const outcome = (r: TokenUse): string => (r.kind === 'accepted' ? 'accepted' : r.reason);

function tokenLocks(name: string, open: () => Promise<World>, onDone?: () => void): void {
  describe(`token failures and locks on ${name}`, () => {
    after(() => onDone?.());

    async function world(t: { after(fn: () => Promise<void>): void }): Promise<World> {
      const w = await open();
      t.after(() => w.close());
      await w.contract(CONTRACT);
      return w;
    }
    const use = (w: World, serial: string, code: string): Promise<TokenUse> =>
      w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial, code, purpose: 'payment', statuses: ['registered'] }));
    const stored = (w: World, serial: string) => w.deps.store.transaction((tx) => tx.tokens.get(serial));

    test('an expired token is refused as expired, however often, without counting a failure or becoming locked', async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000011', { contractId: CONTRACT, status: 'registered', expiresAtMs: w.deps.now() + 60_000 });
      w.advance(60_000);
      for (let i = 0; i < MAX_CONSECUTIVE_OTP_FAILURES + 2; i++) assert.equal(outcome(await use(w, token.serial, token.code())), 'expired');
      const after = await stored(w, token.serial);
      assert.deepEqual([after?.status, after?.consecutiveFailures], ['registered', 0]);
    });

    test('ten replays of a used code leave the token unlocked, and its next code is accepted', async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000012', { contractId: CONTRACT, status: 'registered' });
      const used = token.code();
      assert.equal(outcome(await use(w, token.serial, used)), 'accepted');
      for (let i = 0; i < 10; i++) assert.equal(outcome(await use(w, token.serial, used)), 'replayed');
      const after = await stored(w, token.serial);
      assert.deepEqual([after?.status, after?.consecutiveFailures], ['registered', 0]);
      w.advance(30_000);
      assert.equal(outcome(await use(w, token.serial, token.code())), 'accepted');
    });

    test(`${PARALLEL} parallel replays of a used code are all refused as replayed and leave the token unlocked`, async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000013', { contractId: CONTRACT, status: 'registered' });
      const used = token.code();
      assert.equal(outcome(await use(w, token.serial, used)), 'accepted');
      const results = await Promise.all(Array.from({ length: PARALLEL }, () => use(w, token.serial, used)));
      assert.deepEqual([...new Set(results.map(outcome))], ['replayed']);
      const after = await stored(w, token.serial);
      assert.deepEqual([after?.status, after?.consecutiveFailures], ['registered', 0]);
    });

    test(`replays between wrong codes do not let more than ${MAX_CONSECUTIVE_OTP_FAILURES} wrong codes be evaluated, in parallel`, async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000014', { contractId: CONTRACT, status: 'registered' });
      const used = token.code();
      assert.equal(outcome(await use(w, token.serial, used)), 'accepted');
      const wrong = used === '000000' ? '111111' : '000000';
      const results = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => use(w, token.serial, i % 2 === 0 ? wrong : used)));
      const reasons = results.map(outcome);
      assert.equal(reasons.filter((r) => r === 'invalid').length, MAX_CONSECUTIVE_OTP_FAILURES, reasons.join(','));
      assert.ok(reasons.every((r) => r === 'invalid' || r === 'replayed' || r === 'locked'), reasons.join(','));
      const lockedNow = results.filter((r) => r.kind === 'rejected' && r.lockedNow).length;
      assert.equal(lockedNow, 1, 'the fifth wrong code locks it, in its own transaction');
      assert.equal((await stored(w, token.serial))?.status, 'locked');
    });

    test('the fifth wrong code moves the token to locked in the same transaction, and the status alone then refuses', async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000015', { contractId: CONTRACT, status: 'registered' });
      const wrong = token.code() === '000000' ? '111111' : '000000';
      for (let i = 1; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) assert.equal(outcome(await use(w, token.serial, wrong)), 'invalid');
      const fifth = await use(w, token.serial, wrong);
      assert.deepEqual(fifth, { kind: 'rejected', reason: 'invalid', lockedNow: true, remaining: 0 });
      assert.deepEqual([(await stored(w, token.serial))?.status], ['locked']);
      // A locked token whose count was lifted without its status is still locked: the status decides.
      await w.deps.store.transaction((tx) => tx.tokens.resetFailures(token.serial));
      assert.equal(outcome(await use(w, token.serial, token.code())), 'locked');
    });

    test('the 利用中止解除 of a locked token lifts its status and its count together, and a token not locked has nothing to lift', async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000017', { contractId: CONTRACT });
      const register = (code: string): Promise<TokenUse> =>
        w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: token.serial, code, purpose: 'registration', statuses: ['issued', 'registered'] }));
      const wrong = token.code() === '000000' ? '111111' : '000000';
      for (let i = 1; i < MAX_CONSECUTIVE_OTP_FAILURES; i++) await register(wrong);
      const notYet = await w.deps.store.transaction((tx) => unlockToken(tx, WHO, w.deps.now(), CONTRACT, token.serial));
      assert.equal(notYet.ok ? 'ok' : notYet.code, 'token_state', 'four failures are not a lock');
      await register(wrong);
      assert.equal((await stored(w, token.serial))?.status, 'locked');
      const unlocked = await w.deps.store.transaction((tx) => unlockToken(tx, WHO, w.deps.now(), CONTRACT, token.serial));
      assert.ok(unlocked.ok);
      const after = await stored(w, token.serial);
      assert.deepEqual([after?.status, after?.consecutiveFailures], ['issued', 0]);
      assert.equal(outcome(await register(token.code())), 'accepted');
    });

    test('a registration refuses a token moved to another contract between its read and the reservation, and leaves it untouched', async (t) => {
      const w = await world(t);
      await w.contract(OTHER);
      await w.user(CONTRACT, 'user01');
      const token = await w.token('10000000000016', { contractId: CONTRACT });
      // A concurrent request re-issues the token to another contract right after the registration read it.
      const moveAfterRead = (tx: StoreTx): StoreTx => ({
        ...tx,
        tokens: {
          ...tx.tokens,
          async get(serial) {
            const read = await tx.tokens.get(serial);
            await tx.tokens.transition(serial, ['issued'], 'issued', OTHER);
            return read;
          },
        },
      });
      const deps = { ...w.deps, store: interleave(w.deps.store, CONFIRM_PIN_CHECK_TRANSACTIONS, () => Promise.resolve(), moveAfterRead) };
      const r = await registerToken(deps, WHO, { contractId: CONTRACT, form: 'per_user', loginId: 'user01', serial: token.serial, otp: token.code(), confirmPin: PIN });
      assert.equal(r.ok ? 'ok' : r.code, 'token_or_otp_invalid');
      const after = await stored(w, token.serial);
      assert.deepEqual([after?.contractId, after?.status, after?.consecutiveFailures, after?.lastCounter], [OTHER, 'issued', 0, null]);
      assert.deepEqual(await w.deps.store.transaction((tx) => tx.registrations.active(CONTRACT)), []);
    });
  });
}

tokenLocks('SQLite (a file, WAL, synchronous=FULL)', () => setupWorld(join(mkdtempSync(join(tmpdir(), 'bizotp-locks-')), 'db.sqlite')));

if (POSTGRES_URL !== undefined) {
  let n = 0;
  tokenLocks('PostgreSQL', async () => setupWorld(await freshPostgresDatabase(`tokenlocks_${process.pid}_${n++}`)), markPostgresSuiteRan);
} else {
  test('token failures and locks on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
