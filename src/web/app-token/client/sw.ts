// The service worker: the app's shell (page, modules, style, manifest, icons) is cached at install so that
// the installed app opens and shows codes offline. /app/api is never cached or answered from the cache: it
// always goes to the network (SOFT-TOKEN-SPEC). SHELL_VERSION and SHELL_FILES are prepended when served
// (app-assets.ts); a change to any shell file changes this script, and the browser installs the new one.

declare const SHELL_VERSION: string;
declare const SHELL_FILES: readonly string[];

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScopeLike {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const worker = self as unknown as WorkerScopeLike;
const CACHE = `bizotp-app-shell-${SHELL_VERSION}`;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll([...SHELL_FILES]))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('bizotp-app-shell-') && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname.startsWith('/app/api/') || !SHELL_FILES.includes(url.pathname)) return;
  // Network first, so that an online app is always current; the cached shell when the network fails.
  event.respondWith(
    fetch(event.request).catch(async () => {
      const cached = await caches.match(url.pathname, { cacheName: CACHE });
      if (cached === undefined) throw new TypeError('offline and not cached');
      return cached;
    }),
  );
});
