// The staff console's login (職員ID, パスワード, then ワンタイムパスワード) and first-login enrolment of the
// TOTP secret. Wrong passwords and wrong codes share one counter: 5 in a row lock the login (NIST 800-63B
// §5.2.2); the attempt is reserved first (lockout.ts), so parallel guesses are evaluated at most 5 times.
// A code is accepted once: the step is consumed by a conditional UPDATE (RFC 6238 §5.2). Every attempt is
// audited on the bank's chain.

import { appendAnonymousAudit } from './anonymous-audit.ts';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { checkSecretWithLockout } from './lockout.ts';
import { MAX_STAFF_FAILURES, staffIsLocked } from './staff-accounts.ts';
import type { StaffRecord, StaffSessionRecord } from './staff-store-ports.ts';
import { checkStaffCode, pendingSecretName, staffSecretName } from './staff-totp.ts';
import type { StoreTx } from './store-ports.ts';

type Audit = (tx: StoreTx, outcome: string, detail?: Record<string, string | number>) => Promise<unknown>;

function auditor(deps: DomainDeps, staffId: string, ip: string, action: string): Audit {
  return (tx, outcome, detail) => appendAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: `staff:${staffId}`, ip, action, target: staffId, outcome, ...(detail === undefined ? {} : { detail }) });
}

/** Step one: the password. A disabled or unknown staff member is told the same as a wrong password. */
export async function checkStaffPassword(deps: DomainDeps, ip: string, staffId: string, password: string): Promise<{ ok: true; staff: StaffRecord } | Failure<'staff_login_failed' | 'staff_locked'>> {
  const audit = auditor(deps, staffId, ip, 'staff.login');
  const checked = await checkSecretWithLockout<StaffRecord>(
    deps.store,
    {
      peek: (tx) => tx.staff.get(staffId),
      isLocked: staffIsLocked,
      reserve: (tx) => tx.staff.beginAttempt(staffId, MAX_STAFF_FAILURES),
      reset: async () => {}, // the count is reset only once the code is right too
      hashOf: (s) => s.passwordHash,
      audit: async (tx, outcome, s) => {
        await audit(tx, outcome === 'correct' ? 'password_ok' : outcome === 'locked' ? 'staff_locked' : 'staff_login_failed', s === undefined ? undefined : { failures: s.failures });
      },
    },
    password,
  );
  if (checked.kind === 'unknown') {
    // Nobody to hold to it: once per source and window (anonymous-audit.ts).
    await deps.store.transaction((tx) =>
      appendAnonymousAudit(tx, deps.now(), { chain: BANK_CHAIN, actor: `staff:${staffId}`, ip, action: 'staff.login', target: staffId, outcome: 'staff_login_failed', detail: { cause: 'unknown' } }),
    );
    return fail('staff_login_failed');
  }
  if (checked.kind === 'locked' || checked.kind === 'delayed') return fail('staff_locked');
  if (checked.kind === 'wrong' || checked.record.disabled) return fail('staff_login_failed');
  return { ok: true, staff: checked.record };
}

type CodeFailure = Failure<'staff_otp_invalid' | 'staff_otp_replayed' | 'staff_locked' | 'staff_login_failed'>;

/**
 * Reserves an attempt, checks `code` against the secret `secretOf` gives, and on success runs `accept`
 * (which consumes the step) and clears the count; all in one transaction with its audit entry.
 */
async function checkCode(
  deps: DomainDeps,
  ip: string,
  staffId: string,
  action: string,
  code: string,
  secretOf: (staff: StaffRecord) => { name: string; sealed: NonNullable<StaffRecord['totp']>; lastStep: bigint | null } | undefined,
  accept: (tx: StoreTx, step: bigint) => Promise<boolean>,
): Promise<{ ok: true } | CodeFailure> {
  const audit = auditor(deps, staffId, ip, action);
  return deps.store.transaction(async (tx): Promise<{ ok: true } | CodeFailure> => {
    const staff = await tx.staff.beginAttempt(staffId, MAX_STAFF_FAILURES);
    if (staff === undefined) {
      await audit(tx, 'staff_locked');
      return fail('staff_locked');
    }
    const secret = secretOf(staff);
    if (secret === undefined) {
      await audit(tx, 'staff_login_failed', { cause: 'no_secret' });
      return fail('staff_login_failed');
    }
    const result = checkStaffCode(deps.keyring, secret.name, secret.sealed, code, deps.now(), secret.lastStep);
    if (result.kind === 'rejected') {
      const codeFailure = result.reason === 'replayed' ? 'staff_otp_replayed' : 'staff_otp_invalid';
      await audit(tx, codeFailure, { failures: staff.failures });
      return fail(codeFailure, 'otp');
    }
    if (!(await accept(tx, result.counter))) {
      await audit(tx, 'staff_otp_replayed', { failures: staff.failures });
      return fail('staff_otp_replayed', 'otp');
    }
    await tx.staff.resetFailures(staffId);
    await audit(tx, 'success');
    return { ok: true };
  });
}

/** Step two at every login after enrolment: the current code of the enrolled secret. */
export function checkStaffOtp(deps: DomainDeps, ip: string, staffId: string, code: string): Promise<{ ok: true } | CodeFailure> {
  return checkCode(
    deps,
    ip,
    staffId,
    'staff.login',
    code,
    (s) => (s.totp === null || s.disabled ? undefined : { name: staffSecretName(s.id), sealed: s.totp, lastStep: s.totpLastStep }),
    (tx, step) => tx.staff.consumeStep(staffId, step),
  );
}

/**
 * A fresh code at a decision (承認/否認): a stolen session alone cannot approve. The same counter, replay
 * guard and lock as the login.
 */
export function checkStaffStepUp(deps: DomainDeps, ip: string, staffId: string, code: string): Promise<{ ok: true } | CodeFailure> {
  return checkCode(
    deps,
    ip,
    staffId,
    'staff.step_up',
    code,
    (s) => (s.totp === null || s.disabled ? undefined : { name: staffSecretName(s.id), sealed: s.totp, lastStep: s.totpLastStep }),
    (tx, step) => tx.staff.consumeStep(staffId, step),
  );
}

/**
 * First login: the code of the secret pending in this enrolment session. Only then is the secret sealed
 * for the staff member (AAD bound to the staff id) and active; its step is consumed with it.
 */
export function confirmStaffEnrolment(deps: DomainDeps, ip: string, session: StaffSessionRecord, code: string): Promise<{ ok: true } | CodeFailure> {
  const pending = session.pending;
  return checkCode(
    deps,
    ip,
    session.staffId,
    'staff.enrol',
    code,
    (s) => (pending === null || !s.mustEnrol || s.disabled ? undefined : { name: pendingSecretName(session.idHash), sealed: pending, lastStep: null }),
    async (tx, step) => {
      if (pending === null) return false;
      const secret = deps.keyring.open(pendingSecretName(session.idHash), pending);
      return tx.staff.enrol(session.staffId, deps.keyring.seal(staffSecretName(session.staffId), secret), step);
    },
  );
}
