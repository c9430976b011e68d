// One catalog of the outcomes a person or a bank system can be told about. Messages (Japanese) and HTTP
// statuses are maps over it, checked by the compiler (src/messages.ja.ts).

export const ERROR_CODES = [
  // input form
  'required',
  'not_half_width',
  'bad_format',
  'too_long',
  'too_short',
  // contract PIN / passwords
  'pin_wrong',
  'pin_locked',
  'login_failed',
  'login_locked',
  // tokens and OTPs
  'token_or_otp_invalid',
  'otp_replayed',
  'token_locked',
  'not_registered',
  'no_user_selected',
  'user_not_found',
  'user_exists',
  'user_limit',
  'contract_not_found',
  'contract_exists',
  'token_not_found',
  'token_state',
  // web screens
  'no_form_selected',
  'user_not_selected',
  'not_locked',
  'session_expired',
  'csrf_invalid',
  'too_many_requests',
  'page_not_found',
  'bad_request',
  'server_error',
  'user_has_no_token',
  // the users' side and the bank systems' API (issue 4)
  'user_login_failed',
  'user_login_locked',
  'not_permitted',
  'otp_invalid',
  'user_pin_wrong',
  'user_pin_locked',
  'payee_name_full_width',
  'payee_name_small_kana',
  'payee_name_chars',
  'amount_invalid',
  'over_payment_limit',
  'over_daily_limit',
  'insufficient_funds',
  'transfer_date_out_of_range',
  'account_not_found',
  'payment_not_found',
  'payment_expired',
  'payment_refused',
  'api_key_invalid',
  'api_key_exists',
  'api_key_not_found',
  // the bank's token lifecycle (issue, revoke, resync)
  'token_not_in_stock',
  'token_final',
  'resync_refused',
  'too_many_tokens',
  // the bank staff console (職員)
  'staff_login_failed',
  'staff_locked',
  'staff_otp_invalid',
  'staff_otp_replayed',
  'staff_exists',
  'staff_not_found',
  'staff_forbidden',
  'approval_not_found',
  'approval_self',
  'approval_expired',
  'approval_decided',
  'lock_target_required',
  // changing and resetting 暗証番号 (credential-change.ts, reset-credential.ts)
  'secret_mismatch',
  'secret_unchanged',
  'current_secret_wrong',
  'pin_must_change',
  // 予約 (future-dated transfers)
  'transfer_date_passed',
  'reservation_not_found',
  'reservation_not_cancellable',
  // the console's searches (監査ログ 期間)
  'date_invalid',
  // シードファイル取込 (the console's seed-file upload)
  'seed_file_required',
  'seed_file_too_large',
  'seed_key_invalid',
  'seed_upload_expired',
  'seed_model_required',
  'login_delayed',
  'idempotency_key_reused',
  // the software token app (/app/api)
  'invalid_public_key',
  'activation_expired',
  'app_rate_limited',
  // 取引認証 (signing a transfer with the bizotp app)
  'signature_invalid',
  'signature_replayed',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An expected failure: a value, never an exception (style.md habit 4). */
export interface Failure<C extends ErrorCode = ErrorCode> {
  readonly ok: false;
  readonly code: C;
  /** The input field the failure belongs to, for showing it next to that field. */
  readonly field?: string;
}

export type Result<T, C extends ErrorCode = ErrorCode> = ({ readonly ok: true } & T) | Failure<C>;

export function fail<C extends ErrorCode>(code: C, field?: string): Failure<C> {
  return field === undefined ? { ok: false, code } : { ok: false, code, field };
}
