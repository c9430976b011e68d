// The races an auditor asks about (security.md, OTP verification): one code submitted 50 times at once is
// accepted exactly once, and 50 wrong codes at once are evaluated at most 5 times — on SQLite and on
// PostgreSQL, through the same domain path every channel uses.

import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../src/domain/policy.ts';
import { useTokenCode } from '../src/domain/use-token.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from './support/postgres.ts';
import { setupWorld, type World } from './support/domain-setup.ts';

const PARALLEL = 50;

function races(name: string, open: () => Promise<World>, onDone?: () => void): void {
  describe(`parallel use of one token on ${name}`, () => {
    after(() => onDone?.());

    test(`${PARALLEL} parallel submissions of one valid code give exactly one acceptance`, async () => {
      const w = await open();
      try {
        await w.contract('10000000001');
        const t = await w.token('10000000000011', { contractId: '10000000001', status: 'registered' });
        const code = t.code();
        const results = await Promise.all(
          Array.from({ length: PARALLEL }, () =>
            w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: t.serial, code, purpose: 'payment', statuses: ['registered'] })),
          ),
        );
        const outcomes = results.map((r) => (r.kind === 'accepted' ? 'accepted' : r.reason));
        assert.equal(outcomes.filter((o) => o === 'accepted').length, 1, outcomes.join(','));
        assert.ok(outcomes.every((o) => o === 'accepted' || o === 'replayed' || o === 'locked'), outcomes.join(','));
      } finally {
        await w.close();
      }
    });

    test(`${PARALLEL} parallel wrong codes are evaluated at most ${MAX_CONSECUTIVE_OTP_FAILURES} times, then the right code is refused`, async () => {
      const w = await open();
      try {
        await w.contract('10000000001');
        const t = await w.token('10000000000012', { contractId: '10000000001', status: 'registered' });
        const wrong = t.code() === '000000' ? '111111' : '000000';
        const results = await Promise.all(
          Array.from({ length: PARALLEL }, () =>
            w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: t.serial, code: wrong, purpose: 'payment', statuses: ['registered'] })),
          ),
        );
        const reasons = results.map((r) => (r.kind === 'accepted' ? 'accepted' : r.reason));
        assert.equal(reasons.filter((r) => r === 'invalid').length, MAX_CONSECUTIVE_OTP_FAILURES, reasons.join(','));
        assert.equal(reasons.filter((r) => r === 'locked').length, PARALLEL - MAX_CONSECUTIVE_OTP_FAILURES);
        const right = await w.deps.store.transaction((tx) => useTokenCode(tx, w.deps.keyring, w.deps.now(), { serial: t.serial, code: t.code(), purpose: 'payment', statuses: ['registered'] }));
        assert.equal(right.kind === 'rejected' && right.reason, 'locked');
        const token = await w.deps.store.transaction((tx) => tx.tokens.get(t.serial));
        assert.equal(token?.status, 'locked');
      } finally {
        await w.close();
      }
    });
  });
}

races('SQLite (a file, WAL, synchronous=FULL)', () => setupWorld(join(mkdtempSync(join(tmpdir(), 'bizotp-race-')), 'db.sqlite')));

if (POSTGRES_URL !== undefined) {
  let n = 0;
  races('PostgreSQL', async () => setupWorld(await freshPostgresDatabase(`race_${process.pid}_${n++}`)), markPostgresSuiteRan);
} else {
  test('parallel use of one token on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
}
