// bizotp backup FILE — a consistent copy of a SQLite database, safe while servers run. PostgreSQL is backed
// up with its own tools: the command prints the procedure and exits 2.

import { isPostgresUrl } from '../store/open-store.ts';
import { backupSqlite } from '../store/sqlite/backup-sqlite.ts';
import { parseCommandArgs, UsageError } from './args.ts';
import { EXIT_OK, EXIT_REJECTED, EXIT_USAGE, answer, type Command } from './context.ts';

export const help = `使い方: bizotp backup ファイル
  SQLite のデータベースを、サーバーを止めずに一貫した状態でファイルへ複製し、整合性を検査します。
  既にあるファイルには書きません。マスターキーは複製に含まれません（別に保管してください）。`;

export const POSTGRES_BACKUP_PROCEDURE = `PostgreSQL のバックアップは PostgreSQL の道具で行います（README「Running in production」参照）:
  pg_dump --format=custom --file=bizotp-YYYYMMDD.dump "$BIZOTP_DATABASE_URL"
  復元: createdb bizotp_restore && pg_restore --dbname=bizotp_restore --no-owner bizotp-YYYYMMDD.dump
  継続的な保全には WAL アーカイブ（pg_basebackup と archive_command）を使ってください。`;

export const backup: Command = async (args, ctx) => {
  const parsed = parseCommandArgs(args, {});
  if (parsed.values.help === true) return answer(ctx.io.stdout, help, EXIT_OK);
  const [file, extra] = parsed.positionals;
  if (file === undefined || extra !== undefined) throw new UsageError('複製先のファイルを一つ指定してください。');
  const url = ctx.config().databaseUrl;
  if (isPostgresUrl(url)) return answer(ctx.io.stderr, POSTGRES_BACKUP_PROCEDURE, EXIT_USAGE);
  try {
    const { pages } = await backupSqlite(url, file);
    return answer(ctx.io.stdout, `${file} に複製しました（${pages}ページ、整合性検査 ok）。`, EXIT_OK);
  } catch (error) {
    return answer(ctx.io.stderr, `複製できませんでした: ${(error as Error).message}`, EXIT_REJECTED);
  }
};
