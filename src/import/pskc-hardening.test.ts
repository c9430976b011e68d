import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parsePskc } from './pskc.ts';
import { chunks, collect, failure } from './test-support.ts';

const SECRET = 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA='; // "12345678901234567890"

interface DocParts {
  algorithm?: string;
  parameters?: string;
  data?: string;
  policy?: string;
  header?: string;
  serial?: string;
}

/** A one-key plaintext container in the shape of RFC 6030 Figure 3, with parts replaced. */
function doc(parts: DocParts = {}): string {
  const {
    algorithm = 'urn:ietf:params:xml:ns:keyprov:pskc:hotp',
    parameters = '<ResponseFormat Length="6" Encoding="DECIMAL"/>',
    data = `<Secret><PlainValue>${SECRET}</PlainValue></Secret><Counter><PlainValue>5</PlainValue></Counter>`,
    policy = '',
    header = '',
    serial = '<SerialNo>123456789</SerialNo>',
  } = parts;
  return `<?xml version="1.0" encoding="UTF-8"?>
<KeyContainer Version="1.0" xmlns="urn:ietf:params:xml:ns:keyprov:pskc">${header}
  <KeyPackage><DeviceInfo>${serial}</DeviceInfo>
    <Key Id="1" Algorithm="${algorithm}"><AlgorithmParameters>${parameters}</AlgorithmParameters>
      <Data>${data}</Data>${policy}</Key></KeyPackage>
</KeyContainer>`;
}

async function codeOf(xml: string | Buffer, chunkBytes = 50): Promise<string> {
  return (await failure(parsePskc(chunks(xml, chunkBytes)))).code;
}

describe('parsePskc accepts the baseline document', () => {
  it('reads the counter, the default SHA1 hash and 6 digits from the baseline document', async () => {
    const [key] = await collect(parsePskc(chunks(doc())));
    assert.deepEqual([key?.serial, key?.counter, key?.params], ['123456789', 5n, { type: 'hotp', algorithm: 'SHA1', digits: 6 }]);
  });

  it('gives the same result whether the file arrives in 1-byte chunks or all at once', async () => {
    const whole = await collect(parsePskc(chunks(doc(), 1 << 20)));
    const bytewise = await collect(parsePskc(chunks(doc(), 1)));
    assert.deepEqual(bytewise, whole);
  });

  it('accepts a counter of 2^63 - 1, the largest the inventory stores, and refuses 2^63, 2^64 and -1 with the key package number', async () => {
    const counter = (n: string): string => `<Secret><PlainValue>${SECRET}</PlainValue></Secret><Counter><PlainValue>${n}</PlainValue></Counter>`;
    const [key] = await collect(parsePskc(chunks(doc({ data: counter('9223372036854775807') }))));
    assert.equal(key?.counter, 9223372036854775807n);
    for (const n of ['9223372036854775808', '18446744073709551615', '18446744073709551616', '-1']) {
      const error = await failure(parsePskc(chunks(doc({ data: counter(n) }))));
      assert.deepEqual([error.code, error.position.keyPackage], ['bad_counter', 1], n);
    }
  });
});

describe('parsePskc refuses what it cannot import safely', () => {
  const cases: [string, string | Buffer, string][] = [
    ['a DOCTYPE split over 1-byte chunks', doc().replace('?>', '?><!DOCTYPE KeyContainer>'), 'dtd_forbidden'],
    ['an internal entity used in a value', doc().replace('?>', '?><!DOCTYPE x [<!ENTITY s "1">]>').replace('123456789', '&s;'), 'dtd_forbidden'],
    ['a root element other than KeyContainer', '<?xml version="1.0"?><Keys xmlns="urn:ietf:params:xml:ns:keyprov:pskc"/>', 'bad_xml'],
    ['a KeyContainer outside the PSKC namespace', '<KeyContainer Version="1.0"/>', 'unknown_namespace'],
    ['a missing Version', doc().replace(' Version="1.0"', ''), 'bad_version'],
    ['bytes that are not UTF-8', Buffer.concat([Buffer.from(doc().slice(0, 60)), Buffer.from([0xff, 0xfe]), Buffer.from(doc().slice(60))]), 'bad_encoding'],
    ['a declared encoding other than UTF-8', doc().replace('UTF-8', 'Shift_JIS'), 'bad_encoding'],
    ['a text run of more than 1 MiB', doc().replace('123456789', 'A'.repeat(1_100_000)), 'bad_xml'],
    ['a file cut short', doc().slice(0, -20), 'bad_xml'],
    ['an empty file', '', 'bad_xml'],
    ['two Key elements in one KeyPackage', doc().replace('</Key></KeyPackage>', '</Key><Key Algorithm="x"/></KeyPackage>'), 'bad_xml'],
    ['a KeyPackage without a Key', doc().replace(/<Key Id[\s\S]*<\/Key>/, ''), 'key_element_missing'],
    ['a key agreement header (xenc:AgreementMethod)', doc({ header: '<EncryptionKey><xenc:AgreementMethod xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" Algorithm="http://www.w3.org/2009/xmlenc11#ECDH-ES"/></EncryptionKey>' }), 'unsupported_encryption'],
    ['an OCRA ChallengeFormat', doc({ parameters: '<ChallengeFormat Encoding="DECIMAL" Min="8" Max="8"/><ResponseFormat Length="6" Encoding="DECIMAL"/>' }), 'unknown_algorithm'],
    ['an unknown Suite hash', doc({ parameters: '<Suite>HMAC-MD5</Suite><ResponseFormat Length="6" Encoding="DECIMAL"/>' }), 'unknown_algorithm'],
    ['the PIN algorithm URN of another vendor', doc({ algorithm: 'http://www.ietf.org/keyprov/pskc#hotp' }), 'unknown_algorithm'],
    ['a hexadecimal response', doc({ parameters: '<ResponseFormat Length="6" Encoding="HEXADECIMAL"/>' }), 'bad_digits'],
    ['a response with a Luhn check digit', doc({ parameters: '<ResponseFormat Length="6" Encoding="DECIMAL" CheckDigits="true"/>' }), 'bad_digits'],
    ['5 digits', doc({ parameters: '<ResponseFormat Length="5" Encoding="DECIMAL"/>' }), 'bad_digits'],
    ['no ResponseFormat', doc({ parameters: '' }), 'bad_digits'],
    ['a TOTP step of 45 seconds', doc({ algorithm: 'urn:ietf:params:xml:ns:keyprov:pskc#totp', data: `<Secret><PlainValue>${SECRET}</PlainValue></Secret><TimeInterval><PlainValue>45</PlainValue></TimeInterval>` }), 'bad_step'],
    ['a TimeDrift that is not an integer', doc({ data: `<Secret><PlainValue>${SECRET}</PlainValue></Secret><TimeDrift><PlainValue>x</PlainValue></TimeDrift>` }), 'bad_time'],
    ['an encrypted Counter', doc({ data: `<Secret><PlainValue>${SECRET}</PlainValue></Secret><Counter><EncryptedValue/></Counter>` }), 'unsupported_encryption'],
    ['a PlainValue secret that is not base64', doc({ data: '<Secret><PlainValue>MTIz*DU2</PlainValue></Secret>' }), 'bad_secret'],
    ['an unknown Policy child in a vendor namespace', doc({ policy: '<Policy><v:Geo xmlns:v="urn:example:vendor">JP</v:Geo></Policy>' }), 'unknown_policy'],
    ['a NumberOfTransactions limit', doc({ policy: '<Policy><NumberOfTransactions>10</NumberOfTransactions></Policy>' }), 'unsupported_policy'],
    ['an ExpiryDate without a time zone', doc({ policy: '<Policy><ExpiryDate>2030-01-01T00:00:00</ExpiryDate></Policy>' }), 'bad_date'],
    ['a StartDate after the ExpiryDate', doc({ policy: '<Policy><StartDate>2031-01-01T00:00:00Z</StartDate><ExpiryDate>2030-01-01T00:00:00Z</ExpiryDate></Policy>' }), 'bad_date'],
    ['a serial with a hyphen', doc({ serial: '<SerialNo>1234-5678</SerialNo>' }), 'bad_serial'],
    ['a serial of 33 characters', doc({ serial: `<SerialNo>${'1'.repeat(33)}</SerialNo>` }), 'bad_serial'],
    ['a control character reference (not XML 1.0)', doc({ serial: '<SerialNo>1</SerialNo><Model>hw&#x1;</Model>' }), 'bad_xml'],
    ['a Model of 65 characters', doc({ serial: `<SerialNo>1</SerialNo><Model>${'m'.repeat(65)}</Model>` }), 'bad_device_info'],
    ['a MACMethod after the first KeyPackage', doc().replace('</KeyContainer>', '<MACMethod/></KeyContainer>'), 'bad_xml'],
  ];
  for (const [what, xml, code] of cases) {
    it(`refuses ${what} with ${code}`, async () => {
      assert.equal(await codeOf(xml, what.includes('1-byte') ? 1 : 50), code);
    });
  }

  it('accepts a device-local PINPolicy, a KeyUsage of OTP and a vendor element outside Policy', async () => {
    const policy = '<Policy><PINPolicy PINUsageMode="Local" MinLength="4"/><KeyUsage>OTP</KeyUsage></Policy><v:Note xmlns:v="urn:example:vendor"/>';
    assert.equal((await collect(parsePskc(chunks(doc({ policy }))))).length, 1);
  });
});
