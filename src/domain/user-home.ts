// The read side of the user's menu: who they are, what they may do, what authorises their payments now,
// and the contract's accounts, limits and latest debits (the embedded ledger, product.md §5).

import { limitsOf } from './ledger.ts';
import { authorityFor, type PaymentAuthority } from './payment-authority.ts';
import type { AccountRecord, LedgerEntryRecord, StoreTx, TransferLimitsRecord } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';
import { userPinIsLocked } from './user-confirm-pin.ts';
import { tokenIsLocked } from './user-overview.ts';

export const HISTORY_ON_MENU = 10;

export interface UserHome {
  readonly contractId: string;
  readonly contractName: string;
  readonly loginId: string;
  readonly userName: string;
  readonly canTransfer: boolean;
  readonly canPayTax: boolean;
  /** null when OTP use has begun and no token applies to the user: no payment is possible. */
  readonly authority: PaymentAuthority | null;
  /** The token that applies to the user is 利用中止 (consecutive wrong OTPs). */
  readonly tokenLocked: boolean;
  readonly userPinLocked: boolean;
  readonly accounts: readonly AccountRecord[];
  readonly limits: TransferLimitsRecord;
  readonly usedTodayYen: bigint;
  readonly history: readonly LedgerEntryRecord[];
}

export async function userHome(tx: StoreTx, contractId: string, loginId: string, nowMs: number): Promise<UserHome | undefined> {
  const contract = await tx.contracts.get(contractId);
  const user = await tx.users.get(contractId, loginId);
  if (contract === undefined || user === undefined) return undefined;
  const found = await authorityFor(tx, contract, loginId);
  const authority = 'ok' in found ? null : found;
  const token = authority?.kind === 'otp' ? await tx.tokens.get(authority.serial) : undefined;
  return {
    contractId,
    contractName: contract.name,
    loginId,
    userName: user.name,
    canTransfer: user.canTransfer,
    canPayTax: user.canPayTax,
    authority,
    tokenLocked: token !== undefined && tokenIsLocked(token),
    userPinLocked: userPinIsLocked((await tx.userPins.failures(contractId, loginId)) ?? 0),
    accounts: await tx.accounts.list(contractId),
    limits: await limitsOf(tx, contractId),
    usedTodayYen: await tx.transferLimits.usedOn(contractId, tokyoDate(nowMs)),
    history: await tx.ledger.history(contractId, HISTORY_ON_MENU),
  };
}
