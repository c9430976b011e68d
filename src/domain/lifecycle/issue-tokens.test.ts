import assert from 'node:assert/strict';
import { afterEach, beforeEach, test } from 'node:test';
import { setupWorld, type World } from '../../../test/support/domain-setup.ts';
import { staffActor } from '../staff-actor.ts';
import { issueTokens } from './issue-tokens.ts';
import { MAX_TOKENS_PER_ISSUE, serialRange } from './serial-range.ts';

const C1 = '10000000001';
const STAFF = staffActor('sato', '新規契約の初回発行', '192.0.2.10');

let w: World;
beforeEach(async () => {
  w = await setupWorld();
  await w.contract(C1);
});
afterEach(() => w.close());

const statuses = (serials: string[]) =>
  w.deps.store.transaction(async (tx) => {
    const found = [];
    for (const s of serials) {
      const token = await tx.tokens.get(s);
      found.push([token?.status, token?.contractId]);
    }
    return found;
  });

test('a serial range counts in decimal, keeps leading zeros and includes both ends', () => {
  assert.deepEqual(serialRange('00000000000098', '00000000000101'), { ok: true, serials: ['00000000000098', '00000000000099', '00000000000100', '00000000000101'] });
  assert.deepEqual(serialRange('ABC1'), { ok: true, serials: ['ABC1'] });
});

test('a range of different lengths, backwards, of letters or over the maximum is refused', () => {
  assert.deepEqual(serialRange('0001', '00002'), { ok: false, code: 'bad_format', field: 'toSerial' });
  assert.deepEqual(serialRange('0005', '0001'), { ok: false, code: 'bad_format', field: 'toSerial' });
  assert.deepEqual(serialRange('A001', 'A002'), { ok: false, code: 'bad_format', field: 'toSerial' });
  assert.equal(serialRange('10000', String(10000 + MAX_TOKENS_PER_ISSUE - 1)).ok, true);
  assert.deepEqual(serialRange('10000', String(10000 + MAX_TOKENS_PER_ISSUE)), { ok: false, code: 'too_many_tokens', field: 'toSerial' });
});

test('issuing a range moves every token in stock to the contract and audits each with the staff member and 理由', async () => {
  for (const s of ['10000000000001', '10000000000002', '10000000000003']) await w.token(s, { contractId: null });
  const r = await issueTokens(w.deps, STAFF, { contractId: C1, fromSerial: '10000000000001', toSerial: '10000000000003' });
  assert.deepEqual(r, { ok: true, serials: ['10000000000001', '10000000000002', '10000000000003'] });
  assert.deepEqual(await statuses(['10000000000001', '10000000000003']), [['issued', C1], ['issued', C1]]);
  const entries = (await w.deps.store.transaction((tx) => tx.audit.entries(C1))).filter((e) => e.action === 'token.issue');
  assert.deepEqual(entries.map((e) => [e.actor, e.target, e.outcome, JSON.parse(e.detail).reason]), [
    ['staff:sato', '10000000000001', 'issued', STAFF.reason],
    ['staff:sato', '10000000000002', 'issued', STAFF.reason],
    ['staff:sato', '10000000000003', 'issued', STAFF.reason],
  ]);
});

test('all or nothing: one token not in stock (or unknown) refuses the whole range, naming each', async () => {
  await w.token('10000000000001', { contractId: null });
  await w.token('10000000000002', { contractId: C1 });
  const r = await issueTokens(w.deps, STAFF, { contractId: C1, fromSerial: '10000000000001', toSerial: '10000000000003' });
  assert.deepEqual(r, {
    ok: false,
    code: 'token_not_in_stock',
    field: 'fromSerial',
    unavailable: [{ serial: '10000000000002', status: 'issued' }, { serial: '10000000000003', status: 'unknown' }],
  });
  assert.deepEqual(await statuses(['10000000000001']), [['in_stock', null]]);
});

test('an unknown contract, a bad range and a missing 理由 are refused before anything changes', async () => {
  await w.token('10000000000001', { contractId: null });
  assert.deepEqual(await issueTokens(w.deps, STAFF, { contractId: '19999999999', fromSerial: '10000000000001' }), { ok: false, code: 'contract_not_found', field: 'contractId' });
  assert.deepEqual(await issueTokens(w.deps, staffActor('sato', '', 'cli'), { contractId: C1, fromSerial: '10000000000001' }), { ok: false, code: 'required', field: 'reason' });
  assert.equal((await issueTokens(w.deps, STAFF, { contractId: C1, fromSerial: '10000000000002', toSerial: '10000000000001' })).ok, false);
  assert.deepEqual(await statuses(['10000000000001']), [['in_stock', null]]);
});
