// Activation, step 4: the app's first valid code makes a pending app token `active`, the one state in which
// an administrator can register it (privacyIDEA's verify_enrollment: a token is live only once a code proves
// both sides hold the same secret). Wrong codes count toward the token's failures like any token's
// (use-token.ts); a pending token older than PENDING_SOFT_TOKEN_TTL_MS is refused and left to the purge.

import { appendAudit, BANK_CHAIN } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../policy.ts';
import { useTokenCode } from '../use-token.ts';
import { PENDING_SOFT_TOKEN_TTL_MS } from './soft-token-policy.ts';

export interface SoftTokenCode {
  readonly serial: string;
  readonly code: string;
}

export type ConfirmOutcome =
  | { readonly ok: true; readonly serial: string; readonly state: 'active' }
  | Failure<'token_or_otp_invalid' | 'otp_replayed' | 'token_locked' | 'activation_expired'>;

const ACTION = 'soft_token.confirm';

export async function confirmSoftToken(deps: DomainDeps, ip: string, req: SoftTokenCode): Promise<ConfirmOutcome> {
  return deps.store.transaction(async (tx): Promise<ConfirmOutcome> => {
    const nowMs = deps.now();
    const audit = (outcome: string, detail: Record<string, string | number | boolean> = {}): Promise<unknown> =>
      appendAudit(tx, nowMs, { chain: BANK_CHAIN, actor: 'app', ip, action: ACTION, target: req.serial, outcome, detail });
    const soft = await tx.softTokens.get(req.serial);
    // An unknown serial, an otpauth token and one already active look alike: nothing to confirm.
    if (soft === undefined || soft.origin !== 'app' || soft.state !== 'pending') {
      await audit('token_or_otp_invalid', { cause: soft === undefined ? 'unknown_serial' : soft.origin !== 'app' ? 'not_app' : 'not_pending' });
      return fail('token_or_otp_invalid', 'serial');
    }
    if (nowMs - soft.createdAtMs >= PENDING_SOFT_TOKEN_TTL_MS) {
      await audit('activation_expired');
      return fail('activation_expired', 'serial');
    }
    // The app reads the server's time (GET /app/api/time), so the payment window of ±1 step suffices.
    const use = await useTokenCode(tx, deps.keyring, nowMs, { serial: req.serial, code: req.code, purpose: 'payment', statuses: ['in_stock'] });
    if (use.kind === 'rejected') {
      await audit(use.reason === 'replayed' ? 'otp_replayed' : 'token_or_otp_invalid', { cause: use.reason });
      if (use.reason === 'replayed') return fail('otp_replayed', 'code');
      // In stock with its failures at the maximum: this pending token takes no more codes.
      if (use.reason === 'unknown' && ((await tx.tokens.get(req.serial))?.consecutiveFailures ?? 0) >= MAX_CONSECUTIVE_OTP_FAILURES) return fail('token_locked', 'code');
      return fail('token_or_otp_invalid', 'code');
    }
    // Conditional on `pending`: of two confirmations with two codes, one activates.
    if (!(await tx.softTokens.activate(req.serial, nowMs))) {
      await audit('token_or_otp_invalid', { cause: 'not_pending' });
      return fail('token_or_otp_invalid', 'serial');
    }
    await audit('active');
    return { ok: true, serial: req.serial, state: 'active' };
  });
}
