// The login throttle in front of the domain's per-account lockout, counted in the database so that it holds
// across server instances: per source address (IPv6 by /64, see domain/source-key.ts), which slows one
// address guessing across many accounts, and per account, which slows many addresses guessing one. Each
// login screen counts in buckets of its own. The interface is one call, so every login asks it the same way.
import type { Store } from '../domain/store-ports.ts';
import { LOGIN_ATTEMPTS_PER_ACCOUNT, LOGIN_ATTEMPTS_PER_SOURCE, LOGIN_RATE_WINDOW_MS } from '../domain/policy.ts';
import { sourceKey } from '../domain/source-key.ts';
import { createThrottleGate, type Throttle, type ThrottleDecision } from '../domain/throttle.ts';

export { LOGIN_ATTEMPTS_PER_ACCOUNT, LOGIN_RATE_WINDOW_MS } from '../domain/policy.ts';
/** Kept under its former name for the tests and screens that speak of "per IP". */
export const LOGIN_ATTEMPTS_PER_IP = LOGIN_ATTEMPTS_PER_SOURCE;

export type LoginScreen = 'admin' | 'user' | 'staff';

export interface LoginAttemptKey {
  /** request.ip (the client's address behind a trusted proxy). */
  readonly source: string;
  /** The account typed into the form (contract id, contract/login, staff id); null when not well formed. */
  readonly account: string | null;
}

export interface LoginRateLimit {
  /** Counts one login attempt; refused (with the seconds until its window ends) when a bucket is full. */
  allow(attempt: LoginAttemptKey, nowMs: number): Promise<ThrottleDecision>;
}

export interface LoginLimits {
  readonly perSource: number;
  readonly perAccount: number;
  readonly windowMs: number;
}

const DEFAULT_LIMITS: LoginLimits = { perSource: LOGIN_ATTEMPTS_PER_SOURCE, perAccount: LOGIN_ATTEMPTS_PER_ACCOUNT, windowMs: LOGIN_RATE_WINDOW_MS };

export function createLoginRateLimit(store: Store, screen: LoginScreen, limits: LoginLimits = DEFAULT_LIMITS): LoginRateLimit {
  const gate = createThrottleGate(store);
  return {
    allow(attempt, nowMs) {
      const throttles: Throttle[] = [{ bucket: `login.${screen}:source:${sourceKey(attempt.source)}`, limit: limits.perSource, windowMs: limits.windowMs }];
      if (attempt.account !== null) throttles.push({ bucket: `login.${screen}:account:${attempt.account}`.slice(0, 200), limit: limits.perAccount, windowMs: limits.windowMs });
      return gate.pass(throttles, nowMs);
    },
  };
}
