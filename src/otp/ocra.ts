import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { nodeHashName } from './algorithm.ts';
import { MAX_COUNTER } from './hotp.ts';
import { parseOcraSuite, type OcraSuite } from './ocra-suite.ts';
import { truncateToDigits } from './truncate.ts';

export interface OcraInput {
  /** C: required exactly when the suite has `C-`. */
  readonly counter?: bigint;
  /** Q: the challenge in the suite's format (decimal digits for N, ASCII letters and digits for A, hex digits for H). */
  readonly question: string;
  /** P: the PIN hash itself, or `pin` to have it hashed here; one of them exactly when the suite has `-P…`. */
  readonly pinHash?: Uint8Array;
  readonly pin?: string;
  /** S: at most nnn bytes; shorter values are left-padded with zero bytes as in the RFC's reference code. */
  readonly session?: Uint8Array;
  /** T: the number of time steps since the epoch (e.g. totpStep(nowMs, suite.timeStepSeconds)). */
  readonly timestamp?: bigint;
}

const QUESTION_BYTES = 128;
const HASH_BYTES = { SHA1: 20, SHA256: 32, SHA512: 64 } as const;

/**
 * RFC 6287 §5: R = HMAC(K, OCRASuite ‖ 0x00 ‖ [C] ‖ Q ‖ [P] ‖ [S] ‖ [T]), truncated as in RFC 4226 §5.3.
 * With `-0` in the suite (no truncation) the full HMAC is returned as lowercase hex.
 * Inputs that do not fit the suite are a TypeError (the caller built the request wrongly).
 */
export function ocra(suite: string | OcraSuite, key: KeyObject, input: OcraInput): string {
  // Re-parsed even when given parsed: the suite text is hashed, so its fields must agree with it.
  const parsed = parseOcraSuite(typeof suite === 'string' ? suite : suite.text);
  if (key?.type !== 'secret') throw new TypeError('key must be a secret KeyObject (see hmacKey)');
  const parts: Uint8Array[] = [Buffer.from(parsed.text, 'ascii'), Buffer.of(0)];

  expectPresent('counter', parsed.counter, input.counter);
  if (input.counter !== undefined) parts.push(uint64(input.counter, 'counter'));

  parts.push(questionBytes(parsed, input.question));

  const pinGiven = input.pin !== undefined || input.pinHash !== undefined;
  expectPresent('pin or pinHash', parsed.pinAlgorithm !== null, pinGiven || undefined);
  if (parsed.pinAlgorithm !== null) {
    if (input.pin !== undefined && input.pinHash !== undefined) throw new TypeError('give pin or pinHash, not both');
    const pinHash = input.pinHash ?? createHash(nodeHashName(parsed.pinAlgorithm)).update(String(input.pin), 'utf8').digest();
    if (pinHash.length !== HASH_BYTES[parsed.pinAlgorithm]) {
      throw new TypeError(`pinHash must be ${HASH_BYTES[parsed.pinAlgorithm]} bytes for P${parsed.pinAlgorithm}`);
    }
    parts.push(pinHash);
  }

  expectPresent('session', parsed.sessionBytes !== null, input.session);
  if (parsed.sessionBytes !== null && input.session !== undefined) {
    if (input.session.length > parsed.sessionBytes) throw new TypeError(`session exceeds ${parsed.sessionBytes} bytes`);
    const session = Buffer.alloc(parsed.sessionBytes);
    session.set(input.session, parsed.sessionBytes - input.session.length);
    parts.push(session);
  }

  expectPresent('timestamp', parsed.timeStepSeconds !== null, input.timestamp);
  if (input.timestamp !== undefined) parts.push(uint64(input.timestamp, 'timestamp'));

  const mac = createHmac(nodeHashName(parsed.algorithm), key).update(Buffer.concat(parts)).digest();
  // RFC 6287 §5.2: t = 0 means no truncation. 10 digits is allowed by the RFC but biased (erratum 3730, reported).
  return parsed.digits === 0 ? mac.toString('hex') : truncateToDigits(mac, parsed.digits);
}

function expectPresent(name: string, inSuite: boolean, value: unknown): void {
  if (inSuite && value === undefined) throw new TypeError(`the suite requires ${name}`);
  if (!inSuite && value !== undefined) throw new TypeError(`the suite has no ${name}`);
}

function uint64(value: bigint, name: string): Buffer {
  if (typeof value !== 'bigint' || value < 0n || value > MAX_COUNTER) {
    throw new TypeError(`${name} must be a bigint in 0…2^64−1`);
  }
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(value);
  return bytes;
}

/**
 * RFC 6287 §5: Q is 128 bytes. N: the decimal number in hex; A: the ASCII bytes; H: the hex digits; then
 * zero-padded on the right. Hex is padded as a string of nibbles, as the RFC's reference code does, so an
 * odd-length value stays left-aligned (22222222 = 0x153158E → 15 31 58 E0 …; Appendix C checks this).
 * Why xx is not enforced as a maximum: in mutual mode (RFC 6287 §7.3) Q is two challenges, QC ‖ QS, and the
 * Appendix C mutual vectors use 16 characters under QA08; xx governs how a challenge is generated.
 */
function questionBytes(suite: OcraSuite, question: string): Buffer {
  if (typeof question !== 'string' || question.length === 0) throw new TypeError('question must be a non-empty string');
  let hex: string;
  if (suite.questionFormat === 'N') {
    if (!/^[0-9]+$/.test(question)) throw new TypeError('a QN question must be decimal digits');
    hex = BigInt(question).toString(16);
  } else if (suite.questionFormat === 'H') {
    if (!/^[0-9A-Fa-f]+$/.test(question)) throw new TypeError('a QH question must be hex digits');
    hex = question;
  } else {
    // RFC 6287 §6.3: A is alphanumeric; ASCII only, so the bytes cannot depend on a character encoding.
    if (!/^[0-9A-Za-z]+$/.test(question)) throw new TypeError('a QA question must be ASCII letters and digits');
    hex = Buffer.from(question, 'ascii').toString('hex');
  }
  if (hex.length > QUESTION_BYTES * 2) throw new TypeError(`question does not fit in ${QUESTION_BYTES} bytes`);
  return Buffer.from(hex.padEnd(QUESTION_BYTES * 2, '0'), 'hex');
}
