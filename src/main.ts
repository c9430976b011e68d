// The composition root: configuration → clock, keyring, store → CLI and web server. The only place that
// reads the system clock (style.md habit 1).

import { runCli } from './cli/run-cli.ts';
import type { CliContext } from './cli/context.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDeps } from './compose.ts';
import type { DomainDeps } from './domain/deps.ts';
import { createReservationScheduler } from './reservation-scheduler.ts';
import { startServer } from './web/server.ts';

async function main(argv: string[]): Promise<number> {
  let config: Config | undefined;
  let deps: DomainDeps | undefined;
  let serving = false;
  const ctx: CliContext = {
    io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    config: () => (config ??= loadConfig()),
    open: async () => (deps ??= await openDeps(ctx.config(), () => Date.now())),
    serve: async (d) => {
      serving = true;
      await startServer(d, ctx.config());
      // Reservations (予約) execute on their date while the server runs; `bizotp payments run-due` does the
      // same for a bank's own scheduler.
      createReservationScheduler(d, {
        onError: (err) => process.stderr.write(`予約の実行に失敗しました（次回再試行します）: ${String(err)}\n`),
        onRun: (c) => {
          if (c.executed + c.failed + c.errors > 0) process.stdout.write(`予約: 実行 ${c.executed}件、実行不可 ${c.failed}件、エラー ${c.errors}件\n`);
        },
      }).start();
    },
  };
  try {
    return await runCli(argv, ctx);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`設定が正しくありません: ${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    if (!serving) await deps?.store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
