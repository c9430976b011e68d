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
