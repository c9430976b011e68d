// Nothing crashes in front of a customer: every error becomes a Japanese page, never a stack trace. Errors
// a request caused (a bad body, a refused CSRF token) keep their 4xx status; anything else is logged and
// shown as 500 with no detail.

import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '../domain/error-codes.ts';
import { HttpFailure } from './http-failure.ts';
import { sendPage } from './respond.ts';
import { errorPage } from './views/error-page.ts';
import type { PageSession } from './views/layout.ts';

function codeFor(status: number): ErrorCode {
  if (status === 404) return 'page_not_found';
  if (status === 429) return 'too_many_requests';
  if (status === 403) return 'csrf_invalid';
  return status >= 500 ? 'server_error' : 'bad_request';
}

function sessionOf(request: FastifyRequest): PageSession | undefined {
  // The contract's name would need the database, which may be what failed; the header shows a neutral name.
  return request.admin === null || request.admin === undefined ? undefined : { contractName: `ご契約先ID ${request.admin.contractId}`, csrfToken: request.admin.session.csrfToken };
}

export function installErrorPages(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | HttpFailure, request: FastifyRequest, reply: FastifyReply) => {
    const reported = typeof error.statusCode === 'number' ? error.statusCode : 500;
    const status = reported >= 400 && reported < 600 ? reported : 500;
    const code = error instanceof HttpFailure ? error.errorCode : codeFor(status);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return sendPage(reply, errorPage(code, sessionOf(request)), status);
  });
  app.setNotFoundHandler(async (request, reply) => sendPage(reply, errorPage('page_not_found', sessionOf(request)), 404));
}
