// 「ワンタイムパスワード利用形態設定」 and 「ワンタイムパスワード利用登録」 (A: per-user, B: shared).
// The chosen form is only carried to the next screen; it takes effect with the first registration under it
// (product.md §4), which registerToken does in one transaction with the PIN, the OTP and the audit entry.

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DomainDeps } from '../../domain/deps.ts';
import { confirmPinTriesLeft } from '../../domain/tries-left.ts';
import { fail } from '../../domain/error-codes.ts';
import { parseLoginId, parseOtp, parseSecretAttempt, parseSerial } from '../../domain/inputs.ts';
import { registerToken, type ActiveForm, type RegistrationOutcome } from '../../domain/registration.ts';
import { adminOf, type AdminContext } from '../admin-session.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../form.ts';
import { FORM_ERROR_STATUS, overviewOf, pageSession, sendPage, SHOWS_OVERVIEW } from '../respond.ts';
import { otpFormPage } from '../views/otp-form-page.ts';
import { otpRegisterPage, TOKEN_GROUP, type RegisterValues } from '../views/otp-register-page.ts';

const PATH_OF: Record<ActiveForm, string> = { per_user: '/otp/register/per-user', shared: '/otp/register/shared' };

function parseForm(raw: string | undefined): ActiveForm | undefined {
  return raw === 'per_user' || raw === 'shared' ? raw : undefined;
}

/**
 * Where each refusal is shown. An unknown serial, a token of another contract and a wrong OTP are shown in
 * one and the same place with one message, whatever field the domain named, so the screen does not tell
 * which of them was wrong (PSD2 RTS Art. 4(3)(a)).
 */
function registrationErrors(failure: Exclude<RegistrationOutcome, { ok: true }>): FieldErrors {
  const place: Record<typeof failure.code, string> = {
    pin_wrong: 'confirmPin',
    pin_locked: 'confirmPin',
    pin_must_change: 'confirmPin',
    token_or_otp_invalid: TOKEN_GROUP,
    token_locked: TOKEN_GROUP,
    otp_replayed: 'otp',
    no_user_selected: 'loginId',
    user_not_found: 'loginId',
    contract_not_found: FORM_ERROR,
  };
  return { [place[failure.code]]: failure.code };
}

export function otpRoutes(app: FastifyInstance, deps: DomainDeps): void {
  app.get('/otp/form', SHOWS_OVERVIEW, async (request, reply) => {
    const admin = adminOf(request);
    const overview = await overviewOf(deps, admin);
    const selected = overview.otpForm === 'none' ? undefined : overview.otpForm;
    return sendPage(reply, otpFormPage(pageSession(admin, overview), { current: overview.otpForm, selected, errors: {} }));
  });

  app.post('/otp/form', async (request, reply) => {
    const admin = adminOf(request);
    const form = parseForm(field(request.body, 'form'));
    if (form === undefined) {
      const overview = await overviewOf(deps, admin);
      return sendPage(reply, otpFormPage(pageSession(admin, overview), { current: overview.otpForm, selected: undefined, errors: { form: 'no_form_selected' } }), FORM_ERROR_STATUS);
    }
    return reply.redirect(PATH_OF[form], 303);
  });

  for (const form of ['per_user', 'shared'] as const) {
    const show = async (reply: FastifyReply, admin: AdminContext, values: RegisterValues, errors: FieldErrors, status: number, doneLoginId?: string, triesLeft?: number): Promise<FastifyReply> => {
      const overview = await overviewOf(deps, admin);
      return sendPage(reply, otpRegisterPage(pageSession(admin, overview), { form, overview, values, errors, triesLeft, ...(doneLoginId === undefined ? {} : { done: { loginId: doneLoginId } }) }), status);
    };

    app.get(PATH_OF[form], SHOWS_OVERVIEW, async (request, reply) => {
      const admin = adminOf(request);
      const done = field(request.query, 'done');
      const doneLoginId = done === undefined ? undefined : form === 'shared' ? '' : parseLoginId(done).ok ? done : undefined;
      return show(reply, admin, { loginId: '', serial: '' }, {}, 200, doneLoginId);
    });

    app.post(PATH_OF[form], async (request, reply) => {
      const admin = adminOf(request);
      const body = request.body;
      const values: RegisterValues = { loginId: form === 'per_user' ? (field(body, 'loginId') ?? '') : '', serial: field(body, 'serial') ?? '' };
      const reader = new FormReader();
      let loginId: string | null = null;
      if (form === 'per_user') {
        if (values.loginId === '') reader.add(fail('no_user_selected', 'loginId'));
        else loginId = reader.take(parseLoginId(values.loginId));
      }
      const serial = reader.take(parseSerial(values.serial));
      const otp = reader.take(parseOtp(field(body, 'otp')));
      const pin = reader.take(parseSecretAttempt(field(body, 'confirmPin'), 'confirmPin'));
      if (!reader.ok) return show(reply, admin, values, reader.errors, FORM_ERROR_STATUS);

      const outcome = await registerToken(deps, admin.who, { contractId: admin.contractId, form, loginId, serial, otp, confirmPin: pin });
      if (!outcome.ok) {
        const triesLeft = outcome.code === 'pin_wrong' ? await confirmPinTriesLeft(deps.store, admin.contractId) : undefined;
        return show(reply, admin, values, registrationErrors(outcome), FORM_ERROR_STATUS, undefined, triesLeft);
      }
      const done = form === 'per_user' ? `?done=${encodeURIComponent(loginId ?? '')}` : '?done=1';
      return reply.redirect(`${PATH_OF[form]}${done}`, 303);
    });
  }
}
