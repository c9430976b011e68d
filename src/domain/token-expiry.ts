// How close a token is to the end of its life (hardware tokens last about five years): the administrator's
// screens flag a token within TOKEN_EXPIRY_WARNING_DAYS of its expiry, so that a replacement can be
// registered in time, and say plainly when it has expired.

import { TOKEN_EXPIRY_WARNING_DAYS } from './policy.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export type TokenExpiry =
  | { readonly kind: 'valid' }
  | { readonly kind: 'expiring'; readonly expiresAtMs: number }
  | { readonly kind: 'expired'; readonly expiresAtMs: number };

/** Expired from the instant of expiresAtMs; expiring from TOKEN_EXPIRY_WARNING_DAYS before it; null = no expiry. */
export function tokenExpiry(expiresAtMs: number | null, nowMs: number): TokenExpiry {
  if (expiresAtMs === null) return { kind: 'valid' };
  if (nowMs >= expiresAtMs) return { kind: 'expired', expiresAtMs };
  if (expiresAtMs - nowMs <= TOKEN_EXPIRY_WARNING_DAYS * DAY_MS) return { kind: 'expiring', expiresAtMs };
  return { kind: 'valid' };
}

/** The date in Japan as the screens write it: 2027年3月9日. */
export function japaneseDate(ms: number): string {
  const d = new Date(ms + JST_OFFSET_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
