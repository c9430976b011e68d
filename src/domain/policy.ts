// Named limits of the rules in product.md §4, each tested at its edges.

/** RFC 6238 §5.2: a payment accepts the expected step and one step either side. */
export const PAYMENT_WINDOW_STEPS = 1;
/** A token kept in a drawer drifts: registration accepts ±10 steps and stores the drift it found. */
export const REGISTRATION_WINDOW_STEPS = 10;
/** RFC 4226 §7.4 look-ahead for event tokens: the next 10 counters for payments… */
export const PAYMENT_LOOKAHEAD_COUNTERS = 10;
/** …and the next 100 at registration. */
export const REGISTRATION_LOOKAHEAD_COUNTERS = 100;
/** RFC 4226 §7.3, PSD2 RTS Art. 4(3)(b): at most 5 consecutive wrong OTPs, then the token is locked. */
export const MAX_CONSECUTIVE_OTP_FAILURES = 5;
/** NIST 800-63B §5.2.2: 5 consecutive wrong ご契約先確認暗証番号 lock it; only the bank unlocks. */
export const MAX_CONFIRM_PIN_FAILURES = 5;
/** 5 consecutive wrong passwords lock a login (admin: only the bank; user: the admin). */
export const MAX_LOGIN_FAILURES = 5;
/** product.md §2: up to 99 users per contract. */
export const MAX_USERS_PER_CONTRACT = 99;
/** A token this close to its expiry (expiresAtMs) is flagged 「有効期限が近づいています」 on the admin's screens. */
export const TOKEN_EXPIRY_WARNING_DAYS = 60;
/** Login attempts allowed from one source address (IPv6: its /64) per window, for each login screen… */
export const LOGIN_ATTEMPTS_PER_SOURCE = 10;
/** …and on one account (a contract's admin, a user, a staff member) from anywhere… */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = 10;
/** …in fixed windows of this many milliseconds, counted in the database by every instance alike. */
export const LOGIN_RATE_WINDOW_MS = 60 * 1000;
/**
 * POST /api/v1/otp/verify: requests per source address and per API key (unless the key says less)… The verify
 * API is the bank systems' hot path, called from a few servers for every customer: 1,000 a second per server
 * and key, so the limit stops a runaway client, never a bank's normal peak (`apikeys create --rate` lowers it).
 */
export const API_REQUESTS_PER_SOURCE = 60_000;
export const API_REQUESTS_PER_KEY = 60_000;
/** …per window of this many milliseconds. */
export const API_RATE_WINDOW_MS = 60 * 1000;
/** Failures nobody can be held to (unknown ids and keys) get one audit entry per source and window. */
export const ANONYMOUS_AUDIT_WINDOW_MS = 10 * 60 * 1000;
/**
 * Buckets whose window began longer ago than this are deleted: longer than every throttle's window, the
 * longest being a day (利用解除 per serial, soft-token-policy.ts), or a pruned bucket would start over.
 */
export const THROTTLE_BUCKET_RETENTION_MS = 25 * 60 * 60 * 1000;
/**
 * The progressive delay before a login's lock (Keycloak's wait increment; RTS Art. 4(3)(b) keeps the lock at
 * 5): from the 2nd consecutive failure on, the account refuses attempts for 1, 2, 4 … seconds, so a burst of
 * POSTs cannot reach the lock in a second; each wait is ended by time alone, the lock only by the bank/admin.
 */
export const LOGIN_DELAY_FROM_FAILURE = 2;
export const LOGIN_DELAY_BASE_MS = 1000;

/** The wait after `failures` consecutive failures of a login (0 when none applies). */
export function loginDelayMs(failures: number): number {
  if (failures < LOGIN_DELAY_FROM_FAILURE || failures >= MAX_LOGIN_FAILURES) return 0;
  return LOGIN_DELAY_BASE_MS * 2 ** (failures - LOGIN_DELAY_FROM_FAILURE);
}
/** An API key's last-used time is written at most this often (not a durable write per request). */
export const API_KEY_TOUCH_EVERY_MS = 60 * 1000;
/** Idempotency-Key answers are kept this long (Stripe, the IETF draft: 24 hours). */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * A session's last-seen time is written at most this often: a page view then costs no durable write (an fsync
 * on SQLite, a WAL flush on PostgreSQL) unless the stored time is this old. The idle timeout counts from the
 * stored time, so a session can end up to this much sooner than the timeout, never later.
 */
export const SESSION_TOUCH_INTERVAL_MS = 30_000;
