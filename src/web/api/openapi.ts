// The OpenAPI 3.1 document of the bank systems' API (product.md §6), served at /api/v1/openapi.json. The
// status codes are chosen so that a client's HTTP layer never retries a verdict: every verdict on a code is a
// 200 (read `result`); 4xx means the request itself could not be evaluated.

import { ERROR_SCHEMA, VERIFY_ACCEPTED_SCHEMA, VERIFY_REJECTED_SCHEMA, VERIFY_REQUEST_SCHEMA } from './verify-schemas.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export const OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'bizotp bank systems API',
    version: '1.0.0',
    description: 'Checks and consumes one-time passwords of corporate internet banking users. A code accepted here is spent exactly as a payment spends it: it is accepted at most once, ever, across every channel and server instance.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ apiKey: [] }],
  paths: {
    '/otp/verify': {
      post: {
        operationId: 'verifyOtp',
        summary: 'Check and consume the current OTP of the token that applies to a user',
        description: 'Under the per-user form the token registered to the user applies; under the shared form the contract\'s token. 5 consecutive wrong codes (counted per token, across users, channels and instances) lock the token. Time is the server\'s only.',
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description: 'Up to 255 visible ASCII characters, unique per request of this API key. A retry with the same key and the same body within 24 hours gets the first answer (with `Idempotent-Replayed: true`) instead of `replayed`; the answer is stored in the transaction of the verification it records. The same key with another body is a 422.',
            schema: { type: 'string', minLength: 1, maxLength: 255 },
          },
        ],
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/VerifyRequest' } } } },
        responses: {
          200: {
            description: 'A verdict: accepted (the code is now spent) or rejected with a reason. Both are 200.',
            content: { 'application/json': { schema: { oneOf: [{ $ref: '#/components/schemas/VerifyAccepted' }, { $ref: '#/components/schemas/VerifyRejected' }] } } },
          },
          400: error('The body is not valid JSON or does not match VerifyRequest (e.g. otp sent as a number).'),
          401: error('No API key, a malformed one, an unknown one or a revoked one (Authorization: Bearer bzo_…).'),
          413: error('The body is larger than 64 KiB.'),
          422: error('`idempotency_key_reused`: the Idempotency-Key was used with this API key for a request with other contract, login or otp within 24 hours. Nothing was checked or consumed.'),
          415: error('The body is not application/json.'),
          429: error('Too many requests from this source address or with this API key in the current minute (counted by every instance alike); `Retry-After` says in how many seconds the window ends. Nothing was checked or consumed.'),
          500: error('The server could not reach a verdict (e.g. the database is unavailable): nothing was consumed; retry.'),
        },
      },
    },
    '/openapi.json': {
      get: { operationId: 'openApiDocument', summary: 'This document', security: [], responses: { 200: { description: 'The OpenAPI document' } } },
    },
  },
  components: {
    securitySchemes: {
      apiKey: { type: 'http', scheme: 'bearer', description: 'An API key made with `bizotp apikeys create --name NAME` (shown once; only its SHA-256 is stored).' },
    },
    schemas: {
      VerifyRequest: VERIFY_REQUEST_SCHEMA,
      VerifyAccepted: VERIFY_ACCEPTED_SCHEMA,
      VerifyRejected: VERIFY_REJECTED_SCHEMA,
      Error: ERROR_SCHEMA,
    },
  },
} as const;
