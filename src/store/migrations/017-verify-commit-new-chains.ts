// PostgreSQL: bizotp_verify_commit (migration 15) also starts a chain. A batch whose first entry of a chain
// follows seq 0 makes that chain's head row first, as lockHead does (INSERT … ON CONFLICT DO NOTHING), so a
// contract's first verified codes take the fast path too instead of the transaction path. If another
// transaction made the head first and moved it, the conditional UPDATE finds it moved (BZ409) and the caller
// reseals on it, as for any head that moved. Migration 15 stays as released; this replaces the function.
import type { Migration } from './migration.ts';

const FUNCTION = `
CREATE OR REPLACE FUNCTION bizotp_verify_commit(p_status text, p_max_failures integer, p_items jsonb, p_heads jsonb)
RETURNS text LANGUAGE plpgsql AS $fn$
DECLARE
  item record;
  head record;
BEGIN
  FOR item IN SELECT * FROM jsonb_to_recordset(p_items)
      AS x(ord integer, key_hash text, serial text, counter bigint, drift integer, at_ms bigint, chain text)
      ORDER BY ord LOOP
    PERFORM 1 FROM api_keys WHERE key_hash = item.key_hash AND revoked_at_ms IS NULL;
    IF NOT FOUND THEN
      RAISE EXCEPTION '%', item.ord USING ERRCODE = 'BZ410', DETAIL = 'key_gone';
    END IF;
    UPDATE tokens SET last_counter = item.counter, drift = item.drift, consecutive_failures = 0, last_used_at_ms = item.at_ms
      WHERE serial = item.serial AND status = p_status AND consecutive_failures < p_max_failures
        AND (last_counter IS NULL OR last_counter < item.counter) AND contract_id = item.chain;
    IF NOT FOUND THEN
      RAISE EXCEPTION '%', item.ord USING ERRCODE = 'BZ410', DETAIL = 'token_changed';
    END IF;
  END LOOP;
  FOR head IN SELECT * FROM jsonb_to_recordset(p_heads)
      AS x(chain text, from_seq bigint, from_hash text, to_seq bigint, to_hash text)
      ORDER BY chain LOOP
    IF head.from_seq = 0 THEN
      INSERT INTO audit_heads (chain, seq, hash) VALUES (head.chain, 0, '') ON CONFLICT (chain) DO NOTHING;
    END IF;
    UPDATE audit_heads SET seq = head.to_seq, hash = head.to_hash
      WHERE chain = head.chain AND seq = head.from_seq AND hash = head.from_hash;
    IF NOT FOUND THEN
      RAISE EXCEPTION '%', head.chain USING ERRCODE = 'BZ409', DETAIL = 'the chain head moved';
    END IF;
  END LOOP;
  INSERT INTO audit_log (chain, seq, at_ms, actor, action, target, outcome, detail, ip, prev_hash, hash, key_id)
    SELECT chain, seq, at_ms, actor, action, target, outcome, detail, ip, prev_hash, hash, key_id
    FROM jsonb_to_recordset(p_items) AS x(ord integer, chain text, seq bigint, at_ms bigint, actor text, action text,
      target text, outcome text, detail text, ip text, prev_hash text, hash text, key_id text)
    ORDER BY ord;
  UPDATE soft_tokens s SET last_seen_at_ms = x.at_ms
    FROM jsonb_to_recordset(p_items) AS x(serial text, at_ms bigint, software boolean)
    WHERE x.software AND s.serial = x.serial AND (s.last_seen_at_ms IS NULL OR s.last_seen_at_ms < x.at_ms);
  UPDATE api_keys k SET last_used_at_ms = t.touch_at
    FROM (SELECT key_hash, max(touch_at) AS touch_at, max(touch_before) AS touch_before
          FROM jsonb_to_recordset(p_items) AS x(key_hash text, touch_at bigint, touch_before bigint)
          WHERE touch_at IS NOT NULL GROUP BY key_hash) t
    WHERE k.key_hash = t.key_hash AND (k.last_used_at_ms IS NULL OR k.last_used_at_ms <= t.touch_before);
  RETURN 'committed';
END
$fn$;
`;

export const verifyCommitStartsChains: Migration = {
  version: 17,
  name: 'PostgreSQL: the verify API\'s batch commit starts a chain that has no head yet',
  sqlite: 'SELECT 1;',
  postgres: FUNCTION,
};
