// A refusal that ends a request with an error page (CSRF, rate limit, not found), thrown from hooks and
// rendered by the audience's error handler (kit/error-handler.ts).

import type { ErrorCode } from '../domain/error-codes.ts';

export class HttpFailure extends Error {
  readonly statusCode: number;
  readonly errorCode: ErrorCode;

  constructor(statusCode: number, errorCode: ErrorCode) {
    super(errorCode);
    this.name = 'HttpFailure';
    this.statusCode = statusCode;
    this.errorCode = errorCode;
  }
}
