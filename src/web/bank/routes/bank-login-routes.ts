// 職員ログイン (職員ID + パスワード), then ワンタイムパスワード, or at the first login the enrolment of the
// authenticator; ログアウト. Each step gets a new session id (no fixation); only a finished login reaches
// the console's screens.

import QRCode from 'qrcode';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainDeps } from '../../../domain/deps.ts';
import { checkStaffOtp, checkStaffPassword, confirmStaffEnrolment } from '../../../domain/staff-login.ts';
import { endStaffSession, startStaffSession } from '../../../domain/staff-sessions.ts';
import { base32, otpauthUri, pendingSecretName } from '../../../domain/staff-totp.ts';
import { parseOtp } from '../../../domain/inputs.ts';
import { parseStaffId } from '../../../domain/staff-inputs.ts';
import { field, FORM_ERROR, FormReader, type FieldErrors } from '../../form.ts';
import type { Audience } from '../../kit/audience.ts';
import { loginCsrfToken } from '../../kit/csrf.ts';
import { beginSession, checkLoginPost, previousSessionId } from '../../kit/login-gate.ts';
import { clearSessionCookie, setSessionCookie } from '../../kit/session-hook.ts';
import type { LoginRateLimit } from '../../login-rate-limit.ts';
import { FORM_ERROR_STATUS, sendPage } from '../../respond.ts';
import { requireStage, staffOf, staffSlot, type StaffContext } from '../bank-session.ts';
import { pageSessionOf } from '../bank-respond.ts';
import { bankEnrolPage } from '../views/bank-enrol-page.ts';
import { bankLoginPage, bankOtpPage } from '../views/bank-login-pages.ts';

export interface BankLoginOptions {
  readonly audience: Audience;
  readonly rateLimit: LoginRateLimit;
  /** The guarded scope's hooks for the login steps' POSTs (CSRF of the step's session). */
  readonly stepHooks: readonly ((request: FastifyRequest) => Promise<void>)[];
}

export function bankLoginRoutes(app: FastifyInstance, deps: DomainDeps, o: BankLoginOptions): void {
  const { audience } = o;
  const showLogin = (request: FastifyRequest, reply: FastifyReply, status: number, staffId: string, errors: FieldErrors, info?: 'logged_out'): FastifyReply =>
    sendPage(reply, bankLoginPage({ csrfToken: loginCsrfToken(audience, request, reply), staffId, errors, ...(info === undefined ? {} : { info }) }), status);

  app.get('/', { config: { staffAction: 'view' } }, async (request, reply) => (staffSlot.of(request)?.session.stage === 'active' ? reply.redirect('/bank/dashboard', 303) : reply.redirect('/bank/login', 303)));

  app.get('/login', { config: { staffAction: 'login' } }, async (request, reply) => {
    if (staffSlot.of(request)?.session.stage === 'active') return reply.redirect('/bank/dashboard', 303);
    const errors: FieldErrors = field(request.query, 'expired') === '1' ? { [FORM_ERROR]: 'session_expired' } : {};
    return showLogin(request, reply, 200, '', errors, field(request.query, 'done') === 'logout' ? 'logged_out' : undefined);
  });

  app.post('/login', { config: { staffAction: 'login' } }, async (request, reply) => {
    const typed = field(request.body, 'staffId')?.trim().slice(0, 20) ?? '';
    if (staffSlot.of(request)?.session.stage === 'active') return showLogin(request, reply, 403, typed, { [FORM_ERROR]: 'staff_forbidden' });
    const refused = await checkLoginPost(audience, request, deps, o.rateLimit, typed === '' ? null : typed);
    if (refused !== null) {
      if (refused.status === 429) reply.header('retry-after', String(refused.retryAfterSeconds));
      return showLogin(request, reply, refused.status, typed, { [FORM_ERROR]: refused.code });
    }
    const form = new FormReader();
    const staffId = form.take(parseStaffId(field(request.body, 'staffId')));
    const password = field(request.body, 'password') ?? '';
    if (password === '') form.add({ ok: false, code: 'required', field: 'password' });
    if (!form.ok) return showLogin(request, reply, FORM_ERROR_STATUS, typed, form.errors);
    const checked = await checkStaffPassword(deps, request.ip, staffId, password.slice(0, 64));
    if (!checked.ok) return showLogin(request, reply, FORM_ERROR_STATUS, staffId, { [FORM_ERROR]: checked.code });
    const stage = checked.staff.mustEnrol ? 'enrol' : 'otp';
    const session = await startStaffSession(deps, staffId, stage, previousSessionId(audience, request));
    beginSession(reply, audience, session.id);
    return reply.redirect(stage === 'enrol' ? '/bank/enrol' : '/bank/login/otp', 303);
  });

  // The steps after the password: their own guard (the session's stage) and CSRF check.
  app.register(async (steps) => {
    const finish = async (request: FastifyRequest, reply: FastifyReply, c: StaffContext): Promise<FastifyReply> => {
      // ASVS 5.0 7.2.4: a new session id once the login is complete.
      const active = await startStaffSession(deps, c.staff.id, 'active', previousSessionId(audience, request));
      setSessionCookie(reply, audience, active.id);
      return reply.redirect('/bank/dashboard', 303);
    };

    steps.register(async (otp) => {
      otp.addHook('preHandler', requireStage(audience, 'otp'));
      for (const hook of o.stepHooks) otp.addHook('preHandler', hook);
      otp.get('/login/otp', { config: { staffAction: 'login' } }, async (request, reply) => sendPage(reply, bankOtpPage(pageSessionOf(staffOf(request), false), {})));
      otp.post('/login/otp', { config: { staffAction: 'login' } }, async (request, reply) => {
        const c = staffOf(request);
        const code = parseOtp(field(request.body, 'otp'));
        if (!code.ok) return sendPage(reply, bankOtpPage(pageSessionOf(c, false), { otp: code.code }), FORM_ERROR_STATUS);
        const checked = await checkStaffOtp(deps, request.ip, c.staff.id, code.value);
        if (!checked.ok) return sendPage(reply, bankOtpPage(pageSessionOf(c, false), { [checked.field ?? FORM_ERROR]: checked.code }), FORM_ERROR_STATUS);
        return finish(request, reply, c);
      });
    });

    steps.register(async (enrol) => {
      enrol.addHook('preHandler', requireStage(audience, 'enrol'));
      for (const hook of o.stepHooks) enrol.addHook('preHandler', hook);
      const show = async (c: StaffContext, reply: FastifyReply, errors: FieldErrors, status = 200): Promise<FastifyReply> => {
        const pending = c.session.pending;
        if (pending === null) throw new Error('an enrolment session without its pending secret');
        const secret = deps.keyring.open(pendingSecretName(c.session.idHash), pending);
        const qrSvg = await QRCode.toString(otpauthUri(c.staff.id, secret), { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
        return sendPage(reply, bankEnrolPage({ session: pageSessionOf(c, false), qrSvg, secretBase32: base32(secret), errors }), status);
      };
      enrol.get('/enrol', { config: { staffAction: 'login' } }, async (request, reply) => show(staffOf(request), reply, {}));
      enrol.post('/enrol', { config: { staffAction: 'login' } }, async (request, reply) => {
        const c = staffOf(request);
        const code = parseOtp(field(request.body, 'otp'));
        if (!code.ok) return show(c, reply, { otp: code.code }, FORM_ERROR_STATUS);
        const confirmed = await confirmStaffEnrolment(deps, request.ip, c.session, code.value);
        if (!confirmed.ok) return show(c, reply, { [confirmed.field ?? FORM_ERROR]: confirmed.code }, FORM_ERROR_STATUS);
        return finish(request, reply, c);
      });
    });
  });
}

/** ログアウト: among the console's guarded routes (any role may end its own session). */
export function bankLogoutRoute(app: FastifyInstance, deps: DomainDeps, audience: Audience): void {
  app.post('/logout', { config: { staffAction: 'session' } }, async (request, reply) => {
    const c = staffOf(request);
    await endStaffSession(deps, c.who, c.session);
    clearSessionCookie(reply, audience);
    return reply.redirect('/bank/login?done=logout', 303);
  });
}
