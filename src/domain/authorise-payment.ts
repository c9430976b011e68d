// 実行: a user authorises the draft of the confirm screen with an OTP (or, before the contract's OTP use has
// begun, the 利用者確認暗証番号), and the payment happens, all in ONE transaction: the draft's pending → done
// (a conditional UPDATE: zero rows = already done, and its receipt is shown again, never a second debit), the
// OTP (useTokenCode), the money (settlePayment) and the audit entries. A refused OTP is a value, not an
// exception, so its failure count COMMITS (RFC 4226 §7.3) while the draft is reopened for another try.

import type { Actor, DomainDeps } from './deps.ts';
import { appendAudit } from './audit.ts';
import { fail, type Failure } from './error-codes.ts';
import { authorityFor, paymentRefusalOf, type PaymentOtpRefusal } from './payment-authority.ts';
import { detailsFromJson } from './payment-details.ts';
import { explainUnclaimable, type UnclaimableCode } from './payment-lookup.ts';
import { MAX_USER_CONFIRM_PIN_FAILURES } from './payment-policy.ts';
import { mayPay, type PaymentOwner } from './prepare-payment.ts';
import { settlePayment, type Settled } from './settle-payment.ts';
import { signingChallengeFor } from './signing-challenge.ts';
import { signatureRefusalOf, type SignatureRefusal } from './signature-refusal.ts';
import { spendSignature } from './spend-signature.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import { checkUserConfirmPin } from './user-confirm-pin.ts';
import { triesLeftOf, useTokenCode, type TriesLeft } from './use-token.ts';

export type PaymentProof =
  | { readonly kind: 'otp'; readonly code: string }
  | { readonly kind: 'user_pin'; readonly pin: string }
  /** 取引認証番号: the app token's OCRA response to the draft's own question (signing-challenge.ts). */
  | { readonly kind: 'signature'; readonly response: string };

export interface AuthoriseRequest extends PaymentOwner {
  readonly draftId: string;
  readonly proof: PaymentProof;
}

export type AuthoriseOutcome =
  | Settled
  | (Failure<UnclaimableCode | PaymentOtpRefusal | SignatureRefusal | 'not_permitted' | 'required' | 'user_pin_wrong' | 'user_pin_locked'> & TriesLeft);

const ACTION = 'payment.authorise';

export async function authorisePayment(deps: DomainDeps, who: Actor, req: AuthoriseRequest): Promise<AuthoriseOutcome> {
  let pinVerified = false;
  if (req.proof.kind === 'user_pin') {
    // Argon2id runs outside the payment's transaction. Say first what needs no PIN attempt: a payment that
    // is already done (a second submission), gone, or one that now needs an OTP.
    const early = await deps.store.transaction((tx) => checkBeforePin(tx, req, deps.now()));
    if (early.kind === 'answer') return early.outcome;
    if (early.kind === 'check_pin') {
      const pin = await checkUserConfirmPin(deps, who, req.contractId, req.loginId, req.proof.pin, ACTION);
      if (!pin.ok) return pin;
      pinVerified = true;
    }
    // 'otp_use_begun': the transaction below refuses the PIN and says what is needed instead.
  }
  return deps.store.transaction((tx) => authoriseInTransaction(tx, who, deps, req, pinVerified));
}

async function authoriseInTransaction(tx: StoreTx, who: Actor, deps: DomainDeps, req: AuthoriseRequest, pinVerified: boolean): Promise<AuthoriseOutcome> {
  const nowMs = deps.now();
  const draft = await tx.paymentDrafts.claim(req.draftId, req.contractId, req.loginId, nowMs);
  if (draft === undefined) return explainUnclaimable(tx, req, req.draftId, nowMs);

  const refuse = async <F extends Failure>(failure: F, detail: Record<string, string | number | boolean | null> = {}): Promise<F> => {
    await tx.paymentDrafts.reopen(draft.id);
    await appendAudit(tx, nowMs, { chain: draft.contractId, ...who, action: ACTION, target: draft.loginId, outcome: failure.code, detail: { draft: draft.id, kind: draft.kind, ...detail } });
    return failure;
  };


  const contract = await tx.contracts.get(req.contractId);

  const user = await tx.users.get(req.contractId, req.loginId);
  if (contract === undefined || user === undefined) return refuse(fail('payment_not_found'));
  if (!mayPay(user, draft.kind)) return refuse(fail('not_permitted'));
  // Checked here, on every authorisation, so that no route and no direct POST can skip it (product.md §5).
  const authority = await authorityFor(tx, contract, req.loginId);
  if ('ok' in authority) return refuse(authority);

  if (authority.kind === 'otp') {
    // The bank's 取引認証 policy, read now (not when the confirm screen was drawn): the stricter proof wins.
    const signing = await signingChallengeFor(tx, draft, detailsFromJson(draft.kind, draft.details), authority.serial);
    if (signing !== null) {
      if (req.proof.kind !== 'signature') return refuse(fail('required', 'signature'));
      const signed = await spendSignature(tx, deps.keyring, nowMs, { serial: authority.serial, question: signing.question, response: req.proof.response, draftId: draft.id });
      if (signed.kind === 'rejected') {
        return refuse({ ...fail(signatureRefusalOf(signed.reason), 'signature'), ...triesLeftOf(signed) }, { serial: authority.serial, cause: signed.reason, tokenLockedNow: signed.lockedNow, signature: true });
      }
      return settlePayment(tx, who, nowMs, draft, { serial: signed.serial, signed: true });
    }
    if (req.proof.kind !== 'otp') return refuse(fail('required', 'otp'));
    const use = await useTokenCode(tx, deps.keyring, nowMs, { serial: authority.serial, code: req.proof.code, purpose: 'payment', statuses: ['registered'] });
    if (use.kind === 'rejected') {
      return refuse({ ...fail(paymentRefusalOf(use.reason), 'otp'), ...triesLeftOf(use) }, { serial: authority.serial, cause: use.reason, tokenLockedNow: use.lockedNow });
    }
    return settlePayment(tx, who, nowMs, draft, { serial: use.serial });
  }
  // Only a PIN checked just before this transaction pays. (Not checked when the form had already left
  // 'none'; a form never returns to 'none', but this must not rest on that.)
  if (req.proof.kind !== 'user_pin' || !pinVerified) return refuse(fail('required', 'userConfirmPin'));
  // Its count was reset where it was found correct; wrong PINs committed since then may have locked it, and
  // that lock stands (the row lock taken here keeps it from arriving before the commit).
  if (!(await tx.userPins.holdUnlocked(req.contractId, req.loginId, MAX_USER_CONFIRM_PIN_FAILURES))) return refuse(fail('user_pin_locked', 'userConfirmPin'));
  return settlePayment(tx, who, nowMs, draft, { userPin: true });
}

type BeforePin = { readonly kind: 'answer'; readonly outcome: AuthoriseOutcome } | { readonly kind: 'check_pin' } | { readonly kind: 'otp_use_begun' };

/** Before spending a PIN attempt: a done draft's receipt or a refusal that needs no PIN. */
async function checkBeforePin(tx: StoreTx, req: AuthoriseRequest, nowMs: number): Promise<BeforePin> {
  const draft: PaymentDraftRecord | undefined = await tx.paymentDrafts.get(req.draftId);
  if (draft === undefined || draft.status !== 'pending' || draft.expiresAtMs <= nowMs || draft.contractId !== req.contractId || draft.loginId !== req.loginId) {
    return { kind: 'answer', outcome: await explainUnclaimable(tx, req, req.draftId, nowMs) };
  }
  const contract = await tx.contracts.get(req.contractId);
  return contract !== undefined && contract.otpForm !== 'none' ? { kind: 'otp_use_begun' } : { kind: 'check_pin' };
}
