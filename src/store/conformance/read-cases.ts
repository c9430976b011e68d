// Store.read and the admin screens' list reads: a read sees what was committed and nothing else, never
// waits for an open transaction, and cannot write.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readStore } from '../../domain/read-store.ts';
import { aSession, aUser, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

export function readCases(open: OpenStore): void {
  test('a read returns what its function returns, from what was committed before it', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx((tx) => tx.sessions.insert(aSession('s1')));
    const read = await readStore(s.store, async (tx) => ({ session: (await tx.sessions.get('s1'))?.idHash, name: (await tx.contracts.get(CONTRACT_ID))?.name }));
    assert.deepEqual(read, { session: 's1', name: `契約先 ${CONTRACT_ID}` });
  });

  test('a read neither sees nor waits for a transaction that has not committed', async (t) => {
    const s = await setup(t, open);
    let commit: () => void = () => {};
    const gate = new Promise<void>((resolve) => { commit = resolve; });
    let inserted: () => void = () => {};
    const insertedYet = new Promise<void>((resolve) => { inserted = resolve; });
    const writing = s.tx(async (tx) => {
      await tx.sessions.insert(aSession('s1'));
      inserted();
      await gate; // holds the transaction open until the read below has answered
    });
    await insertedYet;
    assert.equal(await readStore(s.store, (tx) => tx.sessions.get('s1')), undefined);
    commit();
    await writing;
    assert.equal((await readStore(s.store, (tx) => tx.sessions.get('s1')))?.idHash, 's1');
  });

  test('a read refuses to write, and what it tried is not in the store', async (t) => {
    const s = await setup(t, open);
    await assert.rejects(readStore(s.store, (tx) => tx.sessions.insert(aSession('s1'))), /SELECTs only/);
    await assert.rejects(readStore(s.store, (tx) => tx.sessions.deleteIdleSince(T0_MS)), /SELECTs only/);
    assert.equal(await s.tx((tx) => tx.sessions.get('s1')), undefined);
  });

  test('contracts.listing gives the contract with its users (shown fields and 確認暗証番号 failures) and its registrations in force, oldest first, with their token\'s status and expiry', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.token('Q0000001', { contractId: CONTRACT_ID, status: 'registered', expiresAtMs: T0_MS + 86_400_000 });
    await s.token('Q0000002', { contractId: CONTRACT_ID, status: 'locked' });
    await s.token('Q0000003', { contractId: CONTRACT_ID, status: 'registered' });
    await s.tx(async (tx) => {
      await tx.users.insert(aUser('user01', { createdAtMs: T0_MS + 1 }));
      await tx.users.insert(aUser('user02', { name: '経理 "花子" <&>', canTransfer: false, canPayTax: true }));
      await tx.users.insert(aUser('user09', { contractId: OTHER_CONTRACT_ID }));
      await tx.users.beginLoginAttempt(CONTRACT_ID, 'user01', 5);
      await tx.userPins.beginAttempt(CONTRACT_ID, 'user02', 5);
      await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user02', serial: 'Q0000002', form: 'per_user', registeredAtMs: T0_MS + 1 });
      await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user01', serial: 'Q0000001', form: 'per_user', registeredAtMs: T0_MS + 2 });
      await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user03', serial: 'Q0000003', form: 'per_user', registeredAtMs: T0_MS });
      await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: null, serial: 'Q0000003', form: 'shared', registeredAtMs: T0_MS + 3 });
      await tx.registrations.insert({ contractId: OTHER_CONTRACT_ID, loginId: null, serial: 'Q0000001', form: 'shared', registeredAtMs: T0_MS });
      await tx.registrations.end({ contractId: CONTRACT_ID, loginId: 'user03' }, T0_MS + 4);
    });
    const listing = await readStore(s.store, (tx) => tx.contracts.listing(CONTRACT_ID));
    const { adminPasswordHash: _password, confirmPinHash: _pin, ...shown } = (await s.tx((tx) => tx.contracts.get(CONTRACT_ID)))!;
    assert.deepEqual(listing?.contract, shown, 'the contract without its secrets\' hashes');
    assert.deepEqual(listing?.users.toSorted((a, b) => a.loginId.localeCompare(b.loginId)), [
      { loginId: 'user01', name: '利用者 user01', canTransfer: true, canPayTax: false, loginFailures: 1, confirmPinFailures: 0, createdAtMs: T0_MS + 1 },
      { loginId: 'user02', name: '経理 "花子" <&>', canTransfer: false, canPayTax: true, loginFailures: 0, confirmPinFailures: 1, createdAtMs: T0_MS },
    ]);
    assert.deepEqual(listing?.tokens, [
      { form: 'per_user', loginId: 'user02', serial: 'Q0000002', status: 'locked', expiresAtMs: null },
      { form: 'per_user', loginId: 'user01', serial: 'Q0000001', status: 'registered', expiresAtMs: T0_MS + 86_400_000 },
      { form: 'shared', loginId: null, serial: 'Q0000003', status: 'registered', expiresAtMs: null },
    ]);
  });

  test('contracts.listing gives empty lists for a contract without users or registrations, and nothing for an unknown one', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    const listing = await readStore(s.store, (tx) => tx.contracts.listing(CONTRACT_ID));
    assert.deepEqual({ users: listing?.users, tokens: listing?.tokens }, { users: [], tokens: [] });
    assert.equal(await readStore(s.store, (tx) => tx.contracts.listing(OTHER_CONTRACT_ID)), undefined);
  });

  test('sessions.getWithContractFlags gives the session with its contract\'s must-change flags, and nothing for an unknown id or a contract that does not exist', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await s.tx(async (tx) => {
      await tx.sessions.insert(aSession('s1'));
      await tx.sessions.insert(aSession('s2', { contractId: OTHER_CONTRACT_ID }));
    });
    const before = await readStore(s.store, (tx) => tx.sessions.getWithContractFlags('s1'));
    assert.deepEqual(before, { session: aSession('s1'), mustChange: { adminPasswordMustChange: false, confirmPinMustChange: false } });
    await s.tx((tx) => tx.contracts.setSecret(CONTRACT_ID, 'confirm_pin', '$argon2id$new', true));
    const after = await readStore(s.store, (tx) => tx.sessions.getWithContractFlags('s1'));
    assert.deepEqual(after?.mustChange, { adminPasswordMustChange: false, confirmPinMustChange: true });
    assert.equal(await readStore(s.store, (tx) => tx.sessions.getWithContractFlags('s2')), undefined);
    assert.equal(await readStore(s.store, (tx) => tx.sessions.getWithContractFlags('nope')), undefined);
  });

  test('sessions.getWithContractListing gives what getWithContractFlags and contracts.listing give, in one statement, for the session\'s own contract only', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
    await s.token('L0000001', { contractId: CONTRACT_ID, status: 'registered', expiresAtMs: T0_MS + 86_400_000 });
    await s.tx(async (tx) => {
      await tx.users.insert(aUser('user01', { name: '経理 "花子" <&>' }));
      await tx.users.insert(aUser('user09', { contractId: OTHER_CONTRACT_ID }));
      await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user01', serial: 'L0000001', form: 'per_user', registeredAtMs: T0_MS });
      // A session whose fields differ from the contract's columns of the same name (created_at_ms).
      await tx.sessions.insert(aSession('s1', { createdAtMs: T0_MS - 5, lastSeenAtMs: T0_MS - 1, data: '{"k":1}' }));
      await tx.sessions.insert(aSession('s9', { contractId: OTHER_CONTRACT_ID }));
    });
    await s.tx((tx) => tx.contracts.setSecret(CONTRACT_ID, 'admin_password', '$argon2id$new', true));
    const found = await readStore(s.store, (tx) => tx.sessions.getWithContractListing('s1'));
    const flags = await readStore(s.store, (tx) => tx.sessions.getWithContractFlags('s1'));
    const listing = await readStore(s.store, (tx) => tx.contracts.listing(CONTRACT_ID));
    assert.deepEqual(found, { ...flags, listing });
    assert.deepEqual(found?.session, aSession('s1', { createdAtMs: T0_MS - 5, lastSeenAtMs: T0_MS - 1, data: '{"k":1}' }));
    assert.deepEqual(found?.mustChange, { adminPasswordMustChange: true, confirmPinMustChange: false });
    assert.deepEqual(found?.listing.users.map((u) => u.loginId), ['user01']);
    assert.deepEqual(found?.listing.tokens.map((r) => r.serial), ['L0000001']);
    const other = await readStore(s.store, (tx) => tx.sessions.getWithContractListing('s9'));
    assert.equal(other?.listing.contract.id, OTHER_CONTRACT_ID);
    assert.deepEqual(other?.listing.users.map((u) => u.loginId), ['user09']);
    assert.deepEqual(other?.listing.tokens, []);
    assert.equal(await readStore(s.store, (tx) => tx.sessions.getWithContractListing('nope')), undefined);
  });
}
