// The dashboard's bar chart of OTP verifications per hour, drawn on the server as SVG (no script; the CSP
// allows none). Each bar's count is also in its <title> for screen readers.

import type { HourCount } from '../../../domain/lifecycle/lifecycle-store-ports.ts';
import { html, type SafeHtml } from '../../html.ts';

const WIDTH = 720;
const HEIGHT = 200;
const PAD_LEFT = 36;
const PAD_BOTTOM = 24;
const PAD_TOP = 10;

function tokyoHour(ms: number): number {
  return new Date(ms + 9 * 60 * 60 * 1000).getUTCHours();
}

export function verificationChart(hours: readonly HourCount[]): SafeHtml {
  const max = Math.max(1, ...hours.map((h) => h.count));
  const plotHeight = HEIGHT - PAD_BOTTOM - PAD_TOP;
  const slot = (WIDTH - PAD_LEFT) / Math.max(1, hours.length);
  const bar = Math.max(2, slot * 0.7);
  const y = (n: number): number => PAD_TOP + plotHeight - (n / max) * plotHeight;
  const bars = hours.map((h, i) => {
    const x = (PAD_LEFT + i * slot + (slot - bar) / 2).toFixed(1);
    const top = y(h.count);
    return html`<g><title>${tokyoHour(h.hourStartMs)}時台: ${h.count} 件</title>
<rect class="chart-ok" x="${x}" y="${top.toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - top).toFixed(1)}"></rect>
${i % 3 === 0 ? html`<text class="chart-label" x="${(PAD_LEFT + i * slot + slot / 2).toFixed(1)}" y="${HEIGHT - 6}" text-anchor="middle">${tokyoHour(h.hourStartMs)}時</text>` : ''}</g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="chart-title">
<title id="chart-title">直近24時間の時間帯別ワンタイムパスワード検証件数（最大 ${max} 件）</title>
<line class="chart-axis" x1="${PAD_LEFT}" y1="${y(0)}" x2="${WIDTH}" y2="${y(0)}"></line>
<text class="chart-label" x="${PAD_LEFT - 6}" y="${PAD_TOP + 10}" text-anchor="end">${max}</text>
<text class="chart-label" x="${PAD_LEFT - 6}" y="${y(0)}" text-anchor="end">0</text>
${bars}
</svg>
<p class="chart-legend"><span class="legend-swatch legend-ok"></span>検証件数（成功・失敗の合計）</p>`;
}
