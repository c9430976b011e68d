// Activation of an app token (soft token protocol v1, step 2): the server's ephemeral ECDH P-256 pair meets
// the app's public point, the shared secret is turned into the token secret by HKDF, and the token is stored
// sealed like every secret — kind software, model sw, in stock, no contract, `pending` until its first code.
// The server's private key exists only inside this call; neither secret is returned, logged or audited.

import { createECDH, randomBytes as nodeRandomBytes } from 'node:crypto';
import { appendAudit, BANK_CHAIN } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import type { NewToken } from '../token.ts';
import { newSoftSerial, type RandomBytes } from './soft-serial.ts';
import {
  ACTIVATION_ID_BYTES,
  APP_OCRA_SUITE,
  APP_TOKEN_PARAMS,
  confirmationMac,
  deriveTokenSecret,
  P256_RAW_POINT_BYTES,
} from './soft-token-protocol.ts';

export interface Activation {
  readonly ok: true;
  readonly activationId: Uint8Array;
  readonly serial: string;
  readonly serverPublicKey: Uint8Array;
  readonly serverTimeMs: number;
  readonly ocraSuite: string;
  /** HMAC over the serial and activation id under the new secret: the app checks it with its own key. */
  readonly confirmation: Uint8Array;
}

/** Serials are random in 10^13: a collision is rare; a few tries make one impossible in practice. */
const SERIAL_TRIES = 5;

/** The agreed secret for `clientPublicKey`, or undefined when it is not an uncompressed point on P-256. */
function agree(clientPublicKey: Uint8Array): { shared: Buffer; serverPublicKey: Buffer } | undefined {
  if (clientPublicKey.length !== P256_RAW_POINT_BYTES || clientPublicKey[0] !== 0x04) return undefined;
  const ecdh = createECDH('prime256v1');
  const serverPublicKey = ecdh.generateKeys();
  try {
    // OpenSSL refuses a point off the curve (and the point at infinity) here: no invalid-curve attack.
    return { shared: ecdh.computeSecret(clientPublicKey), serverPublicKey };
  } catch {
    return undefined;
  }
}

export async function activateSoftToken(
  deps: DomainDeps,
  ip: string,
  clientPublicKey: Uint8Array,
  random: RandomBytes = nodeRandomBytes,
): Promise<Activation | Failure<'invalid_public_key'>> {
  const agreed = agree(clientPublicKey);
  if (agreed === undefined) return fail('invalid_public_key', 'publicKey');
  const activationId = random(ACTIVATION_ID_BYTES);
  for (let attempt = 0; attempt < SERIAL_TRIES; attempt++) {
    const serial = newSoftSerial(random);
    const secret = deriveTokenSecret({ sharedSecret: agreed.shared, activationId, serial, clientPublicKey, serverPublicKey: agreed.serverPublicKey });
    const token: NewToken = {
      serial,
      kind: 'software',
      model: 'sw',
      params: APP_TOKEN_PARAMS,
      sealed: deps.keyring.seal(serial, secret),
      counter: 0n,
      expiresAtMs: null,
      demo: false,
      contractId: null,
      status: 'in_stock',
    };
    const nowMs = deps.now();
    const stored = await deps.store.transaction(async (tx) => {
      if (!(await tx.softTokens.insert(token, { origin: 'app', state: 'pending', createdAtMs: nowMs }))) return false;
      // Inventory-level until a contract registers it: the bank's chain.
      await appendAudit(tx, nowMs, { chain: BANK_CHAIN, actor: 'app', ip, action: 'soft_token.activate', target: serial, outcome: 'pending', detail: { origin: 'app' } });
      return true;
    });
    if (stored) {
      const confirmation = confirmationMac(secret, serial, activationId);
      secret.fill(0);
      agreed.shared.fill(0);
      return { ok: true, activationId, serial, serverPublicKey: agreed.serverPublicKey, serverTimeMs: nowMs, ocraSuite: APP_OCRA_SUITE, confirmation };
    }
  }
  throw new Error(`no free software serial after ${SERIAL_TRIES} tries`);
}
