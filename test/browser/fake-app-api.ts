// A stand-in for the server's /app/api (SOFT-TOKEN-SPEC), written from the spec with node:crypto, so that the
// app's browser test runs on its own; the secrets it derives are kept for the test to compare with.

import { createECDH, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { hmacKey, totp } from '../../src/otp/index.ts';
import type { Fixture } from '../web/fixture.ts';

const SUITE = 'OCRA-1:HOTP-SHA256-8:QN20-T1M';
const b64url = (b: Buffer): string => b.toString('base64url');

export interface FakeApi {
  readonly secrets: Map<string, Buffer>;
  readonly active: Set<string>;
}

export function fakeAppApi(app: FastifyInstance, f: Fixture): FakeApi {
  const secrets = new Map<string, Buffer>();
  const active = new Set<string>();
  const current = (serial: string): string => totp(hmacKey(secrets.get(serial) ?? Buffer.alloc(32)), f.clock.nowMs, { algorithm: 'SHA256', digits: 6, stepSeconds: 30 });
  app.post('/app/api/activations', async (request, reply) => {
    const client = Buffer.from(String((request.body as { publicKey?: string }).publicKey ?? ''), 'base64url');
    const ecdh = createECDH('prime256v1');
    const server = ecdh.generateKeys();
    let shared: Buffer;
    try {
      shared = ecdh.computeSecret(client);
    } catch {
      return reply.code(400).send({ error: 'invalid_public_key', message: '公開鍵が正しくありません。' });
    }
    const serial = `2${String(secrets.size + 1).padStart(13, '0')}`;
    const id = randomBytes(16);
    const info = Buffer.concat([Buffer.from('bizotp-soft-token/1'), Buffer.of(0), Buffer.from(serial), Buffer.of(0), client, server, Buffer.from(SUITE)]);
    const secret = Buffer.from(hkdfSync('sha256', shared, id, info, 32));
    secrets.set(serial, secret);
    const confirmation = createHmac('sha256', secret)
      .update(Buffer.concat([Buffer.from('bizotp-server-confirm/1'), Buffer.of(0), Buffer.from(serial), Buffer.of(0), id]))
      .digest();
    return reply.code(201).send({
      activationId: b64url(id),
      serial,
      serverPublicKey: b64url(server),
      totp: { algorithm: 'SHA-256', digits: 6, period: 30 },
      ocraSuite: SUITE,
      serverTime: f.clock.nowMs,
      confirmation: b64url(confirmation),
    });
  });
  app.post('/app/api/activations/confirm', async (request, reply) => {
    const { serial = '', code = '' } = request.body as { serial?: string; code?: string };
    if (!secrets.has(serial) || code !== current(serial)) return reply.code(400).send({ error: 'otp_mismatch', message: 'ワンタイムパスワードが正しくありません。' });
    active.add(serial);
    return reply.send({ serial, state: 'active' });
  });
  app.get('/app/api/time', async (_request, reply) => reply.send({ serverTime: f.clock.nowMs }));
  app.post('/app/api/deactivate', async (request, reply) => {
    const { serial = '', code = '' } = request.body as { serial?: string; code?: string };
    if (!active.has(serial) || code !== current(serial)) return reply.code(400).send({ error: 'otp_mismatch', message: 'ワンタイムパスワードが正しくありません。' });
    active.delete(serial);
    return reply.send({ serial, state: 'revoked' });
  });
  return { secrets, active };
}
