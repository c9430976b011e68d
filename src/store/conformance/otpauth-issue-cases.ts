// The storage of ソフトウェアトークン発行 (otpauth): the one-time slot of a logged-in staff session that holds its
// QR code until shown (taken once, even in parallel). The soft_tokens row itself is SoftTokenStore's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StaffSessionRecord } from '../../domain/staff-store-ports.ts';
import { T0_MS } from './fixtures.ts';
import { setup } from './setup.ts';
import type { OpenStore } from './setup.ts';

const SEALED = { keyId: 'k1', blob: new Uint8Array([5, 6, 7, 8]) };

export function otpauthIssueCases(open: OpenStore): void {
  test('a one-time value is held only by an active staff session and cleared once, even by parallel takers', async (t) => {
    const s = await setup(t, open);
    const active: StaffSessionRecord = { idHash: 'c'.repeat(64), staffId: 'S1', stage: 'active', csrfToken: 'c', pending: null, createdAtMs: T0_MS, lastSeenAtMs: T0_MS };
    const enrolling: StaffSessionRecord = { ...active, idHash: 'd'.repeat(64), stage: 'enrol', pending: SEALED };
    await s.tx(async (tx) => {
      await tx.staffSessions.insert(active);
      await tx.staffSessions.insert(enrolling);
    });
    assert.equal(await s.tx((tx) => tx.staffSessions.holdOneTime(enrolling.idHash, { keyId: 'k2', blob: new Uint8Array([9]) })), false);
    assert.deepEqual((await s.tx((tx) => tx.staffSessions.get(enrolling.idHash)))?.pending, SEALED, 'an enrolment secret is never replaced');
    assert.equal(await s.tx((tx) => tx.staffSessions.holdOneTime('e'.repeat(64), SEALED)), false);
    assert.equal(await s.tx((tx) => tx.staffSessions.holdOneTime(active.idHash, SEALED)), true);
    assert.deepEqual((await s.tx((tx) => tx.staffSessions.get(active.idHash)))?.pending, SEALED);
    const takes = await Promise.all([1, 2, 3, 4].map(() => s.tx((tx) => tx.staffSessions.clearOneTime(active.idHash))));
    assert.deepEqual(takes.filter(Boolean).length, 1);
    assert.equal((await s.tx((tx) => tx.staffSessions.get(active.idHash)))?.pending, null);
    assert.equal(await s.tx((tx) => tx.staffSessions.clearOneTime(enrolling.idHash)), false, 'an enrolment secret is not a one-time value');
  });
}
