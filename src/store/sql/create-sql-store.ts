// Turns an open SqlDatabase into the domain's Store: each transaction gets repositories bound to that
// transaction's executor, so everything the domain does between begin and commit shares one connection.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AuditKeys } from '../../domain/audit-keys.ts';
import type { Store, StoreTx } from '../../domain/store-ports.ts';
import { createAccountStore } from './accounts.ts';
import { createApiKeyStore } from './api-keys.ts';
import { createAuditStore } from './audit.ts';
import { createContractStore } from './contracts.ts';
import { createLedgerStore } from './ledger.ts';
import { createLifecycleStore } from './lifecycle.ts';
import { createPaymentDraftStore } from './payment-drafts.ts';
import { createRegistrationStore } from './registrations.ts';
import { createReservationStore } from './reservations.ts';
import { createSessionStore } from './sessions.ts';
import type { SqlDatabase, SqlExecutor } from './sql-executor.ts';
import { createTokenStore } from './tokens.ts';
import { createTransferLimitStore } from './transfer-limits.ts';
import { createUserPinStore } from './user-pins.ts';
import { createUserStore } from './users.ts';
import { createApprovalStore } from './approvals.ts';
import { createStaffSessionStore, createStaffStore } from './staff.ts';
import { createSealedSecretStore } from './sealed-secrets.ts';
import { schemaState } from '../migrations/migrate.ts';
import { createThrottleStore } from './throttle.ts';
import { createIdempotencyStore } from './idempotency.ts';
import { createSoftTokenStore } from './soft-tokens.ts';
import { createTransactionAuthStore } from './transaction-auth.ts';
import { createHotVerify } from './hot-verify.ts';
import { createSqliteHotVerify } from '../sqlite/sqlite-hot-verify.ts';

export function createStoreTx(exec: SqlExecutor, auditKeys?: AuditKeys): StoreTx {
  return {
    tokens: createTokenStore(exec),
    contracts: createContractStore(exec),
    users: createUserStore(exec),
    registrations: createRegistrationStore(exec),
    audit: createAuditStore(exec, auditKeys),
    sessions: createSessionStore(exec),
    userPins: createUserPinStore(exec),
    accounts: createAccountStore(exec),
    transferLimits: createTransferLimitStore(exec),
    paymentDrafts: createPaymentDraftStore(exec),
    ledger: createLedgerStore(exec),
    apiKeys: createApiKeyStore(exec),
    lifecycle: createLifecycleStore(exec),
    staff: createStaffStore(exec),
    staffSessions: createStaffSessionStore(exec),
    approvals: createApprovalStore(exec),
    reservations: createReservationStore(exec),
    sealedSecrets: createSealedSecretStore(exec),
    throttle: createThrottleStore(exec),
    idempotency: createIdempotencyStore(exec),
    softTokens: createSoftTokenStore(exec),
    transactionAuth: createTransactionAuthStore(exec),
  };
}

/** `auditKeys` seal every audit entry the store's transactions append (compose.ts always passes them). */
export function createSqlStore(db: SqlDatabase, auditKeys?: AuditKeys): Store {
  // A transaction started inside another would wait for it forever on SQLite (one queue) and could deadlock
  // on row locks held by the outer one on PostgreSQL: refuse it loudly instead. The marker records whether
  // the enclosing transaction is still open, so work it scheduled to run after its end is not refused.
  const enclosing = new AsyncLocalStorage<{ open: boolean }>();
  const run = <T>(within: (body: (exec: SqlExecutor) => Promise<T>) => Promise<T>, fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    if (enclosing.getStore()?.open === true) {
      return Promise.reject(new Error('Store.transaction was called inside a transaction of the same store'));
    }
    return within(async (exec) => {
      const marker = { open: true };
      try {
        return await enclosing.run(marker, () => fn(createStoreTx(exec, auditKeys)));
      } finally {
        marker.open = false;
      }
    });
  };
  return {
    dialect: db.dialect,
    ...(db.autocommit !== undefined ? { hotVerify: createHotVerify(db.autocommit, auditKeys) }
      : db.verifyWriter !== undefined ? { hotVerify: createSqliteHotVerify(db.verifyWriter, auditKeys) } : {}),
    transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return run(db.withTransaction.bind(db), fn);
    },
    groupedTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return run(db.withGroupedTransaction?.bind(db) ?? db.withTransaction.bind(db), fn);
    },
    read<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
      return run(db.withRead?.bind(db) ?? db.withTransaction.bind(db), fn);
    },
    close(): Promise<void> {
      return db.close();
    },
    async pendingMigrations(): Promise<readonly number[]> {
      return (await schemaState(db)).pending;
    },
  };
}
