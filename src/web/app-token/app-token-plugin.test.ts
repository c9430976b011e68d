import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setup } from '../../../test/web/fixture.ts';
import { CONTENT_SECURITY_POLICY } from '../security-headers.ts';
import { appAssets } from './app-assets.ts';
import { APP_CONTENT_SECURITY_POLICY } from './app-token-plugin.ts';

function pngSize(body: Buffer): [number, number] {
  assert.equal(body.subarray(1, 4).toString('ascii'), 'PNG');
  return [body.readUInt32BE(16), body.readUInt32BE(20)];
}

test('the app page is served with its own CSP: own scripts, worker and manifest, no inline script, camera on /app only', async () => {
  const f = await setup({ users: 1 });
  const app = f.createApp();
  try {
    const page = await app.inject({ method: 'GET', url: '/app' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    assert.equal(csp, APP_CONTENT_SECURITY_POLICY);
    for (const directive of ["script-src 'self'", "worker-src 'self'", "manifest-src 'self'", "connect-src 'self'", "default-src 'none'"]) assert.ok(csp.includes(directive), directive);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
    assert.equal(page.headers['permissions-policy'], 'camera=(self), microphone=(), geolocation=(), payment=()');
    assert.doesNotMatch(page.body, /<script(?![^>]*\ssrc=)/, 'no inline script');
    assert.doesNotMatch(page.body, /\sstyle=|<style/, 'no inline style');

    const elsewhere = await app.inject({ method: 'GET', url: '/login' });
    assert.equal(elsewhere.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
    assert.match(String(elsewhere.headers['permissions-policy']), /camera=\(\)/);

    const redirect = await app.inject({ method: 'GET', url: '/app/' });
    assert.equal(redirect.statusCode, 308);
    assert.equal(redirect.headers.location, '/app');
  } finally {
    await app.close();
    await f.close();
  }
});

test('every module the page and its modules import is served as JavaScript with its types stripped', async () => {
  const f = await setup({ users: 1 });
  const app = f.createApp();
  try {
    const page = await app.inject({ method: 'GET', url: '/app' });
    const pending = [...page.body.matchAll(/src="(\/app\/static\/[^"]+)"/g)].map((m) => m[1] ?? '');
    const seen = new Set<string>();
    while (pending.length > 0) {
      const url = pending.pop() ?? '';
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      assert.match(String(res.headers['content-type']), /^text\/javascript/, url);
      assert.doesNotMatch(res.body, /^\s*(interface|type) \w+|: (string|number|boolean|CryptoKey)\b[,;)=]/m, `${url} still has types`);
      for (const m of res.body.matchAll(/from '\.\/([\w-]+\.ts)'/g)) pending.push(`/app/static/${m[1]}`);
    }
    assert.ok(seen.has('/app/static/token-crypto.ts'));
    assert.ok(seen.size >= 10);
  } finally {
    await app.close();
    await f.close();
  }
});

test('the manifest makes the app installable: standalone, scoped to /app, 192 and 512 px icons and a maskable one', async () => {
  const f = await setup({ users: 1 });
  const app = f.createApp();
  try {
    const res = await app.inject({ method: 'GET', url: '/app/manifest.webmanifest' });
    assert.match(String(res.headers['content-type']), /^application\/manifest\+json/);
    const manifest = JSON.parse(res.body) as { start_url: string; scope: string; display: string; icons: { src: string; sizes: string; purpose: string }[] };
    assert.equal(manifest.start_url, '/app');
    assert.equal(manifest.scope, '/app');
    assert.equal(manifest.display, 'standalone');
    for (const icon of manifest.icons) {
      const png = await app.inject({ method: 'GET', url: icon.src });
      assert.equal(png.headers['content-type'], 'image/png');
      const [w, h] = pngSize(png.rawPayload);
      assert.equal(`${w}x${h}`, icon.sizes);
    }
    assert.deepEqual(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`).sort(), ['192x192 any', '512x512 any', '512x512 maskable']);
  } finally {
    await app.close();
    await f.close();
  }
});

test('the service worker may control /app, caches the whole shell, and never the API', async () => {
  const f = await setup({ users: 1 });
  const app = f.createApp();
  try {
    const res = await app.inject({ method: 'GET', url: '/app/sw.js' });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['service-worker-allowed'], '/app');
    const shell = JSON.parse(/const SHELL_FILES = (\[.*\]);/.exec(res.body)?.[1] ?? '[]') as string[];
    assert.deepEqual(shell.sort(), [...appAssets().keys()].filter((p) => p !== '/app/sw.js').sort());
    assert.ok(shell.includes('/app'));
    assert.ok(shell.every((p) => !p.startsWith('/app/api')));
    assert.match(res.body, /startsWith\('\/app\/api\/'\)/);
  } finally {
    await app.close();
    await f.close();
  }
});

test('the icons are the same bytes on every build (the shell version depends on them)', async () => {
  const { appIcons } = await import('./app-icons.ts');
  const a = appIcons();
  const b = appIcons();
  for (const [name, png] of a) assert.ok(png.equals(b.get(name) ?? Buffer.alloc(0)), name);
});
