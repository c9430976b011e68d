// トークン失効: a revoked token is refused everywhere from the moment of revocation (payments, the bank
// systems' API, registration, any use of its codes), on SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { authorisePayment } from '../src/domain/authorise-payment.ts';
import { issueTokens } from '../src/domain/lifecycle/issue-tokens.ts';
import { revokeToken } from '../src/domain/lifecycle/revoke-token.ts';
import { preparePayment } from '../src/domain/prepare-payment.ts';
import { registerToken } from '../src/domain/registration.ts';
import { staffActor } from '../src/domain/staff-actor.ts';
import { tokyoDate } from '../src/domain/tokyo-date.ts';
import { useTokenCode } from '../src/domain/use-token.ts';
import { unlockToken } from '../src/domain/users.ts';
import { DEMO } from '../src/demo-data.ts';
import { setupApi, type ApiWorld } from './api/api-fixture.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';
import { C, SERIAL } from './user/fixture.ts';

const STAFF = staffActor('sato', 'お客様から盗難の届出', '192.0.2.10');
const USER = { actor: 'user:user01', ip: '198.51.100.1' } as const;

function everywhere(name: string, open: () => Promise<ApiWorld>): void {
  describe(name, () => {
    test('a payment prepared before the revocation, the API, registration and every use of a code are refused after it', async (t) => {
      const a = await open();
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const details = { kind: 'transfer', bankCode: '0001', branchCode: '123', accountKind: 'futsu', accountNumber: '7654321', payeeName: 'ﾔﾏﾀﾞ ﾀﾛｳ', transferDate: tokyoDate(a.deps.now()) } as const;
      const prepared = await preparePayment(a.deps, USER, { contractId: C, loginId: 'user01' }, { accountId: a.accountId, amountYen: 1000n, details });
      assert.ok(prepared.ok, prepared.ok ? '' : prepared.code);
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: await a.otp(SERIAL.hw1) })).json(), { result: 'accepted', serial: SERIAL.hw1 }, 'usable before');
      a.clock.advance(30_000);

      const revoked = await revokeToken(a.deps, STAFF, { serial: SERIAL.hw1, kind: 'stolen' });
      assert.deepEqual(revoked, { ok: true, serial: SERIAL.hw1, status: 'lost', endedRegistrations: 1 });
      const code = await a.otp(SERIAL.hw1);

      const paid = await authorisePayment(a.deps, USER, { contractId: C, loginId: 'user01', draftId: prepared.draft.id, proof: { kind: 'otp', code } });
      assert.deepEqual([paid.ok, paid.ok ? '' : paid.code], [false, 'not_registered']);
      assert.equal(await a.balance(), 10_000_000n, 'no money moved');
      assert.deepEqual((await a.verify({ contract: C, login: 'user01', otp: code })).json(), { result: 'rejected', reason: 'not_registered' });
      const again = await registerToken(a.deps, { actor: 'admin:test', ip: 'test' }, { contractId: C, form: 'per_user', loginId: 'user02', serial: SERIAL.hw1, otp: code, confirmPin: DEMO.confirmPin });
      assert.deepEqual([again.ok, again.ok ? '' : again.code], [false, 'token_or_otp_invalid']);
      const direct = await a.deps.store.transaction((tx) =>
        useTokenCode(tx, a.deps.keyring, a.deps.now(), { serial: SERIAL.hw1, code, purpose: 'payment', statuses: ['in_stock', 'issued', 'registered', 'locked'] }),
      );
      assert.deepEqual(direct, { kind: 'rejected', reason: 'unknown', lockedNow: false });
      const token = await a.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1));
      assert.deepEqual([token?.status, token?.consecutiveFailures], ['lost', 0], 'nothing was counted against a revoked token');
      assert.deepEqual(await a.deps.store.transaction((tx) => tx.registrations.activeForSerial(SERIAL.hw1)), []);

      const entry = (await a.audit()).find((e) => e.action === 'token.revoke');
      assert.deepEqual([entry?.actor, entry?.target, entry?.outcome, JSON.parse(entry?.detail ?? '{}')], [
        'staff:sato', SERIAL.hw1, 'lost', { kind: 'stolen', previousStatus: 'registered', endedRegistrations: 1, reason: STAFF.reason },
      ]);
    });

    test('a shared token revoked as broken ends the contract\'s registration and every user\'s code is refused', async (t) => {
      const a = await open();
      t.after(() => a.close());
      await a.register(null, SERIAL.sw);
      assert.deepEqual(await revokeToken(a.deps, STAFF, { serial: SERIAL.sw, kind: 'broken' }), { ok: true, serial: SERIAL.sw, status: 'revoked', endedRegistrations: 1 });
      for (const login of ['user01', 'user02']) {
        assert.deepEqual((await a.verify({ contract: C, login, otp: await a.otp(SERIAL.sw) })).json(), { result: 'rejected', reason: 'not_registered' });
      }
    });

    test('a revoked token cannot be revoked again, issued or unlocked back into use', async (t) => {
      const a = await open();
      t.after(() => a.close());
      assert.ok((await revokeToken(a.deps, STAFF, { serial: SERIAL.hw2, kind: 'lost' })).ok);
      assert.deepEqual(await revokeToken(a.deps, STAFF, { serial: SERIAL.hw2, kind: 'broken' }), { ok: false, code: 'token_final', field: 'serial' });
      assert.deepEqual(await revokeToken(a.deps, STAFF, { serial: '99999999999999', kind: 'lost' }), { ok: false, code: 'token_not_found', field: 'serial' });
      const issued = await issueTokens(a.deps, STAFF, { contractId: C, fromSerial: SERIAL.hw2 });
      assert.deepEqual(issued.ok ? [] : [issued.code], ['token_not_in_stock']);
      const unlocked = await a.deps.store.transaction((tx) => unlockToken(tx, STAFF, a.deps.now(), C, SERIAL.hw2));
      assert.equal(unlocked.ok, false);
      assert.equal((await a.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw2)))?.status, 'lost');
    });

    test('of parallel revocations of one token exactly one succeeds', async (t) => {
      const a = await open();
      t.after(() => a.close());
      await a.register('user01', SERIAL.hw1);
      const results = await Promise.all(Array.from({ length: 6 }, () => revokeToken(a.deps, STAFF, { serial: SERIAL.hw1, kind: 'lost' })));
      assert.equal(results.filter((r) => r.ok).length, 1);
      assert.deepEqual(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)), Array(5).fill('token_final'));
    });
  });
}

everywhere('SQLite', () => setupApi());
if (POSTGRES_URL !== undefined) {
  let n = 0;
  everywhere('PostgreSQL', async () => setupApi(await freshPostgresDatabase(`revocation_${process.pid}_${n++}`)));
  test('the PostgreSQL revocation suite ran', () => markPostgresSuiteRan());
} else {
  test('revocation on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
