// Every change of a token's status goes through here, so the transition table in token.ts is the one
// place that says which moves exist. A move the table forbids is a programming error, not a result.

import type { StoreTx } from './store-ports.ts';
import { canTransition, type TokenStatus } from './token.ts';

/** Moves the token from one of `from` to `to`; false when it was in none of them (the caller decides). */
export async function moveToken(tx: StoreTx, serial: string, from: readonly TokenStatus[], to: TokenStatus, contractId?: string | null): Promise<boolean> {
  for (const f of from) {
    if (!canTransition(f, to)) throw new TypeError(`token status ${f} → ${to} is not in the transition table`);
  }
  return contractId === undefined ? tx.tokens.transition(serial, from, to) : tx.tokens.transition(serial, from, to, contractId);
}
