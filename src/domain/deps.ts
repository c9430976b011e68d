// What the domain's services are given by the composition root (src/main.ts): storage, the master keyring,
// the clock and the password-hash cost. Time arrives as a function so tests pin it (style.md habit 1).

import type { Argon2Cost } from './password-hash.ts';
import type { Keyring } from './secret-box.ts';
import type { Store } from './store-ports.ts';

export interface DomainDeps {
  readonly store: Store;
  readonly keyring: Keyring;
  /** Milliseconds since the Unix epoch, from the server's clock only (ASVS 5.0 6.5.8). */
  readonly now: () => number;
  readonly hashCost: Argon2Cost;
}

/** Who did something and from where, for the audit log. */
export interface Actor {
  readonly actor: string;
  readonly ip: string;
}
