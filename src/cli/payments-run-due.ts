// bizotp payments run-due — executes the reservations (予約) that are due, once, and prints what happened:
// for banks that run it from their own scheduler instead of (or as well as) the server's timer. Safe to run
// while servers run theirs: each reservation is claimed by exactly one runner (run-due-reservations.ts).

import { hostname } from 'node:os';
import { runDueReservations } from '../domain/run-due-reservations.ts';
import { parseCommandArgs } from './args.ts';
import { EXIT_OK, answer, say, type Command } from './context.ts';

export const help = `使い方: bizotp payments run-due
  実行日を迎えた資金移動の予約を実行し、件数を表示します（実行・実行不可・他の実行者が処理・エラー）。
  サーバーも同じ処理を定期的に行います。同時に実行しても、1件の予約が2回実行されることはありません。`;

export const paymentsRunDue: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const deps = await ctx.open();
  const counts = await runDueReservations(deps, { runnerId: `cli:${hostname()}:${process.pid}` });
  say(ctx.io.stdout, `実行 ${counts.executed}件、実行不可 ${counts.failed}件、他の実行者が処理 ${counts.takenOver}件、エラー ${counts.errors}件`);
  // An error leaves the reservation claimed until its lease ends; the next run (or a server) executes it.
  if (counts.errors > 0) say(ctx.io.stderr, 'エラーになった予約は、一定時間後の次回の実行で処理されます。');
  return EXIT_OK;
};
