// 「ご契約先暗証番号変更」 and 「ご契約先確認暗証番号変更」 from the 管理者メニュー, each with its 完了 screen.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { changeCredential } from '../../domain/change-credential.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { adminOf, type AdminContext } from '../admin-session.ts';
import { ADMIN_CONFIRM_PIN_PATH, ADMIN_PASSWORD_PATH } from '../forced-change.ts';
import { type FieldErrors, errorsOf } from '../form.ts';
import { FORM_ERROR_STATUS, pageSession, sendPage } from '../respond.ts';
import { credentialDoneBody, credentialFormBody, type CredentialScreen } from '../views/credential-change-page.ts';
import { LABELS } from '../views/labels.ts';
import { page } from '../views/layout.ts';
import { readCredentialForm } from './credential-form.ts';

const SCREENS = {
  admin_password: { title: `${LABELS.adminPassword}変更`, secretLabel: LABELS.adminPassword, action: ADMIN_PASSWORD_PATH },
  confirm_pin: { title: `${LABELS.confirmPin}変更`, secretLabel: LABELS.confirmPin, action: ADMIN_CONFIRM_PIN_PATH },
} as const;

function screenOf(kind: keyof typeof SCREENS): CredentialScreen {
  return { ...SCREENS[kind], cancelHref: '/menu', backHref: '/menu', backLabel: LABELS.adminMenu };
}

export function credentialRoutes(app: FastifyInstance, deps: DomainDeps): void {
  const contractOf = async (admin: AdminContext) => {
    const contract = await deps.store.transaction((tx) => tx.contracts.get(admin.contractId));
    if (contract === undefined) throw new Error(`the session's contract ${admin.contractId} does not exist`);
    return contract;
  };

  for (const kind of ['admin_password', 'confirm_pin'] as const) {
    const screen = screenOf(kind);
    const crumbs = [{ label: LABELS.adminMenu, href: '/menu' }, { label: screen.title }];
    const show = async (reply: FastifyReply, admin: AdminContext, errors: FieldErrors, status: number, triesLeft?: number): Promise<FastifyReply> => {
      const contract = await contractOf(admin);
      const forced = kind === 'admin_password' ? contract.adminPasswordMustChange : contract.confirmPinMustChange;
      const body = credentialFormBody(screen, { csrfToken: admin.session.csrfToken, errors, triesLeft, forced });
      return sendPage(reply, page({ title: screen.title, body, session: pageSession(admin, { contractName: contract.name }), crumbs }), status);
    };

    app.get(screen.action, async (request, reply) => show(reply, adminOf(request), {}, 200));

    app.post(screen.action, async (request, reply) => {
      const admin = adminOf(request);
      const form = readCredentialForm(request.body);
      if (!form.ok) return show(reply, admin, form.errors, FORM_ERROR_STATUS);
      const result = await changeCredential(deps, admin.who, { kind, contractId: admin.contractId }, form.input, admin.session.idHash);
      if (!result.ok) return show(reply, admin, errorsOf(result), FORM_ERROR_STATUS, result.triesLeft);
      return reply.redirect(`${screen.action}/done`, 303);
    });

    app.get(`${screen.action}/done`, async (request, reply) => {
      const admin = adminOf(request);
      const contract = await contractOf(admin);
      const body = credentialDoneBody(screen);
      return sendPage(reply, page({ title: `${screen.title}（完了）`, body, session: pageSession(admin, { contractName: contract.name }), crumbs }));
    });
  }
}
