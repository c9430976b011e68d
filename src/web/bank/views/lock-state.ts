// A lock state as the console shows it: ロック中 / 正常, with the count of consecutive failures.

import type { LockState } from '../../../domain/lifecycle/index.ts';
import type { TokenStatus } from '../../../domain/token.ts';
import { html, type SafeHtml } from '../../html.ts';
import { TOKEN_STATUS_LABELS } from './console-labels.ts';

export function lockState(s: LockState): SafeHtml {
  return html`<span class="status ${s.locked ? 'status-locked' : 'status-ok'}" data-locked="${String(s.locked)}">${s.locked ? 'ロック中' : '正常'}</span> <span class="muted">連続失敗 ${s.failures}回</span>`;
}

export function tokenStatus(status: TokenStatus): SafeHtml {
  const tone = status === 'registered' ? 'status-ok' : status === 'locked' || status === 'revoked' || status === 'lost' ? 'status-locked' : 'status-none';
  return html`<span class="status ${tone}" data-token-status="${status}">${TOKEN_STATUS_LABELS[status]}</span>`;
}
