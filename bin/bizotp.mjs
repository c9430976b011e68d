#!/usr/bin/env node
// `bizotp` / `npx bizotp`: runs src/main.ts on Node 24 (type stripping). npm puts the project's own Node 24
// (the `node` devDependency) first on PATH for npx and npm scripts.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`bizotp には Node.js 24 以上が必要です（現在 ${process.versions.node}）。npx bizotp または npm run bizotp -- … で実行してください。\n`);
  process.exit(2);
}
await import('../src/main.ts');
