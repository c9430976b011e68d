// AuditStore (hash-chain heads and entries) and SessionStore.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditEntry, StoreTx } from '../../domain/store-ports.ts';
import { aSession, CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

/** Locks the chain's head and appends the next entry after it, as the domain does. */
export async function appendNext(tx: StoreTx, chain: string, action: string): Promise<AuditEntry> {
  const head = await tx.audit.lockHead(chain);
  const entry: AuditEntry = {
    chain, seq: head.seq + 1, atMs: T0_MS + head.seq, actor: 'admin', action, target: 'P0000001',
    outcome: 'ok', detail: '{"n":1}', ip: '192.0.2.1', prevHash: head.hash, hash: `${chain}#${head.seq + 1}`,
  };
  await tx.audit.append(entry);
  return entry;
}

export function auditSessionCases(open: OpenStore): void {
  test('a new chain\'s head is seq 0 with an empty hash, and each append moves it', async (t) => {
    const s = await setup(t, open);
    assert.deepEqual(await s.tx((tx) => tx.audit.lockHead('bank')), { seq: 0, hash: '' });
    assert.deepEqual(await s.tx((tx) => tx.audit.chains()), [], 'a locked but empty chain is not listed');
    const first = await s.tx((tx) => appendNext(tx, 'bank', 'import'));
    assert.deepEqual(await s.tx((tx) => tx.audit.lockHead('bank')), { seq: 1, hash: first.hash });
    const second = await s.tx((tx) => appendNext(tx, 'bank', 'issue'));
    assert.deepEqual([second.seq, second.prevHash], [2, first.hash]);
    assert.deepEqual(await s.tx((tx) => tx.audit.entries('bank')), [first, second]);
  });

  test('entries and chains cover every chain in (chain, seq) order', async (t) => {
    const s = await setup(t, open);
    const b1 = await s.tx((tx) => appendNext(tx, 'bank', 'import'));
    const c1 = await s.tx((tx) => appendNext(tx, CONTRACT_ID, 'login'));
    const b2 = await s.tx((tx) => appendNext(tx, 'bank', 'issue'));
    assert.deepEqual(await s.tx((tx) => tx.audit.entries()), [c1, b1, b2]);
    assert.deepEqual(await s.tx((tx) => tx.audit.chains()), [CONTRACT_ID, 'bank']);
    assert.deepEqual(await s.tx((tx) => tx.audit.entries('nobody')), []);
  });

  test('an entry that does not follow the head is refused and nothing is written', async (t) => {
    const s = await setup(t, open);
    const first = await s.tx((tx) => appendNext(tx, 'bank', 'import'));
    await assert.rejects(s.tx(async (tx) => {
      await tx.audit.lockHead('bank');
      await tx.audit.append({ ...first, seq: 2, prevHash: 'not the head', hash: 'fork' });
    }));
    assert.deepEqual(await s.tx((tx) => tx.audit.entries('bank')), [first]);
  });

  test('page reads one chain after a seq in order, loggedChains and head read what is committed, and a key id round-trips', async (t) => {
    const s = await setup(t, open);
    const bank: AuditEntry[] = [];
    for (let i = 0; i < 5; i++) bank.push(await s.tx((tx) => appendNext(tx, 'bank', `a${i}`)));
    const keyed = await s.tx(async (tx) => {
      const head = await tx.audit.lockHead(CONTRACT_ID);
      const entry: AuditEntry = { ...bank[0]!, chain: CONTRACT_ID, seq: head.seq + 1, prevHash: head.hash, keyId: '0123456789abcdef' };
      await tx.audit.append(entry);
      return entry;
    });
    await s.tx((tx) => tx.audit.lockHead('locked-only')); // a head at 0 with no entry is not a chain
    assert.deepEqual(await s.tx((tx) => tx.audit.page('bank', 1, 2)), bank.slice(1, 3));
    assert.deepEqual(await s.tx((tx) => tx.audit.page('bank', 4, 2)), bank.slice(4));
    assert.deepEqual(await s.tx((tx) => tx.audit.page(CONTRACT_ID, 0, 10)), [keyed]);
    assert.deepEqual(await s.tx((tx) => tx.audit.loggedChains()), [CONTRACT_ID, 'bank']);
    assert.deepEqual(await s.tx((tx) => tx.audit.head('bank')), { seq: 5, hash: bank[4]!.hash });
    assert.equal(await s.tx((tx) => tx.audit.head('nobody')), undefined);
  });

  test('sessions are stored, touched, given data and deleted', async (t) => {
    const s = await setup(t, open);
    const session = aSession('a'.repeat(64), { loginId: 'user01' });
    await s.tx((tx) => tx.sessions.insert(session));
    assert.deepEqual(await s.tx((tx) => tx.sessions.get(session.idHash)), session);
    await s.tx((tx) => tx.sessions.touch(session.idHash, T0_MS + 60_000));
    await s.tx((tx) => tx.sessions.setData(session.idHash, '{"pendingPayment":"p1"}'));
    assert.deepEqual(await s.tx((tx) => tx.sessions.get(session.idHash)), { ...session, lastSeenAtMs: T0_MS + 60_000, data: '{"pendingPayment":"p1"}' });
    await s.tx((tx) => tx.sessions.delete(session.idHash));
    assert.equal(await s.tx((tx) => tx.sessions.get(session.idHash)), undefined);
  });

  test('deleteForUser ends every session of one user and no other', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await tx.sessions.insert(aSession('u1a', { loginId: 'user01' }));
      await tx.sessions.insert(aSession('u1b', { loginId: 'user01' }));
      await tx.sessions.insert(aSession('u2', { loginId: 'user02' }));
      await tx.sessions.insert(aSession('admin', { loginId: null }));
    });
    assert.equal(await s.tx((tx) => tx.sessions.deleteForUser(CONTRACT_ID, 'user01')), 2);
    const left = await s.tx(async (tx) => {
      const found = [];
      for (const id of ['u1a', 'u1b', 'u2', 'admin']) found.push(await tx.sessions.get(id));
      return found;
    });
    assert.deepEqual(left.map((x) => x?.idHash), [undefined, undefined, 'u2', 'admin']);
  });

  test('deleteIdleSince deletes the sessions last seen before the time and counts them', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await tx.sessions.insert(aSession('old1', { lastSeenAtMs: T0_MS - 2 }));
      await tx.sessions.insert(aSession('old2', { lastSeenAtMs: T0_MS - 1 }));
      await tx.sessions.insert(aSession('edge', { lastSeenAtMs: T0_MS }));
      await tx.sessions.insert(aSession('new1', { lastSeenAtMs: T0_MS + 1 }));
    });
    assert.equal(await s.tx((tx) => tx.sessions.deleteIdleSince(T0_MS)), 2);
    const left = await s.tx(async (tx) => [await tx.sessions.get('old1'), await tx.sessions.get('edge'), await tx.sessions.get('new1')]);
    assert.deepEqual(left.map((x) => x?.idHash), [undefined, 'edge', 'new1']);
  });
}
