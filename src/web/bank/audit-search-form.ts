// 監査ログ検索's query string (GET, so a search is a link that can be kept, paged and exported) parsed from
// `unknown` into the domain's AuditQuery; dates are days in Japan time (期間 from the start of `from` to the
// end of `to`).

import type { AuditQuery } from '../../domain/lifecycle/index.ts';
import { fail, type Failure } from '../../domain/error-codes.ts';
import { parseContractId, parseLoginId, parseSerial, type Parsed } from '../../domain/inputs.ts';
import { parseStaffId } from '../../domain/staff-inputs.ts';
import { field, FormReader, type FieldErrors } from '../form.ts';

export const AUDIT_FIELDS = ['contractId', 'loginId', 'serial', 'staff', 'action', 'outcome', 'from', 'to'] as const;
export type AuditFields = Readonly<Record<(typeof AUDIT_FIELDS)[number], string>>;

const DAY_MS = 86_400_000;
const JST_OFFSET_MS = 9 * 3_600_000;

/** 2026-11-30 → the instant that day begins in Japan. */
export function jstDayStartMs(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = Date.UTC(y, mo - 1, d);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return utc - JST_OFFSET_MS;
}

function code(raw: string, name: string): Parsed | Failure<'bad_format'> {
  return /^[a-z_.]{1,64}$/.test(raw) ? { ok: true, value: raw } : fail('bad_format', name);
}

export function auditFieldsOf(query: unknown): AuditFields {
  return Object.fromEntries(AUDIT_FIELDS.map((name) => [name, (field(query, name) ?? '').trim().slice(0, 64)])) as AuditFields;
}

/** The filters (without limit/offset), or the errors to show next to the fields. */
export function readAuditSearch(v: AuditFields): { ok: true; query: Omit<AuditQuery, 'limit' | 'offset'> } | { ok: false; errors: FieldErrors } {
  const form = new FormReader();
  const optional = (name: keyof AuditFields, parse: (raw: string) => Parsed | Failure): string | undefined => {
    if (v[name] === '') return undefined;
    const parsed = parse(v[name]);
    if (!parsed.ok) {
      form.add(parsed, name);
      return undefined;
    }
    return 'value' in parsed ? parsed.value : undefined;
  };
  const date = (name: 'from' | 'to'): number | undefined => {
    if (v[name] === '') return undefined;
    const ms = jstDayStartMs(v[name]);
    if (ms === undefined) form.add(fail('date_invalid', name));
    return ms;
  };
  const query = {
    contractId: optional('contractId', (r) => parseContractId(r)),
    loginId: optional('loginId', (r) => parseLoginId(r)),
    serial: optional('serial', (r) => parseSerial(r)),
    staff: optional('staff', (r) => parseStaffId(r, 'staff')),
    action: optional('action', (r) => code(r, 'action')),
    outcome: optional('outcome', (r) => code(r, 'outcome')),
    sinceMs: date('from'),
    untilMs: ((to) => (to === undefined ? undefined : to + DAY_MS))(date('to')),
  };
  if (!form.ok) return { ok: false, errors: form.errors };
  return { ok: true, query: Object.fromEntries(Object.entries(query).filter(([, x]) => x !== undefined)) };
}
