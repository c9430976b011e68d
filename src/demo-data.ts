// The demo of product.md §7: a contract, its administrator, 12 users and five tokens issued to it (none
// registered), so that anyone can try the screens with `npm run token -- SERIAL`. Only `npm start` and
// `bizotp demo` load it, and only into an empty database.

import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createContract } from './domain/contracts.ts';
import type { DomainDeps } from './domain/deps.ts';
import { importTokens } from './domain/import-tokens.ts';
import { openAccount, setTransferLimits } from './domain/ledger.ts';
import { createUser, hashUserSecrets } from './domain/users.ts';
import { parsePskc } from './import/pskc.ts';

export const DEMO = {
  contractId: '10000000001',
  contractName: 'デモ商事株式会社',
  adminPassword: 'kanri001',
  confirmPin: 'kakunin01',
  userPassword: 'riyou001',
  userConfirmPin: 'kakunin02',
  userCount: 12,
  serials: ['10000000000011', '10000000000012', '10000000000013', '10000000000014', '20000000000001'],
  pskcPath: fileURLToPath(new URL('../fixtures/pskc/demo.pskc', import.meta.url)),
  /** product.md §7: one 普通 account with ¥10,000,000 (the embedded ledger's). */
  account: { branchCode: '001', kind: 'futsu', number: '1234567', name: 'ﾃﾞﾓｼﾖｳｼﾞ(ｶ', balanceYen: 10_000_000n },
  /** Limits a small company would ask its bank for: ¥3,000,000 a payment, ¥5,000,000 a day. */
  limits: { perPaymentYen: 3_000_000n, dailyYen: 5_000_000n },
} as const;

const DEMO_ACTOR = { actor: 'bank:demo', ip: 'local' } as const;

/** Returns false (and changes nothing) unless the database is empty. */
export async function loadDemoData(deps: DomainDeps): Promise<boolean> {
  const empty = await deps.store.transaction(async (tx) => (await tx.tokens.count()) === 0 && (await tx.contracts.get(DEMO.contractId)) === undefined);
  if (!empty) return false;
  await createContract(deps, DEMO_ACTOR, { id: DEMO.contractId, name: DEMO.contractName, adminPassword: DEMO.adminPassword, confirmPin: DEMO.confirmPin });
  const hashes = await hashUserSecrets({ password: DEMO.userPassword, confirmPin: DEMO.userConfirmPin }, deps.hashCost);
  await deps.store.transaction(async (tx) => {
    for (let i = 1; i <= DEMO.userCount; i++) {
      const loginId = `user${String(i).padStart(2, '0')}`;
      await createUser(tx, DEMO_ACTOR, deps.now(), DEMO.contractId, { loginId, name: `利用者${i}`, canTransfer: true, canPayTax: true, ...hashes });
    }
    await openAccount(tx, DEMO_ACTOR, deps.now(), { contractId: DEMO.contractId, ...DEMO.account });
    await setTransferLimits(tx, DEMO_ACTOR, deps.now(), { contractId: DEMO.contractId, ...DEMO.limits });
  });
  await importTokens(deps, DEMO_ACTOR, parsePskc(createReadStream(DEMO.pskcPath), {}), {
    defaultModel: 'hw1',
    contractId: DEMO.contractId,
    demo: true,
    source: 'demo.pskc',
  });
  return true;
}
