// The stores a domain test runs on: SQLite in memory always, and PostgreSQL (a database of the test file's
// own) when BIZOTP_TEST_POSTGRES_URL is set.

import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './postgres.ts';

export interface StoreChoice {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** A URL for setupWorld: a new empty database on every call. */
  url(): Promise<string>;
}

export function bothStores(databaseName: string): StoreChoice[] {
  const choices: StoreChoice[] = [{ name: 'SQLite', url: async () => ':memory:' }];
  if (POSTGRES_URL !== undefined) {
    choices.push({
      name: 'PostgreSQL',
      url: async () => {
        markPostgresSuiteRan();
        return freshPostgresDatabase(databaseName);
      },
    });
  }
  return choices;
}
