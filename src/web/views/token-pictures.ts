// Where to read the シリアル番号 and the ワンタイムパスワード on each kind of token: the seed's pictures of
// hardware token examples 1–3 (【表】 front, 【裏】 back) and the software token for smartphones. Drawn here as
// SVG (no copied images); fixed markup with no user input in it. Colours: orange marks the OTP, blue the serial.

import { html, trusted, type SafeHtml } from '../html.ts';

const OTP_COLOUR = '#b45309';
const SERIAL_COLOUR = '#1d4ed8';
const LABEL_FONT_PX = 11;

type Kind = 'otp' | 'serial';

function colourOf(kind: Kind): string {
  return kind === 'otp' ? OTP_COLOUR : SERIAL_COLOUR;
}

/** A coloured label at (x, y) (its top-left) with a line to the point it names. */
function callout(kind: Kind, x: number, y: number, toX: number, toY: number): string {
  const text = kind === 'otp' ? 'ワンタイムパスワード' : 'シリアル番号';
  const width = text.length * LABEL_FONT_PX + 14;
  const anchorX = Math.min(Math.max(toX, x + 8), x + width - 8);
  const anchorY = toY < y ? y : y + 20;
  const c = colourOf(kind);
  return `<line x1="${toX}" y1="${toY}" x2="${anchorX}" y2="${anchorY}" stroke="${c}" stroke-width="1.5"/>
<circle cx="${toX}" cy="${toY}" r="2.5" fill="${c}"/>
<rect x="${x}" y="${y}" width="${width}" height="20" rx="4" fill="${c}"/>
<text x="${x + width / 2}" y="${y + 14.5}" text-anchor="middle" font-size="${LABEL_FONT_PX}" fill="#fff" class="callout-text">${text}</text>`;
}

/** A dashed frame around the place that shows the value. */
function mark(kind: Kind, x: number, y: number, w: number, h: number): string {
  return `<rect x="${x - 3}" y="${y - 3}" width="${w + 6}" height="${h + 6}" rx="4" fill="none" stroke="${colourOf(kind)}" stroke-width="2" stroke-dasharray="4 3"/>`;
}

function side(label: '【表】' | '【裏】', x: number): string {
  return `<text x="${x}" y="14" font-size="12" font-weight="bold" fill="#1f2937">${label}</text>`;
}

function lcd(x: number, y: number, w: number, h: number, digits: string, fontPx: number): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="3" fill="#c8d5b9" stroke="#3f4a36"/>
<text x="${x + w / 2}" y="${y + h / 2 + fontPx * 0.36}" text-anchor="middle" font-size="${fontPx}" class="lcd-digits" fill="#1c2616">${digits}</text>`;
}

function barcode(x: number, y: number, w: number, h: number): string {
  const bars: string[] = [];
  const widths = [2, 1, 1, 3, 1, 2, 1, 1, 2, 3, 1, 1, 2, 1, 3, 1, 2, 1, 1, 2, 1, 3, 1, 1, 2];
  let at = x;
  for (let i = 0; i < widths.length && at < x + w; i++) {
    const bw = widths[i] ?? 1;
    if (i % 2 === 0) bars.push(`<rect x="${at}" y="${y}" width="${bw}" height="${h}" fill="#111827"/>`);
    at += bw + 1;
  }
  return bars.join('');
}

// ハードウェアトークンの例1: a key-fob with a display and one button; the serial on a label on the back.
const HW1 = `
${side('【表】', 6)}
<g transform="translate(6,24)">
  <rect width="164" height="84" rx="40" fill="#334155"/>
  <circle cx="24" cy="42" r="9" fill="#fff" stroke="#94a3b8"/>
  ${lcd(50, 16, 96, 32, '123456', 19)}
  <circle cx="98" cy="66" r="8" fill="#cbd5e1" stroke="#0f172a"/>
  ${mark('otp', 50, 16, 96, 32)}
</g>
${callout('otp', 10, 124, 70, 75)}
${side('【裏】', 190)}
<g transform="translate(190,24)">
  <rect width="164" height="84" rx="40" fill="#334155"/>
  <circle cx="24" cy="42" r="9" fill="#fff" stroke="#94a3b8"/>
  <rect x="44" y="16" width="106" height="52" rx="3" fill="#fff"/>
  <text x="50" y="28" font-size="8" fill="#374151">S/N</text>
  <text x="97" y="44" text-anchor="middle" font-size="11" class="lcd-digits" fill="#111827">10000000000011</text>
  ${barcode(54, 50, 86, 12)}
  ${mark('serial', 48, 34, 98, 13)}
</g>
${callout('serial', 232, 124, 287, 74)}`;

// ハードウェアトークンの例2: a card with the display top right; the serial printed along the back's edge.
const HW2 = `
${side('【表】', 6)}
<g transform="translate(6,24)">
  <rect width="164" height="100" rx="9" fill="#e2e8f0" stroke="#64748b"/>
  <rect x="12" y="14" width="40" height="10" rx="2" fill="#0f4c81"/>
  ${lcd(80, 12, 72, 26, '123456', 15)}
  <circle cx="28" cy="78" r="10" fill="#0f4c81"/>
  <path d="M25 72 L33 78 L25 84 Z" fill="#fff"/>
  ${mark('otp', 80, 12, 72, 26)}
</g>
${callout('otp', 30, 140, 122, 65)}
${side('【裏】', 190)}
<g transform="translate(190,24)">
  <rect width="164" height="100" rx="9" fill="#e2e8f0" stroke="#64748b"/>
  <rect y="16" width="164" height="18" fill="#475569"/>
  <text x="12" y="88" font-size="9" fill="#1f2937">SERIAL 10000000000012</text>
  ${mark('serial', 10, 79, 114, 12)}
</g>
${callout('serial', 210, 140, 257, 118)}`;

// ハードウェアトークンの例3: a calculator-like token with an 8-digit display and keys; the serial on a sticker.
function keypad(): string {
  const keys: string[] = [];
  const labels = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'C', '0', 'OK'];
  labels.forEach((label, i) => {
    const x = 12 + (i % 3) * 30;
    const y = 54 + Math.floor(i / 3) * 22;
    keys.push(`<rect x="${x}" y="${y}" width="26" height="18" rx="3" fill="#cbd5e1"/><text x="${x + 13}" y="${y + 13}" text-anchor="middle" font-size="9" fill="#111827">${label}</text>`);
  });
  return keys.join('');
}

const HW3 = `
${side('【表】', 6)}
<g transform="translate(6,24)">
  <rect width="116" height="150" rx="12" fill="#1e293b"/>
  ${lcd(10, 12, 96, 30, '12345678', 15)}
  ${keypad()}
  ${mark('otp', 10, 12, 96, 30)}
</g>
${callout('otp', 132, 40, 115, 51)}
${side('【裏】', 276)}
<g transform="translate(276,24)">
  <rect width="116" height="150" rx="12" fill="#1e293b"/>
  <rect x="12" y="50" width="92" height="46" rx="3" fill="#fff"/>
  <text x="18" y="64" font-size="8" fill="#374151">S/N</text>
  <text x="58" y="80" text-anchor="middle" font-size="10" class="lcd-digits" fill="#111827" textLength="82" lengthAdjust="spacingAndGlyphs">10000000000013</text>
  ${barcode(20, 84, 76, 8)}
  ${mark('serial', 15, 71, 86, 12)}
</g>
${callout('serial', 160, 140, 291, 101)}`;

// Digits are fitted to their frames with textLength: their width must not depend on the font installed.
// ソフトウェアトークン（スマートフォン用）: the app shows the current OTP and, below it, its serial number.
const SW = `
<g transform="translate(10,8)">
  <rect width="120" height="220" rx="18" fill="#111827"/>
  <rect x="8" y="24" width="104" height="172" rx="4" fill="#fff"/>
  <rect x="46" y="10" width="28" height="5" rx="2.5" fill="#374151"/>
  <rect x="8" y="24" width="104" height="24" fill="#0f4c81"/>
  <text x="60" y="40" text-anchor="middle" font-size="8.5" fill="#fff">ワンタイムパスワード</text>
  <text x="60" y="94" text-anchor="middle" font-size="24" class="lcd-digits" fill="#0f172a" textLength="68" lengthAdjust="spacingAndGlyphs">123456</text>
  <rect x="20" y="106" width="80" height="5" rx="2.5" fill="#e5e7eb"/>
  <rect x="20" y="106" width="52" height="5" rx="2.5" fill="#0f4c81"/>
  <text x="60" y="124" text-anchor="middle" font-size="7" fill="#6b7280">あと18秒で更新</text>
  <text x="60" y="151" text-anchor="middle" font-size="7.5" fill="#374151">シリアル番号</text>
  <text x="60" y="170" text-anchor="middle" font-size="9.5" class="lcd-digits" fill="#111827" textLength="80" lengthAdjust="spacingAndGlyphs">20000000000001</text>
  <circle cx="60" cy="208" r="6" fill="none" stroke="#4b5563"/>
  ${mark('otp', 22, 74, 76, 26)}
  ${mark('serial', 18, 161, 84, 12)}
</g>
${callout('otp', 150, 60, 111, 95)}
${callout('serial', 150, 192, 115, 175)}`;

interface Picture {
  readonly id: string;
  readonly caption: string;
  readonly description: string;
  readonly viewBox: string;
  readonly body: string;
}

const PICTURES: readonly Picture[] = [
  { id: 'hw1', caption: '①ハードウェアトークンの例1', description: '表面の表示部にワンタイムパスワード、裏面のラベルにシリアル番号が表示されています。', viewBox: '0 0 360 150', body: HW1 },
  { id: 'hw2', caption: '②ハードウェアトークンの例2', description: 'カード表面右上の表示部にワンタイムパスワード、裏面下部にシリアル番号が印字されています。', viewBox: '0 0 360 166', body: HW2 },
  { id: 'hw3', caption: '③ハードウェアトークンの例3', description: '表面上部の表示部に8桁のワンタイムパスワード、裏面のラベルにシリアル番号が表示されています。', viewBox: '0 0 400 180', body: HW3 },
  { id: 'sw', caption: '④ソフトウェアトークン（スマートフォン用）', description: 'アプリ画面の中央にワンタイムパスワード、その下にシリアル番号が表示されています。', viewBox: '0 0 290 236', body: SW },
];

function figure(p: Picture): SafeHtml {
  const titleId = `pic-${p.id}-title`;
  const descId = `pic-${p.id}-desc`;
  return html`<figure class="token-figure">
  ${trusted(`<svg class="token-svg" viewBox="${p.viewBox}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg"><title id="${titleId}">${p.caption}</title><desc id="${descId}">${p.description}</desc>${p.body}</svg>`)}
  <figcaption>${p.caption}</figcaption>
</figure>`;
}

/** The four pictures in the seed's order and arrangement: ① ② / ③ ④. */
export function tokenPictures(): SafeHtml {
  return html`<section class="token-pictures" aria-labelledby="token-pictures-title">
  <h3 id="token-pictures-title" class="subheading">シリアル番号とワンタイムパスワードの表示位置</h3>
  <p class="legend"><span class="legend-otp">ワンタイムパスワード</span><span class="legend-serial">シリアル番号</span>の表示位置を示しています。ハードウェアトークンは【表】にワンタイムパスワード、【裏】にシリアル番号が表示されています。</p>
  <div class="token-figures">${PICTURES.map(figure)}</div>
</section>`;
}
