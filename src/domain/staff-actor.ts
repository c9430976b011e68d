// A bank staff member's action (職員): who did it, why and from where. The console and the CLI's
// `--operator NAME --reason TEXT` both make one, and every staff action's audit entry carries both (issue:
// "every staff action is audited with the staff member's ID and a 理由").

import type { Actor } from './deps.ts';

export interface StaffActor extends Actor {
  /** `staff:<職員ID>` in the console; `staff:<NAME>` for the CLI's --operator. */
  readonly actor: string;
  /** 理由: required, free text, never a secret. */
  readonly reason: string;
}

/** The longest 理由 kept; longer text is refused at the edge rather than cut. */
export const MAX_REASON_LENGTH = 200;

export function staffActor(staffId: string, reason: string, ip: string): StaffActor {
  return { actor: `staff:${staffId}`, reason, ip };
}

/** The audit detail every staff action adds to its own. */
export function staffDetail(who: StaffActor): { readonly reason: string } {
  return { reason: who.reason };
}
