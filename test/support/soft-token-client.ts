// The app's half of soft token protocol v1, written as the app does it with WebCrypto (node's
// globalThis.crypto.subtle): an ephemeral ECDH P-256 pair, deriveBits, HKDF → a NON-extractable HMAC-SHA-256
// key, the server's confirmation checked with that key, and TOTP (SHA-256, 6 digits, 30 s) by subtle.sign.
// Every request and response body is recorded, so a test can prove the secret never travelled.

import type { webcrypto } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

type CryptoKey = webcrypto.CryptoKey;

const subtle = globalThis.crypto.subtle;
const enc = new TextEncoder();
const OCRA_SUITE = 'OCRA-1:HOTP-SHA256-8:QN20-T1M';

export interface ActivationResponse {
  readonly activationId: string;
  readonly serial: string;
  readonly serverPublicKey: string;
  readonly totp: { readonly algorithm: string; readonly digits: number; readonly period: number };
  readonly ocraSuite: string;
  readonly serverTime: number;
  readonly confirmation: string;
}

export interface AppToken {
  readonly serial: string;
  readonly key: CryptoKey;
  readonly activation: ActivationResponse;
  /** The TOTP at `atMs`, computed with the non-extractable key. */
  code(atMs: number): Promise<string>;
  /** HMAC-SHA-256 under the token key, to compare with the server's secret without exporting it. */
  mac(message: Uint8Array): Promise<Uint8Array>;
}

export interface Exchange {
  readonly method: string;
  readonly url: string;
  readonly requestBody: string;
  readonly status: number;
  readonly responseBody: string;
}

export interface AppClient {
  readonly exchanges: Exchange[];
  post(url: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Activation as the app does it; throws when the server's confirmation does not verify. */
  activate(): Promise<AppToken>;
}

const b64u = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');
const fromB64u = (text: string): Uint8Array<ArrayBuffer> => new Uint8Array(Buffer.from(text, 'base64url'));

function concat(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export async function totpWithKey(key: CryptoKey, atMs: number): Promise<string> {
  const counter = new Uint8Array(8);
  new DataView(counter.buffer).setBigUint64(0, BigInt(Math.floor(atMs / 30_000)));
  const mac = new Uint8Array(await subtle.sign('HMAC', key, counter));
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const bin = (((mac[offset] ?? 0) & 0x7f) << 24) | ((mac[offset + 1] ?? 0) << 16) | ((mac[offset + 2] ?? 0) << 8) | (mac[offset + 3] ?? 0);
  return String(bin % 1_000_000).padStart(6, '0');
}

export function appClient(app: FastifyInstance, headers: Record<string, string> = {}): AppClient {
  const exchanges: Exchange[] = [];
  const post: AppClient['post'] = async (url, body, extra = {}) => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await app.inject({ method: 'POST', url, payload, headers: { 'content-type': 'application/json', ...headers, ...extra } });
    exchanges.push({ method: 'POST', url, requestBody: payload, status: response.statusCode, responseBody: response.body });
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(response.body) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: response.statusCode, json };
  };
  return {
    exchanges,
    post,
    async activate() {
      const pair = (await subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits'])) as webcrypto.CryptoKeyPair;
      const clientRaw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
      const answer = await post('/app/api/activations', { publicKey: b64u(clientRaw) });
      if (answer.status !== 201) throw new Error(`activation answered ${answer.status}`);
      const a = answer.json as unknown as ActivationResponse;
      const serverRaw = fromB64u(a.serverPublicKey);
      const serverKey = await subtle.importKey('raw', serverRaw, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      const bits = await subtle.deriveBits({ name: 'ECDH', public: serverKey }, pair.privateKey, 256);
      const ikm = await subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
      const info = concat(enc.encode('bizotp-soft-token/1'), Uint8Array.of(0), enc.encode(a.serial), Uint8Array.of(0), clientRaw, serverRaw, enc.encode(OCRA_SUITE));
      const key = await subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: fromB64u(a.activationId), info }, ikm, { name: 'HMAC', hash: 'SHA-256', length: 256 }, false, ['sign']);
      const confirmInput = concat(enc.encode('bizotp-server-confirm/1'), Uint8Array.of(0), enc.encode(a.serial), Uint8Array.of(0), fromB64u(a.activationId));
      // The key's only usage is 'sign' (SOFT-TOKEN-SPEC step 3): the app signs and compares.
      const expected = Buffer.from(await subtle.sign('HMAC', key, confirmInput));
      if (!expected.equals(Buffer.from(fromB64u(a.confirmation)))) throw new Error('the server confirmation does not verify');
      return {
        serial: a.serial,
        key,
        activation: a,
        code: (atMs) => totpWithKey(key, atMs),
        mac: async (message) => new Uint8Array(await subtle.sign('HMAC', key, concat(message))),
      };
    },
  };
}
