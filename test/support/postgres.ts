// PostgreSQL for tests: BIZOTP_TEST_POSTGRES_URL names a server the suite may use (CI starts one, see
// .ci/run). Each test file gets a database of its own, made afresh, so files can run in parallel.

import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';

export const POSTGRES_URL = process.env.BIZOTP_TEST_POSTGRES_URL;

/** Drops and creates database `bizotp_<name>` on the test server and returns its URL. */
export async function freshPostgresDatabase(name: string): Promise<string> {
  if (POSTGRES_URL === undefined) throw new Error('BIZOTP_TEST_POSTGRES_URL is not set');
  if (!/^[a-z0-9_]+$/.test(name)) throw new TypeError(`bad database name ${name}`);
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS bizotp_${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE bizotp_${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_URL);
  url.pathname = `/bizotp_${name}`;
  return url.toString();
}

/** Leaves the marker .ci/run checks, proving that a PostgreSQL suite really ran. */
export function markPostgresSuiteRan(): void {
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/postgres-suite-ran', `${new Date().toISOString()}\n`);
}
