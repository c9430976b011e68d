// Form parts shared by the screens. Every input has a bound <label>; an error is shown between the label and
// the input, tied to it with aria-describedby, and carries its code in data-error-code for the tests.

import type { ErrorCode } from '../../domain/error-codes.ts';
import { loginDelayMessage, messageFor } from '../../messages.ja.ts';
import { FORM_ERROR, type FieldErrors } from '../form.ts';
import { html, type HtmlValue, type SafeHtml } from '../html.ts';

export function fieldId(name: string): string {
  return `f-${name}`;
}

export function fieldError(name: string, errors: FieldErrors): SafeHtml {
  const code = errors[name];
  if (code === undefined) return html``;
  return html`<p class="field-error" id="${fieldId(name)}-error" data-error-code="${code}"><span class="visually-hidden">エラー：</span>${messageFor(code)}</p>`;
}

/** 「あと2回誤るとロックされます。」 under a wrong secret's error; the number also in data-tries-left for tests. */
export function triesLeftNote(name: string, triesLeft: number | undefined): SafeHtml {
  if (triesLeft === undefined) return html``;
  return html`<p class="tries-left" id="${fieldId(name)}-tries" data-tries-left="${String(triesLeft)}">あと${String(triesLeft)}回誤るとロックされます。</p>`;
}

function describedBy(name: string, errors: FieldErrors, hint: boolean, tries = false): string | null {
  const ids = [hint ? `${fieldId(name)}-hint` : '', errors[name] !== undefined ? `${fieldId(name)}-error` : '', tries ? `${fieldId(name)}-tries` : ''].filter((s) => s !== '');
  return ids.length === 0 ? null : ids.join(' ');
}

export interface TextFieldOptions {
  readonly name: string;
  readonly label: string;
  readonly errors: FieldErrors;
  readonly value?: string;
  readonly type?: 'text' | 'password';
  readonly hint?: string;
  readonly autocomplete?: string;
  readonly inputmode?: 'numeric' | 'text';
  readonly maxlength?: number;
  readonly size?: 'short' | 'medium' | 'long';
  /** After a wrong secret: how many more wrong values lock it. */
  readonly triesLeft?: number | undefined;
}

/** A labelled input. Secrets (type password) are never filled back in. */
export function textField(o: TextFieldOptions): SafeHtml {
  const id = fieldId(o.name);
  const hasError = o.errors[o.name] !== undefined;
  const described = describedBy(o.name, o.errors, o.hint !== undefined, o.triesLeft !== undefined);
  const value = o.type === 'password' ? '' : (o.value ?? '');
  return html`<div class="field${hasError ? ' has-error' : ''}">
  <label for="${id}">${o.label}</label>
  ${o.hint === undefined ? '' : html`<p class="hint" id="${id}-hint">${o.hint}</p>`}
  ${fieldError(o.name, o.errors)}
  ${triesLeftNote(o.name, o.triesLeft)}
  <input class="input input-${o.size ?? 'medium'}" id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${value}"${attr('autocomplete', o.autocomplete ?? 'off')}${attr('inputmode', o.inputmode)}${attr('maxlength', o.maxlength)}${attr('aria-describedby', described)}${hasError ? html` aria-invalid="true"` : ''} spellcheck="false" autocapitalize="off">
</div>`;
}

function attr(name: string, value: string | number | null | undefined): SafeHtml {
  return value === null || value === undefined ? html`` : html` ${name}="${String(value)}"`;
}

export function confirmPinField(errors: FieldErrors, triesLeft?: number): SafeHtml {
  return textField({ name: 'confirmPin', label: 'ご契約先確認暗証番号', type: 'password', errors, autocomplete: 'off', maxlength: 64, size: 'medium', triesLeft });
}

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/**
 * The box at the top of a screen with errors: the whole-form failure, if any, and a link to each field
 * with an error so that a keyboard user reaches it at once.
 */
export function errorSummary(errors: FieldErrors, fieldLabels: Readonly<Record<string, string>> = {}): SafeHtml {
  const entries = Object.entries(errors) as [string, ErrorCode][];
  if (entries.length === 0) return html``;
  const formCode = errors[FORM_ERROR];
  const fields = entries.filter(([name]) => name !== FORM_ERROR);
  return html`<div class="error-summary" role="alert" tabindex="-1">
  ${formCode === undefined ? html`<h2 class="error-summary-title">入力内容に誤りがあります。</h2>` : html`<h2 class="error-summary-title" data-error-code="${formCode}" data-form-error>${messageFor(formCode)}</h2>`}
  ${fields.length === 0 ? '' : html`<ul>${fields.map(([name, code]) => html`<li><a href="#${fieldId(name)}">${fieldLabels[name] ?? ''}${fieldLabels[name] === undefined ? '' : '：'}${messageFor(code)}</a></li>`)}</ul>`}
</div>`;
}

export function notice(message: HtmlValue, kind = 'success'): SafeHtml {
  return html`<div class="notice notice-${kind}" role="status" data-notice="${kind}">${message}</div>`;
}

/** OK and キャンセル side by side. キャンセル submits a separate, empty GET form, so it carries nothing typed. */
export function okCancel(cancelFormId: string, okLabel = 'OK'): SafeHtml {
  return html`<div class="actions">
  <button type="submit" class="button button-primary">${okLabel}</button>
  <button type="submit" class="button button-secondary" form="${cancelFormId}">キャンセル</button>
</div>`;
}

export function cancelForm(id: string, action: string): SafeHtml {
  return html`<form id="${id}" method="get" action="${action}" class="cancel-form"></form>`;
}

/** 「N秒後に再度お試しください。」 during a login's progressive delay; the seconds also in data-retry-after. */
export function waitNote(retryAfterSeconds: number | undefined): SafeHtml {
  if (retryAfterSeconds === undefined) return html``;
  return html`<p class="tries-left" data-retry-after="${String(retryAfterSeconds)}">${loginDelayMessage(retryAfterSeconds)}</p>`;
}
