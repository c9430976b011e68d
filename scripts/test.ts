// `npm test`: the type check, the linter (Biome, biome.json), then every unit and cross-cutting test with
// node's own runner.
// The PostgreSQL suite runs when BIZOTP_TEST_POSTGRES_URL names a database it may wipe (see .ci/run).
import { spawnSync } from 'node:child_process';

function run(cmd: string, args: string[]): number {
  const result = spawnSync(cmd, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

const patterns = process.argv.slice(2);
if (patterns.length === 0) {
  const typecheck = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json']);
  if (typecheck !== 0) process.exit(typecheck);
  // The /app client runs in the browser: its own program with the DOM library (src/web/app-token/client).
  const clientTypecheck = run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'src/web/app-token/client/tsconfig.json']);
  if (clientTypecheck !== 0) process.exit(clientTypecheck);
  const lint = run(process.execPath, ['node_modules/@biomejs/biome/bin/biome', 'lint', '--error-on-warnings']);
  if (lint !== 0) process.exit(lint);
}
const files = patterns.length > 0 ? patterns : ['src/**/*.test.ts', 'test/**/*.test.ts'];
process.exit(run(process.execPath, ['--test', '--test-concurrency=2', ...files]));
