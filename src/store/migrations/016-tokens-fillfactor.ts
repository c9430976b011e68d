// PostgreSQL: room on each page of tokens for the new version of its rows. Every accepted code updates its
// token's row (the counter, the last use), and PostgreSQL writes an updated row as a new version: on the
// same page, when there is room, a "HOT" update that touches none of the table's four indexes; on another
// page otherwise, with an entry added to every index. Filled to 100 % (the default), a page has no room
// for the first update of most of its rows. 70 % leaves room for about ten row versions per page, which the
// next visit to the page prunes. Pages written before this migration keep their fill until rewritten
// (VACUUM FULL); SQLite updates in place and needs nothing.
import type { Migration } from './migration.ts';

export const tokensFillfactor: Migration = {
  version: 16,
  name: 'PostgreSQL: tokens pages keep room for updated rows',
  sqlite: 'SELECT 1;',
  postgres: 'ALTER TABLE tokens SET (fillfactor = 70);',
};
