// bizotp serve — serves the web screens and the API. It never creates demo data, so a bank's database
// never holds the demo's known secrets (product.md §7); `bizotp start` (npm start) loads them first.

import { loadDemoData } from '../demo-data.ts';
import type { DomainDeps } from '../domain/deps.ts';
import { keyStatus } from '../domain/key-status.ts';
import { parseCommandArgs, stringOption } from './args.ts';
import { EXIT_OK, EXIT_USAGE, answer, say, type CliContext, type Command } from './context.ts';
import { configuredKeyIds } from './keys-status.ts';
import { isPostgresUrl } from '../store/open-store.ts';
import { isClusterWorker, MAX_WORKERS, parseWorkers, runWorkers } from './serve-workers.ts';

/**
 * Every key id the stored secrets were sealed under must be configured before serving: otherwise those
 * tokens would fail one by one at their users' next payment instead of the operator seeing it now.
 */
async function missingKeys(deps: DomainDeps, ctx: CliContext): Promise<string | null> {
  const { missing } = await keyStatus(deps, configuredKeyIds(ctx.config()));
  if (missing.length === 0) return null;
  return `設定されていないマスターキーで暗号化された秘密があるため起動できません。鍵ID: ${missing.join(', ')}。その鍵を BIZOTP_PREVIOUS_MASTER_KEYS に加えてください。`;
}

export const serveHelp = `使い方: bizotp serve [--workers N]
  画面とAPIを http://localhost:PORT で提供します（既定 3000）。デモデータは作成しません。
  --workers N: N 個のプロセスで同じポートを提供します（PostgreSQL のみ。SQLite は書き込みが 1 プロセスに限られるため 1）。
  マスターキー（BIZOTP_MASTER_KEY_FILE / BIZOTP_MASTER_KEY）が必要です。スキーマが古いときは起動しません
  （先に bizotp migrate）。BIZOTP_DEV=1 でなければ Cookie は Secure（__Host-）になり HSTS を送ります。`;

export const startHelp = `使い方: bizotp start
  空のデータベースにデモデータを入れてから、画面とAPIを提供します（npm start）。
  デモ用なので常に開発モード（BIZOTP_DEV=1）で動きます。`;

export const serve: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, { workers: { type: 'string' } });
  if (parsed.values.help === true) return answer(ctx.io.stdout, serveHelp, EXIT_OK);
  const workers = parseWorkers(stringOption(parsed, 'workers'));
  if (workers === null) return answer(ctx.io.stderr, `--workers には 1 から ${MAX_WORKERS} までの整数を指定してください。`, EXIT_USAGE);
  const clustered = workers > 1 && !isClusterWorker();
  if (clustered && !isPostgresUrl(ctx.config().databaseUrl)) {
    return answer(ctx.io.stderr, 'SQLite では --workers を指定できません。SQLite への書き込みは 1 プロセスに限られます（README「Several processes」）。複数のプロセスには PostgreSQL を使ってください。', EXIT_USAGE);
  }
  const deps = await ctx.open();
  const refusal = await missingKeys(deps, ctx);
  if (refusal !== null) return answer(ctx.io.stderr, refusal, EXIT_USAGE);
  // The primary checks what every worker would (schema, keys) once, then only forks and watches them.
  if (clustered) return runWorkers(workers, (line) => say(ctx.io.stderr, line));
  await ctx.serve(deps);
  return EXIT_OK;
};

export const start: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, startHelp, EXIT_OK);
  const deps = await ctx.open({ migrate: true });
  const loaded = await loadDemoData(deps);
  if (loaded) say(ctx.io.stdout, 'デモデータを作成しました（README の「デモ」を参照）。');
  const refusal = await missingKeys(deps, ctx);
  if (refusal !== null) return answer(ctx.io.stderr, refusal, EXIT_USAGE);
  await ctx.serve(deps);
  return EXIT_OK;
};
