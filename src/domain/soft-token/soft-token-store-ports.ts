// The storage software tokens need beside their `tokens` row (migration 13's soft_tokens). src/store/sql
// implements it once for SQLite and PostgreSQL; the conformance suite's soft-token cases run it on both.
// Nothing here ever returns a secret: the sealed secret stays in the tokens row, read only by use-token.ts.

import type { NewToken } from '../token.ts';

export const SOFT_TOKEN_ORIGINS = ['app', 'otpauth'] as const;
/** `app`: activated by the bizotp app by key agreement; `otpauth`: issued by the bank as an otpauth:// QR code. */
export type SoftTokenOrigin = (typeof SOFT_TOKEN_ORIGINS)[number];

export const SOFT_TOKEN_STATES = ['pending', 'active'] as const;
/** `pending` until the app's first valid code, then `active`. */
export type SoftTokenState = (typeof SOFT_TOKEN_STATES)[number];

export interface SoftTokenRecord {
  readonly serial: string;
  readonly origin: SoftTokenOrigin;
  readonly state: SoftTokenState;
  readonly createdAtMs: number;
  readonly activatedAtMs: number | null;
  readonly lastSeenAtMs: number | null;
}

export interface NewSoftToken {
  readonly origin: SoftTokenOrigin;
  readonly state: SoftTokenState;
  readonly createdAtMs: number;
}

/** Which never-registered app tokens a purge removes: pending ones made before the first time, active ones activated before the second. */
export interface SoftTokenPurgeCut {
  readonly pendingCreatedBeforeMs: number;
  readonly activeActivatedBeforeMs: number;
}

export interface SoftTokenStore {
  /** Inserts the tokens row and its soft_tokens row; false (nothing written) when the serial exists. */
  insert(token: NewToken, soft: NewSoftToken): Promise<boolean>;
  get(serial: string): Promise<SoftTokenRecord | undefined>;
  /** pending → active, conditional on the state; false when the token was not pending. */
  activate(serial: string, atMs: number): Promise<boolean>;
  /** Moves last seen forward to `atMs` (never back). */
  touch(serial: string, atMs: number): Promise<void>;
  /**
   * Binds an active, unbound app token to `contractId`: ONE conditional UPDATE (in_stock, no contract, app
   * origin, active) → issued to the contract. False when any of it no longer holds: another contract won.
   */
  bindToContract(serial: string, contractId: string): Promise<boolean>;
  /** Up to `limit` app tokens the cut selects (never bound to a contract, never registered), oldest first. */
  purgeable(cut: SoftTokenPurgeCut, limit: number): Promise<SoftTokenRecord[]>;
  /** Deletes the token (both rows) if the cut still selects it; false when it no longer does. */
  purge(serial: string, cut: SoftTokenPurgeCut): Promise<boolean>;
}
