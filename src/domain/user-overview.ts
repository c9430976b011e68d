// The read side of the administrator's screens: one contract's users, which token applies to each of them
// and what is locked. Only ever for the contract of the admin's session (ASVS 4.0.3 4.2.1).

import { userPinIsLocked } from './user-confirm-pin.ts';
import { MAX_CONFIRM_PIN_FAILURES, MAX_LOGIN_FAILURES } from './policy.ts';
import type { OtpForm, RegistrationRecord, StoreTx } from './store-ports.ts';
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

/** `nowMs` dates the tokens' expiry flags; without it no token is flagged. */
export async function contractOverview(tx: StoreTx, contractId: string, nowMs?: number): Promise<ContractOverview | undefined> {
  const contract = await tx.contracts.get(contractId);
  if (contract === undefined) return undefined;
  const users = await tx.users.list(contractId);
  const active = await tx.registrations.active(contractId);
  const summaries = new Map<string, TokenSummary>();
  for (const token of await tx.tokens.getMany([...new Set(active.map((r) => r.serial))])) {
    const serial = token.serial;
    const expiry = nowMs === undefined ? ({ kind: 'valid' } as const) : tokenExpiry(token.expiresAtMs, nowMs);
    summaries.set(serial, { serial, status: token.status, locked: tokenIsLocked(token), expiry });
  }
  const pinStates: { u: (typeof users)[number]; pinLocked: boolean }[] = [];
  const pinFailures = await tx.userPins.failuresOfContract(contractId);
  for (const u of users) pinStates.push({ u, pinLocked: userPinIsLocked(pinFailures.get(u.loginId) ?? 0) });
  const summaryOf = (r: RegistrationRecord | undefined): TokenSummary | null => (r === undefined ? null : (summaries.get(r.serial) ?? null));
  const sharedToken = summaryOf(active.find((r) => r.form === 'shared'));
  return {
    contractId,
    contractName: contract.name,
    otpForm: contract.otpForm,
    otpStarted: contract.otpStartedAtMs !== null,
    confirmPinLocked: contract.confirmPinFailures >= MAX_CONFIRM_PIN_FAILURES,
    sharedToken,
    users: pinStates
      .toSorted((a, b) => a.u.createdAtMs - b.u.createdAtMs || a.u.loginId.localeCompare(b.u.loginId))
      .map(({ u, pinLocked }) => {
        const ownToken = summaryOf(active.find((r) => r.form === 'per_user' && r.loginId === u.loginId));
        return {
          loginId: u.loginId,
          name: u.name,
          canTransfer: u.canTransfer,
          canPayTax: u.canPayTax,
          // Either lock stops the user; 「利用中止解除」 lifts both (user-unlock.ts).
          loginLocked: u.loginFailures >= MAX_LOGIN_FAILURES || pinLocked,
          ownToken,
          token: contract.otpForm === 'shared' ? sharedToken : ownToken,
        };
      }),
  };
}
