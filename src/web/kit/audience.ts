// One audience of the site (管理者, 利用者, 職員): its cookies, where its login screen is, and how long a
// session may sit idle. Everything else in kit/ is written once and parameterised by this.

export interface Audience {
  /** A short name for logs and errors: 'admin', 'user', 'bank'. */
  readonly name: string;
  /** The session cookie's base name; behind TLS it gets the `__Host-` prefix. */
  readonly sessionCookie: string;
  /** The login form's own CSRF cookie (double submit), before any session exists. */
  readonly loginCsrfCookie: string;
  /** Where a request without a session is sent; `?expired=1` is added after an idle timeout. */
  readonly loginPath: string;
  /** The idle timeout the audience's sessions keep (enforced by its domain resume function). */
  readonly idleTimeoutMs: number;
  /** Set behind TLS: cookies get Secure and the `__Host-` prefix. */
  readonly secure: boolean;
}

export interface AudienceCookies {
  readonly session: string;
  readonly loginCsrf: string;
}

/** Behind TLS the `__Host-` prefix makes the browser insist on Secure, Path=/ and no Domain. */
export function cookiesOf(audience: Audience): AudienceCookies {
  const prefix = audience.secure ? '__Host-' : '';
  return { session: `${prefix}${audience.sessionCookie}`, loginCsrf: `${prefix}${audience.loginCsrfCookie}` };
}

export function cookieOptionsOf(audience: Pick<Audience, 'secure'>): { path: string; httpOnly: true; sameSite: 'strict'; secure: boolean } {
  return { path: '/', httpOnly: true, sameSite: 'strict', secure: audience.secure };
}
