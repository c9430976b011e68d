// A fresh in-memory database for each test: the demo contract of product.md §7 (12 users, five tokens
// issued to it, none registered) and a second contract with a user and a token of its own, a pinned clock
// that moves only when a test moves it, and the current OTP of any token.

import { randomBytes } from 'node:crypto';
import { createContract } from '../../src/domain/contracts.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { deriveAuditKeys } from '../../src/domain/audit-keys.ts';
import { createKeyring } from '../../src/domain/secret-box.ts';
import type { AuditEntry } from '../../src/domain/store-ports.ts';
import type { OtpParams, TokenModel, TokenRecord } from '../../src/domain/token.ts';
import { createUser, hashUserSecrets } from '../../src/domain/users.ts';
import { DEMO } from '../../src/demo-data.ts';
import { hmacKey } from '../../src/otp/hmac-key.ts';
import { totp } from '../../src/otp/totp.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createApp, type AppOptions } from '../../src/web/app.ts';

/** 2026-11-24 09:00:00 UTC: the start of a 30 s and of a 60 s step. */
export const T0_MS = Date.UTC(2026, 10, 24, 9, 0, 0);
export const LIGHT_HASH_COST = { memoryKiB: 1024, passes: 1, parallelism: 1 } as const;
const SETUP_ACTOR = { actor: 'bank:test', ip: 'test' } as const;

export const A = {
  contractId: DEMO.contractId,
  contractName: DEMO.contractName,
  adminPassword: DEMO.adminPassword,
  confirmPin: DEMO.confirmPin,
  /** hw1, hw2 (60 s), hw3 (SHA256, 8 digits), hw1, software. */
  serials: ['10000000000011', '10000000000012', '10000000000013', '10000000000014', '20000000000001'],
} as const;

/** Another corporate customer, to prove that one admin never reaches the other's users or tokens. */
export const B = {
  contractId: '20000000002',
  contractName: 'テスト物産株式会社',
  adminPassword: 'kanri002',
  confirmPin: 'kakunin02',
  loginId: 'buser01',
  userName: '他社利用者1',
  serial: '30000000000001',
} as const;

const TOTP_30: OtpParams = { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 };
const TOKEN_SPECS: readonly { serial: string; model: TokenModel; params: OtpParams; contractId: string }[] = [
  { serial: '10000000000011', model: 'hw1', params: TOTP_30, contractId: A.contractId },
  { serial: '10000000000012', model: 'hw2', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 60 }, contractId: A.contractId },
  { serial: '10000000000013', model: 'hw3', params: { type: 'totp', algorithm: 'SHA256', digits: 8, stepSeconds: 30 }, contractId: A.contractId },
  { serial: '10000000000014', model: 'hw1', params: TOTP_30, contractId: A.contractId },
  { serial: '20000000000001', model: 'sw', params: TOTP_30, contractId: A.contractId },
  { serial: B.serial, model: 'hw1', params: TOTP_30, contractId: B.contractId },
];

export interface Fixture {
  readonly deps: DomainDeps;
  /** The pinned clock: read by the app through deps.now. */
  readonly clock: { nowMs: number; advance(ms: number): void };
  /** The current (or `atMs`) code of a token. */
  otp(serial: string, atMs?: number): Promise<string>;
  /** A code guaranteed wrong for the token now (the current one with its last digit changed). */
  wrongOtp(serial: string): Promise<string>;
  token(serial: string): Promise<TokenRecord>;
  audit(chain?: string): Promise<AuditEntry[]>;
  createApp(opts?: Partial<AppOptions>): ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export interface SetupOptions {
  /** How many users the demo contract has (default 12, as in the demo). */
  readonly users?: number;
}

export async function setup(options: SetupOptions = {}): Promise<Fixture> {
  const masterKey = randomBytes(32);
  const store = await openStore(':memory:', { auditKeys: deriveAuditKeys(masterKey) });
  const clock = {
    nowMs: T0_MS,
    advance(ms: number): void {
      clock.nowMs += ms;
    },
  };
  const deps: DomainDeps = { store, keyring: createKeyring(masterKey), now: () => clock.nowMs, hashCost: LIGHT_HASH_COST };

  await createContract(deps, SETUP_ACTOR, { id: A.contractId, name: A.contractName, adminPassword: A.adminPassword, confirmPin: A.confirmPin });
  await createContract(deps, SETUP_ACTOR, { id: B.contractId, name: B.contractName, adminPassword: B.adminPassword, confirmPin: B.confirmPin });
  const hashes = await hashUserSecrets({ password: DEMO.userPassword, confirmPin: DEMO.userConfirmPin }, LIGHT_HASH_COST);
  const secrets = new Map<string, Buffer>();
  await store.transaction(async (tx) => {
    for (let i = 1; i <= (options.users ?? DEMO.userCount); i++) {
      const loginId = `user${String(i).padStart(2, '0')}`;
      await createUser(tx, SETUP_ACTOR, clock.nowMs, A.contractId, { loginId, name: `利用者${i}`, canTransfer: true, canPayTax: true, ...hashes });
    }
    await createUser(tx, SETUP_ACTOR, clock.nowMs, B.contractId, { loginId: B.loginId, name: B.userName, canTransfer: true, canPayTax: true, ...hashes });
    await tx.tokens.insertBatch(
      TOKEN_SPECS.map((spec) => {
        const secret = randomBytes(20);
        secrets.set(spec.serial, secret);
        return {
          serial: spec.serial,
          kind: spec.model === 'sw' ? 'software' : 'hardware',
          model: spec.model,
          params: spec.params,
          sealed: deps.keyring.seal(spec.serial, secret),
          counter: 0n,
          expiresAtMs: null,
          demo: true,
          contractId: spec.contractId,
          status: 'issued',
        } as const;
      }),
    );
  });

  const token = async (serial: string): Promise<TokenRecord> => {
    const found = await store.transaction((tx) => tx.tokens.get(serial));
    if (found === undefined) throw new Error(`no token ${serial}`);
    return found;
  };
  const otp = async (serial: string, atMs = clock.nowMs): Promise<string> => {
    const t = await token(serial);
    if (t.params.type !== 'totp') throw new Error('the fixture has TOTP tokens only');
    return totp(hmacKey(deps.keyring.open(serial, t.sealed)), atMs, t.params);
  };
  return {
    deps,
    clock,
    otp,
    async wrongOtp(serial) {
      const right = await otp(serial);
      return right.slice(0, -1) + String((Number(right.at(-1)) + 1) % 10);
    },
    token,
    audit: (chain) => store.transaction((tx) => tx.audit.entries(chain)),
    createApp: (opts = {}) => createApp(deps, { secureCookies: false, logger: false, ...opts }),
    close: () => store.close(),
  };
}
