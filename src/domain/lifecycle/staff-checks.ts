// Every staff action needs a 理由 (required text, at most MAX_REASON_LENGTH), checked before anything is read.

import { fail, type Failure } from '../error-codes.ts';
import { MAX_REASON_LENGTH, type StaffActor } from '../staff-actor.ts';

export function checkStaff(who: StaffActor): Failure<'required' | 'too_long'> | undefined {
  if (who.reason.trim() === '') return fail('required', 'reason');
  if ([...who.reason].length > MAX_REASON_LENGTH) return fail('too_long', 'reason');
  if (who.actor === 'staff:' || !who.actor.startsWith('staff:')) return fail('required', 'operator');
  return undefined;
}

