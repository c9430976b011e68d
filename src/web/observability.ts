// What operators watch: the request id echoed, one access line per request, the HTTP duration metric, and
// GET /metrics (Prometheus text) for the configured addresses only.

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Metrics } from '../observability/metrics.ts';
import { addressMatcher } from './address-list.ts';

export interface ObservabilityOptions {
  readonly metrics: Metrics;
  /** BIZOTP_METRICS_ALLOW: addresses/CIDRs allowed to read /metrics (loopback by default). */
  readonly metricsAllow: readonly string[];
}

/** Which audience a request belongs to, from its path: a bounded word for the log, never user input. */
function audienceOf(path: string): string {
  if (path.startsWith('/api/')) return 'api';
  if (path === '/user' || path.startsWith('/user/')) return 'user';
  if (path === '/bank' || path.startsWith('/bank/')) return 'bank';
  if (path === '/healthz' || path === '/readyz' || path === '/metrics' || path.startsWith('/static/')) return 'ops';
  return 'admin';
}

/** The route template (`/api/v1/otp/verify`), never the raw path, so labels and log fields stay bounded. */
function routeOf(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

export function installObservability(app: FastifyInstance, opts: ObservabilityOptions): void {
  const allowed = addressMatcher(opts.metricsAllow);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const durationMs = reply.elapsedTime;
    const route = routeOf(request);
    opts.metrics.httpRequest(request.method, route, reply.statusCode, durationMs);
    // One JSON line per request; the request id is on every line (requestIdLogLabel). No body, no header.
    request.log.info(
      { method: request.method, route, status: reply.statusCode, durationMs: Math.round(durationMs * 10) / 10, ip: request.ip, audience: audienceOf(request.url) },
      'request',
    );
  });
  // request.ip is the client as the trusted proxy names it: a request that came through nginx carries the
  // internet client's address and is refused even though its peer is loopback.
  app.get('/metrics', async (request, reply) => {
    if (!allowed(request.ip)) return reply.code(403).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('forbidden\n');
    return reply.header('cache-control', 'no-store').type(opts.metrics.registry.contentType).send(await opts.metrics.registry.metrics());
  });
}
