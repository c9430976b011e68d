// 「利用者暗証番号変更」 and 「利用者確認暗証番号変更」 from the 利用者メニュー, each with its 完了 screen.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { changeCredential } from '../../../domain/change-credential.ts';
import type { DomainDeps } from '../../../domain/deps.ts';
import { type FieldErrors, errorsOf } from '../../form.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { readCredentialForm } from '../../routes/credential-form.ts';
import { credentialDoneBody, credentialFormBody, type CredentialScreen } from '../../views/credential-change-page.ts';
import { USER_CONFIRM_PIN_PATH, USER_PASSWORD_PATH } from '../forced-user-change.ts';
import { pageSessionOf } from '../user-respond.ts';
import { type UserContext, userOf } from '../user-session.ts';
import { USER_LABELS } from '../views/user-labels.ts';
import { userCrumbs, userPage } from '../views/user-layout.ts';

const SCREENS = {
  user_password: { title: `${USER_LABELS.password}変更`, secretLabel: USER_LABELS.password, action: USER_PASSWORD_PATH },
  user_confirm_pin: { title: `${USER_LABELS.userConfirmPin}変更`, secretLabel: USER_LABELS.userConfirmPin, action: USER_CONFIRM_PIN_PATH },
} as const;

export function userCredentialRoutes(app: FastifyInstance, deps: DomainDeps): void {
  for (const kind of ['user_password', 'user_confirm_pin'] as const) {
    const screen: CredentialScreen = { ...SCREENS[kind], cancelHref: '/user/menu', backHref: '/user/menu', backLabel: USER_LABELS.userMenu };
    // Routes are registered under the /user prefix.
    const local = screen.action.slice('/user'.length);
    const crumbs = userCrumbs({ label: screen.title });
    const show = async (reply: FastifyReply, user: UserContext, errors: FieldErrors, status: number, triesLeft?: number): Promise<FastifyReply> => {
      const record = await deps.store.transaction((tx) => tx.users.get(user.contractId, user.loginId));
      const forced = kind === 'user_password' ? record?.passwordMustChange === true : record?.confirmPinMustChange === true;
      const body = credentialFormBody(screen, { csrfToken: user.session.csrfToken, errors, triesLeft, forced });
      return sendPage(reply, userPage({ title: screen.title, body, session: await pageSessionOf(deps, user), crumbs }), status);
    };

    app.get(local, async (request, reply) => show(reply, userOf(request), {}, 200));

    app.post(local, async (request, reply) => {
      const user = userOf(request);
      const form = readCredentialForm(request.body);
      if (!form.ok) return show(reply, user, form.errors, FORM_ERROR_STATUS);
      const target = { kind, contractId: user.contractId, loginId: user.loginId };
      const result = await changeCredential(deps, user.who, target, form.input, user.session.idHash);
      if (!result.ok) return show(reply, user, errorsOf(result), FORM_ERROR_STATUS, result.triesLeft);
      return reply.redirect(`${screen.action}/done`, 303);
    });

    app.get(`${local}/done`, async (request, reply) => {
      const user = userOf(request);
      return sendPage(reply, userPage({ title: `${screen.title}（完了）`, body: credentialDoneBody(screen), session: await pageSessionOf(deps, user), crumbs }));
    });
  }
}
