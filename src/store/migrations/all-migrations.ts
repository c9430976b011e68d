// Every migration, oldest first. Append here; never edit or reorder a released one.
import { initialSchema } from './001-initial.ts';
import { paymentsSchema } from './002-payments.ts';
import { registrationByUserIndex } from './003-registration-by-user.ts';
import { lockByStatus } from './004-lock-by-status.ts';
import { mustChangeSecrets } from './005-must-change-secrets.ts';
import { tokenLifecycleSchema } from './006-token-lifecycle.ts';
import { staffConsoleSchema } from './007-staff-console.ts';
import { reservationsSchema } from './008-reservations.ts';
import { auditAppendOnly } from './009-audit-append-only.ts';
import { throttleSchema } from './012-throttle.ts';
import { softTokensSchema } from './013-soft-tokens.ts';
import { transactionAuthSchema } from './014-transaction-auth.ts';
import { verifyCommitFunction } from './015-verify-commit.ts';
import { tokensFillfactor } from './016-tokens-fillfactor.ts';
import { verifyCommitStartsChains } from './017-verify-commit-new-chains.ts';
import type { Migration } from './migration.ts';

export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  paymentsSchema,
  registrationByUserIndex,
  lockByStatus,
  mustChangeSecrets,
  tokenLifecycleSchema,
  staffConsoleSchema,
  reservationsSchema,
  auditAppendOnly,
  throttleSchema,
  softTokensSchema,
  transactionAuthSchema,
  verifyCommitFunction,
  tokensFillfactor,
  verifyCommitStartsChains,
];
