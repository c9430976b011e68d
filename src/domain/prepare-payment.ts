// The confirm step of 資金移動 and 税金・各種料金の払込み: the payment is checked and stored as an immutable
// draft (id of 128 random bits, bound to the contract and user, expiring) before any OTP is asked for. The
// authorise step uses only the draft, so a tampered form cannot change what the OTP authorises, and a
// changed amount or payee is a new draft that needs a new OTP (PSD2 RTS Art. 5).

import { randomBytes } from 'node:crypto';
import { appendAudit } from './audit.ts';
import { executionDayOf } from './business-day.ts';
import type { Actor, DomainDeps } from './deps.ts';
import { fail, type Failure } from './error-codes.ts';
import { limitsOf } from './ledger.ts';
import { authorityFor, type PaymentAuthority } from './payment-authority.ts';
import { detailsToJson, type PaymentDetails } from './payment-details.ts';
import { PAYMENT_DRAFT_TTL_MS, TRANSFER_DATE_MAX_DAYS_AHEAD } from './payment-policy.ts';
import type { PaymentDraftRecord, StoreTx, UserRecord } from './store-ports.ts';
import { addDays, tokyoDate } from './tokyo-date.ts';

export interface PaymentOwner {
  readonly contractId: string;
  readonly loginId: string;
}

export interface PaymentRequest {
  readonly accountId: number;
  readonly amountYen: bigint;
  readonly details: PaymentDetails;
}

export type PrepareFailureCode =
  | 'payment_not_found' | 'not_permitted' | 'not_registered' | 'account_not_found' | 'over_payment_limit'
  | 'over_daily_limit' | 'insufficient_funds' | 'transfer_date_out_of_range';

export type Prepared = { readonly ok: true; readonly draft: PaymentDraftRecord; readonly authority: PaymentAuthority } | Failure<PrepareFailureCode>;

/**
 * Records a payment refused before any draft, e.g. a direct POST of an input screen by a user without a token
 * (security.md: refusals are audited).
 */
export async function auditPaymentRefusal(deps: DomainDeps, who: Actor, owner: PaymentOwner, kind: PaymentDetails['kind'], code: PrepareFailureCode): Promise<void> {
  await deps.store.transaction((tx) =>
    appendAudit(tx, deps.now(), { chain: owner.contractId, ...who, action: 'payment.prepare', target: owner.loginId, outcome: code, detail: { kind } }),
  );
}

/** 資金移動 needs that permission, 税金・各種料金の払込み its own (product.md §2). */
export function mayPay(user: Pick<UserRecord, 'canTransfer' | 'canPayTax'>, kind: PaymentDetails['kind']): boolean {
  return kind === 'transfer' ? user.canTransfer : user.canPayTax;
}

export async function preparePayment(
  deps: DomainDeps,
  who: Actor,
  owner: PaymentOwner,
  req: PaymentRequest,
  random: (size: number) => Buffer = randomBytes,
): Promise<Prepared> {
  return deps.store.transaction(async (tx): Promise<Prepared> => {
    const nowMs = deps.now();
    const refused = async <C extends PrepareFailureCode>(code: C): Promise<Failure<C>> => {
      await appendAudit(tx, nowMs, { chain: owner.contractId, ...who, action: 'payment.prepare', target: owner.loginId, outcome: code, detail: { kind: req.details.kind } });
      return fail(code);
    };
    const contract = await tx.contracts.get(owner.contractId);
    const user = await tx.users.get(owner.contractId, owner.loginId);
    if (contract === undefined || user === undefined) return fail('payment_not_found');
    if (!mayPay(user, req.details.kind)) return refused('not_permitted');
    // Refused here already, and again at the authorise step (a direct POST there skips this one).
    const authority = await authorityFor(tx, contract, owner.loginId);
    if ('ok' in authority) return refused(authority.code);

    const problem = await checkAmountAndDate(tx, owner.contractId, req, nowMs);
    if (problem !== undefined) return problem;

    const draft = {
      id: random(16).toString('hex'),
      contractId: owner.contractId,
      loginId: owner.loginId,
      kind: req.details.kind,
      accountId: req.accountId,
      amountYen: req.amountYen,
      details: detailsToJson(req.details),
      createdAtMs: nowMs,
      expiresAtMs: nowMs + PAYMENT_DRAFT_TTL_MS,
    };
    await tx.paymentDrafts.insert(draft);
    await appendAudit(tx, nowMs, {
      chain: owner.contractId,
      ...who,
      action: 'payment.prepare',
      target: owner.loginId,
      outcome: 'prepared',
      detail: { draft: draft.id, kind: draft.kind, account: draft.accountId, amountYen: draft.amountYen.toString(), authority: authority.kind },
    });
    return { ok: true, draft: { ...draft, status: 'pending', refusal: null, settledAtMs: null }, authority };
  });
}

/**
 * What can be said before the OTP is spent: the account, the per-payment limit, and (as of now) the balance
 * and what is left of the limit of the day the money moves. The money is checked again, atomically, when it
 * moves.
 */
async function checkAmountAndDate(tx: StoreTx, contractId: string, req: PaymentRequest, nowMs: number): Promise<Failure<PrepareFailureCode> | undefined> {
  const account = await tx.accounts.get(req.accountId);
  if (account === undefined || account.contractId !== contractId) return fail('account_not_found', 'accountId');
  const today = tokyoDate(nowMs);
  // The day the money moves: today, or a reservation's execution day (reserve-transfer.ts).
  let day = today;
  if (req.details.kind === 'transfer') {
    const date = req.details.transferDate;
    if (date < today || date > addDays(today, TRANSFER_DATE_MAX_DAYS_AHEAD)) return fail('transfer_date_out_of_range', 'transferDate');
    if (date > today) day = executionDayOf(date);
  }
  const limits = await limitsOf(tx, contractId);
  if (req.amountYen > limits.perPaymentYen) return fail('over_payment_limit', 'amount');
  // A reservation's balance is checked when it executes: money may arrive before then.
  if (day === today && req.amountYen > account.balanceYen) return fail('insufficient_funds', 'amount');
  const used = await tx.transferLimits.usedOn(contractId, day);
  if (used + req.amountYen > limits.dailyYen) return fail('over_daily_limit', 'amount');
  return undefined;
}
