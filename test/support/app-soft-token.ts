// An active token of the bizotp app, as activation (SOFT-TOKEN-SPEC.md) leaves it, but with a secret the test
// knows: a `tokens` row (kind 'software', model 'sw', TOTP SHA-256/6/30) issued to the contract, its soft_tokens
// row (origin 'app', state 'active'), and the administrator's registration with a current code. The handle
// computes the app's codes: its TOTP and its 取引認証番号 (OCRA-1:HOTP-SHA256-8:QN20-T1M).

import { randomBytes } from 'node:crypto';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { registerToken } from '../../src/domain/registration.ts';
import { SIGNING_OCRA_SUITE, SIGNING_STEP_MS } from '../../src/domain/signing-challenge.ts';
import type { OtpParams } from '../../src/domain/token.ts';
import { hmacKey } from '../../src/otp/hmac-key.ts';
import { ocra } from '../../src/otp/ocra.ts';
import { totp } from '../../src/otp/totp.ts';

export const APP_TOKEN_PARAMS = { type: 'totp', algorithm: 'SHA256', digits: 6, stepSeconds: 30 } as const satisfies OtpParams;

export interface AppSoftToken {
  readonly serial: string;
  readonly secret: Uint8Array;
  /** The app's 6-digit code at `nowMs`. */
  totp(nowMs: number): string;
  /** The app's 8-digit 取引認証番号 for `question` at `nowMs` (T = floor(now / 60 s)), as the app computes it. */
  sign(question: string, nowMs: number): string;
}

export interface AppSoftTokenOptions {
  readonly serial: string;
  readonly contractId: string;
  /** The user it is registered to (per-user form), or null for the contract's shared token. */
  readonly loginId: string | null;
  /** The contract's ご契約先確認暗証番号, which the registration needs. */
  readonly confirmPin: string;
  /** 32 random bytes unless given. */
  readonly secret?: Uint8Array;
  /** Default true: false leaves it issued to the contract and unregistered. */
  readonly register?: boolean;
}

export function appSoftTokenHandle(serial: string, secret: Uint8Array): AppSoftToken {
  const key = hmacKey(secret);
  return {
    serial,
    secret,
    totp: (nowMs) => totp(key, nowMs, APP_TOKEN_PARAMS),
    sign: (question, nowMs) => ocra(SIGNING_OCRA_SUITE, key, { question, timestamp: BigInt(Math.floor(nowMs / SIGNING_STEP_MS)) }),
  };
}

/** Creates the active app token and registers it (unless `register: false`) at deps.now(). */
export async function createActiveAppToken(deps: DomainDeps, o: AppSoftTokenOptions): Promise<AppSoftToken> {
  const secret = o.secret ?? randomBytes(32);
  const nowMs = deps.now();
  await deps.store.transaction(async (tx) => {
    const inserted = await tx.softTokens.insert(
      { serial: o.serial, kind: 'software', model: 'sw', params: APP_TOKEN_PARAMS, sealed: deps.keyring.seal(o.serial, secret), counter: 0n, expiresAtMs: null, demo: false, contractId: o.contractId, status: 'issued' },
      { origin: 'app', state: 'active', createdAtMs: nowMs },
    );
    if (!inserted) throw new Error(`token ${o.serial} exists`);
  });
  const handle = appSoftTokenHandle(o.serial, secret);
  if (o.register !== false) {
    const who = { actor: 'admin:test', ip: '127.0.0.1' };
    const form = o.loginId === null ? 'shared' : 'per_user';
    const r = await registerToken(deps, who, { contractId: o.contractId, form, loginId: o.loginId, serial: o.serial, otp: handle.totp(nowMs), confirmPin: o.confirmPin });
    if (!r.ok) throw new Error(`registration of the app token failed: ${r.code}`);
  }
  return handle;
}
