// CPU cost of checking one code over a ±1-step window (3 HMACs), ours against otplib, in one process.

import { randomBytes } from 'node:crypto';
import { verifySync } from 'otplib';
import { hmacKey } from '../src/otp/hotp.ts';
import { totp, totpStep } from '../src/otp/totp.ts';
import { verifyInWindow } from '../src/otp/verify-window.ts';

export interface Rate {
  readonly name: string;
  readonly perSecond: number;
}

function measure(name: string, seconds: number, fn: (i: number) => void): Rate {
  for (let i = 0; i < 2000; i++) fn(i); // warm-up
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < seconds * 1000) {
    for (let j = 0; j < 500; j++) fn(n++);
  }
  return { name, perSecond: n / ((performance.now() - start) / 1000) };
}

export function benchVerifyCpu(seconds: number): Rate[] {
  const secret = randomBytes(20);
  const key = hmacKey(secret);
  const nowMs = Date.UTC(2026, 10, 24, 9, 0, 0);
  const good = totp(key, nowMs, { algorithm: 'SHA1', digits: 6, stepSeconds: 30 });
  const bad = good === '000000' ? '111111' : '000000';
  const step = totpStep(nowMs, 30);
  const ours = (code: string) => (): void => {
    verifyInWindow({ key, algorithm: 'SHA1', digits: 6, code, first: step - 1n, last: step + 1n, lastConsumed: null });
  };
  const theirs = (code: string) => (): void => {
    verifySync({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: 30 });
  };
  return [
    measure('bizotp verifyInWindow, valid code (±1 step)', seconds, ours(good)),
    measure('otplib verifySync, valid code (±30 s)', seconds, theirs(good)),
    measure('bizotp verifyInWindow, wrong code (±1 step)', seconds, ours(bad)),
    measure('otplib verifySync, wrong code (±30 s)', seconds, theirs(bad)),
  ];
}
