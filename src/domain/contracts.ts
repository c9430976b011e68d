// Contracts (ご契約先) are created by the bank; the administrator (管理者) logs in with the ご契約先ID and
// the ご契約先暗証番号. Only the bank lifts the admin's or the confirmation PIN's lock (product.md §2).

import { appendAnonymousAudit } from './anonymous-audit.ts';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { hashSecret, verifySecret } from './password-hash.ts';
import type { LoginDelayed } from './login-delay.ts';
import { loginDelayMs, MAX_LOGIN_FAILURES } from './policy.ts';
import type { ContractRecord } from './store-ports.ts';
import { type TriesLeft, triesLeft } from './tries-left.ts';

export interface NewContractInput {
  readonly id: string;
  readonly name: string;
  readonly adminPassword: string;
  readonly confirmPin: string;
}

export async function createContract(deps: DomainDeps, who: Actor, input: NewContractInput): Promise<{ ok: true } | Failure<'contract_exists'>> {
  const [adminPasswordHash, confirmPinHash] = await Promise.all([hashSecret(input.adminPassword, deps.hashCost), hashSecret(input.confirmPin, deps.hashCost)]);
  return deps.store.transaction(async (tx) => {
    if ((await tx.contracts.get(input.id)) !== undefined) return fail('contract_exists', 'contractId');
    const nowMs = deps.now();
    await tx.contracts.insert({ id: input.id, name: input.name, adminPasswordHash, confirmPinHash, createdAtMs: nowMs });
    await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'contract.create', target: input.id, outcome: 'created' });
    await appendAudit(tx, nowMs, { chain: input.id, ...who, action: 'contract.create', target: input.id, outcome: 'created' });
    return { ok: true } as const;
  });
}

// A hash of a random value, checked when the ご契約先ID is unknown so that the answer takes as long as a
// wrong password's and says the same (no enumeration of contracts).
let decoyHash: Promise<string> | undefined;

export async function adminLogin(
  deps: DomainDeps,
  who: Actor,
  contractId: string,
  password: string,
): Promise<{ ok: true; contract: ContractRecord } | (Failure<'login_failed' | 'login_locked'> & TriesLeft) | LoginDelayed> {
  const nowMs = deps.now();
  const check = await checkSecretWithLockout(
    deps.store,
    {
      peek: (tx) => tx.contracts.get(contractId),
      isLocked: (c) => c.adminLoginFailures >= MAX_LOGIN_FAILURES,
      reserve: (tx) => tx.contracts.beginAdminLoginAttempt(contractId, MAX_LOGIN_FAILURES, nowMs),
      reset: (tx) => tx.contracts.resetAdminLoginFailures(contractId),
      hashOf: (c) => c.adminPasswordHash,
      audit: (tx, outcome, c) =>
        appendAudit(tx, deps.now(), {
          chain: contractId,
          ...who,
          action: 'admin.login',
          target: contractId,
          outcome: outcome === 'correct' ? 'success' : outcome === 'locked' ? 'login_locked' : outcome === 'delayed' ? 'login_delayed' : 'login_failed',
          detail: { adminLoginFailures: c?.adminLoginFailures ?? MAX_LOGIN_FAILURES },
        }).then(() => undefined),
      delay: {
        nowMs,
        notBeforeOf: (c) => c.adminLoginNotBeforeMs,
        delayMsAfter: (c) => loginDelayMs(c.adminLoginFailures),
        postpone: (tx, untilMs) => tx.contracts.delayAdminLogin(contractId, untilMs),
      },
    },
    password,
  );
  if (check.kind === 'unknown') {
    decoyHash ??= hashSecret(`decoy-${contractId}`, deps.hashCost);
    await verifySecret(password, await decoyHash);
    // ASVS 4.0.3 7.2.1: failed logins are logged, also for a ご契約先ID that does not exist (on the bank's
    // chain), once per source and window (anonymous-audit.ts).
    await deps.store.transaction((tx) =>
      appendAnonymousAudit(tx, deps.now(), { chain: BANK_CHAIN, ...who, action: 'admin.login', target: contractId, outcome: 'login_failed', detail: { cause: 'unknown_contract' } }),
    );
    return fail('login_failed');
  }
  if (check.kind === 'correct') return { ok: true, contract: check.record };
  if (check.kind === 'locked') return fail('login_locked');
  if (check.kind === 'delayed') return { ...fail('login_delayed'), retryAfterSeconds: check.retryAfterSeconds };
  return { ...fail('login_failed'), triesLeft: triesLeft(check.record.adminLoginFailures, MAX_LOGIN_FAILURES) };
}

export type BankUnlockTarget = { readonly kind: 'confirm_pin' } | { readonly kind: 'admin_login' };

/** The bank's `bizotp unlock`: lifts the contract PIN's or the admin login's lock. */
export async function bankUnlockContract(deps: DomainDeps, who: Actor, contractId: string, target: BankUnlockTarget): Promise<{ ok: true } | Failure<'contract_not_found'>> {
  return deps.store.transaction(async (tx) => {
    if ((await tx.contracts.get(contractId)) === undefined) return fail('contract_not_found', 'contractId');
    if (target.kind === 'confirm_pin') await tx.contracts.resetConfirmPinFailures(contractId);
    else await tx.contracts.resetAdminLoginFailures(contractId);
    const nowMs = deps.now();
    for (const chain of [BANK_CHAIN, contractId]) {
      await appendAudit(tx, nowMs, { chain, ...who, action: `unlock.${target.kind}`, target: contractId, outcome: 'unlocked' });
    }
    return { ok: true } as const;
  });
}
