// 取引認証's challenge (SOFT-TOKEN-SPEC.md, 取引認証): when a 資金移動 must be signed with the bizotp app instead
// of an OTP, and what is signed. The question is the amount in yen followed by the payee's 口座番号 as 7 digits,
// so the app can decode it uniquely (the last 7 digits are the account) and show both before computing
// OCRA-1:HOTP-SHA256-8:QN20-T1M over it (RFC 6287). Any change of amount or payee account changes the question,
// so a response authorises exactly the payee and amount shown (PSD2 RTS Art. 5, dynamic linking).
// Pay-easy 払込み keep the OTP: the app's challenge carries a payee account, which a 払込み does not have.

import { ACCOUNT_KIND_LABELS, type TransferDetails } from './payment-details.ts';
import type { PaymentDraftRecord, StoreTx } from './store-ports.ts';
import type { TransactionAuthPolicy } from './transaction-auth-ports.ts';

/** The suite the app computes with its token key; the text is itself hashed into every response (RFC 6287 §5). */
export const SIGNING_OCRA_SUITE = 'OCRA-1:HOTP-SHA256-8:QN20-T1M';
/** Responses of the current minute and of the one before are accepted (the skew the spec agrees). */
export const SIGNING_PAST_STEPS = 1;
export const SIGNING_STEP_MS = 60_000;

export interface SigningChallenge {
  /** The OCRA question: amount ‖ 7-digit account number, decimal digits. */
  readonly question: string;
  /** What the QR code carries (`bizotp-sign:1?…`). */
  readonly qrText: string;
  readonly serial: string;
}

export function signingQuestion(amountYen: bigint, accountNumber: string): string {
  if (amountYen <= 0n || !/^\d{7}$/.test(accountNumber)) throw new TypeError('a signing question needs a positive amount and a 7-digit account number');
  return `${amountYen.toString()}${accountNumber}`;
}

/**
 * `bizotp-sign:1?q=…&bank=…&branch=…&type=…&account=…&name=…&amount=…`, each value encodeURIComponent'ed.
 * bizotp keeps the 金融機関コード and 支店コード of a payee, not their names, so bank and branch carry the codes.
 */
export function signingQrText(details: TransferDetails, amountYen: bigint): string {
  const values: [string, string][] = [
    ['q', signingQuestion(amountYen, details.accountNumber)],
    ['bank', details.bankCode],
    ['branch', details.branchCode],
    ['type', ACCOUNT_KIND_LABELS[details.accountKind]],
    ['account', details.accountNumber],
    ['name', details.payeeName],
    ['amount', amountYen.toString()],
  ];
  return `bizotp-sign:1?${values.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`;
}

export function policyApplies(policy: TransactionAuthPolicy, amountYen: bigint): boolean {
  if (policy.mode === 'off') return false;
  return policy.mode === 'all' || amountYen > policy.thresholdYen;
}

/**
 * The challenge this draft must be signed with, or null when an OTP authorises it: only a 資金移動 the bank's
 * policy covers, paid with an active token of the bizotp app (hardware tokens and otpauth:// tokens cannot sign
 * and keep the OTP).
 */
export async function signingChallengeFor(tx: StoreTx, draft: PaymentDraftRecord, details: TransferDetails | { readonly kind: 'payeasy' }, serial: string): Promise<SigningChallenge | null> {
  if (details.kind !== 'transfer') return null;
  const { policy } = await tx.transactionAuth.policy();
  if (!policyApplies(policy, draft.amountYen)) return null;
  const soft = await tx.softTokens.get(serial);
  if (soft === undefined || soft.origin !== 'app' || soft.state !== 'active') return null;
  return { question: signingQuestion(draft.amountYen, details.accountNumber), qrText: signingQrText(details, draft.amountYen), serial };
}
