// 「ワンタイムパスワード利用登録」: binds a token to one user (per-user form) or to the whole contract (shared
// form), proving possession with a current OTP, authorised by the ご契約先確認暗証番号 (product.md §3–4).

import { appendAudit } from './audit.ts';
import { checkConfirmPin, holdUnlockedConfirmPin } from './confirm-pin.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { moveToken } from './move-token.ts';
import { unboundAppToken } from './soft-token/unbound-app-token.ts';
import type { OtpForm, StoreTx } from './store-ports.ts';
import { triesLeftOf, useTokenCode, type TriesLeft } from './use-token.ts';

export type ActiveForm = Exclude<OtpForm, 'none'>;

export interface RegistrationRequest {
  readonly contractId: string;
  readonly form: ActiveForm;
  /** The user to register the token to; null under the shared form. */
  readonly loginId: string | null;
  readonly serial: string;
  readonly otp: string;
  readonly confirmPin: string;
}

export type RegistrationOutcome =
  | { readonly ok: true; readonly serial: string; readonly formChanged: boolean }
  | (Failure<'pin_wrong' | 'pin_locked' | 'pin_must_change' | 'contract_not_found' | 'user_not_found' | 'token_or_otp_invalid' | 'otp_replayed' | 'token_locked' | 'no_user_selected'> & TriesLeft);

const ACTION = 'token.register';

export async function registerToken(deps: DomainDeps, who: Actor, req: RegistrationRequest): Promise<RegistrationOutcome> {
  if (req.form === 'per_user' && req.loginId === null) return fail('no_user_selected', 'loginId');
  // product.md §4, order of checks: the PIN first; a wrong PIN leaves the OTP unevaluated and unspent.
  const pin = await checkConfirmPin(deps, who, req.contractId, req.confirmPin, ACTION);
  if (!pin.ok) return pin;

  return deps.store.transaction(async (tx): Promise<RegistrationOutcome> => {
    const nowMs = deps.now();
    // Wrong PINs committed since the check may have locked the PIN; the row lock taken here also orders this
    // registration wholly before or wholly after one under the other form running at the same time.
    const held = await holdUnlockedConfirmPin(tx, who, nowMs, req.contractId, ACTION);
    if (!held.ok) return held;
    const audit = (outcome: string, detail: Record<string, string | number | boolean | null>): Promise<unknown> =>
      appendAudit(tx, nowMs, { chain: req.contractId, ...who, action: ACTION, target: req.serial, outcome, detail: { form: req.form, loginId: req.loginId, ...detail } });

    if (req.loginId !== null && (await tx.users.get(req.contractId, req.loginId)) === undefined) {
      await audit('user_not_found', {});
      return fail('user_not_found', 'loginId');
    }
    // A token of another contract looks exactly like an unknown serial (PSD2 RTS Art. 4(3)(a)), and is not
    // touched at all, so nobody can lock another contract's token by guessing at it. This read only names
    // the audit's cause: the reserving UPDATE checks the contract again, so a token moved to another contract
    // after this read is refused and untouched too.
    const token = await tx.tokens.get(req.serial);
    // An app soft token belongs to no contract until its first registration binds it (unbound-app-token.ts).
    const app = token === undefined ? undefined : await unboundAppToken(tx, token);
    if (token === undefined || (token.contractId !== req.contractId && app === undefined)) {
      await audit('token_or_otp_invalid', { cause: token === undefined ? 'unknown_serial' : 'other_contract' });
      return fail('token_or_otp_invalid', 'otp');
    }
    // Only an active one: a pending token has not yet shown that the app derived the same secret.
    if (app?.state === 'pending') {
      await audit('token_or_otp_invalid', { cause: 'soft_token_pending' });
      return fail('token_or_otp_invalid', 'otp');
    }
    const use = await useTokenCode(tx, deps.keyring, nowMs, app === undefined
      ? { serial: req.serial, code: req.otp, purpose: 'registration', statuses: ['issued', 'registered'], contractId: req.contractId }
      : { serial: req.serial, code: req.otp, purpose: 'registration', statuses: ['in_stock'] });
    if (use.kind === 'rejected') {
      await audit(use.reason === 'locked' ? 'token_locked' : 'token_or_otp_invalid', { cause: use.reason, tokenLockedNow: use.lockedNow });
      if (use.reason === 'locked') return fail('token_locked', 'otp');
      if (use.reason === 'replayed') return fail('otp_replayed', 'otp');
      return { ...fail('token_or_otp_invalid', 'otp'), ...triesLeftOf(use) };
    }

    if (app !== undefined) {
      // One conditional UPDATE (still in stock, no contract): of two contracts registering it at once, the
      // second finds it bound and is refused like a token of another contract.
      if (!(await tx.softTokens.bindToContract(req.serial, req.contractId))) {
        await audit('token_or_otp_invalid', { cause: 'other_contract' });
        return fail('token_or_otp_invalid', 'otp');
      }
      await tx.softTokens.touch(req.serial, nowMs);
    }
    // As read under the row lock above, not as the PIN check saw it.
    const formChanged = held.contract.otpForm !== req.form;
    // product.md §4: registering under the other form switches the contract's form; the old form's
    // registrations stop applying and stay in the history. Ended unconditionally, so none can survive.
    await endAndRelease(tx, { contractId: req.contractId, form: req.form === 'per_user' ? 'shared' : 'per_user' }, nowMs);
    if (formChanged) await tx.contracts.setOtpForm(req.contractId, req.form, nowMs);
    // Re-registration replaces the user's (or the contract's shared) token.
    await endAndRelease(tx, req.form === 'per_user' ? { contractId: req.contractId, loginId: req.loginId, form: 'per_user' } : { contractId: req.contractId, form: 'shared' }, nowMs);
    await tx.registrations.insert({ contractId: req.contractId, loginId: req.form === 'per_user' ? req.loginId : null, serial: req.serial, form: req.form, registeredAtMs: nowMs });
    await moveToken(tx, req.serial, ['issued'], 'registered');
    await audit('registered', { drift: use.drift, formChanged });
    return { ok: true, serial: req.serial, formChanged };
  });
}

/** Ends matching registrations; a token no registration uses any more goes back to `issued`. */
export async function endAndRelease(
  tx: StoreTx,
  match: Parameters<StoreTx['registrations']['end']>[0],
  nowMs: number,
): Promise<number> {
  const before = await tx.registrations.active(match.contractId);
  const ended = await tx.registrations.end(match, nowMs);
  if (ended === 0) return 0;
  const stillActive = new Set((await tx.registrations.active(match.contractId)).map((r) => r.serial));
  const released = new Set(before.map((r) => r.serial).filter((s) => !stillActive.has(s)));
  for (const serial of released) {
    if ((await tx.registrations.activeForSerial(serial)).length === 0) await moveToken(tx, serial, ['registered'], 'issued');
  }
  return ended;
}
