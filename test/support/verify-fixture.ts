// Loads a database for API verification at volume (the HTTP benchmark, the kill -9 test): contracts of 99 users, each user with an HOTP token of its own
// registered under the per-user form, and an API key. Returns the request bodies in an order that sends
// each token's codes in counter order, so every request is a code that should be accepted.

import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../src/domain/api-keys.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { hashSecret } from '../../src/domain/password-hash.ts';
import type { NewToken } from '../../src/domain/token.ts';
import { hmacKey, hotp } from '../../src/otp/hotp.ts';

const USERS_PER_CONTRACT = 99;

export interface HttpFixture {
  readonly apiKey: string;
  readonly bodies: string[];
}

export async function loadHttpFixture(deps: DomainDeps, users: number, codesPerUser: number): Promise<HttpFixture> {
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
      const secret = randomBytes(20);
      keys.push({ contract, login, key: hmacKey(secret) });
      tokens.push({ serial, kind: 'hardware', model: 'hw1', params: { type: 'hotp', algorithm: 'SHA1', digits: 6 }, sealed: deps.keyring.seal(serial, secret), counter: 0n, expiresAtMs: null, demo: false, contractId: contract, status: 'registered' });
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
  for (let c = 0; c < codesPerUser; c++) {
    for (const { contract, login, key } of keys) bodies.push(JSON.stringify({ contract, login, otp: hotp(key, BigInt(c), 6, 'SHA1') }));
  }
  return { apiKey: created.key, bodies };
}
