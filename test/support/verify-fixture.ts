// Loads a database for API verification at volume (the HTTP benchmark, the kill -9 test): contracts of 99
// users, each user with a token of its own registered under the per-user form, and an API key.
// HOTP tokens give `codesPerUser` codes each, in counter order, valid at any time. TOTP tokens (what banks
// hand out) give three codes each, for steps T−1, T and T+1 of the time passed to `totpBodiesAt`, valid
// while the clock stays in step T; every request is a code that should be accepted.
// An HOTP token's codes for counters 0 … codesPerUser + the look-ahead are all distinct: a 6-digit code
// repeats at another counter about once in a million, and a repeated code is a right code at its second
// counter, so a replay of the first could rightly be accepted there. The kill -9 test replays ~400 accepted
// codes against 10 counters ahead each: without this it would fail in about 0.4 % of runs (400 × 10 × 10⁻⁶),
// and it did fail once, with one code accepted again.

import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../src/domain/api-keys.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { hashSecret } from '../../src/domain/password-hash.ts';
import { PAYMENT_LOOKAHEAD_COUNTERS } from '../../src/domain/policy.ts';
import type { NewToken } from '../../src/domain/token.ts';
import { hmacKey, hotp } from '../../src/otp/hotp.ts';
import { totp } from '../../src/otp/totp.ts';

const USERS_PER_CONTRACT = 99;

/** A secret whose HOTP codes for counters 0 … counters − 1 are pairwise distinct. */
function distinctHotpSecret(counters: number): Buffer {
  for (;;) {
    const secret = randomBytes(20);
    const key = hmacKey(secret);
    const codes = new Set(Array.from({ length: counters }, (_, c) => hotp(key, BigInt(c), 6, 'SHA1')));
    if (codes.size === counters) return secret;
  }
}

export interface HttpFixture {
  readonly apiKey: string;
  /** HOTP only: the bodies, each token's codes in counter order. */
  readonly bodies: string[];
  /** TOTP only: the bodies for steps T−1, T, T+1 of `nowMs`, all tokens' T−1 codes first. */
  totpBodiesAt(nowMs: number): string[];
}

export async function loadHttpFixture(deps: DomainDeps, users: number, codesPerUser: number, type: 'hotp' | 'totp' = 'hotp'): Promise<HttpFixture> {
  const params = type === 'hotp' ? ({ type: 'hotp', algorithm: 'SHA1', digits: 6 } as const) : ({ type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 } as const);
  const hash = await hashSecret('bench0001', { memoryKiB: 1024, passes: 1, parallelism: 1 });
  const nowMs = deps.now();
  const keys: { contract: string; login: string; key: ReturnType<typeof hmacKey> }[] = [];
  await deps.store.transaction(async (tx) => {
    const tokens: NewToken[] = [];
    for (let i = 0; i < users; i++) {
      const contract = String(50000000000 + Math.floor(i / USERS_PER_CONTRACT));
      const login = `user${i % USERS_PER_CONTRACT}`;
      if (i % USERS_PER_CONTRACT === 0) {
        await tx.contracts.insert({ id: contract, name: `ベンチ${contract}`, adminPasswordHash: hash, confirmPinHash: hash, createdAtMs: nowMs });
        await tx.contracts.setOtpForm(contract, 'per_user', nowMs);
      }
      await tx.users.insert({ contractId: contract, loginId: login, name: login, passwordHash: hash, confirmPinHash: hash, canTransfer: true, canPayTax: true, createdAtMs: nowMs });
      const serial = `6${String(i).padStart(13, '0')}`;
      const secret = type === 'hotp' ? distinctHotpSecret(codesPerUser + PAYMENT_LOOKAHEAD_COUNTERS + 1) : randomBytes(20);
      keys.push({ contract, login, key: hmacKey(secret) });
      tokens.push({ serial, kind: 'hardware', model: 'hw1', params, sealed: deps.keyring.seal(serial, secret), counter: 0n, expiresAtMs: null, demo: false, contractId: contract, status: 'registered' });
      if (tokens.length === 500) await tx.tokens.insertBatch(tokens.splice(0));
    }
    if (tokens.length > 0) await tx.tokens.insertBatch(tokens);
    for (let i = 0; i < users; i++) {
      const { contract, login } = keys[i]!;
      await tx.registrations.insert({ contractId: contract, loginId: login, serial: `6${String(i).padStart(13, '0')}`, form: 'per_user', registeredAtMs: nowMs });
    }
  });
  const created = await createApiKey(deps, { actor: 'bench', ip: 'local' }, `bench-${Date.now()}`);
  if (!created.ok) throw new Error(created.code);
  const bodies: string[] = [];
  for (let c = 0; c < (type === 'hotp' ? codesPerUser : 0); c++) {
    for (const { contract, login, key } of keys) bodies.push(JSON.stringify({ contract, login, otp: hotp(key, BigInt(c), 6, 'SHA1') }));
  }
  const totpBodiesAt = (nowMs: number): string[] => {
    const out: string[] = [];
    // Users in an order that mixes contracts, as many customers' requests arrive at a bank: requests of one
    // contract serialise on its audit chain, and 99 in a row would measure only that.
    const mixed: typeof keys = [];
    const contracts = Math.ceil(keys.length / USERS_PER_CONTRACT);
    for (let u = 0; u < USERS_PER_CONTRACT; u++) {
      for (let c = 0; c < contracts; c++) {
        const k = keys[c * USERS_PER_CONTRACT + u];
        if (k !== undefined) mixed.push(k);
      }
    }
    for (const offset of [-1, 0, 1]) {
      for (const { contract, login, key } of mixed) out.push(JSON.stringify({ contract, login, otp: totp(key, nowMs + offset * 30_000, { algorithm: 'SHA1', digits: 6, stepSeconds: 30 }) }));
    }
    return out;
  };
  return { apiKey: created.key, bodies, totpBodiesAt };
}
