// Fastify's logger and request ids for the app: one JSON line per request (access-log hook in
// observability.ts), secrets never written. Bodies are never logged at all; the headers that carry secrets
// are redacted wherever a request or response object reaches a log line (a 5xx logs its request).

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LogController, type FastifyServerOptions } from 'fastify';
import { addressMatcher } from './address-list.ts';

/** Where log lines go: stdout in `serve`, a capturing stream in tests. */
export interface LogStream {
  write(line: string): void;
}

/** The header fields that carry secrets (ASVS 5.0 16.2.5): API keys, session cookies, idempotency keys. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'idempotency-key', 'x-api-key'];

export const REDACT_PATHS: readonly string[] = [
  ...SECRET_HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`]),
  'req.body',
  'body',
  'req.query',
  'query',
];

/** A request id from the proxy is kept only when it is short and plain, so it cannot forge a log line. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface LogSettings {
  readonly enabled: boolean;
  readonly stream?: LogStream;
  readonly trustedProxies: readonly string[];
}

/** The parts of Fastify's constructor options that make logging and request ids. */
export function loggingOptions(settings: LogSettings): Pick<FastifyServerOptions, 'logger' | 'genReqId' | 'requestIdHeader' | 'logController'> {
  const trusted = addressMatcher(settings.trustedProxies);
  return {
    logger: settings.enabled
      ? {
          level: 'info',
          redact: { paths: [...REDACT_PATHS], censor: '[REDACTED]' },
          timestamp: () => `,"time":"${new Date().toISOString()}"`,
          // Only what the access line needs; never the query string, where a mistaken client may put a secret.
          serializers: { req: (req: { method?: string; url?: string }) => ({ method: req.method, path: (req.url ?? '').split('?')[0] }) },
          ...(settings.stream === undefined ? {} : { stream: settings.stream }),
        }
      : false,
    // X-Request-Id is accepted from a trusted proxy only (nginx's $request_id), so a client cannot choose the
    // id its requests are logged under; otherwise one is made here. It is echoed in the response.
    requestIdHeader: false,
    genReqId: (raw: IncomingMessage): string => {
      const given = raw.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) && trusted(raw.socket.remoteAddress) ? given : randomUUID();
    },
    // The access line is written once, on response, by observability.ts; 5xx errors by the error handlers.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
  };
}
