// The app's cryptography, on WebCrypto only (the browser's, and node's globalThis.crypto in the unit tests):
// activation's key agreement (SOFT-TOKEN-SPEC §Activation), TOTP (RFC 6238, SHA-256/6/30) and OCRA
// (RFC 6287, OCRA-1:HOTP-SHA256-8:QN20-T1M). The token key is derived straight into a non-extractable HMAC
// CryptoKey, so no script on the page ever holds the secret's bytes.

import { fromBase64Url } from './b64url.ts';

export const OCRA_SUITE = 'OCRA-1:HOTP-SHA256-8:QN20-T1M';
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const OCRA_STEP_SECONDS = 60;

/** The WebCrypto key type, spelled so that it resolves both in the DOM library and in node's types (unit tests). */
export type Key = InstanceType<typeof CryptoKey>;

const INFO_LABEL = 'bizotp-soft-token/1';
const CONFIRM_LABEL = 'bizotp-server-confirm/1';
const utf8 = new TextEncoder();

function concat(...parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An ephemeral ECDH P-256 pair whose private half cannot be exported, and its raw public point (65 bytes). */
export async function newKeyPair(): Promise<{ privateKey: Key; publicKeyRaw: Uint8Array<ArrayBuffer> }> {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as { privateKey: Key; publicKey: Key };
  const publicKeyRaw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKeyRaw };
}

export interface ActivationAnswer {
  readonly activationId: string;
  readonly serial: string;
  readonly serverPublicKey: string;
  readonly confirmation: string;
}

/** HKDF info: label ‖ 0x00 ‖ serial ‖ 0x00 ‖ client point ‖ server point ‖ suite (SOFT-TOKEN-SPEC step 2). */
export function hkdfInfo(serial: string, clientPublicKeyRaw: Uint8Array, serverPublicKeyRaw: Uint8Array): Uint8Array<ArrayBuffer> {
  return concat(utf8.encode(INFO_LABEL), Uint8Array.of(0), utf8.encode(serial), Uint8Array.of(0), clientPublicKeyRaw, serverPublicKeyRaw, utf8.encode(OCRA_SUITE));
}

/**
 * Step 3: ECDH → HKDF-SHA256(salt = activationId) → a 256-bit HMAC-SHA-256 key, non-extractable, sign only.
 * Then the server's `confirmation` is checked with it; a mismatch (a different server, a tampered answer)
 * throws, and nothing is kept.
 */
export async function deriveTokenKey(privateKey: Key, clientPublicKeyRaw: Uint8Array, answer: ActivationAnswer): Promise<Key> {
  const serverRaw = fromBase64Url(answer.serverPublicKey);
  const salt = fromBase64Url(answer.activationId);
  if (serverRaw.length !== 65 || salt.length !== 16 || !/^2\d{13}$/.test(answer.serial)) throw new TypeError('malformed activation answer');
  const serverKey = await crypto.subtle.importKey('raw', serverRaw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: serverKey }, privateKey, 256);
  const ikm = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  const key = await crypto.subtle.deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt, info: hkdfInfo(answer.serial, clientPublicKeyRaw, serverRaw) },
    ikm,
    { name: 'HMAC', hash: 'SHA-256', length: 256 },
    false,
    ['sign'],
  );
  const expected = new Uint8Array(await hmac(key, concat(utf8.encode(CONFIRM_LABEL), Uint8Array.of(0), utf8.encode(answer.serial), Uint8Array.of(0), salt)));
  if (!sameBytes(expected, fromBase64Url(answer.confirmation))) throw new ConfirmationMismatch();
  return key;
}

export class ConfirmationMismatch extends Error {
  constructor() {
    super('the server confirmation does not match the derived key');
    this.name = 'ConfirmationMismatch';
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

async function hmac(key: Key, data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer> {
  return crypto.subtle.sign('HMAC', key, data);
}

function uint64(value: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(value));
  return bytes;
}

/** RFC 4226 §5.3 dynamic truncation to `digits` decimal digits. */
function truncate(mac: ArrayBuffer, digits: number): string {
  const h = new Uint8Array(mac);
  const offset = (h[h.length - 1] ?? 0) & 0x0f;
  const binary = new DataView(mac).getUint32(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 with T0 = 0: the code for the step that `nowMs` falls in. */
export async function totpCode(key: Key, nowMs: number, digits: number = TOTP_DIGITS, periodSeconds: number = TOTP_PERIOD_SECONDS): Promise<string> {
  const step = Math.floor(nowMs / 1000 / periodSeconds);
  return truncate(await hmac(key, uint64(step)), digits);
}

/** Milliseconds until the next TOTP step begins. */
export function msToNextStep(nowMs: number, periodSeconds: number = TOTP_PERIOD_SECONDS): number {
  const period = periodSeconds * 1000;
  return period - (((nowMs % period) + period) % period);
}

/**
 * RFC 6287 §5 for OCRA-1:HOTP-SHA256-8:QN20-T1M: HMAC(K, suite ‖ 0x00 ‖ Q ‖ T). Q is the decimal question as
 * hex nibbles, right-padded with zeros to 128 bytes (§5.1, as src/otp/ocra.ts does); T is floor(now / 60 s).
 */
export async function ocraResponse(key: Key, question: string, nowMs: number, suite: string = OCRA_SUITE): Promise<string> {
  if (!/^[0-9]{1,20}$/.test(question)) throw new TypeError('a QN20 question is 1 to 20 decimal digits');
  const match = /^OCRA-1:HOTP-SHA(256|1|512)-(\d+):QN\d\d-T(\d+)([SMH])$/.exec(suite);
  if (match === null) throw new TypeError('unsupported OCRA suite');
  const unit = { S: 1, M: 60, H: 3600 }[match[4] as 'S' | 'M' | 'H'];
  const step = Math.floor(nowMs / 1000 / (Number(match[3]) * unit));
  const hex = BigInt(question).toString(16);
  const q = new Uint8Array(128);
  const padded = hex.length % 2 === 0 ? hex : `${hex}0`;
  for (let i = 0; i < padded.length / 2; i++) q[i] = Number.parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  const message = concat(utf8.encode(suite), Uint8Array.of(0), q, uint64(step));
  return truncate(await hmac(key, message), Number(match[2]));
}
