// The one error handler of every audience's screens: a failed request becomes its error code and status,
// rendered as the audience's Japanese error page, never a stack trace. A refusal thrown as HttpFailure
// carries its code; an error from Fastify itself (a bad body, an unknown route) keeps its 4xx status and
// gets the code of that status; anything else is logged and shown as 500 with no detail.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../../domain/error-codes.ts';
import { HttpFailure } from '../http-failure.ts';
import type { SafeHtml } from '../html.ts';
import { sendPage } from '../respond.ts';
import { statusOf } from './error-status.ts';

/** The codes of statuses Fastify itself answers with; any other 4xx is a bad request. */
const CODE_FOR_STATUS: Readonly<Record<number, ErrorCode>> = { 403: 'csrf_invalid', 404: 'page_not_found', 429: 'too_many_requests' };

export function errorCodeFor(error: FastifyError | HttpFailure): { status: number; code: ErrorCode } {
  const reported = typeof error.statusCode === 'number' ? error.statusCode : 500;
  const status = reported >= 400 && reported < 600 ? reported : 500;
  if (error instanceof HttpFailure) return { status, code: error.errorCode };
  return { status, code: CODE_FOR_STATUS[status] ?? (status >= 500 ? 'server_error' : 'bad_request') };
}

/** Installs the error and not-found handlers of one scope, rendering `pageFor`. */
export function installAudienceErrors(app: FastifyInstance, pageFor: (code: ErrorCode, request: FastifyRequest) => SafeHtml): void {
  app.setErrorHandler(async (error: FastifyError | HttpFailure, request: FastifyRequest, reply: FastifyReply) => {
    const { status, code } = errorCodeFor(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return sendPage(reply, pageFor(code, request), status);
  });
  app.setNotFoundHandler(async (request, reply) => sendPage(reply, pageFor('page_not_found', request), statusOf('page_not_found')));
}
