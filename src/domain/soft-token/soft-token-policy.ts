// Named limits of software tokens, each tested at its edges.

/** A pending app token whose first code did not arrive within this time is refused, then purged. */
export const PENDING_SOFT_TOKEN_TTL_MS = 10 * 60 * 1000;
/** An active app token that no administrator registered within this time is purged. */
export const UNREGISTERED_SOFT_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/** Activations allowed per source address (IPv6: its /64) per window… */
export const ACTIVATIONS_PER_SOURCE = 10;
/** …of an hour. */
export const ACTIVATION_WINDOW_MS = 60 * 60 * 1000;
/** Confirmations and 利用解除 (each a code attempt) allowed per source address per minute. */
export const APP_CODE_POSTS_PER_SOURCE = 30;
export const APP_CODE_WINDOW_MS = 60 * 1000;
/**
 * 利用解除 posts allowed per serial, from all sources and instances together, per hour and per day (UTC).
 * Each post is counted before its code is evaluated, right or wrong (so parallel posts cannot evaluate more),
 * and once a serial's budget is spent even the right code is refused with 429: letting it through would leak
 * (wrong: 429, right: revoked) and make guessing unlimited. A wrong code here never counts toward the
 * token's lock (deactivate-soft-token.ts). Bound: a 6-digit code matches at most 3 of 10^6 values (±1 step),
 * so at most 10 guesses a day give ≤ 3×10^-5 a day, ≤ 1.1 % a year of sustained guessing, and a success only
 * revokes the token (no money moves); every post is audited (soft_token.deactivate).
 */
export const DEACTIVATIONS_PER_SERIAL_PER_HOUR = 5;
export const DEACTIVATIONS_PER_SERIAL_PER_DAY = 10;
/** Software serials: `2` followed by this many random digits. */
export const SOFT_SERIAL_RANDOM_DIGITS = 13;
