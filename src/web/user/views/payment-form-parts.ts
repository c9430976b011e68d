// Form parts the two payment input screens share: the paying account, a row of radio buttons, the date and
// the amount. Errors sit between label and input, tied to it, with their code for the tests (as the
// admin's components.ts does).

import { ACCOUNT_KIND_LABELS } from '../../../domain/payment-details.ts';
import type { AccountRecord } from '../../../domain/store-ports.ts';
import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { fieldError, fieldId, textField } from '../../views/components.ts';
import { yen } from './format.ts';
import { USER_LABELS } from './user-labels.ts';

export function radioRow(name: string, legend: string, options: readonly { value: string; label: string }[], selected: string, errors: FieldErrors): SafeHtml {
  const hasError = errors[name] !== undefined;
  return html`<fieldset class="field${hasError ? ' has-error' : ''}" id="${fieldId(name)}">
  <legend>${legend}</legend>
  ${fieldError(name, errors)}
  <div class="radio-row">${options.map((o, i) => html`<label><input type="radio" name="${name}" value="${o.value}" id="${fieldId(name)}-${i}"${o.value === selected ? html` checked` : ''}>${o.label}</label>`)}</div>
</fieldset>`;
}

/** お支払口座: the contract's accounts with their balances; the only one is chosen already. */
export function accountChoice(accounts: readonly AccountRecord[], selected: string, errors: FieldErrors): SafeHtml {
  const chosen = accounts.length === 1 && selected === '' ? String(accounts[0]?.id ?? '') : selected;
  const options = accounts.map((a) => ({ value: String(a.id), label: `支店 ${a.branchCode} ${ACCOUNT_KIND_LABELS[a.kind]} ${a.number}（残高 ${yen(a.balanceYen)}）` }));
  return radioRow('accountId', USER_LABELS.account, options, chosen, errors);
}

export function amountField(value: string, errors: FieldErrors): SafeHtml {
  return textField({ name: 'amount', label: `${USER_LABELS.amount}（円）`, value, errors, inputmode: 'numeric', maxlength: 16, size: 'short', hint: '半角数字で入力してください（例：150000）。' });
}

export function dateField(name: string, label: string, value: string, range: { min: string; max: string }, errors: FieldErrors, hint: string): SafeHtml {
  const id = fieldId(name);
  const hasError = errors[name] !== undefined;
  return html`<div class="field${hasError ? ' has-error' : ''}">
  <label for="${id}">${label}</label>
  <p class="hint" id="${id}-hint">${hint}</p>
  ${fieldError(name, errors)}
  <input class="input input-short" id="${id}" name="${name}" type="date" value="${value}" min="${range.min}" max="${range.max}" aria-describedby="${id}-hint${hasError ? ` ${id}-error` : ''}"${hasError ? html` aria-invalid="true"` : ''}>
</div>`;
}

export const ACCOUNT_KIND_OPTIONS = (Object.entries(ACCOUNT_KIND_LABELS) as [string, string][]).map(([value, label]) => ({ value, label }));
