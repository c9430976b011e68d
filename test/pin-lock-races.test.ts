// A PIN checked correct in one transaction authorises an operation that runs in a later one (Argon2id must
// not run while rows are locked). Wrong PINs committed in that gap still lock it (NIST 800-63B §5.2.2: only
// the bank, or for the 利用者確認暗証番号 the administrator, lifts a lock), on SQLite and on PostgreSQL.

import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { authorisePayment } from '../src/domain/authorise-payment.ts';
import { checkConfirmPin, withConfirmPin } from '../src/domain/confirm-pin.ts';
import type { DomainDeps } from '../src/domain/deps.ts';
import { MAX_USER_CONFIRM_PIN_FAILURES } from '../src/domain/payment-policy.ts';
import { MAX_CONFIRM_PIN_FAILURES } from '../src/domain/policy.ts';
import { registerToken } from '../src/domain/registration.ts';
import { checkUserConfirmPin } from '../src/domain/user-confirm-pin.ts';
import { createUser, hashUserSecrets } from '../src/domain/users.ts';
import { LIGHT_HASH_COST, PIN, setupWorld, WHO, type World } from './support/domain-setup.ts';
import { interleave } from './support/interleave.ts';
import { CONTRACT, OPENING_BALANCE, setupPaymentWorld } from './support/payment-world.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';

/** A correct ご契約先確認暗証番号 is checked in two transactions (lockout.ts): a read, then the counted attempt. */
const CONFIRM_PIN_CHECK_TRANSACTIONS = 2;
/** Before a payment's PIN: the draft's pre-check, then the PIN's read and its counted attempt. */
const PAYMENT_PIN_CHECK_TRANSACTIONS = 3;

async function fiveWrongConfirmPins(deps: DomainDeps, action: string): Promise<void> {
  for (let i = 0; i < MAX_CONFIRM_PIN_FAILURES; i++) {
    const r = await checkConfirmPin(deps, WHO, CONTRACT, 'wrong9999', action);
    assert.equal(r.ok ? 'ok' : r.code, 'pin_wrong');
  }
}

function pinRaces(name: string, url: () => Promise<string>, onDone?: () => void): void {
  describe(`a PIN lock committed while a correct PIN's operation is in flight, on ${name}`, () => {
    after(() => onDone?.());

    async function world(t: { after(fn: () => Promise<void>): void }): Promise<World> {
      const w = await setupWorld(await url());
      t.after(() => w.close());
      await w.contract(CONTRACT);
      await w.user(CONTRACT, 'user01');
      return w;
    }

    test('five wrong ご契約先確認暗証番号 committed after a correct one was checked stop the registration and keep the PIN locked', async (t) => {
      const w = await world(t);
      const token = await w.token('10000000000011', { contractId: CONTRACT });
      const deps = { ...w.deps, store: interleave(w.deps.store, CONFIRM_PIN_CHECK_TRANSACTIONS, () => fiveWrongConfirmPins(w.deps, 'token.register')) };
      const r = await registerToken(deps, WHO, { contractId: CONTRACT, form: 'per_user', loginId: 'user01', serial: token.serial, otp: token.code(), confirmPin: PIN });
      assert.equal(r.ok ? 'ok' : r.code, 'pin_locked');
      const [contract, stored, registrations] = await w.deps.store.transaction(
        async (tx) => [await tx.contracts.get(CONTRACT), await tx.tokens.get(token.serial), await tx.registrations.active(CONTRACT)] as const,
      );
      assert.equal(contract?.confirmPinFailures, MAX_CONFIRM_PIN_FAILURES, 'the lock stands');
      assert.deepEqual([stored?.status, stored?.consecutiveFailures, stored?.lastCounter], ['issued', 0, null], 'the OTP was neither evaluated nor spent');
      assert.deepEqual(registrations, []);
    });

    test('five wrong ご契約先確認暗証番号 committed after a correct one was checked stop an administrator operation and keep the PIN locked', async (t) => {
      const w = await world(t);
      const hashes = await hashUserSecrets({ password: 'riyou001', confirmPin: 'kakunin02' }, LIGHT_HASH_COST);
      const deps = { ...w.deps, store: interleave(w.deps.store, CONFIRM_PIN_CHECK_TRANSACTIONS, () => fiveWrongConfirmPins(w.deps, 'user.create')) };
      const r = await withConfirmPin(deps, WHO, CONTRACT, PIN, 'user.create', (tx, _contract, nowMs) =>
        createUser(tx, WHO, nowMs, CONTRACT, { loginId: 'user02', name: '名前', canTransfer: true, canPayTax: false, ...hashes }),
      );
      assert.equal(r.ok ? 'ok' : r.code, 'pin_locked');
      const [contract, users] = await w.deps.store.transaction(async (tx) => [await tx.contracts.get(CONTRACT), await tx.users.count(CONTRACT)] as const);
      assert.equal(contract?.confirmPinFailures, MAX_CONFIRM_PIN_FAILURES, 'the lock stands');
      assert.equal(users, 1, 'the user was not created');
    });

    test('five wrong 利用者確認暗証番号 committed after a correct one was checked stop the payment and keep the PIN locked', async (t) => {
      const w = await setupPaymentWorld(['user01'], await url());
      t.after(() => w.close());
      const draftId = await w.draft('user01', 5_000n);
      const fiveWrong = async (): Promise<void> => {
        for (let i = 0; i < MAX_USER_CONFIRM_PIN_FAILURES; i++) {
          const r = await checkUserConfirmPin(w.deps, WHO, CONTRACT, 'user01', 'wrong9999', 'payment.authorise');
          assert.equal(r.ok ? 'ok' : r.code, 'user_pin_wrong');
        }
      };
      const deps = { ...w.deps, store: interleave(w.deps.store, PAYMENT_PIN_CHECK_TRANSACTIONS, fiveWrong) };
      const r = await authorisePayment(deps, WHO, { contractId: CONTRACT, loginId: 'user01', draftId, proof: { kind: 'user_pin', pin: 'kakunin02' } });
      assert.equal(r.ok ? 'ok' : r.code, 'user_pin_locked');
      assert.equal(await w.balance(), OPENING_BALANCE, 'nothing was paid');
      assert.equal(await w.deps.store.transaction((tx) => tx.userPins.failures(CONTRACT, 'user01')), MAX_USER_CONFIRM_PIN_FAILURES, 'the lock stands');
    });
  });
}

pinRaces('SQLite', () => Promise.resolve(':memory:'));

if (POSTGRES_URL !== undefined) {
  let n = 0;
  pinRaces('PostgreSQL', () => freshPostgresDatabase(`pinrace_${process.pid}_${n++}`), markPostgresSuiteRan);
} else {
  test('a PIN lock committed while a correct PIN is in flight, on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
