// What authorises a user's payment (product.md §2, §5): before the contract's OTP use has begun, the user's
// 利用者確認暗証番号; after it, an OTP of the token that applies to the user — their own (per-user form) or
// the contract's (shared form). A user without one cannot pay at all (seed: 「利用登録していない利用者は、
// 資金移動および税金各種料金払込み（オンライン方式）のお支払が出来ません」).

import { fail, type Failure } from './error-codes.ts';
import type { ContractRecord, StoreTx } from './store-ports.ts';
import type { TokenUseRejection } from './use-token.ts';

export type PaymentAuthority = { readonly kind: 'user_pin' } | { readonly kind: 'otp'; readonly serial: string };

export async function authorityFor(tx: StoreTx, contract: ContractRecord, loginId: string): Promise<PaymentAuthority | Failure<'not_registered'>> {
  if (contract.otpForm === 'none') return { kind: 'user_pin' };
  const registration = await tx.registrations.activeFor(contract.id, contract.otpForm, contract.otpForm === 'shared' ? null : loginId);
  return registration === undefined ? fail('not_registered') : { kind: 'otp', serial: registration.serial };
}

export type PaymentOtpRefusal = 'otp_invalid' | 'otp_replayed' | 'token_locked' | 'not_registered';

/**
 * A rejected code, as the user is told. An expired token, or one no longer registered (status changed under
 * us), has the same remedy as no token at all: the administrator registers one.
 */
export function paymentRefusalOf(reason: TokenUseRejection): PaymentOtpRefusal {
  switch (reason) {
    case 'malformed':
    case 'invalid':
      return 'otp_invalid';
    case 'replayed':
      return 'otp_replayed';
    case 'locked':
      return 'token_locked';
    case 'expired':
    case 'unknown':
      return 'not_registered';
  }
}
