// The completion screen's 受付番号 and what it shows. The number is a pure function of the debit's ledger
// entry (its Japan-time date and its id), so it needs no sequence of its own and is unique with the entry.

import { detailsFromJson, type PaymentDetails } from './payment-details.ts';
import type { LedgerEntryRecord, PaymentDraftRecord, PaymentKind } from './store-ports.ts';
import { tokyoDate } from './tokyo-date.ts';

export interface Receipt {
  readonly receiptNo: string;
  readonly draftId: string;
  readonly kind: PaymentKind;
  readonly loginId: string;
  readonly accountId: number;
  readonly amountYen: bigint;
  readonly details: PaymentDetails;
  readonly balanceAfterYen: bigint;
  readonly settledAtMs: number;
}

/** 受付番号: YYYYMMDD-NNNNNNNN, e.g. 20261124-00000001. */
export function receiptNumber(entry: Pick<LedgerEntryRecord, 'id' | 'atMs'>): string {
  return `${tokyoDate(entry.atMs).replaceAll('-', '')}-${String(entry.id).padStart(8, '0')}`;
}

export function receiptOf(draft: PaymentDraftRecord, entry: LedgerEntryRecord): Receipt {
  return {
    receiptNo: receiptNumber(entry),
    draftId: draft.id,
    kind: draft.kind,
    loginId: draft.loginId,
    accountId: entry.accountId,
    amountYen: entry.amountYen,
    details: detailsFromJson(draft.kind, draft.details),
    balanceAfterYen: entry.balanceAfterYen,
    settledAtMs: entry.atMs,
  };
}
