// StaffStore, StaffSessionStore and ApprovalStore: the staff console's storage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NewApproval, NewStaff, StaffSessionRecord } from '../../domain/staff-store-ports.ts';
import { T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const SEALED = { keyId: 'k1', blob: new Uint8Array([1, 2, 3, 4]) };

function aStaff(id: string, overrides: Partial<NewStaff> = {}): NewStaff {
  return { id, name: `職員${id}`, role: 'operator', passwordHash: '$argon2id$fake', createdAtMs: T0_MS, ...overrides };
}

function aRequest(id: string, requestedBy: string, overrides: Partial<NewApproval> = {}): NewApproval {
  return { id, action: 'unlock', params: '{}', reason: '電話で本人確認済み', requestedBy, requestedAtMs: T0_MS, expiresAtMs: T0_MS + 86_400_000, ...overrides };
}

export function staffCases(open: OpenStore): void {
  test('a staff member is stored awaiting enrolment, and an id cannot be taken twice', async (t) => {
    const s = await setup(t, open);
    assert.equal(await s.tx((tx) => tx.staff.insert(aStaff('S1'))), true);
    assert.equal(await s.tx((tx) => tx.staff.insert(aStaff('S1', { name: '別人' }))), false);
    assert.deepEqual(await s.tx((tx) => tx.staff.get('S1')), { ...aStaff('S1'), totp: null, totpLastStep: null, failures: 0, disabled: false, mustEnrol: true });
    assert.deepEqual((await s.tx((tx) => tx.staff.list())).map((x) => x.id), ['S1']);
  });

  test('attempts are reserved up to the maximum and never for a disabled staff member', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.staff.insert(aStaff('S1')));
    const results = await s.parallel(8, (tx) => tx.staff.beginAttempt('S1', 5));
    assert.equal(results.filter((r) => r !== undefined).length, 5, 'only 5 of 8 parallel attempts are reserved');
    await s.tx((tx) => tx.staff.resetFailures('S1'));
    assert.equal((await s.tx((tx) => tx.staff.get('S1')))?.failures, 0);
    assert.equal(await s.tx((tx) => tx.staff.disable('S1')), true);
    assert.equal(await s.tx((tx) => tx.staff.disable('S1')), false);
    assert.equal(await s.tx((tx) => tx.staff.beginAttempt('S1', 5)), undefined);
  });

  test('enrolment stores the secret once; a step is consumed once and never an older one', async (t) => {
    const s = await setup(t, open);
    await s.tx((tx) => tx.staff.insert(aStaff('S1')));
    assert.equal(await s.tx((tx) => tx.staff.enrol('S1', SEALED, 100n)), true);
    assert.equal(await s.tx((tx) => tx.staff.enrol('S1', SEALED, 101n)), false, 'not awaiting enrolment any more');
    const enrolled = await s.tx((tx) => tx.staff.get('S1'));
    assert.deepEqual([enrolled?.totp, enrolled?.totpLastStep, enrolled?.mustEnrol], [SEALED, 100n, false]);
    assert.equal(await s.tx((tx) => tx.staff.consumeStep('S1', 100n)), false);
    const parallel = await s.parallel(6, (tx) => tx.staff.consumeStep('S1', 101n));
    assert.equal(parallel.filter(Boolean).length, 1, 'one of six parallel uses of one step succeeds');
    assert.equal(await s.tx((tx) => tx.staff.consumeStep('S1', 99n)), false);
  });

  test('staff sessions are stored with their pending secret, touched, swept and ended per staff member', async (t) => {
    const s = await setup(t, open);
    const session: StaffSessionRecord = { idHash: 'a'.repeat(64), staffId: 'S1', stage: 'enrol', csrfToken: 'c', pending: SEALED, createdAtMs: T0_MS, lastSeenAtMs: T0_MS };
    const other: StaffSessionRecord = { ...session, idHash: 'b'.repeat(64), staffId: 'S2', stage: 'active', pending: null };
    await s.tx(async (tx) => {
      await tx.staffSessions.insert(session);
      await tx.staffSessions.insert(other);
    });
    assert.deepEqual(await s.tx((tx) => tx.staffSessions.get(session.idHash)), session);
    await s.tx((tx) => tx.staffSessions.touch(other.idHash, T0_MS + 1000));
    assert.equal(await s.tx((tx) => tx.staffSessions.deleteIdleSince(T0_MS + 1)), 1);
    assert.equal(await s.tx((tx) => tx.staffSessions.get(session.idHash)), undefined);
    assert.equal(await s.tx((tx) => tx.staffSessions.deleteForStaff('S2')), 1);
  });

  test('a request is decided once, even by parallel approvers, and its one-time result is taken once', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await tx.staff.insert(aStaff('S1'));
      await tx.staff.insert(aStaff('A1', { role: 'approver' }));
      await tx.approvals.insert(aRequest('0000000000000001', 'S1'));
    });
    assert.equal(await s.tx((tx) => tx.approvals.countPending(T0_MS)), 1);
    assert.equal(await s.tx((tx) => tx.approvals.countPending(T0_MS + 86_400_000)), 0, 'an expired request is not pending');
    const decision = { status: 'executed', decidedBy: 'A1', decidedAtMs: T0_MS + 5, decisionReason: '確認済み', outcome: 'unlocked', result: SEALED } as const;
    const decided = await s.parallel(4, (tx) => tx.approvals.decide('0000000000000001', decision));
    assert.equal(decided.filter(Boolean).length, 1);
    const stored = await s.tx((tx) => tx.approvals.getForUpdate('0000000000000001'));
    assert.deepEqual({ ...stored }, { ...aRequest('0000000000000001', 'S1'), status: 'executed', decidedBy: 'A1', decidedAtMs: T0_MS + 5, decisionReason: '確認済み', outcome: 'unlocked', result: SEALED });
    const taken = await s.parallel(4, (tx) => tx.approvals.takeResult('0000000000000001'));
    assert.equal(taken.filter(Boolean).length, 1);
    assert.equal((await s.tx((tx) => tx.approvals.get('0000000000000001')))?.result, null);
  });

  test('requests list pending ones first, oldest first, then decided ones, newest decision first', async (t) => {
    const s = await setup(t, open);
    await s.tx(async (tx) => {
      await tx.staff.insert(aStaff('S1'));
      await tx.approvals.insert(aRequest('000000000000000a', 'S1', { requestedAtMs: T0_MS + 2 }));
      await tx.approvals.insert(aRequest('000000000000000b', 'S1', { requestedAtMs: T0_MS + 1 }));
      await tx.approvals.insert(aRequest('000000000000000c', 'S1'));
      await tx.approvals.insert(aRequest('000000000000000d', 'S1'));
      const denial = { status: 'denied', decidedBy: null, decisionReason: '不要', outcome: 'denied', result: null } as const;
      await tx.approvals.decide('000000000000000c', { ...denial, decidedAtMs: T0_MS + 10 });
      await tx.approvals.decide('000000000000000d', { ...denial, decidedAtMs: T0_MS + 20 });
    });
    assert.deepEqual((await s.tx((tx) => tx.approvals.list(10))).map((r) => r.id), ['000000000000000b', '000000000000000a', '000000000000000d', '000000000000000c']);
  });
}
