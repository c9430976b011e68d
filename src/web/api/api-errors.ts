// Every answer of the API is JSON, errors too: `{ error, message }` with an error code of the catalog and its
// Japanese message. A request's own fault (bad JSON, wrong schema, wrong media type, too large) keeps its
// 4xx; only a failure of the server is a 500, logged, with no detail.

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../domain/error-codes.ts';
import { messageFor } from '../../messages.ja.ts';

export function sendApiError(reply: FastifyReply, status: number, code: ErrorCode): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send({ error: code, message: messageFor(code) });
}

export async function apiErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const reported = typeof error.statusCode === 'number' ? error.statusCode : 500;
  const status = reported >= 400 && reported < 600 ? reported : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'API request failed');
    return sendApiError(reply, 500, 'server_error');
  }
  return sendApiError(reply, status, status === 404 ? 'page_not_found' : status === 401 ? 'api_key_invalid' : 'bad_request');
}
