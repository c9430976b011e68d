// ソフトウェアトークン発行 (otpauth): one transaction makes the token, its soft_tokens row and the audit entry;
// the URI is the Key URI Format with the serial in the label; the secret is sealed and never audited; only the
// contract it was issued to can register it. On SQLite and PostgreSQL.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { generateSync } from 'otplib';
import { bothStores } from '../../../test/support/both-stores.ts';
import { PIN, setupWorld, type World } from '../../../test/support/domain-setup.ts';
import { registerToken } from '../registration.ts';
import { staffActor } from '../staff-actor.ts';
import { base32 } from '../staff-totp.ts';
import { issueSoftToken } from './issue-soft-token.ts';

const A = '10000000001';
const B = '10000000002';
const STAFF = staffActor('sato', '認証アプリ希望のため', '127.0.0.1');
const ISSUER = 'テスト信用金庫';

for (const db of bothStores('issue_soft_token')) {
  describe(`ソフトウェアトークン発行 (otpauth) on ${db.name}`, () => {
    const worlds: World[] = [];
    after(async () => {
      for (const w of worlds) await w.close();
    });
    async function world(): Promise<World> {
      const w = await setupWorld(await db.url());
      worlds.push(w);
      await w.contract(A);
      await w.contract(B);
      return w;
    }

    test('a new token is issued to the contract: serial 2 + 13 digits, SHA1/6/30, sealed, with its otpauth row and an audit entry', async () => {
      const w = await world();
      const r = await issueSoftToken(w.deps, STAFF, { contractId: A, issuer: ISSUER });
      assert.ok(r.ok);
      assert.match(r.serial, /^2\d{13}$/);
      const token = await w.deps.store.transaction((tx) => tx.tokens.get(r.serial));
      assert.ok(token !== undefined);
      assert.deepEqual(
        { kind: token.kind, model: token.model, status: token.status, contractId: token.contractId, params: token.params, demo: token.demo },
        { kind: 'software', model: 'sw', status: 'issued', contractId: A, params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 }, demo: false },
      );
      const secret = w.deps.keyring.open(r.serial, token.sealed);
      assert.equal(secret.length, 20);
      const soft = await w.deps.store.transaction((tx) => tx.softTokens.get(r.serial));
      assert.deepEqual(soft, { serial: r.serial, origin: 'otpauth', state: 'active', createdAtMs: w.deps.now(), activatedAtMs: w.deps.now(), lastSeenAtMs: null });

      const uri = new URL(r.otpauthUri);
      assert.equal(uri.protocol, 'otpauth:');
      assert.equal(uri.host, 'totp');
      assert.equal(decodeURIComponent(uri.pathname), `/${ISSUER}:${A}-${r.serial}`);
      assert.deepEqual(Object.fromEntries(uri.searchParams), { secret: base32(secret), issuer: ISSUER, algorithm: 'SHA1', digits: '6', period: '30' });
      assert.doesNotMatch(uri.searchParams.get('secret') ?? '', /=/);

      const entries = await w.deps.store.transaction((tx) => tx.audit.entries(A));
      const issued = entries.filter((e) => e.action === 'token.issue' && e.target === r.serial);
      assert.equal(issued.length, 1);
      assert.equal(issued[0]?.actor, 'staff:sato');
      assert.deepEqual(JSON.parse(issued[0]?.detail ?? '{}'), { contractId: A, origin: 'otpauth', reason: STAFF.reason });
      const everything = JSON.stringify(await w.deps.store.transaction((tx) => tx.audit.entries()));
      for (const form of [base32(secret), secret.toString('hex'), secret.toString('base64'), r.otpauthUri]) assert.ok(!everything.includes(form));
    });

    test('the code an authenticator app computes from the URI registers the token for that contract, and for no other', async () => {
      const w = await world();
      const r = await issueSoftToken(w.deps, STAFF, { contractId: A, issuer: ISSUER });
      assert.ok(r.ok);
      const secretB32 = new URL(r.otpauthUri).searchParams.get('secret') ?? '';
      const appCode = (): string => generateSync({ secret: secretB32, algorithm: 'sha1', digits: 6, period: 30, epoch: Math.floor(w.deps.now() / 1000) });
      const admin = (contractId: string) => ({ actor: `admin:${contractId}`, ip: '127.0.0.1' });

      const other = await registerToken(w.deps, admin(B), { contractId: B, form: 'shared', loginId: null, serial: r.serial, otp: appCode(), confirmPin: PIN });
      assert.equal(other.ok ? 'registered' : other.code, 'token_or_otp_invalid');
      const own = await registerToken(w.deps, admin(A), { contractId: A, form: 'shared', loginId: null, serial: r.serial, otp: appCode(), confirmPin: PIN });
      assert.equal(own.ok ? 'registered' : own.code, 'registered');
      w.advance(30_000);
      const again = await registerToken(w.deps, admin(B), { contractId: B, form: 'shared', loginId: null, serial: r.serial, otp: appCode(), confirmPin: PIN });
      assert.equal(again.ok ? 'registered' : again.code, 'token_or_otp_invalid');
    });

    test('a serial already taken is drawn again, and the existing token is left as it was', async () => {
      const w = await world();
      // Bytes 0..12 give the serial 20123456789012; the next draw gives 29876543210987.
      const first = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2];
      const second = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7];
      const taken = await w.token('20123456789012', { contractId: B });
      const draws = [randomBytes(20), Buffer.from([...first, ...first]), Buffer.from([...second, ...second])];
      const r = await issueSoftToken(w.deps, STAFF, { contractId: A, issuer: ISSUER }, () => draws.shift() ?? randomBytes(26));
      assert.ok(r.ok);
      assert.equal(r.serial, '29876543210987');
      const kept = await w.deps.store.transaction((tx) => tx.tokens.get(taken.serial));
      assert.equal(kept?.contractId, B);
      assert.equal(kept?.kind, 'hardware');
    });

    test('an unknown contract or a missing 理由 issues nothing and audits nothing', async () => {
      const w = await world();
      const count = async (): Promise<number> => w.deps.store.transaction((tx) => tx.tokens.count());
      const before = await count();
      const unknown = await issueSoftToken(w.deps, STAFF, { contractId: '19999999999', issuer: ISSUER });
      assert.equal(unknown.ok ? 'issued' : unknown.code, 'contract_not_found');
      const noReason = await issueSoftToken(w.deps, { ...STAFF, reason: '  ' }, { contractId: A, issuer: ISSUER });
      assert.equal(noReason.ok ? 'issued' : noReason.code, 'required');
      assert.equal(await count(), before);
      const entries = await w.deps.store.transaction((tx) => tx.audit.entries());
      assert.equal(entries.filter((e) => e.action === 'token.issue').length, 0);
    });
  });
}
