// Decodes a byte stream (fs.createReadStream, or strings in tests) to UTF-8 text chunk by chunk, and
// splits text into numbered lines, holding at most one chunk and one line at a time.
import { ImportError } from './import-error.ts';

export type SeedInput = AsyncIterable<Buffer | Uint8Array | string>;

/** UTF-8 only (RFC 6030 files are UTF-8 in practice; CSV is defined so); a leading BOM is dropped. */
export async function* decodeUtf8(input: SeedInput): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of input) {
      let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
      if (first && text.length > 0) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      if (text.length > 0) yield text;
    }
    const rest = decoder.decode();
    if (rest.length > 0) yield rest;
  } catch (error) {
    if (error instanceof TypeError && 'code' in error && error.code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw new ImportError('bad_encoding');
    }
    throw error;
  }
}

export interface NumberedLine {
  readonly text: string;
  /** 1-based */
  readonly lineNo: number;
}

/** Splits on LF (a trailing CR is removed). A line longer than `maxLength` is an error, not a buffer. */
export async function* readLines(input: SeedInput, maxLength: number): AsyncGenerator<NumberedLine> {
  let pending = '';
  let lineNo = 0;
  for await (const text of decodeUtf8(input)) {
    pending += text;
    let start = 0;
    for (let newline = pending.indexOf('\n'); newline >= 0; newline = pending.indexOf('\n', start)) {
      yield { text: stripCr(pending.slice(start, newline)), lineNo: ++lineNo };
      start = newline + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLength) throw new ImportError('bad_csv', { line: lineNo + 1 }, 'line too long');
  }
  if (pending.length > 0) yield { text: stripCr(pending), lineNo: ++lineNo };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
