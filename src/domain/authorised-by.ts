// How a payment was authorised, for its audit entries: a token's serial, or the 利用者確認暗証番号.

export type AuthorisedBy = { readonly serial: string } | { readonly userPin: true };

export function authorisedByDetail(by: AuthorisedBy): Record<string, string | boolean> {
  return 'serial' in by ? { serial: by.serial } : { userPin: true };
}
