// A refused 取引認証番号, as the user is told: the same remedies as a refused OTP (payment-authority.ts), with
// the signature's own words for a wrong or a replayed response.

import type { TokenUseRejection } from './use-token.ts';

export type SignatureRefusal = 'signature_invalid' | 'signature_replayed' | 'token_locked' | 'not_registered';

export function signatureRefusalOf(reason: TokenUseRejection): SignatureRefusal {
  switch (reason) {
    case 'malformed':
    case 'invalid':
      return 'signature_invalid';
    case 'replayed':
      return 'signature_replayed';
    case 'locked':
      return 'token_locked';
    case 'expired':
    case 'unknown':
      return 'not_registered';
  }
}
