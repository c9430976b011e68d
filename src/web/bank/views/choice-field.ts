// A group of radio buttons with a legend and its error, as the console's operation forms use them.

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { fieldError, textField } from '../../views/components.ts';

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export function choiceField(name: string, legend: string, choices: readonly Choice[], checked: string | undefined, errors: FieldErrors): SafeHtml {
  const hasError = errors[name] !== undefined;
  return html`<fieldset class="fieldset-plain${hasError ? ' has-error' : ''}" id="f-${name}"${hasError ? html` aria-describedby="f-${name}-error"` : ''}>
  <legend>${legend}</legend>
  ${fieldError(name, errors)}
  <div class="choices">${choices.map((c) => html`<label class="choice"><input type="radio" name="${name}" value="${c.value}"${checked === c.value ? html` checked` : ''}> <span class="choice-label">${c.label}</span></label>`)}</div>
</fieldset>`;
}

/** 理由: required on every staff action, and kept in the audit trail. */
export function reasonField(value: string | undefined, errors: FieldErrors): SafeHtml {
  return textField({ name: 'reason', label: '理由', value: value ?? '', errors, maxlength: 200, hint: '必須。監査ログに記録されます（例：お客さまからの届出を受付、本人確認済み）', size: 'long' });
}
