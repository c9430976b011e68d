// 同期ズレ補正 (resync): a token that drifted beyond the payment and registration windows is found again from
// two consecutive codes read off it (RFC 4226 §7.4, RFC 6238 §6). TOTP searches ±RESYNC_WINDOW_STEPS around
// the server's step, HOTP up to RESYNC_LOOKAHEAD_COUNTERS past the expected counter. The pair must sit at
// counters c and c + 1 with c + 1 never consumed; c + 1 is consumed (neither code works again), and the drift
// (TOTP) or next counter c + 2 (HOTP) is stored so that the payment window centres on the token's clock.
// A locked token stays locked: lifting a lock is a separate action.

import { timingSafeEqual } from 'node:crypto';
import { hmacKey, hotp, MAX_COUNTER, totpStep } from '../../otp/index.ts';
import { appendAudit, BANK_CHAIN } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import { staffDetail, type StaffActor } from '../staff-actor.ts';
import type { TokenRecord, TokenStatus } from '../token.ts';
import { codeWindow } from '../token-window.ts';
import { checkStaff } from './staff-checks.ts';

/** RFC 6238 §6: the resynchronisation window, wider than any other but bounded. */
export const RESYNC_WINDOW_STEPS = 60;
/** RFC 4226 §7.4: the resynchronisation look-ahead for event tokens. */
export const RESYNC_LOOKAHEAD_COUNTERS = 1000;

const RESYNCABLE: readonly TokenStatus[] = ['in_stock', 'issued', 'registered', 'locked'];

export interface ResyncRequest {
  readonly serial: string;
  /** The two codes as the token showed them, one after the other. */
  readonly firstCode: string;
  readonly secondCode: string;
}

export type ResyncOutcome =
  | {
      readonly ok: true;
      readonly serial: string;
      readonly oldDrift: number;
      readonly newDrift: number;
      /** The counter (HOTP) or step (TOTP) of the second code, now consumed. */
      readonly consumedCounter: bigint;
    }
  | Failure<'token_not_found' | 'token_final' | 'bad_format' | 'resync_refused' | 'otp_replayed' | 'required' | 'too_long'>;

type PairSearch = { readonly kind: 'found'; readonly counter: bigint } | { readonly kind: 'replayed' } | { readonly kind: 'none' };

/**
 * Every counter of the range is computed and compared in constant time, never stopping early (RFC 4226 §7):
 * the time taken says nothing about where the pair sits. Returns the lowest c whose pair is fresh.
 */
function findPair(token: TokenRecord, secret: Uint8Array, first: bigint, last: bigint, codes: readonly [string, string]): PairSearch {
  const key = hmacKey(secret);
  const { digits, algorithm } = token.params;
  const a = Buffer.from(codes[0], 'ascii');
  const b = Buffer.from(codes[1], 'ascii');
  let previousMatchedA = false;
  let found: bigint | null = null;
  let replayed = false;
  for (let c = first < 0n ? 0n : first; c <= last + 1n && c <= MAX_COUNTER; c++) {
    const code = Buffer.from(hotp(key, c, digits, algorithm), 'ascii');
    const matchesA = timingSafeEqual(a, code);
    const matchesB = timingSafeEqual(b, code);
    // Here c is the second code's counter: the pair is (c − 1, c).
    if (previousMatchedA && matchesB) {
      const fresh = token.lastCounter === null || c > token.lastCounter;
      if (fresh && found === null) found = c - 1n;
      if (!fresh) replayed = true;
    }
    previousMatchedA = matchesA && c <= last;
  }
  if (found !== null) return { kind: 'found', counter: found };
  return replayed ? { kind: 'replayed' } : { kind: 'none' };
}

function searchRange(token: TokenRecord, nowMs: number): { first: bigint; last: bigint; expected: bigint } {
  if (token.params.type === 'totp') {
    const now = totpStep(nowMs, token.params.stepSeconds);
    return { first: now - BigInt(RESYNC_WINDOW_STEPS), last: now + BigInt(RESYNC_WINDOW_STEPS) - 1n, expected: now };
  }
  const expected = codeWindow(token, nowMs, 'payment').expected;
  // From just below the last consumed counter, so that a pair already spent is told as such.
  const first = token.lastCounter !== null && token.lastCounter - 1n < expected ? token.lastCounter - 1n : expected;
  return { first, last: expected + BigInt(RESYNC_LOOKAHEAD_COUNTERS) - 1n, expected };
}

export async function resyncToken(deps: DomainDeps, who: StaffActor, req: ResyncRequest): Promise<ResyncOutcome> {
  const bad = checkStaff(who);
  if (bad !== undefined) return bad;
  return deps.store.transaction(async (tx): Promise<ResyncOutcome> => {
    const nowMs = deps.now();
    await tx.lifecycle.lockTokens([req.serial]);
    const token = await tx.tokens.get(req.serial);
    if (token === undefined) return fail('token_not_found', 'serial');
    const chain = token.contractId ?? BANK_CHAIN;
    const refuse = async <C extends 'token_final' | 'bad_format' | 'resync_refused' | 'otp_replayed'>(code: C, field: string): Promise<Failure<C>> => {
      await appendAudit(tx, nowMs, { chain, ...who, action: 'token.resync', target: req.serial, outcome: code, detail: { ...staffDetail(who) } });
      return fail(code, field);
    };
    if (!RESYNCABLE.includes(token.status)) return refuse('token_final', 'serial');
    const digitsOk = (code: string): boolean => code.length === token.params.digits && /^[0-9]+$/.test(code);
    if (!digitsOk(req.firstCode)) return refuse('bad_format', 'firstCode');
    if (!digitsOk(req.secondCode)) return refuse('bad_format', 'secondCode');

    const range = searchRange(token, nowMs);
    const pair = findPair(token, deps.keyring.open(token.serial, token.sealed), range.first, range.last, [req.firstCode, req.secondCode]);
    if (pair.kind === 'replayed') return refuse('otp_replayed', 'secondCode');
    if (pair.kind === 'none') return refuse('resync_refused', 'firstCode');

    const consumed = pair.counter + 1n;
    const isTotp = token.params.type === 'totp';
    // TOTP: the token's clock runs `drift` steps from the server's; HOTP: the next expected counter is c + 2.
    const newDrift = isTotp ? Number(consumed - range.expected) : token.drift;
    const nextCounter = isTotp ? token.counter : consumed + 1n;
    if (!(await tx.lifecycle.resync(req.serial, consumed, newDrift, nextCounter, nowMs))) return refuse('otp_replayed', 'secondCode');
    await appendAudit(tx, nowMs, {
      chain,
      ...who,
      action: 'token.resync',
      target: req.serial,
      outcome: 'resynced',
      detail: {
        oldDrift: token.drift,
        newDrift,
        oldNextCounter: isTotp ? null : range.expected.toString(),
        newNextCounter: isTotp ? null : nextCounter.toString(),
        ...staffDetail(who),
      },
    });
    return { ok: true, serial: req.serial, oldDrift: token.drift, newDrift, consumedCounter: consumed };
  });
}
