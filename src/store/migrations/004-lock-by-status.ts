// The token's status is the one field that says "locked" (product.md §4): a token whose failure count had
// reached the maximum without its status following (older code counted an expired token's and a replay's
// refusals, and decided "locked" by either field) is moved to 'locked', so old data agrees with the rule.
import type { Migration } from './migration.ts';

/** MAX_CONSECUTIVE_OTP_FAILURES when this migration was written; a released migration never changes. */
const UPDATE = `UPDATE tokens SET status = 'locked' WHERE consecutive_failures >= 5 AND status IN ('issued', 'registered');`;

export const lockByStatus: Migration = {
  version: 4,
  name: 'tokens at the failure limit are locked by status',
  sqlite: UPDATE,
  postgres: UPDATE,
};
