// Strict base64url (RFC 4648 §5, no padding): Buffer.from(…, 'base64url') skips characters it does not
// know, so the text is checked first and anything else is undefined rather than quietly shortened.

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function decodeBase64Url(text: string): Uint8Array | undefined {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64url');
}
