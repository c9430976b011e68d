// Passwords and PINs are stored only as Argon2id hashes (ASVS 4.0.3 2.4), PHC-encoded so that the cost
// parameters travel with each hash and can be raised later without breaking old ones.

import { argon2, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Argon2Cost {
  readonly memoryKiB: number;
  readonly passes: number;
  readonly parallelism: number;
}

/** OWASP's Argon2id minimum (m=19 MiB, t=2, p=1). */
export const DEFAULT_ARGON2_COST: Argon2Cost = { memoryKiB: 19456, passes: 2, parallelism: 1 };

const TAG_BYTES = 32;

function derive(secret: string, salt: Buffer, cost: Argon2Cost): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    argon2(
      'argon2id',
      { message: secret, nonce: salt, parallelism: cost.parallelism, tagLength: TAG_BYTES, memory: cost.memoryKiB, passes: cost.passes },
      (err, tag) => (err ? reject(err) : resolve(Buffer.from(tag))),
    );
  });
}

export async function hashSecret(secret: string, cost: Argon2Cost = DEFAULT_ARGON2_COST): Promise<string> {
  const salt = randomBytes(16);
  const tag = await derive(secret, salt, cost);
  return `$argon2id$v=19$m=${cost.memoryKiB},t=${cost.passes},p=${cost.parallelism}$${salt.toString('base64url')}$${tag.toString('base64url')}`;
}

const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

export async function verifySecret(secret: string, encoded: string): Promise<boolean> {
  const m = PHC.exec(encoded);
  if (m === null) throw new Error('stored hash is not an Argon2id PHC string');
  const cost = { memoryKiB: Number(m[1]), passes: Number(m[2]), parallelism: Number(m[3]) };
  const expected = Buffer.from(m[5] ?? '', 'base64url');
  const actual = await derive(secret, Buffer.from(m[4] ?? '', 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
