// The bank systems' JSON API (product.md §6) as a Fastify plugin: `app.register(apiPlugin, { deps })` on the
// app of createApp. Everything lives under /api/v1: the OpenAPI document and POST /otp/verify, the hot path.
// Keep it lean (spec: ≥ 50 % of the bare framework): one transaction per request, no Argon2id, API key by hash.

import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { API_KEY_FORMAT, hashApiKey } from '../../domain/api-keys.ts';
import { verifyForBank, type IdempotencyRequest } from '../../domain/bank-verify.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { createApiKeyMemo } from '../../domain/api-key-memo.ts';
import { apiThrottlesAt } from '../../domain/api-throttle.ts';
import { createLeasedThrottleGate } from '../../domain/throttle-leases.ts';
import { apiErrorHandler, sendApiError } from './api-errors.ts';
import { strictValidatorCompiler } from './json-validator.ts';
import { OPENAPI_DOCUMENT } from './openapi.ts';
import { VERIFY_REQUEST_SCHEMA, type VerifyBody } from './verify-schemas.ts';

export interface ApiPluginOptions {
  readonly deps: DomainDeps;
}

export const API_PREFIX = '/api/v1';
const BEARER = /^Bearer ([A-Za-z0-9_-]+)$/;

/** The key of `Authorization: Bearer bzo_…`, or undefined when missing or malformed (no database needed). */
export function bearerKey(request: FastifyRequest): string | undefined {
  const match = BEARER.exec(request.headers.authorization ?? '');
  return match?.[1] !== undefined && API_KEY_FORMAT.test(match[1]) ? match[1] : undefined;
}

/** Idempotency-Key: 1–255 visible ASCII characters; undefined when absent, null when malformed (400). */
function idempotencyOf(request: FastifyRequest, fields: VerifyBody): IdempotencyRequest | undefined | null {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(header)) return null;
  const bodyHash = createHash('sha256').update(JSON.stringify([fields.contract, fields.login, fields.otp]), 'utf8').digest('hex');
  return { key: header, bodyHash };
}

function unauthorised(reply: FastifyReply): FastifyReply {
  return sendApiError(reply.header('www-authenticate', 'Bearer realm="bizotp"'), 401, 'api_key_invalid');
}

export async function apiPlugin(app: FastifyInstance, opts: ApiPluginOptions): Promise<void> {
  const { deps } = opts;
  // The hot path's throttles are leased in batches and the key's rate remembered (throttle-leases.ts,
  // api-key-memo.ts): no statement of their own on most requests, limits still shared by every instance.
  const gate = createLeasedThrottleGate(deps.store);
  const memo = createApiKeyMemo(deps.store);
  await app.register(async (api) => {
    api.setValidatorCompiler(strictValidatorCompiler());
    api.setErrorHandler(apiErrorHandler);
    api.setNotFoundHandler(async (_request, reply) => sendApiError(reply, 404, 'page_not_found'));

    api.get('/openapi.json', async (_request, reply) => reply.type('application/json; charset=utf-8').send(OPENAPI_DOCUMENT));

    api.post<{ Body: VerifyBody }>('/otp/verify', {
      schema: { body: VERIFY_REQUEST_SCHEMA },
      // Before the body is read: only JSON is accepted (not the site's form encoding), and a request without a
      // well-formed key is refused without touching the database.
      onRequest: async (request, reply) => {
        const type = request.headers['content-type'] ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type)) return sendApiError(reply, 415, 'bad_request');
        if (bearerKey(request) === undefined) return unauthorised(reply);
        return undefined;
      },
    }, async (request, reply) => {
      const keyHash = hashApiKey(bearerKey(request) ?? '');
      const nowMs = deps.now();
      const limited = await gate.pass(apiThrottlesAt(request.ip, keyHash, await memo.rate(keyHash, nowMs)), nowMs);
      if (!limited.ok) return sendApiError(reply.header('retry-after', String(limited.retryAfterSeconds)), 429, 'too_many_requests');
      const { contract, login, otp } = request.body;
      const idem = idempotencyOf(request, { contract, login, otp });
      if (idem === null) return sendApiError(reply, 400, 'bad_request');
      const outcome = await verifyForBank(deps, keyHash, { contractId: contract, loginId: login, otp }, request.ip, idem, memo);
      if (outcome.kind === 'unauthorised') return unauthorised(reply);
      if (outcome.kind === 'idempotency_key_reused') return sendApiError(reply, 422, 'idempotency_key_reused');
      if (outcome.idempotentReplay === true) reply.header('idempotent-replayed', 'true');
      return outcome.kind === 'accepted' ? { result: 'accepted', serial: outcome.serial } : { result: 'rejected', reason: outcome.reason };
    });
  }, { prefix: API_PREFIX });
}
