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
/** Software serials: `2` followed by this many random digits. */
export const SOFT_SERIAL_RANDOM_DIGITS = 13;
