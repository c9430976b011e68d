// Staff accounts (職員): created, listed, disabled and unlocked by the bank's system administrator through
// the CLI. Every change is audited on the bank's chain (BANK_CHAIN) in the transaction that makes it.

import { randomInt } from 'node:crypto';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { hashSecret } from './password-hash.ts';
import { staffDetail, type StaffActor } from './staff-actor.ts';
import type { StaffRecord, StaffRole } from './staff-store-ports.ts';

/** NIST 800-63B §5.2.2: 5 consecutive wrong passwords or codes lock a staff login until it is unlocked. */
export const MAX_STAFF_FAILURES = 5;

export interface NewStaffInput {
  /** 職員ID; when absent one is made (`S` and six digits). */
  readonly id?: string;
  readonly name: string;
  readonly role: StaffRole;
  /** The initial password, already parsed (staff-inputs.ts). */
  readonly password: string;
}

export function staffIsLocked(staff: StaffRecord): boolean {
  return staff.failures >= MAX_STAFF_FAILURES;
}

export async function createStaff(deps: DomainDeps, who: Actor, input: NewStaffInput, random: (max: number) => number = randomInt): Promise<{ ok: true; id: string } | Failure<'staff_exists'>> {
  const passwordHash = await hashSecret(input.password, deps.hashCost);
  const id = input.id ?? `S${String(random(1_000_000)).padStart(6, '0')}`;
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.now();
    if (!(await tx.staff.insert({ id, name: input.name, role: input.role, passwordHash, createdAtMs: nowMs }))) return fail('staff_exists', 'id');
    await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'staff.create', target: id, outcome: 'created', detail: { role: input.role } });
    return { ok: true, id } as const;
  });
}

export function listStaff(deps: DomainDeps): Promise<StaffRecord[]> {
  return deps.store.transaction((tx) => tx.staff.list());
}

/** 利用停止: the staff member can no longer log in, and every session of theirs ends now. */
export async function disableStaff(deps: DomainDeps, who: StaffActor, id: string): Promise<{ ok: true } | Failure<'staff_not_found'>> {
  return deps.store.transaction(async (tx) => {
    if (!(await tx.staff.disable(id))) return fail('staff_not_found', 'id');
    const ended = await tx.staffSessions.deleteForStaff(id);
    await appendAudit(tx, deps.now(), { chain: BANK_CHAIN, ...who, action: 'staff.disable', target: id, outcome: 'disabled', detail: { ...staffDetail(who), sessionsEnded: ended } });
    return { ok: true } as const;
  });
}

/** Lifts the lock of too many wrong passwords or codes. */
export async function unlockStaff(deps: DomainDeps, who: StaffActor, id: string): Promise<{ ok: true } | Failure<'staff_not_found' | 'not_locked'>> {
  return deps.store.transaction(async (tx) => {
    const staff = await tx.staff.get(id);
    if (staff === undefined) return fail('staff_not_found', 'id');
    if (!staffIsLocked(staff)) return fail('not_locked', 'id');
    await tx.staff.resetFailures(id);
    await appendAudit(tx, deps.now(), { chain: BANK_CHAIN, ...who, action: 'staff.unlock', target: id, outcome: 'unlocked', detail: staffDetail(who) });
    return { ok: true } as const;
  });
}
