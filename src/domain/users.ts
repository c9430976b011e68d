// The administrator's operations on 「利用者情報選択」: 新規登録, 変更, 登録抹消 of users, 利用中止解除 of a
// user's login or a token, and 登録解除 of a user's token (product.md §3.5). Each runs in one transaction
// with its audit entry; the web layer wraps them in `withConfirmPin`, the bank's CLI calls them directly.

import { appendAudit } from './audit.ts';
import type { Actor } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import type { Argon2Cost } from './password-hash.ts';
import { hashSecret } from './password-hash.ts';
import { MAX_USERS_PER_CONTRACT } from './policy.ts';
import { moveToken } from './move-token.ts';
import { endAndRelease } from './registration.ts';
import type { StoreTx } from './store-ports.ts';

export interface UserInput {
  readonly loginId: string;
  readonly name: string;
  readonly password: string;
  readonly confirmPin: string;
  readonly canTransfer: boolean;
  readonly canPayTax: boolean;
}

/** Hashes outside any transaction: Argon2id takes tens of milliseconds and must not hold locks. */
export async function hashUserSecrets(input: Pick<UserInput, 'password' | 'confirmPin'>, cost: Argon2Cost): Promise<{ passwordHash: string; confirmPinHash: string }> {
  const [passwordHash, confirmPinHash] = await Promise.all([hashSecret(input.password, cost), hashSecret(input.confirmPin, cost)]);
  return { passwordHash, confirmPinHash };
}

export async function createUser(
  tx: StoreTx,
  who: Actor,
  nowMs: number,
  contractId: string,
  input: Omit<UserInput, 'password' | 'confirmPin'> & { passwordHash: string; confirmPinHash: string },
): Promise<{ ok: true } | Failure<'contract_not_found' | 'user_exists' | 'user_limit'>> {
  if ((await tx.contracts.get(contractId)) === undefined) return fail('contract_not_found', 'contractId');
  if ((await tx.users.get(contractId, input.loginId)) !== undefined) return fail('user_exists', 'loginId');
  if ((await tx.users.count(contractId)) >= MAX_USERS_PER_CONTRACT) return fail('user_limit', 'loginId');
  await tx.users.insert({ contractId, createdAtMs: nowMs, ...input });
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'user.create', target: input.loginId, outcome: 'created', detail: { canTransfer: input.canTransfer, canPayTax: input.canPayTax } });
  return { ok: true };
}

export async function updateUser(
  tx: StoreTx,
  who: Actor,
  nowMs: number,
  contractId: string,
  loginId: string,
  changes: { name?: string; canTransfer?: boolean; canPayTax?: boolean; passwordHash?: string; confirmPinHash?: string },
): Promise<{ ok: true } | Failure<'user_not_found'>> {
  if (!(await tx.users.update(contractId, loginId, changes))) return fail('user_not_found', 'loginId');
  // A new password ends the sessions opened with the old one (it may have been compromised).
  if (changes.passwordHash !== undefined) await tx.sessions.deleteForUser(contractId, loginId);
  const detail = { name: changes.name !== undefined, canTransfer: changes.canTransfer ?? null, canPayTax: changes.canPayTax ?? null, password: changes.passwordHash !== undefined, confirmPin: changes.confirmPinHash !== undefined };
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'user.update', target: loginId, outcome: 'updated', detail });
  return { ok: true };
}

/** 登録抹消: the user's registration ends (kept in the history) and the user is removed. */
export async function deleteUser(tx: StoreTx, who: Actor, nowMs: number, contractId: string, loginId: string): Promise<{ ok: true } | Failure<'user_not_found'>> {
  if ((await tx.users.get(contractId, loginId)) === undefined) return fail('user_not_found', 'loginId');
  await endAndRelease(tx, { contractId, loginId }, nowMs);
  // Its sessions end with it: a user ID created again later must not inherit a browser still logged in.
  await tx.sessions.deleteForUser(contractId, loginId);
  await tx.users.delete(contractId, loginId);
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'user.delete', target: loginId, outcome: 'deleted' });
  return { ok: true };
}

/** 利用中止解除 of a user's login, locked after consecutive wrong 利用者暗証番号. */
export async function unlockUserLogin(tx: StoreTx, who: Actor, nowMs: number, contractId: string, loginId: string): Promise<{ ok: true } | Failure<'user_not_found'>> {
  if ((await tx.users.get(contractId, loginId)) === undefined) return fail('user_not_found', 'loginId');
  await tx.users.resetLoginFailures(contractId, loginId);
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'user.unlock', target: loginId, outcome: 'unlocked' });
  return { ok: true };
}

/** 登録解除: the user's token no longer applies to the user. */
export async function unregisterUserToken(tx: StoreTx, who: Actor, nowMs: number, contractId: string, loginId: string | null): Promise<{ ok: true } | Failure<'not_registered'>> {
  const ended = await endAndRelease(tx, loginId === null ? { contractId, form: 'shared' } : { contractId, loginId }, nowMs);
  if (ended === 0) return fail('not_registered', 'loginId');
  await appendAudit(tx, nowMs, { chain: contractId, ...who, action: 'token.unregister', target: loginId ?? 'shared', outcome: 'unregistered' });
  return { ok: true };
}

/** 利用中止解除 of a token locked by consecutive wrong OTPs; only a token of this contract. */
export async function unlockToken(tx: StoreTx, who: Actor, nowMs: number, contractId: string | null, serial: string): Promise<{ ok: true } | Failure<'token_not_found' | 'token_state'>> {
  const token = await tx.tokens.get(serial);
  if (token === undefined || (contractId !== null && token.contractId !== contractId)) return fail('token_not_found', 'serial');
  // The status is the one field that says "locked"; the unlock lifts it and the failure count together.
  if (token.status !== 'locked') return fail('token_state', 'serial');
  const inUse = (await tx.registrations.activeForSerial(serial)).length > 0;
  await moveToken(tx, serial, ['locked'], inUse ? 'registered' : 'issued');
  await tx.tokens.resetFailures(serial);
  await appendAudit(tx, nowMs, { chain: token.contractId ?? 'bank', ...who, action: 'token.unlock', target: serial, outcome: 'unlocked' });
  return { ok: true };
}
