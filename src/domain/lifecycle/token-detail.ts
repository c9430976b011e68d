// トークン詳細: a token's state, parameters, owner, registrations and full history (every audit entry whose
// target is its serial, on any chain, newest first). The sealed secret is never part of it.

import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import type { AuditEntry, RegistrationRecord } from '../store-ports.ts';
import type { SoftTokenRecord } from '../soft-token/soft-token-store-ports.ts';
import type { OtpParams, TokenKind, TokenModel, TokenStatus } from '../token.ts';

/** More history than a screen shows; the audit search pages through the rest. */
export const TOKEN_HISTORY_LIMIT = 500;

export interface TokenDetail {
  readonly ok: true;
  readonly serial: string;
  readonly status: TokenStatus;
  readonly kind: TokenKind;
  readonly model: TokenModel;
  readonly params: OtpParams;
  readonly contractId: string | null;
  readonly registrations: readonly RegistrationRecord[];
  readonly expiresAtMs: number | null;
  readonly drift: number;
  readonly lastCounter: bigint | null;
  readonly counter: bigint;
  readonly consecutiveFailures: number;
  readonly lastUsedAtMs: number | null;
  readonly history: readonly AuditEntry[];
  /** A software token's origin (app or otpauth), activation state and last seen; null for the others. */
  readonly soft: SoftTokenRecord | null;
}

export async function tokenDetail(deps: DomainDeps, serial: string): Promise<TokenDetail | Failure<'token_not_found'>> {
  return deps.store.transaction(async (tx) => {
    const token = await tx.tokens.get(serial);
    const summary = await tx.lifecycle.tokenSummary(serial);
    if (token === undefined || summary === undefined) return fail('token_not_found', 'serial');
    return {
      ok: true,
      serial: token.serial,
      status: token.status,
      kind: token.kind,
      model: token.model,
      params: token.params,
      contractId: token.contractId,
      registrations: await tx.registrations.activeForSerial(serial),
      expiresAtMs: token.expiresAtMs,
      drift: token.drift,
      lastCounter: token.lastCounter,
      counter: token.counter,
      consecutiveFailures: token.consecutiveFailures,
      lastUsedAtMs: summary.lastUsedAtMs,
      history: await tx.lifecycle.searchAudit({ target: serial, limit: TOKEN_HISTORY_LIMIT, offset: 0 }),
      soft: (await tx.softTokens.get(serial)) ?? null,
    };
  });
}
