// parseCsv: the fallback seed format, read line by line. Same contract as parsePskc: keys are yielded
// as they are read and the first problem throws an ImportError (with its line number), after which
// the caller discards the whole file.
import type { ImportedKey } from './imported-key.ts';
import { ImportError } from './import-error.ts';
import { parseCsvHeader, parseCsvRow, splitCsvFields, type CsvSecretEncoding } from './csv-row.ts';
import { SerialSet } from './serial-set.ts';
import { readLines, type SeedInput } from './text-stream.ts';

const MAX_LINE_LENGTH = 4096;

export async function* parseCsv(input: SeedInput): AsyncGenerator<ImportedKey> {
  let encoding: CsvSecretEncoding | null = null;
  const serials = new SerialSet();
  for await (const { text, lineNo } of readLines(input, MAX_LINE_LENGTH)) {
    if (text.trim() === '') continue;
    let key: ImportedKey;
    let fields: string[] = [];
    try {
      if (encoding === null) {
        encoding = parseCsvHeader(text);
        continue;
      }
      fields = splitCsvFields(text);
      key = parseCsvRow(fields, encoding);
      if (!serials.add(key.serial)) throw new ImportError('duplicate_serial');
    } catch (error) {
      const serial = fields[0] ?? '';
      const where = /^[A-Za-z0-9]{1,32}$/.test(serial) ? { line: lineNo, serial } : { line: lineNo };
      if (error instanceof ImportError) throw error.locatedAt(where);
      throw error;
    }
    yield key;
  }
  if (encoding === null) throw new ImportError('bad_csv', {}, 'empty file: no header line');
}
