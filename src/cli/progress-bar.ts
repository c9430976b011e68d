// A one-line progress bar for long imports, drawn on a terminal only (never into a log file).

import type { Writable } from 'node:stream';

export interface ProgressBar {
  update(bytesDone: number, items: number): void;
  done(items: number): void;
  abort(): void;
}

export function progressBar(out: Writable, totalBytes: number, width = 30): ProgressBar {
  let lastDraw = 0;
  const draw = (bytesDone: number, items: number): void => {
    const ratio = totalBytes > 0 ? Math.min(1, bytesDone / totalBytes) : 1;
    const filled = Math.round(ratio * width);
    out.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(0).padStart(3)}%  ${items.toLocaleString('ja-JP')}件`);
  };
  return {
    update(bytesDone, items) {
      const now = performance.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      draw(bytesDone, items);
    },
    done(items) {
      draw(totalBytes, items);
      out.write('\n');
    },
    abort() {
      out.write('\n');
    },
  };
}
