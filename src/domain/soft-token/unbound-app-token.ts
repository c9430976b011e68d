// An app soft token that no contract has taken yet: in the bank's stock with no contract, made by the app's
// activation. Any one contract's administrator may register it (SOFT-TOKEN-SPEC "After activation"); the
// registration binds it, and from then on it is that contract's token like any other.

import type { StoreTx } from '../store-ports.ts';
import type { TokenRecord } from '../token.ts';
import type { SoftTokenRecord } from './soft-token-store-ports.ts';

/** The token's soft row when it is an unbound app token (pending or active); undefined otherwise. */
export async function unboundAppToken(tx: StoreTx, token: TokenRecord): Promise<SoftTokenRecord | undefined> {
  if (token.kind !== 'software' || token.status !== 'in_stock' || token.contractId !== null) return undefined;
  const soft = await tx.softTokens.get(token.serial);
  return soft?.origin === 'app' ? soft : undefined;
}
