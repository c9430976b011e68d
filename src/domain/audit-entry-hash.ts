// What links an audit entry into its chain. Entries written with the audit key carry the key's id and an
// HMAC-SHA-256 over their fields, the previous entry's hash and that key id, so rewriting an entry and
// recomputing every later hash needs the key, which is not in the database (ASVS 4.0.3 7.3.3). Entries
// written before the audit key existed carry a plain SHA-256 over the same fields and no key id: they still
// verify, but only an exported checkpoint protects them from a writer who recomputes the chain.

import { createHash } from 'node:crypto';
import type { AuditKeys } from './audit-keys.ts';
import type { AuditEntry } from './store-ports.ts';

const KEYED_DOMAIN = 'bizotp audit v1\0';

/** Each field length-prefixed, so no two different entries give the same bytes. */
function fieldBytes(fields: readonly string[]): Buffer {
  return Buffer.from(fields.map((f) => `${Buffer.byteLength(f)}:${f};`).join(''), 'utf8');
}

function fieldsOf(e: Omit<AuditEntry, 'hash'>): string[] {
  return [e.chain, String(e.seq), String(e.atMs), e.actor, e.action, e.target, e.outcome, e.detail, e.ip, e.prevHash];
}

/** The unkeyed SHA-256 of entries written before the audit key (no `keyId`). */
export function hashAuditEntry(e: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(fieldBytes(fieldsOf(e))).digest('hex');
}

/** The same bytes as the domain ‖ fieldBytes(fields ‖ keyId), as one string the MAC encodes once (no Buffer per field). */
function keyedInput(e: Omit<AuditEntry, 'hash'>, keyId: string): string {
  return `${KEYED_DOMAIN}${prefixed(e.chain)}${prefixed(String(e.seq))}${prefixed(String(e.atMs))}${prefixed(e.actor)}${prefixed(e.action)}`
    + `${prefixed(e.target)}${prefixed(e.outcome)}${prefixed(e.detail)}${prefixed(e.ip)}${prefixed(e.prevHash)}${prefixed(keyId)}`;
}

function prefixed(field: string): string {
  return `${Buffer.byteLength(field, 'utf8')}:${field};`;
}

/** The HMAC of an entry sealed under `body.keyId`; throws when that key is not configured (a broken assumption). */
export function sealAuditEntry(keys: AuditKeys, body: Omit<AuditEntry, 'hash'> & { keyId: string }): string {
  const mac = keys.mac(body.keyId, keyedInput(body, body.keyId));
  if (mac === undefined) throw new Error(`no audit key with id ${body.keyId} is configured`);
  return mac.toString('hex');
}

export type EntryHashCheck = 'intact' | 'altered' | 'unknown_key';

/** Whether an entry's hash matches its content: under its audit key, or as plain SHA-256 when unkeyed. */
export function checkAuditEntryHash(keys: AuditKeys, entry: AuditEntry): EntryHashCheck {
  const { hash, ...body } = entry;
  if (entry.keyId === undefined) return hashAuditEntry(body) === hash ? 'intact' : 'altered';
  const mac = keys.mac(entry.keyId, keyedInput(body, entry.keyId));
  if (mac === undefined) return 'unknown_key';
  return mac.toString('hex') === hash ? 'intact' : 'altered';
}
