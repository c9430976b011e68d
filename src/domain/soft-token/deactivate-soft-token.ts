// 利用解除 from the app (device change): a current code of the app token proves the request comes from the
// phone that holds the key; the token is then revoked for good and every registration on it ends, in the
// transaction that spends the code and writes the audit entry (reason 利用解除). A locked token cannot be
// released this way: the administrator's 登録解除 or the bank's トークン失効 can.
// Anyone who knows a serial (serials are read aloud, not secret) can post here, so a wrong code does NOT
// count toward the token's lock: five posts must not lock a registered token (security.md: no lockout an
// attacker can trigger). Wrong codes are bounded instead per serial by the caller's database throttle
// (soft-token-policy.ts DEACTIVATIONS_PER_SERIAL_*), taken before this runs.

import { appendAudit, BANK_CHAIN } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import { moveToken } from '../move-token.ts';
import { useTokenCode } from '../use-token.ts';
import type { SoftTokenCode } from './confirm-soft-token.ts';

export const DEACTIVATION_REASON = '利用解除';

export type DeactivateOutcome =
  | { readonly ok: true; readonly serial: string; readonly endedRegistrations: number }
  | Failure<'token_or_otp_invalid' | 'otp_replayed' | 'token_locked'>;

const ACTION = 'soft_token.deactivate';

export async function deactivateSoftToken(deps: DomainDeps, ip: string, req: SoftTokenCode): Promise<DeactivateOutcome> {
  return deps.store.transaction(async (tx): Promise<DeactivateOutcome> => {
    const nowMs = deps.now();
    const soft = await tx.softTokens.get(req.serial);
    const token = soft === undefined ? undefined : await tx.tokens.get(req.serial);
    const chain = token?.contractId ?? BANK_CHAIN;
    const audit = (outcome: string, detail: Record<string, string | number | boolean | null> = {}): Promise<unknown> =>
      appendAudit(tx, nowMs, { chain, actor: 'app', ip, action: ACTION, target: req.serial, outcome, detail: { reason: DEACTIVATION_REASON, ...detail } });
    if (soft === undefined || token === undefined || soft.origin !== 'app') {
      await audit('token_or_otp_invalid', { cause: soft === undefined ? 'unknown_serial' : 'not_app' });
      return fail('token_or_otp_invalid', 'serial');
    }
    // The token's row lock comes with the reserved attempt; its status is read under it below.
    const use = await useTokenCode(tx, deps.keyring, nowMs, { serial: req.serial, code: req.code, purpose: 'payment', statuses: ['in_stock', 'issued', 'registered'], wrongCodesLock: false });
    if (use.kind === 'rejected') {
      await audit(use.reason === 'locked' ? 'token_locked' : use.reason === 'replayed' ? 'otp_replayed' : 'token_or_otp_invalid', { cause: use.reason });
      if (use.reason === 'locked') return fail('token_locked', 'code');
      if (use.reason === 'replayed') return fail('otp_replayed', 'code');
      return fail('token_or_otp_invalid', 'code');
    }
    await tx.softTokens.touch(req.serial, nowMs);
    const before = token.status;
    await moveToken(tx, req.serial, ['in_stock', 'issued', 'registered'], 'revoked');
    let ended = 0;
    const contracts = new Set((await tx.registrations.activeForSerial(req.serial)).map((r) => r.contractId));
    for (const contractId of contracts) ended += await tx.registrations.end({ contractId, serial: req.serial }, nowMs);
    await audit('revoked', { previousStatus: before, endedRegistrations: ended });
    return { ok: true, serial: req.serial, endedRegistrations: ended };
  });
}
