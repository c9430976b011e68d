// The site's sessions (administrators and users) as the store keeps them. Re-exported by store-ports.ts.
import type { ContractListing, ContractRecord } from './store-ports.ts';

export interface SessionRecord {
  /** SHA-256 (hex) of the session id; the id itself is only ever in the cookie. */
  readonly idHash: string;
  readonly contractId: string;
  /** null for the contract's administrator (管理者), else the 利用者ID. */
  readonly loginId: string | null;
  readonly csrfToken: string;
  readonly createdAtMs: number;
  readonly lastSeenAtMs: number;
  /** JSON text: screen state such as a payment awaiting its OTP. */
  readonly data: string;
}

export interface SessionStore {
  insert(session: SessionRecord): Promise<void>;
  get(idHash: string): Promise<SessionRecord | undefined>;
  touch(idHash: string, atMs: number): Promise<void>;
  setData(idHash: string, data: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of one user (deleted, or given a new password); returns how many ended. */
  deleteForUser(contractId: string, loginId: string): Promise<number>;
  deleteIdleSince(beforeMs: number): Promise<number>;
  /** Ends the sessions of one person (the administrator when loginId is null) but `exceptIdHash`'s. */
  deleteForPerson(contractId: string, loginId: string | null, exceptIdHash?: string): Promise<number>;
  /** The session with its contract's two must-change flags (暗証番号再発行), in one statement; none without the contract. */
  getWithContractFlags(idHash: string): Promise<SessionWithContractFlags | undefined>;
  /** The same with the contract's listing (ContractStore.listing), in one statement: an admin screen's reads in one. */
  getWithContractListing(idHash: string): Promise<SessionWithContractListing | undefined>;
}

export interface SessionWithContractFlags {
  readonly session: SessionRecord;
  readonly mustChange: Pick<ContractRecord, 'adminPasswordMustChange' | 'confirmPinMustChange'>;
}

export interface SessionWithContractListing extends SessionWithContractFlags {
  readonly listing: ContractListing;
}
