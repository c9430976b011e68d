// A fresh PostgreSQL database for each benchmark case, on the server BIZOTP_BENCH_POSTGRES_URL names.

import pg from 'pg';

export async function freshBenchDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS bizotp_bench_${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE bizotp_bench_${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/bizotp_bench_${name}`;
  return url.toString();
}
