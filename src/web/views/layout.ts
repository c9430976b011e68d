// The frame of every screen: the bank's header (with the contract and ログアウト once logged in), the trail
// of screens that led here, the title, and the stylesheet. No script anywhere: the screens work without it.

import { html, type SafeHtml } from '../html.ts';
import { STYLESHEET_HREF } from '../static-assets.ts';
import { csrfField } from './components.ts';
import { LABELS } from './labels.ts';

export interface PageSession {
  readonly contractName: string;
  readonly csrfToken: string;
}

export interface Crumb {
  readonly label: string;
  readonly href?: string;
}

export interface PageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  readonly session?: PageSession;
  readonly crumbs?: readonly Crumb[];
  /** A short line under the title, e.g. what the screen is for. */
  readonly lead?: SafeHtml | string;
}

/** What differs between the administrator's frame and the users' (user/views/user-layout.ts). */
export interface FrameOptions {
  readonly title: string;
  readonly body: SafeHtml;
  readonly crumbs?: readonly Crumb[] | undefined;
  readonly lead?: SafeHtml | string | undefined;
  /** Who is logged in, the role badge and the logout form; empty before login. */
  readonly sessionBox: SafeHtml | string;
  readonly extraStylesheet?: string;
  /** Between the title and the lead, e.g. a payment's steps. */
  readonly beforeLead?: SafeHtml | string;
  readonly footer: string;
  /** A section navigation bar under the header (the bank staff console). */
  readonly nav?: SafeHtml;
  /** `<meta http-equiv="refresh">` after this many seconds (progress pages; the CSP does not restrict it). */
  readonly refreshSeconds?: number;
}

export function frame(o: FrameOptions): SafeHtml {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}｜${LABELS.site}</title>
${o.refreshSeconds === undefined ? '' : html`<meta http-equiv="refresh" content="${String(o.refreshSeconds)}">`}
<link rel="stylesheet" href="${STYLESHEET_HREF}">
${o.extraStylesheet === undefined ? '' : html`<link rel="stylesheet" href="${o.extraStylesheet}">`}
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header">
  <div class="site-header-inner">
    <p class="brand"><span class="brand-mark" aria-hidden="true"></span>${LABELS.site}</p>
    ${o.sessionBox}
  </div>
</header>
${o.nav ?? ''}
${o.crumbs === undefined || o.crumbs.length === 0 ? '' : html`<nav class="crumbs" aria-label="現在位置"><ol>${o.crumbs.map((c) =>
    c.href === undefined ? html`<li aria-current="page">${c.label}</li>` : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`}
<main id="main" class="main">
<h1 class="page-title">${o.title}</h1>
${o.beforeLead ?? ''}
${o.lead === undefined ? '' : html`<p class="lead">${o.lead}</p>`}
${o.body}
</main>
<footer class="site-footer"><p>${o.footer}</p></footer>
</body>
</html>
`;
}

/** The administrator's frame. */
export function page(o: PageOptions): SafeHtml {
  const sessionBox = o.session === undefined ? '' : html`<div class="session-box">
      <p class="session-who"><span class="visually-hidden">ログイン中：</span>${o.session.contractName} 様<span class="role-badge">管理者</span></p>
      <form method="post" action="/logout" class="logout-form">${csrfField(o.session.csrfToken)}<button type="submit" class="button button-small">${LABELS.logout}</button></form>
    </div>`;
  return frame({ title: o.title, body: o.body, crumbs: o.crumbs, lead: o.lead, sessionBox, footer: `${LABELS.site}　ワンタイムパスワード管理` });
}

/** The trail from 管理者メニュー to a screen under 「ご契約先管理情報変更」. */
export function adminCrumbs(...rest: Crumb[]): Crumb[] {
  return [{ label: LABELS.adminMenu, href: '/menu' }, { label: LABELS.contractAdmin, href: '/menu/contract' }, ...rest];
}
