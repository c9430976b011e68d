// 「ご契約先暗証番号変更」「ご契約先確認暗証番号変更」「利用者暗証番号変更」「利用者確認暗証番号変更」: the
// customer replaces one of their own 暗証番号 by typing the current value and the new one twice. The current
// value is checked under the secret's own lock (NIST 800-63B §5.2.2: a change screen must not be a way around
// the lockout), the new hash is stored only over the hash that was checked (a concurrent change wins once),
// a must-change flag left by the bank's reset is cleared, and a new password ends the person's other
// sessions (they may have been opened with the old one, NIST 800-63B §7.1).

import { appendAudit } from './audit.ts';
import { type CredentialTarget, CREDENTIAL_RULES, auditTargetOf, loginIdOf, lockOf, storeSecret } from './credential-target.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { type ErrorCode, fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { hashSecret } from './password-hash.ts';
import { type TriesLeft, triesLeft } from './tries-left.ts';

export interface CredentialChangeInput {
  /** As typed; only its presence is checked at the edge (parseSecretAttempt). */
  readonly current: string;
  /** Already parsed with parseSecret (6–12 letters and digits, both present). */
  readonly next: string;
  readonly nextAgain: string;
}

export type ChangeFailureCode = 'secret_mismatch' | 'secret_unchanged' | 'current_secret_wrong' | 'contract_not_found' | 'user_not_found' | ErrorCode;

export type ChangeResult = { readonly ok: true; readonly sessionsEnded: number } | (Failure<ChangeFailureCode> & TriesLeft);

export const CHANGE_ACTION = 'credential.change';

/**
 * Changes one secret. `keepSessionIdHash` is the session the change was made from: a new password ends every
 * other session of the person, not this one.
 */
export async function changeCredential(deps: DomainDeps, who: Actor, target: CredentialTarget, input: CredentialChangeInput, keepSessionIdHash?: string): Promise<ChangeResult> {
  if (input.next !== input.nextAgain) return fail('secret_mismatch', 'nextAgain');
  if (input.next === input.current) return fail('secret_unchanged', 'next');
  const rules = CREDENTIAL_RULES[target.kind];
  // Argon2id outside any transaction: it takes tens of milliseconds and must not hold row locks.
  const newHash = await hashSecret(input.next, deps.hashCost);
  const check = await checkSecretWithLockout(deps.store, lockOf(target, who, deps.now, CHANGE_ACTION), input.current);
  if (check.kind === 'unknown') return fail(loginIdOf(target) === null ? 'contract_not_found' : 'user_not_found');
  if (check.kind === 'locked' || check.kind === 'delayed') return fail(rules.lockedCode, 'current');
  if (check.kind === 'wrong') {
    const left = triesLeft(check.record.failures, rules.maxFailures);
    // The try that reached the limit locked the secret: say so rather than "wrong".
    return left === 0 ? fail(rules.lockedCode, 'current') : { ...fail('current_secret_wrong', 'current'), triesLeft: left };
  }
  const checkedHash = check.record.hash;
  return deps.store.transaction(async (tx): Promise<ChangeResult> => {
    if (!(await storeSecret(tx, target, newHash, false, checkedHash))) return fail('current_secret_wrong', 'current');
    const sessionsEnded = rules.isPassword ? await tx.sessions.deleteForPerson(target.contractId, loginIdOf(target), keepSessionIdHash) : 0;
    await appendAudit(tx, deps.now(), {
      chain: target.contractId, ...who, action: CHANGE_ACTION, target: auditTargetOf(target), outcome: 'changed',
      detail: { secret: target.kind, sessionsEnded },
    });
    return { ok: true, sessionsEnded };
  });
}
