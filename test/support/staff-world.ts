// Staff members for tests: created through the domain, enrolled through a real enrolment session, with a
// way to compute their current TOTP code at the world's pinned time.

import type { DomainDeps } from '../../src/domain/deps.ts';
import { createStaff } from '../../src/domain/staff-accounts.ts';
import { confirmStaffEnrolment } from '../../src/domain/staff-login.ts';
import { startStaffSession } from '../../src/domain/staff-sessions.ts';
import type { StaffRole } from '../../src/domain/staff-store-ports.ts';
import { pendingSecretName, STAFF_TOTP } from '../../src/domain/staff-totp.ts';
import { hmacKey } from '../../src/otp/hmac-key.ts';
import { totp } from '../../src/otp/totp.ts';

export const STAFF_PASSWORD = 'shokuin-pass-01';
const SETUP = { actor: 'bank:test', ip: 'test' } as const;

export interface StaffHandle {
  readonly id: string;
  /** The code of the staff member's authenticator `steps` steps from now. */
  code(steps?: number): string;
}

/** The code of a raw TOTP secret at `atMs`. */
export function staffCodeAt(secret: Uint8Array, atMs: number): string {
  return totp(hmacKey(secret), atMs, STAFF_TOTP);
}

/** Creates a staff member (must enrol). */
export async function newStaff(deps: DomainDeps, id: string, role: StaffRole): Promise<void> {
  const created = await createStaff(deps, SETUP, { id, name: `職員${id}`, role, password: STAFF_PASSWORD });
  if (!created.ok) throw new Error(created.code);
}

/** Creates and enrols a staff member; the enrolment consumes the current step, so use `code(1)` next. */
export async function enrolledStaff(deps: DomainDeps, id: string, role: StaffRole): Promise<StaffHandle> {
  await newStaff(deps, id, role);
  const session = await startStaffSession(deps, id, 'enrol', undefined);
  const pending = session.record.pending;
  if (pending === null) throw new Error('no pending secret');
  const secret = deps.keyring.open(pendingSecretName(session.record.idHash), pending);
  const confirmed = await confirmStaffEnrolment(deps, 'test', session.record, staffCodeAt(secret, deps.now()));
  if (!confirmed.ok) throw new Error(confirmed.code);
  return { id, code: (steps = 0) => staffCodeAt(secret, deps.now() + steps * STAFF_TOTP.stepSeconds * 1000) };
}
