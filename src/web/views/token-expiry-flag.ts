// The flag beside a token's serial on the administrator's screens: 「有効期限が近づいています」 with the
// expiry date within TOKEN_EXPIRY_WARNING_DAYS of it, 「有効期限切れ」 after it, nothing otherwise.

import { japaneseDate, type TokenExpiry } from '../../domain/token-expiry.ts';
import { html, type SafeHtml } from '../html.ts';

export function tokenExpiryFlag(token: { readonly expiry: TokenExpiry } | null): SafeHtml {
  if (token === null || token.expiry.kind === 'valid') return html``;
  const date = japaneseDate(token.expiry.expiresAtMs);
  return token.expiry.kind === 'expired'
    ? html` <span class="status status-locked expiry-flag" data-expiry="expired">有効期限切れ（${date}）</span>`
    : html` <span class="status status-warning expiry-flag" data-expiry="expiring">有効期限が近づいています（有効期限：${date}）</span>`;
}
