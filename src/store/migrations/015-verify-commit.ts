// PostgreSQL: the verify API's write as ONE statement (src/store/sql/hot-verify.ts). A round trip costs more
// here than the statements themselves, so the verification a bank system sends by the thousand is one read
// and this one call, committed on its own. It takes a batch: the accepted codes that arrived together
// (verify-sequencer.ts), each contract's entries sealed one after the other on its chain's head, so they
// share one COMMIT and each head moves once. For each item, in serial order (the lock order of every batch):
// the key still unrevoked, the code consumed by the same conditional UPDATE as tokens.consumeIfUsable (its
// token still of that contract); then, in chain order, each head moved from exactly the head its first entry
// was sealed on; the entries inserted, app tokens' 最終確認 and the keys' last use touched — all or nothing.
// An item whose key or token changed since the read raises BZ410 naming it; a head that moved raises BZ409
// naming its chain: either rolls the whole statement back (every consumption included), and the caller drops
// the item or reads that head again, reseals and calls again. SQLite needs none of this: its statements
// cost no round trip, and its transactions already share COMMITs (group-commit.ts).
import type { Migration } from './migration.ts';

const FUNCTION = `
CREATE FUNCTION bizotp_verify_commit(p_status text, p_max_failures integer, p_items jsonb, p_heads jsonb)
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

export const verifyCommitFunction: Migration = {
  version: 15,
  name: 'PostgreSQL: the verify API commits a batch in one statement',
  sqlite: 'SELECT 1;',
  postgres: FUNCTION,
};
