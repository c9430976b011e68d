// The races an auditor asks about, through the whole web path (security.md; issue 4): one OTP submitted 50
// times at once for one payment, or for 50 payments, debits exactly once; 50 wrong codes at once are
// evaluated at most 5 times and lock the token. On SQLite (a file, WAL, synchronous=FULL) and on PostgreSQL,
// where the same runs again with the requests spread over two server instances (two apps, two Stores).

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../support/postgres.ts';
import { userAgent, type UserAgent } from './agent.ts';
import { SERIAL, setupUserApp, type UserApp } from './fixture.ts';

const PARALLEL = 50;

interface Race {
  readonly f: UserApp;
  readonly u: UserAgent;
  /** The instances requests are spread over (one, or two on PostgreSQL). */
  readonly apps: readonly FastifyInstance[];
}

async function race(open: () => Promise<UserApp>, instances: 1 | 2): Promise<Race> {
  const f = await open();
  const apps = instances === 2 ? [f.app, await f.instance()] : [f.app];
  await f.register('user01', SERIAL.hw1);
  const u = userAgent(f.app);
  await u.login('user01');
  return { f, u, apps };
}

function outcomes(pages: readonly { status: number; errors: Record<string, string> }[]): Record<string, number> {
  const count: Record<string, number> = {};
  for (const p of pages) {
    const key = p.status === 303 ? 'paid' : (p.errors.otp ?? p.errors._page ?? String(p.status));
    count[key] = (count[key] ?? 0) + 1;
  }
  return count;
}

function races(name: string, open: () => Promise<UserApp>, instances: 1 | 2): void {
  describe(`payments raced on ${name}`, () => {
    test(`${PARALLEL} parallel submissions of one OTP for one payment debit exactly once and all show its receipt`, async (t) => {
      const { f, u, apps } = await race(open, instances);
      t.after(() => f.close());
      const draftId = await u.prepareTransfer();
      const code = await f.otp(SERIAL.hw1);
      const pages = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => u.post('/user/payments/execute', { draftId, otp: code }, { via: apps[i % apps.length] })));
      assert.deepEqual(outcomes(pages), { paid: PARALLEL });
      assert.equal((await f.history()).length, 1);
      assert.equal(await f.balance(), 10_000_000n - 12_345n);
      assert.equal((await f.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1)))?.consecutiveFailures, 0, 'the others never evaluated the code');
    });

    test(`${PARALLEL} parallel submissions of one OTP for ${PARALLEL} different payments debit exactly once`, async (t) => {
      const { f, u, apps } = await race(open, instances);
      t.after(() => f.close());
      const drafts: string[] = [];
      for (let i = 0; i < PARALLEL; i++) drafts.push(await u.prepareTransfer({ amount: String(1000 + i) }));
      const code = await f.otp(SERIAL.hw1);
      const pages = await Promise.all(drafts.map((draftId, i) => u.post('/user/payments/execute', { draftId, otp: code }, { via: apps[i % apps.length] })));
      const seen = outcomes(pages);
      assert.equal(seen.paid, 1, JSON.stringify(seen));
      // The others are refused as replays, which do not count toward the token's lock (product.md §4).
      assert.equal(seen.otp_replayed, PARALLEL - 1, JSON.stringify(seen));
      assert.equal((await f.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1)))?.status, 'registered', 'the token is not locked');
      assert.equal((await f.history()).length, 1);
    });

    test(`${PARALLEL} parallel wrong codes are evaluated at most ${MAX_CONSECUTIVE_OTP_FAILURES} times and lock the token`, async (t) => {
      const { f, u, apps } = await race(open, instances);
      t.after(() => f.close());
      const drafts: string[] = [];
      for (let i = 0; i < PARALLEL; i++) drafts.push(await u.prepareTransfer());
      const wrong = await f.wrongOtp(SERIAL.hw1);
      const pages = await Promise.all(drafts.map((draftId, i) => u.post('/user/payments/execute', { draftId, otp: wrong }, { via: apps[i % apps.length] })));
      assert.deepEqual(outcomes(pages), { otp_invalid: MAX_CONSECUTIVE_OTP_FAILURES, token_locked: PARALLEL - MAX_CONSECUTIVE_OTP_FAILURES });
      const evaluated = (await f.audit()).filter((e) => e.action === 'payment.authorise' && e.outcome === 'otp_invalid');
      assert.equal(evaluated.length, MAX_CONSECUTIVE_OTP_FAILURES);
      assert.equal((await f.deps.store.transaction((tx) => tx.tokens.get(SERIAL.hw1)))?.status, 'locked');
      const right = await u.post('/user/payments/execute', { draftId: drafts[0] ?? '', otp: await f.otp(SERIAL.hw1) });
      assert.equal(right.errors.otp, 'token_locked');
      assert.equal((await f.history()).length, 0);
    });
  });
}

races('SQLite (a file, WAL, synchronous=FULL)', () => setupUserApp(join(mkdtempSync(join(tmpdir(), 'bizotp-user-race-')), 'db.sqlite')), 1);

if (POSTGRES_URL !== undefined) {
  let n = 0;
  const pg = async (): Promise<UserApp> => setupUserApp(await freshPostgresDatabase(`user_race_${process.pid}_${n++}`));
  races('PostgreSQL', pg, 1);
  races('PostgreSQL, two server instances', pg, 2);
  test('the PostgreSQL payment races ran', () => markPostgresSuiteRan());
} else {
  test('payments raced on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
