// What a payment pays, as the confirm and completion screens show it, always from the stored draft.

import { ACCOUNT_KIND_LABELS, type PaymentDetails } from '../../../domain/payment-details.ts';
import type { AccountRecord } from '../../../domain/store-ports.ts';
import { html, type SafeHtml } from '../../html.ts';
import { japaneseDate, yen } from './format.ts';
import { USER_LABELS } from './user-labels.ts';

export function paymentTitle(kind: PaymentDetails['kind']): string {
  return kind === 'transfer' ? USER_LABELS.transfer : USER_LABELS.payEasy;
}

function row(label: string, value: SafeHtml | string, testid: string): SafeHtml {
  return html`<div><dt>${label}</dt><dd data-testid="${testid}">${value}</dd></div>`;
}

export function paymentSummary(details: PaymentDetails, amountYen: bigint, account: Pick<AccountRecord, 'branchCode' | 'kind' | 'number'> | undefined): SafeHtml {
  const from = account === undefined ? '' : row(USER_LABELS.account, `支店 ${account.branchCode} ${ACCOUNT_KIND_LABELS[account.kind]} ${account.number}`, 'account');
  const rows = details.kind === 'transfer'
    ? [
        row(USER_LABELS.bankCode, details.bankCode, 'bankCode'),
        row(USER_LABELS.branchCode, details.branchCode, 'branchCode'),
        row(USER_LABELS.accountKind, ACCOUNT_KIND_LABELS[details.accountKind], 'accountKind'),
        row(USER_LABELS.accountNumber, details.accountNumber, 'accountNumber'),
        row(USER_LABELS.payeeName, html`<span class="kana">${details.payeeName}</span>`, 'payeeName'),
        row(USER_LABELS.transferDate, japaneseDate(details.transferDate), 'transferDate'),
      ]
    : [
        row(USER_LABELS.billerNumber, details.billerNumber, 'billerNumber'),
        row(USER_LABELS.customerNumber, details.customerNumber, 'customerNumber'),
        row(USER_LABELS.confirmationNumber, details.confirmationNumber, 'confirmationNumber'),
      ];
  return html`<dl class="summary-list">${from}${rows}${row(USER_LABELS.amount, html`<span class="amount-large">${yen(amountYen)}</span>`, 'amount')}</dl>`;
}
