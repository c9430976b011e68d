// What a payment pays besides its amount: the payee account of a 資金移動, or the bill of a Pay-easy
// 払込み. Stored in the draft as canonical JSON, so that exactly what the confirm screen showed is what the
// OTP authorises (PSD2 RTS Art. 5, dynamic linking), and read back strictly.

import type { AccountKind, PaymentKind } from './store-ports.ts';
import { ACCOUNT_KINDS } from './store-ports.ts';

export interface TransferDetails {
  readonly kind: 'transfer';
  readonly bankCode: string; // 金融機関コード
  readonly branchCode: string; // 支店コード
  readonly accountKind: AccountKind; // 科目
  readonly accountNumber: string; // 口座番号
  readonly payeeName: string; // 受取人名, half-width kana
  readonly transferDate: string; // 振込指定日, YYYY-MM-DD
}

export interface PayEasyDetails {
  readonly kind: 'payeasy';
  readonly billerNumber: string; // 収納機関番号
  readonly customerNumber: string; // お客様番号
  readonly confirmationNumber: string; // 確認番号
}

export type PaymentDetails = TransferDetails | PayEasyDetails;

/** Canonical JSON: a fixed key order, so equal details always give equal text. */
export function detailsToJson(d: PaymentDetails): string {
  if (d.kind === 'transfer') {
    const { bankCode, branchCode, accountKind, accountNumber, payeeName, transferDate } = d;
    return JSON.stringify({ kind: d.kind, bankCode, branchCode, accountKind, accountNumber, payeeName, transferDate });
  }
  const { billerNumber, customerNumber, confirmationNumber } = d;
  return JSON.stringify({ kind: d.kind, billerNumber, customerNumber, confirmationNumber });
}

function stringOf(o: Record<string, unknown>, key: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new TypeError(`payment details: ${key} is not a string`);
  return v;
}

/** Reads stored details back; anything but what detailsToJson wrote is a broken assumption and throws. */
export function detailsFromJson(kind: PaymentKind, text: string): PaymentDetails {
  const o: unknown = JSON.parse(text);
  if (typeof o !== 'object' || o === null || (o as Record<string, unknown>).kind !== kind) throw new TypeError('payment details do not match the draft');
  const r = o as Record<string, unknown>;
  if (kind === 'payeasy') {
    return { kind, billerNumber: stringOf(r, 'billerNumber'), customerNumber: stringOf(r, 'customerNumber'), confirmationNumber: stringOf(r, 'confirmationNumber') };
  }
  const accountKind = stringOf(r, 'accountKind');
  if (!(ACCOUNT_KINDS as readonly string[]).includes(accountKind)) throw new TypeError(`payment details: bad accountKind ${accountKind}`);
  return {
    kind,
    bankCode: stringOf(r, 'bankCode'),
    branchCode: stringOf(r, 'branchCode'),
    accountKind: accountKind as AccountKind,
    accountNumber: stringOf(r, 'accountNumber'),
    payeeName: stringOf(r, 'payeeName'),
    transferDate: stringOf(r, 'transferDate'),
  };
}

export const ACCOUNT_KIND_LABELS = { futsu: '普通', toza: '当座', chochiku: '貯蓄' } as const satisfies Record<AccountKind, string>;

/** The line the ledger's history shows for the debit. */
export function describePayment(d: PaymentDetails): string {
  if (d.kind === 'transfer') return `振込 ${d.bankCode}-${d.branchCode} ${ACCOUNT_KIND_LABELS[d.accountKind]} ${d.accountNumber} ${d.payeeName}`;
  return `Pay-easy 収納機関番号 ${d.billerNumber} お客様番号 ${d.customerNumber}`;
}
