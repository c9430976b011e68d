// 取引認証設定 through maker–checker: turning signing off weakens a control that protects every large transfer,
// and turning it on changes what every customer must do, so no staff member changes it alone in the console
// (approval 'required', like トークン失効). The approving transaction sets it and audits it on the bank chain.

import type { ApprovalHandler } from './approval-handlers.ts';
import { BANK_CHAIN } from './audit.ts';
import { describeTransactionAuthPolicy, parseTransactionAuthPolicy, setTransactionAuthPolicy, type TransactionAuthPolicy } from './transaction-auth-policy.ts';

function parsePolicyParams(raw: unknown): TransactionAuthPolicy | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const p = raw as Record<string, unknown>;
  return parseTransactionAuthPolicy(p.mode, p.thresholdYen);
}

export const transactionAuthPolicyHandler: ApprovalHandler<TransactionAuthPolicy> = {
  label: '取引認証設定',
  approval: 'required',
  parse: parsePolicyParams,
  chainOf: () => BANK_CHAIN,
  describe: (p) => `「${describeTransactionAuthPolicy(p)}」に変更`,
  async run(tx, who, nowMs, policy) {
    return { ok: true, outcome: await setTransactionAuthPolicy(tx, who, nowMs, policy) };
  },
};
