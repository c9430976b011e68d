// --operator NAME --reason TEXT: every staff action from the CLI names who did it and why; both are required
// (exit 2 without them) and go into the action's audit entry (staff-actor.ts).

import { parseName } from '../domain/inputs.ts';
import { MAX_REASON_LENGTH, staffActor, type StaffActor } from '../domain/staff-actor.ts';
import { requireOption, UsageError, type Options, type Parsed } from './args.ts';

export const STAFF_OPTIONS: Options = { operator: { type: 'string' }, reason: { type: 'string' } };

export const STAFF_HELP = `  --operator 操作者名 と --reason 理由 は必須です（監査ログに記録されます）。`;

export function staffFromArgs(parsed: Parsed): StaffActor {
  const operator = parseName(requireOption(parsed, 'operator'), 'operator');
  if (!operator.ok || /\s/.test(operator.value)) throw new UsageError('--operator: 空白を含まない30文字以内の名前を指定してください。');
  const reason = requireOption(parsed, 'reason').trim();
  if (reason === '') throw new UsageError('--reason を指定してください。');
  if ([...reason].length > MAX_REASON_LENGTH) throw new UsageError(`--reason は${MAX_REASON_LENGTH}文字以内です。`);
  if (/[\u0000-\u001f\u007f]/.test(reason)) throw new UsageError('--reason に制御文字は使用できません。');
  return staffActor(operator.value, reason, 'cli');
}
