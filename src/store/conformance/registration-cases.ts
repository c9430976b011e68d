// RegistrationStore: which token serves whom, in force or ended, with the history kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RegistrationRecord, RegistrationStore } from '../../domain/store-ports.ts';
import { aUser, CONTRACT_ID, OTHER_CONTRACT_ID, T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore, Setup } from './setup.ts';

type EndMatch = Parameters<RegistrationStore['end']>[0];

const ids = (rows: RegistrationRecord[]): number[] => rows.map((r) => r.id);

/** Contract A: user01 → P1, user02 → P2 (per_user), shared → P3; contract B: shared → P3 as well. */
async function registered(s: Setup): Promise<RegistrationRecord[]> {
  await s.contracts(CONTRACT_ID, OTHER_CONTRACT_ID);
  for (const serial of ['P0000001', 'P0000002', 'P0000003']) await s.token(serial);
  return s.tx(async (tx) => [
    await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user01', serial: 'P0000001', form: 'per_user', registeredAtMs: T0_MS }),
    await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'user02', serial: 'P0000002', form: 'per_user', registeredAtMs: T0_MS + 1 }),
    await tx.registrations.insert({ contractId: CONTRACT_ID, loginId: null, serial: 'P0000003', form: 'shared', registeredAtMs: T0_MS + 2 }),
    await tx.registrations.insert({ contractId: OTHER_CONTRACT_ID, loginId: null, serial: 'P0000003', form: 'shared', registeredAtMs: T0_MS + 3 }),
  ]);
}

export function registrationCases(open: OpenStore): void {
  test('insert returns the registration with a new id and no end', async (t) => {
    const s = await setup(t, open);
    const [first, second] = await registered(s);
    assert.deepEqual(first, { id: first?.id, contractId: CONTRACT_ID, loginId: 'user01', serial: 'P0000001', form: 'per_user', registeredAtMs: T0_MS, endedAtMs: null });
    assert.ok(typeof first?.id === 'number' && typeof second?.id === 'number' && second.id > first.id);
  });

  test('active lists a contract\'s registrations in force, oldest first', async (t) => {
    const s = await setup(t, open);
    const [a1, a2, a3, b1] = await registered(s);
    assert.deepEqual(await s.tx((tx) => tx.registrations.active(CONTRACT_ID)), [a1, a2, a3]);
    assert.deepEqual(await s.tx((tx) => tx.registrations.active(OTHER_CONTRACT_ID)), [b1]);
  });

  test('activeFor finds the registration in force for one user, or the shared one for null', async (t) => {
    const s = await setup(t, open);
    const [a1, , a3] = await registered(s);
    assert.deepEqual(await s.tx((tx) => tx.registrations.activeFor(CONTRACT_ID, 'per_user', 'user01')), a1);
    assert.deepEqual(await s.tx((tx) => tx.registrations.activeFor(CONTRACT_ID, 'shared', null)), a3);
    assert.equal(await s.tx((tx) => tx.registrations.activeFor(CONTRACT_ID, 'per_user', 'nobody')), undefined);
    assert.equal(await s.tx((tx) => tx.registrations.activeFor(OTHER_CONTRACT_ID, 'per_user', 'user01')), undefined);
    await s.tx((tx) => tx.registrations.end({ contractId: CONTRACT_ID, loginId: 'user01' }, T0_MS + 5));
    assert.equal(await s.tx((tx) => tx.registrations.activeFor(CONTRACT_ID, 'per_user', 'user01')), undefined);
  });

  test('tokenRowFor answers the contract\'s form, whether the user exists, and the serial that applies to the user', async (t) => {
    const s = await setup(t, open);
    await registered(s);
    await s.tx(async (tx) => {
      await tx.users.insert(aUser('user01'));
      await tx.users.insert(aUser('user02'));
    });
    const tokenFor = async (contractId: string, loginId: string) => {
      const found = await s.tx((tx) => tx.registrations.tokenRowFor(contractId, loginId));
      return found === undefined ? undefined : { otpForm: found.otpForm, userExists: found.userExists, serial: found.serial };
    };
    assert.deepEqual(await tokenFor(CONTRACT_ID, 'user01'), { otpForm: 'none', userExists: true, serial: null }, 'no serial before OTP use begins');
    await s.tx((tx) => tx.contracts.setOtpForm(CONTRACT_ID, 'per_user', T0_MS));
    assert.deepEqual(await tokenFor(CONTRACT_ID, 'user01'), { otpForm: 'per_user', userExists: true, serial: 'P0000001' });
    assert.deepEqual(await tokenFor(CONTRACT_ID, 'nobody'), { otpForm: 'per_user', userExists: false, serial: null });
    await s.tx((tx) => tx.contracts.setOtpForm(CONTRACT_ID, 'shared', T0_MS));
    assert.deepEqual(await tokenFor(CONTRACT_ID, 'user02'), { otpForm: 'shared', userExists: true, serial: 'P0000003' });
    assert.equal(await tokenFor('19999999999', 'user01'), undefined);
  });

  test('tokenRowFor carries the row of the token that applies, and no token where none applies', async (t) => {
    const s = await setup(t, open);
    await registered(s);
    await s.tx((tx) => tx.users.insert(aUser('user01')));
    const rowFor = (contractId: string, loginId: string) => s.tx((tx) => tx.registrations.tokenRowFor(contractId, loginId));
    assert.deepEqual(await rowFor(CONTRACT_ID, 'user01'), { otpForm: 'none', userExists: true, serial: null }, 'no token before OTP use begins');
    await s.tx((tx) => tx.contracts.setOtpForm(CONTRACT_ID, 'per_user', T0_MS));
    const token = await s.tx((tx) => tx.tokens.get('P0000001'));
    assert.ok(token !== undefined);
    assert.deepEqual(await rowFor(CONTRACT_ID, 'user01'), { otpForm: 'per_user', userExists: true, serial: 'P0000001', token });
    assert.deepEqual(await rowFor(CONTRACT_ID, 'nobody'), { otpForm: 'per_user', userExists: false, serial: null });
  });

  test('activeForSerial finds a serial\'s registrations in force across contracts', async (t) => {
    const s = await setup(t, open);
    const [, , a3, b1] = await registered(s);
    assert.deepEqual(await s.tx((tx) => tx.registrations.activeForSerial('P0000003')), [a3, b1]);
    assert.deepEqual(await s.tx((tx) => tx.registrations.activeForSerial('NOPE0001')), []);
  });

  test('end matches on user, serial and form, and null user means the shared registration', async (t) => {
    const s = await setup(t, open);
    const [a1, a2, a3, b1] = await registered(s);
    const end = (match: EndMatch, atMs: number): Promise<number> => s.tx((tx) => tx.registrations.end(match, atMs));
    assert.equal(await end({ contractId: CONTRACT_ID, loginId: 'user01', serial: 'P0000002' }, T0_MS + 10), 0);
    assert.equal(await end({ contractId: CONTRACT_ID, loginId: null }, T0_MS + 10), 1);
    assert.deepEqual(ids(await s.tx((tx) => tx.registrations.active(CONTRACT_ID))), ids([a1, a2] as RegistrationRecord[]));
    assert.equal(await end({ contractId: CONTRACT_ID, form: 'per_user', serial: 'P0000002' }, T0_MS + 11), 1);
    assert.equal(await end({ contractId: CONTRACT_ID }, T0_MS + 12), 1);
    assert.equal(await end({ contractId: CONTRACT_ID }, T0_MS + 13), 0, 'an ended registration does not end again');
    assert.deepEqual(await s.tx((tx) => tx.registrations.activeForSerial('P0000003')), [b1]);
    const history = await s.tx((tx) => tx.registrations.history(CONTRACT_ID));
    assert.deepEqual(history, [
      { ...a1, endedAtMs: T0_MS + 12 },
      { ...a2, endedAtMs: T0_MS + 11 },
      { ...a3, endedAtMs: T0_MS + 10 },
    ]);
  });

  test('a registration must name an existing token', async (t) => {
    const s = await setup(t, open);
    await s.contracts(CONTRACT_ID);
    await assert.rejects(s.tx((tx) => tx.registrations.insert({ contractId: CONTRACT_ID, loginId: 'u', serial: 'NOPE0001', form: 'per_user', registeredAtMs: T0_MS })));
  });
}
