// The server's time as the app sees it (SOFT-TOKEN-SPEC step 5): Date.now() plus the offset measured at the
// last successful /app/api/time, kept across launches so that an offline start still uses it.

import { serverTime } from './api.ts';

const OFFSET_KEY = 'bizotp-app-clock-offset';
/** Above this, codes from the phone's own clock would be refused: the user is told to fix the clock. */
export const WARN_OFFSET_MS = 30_000;

let offsetMs = Number(localStorage.getItem(OFFSET_KEY) ?? '0') || 0;

export function now(): number {
  return Date.now() + offsetMs;
}

export function currentOffsetMs(): number {
  return offsetMs;
}

/** Takes the midpoint of the request as the moment the server read its clock. */
export function learnOffset(serverMs: number, sentAt: number, receivedAt: number): void {
  offsetMs = Math.round(serverMs - (sentAt + receivedAt) / 2);
  localStorage.setItem(OFFSET_KEY, String(offsetMs));
}

/** True when the server answered. */
export async function syncClock(): Promise<boolean> {
  const sentAt = Date.now();
  const result = await serverTime();
  if (result.kind !== 'ok' || typeof result.body.serverTime !== 'number') return false;
  learnOffset(result.body.serverTime, sentAt, Date.now());
  return true;
}
