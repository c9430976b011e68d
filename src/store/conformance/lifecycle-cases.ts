// LifecycleStore: the bank's issue and resync writes, the console's reads and the audit trail's search.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendAudit } from '../../domain/audit.ts';
import type { StoreTx } from '../../domain/store-ports.ts';
import { aContract, aUser, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const HOUR_MS = 3_600_000;

function audit(tx: StoreTx, atMs: number, chain: string, actor: string, action: string, target: string, outcome: string, detail: Record<string, string> = {}): Promise<unknown> {
  return appendAudit(tx, atMs, { chain, actor, action, target, outcome, detail, ip: '192.0.2.1' });
}

export function lifecycleCases(open: OpenStore): void {
  test('lockTokens returns the rows that exist, in serial order, and nothing for unknown serials', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.token('S0000002', { contractId: CONTRACT_ID, status: 'issued' });
    await s.token('S0000001');
    const rows = await s.tx((tx) => tx.lifecycle.lockTokens(['S0000002', 'S0000009', 'S0000001']));
    assert.deepEqual(rows, [
      { serial: 'S0000001', status: 'in_stock', contractId: null },
      { serial: 'S0000002', status: 'issued', contractId: CONTRACT_ID },
    ]);
    assert.deepEqual(await s.tx((tx) => tx.lifecycle.lockTokens([])), []);
  });

  test('issueFromStock hands only tokens still in stock to the contract and counts them', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.token('S0000001');
    await s.token('S0000002', { contractId: OTHER_CONTRACT_ID, status: 'issued' });
    await s.token('S0000003', { status: 'lost' });
    assert.equal(await s.tx((tx) => tx.lifecycle.issueFromStock(['S0000001', 'S0000002', 'S0000003'], CONTRACT_ID)), 1);
    const after = await s.tx((tx) => tx.lifecycle.lockTokens(['S0000001', 'S0000002', 'S0000003']));
    assert.deepEqual(after.map((r) => [r.status, r.contractId]), [['issued', CONTRACT_ID], ['issued', OTHER_CONTRACT_ID], ['lost', null]]);
  });

  test('resync consumes the counter, stores drift, next counter and last use, keeps failures, and refuses an older or equal counter', async (t) => {
    const s = await setup(t, open);
    await s.token('H0000001', { params: { type: 'hotp', algorithm: 'SHA1', digits: 6 } });
    await s.tx((tx) => tx.tokens.beginAttempt('H0000001', ['in_stock'], 5));
    assert.equal(await s.tx((tx) => tx.lifecycle.resync('H0000001', 501n, 0, 502n, T0_MS)), true);
    const token = await s.tx((tx) => tx.tokens.get('H0000001'));
    assert.deepEqual([token?.lastCounter, token?.counter, token?.drift, token?.consecutiveFailures], [501n, 502n, 0, 1]);
    assert.equal((await s.tx((tx) => tx.lifecycle.tokenSummary('H0000001')))?.lastUsedAtMs, T0_MS);
    assert.equal(await s.tx((tx) => tx.lifecycle.resync('H0000001', 501n, 5, 502n, T0_MS + 1)), false, 'the same counter twice');
    assert.equal(await s.tx((tx) => tx.lifecycle.resync('H0000001', 400n, 5, 401n, T0_MS + 1)), false, 'an older counter');
    assert.equal((await s.tx((tx) => tx.tokens.get('H0000001')))?.lastCounter, 501n);
  });

  test('consume records the time of use when given one and keeps the last one when not', async (t) => {
    const s = await setup(t, open);
    await s.token('T0000001');
    assert.equal((await s.tx((tx) => tx.lifecycle.tokenSummary('T0000001')))?.lastUsedAtMs, null);
    await s.tx((tx) => tx.tokens.consume('T0000001', 10n, 0, T0_MS + 5));
    await s.tx((tx) => tx.tokens.consume('T0000001', 11n, 0));
    assert.equal((await s.tx((tx) => tx.lifecycle.tokenSummary('T0000001')))?.lastUsedAtMs, T0_MS + 5);
    assert.equal(await s.tx((tx) => tx.lifecycle.tokenSummary('NOPE')), undefined);
  });

  test('searchContracts finds by ID prefix or name substring, treats % and _ literally, and pages with a total', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await tx.contracts.insert({ ...aContract('10000000001'), name: 'デモ商事株式会社' });
      await tx.contracts.insert({ ...aContract('10000000002'), name: '山田%工業' });
      await tx.contracts.insert({ ...aContract('20000000001'), name: '鈴木物産' });
      await tx.users.insert(aUser('user01'));
      await tx.users.insert(aUser('user02'));
    });
    await s.token('S0000001', { contractId: '10000000001', status: 'issued' });
    const byPrefix = await s.tx((tx) => tx.lifecycle.searchContracts('1000', 10, 0));
    assert.deepEqual(byPrefix.rows.map((r) => r.id), ['10000000001', '10000000002']);
    assert.equal(byPrefix.total, 2);
    assert.deepEqual(byPrefix.rows[0], { id: '10000000001', name: 'デモ商事株式会社', otpForm: 'none', userCount: 2, tokenCount: 1 });
    assert.deepEqual((await s.tx((tx) => tx.lifecycle.searchContracts('物産', 10, 0))).rows.map((r) => r.id), ['20000000001']);
    assert.deepEqual((await s.tx((tx) => tx.lifecycle.searchContracts('%', 10, 0))).rows.map((r) => r.id), ['10000000002']);
    assert.deepEqual((await s.tx((tx) => tx.lifecycle.searchContracts('_', 10, 0))).rows, []);
    const page2 = await s.tx((tx) => tx.lifecycle.searchContracts('', 2, 2));
    assert.deepEqual([page2.rows.map((r) => r.id), page2.total], [['20000000001'], 3]);
  });

  test('tokensOf lists only the contract\'s tokens, by serial, with no secret in the rows', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.token('S0000002', { contractId: CONTRACT_ID, status: 'issued', expiresAtMs: T0_MS + 1 });
    await s.token('S0000001', { contractId: CONTRACT_ID, status: 'registered', model: 'hw3' });
    await s.token('S0000003', { contractId: OTHER_CONTRACT_ID, status: 'issued' });
    const rows = await s.tx((tx) => tx.lifecycle.tokensOf(CONTRACT_ID));
    assert.deepEqual(rows, [
      { serial: 'S0000001', kind: 'hardware', model: 'hw3', status: 'registered', expiresAtMs: null, lastUsedAtMs: null },
      { serial: 'S0000002', kind: 'hardware', model: 'hw1', status: 'issued', expiresAtMs: T0_MS + 1, lastUsedAtMs: null },
    ]);
  });

  test('searchAudit applies every filter, puts the newest first across chains and pages with limit and offset', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await audit(tx, T0_MS, CONTRACT_ID, 'staff:sato', 'token.issue', 'S0000001', 'issued');
      await audit(tx, T0_MS + 10, 'bank', 'bank:cli', 'tokens.import', 'file.xml', 'imported');
      await audit(tx, T0_MS + 20, CONTRACT_ID, 'user:user01', 'payment.authorise', 'user01', 'done');
      await audit(tx, T0_MS + 25, CONTRACT_ID, 'user:user01', 'user.logout', '', 'logged_out');
      await audit(tx, T0_MS + 30, CONTRACT_ID, 'admin:10000000001', 'token.register', 'S0000001', 'registered', { loginId: 'user01' });
      await audit(tx, T0_MS + 40, OTHER_CONTRACT_ID, 'staff:sato', 'token.revoke', 'S0000009', 'lost');
    });
    const search = (f: Partial<Parameters<StoreTx['lifecycle']['searchAudit']>[0]>) =>
      s.tx((tx) => tx.lifecycle.searchAudit({ limit: 100, offset: 0, ...f })).then((es) => es.map((e) => e.atMs - T0_MS));
    assert.deepEqual(await search({}), [40, 30, 25, 20, 10, 0]);
    assert.deepEqual(await search({ chain: CONTRACT_ID }), [30, 25, 20, 0]);
    assert.deepEqual(await search({ target: 'S0000001' }), [30, 0]);
    assert.deepEqual(await search({ user: 'user01' }), [30, 25, 20]);
    assert.deepEqual(await search({ user: 'user0' }), [], 'a user is matched whole, not as a prefix');
    assert.deepEqual(await search({ actor: 'staff:sato' }), [40, 0]);
    assert.deepEqual(await search({ action: 'token.revoke' }), [40]);
    assert.deepEqual(await search({ outcome: 'done' }), [20]);
    assert.deepEqual(await search({ sinceMs: T0_MS + 10, untilMs: T0_MS + 30 }), [25, 20, 10]);
    assert.deepEqual(await search({ limit: 2, offset: 1 }), [30, 25]);
    assert.deepEqual(await s.tx((tx) => tx.lifecycle.auditHead(CONTRACT_ID)).then((h) => h?.seq), 4);
    assert.equal(await s.tx((tx) => tx.lifecycle.auditHead('nobody')), undefined);
  });

  test('lastAuditTimes gives, per target, the newest entry of the listed action and outcome pairs on one chain', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await audit(tx, T0_MS, CONTRACT_ID, 'u', 'payment.authorise', 'user01', 'done');
      await audit(tx, T0_MS + 5, CONTRACT_ID, 'u', 'payment.authorise', 'user01', 'done');
      await audit(tx, T0_MS + 9, CONTRACT_ID, 'u', 'payment.authorise', 'user01', 'insufficient_funds');
      await audit(tx, T0_MS + 7, CONTRACT_ID, 'api:x', 'api.otp.verify', 'user02', 'accepted');
      await audit(tx, T0_MS + 8, OTHER_CONTRACT_ID, 'api:x', 'api.otp.verify', 'user03', 'accepted');
    });
    const pairs = [['payment.authorise', 'done'], ['api.otp.verify', 'accepted']] as const;
    assert.deepEqual(await s.tx((tx) => tx.lifecycle.lastAuditTimes(CONTRACT_ID, pairs)), [
      { target: 'user01', atMs: T0_MS + 5 },
      { target: 'user02', atMs: T0_MS + 7 },
    ]);
  });

  test('the dashboard counts: tokens by status, tokens expiring in a range, locks in force, outcomes and checks per hour', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await tx.contracts.insert(aContract(CONTRACT_ID));
      await tx.users.insert(aUser('user01'));
      for (let i = 0; i < 5; i++) await tx.users.beginLoginAttempt(CONTRACT_ID, 'user01', 5);
      for (let i = 0; i < 5; i++) await tx.contracts.beginConfirmPinAttempt(CONTRACT_ID, 5);
    });
    await s.token('S0000001', { expiresAtMs: T0_MS + 10 });
    await s.token('S0000002', { expiresAtMs: T0_MS + 100, contractId: CONTRACT_ID, status: 'issued' });
    await s.token('S0000003', { expiresAtMs: T0_MS + 10, status: 'lost' });
    const counts = await s.tx((tx) => tx.lifecycle.countTokensByStatus());
    assert.deepEqual(counts, [{ status: 'in_stock', count: 1 }, { status: 'issued', count: 1 }, { status: 'lost', count: 1 }]);
    assert.equal(await s.tx((tx) => tx.lifecycle.countTokensExpiring(T0_MS, T0_MS + 100)), 1, 'the end is exclusive and lost tokens do not count');
    assert.deepEqual(await s.tx((tx) => tx.lifecycle.countLocks(5, 5, 5)), { adminLogins: 0, confirmPins: 1, users: 1 });
    await s.tx(async (tx) => {
      await audit(tx, T0_MS, CONTRACT_ID, 'a', 'api.otp.verify', 'user01', 'accepted');
      await audit(tx, T0_MS + HOUR_MS - 1, CONTRACT_ID, 'a', 'api.otp.verify', 'user01', 'invalid');
      await audit(tx, T0_MS + HOUR_MS, CONTRACT_ID, 'a', 'api.otp.verify', 'user01', 'invalid');
      await audit(tx, T0_MS + HOUR_MS, CONTRACT_ID, 'a', 'user.login', 'user01', 'user_login_failed');
    });
    assert.deepEqual(await s.tx((tx) => tx.lifecycle.countAuditOutcomes(T0_MS, T0_MS + HOUR_MS)), [
      { action: 'api.otp.verify', outcome: 'accepted', count: 1 },
      { action: 'api.otp.verify', outcome: 'invalid', count: 1 },
    ]);
    assert.deepEqual(await s.tx((tx) => tx.lifecycle.countAuditPerHour(T0_MS, T0_MS + 2 * HOUR_MS, ['api.otp.verify'])), [
      { hourStartMs: T0_MS, count: 2 },
      { hourStartMs: T0_MS + HOUR_MS, count: 1 },
    ]);
  });

  test('listTokens lists one status by serial, or tokens in use expiring in a range soonest first, a page with the total', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.contracts.insert(aContract(CONTRACT_ID)));
    await s.token('S0000003', { expiresAtMs: T0_MS + 50 });
    await s.token('S0000001', { expiresAtMs: T0_MS + 90, contractId: CONTRACT_ID, status: 'issued' });
    await s.token('S0000002', { expiresAtMs: T0_MS + 10, status: 'lost' });
    await s.token('S0000004', { expiresAtMs: T0_MS + 100 });
    const stock = await s.tx((tx) => tx.lifecycle.listTokens({ kind: 'status', status: 'in_stock' }, 10, 0));
    assert.deepEqual([stock.rows.map((r) => r.serial), stock.total], [['S0000003', 'S0000004'], 2]);
    const expiring = await s.tx((tx) => tx.lifecycle.listTokens({ kind: 'expiring', fromMs: T0_MS, untilMs: T0_MS + 100 }, 10, 0));
    assert.deepEqual(expiring.rows.map((r) => [r.serial, r.contractId]), [['S0000003', null], ['S0000001', CONTRACT_ID]], 'lost tokens and the exclusive end are left out');
    assert.equal(expiring.total, await s.tx((tx) => tx.lifecycle.countTokensExpiring(T0_MS, T0_MS + 100)), 'the list has as many rows as the count');
    const page2 = await s.tx((tx) => tx.lifecycle.listTokens({ kind: 'status', status: 'in_stock' }, 1, 1));
    assert.deepEqual([page2.rows.map((r) => r.serial), page2.total], [['S0000004'], 2]);
    assert.deepEqual(Object.keys(page2.rows[0] ?? {}).sort(), ['contractId', 'expiresAtMs', 'kind', 'lastUsedAtMs', 'model', 'serial', 'status'], 'no secret in a row');
  });
}
