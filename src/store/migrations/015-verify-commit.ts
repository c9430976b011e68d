// PostgreSQL: the verify API's write as ONE statement (src/store/sql/hot-verify.ts). A round trip costs more
// here than the statements themselves (~100 µs of socket system calls each on these machines), so the
// verification that a bank system sends by the thousand is one read and this one call, committed on its
// own: the key still unrevoked, the code consumed by the same conditional UPDATE as tokens.consumeIfUsable,
// the chain head moved from exactly the head the entry was sealed on, the entry inserted, an app
// token's 最終確認 and the key's last use touched — all or nothing. A head that moved meanwhile raises BZ409, which rolls the statement
// back (the consumption included); the caller reads the head again and reseals. Lock order as everywhere:
// the token row, then the chain head. SQLite has no functions of this kind and needs none: its statements
// cost no round trip, and its transactions already share COMMITs (group-commit.ts).
import type { Migration } from './migration.ts';

const FUNCTION = `
CREATE FUNCTION bizotp_verify_commit(
  p_key_hash text, p_touch_at bigint, p_touch_before bigint,
  p_serial text, p_status text, p_max_failures integer, p_counter bigint, p_drift integer, p_contract text,
  p_chain text, p_seq bigint, p_at_ms bigint, p_actor text, p_action text, p_target text, p_outcome text,
  p_detail text, p_ip text, p_prev_hash text, p_hash text, p_key_id text, p_software boolean
) RETURNS text LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM 1 FROM api_keys WHERE key_hash = p_key_hash AND revoked_at_ms IS NULL;
  IF NOT FOUND THEN RETURN 'key_gone'; END IF;
  UPDATE tokens SET last_counter = p_counter, drift = p_drift, consecutive_failures = 0, last_used_at_ms = p_at_ms
    WHERE serial = p_serial AND status = p_status AND consecutive_failures < p_max_failures
      AND (last_counter IS NULL OR last_counter < p_counter) AND contract_id = p_contract;
  IF NOT FOUND THEN RETURN 'token_changed'; END IF;
  UPDATE audit_heads SET seq = p_seq, hash = p_hash
    WHERE chain = p_chain AND seq = p_seq - 1 AND hash = p_prev_hash;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'audit chain %: the head moved from entry %', p_chain, p_seq - 1 USING ERRCODE = 'BZ409';
  END IF;
  INSERT INTO audit_log (chain, seq, at_ms, actor, action, target, outcome, detail, ip, prev_hash, hash, key_id)
    VALUES (p_chain, p_seq, p_at_ms, p_actor, p_action, p_target, p_outcome, p_detail, p_ip, p_prev_hash, p_hash, p_key_id);
  IF p_software THEN
    UPDATE soft_tokens SET last_seen_at_ms = p_at_ms
      WHERE serial = p_serial AND (last_seen_at_ms IS NULL OR last_seen_at_ms < p_at_ms);
  END IF;
  IF p_touch_at IS NOT NULL THEN
    UPDATE api_keys SET last_used_at_ms = p_touch_at
      WHERE key_hash = p_key_hash AND (last_used_at_ms IS NULL OR last_used_at_ms <= p_touch_before);
  END IF;
  RETURN 'committed';
END
$fn$;
`;

export const verifyCommitFunction: Migration = {
  version: 15,
  name: 'PostgreSQL: the verify API commits in one statement',
  sqlite: 'SELECT 1;',
  postgres: FUNCTION,
};
