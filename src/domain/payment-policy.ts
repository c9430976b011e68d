// Named limits of the users' side (product.md §5, security.md "Web"), each tested at its edges.

/** PSD2 RTS Art. 4(3)(d), security.md: a user's session unused this long ends (payment steps: 5 minutes). */
export const USER_IDLE_TIMEOUT_MS = 5 * 60 * 1000;
/** However active, a user's session ends after this long and the user logs in again. */
export const USER_SESSION_MAX_MS = 60 * 60 * 1000;
/** A confirm screen's draft can be authorised for this long; after it the payment is entered again. */
export const PAYMENT_DRAFT_TTL_MS = 5 * 60 * 1000;
/** NIST 800-63B §5.2.2: 5 consecutive wrong 利用者確認暗証番号 stop the user's payments until the admin lifts it. */
export const MAX_USER_CONFIRM_PIN_FAILURES = 5;
/** 振込指定日: today (Japan time) up to this many days ahead. */
export const TRANSFER_DATE_MAX_DAYS_AHEAD = 30;
/** Amounts are whole yen, up to 12 digits (under ¥1兆), so they stay exact in a JavaScript number too. */
export const MAX_AMOUNT_DIGITS = 12;
/** The limits of a contract the bank has set none for: a cautious default rather than no limit at all. */
export const DEFAULT_PER_PAYMENT_LIMIT_YEN = 1_000_000n;
export const DEFAULT_DAILY_LIMIT_YEN = 3_000_000n;
