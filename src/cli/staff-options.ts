// `--operator NAME --reason TEXT`: who on the bank's staff runs a command and why; both go into the audit
// entry of the action (staff-actor.ts). A reason is required text, never a secret.

import { MAX_REASON_LENGTH, type StaffActor, staffActor } from '../domain/staff-actor.ts';
import { type Parsed, requireOption, UsageError } from './args.ts';

const OPERATOR_FORMAT = /^[A-Za-z0-9._@-]{1,64}$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

export const STAFF_OPTIONS = { operator: { type: 'string' }, reason: { type: 'string' } } as const;

export function staffOf(parsed: Parsed): StaffActor {
  const operator = requireOption(parsed, 'operator');
  if (!OPERATOR_FORMAT.test(operator)) throw new UsageError('--operator: 職員名は半角英数字と「._@-」の64文字以内で指定してください。');
  const reason = requireOption(parsed, 'reason').trim();
  if (reason === '' || CONTROL.test(reason)) throw new UsageError('--reason: 理由を入力してください（改行などの制御文字は使用できません）。');
  if ([...reason].length > MAX_REASON_LENGTH) throw new UsageError(`--reason: 理由は${MAX_REASON_LENGTH}文字以内で入力してください。`);
  return staffActor(operator, reason, 'cli');
}
