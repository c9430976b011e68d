// After the bank resets a 暗証番号 (reset-credential.ts) the customer must change the one-time initial value
// at its next use: one flag per secret, on the row that holds the secret's hash.
import { POSTGRES_TYPES, SQLITE_TYPES } from './column-types.ts';
import type { ColumnTypes } from './column-types.ts';
import type { Migration } from './migration.ts';

function flags(t: ColumnTypes): string {
  const column = (table: string, name: string): string =>
    `ALTER TABLE ${table} ADD COLUMN ${name} ${t.bool(name)} NOT NULL DEFAULT ${t === SQLITE_TYPES ? '0' : 'FALSE'};`;
  return [
    column('contracts', 'admin_password_must_change'),
    column('contracts', 'confirm_pin_must_change'),
    column('users', 'password_must_change'),
    column('users', 'confirm_pin_must_change'),
  ].join('\n');
}

export const mustChangeSecrets: Migration = {
  version: 5,
  name: 'must-change flags of reset secrets',
  sqlite: flags(SQLITE_TYPES),
  postgres: flags(POSTGRES_TYPES),
};
