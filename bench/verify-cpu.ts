// CPU cost (this thread's CPU time) of checking one code over a ±1-step window (3 HMAC-SHA-1s), ours against otplib with the same
// window, and against the raw cost of the three HMACs alone, in one process.

import { createHmac, randomBytes } from 'node:crypto';
import { verifySync } from 'otplib';
import { hmacKey } from '../src/otp/hotp.ts';
import { hmacSha1Counter, sha1PadState } from '../src/otp/hmac-sha1.ts';
import { totp, totpStep } from '../src/otp/totp.ts';
import { verifyInWindow } from '../src/otp/verify-window.ts';

export interface Rate {
  readonly name: string;
  readonly perSecond: number;
}

export interface CpuResult {
  readonly rates: {
    readonly oursValid: Rate;
    readonly otplibValid: Rate;
    readonly oursWrong: Rate;
    readonly otplibWrong: Rate;
    /** The three HMAC-SHA-1s the window needs, with the primitive and pads verifyInWindow uses, untruncated. */
    readonly rawHmacs: Rate;
    /** The same three HMACs through node:crypto's createHmac with a KeyObject, for reference. */
    readonly rawCreateHmac: Rate;
  };
  /** bizotp ÷ otplib, checks per second (goal ≥ 3). */
  readonly vsOtplibValid: number;
  readonly vsOtplibWrong: number;
  /** Time of one check ÷ time of its raw HMACs (goal ≤ 1.2). */
  readonly vsRawHmacValid: number;
  readonly vsRawHmacWrong: number;
}

/** CPU time of this thread in ms: unlike wall time, it does not count the time other processes took the core. */
function threadCpuMs(): number {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs every case in turns of 100 ms of this thread's CPU time until `seconds` per case have passed and keeps
 * each case's median turn: on a machine shared with other work, CPU time and interleaving make the cases see
 * the same conditions, so their ratios hold.
 */
function measureAll<K extends string>(seconds: number, cases: Record<K, { name: string; fn: (i: number) => void }>): { rates: Record<K, Rate>; ratio: (a: K, b: K) => number } {
  const keys = Object.keys(cases) as K[];
  const turns = new Map<K, number[]>(keys.map((k) => [k, []]));
  for (const k of keys) for (let i = 0; i < 5000; i++) cases[k].fn(i); // warm-up
  const rounds = Math.max(3, Math.round(seconds * 10));
  let n = 0;
  for (let r = 0; r < rounds; r++) {
    for (const k of keys) {
      const start = threadCpuMs();
      let done = 0;
      while (threadCpuMs() - start < 100) {
        for (let j = 0; j < 200; j++) cases[k].fn(n++);
        done += 200;
      }
      turns.get(k)!.push(done / ((threadCpuMs() - start) / 1000));
    }
  }
  const median = (values: number[]): number => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const rates = {} as Record<K, Rate>;
  for (const k of keys) rates[k] = { name: cases[k].name, perSecond: median(turns.get(k)!) };
  // A ratio is the median of the ratios of turns of the same round (run next to each other).
  const ratio = (a: K, b: K): number => median(turns.get(a)!.map((rate, r) => rate / turns.get(b)![r]!));
  return { rates, ratio };
}

export function benchVerifyCpu(seconds: number): CpuResult {
  const secret = randomBytes(20);
  const key = hmacKey(secret);
  const nowMs = Date.UTC(2026, 10, 24, 9, 0, 0);
  const good = totp(key, nowMs, { algorithm: 'SHA1', digits: 6, stepSeconds: 30 });
  const bad = good === '000000' ? '111111' : '000000';
  const step = totpStep(nowMs, 30);
  // The input (the window's bounds from the clock, the code) is the caller's, prepared once as the raw case
  // prepares its counters: both cases time only the check itself, and neither allocates an argument per call.
  const ours = (code: string): (() => void) => {
    const input = { key, algorithm: 'SHA1', digits: 6, code, first: step - 1n, last: step + 1n, lastConsumed: null } as const;
    return () => {
      verifyInWindow(input);
    };
  };
  // epochTolerance 30 s = the same ±1 step. otplib stops at its first match, so a valid code of step T costs
  // it two HMACs and a wrong one three; ours always computes three (src/otp/README.md, constant time).
  const theirs = (code: string) => (): void => {
    verifySync({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: 30 });
  };
  const state = sha1PadState(key);
  const lo = Number(step % 2n ** 32n);
  let sink = 0;
  // The bare HMACs: the same primitive and pads as verifyInWindow, without RFC 4226 §5.3's truncation, the
  // modulus or the comparison, which are the core's own work. One word of each MAC is read, so none is dead code.
  const raw = (): void => {
    sink ^= hmacSha1Counter(state, 0, lo - 1)[4]! ^ hmacSha1Counter(state, 0, lo)[4]! ^ hmacSha1Counter(state, 0, lo + 1)[4]!;
  };
  const message = Buffer.alloc(8);
  const rawNode = (): void => {
    for (let c = -1; c <= 1; c++) {
      message.writeUInt32BE(lo + c, 4);
      sink ^= createHmac('sha1', key).update(message).digest()[19]!;
    }
  };
  const { rates, ratio } = measureAll(seconds, {
    oursValid: { name: 'bizotp verifyInWindow, valid code (±1 step)', fn: ours(good) },
    rawHmacs: { name: 'raw: the 3 HMAC-SHA-1s alone (pads precomputed)', fn: raw },
    oursWrong: { name: 'bizotp verifyInWindow, wrong code (±1 step)', fn: ours(bad) },
    otplibValid: { name: 'otplib verifySync, valid code (±30 s)', fn: theirs(good) },
    otplibWrong: { name: 'otplib verifySync, wrong code (±30 s)', fn: theirs(bad) },
    rawCreateHmac: { name: 'raw: 3 createHmac(sha1, KeyObject), reference', fn: rawNode },
  });
  if (sink === 0.5) console.log(sink); // keeps the raw loops from being optimised away
  return {
    rates,
    vsOtplibValid: ratio('oursValid', 'otplibValid'),
    vsOtplibWrong: ratio('oursWrong', 'otplibWrong'),
    vsRawHmacValid: ratio('rawHmacs', 'oursValid'),
    vsRawHmacWrong: ratio('rawHmacs', 'oursWrong'),
  };
}
