#!/usr/bin/env node
// `bizotp` / `npx bizotp`: runs src/main.ts on Node 24 (type stripping). npm puts the project's own Node 24
// (the `node` dependency, installed by `npm ci --omit=dev` too) first on PATH for npx and npm scripts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `bizotp には Node.js 24 が必要です（現在 ${process.versions.node}）。npm ci（本番は npm ci --omit=dev）で入る Node 24 を使うよう、npx bizotp … または npm run bizotp -- … で実行してください。直接実行するなら Node.js 24 をインストールしてください。\n`,
  );
  process.exit(2);
}
await import('../src/main.ts');
