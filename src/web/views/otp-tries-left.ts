// After a wrong OTP, the number of wrong OTPs still allowed before the token is locked (product.md §4: 5
// consecutive wrong OTPs lock it), shown by the OTP field; the count is in data-remaining for the tests.

import { otpTriesLeftMessage } from '../../messages.ja.ts';
import { html, type SafeHtml } from '../html.ts';
import { fieldId } from './components.ts';

export function otpTriesLeft(name: string, remaining: number | undefined): SafeHtml {
  if (remaining === undefined) return html``;
  return html`<p class="note note-strong" id="${fieldId(name)}-tries-left" data-remaining="${String(remaining)}">${otpTriesLeftMessage(remaining)}</p>`;
}
