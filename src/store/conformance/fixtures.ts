// Small, valid records for the conformance cases. Times are fixed dates, never the clock.
import type { NewContract, NewUser, SessionRecord } from '../../domain/store-ports.ts';
import type { NewToken } from '../../domain/token.ts';

export const CONTRACT_ID = '10000000001';
export const OTHER_CONTRACT_ID = '10000000002';
/** 2025-01-06 09:00 UTC, a Monday morning. */
export const T0_MS = Date.UTC(2025, 0, 6, 9, 0, 0);

export function aContract(id: string = CONTRACT_ID): NewContract {
  return {
    id,
    name: `契約先 ${id}`,
    adminPasswordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$YWRtaW4',
    confirmPinHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$cGlu',
    createdAtMs: T0_MS,
  };
}

export function aToken(serial: string, overrides: Partial<NewToken> = {}): NewToken {
  return {
    serial,
    kind: 'hardware',
    model: 'hw1',
    params: { type: 'totp', algorithm: 'SHA1', digits: 6, stepSeconds: 30 },
    // iv ‖ ciphertext ‖ tag: 12 + 20 + 16 bytes, every byte value distinct from its neighbours.
    sealed: { keyId: 'key-2025', blob: Uint8Array.from({ length: 48 }, (_, i) => (i * 37 + 5) % 256) },
    counter: 0n,
    expiresAtMs: null,
    demo: false,
    contractId: null,
    status: 'in_stock',
    ...overrides,
  };
}

export function aUser(loginId: string, overrides: Partial<NewUser> = {}): NewUser {
  return {
    contractId: CONTRACT_ID,
    loginId,
    name: `利用者 ${loginId}`,
    passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$dXNlcg',
    confirmPinHash: '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$Y29uZmlybQ',
    canTransfer: true,
    canPayTax: false,
    createdAtMs: T0_MS,
    ...overrides,
  };
}

export function aSession(idHash: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    idHash,
    contractId: CONTRACT_ID,
    loginId: null,
    csrfToken: 'csrf-0123456789abcdef',
    createdAtMs: T0_MS,
    lastSeenAtMs: T0_MS,
    data: '{}',
    ...overrides,
  };
}
