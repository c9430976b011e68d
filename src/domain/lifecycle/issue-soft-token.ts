// ソフトウェアトークン発行 (otpauth): for a customer who prefers a standard authenticator app, the bank makes a
// new software token issued to one contract — a fresh serial, a random 20-byte secret, TOTP SHA1/6/30 — and
// hands the otpauth:// URI over once (as a QR code). The secret is sealed like every other (secret-box.ts);
// neither it nor the URI is stored in clear, audited or returned again. The contract's administrator then
// registers the serial on ワンタイムパスワード利用登録 like any token issued to it; no other contract can.

import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { appendAudit } from '../audit.ts';
import type { DomainDeps } from '../deps.ts';
import { fail, type Failure } from '../error-codes.ts';
import type { RandomBytes } from '../session-ids.ts';
import { staffDetail, type StaffActor } from '../staff-actor.ts';
import type { NewToken } from '../token.ts';
import { OTPAUTH_PARAMS, OTPAUTH_SECRET_BYTES, otpauthTokenUri } from './otpauth-uri.ts';
import { generateSoftSerial } from './soft-serial.ts';
import { checkStaff } from './staff-checks.ts';

export interface IssueSoftRequest {
  readonly contractId: string;
  /** The issuer shown by the app and put in the label: the bank's name (BIZOTP_BANK_NAME). */
  readonly issuer: string;
}

export type IssueSoftOutcome =
  | { readonly ok: true; readonly serial: string; readonly otpauthUri: string }
  | Failure<'contract_not_found' | 'required' | 'too_long'>;

/** A serial already taken is drawn again; 10^13 serials make a second collision all but impossible. */
const MAX_SERIAL_DRAWS = 5;

export async function issueSoftToken(deps: DomainDeps, who: StaffActor, req: IssueSoftRequest, random: RandomBytes = nodeRandomBytes): Promise<IssueSoftOutcome> {
  const bad = checkStaff(who);
  if (bad !== undefined) return bad;
  const secret = random(OTPAUTH_SECRET_BYTES);
  try {
    return await deps.store.transaction(async (tx): Promise<IssueSoftOutcome> => {
      if ((await tx.contracts.get(req.contractId)) === undefined) return fail('contract_not_found', 'contractId');
      const nowMs = deps.now();
      for (let draw = 0; draw < MAX_SERIAL_DRAWS; draw += 1) {
        const serial = generateSoftSerial(random);
        const token: NewToken = {
          serial, kind: 'software', model: 'sw', params: OTPAUTH_PARAMS, sealed: deps.keyring.seal(serial, secret),
          counter: 0n, expiresAtMs: null, demo: false, contractId: req.contractId, status: 'issued',
        };
        // ON CONFLICT DO NOTHING: a serial that exists is refused, and nothing of it is changed.
        if (!(await tx.softTokens.insert(token, { origin: 'otpauth', state: 'active', createdAtMs: nowMs }))) continue;
        await appendAudit(tx, nowMs, {
          chain: req.contractId, ...who, action: 'token.issue', target: serial, outcome: 'issued',
          detail: { contractId: req.contractId, origin: 'otpauth', ...staffDetail(who) },
        });
        return { ok: true, serial, otpauthUri: otpauthTokenUri({ issuer: req.issuer, contractId: req.contractId, serial }, secret) };
      }
      throw new Error(`no free software serial after ${MAX_SERIAL_DRAWS} draws`);
    });
  } finally {
    secret.fill(0);
  }
}
