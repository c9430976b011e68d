// An online copy of a SQLite database: node:sqlite's backup() (the SQLite Online Backup API) copies pages in
// steps on a connection of its own and starts again when another connection writes meanwhile, so the copy is
// one consistent moment even while servers keep committing. The copy is checked before it gets its name.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';

/** Pages per step: small steps let writers in between (node's default is 100). */
const PAGES_PER_STEP = 1000;

export interface BackupResult {
  readonly pages: number;
}

/** Copies the database at `sourcePath` to `destPath` (which must not exist) and checks the copy's integrity. */
export async function backupSqlite(sourcePath: string, destPath: string): Promise<BackupResult> {
  if (!existsSync(sourcePath)) throw new Error(`no database at ${sourcePath}`);
  if (existsSync(destPath)) throw new Error(`${destPath} already exists`);
  const partial = `${destPath}.partial`;
  rmSync(partial, { force: true });
  const source = new DatabaseSync(sourcePath, { readOnly: true });
  let pages: number;
  try {
    source.exec('PRAGMA busy_timeout = 5000');
    pages = await backup(source, partial, { rate: PAGES_PER_STEP });
  } finally {
    source.close();
  }
  const copy = new DatabaseSync(partial);
  try {
    const result = copy.prepare('PRAGMA integrity_check').all();
    const verdict = result.map((row) => String(Object.values(row)[0])).join('; ');
    if (verdict !== 'ok') throw new Error(`the copy failed its integrity check: ${verdict}`);
    copy.exec('PRAGMA journal_mode = DELETE'); // one self-contained file, no -wal beside it
  } finally {
    copy.close();
  }
  renameSync(partial, destPath);
  return { pages };
}
