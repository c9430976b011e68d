// What every session of every audience (管理者, 利用者, 職員) is made of: a random id that lives only in the
// cookie, its SHA-256 (all the database holds, so a copy of a sessions table cannot be replayed as cookies;
// ASVS 5.0 7.2.3/7.2.4), and a CSRF token compared in constant time (ASVS 4.0.3 4.2.2).

import { createHash, timingSafeEqual } from 'node:crypto';

export type RandomBytes = (size: number) => Buffer;

/** ASVS 5.0 7.2.3: at least 128 bits of randomness; we take 256. */
const SESSION_ID_BYTES = 32;
const CSRF_TOKEN_BYTES = 32;

export function newSessionId(random: RandomBytes): string {
  return random(SESSION_ID_BYTES).toString('base64url');
}

export function newCsrfToken(random: RandomBytes): string {
  return random(CSRF_TOKEN_BYTES).toString('base64url');
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

/** Constant-time comparison of a submitted CSRF token with the session's (ASVS 4.0.3 4.2.2). */
export function csrfTokenMatches(expected: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(submitted, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
