// Everything /app serves, built once at start-up: the client's TypeScript modules with their types stripped
// (node:module stripTypeScriptTypes; the sources are type-checked by client/tsconfig.json), the page, the
// style, the manifest, the icons and the service worker, whose shell version is a hash of all of them.

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { stripTypeScriptTypes } from 'node:module';
import { appIcons } from './app-icons.ts';

export interface Asset {
  readonly type: string;
  readonly body: Buffer;
}

const here = (name: string): URL => new URL(name, import.meta.url);
const JS = 'text/javascript; charset=utf-8';

/**
 * Node marks stripTypeScriptTypes experimental and warns on stderr on first use; the warning is about the
 * API's stability, which client/tsconfig.json and the browser test cover, so it is not printed for every
 * process that builds the app (CLI runs read their stderr).
 */
function strip(source: string): string {
  const emit = process.emitWarning;
  process.emitWarning = (() => undefined) as typeof process.emitWarning;
  try {
    return stripTypeScriptTypes(source, { mode: 'strip' });
  } finally {
    process.emitWarning = emit;
  }
}

function build(): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  const clientDir = here('./client/');
  for (const name of readdirSync(clientDir).sort()) {
    if (!name.endsWith('.ts') || name === 'sw.ts') continue;
    assets.set(`/app/static/${name}`, { type: JS, body: Buffer.from(strip(readFileSync(new URL(name, clientDir), 'utf8'))) });
  }
  assets.set('/app/static/app.css', { type: 'text/css; charset=utf-8', body: readFileSync(here('./app-token.css')) });
  for (const [name, png] of appIcons()) assets.set(`/app/icons/${name}`, { type: 'image/png', body: png });
  assets.set('/app/manifest.webmanifest', { type: 'application/manifest+json; charset=utf-8', body: Buffer.from(JSON.stringify(manifest(), null, 2)) });
  assets.set('/app', { type: 'text/html; charset=utf-8', body: readFileSync(here('./app-shell.html')) });

  const shell = [...assets.keys()];
  const hash = createHash('sha256');
  for (const path of shell) hash.update(path).update(assets.get(path)?.body ?? '');
  const version = hash.digest('hex').slice(0, 16);
  const prelude = `const SHELL_VERSION = ${JSON.stringify(version)};\nconst SHELL_FILES = ${JSON.stringify(shell)};\n`;
  assets.set('/app/sw.js', { type: JS, body: Buffer.from(prelude + strip(readFileSync(here('./client/sw.ts'), 'utf8'))) });
  return assets;
}

function manifest(): object {
  return {
    id: '/app',
    name: 'ソフトウェアトークン',
    short_name: 'トークン',
    description: 'ワンタイムパスワードと取引認証番号を表示します。',
    lang: 'ja',
    dir: 'ltr',
    start_url: '/app',
    scope: '/app',
    display: 'standalone',
    orientation: 'portrait',
    background_color: '#ffffff',
    theme_color: '#0b4f8a',
    icons: [
      { src: '/app/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/app/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/app/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}

let built: ReadonlyMap<string, Asset> | null = null;

/** Built on first use and kept: the files do not change while the process runs. */
export function appAssets(): ReadonlyMap<string, Asset> {
  built ??= build();
  return built;
}
