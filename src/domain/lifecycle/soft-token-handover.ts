// The console's hand-over of an otpauth QR code: shown once, to the staff member who issued the token, in
// that login session only. Issuing keeps the URI sealed in the session's one-time slot (AAD bound to the
// session) and nowhere else; 「QRコードを表示」 opens it and empties the slot in one transaction, so a reload,
// a second tab or another staff member finds nothing. Logging out or idling out destroys it with the session.

import { appendAudit } from '../audit.ts';
import type { Actor, DomainDeps } from '../deps.ts';
import type { StoreTx } from '../store-ports.ts';

export interface SoftTokenHandover {
  readonly serial: string;
  readonly contractId: string;
  readonly otpauthUri: string;
}

export const SOFT_QR_SHOWN_ACTION = 'token.qr_shown';

function secretName(sessionIdHash: string): string {
  return `soft-token-qr:${sessionIdHash}`;
}

/** Keeps the hand-over for the session (replacing one not yet shown); false when the session is not active. */
export function holdSoftTokenHandover(deps: DomainDeps, sessionIdHash: string, handover: SoftTokenHandover): Promise<boolean> {
  const sealed = deps.keyring.seal(secretName(sessionIdHash), Buffer.from(JSON.stringify(handover), 'utf8'));
  return deps.store.transaction((tx) => tx.staffSessions.holdOneTime(sessionIdHash, sealed));
}

async function openHeld(tx: StoreTx, deps: DomainDeps, sessionIdHash: string): Promise<SoftTokenHandover | undefined> {
  const session = await tx.staffSessions.get(sessionIdHash);
  if (session === undefined || session.stage !== 'active' || session.pending === null) return undefined;
  try {
    const parsed = JSON.parse(deps.keyring.open(secretName(sessionIdHash), session.pending).toString('utf8')) as Partial<SoftTokenHandover>;
    const { serial, contractId, otpauthUri } = parsed;
    if (typeof serial !== 'string' || typeof contractId !== 'string' || typeof otpauthUri !== 'string') return undefined;
    return { serial, contractId, otpauthUri };
  } catch {
    return undefined; // not a hand-over (sealed under another name): nothing to show
  }
}

/** The serial waiting to be shown in this session (for the page before the QR code); changes nothing. */
export async function pendingSoftTokenSerial(deps: DomainDeps, sessionIdHash: string): Promise<string | undefined> {
  const held = await deps.store.transaction((tx) => openHeld(tx, deps, sessionIdHash));
  return held?.serial;
}

/** Opens the hand-over of `serial` and erases it in the same transaction; undefined when gone or another's. */
export function takeSoftTokenHandover(deps: DomainDeps, who: Actor, sessionIdHash: string, serial: string): Promise<SoftTokenHandover | undefined> {
  return deps.store.transaction(async (tx) => {
    const held = await openHeld(tx, deps, sessionIdHash);
    if (held === undefined || held.serial !== serial) return undefined;
    if (!(await tx.staffSessions.clearOneTime(sessionIdHash))) return undefined;
    await appendAudit(tx, deps.now(), { chain: held.contractId, ...who, action: SOFT_QR_SHOWN_ACTION, target: serial, outcome: 'shown' });
    return held;
  });
}
