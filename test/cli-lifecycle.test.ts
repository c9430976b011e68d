// The bank operator's lifecycle verbs (issue, revoke, resync) and read verbs (contracts, users, tokens, audit
// search): exit codes, --operator/--reason required, audited, and no secret in any output.

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { appendAudit } from '../src/domain/audit.ts';
import { hmacKey, hotp } from '../src/otp/hotp.ts';
import { totpStep } from '../src/otp/totp.ts';
import { cliHarness, type CliHarness } from './support/cli-harness.ts';

const C = '10000000001';
const HW1 = '10000000000011';
const STAFF = ['--operator', 'sato', '--reason', 'テストの操作'];

let cli: CliHarness;
beforeEach(async () => {
  cli = cliHarness();
  assert.equal((await cli.run(['demo'])).code, 0);
});
afterEach(() => cli.close());

/** The demo token's code `steps` steps from the server's current step. */
async function codeAt(serial: string, steps: number): Promise<string> {
  const deps = await cli.deps();
  const token = await deps.store.transaction((tx) => tx.tokens.get(serial));
  assert.ok(token !== undefined && token.params.type === 'totp');
  const step = totpStep(deps.now(), token.params.stepSeconds) + BigInt(steps);
  return hotp(hmacKey(deps.keyring.open(serial, token.sealed)), step, token.params.digits, token.params.algorithm);
}

async function stockTokens(...serials: string[]): Promise<void> {
  const deps = await cli.deps();
  await deps.store.transaction((tx) =>
    tx.tokens.insertBatch(serials.map((serial) => ({
      serial, kind: 'hardware', model: 'hw1', params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, sealed: deps.keyring.seal(serial, Buffer.alloc(20, 7)),
      counter: 0n, expiresAtMs: null, demo: false, contractId: null, status: 'in_stock',
    }))),
  );
}

async function audit(chain: string) {
  const deps = await cli.deps();
  return deps.store.transaction((tx) => tx.audit.entries(chain));
}

describe('bizotp lifecycle verbs', () => {
  test('every new verb answers --help with exit 0', async () => {
    for (const argv of [['tokens', 'show'], ['tokens', 'revoke'], ['tokens', 'resync'], ['contracts', 'list'], ['contracts', 'show'], ['users', 'list'], ['audit', 'search']]) {
      const r = await cli.run([...argv, '--help']);
      assert.equal(r.code, 0, argv.join(' '));
      assert.match(r.stdout, /使い方/);
    }
  });

  test('a staff action without --operator or --reason is a usage error (exit 2) and changes nothing', async () => {
    await stockTokens('30000000000001');
    assert.equal((await cli.run(['tokens', 'issue', '30000000000001', '--contract', C])).code, 2);
    assert.equal((await cli.run(['tokens', 'issue', '30000000000001', '--contract', C, '--operator', 'sato'])).code, 2);
    assert.equal((await cli.run(['tokens', 'revoke', HW1, '--kind', 'lost', '--reason', 'x'])).code, 2);
    assert.equal((await cli.run(['tokens', 'revoke', HW1, '--kind', 'lost', '--operator', 'sato', '--reason', '  '])).code, 2);
    assert.equal((await cli.run(['tokens', 'resync', HW1, '--operator', 'sato'], '123456\n234567\n')).code, 2);
    assert.equal((await cli.run(['tokens', 'revoke', HW1, '--kind', 'misplaced', ...STAFF])).code, 2);
    const shown = JSON.parse((await cli.run(['tokens', 'show', HW1, '--json'])).stdout) as { status: string };
    assert.equal(shown.status, 'issued');
  });

  test('tokens issue --to issues a range all or nothing, naming the tokens not in stock', async () => {
    await stockTokens('30000000000001', '30000000000002', '30000000000003');
    const ok = await cli.run(['tokens', 'issue', '30000000000001', '--to', '30000000000002', '--contract', C, ...STAFF]);
    assert.equal(ok.code, 0, ok.stderr);
    const refused = await cli.run(['tokens', 'issue', '30000000000002', '--to', '30000000000004', '--contract', C, ...STAFF]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /30000000000002\tissued/);
    assert.match(refused.stderr, /30000000000004\t未登録/);
    const third = JSON.parse((await cli.run(['tokens', 'show', '30000000000003', '--json'])).stdout) as { status: string };
    assert.equal(third.status, 'in_stock', 'nothing of the refused range was issued');
    assert.equal((await cli.run(['tokens', 'issue', '30000000000001', '--to', '30000000001001', '--contract', C, ...STAFF])).code, 2, 'over 1,000');
    const issued = (await audit(C)).filter((e) => e.action === 'token.issue');
    assert.deepEqual(issued.map((e) => [e.actor, e.target, JSON.parse(e.detail).reason]), [
      ['staff:sato', '30000000000001', 'テストの操作'],
      ['staff:sato', '30000000000002', 'テストの操作'],
    ]);
  });

  test('tokens revoke: the token is refused by tokens verify from then on, and the revocation is audited', async () => {
    assert.equal((await cli.run(['tokens', 'verify', HW1], `${await codeAt(HW1, 0)}\n`)).code, 0);
    cli.advance(30_000);
    const r = await cli.run(['tokens', 'revoke', HW1, '--kind', 'broken', ...STAFF]);
    assert.equal(r.code, 0, r.stderr);
    const verify = await cli.run(['tokens', 'verify', HW1], `${await codeAt(HW1, 0)}\n`);
    assert.equal(verify.code, 1);
    assert.match(verify.stdout, /unknown/);
    assert.equal((await cli.run(['tokens', 'revoke', HW1, '--kind', 'lost', ...STAFF])).code, 1, 'already final');
    const entry = (await audit(C)).find((e) => e.action === 'token.revoke' && e.outcome === 'revoked');
    assert.equal(entry?.actor, 'staff:sato');
    assert.equal(JSON.parse(entry?.detail ?? '{}').reason, 'テストの操作');
  });

  test('tokens resync reads two codes from stdin: exit 0 resynchronised, 1 refused, 2 bad input', async () => {
    const pair = `${await codeAt(HW1, 36)}\n${await codeAt(HW1, 37)}\n`;
    const r = await cli.run(['tokens', 'resync', HW1, ...STAFF], pair);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /0 → 37/);
    const again = await cli.run(['tokens', 'resync', HW1, ...STAFF], pair);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /otp_replayed/);
    const apart = await cli.run(['tokens', 'resync', HW1, ...STAFF], `${await codeAt(HW1, 40)}\n${await codeAt(HW1, 42)}\n`);
    assert.equal(apart.code, 1);
    assert.equal((await cli.run(['tokens', 'resync', HW1, ...STAFF], '12345\n')).code, 2);
    assert.equal((await cli.run(['tokens', 'resync', HW1, ...STAFF], '')).code, 2);
    cli.advance(30_000);
    assert.equal((await cli.run(['tokens', 'verify', HW1], `${await codeAt(HW1, 37)}\n`)).code, 0, 'the next code is accepted by the payment window');
  });

  test('contracts list, contracts show, users list and tokens show print tables or JSON without any secret', async () => {
    const list = await cli.run(['contracts', 'list', '1000']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /10000000001\s+デモ商事株式会社/);
    assert.match((await cli.run(['contracts', 'list', '商事', '--json'])).stdout, /"total": 1/);
    const show = await cli.run(['contracts', 'show', C]);
    assert.equal(show.code, 0);
    assert.match(show.stdout, /user12/);
    assert.match(show.stdout, /10000000000014/);
    const json = JSON.parse((await cli.run(['contracts', 'show', C, '--json'])).stdout) as { users: unknown[]; tokens: unknown[] };
    assert.deepEqual([json.users.length, json.tokens.length], [12, 5]);
    const users = await cli.run(['users', 'list', '--contract', C]);
    assert.equal(users.stdout.trim().split('\n').length, 13);
    const token = await cli.run(['tokens', 'show', HW1]);
    assert.match(token.stdout, /TOTP SHA1 6桁 30秒/);
    assert.equal((await cli.run(['contracts', 'show', '19999999999'])).code, 1);
    assert.equal((await cli.run(['tokens', 'show', '99999999999999'])).code, 1);
    assert.equal((await cli.run(['users', 'list'])).code, 2);
    const deps = await cli.deps();
    const t = await deps.store.transaction((tx) => tx.tokens.get(HW1));
    const blobHex = Buffer.from(t?.sealed.blob ?? []).toString('hex');
    for (const out of [show.stdout, users.stdout, token.stdout, (await cli.run(['tokens', 'show', HW1, '--json'])).stdout, JSON.stringify(json)]) {
      assert.ok(!out.includes('$argon2') && !out.includes(blobHex) && !out.includes('sealed'), 'no hash or sealed secret');
    }
  });

  test('audit search filters by serial and staff, exports CSV with a BOM and neutralised formulas, and JSON with the chain check', async () => {
    await cli.run(['tokens', 'revoke', HW1, '--kind', 'lost', ...STAFF]);
    const deps = await cli.deps();
    await deps.store.transaction((tx) => appendAudit(tx, deps.now(), { chain: C, actor: 'staff:sato', action: 'note', target: '=HYPERLINK("x")', outcome: '-1', detail: {} }));
    const bySerial = await cli.run(['audit', 'search', '--serial', HW1]);
    assert.equal(bySerial.code, 0);
    assert.match(bySerial.stdout, /token\.revoke/);
    assert.match(bySerial.stdout, /改ざんなし/);
    const csv = await cli.run(['audit', 'search', '--staff', 'sato', '--format', 'csv']);
    assert.ok(csv.stdout.startsWith('\uFEFF# heads 10000000001#'), csv.stdout.slice(0, 80));
    const lines = csv.stdout.split('\r\n');
    assert.equal(lines[1], 'chain,seq,at,actor,action,target,outcome,detail,ip,hash');
    assert.match(lines[2] ?? '', /,note,"'=HYPERLINK\(""x""\)",'-1,/);
    assert.equal(lines.length, 5, 'heads, header, two entries and the final empty line');
    const json = JSON.parse((await cli.run(['audit', 'search', '--contract', C, '--action', 'token.revoke', '--format', 'json'])).stdout) as { chainCheck: { ok: boolean }; entries: { target: string; detail: { reason: string } }[] };
    assert.equal(json.chainCheck.ok, true);
    assert.deepEqual(json.entries.map((e) => [e.target, e.detail.reason]), [[HW1, 'テストの操作']]);
    assert.equal((await cli.run(['audit', 'search', '--since', '2026-11-25'])).stdout.split('\n').length, 3, 'only the header and the summary: the clock is on 11-24');
    assert.equal((await cli.run(['audit', 'search', '--since', '2026-02-30'])).code, 2);
    assert.equal((await cli.run(['audit', 'search', '--format', 'xml'])).code, 2);
  });
});
