// Every payment and every API verification looks up the one registration that applies to a user
// (registrations.activeFor): an index on exactly that, instead of reading the contract's whole list.
import type { Migration } from './migration.ts';

const INDEX = `CREATE INDEX registrations_active_by_user ON registrations (contract_id, form, login_id) WHERE ended_at_ms IS NULL;`;

export const registrationByUserIndex: Migration = {
  version: 3,
  name: 'index of the registration in force per user',
  sqlite: INDEX,
  postgres: INDEX,
};
