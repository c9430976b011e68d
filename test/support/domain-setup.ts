// A small world for domain tests: a migrated store (SQLite in memory unless a URL is given), a pinned
// clock moved only by `advance`, a random keyring, a light Argon2id cost, and helpers to make contracts,
// users and tokens whose current codes the test can compute.

import { randomBytes } from 'node:crypto';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { createContract } from '../../src/domain/contracts.ts';
import { createUser, hashUserSecrets } from '../../src/domain/users.ts';
import { deriveAuditKeys } from '../../src/domain/audit-keys.ts';
import { createKeyring } from '../../src/domain/secret-box.ts';
import type { OtpParams, TokenStatus } from '../../src/domain/token.ts';
import { hmacKey, hotp } from '../../src/otp/hotp.ts';
import { totp } from '../../src/otp/totp.ts';
import { openStore } from '../../src/store/open-store.ts';

export const LIGHT_HASH_COST = { memoryKiB: 1024, passes: 1, parallelism: 1 } as const;
export const WHO = { actor: 'test', ip: '127.0.0.1' } as const;
/** 2026-11-24T09:00:00Z, on a 30 s and 60 s step boundary. */
export const START_MS = Date.UTC(2026, 10, 24, 9, 0, 0);
export const PIN = 'kakunin01';

export interface World {
  readonly deps: DomainDeps;
  advance(ms: number): void;
  contract(id: string): Promise<void>;
  user(contractId: string, loginId: string): Promise<void>;
  /** Adds a token issued to `contractId` with a random secret; returns a code maker. */
  token(serial: string, opts?: { contractId?: string | null; params?: OtpParams; status?: TokenStatus; expiresAtMs?: number }): Promise<TokenHandle>;
  close(): Promise<void>;
}

export interface TokenHandle {
  readonly serial: string;
  /** TOTP: the code `steps` steps from now. HOTP: the code at counter `steps`. */
  code(steps?: number): string;
}

export async function setupWorld(url = ':memory:'): Promise<World> {
  const masterKey = randomBytes(32);
  const store = await openStore(url, { auditKeys: deriveAuditKeys(masterKey) });
  let nowMs = START_MS;
  const deps: DomainDeps = { store, keyring: createKeyring(masterKey), now: () => nowMs, hashCost: LIGHT_HASH_COST };
  return {
    deps,
    advance(ms) {
      nowMs += ms;
    },
    async contract(id) {
      const r = await createContract(deps, WHO, { id, name: `契約${id}`, adminPassword: 'kanri001', confirmPin: PIN });
      if (!r.ok) throw new Error(r.code);
    },
    async user(contractId, loginId) {
      const hashes = await hashUserSecrets({ password: 'riyou001', confirmPin: 'kakunin02' }, LIGHT_HASH_COST);
      const r = await store.transaction((tx) => createUser(tx, WHO, nowMs, contractId, { loginId, name: `名前${loginId}`, canTransfer: true, canPayTax: true, ...hashes }));
      if (!r.ok) throw new Error(r.code);
    },
    async token(serial, opts = {}) {
      const params: OtpParams = opts.params ?? { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 };
      const secret = randomBytes(params.algorithm === 'SHA1' ? 20 : params.algorithm === 'SHA256' ? 32 : 64);
      const contractId = opts.contractId === undefined ? null : opts.contractId;
      await store.transaction(async (tx) => {
        const existing = await tx.tokens.insertBatch([
          {
            serial,
            kind: 'hardware',
            model: 'hw1',
            params,
            sealed: deps.keyring.seal(serial, secret),
            counter: 0n,
            expiresAtMs: opts.expiresAtMs ?? null,
            demo: false,
            contractId,
            status: opts.status ?? (contractId === null ? 'in_stock' : 'issued'),
          },
        ]);
        if (existing.length > 0) throw new Error(`token ${serial} exists`);
      });
      const key = hmacKey(secret);
      return {
        serial,
        code(steps = 0) {
          if (params.type === 'hotp') return hotp(key, BigInt(steps), params.digits, params.algorithm);
          return totp(key, nowMs + steps * params.stepSeconds * 1000, params);
        },
      };
    },
    close: () => store.close(),
  };
}
