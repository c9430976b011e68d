import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto, { type KeyObject } from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { hmacKey } from './hmac-key.ts';
import { hotp, MAX_COUNTER } from './hotp.ts';
import { totp, totpStep } from './totp.ts';
import { verifyInWindow, type WindowResult } from './verify-window.ts';
import { windowCounters } from './window-counters.ts';

const STEP_SECONDS = 30;
// A pinned clock: 2025-01-15 09:00:10 UTC. No test reads the system clock.
const NOW_MS = Date.UTC(2025, 0, 15, 9, 0, 10);

function setup(): {
  key: KeyObject;
  step: bigint;
  codeAt: (offsetSteps: number) => string;
  check: (code: string, lastConsumed?: bigint | null) => WindowResult;
} {
  const key = hmacKey(Buffer.from('12345678901234567890', 'ascii'));
  const step = totpStep(NOW_MS, STEP_SECONDS);
  const params = { algorithm: 'SHA1', digits: 6, stepSeconds: STEP_SECONDS } as const;
  return {
    key,
    step,
    // The code a token whose clock is `offsetSteps` steps off would show.
    codeAt: (offsetSteps) => totp(key, NOW_MS + offsetSteps * STEP_SECONDS * 1000, params),
    // A ±1 step window around the server's step, as for payments.
    check: (code, lastConsumed = null) =>
      verifyInWindow({ key, algorithm: 'SHA1', digits: 6, code, first: step - 1n, last: step + 1n, lastConsumed }),
  };
}

const accepted = (counter: bigint): WindowResult => ({ kind: 'accepted', counter });
const rejected = (reason: 'malformed' | 'invalid' | 'replayed'): WindowResult => ({ kind: 'rejected', reason });

test('With a ±1 window the codes of T−1, T and T+1 are accepted and report their own step.', () => {
  const { step, codeAt, check } = setup();
  assert.deepEqual(check(codeAt(-1)), accepted(step - 1n));
  assert.deepEqual(check(codeAt(0)), accepted(step));
  assert.deepEqual(check(codeAt(1)), accepted(step + 1n));
});

test('With a ±1 window the codes of T−2 and T+2 are invalid.', () => {
  const { codeAt, check } = setup();
  const inWindow = [codeAt(-1), codeAt(0), codeAt(1)];
  for (const offset of [-2, 2]) {
    // Precondition: the outside code does not happen to equal a code inside the window.
    assert.ok(!inWindow.includes(codeAt(offset)));
    assert.deepEqual(check(codeAt(offset)), rejected('invalid'));
  }
});

test('The same code submitted again after it was accepted is replayed.', () => {
  const { codeAt, check } = setup();
  const first = check(codeAt(0));
  assert.equal(first.kind, 'accepted');
  const lastConsumed = first.kind === 'accepted' ? first.counter : null;
  assert.deepEqual(check(codeAt(0), lastConsumed), rejected('replayed'));
});

test('After the code of T+1 was accepted, the older codes of T and T−1 are replayed although inside the window.', () => {
  const { step, codeAt, check } = setup();
  assert.deepEqual(check(codeAt(1)), accepted(step + 1n));
  assert.deepEqual(check(codeAt(0), step + 1n), rejected('replayed'));
  assert.deepEqual(check(codeAt(-1), step + 1n), rejected('replayed'));
});

test('After the code of T−1 was accepted, the newer code of T is still accepted.', () => {
  const { step, codeAt, check } = setup();
  assert.deepEqual(check(codeAt(0), step - 1n), accepted(step));
});

test('Full-width digits, 5 or 9 digits, spaces, letters and the empty string are malformed, without throwing.', () => {
  const { codeAt, check } = setup();
  const code = codeAt(0);
  const fullWidth = [...code].map((digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)).join('');
  const malformed = ['１２３４５６', fullWidth, code.slice(0, 5), `${code}123`, ` ${code}`, `${code} `,
    `${code.slice(0, 3)} ${code.slice(3)}`, `${code}\n`, '', '12345a', '+12345', '-12345', '1e+05', '١٢٣٤٥٦'];
  for (const input of malformed) {
    assert.deepEqual(check(input), rejected('malformed'), JSON.stringify(input));
  }
  assert.deepEqual(check(null as unknown as string), rejected('malformed'));
  assert.deepEqual(check(123456 as unknown as string), rejected('malformed'));
});

test('A well-formed code that matches no slot is invalid.', () => {
  const { codeAt, check } = setup();
  const inWindow = new Set([codeAt(-1), codeAt(0), codeAt(1)]);
  let wrong = 0;
  while (inWindow.has(String(wrong).padStart(6, '0'))) wrong++;
  assert.deepEqual(check(String(wrong).padStart(6, '0')), rejected('invalid'));
});

test('A window wider than 1001 counters, or an empty one, throws a RangeError even for a malformed code.', () => {
  const { key } = setup();
  const base = { key, algorithm: 'SHA1', digits: 6, code: '', lastConsumed: null } as const;
  assert.throws(() => verifyInWindow({ ...base, first: 0n, last: 1001n }), RangeError);
  assert.throws(() => verifyInWindow({ ...base, first: 5n, last: 4n }), RangeError);
  assert.deepEqual(verifyInWindow({ ...base, first: 0n, last: 1000n }), rejected('malformed'));
});

test('A digits value outside 6–8 is a TypeError, not a rejection.', () => {
  const { key } = setup();
  assert.throws(
    () => verifyInWindow({ key, algorithm: 'SHA1', digits: 9, code: '123456789', first: 0n, last: 2n, lastConsumed: null }),
    TypeError,
  );
});

test('windowCounters lists every counter from first to last inclusive, ascending.', () => {
  assert.deepEqual(windowCounters(5n, 9n), [5n, 6n, 7n, 8n, 9n]);
  assert.deepEqual(windowCounters(7n, 7n), [7n]);
  assert.equal(windowCounters(0n, 1000n).length, 1001);
});

test('windowCounters leaves out counters below 0 and above 2^64 − 1.', () => {
  assert.deepEqual(windowCounters(-2n, 1n), [0n, 1n]);
  assert.deepEqual(windowCounters(-3n, -1n), []);
  assert.deepEqual(windowCounters(MAX_COUNTER - 1n, MAX_COUNTER + 1n), [MAX_COUNTER - 1n, MAX_COUNTER]);
});

test('A window just after the epoch skips the negative step and still accepts step 0.', () => {
  const { key } = setup();
  const code = hotp(key, 0n, 6, 'SHA1');
  assert.deepEqual(
    verifyInWindow({ key, algorithm: 'SHA1', digits: 6, code, first: -1n, last: 1n, lastConsumed: null }),
    accepted(0n),
  );
});

test('An HOTP window across 2^32 accepts the code of counter 2^32 + 1 (value computed independently).', () => {
  const { key } = setup();
  const result = verifyInWindow({
    key, algorithm: 'SHA1', digits: 6, code: '108930', first: 2n ** 32n - 1n, last: 2n ** 32n + 9n, lastConsumed: 2n ** 32n - 2n,
  });
  assert.deepEqual(result, accepted(2n ** 32n + 1n));
});

test('Every slot is computed even when the first slot matches.', (t) => {
  // SHA-256, so that every slot's HMAC goes through node:crypto where the test can count it; the loop is the
  // same for every algorithm (SHA-1 only computes its HMAC in otp/hmac-sha1.ts instead).
  const key = hmacKey(Buffer.from('12345678901234567890123456789012', 'ascii'));
  const code = hotp(key, 10n, 6, 'SHA256');
  // Observe node:crypto itself; the module under test exposes no hook for this.
  const hmacs = t.mock.method(crypto, 'createHmac');
  syncBuiltinESMExports();
  let result: WindowResult;
  try {
    result = verifyInWindow({ key, algorithm: 'SHA256', digits: 6, code, first: 10n, last: 30n, lastConsumed: null });
  } finally {
    t.mock.restoreAll();
    syncBuiltinESMExports();
  }
  assert.deepEqual(result, accepted(10n));
  assert.equal(hmacs.mock.callCount(), 21);
});

test('SHA-1 windows accept exactly the codes node:crypto computes, for keys of 16 to 100 bytes and counters around 2^32, 2^53 and 2^64.', () => {
  for (const [length, first] of [[16, 2n ** 32n - 2n], [20, 2n ** 53n - 2n], [32, MAX_COUNTER - 4n], [64, 0n], [65, 2n ** 32n - 2n], [100, 2n ** 53n - 2n]] as const) {
    const secret = crypto.randomBytes(length);
    const key = hmacKey(secret);
    for (let counter = first; counter < first + 5n; counter++) {
      const message = Buffer.alloc(8);
      message.writeBigUInt64BE(counter);
      const mac = crypto.createHmac('sha1', secret).update(message).digest();
      const code = String((mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff) % 1_000_000).padStart(6, '0');
      assert.equal(hotp(key, counter, 6, 'SHA1'), code);
      assert.deepEqual(verifyInWindow({ key, algorithm: 'SHA1', digits: 6, code, first: counter, last: counter, lastConsumed: null }), accepted(counter));
    }
  }
});

// A key whose 6-digit SHA1 codes at counters 0 and 2 are both 949680 (found by an independent Python search),
// so one submission matches two slots.
function collidingKey(): KeyObject {
  return hmacKey(Buffer.from('c63795e13564d460b4dfc33ff853bc1b83959f6a7b8fe98468c3fe73e3dcb861', 'hex'));
}

test('When two slots match, the lowest one above lastConsumed is accepted.', () => {
  const key = collidingKey();
  assert.equal(hotp(key, 0n, 6, 'SHA1'), '949680');
  assert.equal(hotp(key, 2n, 6, 'SHA1'), '949680');
  const check = (lastConsumed: bigint | null): WindowResult =>
    verifyInWindow({ key, algorithm: 'SHA1', digits: 6, code: '949680', first: 0n, last: 4n, lastConsumed });
  assert.deepEqual(check(null), accepted(0n));
  // The scan goes on past the consumed match at 0 and finds the fresh one at 2.
  assert.deepEqual(check(0n), accepted(2n));
  assert.deepEqual(check(1n), accepted(2n));
  assert.deepEqual(check(2n), rejected('replayed'));
});
