// Makes encrypted PSKC test files without the importer's code: the openssl command-line tool does every
// cipher it has (CBC, AES and Triple DES key wrap, RSA), and the few it lacks (Camellia key wrap, AES-GCM
// in `openssl enc`) are written here from their RFCs over node:crypto's raw block ciphers. Used by tests only.
import { execFileSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function openssl(args: readonly string[], input: Buffer = Buffer.alloc(0)): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** IV ‖ `openssl enc -<cipher>` output (PKCS #7 padding, which XML Encryption's padding accepts). */
export function opensslCbc(cipher: string, key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  return Buffer.concat([iv, openssl(['enc', `-${cipher}`, '-K', key.toString('hex'), '-iv', iv.toString('hex')], plaintext)]);
}

/** `openssl enc -id-aes128-wrap` and friends (RFC 3394 with -iv A6A6…, RFC 5649 with -iv A65959A6, RFC 3217). */
export function opensslWrap(cipher: string, key: Buffer, plaintext: Buffer, ivHex?: string): Buffer {
  return openssl(['enc', `-${cipher}`, '-K', key.toString('hex'), ...(ivHex === undefined ? [] : ['-iv', ivHex])], plaintext);
}

export function opensslHmac(hash: string, key: Buffer, data: Buffer): Buffer {
  return openssl(['dgst', `-${hash}`, '-mac', 'HMAC', '-macopt', `hexkey:${key.toString('hex')}`, '-binary'], data);
}

/** `openssl pkeyutl -encrypt` to the certificate's key, with -pkeyopt options such as rsa_padding_mode:oaep. */
export function opensslRsaEncrypt(certificatePath: string, plaintext: Buffer, pkeyopts: readonly string[]): Buffer {
  const options = pkeyopts.flatMap((option) => ['-pkeyopt', option]);
  return openssl(['pkeyutl', '-encrypt', '-certin', '-inkey', certificatePath, ...options], plaintext);
}

export interface RsaFiles {
  readonly dir: string;
  readonly keyPath: string;
  readonly certificatePath: string;
  /** The certificate's DER in base64, for EncryptionKey/ds:X509Data/ds:X509Certificate. */
  readonly certificateBase64: string;
}

/** A fresh RSA key (mode 0600) and a self-signed certificate for it, made by openssl genpkey and req. */
export function opensslRsaFiles(bits = 2048): RsaFiles {
  const dir = mkdtempSync(join(tmpdir(), 'bizotp-rsa-'));
  const keyPath = join(dir, 'bank.key.pem');
  const certificatePath = join(dir, 'bank.cert.pem');
  openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', keyPath]);
  openssl(['req', '-new', '-x509', '-key', keyPath, '-subj', '/CN=bizotp test bank', '-days', '2', '-out', certificatePath]);
  const der = openssl(['x509', '-in', certificatePath, '-outform', 'DER']);
  return { dir, keyPath, certificatePath, certificateBase64: der.toString('base64') };
}

/** RFC 3394 §2.2.1 wrap ("index based"), over any 128-bit block cipher in ECB mode; RFC 3657 uses Camellia. */
export function rfc3394Wrap(ecbCipher: string, key: Buffer, plaintext: Buffer): Buffer {
  const n = plaintext.length / 8;
  let a = Buffer.from('a6a6a6a6a6a6a6a6', 'hex');
  const r = Array.from({ length: n }, (_, i) => plaintext.subarray(8 * i, 8 * i + 8));
  for (let j = 0; j <= 5; j++) {
    for (let i = 1; i <= n; i++) {
      const cipher = createCipheriv(ecbCipher, key, null).setAutoPadding(false);
      const b = Buffer.concat([cipher.update(Buffer.concat([a, r[i - 1] as Buffer])), cipher.final()]);
      a = Buffer.from(b.subarray(0, 8));
      a.writeBigUInt64BE(a.readBigUInt64BE(0) ^ BigInt(n * j + i));
      r[i - 1] = b.subarray(8);
    }
  }
  return Buffer.concat([a, ...r]);
}

/** XML Encryption 1.1 §5.2.4 AES-GCM: IV (12 bytes) ‖ ciphertext ‖ tag (16 bytes). */
export function aesGcm(key: Buffer, iv: Buffer, plaintext: Buffer): Buffer {
  const name = key.length === 16 ? 'aes-128-gcm' : key.length === 24 ? 'aes-192-gcm' : 'aes-256-gcm';
  const cipher = createCipheriv(name, key, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

export interface PskcParts {
  readonly encryptionKey?: string;
  readonly macMethod?: string;
  readonly packages: readonly string[];
}

/** A KeyContainer around the given header elements and KeyPackages, written by hand (RFC 6030 §4). */
export function pskcFile(parts: PskcParts): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc"
    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xenc="http://www.w3.org/2001/04/xmlenc#"
    xmlns:xenc11="http://www.w3.org/2009/xmlenc11#">
  ${parts.encryptionKey ?? ''}
  ${parts.macMethod ?? ''}
  ${parts.packages.join('\n  ')}
</KeyContainer>
`;
}

export function macMethod(macAlgorithm: string, keyAlgorithm: string, encryptedMacKey: Buffer): string {
  return `<MACMethod Algorithm="${macAlgorithm}"><MACKey>
    <xenc:EncryptionMethod Algorithm="${keyAlgorithm}"/>
    <xenc:CipherData><xenc:CipherValue>${encryptedMacKey.toString('base64')}</xenc:CipherValue></xenc:CipherData>
  </MACKey></MACMethod>`;
}

/** `<Name><EncryptedValue>…</EncryptedValue><ValueMAC>…</ValueMAC></Name>` for a Data child. */
export function encryptedData(name: string, algorithm: string, cipherValue: Buffer, mac: Buffer | null, methodChildren = ''): string {
  return `<${name}><EncryptedValue>
        <xenc:EncryptionMethod Algorithm="${algorithm}">${methodChildren}</xenc:EncryptionMethod>
        <xenc:CipherData><xenc:CipherValue>${cipherValue.toString('base64')}</xenc:CipherValue></xenc:CipherData>
      </EncryptedValue>${mac === null ? '' : `<ValueMAC>${mac.toString('base64')}</ValueMAC>`}</${name}>`;
}

export interface PackageParts {
  readonly serial: string;
  readonly totp?: boolean;
  readonly suite?: string;
  readonly digits?: number;
  readonly data: string;
}

export function keyPackage(p: PackageParts): string {
  const algorithm = p.totp === true ? 'urn:ietf:params:xml:ns:keyprov:pskc:totp' : 'urn:ietf:params:xml:ns:keyprov:pskc:hotp';
  const suite = p.suite === undefined ? '' : `<Suite>${p.suite}</Suite>`;
  return `<KeyPackage><DeviceInfo><Manufacturer>Independent</Manufacturer><SerialNo>${p.serial}</SerialNo></DeviceInfo>
    <Key Id="${p.serial}" Algorithm="${algorithm}">
      <AlgorithmParameters>${suite}<ResponseFormat Length="${p.digits ?? 6}" Encoding="DECIMAL"/></AlgorithmParameters>
      <Data>${p.data}</Data>
    </Key></KeyPackage>`;
}

export function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bizotp-pskc-')), name);
  writeFileSync(path, text);
  return path;
}
