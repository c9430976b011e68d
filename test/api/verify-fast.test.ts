// The verify API's fast path (bank-verify-fast.ts): on PostgreSQL one read and one call of
// bizotp_verify_commit (migration 15); on SQLite, as serve runs, the read and commitHotBatch on the verify
// writer's thread (sqlite/verify-writer.ts). The races an auditor asks about, and what a commit that does
// not happen leaves behind — nothing.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashApiKey, revokeApiKey } from '../../src/domain/api-keys.ts';
import { sealAuditEvent } from '../../src/domain/audit.ts';
import { verifyForBank } from '../../src/domain/bank-verify.ts';
import type { HotVerifyOutcome, HotVerifyPort } from '../../src/domain/hot-verify-ports.ts';
import type { AuditHead } from '../../src/domain/store-ports.ts';
import { MAX_CONSECUTIVE_OTP_FAILURES } from '../../src/domain/policy.ts';
import { createMetrics } from '../../src/observability/metrics.ts';
import { verifyAuditLog } from '../../src/domain/verify-audit-log.ts';
import { NEW_CHAIN } from '../../src/domain/verify-sequencer.ts';
import { loadHttpFixture } from '../support/verify-fixture.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../support/postgres.ts';
import { C, SERIAL } from '../user/fixture.ts';
import { type ApiWorld, setupApi } from './api-fixture.ts';

type Open = () => Promise<string>;
/** SQLite offers the path with the verify writer, as serving processes open it (compose.ts). */
const SERVING = { sqliteVerifyWriter: true } as const;

async function world(open: Open): Promise<ApiWorld & { port: HotVerifyPort; outcomes: HotVerifyOutcome['kind'][] }> {
  const a = await setupApi(await open(), SERVING);
  const real = a.deps.store.hotVerify;
  assert.ok(real !== undefined, 'the store offers the fast path');
  // Counts what each commit answered, to show which path answered.
  const outcomes: HotVerifyOutcome['kind'][] = [];
  const port: HotVerifyPort = {
    auditKeys: real.auditKeys,
    read: (...args) => real.read(...args),
    async commit(c) {
      const outcome = await real.commit(c);
      outcomes.push(outcome.kind);
      return outcome;
    },
  };
  Object.assign(a.deps, { store: { ...a.deps.store, hotVerify: port, transaction: a.deps.store.transaction.bind(a.deps.store), groupedTransaction: a.deps.store.groupedTransaction?.bind(a.deps.store), close: a.deps.store.close.bind(a.deps.store) } });
  return Object.assign(a, { port, outcomes });
}

async function chainIntact(a: ApiWorld & { port: HotVerifyPort }): Promise<void> {
  const keys = a.port.auditKeys;
  assert.ok(keys !== undefined);
  const report = await verifyAuditLog(a.deps.store, keys);
  assert.deepEqual(report.problems, []);
}

function fastPathCases(store: string, open: Open): void {
  test(`${store}: fifty parallel verifications of one right code: one is accepted, by the fast path; the rest are replayed`, async (t) => {
    const a = await world(open);
    t.after(() => a.close());
    await a.register('user01', SERIAL.hw1);
    const code = await a.otp(SERIAL.hw1);
    const keyHash = hashApiKey(a.key);
    const verdicts = await Promise.all(Array.from({ length: 50 }, () => verifyForBank(a.deps, keyHash, { contractId: C, loginId: 'user01', otp: code }, '127.0.0.1')));
    const kinds = verdicts.map((v) => (v.kind === 'accepted' ? 'accepted' : v.kind === 'rejected' ? v.reason : v.kind));
    assert.equal(kinds.filter((k) => k === 'accepted').length, 1, kinds.join(','));
    assert.equal(kinds.filter((k) => k === 'replayed').length, 49, kinds.join(','));
    assert.equal(a.outcomes.filter((o) => o === 'committed').length, 1);
    const entries = (await a.audit()).filter((e) => e.action === 'api.otp.verify');
    assert.deepEqual(entries.map((e) => e.outcome).sort(), ['accepted', ...Array(49).fill('replayed')]);
    await chainIntact(a);
  });

  test(`${store}: four users of one contract verifying at once, five minutes running: all accepted, each entry once, the chain intact`, async (t) => {
    const a = await world(open);
    t.after(() => a.close());
    const users = [['user01', SERIAL.hw1], ['user02', SERIAL.hw2], ['user03', SERIAL.hw3], ['user04', SERIAL.hw1b]] as const;
    for (const [login, serial] of users) await a.register(login, serial);
    const keyHash = hashApiKey(a.key);
    for (let step = 0; step < 5; step++) {
      a.clock.advance(60_000); // one step of every token (hw2 counts minutes)
      const verdicts = await Promise.all(users.map(async ([login, serial]) => verifyForBank(a.deps, keyHash, { contractId: C, loginId: login, otp: await a.otp(serial) }, '127.0.0.1')));
      assert.deepEqual(verdicts.map((v) => (v.kind === 'rejected' ? v.reason : v.kind)), ['accepted', 'accepted', 'accepted', 'accepted'], `step ${step}`);
    }
    const accepted = (await a.audit()).filter((e) => e.action === 'api.otp.verify' && e.outcome === 'accepted');
    assert.equal(accepted.length, 20);
    assert.equal(new Set(accepted.map((e) => e.seq)).size, 20);
    assert.ok(a.outcomes.includes('committed'));
    await chainIntact(a);
  });

  test(`${store}: reads that arrive together (one statement or message under load) are each answered with their own row: users, a missing user, contract and key`, async (t) => {
    const a = await world(open);
    t.after(() => a.close());
    const users = [['user01', SERIAL.hw1], ['user02', SERIAL.hw2], ['user03', SERIAL.hw3]] as const;
    for (const [login, serial] of users) await a.register(login, serial);
    const keyHash = hashApiKey(a.key);
    const asks = [
      ...users.map(([login]) => [keyHash, C, login] as const),
      [keyHash, C, 'nobody'], [keyHash, '99999999999', 'user01'], [hashApiKey('not-a-key'), C, 'user02'],
    ] as const;
    const alone = [];
    for (const [k, c, l] of asks) alone.push(await a.port.read(k, c, l));
    const together = await Promise.all([...asks, ...asks, ...asks].map(([k, c, l]) => a.port.read(k, c, l)));
    assert.deepEqual(together, [...alone, ...alone, ...alone]);
    assert.deepEqual(alone.slice(0, 3).map((r) => r.target?.token?.serial), users.map(([, serial]) => serial));
    assert.equal(alone[3]?.target?.userExists, false);
    assert.equal(alone[4]?.target, undefined);
    assert.equal(alone[5]?.key, undefined);
    assert.equal(alone[5]?.target?.token?.serial, SERIAL.hw2);
  });

  test(`${store}: a batch commit writes nothing when the head moved, a code was spent or a key was revoked — for the whole batch`, async (t) => {
    const a = await world(open);
    t.after(() => a.close());
    await a.register('user01', SERIAL.hw1);
    await a.register('user02', SERIAL.hw2);
    const keyHash = hashApiKey(a.key);
    const head = async () => a.deps.store.transaction((tx) => tx.audit.head(C));
    const counters = async () => Promise.all([SERIAL.hw1, SERIAL.hw2].map(async (s) => (await a.deps.store.transaction((tx) => tx.tokens.get(s)))?.lastCounter));
    // Two items sealed one after the other on `on`, as the sequencer seals a batch.
    const batch = (on: AuditHead, counter: bigint) => {
      let h = on;
      const items = [SERIAL.hw1, SERIAL.hw2].map((serial, i) => {
        const entry = sealAuditEvent(a.port.auditKeys, h, a.clock.nowMs, { chain: C, actor: 'api:teller', action: 'api.otp.verify', target: `user0${i + 1}`, outcome: 'accepted', detail: { serial } });
        h = { seq: entry.seq, hash: entry.hash };
        return { apiKeyHash: keyHash, touch: null, serial, counter, drift: 0, software: false, entry };
      });
      return { status: 'registered' as const, maxFailures: MAX_CONSECUTIVE_OTP_FAILURES, items };
    };
    const start = await head();
    assert.ok(start !== undefined);
    const before = { counters: await counters(), entries: (await a.audit()).length };

    // A head the chain has left: the whole statement rolls back, both consumptions with it; the head now is returned.
    assert.deepEqual(await a.port.commit(batch({ seq: start.seq - 1, hash: 'f'.repeat(64) }, 999_999_999n)), { kind: 'head_moved', chain: C, head: start });
    assert.deepEqual(await counters(), before.counters);

    // The second item's code spent beforehand: it is named, and the first item's consumption is rolled back too.
    assert.equal(await a.deps.store.transaction((tx) => tx.tokens.consume(SERIAL.hw2, 999_999_999n, 0)), true);
    assert.deepEqual(await a.port.commit(batch(start, 999_999_999n)), { kind: 'item_refused', index: 1, reason: 'token_changed' });
    assert.equal((await counters())[0], before.counters[0]);
    assert.deepEqual(await head(), start);

    // Both fresh: both consumed, two entries, the head moved by two.
    assert.deepEqual(await a.port.commit(batch(start, 1_999_999_999n)), { kind: 'committed' });
    assert.deepEqual(await counters(), [1_999_999_999n, 1_999_999_999n]);
    assert.equal((await head())?.seq, start.seq + 2);

    // A revoked key: nothing at all.
    assert.ok((await revokeApiKey(a.deps, { actor: 'bank:test', ip: 'test' }, 'teller')).ok);
    const now = await head();
    assert.ok(now !== undefined);
    const entries = (await a.audit()).length;
    assert.deepEqual(await a.port.commit(batch(now, 2_999_999_999n)), { kind: 'item_refused', index: 0, reason: 'key_gone' });
    assert.deepEqual(await head(), now);
    assert.deepEqual(await counters(), [1_999_999_999n, 1_999_999_999n]);
    assert.equal((await a.audit()).length, entries);
    assert.equal(entries, before.entries + 2, 'only the batch that committed wrote entries');
    await chainIntact(a);
  });

  test(`${store}: a contract whose chain has no head yet: its first codes take the fast path and start the chain; a batch sealed on the new chain after another started it answers head_moved`, async (t) => {
    const a = await world(open);
    t.after(() => a.close());
    // Three users of contract 50000000000, their tokens registered without audit entries (as the bench loads them).
    const fixture = await loadHttpFixture(a.deps, 3, 0, 'totp');
    const contract = '50000000000';
    const keyHash = hashApiKey(fixture.apiKey);
    const head = async () => a.deps.store.transaction((tx) => tx.audit.head(contract));
    assert.equal(await head(), undefined);
    const itemOn = (on: AuditHead, serial: string, login: string) => {
      const entry = sealAuditEvent(a.port.auditKeys, on, a.clock.nowMs, { chain: contract, actor: 'api:bench', action: 'api.otp.verify', target: login, outcome: 'accepted', detail: { serial } });
      return { status: 'registered' as const, maxFailures: MAX_CONSECUTIVE_OTP_FAILURES, items: [{ apiKeyHash: keyHash, touch: null, serial, counter: 1n, drift: 0, software: false, entry }] };
    };
    const first = itemOn(NEW_CHAIN, '60000000000000', 'user0');
    const rival = itemOn(NEW_CHAIN, '60000000000001', 'user1');
    assert.deepEqual(await a.port.commit(first), { kind: 'committed' });
    const started = { seq: 1, hash: first.items[0]!.entry.hash };
    assert.deepEqual(await head(), started);
    assert.deepEqual(await a.port.commit(rival), { kind: 'head_moved', chain: contract, head: started });
    assert.equal((await a.deps.store.transaction((tx) => tx.tokens.get('60000000000001')))?.lastCounter, null, 'the rival consumed nothing');

    const commits = a.outcomes.length;
    const bodies = fixture.totpBodiesAt(a.clock.nowMs).slice(3, 6).map((b) => JSON.parse(b) as { contract: string; login: string; otp: string });
    const verdicts = await Promise.all(bodies.map((b) => verifyForBank(a.deps, keyHash, { contractId: b.contract, loginId: b.login, otp: b.otp }, '127.0.0.1')));
    assert.deepEqual(verdicts.map((v) => v.kind), ['accepted', 'accepted', 'accepted']);
    assert.ok(a.outcomes.slice(commits).includes('committed'), 'the fast path committed them');
    assert.equal((await head())?.seq, 4);
    await chainIntact(a);
  });

  test(`${store}: with metrics on, as serve runs, the store keeps the fast path and its commits are counted`, async (t) => {
    const metrics = createMetrics();
    const f = await setupApi(await open(), { metrics, ...SERVING });
    t.after(() => f.close());
    assert.ok(f.deps.store.hotVerify !== undefined, 'the observed store passes the fast path on');
    await f.register('user01', SERIAL.hw1);
    const code = await f.otp(SERIAL.hw1);
    assert.equal((await f.verify({ contract: C, login: 'user01', otp: code })).json().result, 'accepted');
    await f.verify({ contract: C, login: 'user01', otp: code });
    const text = (await f.app.inject({ method: 'GET', url: '/metrics' })).body;
    const counted = (result: string): number => Number(new RegExp(`bizotp_otp_verifications_total\\{[^}]*action="api.otp.verify"[^}]*result="${result}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0);
    assert.deepEqual([counted('accepted'), counted('replayed')], [1, 1]);
  });

  test(`${store}: a right code through the fast path touches the key once a minute, as the transaction does`, async (t) => {
    const a = await world(open);
    t.after(() => a.close());
    await a.register('user01', SERIAL.hw1);
    const keyHash = hashApiKey(a.key);
    assert.equal((await verifyForBank(a.deps, keyHash, { contractId: C, loginId: 'user01', otp: await a.otp(SERIAL.hw1) }, '127.0.0.1')).kind, 'accepted');
    assert.deepEqual(a.outcomes, ['committed']);
    const key = await a.deps.store.transaction((tx) => tx.apiKeys.findActive(keyHash));
    assert.equal(key?.lastUsedAtMs, a.clock.nowMs);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'bizotp-verify-fast-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
fastPathCases('SQLite', async () => join(dir, `verify-${files++}.sqlite`));

if (POSTGRES_URL === undefined) {
  test('the fast verify path on PostgreSQL', { skip: 'BIZOTP_TEST_POSTGRES_URL is not set' }, () => {});
} else {
  let n = 0;
  fastPathCases('PostgreSQL', () => freshPostgresDatabase(`verify_fast_${process.pid}_${n++}`));
  test('the PostgreSQL fast path suite ran', () => markPostgresSuiteRan());
}
