// Maps a tokens row to a TokenRecord and a NewToken to its column values. OtpParams is stored as columns
// (otp_type, algorithm, digits, step_seconds NULL for HOTP) so the schema's CHECKs can guard each one.
import type { NewToken, OtpParams, TokenRecord } from '../../domain/token.ts';
import { OTP_ALGORITHMS, TOKEN_KINDS, TOKEN_MODELS, TOKEN_STATUSES } from '../../domain/token.ts';
import { big, bigOrNull, bool, bytes, flag, int, intOrNull, oneOf, text, textOrNull } from './row.ts';
import type { SqlRow, SqlValue } from './sql-executor.ts';

/** The columns insertBatch writes, in the order of `tokenValues`. */
export const TOKEN_INSERT_COLUMNS = [
  'serial', 'kind', 'model', 'otp_type', 'algorithm', 'digits', 'step_seconds', 'sealed_key_id', 'sealed_blob',
  'status', 'contract_id', 'counter', 'expires_at_ms', 'demo',
] as const;

export function tokenValues(token: NewToken): SqlValue[] {
  const p = token.params;
  return [
    token.serial, token.kind, token.model, p.type, p.algorithm, p.digits, p.type === 'totp' ? p.stepSeconds : null,
    token.sealed.keyId, token.sealed.blob, token.status, token.contractId, token.counter, token.expiresAtMs,
    flag(token.demo),
  ];
}

function paramsFromRow(row: SqlRow): OtpParams {
  const type = oneOf(row, 'otp_type', ['totp', 'hotp'] as const);
  const algorithm = oneOf(row, 'algorithm', OTP_ALGORITHMS);
  const digits = int(row, 'digits');
  if (digits !== 6 && digits !== 7 && digits !== 8) throw new TypeError(`column digits: ${digits} is not 6, 7 or 8`);
  if (type === 'hotp') return { type, algorithm, digits };
  const stepSeconds = int(row, 'step_seconds');
  if (stepSeconds !== 30 && stepSeconds !== 60) throw new TypeError(`column step_seconds: ${stepSeconds} is not 30 or 60`);
  return { type, algorithm, digits, stepSeconds };
}

export function tokenFromRow(row: SqlRow): TokenRecord {
  return {
    serial: text(row, 'serial'),
    kind: oneOf(row, 'kind', TOKEN_KINDS),
    model: oneOf(row, 'model', TOKEN_MODELS),
    params: paramsFromRow(row),
    sealed: { keyId: text(row, 'sealed_key_id'), blob: bytes(row, 'sealed_blob') },
    status: oneOf(row, 'status', TOKEN_STATUSES),
    contractId: textOrNull(row, 'contract_id'),
    drift: int(row, 'drift'),
    lastCounter: bigOrNull(row, 'last_counter'),
    counter: big(row, 'counter'),
    consecutiveFailures: int(row, 'consecutive_failures'),
    expiresAtMs: intOrNull(row, 'expires_at_ms'),
    demo: bool(row, 'demo'),
  };
}
