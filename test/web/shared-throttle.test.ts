// Throttles that hold across instances: two app instances on ONE database (two PostgreSQL pools, or two
// SQLite connections to one file) count the same buckets, so an attacker spreading login attempts over both
// is limited as on one; and a flood of unknown ご契約先ID from one source costs one audit entry per window.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deriveAuditKeys } from '../../src/domain/audit-keys.ts';
import type { DomainDeps } from '../../src/domain/deps.ts';
import { ANONYMOUS_AUDIT_WINDOW_MS, LOGIN_ATTEMPTS_PER_ACCOUNT, LOGIN_ATTEMPTS_PER_SOURCE, LOGIN_RATE_WINDOW_MS } from '../../src/domain/policy.ts';
import { createKeyring } from '../../src/domain/secret-box.ts';
import type { Store } from '../../src/domain/store-ports.ts';
import { openStore } from '../../src/store/open-store.ts';
import { createApp } from '../../src/web/app.ts';
import { freshPostgresDatabase, markPostgresSuiteRan, POSTGRES_URL } from '../support/postgres.ts';
import { agent, type Agent } from './agent.ts';
import { LIGHT_HASH_COST, T0_MS } from './fixture.ts';

interface TwoInstances {
  readonly apps: readonly [ReturnType<typeof createApp>, ReturnType<typeof createApp>];
  readonly clock: { nowMs: number };
  readonly store: Store;
  close(): Promise<void>;
}

const KEY = Buffer.alloc(32, 7);

async function twoInstances(engine: 'SQLite' | 'PostgreSQL', name: string): Promise<TwoInstances> {
  let url: string;
  let dir: string | undefined;
  if (engine === 'PostgreSQL') {
    markPostgresSuiteRan();
    url = await freshPostgresDatabase(name);
  } else {
    dir = mkdtempSync(join(tmpdir(), 'bizotp-throttle-'));
    url = join(dir, 'shared.sqlite');
  }
  const clock = { nowMs: T0_MS };
  const stores = [await openStore(url, { auditKeys: deriveAuditKeys(KEY) }), await openStore(url, { auditKeys: deriveAuditKeys(KEY) })] as const;
  const depsOf = (store: Store): DomainDeps => ({ store, keyring: createKeyring(KEY), now: () => clock.nowMs, hashCost: LIGHT_HASH_COST });
  const appOf = (store: Store) => createApp(depsOf(store), { secureCookies: false, logger: false });
  return {
    apps: [appOf(stores[0]), appOf(stores[1])],
    clock,
    store: stores[0],
    async close() {
      for (const s of stores) await s.close();
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function tryLogin(browser: Agent, contractId: string): Promise<number> {
  await browser.get('/login');
  return (await browser.post('/login', { contractId, password: 'guess123' })).status;
}

const engines: ('SQLite' | 'PostgreSQL')[] = POSTGRES_URL === undefined ? ['SQLite'] : ['SQLite', 'PostgreSQL'];

for (const engine of engines) {
  describe(`login throttles shared by two instances on one ${engine} database`, () => {
    it('limits one source spreading its attempts over both instances as if there were one, and not another source', async (t) => {
      const two = await twoInstances(engine, 'throttle_source');
      t.after(() => two.close());
      const attacker = two.apps.map((app) => agent(app, { remoteAddress: '198.51.100.7' }));
      for (let i = 0; i < LOGIN_ATTEMPTS_PER_SOURCE; i++) {
        assert.notEqual(await tryLogin(attacker[i % 2] as Agent, `9999999${String(i).padStart(4, '0')}`), 429, `attempt ${i + 1}`);
      }
      assert.equal(await tryLogin(attacker[0] as Agent, '99999990100'), 429, 'over the limit on the first instance');
      assert.equal(await tryLogin(attacker[1] as Agent, '99999990101'), 429, 'and on the second');
      assert.notEqual(await tryLogin(agent(two.apps[1], { remoteAddress: '198.51.100.8' }), '99999990102'), 429, 'another source is not blocked');
      two.clock.nowMs += LOGIN_RATE_WINDOW_MS;
      assert.notEqual(await tryLogin(attacker[0] as Agent, '99999990103'), 429, 'the next window is open again');
    });

    it('limits one account attacked from many sources over both instances', async (t) => {
      const two = await twoInstances(engine, 'throttle_account');
      t.after(() => two.close());
      for (let i = 0; i < LOGIN_ATTEMPTS_PER_ACCOUNT; i++) {
        assert.notEqual(await tryLogin(agent(two.apps[i % 2] as ReturnType<typeof createApp>, { remoteAddress: `203.0.113.${i + 1}` }), '99999999999'), 429);
      }
      assert.equal(await tryLogin(agent(two.apps[1], { remoteAddress: '203.0.113.201' }), '99999999999'), 429);
      assert.notEqual(await tryLogin(agent(two.apps[1], { remoteAddress: '203.0.113.202' }), '99999999998'), 429, 'another account is not blocked');
    });

    it('audits 100 logins with unknown ご契約先ID from one source with at most 2 entries', async (t) => {
      const two = await twoInstances(engine, 'throttle_audit');
      t.after(() => two.close());
      const attacker = two.apps.map((app) => agent(app, { remoteAddress: '198.51.100.9' }));
      // 6 s apart: 10 a minute, within the login throttle, so every one is checked as an unknown contract.
      for (let i = 0; i < 100; i++) {
        assert.notEqual(await tryLogin(attacker[i % 2] as Agent, `9${String(i).padStart(10, '0')}`), 429);
        two.clock.nowMs += LOGIN_RATE_WINDOW_MS / LOGIN_ATTEMPTS_PER_SOURCE;
      }
      const bank = (await two.store.transaction((tx) => tx.audit.entries('bank'))).filter((e) => e.action === 'admin.login');
      assert.ok(bank.length >= 1 && bank.length <= 2, `${bank.length} entries`);
      two.clock.nowMs = T0_MS + 2 * ANONYMOUS_AUDIT_WINDOW_MS;
      await tryLogin(attacker[0] as Agent, '98888888888');
      const after = (await two.store.transaction((tx) => tx.audit.entries('bank'))).filter((e) => e.action === 'admin.login');
      assert.equal(after.length, bank.length + 1, 'the next window gets its first entry');
      const detail = JSON.parse(after.at(-1)?.detail ?? '{}') as { earlierWindowFailures?: number };
      assert.ok((detail.earlierWindowFailures ?? 0) >= 1, 'and it carries the count of the window before');
    });
  });
}
