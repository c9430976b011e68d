// The software token app's JSON API (soft token protocol v1) as a Fastify plugin under /app/api: activation,
// its confirmation by the first code, 利用解除 and the server's time. Same origin, no cookie and no session:
// a POST must come from this site (its Origin is checked like every POST's), is throttled per source address
// in the database (every instance counts alike), and never carries a secret either way.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import type { ErrorCode } from '../../domain/error-codes.ts';
import { activateSoftToken } from '../../domain/soft-token/activate-soft-token.ts';
import { confirmSoftToken } from '../../domain/soft-token/confirm-soft-token.ts';
import { deactivateSoftToken } from '../../domain/soft-token/deactivate-soft-token.ts';
import { APP_TOKEN_PARAMS } from '../../domain/soft-token/soft-token-protocol.ts';
import {
  ACTIVATION_WINDOW_MS, ACTIVATIONS_PER_SOURCE, APP_CODE_POSTS_PER_SOURCE, APP_CODE_WINDOW_MS, DEACTIVATIONS_PER_SERIAL_PER_DAY, DEACTIVATIONS_PER_SERIAL_PER_HOUR,
} from '../../domain/soft-token/soft-token-policy.ts';
import { sourceKey } from '../../domain/source-key.ts';
import { createThrottleGate, type Throttle } from '../../domain/throttle.ts';
import { sendApiError } from '../api/api-errors.ts';
import { strictValidatorCompiler } from '../api/json-validator.ts';
import { isSameOriginPost } from '../kit/csrf.ts';
import { statusOf } from '../kit/error-status.ts';
import { ACTIVATION_REQUEST_SCHEMA, CODE_REQUEST_SCHEMA, type ActivationBody, type CodeBody } from './app-api-schemas.ts';
import { decodeBase64Url } from './base64url.ts';

export interface AppApiOptions {
  readonly deps: DomainDeps;
}

export const APP_API_PREFIX = '/app/api';

const HOUR_MS = 60 * 60 * 1000;

function refuse(reply: FastifyReply, code: ErrorCode): FastifyReply {
  return sendApiError(reply, statusOf(code), code);
}

/** Before the body is read: JSON only, and from this very site. */
async function jsonFromThisSite(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) return sendApiError(reply, 415, 'bad_request');
  if (!isSameOriginPost(request)) return sendApiError(reply, 403, 'csrf_invalid');
  return undefined;
}

export async function appApiPlugin(app: FastifyInstance, opts: AppApiOptions): Promise<void> {
  const { deps } = opts;
  const gate = createThrottleGate(deps.store);
  // True when refused (the 429 is sent). Never the reply itself: a FastifyReply is thenable, so an async
  // function returning it resolves to undefined once it is sent, and the caller would carry on past its throttle.
  const refusedByThrottle = async (reply: FastifyReply, ...throttles: Throttle[]): Promise<boolean> => {
    const decision = await gate.pass(throttles, deps.now());
    if (decision.ok) return false;
    refuse(reply.header('retry-after', String(decision.retryAfterSeconds)), 'app_rate_limited');
    return true;
  };
  const activationThrottle = (ip: string): Throttle => ({ bucket: `app.activate:source:${sourceKey(ip)}`, limit: ACTIVATIONS_PER_SOURCE, windowMs: ACTIVATION_WINDOW_MS });
  const codeThrottle = (ip: string): Throttle => ({ bucket: `app.code:source:${sourceKey(ip)}`, limit: APP_CODE_POSTS_PER_SOURCE, windowMs: APP_CODE_WINDOW_MS });
  // Per serial, whatever the source: wrong 利用解除 codes do not lock the token, so these bound the guessing.
  const deactivationThrottles = (serial: string): Throttle[] => [
    { bucket: `app.deactivate:serial:${serial}:hour`, limit: DEACTIVATIONS_PER_SERIAL_PER_HOUR, windowMs: HOUR_MS },
    { bucket: `app.deactivate:serial:${serial}:day`, limit: DEACTIVATIONS_PER_SERIAL_PER_DAY, windowMs: 24 * HOUR_MS },
  ];

  await app.register(async (api) => {
    api.setValidatorCompiler(strictValidatorCompiler());
    // Every answer is JSON and never cached; a request's own fault keeps its 4xx, only the server's is a 500.
    api.addHook('onSend', async (_request, reply, payload) => {
      reply.header('cache-control', 'no-store');
      return payload;
    });
    api.setErrorHandler(async (error: { statusCode?: number }, request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) {
        request.log.error({ err: error }, 'app API request failed');
        return sendApiError(reply, 500, 'server_error');
      }
      return sendApiError(reply, status, status === 404 ? 'page_not_found' : status === 429 ? 'app_rate_limited' : 'bad_request');
    });
    api.setNotFoundHandler(async (_request, reply) => sendApiError(reply, 404, 'page_not_found'));

    api.get('/time', async () => ({ serverTime: deps.now() }));

    api.post<{ Body: ActivationBody }>('/activations', { schema: { body: ACTIVATION_REQUEST_SCHEMA }, onRequest: jsonFromThisSite }, async (request, reply) => {
      if (await refusedByThrottle(reply, activationThrottle(request.ip))) return reply;
      const publicKey = decodeBase64Url(request.body.publicKey);
      if (publicKey === undefined) return refuse(reply, 'invalid_public_key');
      const activation = await activateSoftToken(deps, request.ip, publicKey);
      if (!activation.ok) return refuse(reply, activation.code);
      return reply.code(201).send({
        activationId: Buffer.from(activation.activationId).toString('base64url'),
        serial: activation.serial,
        serverPublicKey: Buffer.from(activation.serverPublicKey).toString('base64url'),
        totp: { algorithm: 'SHA-256', digits: APP_TOKEN_PARAMS.digits, period: APP_TOKEN_PARAMS.stepSeconds },
        ocraSuite: activation.ocraSuite,
        serverTime: activation.serverTimeMs,
        confirmation: Buffer.from(activation.confirmation).toString('base64url'),
      });
    });

    api.post<{ Body: CodeBody }>('/activations/confirm', { schema: { body: CODE_REQUEST_SCHEMA }, onRequest: jsonFromThisSite }, async (request, reply) => {
      if (await refusedByThrottle(reply, codeThrottle(request.ip))) return reply;
      const outcome = await confirmSoftToken(deps, request.ip, { serial: request.body.serial, code: request.body.code });
      if (!outcome.ok) return refuse(reply, outcome.code);
      return { serial: outcome.serial, state: outcome.state };
    });

    api.post<{ Body: CodeBody }>('/deactivate', { schema: { body: CODE_REQUEST_SCHEMA }, onRequest: jsonFromThisSite }, async (request, reply) => {
      // The source first: a source over its own limit spends nothing of the serial's budget.
      if (await refusedByThrottle(reply, codeThrottle(request.ip), ...deactivationThrottles(request.body.serial))) return reply;
      const outcome = await deactivateSoftToken(deps, request.ip, { serial: request.body.serial, code: request.body.code });
      if (!outcome.ok) return refuse(reply, outcome.code);
      return { serial: outcome.serial, state: 'revoked' };
    });
  }, { prefix: APP_API_PREFIX });
}
