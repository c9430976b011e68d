// The frame of every user screen: the same bank header as the admin's (its stylesheet and classes), with the
// user's name, a 利用者 badge and their own ログアウト, and the steps 入力 → 確認 → 完了 of a payment.

import { html, type SafeHtml } from '../../html.ts';
import { csrfField } from '../../views/components.ts';
import { frame, type Crumb } from '../../views/layout.ts';
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
  const sessionBox = o.session === undefined ? '' : html`<div class="session-box">
      <p class="session-who"><span class="visually-hidden">ログイン中：</span>${o.session.contractName} ${o.session.userName} 様<span class="role-badge">利用者</span></p>
      <form method="post" action="/user/logout" class="logout-form">${csrfField(o.session.csrfToken)}<button type="submit" class="button button-small">${USER_LABELS.logout}</button></form>
    </div>`;
  return frame({
    title: o.title,
    body: o.body,
    crumbs: o.crumbs,
    lead: o.lead,
    sessionBox,
    extraStylesheet: USER_STYLESHEET_HREF,
    beforeLead: o.step === undefined ? '' : steps(o.step),
    footer: LABELS.site,
  });
}

/** The trail from 利用者メニュー to a screen. */
export function userCrumbs(...rest: Crumb[]): Crumb[] {
  return [{ label: USER_LABELS.userMenu, href: '/user/menu' }, ...rest];
}
