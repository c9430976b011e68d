// Security headers on every response (ASVS 4.0.3 14.4) and no caching of anything but the static files
// (ASVS 4.0.3 8.2.1): a page of the admin's screens must never come back from a shared or back-button cache.

import type { FastifyReply, FastifyRequest } from 'fastify';

/** No script at all; styles only from our own static file; forms only to ourselves; never in a frame. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const STATIC_PREFIX = '/static/';

export function securityHeaders(secure: boolean) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with form POSTs, and the
    // same-origin check of a POST needs the real origin. Nothing leaks to other sites either way.
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    if (secure) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (!request.url.startsWith(STATIC_PREFIX)) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
  };
}
