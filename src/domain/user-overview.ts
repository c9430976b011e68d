// The read side of the administrator's screens: one contract's users, which token applies to each of them
// and what is locked. Only ever for the contract of the admin's session (ASVS 4.0.3 4.2.1).

import { userPinIsLocked } from './user-confirm-pin.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES } from './policy.ts';
import type { ContractListing, OtpForm, RegisteredToken, StoreTx } from './store-ports.ts';
import type { TokenRecord, TokenStatus } from './token.ts';
import { type TokenExpiry, tokenExpiry } from './token-expiry.ts';

export interface TokenSummary {
  readonly serial: string;
  readonly status: TokenStatus;
  /** 利用中止: locked by consecutive wrong OTPs. */
  readonly locked: boolean;
  /** Valid, near its expiry or expired, as of the time the overview was read. */
  readonly expiry: TokenExpiry;
}

export interface UserSummary {
  readonly loginId: string;
  readonly name: string;
  readonly canTransfer: boolean;
  readonly canPayTax: boolean;
  /** 利用中止: the user's login is locked by consecutive wrong 利用者暗証番号. */
  readonly loginLocked: boolean;
  /** The token registered to this user under the per-user form; null when none. */
  readonly ownToken: TokenSummary | null;
  /** The token that applies to the user now: its own (per-user form) or the contract's (shared form). */
  readonly token: TokenSummary | null;
}

export interface ContractOverview {
  readonly contractId: string;
  readonly contractName: string;
  readonly otpForm: OtpForm;
  readonly otpStarted: boolean;
  readonly confirmPinLocked: boolean;
  /** The contract's token under the shared form; null when none. */
  readonly sharedToken: TokenSummary | null;
  readonly users: readonly UserSummary[];
}

/** The status is the one field that says "locked" (the wrong code that reaches the maximum moves it there). */
export function tokenIsLocked(token: Pick<TokenRecord, 'status'>): boolean {
  return token.status === 'locked';
}

/** `nowMs` dates the tokens' expiry flags; without it no token is flagged. One statement, no secret decoded. */
export async function contractOverview(tx: StoreTx, contractId: string, nowMs?: number): Promise<ContractOverview | undefined> {
  const listing = await tx.contracts.listing(contractId);
  return listing === undefined ? undefined : overviewFrom(listing, nowMs);
}

/** The overview of a listing already read (with the admin's session: web/respond.ts). */
export function overviewFrom({ contract, users, tokens }: ContractListing, nowMs: number | undefined): ContractOverview {
  const summaryOf = (token: RegisteredToken): TokenSummary => ({
    serial: token.serial,
    status: token.status,
    locked: tokenIsLocked(token),
    expiry: nowMs === undefined ? { kind: 'valid' } : tokenExpiry(token.expiresAtMs, nowMs),
  });
  // The first active registration of each user (and of the contract, shared) in registration order.
  let sharedToken: TokenSummary | null = null;
  const ownTokens = new Map<string, TokenSummary>();
  for (const token of tokens) {
    if (token.form === 'shared') sharedToken ??= summaryOf(token);
    else if (token.loginId !== null && !ownTokens.has(token.loginId)) ownTokens.set(token.loginId, summaryOf(token));
  }
  return {
    contractId: contract.id,
    contractName: contract.name,
    otpForm: contract.otpForm,
    otpStarted: contract.otpStartedAtMs !== null,
    confirmPinLocked: contract.confirmPinFailures >= MAX_CONFIRM_PIN_FAILURES,
    sharedToken,
    users: users
      .toSorted((a, b) => a.createdAtMs - b.createdAtMs || a.loginId.localeCompare(b.loginId))
      .map((u) => {
        const ownToken = ownTokens.get(u.loginId) ?? null;
        return {
          loginId: u.loginId,
          name: u.name,
          canTransfer: u.canTransfer,
          canPayTax: u.canPayTax,
          // Either lock stops the user; 「利用中止解除」 lifts both (user-unlock.ts).
          loginLocked: u.loginFailures >= MAX_LOGIN_FAILURES || userPinIsLocked(u.confirmPinFailures),
          ownToken,
          token: contract.otpForm === 'shared' ? sharedToken : ownToken,
        };
      }),
  };
}
