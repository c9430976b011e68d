// How a payment was authorised, for its audit entries: a token's serial, or the 利用者確認暗証番号.

/** `signed`: the token's 取引認証番号 (an OCRA response to the payment's own question), not an OTP. */
export type AuthorisedBy = { readonly serial: string; readonly signed?: true } | { readonly userPin: true };

export function authorisedByDetail(by: AuthorisedBy): Record<string, string | boolean> {
  if (!('serial' in by)) return { userPin: true };
  return by.signed === true ? { serial: by.serial, signed: true } : { serial: by.serial };
}
