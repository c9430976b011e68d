// 「利用者情報選択」 and what is done from it: 新規登録, 変更, 登録抹消, 利用中止解除, 登録解除. Every change is
// confirmed with the ご契約先確認暗証番号 (withConfirmPin) and acts on the session's contract only.

import type { FastifyInstance, FastifyReply } from 'fastify';
import { withConfirmPin } from '../../domain/confirm-pin.ts';
import type { DomainDeps } from '../../domain/deps.ts';
import { confirmPinTriesLeft } from '../../domain/tries-left.ts';
import { fail, type ErrorCode, type Failure } from '../../domain/error-codes.ts';
import { hashSecret } from '../../domain/password-hash.ts';
import { parseLoginId, parseName, parseSecret, parseSecretAttempt } from '../../domain/inputs.ts';
import type { ContractOverview, UserSummary } from '../../domain/user-overview.ts';
import { unlockUser } from '../../domain/user-unlock.ts';
import { createUser, deleteUser, hashUserSecrets, unregisterUserToken, updateUser } from '../../domain/users.ts';
import { adminOf, type AdminContext } from '../admin-session.ts';
import { checkbox, errorsOf, field, FormReader, type FieldErrors } from '../form.ts';
import { FORM_ERROR_STATUS, overviewOf, pageSession, sendPage, SHOWS_OVERVIEW } from '../respond.ts';
import { userConfirmPage, USER_OPERATIONS, type UserOperation } from '../views/user-confirm-page.ts';
import { userFormPage, type UserFormValues } from '../views/user-form-page.ts';
import { USER_DONE_KINDS, userSelectPage, type UserDoneKind } from '../views/user-select-page.ts';

const DONE_OF: Record<UserOperation, UserDoneKind> = { delete: 'deleted', unlock: 'unlocked', unregister: 'unregistered' };

function doneRedirect(reply: FastifyReply, kind: UserDoneKind, loginId: string): FastifyReply {
  return reply.redirect(`/users?done=${kind}&loginId=${encodeURIComponent(loginId)}`, 303);
}

export function userRoutes(app: FastifyInstance, deps: DomainDeps): void {
  /** 「あと○回」 under a wrong ご契約先確認暗証番号 (the contract of the request's session). */
  const pinTriesLeft = (code: ErrorCode, contractId?: string): Promise<number | undefined> =>
    code === 'pin_wrong' && contractId !== undefined ? confirmPinTriesLeft(deps.store, contractId) : Promise.resolve(undefined);
  const showList = (reply: FastifyReply, admin: AdminContext, overview: ContractOverview, errors: FieldErrors, status: number, selected?: string): FastifyReply =>
    sendPage(reply, userSelectPage(pageSession(admin, overview), { overview, errors, ...(selected === undefined ? {} : { selected }) }), status);

  /** The user a GET screen is about, from `?loginId=`; or the list again with the reason. */
  const selectedUser = async (admin: AdminContext, query: unknown): Promise<{ overview: ContractOverview; user?: UserSummary; error?: ErrorCode }> => {
    const overview = await overviewOf(deps, admin);
    const raw = field(query, 'loginId');
    if (raw === undefined || raw === '') return { overview, error: 'user_not_selected' };
    const parsed = parseLoginId(raw);
    const user = parsed.ok ? overview.users.find((u) => u.loginId === parsed.value) : undefined;
    return user === undefined ? { overview, error: 'user_not_found' } : { overview, user };
  };

  app.get('/users', SHOWS_OVERVIEW, async (request, reply) => {
    const admin = adminOf(request);
    const overview = await overviewOf(deps, admin);
    const kind = field(request.query, 'done');
    const loginId = field(request.query, 'loginId') ?? '';
    // The notice repeats only what this contract's list confirms (a crafted link cannot make it say anything
    // else): the user is there, or, after 登録抹消, no longer there.
    const user = overview.users.find((u) => u.loginId === loginId);
    const confirmed = (USER_DONE_KINDS as readonly string[]).includes(kind ?? '') && parseLoginId(loginId).ok && (kind === 'deleted') === (user === undefined);
    const done = confirmed ? { kind: kind as UserDoneKind, who: user?.name ?? `利用者ID ${loginId} ` } : undefined;
    return sendPage(reply, userSelectPage(pageSession(admin, overview), { overview, errors: {}, ...(done === undefined ? {} : { done }) }));
  });

  // ── 新規登録 ──
  app.get('/users/new', SHOWS_OVERVIEW, async (request, reply) => {
    const admin = adminOf(request);
    const overview = await overviewOf(deps, admin);
    const values: UserFormValues = { loginId: '', name: '', canTransfer: true, canPayTax: true };
    return sendPage(reply, userFormPage(pageSession(admin, overview), { mode: 'create', values, errors: {} }));
  });

  app.post('/users/new', async (request, reply) => {
    const admin = adminOf(request);
    const body = request.body;
    const values: UserFormValues = { loginId: field(body, 'loginId') ?? '', name: field(body, 'name') ?? '', canTransfer: checkbox(body, 'canTransfer'), canPayTax: checkbox(body, 'canPayTax') };
    const form = new FormReader();
    const loginId = form.take(parseLoginId(values.loginId));
    const name = form.take(parseName(values.name));
    const password = form.take(parseSecret(field(body, 'userPassword'), 'userPassword'));
    const userConfirmPin = form.take(parseSecret(field(body, 'userConfirmPin'), 'userConfirmPin'));
    const pin = form.take(parseSecretAttempt(field(body, 'confirmPin'), 'confirmPin'));
    const again = async (errors: FieldErrors, triesLeft?: number): Promise<FastifyReply> =>
      sendPage(reply, userFormPage(pageSession(admin, await overviewOf(deps, admin)), { mode: 'create', values, errors, triesLeft }), FORM_ERROR_STATUS);
    if (!form.ok) return again(form.errors);

    const hashes = await hashUserSecrets({ password, confirmPin: userConfirmPin }, deps.hashCost);
    const result = await withConfirmPin(deps, admin.who, admin.contractId, pin, 'user.create', (tx, _contract, nowMs) =>
      createUser(tx, admin.who, nowMs, admin.contractId, { loginId, name, canTransfer: values.canTransfer, canPayTax: values.canPayTax, ...hashes }),
    );
    if (!result.ok) return again(errorsOf(result), await pinTriesLeft(result.code, admin.contractId));
    return doneRedirect(reply, 'created', loginId);
  });

  // ── 変更 ──
  app.get('/users/edit', SHOWS_OVERVIEW, async (request, reply) => {
    const admin = adminOf(request);
    const { overview, user, error } = await selectedUser(admin, request.query);
    if (user === undefined) return showList(reply, admin, overview, { loginId: error ?? 'user_not_found' }, FORM_ERROR_STATUS);
    const values: UserFormValues = { loginId: user.loginId, name: user.name, canTransfer: user.canTransfer, canPayTax: user.canPayTax };
    return sendPage(reply, userFormPage(pageSession(admin, overview), { mode: 'update', values, errors: {} }));
  });

  app.post('/users/edit', async (request, reply) => {
    const admin = adminOf(request);
    const body = request.body;
    const values: UserFormValues = { loginId: field(body, 'loginId') ?? '', name: field(body, 'name') ?? '', canTransfer: checkbox(body, 'canTransfer'), canPayTax: checkbox(body, 'canPayTax') };
    const form = new FormReader();
    const loginId = form.take(parseLoginId(values.loginId));
    const name = form.take(parseName(values.name));
    // Empty means "leave as it is"; anything typed must be a valid new secret.
    const optionalSecret = (name: string): string | undefined => {
      const raw = field(body, name) ?? '';
      return raw === '' ? undefined : form.take(parseSecret(raw, name));
    };
    const password = optionalSecret('userPassword');
    const userConfirmPin = optionalSecret('userConfirmPin');
    const pin = form.take(parseSecretAttempt(field(body, 'confirmPin'), 'confirmPin'));
    const again = async (errors: FieldErrors, triesLeft?: number): Promise<FastifyReply> => {
      const overview = await overviewOf(deps, admin);
      if (!overview.users.some((u) => u.loginId === values.loginId)) return showList(reply, admin, overview, { loginId: 'user_not_found' }, FORM_ERROR_STATUS);
      return sendPage(reply, userFormPage(pageSession(admin, overview), { mode: 'update', values, errors, triesLeft }), FORM_ERROR_STATUS);
    };
    if (!form.ok) return again(form.errors);

    const [passwordHash, confirmPinHash] = await Promise.all([
      password === undefined ? undefined : hashSecret(password, deps.hashCost),
      userConfirmPin === undefined ? undefined : hashSecret(userConfirmPin, deps.hashCost),
    ]);
    const changes = {
      name,
      canTransfer: values.canTransfer,
      canPayTax: values.canPayTax,
      ...(passwordHash === undefined ? {} : { passwordHash }),
      ...(confirmPinHash === undefined ? {} : { confirmPinHash }),
    };
    const result = await withConfirmPin(deps, admin.who, admin.contractId, pin, 'user.update', (tx, _contract, nowMs) => updateUser(tx, admin.who, nowMs, admin.contractId, loginId, changes));
    if (!result.ok) return again(errorsOf(result), await pinTriesLeft(result.code, admin.contractId));
    return doneRedirect(reply, 'updated', loginId);
  });

  // ── 登録抹消, 利用中止解除, 登録解除 ──
  for (const operation of USER_OPERATIONS) {
    app.get(`/users/${operation}`, SHOWS_OVERVIEW, async (request, reply) => {
      const admin = adminOf(request);
      const { overview, user, error } = await selectedUser(admin, request.query);
      if (user === undefined) return showList(reply, admin, overview, { loginId: error ?? 'user_not_found' }, FORM_ERROR_STATUS);
      // Say at once when there is nothing to do, rather than after the PIN.
      const nothing = operation === 'unlock' && !user.loginLocked && !(user.token?.locked ?? false) ? 'not_locked' : operation === 'unregister' && user.token === null ? 'user_has_no_token' : undefined;
      if (nothing !== undefined) return showList(reply, admin, overview, { loginId: nothing }, FORM_ERROR_STATUS, user.loginId);
      return sendPage(reply, userConfirmPage(pageSession(admin, overview), { operation, user, overview, errors: {} }));
    });

    app.post(`/users/${operation}`, async (request, reply) => {
      const admin = adminOf(request);
      const form = new FormReader();
      const loginId = form.take(parseLoginId(field(request.body, 'loginId')));
      const pin = form.take(parseSecretAttempt(field(request.body, 'confirmPin'), 'confirmPin'));
      const again = async (errors: FieldErrors, triesLeft?: number): Promise<FastifyReply> => {
        const overview = await overviewOf(deps, admin);
        const user = overview.users.find((u) => u.loginId === loginId);
        if (user === undefined || errors.loginId !== undefined) return showList(reply, admin, overview, { loginId: errors.loginId ?? 'user_not_found' }, FORM_ERROR_STATUS, user?.loginId);
        return sendPage(reply, userConfirmPage(pageSession(admin, overview), { operation, user, overview, errors, triesLeft }), FORM_ERROR_STATUS);
      };
      if (!form.ok) return again(form.errors);

      const result = await withConfirmPin(deps, admin.who, admin.contractId, pin, actionOf(operation), async (tx, contract, nowMs): Promise<{ ok: true } | Failure> => {
        if ((await tx.users.get(admin.contractId, loginId)) === undefined) return fail('user_not_found', 'loginId');
        if (operation === 'delete') return deleteUser(tx, admin.who, nowMs, admin.contractId, loginId);
        if (operation === 'unlock') return unlockUser(tx, admin.who, nowMs, admin.contractId, loginId);
        // Under the shared form the user's token is the contract's one token: 登録解除 ends it for everyone
        // (the confirmation screen says so).
        const unregistered = await unregisterUserToken(tx, admin.who, nowMs, admin.contractId, contract.otpForm === 'shared' ? null : loginId);
        return unregistered.ok ? unregistered : fail('user_has_no_token', 'loginId');
      });
      if (!result.ok) return again(errorsOf(result), await pinTriesLeft(result.code, admin.contractId));
      return doneRedirect(reply, DONE_OF[operation], loginId);
    });
  }
}

function actionOf(operation: UserOperation): string {
  return operation === 'delete' ? 'user.delete' : operation === 'unlock' ? 'user.unlock' : 'token.unregister';
}
