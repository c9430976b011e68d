// The frame of every user screen: the same bank header as the admin's (its stylesheet and classes), with the
// user's name, a 利用者 badge and their own ログアウト, and the steps 入力 → 確認 → 完了 of a payment.

import { html, type SafeHtml } from '../../html.ts';
import { STYLESHEET_HREF } from '../../static-assets.ts';
import { csrfField } from '../../views/components.ts';
import type { Crumb } from '../../views/layout.ts';
import { LABELS } from '../../views/labels.ts';
import { USER_STYLESHEET_HREF } from '../user-static.ts';
import { USER_LABELS } from './user-labels.ts';

export interface UserPageSession {
  readonly contractName: string;
  readonly userName: string;
  readonly csrfToken: string;
}

export const PAYMENT_STEPS = ['入力', '確認', '完了'] as const;
export type PaymentStep = (typeof PAYMENT_STEPS)[number];

export interface UserPageOptions {
  readonly title: string;
  readonly body: SafeHtml;
  readonly session?: UserPageSession;
  readonly crumbs?: readonly Crumb[];
  readonly lead?: SafeHtml | string;
  readonly step?: PaymentStep;
}

function steps(current: PaymentStep): SafeHtml {
  return html`<ol class="steps" aria-label="お手続きの流れ">${PAYMENT_STEPS.map((s, i) =>
    html`<li class="step${s === current ? ' step-current' : ''}"${s === current ? html` aria-current="step"` : ''}><span class="step-no">${i + 1}</span>${s}</li>`,
  )}</ol>`;
}

export function userPage(o: UserPageOptions): SafeHtml {
  return html`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title}｜${LABELS.site}</title>
<link rel="stylesheet" href="${STYLESHEET_HREF}">
<link rel="stylesheet" href="${USER_STYLESHEET_HREF}">
</head>
<body>
<a class="skip-link" href="#main">本文へ移動</a>
<header class="site-header">
  <div class="site-header-inner">
    <p class="brand"><span class="brand-mark" aria-hidden="true"></span>${LABELS.site}</p>
    ${o.session === undefined ? '' : html`<div class="session-box">
      <p class="session-who"><span class="visually-hidden">ログイン中：</span>${o.session.contractName} ${o.session.userName} 様<span class="role-badge">利用者</span></p>
      <form method="post" action="/user/logout" class="logout-form">${csrfField(o.session.csrfToken)}<button type="submit" class="button button-small">${USER_LABELS.logout}</button></form>
    </div>`}
  </div>
</header>
${o.crumbs === undefined || o.crumbs.length === 0 ? '' : html`<nav class="crumbs" aria-label="現在位置"><ol>${o.crumbs.map((c) =>
    c.href === undefined ? html`<li aria-current="page">${c.label}</li>` : html`<li><a href="${c.href}">${c.label}</a></li>`,
  )}</ol></nav>`}
<main id="main" class="main">
<h1 class="page-title">${o.title}</h1>
${o.step === undefined ? '' : steps(o.step)}
${o.lead === undefined ? '' : html`<p class="lead">${o.lead}</p>`}
${o.body}
</main>
<footer class="site-footer"><p>${LABELS.site}</p></footer>
</body>
</html>
`;
}

/** The trail from 利用者メニュー to a screen. */
export function userCrumbs(...rest: Crumb[]): Crumb[] {
  return [{ label: USER_LABELS.userMenu, href: '/user/menu' }, ...rest];
}
