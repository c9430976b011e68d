// The 取引認証 QR code as SVG markup, drawn on the server by the `qrcode` package (no script on the page, CSP).
// Its text is the challenge the domain made from the stored draft (signing-challenge.ts), never user input.
import QRCode from 'qrcode';

export function signingQrSvg(qrText: string): Promise<string> {
  // Level M and a quiet zone of 4 modules (ISO/IEC 18004): phone cameras read it from a screen reliably.
  return QRCode.toString(qrText, { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
}
