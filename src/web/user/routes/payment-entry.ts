// What both input screens do: refuse at once a user who may not make this kind of payment or has no token
// (the reason and the remedy, product.md §5), read the draft to edit for 「修正する」, and turn a prepared
// draft into the confirm screen (POST → 303 → GET, so a reload never submits twice).

import type { FastifyReply } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import type { Failure } from '../../../domain/error-codes.ts';
import type { PaymentDetails } from '../../../domain/payment-details.ts';
import { draftForEdit } from '../../../domain/payment-lookup.ts';
import { auditPaymentRefusal, mayPay, preparePayment, type PaymentRequest } from '../../../domain/prepare-payment.ts';
import type { PaymentDraftRecord } from '../../../domain/store-ports.ts';
import { userHome, type UserHome } from '../../../domain/user-home.ts';
import { errorsOf, field, type FieldErrors } from '../../form.ts';
import { sendRefusal } from '../user-respond.ts';
import type { UserContext } from '../user-session.ts';

export type EntryCheck = { readonly ok: true; readonly home: UserHome } | Failure<'not_permitted' | 'not_registered'>;

export async function checkEntry(deps: DomainDeps, user: UserContext, kind: PaymentDetails['kind']): Promise<EntryCheck> {
  const home = await deps.store.transaction((tx) => userHome(tx, user.contractId, user.loginId, deps.now()));
  if (home === undefined) throw new Error(`the session's user ${user.contractId}/${user.loginId} does not exist`);
  if (!mayPay(home, kind)) return { ok: false, code: 'not_permitted' };
  if (home.authority === null) return { ok: false, code: 'not_registered' };
  return { ok: true, home };
}

/** The POST of an input screen: refused (and audited) before anything typed is looked at. */
export async function checkSubmission(deps: DomainDeps, user: UserContext, kind: PaymentDetails['kind']): Promise<EntryCheck> {
  const entry = await checkEntry(deps, user, kind);
  if (!entry.ok) await auditPaymentRefusal(deps, user.who, user, kind, entry.code);
  return entry;
}

/** `?from=` of 「修正する」: one of the user's own drafts of this kind, or nothing. */
export async function editedDraft(deps: DomainDeps, user: UserContext, query: unknown, kind: PaymentDetails['kind']): Promise<{ draft: PaymentDraftRecord; details: PaymentDetails } | undefined> {
  const from = field(query, 'from');
  if (from === undefined || !/^[0-9a-f]{32}$/.test(from)) return undefined;
  const found = await deps.store.transaction((tx) => draftForEdit(tx, user, from));
  return found?.draft.kind === kind ? found : undefined;
}

/** Field failures go back to the form; refusals of the whole payment get their own page. */
export async function prepareAndConfirm(
  deps: DomainDeps,
  user: UserContext,
  req: PaymentRequest,
  reply: FastifyReply,
  showForm: (errors: FieldErrors) => Promise<FastifyReply>,
): Promise<FastifyReply> {
  const prepared = await preparePayment(deps, user.who, user, req);
  if (prepared.ok) return reply.redirect(`/user/payments/confirm?id=${prepared.draft.id}`, 303);
  if (prepared.field !== undefined) return showForm(errorsOf(prepared));
  return sendRefusal(reply, deps, user, prepared.code);
}
