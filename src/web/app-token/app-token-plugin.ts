// The software token app at /app (SOFT-TOKEN-SPEC): one page, its modules, style, manifest, icons and the
// service worker. Its own Content Security Policy, loosened from the site's only as the app needs: its own
// scripts, a worker, a manifest and same-origin fetch; and the camera (for 取引認証's QR code) on /app only.
// The API under /app/api is another plugin's.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appAssets } from './app-assets.ts';

export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

export const APP_PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=()';

async function appHeaders(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('content-security-policy', APP_CONTENT_SECURITY_POLICY);
  reply.header('permissions-policy', APP_PERMISSIONS_POLICY);
  // Revalidated on every load: the service worker keeps the offline copy, the HTTP cache need not.
  reply.header('cache-control', 'no-cache');
  reply.removeHeader('pragma');
}

export async function appTokenPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('onRequest', appHeaders);
  // The assets are built on the first request, not at start-up: most processes that build the app (tests,
  // CLI verbs) never serve /app. No wildcard reaches /app/api, whose 404s are the API's own JSON ones.
  const serve = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const path = request.url.split('?')[0] ?? '';
    const asset = appAssets().get(path);
    if (asset === undefined) {
      reply.callNotFound();
      return reply;
    }
    if (path === '/app/sw.js') reply.header('service-worker-allowed', '/app');
    return reply.type(asset.type).send(asset.body);
  };
  app.get('/app', serve);
  app.get('/app/', async (_request, reply) => reply.redirect('/app', 308));
  for (const route of ['/app/static/*', '/app/icons/*', '/app/sw.js', '/app/manifest.webmanifest']) app.get(route, serve);
}
