// The composition root: configuration → clock, keyring, store → CLI and web server. The only place that
// reads the system clock (style.md habit 1).

import { runCli } from './cli/run-cli.ts';
import type { CliContext } from './cli/context.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDeps } from './compose.ts';
import type { DomainDeps } from './domain/deps.ts';
import { createReservationScheduler } from './reservation-scheduler.ts';
import { SchemaBehindError } from './store/open-store.ts';
import { startServer } from './web/server.ts';
import { createMetrics } from './observability/metrics.ts';

/** `bizotp start` is the demo (npm start): it runs in development mode whatever the environment says. */
function environmentFor(verb: string | undefined): NodeJS.ProcessEnv {
  return verb === 'start' ? { ...process.env, BIZOTP_DEV: '1' } : process.env;
}

async function main(argv: string[]): Promise<number> {
  let config: Config | undefined;
  let deps: DomainDeps | undefined;
  let serving = false;
  // One registry for this process: the store reports into it from the moment it opens, /metrics reads it.
  const metrics = createMetrics({ processMetrics: argv[0] === 'serve' || argv[0] === 'start' });
  const ctx: CliContext = {
    io: { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
    config: () => (config ??= loadConfig(environmentFor(argv[0]))),
    open: async (options) => (deps ??= await openDeps(ctx.config(), () => Date.now(), { schema: options?.migrate === true ? 'migrate' : 'require-current', metrics, serving: argv[0] === 'serve' || argv[0] === 'start' })),
    serve: async (d) => {
      serving = true;
      await startServer(d, ctx.config(), metrics);
      // Reservations (予約) execute on their date while the server runs; `bizotp payments run-due` does the
      // same for a bank's own scheduler.
      createReservationScheduler(d, {
        onError: (err) => process.stderr.write(`予約の実行に失敗しました（次回再試行します）: ${String(err)}\n`),
        onRun: (c) => {
          if (c.executed + c.failed + c.errors > 0) process.stdout.write(`予約: 実行 ${c.executed}件、実行不可 ${c.failed}件、エラー ${c.errors}件\n`);
        },
        onPurge: (c) => {
          if (c.pending + c.active > 0) process.stdout.write(`ソフトウェアトークン削除: 有効化未完了 ${c.pending}件、未登録 ${c.active}件\n`);
        },
        onPurgeError: (err) => process.stderr.write(`ソフトウェアトークンの削除に失敗しました（次回再試行します）: ${String(err)}\n`),
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
    if (err instanceof SchemaBehindError) {
      process.stderr.write(`データベースのスキーマが古いため起動できません。bizotp migrate を実行してください。（未適用: ${err.pending.join(', ')}）\n`);
      return 2;
    }
    throw err;
  } finally {
    if (!serving) await deps?.store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
