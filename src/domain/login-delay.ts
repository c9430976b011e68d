// The answer to a login attempt made during the progressive delay (policy.ts loginDelayMs): not checked,
// not counted, and told how many seconds to wait; the screens show the wait (messages.ja.ts loginDelayMessage).
import type { Failure } from './error-codes.ts';

export type LoginDelayed = Failure<'login_delayed'> & { readonly retryAfterSeconds: number };
