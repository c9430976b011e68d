// The staff console's frame: the shared page frame (views/layout.ts) with the staff member's name and
// role, ログアウト, and the section bar. A section is listed only when its screen exists and the staff
// member's role may use it (staff-roles.ts).

import { staffMay, STAFF_ROLE_LABELS, type StaffAction } from '../../../domain/staff-roles.ts';
import type { StaffRole } from '../../../domain/staff-store-ports.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField } from '../../views/components.ts';
import { frame, type Crumb } from '../../views/layout.ts';

export interface BankPageSession {
  readonly staffId: string;
  readonly name: string;
  readonly role: StaffRole;
  readonly csrfToken: string;
  /** False during the login steps: no section bar yet. */
  readonly loggedIn: boolean;
}

export type BankSection = 'dashboard' | 'approvals' | 'unlock' | 'contracts' | 'tokens' | 'audit' | 'credential-reset' | 'issue' | 'revoke' | 'resync' | 'seed-import' | 'transaction-auth';

/**
 * The console's sections, in order. 契約先検索, トークン検索, 監査ログ, シードファイル取込 and トークン発行 are
 * added here as their screens come.
 */
const SECTIONS: readonly { readonly id: BankSection; readonly label: string; readonly href: string; readonly action: StaffAction }[] = [
  { id: 'dashboard', label: 'ダッシュボード', href: '/bank/dashboard', action: 'view' },
  { id: 'approvals', label: '承認待ち一覧', href: '/bank/approvals', action: 'view' },
  { id: 'unlock', label: 'ロック解除', href: '/bank/unlock', action: 'request' },
  { id: 'contracts', label: '契約先検索', href: '/bank/contracts', action: 'view' },
  { id: 'tokens', label: 'トークン検索', href: '/bank/tokens', action: 'view' },
  { id: 'audit', label: '監査ログ', href: '/bank/audit', action: 'view' },
  { id: 'credential-reset', label: '暗証番号再発行', href: '/bank/credential-reset', action: 'request' },
  { id: 'issue', label: 'トークン発行', href: '/bank/issue', action: 'issue' },
  { id: 'revoke', label: 'トークン失効', href: '/bank/revoke', action: 'request' },
  { id: 'resync', label: '同期ズレ補正', href: '/bank/resync', action: 'resync' },
  { id: 'seed-import', label: 'シードファイル取込', href: '/bank/seed-import', action: 'import' },
  { id: 'transaction-auth', label: '取引認証設定', href: '/bank/transaction-auth', action: 'request' },
];

export function sectionsFor(role: StaffRole): readonly BankSection[] {
  return SECTIONS.filter((s) => staffMay(role, s.action)).map((s) => s.id);
}

export interface BankPageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  readonly session?: BankPageSession;
  readonly current?: BankSection;
  readonly crumbs?: readonly Crumb[];
  readonly lead?: SafeHtml | string;
  /** Reload the page after this many seconds (a running import's progress; no JavaScript needed). */
  readonly refreshSeconds?: number;
}

function sectionBar(session: BankPageSession, current: BankSection | undefined): SafeHtml {
  const items = SECTIONS.filter((s) => staffMay(session.role, s.action));
  return html`<nav class="console-nav" aria-label="職員メニュー"><ul>${items.map((s) =>
    s.id === current ? html`<li><a href="${s.href}" aria-current="page">${s.label}</a></li>` : html`<li><a href="${s.href}">${s.label}</a></li>`,
  )}</ul></nav>`;
}

export function bankPage(o: BankPageOptions): SafeHtml {
  const s = o.session;
  const sessionBox = s === undefined ? '' : html`<div class="session-box">
      <p class="session-who"><span class="visually-hidden">ログイン中：</span>${s.name}（${s.staffId}）<span class="role-badge">${STAFF_ROLE_LABELS[s.role]}</span></p>
      ${s.loggedIn ? html`<form method="post" action="/bank/logout" class="logout-form">${csrfField(s.csrfToken)}<button type="submit" class="button button-small">ログアウト</button></form>` : ''}
    </div>`;
  return frame({
    title: o.title,
    body: o.body,
    crumbs: o.crumbs,
    lead: o.lead,
    sessionBox,
    footer: '信用金庫 職員向け管理画面　ワンタイムパスワード管理',
    ...(o.refreshSeconds === undefined ? {} : { refreshSeconds: o.refreshSeconds }),
    ...(s?.loggedIn ? { nav: sectionBar(s, o.current) } : {}),
  });
}

/** 2026/11/30 21:05 in Japan time, for lists. */
export function tokyoDateTime(ms: number): string {
  const d = new Date(ms + 9 * 60 * 60 * 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
