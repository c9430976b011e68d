// API keys of the bank's other systems (product.md §6): 256 random bits, shown once when made, stored only as
// their SHA-256 (a key has full entropy, so a fast hash suffices and keeps the hot path free of Argon2id).
// Found by that hash inside each request's transaction, so a revoked key stops at once on every instance.

import { createHash, randomBytes } from 'node:crypto';
import { appendAudit, BANK_CHAIN } from './audit.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import type { Parsed } from './inputs.ts';
import type { ApiKeyRecord } from './store-ports.ts';

/** A recognisable prefix, so a key pasted where it should not be is easy to find (e.g. by secret scanners). */
export const API_KEY_PREFIX = 'bzo_';
const KEY_BYTES = 32;
/** bzo_ and 43 base64url characters (32 bytes). */
export const API_KEY_FORMAT = /^bzo_[A-Za-z0-9_-]{43}$/;

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A key's name: 1–64 ASCII letters, digits, dot, dash or underscore (it appears in the audit log). */
export function parseApiKeyName(raw: unknown, field = 'name'): Parsed {
  if (typeof raw !== 'string' || raw === '') return fail('required', field);
  if (raw.length > 64) return fail('too_long', field);
  return /^[A-Za-z0-9._-]+$/.test(raw) ? { ok: true, value: raw } : fail('bad_format', field);
}

/** What a key may do: its contracts (null: all), until when (null: no expiry), how many requests a minute. */
export interface ApiKeyLimits {
  readonly contractIds?: readonly string[] | null;
  readonly expiresAtMs?: number | null;
  readonly ratePerMinute?: number | null;
}

export async function createApiKey(
  deps: DomainDeps,
  who: Actor,
  name: string,
  random: (size: number) => Buffer = randomBytes,
  limits: ApiKeyLimits = {},
): Promise<{ ok: true; key: string } | Failure<'api_key_exists'>> {
  const key = `${API_KEY_PREFIX}${random(KEY_BYTES).toString('base64url')}`;
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.now();
    if (!(await tx.apiKeys.insert({ name, keyHash: hashApiKey(key), createdAtMs: nowMs, ...limits }))) return fail('api_key_exists', 'name');
    const detail = { contracts: limits.contractIds?.join(',') ?? 'all', expiresAtMs: limits.expiresAtMs ?? null, ratePerMinute: limits.ratePerMinute ?? null };
    await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'apikey.create', target: name, outcome: 'created', detail });
    return { ok: true, key } as const;
  });
}

export async function revokeApiKey(deps: DomainDeps, who: Actor, name: string): Promise<{ ok: true } | Failure<'api_key_not_found'>> {
  return deps.store.transaction(async (tx) => {
    const nowMs = deps.now();
    if (!(await tx.apiKeys.revoke(name, nowMs))) return fail('api_key_not_found', 'name');
    await appendAudit(tx, nowMs, { chain: BANK_CHAIN, ...who, action: 'apikey.revoke', target: name, outcome: 'revoked' });
    return { ok: true } as const;
  });
}

/** Whether a key may act now: not expired (an expired key is answered as an unknown one, 401). */
export function apiKeyUsable(key: ApiKeyRecord, nowMs: number): boolean {
  return key.expiresAtMs === null || nowMs < key.expiresAtMs;
}

/** Whether a key may verify for `contractId`; outside its scope it is answered as for an unknown user. */
export function apiKeyCovers(key: ApiKeyRecord, contractId: string): boolean {
  return key.contractIds === null || key.contractIds.includes(contractId);
}
