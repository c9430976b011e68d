// Which counters a code may match: a small window for payments, a wider one at registration because a
// token kept in a drawer drifts (product.md §4; RFC 6238 §5.2 and §6; RFC 4226 §7.4).

import { totpStep } from '../otp/totp.ts';
import {
  PAYMENT_LOOKAHEAD_COUNTERS,
  PAYMENT_WINDOW_STEPS,
  REGISTRATION_LOOKAHEAD_COUNTERS,
  REGISTRATION_WINDOW_STEPS,
} from './policy.ts';
import type { TokenRecord } from './token.ts';

export type CodePurpose = 'payment' | 'registration';

export interface CodeWindow {
  readonly first: bigint;
  /** inclusive */
  readonly last: bigint;
  /** The counter the clock (TOTP) or the token's state (HOTP) expects; drift is measured from it. */
  readonly expected: bigint;
}

export function codeWindow(token: Pick<TokenRecord, 'params' | 'drift' | 'lastCounter' | 'counter'>, nowMs: number, purpose: CodePurpose): CodeWindow {
  if (token.params.type === 'totp') {
    const now = totpStep(nowMs, token.params.stepSeconds);
    // Payments centre on the drift stored at registration; registration measures drift afresh.
    const centre = purpose === 'payment' ? now + BigInt(token.drift) : now;
    const half = BigInt(purpose === 'payment' ? PAYMENT_WINDOW_STEPS : REGISTRATION_WINDOW_STEPS);
    return { first: centre - half, last: centre + half, expected: now };
  }
  const next = token.lastCounter === null || token.lastCounter < token.counter ? token.counter : token.lastCounter + 1n;
  const ahead = BigInt(purpose === 'payment' ? PAYMENT_LOOKAHEAD_COUNTERS : REGISTRATION_LOOKAHEAD_COUNTERS);
  // The last consumed counter stays inside the window so that its code is answered as "already used"
  // rather than "wrong"; verifyInWindow never accepts a counter at or below lastConsumed.
  const first = token.lastCounter !== null && token.lastCounter + 1n === next ? token.lastCounter : next;
  return { first, last: next + ahead - 1n, expected: next };
}
