// ワンタイムパスワード利用登録 of an app soft token: the first contract whose administrator registers an active
// one binds it, in the registration's transaction, with one conditional UPDATE; a pending one is refused; no
// other contract can register it afterwards — on SQLite and on PostgreSQL, with a real race on PostgreSQL and
// a forced one (the row changed right after the registration read it) on both.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { createApiKey, hashApiKey } from '../src/domain/api-keys.ts';
import { verifyForBank } from '../src/domain/bank-verify.ts';
import { registerToken, type RegistrationRequest } from '../src/domain/registration.ts';
import { APP_TOKEN_PARAMS } from '../src/domain/soft-token/soft-token-protocol.ts';
import type { StoreTx } from '../src/domain/store-ports.ts';
import { useTokenCode } from '../src/domain/use-token.ts';
import { unregisterUserToken } from '../src/domain/users.ts';
import { hmacKey } from '../src/otp/hmac-key.ts';
import { totp } from '../src/otp/totp.ts';
import { bothStores } from './support/both-stores.ts';
import { PIN, setupWorld, WHO, type World } from './support/domain-setup.ts';

const C1 = '10000000001';
const C2 = '10000000002';
const SERIAL = '20000000000777';

/** An app token as activation and confirmation leave it; returns its code maker. */
async function appToken(w: World, state: 'pending' | 'active'): Promise<(steps?: number) => string> {
  const secret = randomBytes(32);
  await w.deps.store.transaction((tx) =>
    tx.softTokens.insert(
      { serial: SERIAL, kind: 'software', model: 'sw', params: APP_TOKEN_PARAMS, sealed: w.deps.keyring.seal(SERIAL, secret), counter: 0n, expiresAtMs: null, demo: false, contractId: null, status: 'in_stock' },
      { origin: 'app', state, createdAtMs: w.deps.now() },
    ),
  );
  return (steps = 0) => totp(hmacKey(secret), w.deps.now() + steps * 30_000, APP_TOKEN_PARAMS);
}

function shared(contractId: string, otp: string): RegistrationRequest {
  return { contractId, form: 'shared', loginId: null, serial: SERIAL, otp, confirmPin: PIN };
}

for (const choice of bothStores('soft_token_binding')) {
  describe(`registering an app soft token on ${choice.name}`, () => {
    const world = async (): Promise<World> => {
      const w = await setupWorld(await choice.url());
      await w.contract(C1);
      await w.contract(C2);
      return w;
    };

    test('an active app token in stock is bound to the registering contract and registered', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        const r = await registerToken(w.deps, WHO, shared(C1, code()));
        assert.equal(r.ok, true);
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL));
        assert.deepEqual([token?.status, token?.contractId], ['registered', C1]);
        const soft = await w.deps.store.transaction((tx) => tx.softTokens.get(SERIAL));
        assert.equal(soft?.lastSeenAtMs, w.deps.now());
        const audit = (await w.deps.store.transaction((tx) => tx.audit.entries(C1))).filter((e) => e.action === 'token.register');
        assert.equal(audit.at(-1)?.outcome, 'registered');
      } finally {
        await w.close();
      }
    });

    test('a pending app token is refused and its code is neither evaluated nor counted', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'pending');
        const r = await registerToken(w.deps, WHO, shared(C1, code()));
        assert.equal(!r.ok && r.code, 'token_or_otp_invalid');
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL));
        assert.deepEqual([token?.status, token?.contractId, token?.consecutiveFailures, token?.lastCounter], ['in_stock', null, 0, null]);
        const cause = (await w.deps.store.transaction((tx) => tx.audit.entries(C1))).filter((e) => e.action === 'token.register').at(-1)?.detail;
        assert.match(cause ?? '', /soft_token_pending/);
      } finally {
        await w.close();
      }
    });

    test('once bound, every other contract is refused as for an unknown serial, and the token is untouched', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        assert.equal((await registerToken(w.deps, WHO, shared(C1, code()))).ok, true);
        const r = await registerToken(w.deps, WHO, shared(C2, code(1)));
        assert.equal(!r.ok && r.code, 'token_or_otp_invalid');
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL));
        assert.deepEqual([token?.contractId, token?.consecutiveFailures], [C1, 0]);
        // The owner can go on registering it, as any of its tokens.
        await w.user(C1, 'user01');
        const again = await registerToken(w.deps, WHO, { contractId: C1, form: 'per_user', loginId: 'user01', serial: SERIAL, otp: code(2), confirmPin: PIN });
        assert.equal(again.ok, true);
      } finally {
        await w.close();
      }
    });

    test('the administrator\'s 登録解除 leaves the app token with its contract: the owner may register it again, nobody else', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        assert.equal((await registerToken(w.deps, WHO, shared(C1, code()))).ok, true);
        const released = await w.deps.store.transaction((tx) => unregisterUserToken(tx, WHO, w.deps.now(), C1, null));
        assert.equal(released.ok, true);
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL));
        assert.deepEqual([token?.status, token?.contractId], ['issued', C1]);
        const other = await registerToken(w.deps, WHO, shared(C2, code(1)));
        assert.equal(!other.ok && other.code, 'token_or_otp_invalid');
        assert.equal((await registerToken(w.deps, WHO, shared(C1, code(2)))).ok, true);
      } finally {
        await w.close();
      }
    });

    test('a code the verify API accepts moves the app token\'s last seen too', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        assert.equal((await registerToken(w.deps, WHO, shared(C1, code()))).ok, true);
        await w.user(C1, 'user01');
        const made = await createApiKey(w.deps, WHO, 'teller');
        assert.ok(made.ok);
        w.advance(60_000);
        const verdict = await verifyForBank(w.deps, hashApiKey(made.key), { contractId: C1, loginId: 'user01', otp: code() }, '127.0.0.1');
        assert.deepEqual(verdict, { kind: 'accepted', serial: SERIAL });
        assert.equal((await w.deps.store.transaction((tx) => tx.softTokens.get(SERIAL)))?.lastSeenAtMs, w.deps.now());
      } finally {
        await w.close();
      }
    });

    test('every accepted code of an app token moves its last seen', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        assert.equal((await registerToken(w.deps, WHO, shared(C1, code()))).ok, true);
        w.advance(60_000);
        const use = await w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: SERIAL, code: code(), purpose: 'payment', statuses: ['registered'], contractId: C1 }));
        assert.equal(use.kind, 'accepted');
        assert.equal((await w.deps.store.transaction((tx) => tx.softTokens.get(SERIAL)))?.lastSeenAtMs, w.deps.now());
      } finally {
        await w.close();
      }
    });

    test('two contracts registering the same app token at once: exactly one wins', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        const results = await Promise.all([registerToken(w.deps, WHO, shared(C1, code(0))), registerToken(w.deps, WHO, shared(C2, code(1)))]);
        assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
        const winner = results[0]?.ok === true ? C1 : C2;
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL));
        assert.deepEqual([token?.status, token?.contractId], ['registered', winner]);
        const loser = winner === C1 ? C2 : C1;
        assert.deepEqual(await w.deps.store.transaction((tx) => tx.registrations.active(loser)), []);
      } finally {
        await w.close();
      }
    });

    test('a contract that read the token unbound just before another bound it is refused (no check-then-set)', async () => {
      const w = await world();
      try {
        const code = await appToken(w, 'active');
        // The registration reads the token unbound; right after that read, another contract's registration
        // binds it, as a concurrent request could have done between a check and a set.
        const raced = (tx: StoreTx): StoreTx => ({
          ...tx,
          tokens: {
            ...tx.tokens,
            async get(serial) {
              const seen = await tx.tokens.get(serial);
              if (serial === SERIAL && seen?.contractId === null) {
                assert.equal(await tx.softTokens.bindToContract(SERIAL, C2), true);
                await tx.tokens.transition(SERIAL, ['issued'], 'registered');
                await tx.registrations.insert({ contractId: C2, loginId: null, serial: SERIAL, form: 'shared', registeredAtMs: w.deps.now() });
              }
              return seen;
            },
          },
        });
        const store = w.deps.store;
        const deps = { ...w.deps, store: { ...store, transaction: <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => store.transaction((tx) => fn(raced(tx))) } };
        const r = await registerToken(deps, WHO, shared(C1, code()));
        assert.equal(!r.ok && r.code, 'token_or_otp_invalid');
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(SERIAL));
        assert.deepEqual([token?.status, token?.contractId], ['registered', C2]);
        assert.deepEqual(await w.deps.store.transaction((tx) => tx.registrations.active(C1)), []);
      } finally {
        await w.close();
      }
    });
  });
}
