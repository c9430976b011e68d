// トークン失効: シリアル番号, the kind (紛失・故障・盗難) and a 理由; every revocation waits for an approver
// (revoke-token-handler.ts says why).

import type { FieldErrors } from '../../form.ts';
import { html, type SafeHtml } from '../../html.ts';
import { csrfField, errorSummary, notice, textField } from '../../views/components.ts';
import { bankPage, type BankPageSession } from './bank-layout.ts';
import { choiceField, reasonField } from './choice-field.ts';

export interface RevokeView {
  readonly session: BankPageSession;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly requested?: boolean;
}

const KINDS = [
  { value: 'lost', label: '紛失' },
  { value: 'broken', label: '故障' },
  { value: 'stolen', label: '盗難' },
] as const;

export function revokePage(v: RevokeView): SafeHtml {
  const body = html`${v.requested === true ? notice('失効の承認を依頼しました。承認者が「承認待ち一覧」で承認した時点でトークンは失効し、以後いっさい使用できません。') : ''}
${errorSummary(v.errors, { serial: 'シリアル番号', kind: '失効の区分', reason: '理由' })}
<section class="panel">
  <form method="post" action="/bank/revoke" novalidate>
    ${csrfField(v.session.csrfToken)}
    ${textField({ name: 'serial', label: 'シリアル番号', value: v.values.serial ?? '', errors: v.errors, maxlength: 32, hint: 'トークン裏面の番号（半角英数字）', size: 'medium' })}
    ${choiceField('kind', '失効の区分', KINDS, v.values.kind, v.errors)}
    ${reasonField(v.values.reason, v.errors)}
    <div class="actions"><button type="submit" class="button button-primary">承認を依頼</button></div>
  </form>
</section>`;
  return bankPage({
    title: 'トークン失効',
    body,
    session: v.session,
    current: 'revoke',
    lead: '失効したトークンは二度と使用できず、そのトークンの登録はすべて終了します。取り消しができないため、在庫・発行済のトークンも含め、すべて他の職員（承認者）の承認を受けてから実行されます。',
  });
}
