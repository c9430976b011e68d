// Runs the conformance suite on PostgreSQL when BIZOTP_TEST_POSTGRES_URL names a database this test may
// wipe (scripts/pg-start.sh DIR PORT prints one). Each case gets a schema of its own; on success or not,
// test-output/postgres-suite-ran records that the suite really ran, so CI can tell it from a skip (.ci/run
// removes the marker before the tests; other PostgreSQL test files write it too, so none deletes it).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import type { Store } from '../../domain/store-ports.ts';
import { storeConformance } from '../conformance.ts';
import { openStore } from '../open-store.ts';
import { postgresOnlyCases } from './postgres-only-cases.ts';

const url = process.env['BIZOTP_TEST_POSTGRES_URL'] ?? '';
const marker = join(import.meta.dirname, '..', '..', '..', 'test-output', 'postgres-suite-ran');
const SCHEMA_PREFIX = 'bizotp_case_';
const SCHEMAS_PER_DROP = 20;

/** The same database with `schema` first on the search path, so every table the store creates lands there. */
function inSchema(schema: string): string {
  const withOptions = new URL(url);
  withOptions.searchParams.set('options', `-c search_path=${schema}`);
  return withOptions.toString();
}

if (url === '') {
  test('PostgreSQL store conformance', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set; start a server with scripts/pg-start.sh DIR PORT' }, () => {});
} else {
  const admin = new pg.Pool({ connectionString: url, max: 2 });
  let schemas = 0;

  const dropCaseSchemas = async (): Promise<void> => {
    const { rows } = await admin.query<{ nspname: string }>('SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)', [SCHEMA_PREFIX]);
    if (rows.length === 0) return;
    // A few statements, a few commits: dropping ~70 schemas one by one costs seconds of fsyncs, and all of
    // them in one statement needs more locks than max_locks_per_transaction allows (~90 objects a schema).
    for (let i = 0; i < rows.length; i += SCHEMAS_PER_DROP) {
      await admin.query(`DROP SCHEMA ${rows.slice(i, i + SCHEMAS_PER_DROP).map(({ nspname }) => `"${nspname}"`).join(', ')} CASCADE`);
    }
  };

  /** A new empty schema; returns the URL that uses it. */
  const freshSchema = async (): Promise<string> => {
    schemas += 1;
    const schema = `${SCHEMA_PREFIX}${process.pid}_${schemas}`;
    await admin.query(`CREATE SCHEMA "${schema}"`);
    return inSchema(schema);
  };

  before(async () => {
    await dropCaseSchemas(); // leftovers of an interrupted run
  });

  after(async () => {
    await dropCaseSchemas();
    await admin.end();
    mkdirSync(join(marker, '..'), { recursive: true });
    writeFileSync(marker, `PostgreSQL suite ran against database ${new URL(url).pathname.slice(1)}\n`);
  });

  storeConformance('PostgreSQL', async (): Promise<Store> => openStore(await freshSchema()));
  describe('PostgreSQL only', () => postgresOnlyCases(freshSchema));
}
